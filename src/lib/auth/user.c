/* Users and their roles: add, list, change a password (the demo's
 * accounts are made in src/lib/demo/demo_users.c). Passwords are checked with libpwquality and hashed with
 * argon2id (libsodium). */
#include <jansson.h>
#include <pthread.h>
#include <pwquality.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/json.h"
#include "qcity/alloc.h"
#include "qcity/auth.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "auth_internal.h"
#include "banned.h"

static const struct {
	enum qc_user_role role;
	const char *name;
} roles[] = {
	{ QC_USER_ADMIN, "admin" },   { QC_USER_OFFICE, "office" },
	{ QC_USER_UNIT, "unit" },     { QC_USER_REGION, "region" },
	{ QC_USER_VIEWER, "viewer" },
};

const char *qc_user_role_name(enum qc_user_role r)
{
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (roles[i].role == r)
			return roles[i].name;
	return "viewer";
}

bool qc_user_role_parse(const char *s, enum qc_user_role *out)
{
	for (size_t i = 0; s && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (!strcmp(s, roles[i].name)) {
			*out = roles[i].role;
			return true;
		}
	return false;
}

void qc_user_release(struct qc_user *u)
{
	if (!u)
		return;
	free(u->name);
	free(u->unit_name);
	memset(u, 0, sizeof(*u));
}

void qc_user_list_release(struct qc_user_list *l)
{
	for (size_t i = 0; l && i < l->n; i++)
		qc_user_release(&l->v[i]);
	if (l) {
		free(l->v);
		memset(l, 0, sizeof(*l));
	}
}

void qc_auth_user_from_row(struct qc_stmt *st, int col, struct qc_user *u)
{
	const char *region = qc_stmt_text(st, col + 5);
	memset(u, 0, sizeof(*u));
	u->id = qc_stmt_int(st, col);
	u->name = qc_xstrdup(qc_stmt_text(st, col + 1));
	if (!qc_user_role_parse(qc_stmt_text(st, col + 2), &u->role))
		u->role = QC_USER_VIEWER;
	u->unit_id = qc_stmt_is_null(st, col + 3) ? 0 :
						    qc_stmt_int(st, col + 3);
	u->unit_name = qc_xstrdup(qc_stmt_text(st, col + 4));
	snprintf(u->region, sizeof(u->region), "%s", region ? region : "");
}

enum qc_rc qc_password_check(const char *name, const char *password,
			     struct qc_error *err)
{
	char msg[PWQ_MAX_ERROR_MESSAGE_LEN];
	size_t n = password ? strlen(password) : 0;
	pwquality_settings_t *pq;
	void *aux = NULL;
	int r;

	if (n < QC_PASSWORD_MIN || n > QC_PASSWORD_MAX)
		return qc_error_set(err, QC_EINVAL,
				    "password: use %d to %d "
				    "characters (a few unrelated words make a "
				    "good one)",
				    QC_PASSWORD_MIN, QC_PASSWORD_MAX);
	/* Our settings, not /etc/security/pwquality.conf: the rules are
	 * the platform's, the same on every machine. */
	if (!(pq = pwquality_default_settings()))
		return qc_error_set(err, QC_EIO,
				    "libpwquality could not start");
	pwquality_set_int_value(pq, PWQ_SETTING_MIN_LENGTH, QC_PASSWORD_MIN);
	pwquality_set_int_value(pq, PWQ_SETTING_DIG_CREDIT, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_UP_CREDIT, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_LOW_CREDIT, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_OTH_CREDIT, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_DICT_CHECK, 1);
	pwquality_set_int_value(pq, PWQ_SETTING_USER_CHECK, 1);
	pwquality_set_int_value(pq, PWQ_SETTING_GECOS_CHECK, 0);
	r = pwquality_check(pq, password, NULL, name, &aux);
	pwquality_free_settings(pq);
	if (r >= 0)
		return QC_OK;
	/* The reason is in msg or a constant; it frees aux. */
	const char *why = pwquality_strerror(msg, sizeof(msg), r, aux);
	return qc_error_set(err, QC_EINVAL,
			    "password: %s; choose another "
			    "(a few unrelated words make a good one)",
			    why ? why : "refused");
}

static enum qc_rc hash_password(const char *password,
				char out[crypto_pwhash_STRBYTES],
				struct qc_error *err)
{
	size_t n = password ? strlen(password) : 0;
	if (!n || n > QC_PASSWORD_MAX)
		return qc_error_set(err, QC_EINVAL,
				    "password: use %d to %d "
				    "characters",
				    QC_PASSWORD_MIN, QC_PASSWORD_MAX);
	if (sodium_init() < 0)
		return qc_error_set(err, QC_EIO, "libsodium could not start");
	/* crypto_pwhash_str uses argon2id with these limits (libsodium's
	 * interactive profile: 64 MiB, about a tenth of a second). The unit
	 * tests, which run under valgrind, set QCITY_PWHASH_FAST for the
	 * minimum cost; the hash stays argon2id and records its cost. */
	bool fast = getenv("QCITY_PWHASH_FAST") != NULL;
	if (crypto_pwhash_str(out, password, n,
			      fast ? crypto_pwhash_OPSLIMIT_MIN :
				     crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      fast ? crypto_pwhash_MEMLIMIT_MIN :
				     crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return qc_error_set(err, QC_EIO,
				    "password hashing ran out of "
				    "memory (it needs 64 MiB)");
	return QC_OK;
}

static char dummy[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	char pw[QC_TOKEN_LEN + 1];
	qc_auth_random_token(pw);
	if (hash_password(pw, dummy, NULL))
		snprintf(dummy, sizeof(dummy), "%s", "$argon2id$");
}

const char *qc_auth_dummy_hash(void)
{
	pthread_once(&dummy_once, dummy_make);
	return dummy;
}

/* The unit a reporter is bound to: an id, or "REGION/NAME", or NAME in
 * `region`. */
static enum qc_rc resolve_unit(struct qc_store *s, const char *unit,
			       const char *region, int64_t *id,
			       struct qc_error *err)
{
	const char *slash = strchr(unit, '/');
	char code[QC_REGION_CODE_SIZE], *where;
	enum qc_rc rc;

	if (unit[0] && strspn(unit, "0123456789") == strlen(unit)) {
		struct qc_stmt *st;
		*id = atoll(unit);
		if ((rc = qc_stmt_prepare(s,
					  "SELECT id FROM units WHERE id = ?",
					  &st, err)))
			return rc;
		qc_stmt_bind_int(st, 1, *id);
		enum qc_rc r = qc_stmt_next(st, err);
		qc_stmt_free(st);
		if (qc_step_failed(r))
			return r;
		if (r == QC_DONE)
			return qc_error_set(err, QC_ENOTFOUND,
					    "unit: no unit "
					    "with id %s (see `qcity unit list`)",
					    unit);
		return QC_OK;
	}
	where = slash ? qc_xstrndup(unit, (size_t)(slash - unit)) :
			qc_xstrdup(region);
	if (!where) {
		return qc_error_set(err, QC_EINVAL,
				    "unit: write REGION/UNIT "
				    "(\"七台河市/七台河市市场监督管理局\") or give "
				    "the region");
	}
	rc = qc_region_resolve(s, where, code, err);
	free(where);
	if (rc)
		return qc_error_prefix(err, "unit's region"), rc;
	rc = qc_unit_find(s, code, slash ? slash + 1 : unit, id, err);
	if (rc)
		qc_error_prefix(err, "unit");
	return rc;
}

/* A user; demo accounts skip the password rules and are marked. */
static enum qc_rc user_add(struct qc_store *s, const char *name,
			   const char *password, enum qc_user_role role,
			   const char *unit, const char *region,
			   const char *actor, bool demo, int64_t *id,
			   struct qc_error *err)
{
	char hash[crypto_pwhash_STRBYTES], code[QC_REGION_CODE_SIZE] = "",
					   now[32];
	char *after = NULL;
	struct qc_stmt *st = NULL;
	int64_t unit_id = 0, uid = 0;
	enum qc_rc rc;

	if (!name || !*name || strlen(name) > 64 || strpbrk(name, " \t\r\n/"))
		return qc_error_set(err, QC_EINVAL,
				    "name: use 1 to 64 "
				    "characters without spaces or '/'");
	if (!demo && (rc = qc_password_check(name, password, err)))
		return rc;
	if ((rc = hash_password(password, hash, err)))
		return rc;
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if (role == QC_USER_UNIT) {
		if (!unit || !*unit) {
			rc = qc_error_set(err, QC_EINVAL,
					  "a unit reporter needs "
					  "--unit REGION/UNIT");
			goto out;
		}
		if ((rc = resolve_unit(s, unit, region, &unit_id, err)))
			goto out;
	} else if (role == QC_USER_REGION ||
		   (role == QC_USER_OFFICE && region && *region)) {
		/* An office with a region is a lower jurisdiction's office:
		 * it works within that region's subtree (qcity/scope.h). */
		if (!region || !*region) {
			rc = qc_error_set(err, QC_EINVAL,
					  "a region user needs "
					  "--region CODE");
			goto out;
		}
		if ((rc = qc_region_resolve(s, region, code, err))) {
			qc_error_prefix(err, "region");
			goto out;
		}
	} else if (region && *region) {
		rc = qc_error_set(err, QC_EINVAL,
				  "--region: only office, "
				  "region and unit users are bound to a "
				  "region; admin and viewer see every region");
		goto out;
	}
	qc_now_iso(now, sizeof(now));
	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO users (name, role, unit_id,"
				  " region_code, password_hash, created_at, demo)"
				  " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, name);
	qc_stmt_bind_text(st, 2, qc_user_role_name(role));
	if (unit_id)
		qc_stmt_bind_int(st, 3, unit_id);
	else
		qc_stmt_bind_null(st, 3);
	qc_stmt_bind_text(st, 4, *code ? code : NULL);
	qc_stmt_bind_text(st, 5, hash);
	qc_stmt_bind_text(st, 6, now);
	qc_stmt_bind_int(st, 7, demo);
	if ((rc = qc_stmt_run_id(st, &uid, err))) {
		if (rc == QC_ECONFLICT)
			qc_error_set(err, rc,
				     "name: a user '%s' exists (change "
				     "the password with `qcity user passwd`)",
				     name);
		goto out;
	}
	/* The audit log shows who was given which rights, never the hash. */
	json_t *j = qc_xjson_pack("{s:s, s:s, s:I, s:s, s:b}", "name", name,
				  "role", qc_user_role_name(role), "unit",
				  (json_int_t)unit_id, "region", code, "demo",
				  demo);
	after = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	rc = qc_audit_add(s, actor, "create", "user", name, NULL, after, err);
out:
	qc_stmt_free(st);
	free(after);
	if (rc) {
		qc_store_rollback(s);
		return rc;
	}
	if (id)
		*id = uid;
	return qc_store_commit(s, err);
}

enum qc_rc qc_user_add(struct qc_store *s, const char *name,
		       const char *password, enum qc_user_role role,
		       const char *unit, const char *region, const char *actor,
		       int64_t *id, struct qc_error *err)
{
	return user_add(s, name, password, role, unit, region, actor, false, id,
			err);
}

enum qc_rc qc_user_passwd(struct qc_store *s, const char *name,
			  const char *password, const char *actor,
			  struct qc_error *err)
{
	char hash[crypto_pwhash_STRBYTES], now[32];
	struct qc_user u = { 0 };
	struct qc_stmt *st = NULL;
	enum qc_rc rc;

	if ((rc = qc_password_check(name, password, err)) ||
	    (rc = hash_password(password, hash, err)))
		return rc;
	qc_auth_iso_at(time(NULL), now, sizeof(now));
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_user_get(s, name, &u, err)))
		goto out;
	/* A password of one's own: no longer a demo account. */
	if ((rc = qc_stmt_prepare(s,
				  "UPDATE users SET password_hash = ?, demo"
				  " = 0 WHERE id = ?",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, hash);
	qc_stmt_bind_int(st, 2, u.id);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	qc_stmt_free(st);
	st = NULL;
	/* A new password ends every session opened with the old one. */
	if ((rc = qc_stmt_prepare(s, "DELETE FROM sessions WHERE user_id = ?",
				  &st, err)))
		goto out;
	qc_stmt_bind_int(st, 1, u.id);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	qc_stmt_free(st);
	st = NULL;
	/* ... and every API token made before. */
	if ((rc = qc_stmt_prepare(s,
				  "UPDATE api_tokens SET revoked_at = ?"
				  " WHERE user_id = ? AND revoked_at IS NULL",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, now);
	qc_stmt_bind_int(st, 2, u.id);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	rc = qc_audit_add(s, actor, "passwd", "user", name, NULL,
			  "{\"sessions\":\"ended\",\"tokens\":\"revoked\"}",
			  err);
out:
	qc_stmt_free(st);
	qc_user_release(&u);
	return qc_store_end(s, rc, err);
}

#define USER_COLS                                   \
	"u.id, u.name, u.role, u.unit_id, un.name," \
	" COALESCE(u.region_code, un.region_code)"
#define USER_FROM " FROM users u LEFT JOIN units un ON un.id = u.unit_id"

enum qc_rc qc_user_get(struct qc_store *s, const char *name,
		       struct qc_user *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT " USER_COLS USER_FROM
				  " WHERE u.name = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, name);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		qc_auth_user_from_row(st, 0, out);
	else if (r == QC_DONE)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no user '%s' (see `qcity "
				  "user list`)",
				  name ? name : "");
	else
		rc = r;
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_user_list(struct qc_store *s, struct qc_user_list *out,
			struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT " USER_COLS USER_FROM
				  " ORDER BY u.id",
				  &st, err)))
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		qc_auth_user_from_row(st, 0, &out->v[out->n++]);
	}
	if (qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	return rc;
}

bool qc_region_within(struct qc_store *s, const char *code, const char *root)
{
	char cur[QC_REGION_CODE_SIZE];
	/* GB/T 2260 has three levels, so at most two steps up. */
	snprintf(cur, sizeof(cur), "%s", code ? code : "");
	for (int i = 0; i < 3 && *cur; i++) {
		struct qc_region r;
		if (!strcmp(cur, root))
			return true;
		if (qc_region_get(s, cur, &r, NULL))
			return false;
		snprintf(cur, sizeof(cur), "%s", r.parent);
		qc_region_release(&r);
	}
	return false;
}

enum qc_rc qc_user_add_demo(struct qc_store *s, const char *name,
			    enum qc_user_role role, const char *unit,
			    const char *region, const char *actor,
			    struct qc_error *err)
{
	return user_add(s, name, QC_DEMO_PASSWORD, role, unit, region, actor,
			true, NULL, err);
}
