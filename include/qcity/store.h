/* Storage: one interface over SQLite (embedded default) and, later,
 * PostgreSQL. Callers write portable SQL with `?` placeholders and bind
 * every value; drivers translate placeholders and run their own numbered
 * migrations on open. SQL specific to one engine lives only in its driver
 * and its migrations.
 *
 * Ownership: qc_store_open returns a store the caller closes with
 * qc_store_close; qc_stmt_prepare returns a statement the caller frees
 * with qc_stmt_free before closing the store. Text returned by
 * qc_stmt_text stays valid until the next step, reset or free. */
#ifndef QCITY_STORE_H
#define QCITY_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;
struct qc_stmt;

/* Open the database at uri (a file path selects SQLite; a file that does
 * not exist is created) and bring its schema up to date. */
enum qc_rc qc_store_open(const char *uri, struct qc_store **out,
			 struct qc_error *err);
void qc_store_close(struct qc_store *s);
/* Open migrated only up to schema version max_version (>= 1), as a
 * database of that older qcity would be: for tests of a migration on the
 * data an older release stored. Ownership as qc_store_open. */
enum qc_rc qc_store_open_at(const char *uri, int max_version,
			    struct qc_store **out, struct qc_error *err);

/* True when uri names a PostgreSQL server (postgres:// or postgresql://);
 * anything else is a SQLite file. */
bool qc_store_uri_is_pg(const char *uri);

/* "sqlite" or "postgres". */
const char *qc_store_driver(const struct qc_store *s);
/* True on a national server (`db init --national`: the province tables
 * are partitioned by province and fed by the provinces' replication), where
 * ids are each province's own and the derived tables a province keeps
 * itself are not current. */
bool qc_store_national(struct qc_store *s);
/* QC_ECONFLICT on a national server: what every writer of province data
 * checks first, before it reads anything (the faces too, before checks
 * of their own that would read it); the message says to write on the
 * province's own server. QC_OK elsewhere. */
enum qc_rc qc_store_refuse_national_write(struct qc_store *s,
					  struct qc_error *err);
/* QC_EUNSUPPORTED when s, the source of a copy (or its target), is a
 * national server: its replicated tables are partitioned (a table-by-table copy
 * would read each partition beside its parent) and its subscriptions are
 * not tables, so qc_store_copy and qc_store_restore refuse it and point
 * to pg_dump (docs/scaling.md, "Backing up the nation"). */
enum qc_rc qc_store_refuse_national(struct qc_store *s, bool source,
				    struct qc_error *err);
/* Newest migration applied. */
int qc_store_schema_version(struct qc_store *s);

/* Transactions nest: only the outermost begin/commit reach the database.
 * Every transaction is a write transaction and moves the data version.
 * A rollback at any depth makes the outermost commit fail and roll back,
 * so a failed step can never be half-committed by its caller. */
enum qc_rc qc_store_begin(struct qc_store *s, struct qc_error *err);
enum qc_rc qc_store_commit(struct qc_store *s, struct qc_error *err);
/* A transaction for a large import: it reads and stages (temporary
 * tables) without the write lock, so other writers carry on meanwhile,
 * and takes the lock with qc_store_lock_writes before its first write to
 * a shared table. On SQLite, or nested in another transaction, it is
 * qc_store_begin and the lock call does nothing. If the lock times out
 * (QC_EBUSY) the transaction is rolled back and over: do not commit or
 * roll it back again. */
enum qc_rc qc_store_begin_staged(struct qc_store *s, struct qc_error *err);
enum qc_rc qc_store_lock_writes(struct qc_store *s, struct qc_error *err);
void qc_store_rollback(struct qc_store *s);
/* End a transaction begun by qc_store_begin: roll back and return rc if
 * it is an error, else commit. The usual last line of a writer. */
enum qc_rc qc_store_end(struct qc_store *s, enum qc_rc rc,
			struct qc_error *err);

/* The data version: a counter every transaction that changed data moves
 * (at its commit; one that only queried and wrote audit rows or sign-in
 * attempts leaves it),
 * committed with the data it stands for. Equal counts
 * mean nothing was committed in between. The query is public so that a caller
 * can prepare it once; it returns one row with one integer. */
#define QC_STORE_DATA_VERSION_SQL "SELECT n FROM data_version WHERE id = 1"
enum qc_rc qc_store_data_version(struct qc_store *s, int64_t *n,
				 struct qc_error *err);

/* Run SQL without parameters (may hold several statements). */
enum qc_rc qc_store_exec(struct qc_store *s, const char *sql,
			 struct qc_error *err);

enum qc_rc qc_stmt_prepare(struct qc_store *s, const char *sql,
			   struct qc_stmt **out, struct qc_error *err);
/* Parameters are numbered from 1. Text is copied; NULL text binds NULL. */
void qc_stmt_bind_int(struct qc_stmt *st, int i, int64_t v);
void qc_stmt_bind_double(struct qc_stmt *st, int i, double v);
void qc_stmt_bind_text(struct qc_stmt *st, int i, const char *v);
void qc_stmt_bind_null(struct qc_stmt *st, int i);
/* Text not copied where the engine can borrow it (SQLite): v must stay
 * as it is until the statement is reset or freed. */
void qc_stmt_bind_text_static(struct qc_stmt *st, int i, const char *v);
/* The same when the caller knows v's length (v[len] is NUL): the engine
 * need not measure it. */
void qc_stmt_bind_text_static_n(struct qc_stmt *st, int i, const char *v,
				size_t len);

/* Advance, like sqlite3_step: QC_ROW with a row to read, QC_DONE at the
 * end, or the error's own code (a constraint failure is QC_ECONFLICT), with
 * err filled when given; never QC_OK. The code is right with err NULL. */
enum qc_rc qc_stmt_next(struct qc_stmt *st, struct qc_error *err);
/* True when r, a result of qc_stmt_next, is an error (QC_OK, as a variable
 * set before the first step holds, is not). */
static inline bool qc_step_failed(enum qc_rc r)
{
	return r != QC_OK && r != QC_ROW && r != QC_DONE;
}
/* The code a walk over the rows ends with: QC_OK after QC_ROW or QC_DONE,
 * the error itself otherwise. */
static inline enum qc_rc qc_step_rc(enum qc_rc r)
{
	return qc_step_failed(r) ? r : QC_OK;
}
/* Columns are numbered from 0. */
bool qc_stmt_is_null(struct qc_stmt *st, int col);
int64_t qc_stmt_int(struct qc_stmt *st, int col);
double qc_stmt_double(struct qc_stmt *st, int col);
const char *qc_stmt_text(struct qc_stmt *st, int col); /* NULL if NULL */
/* Clear bindings and rewind, to run the statement again. */
void qc_stmt_reset(struct qc_stmt *st);
/* Rewind, leaving the bindings (where the engine can: else as reset),
 * for a caller that binds every parameter again before the next run. */
void qc_stmt_rewind(struct qc_stmt *st);
void qc_stmt_free(struct qc_stmt *st);

/* Helpers for the common shapes. */
/* Run a statement that returns nothing; the caller frees st. */
enum qc_rc qc_stmt_run(struct qc_stmt *st, struct qc_error *err);
/* Run an INSERT ... RETURNING id and give the id. */
enum qc_rc qc_stmt_run_id(struct qc_stmt *st, int64_t *id,
			  struct qc_error *err);

/* One-row lookups by text parameters: params[0..n-1] bound as text from
 * 1 (NULL binds NULL); QC_TEXTS(a, b, ...) writes the array and its count.
 * qc_stmt_row prepares sql and steps once: QC_ROW leaves the statement in
 * *out for the caller to read and free; QC_DONE (no row) and an error
 * leave *out NULL. qc_store_get_int / qc_store_get_text read the first
 * column of the first row: QC_OK with *found (get_int) or *v non-NULL
 * (get_text, a copy the caller frees) when there is a row, QC_OK with
 * *found false / *v NULL when there is none, or the error. */
#define QC_TEXTS(...)                                           \
	(const char *const[]){ __VA_ARGS__ },                   \
		(int)(sizeof((const char *[]){ __VA_ARGS__ }) / \
		      sizeof(const char *))
enum qc_rc qc_stmt_row(struct qc_store *s, const char *sql,
		       const char *const *params, int n, struct qc_stmt **out,
		       struct qc_error *err);
/* The same lookup by integer parameters (ids), bound as integers:
 * qc_stmt_row_ids(s, sql, QC_IDS(id, user_id), &st, err). */
#define QC_IDS(...)                                              \
	(const int64_t[]){ __VA_ARGS__ },                        \
		(int)(sizeof((const int64_t[]){ __VA_ARGS__ }) / \
		      sizeof(int64_t))
enum qc_rc qc_stmt_row_ids(struct qc_store *s, const char *sql,
			   const int64_t *ids, int n, struct qc_stmt **out,
			   struct qc_error *err);
enum qc_rc qc_store_get_int(struct qc_store *s, const char *sql,
			    const char *const *params, int n, int64_t *v,
			    bool *found, struct qc_error *err);
enum qc_rc qc_store_get_text(struct qc_store *s, const char *sql,
			     const char *const *params, int n, char **v,
			     struct qc_error *err);

/* ---- Whole databases (src/lib/store/admin.c, copy.c) ------------------- */

/* True when uri names a database that holds a qcity schema (a file that
 * exists, or a PostgreSQL database with schema_migrations). */
bool qc_store_exists(const char *uri);

/* Check, changing nothing, that uri holds a qcity database this qcity
 * can copy from: it exists (else QC_ENOTFOUND), is a database
 * (QC_EUNSUPPORTED, also for one without a qcity schema), passes SQLite's
 * integrity check (QC_ECORRUPT), is at a schema no newer than this
 * qcity's (QC_ENEWER), and every table can be counted. Fills counts with
 * the rows of each table (the caller releases it with
 * qc_copy_report_release) and *version with its schema version. */
struct qc_copy_report;
enum qc_rc qc_store_check(const char *uri, struct qc_copy_report *counts,
			  int *version, struct qc_error *err);

/* Replace the database at `to` by the backup at `from` (either engine to
 * either engine). The backup is checked first (qc_store_check), copied
 * beside the live database (SQLite: a new file in the same directory;
 * PostgreSQL: a new schema of the same database), verified row by row,
 * migrated to this qcity's schema, its rows given the holder the live
 * server has (qc_store_settle_holders; report->settled), and only then
 * swapped in: a rename on
 * SQLite, one transaction under the write lock on PostgreSQL that drops
 * qcity's own tables (never anyone else's) and moves the new ones in.
 * On any error the live database is as it was. report as qc_store_copy. */
enum qc_rc qc_store_restore(const char *from, const char *to,
			    struct qc_copy_report *report,
			    struct qc_error *err);

/* Empty the database at uri: a file is removed (with its -wal, -shm and
 * -journal), so the next qc_store_open starts from migration 1; in a
 * PostgreSQL database qcity's tables are replaced by empty ones at this
 * qcity's schema, in one transaction, and other tables stay. */
enum qc_rc qc_store_reset(const char *uri, struct qc_error *err);

/* Rows copied per table, as filled by qc_store_copy (the caller releases
 * it with qc_copy_report_release). */
struct qc_copy_table {
	char *name;
	int64_t rows;
};
struct qc_copy_report {
	struct qc_copy_table *v;
	size_t n, alloc;
	int64_t rows;    /* all tables */
	int64_t settled; /* rows given another holder (qc_store_settle_holders) */
};
void qc_copy_report_release(struct qc_copy_report *r);

/* Bulk load into a table of the open transaction, for drivers that have
 * one (PostgreSQL's COPY; qc_store_can_copy says whether s has it).
 * data holds whole rows in COPY's text format, as qc_copy_field writes
 * them; cols are trusted names (the library's, never input). Errors of
 * the rows surface here, for the whole batch. */
struct qc_buf;
bool qc_store_can_copy(struct qc_store *s);
enum qc_rc qc_store_copy_in(struct qc_store *s, const char *table,
			    const char *const *cols, int ncols,
			    const char *data, size_t len, struct qc_error *err);
/* Append one value (NULL for NULL) to a row in COPY's text format: a tab
 * before every value but the first of a row, a newline after the last. */
void qc_copy_field(struct qc_buf *b, const char *v, bool first, bool last);

/* Copy every row of every table from one open store to another (either
 * driver to either driver), in one transaction on the target that reads
 * both again and compares them row by row before it commits. The target must be at the same
 * schema version and hold no rows; ids and the next id of each table are
 * kept, so audit entries still name the right rows. The source is read in
 * one snapshot, so writers may carry on. QC_ECONFLICT if the target holds
 * data, QC_EDB if the verification finds a difference (named). */
enum qc_rc qc_store_copy(struct qc_store *from, struct qc_store *to,
			 struct qc_copy_report *report, struct qc_error *err);
/* The same for a copy that becomes a server (`db copy`): after the
 * verification, in the same transaction, qc_store_settle_holders(to,
 * NULL) gives its rows the holder the target has; report->settled counts
 * the rows whose holder changed. */
enum qc_rc qc_store_copy_settled(struct qc_store *from, struct qc_store *to,
				 struct qc_copy_report *report,
				 struct qc_error *err);

/* The province whose server s is (held_by, docs/scaling.md "Held by,
 * made in"): the one its publication qcity_<province> names, into holder
 * (7 bytes); "" when it does not publish (SQLite never does), where each
 * row is held by its own province_code. */
enum qc_rc qc_store_holder(struct qc_store *s, char holder[7],
			   struct qc_error *err);
/* Make holder (a province code; NULL: qc_store_holder's, else each row's
 * own province_code, as migrations 0026/0027 do) the holder of every
 * enterprise, sampling result and follow-up, and sum the counts and
 * enterprise years that then share a key into one row; an enterprise's
 * credit events and listings follow it. For rows that came from another
 * server (a copy or restore from a publishing province keeps its
 * holder), and for `federation publish`. Runs in the caller's
 * transaction; needs schema 27. *changed (may be NULL): the rows held by
 * another before (0: nothing was written). */
enum qc_rc qc_store_settle_holders(struct qc_store *s, const char *holder,
				   int64_t *changed, struct qc_error *err);

#endif
