/* SQLite half of the sampling writer (sampling_write.c): results and new
 * enterprises go QC_SW_BATCH rows to a statement with ids given here, and
 * a large import drops the secondary indexes of sampling_results inside
 * its transaction and builds them again, sorted, before it commits
 * (docs/registry.md "Speed"). A rollback (an error, or a kill -9 before
 * the commit) brings the indexes back with everything else; readers of
 * the WAL keep their snapshot, indexes included. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/followup.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "sampling_tally.h"
#include "../store/store_int.h"
#include "banned.h"

#define RESULT_COLS 25
#define ENT_COLS 9
/* The indexes are dropped once the import has written this many rows and
 * at least REBUILD_SHARE times the rows the table held before it: a sorted
 * build of the whole table then costs less than the random inserts left. */
#define REBUILD_ROWS 4096
#define REBUILD_SHARE 0.25
/* A rollback journal instead of the WAL for an import of at least this
 * many bytes of input and JOURNAL_SHARE of the database's size
 * (qc_sw_lite_journal): a table of results is about as large as its
 * CSV. */
#define JOURNAL_MIN_BYTES ((size_t)1 << 20)
#define JOURNAL_SHARE 0.25
/* Memory the index builds sort in before they spill to a file, KiB. */
#define SORT_KIB "2048"
/* Helper threads the index builds sort with: by then the reading thread
 * has ended, and the second core sorts and writes the spilled runs while
 * this one reads the table (docs/registry.md "Ninth pass"). */
#define SORT_THREADS "1"

/* OR FAIL, as every batch here: no statement journal (qc_sw_run_batch). */
static const char add_result_sql[] =
	"INSERT OR FAIL INTO sampling_results (id, province_code, region_code,"
	" level, sampling_plan, batch, sample_no, enterprise_id,"
	" enterprise_name, product, category_id, spec, lot, sampled_on,"
	" passed, failed_items, testing_body, source, imported_at,"
	" sampled_unit, sampled_address, date_precision, held_by, issuer,"
	" remarks) VALUES ";
/* held_by given (the holder, as results have it: on SQLite the
 * registration province, what the trigger of migration 0026 would set):
 * the trigger then skips the row instead of updating it again (half of an
 * enterprise's insert). */
static const char add_ent_sql[] =
	"INSERT OR FAIL INTO enterprises (id, uscc, verified, name,"
	" province_code, region_code, address, created_at, held_by) VALUES ";

/* INSERT head, then rows tuples of cols placeholders. */
static enum qc_rc prepare_rows(struct qc_store *s, const char *head, int cols,
			       int rows, struct qc_stmt **out,
			       struct qc_error *err)
{
	struct qc_buf sql;
	enum qc_rc rc;

	qc_buf_init(&sql, 0);
	qc_buf_adds(&sql, head);
	for (int r = 0; r < rows; r++) {
		qc_buf_adds(&sql, r ? ", (" : "(");
		for (int c = 0; c < cols; c++)
			qc_buf_adds(&sql, c ? ", ?" : "?");
		qc_buf_addch(&sql, ')');
	}
	rc = qc_stmt_prepare(s, qc_buf_str(&sql), out, err);
	qc_buf_release(&sql);
	return rc;
}

/* The next id of an AUTOINCREMENT table: past every id it ever gave. */
static enum qc_rc last_id(struct qc_store *s, const char *table, int64_t *id,
			  struct qc_error *err)
{
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "SELECT MAX(COALESCE((SELECT MAX(id) FROM %s), 0),"
		 " COALESCE((SELECT seq FROM sqlite_sequence WHERE name ="
		 " '%s'), 0))",
		 table, table);
	return qc_store_get_int(s, sql, NULL, 0, id, &(bool){ false }, err);
}

enum qc_rc qc_sw_lite_open(struct qc_sampling_writer *w, struct qc_error *err)
{
	enum qc_rc rc;
	int64_t fk = 1;

	qc_buf_init(&w->ent_text, 0);
	qc_buf_init(&w->row_text, 0);
	/* A statement prepared has every parameter NULL. */
	memset(w->batch_nulls, 0xff, sizeof(w->batch_nulls));
	if ((rc = prepare_rows(w->s, add_result_sql, RESULT_COLS, QC_SW_BATCH,
			       &w->add_sample, err)) ||
	    (rc = prepare_rows(w->s, add_result_sql, RESULT_COLS, 1,
			       &w->add_sample1, err)) ||
	    (rc = prepare_rows(w->s, add_ent_sql, ENT_COLS, QC_SW_BATCH,
			       &w->add_ents, err)) ||
	    (rc = prepare_rows(w->s, add_ent_sql, ENT_COLS, 1, &w->add_ent,
			       err)) ||
	    (rc = last_id(w->s, "sampling_results", &w->next_id, err)) ||
	    (rc = last_id(w->s, "enterprises", &w->next_ent, err)) ||
	    (rc = qc_store_get_int(w->s, "PRAGMA foreign_keys", NULL, 0, &fk,
				   &(bool){ false }, err)))
		return rc;
	/* With the checks on (inside a caller's transaction) an enterprise
	 * must be in its table before the results that name it. */
	w->ents_first = fk != 0;
	return QC_OK;
}

/* s kept in b (its offset + 1, 0 for NULL) and its length in *len. */
static size_t keep(struct qc_buf *b, const char *s, uint32_t *len)
{
	size_t at = qc_buf_keep(b, s);
	*len = at ? (uint32_t)(qc_buf_len(b) - at) : 0;
	return at;
}

static void bind_ent(struct qc_sampling_writer *w, struct qc_stmt *st, int o,
		     const struct qc_sw_ent *e)
{
	const char *base = qc_buf_str(&w->ent_text);
	qc_stmt_bind_int(st, o + 1, e->id);
	for (int i = 0; i < 5; i++) {
		/* uscc, name, province, region, address */
		const char *v = e->off[i] ? base + e->off[i] - 1 : NULL;
		qc_stmt_bind_text_static_n(st, o + (i ? i + 3 : 2), v,
					   e->len[i]);
	}
	qc_stmt_bind_int(st, o + 3, e->verified);
	qc_stmt_bind_text_static(st, o + 8, w->now);
	qc_stmt_bind_text_static(st, o + 9,
				 qc_sw_held_by(w, e->off[2] ?
							  base + e->off[2] - 1 :
							  NULL));
}

/* The enterprises queued so far, QC_SW_BATCH to a statement. */
static enum qc_rc flush_ents(struct qc_sampling_writer *w, struct qc_error *err)
{
	enum qc_rc rc = QC_OK;

	for (int i = 0; !rc && i < w->n_newent;) {
		bool full = w->n_newent - i >= QC_SW_BATCH;
		struct qc_stmt *st = full ? w->add_ents : w->add_ent;
		int rows = full ? QC_SW_BATCH : 1;
		qc_stmt_rewind(st); /* bind_ent binds every column */
		for (int r = 0; r < rows; r++, i++)
			bind_ent(w, st, r * ENT_COLS, &w->newent[i]);
		rc = qc_sw_run_batch(st, err);
	}
	w->n_newent = 0;
	qc_buf_reset(&w->ent_text);
	return rc;
}

enum qc_rc qc_sw_lite_ent(struct qc_sampling_writer *w,
			  const struct qc_sampling_rec *x, int64_t *id,
			  struct qc_error *err)
{
	enum qc_rc rc;

	/* Queued enterprises are found through the id map only: flush them
	 * before the map starts again. */
	if (qc_idmap_full(&w->ents) && (rc = flush_ents(w, err)))
		return rc;
	struct qc_sw_ent *e = &w->newent[w->n_newent++];
	*id = e->id = ++w->next_ent;
	e->verified = x->uscc && x->uscc_ok;
	const char *t[5] = { x->uscc, x->enterprise, x->province, x->region,
			     x->address };
	for (int i = 0; i < 5; i++)
		e->off[i] = keep(&w->ent_text, t[i], &e->len[i]);
	return w->n_newent == QC_SW_BATCH ? flush_ents(w, err) : QC_OK;
}

/* The writer's lookups, left on their row until their next use, keep
 * the table in use: SQLite then refuses DROP and CREATE INDEX. */
static void reset_lookups(struct qc_sampling_writer *w)
{
	qc_stmt_reset(w->find_cat);
	qc_stmt_reset(w->find_ent_code);
	qc_stmt_reset(w->find_ent_name);
}

/* The non-unique indexes of sampling_results, as the schema defines them
 * (their own CREATE statements, read back from sqlite_master in the order
 * they were made), dropped;
 * the unique ones stay (they enforce, and the importer looks sample
 * numbers up in theirs). So are the held_by triggers of the tables the
 * importer writes (migrations 0026 and 0027): each sets held_by on a row
 * inserted without it, and the importer gives it on every row, but
 * SQLite still runs the trigger's program for each row to test its WHEN
 * (1 M results: about 1 s of CPU, a ninth of the import). Other triggers
 * stay and fire. Made again in their first order: without statistics
 * SQLite picks the index made last among two of equal cost (the walk of
 * unqualified results: (region, date) or the failures' own), so an order
 * by name turned that list into a read of every result of a county. */
static enum qc_rc drop_indexes(struct qc_sampling_writer *w,
			       struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc, r;

	reset_lookups(w);
	rc = qc_stmt_prepare(w->s,
			     "SELECT type = 'trigger', name, sql FROM"
			     " sqlite_master WHERE sql IS NOT NULL AND ((type ="
			     " 'index' AND tbl_name = 'sampling_results' AND"
			     " sql NOT LIKE 'CREATE UNIQUE%') OR (type ="
			     " 'trigger' AND name IN ("
			     "'sampling_results_held_by',"
			     " 'sampling_followups_held_by',"
			     " 'enterprises_held_by'))) ORDER BY type, rowid",
			     &st, err);
	if (rc)
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW &&
	       w->n_index < QC_SW_INDEXES) {
		w->index_trigger[w->n_index] = qc_stmt_int(st, 0) != 0;
		w->index_name[w->n_index] = qc_xstrdup(qc_stmt_text(st, 1));
		w->index_sql[w->n_index++] = qc_xstrdup(qc_stmt_text(st, 2));
	}
	qc_stmt_free(st);
	if (qc_step_failed(r))
		return r;
	for (int i = 0; !rc && i < w->n_index; i++) {
		char sql[160];
		snprintf(sql, sizeof(sql), "DROP %s \"%s\"",
			 w->index_trigger[i] ? "TRIGGER" : "INDEX",
			 w->index_name[i]);
		rc = qc_store_exec(w->s, sql, err);
	}
	w->dropped = !rc;
	return rc;
}

/* Whether the import is now large against the table: checked at
 * REBUILD_ROWS written and at each doubling after. */
static enum qc_rc maybe_drop(struct qc_sampling_writer *w, struct qc_error *err)
{
	int64_t written = w->next_id - w->first_id;
	enum qc_rc rc;

	if (w->dropped || written < w->check_at)
		return QC_OK;
	w->check_at = written * 2;
	if (w->before < 0) {
		int64_t n = 0;
		if ((rc = qc_store_get_int(w->s,
					   "SELECT COUNT(*) FROM"
					   " sampling_results",
					   NULL, 0, &n, &(bool){ false }, err)))
			return rc;
		w->before = n - written;
	}
	if ((double)written < REBUILD_SHARE * (double)w->before)
		return QC_OK;
	return drop_indexes(w, err);
}

/* The kept texts (qc_sw_lite_row's order) that most imports give the
 * same on every row: province, level, plan, batch, testing body,
 * source, date precision, issuer, remarks. */
#define SAME_COLS                                                      \
	(1u << 0 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 12 | 1u << 13 | \
	 1u << 16 | 1u << 17 | 1u << 18)
/* A kept text's offset when it is w->same[] of its column. */
#define SAME_TEXT SIZE_MAX

/* Keep a row's texts until its batch is written. */
void qc_sw_lite_row(struct qc_sampling_writer *w,
		    const struct qc_sampling_rec *x, int64_t ent, int64_t cat)
{
	struct qc_sw_row *r = &w->rows[w->in_batch++];
	const char *t[QC_SW_TEXTS] = {
		x->province,
		x->region,
		x->level,
		x->plan,
		x->batch,
		x->sample_no,
		x->enterprise,
		x->product,
		x->spec,
		x->lot,
		x->date,
		x->failed_items,
		x->body,
		x->source,
		x->sampled,
		x->sampled_address,
		x->precision ? x->precision : "day",
		x->issuer,
		x->remarks,
	};

	if (w->in_batch == 1)
		qc_buf_reset(&w->row_text);
	r->id = ++w->next_id;
	r->ent = ent;
	r->cat = cat;
	r->passed = x->passed;
	for (int i = 0; i < QC_SW_TEXTS; i++) {
		if (t[i] && SAME_COLS >> i & 1) {
			if (!w->same[i]) {
				w->same[i] = qc_xstrdup(t[i]);
				w->same_len[i] = (uint32_t)strlen(t[i]);
			}
			if (!strcmp(t[i], w->same[i])) {
				r->off[i] = SAME_TEXT;
				r->len[i] = w->same_len[i];
				continue;
			}
		}
		r->off[i] = keep(&w->row_text, t[i], &r->len[i]);
	}
	if (!x->passed) {
		/* An unqualified result opens its follow-up; the notice date
		 * is taken as the sampling date until the office records the
		 * real one, and the order is due when the objection window
		 * closes. */
		struct qc_sw_pending *p = &w->pend[w->n_pend++];
		long day = 0;
		p->id = r->id;
		snprintf(p->province, sizeof(p->province), "%s", x->province);
		snprintf(p->region, sizeof(p->region), "%s", x->region);
		snprintf(p->date, sizeof(p->date), "%s", x->date);
		qc_date_days(x->date, &day);
		qc_date_from_days(day + QC_OBJECTION_DAYS, p->due);
	}
}

/* Text v (NULL: SQL NULL) as parameter i. A batch statement keeps its
 * values from one batch to the next (qc_stmt_rewind), so where nulls
 * (the statement's parameters of this row now NULL, bit i - 1) is given
 * a NULL already there is not bound again: a result leaves a third of
 * its 25 columns empty, and each bind costs about as much as its share
 * of the insert. */
static void bind_text(struct qc_stmt *st, int o, int i, const char *v,
		      uint32_t len, uint32_t *nulls)
{
	uint32_t bit = 1u << (i - 1);
	if (v)
		qc_stmt_bind_text_static_n(st, o + i, v, len);
	else if (!nulls || !(*nulls & bit))
		qc_stmt_bind_null(st, o + i);
	if (nulls)
		*nulls = v ? *nulls & ~bit : *nulls | bit;
}

/* The same for a text that may be its column's w->same (is_same), where
 * same (the row's bits of parameters bound to it, in the statement that
 * keeps its values; NULL: none) says whether it is bound already. */
static void bind_same(struct qc_stmt *st, int o, int i, const char *v,
		      uint32_t len, uint32_t *nulls, uint32_t *same,
		      bool is_same)
{
	uint32_t bit = 1u << (i - 1);
	if (is_same && same && *same & bit)
		return; /* not NULL either: nulls' bit is clear */
	bind_text(st, o, i, v, len, nulls);
	if (same)
		*same = is_same ? *same | bit : *same & ~bit;
}

/* nulls: the row's NULL parameters in a statement that keeps them
 * (above), or NULL to bind every column; fixed: the import's constant
 * (imported_at) is bound there already. */
static void bind_result(struct qc_sampling_writer *w, struct qc_stmt *st, int o,
			const struct qc_sw_row *r, uint32_t *nulls,
			uint32_t *same, bool fixed)
{
	const char *base = qc_buf_str(&w->row_text);
	/* Where each kept text goes among the columns (23: held_by). */
	static const int col[QC_SW_TEXTS] = { 2,  3,  4,  5,  6,  7,  9,
					      10, 12, 13, 14, 16, 17, 18,
					      20, 21, 22, 24, 25 };
	const char *text[QC_SW_TEXTS];
	qc_stmt_bind_int(st, o + 1, r->id);
	for (int i = 0; i < QC_SW_TEXTS; i++) {
		text[i] = r->off[i] == SAME_TEXT ? w->same[i] :
			  r->off[i]              ? base + r->off[i] - 1 :
						   NULL;
		bind_same(st, o, col[i], text[i], r->len[i], nulls, same,
			  r->off[i] == SAME_TEXT);
	}
	qc_stmt_bind_int(st, o + 8, r->ent);
	if (r->cat) {
		qc_stmt_bind_int(st, o + 11, r->cat);
		if (nulls)
			*nulls &= ~(1u << 10);
	} else {
		bind_text(st, o, 11, NULL, 0, nulls);
	}
	qc_stmt_bind_int(st, o + 15, r->passed);
	if (!fixed)
		qc_stmt_bind_text_static(st, o + 19, w->now);
	/* held_by: the row's province (text[0]) unless the server has a
	 * holder of its own (never on SQLite). */
	const char *holder = qc_sw_held_by(w, text[0] ? text[0] : "");
	bind_same(st, o, 23, holder, (uint32_t)strlen(holder), NULL, same,
		  holder == w->same[0]);
}

enum qc_rc qc_sw_lite_flush(struct qc_sampling_writer *w, struct qc_error *err)
{
	enum qc_rc rc = QC_OK;

	if (!w->check_at) {
		w->check_at = REBUILD_ROWS;
		w->before = -1;
		w->first_id = w->next_id - w->in_batch;
	}
	if (w->ents_first)
		rc = flush_ents(w, err);
	for (int i = 0; !rc && i < w->in_batch;) {
		bool full = w->in_batch - i >= QC_SW_BATCH;
		struct qc_stmt *st = full ? w->add_sample : w->add_sample1;
		int rows = full ? QC_SW_BATCH : 1;
		qc_stmt_rewind(st); /* bind_result binds what changed */
		for (int r = 0; r < rows; r++, i++)
			bind_result(w, st, r * RESULT_COLS, &w->rows[i],
				    full ? &w->batch_nulls[r] : NULL,
				    full ? &w->batch_same[r] : NULL,
				    full && w->batch_fixed);
		w->batch_fixed |= full;
		rc = qc_sw_run_batch(st, err);
	}
	w->in_batch = 0;
	for (int i = 0; !rc && i < w->n_pend; i++) {
		const struct qc_sw_pending *p = &w->pend[i];
		struct qc_stmt *st = w->followup;
		qc_stmt_reset(st);
		qc_stmt_bind_int(st, 1, p->id);
		qc_stmt_bind_text(st, 2, p->province);
		qc_stmt_bind_text(st, 3, p->date);
		qc_stmt_bind_text(st, 4, w->now);
		qc_stmt_bind_text(st, 5, p->region);
		qc_stmt_bind_text(st, 6, p->due);
		qc_stmt_bind_text(st, 7, p->due);
		qc_stmt_bind_text(st, 8, qc_sw_held_by(w, p->province));
		rc = qc_sw_run_batch(st, err);
	}
	w->n_pend = 0;
	return rc ? rc : maybe_drop(w, err);
}

/* The last rows and enterprises; the dropped indexes built again and the
 * triggers made again (the same statements that made them). */
enum qc_rc qc_sw_lite_finish(struct qc_sampling_writer *w, struct qc_error *err)
{
	enum qc_rc rc = qc_sw_lite_flush(w, err);
	int64_t cache = 0;
	char sql[96]; /* two pragmas of a 64-bit value each */

	if (!rc)
		rc = flush_ents(w, err);
	if (rc || !w->dropped)
		return rc;
	reset_lookups(w);
	/* The builds sort with the page cache's size of memory, then spill
	 * to temporary files; with temp_store=MEMORY (store_sqlite.c) they
	 * would sort the whole table in memory. A small cache for the builds
	 * keeps the peak memory of a large import near a small one's, and
	 * sorts faster. temp_store can change inside a transaction while
	 * the connection has no temporary database open (none is, unless a
	 * caller's transaction made one: then the sort stays in memory). */
	int64_t store = 0, temp_open = 1, threads = 0;
	if ((rc = qc_store_get_int(w->s, "PRAGMA cache_size", NULL, 0, &cache,
				   &(bool){ false }, err)) ||
	    (rc = qc_store_get_int(w->s, "PRAGMA threads", NULL, 0, &threads,
				   &(bool){ false }, err)) ||
	    (rc = qc_store_get_int(w->s, "PRAGMA temp_store", NULL, 0, &store,
				   &(bool){ false }, err)) ||
	    (rc = qc_store_get_int(w->s,
				   "SELECT COUNT(*) FROM pragma_database_list"
				   " WHERE name = 'temp'",
				   NULL, 0, &temp_open, &(bool){ false }, err)))
		return rc;
	if ((rc = qc_store_exec(w->s, "PRAGMA threads=" SORT_THREADS, err)) ||
	    (!temp_open &&
	     (rc = qc_store_exec(w->s, "PRAGMA temp_store=FILE", err))) ||
	    (rc = qc_store_exec(w->s, "PRAGMA cache_size=-" SORT_KIB, err)))
		goto out;
	for (int i = 0; !rc && i < w->n_index; i++)
		rc = qc_store_exec(w->s, w->index_sql[i], err);
out:;
	/* Restored whatever happened: a server's long-lived connection
	 * keeps its settings after a failed import. The build's error, if
	 * any, is the one reported. */
	struct qc_error back = { 0 };
	enum qc_rc brc;
	snprintf(sql, sizeof(sql),
		 "PRAGMA cache_size=%lld; PRAGMA threads=%lld",
		 (long long)cache, (long long)threads);
	brc = qc_store_exec(w->s, sql, &back);
	snprintf(sql, sizeof(sql), "PRAGMA temp_store=%lld", (long long)store);
	if (!brc && !temp_open)
		brc = qc_store_exec(w->s, sql, &back);
	if (!rc && brc) {
		rc = brc;
		if (err)
			*err = back;
	}
	w->dropped = false;
	w->rebuilt = !rc;
	return rc;
}

/* Rows each index of the tables an import writes is sampled for its
 * statistics (ANALYZE): enough for the shape of an index (rows to a
 * region and date, how much smaller the failures' index is), 2 ms at
 * 1 M rows where a full ANALYZE reads every index (0.25-0.3 s of CPU). */
#define ANALYSIS_LIMIT "1000"

/* The planner's statistics of the tables an import writes, after an
 * import that rebuilt the indexes (large against the table: the old
 * statistics, if any, no longer say its shape) or when the results hold
 * REBUILD_ROWS or more and have none yet (a database built by small
 * imports, or by a version that did not keep them). Without them SQLite
 * assumes every index equally selective. In the import's transaction:
 * undone with it. */
enum qc_rc qc_sw_lite_analyze(struct qc_sampling_writer *w,
			      struct qc_error *err)
{
	int64_t stats = 1, limit = 0;
	enum qc_rc rc;
	char sql[64];

	/* sqlite_stat1 exists once anything was analyzed. */
	if (!w->rebuilt && w->next_id >= REBUILD_ROWS &&
	    ((rc = qc_store_get_int(w->s,
				    "SELECT COUNT(*) FROM sqlite_master"
				    " WHERE name = 'sqlite_stat1'",
				    NULL, 0, &stats, &(bool){ false }, err)) ||
	     (stats &&
	      (rc = qc_store_get_int(w->s,
				     "SELECT COUNT(*) FROM sqlite_stat1 WHERE"
				     " tbl = 'sampling_results'",
				     NULL, 0, &stats, &(bool){ false }, err)))))
		return rc;
	if (!w->rebuilt && (stats || w->next_id < REBUILD_ROWS))
		return QC_OK;
	reset_lookups(w);
	if ((rc = qc_store_get_int(w->s, "PRAGMA analysis_limit", NULL, 0,
				   &limit, &(bool){ false }, err)))
		return rc;
	rc = qc_store_exec(w->s,
			   "PRAGMA analysis_limit=" ANALYSIS_LIMIT ";"
			   " ANALYZE sampling_results;"
			   " ANALYZE sampling_followups;"
			   " ANALYZE sampling_enterprise_years;"
			   " ANALYZE sampling_counts; ANALYZE enterprises",
			   err);
	/* The connection's own limit again, whether or not ANALYZE
	 * succeeded (a server's connection lives on); the first error
	 * is the one reported. */
	snprintf(sql, sizeof(sql), "PRAGMA analysis_limit=%lld",
		 (long long)limit);
	struct qc_error restore = { 0 };
	enum qc_rc r2 = qc_store_exec(w->s, sql, rc ? &restore : err);
	return rc ? rc : r2;
}

/* A large import into a database no other connection has open writes
 * through a rollback journal instead of the WAL: a page appended beyond
 * the file's end needs nothing in that journal, so the table and its
 * rebuilt indexes are written once, not to the WAL and then again by
 * the checkpoint (1 M bench rows: about 1.5 s of 13 s of CPU). SQLite
 * refuses to leave WAL mode, at once, while any other connection has
 * the database open (a server, a reader): the import then stays in WAL
 * mode. A connection opened during such an import waits for its commit
 * (the busy timeout) instead of reading the snapshot before it. A kill
 * -9 leaves a hot journal, which the next connection rolls back before
 * it reads; synchronous=FULL for the import so a power cut cannot tear
 * the file either (NORMAL suffices for that in WAL mode only). */
bool qc_sw_lite_journal(struct qc_store *s, size_t bytes)
{
	int64_t pages = 0, page = 0;
	char *mode = NULL;
	bool on;

	/* Inside a caller's transaction the journal cannot change (and a
	 * failed statement would fail that transaction). */
	if (strcmp(qc_store_driver(s), "sqlite") ||
	    qc_store_in_transaction(s) || bytes < JOURNAL_MIN_BYTES ||
	    qc_store_get_int(s, "PRAGMA page_count", NULL, 0, &pages,
			     &(bool){ false }, NULL) ||
	    qc_store_get_int(s, "PRAGMA page_size", NULL, 0, &page,
			     &(bool){ false }, NULL) ||
	    (double)bytes < JOURNAL_SHARE * (double)pages * (double)page)
		return false;
	if (qc_store_get_text(s, "PRAGMA journal_mode=DELETE", NULL, 0, &mode,
			      NULL))
		return false;
	on = mode && !strcmp(mode, "delete");
	free(mode);
	if (on && qc_store_exec(s, "PRAGMA synchronous=FULL", NULL)) {
		qc_sw_lite_journal_end(s);
		return false;
	}
	return on;
}

void qc_sw_lite_journal_end(struct qc_store *s)
{
	char *mode = NULL;
	/* Back to the WAL (as every open sets it: a connection that opened
	 * meanwhile may have set it already, or hold the database so that
	 * this fails; its own next open sets it then). */
	qc_store_exec(s, "PRAGMA synchronous=NORMAL", NULL);
	qc_store_get_text(s, "PRAGMA journal_mode=WAL", NULL, 0, &mode, NULL);
	free(mode);
}

void qc_sw_lite_free(struct qc_sampling_writer *w)
{
	qc_stmt_free(w->add_sample1);
	qc_stmt_free(w->add_ents);
	for (int i = 0; i < w->n_index; i++) {
		free(w->index_name[i]);
		free(w->index_sql[i]);
	}
	qc_buf_release(&w->ent_text);
	qc_buf_release(&w->row_text);
	for (int i = 0; i < QC_SW_TEXTS; i++)
		free(w->same[i]);
}
