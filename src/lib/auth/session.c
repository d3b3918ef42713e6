/* Sign-in with a rate limit and browser sessions with their CSRF token
 * (API tokens: token.c). Session tokens are random and only their BLAKE2b
 * hash is stored, so a copy of the database does not let anyone in. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qcity/alloc.h"
#include "qcity/auth.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "auth_internal.h"
#include "banned.h"

static enum qc_rc count_failures(struct qc_store *s, const char *column,
				 const char *value, const char *since,
				 int64_t *n, struct qc_error *err)
{
	struct qc_stmt *st;
	char sql[160];
	enum qc_rc rc;

	/* column is one of two fixed names, never input. */
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM login_attempts WHERE"
		 " %s = ? AND at >= ? AND ok = 0",
		 column);
	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, value);
	qc_stmt_bind_text(st, 2, since);
	enum qc_rc r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		*n = qc_stmt_int(st, 0);
	else
		rc = qc_step_failed(r) ? r :
					 qc_error_set(err, QC_EDB,
						      "a count returned "
						      "no row");
	qc_stmt_free(st);
	return rc;
}

static enum qc_rc record_attempt(struct qc_store *s, const char *name,
				 const char *addr, const char *now, bool ok,
				 struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO login_attempts (name, addr,"
				  " at, ok) VALUES (?, ?, ?, ?)",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, name);
	qc_stmt_bind_text(st, 2, addr);
	qc_stmt_bind_text(st, 3, now);
	qc_stmt_bind_int(st, 4, ok);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

static enum qc_rc check_password(struct qc_store *s, const char *name,
				 const char *password, bool *ok,
				 struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	*ok = false;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT password_hash FROM users WHERE"
				  " name = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, name);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		*ok = !crypto_pwhash_str_verify(qc_stmt_text(st, 0), password,
						strlen(password));
	else if (r == QC_DONE) {
		/* An unknown name costs the same check as a known one, so
		 * the time taken does not tell whether a user exists. */
		if (!crypto_pwhash_str_verify(qc_auth_dummy_hash(), password,
					      strlen(password)))
			*ok = false; /* a random password: never */
	} else
		rc = r;
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_auth_login(struct qc_store *s, const char *name,
			 const char *password, const char *addr,
			 struct qc_user *user, char *session, char *csrf,
			 struct qc_error *err)
{
	char now[32], since[32], expires[32], hash[65];
	struct qc_stmt *st = NULL;
	int64_t by_name = 0, by_addr = 0;
	time_t t = time(NULL);
	bool ok = false;
	enum qc_rc rc;

	memset(user, 0, sizeof(*user));
	if (!name || !password || strlen(password) > QC_PASSWORD_MAX)
		return qc_error_set(err, QC_EPERM,
				    "wrong user name or password");
	if (sodium_init() < 0)
		return qc_error_set(err, QC_EIO, "libsodium could not start");
	qc_auth_iso_at(t, now, sizeof(now));
	qc_auth_iso_at(t - QC_LOGIN_WINDOW_MIN * 60, since, sizeof(since));
	qc_auth_iso_at(t + QC_SESSION_HOURS * 3600, expires, sizeof(expires));
	if ((rc = count_failures(s, "name", name, since, &by_name, err)) ||
	    (rc = count_failures(s, "addr", addr, since, &by_addr, err)))
		return rc;
	if (by_name >= QC_LOGIN_MAX_FAILS || by_addr >= QC_LOGIN_MAX_ADDR)
		return qc_error_set(err, QC_EPERM,
				    "too many failed sign-ins; "
				    "wait %d minutes and try again, or ask the "
				    "administrator to reset the password",
				    QC_LOGIN_WINDOW_MIN);
	/* The slow hash check runs outside any transaction so that other
	 * writers do not queue behind it. */
	if ((rc = check_password(s, name, password, &ok, err)))
		return rc;
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = record_attempt(s, name, addr, now, ok, err)))
		goto out;
	if (!ok) {
		/* The attempt is kept: commit it, then refuse. */
		if ((rc = qc_store_commit(s, err)))
			return rc;
		return qc_error_set(err, QC_EPERM,
				    "wrong user name or "
				    "password");
	}
	if ((rc = qc_user_get(s, name, user, err)))
		goto out;
	qc_auth_random_token(session);
	qc_auth_random_token(csrf);
	qc_auth_token_hash(session, hash);
	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO sessions (token_hash,"
				  " user_id, csrf, created_at, expires_at)"
				  " VALUES (?, ?, ?, ?, ?)",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, hash);
	qc_stmt_bind_int(st, 2, user->id);
	qc_stmt_bind_text(st, 3, csrf);
	qc_stmt_bind_text(st, 4, now);
	qc_stmt_bind_text(st, 5, expires);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	rc = qc_audit_add(s, name, "login", "session", name, NULL, NULL, err);
out:
	qc_stmt_free(st);
	if (rc) {
		qc_store_rollback(s);
		qc_user_release(user);
		return rc;
	}
	return qc_store_commit(s, err);
}

#define USER_COLS                                   \
	"u.id, u.name, u.role, u.unit_id, un.name," \
	" COALESCE(u.region_code, un.region_code)"
#define USER_FROM " FROM users u LEFT JOIN units un ON un.id = u.unit_id"

enum qc_rc qc_auth_session(struct qc_store *s, const char *token,
			   struct qc_user *user, char *csrf,
			   struct qc_error *err)
{
	char hash[65], now[32];
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(user, 0, sizeof(*user));
	if (!token || strlen(token) != QC_TOKEN_LEN)
		return qc_error_set(err, QC_ENOTFOUND, "not signed in");
	qc_auth_token_hash(token, hash);
	qc_auth_iso_at(time(NULL), now, sizeof(now));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT s.csrf, " USER_COLS " FROM"
				  " sessions s JOIN users u ON u.id = s.user_id"
				  " LEFT JOIN units un ON un.id = u.unit_id"
				  " WHERE s.token_hash = ? AND s.expires_at > ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, hash);
	qc_stmt_bind_text(st, 2, now);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW) {
		snprintf(csrf, QC_TOKEN_LEN + 1, "%s", qc_stmt_text(st, 0));
		qc_auth_user_from_row(st, 1, user);
	} else if (r == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "the session has ended; "
				  "sign in again");
	} else {
		rc = r;
	}
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_auth_logout(struct qc_store *s, const char *token,
			  const char *actor, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char hash[65];
	enum qc_rc rc;

	if (!token || strlen(token) != QC_TOKEN_LEN)
		return QC_OK;
	qc_auth_token_hash(token, hash);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_stmt_prepare(s,
				  "DELETE FROM sessions WHERE token_hash ="
				  " ? RETURNING user_id",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, hash);
	/* Audited like every change (and the write moves the data version,
	 * so the server's caches forget the session at once). */
	if (qc_stmt_next(st, err) == QC_ROW) {
		char key[32];
		snprintf(key, sizeof(key), "%lld",
			 (long long)qc_stmt_int(st, 0));
		qc_stmt_free(st);
		st = NULL;
		rc = qc_audit_add(s, actor, "logout", "session", key, NULL,
				  NULL, err);
	}
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}
