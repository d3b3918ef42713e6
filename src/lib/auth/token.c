/* API tokens for scripts: named, expiring, revocable, with the time they
 * were last used. A token is random and shown once; only its BLAKE2b hash
 * is stored. Also the small helpers sessions share (clock, tokens). */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qcity/json.h"
#include "qcity/alloc.h"
#include "qcity/auth.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "auth_internal.h"
#include "banned.h"

/* Last-used times are written at most this often per token. */
#define LAST_USED_SECS 60

void qc_auth_iso_at(time_t t, char *buf, size_t n)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void qc_auth_random_token(char *out)
{
	unsigned char raw[QC_TOKEN_LEN / 2];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, QC_TOKEN_LEN + 1, raw, sizeof(raw));
}

void qc_auth_token_hash(const char *token, char *out)
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
			   strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void qc_token_list_release(struct qc_token_list *l)
{
	for (size_t i = 0; l && i < l->n; i++) {
		struct qc_token *t = &l->v[i];
		free(t->user);
		free(t->name);
		free(t->created_at);
		free(t->expires_at);
		free(t->last_used_at);
		free(t->revoked_at);
	}
	if (l) {
		free(l->v);
		memset(l, 0, sizeof(*l));
	}
}

enum qc_rc qc_auth_token_new(struct qc_store *s, int64_t user_id,
			     const char *name, int days, const char *actor,
			     const char *addr, char *token, int64_t *id,
			     char *expires, struct qc_error *err)
{
	char hash[65], now[32], until[32], key[32];
	struct qc_stmt *st = NULL;
	time_t t = time(NULL);
	int64_t tid = 0;
	enum qc_rc rc;

	if (!name || !*name || strlen(name) > 100)
		return qc_error_set(err, QC_EINVAL,
				    "name: give the token a name"
				    " of 1 to 100 characters (what uses it)");
	if (days < 0 || days > QC_TOKEN_DAYS_MAX)
		return qc_error_set(err, QC_EINVAL,
				    "days: a token lives 1 to %d"
				    " days",
				    QC_TOKEN_DAYS_MAX);
	if (sodium_init() < 0)
		return qc_error_set(err, QC_EIO, "libsodium could not start");
	qc_auth_random_token(token);
	qc_auth_token_hash(token, hash);
	qc_auth_iso_at(t, now, sizeof(now));
	qc_auth_iso_at(t + (time_t)(days ? days : QC_TOKEN_DAYS) * 86400, until,
		       sizeof(until));
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO api_tokens (token_hash,"
				  " user_id, name, created_at, expires_at)"
				  " VALUES (?, ?, ?, ?, ?) RETURNING id",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, hash);
	qc_stmt_bind_int(st, 2, user_id);
	qc_stmt_bind_text(st, 3, name);
	qc_stmt_bind_text(st, 4, now);
	qc_stmt_bind_text(st, 5, until);
	if ((rc = qc_stmt_run_id(st, &tid, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)tid);
	rc = qc_audit_add_json(s, actor, "create", "api_token", key, NULL,
			       qc_xjson_pack("{s:I, s:s, s:s, s:s?}", "user_id",
					     (json_int_t)user_id, "name", name,
					     "expires_at", until, "addr", addr),
			       err);
out:
	qc_stmt_free(st);
	if ((rc = qc_store_end(s, rc, err)))
		return rc;
	if (id)
		*id = tid;
	if (expires)
		snprintf(expires, 32, "%s", until);
	return QC_OK;
}

/* Note the use, at most once a minute: a plain statement outside any
 * transaction, so that it neither waits for writers' turns nor moves the
 * data version (it changes nothing anyone reads as data). A failure is
 * not the caller's: the token was good. */
static void mark_used(struct qc_store *s, int64_t id, time_t t)
{
	char now[32], before[32];
	struct qc_stmt *st;

	qc_auth_iso_at(t, now, sizeof(now));
	qc_auth_iso_at(t - LAST_USED_SECS, before, sizeof(before));
	if (qc_stmt_prepare(s,
			    "UPDATE api_tokens SET last_used_at = ? WHERE"
			    " id = ? AND (last_used_at IS NULL OR"
			    " last_used_at < ?)",
			    &st, NULL))
		return;
	qc_stmt_bind_text(st, 1, now);
	qc_stmt_bind_int(st, 2, id);
	qc_stmt_bind_text(st, 3, before);
	qc_stmt_run(st, NULL);
	qc_stmt_free(st);
}

#define USER_COLS                                   \
	"u.id, u.name, u.role, u.unit_id, un.name," \
	" COALESCE(u.region_code, un.region_code)"

enum qc_rc qc_auth_token_user(struct qc_store *s, const char *token,
			      struct qc_user *user, struct qc_error *err)
{
	struct qc_stmt *st;
	char hash[65], now[32];
	time_t t = time(NULL);
	int64_t id = 0;
	enum qc_rc rc = QC_OK;
	enum qc_rc r;

	memset(user, 0, sizeof(*user));
	if (!token || strlen(token) != QC_TOKEN_LEN)
		return qc_error_set(err, QC_ENOTFOUND, "unknown API token");
	qc_auth_token_hash(token, hash);
	qc_auth_iso_at(t, now, sizeof(now));
	r = qc_stmt_row(s,
			"SELECT t.id, " USER_COLS " FROM api_tokens t JOIN"
			" users u ON u.id = t.user_id LEFT JOIN units un ON"
			" un.id = u.unit_id WHERE t.token_hash = ? AND"
			" t.revoked_at IS NULL AND t.expires_at > ?",
			QC_TEXTS(hash, now), &st, err);
	if (r == QC_ROW) {
		id = qc_stmt_int(st, 0);
		qc_auth_user_from_row(st, 1, user);
	} else if (r == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "unknown, expired or "
				  "revoked API token; make a new one with POST "
				  "/api/tokens or `qcity user token create`");
	} else {
		rc = r;
	}
	qc_stmt_free(st);
	if (id)
		mark_used(s, id, t);
	return rc;
}

static char *dup_or_null(struct qc_stmt *st, int col)
{
	return qc_stmt_is_null(st, col) ? NULL :
					  qc_xstrdup(qc_stmt_text(st, col));
}

enum qc_rc qc_auth_token_list(struct qc_store *s, int64_t user_id,
			      struct qc_token_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT t.id, t.user_id, u.name, t.name,"
				  " t.created_at, t.expires_at, t.last_used_at,"
				  " t.revoked_at FROM api_tokens t JOIN users u"
				  " ON u.id = t.user_id WHERE ? = 0 OR"
				  " t.user_id = ? ORDER BY t.id DESC",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, user_id);
	qc_stmt_bind_int(st, 2, user_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct qc_token *t;
		QC_GROW(out->v, out->n + 1, out->alloc);
		t = &out->v[out->n++];
		t->id = qc_stmt_int(st, 0);
		t->user_id = qc_stmt_int(st, 1);
		t->user = qc_xstrdup(qc_stmt_text(st, 2));
		t->name = qc_xstrdup(qc_stmt_text(st, 3));
		t->created_at = qc_xstrdup(qc_stmt_text(st, 4));
		/* Tokens from before migration 9 have no expiry: expired. */
		t->expires_at = qc_xstrdup(qc_stmt_is_null(st, 5) ?
						   t->created_at :
						   qc_stmt_text(st, 5));
		t->last_used_at = dup_or_null(st, 6);
		t->revoked_at = dup_or_null(st, 7);
	}
	if (qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_auth_token_revoke(struct qc_store *s, int64_t id, int64_t owner,
				const char *actor, const char *addr,
				struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char now[32], key[32];
	int64_t user_id = 0;
	bool revoked = false;
	enum qc_rc rc;
	enum qc_rc r;

	qc_auth_iso_at(time(NULL), now, sizeof(now));
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT user_id, CASE WHEN revoked_at IS"
		     " NULL THEN 0 ELSE 1 END FROM api_tokens WHERE id = ? AND (? = 0 OR"
		     " user_id = ?)",
		     &st, err)))
		goto out;
	qc_stmt_bind_int(st, 1, id);
	qc_stmt_bind_int(st, 2, owner);
	qc_stmt_bind_int(st, 3, owner);
	r = qc_stmt_next(st, err);
	if (qc_step_failed(r)) {
		rc = r;
		goto out;
	}
	if (r == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no API token %lld of "
				  "yours (GET /api/tokens or `qcity user token "
				  "list` shows them)",
				  (long long)id);
		goto out;
	}
	user_id = qc_stmt_int(st, 0);
	revoked = qc_stmt_int(st, 1) != 0;
	qc_stmt_free(st);
	st = NULL;
	if (revoked)
		goto out;
	if ((rc = qc_stmt_prepare(s,
				  "UPDATE api_tokens SET revoked_at = ?"
				  " WHERE id = ?",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, now);
	qc_stmt_bind_int(st, 2, id);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)id);
	rc = qc_audit_add_json(s, actor, "revoke", "api_token", key, NULL,
			       qc_xjson_pack("{s:I, s:s, s:s?}", "user_id",
					     (json_int_t)user_id, "revoked_at",
					     now, "addr", addr),
			       err);
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}
