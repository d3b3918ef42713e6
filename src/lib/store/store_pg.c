/* The PostgreSQL driver (libpq): `?` placeholders become `$n`, every value
 * is bound as text and typed by the server from its context, and write
 * transactions queue on one advisory lock, as SQLite's BEGIN IMMEDIATE
 * makes them queue (see pg_begin for why). */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/strbuf.h"
#include "qcity/quote.h"
#include "store_int.h"
#include "banned.h"

/* How long a writer waits for another one before giving up, like
 * SQLite's busy timeout; longer, since a province's imports are larger.
 * QCITY_LOCK_TIMEOUT overrides it. */
#define LOCK_TIMEOUT_MS 30000
/* The advisory lock every write transaction takes ("qcit"). */
#define WRITE_LOCK_KEY 0x71636974

/* The library prepares a statement afresh for each row it writes, so the
 * driver remembers statements by their text: the second time a text is
 * run it is prepared on the server, and from then on every run skips
 * parsing and planning. The texts are the library's own, a bounded set. */
#define CACHE_BUCKETS 256
#define CACHE_MAX 1024

struct cached {
	struct cached *next;
	char *sql;
	bool seen;     /* run once already */
	char name[24]; /* empty until prepared */
};

struct pg_conn {
	PGconn *db;
	bool in_tx; /* between BEGIN and COMMIT or ROLLBACK */
	unsigned ncached;
	struct cached *cache[CACHE_BUCKETS];
};

struct pg_stmt {
	struct pg_conn *c;
	char *sql; /* with $n placeholders */
	int nparams;
	char **vals; /* owned copies; NULL binds NULL */
	PGresult *res;
	int row, nrows;
	bool executed;
};

/* Map a failed result to our codes by SQLSTATE class: integrity (23) is a
 * conflict, like SQLITE_CONSTRAINT; a full disk says nothing was kept. */
static enum qc_rc pg_error(const PGresult *res, PGconn *db,
			   struct qc_error *err, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : 0;
	const char *msg = res ? PQresultErrorField(res,
						   PG_DIAG_MESSAGE_PRIMARY) :
				NULL;
	const char *detail = res ? PQresultErrorField(res,
						      PG_DIAG_MESSAGE_DETAIL) :
				   NULL;
	const char *hint;
	enum qc_rc code = QC_EDB;

	if (!msg) {
		/* No result: the connection itself failed. */
		msg = PQerrorMessage(db);
		return qc_error_set(err, QC_EDB,
				    "%s: lost the database server:"
				    " %.*s",
				    what, (int)strcspn(msg, "\n"), msg);
	}
	if (state && !strncmp(state, "23", 2))
		code = QC_ECONFLICT;
	if (state && !strcmp(state, "53100"))
		return qc_error_set(err, QC_ENOSPC,
				    "%s: the database server's "
				    "disk is full; nothing was written (%s)",
				    what, msg);
	/* Out of lock slots: one transaction that creates thousands of
	 * tables (a national server's partitions for many years). */
	if (state && !strcmp(state, "53200") && res &&
	    (hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT)) &&
	    strstr(hint, "max_locks_per_transaction"))
		return qc_error_set(err, QC_EIO,
				    "%s: the database server ran out of lock "
				    "slots; nothing was written: raise "
				    "max_locks_per_transaction in its "
				    "postgresql.conf (256 for a national "
				    "server; docs/scaling.md) and restart it (%s)",
				    what, msg);
	if (state && !strcmp(state, "53200"))
		return qc_error_set(err, QC_EIO,
				    "%s: the database server is "
				    "out of memory; nothing was written (%s)",
				    what, msg);
	if (state && !strcmp(state, "55P03"))
		return qc_error_set(err, QC_EBUSY,
				    "%s: the database is busy "
				    "(another writer held it for %g s); try "
				    "again",
				    what,
				    qc_store_lock_timeout_ms(LOCK_TIMEOUT_MS) /
					    1000.0);
	if (state && !strcmp(state, "25006"))
		return qc_error_set(err, QC_EREADONLY,
				    "%s: the database server "
				    "only allows reads (a standby, or "
				    "default_transaction_read_only); write to "
				    "the primary",
				    what);
	if (detail)
		return qc_error_set(err, code, "%s: %s (%s)", what, msg,
				    detail);
	return qc_error_set(err, code, "%s: %s", what, msg);
}

/* Check a result; frees it on failure. */
static enum qc_rc pg_check(PGresult *res, PGconn *db, struct qc_error *err)
{
	ExecStatusType t = PQresultStatus(res);
	if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK)
		return QC_OK;
	enum qc_rc rc = pg_error(res, db, err, "sql");
	PQclear(res);
	return rc;
}

static enum qc_rc session_setup(struct pg_conn *c, struct qc_error *err);

/* A connection the server dropped (a restart, a failover, an idle
 * timeout) is opened again before the next statement, so a long-lived
 * store (qcity serve's pool) outlives it. Not inside a transaction: that
 * statement fails, the caller's rollback ends it, and the next one
 * reconnects. Statements prepared on the old session are gone with it.
 * A session found inside a transaction nobody here opened (one a failed
 * statement aborted, or left by a path that never ended it) is rolled
 * back first, so one failure cannot poison the statements after it; one
 * in an unknown state is replaced. */
static void revive(struct pg_conn *c)
{
	if (c->in_tx)
		return;
	if (PQstatus(c->db) == CONNECTION_OK) {
		PGTransactionStatusType t = PQtransactionStatus(c->db);
		if (t == PQTRANS_IDLE)
			return;
		if (t == PQTRANS_INTRANS || t == PQTRANS_INERROR) {
			PQclear(PQexec(c->db, "ROLLBACK"));
			if (PQtransactionStatus(c->db) == PQTRANS_IDLE)
				return;
		}
	}
	PQreset(c->db);
	if (PQstatus(c->db) != CONNECTION_OK || session_setup(c, NULL))
		return;
	for (int i = 0; i < CACHE_BUCKETS; i++)
		for (struct cached *e = c->cache[i]; e; e = e->next)
			e->name[0] = '\0';
}

static enum qc_rc pg_exec(void *conn, const char *sql, struct qc_error *err)
{
	struct pg_conn *c = conn;
	revive(c);
	PGresult *res = PQexec(c->db, sql);
	enum qc_rc rc = pg_check(res, c->db, err);
	if (!rc) {
		/* COMMIT of an aborted transaction "succeeds" as ROLLBACK. */
		if (!strncmp(sql, "COMMIT", 6) &&
		    !strcmp(PQcmdStatus(res), "ROLLBACK"))
			rc = qc_error_set(err, QC_EDB,
					  "sql: a statement of the"
					  " transaction failed; nothing was "
					  "written");
		PQclear(res);
	}
	/* store.c and copy.c open and end transactions through here. */
	if (!strncmp(sql, "BEGIN", 5))
		c->in_tx = !rc;
	else if (!strncmp(sql, "COMMIT", 6) || !strncmp(sql, "ROLLBACK", 8))
		c->in_tx = false;
	return rc;
}

/* The library never prints: the server's notices ("relation already
 * exists, skipping") are dropped. */
static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static void pg_close(void *conn)
{
	struct pg_conn *c = conn;
	PQfinish(c->db);
	for (int i = 0; i < CACHE_BUCKETS; i++)
		for (struct cached *e = c->cache[i], *n; e; e = n) {
			n = e->next;
			free(e->sql);
			free(e);
		}
	free(c);
}

/* The entry for sql, added if there is room; NULL when the cache is full. */
static struct cached *cache_entry(struct pg_conn *c, const char *sql)
{
	unsigned h = 5381;
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = h * 33 + *p;
	struct cached **b = &c->cache[h % CACHE_BUCKETS];
	for (struct cached *e = *b; e; e = e->next)
		if (!strcmp(e->sql, sql))
			return e;
	if (c->ncached >= CACHE_MAX)
		return NULL;
	struct cached *e = qc_xcalloc(1, sizeof(*e));
	e->sql = qc_xstrdup(sql);
	e->next = *b;
	*b = e;
	c->ncached++;
	return e;
}

/* Text is UTF-8 whatever the server's locale; timestamps are text
 * written by the library, so the session time zone does not matter. */
static enum qc_rc session_setup(struct pg_conn *c, struct qc_error *err)
{
	char set[96];
	snprintf(set, sizeof(set),
		 "SET client_encoding = 'UTF8';"
		 " SET lock_timeout = '%dms'",
		 qc_store_lock_timeout_ms(LOCK_TIMEOUT_MS));
	PGresult *res = PQexec(c->db, set);
	enum qc_rc rc = pg_check(res, c->db, err);
	if (!rc)
		PQclear(res);
	return rc;
}

static enum qc_rc pg_open(const char *uri, void **conn, struct qc_error *err)
{
	struct pg_conn *c = qc_xcalloc(1, sizeof(*c));
	enum qc_rc rc;

	c->db = PQconnectdb(uri);
	if (PQstatus(c->db) != CONNECTION_OK) {
		const char *m = PQerrorMessage(c->db);
		/* The URI may hold a password: name only what follows '@'. */
		const char *at = strrchr(uri, '@');
		rc = qc_error_set(err, QC_EDB, "cannot open database %s: %.*s",
				  at ? at + 1 : uri, (int)strcspn(m, "\n"), m);
		pg_close(c);
		return rc;
	}
	PQsetNoticeProcessor(c->db, quiet, NULL);
	if ((rc = session_setup(c, err))) {
		qc_error_prefix(err, "cannot use database");
		pg_close(c);
		return rc;
	}
	*conn = c;
	return QC_OK;
}

static enum qc_rc pg_open_ro(const char *uri, void **conn, struct qc_error *err)
{
	enum qc_rc rc = pg_open(uri, conn, err);
	if (!rc && (rc = pg_exec(*conn,
				 "SET default_transaction_read_only"
				 " = on",
				 err))) {
		pg_close(*conn);
		*conn = NULL;
	}
	return rc;
}

/* Every transaction the library opens writes (reads run outside one), and
 * most read the row before changing it, for the audit log. Under READ
 * COMMITTED two writers of the same value could both read the same
 * "before" and log a change the other one hid; SERIALIZABLE would need
 * every caller to retry. One transaction-scoped advisory lock makes
 * writers queue exactly as SQLite's BEGIN IMMEDIATE does, while readers
 * never wait (MVCC). Writes are short, so the queue is too; a per-province
 * key is the next step when one server carries many provinces
 * (docs/scaling.md). */
/* BEGIN and the lock are two statements: the lock's wait has its own
 * timeout (the session's lock_timeout) and message, and when it fails the
 * transaction is rolled back here, not left aborted for the next caller. */
static enum qc_rc pg_lock_writes(void *conn, struct qc_error *err)
{
	char sql[64];
	enum qc_rc rc;

	snprintf(sql, sizeof(sql), "SELECT pg_advisory_xact_lock(%d)",
		 WRITE_LOCK_KEY);
	if (!(rc = pg_exec(conn, sql, err)))
		return QC_OK;
	pg_exec(conn, "ROLLBACK", NULL);
	if (rc == QC_EBUSY)
		qc_error_set(err, rc,
			     "the database is busy: another writer "
			     "held the write lock for %g s; nothing was "
			     "written, try again",
			     qc_store_lock_timeout_ms(LOCK_TIMEOUT_MS) /
				     1000.0);
	return rc;
}

static enum qc_rc pg_begin_unlocked(void *conn, struct qc_error *err)
{
	return pg_exec(conn, "BEGIN", err);
}

static enum qc_rc pg_begin(void *conn, struct qc_error *err)
{
	enum qc_rc rc;

	if ((rc = pg_exec(conn, "BEGIN", err)))
		return rc;
	return pg_lock_writes(conn, err);
}

/* `?` → `$n`, outside string literals, quoted names and comments. */
static char *translate(const char *sql, int *nparams)
{
	struct qc_buf b = QC_BUF_INIT;
	int n = 0;
	qc_buf_init(&b, 0);
	for (const char *p = sql; *p; p++) {
		if (*p == '\'' || *p == '"') {
			const char *e = strchr(p + 1, *p);
			size_t len = e ? (size_t)(e - p) + 1 : strlen(p);
			qc_buf_add(&b, p, len);
			p += len - 1;
		} else if (p[0] == '-' && p[1] == '-') {
			size_t len = strcspn(p, "\n");
			qc_buf_add(&b, p, len);
			p += len - 1;
		} else if (*p == '?') {
			qc_buf_addf(&b, "$%d", ++n);
		} else {
			qc_buf_addch(&b, *p);
		}
	}
	*nparams = n;
	return qc_buf_detach(&b, NULL);
}

static enum qc_rc pg_prepare(void *conn, const char *sql, void **stmt,
			     struct qc_error *err)
{
	(void)err;
	struct pg_stmt *st = qc_xcalloc(1, sizeof(*st));
	st->c = conn;
	st->sql = translate(sql, &st->nparams);
	st->vals = qc_xcalloc((size_t)st->nparams + 1, sizeof(*st->vals));
	/* Errors in the SQL surface on the first step, with the server's
	 * message, as the statement is sent then (one round trip). */
	*stmt = st;
	return QC_OK;
}

static void set_val(struct pg_stmt *st, int i, char *v)
{
	if (i < 1 || i > st->nparams) {
		free(v);
		return;
	}
	free(st->vals[i - 1]);
	st->vals[i - 1] = v;
}

static void pg_bind_int(void *stmt, int i, int64_t v)
{
	char b[24];
	snprintf(b, sizeof(b), "%lld", (long long)v);
	set_val(stmt, i, qc_xstrdup(b));
}

static void pg_bind_double(void *stmt, int i, double v)
{
	char b[40];
	/* 17 significant digits read back as the same double. */
	snprintf(b, sizeof(b), "%.17g", v);
	set_val(stmt, i, qc_xstrdup(b));
}

static void pg_bind_text(void *stmt, int i, const char *v)
{
	set_val(stmt, i, qc_xstrdup(v));
}

static void pg_bind_null(void *stmt, int i)
{
	set_val(stmt, i, NULL);
}

/* Run once per execution: a text seen for the first time costs a single
 * round trip; from its second run on, it runs as a prepared statement
 * (named after its cache entry, unique in this connection). */
static PGresult *execute(struct pg_stmt *st)
{
	const char *const *vals = (const char *const *)st->vals;
	struct pg_conn *c = st->c;
	struct cached *e;

	revive(c);
	e = cache_entry(c, st->sql);

	if (!e || (!e->name[0] && !e->seen)) {
		if (e)
			e->seen = true;
		return PQexecParams(c->db, st->sql, st->nparams, NULL, vals,
				    NULL, NULL, 0);
	}
	if (!e->name[0]) {
		char name[24];
		snprintf(name, sizeof(name), "qc_%p", (void *)e);
		PGresult *r = PQprepare(c->db, name, st->sql, st->nparams,
					NULL);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			return r;
		PQclear(r);
		memcpy(e->name, name, sizeof(name));
	}
	return PQexecPrepared(c->db, e->name, st->nparams, vals, NULL, NULL, 0);
}

static enum qc_rc pg_step(void *stmt, struct qc_error *err)
{
	struct pg_stmt *st = stmt;

	if (!st->executed) {
		st->executed = true;
		st->res = execute(st);
		enum qc_rc rc = pg_check(st->res, st->c->db, err);
		if (rc) {
			st->res = NULL;
			return rc;
		}
		st->nrows = PQntuples(st->res);
		st->row = -1;
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return QC_ROW;
	}
	st->row = st->nrows;
	return QC_DONE;
}

static bool pg_is_null(void *stmt, int col)
{
	struct pg_stmt *st = stmt;
	if (!st->res || st->row < 0 || st->row >= st->nrows ||
	    col >= PQnfields(st->res))
		return true;
	return PQgetisnull(st->res, st->row, col);
}

static const char *pg_col_text(void *stmt, int col)
{
	struct pg_stmt *st = stmt;
	if (pg_is_null(st, col))
		return NULL;
	return PQgetvalue(st->res, st->row, col);
}

static int64_t pg_col_int(void *stmt, int col)
{
	const char *v = pg_col_text(stmt, col);
	if (!v)
		return 0;
	if (!strcmp(v, "t") || !strcmp(v, "f"))
		return *v == 't';
	/* A numeric or float column read as an integer truncates, as in
	 * SQLite. */
	if (strpbrk(v, ".eE"))
		return (int64_t)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

static double pg_col_double(void *stmt, int col)
{
	const char *v = pg_col_text(stmt, col);
	return v ? strtod(v, NULL) : 0.0;
}

static void pg_reset(void *stmt)
{
	struct pg_stmt *st = stmt;
	PQclear(st->res);
	st->res = NULL;
	st->executed = false;
	st->row = st->nrows = 0;
	for (int i = 0; i < st->nparams; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
	}
}

static void pg_finalize(void *stmt)
{
	struct pg_stmt *st = stmt;
	pg_reset(st);
	free(st->vals);
	free(st->sql);
	free(st);
}

/* ---- COPY ---------------------------------------------------------------- */

static enum qc_rc pg_bulk_begin(void *conn, const char *table,
				char *const *cols, int ncols,
				struct qc_error *err)
{
	struct pg_conn *c = conn;
	struct qc_buf b = QC_BUF_INIT;
	enum qc_rc rc = QC_OK;

	/* Names come from the catalogue (see copy.c), quoted. */
	qc_buf_init(&b, 0);
	qc_buf_adds(&b, "COPY ");
	qc_quote_ident(&b, table);
	qc_buf_adds(&b, " (");
	for (int i = 0; i < ncols; i++) {
		qc_buf_adds(&b, i ? ", " : "");
		qc_quote_ident(&b, cols[i]);
	}
	qc_buf_adds(&b, ") FROM STDIN");
	PGresult *r = PQexec(c->db, qc_buf_str(&b));
	if (PQresultStatus(r) != PGRES_COPY_IN)
		rc = pg_error(r, c->db, err, "copy");
	PQclear(r);
	qc_buf_release(&b);
	return rc;
}

/* One row in COPY's text format: tab-separated, \N for NULL, and the
 * backslash, tab, newline and carriage return escaped. */
static enum qc_rc pg_bulk_row(void *conn, const char *const *vals, int n,
			      struct qc_error *err)
{
	struct pg_conn *c = conn;
	struct qc_buf b = QC_BUF_INIT;
	enum qc_rc rc = QC_OK;

	qc_buf_init(&b, 0);
	for (int i = 0; i < n; i++) {
		if (i)
			qc_buf_addch(&b, '\t');
		if (!vals[i]) {
			qc_buf_adds(&b, "\\N");
			continue;
		}
		for (const char *p = vals[i]; *p; p++) {
			const char *esc = *p == '\\' ? "\\\\" :
					  *p == '\t' ? "\\t" :
					  *p == '\n' ? "\\n" :
					  *p == '\r' ? "\\r" :
						       NULL;
			if (esc)
				qc_buf_adds(&b, esc);
			else
				qc_buf_addch(&b, *p);
		}
	}
	qc_buf_addch(&b, '\n');
	if (PQputCopyData(c->db, b.buf, (int)b.len) != 1)
		rc = pg_error(NULL, c->db, err, "copy");
	qc_buf_release(&b);
	return rc;
}

static enum qc_rc pg_bulk_data(void *conn, const char *data, size_t len,
			       struct qc_error *err)
{
	struct pg_conn *c = conn;

	/* libpq takes an int length: hand over large buffers in slices. */
	while (len) {
		int n = len > (1u << 20) ? 1 << 20 : (int)len;
		if (PQputCopyData(c->db, data, n) != 1)
			return pg_error(NULL, c->db, err, "copy");
		data += n;
		len -= (size_t)n;
	}
	return QC_OK;
}

static enum qc_rc pg_bulk_end(void *conn, struct qc_error *err)
{
	struct pg_conn *c = conn;
	enum qc_rc rc = QC_OK;
	PGresult *r;

	if (PQputCopyEnd(c->db, NULL) != 1)
		return pg_error(NULL, c->db, err, "copy");
	while ((r = PQgetResult(c->db))) {
		if (!rc && PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = pg_error(r, c->db, err, "copy");
		PQclear(r);
	}
	return rc;
}

const struct qc_store_ops qc_pg_ops = {
	.name = "postgres",
	.open = pg_open,
	.open_ro = pg_open_ro,
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.begin_unlocked = pg_begin_unlocked,
	.lock_writes = pg_lock_writes,
	.prepare = pg_prepare,
	.bind_int = pg_bind_int,
	.bind_double = pg_bind_double,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.is_null = pg_is_null,
	.col_int = pg_col_int,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
	.reset = pg_reset,
	.finalize = pg_finalize,
	.bulk_begin = pg_bulk_begin,
	.bulk_data = pg_bulk_data,
	.bulk_row = pg_bulk_row,
	.bulk_end = pg_bulk_end,
	.migrations = qc_pg_migrations,
};
