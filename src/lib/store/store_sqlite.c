/* The SQLite driver: WAL journal, foreign keys on, a busy timeout so that
 * concurrent writers wait instead of failing, prepared statements only.
 * A database on a read-only file system or in a read-only file is opened
 * read-only, so reads still work and writes say why they cannot. */
#include <errno.h>
#include <libgen.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "qcity/alloc.h"
#include "store_int.h"
#include "banned.h"

#define BUSY_TIMEOUT_MS 10000
/* Page size of a new database: 16 KiB instead of SQLite's 4 KiB. A
 * sampling import inserts and indexes about a fifth faster (fewer pages
 * to fill, split and look up: 1 M bench rows, docs/registry.md "Eighth
 * pass"); reads of a few rows cost the same. */
#define QC_LITE_PAGE_SIZE "16384"

/* Why a database cannot be written: its file system is mounted read-only
 * (QC_EROFS), or the file or its directory is not writable (QC_EREADONLY). */
static enum qc_rc readonly_error(const char *path, struct qc_error *err,
				 const char *what)
{
	char dir[4096];
	struct statvfs vf;

	if (!path || !*path)
		path = ".";
	snprintf(dir, sizeof(dir), "%s", path);
	if ((statvfs(dir, &vf) == 0 || statvfs(dirname(dir), &vf) == 0) &&
	    (vf.f_flag & ST_RDONLY))
		return qc_error_set(err, QC_EROFS,
				    "%s: %s is on a read-only "
				    "file system: it can be read but not "
				    "written; copy it to a writable disk or "
				    "remount read-write",
				    what, path);
	return qc_error_set(err, QC_EREADONLY,
			    "%s: the database %s (or its "
			    "directory) is read-only: it can be read but not "
			    "written; make it writable (chmod u+w, chattr -i) "
			    "or use a writable copy",
			    what, path);
}

/* A write that failed for want of room: SQLite reports ENOSPC as
 * SQLITE_FULL, but a file-size limit (EFBIG) or a quota as a plain I/O
 * error, and errno may be gone by then; a limit in force, or a disk with
 * less than 4 MiB left, says which. */
static bool out_of_room(sqlite3 *db, int rc)
{
	const char *path = db ? sqlite3_db_filename(db, "main") : NULL;
	struct rlimit rl;
	struct statvfs vf;
	int e = db ? sqlite3_system_errno(db) : 0;

	if ((rc & 0xff) == SQLITE_FULL)
		return true;
	if ((rc & 0xff) != SQLITE_IOERR)
		return false;
	if (e == ENOSPC || e == EFBIG || e == EDQUOT)
		return true;
	if (rc != SQLITE_IOERR_WRITE && rc != SQLITE_IOERR_TRUNCATE &&
	    rc != SQLITE_IOERR_SHMSIZE && rc != SQLITE_IOERR_FSYNC)
		return false;
	if (!getrlimit(RLIMIT_FSIZE, &rl) && rl.rlim_cur != RLIM_INFINITY)
		return true;
	return path && *path && !statvfs(path, &vf) &&
	       (unsigned long long)vf.f_bavail * vf.f_frsize < (4u << 20);
}

static enum qc_rc db_error(sqlite3 *db, int rc, struct qc_error *err,
			   const char *what)
{
	int prim = rc & 0xff;
	enum qc_rc code = QC_EDB;
	if (prim == SQLITE_CONSTRAINT)
		code = QC_ECONFLICT;
	int e = db && prim == SQLITE_IOERR ? sqlite3_system_errno(db) : 0;
	if (out_of_room(db, rc))
		return qc_error_set(err, QC_ENOSPC,
				    "%s: the disk is full; "
				    "nothing was written",
				    what);
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return qc_error_set(err, QC_EBUSY,
				    "%s: the database is busy "
				    "(another writer held it for %g s); try "
				    "again",
				    what,
				    qc_store_lock_timeout_ms(BUSY_TIMEOUT_MS) /
					    1000.0);
	if (prim == SQLITE_READONLY || e == EROFS)
		return readonly_error(db ? sqlite3_db_filename(db, "main") :
					   NULL,
				      err, what);
	if (prim == SQLITE_NOTADB)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "%s: the file is not "
				    "a database",
				    what);
	if (prim == SQLITE_CORRUPT)
		return qc_error_set(err, QC_ECORRUPT,
				    "%s: the database file "
				    "is damaged (%s); restore it from a backup",
				    what,
				    db ? sqlite3_errmsg(db) :
					 sqlite3_errstr(rc));
	return qc_error_set(err, code, "%s: %s", what,
			    db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

static enum qc_rc lite_exec(void *conn, const char *sql, struct qc_error *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(conn, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		enum qc_rc r = db_error(conn, rc, err, "sql");
		/* SQLite's own words only where ours say no more (busy, full
		 * disk and read-only keep the message that says what to do). */
		if (msg && err && (r == QC_EDB || r == QC_ECONFLICT))
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

/* Whether path can only be read: its file system is read-only, or the
 * file or its directory is not writable (root passes the mode bits but
 * not an immutable attribute). *immutable when not even the -shm beside
 * it could be created and no write-ahead log is pending. */
static bool read_only(const char *path, bool *immutable)
{
	char dir[4096], wal[4200], shm[4200];
	struct stat st;
	bool file_ro, dir_ro;

	*immutable = false;
	if (!path || access(path, F_OK))
		return false;
	snprintf(dir, sizeof(dir), "%s", path);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	file_ro = access(path, W_OK) != 0;
	/* A directory that cannot be written only matters when the log
	 * files beside the database cannot be. */
	dir_ro = access(dirname(dir), W_OK) != 0 &&
		 (access(wal, W_OK) || access(shm, W_OK));
	if (!file_ro && !dir_ro)
		return false;
	*immutable = dir_ro && (stat(wal, &st) || st.st_size == 0);
	return true;
}

/* A file: URI for path (RFC 3986: '%', '?' and '#' escaped). */
static char *file_uri(const char *path, const char *query)
{
	size_t n = strlen(path), k = 0;
	char *u = qc_xmalloc(5 + 3 * n + strlen(query) + 1);
	memcpy(u, "file:", 5);
	k = 5;
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#') {
			snprintf(u + k, 4, "%%%02X", (unsigned char)*p);
			k += 3;
		} else {
			u[k++] = *p;
		}
	}
	memcpy(u + k, query, strlen(query) + 1);
	return u;
}

/* SQLite keeps memory statistics (a mutex, a memory barrier and two
 * counters on every allocation: 3-4 % of an import's CPU); qcity reads
 * none of them. Set once, before SQLite initializes on the first open
 * (afterwards sqlite3_config refuses, harmlessly). */
static pthread_once_t memstatus_once = PTHREAD_ONCE_INIT;

static void memstatus_off(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static enum qc_rc lite_open_mode(const char *uri, void **conn, bool want_ro,
				 struct qc_error *err)
{
	sqlite3 *db = NULL;
	bool immutable, ro = read_only(uri, &immutable) || want_ro;
	char wal[4200];
	struct stat st;

	/* A file at rest (no log beside it: nobody has it open) is read
	 * without locks, so checking a backup leaves no -shm beside it. */
	snprintf(wal, sizeof(wal), "%s-wal", uri);
	if (want_ro && stat(wal, &st))
		immutable = true;
	char *u = file_uri(uri, immutable ? "?immutable=1" : "");
	pthread_once(&memstatus_once, memstatus_off);
	int rc = sqlite3_open_v2(u, &db,
				 SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
					 (ro ? SQLITE_OPEN_READONLY :
					       SQLITE_OPEN_READWRITE |
							  SQLITE_OPEN_CREATE),
				 NULL);
	free(u);
	if (rc != SQLITE_OK) {
		int e = db ? sqlite3_system_errno(db) : 0;
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s", uri);
		const char *d = dirname(dir);
		/* Read-only only where the directory exists (a missing one
		 * is a plain cannot-open). */
		if ((rc & 0xff) == SQLITE_CANTOPEN && !access(d, F_OK) &&
		    (e == EROFS || e == EACCES || e == EPERM ||
		     (access(uri, F_OK) && access(d, W_OK))))
			rc = readonly_error(uri, err, "cannot create database");
		else
			rc = qc_error_set(err, QC_EDB,
					  "cannot open database %s: %s", uri,
					  db ? sqlite3_errmsg(db) :
					       sqlite3_errstr(rc));
		sqlite3_close_v2(db);
		return (enum qc_rc)rc;
	}
	sqlite3_busy_timeout(db, qc_store_lock_timeout_ms(BUSY_TIMEOUT_MS));
	sqlite3_extended_result_codes(db, 1);
	/* WAL lets readers run beside one writer; synchronous=NORMAL is
	 * durable across a process crash in WAL mode, and FULL is not needed
	 * for the all-or-nothing guarantee (a transaction is atomic either
	 * way). Foreign keys are off by default in SQLite. */
	/* A 64 MiB page cache keeps a large import's dirty pages in memory
	 * instead of spilling them to the WAL page by page (most of an
	 * import's time otherwise); it is a ceiling, not an allocation.
	 * A new database gets pages of QC_LITE_PAGE_SIZE bytes (set before
	 * its first write, which journal_mode=WAL is); an existing one
	 * keeps its own, the pragma then changing nothing. */
	enum qc_rc r = lite_exec(db,
				 ro ? "PRAGMA foreign_keys=ON;" :
				      "PRAGMA page_size=" QC_LITE_PAGE_SIZE ";"
				      "PRAGMA journal_mode=WAL;"
				      "PRAGMA synchronous=NORMAL;"
				      "PRAGMA foreign_keys=ON;"
				      "PRAGMA cache_size=-65536;"
				      "PRAGMA temp_store=MEMORY;",
				 err);
	if (r) {
		qc_error_prefix(err, "cannot use database %s", uri);
		sqlite3_close_v2(db);
		return r;
	}
	*conn = db;
	return QC_OK;
}

static enum qc_rc lite_open(const char *uri, void **conn, struct qc_error *err)
{
	return lite_open_mode(uri, conn, false, err);
}

static enum qc_rc lite_open_ro(const char *uri, void **conn,
			       struct qc_error *err)
{
	return lite_open_mode(uri, conn, true, err);
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

/* Borrowed: reset (lite_reset clears the bindings) before v changes. */
static void lite_bind_static(void *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static void lite_bind_static_n(void *st, int i, const char *v, size_t len)
{
	sqlite3_bind_text(st, i, v, (int)len, SQLITE_STATIC);
}

static void lite_bind_null(void *st, int i)
{
	sqlite3_bind_null(st, i);
}

static enum qc_rc lite_step(void *st, struct qc_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return QC_ROW;
	if (rc == SQLITE_DONE)
		return QC_DONE;
	return db_error(sqlite3_db_handle(st), rc, err, "sql");
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

/* A batch's statement binds every parameter again: clearing them first
 * (a pass over all of them) is work for nothing. */
static void lite_rewind(void *st)
{
	sqlite3_reset(st);
}

static void lite_finalize(void *st)
{
	sqlite3_finalize(st);
}

const struct qc_store_ops qc_sqlite_ops = {
	.name = "sqlite",
	.open = lite_open,
	.open_ro = lite_open_ro,
	.close = lite_close,
	.exec = lite_exec,
	.begin = lite_begin,
	.prepare = lite_prepare,
	.bind_int = lite_bind_int,
	.bind_double = lite_bind_double,
	.bind_text = lite_bind_text,
	.bind_null = lite_bind_null,
	.bind_static = lite_bind_static,
	.bind_static_n = lite_bind_static_n,
	.step = lite_step,
	.is_null = lite_is_null,
	.col_int = lite_col_int,
	.col_double = lite_col_double,
	.col_text = lite_col_text,
	.reset = lite_reset,
	.rewind = lite_rewind,
	.finalize = lite_finalize,
	.migrations = qc_sqlite_migrations,
};
