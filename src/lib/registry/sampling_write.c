/* Writing checked sampling results at the engine's speed. Enterprise and
 * category ids come from in-memory maps (a lookup only on first sight),
 * the counts and enterprise years are summed in memory and applied once
 * (sampling_tally.c), and every statement is prepared once. On SQLite
 * the results go 32 to a statement with their ids given here; on
 * PostgreSQL they are staged with COPY and written set-based
 * (sampling_stage.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/followup.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "sampling_tally.h"
#include "banned.h"

#define RESULT_COLS 22

/* SQLite: QC_SW_BATCH rows of results in one statement; rows left unbound
 * (NULL id) are skipped, so a last, shorter batch takes it too. The ids
 * continue the table's (AUTOINCREMENT: never one used before), so the
 * follow-ups know their result without asking. */
static enum qc_rc prepare_batch(struct qc_sampling_writer *w,
				struct qc_error *err)
{
	struct qc_buf sql;
	enum qc_rc rc;

	qc_buf_init(&sql, 0);
	qc_buf_adds(&sql,
		    "INSERT INTO sampling_results (id, province_code, region_code,"
		    " level, sampling_plan, batch, sample_no, enterprise_id,"
		    " enterprise_name, product, category_id, spec, lot,"
		    " sampled_on, passed, failed_items, testing_body, source,"
		    " imported_at, sampled_unit, sampled_address,"
		    " date_precision) SELECT * FROM (VALUES ");
	for (int r = 0; r < QC_SW_BATCH; r++) {
		qc_buf_adds(&sql, r ? ", (" : "(");
		for (int c = 0; c < RESULT_COLS; c++)
			qc_buf_adds(&sql, c ? ", ?" : "?");
		qc_buf_addch(&sql, ')');
	}
	qc_buf_adds(&sql, ") WHERE column1 IS NOT NULL");
	rc = qc_stmt_prepare(w->s, qc_buf_str(&sql), &w->add_sample, err);
	qc_buf_release(&sql);
	if (!rc)
		rc = qc_store_get_int(
			w->s,
			"SELECT MAX(COALESCE((SELECT MAX(id) FROM"
			" sampling_results), 0), COALESCE((SELECT seq FROM"
			" sqlite_sequence WHERE name = 'sampling_results'), 0))",
			NULL, 0, &w->next_id, &(bool){ false }, err);
	return rc;
}

static enum qc_rc prepare(struct qc_sampling_writer *w, struct qc_error *err)
{
	const struct {
		struct qc_stmt **slot;
		const char *sql;
		bool both; /* also when staging */
	} stmts[] = {
		{ &w->find_cat,
		  "SELECT id FROM product_categories WHERE name = ? UNION ALL"
		  " SELECT category_id FROM product_category_synonyms WHERE"
		  " synonym = ?",
		  true },
		{ &w->add_cat,
		  "INSERT INTO product_categories (name) VALUES (?) RETURNING id",
		  true },
		{ &w->find_ent_code,
		  "SELECT id FROM enterprises WHERE uscc = ?", false },
		{ &w->find_ent_name,
		  /* COALESCE keeps the planner on the (name, region) index
		   * rather than scanning every code-less row. */
		  "SELECT id FROM enterprises WHERE name = ? AND"
		  " region_code = ? AND COALESCE(uscc, '') = ''",
		  false },
		{ &w->add_ent,
		  "INSERT INTO enterprises (uscc, verified, name, province_code,"
		  " region_code, address, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
		  " RETURNING id",
		  false },
		{ &w->followup,
		  "INSERT INTO sampling_followups (result_id, province_code,"
		  " notified_on, updated_at, region_code, due_on, alarm_on)"
		  " VALUES (?, ?, ?, ?, ?, ?, ?)",
		  false },
	};
	for (size_t i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++) {
		enum qc_rc rc;
		if (w->copy && !stmts[i].both)
			continue;
		if ((rc = qc_stmt_prepare(w->s, stmts[i].sql, stmts[i].slot,
					  err)))
			return rc;
	}
	return w->copy ? QC_OK : prepare_batch(w, err);
}

enum qc_rc qc_sampling_writer_open(struct qc_store *s, const char *now,
				   struct qc_sampling_writer **out,
				   struct qc_error *err)
{
	struct qc_sampling_writer *w = qc_xcalloc(1, sizeof(*w));
	enum qc_rc rc = QC_OK;

	w->s = s;
	w->copy = qc_store_can_copy(s);
	snprintf(w->now, sizeof(w->now), "%s", now);
	qc_buf_init(&w->key, 0);
	qc_buf_init(&w->stage, 0);
	if (w->copy) {
		qc_buf_release(&w->stage);
		rc = qc_sw_stage_open(w, err);
	}
	if (!rc)
		rc = prepare(w, err);
	if (rc) {
		qc_sampling_writer_free(w);
		return rc;
	}
	*out = w;
	return QC_OK;
}

void qc_sampling_writer_free(struct qc_sampling_writer *w)
{
	if (!w)
		return;
	struct qc_stmt *all[] = { w->find_ent_code, w->find_ent_name,
				  w->add_ent,       w->find_cat,
				  w->add_cat,       w->add_sample,
				  w->followup,      w->add_year,
				  w->add_years };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		qc_stmt_free(all[i]);
	qc_idmap_clear(&w->ents);
	qc_idmap_clear(&w->cats);
	qc_idmap_clear(&w->cells_seen);
	qc_idmap_clear(&w->samples);
	qc_idmap_clear(&w->count_ix);
	qc_idmap_clear(&w->year_ix);
	free(w->counts);
	free(w->years);
	free(w->cells);
	qc_buf_release(&w->stage);
	qc_buf_release(&w->key);
	free(w);
}

/* Find by code, else by name in the region; create when new. */
static enum qc_rc enterprise_id(struct qc_sampling_writer *w,
				const struct qc_sampling_rec *x, int64_t *id,
				struct qc_error *err)
{
	const char *key = x->uscc ?
				  qc_sw_key(w, "c", x->uscc, NULL) :
				  qc_sw_key(w, x->enterprise, x->region, NULL);
	struct idslot *hit = qc_idmap_find(&w->ents, key);
	struct qc_stmt *q = x->uscc ? w->find_ent_code : w->find_ent_name;
	enum qc_rc r;

	if (hit) {
		*id = hit->id;
		return QC_OK;
	}
	char *k = qc_xstrdup(key);
	qc_stmt_reset(q);
	if (x->uscc) {
		qc_stmt_bind_text(q, 1, x->uscc);
	} else {
		qc_stmt_bind_text(q, 1, x->enterprise);
		qc_stmt_bind_text(q, 2, x->region);
	}
	r = qc_stmt_next(q, err);
	if (r == QC_ROW) {
		*id = qc_stmt_int(q, 0);
		r = QC_OK;
	} else if (r == QC_DONE) {
		struct qc_stmt *a = w->add_ent;
		qc_stmt_reset(a);
		qc_stmt_bind_text(a, 1, x->uscc);
		qc_stmt_bind_int(a, 2, x->uscc && x->uscc_ok);
		qc_stmt_bind_text(a, 3, x->enterprise);
		qc_stmt_bind_text(a, 4, x->province);
		qc_stmt_bind_text(a, 5, x->region);
		qc_stmt_bind_text(a, 6, x->address);
		qc_stmt_bind_text(a, 7, w->now);
		r = qc_stmt_run_id(a, id, err);
	} else {
		r = QC_EDB;
	}
	if (!r)
		qc_idmap_put(&w->ents, k, *id);
	free(k);
	return r;
}

/* The category named by the table, created when new; without one, the
 * catalogue's category of the product name, if it lists it (0: none). */
static enum qc_rc category_id(struct qc_sampling_writer *w, const char *name,
			      const char *product, int64_t *id,
			      struct qc_error *err)
{
	bool create = name != NULL;
	enum qc_rc r;

	*id = 0;
	if (!name)
		name = product;
	if (!name)
		return QC_OK;
	const char *key = qc_sw_key(w, create ? "n" : "p", name, NULL);
	struct idslot *hit = qc_idmap_find(&w->cats, key);
	if (hit) {
		*id = hit->id;
		return QC_OK;
	}
	char *k = qc_xstrdup(key);
	qc_stmt_reset(w->find_cat);
	qc_stmt_bind_text(w->find_cat, 1, name);
	qc_stmt_bind_text(w->find_cat, 2, name);
	r = qc_stmt_next(w->find_cat, err);
	if (r == QC_ROW) {
		*id = qc_stmt_int(w->find_cat, 0);
		r = QC_OK;
	} else if (r == QC_DONE) {
		r = QC_OK;
		if (create && w->copy) {
			/* Staging holds no write lock: the category is
			 * created with the results (sampling_stage.c). */
			*id = QC_PENDING_CATEGORY;
		} else if (create) {
			qc_stmt_reset(w->add_cat);
			qc_stmt_bind_text(w->add_cat, 1, name);
			r = qc_stmt_run_id(w->add_cat, id, err);
		} else if (w->copy) {
			/* Named by an earlier row and created with the
			 * results: the product's category too, as on SQLite,
			 * where it is in the table by now. */
			struct idslot *named =
				qc_idmap_find(&w->cats,
					      qc_sw_key(w, "n", name, NULL));
			if (named && named->id == QC_PENDING_CATEGORY)
				*id = QC_PENDING_CATEGORY;
		}
	} else {
		r = QC_EDB;
	}
	if (!r)
		qc_idmap_put(&w->cats, k, *id);
	free(k);
	return r;
}

/* SQLite: the bound batch of results, then their follow-ups. */
static enum qc_rc flush_batch(struct qc_sampling_writer *w,
			      struct qc_error *err)
{
	enum qc_rc rc = QC_OK;

	if (w->in_batch)
		rc = qc_stmt_run(w->add_sample, err);
	qc_stmt_reset(w->add_sample);
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
		rc = qc_stmt_run(st, err);
	}
	w->n_pend = 0;
	return rc;
}

/* SQLite: the row bound into the batch, its follow-up kept pending. */
static void bind_row(struct qc_sampling_writer *w,
		     const struct qc_sampling_rec *x, int64_t ent, int64_t cat)
{
	struct qc_stmt *st = w->add_sample;
	int64_t id = ++w->next_id;
	int o = w->in_batch++ * RESULT_COLS;

	qc_stmt_bind_int(st, o + 1, id);
	qc_stmt_bind_text(st, o + 2, x->province);
	qc_stmt_bind_text(st, o + 3, x->region);
	qc_stmt_bind_text(st, o + 4, x->level);
	qc_stmt_bind_text(st, o + 5, x->plan);
	qc_stmt_bind_text(st, o + 6, x->batch);
	qc_stmt_bind_text(st, o + 7, x->sample_no);
	qc_stmt_bind_int(st, o + 8, ent);
	qc_stmt_bind_text(st, o + 9, x->enterprise);
	qc_stmt_bind_text(st, o + 10, x->product);
	if (cat)
		qc_stmt_bind_int(st, o + 11, cat);
	qc_stmt_bind_text(st, o + 12, x->spec);
	qc_stmt_bind_text(st, o + 13, x->lot);
	qc_stmt_bind_text(st, o + 14, x->date);
	qc_stmt_bind_int(st, o + 15, x->passed);
	qc_stmt_bind_text(st, o + 16, x->failed_items);
	qc_stmt_bind_text(st, o + 17, x->body);
	qc_stmt_bind_text(st, o + 18, x->source);
	qc_stmt_bind_text(st, o + 19, w->now);
	qc_stmt_bind_text(st, o + 20, x->sampled);
	qc_stmt_bind_text(st, o + 21, x->sampled_address);
	qc_stmt_bind_text(st, o + 22, x->precision ? x->precision : "day");
	if (!x->passed) {
		/* An unqualified result opens its follow-up; the notice date
		 * is taken as the sampling date until the office records the
		 * real one, and the order is due when the objection window
		 * closes. */
		struct qc_sw_pending *p = &w->pend[w->n_pend++];
		long day = 0;
		p->id = id;
		snprintf(p->province, sizeof(p->province), "%s", x->province);
		snprintf(p->region, sizeof(p->region), "%s", x->region);
		snprintf(p->date, sizeof(p->date), "%s", x->date);
		qc_date_days(x->date, &day);
		qc_date_from_days(day + QC_OBJECTION_DAYS, p->due);
	}
}

enum qc_rc qc_sampling_writer_add(struct qc_sampling_writer *w,
				  const struct qc_sampling_rec *x,
				  struct qc_error *err)
{
	int64_t ent = 0, cat;
	enum qc_rc rc;

	/* Staged and batched rows are not in the table yet: a sample number
	 * seen twice in the file is caught here, as the reader catches one
	 * already recorded. */
	if (x->sample_no) {
		if (qc_idmap_find(&w->samples, x->sample_no))
			return qc_error_set(err, QC_ECONFLICT,
					    "field 'sample_no':"
					    " sample %s is already recorded",
					    x->sample_no);
		qc_idmap_put(&w->samples, x->sample_no, 0);
	}
	if ((rc = category_id(w, x->category, x->product, &cat, err)))
		return rc;
	if (!w->copy && (rc = enterprise_id(w, x, &ent, err)))
		return rc;
	if ((rc = qc_sw_count(w, x, cat, ent, atoi(x->date), err)))
		return rc;
	if (w->copy)
		return qc_sw_stage_row(w, x, cat, err);
	bind_row(w, x, ent, cat);
	return w->in_batch == QC_SW_BATCH ? flush_batch(w, err) : QC_OK;
}

enum qc_rc qc_sampling_writer_finish(struct qc_sampling_writer *w,
				     const char *actor, struct qc_error *err)
{
	enum qc_rc rc = QC_OK;

	/* PostgreSQL: the staged rows are written set-based, most of them
	 * before the write lock (sampling_stage.c); the rest under it. */
	if (w->copy && w->staged)
		rc = qc_sw_write_staged(w, err);
	if (!rc)
		rc = qc_store_lock_writes(w->s, err);
	if (!rc && !w->copy)
		rc = flush_batch(w, err);
	if (!rc)
		rc = qc_sw_apply(w, err);
	if (!rc)
		rc = qc_sampling_refresh_cells(w->s, w->cells, w->n_cells,
					       actor, err);
	return rc;
}
