/* The SQLite driver: WAL journal, foreign keys on, a busy timeout so that
 * concurrent writers wait instead of failing, prepared statements only. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "store_int.h"
#include "banned.h"

#define BUSY_TIMEOUT_MS 10000

static enum qc_rc db_error(sqlite3 *db, int rc, struct qc_error *err,
			   const char *what)
{
	int prim = rc & 0xff;
	enum qc_rc code = QC_EDB;
	if (prim == SQLITE_CONSTRAINT)
		code = QC_ECONFLICT;
	if (prim == SQLITE_FULL)
		return qc_error_set(err, QC_EIO, "%s: the disk is full; "
				    "nothing was written", what);
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return qc_error_set(err, QC_EDB, "%s: the database is busy "
				    "(another writer held it for %d s); try "
				    "again", what, BUSY_TIMEOUT_MS / 1000);
	return qc_error_set(err, code, "%s: %s", what,
			    db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

static enum qc_rc lite_exec(void *conn, const char *sql, struct qc_error *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(conn, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		enum qc_rc r = db_error(conn, rc, err, "sql");
		if (msg && err && rc != SQLITE_FULL)
			qc_error_set(err, r, "sql: %s", msg);
		sqlite3_free(msg);
		return r;
	}
	return QC_OK;
}

static void lite_close(void *conn)
{
	sqlite3_close_v2(conn);
}

static enum qc_rc lite_open(const char *uri, void **conn,
			    struct qc_error *err)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READWRITE |
				 SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		qc_error_set(err, QC_EDB, "cannot open database %s: %s", uri,
			     db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close_v2(db);
		return QC_EDB;
	}
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db, 1);
	/* WAL lets readers run beside one writer; synchronous=NORMAL is
	 * durable across a process crash in WAL mode, and FULL is not needed
	 * for the all-or-nothing guarantee (a transaction is atomic either
	 * way). Foreign keys are off by default in SQLite. */
	/* A 64 MiB page cache keeps a large import's dirty pages in memory
	 * instead of spilling them to the WAL page by page (most of an
	 * import's time otherwise); it is a ceiling, not an allocation. */
	enum qc_rc r = lite_exec(db, "PRAGMA journal_mode=WAL;"
				 "PRAGMA synchronous=NORMAL;"
				 "PRAGMA foreign_keys=ON;"
				 "PRAGMA cache_size=-65536;"
				 "PRAGMA temp_store=MEMORY;", err);
	if (r) {
		qc_error_prefix(err, "cannot use database %s", uri);
		sqlite3_close_v2(db);
		return r;
	}
	*conn = db;
	return QC_OK;
}

static enum qc_rc lite_begin(void *conn, struct qc_error *err)
{
	/* IMMEDIATE takes the write lock now, so two writers queue on the
	 * busy timeout instead of deadlocking on a read-to-write upgrade. */
	return lite_exec(conn, "BEGIN IMMEDIATE", err);
}

static enum qc_rc lite_prepare(void *conn, const char *sql, void **stmt,
			       struct qc_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(conn, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_error(conn, rc, err, "prepare");
	*stmt = st;
	return QC_OK;
}

static void lite_bind_int(void *st, int i, int64_t v)
{
	sqlite3_bind_int64(st, i, v);
}

static void lite_bind_double(void *st, int i, double v)
{
	sqlite3_bind_double(st, i, v);
}

static void lite_bind_text(void *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void lite_bind_null(void *st, int i)
{
	sqlite3_bind_null(st, i);
}

static int lite_step(void *st, struct qc_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	db_error(sqlite3_db_handle(st), rc, err, "sql");
	return -1;
}

static bool lite_is_null(void *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL;
}

static int64_t lite_col_int(void *st, int col)
{
	return sqlite3_column_int64(st, col);
}

static double lite_col_double(void *st, int col)
{
	return sqlite3_column_double(st, col);
}

static const char *lite_col_text(void *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

static void lite_reset(void *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static void lite_finalize(void *st)
{
	sqlite3_finalize(st);
}

const struct qc_store_ops qc_sqlite_ops = {
	.name = "sqlite",
	.open = lite_open,
	.close = lite_close,
	.exec = lite_exec,
	.begin = lite_begin,
	.prepare = lite_prepare,
	.bind_int = lite_bind_int,
	.bind_double = lite_bind_double,
	.bind_text = lite_bind_text,
	.bind_null = lite_bind_null,
	.step = lite_step,
	.is_null = lite_is_null,
	.col_int = lite_col_int,
	.col_double = lite_col_double,
	.col_text = lite_col_text,
	.reset = lite_reset,
	.finalize = lite_finalize,
	.migrations = qc_sqlite_migrations,
};
