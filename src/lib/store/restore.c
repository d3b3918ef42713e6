/* Restoring a whole database: the backup is checked before anything is
 * touched, copied beside the live database (a new file in its directory,
 * or a new PostgreSQL schema), verified, and only then swapped in at once
 * (a rename; one transaction moving qcity's tables). Until the swap the
 * live database is as it was, and a failure before it leaves it so. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qcity/alloc.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "store_int.h"
#include "banned.h"

static bool is_pg(struct qc_store *s)
{
	return !strcmp(qc_store_driver(s), "postgres");
}

/* One integer from a query without parameters. */
static enum qc_rc query_int(struct qc_store *s, const char *sql, int64_t *v,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	*v = 0;
	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	enum qc_rc r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		*v = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* Names of the store's tables but schema_migrations, sorted. */
static enum qc_rc table_names(struct qc_store *s, struct qc_copy_report *t,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	rc = qc_stmt_prepare(
		s,
		is_pg(s) ? "SELECT tablename FROM pg_tables"
			   " WHERE schemaname = current_schema() AND"
			   " tablename <> 'schema_migrations' ORDER BY 1" :
			   "SELECT name FROM sqlite_master WHERE type ="
			   " 'table' AND name NOT LIKE 'sqlite_%' AND name <>"
			   " 'schema_migrations' ORDER BY 1",
		&st, err);
	if (rc)
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(t->v, t->n + 1, t->alloc);
		t->v[t->n].name = qc_xstrdup(qc_stmt_text(st, 0));
		t->v[t->n++].rows = 0;
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* SQLite's own check of every page and index. */
static enum qc_rc integrity(struct qc_store *s, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if (is_pg(s))
		return QC_OK; /* the server keeps its pages; counts read all */
	if ((rc = qc_stmt_prepare(s, "PRAGMA integrity_check(1)", &st, err)))
		return rc;
	enum qc_rc r = qc_stmt_next(st, err);
	if (r == QC_ROW && strcmp(qc_stmt_text(st, 0), "ok"))
		rc = qc_error_set(err, QC_ECORRUPT,
				  "the database is damaged "
				  "(integrity check: %s)",
				  qc_stmt_text(st, 0));
	else if (qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	return rc;
}

static enum qc_rc check_open(struct qc_store *s, const char *uri,
			     struct qc_copy_report *counts,
			     struct qc_error *err)
{
	int have = qc_store_schema_version(s);
	int latest = qc_store_latest_version(uri);
	enum qc_rc rc;

	if (have < 1)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "it holds no qcity "
				    "schema");
	if (have > latest)
		return qc_error_set(err, QC_ENEWER,
				    "it was written by a newer "
				    "qcity (schema %d; this qcity knows up to "
				    "%d): use that qcity, or upgrade this one",
				    have, latest);
	if ((rc = integrity(s, err)) || (rc = table_names(s, counts, err)))
		return rc;
	for (size_t i = 0; i < counts->n; i++) {
		char sql[160];
		snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM \"%s\"",
			 counts->v[i].name);
		if ((rc = query_int(s, sql, &counts->v[i].rows, err)))
			return qc_error_prefix(err, "table %s",
					       counts->v[i].name),
			       rc;
		counts->rows += counts->v[i].rows;
	}
	return QC_OK;
}

enum qc_rc qc_store_check(const char *uri, struct qc_copy_report *counts,
			  int *version, struct qc_error *err)
{
	const struct qc_open_opts ro = { .read_only = true };
	struct qc_store *s = NULL;
	struct stat st;
	enum qc_rc rc;

	memset(counts, 0, sizeof(*counts));
	*version = 0;
	if (!qc_store_uri_is_pg(uri)) {
		if (stat(uri, &st))
			return qc_error_set(err,
					    errno == ENOENT ? QC_ENOTFOUND :
							      QC_EIO,
					    "%s: %s", uri, strerror(errno));
		if (!S_ISREG(st.st_mode) || st.st_size == 0)
			return qc_error_set(err, QC_EUNSUPPORTED,
					    "%s: not a "
					    "database (%s)",
					    uri,
					    st.st_size ? "not a file" :
							 "empty");
	}
	rc = qc_store_open_with(uri, &ro, &s, err);
	if (!rc) {
		*version = qc_store_schema_version(s);
		rc = check_open(s, uri, counts, err);
	}
	qc_store_close(s);
	if (rc) {
		const char *at = strrchr(uri, '@');
		qc_error_prefix(err, "%s",
				qc_store_uri_is_pg(uri) && at ? at + 1 : uri);
		qc_copy_report_release(counts);
	}
	return rc;
}

/* The copy: from the source at its own schema version into a target
 * migrated to that version, verified row by row, then the target's
 * schema brought up to date and its rows given the holder the live server
 * has (a backup of a publishing province holds every row as that
 * province's; docs/scaling.md "Held by, made in"). Before the swap, so
 * the live database sees all of it or nothing. */
static enum qc_rc build(const char *from, const char *to, const char *schema,
			int version, struct qc_copy_report *report,
			struct qc_error *err)
{
	const struct qc_open_opts ro = { .read_only = true };
	const struct qc_open_opts at = { .max_version = version,
					 .schema = schema };
	const struct qc_open_opts up = { .schema = schema };
	struct qc_store *a = NULL, *b = NULL;
	enum qc_rc rc;

	if (!(rc = qc_store_open_with(from, &ro, &a, err)) &&
	    !(rc = qc_store_open_with(to, &at, &b, err)))
		rc = qc_store_copy(a, b, report, err);
	qc_store_close(a);
	qc_store_close(b);
	b = NULL;
	if (!rc)
		rc = qc_store_open_with(to, &up, &b, err);
	if (!rc && !(rc = qc_store_begin(b, err)))
		rc = qc_store_end(b,
				  qc_store_settle_holders(b, NULL,
							  &report->settled,
							  err),
				  err);
	/* Everything in the main file: the rename carries no log with it. */
	if (!rc && !schema)
		rc = qc_store_exec(b, "PRAGMA journal_mode=DELETE", err);
	qc_store_close(b);
	return rc;
}

/* The copy holds what the check counted, table by table. */
static enum qc_rc same_counts(const struct qc_copy_report *counts,
			      const struct qc_copy_report *copied,
			      struct qc_error *err)
{
	for (size_t i = 0; i < counts->n; i++)
		for (size_t j = 0; j < copied->n; j++)
			if (!strcmp(counts->v[i].name, copied->v[j].name) &&
			    counts->v[i].rows != copied->v[j].rows)
				return qc_error_set(err, QC_EDB,
						    "table %s: "
						    "%lld rows checked, %lld "
						    "copied; was the backup "
						    "written meanwhile?",
						    counts->v[i].name,
						    (long long)counts->v[i].rows,
						    (long long)copied->v[j]
							    .rows);
	return QC_OK;
}

static void remove_file(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[8500];
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		unlink(p);
	}
}

static enum qc_rc fsync_path(const char *path, struct qc_error *err)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0 || fsync(fd)) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return qc_error_set(err, QC_EIO, "%s: %s", path, strerror(e));
	}
	close(fd);
	return QC_OK;
}

/* Whether another process has the live file open: every SQLite
 * connection in WAL mode holds a shared lock on the "DMS" byte of the
 * -shm file (offset 128; see SQLite's WAL format) while it is open, even
 * when idle. Such a process would go on writing to the replaced file. */
static bool in_use(const char *live)
{
	char shm[4200];
	struct flock fl = { .l_type = F_WRLCK,
			    .l_whence = SEEK_SET,
			    .l_start = 128,
			    .l_len = 1 };
	int fd;
	bool used;

	snprintf(shm, sizeof(shm), "%s-shm", live);
	if ((fd = open(shm, O_RDWR)) < 0)
		return false;
	used = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
	close(fd);
	return used;
}

static enum qc_rc busy_error(struct qc_error *err)
{
	return qc_error_set(err, QC_EBUSY,
			    "the database is in use (qcity "
			    "serve, or another command): stop it and restore "
			    "again");
}

/* Before the rename: the live file's log folded into it and switched off,
 * so no -wal of the old database is ever applied to the new one. A live
 * database another process has open cannot leave WAL mode: busy. */
static enum qc_rc quiesce(const char *live, struct qc_error *err)
{
	static const char *const stale[] = { "-wal", "-shm", "-journal" };
	void *conn = NULL;
	char p[4200];
	enum qc_rc rc;

	if (access(live, F_OK))
		return QC_OK;
	if (in_use(live))
		return busy_error(err);
	/* A live file that does not open is replaced as it is. SQLite keeps
	 * WAL mode, without an error, while another connection has it open:
	 * the mode it answers says. */
	if (!qc_sqlite_ops.open(live, &conn, NULL)) {
		void *st = NULL;
		rc = qc_sqlite_ops.exec(conn, "PRAGMA wal_checkpoint(TRUNCATE)",
					err);
		if (!rc)
			rc = qc_sqlite_ops.prepare(conn,
						   "PRAGMA journal_mode="
						   "DELETE",
						   &st, err);
		if (!rc) {
			enum qc_rc r = qc_sqlite_ops.step(st, err);
			if (qc_step_failed(r))
				rc = r;
			else if (r == QC_DONE ||
				 strcmp(qc_sqlite_ops.col_text(st, 0),
					"delete"))
				rc = QC_EBUSY;
			qc_sqlite_ops.finalize(st);
		}
		qc_sqlite_ops.close(conn);
		if (rc == QC_EBUSY)
			return busy_error(err);
		if (rc == QC_EROFS || rc == QC_EREADONLY)
			return rc;
	}
	for (size_t i = 0; i < sizeof(stale) / sizeof(stale[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", live, stale[i]);
		if (unlink(p) && errno != ENOENT)
			return qc_error_set(err, QC_EIO, "cannot remove %s: %s",
					    p, strerror(errno));
	}
	return QC_OK;
}

static enum qc_rc restore_sqlite(const char *from, const char *to, int version,
				 struct qc_copy_report *counts,
				 struct qc_copy_report *report,
				 struct qc_error *err)
{
	char dir[4096], base[4096], tmp[8400];
	struct stat st;
	enum qc_rc rc;
	int fd;

	/* Checked first to spare the copy, and again before the swap. */
	if (in_use(to))
		return busy_error(err);
	snprintf(dir, sizeof(dir), "%s", to);
	snprintf(base, sizeof(base), "%s", to);
	const char *d = dirname(dir);
	snprintf(tmp, sizeof(tmp), "%s/.%s.restore-XXXXXX", d, basename(base));
	if ((fd = mkstemp(tmp)) < 0) {
		int e = errno;
		if (e == EROFS)
			return qc_error_set(err, QC_EROFS,
					    "%s is on a read-only"
					    " file system: nothing was restored",
					    d);
		return qc_error_set(err,
				    e == EACCES || e == EPERM ? QC_EREADONLY :
								QC_EIO,
				    "cannot create a "
				    "file beside %s (%s): nothing was restored",
				    to, strerror(e));
	}
	/* The new file gets the live one's permissions and, where allowed,
	 * its owner. */
	if (stat(to, &st)) {
		fchmod(fd, 0644);
	} else {
		fchmod(fd, st.st_mode & 07777);
		if (fchown(fd, st.st_uid, st.st_gid)) {
			/* only root may give a file away: keep ours */
		}
	}
	close(fd);
	if ((rc = build(from, tmp, NULL, version, report, err)) ||
	    (rc = same_counts(counts, report, err)) ||
	    (rc = fsync_path(tmp, err)) || (rc = quiesce(to, err)))
		goto fail;
	if (rename(tmp, to)) {
		rc = qc_error_set(err, QC_EIO, "cannot rename %s to %s: %s",
				  tmp, to, strerror(errno));
		goto fail;
	}
	snprintf(dir, sizeof(dir), "%s", to);
	return fsync_path(dirname(dir), err);
fail:
	remove_file(tmp);
	return rc;
}

/* Swap in one transaction under the write lock: qcity's tables in the live
 * schema (by the names the new copy has) are dropped, without CASCADE so
 * nothing of anyone else's goes with them, and the new ones moved in. */
static enum qc_rc swap_schema(struct qc_store *live, const char *schema,
			      struct qc_error *err)
{
	struct qc_buf drop = QC_BUF_INIT, move = QC_BUF_INIT;
	struct qc_stmt *st = NULL;
	enum qc_rc rc;
	enum qc_rc r;
	int n = 0;

	if ((rc = qc_store_begin(live, err)))
		return rc;
	qc_buf_init(&drop, 0);
	qc_buf_init(&move, 0);
	rc = qc_stmt_prepare(live,
			     "SELECT tablename, current_schema() FROM"
			     " pg_tables WHERE schemaname = ? ORDER BY 1",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_text(st, 1, schema);
	qc_buf_adds(&drop, "DROP TABLE IF EXISTS ");
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *t = qc_stmt_text(st, 0), *cur = qc_stmt_text(st, 1);
		qc_buf_addf(&drop, "%s\"%s\".\"%s\"", n++ ? ", " : "", cur, t);
		qc_buf_addf(&move,
			    "ALTER TABLE \"%s\".\"%s\" SET SCHEMA \"%s\";",
			    schema, t, cur);
	}
	if (r != QC_DONE) {
		rc = r;
		goto out;
	}
	if (!n) {
		rc = qc_error_set(err, QC_EDB,
				  "the restored copy has no tables");
		goto out;
	}
	/* The functions the migrations made there (0026: the trigger that
	 * fills enterprises' held_by) go along, replacing the live ones
	 * whose tables were dropped; the triggers keep them by oid. */
	qc_buf_addf(&move,
		    "DO $f$ DECLARE f record; BEGIN FOR f IN SELECT"
		    " p.oid::regprocedure AS sig, p.proname,"
		    " pg_get_function_identity_arguments(p.oid) AS args"
		    " FROM pg_proc p WHERE p.pronamespace = '\"%s\"'"
		    "::regnamespace LOOP EXECUTE format('DROP FUNCTION IF"
		    " EXISTS %%I.%%I(%%s)', current_schema(), f.proname,"
		    " f.args); EXECUTE format('ALTER FUNCTION %%s SET SCHEMA"
		    " %%I', f.sig, current_schema()); END LOOP; END $f$;",
		    schema);
	qc_buf_addf(&move, "DROP SCHEMA \"%s\"", schema);
	if ((rc = qc_store_exec(live, qc_buf_str(&drop), err)))
		qc_error_prefix(err, "cannot replace qcity's tables (does "
				     "something else depend on them?)");
	else
		rc = qc_store_exec(live, qc_buf_str(&move), err);
out:
	qc_stmt_free(st);
	qc_buf_release(&drop);
	qc_buf_release(&move);
	return qc_store_end(live, rc, err);
}

enum qc_rc qc_store_pg_fresh(const char *uri, struct qc_error *err)
{
	const struct qc_open_opts o = { 0 };
	struct qc_store *live = NULL, *fresh = NULL;
	char schema[64], sql[256];
	enum qc_rc rc;

	snprintf(schema, sizeof(schema), "qcity_fresh_%ld", (long)getpid());
	if ((rc = qc_store_open(uri, &live, err)))
		return rc;
	snprintf(sql, sizeof(sql),
		 "DROP SCHEMA IF EXISTS \"%s\" CASCADE;"
		 " CREATE SCHEMA \"%s\"",
		 schema, schema);
	if (!(rc = qc_store_exec(live, sql, err))) {
		struct qc_open_opts in = o;
		in.schema = schema;
		rc = qc_store_open_with(uri, &in, &fresh, err);
		qc_store_close(fresh);
		if (!rc)
			rc = swap_schema(live, schema, err);
		if (rc) {
			snprintf(sql, sizeof(sql),
				 "DROP SCHEMA IF EXISTS"
				 " \"%s\" CASCADE",
				 schema);
			qc_store_exec(live, sql, NULL);
		}
	}
	qc_store_close(live);
	return rc;
}

static enum qc_rc restore_pg(const char *from, const char *to, int version,
			     struct qc_copy_report *counts,
			     struct qc_copy_report *report,
			     struct qc_error *err)
{
	struct qc_store *live = NULL;
	char schema[64], sql[256];
	enum qc_rc rc;

	snprintf(schema, sizeof(schema), "qcity_restore_%ld", (long)getpid());
	/* The live store, brought to this qcity's schema: the swap needs
	 * its tables to exist and its write lock. */
	if ((rc = qc_store_open(to, &live, err)))
		return rc;
	snprintf(sql, sizeof(sql),
		 "DROP SCHEMA IF EXISTS \"%s\" CASCADE;"
		 " CREATE SCHEMA \"%s\"",
		 schema, schema);
	if ((rc = qc_store_exec(live, sql, err)))
		goto out;
	if ((rc = build(from, to, schema, version, report, err)) ||
	    (rc = same_counts(counts, report, err)) ||
	    (rc = swap_schema(live, schema, err)))
		goto fail;
	goto out;
fail:
	/* Only the schema this restore made. */
	snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS \"%s\" CASCADE",
		 schema);
	qc_store_exec(live, sql, NULL);
out:
	qc_store_close(live);
	return rc;
}

enum qc_rc qc_store_restore(const char *from, const char *to,
			    struct qc_copy_report *report, struct qc_error *err)
{
	struct qc_copy_report counts;
	int version;
	enum qc_rc rc;

	memset(report, 0, sizeof(*report));
	if ((rc = qc_store_check(from, &counts, &version, err)))
		return rc;
	if (qc_store_latest_version(to) < version)
		rc = qc_error_set(err, QC_ENEWER,
				  "the backup is at schema %d, "
				  "newer than this qcity's %d for %s",
				  version, qc_store_latest_version(to),
				  qc_store_uri_is_pg(to) ? "PostgreSQL" :
							   "SQLite");
	else if (qc_store_uri_is_pg(to)) {
		/* Opened at the first schema: the check migrates nothing. */
		struct qc_store *live = NULL;
		if (!(rc = qc_store_open_at(to, 1, &live, err)))
			rc = qc_store_refuse_national(live, false, err);
		qc_store_close(live);
		if (!rc)
			rc = restore_pg(from, to, version, &counts, report,
					err);
	} else
		rc = restore_sqlite(from, to, version, &counts, report, err);
	qc_copy_report_release(&counts);
	if (rc)
		qc_copy_report_release(report);
	return rc;
}
