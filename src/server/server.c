/* The HTTP server: libmicrohttpd with a thread pool on epoll, one store
 * per worker from a small pool, request bodies capped, who is asking
 * resolved from the session cookie (with its CSRF token on writes) or an
 * API token, then the route's handler or a static file of the UI. */
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include "qcity/alloc.h"
#include "qcity/store.h"
#include "src/server/cache.h"
#include "src/server/http.h"
#include "src/server/server.h"
#include "src/server/static.h"
#include "banned.h"

#define QC_THREADS_MAX 64

/* A store per worker: SQLite connections are not shared across threads. */
struct pool {
	pthread_mutex_t lock;
	pthread_cond_t free_one;
	struct qc_store *stores[QC_THREADS_MAX];
	/* The data version query, prepared once per store: it runs on
	 * every API request. */
	struct qc_stmt *version[QC_THREADS_MAX];
	bool busy[QC_THREADS_MAX];
	unsigned n;
};

struct server {
	const struct qc_server_config *cfg;
	struct pool pool;
};

/* A free store, and the data version read through it. */
static struct qc_store *pool_take(struct pool *p, int64_t *version)
{
	struct qc_store *s = NULL;
	struct qc_stmt *st = NULL;
	pthread_mutex_lock(&p->lock);
	while (!s) {
		for (unsigned i = 0; i < p->n && !s; i++)
			if (!p->busy[i]) {
				p->busy[i] = true;
				s = p->stores[i];
				st = p->version[i];
			}
		if (!s)
			pthread_cond_wait(&p->free_one, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	*version = 0;
	if (st && qc_stmt_step(st, NULL) == QC_STEP_ROW)
		*version = qc_stmt_int(st, 0) + 1;   /* 0 stays "unknown" */
	if (st)
		qc_stmt_reset(st);
	return s;
}

static void pool_give(struct pool *p, struct qc_store *s)
{
	pthread_mutex_lock(&p->lock);
	for (unsigned i = 0; i < p->n; i++)
		if (p->stores[i] == s)
			p->busy[i] = false;
	pthread_cond_signal(&p->free_one);
	pthread_mutex_unlock(&p->lock);
}

static void req_free(struct qc_req *r)
{
	if (!r)
		return;
	qc_buf_release(&r->body);
	qc_user_release(&r->user);
	json_decref(r->out);
	free(r->raw);
	free(r->param_buf);
	free(r->set_cookie);
	free(r);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)c, (void)toe;
	req_free(*con_cls);
	*con_cls = NULL;
}

static void common_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
}

static enum MHD_Result send_json(struct qc_req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char *text;

	if (!r->out && !r->raw)
		qc_reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "the handler "
			       "gave no answer");
	if (r->raw) {
		text = r->raw;
		r->raw = NULL;
	} else {
		text = qc_json_text(r->out);
	}
	resp = MHD_create_response_from_buffer(strlen(text), text,
					       MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(resp, "Content-Type",
				"application/json; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (r->set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	common_headers(resp);
	ret = MHD_queue_response(r->conn, r->status ? r->status : 200, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Who is asking: an API token (scripts) or the session cookie (browsers,
 * whose writes must echo the session's CSRF token). Returns false after
 * replying when a credential is given but not valid. */
static bool identify(struct qc_req *r)
{
	const char *auth = MHD_lookup_connection_value(r->conn,
				MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	const char *cookie = MHD_lookup_connection_value(r->conn,
				MHD_COOKIE_KIND, "qc_session");
	struct qc_error err = { 0 };
	char csrf[QC_TOKEN_LEN + 1];

	if (auth && !strncmp(auth, "Bearer ", 7)) {
		if (!qc_cache_user_get(auth + 7, r->version, &r->user, csrf)) {
			if (qc_auth_token_user(r->store, auth + 7, &r->user,
					       &err)) {
				qc_reply_error(r, MHD_HTTP_UNAUTHORIZED, "%s",
					       err.msg);
				return false;
			}
			qc_cache_user_put(auth + 7, r->version, &r->user, "");
		}
		r->signed_in = true;
	} else if (cookie) {
		if (!qc_cache_user_get(cookie, r->version, &r->user, csrf)) {
			if (qc_auth_session(r->store, cookie, &r->user, csrf,
					    &err))
				return true;   /* an ended session is none */
			qc_cache_user_put(cookie, r->version, &r->user, csrf);
		}
		r->signed_in = true;
		if (strcmp(r->method, "GET")) {
			const char *got = MHD_lookup_connection_value(r->conn,
					MHD_HEADER_KIND, "X-CSRF-Token");
			if (!got || strlen(got) != QC_TOKEN_LEN ||
			    sodium_memcmp(got, csrf, QC_TOKEN_LEN)) {
				qc_reply_error(r, MHD_HTTP_FORBIDDEN, "missing or "
					       "wrong X-CSRF-Token header: reload"
					       " the page and try again");
				return false;
			}
		}
	}
	if (r->signed_in)
		snprintf(r->actor, sizeof(r->actor), "web:%s", r->user.name);
	return true;
}

static void dispatch(struct server *srv, struct qc_req *r)
{
	const struct qc_route *rt;
	bool known;

	(void)srv;
	rt = qc_route_find(r, &known);
	if (!rt) {
		if (known)
			qc_reply_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, "%s is not"
				       " allowed on %s", r->method, r->path);
		else
			qc_reply_error(r, MHD_HTTP_NOT_FOUND, "no API route %s "
				       "%s (see docs/openapi.yaml)", r->method,
				       r->path);
		return;
	}
	if (r->too_big) {
		qc_reply_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "the body is over "
			       "%d KiB", QC_BODY_MAX / 1024);
		return;
	}
	if (!strcmp(r->method, "POST") || !strcmp(r->method, "PATCH")) {
		const char *ct = MHD_lookup_connection_value(r->conn,
				MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
		/* Plain forms from other sites cannot send this type. */
		if (!ct || strncmp(ct, "application/json", 16)) {
			qc_reply_error(r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
				       "send the body as JSON with Content-Type:"
				       " application/json");
			return;
		}
	}
	r->store = pool_take(&srv->pool, &r->version);
	if (!identify(r))
		goto out;
	if (rt->roles && !r->signed_in) {
		qc_reply_error(r, MHD_HTTP_UNAUTHORIZED, "sign in first (POST "
			       "/api/login) or send an API token");
		goto out;
	}
	if (rt->roles && !(rt->roles & r->user.role)) {
		qc_reply_error(r, MHD_HTTP_FORBIDDEN, "a %s user may not %s %s",
			       qc_user_role_name(r->user.role), r->method,
			       rt->pattern);
		goto out;
	}
	r->route = rt;
	rt->fn(r);
out:
	pool_give(&srv->pool, r->store);
	r->store = NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct server *srv = cls;
	struct qc_req *r = *con_cls;

	(void)version;
	if (!r) {
		const union MHD_ConnectionInfo *ci;
		const char *len;
		r = qc_xcalloc(1, sizeof(*r));
		r->conn = c;
		r->method = method;
		r->path = url;
		qc_buf_init(&r->body, QC_BODY_MAX);
		ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)
				  ci->client_addr)->sin_addr, r->addr,
				  sizeof(r->addr));
		*con_cls = r;
		len = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
				MHD_HTTP_HEADER_CONTENT_LENGTH);
		/* Refuse an announced oversized body before reading it. */
		if (len && strtoull(len, NULL, 10) > QC_BODY_MAX) {
			r->too_big = true;
			qc_reply_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "the body "
				       "is over %d KiB", QC_BODY_MAX / 1024);
			return send_json(r);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!qc_buf_add(&r->body, upload, *upload_size))
			r->too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (strncmp(url, "/api/", 5))
		return qc_static_serve(c, url, method, srv->cfg->web_dir,
				       srv->cfg->vendor_dir);
	dispatch(srv, r);
	return send_json(r);
}

static enum qc_rc open_pool(struct server *srv, struct qc_error *err)
{
	struct pool *p = &srv->pool;
	enum qc_rc rc;

	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->free_one, NULL);
	for (p->n = 0; p->n < srv->cfg->threads; p->n++) {
		if ((rc = qc_store_open(srv->cfg->db_path, &p->stores[p->n],
					err)))
			return rc;
		if ((rc = qc_stmt_prepare(p->stores[p->n], QC_CACHE_VERSION_SQL,
					  &p->version[p->n], err))) {
			p->n++;
			return rc;
		}
	}
	return QC_OK;
}

static void close_pool(struct pool *p)
{
	for (unsigned i = 0; i < p->n; i++) {
		qc_stmt_free(p->version[i]);
		qc_store_close(p->stores[i]);
	}
	pthread_cond_destroy(&p->free_one);
	pthread_mutex_destroy(&p->lock);
}

enum qc_rc qc_server_run(const struct qc_server_config *cfg, FILE *out,
			 struct qc_error *err)
{
	struct server srv = { .cfg = cfg };
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *info;
	sigset_t sigs;
	enum qc_rc rc;
	int sig;

	if (cfg->threads < 1 || cfg->threads > QC_THREADS_MAX)
		return qc_error_set(err, QC_EINVAL, "--threads: 1 to %d",
				    QC_THREADS_MAX);
	if (inet_pton(AF_INET, cfg->addr, &sa.sin_addr) != 1)
		return qc_error_set(err, QC_EINVAL, "--listen: '%s' is not an "
				    "IPv4 address", cfg->addr);
	sa.sin_port = htons(cfg->port);
	if (sodium_init() < 0)
		return qc_error_set(err, QC_EIO, "libsodium could not start");
	/* jansson seeds its hash tables lazily; do it before the threads. */
	json_object_seed(0);
	/* Workers inherit this mask, so only sigwait below sees the signals. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((rc = open_pool(&srv, err)))
		goto out;
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC |
			     MHD_USE_ERROR_LOG,
			     0, NULL, NULL, on_request, &srv,
			     MHD_OPTION_SOCK_ADDR, &sa,
			     MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
			     MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
			     MHD_OPTION_CONNECTION_TIMEOUT, 30u,
			     MHD_OPTION_CONNECTION_LIMIT, 1000u,
			     MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
			     MHD_OPTION_END);
	if (!d) {
		rc = qc_error_set(err, QC_EIO, "cannot listen on %s:%u (is "
				  "another server using the port?)", cfg->addr,
				  cfg->port);
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(out, "qcity: serving http://%s:%u/\n", cfg->addr,
		info ? info->port : cfg->port);
	fflush(out);
	sigwait(&sigs, &sig);
	fprintf(out, "qcity: %s, stopping\n", sig == SIGTERM ? "SIGTERM" :
		"SIGINT");
	fflush(out);
	/* Stop accepting, then let the workers finish what is under way. */
	MHD_quiesce_daemon(d);
	rc = QC_OK;
out:
	if (d)
		MHD_stop_daemon(d);
	close_pool(&srv.pool);
	qc_cache_release();
	qc_static_release();
	return rc;
}
