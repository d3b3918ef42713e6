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
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include "qcity/i18n.h"
#include "qcity/alloc.h"
#include "qcity/attach.h"
#include "qcity/store.h"
#include "qcity/text.h"
#include "src/server/cache.h"
#include "src/server/conn.h"
#include "src/server/http.h"
#include "src/server/identify.h"
#include "src/server/pool.h"
#include "src/server/server.h"
#include "src/server/remind_loop.h"
#include "src/server/static.h"
#include "banned.h"

struct server {
	const struct qc_server_config *cfg;
	struct qc_pool pool;
};

/* The server runs TLS itself (set once before the daemon starts). */
static bool srv_tls;

static void req_free(struct qc_req *r)
{
	if (!r)
		return;
	qc_buf_release(&r->body);
	qc_user_release(&r->user);
	json_decref(r->out);
	free(r->raw);
	free(r->file_bytes);
	free(r->param_buf);
	free(r->set_cookie);
	qc_attach_free(r->upload);
	if (r->file_fd >= 0)
		close(r->file_fd);
	free(r->file_type);
	free(r->file_name);
	free(r);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)toe;
	req_free(*con_cls);
	*con_cls = NULL;
	qc_conn_done(c);
}

/* A file to download (qc_reply_file, qc_reply_file_fd): its bytes or
 * descriptor, its type, and a name the browser saves it under (RFC 6266
 * filename*, percent-encoded UTF-8). */
static enum MHD_Result send_file(struct qc_req *r)
{
	static const char hex[] = "0123456789ABCDEF";
	struct MHD_Response *resp;
	enum MHD_Result ret;
	struct qc_buf cd;
	const unsigned char *p;

	if (r->file_bytes) {
		resp = MHD_create_response_from_buffer((size_t)r->file_size,
						       r->file_bytes,
						       MHD_RESPMEM_MUST_FREE);
		if (resp)
			r->file_bytes = NULL; /* the response frees them */
	} else {
		resp = MHD_create_response_from_fd(r->file_size, r->file_fd);
		if (resp)
			r->file_fd = -1; /* the response closes it */
	}
	if (!resp)
		return MHD_NO;
	qc_buf_init(&cd, 4096);
	qc_buf_adds(&cd, "attachment; filename*=UTF-8''");
	for (p = (const unsigned char *)r->file_name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == '_' || *p == '~') {
			qc_buf_add(&cd, (const char *)p, 1);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			qc_buf_add(&cd, e, 3);
		}
	}
	MHD_add_response_header(resp, "Content-Type", r->file_type);
	if (!qc_buf_failed(&cd))
		MHD_add_response_header(resp, "Content-Disposition",
					qc_buf_str(&cd));
	MHD_add_response_header(resp, "Cache-Control", "private, no-store");
	qc_security_headers(resp, srv_tls);
	qc_buf_release(&cd);
	ret = MHD_queue_response(r->conn, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result send_json(struct qc_req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char *text;
	size_t len;

	if ((r->file_bytes || r->file_fd >= 0) && !r->out)
		return send_file(r);
	if (!r->out && !r->raw)
		qc_reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR,
			       "the handler "
			       "gave no answer");
	if (r->raw) {
		text = r->raw;
		len = r->raw_len ? r->raw_len : strlen(text);
		r->raw = NULL;
	} else {
		text = qc_json_text(r->out);
		len = strlen(text);
	}
	resp = MHD_create_response_from_buffer(len, text,
					       MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(resp, "Content-Type",
				r->content_type ?
					r->content_type :
					"application/json; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (r->set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	qc_security_headers(resp, srv_tls);
	ret = MHD_queue_response(r->conn, r->status ? r->status : 200, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void dispatch(struct server *srv, struct qc_req *r)
{
	const struct qc_route *rt;
	bool known;

	r->files_dir = srv->cfg->files_dir;
	rt = qc_route_find(r, &known);
	if (!rt) {
		if (known)
			qc_reply_error(r, MHD_HTTP_METHOD_NOT_ALLOWED,
				       "%s is not"
				       " allowed on %s",
				       r->method, r->path);
		else
			qc_reply_error(r, MHD_HTTP_NOT_FOUND,
				       "no API route %s "
				       "%s (see docs/openapi.yaml)",
				       r->method, r->path);
		return;
	}
	if (r->too_big) {
		qc_reply_error(r, MHD_HTTP_CONTENT_TOO_LARGE,
			       "the body is over "
			       "%d KiB",
			       QC_BODY_MAX / 1024);
		return;
	}
	if (!qc_utf8_valid(qc_buf_str(&r->body), qc_buf_len(&r->body))) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "the body is not valid "
			       "UTF-8");
		return;
	}
	if (!r->upload &&
	    (!strcmp(r->method, "POST") || !strcmp(r->method, "PATCH"))) {
		const char *ct =
			MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						    MHD_HTTP_HEADER_CONTENT_TYPE);
		/* Plain forms from other sites cannot send this type. Open311
		 * takes forms, as its specification has them, and reads no
		 * cookie (identify). */
		bool form = !strncmp(r->path, "/open311/", 9) && ct &&
			    !strncmp(ct, "application/x-www-form-urlencoded",
				     33);
		if (!form && (!ct || strncmp(ct, "application/json", 16))) {
			qc_reply_error(r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
				       "send the body as JSON with Content-Type:"
				       " application/json");
			return;
		}
	}
	r->store = qc_pool_take(&srv->pool, &r->version);
	/* An upload's sender was identified before its body was read. */
	if (!r->upload && !qc_req_identify(r))
		goto out;
	if (rt->roles && !r->signed_in) {
		qc_reply_error(r, MHD_HTTP_UNAUTHORIZED,
			       "sign in first (POST "
			       "/api/login) or send an API token");
		goto out;
	}
	if (rt->roles && !(rt->roles & r->user.role)) {
		qc_reply_error(r, MHD_HTTP_FORBIDDEN, "a %s user may not %s %s",
			       qc_label(qc_user_role_name(r->user.role)),
			       r->method, rt->pattern);
		goto out;
	}
	r->route = rt;
	rt->fn(r);
out:
	if (r->status == MHD_HTTP_FORBIDDEN && r->signed_in)
		qc_audit_account(r, "refused", NULL,
				 qc_xjson_pack("{s:s?}", "reason",
					       json_string_value(
						       json_object_get(r->out,
								       "error"))));
	qc_pool_give(&srv->pool, r->store);
	r->store = NULL;
}

/* Every header and query argument (names and values) valid UTF-8, the
 * path too (libmicrohttpd hands it over decoded), and of the cookies the
 * one we read: other applications on the same host may set cookies of
 * their own, which must not lock users out. */
static enum MHD_Result utf8_value(void *cls, enum MHD_ValueKind kind,
				  const char *key, const char *value)
{
	bool *ok = cls;
	if (kind == MHD_HEADER_KIND && key && !strcasecmp(key, "Cookie"))
		return MHD_YES;
	if ((key && !qc_utf8_valid(key, strlen(key))) ||
	    (value && !qc_utf8_valid(value, strlen(value))))
		*ok = false;
	return *ok ? MHD_YES : MHD_NO;
}

static bool request_utf8(struct MHD_Connection *c, const char *url)
{
	const char *session = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
							  "qc_session");
	bool ok = qc_utf8_valid(url, strlen(url)) &&
		  (!session || qc_utf8_valid(session, strlen(session)));
	if (ok)
		MHD_get_connection_values(c,
					  MHD_HEADER_KIND |
						  MHD_GET_ARGUMENT_KIND,
					  utf8_value, &ok);
	return ok;
}

/* The client's address and scheme; behind the trusted proxy, those it
 * reports (the last X-Forwarded-For entry is the one it saw). */
static void client_of(struct server *srv, struct qc_req *r)
{
	const union MHD_ConnectionInfo *ci;
	const char *proxy = srv->cfg->trusted_proxy, *v, *last;
	unsigned char probe[sizeof(struct in6_addr)];
	char addr[64];

	ci = MHD_get_connection_info(r->conn,
				     MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET,
			  &((const struct sockaddr_in *)ci->client_addr)
				   ->sin_addr,
			  r->addr, sizeof(r->addr));
	r->https = srv_tls;
	if (!proxy || strcmp(proxy, r->addr))
		return;
	v = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
					"X-Forwarded-Proto");
	if (v && !strcmp(v, "https"))
		r->https = true;
	v = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
					"X-Forwarded-For");
	if (!v)
		return;
	last = strrchr(v, ',');
	last = last ? last + 1 : v;
	last += strspn(last, " \t");
	snprintf(addr, sizeof(addr), "%.*s", (int)strcspn(last, " \t"), last);
	if (inet_pton(AF_INET, addr, probe) == 1 ||
	    inet_pton(AF_INET6, addr, probe) == 1)
		snprintf(r->addr, sizeof(r->addr), "%s", addr);
}

/* The requests whose body is a file: attachments, and the registers'
 * imports (larger than QC_BODY_MAX, and read from a file by the
 * library). */
static bool streamed(const char *method, const char *url)
{
	static const char *const paths[] = { "/api/attachments",
					     "/api/equipment/import",
					     "/api/metrology/import",
					     "/api/traceability/import" };
	if (strcmp(method, "POST"))
		return false;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (!strcmp(url, paths[i]))
			return true;
	return false;
}

/* A streamed request (above): the sender is identified and the size
 * checked before the body is read; the body then streams to a temporary
 * file of the attachment store (the route's handler keeps it, as
 * src/server/api_attach.c does, or reads it and lets it go). Returns
 * false after queueing a refusal. */
static bool upload_start(struct server *srv, struct qc_req *r, const char *len)
{
	const struct qc_route *rt;
	struct qc_error err = { 0 };
	bool known, ok = false;

	r->files_dir = srv->cfg->files_dir;
	r->upload_max = srv->cfg->upload_max ? srv->cfg->upload_max :
					       QC_ATTACH_MAX_DEFAULT;
	if (len && strtoull(len, NULL, 10) > r->upload_max) {
		qc_reply_error(r, MHD_HTTP_CONTENT_TOO_LARGE,
			       "the file is larger than the %zu MB limit",
			       r->upload_max >> 20);
		return false;
	}
	rt = qc_route_find(r, &known);
	r->store = qc_pool_take(&srv->pool, &r->version);
	if (!rt || !qc_req_identify(r))
		goto out;
	if (!r->signed_in) {
		qc_reply_error(r, MHD_HTTP_UNAUTHORIZED,
			       "sign in first (POST "
			       "/api/login) or send an API token");
		goto out;
	}
	if (!(rt->roles & r->user.role)) {
		qc_reply_error(r, MHD_HTTP_FORBIDDEN, "a %s user may not %s %s",
			       qc_user_role_name(r->user.role), r->method,
			       rt->pattern);
		goto out;
	}
	if (!r->files_dir) {
		/* Attachments and registers' imports both stream here. */
		qc_reply_error(r, MHD_HTTP_SERVICE_UNAVAILABLE,
			       "this server has no directory for uploaded "
			       "files: start it with --files DIR");
		goto out;
	}
	if (qc_attach_open(r->files_dir, r->upload_max, &r->upload, &err)) {
		qc_reply_fail(r, &err);
		goto out;
	}
	ok = true;
out:
	if (!ok && r->status == MHD_HTTP_FORBIDDEN && r->signed_in)
		qc_audit_account(r, "refused", NULL,
				 qc_xjson_pack("{s:s?}", "reason",
					       json_string_value(
						       json_object_get(r->out,
								       "error"))));
	qc_pool_give(&srv->pool, r->store);
	r->store = NULL;
	return ok;
}

/* A request refused before its body was read (the answer is in r). A
 * client that asked "Expect: 100-continue" waits for it and sends no
 * body; one that did not is already writing, and a connection closed
 * under it makes it fail with a reset instead of reading the answer, so
 * a body up to QC_DRAIN_MAX is read and dropped first. */
static enum MHD_Result refuse_early(struct MHD_Connection *c, struct qc_req *r,
				    const char *len)
{
	const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							 MHD_HTTP_HEADER_EXPECT);
	unsigned long long n = len ? strtoull(len, NULL, 10) : 0;

	if (!expect && n > 0 && n <= QC_DRAIN_MAX) {
		r->draining = true; /* under the connection's deadline */
		return MHD_YES;
	}
	qc_conn_answered(c);
	return send_json(r);
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
		const char *len;
		r = qc_xcalloc(1, sizeof(*r));
		r->conn = c;
		r->method = method;
		r->path = url;
		qc_buf_init(&r->body, QC_BODY_MAX);
		r->file_fd = -1;
		*con_cls = r;
		client_of(srv, r);
		/* Refuse bad bytes before anything reads or echoes them. */
		if (!request_utf8(c, url)) {
			qc_conn_answered(c);
			qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
				       "the path, a "
				       "header, a cookie or a query argument is "
				       "not valid UTF-8");
			return send_json(r);
		}
		len = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						  MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (streamed(method, url)) {
			if (upload_start(srv, r, len))
				return MHD_YES;
			return refuse_early(c, r, len);
		}
		/* Refuse an announced oversized body before reading it. */
		if (len && strtoull(len, NULL, 10) > QC_BODY_MAX) {
			r->too_big = true;
			qc_reply_error(r, MHD_HTTP_CONTENT_TOO_LARGE,
				       "the body "
				       "is over %d KiB",
				       QC_BODY_MAX / 1024);
			return refuse_early(c, r, len);
		}
		return MHD_YES;
	}
	if (r->draining) {
		if (*upload_size) {
			*upload_size = 0;
			return MHD_YES;
		}
		qc_conn_answered(c);
		return send_json(r);
	}
	if (*upload_size && r->upload) {
		/* Past a refused chunk the rest is read and dropped, so that
		 * the sender gets the answer. */
		if (!r->upload_err.code &&
		    qc_attach_write(r->upload, upload, *upload_size,
				    &r->upload_err) &&
		    !r->upload_err.code)
			r->upload_err.code = QC_EIO;
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!qc_buf_add(&r->body, upload, *upload_size))
			r->too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	qc_conn_answered(c);
	if (strncmp(url, "/api/", 5) && strncmp(url, "/open311/", 9))
		return qc_static_serve(c, url, method, srv->cfg->web_dir,
				       srv->cfg->vendor_dir);
	dispatch(srv, r);
	return send_json(r);
}

enum qc_rc qc_server_run(const struct qc_server_config *cfg, FILE *out,
			 struct qc_error *err)
{
	struct server srv = { .cfg = cfg };
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct in_addr proxy;
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *info;
	sigset_t sigs;
	enum qc_rc rc;
	int sig;

	if (cfg->threads < 1 || cfg->threads > QC_THREADS_MAX)
		return qc_error_set(err, QC_EINVAL, "--threads: 1 to %d",
				    QC_THREADS_MAX);
	if (inet_pton(AF_INET, cfg->addr, &sa.sin_addr) != 1)
		return qc_error_set(err, QC_EINVAL,
				    "--listen: '%s' is not an "
				    "IPv4 address",
				    cfg->addr);
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
	srv_tls = cfg->tls_cert && cfg->tls_key;
	qc_api_public_init(cfg->data_dir);
	if ((cfg->tls_cert || cfg->tls_key) && !srv_tls)
		return qc_error_set(err, QC_EINVAL,
				    "give both --tls-cert and "
				    "--tls-key, or neither");
	if (srv_tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "this libmicrohttpd "
				    "was built without TLS: serve behind a proxy"
				    " (--trusted-proxy) instead");
	if (cfg->trusted_proxy &&
	    inet_pton(AF_INET, cfg->trusted_proxy, &proxy) != 1)
		return qc_error_set(err, QC_EINVAL,
				    "--trusted-proxy: '%s' is "
				    "not an IPv4 address",
				    cfg->trusted_proxy);
	qc_static_init(srv_tls);
	if ((rc = qc_pool_open(&srv.pool, cfg->db_path, cfg->threads, err)))
		goto out;
	if (!qc_conn_start()) {
		rc = qc_error_set(err, QC_EIO, "cannot start a thread");
		goto out;
	}
	/* Options after MHD_OPTION_HTTPS_MEM_KEY/CERT are ignored when
	 * those are NULL (MHD_OPTION_END ends the list early): they come
	 * last. */
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC |
				     MHD_USE_ERROR_LOG |
				     (srv_tls ? MHD_USE_TLS : 0),
			     0, NULL, NULL, on_request, &srv,
			     MHD_OPTION_EXTERNAL_LOGGER, qc_conn_log, NULL,
			     MHD_OPTION_SOCK_ADDR, &sa,
			     MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
			     MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
			     MHD_OPTION_NOTIFY_CONNECTION, qc_conn_notify, NULL,
			     MHD_OPTION_CONNECTION_TIMEOUT,
			     (unsigned)QC_CONN_IDLE_SECS,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)QC_CONN_MAX,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT,
			     cfg->per_addr ? cfg->per_addr :
					     (unsigned)QC_CONN_PER_ADDR,
			     MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
			     srv_tls ? MHD_OPTION_HTTPS_MEM_KEY :
				       MHD_OPTION_END,
			     cfg->tls_key, MHD_OPTION_HTTPS_MEM_CERT,
			     cfg->tls_cert, MHD_OPTION_END);
	if (!d) {
		rc = qc_error_set(err, QC_EIO,
				  "cannot listen on %s:%u (is "
				  "another server using the port?%s)",
				  cfg->addr, cfg->port,
				  srv_tls ?
					  " Or the TLS key and "
					  "certificate are not PEM, or do not match" :
					  "");
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(out, "qcity: serving %s://%s:%u/\n", srv_tls ? "https" : "http",
		cfg->addr, info ? info->port : cfg->port);
	fflush(out);
	if (!qc_remind_loop_start(cfg->db_path, cfg->remind_every))
		fprintf(out, "qcity: the reminder thread did not start\n");
	sigwait(&sigs, &sig);
	fprintf(out, "qcity: %s, stopping\n",
		sig == SIGTERM ? "SIGTERM" : "SIGINT");
	fflush(out);
	/* Stop accepting, then let the workers finish what is under way. */
	MHD_quiesce_daemon(d);
	rc = QC_OK;
out:
	qc_remind_loop_stop();
	if (d)
		MHD_stop_daemon(d);
	qc_conn_stop();
	qc_pool_close(&srv.pool);
	qc_cache_release();
	qc_static_release();
	return rc;
}
