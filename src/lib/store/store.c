/* The generic half of storage: driver choice, nested transactions, the
 * migration runner and small helpers. Drivers do the engine's work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/store.h"
#include "store_int.h"
#include "banned.h"

struct qc_store {
	const struct qc_store_ops *ops;
	void *conn;
	int depth;   /* nesting of qc_store_begin */
	bool failed; /* a nested rollback happened */
	bool wrote;  /* the transaction changed data, not only audit */
	int version;
	/* Begun by qc_store_begin_staged, the write lock not taken yet. */
	bool unlocked;
	/* Whether this is the national schema: 0 not known yet, 1 no, 2
	 * yes. Asked on every list, so kept for the handle's life; SQL that
	 * writes through qc_store_exec (db init --national) forgets it. A
	 * server open while another process makes its database national
	 * sees it once restarted. */
	int national;
};

struct qc_stmt {
	struct qc_store *store;
	void *impl;
	bool writes; /* changes data when run (writes_data) */
};

/* Whether SQL changes data: anything but a query or a row of a log. The
 * logs record what happened, and nothing a cache keeps reads them: the
 * audit, and the sign-in attempts only the rate limit counts. So a
 * transaction that only reads and logs (a refused request, a sign-in that
 * failed) leaves the data version alone, and the server's caches survive
 * it. */
static bool writes_data(const char *sql)
{
	static const char *const logs[] = { "INSERT INTO audit_log ",
					    "INSERT INTO login_attempts " };
	while (*sql == ' ' || *sql == '\t' || *sql == '\n')
		sql++;
	if (!strncasecmp(sql, "SELECT", 6))
		return false;
	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++)
		if (!strncmp(sql, logs[i], strlen(logs[i])))
			return false;
	return true;
}

/* The newest migration recorded, or 0. */
static enum qc_rc applied(struct qc_store *s, int *have, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	enum qc_rc rc;

	*have = 0;
	rc = qc_stmt_prepare(s, "SELECT MAX(version) FROM schema_migrations",
			     &st, err);
	if (rc)
		return rc;
	enum qc_rc r = qc_stmt_next(st, err);
	if (r == QC_ROW && !qc_stmt_is_null(st, 0))
		*have = (int)qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* Apply one migration unless another process did while we waited: the
 * version is read inside the write transaction, so processes opening a
 * new database at once apply each migration exactly once. */
static enum qc_rc apply(struct qc_store *s, const struct qc_migration *m,
			struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	enum qc_rc rc;
	int have;
	char now[32];

	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = applied(s, &have, err)) || m->version <= have)
		goto out;
	if ((rc = qc_store_exec(s, m->sql, err)))
		goto out;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO schema_migrations (version, name,"
			     " applied_at) VALUES (?, ?, ?)",
			     &st, err);
	if (rc)
		goto out;
	qc_now_iso(now, sizeof(now));
	qc_stmt_bind_int(st, 1, m->version);
	qc_stmt_bind_text(st, 2, m->name);
	qc_stmt_bind_text(st, 3, now);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
out:
	if (rc) {
		qc_store_rollback(s);
		qc_error_prefix(err, "migration %04d_%s", m->version, m->name);
		return rc;
	}
	return qc_store_commit(s, err);
}

/* Migrations up to max_version (0: all). */
static enum qc_rc migrate(struct qc_store *s, int max_version,
			  struct qc_error *err)
{
	const struct qc_migration *m = s->ops->migrations;
	enum qc_rc rc;
	int have = 0, latest = 0;

	for (; m[latest].version; latest++)
		;
	if (max_version > 0 && max_version < latest)
		latest = max_version;
	/* Up to date: a read, so opening never waits for a writer. */
	if (!applied(s, &have, NULL) && have >= latest) {
		s->version = have;
		return QC_OK;
	}
	/* In a write transaction, so two first opens do not race. */
	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = qc_store_exec(s,
			   "CREATE TABLE IF NOT EXISTS schema_migrations ("
			   " version INTEGER PRIMARY KEY,"
			   " name TEXT NOT NULL,"
			   " applied_at TEXT NOT NULL)",
			   err);
	if (!rc)
		rc = applied(s, &have, err);
	if (rc) {
		qc_store_rollback(s);
		return rc;
	}
	if ((rc = qc_store_commit(s, err)))
		return rc;
	for (; m->version && (max_version <= 0 || m->version <= max_version);
	     m++) {
		if (m->version <= have)
			continue;
		if ((rc = apply(s, m, err)))
			return rc;
	}
	if ((rc = applied(s, &have, err)))
		return rc;
	s->version = have;
	return QC_OK;
}

int qc_store_lock_timeout_ms(int default_ms)
{
	const char *v = getenv("QCITY_LOCK_TIMEOUT");
	char *end;
	double t;

	if (!v || !*v)
		return default_ms;
	t = strtod(v, &end);
	if (*end || !(t >= 0.001 && t <= 3600))
		return default_ms;
	return (int)(t * 1000);
}

bool qc_store_uri_is_pg(const char *uri)
{
	return !strncmp(uri, "postgres://", 11) ||
	       !strncmp(uri, "postgresql://", 13);
}

int qc_store_latest_version(const char *uri)
{
	const struct qc_migration *m = qc_store_uri_is_pg(uri) ?
					       qc_pg_migrations :
					       qc_sqlite_migrations;
	int n = 0;
	for (; m->version; m++)
		n = m->version;
	return n;
}

/* A read-only store reads its version and changes nothing. */
static enum qc_rc read_version(struct qc_store *s, struct qc_error *err)
{
	struct qc_error e = { 0 };
	enum qc_rc rc = applied(s, &s->version, &e);
	if (rc == QC_EDB)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "it holds no qcity "
				    "schema (%s)",
				    e.msg);
	if (rc && err)
		*err = e;
	return rc;
}

enum qc_rc qc_store_open_at(const char *uri, int max_version,
			    struct qc_store **out, struct qc_error *err)
{
	struct qc_open_opts o = { .max_version = max_version };

	*out = NULL;
	if (max_version < 1)
		return qc_error_set(err, QC_EINVAL,
				    "schema version %d: the "
				    "first is 1",
				    max_version);
	return qc_store_open_with(uri, &o, out, err);
}

enum qc_rc qc_store_open_with(const char *uri, const struct qc_open_opts *o,
			      struct qc_store **out, struct qc_error *err)
{
	const struct qc_store_ops *ops = &qc_sqlite_ops;
	struct qc_store *s;
	enum qc_rc rc;

	*out = NULL;
	if (!uri || !*uri)
		return qc_error_set(err, QC_EINVAL,
				    "no database given: use "
				    "--db PATH or set QCITY_DB");
	if (qc_store_uri_is_pg(uri))
		ops = &qc_pg_ops;
	s = qc_xcalloc(1, sizeof(*s));
	s->ops = ops;
	rc = (o->read_only ? ops->open_ro : ops->open)(uri, &s->conn, err);
	if (!rc && o->schema) {
		/* Names we make ourselves (restore.c), quoted all the same. */
		char sql[160];
		snprintf(sql, sizeof(sql), "SET search_path TO \"%s\"",
			 o->schema);
		rc = qc_store_exec(s, sql, err);
	}
	if (!rc)
		rc = o->read_only ? read_version(s, err) :
				    migrate(s, o->max_version, err);
	if (rc) {
		qc_store_close(s);
		return rc;
	}
	*out = s;
	return QC_OK;
}

enum qc_rc qc_store_open(const char *uri, struct qc_store **out,
			 struct qc_error *err)
{
	const struct qc_open_opts o = { 0 };
	return qc_store_open_with(uri, &o, out, err);
}

void qc_store_close(struct qc_store *s)
{
	if (!s)
		return;
	if (s->conn)
		s->ops->close(s->conn);
	free(s);
}

const struct qc_store_ops *qc_store_ops_of(struct qc_store *s)
{
	return s->ops;
}

void *qc_store_conn_of(struct qc_store *s)
{
	return s->conn;
}

const char *qc_store_driver(const struct qc_store *s)
{
	return s->ops->name;
}

bool qc_store_national(struct qc_store *s)
{
	int64_t n = 0;
	bool found = false;
	if (s->national)
		return s->national == 2;
	/* Only the national schema partitions the audit log (by province
	 * and year; qc_fed_national_init, a layer above this one). A failed
	 * query is not remembered. */
	if (strcmp(qc_store_driver(s), "postgres")) {
		s->national = 1;
		return false;
	}
	if (qc_store_get_int(s,
			     "SELECT COUNT(*) FROM pg_class WHERE oid ="
			     " to_regclass('audit_log') AND relkind = 'p'",
			     NULL, 0, &n, &found, NULL))
		return false;
	s->national = found && n == 1 ? 2 : 1;
	return s->national == 2;
}

enum qc_rc qc_store_refuse_national_write(struct qc_store *s,
					  struct qc_error *err)
{
	if (!qc_store_national(s))
		return QC_OK;
	return qc_error_set(err, QC_ECONFLICT,
			    "this is the national server: province data is "
			    "written on the province's own server, which "
			    "sends it here");
}

enum qc_rc qc_store_refuse_national(struct qc_store *s, bool source,
				    struct qc_error *err)
{
	if (!qc_store_national(s))
		return QC_OK;
	if (source)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "the source is a national server: back it "
				    "up with pg_dump -Fc (docs/scaling.md, "
				    "\"Backing up the nation\")");
	return qc_error_set(err, QC_EUNSUPPORTED,
			    "the target is a national server: back it up with "
			    "pg_dump -Fc and restore it with pg_restore (docs/"
			    "scaling.md, \"Backing up the nation\")");
}

int qc_store_schema_version(struct qc_store *s)
{
	return s->version;
}

/* The migration that made the data_version row. */
#define DATA_VERSION_SINCE 9

enum qc_rc qc_store_begin(struct qc_store *s, struct qc_error *err)
{
	if (s->depth++ > 0)
		return QC_OK;
	s->failed = false;
	s->wrote = false;
	enum qc_rc rc = s->ops->begin(s->conn, err);
	if (rc)
		s->depth = 0;
	return rc;
}

enum qc_rc qc_store_begin_staged(struct qc_store *s, struct qc_error *err)
{
	if (s->depth > 0 || !s->ops->begin_unlocked)
		return qc_store_begin(s, err);
	s->depth++;
	s->failed = false;
	s->wrote = false;
	enum qc_rc rc = s->ops->begin_unlocked(s->conn, err);
	if (rc)
		s->depth = 0;
	else
		s->unlocked = true;
	return rc;
}

bool qc_store_in_transaction(struct qc_store *s)
{
	return s->depth > 0;
}

enum qc_rc qc_store_lock_writes(struct qc_store *s, struct qc_error *err)
{
	if (!s->unlocked)
		return QC_OK;
	s->unlocked = false;
	enum qc_rc rc = s->ops->lock_writes(s->conn, err);
	if (rc) {
		/* The driver rolled back: the transaction is over. */
		s->depth = 0;
	}
	return rc;
}

enum qc_rc qc_store_data_version(struct qc_store *s, int64_t *n,
				 struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	*n = 0;
	if ((rc = qc_stmt_prepare(s, QC_STORE_DATA_VERSION_SQL, &st, err)))
		return rc;
	r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		*n = qc_stmt_int(st, 0);
	else if (qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_store_commit(struct qc_store *s, struct qc_error *err)
{
	if (s->depth <= 0)
		return qc_error_set(err, QC_EDB,
				    "commit without a transaction");
	if (--s->depth > 0)
		return QC_OK;
	if (s->unlocked && !s->failed) {
		/* A staged transaction commits under the lock too. */
		s->depth = 1;
		enum qc_rc lrc = qc_store_lock_writes(s, err);
		if (lrc)
			return lrc;
		s->depth = 0;
	}
	s->unlocked = false;
	if (s->failed) {
		s->ops->exec(s->conn, "ROLLBACK", NULL);
		return qc_error_set(err, QC_EDB,
				    "a step of the transaction "
				    "failed; nothing was written");
	}
	/* Every transaction that changed data passes here: the counter
	 * moves inside it, just before COMMIT, and holds its row until then;
	 * writers take turns anyway (BEGIN IMMEDIATE, PostgreSQL's write
	 * lock), so its order is the commit order (the server's caches key
	 * on it). One that only read and audited leaves it. */
	enum qc_rc rc = QC_OK;
	if (s->wrote && s->version >= DATA_VERSION_SINCE)
		rc = s->ops->exec(s->conn,
				  "UPDATE data_version SET n = n + 1"
				  " WHERE id = 1",
				  err);
	if (!rc)
		rc = s->ops->exec(s->conn, "COMMIT", err);
	if (rc)
		s->ops->exec(s->conn, "ROLLBACK", NULL);
	return rc;
}

void qc_store_rollback(struct qc_store *s)
{
	if (s->depth <= 0)
		return;
	s->failed = true;
	if (--s->depth == 0) {
		s->unlocked = false;
		s->ops->exec(s->conn, "ROLLBACK", NULL);
	}
}

enum qc_rc qc_store_end(struct qc_store *s, enum qc_rc rc, struct qc_error *err)
{
	if (rc) {
		qc_store_rollback(s);
		return rc;
	}
	return qc_store_commit(s, err);
}

enum qc_rc qc_store_exec(struct qc_store *s, const char *sql,
			 struct qc_error *err)
{
	enum qc_rc rc = s->ops->exec(s->conn, sql, err);
	bool writes = writes_data(sql);
	if (rc && s->depth > 0)
		s->failed = true;
	if (s->depth > 0 && writes)
		s->wrote = true;
	if (writes)
		s->national = 0;
	return rc;
}

enum qc_rc qc_stmt_prepare(struct qc_store *s, const char *sql,
			   struct qc_stmt **out, struct qc_error *err)
{
	void *impl = NULL;
	enum qc_rc rc = s->ops->prepare(s->conn, sql, &impl, err);
	*out = NULL;
	if (rc)
		return rc;
	*out = qc_xmalloc(sizeof(**out));
	(*out)->store = s;
	(*out)->impl = impl;
	(*out)->writes = writes_data(sql);
	return QC_OK;
}

void qc_stmt_bind_int(struct qc_stmt *st, int i, int64_t v)
{
	st->store->ops->bind_int(st->impl, i, v);
}

void qc_stmt_bind_double(struct qc_stmt *st, int i, double v)
{
	st->store->ops->bind_double(st->impl, i, v);
}

void qc_stmt_bind_text(struct qc_stmt *st, int i, const char *v)
{
	if (v)
		st->store->ops->bind_text(st->impl, i, v);
	else
		st->store->ops->bind_null(st->impl, i);
}

void qc_stmt_bind_null(struct qc_stmt *st, int i)
{
	st->store->ops->bind_null(st->impl, i);
}

void qc_stmt_bind_text_static(struct qc_stmt *st, int i, const char *v)
{
	if (v && st->store->ops->bind_static)
		st->store->ops->bind_static(st->impl, i, v);
	else
		qc_stmt_bind_text(st, i, v);
}

void qc_stmt_bind_text_static_n(struct qc_stmt *st, int i, const char *v,
				size_t len)
{
	if (v && st->store->ops->bind_static_n)
		st->store->ops->bind_static_n(st->impl, i, v, len);
	else
		qc_stmt_bind_text_static(st, i, v);
}

/* A statement that fails inside a transaction fails the transaction, on
 * either engine: PostgreSQL aborts it anyway, and on SQLite a caller that
 * carried on could otherwise commit the half that worked. */
enum qc_rc qc_stmt_next(struct qc_stmt *st, struct qc_error *err)
{
	enum qc_rc r = st->store->ops->step(st->impl, err);
	if (st->writes && st->store->depth > 0)
		st->store->wrote = true;
	if (qc_step_failed(r) && st->store->depth > 0)
		st->store->failed = true;
	return r;
}

bool qc_stmt_is_null(struct qc_stmt *st, int col)
{
	return st->store->ops->is_null(st->impl, col);
}

int64_t qc_stmt_int(struct qc_stmt *st, int col)
{
	return st->store->ops->col_int(st->impl, col);
}

double qc_stmt_double(struct qc_stmt *st, int col)
{
	return st->store->ops->col_double(st->impl, col);
}

const char *qc_stmt_text(struct qc_stmt *st, int col)
{
	return st->store->ops->col_text(st->impl, col);
}

void qc_stmt_reset(struct qc_stmt *st)
{
	st->store->ops->reset(st->impl);
}

void qc_stmt_rewind(struct qc_stmt *st)
{
	if (st->store->ops->rewind)
		st->store->ops->rewind(st->impl);
	else
		st->store->ops->reset(st->impl);
}

void qc_stmt_free(struct qc_stmt *st)
{
	if (!st)
		return;
	st->store->ops->finalize(st->impl);
	free(st);
}

enum qc_rc qc_stmt_run(struct qc_stmt *st, struct qc_error *err)
{
	enum qc_rc r;
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		;
	return qc_step_rc(r);
}

enum qc_rc qc_stmt_run_id(struct qc_stmt *st, int64_t *id, struct qc_error *err)
{
	enum qc_rc r = qc_stmt_next(st, err);
	if (qc_step_failed(r))
		return r;
	if (r != QC_ROW)
		return qc_error_set(err, QC_EDB, "insert returned no id");
	*id = qc_stmt_int(st, 0);
	return qc_stmt_run(st, err);
}

/* Step a bound statement once: keep it in *out with a row, else free it. */
static enum qc_rc first_row(struct qc_stmt *st, struct qc_stmt **out,
			    struct qc_error *err)
{
	enum qc_rc rc = qc_stmt_next(st, err);
	if (rc == QC_ROW)
		*out = st;
	else
		qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_stmt_row(struct qc_store *s, const char *sql,
		       const char *const *params, int n, struct qc_stmt **out,
		       struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	*out = NULL;
	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	for (int i = 0; i < n; i++)
		qc_stmt_bind_text(st, i + 1, params[i]);
	return first_row(st, out, err);
}

enum qc_rc qc_stmt_row_ids(struct qc_store *s, const char *sql,
			   const int64_t *ids, int n, struct qc_stmt **out,
			   struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	*out = NULL;
	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	for (int i = 0; i < n; i++)
		qc_stmt_bind_int(st, i + 1, ids[i]);
	return first_row(st, out, err);
}

enum qc_rc qc_store_get_int(struct qc_store *s, const char *sql,
			    const char *const *params, int n, int64_t *v,
			    bool *found, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc = qc_stmt_row(s, sql, params, n, &st, err);

	/* qc_stmt_row sets st with QC_ROW; !st is for gcc -fanalyzer,
	 * which does not follow that. */
	*found = rc == QC_ROW && st;
	if (!*found)
		return qc_step_rc(rc);
	*v = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return QC_OK;
}

enum qc_rc qc_store_get_text(struct qc_store *s, const char *sql,
			     const char *const *params, int n, char **v,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc = qc_stmt_row(s, sql, params, n, &st, err);

	*v = NULL;
	if (rc != QC_ROW || !st) /* !st: as in qc_store_get_int */
		return qc_step_rc(rc);
	*v = qc_xstrdup(qc_stmt_text(st, 0));
	qc_stmt_free(st);
	return QC_OK;
}
