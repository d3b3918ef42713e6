/* Writing checked sampling results at the engine's speed. Enterprise and
 * category ids come from in-memory maps (a lookup only on first sight),
 * the counts and enterprise years are summed in memory and applied once
 * (sampling_tally.c), and every statement is prepared once. On SQLite
 * the results and new enterprises go QC_SW_BATCH to a statement with
 * their ids given by the importer, and a large import rebuilds the
 * results' indexes (sampling_lite.c); on PostgreSQL they are staged with
 * COPY and written set-based (sampling_stage.c). */
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

const char *qc_sw_held_by(const struct qc_sampling_writer *w, const char *prov)
{
	return w->holder[0] ? w->holder : prov;
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
		{ &w->followup,
		  /* SQLite only: OR FAIL, no statement journal
		   * (qc_sw_run_batch). */
		  "INSERT OR FAIL INTO sampling_followups (result_id,"
		  " province_code, notified_on, updated_at, region_code,"
		  " due_on, alarm_on, held_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
	return w->copy ? QC_OK : qc_sw_lite_open(w, err);
}

enum qc_rc qc_sampling_writer_open(struct qc_store *s, const char *now,
				   struct qc_sampling_writer **out,
				   struct qc_error *err)
{
	struct qc_sampling_writer *w = qc_xcalloc(1, sizeof(*w));
	enum qc_rc rc = QC_OK;

	w->s = s;
	w->years_gen = 1; /* 0: a slot that never held a year */
	w->copy = qc_store_can_copy(s);
	snprintf(w->now, sizeof(w->now), "%s", now);
	qc_buf_init(&w->key, 0);
	qc_buf_init(&w->stage, 0);
	if (w->copy) {
		qc_buf_release(&w->stage);
		rc = qc_sw_stage_open(w, err);
	}
	if (!rc && w->copy)
		rc = qc_store_holder(s, w->holder, err);
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
	qc_category_heads_release(&w->heads);
	for (size_t i = 0; i < w->n_uncat; i++)
		free(w->uncat[i]);
	qc_idmap_clear(&w->cells_seen);
	qc_idmap_clear(&w->samples);
	qc_idmap_clear(&w->count_ix);
	qc_idmap_clear(&w->year_ix);
	free(w->counts);
	free(w->years);
	free(w->cells);
	qc_buf_release(&w->stage);
	qc_buf_release(&w->key);
	qc_sw_lite_free(w);
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
		w->ent_slot = hit;
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
		r = qc_sw_lite_ent(w, x, id, err);
	} else {
		r = QC_EDB;
	}
	if (!r)
		w->ent_slot = qc_idmap_put(&w->ents, k, *id);
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
	/* No category cell and no catalogue name for the whole product:
	 * the one its name ends with (0#车用柴油: 车用柴油). */
	if (!r && !*id && !create) {
		if (!w->heads.loaded)
			r = qc_category_heads_load(w->s, &w->heads, err);
		if (!r)
			*id = qc_category_by_head(&w->heads, name);
	}
	if (!r)
		qc_idmap_put(&w->cats, k, *id);
	free(k);
	return r;
}

/* A result filed under no category: counted, its product kept among
 * the first few named for the report. */
static void uncategorized(struct qc_sampling_writer *w, const char *product)
{
	w->uncategorized++;
	if (!product || w->n_uncat == QC_SW_UNCAT_SHOWN)
		return;
	for (size_t i = 0; i < w->n_uncat; i++)
		if (!strcmp(w->uncat[i], product))
			return;
	w->uncat[w->n_uncat++] = qc_xstrdup(product);
}

size_t qc_sampling_writer_uncategorized(const struct qc_sampling_writer *w,
					struct qc_buf *products)
{
	for (size_t i = 0; i < w->n_uncat; i++) {
		if (i)
			qc_buf_adds(products, "、");
		qc_buf_adds(products, w->uncat[i]);
	}
	return w->uncategorized;
}

enum qc_rc qc_sampling_writer_add(struct qc_sampling_writer *w,
				  const struct qc_sampling_rec *x,
				  struct qc_error *err)
{
	int64_t ent = 0, cat;
	enum qc_rc rc;

	w->ent_slot = NULL; /* set by enterprise_id */

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
	if (!cat)
		uncategorized(w, x->product);
	if (!w->copy && (rc = enterprise_id(w, x, &ent, err)))
		return rc;
	if ((rc = qc_sw_count(w, x, cat, ent, atoi(x->date), err)))
		return rc;
	if (w->copy)
		return qc_sw_stage_row(w, x, cat, err);
	qc_sw_lite_row(w, x, ent, cat);
	return w->in_batch == QC_SW_BATCH ? qc_sw_lite_flush(w, err) : QC_OK;
}

/* Under the write lock: the server publishes as the province the rows
 * were written for. `federation publish` run during the import (it takes
 * the same lock) made every row then stored its own, but not these. */
static enum qc_rc same_holder(struct qc_sampling_writer *w,
			      struct qc_error *err)
{
	char now[QC_REGION_CODE_SIZE];
	enum qc_rc rc = qc_store_holder(w->s, now, err);
	if (!rc && strcmp(now, w->holder))
		rc = qc_error_set(err, QC_ECONFLICT,
				  "the server was published as province %s "
				  "while this import ran; nothing was "
				  "imported: run the import again",
				  now[0] ? now : "-");
	return rc;
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
	if (!rc && w->copy)
		rc = same_holder(w, err);
	if (!rc && !w->copy)
		rc = qc_sw_lite_finish(w, err);
	if (!rc)
		rc = qc_sw_apply(w, err);
	if (!rc)
		rc = qc_sampling_refresh_cells(w->s, w->cells, w->n_cells,
					       actor, err);
	if (!rc && !w->copy)
		rc = qc_sw_lite_analyze(w, err);
	return rc;
}
