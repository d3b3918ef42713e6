/* Who is asking, for the server (identify.h): an API token, Open311's
 * api_key or the session cookie with its CSRF token on writes. */
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "qcity/auth.h"
#include "src/server/cache.h"
#include "src/server/http.h"
#include "src/server/identify.h"
#include "banned.h"

/* The api_key of an Open311 request, from the query or the form body,
 * copied into buf ("" when absent or too long for a token). */
static const char *api_key(struct qc_req *r, char *buf, size_t n)
{
	const char *q = qc_query(r, "api_key");
	json_t *form = q ? NULL : qc_form_body(r);
	const char *v = q    ? q :
			form ? json_string_value(
				       json_object_get(form, "api_key")) :
			       NULL;
	snprintf(buf, n, "%s", v && strlen(v) < n ? v : "");
	json_decref(form);
	return buf;
}

bool qc_req_identify(struct qc_req *r)
{
	const char *auth =
		MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
					    MHD_HTTP_HEADER_AUTHORIZATION);
	const char *cookie = MHD_lookup_connection_value(r->conn,
							 MHD_COOKIE_KIND,
							 "qc_session");
	struct qc_error err = { 0 };
	char csrf[QC_TOKEN_LEN + 1], bearer[QC_TOKEN_LEN + 8];
	const char *token = auth && !strncmp(auth, "Bearer ", 7) ? auth + 7 :
								   NULL;

	/* Open311 clients send api_key (query or form body) and never a
	 * session: a cookie is not read there, so no cross-site form can
	 * act with it. */
	if (!strncmp(r->path, "/open311/", 9)) {
		cookie = NULL;
		if (!token && (token = api_key(r, bearer, sizeof(bearer))) &&
		    !*token)
			token = NULL;
	}
	if (token) {
		if (!qc_cache_user_get(token, r->version, &r->user, csrf)) {
			if (qc_auth_token_user(r->store, token, &r->user,
					       &err)) {
				qc_reply_error(r, MHD_HTTP_UNAUTHORIZED, "%s",
					       err.msg);
				return false;
			}
			qc_cache_user_put(token, r->version, &r->user, "");
		}
		r->signed_in = true;
	} else if (cookie) {
		if (!qc_cache_user_get(cookie, r->version, &r->user, csrf)) {
			if (qc_auth_session(r->store, cookie, &r->user, csrf,
					    &err))
				return true; /* an ended session is none */
			qc_cache_user_put(cookie, r->version, &r->user, csrf);
		}
		r->signed_in = true;
		if (strcmp(r->method, "GET")) {
			const char *got =
				MHD_lookup_connection_value(r->conn,
							    MHD_HEADER_KIND,
							    "X-CSRF-Token");
			if (!got || strlen(got) != QC_TOKEN_LEN ||
			    sodium_memcmp(got, csrf, QC_TOKEN_LEN)) {
				qc_reply_error(r, MHD_HTTP_FORBIDDEN,
					       "missing or "
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
