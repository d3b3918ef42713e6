/* The table of functions a storage driver provides (see SQLite's VFS for
 * the pattern). store.c holds the generic part: nesting of transactions,
 * the migration runner, the helpers. */
#ifndef QCITY_STORE_INT_H
#define QCITY_STORE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_migration {
	int version;
	const char *name;
	const char *sql;
};

struct qc_store_ops {
	const char *name;
	enum qc_rc (*open)(const char *uri, void **conn, struct qc_error *err);
	/* Open an existing database for reading only: nothing is created,
	 * converted or written. */
	enum qc_rc (*open_ro)(const char *uri, void **conn,
			      struct qc_error *err);
	void (*close)(void *conn);
	enum qc_rc (*exec)(void *conn, const char *sql, struct qc_error *err);
	enum qc_rc (*begin)(void *conn, struct qc_error *err);
	/* Optional pair: a transaction that takes the write lock only when
	 * lock_writes is called (on failure it rolls back). NULL: begin
	 * takes it at once. */
	enum qc_rc (*begin_unlocked)(void *conn, struct qc_error *err);
	enum qc_rc (*lock_writes)(void *conn, struct qc_error *err);
	enum qc_rc (*prepare)(void *conn, const char *sql, void **stmt,
			      struct qc_error *err);
	void (*bind_int)(void *stmt, int i, int64_t v);
	void (*bind_double)(void *stmt, int i, double v);
	void (*bind_text)(void *stmt, int i, const char *v);
	void (*bind_null)(void *stmt, int i);
	void (*bind_static)(void *stmt, int i, const char *v); /* or NULL */
	/* The same, of len bytes (v[len] is NUL); or NULL. */
	void (*bind_static_n)(void *stmt, int i, const char *v, size_t len);
	/* QC_ROW, QC_DONE or the error's code (qc_stmt_next). */
	enum qc_rc (*step)(void *stmt, struct qc_error *err);
	bool (*is_null)(void *stmt, int col);
	int64_t (*col_int)(void *stmt, int col);
	double (*col_double)(void *stmt, int col);
	const char *(*col_text)(void *stmt, int col);
	void (*reset)(void *stmt);
	/* Rewind without clearing the bindings; or NULL (reset then). */
	void (*rewind)(void *stmt);
	void (*finalize)(void *stmt);
	/* Bulk load of one table, optional (NULL: callers INSERT row by
	 * row). Values are text, NULL for NULL; errors may surface only at
	 * bulk_end. PostgreSQL streams them with COPY. */
	enum qc_rc (*bulk_begin)(void *conn, const char *table,
				 char *const *cols, int ncols,
				 struct qc_error *err);
	enum qc_rc (*bulk_row)(void *conn, const char *const *vals, int n,
			       struct qc_error *err);
	enum qc_rc (*bulk_end)(void *conn, struct qc_error *err);
	/* Rows already in COPY's text format, any number at once (after
	 * bulk_begin); optional. */
	enum qc_rc (*bulk_data)(void *conn, const char *data, size_t len,
				struct qc_error *err);
	const struct qc_migration *migrations; /* ends with version 0 */
};

struct qc_store;

/* How to open a store (restore.c): read-only (no migrations, nothing
 * created; the version is read), migrated only up to max_version (0: all),
 * in a PostgreSQL schema of ours instead of the URI's. */
struct qc_open_opts {
	bool read_only;
	int max_version;
	const char *schema;
};
enum qc_rc qc_store_open_with(const char *uri, const struct qc_open_opts *o,
			      struct qc_store **out, struct qc_error *err);
/* PostgreSQL: replace qcity's tables in uri's schema by empty ones of
 * this qcity's schema (built in a schema of their own, then swapped in as
 * a restore does); other applications' tables stay. */
enum qc_rc qc_store_pg_fresh(const char *uri, struct qc_error *err);
/* The newest migration this binary holds for the engine of uri. */
int qc_store_latest_version(const char *uri);

/* The driver's bulk functions for an open store, or NULL. */
const struct qc_store_ops *qc_store_ops_of(struct qc_store *s);
void *qc_store_conn_of(struct qc_store *s);

/* Whether a transaction begun with qc_store_begin (or _staged) is open:
 * for the library's own writers, which must not change what SQLite
 * cannot change inside one (the sampling writer's journal mode). */
bool qc_store_in_transaction(struct qc_store *s);

/* How long a writer waits for another before giving up: QCITY_LOCK_TIMEOUT
 * (seconds, fractions allowed) or the driver's default. */
int qc_store_lock_timeout_ms(int default_ms);

extern const struct qc_store_ops qc_sqlite_ops;
extern const struct qc_migration qc_sqlite_migrations[];
extern const struct qc_store_ops qc_pg_ops;
extern const struct qc_migration qc_pg_migrations[];

#endif
