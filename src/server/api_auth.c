/* Sign-in, sessions, API tokens and users over HTTP. */
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/auth.h"
#include "qcity/i18n.h"
#include "qcity/remind.h"
#include "qcity/store.h"
#include "src/server/http.h"
#include "banned.h"

static json_t *user_json(const struct qc_user *u)
{
	return qc_xjson_pack("{s:I, s:s, s:s, s:o, s:s?, s:s?}", "id",
			     (json_int_t)u->id, "name", u->name, "role",
			     qc_user_role_name(u->role), "unit_id",
			     u->unit_id ? json_integer(u->unit_id) :
					  json_null(),
			     "unit", u->unit_name, "region",
			     *u->region ? u->region : NULL);
}

void qc_api_health(struct qc_req *r)
{
	/* The web pages speak the server's language (web/i18n.js), also
	 * before sign-in. */
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:s, s:s}", "status", "ok", "lang",
			       qc_i18n_lang()));
}

void qc_api_login(struct qc_req *r)
{
	char session[QC_TOKEN_LEN + 1], csrf[QC_TOKEN_LEN + 1], cookie[160];
	struct qc_error err = { 0 };
	struct qc_user u;
	const char *name, *password;
	json_t *b;

	if (!qc_body_object(r, &b))
		return;
	if (qc_get_str(r, b, "name", true, &name) &&
	    qc_get_str(r, b, "password", true, &password)) {
		if (qc_auth_login(r->store, name, password, r->addr, &u,
				  session, csrf, &err)) {
			qc_reply_fail(r, &err);
			qc_audit_account(r, "login_failed", name,
					 qc_xjson_pack("{s:s}", "reason",
						       err.msg));
		} else {
			qc_audit_account(r, "login", name, NULL);
			snprintf(cookie, sizeof(cookie),
				 "qc_session=%s; Path=/;"
				 " HttpOnly; SameSite=Strict; Max-Age=%d%s",
				 session, QC_SESSION_HOURS * 3600,
				 qc_cookie_secure(r));
			r->set_cookie = qc_xstrdup(cookie);
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:o, s:s}", "user",
					       user_json(&u), "csrf", csrf));
			qc_user_release(&u);
		}
	}
	json_decref(b);
}

void qc_api_logout(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *cookie = MHD_lookup_connection_value(r->conn,
							 MHD_COOKIE_KIND,
							 "qc_session");
	if (cookie && qc_auth_logout(r->store, cookie, r->actor, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	r->set_cookie = qc_xstrdup(
		r->https ? "qc_session=; Path=/; HttpOnly;"
			   " SameSite=Strict; Max-Age=0; Secure" :
			   "qc_session=; Path=/; HttpOnly; "
			   "SameSite=Strict; Max-Age=0");
	qc_reply(r, MHD_HTTP_OK, qc_xjson_pack("{s:b}", "signed_out", 1));
}

void qc_api_me(struct qc_req *r)
{
	char csrf[QC_TOKEN_LEN + 1] = "";
	struct qc_user u;
	const char *cookie = MHD_lookup_connection_value(r->conn,
							 MHD_COOKIE_KIND,
							 "qc_session");
	/* A page reloaded in the browser gets its CSRF token back here;
	 * other sites cannot read this answer (same-origin policy). */
	if (cookie && !qc_auth_session(r->store, cookie, &u, csrf, NULL))
		qc_user_release(&u);
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:o, s:s?}", "user", user_json(&r->user),
			       "csrf", *csrf ? csrf : NULL));
}

void qc_api_token_new(struct qc_req *r)
{
	char token[QC_TOKEN_LEN + 1], expires[32];
	struct qc_error err = { 0 };
	long long days = 0;
	const char *name;
	int64_t id;
	json_t *b;

	if (!qc_body_object(r, &b))
		return;
	if (qc_get_str(r, b, "name", true, &name) &&
	    qc_get_int(r, b, "days", false, &days)) {
		if (days < 0 || days > QC_TOKEN_DAYS_MAX)
			qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
				       "'days': 1 to %d"
				       " (default %d)",
				       QC_TOKEN_DAYS_MAX, QC_TOKEN_DAYS);
		else if (qc_auth_token_new(r->store, r->user.id, name,
					   (int)days, r->actor, r->addr, token,
					   &id, expires, &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_CREATED,
				 qc_xjson_pack("{s:I, s:s, s:s,"
					       " s:s, s:s}",
					       "id", (json_int_t)id, "name",
					       name, "token", token,
					       "expires_at", expires, "use",
					       "send it as the header Authorization: Bearer "
					       "TOKEN; it is shown once"));
		sodium_memzero(token, sizeof(token));
	}
	json_decref(b);
}

static json_t *token_json(const struct qc_token *t)
{
	return qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?}", "id",
			     (json_int_t)t->id, "user", t->user, "name",
			     t->name, "created_at", t->created_at, "expires_at",
			     t->expires_at, "last_used_at", t->last_used_at,
			     "revoked_at", t->revoked_at);
}

void qc_api_tokens(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_token_list l;
	const char *all = qc_query(r, "all");
	int64_t owner = r->user.id;
	json_t *a;

	/* ?all=1: an administrator sees everyone's. */
	if (all && !strcmp(all, "1")) {
		if (r->user.role != QC_USER_ADMIN) {
			qc_reply_error(r, MHD_HTTP_FORBIDDEN,
				       "only an "
				       "administrator lists every user's tokens");
			return;
		}
		owner = 0;
	}
	if (qc_auth_token_list(r->store, owner, &l, &err)) {
		qc_reply_fail(r, &err);
	} else {
		a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, token_json(&l.v[i]));
		qc_reply(r, MHD_HTTP_OK, a);
	}
	qc_token_list_release(&l);
}

void qc_api_token_revoke(struct qc_req *r)
{
	struct qc_error err = { 0 };
	int64_t id;

	if (!qc_param_id(r, 0, &id))
		return;
	/* One's own tokens; an administrator's reach every user's. */
	if (qc_auth_token_revoke(r->store, id,
				 r->user.role == QC_USER_ADMIN ? 0 : r->user.id,
				 r->actor, r->addr, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK,
			 qc_xjson_pack("{s:I, s:b}", "id", (json_int_t)id,
				       "revoked", 1));
}

void qc_api_users(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_user_list l;
	json_t *a;

	if (qc_user_list(r->store, &l, &err)) {
		qc_reply_fail(r, &err);
	} else {
		a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, user_json(&l.v[i]));
		qc_reply(r, MHD_HTTP_OK, a);
	}
	qc_user_list_release(&l);
}

void qc_api_user_add(struct qc_req *r)
{
	const char *name, *password, *role, *unit = NULL, *region, *email;
	struct qc_error err = { 0 };
	enum qc_user_role rl;
	enum qc_rc rc;
	long long unit_id = 0;
	char ubuf[24];
	int64_t id;
	json_t *b;

	if (!qc_body_object(r, &b))
		return;
	if (!qc_get_str(r, b, "name", true, &name) ||
	    !qc_get_str(r, b, "password", true, &password) ||
	    !qc_get_str(r, b, "role", true, &role) ||
	    !qc_get_int(r, b, "unit_id", false, &unit_id) ||
	    !qc_get_str(r, b, "region", false, &region) ||
	    !qc_get_str(r, b, "email", false, &email))
		goto out;
	if (!qc_user_role_parse(role, &rl)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "'role' is one of admin,"
			       " office, unit, region, viewer");
		goto out;
	}
	if (unit_id) {
		snprintf(ubuf, sizeof(ubuf), "%lld", unit_id);
		unit = ubuf;
	}
	/* The user and its reminder address (docs/reminders.md): both or
	 * neither. */
	if (!(rc = qc_store_begin(r->store, &err))) {
		rc = qc_user_add(r->store, name, password, rl, unit, region,
				 r->actor, &id, &err);
		if (!rc && email)
			rc = qc_user_set_email(r->store, name, email, r->actor,
					       &err);
		rc = qc_store_end(r->store, rc, &err);
	}
	if (rc)
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED,
			 qc_xjson_pack("{s:I, s:s}", "id", (json_int_t)id,
				       "name", name));
out:
	json_decref(b);
}
