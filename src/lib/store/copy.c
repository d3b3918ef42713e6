/* Whole databases: copy every table from one store to another (SQLite ⇄
 * PostgreSQL, or into a backup file) and verify the copy row by row.
 *
 * Table and column names are read from the database's own catalogue,
 * never from input, and are quoted as identifiers; every value is bound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "qcity/quote.h"
#include "store_int.h"
#include "banned.h"

/* Rows per page when a table is read in id order: bounds the memory a
 * PostgreSQL result takes (libpq holds a whole result). */
#define PAGE_ROWS 5000

/* What differs between the engines' catalogues. */
struct dialect {
	const char *tables;    /* table names, sorted */
	const char *columns;   /* ? = table: name and declared type, in order */
	const char *snapshot;  /* a read transaction that sees one state */
	const char *defer_fks; /* foreign keys checked at commit */
	const char *last_id;   /* ? = table: the last id handed out */
	const char *text_order; /* suffix of a text column in ORDER BY */
};

static const struct dialect sqlite_dialect = {
	"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT"
	" LIKE 'sqlite_%' AND name NOT IN ('schema_migrations',"
	" 'data_version') ORDER BY name",
	"SELECT name, type FROM pragma_table_info(?) ORDER BY cid",
	"BEGIN",
	"PRAGMA defer_foreign_keys = ON",
	"SELECT seq FROM sqlite_sequence WHERE name = ?",
	"",
};

/* Byte order, as SQLite's BINARY, whatever the server's collation. The
 * foreign keys are DEFERRABLE (migration 0005), so rows may arrive in any
 * table order. */
static const struct dialect pg_dialect = {
	"SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
	" AND tablename NOT IN ('schema_migrations', 'data_version')"
	" ORDER BY tablename",
	"SELECT column_name, data_type FROM information_schema.columns WHERE"
	" table_schema = current_schema() AND table_name = ?"
	" ORDER BY ordinal_position",
	"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	"SET CONSTRAINTS ALL DEFERRED",
	"SELECT pg_sequence_last_value(pg_get_serial_sequence(?, 'id'))",
	" COLLATE \"C\"",
};

enum kind { K_INT, K_DOUBLE, K_TEXT };

struct table {
	char *name;
	int ncols;
	char **cols;
	enum kind *kinds;
	int id_col; /* an integer "id" column, or -1 */
};

struct tables {
	struct table *v;
	size_t n, alloc;
};

static const struct dialect *dialect_of(struct qc_store *s)
{
	return strcmp(qc_store_driver(s), "postgres") ? &sqlite_dialect :
							&pg_dialect;
}

static enum kind kind_of(const char *type)
{
	char t[32];
	size_t i;
	for (i = 0; type && type[i] && i + 1 < sizeof(t); i++)
		t[i] = (char)(type[i] | 0x20);
	t[i] = '\0';
	if (strstr(t, "int"))
		return K_INT;
	if (strstr(t, "real") || strstr(t, "double") || strstr(t, "float") ||
	    strstr(t, "numeric"))
		return K_DOUBLE;
	return K_TEXT;
}

static void tables_release(struct tables *ts)
{
	for (size_t i = 0; i < ts->n; i++) {
		for (int c = 0; c < ts->v[i].ncols; c++)
			free(ts->v[i].cols[c]);
		free(ts->v[i].cols);
		free(ts->v[i].kinds);
		free(ts->v[i].name);
	}
	free(ts->v);
	memset(ts, 0, sizeof(*ts));
}

static enum qc_rc load_columns(struct qc_store *s, struct table *t,
			       struct qc_error *err)
{
	struct qc_stmt *st;
	size_t alloc = 0, kalloc = 0;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_stmt_prepare(s, dialect_of(s)->columns, &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, t->name);
	t->id_col = -1;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(t->cols, t->ncols + 1, alloc);
		QC_GROW(t->kinds, t->ncols + 1, kalloc);
		t->cols[t->ncols] = qc_xstrdup(qc_stmt_text(st, 0));
		t->kinds[t->ncols] = kind_of(qc_stmt_text(st, 1));
		if (!strcmp(t->cols[t->ncols], "id") &&
		    t->kinds[t->ncols] == K_INT)
			t->id_col = t->ncols;
		t->ncols++;
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* Every table but schema_migrations and data_version (each database
 * counts its own writes), with its columns. */
static enum qc_rc load_tables(struct qc_store *s, struct tables *ts,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(ts, 0, sizeof(*ts));
	if ((rc = qc_stmt_prepare(s, dialect_of(s)->tables, &st, err)))
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(ts->v, ts->n + 1, ts->alloc);
		memset(&ts->v[ts->n], 0, sizeof(ts->v[0]));
		ts->v[ts->n++].name = qc_xstrdup(qc_stmt_text(st, 0));
	}
	qc_stmt_free(st);
	if (r != QC_DONE)
		return r;
	for (size_t i = 0; i < ts->n; i++)
		if ((rc = load_columns(s, &ts->v[i], err)))
			return rc;
	return QC_OK;
}

/* Keep only the tables of a that b has too: at the same schema version
 * those are qcity's, and a PostgreSQL schema may hold other applications'
 * tables beside them, which a copy neither reads nor writes. */
static void keep_common(struct tables *a, const struct tables *b)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n; i++) {
		bool found = false;
		for (size_t j = 0; j < b->n && !found; j++)
			found = !strcmp(a->v[i].name, b->v[j].name);
		if (found) {
			a->v[n++] = a->v[i];
			continue;
		}
		for (int c = 0; c < a->v[i].ncols; c++)
			free(a->v[i].cols[c]);
		free(a->v[i].cols);
		free(a->v[i].kinds);
		free(a->v[i].name);
	}
	a->n = n;
}

/* The two schemas must match table for table and column for column. */
static enum qc_rc same_schema(const struct tables *a, const struct tables *b,
			      struct qc_error *err)
{
	if (a->n != b->n)
		return qc_error_set(err, QC_EINVAL,
				    "the databases have %zu "
				    "and %zu tables; upgrade both to the same "
				    "qcity version first",
				    a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct table *x = &a->v[i], *y = &b->v[i];
		bool same = !strcmp(x->name, y->name) && x->ncols == y->ncols;
		for (int c = 0; same && c < x->ncols; c++)
			same = !strcmp(x->cols[c], y->cols[c]) &&
			       x->kinds[c] == y->kinds[c];
		if (!same)
			return qc_error_set(err, QC_EINVAL,
					    "table %s differs "
					    "between the databases",
					    x->name);
	}
	return QC_OK;
}

/* A whole table in one order both engines agree on: pages of ids, or
 * every column (text in byte order, NULLs first). */
struct cursor {
	struct qc_store *s;
	const struct table *t;
	struct qc_stmt *st;
	int64_t last_id;
	int page;
	bool done;
};

static enum qc_rc cursor_open(struct cursor *c, struct qc_store *s,
			      const struct table *t, struct qc_error *err)
{
	struct qc_buf b = QC_BUF_INIT;
	enum qc_rc rc;

	memset(c, 0, sizeof(*c));
	c->s = s;
	c->t = t;
	qc_buf_init(&b, 0);
	qc_buf_adds(&b, "SELECT ");
	for (int i = 0; i < t->ncols; i++) {
		qc_buf_adds(&b, i ? ", " : "");
		qc_quote_ident(&b, t->cols[i]);
	}
	qc_buf_adds(&b, " FROM ");
	qc_quote_ident(&b, t->name);
	if (t->id_col >= 0) {
		qc_buf_addf(&b, " WHERE \"id\" > ? ORDER BY \"id\" LIMIT %d",
			    PAGE_ROWS);
	} else {
		for (int i = 0; i < t->ncols; i++) {
			qc_buf_adds(&b, i ? ", " : " ORDER BY ");
			qc_quote_ident(&b, t->cols[i]);
			qc_buf_addf(&b, "%s NULLS FIRST",
				    t->kinds[i] == K_TEXT ?
					    dialect_of(s)->text_order :
					    "");
		}
	}
	rc = qc_stmt_prepare(s, qc_buf_str(&b), &c->st, err);
	qc_buf_release(&b);
	if (!rc && t->id_col >= 0)
		qc_stmt_bind_int(c->st, 1, INT64_MIN);
	return rc;
}

static enum qc_rc cursor_next(struct cursor *c, struct qc_error *err)
{
	for (;;) {
		if (c->done)
			return QC_DONE;
		enum qc_rc r = qc_stmt_next(c->st, err);
		if (r == QC_ROW) {
			c->page++;
			if (c->t->id_col >= 0)
				c->last_id = qc_stmt_int(c->st, c->t->id_col);
			return r;
		}
		if (qc_step_failed(r))
			return r;
		/* A short page was the last one. */
		if (c->t->id_col < 0 || c->page < PAGE_ROWS) {
			c->done = true;
			return QC_DONE;
		}
		qc_stmt_reset(c->st);
		qc_stmt_bind_int(c->st, 1, c->last_id);
		c->page = 0;
	}
}

static void cursor_close(struct cursor *c)
{
	qc_stmt_free(c->st);
	c->st = NULL;
}

static void bind_column(struct qc_stmt *to, int i, struct qc_stmt *from,
			int col, enum kind k)
{
	if (qc_stmt_is_null(from, col))
		qc_stmt_bind_null(to, i);
	else if (k == K_INT)
		qc_stmt_bind_int(to, i, qc_stmt_int(from, col));
	else if (k == K_DOUBLE)
		qc_stmt_bind_double(to, i, qc_stmt_double(from, col));
	else
		qc_stmt_bind_text(to, i, qc_stmt_text(from, col));
}

/* A value as text for a bulk load; ints and doubles exactly. */
static const char *as_text(struct qc_stmt *st, int col, enum kind k, char *buf,
			   size_t n)
{
	if (qc_stmt_is_null(st, col))
		return NULL;
	if (k == K_INT)
		snprintf(buf, n, "%lld", (long long)qc_stmt_int(st, col));
	else if (k == K_DOUBLE)
		snprintf(buf, n, "%.17g", qc_stmt_double(st, col));
	else
		return qc_stmt_text(st, col);
	return buf;
}

/* A driver with a bulk path (PostgreSQL's COPY) streams the table. */
static enum qc_rc bulk_table(struct qc_store *from, struct qc_store *to,
			     const struct table *t, int64_t *rows,
			     struct qc_error *err)
{
	const struct qc_store_ops *ops = qc_store_ops_of(to);
	void *conn = qc_store_conn_of(to);
	const char **vals = qc_xcalloc((size_t)t->ncols, sizeof(*vals));
	char(*bufs)[32] = qc_xcalloc((size_t)t->ncols, sizeof(*bufs));
	struct cursor c;
	enum qc_rc rc;
	enum qc_rc r = QC_DONE;

	if ((rc = cursor_open(&c, from, t, err)))
		goto out;
	rc = ops->bulk_begin(conn, t->name, t->cols, t->ncols, err);
	while (!rc && (r = cursor_next(&c, err)) == QC_ROW) {
		for (int i = 0; i < t->ncols; i++)
			vals[i] = as_text(c.st, i, t->kinds[i], bufs[i],
					  sizeof(bufs[i]));
		rc = ops->bulk_row(conn, vals, t->ncols, err);
		(*rows)++;
	}
	if (!rc) {
		/* The stream is ended even after a read error. */
		rc = ops->bulk_end(conn, err);
		if (!rc && qc_step_failed(r))
			rc = r;
	}
	cursor_close(&c);
out:
	free(vals);
	free(bufs);
	if (rc)
		qc_error_prefix(err, "table %s", t->name);
	return rc;
}

static enum qc_rc copy_table(struct qc_store *from, struct qc_store *to,
			     const struct table *t, int64_t *rows,
			     struct qc_error *err)
{
	struct qc_buf b = QC_BUF_INIT;
	struct qc_stmt *ins = NULL;
	struct cursor c;
	enum qc_rc rc;
	enum qc_rc r;

	*rows = 0;
	if (qc_store_ops_of(to)->bulk_begin)
		return bulk_table(from, to, t, rows, err);
	qc_buf_init(&b, 0);
	qc_buf_adds(&b, "INSERT INTO ");
	qc_quote_ident(&b, t->name);
	qc_buf_adds(&b, " (");
	for (int i = 0; i < t->ncols; i++) {
		qc_buf_adds(&b, i ? ", " : "");
		qc_quote_ident(&b, t->cols[i]);
	}
	qc_buf_adds(&b, ") VALUES (");
	for (int i = 0; i < t->ncols; i++)
		qc_buf_adds(&b, i ? ", ?" : "?");
	qc_buf_adds(&b, ")");
	rc = qc_stmt_prepare(to, qc_buf_str(&b), &ins, err);
	qc_buf_release(&b);
	if (rc)
		return rc;
	if ((rc = cursor_open(&c, from, t, err)))
		goto out;
	while ((r = cursor_next(&c, err)) == QC_ROW) {
		for (int i = 0; i < t->ncols; i++)
			bind_column(ins, i + 1, c.st, i, t->kinds[i]);
		if ((rc = qc_stmt_run(ins, err)))
			break;
		qc_stmt_reset(ins);
		(*rows)++;
	}
	if (!rc && qc_step_failed(r))
		rc = r;
	cursor_close(&c);
out:
	qc_stmt_free(ins);
	if (rc)
		qc_error_prefix(err, "table %s", t->name);
	return rc;
}

/* The last id a table handed out, or 0. */
static int64_t last_id(struct qc_store *s, const char *table)
{
	struct qc_stmt *st;
	int64_t v = 0;
	if (qc_stmt_prepare(s, dialect_of(s)->last_id, &st, NULL))
		return 0;
	qc_stmt_bind_text(st, 1, table);
	if (qc_stmt_next(st, NULL) == QC_ROW && !qc_stmt_is_null(st, 0))
		v = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return v;
}

/* Carry the next id over, so an id deleted in the source is not handed
 * out again in the copy (the audit log names rows by id). */
static enum qc_rc keep_next_id(struct qc_store *from, struct qc_store *to,
			       const struct table *t, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	bool pg = dialect_of(to) == &pg_dialect;
	int64_t n;

	/* Asking for the sequence of a table without ids is an error, and
	 * an error ends a PostgreSQL transaction: ask only tables with ids. */
	if (t->id_col < 0)
		return QC_OK;
	n = last_id(from, t->name);
	if (n <= 0 || n <= last_id(to, t->name))
		return QC_OK;
	rc = qc_stmt_prepare(to,
			     pg ? "SELECT setval(pg_get_serial_sequence("
				  "?, 'id'), ?)" :
				  "UPDATE sqlite_sequence SET"
				  " seq = ? WHERE name = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, pg ? 1 : 2, t->name);
	qc_stmt_bind_int(st, pg ? 2 : 1, n);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	if (rc || pg || last_id(to, t->name) >= n)
		return rc;
	/* No row yet: the table was empty in the source too. */
	if ((rc = qc_stmt_prepare(to,
				  "INSERT INTO sqlite_sequence (name, seq)"
				  " VALUES (?, ?)",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, t->name);
	qc_stmt_bind_int(st, 2, n);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

static bool same_value(struct qc_stmt *a, struct qc_stmt *b, int col,
		       enum kind k)
{
	if (qc_stmt_is_null(a, col) || qc_stmt_is_null(b, col))
		return qc_stmt_is_null(a, col) == qc_stmt_is_null(b, col);
	if (k == K_INT)
		return qc_stmt_int(a, col) == qc_stmt_int(b, col);
	if (k == K_DOUBLE)
		return qc_stmt_double(a, col) == qc_stmt_double(b, col);
	return !strcmp(qc_stmt_text(a, col), qc_stmt_text(b, col));
}

/* Read both sides in the same order and compare every value. */
static enum qc_rc verify_table(struct qc_store *from, struct qc_store *to,
			       const struct table *t, const struct table *tt,
			       struct qc_error *err)
{
	struct cursor a, b;
	enum qc_rc rc;
	int64_t row = 0;
	enum qc_rc ra, rb;

	if ((rc = cursor_open(&a, from, t, err)))
		return rc;
	if ((rc = cursor_open(&b, to, tt, err))) {
		cursor_close(&a);
		return rc;
	}
	for (;;) {
		ra = cursor_next(&a, err);
		rb = qc_step_failed(ra) ? ra : cursor_next(&b, err);
		if (qc_step_failed(ra) || qc_step_failed(rb)) {
			rc = qc_step_failed(ra) ? ra : rb;
			break;
		}
		row++;
		if (ra != rb) {
			rc = qc_error_set(err, QC_EDB,
					  "verify: table %s has "
					  "%s rows in the copy",
					  t->name,
					  ra == QC_ROW ? "fewer" : "more");
			break;
		}
		if (ra == QC_DONE)
			break;
		for (int c = 0; c < t->ncols && !rc; c++)
			if (!same_value(a.st, b.st, c, t->kinds[c]))
				rc = qc_error_set(err, QC_EDB,
						  "verify: table "
						  "%s, row %lld, column %s: "
						  "'%s' in the source, '%s' "
						  "in the copy",
						  t->name, (long long)row,
						  t->cols[c],
						  qc_stmt_text(a.st, c) ?
							  qc_stmt_text(a.st,
								       c) :
							  "NULL",
						  qc_stmt_text(b.st, c) ?
							  qc_stmt_text(b.st,
								       c) :
							  "NULL");
		if (rc)
			break;
	}
	cursor_close(&a);
	cursor_close(&b);
	return rc;
}

static enum qc_rc target_empty(struct qc_store *to, const struct tables *ts,
			       struct qc_error *err)
{
	for (size_t i = 0; i < ts->n; i++) {
		struct qc_buf sql;
		struct qc_stmt *st;
		enum qc_rc rc;
		qc_buf_init(&sql, 0);
		qc_buf_adds(&sql, "SELECT 1 FROM ");
		qc_quote_ident(&sql, ts->v[i].name);
		qc_buf_adds(&sql, " LIMIT 1");
		rc = qc_stmt_prepare(to, qc_buf_str(&sql), &st, err);
		qc_buf_release(&sql);
		if (rc)
			return rc;
		enum qc_rc r = qc_stmt_next(st, err);
		qc_stmt_free(st);
		if (qc_step_failed(r))
			return r;
		if (r == QC_ROW)
			return qc_error_set(err, QC_ECONFLICT,
					    "the target "
					    "database holds rows (table %s); "
					    "copy into a new, empty database",
					    ts->v[i].name);
	}
	return QC_OK;
}

/* Every table into the target, in one transaction, read again and
 * compared before it commits; then, for a copy that becomes a server,
 * its holders settled in the same transaction. */
static enum qc_rc copy_all(struct qc_store *from, struct qc_store *to,
			   const struct tables *src, const struct tables *dst,
			   bool settle, struct qc_copy_report *report,
			   struct qc_error *err)
{
	enum qc_rc rc;

	if ((rc = qc_store_begin(to, err)))
		return rc;
	rc = qc_store_exec(to, dialect_of(to)->defer_fks, err);
	for (size_t i = 0; i < src->n && !rc; i++) {
		int64_t rows;
		if (!(rc = copy_table(from, to, &src->v[i], &rows, err)))
			rc = keep_next_id(from, to, &src->v[i], err);
		if (rc)
			break;
		QC_GROW(report->v, report->n + 1, report->alloc);
		report->v[report->n].name = qc_xstrdup(src->v[i].name);
		report->v[report->n++].rows = rows;
		report->rows += rows;
	}
	for (size_t i = 0; i < src->n && !rc; i++)
		rc = verify_table(from, to, &src->v[i], &dst->v[i], err);
	if (!rc && settle)
		rc = qc_store_settle_holders(to, NULL, &report->settled, err);
	if (rc) {
		qc_store_rollback(to);
		return rc;
	}
	return qc_store_commit(to, err);
}

static enum qc_rc copy_with(struct qc_store *from, struct qc_store *to,
			    bool settle, struct qc_copy_report *report,
			    struct qc_error *err)
{
	struct tables src = { 0 }, dst = { 0 };
	bool snapshot = false;
	enum qc_rc rc;

	memset(report, 0, sizeof(*report));
	if ((rc = qc_store_refuse_national(from, true, err)) ||
	    (rc = qc_store_refuse_national(to, false, err)))
		return rc;
	if (qc_store_schema_version(from) != qc_store_schema_version(to)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "the source is at schema %d,"
				  " the target at %d; open both with the same "
				  "qcity first",
				  qc_store_schema_version(from),
				  qc_store_schema_version(to));
		goto out;
	}
	if ((rc = qc_store_exec(from, dialect_of(from)->snapshot, err)))
		goto out;
	snapshot = true;
	if ((rc = load_tables(from, &src, err)) ||
	    (rc = load_tables(to, &dst, err)))
		goto out;
	keep_common(&src, &dst);
	keep_common(&dst, &src);
	if ((rc = same_schema(&src, &dst, err)) ||
	    (rc = target_empty(to, &dst, err)))
		goto out;
	rc = copy_all(from, to, &src, &dst, settle, report, err);
out:
	if (snapshot)
		qc_store_exec(from, "ROLLBACK", NULL);
	tables_release(&src);
	tables_release(&dst);
	return rc;
}

enum qc_rc qc_store_copy(struct qc_store *from, struct qc_store *to,
			 struct qc_copy_report *report, struct qc_error *err)
{
	return copy_with(from, to, false, report, err);
}

enum qc_rc qc_store_copy_settled(struct qc_store *from, struct qc_store *to,
				 struct qc_copy_report *report,
				 struct qc_error *err)
{
	return copy_with(from, to, true, report, err);
}

void qc_copy_report_release(struct qc_copy_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].name);
	free(r->v);
	memset(r, 0, sizeof(*r));
}
