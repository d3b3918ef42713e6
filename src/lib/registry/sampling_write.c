/* Writing checked sampling results at the engine's speed. Enterprise and
 * category ids come from in-memory maps (a lookup only on first sight),
 * the counts per (region, level, category, year) are summed in memory and
 * applied once at the end, and every statement is prepared once. On
 * PostgreSQL the results are staged with COPY into a temporary table and
 * written set-based: new enterprises, the results with their follow-ups
 * and the counts are one statement each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "sampling_write.h"
#include "banned.h"

/* ---- a small string → id map ---------------------------------------- */

/* Ids are a cache of the database: past MAP_MAX keys the map starts
 * again, so memory stays flat however many enterprises a file names. */
#define MAP_MAX (1u << 18)

struct slot {
	char *key;
	int64_t id;
};

struct idmap {
	struct slot *v;
	size_t n, cap; /* cap a power of two */
};

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u; /* FNV-1a */
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static void map_clear(struct idmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

static struct slot *map_find(struct idmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1))
		if (!m->v[i].key || !strcmp(m->v[i].key, key))
			return m->v[i].key ? &m->v[i] : NULL;
}

static void map_put(struct idmap *m, const char *key, int64_t id)
{
	if (m->n >= MAP_MAX)
		map_clear(m);
	if ((m->n + 1) * 2 > m->cap) {
		struct idmap g = { .cap = m->cap ? m->cap * 2 : 1024 };
		g.v = qc_xcalloc(g.cap, sizeof(*g.v));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->v[i].key)
				continue;
			size_t j = hash(m->v[i].key) & (g.cap - 1);
			while (g.v[j].key)
				j = (j + 1) & (g.cap - 1);
			g.v[j] = m->v[i];
		}
		g.n = m->n;
		free(m->v);
		*m = g;
	}
	size_t i = hash(key) & (m->cap - 1);
	while (m->v[i].key)
		i = (i + 1) & (m->cap - 1);
	m->v[i].key = qc_xstrdup(key);
	m->v[i].id = id;
	m->n++;
}

/* ---- the writer ------------------------------------------------------- */

/* The id of a category to create when the staged rows are written. */
#define PENDING (-1)

/* Counts of one (region, level, category, year) cell, summed in memory. */
struct count {
	char region[QC_REGION_CODE_SIZE];
	char level[16];
	int64_t category;
	int year;
	long long samples, passed;
};

/* Rows per INSERT on SQLite: one statement step for many rows saves the
 * opening and closing of the table's and indexes' cursors each time. */
#define BATCH 32
#define RESULT_COLS 19

/* Rows staged per COPY on PostgreSQL: bounded, so memory is too. */
#define STAGE_BYTES (8u << 20)
#define STAGE_CAP (64u << 20)
/* Staged rows past which the import refreshes the planner's statistics. */
#define ANALYZE_ROWS 10000

struct qc_sampling_writer {
	struct qc_store *s;
	bool copy; /* PostgreSQL: stage with COPY */
	char now[32];
	struct idmap ents, cats, cells_seen;
	struct idmap samples; /* sample numbers staged by this import */
	struct count *counts;
	size_t n_counts, alloc_counts;
	struct idmap count_ix; /* key → index in counts */
	struct qc_sampling_cell *cells;
	size_t n_cells, alloc_cells;
	struct qc_stmt *find_ent_code, *find_ent_name, *add_ent, *find_cat,
		*add_cat, *add_sample, *followup;
	struct qc_buf stage;
	int64_t staged;
	/* SQLite: results go BATCH to a statement, with ids given here; the
	 * follow-ups of a batch are written once its results are. */
	int64_t next_id;
	int in_batch;
	struct pending {
		int64_t id;
		char province[QC_REGION_CODE_SIZE];
		char date[11];
	} pend[BATCH];
	int n_pend;
	struct qc_buf key;
};

static const char *const stage_cols[] = {
	"n",
	"province_code",
	"region_code",
	"level",
	"sampling_plan",
	"batch",
	"sample_no",
	"uscc",
	"verified",
	"enterprise_name",
	"address",
	"product",
	"category_id",
	"spec",
	"lot",
	"sampled_on",
	"passed",
	"failed_items",
	"testing_body",
	"source",
	"category_name",
};
#define N_STAGE ((int)(sizeof(stage_cols) / sizeof(stage_cols[0])))

/* SQLite: BATCH rows of results in one statement; rows left unbound
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
		    " imported_at) SELECT * FROM (VALUES ");
	for (int r = 0; r < BATCH; r++) {
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
		  " notified_on, updated_at) VALUES (?, ?, ?, ?)",
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
	qc_buf_init(&w->stage, STAGE_CAP);
	qc_buf_init(&w->key, 0);
	if (w->copy)
		rc = qc_store_exec(
			s,
			"CREATE TEMPORARY TABLE IF NOT EXISTS sampling_stage ("
			" n BIGINT NOT NULL, province_code TEXT, region_code TEXT,"
			" level TEXT, sampling_plan TEXT, batch TEXT,"
			" sample_no TEXT, uscc TEXT, verified INTEGER,"
			" enterprise_name TEXT, address TEXT, product TEXT,"
			" category_id BIGINT, spec TEXT, lot TEXT,"
			" sampled_on TEXT, passed INTEGER, failed_items TEXT,"
			" testing_body TEXT, source TEXT, category_name TEXT)"
			" ON COMMIT DROP",
			err);
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
				  w->followup };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		qc_stmt_free(all[i]);
	map_clear(&w->ents);
	map_clear(&w->cats);
	map_clear(&w->cells_seen);
	map_clear(&w->samples);
	map_clear(&w->count_ix);
	free(w->counts);
	free(w->cells);
	qc_buf_release(&w->stage);
	qc_buf_release(&w->key);
	free(w);
}

static const char *make_key(struct qc_sampling_writer *w, const char *a,
			    const char *b, const char *c)
{
	qc_buf_reset(&w->key);
	qc_buf_adds(&w->key, a);
	qc_buf_addch(&w->key, '\x1f');
	qc_buf_adds(&w->key, b ? b : "");
	qc_buf_addch(&w->key, '\x1f');
	qc_buf_adds(&w->key, c ? c : "");
	return qc_buf_str(&w->key);
}

/* Find by code, else by name in the region; create when new. */
static enum qc_rc enterprise_id(struct qc_sampling_writer *w,
				const struct qc_sampling_rec *x, int64_t *id,
				struct qc_error *err)
{
	const char *key = x->uscc ? make_key(w, "c", x->uscc, NULL) :
				    make_key(w, x->enterprise, x->region, NULL);
	struct slot *hit = map_find(&w->ents, key);
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
		map_put(&w->ents, k, *id);
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
	const char *key = make_key(w, create ? "n" : "p", name, NULL);
	struct slot *hit = map_find(&w->cats, key);
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
			 * created with the results (write_staged). */
			*id = PENDING;
		} else if (create) {
			qc_stmt_reset(w->add_cat);
			qc_stmt_bind_text(w->add_cat, 1, name);
			r = qc_stmt_run_id(w->add_cat, id, err);
		}
	} else {
		r = QC_EDB;
	}
	if (!r)
		map_put(&w->cats, k, *id);
	free(k);
	return r;
}

static void count_row(struct qc_sampling_writer *w,
		      const struct qc_sampling_rec *x, int64_t cat, int year)
{
	char tail[48];
	struct slot *hit;
	struct count *c;

	if (w->copy)
		goto cell; /* counted set-based from the stage */
	snprintf(tail, sizeof(tail), "%lld\x1f%d", (long long)cat, year);
	hit = map_find(&w->count_ix, make_key(w, x->region, x->level, tail));
	if (hit) {
		c = &w->counts[hit->id];
	} else {
		map_put(&w->count_ix, qc_buf_str(&w->key),
			(int64_t)w->n_counts);
		QC_GROW(w->counts, w->n_counts + 1, w->alloc_counts);
		c = &w->counts[w->n_counts++];
		memset(c, 0, sizeof(*c));
		snprintf(c->region, sizeof(c->region), "%s", x->region);
		snprintf(c->level, sizeof(c->level), "%s", x->level);
		c->category = cat;
		c->year = year;
	}
	c->samples++;
	c->passed += x->passed != 0;
cell:
	/* The (region, year) cells whose pass rates are refreshed. */
	snprintf(tail, sizeof(tail), "%d", year);
	if (!map_find(&w->cells_seen, make_key(w, x->region, tail, NULL))) {
		map_put(&w->cells_seen, qc_buf_str(&w->key), 0);
		QC_GROW(w->cells, w->n_cells + 1, w->alloc_cells);
		snprintf(w->cells[w->n_cells].region, QC_REGION_CODE_SIZE, "%s",
			 x->region);
		w->cells[w->n_cells++].year = year;
	}
}

static enum qc_rc stage_row(struct qc_sampling_writer *w,
			    const struct qc_sampling_rec *x, int64_t cat,
			    struct qc_error *err)
{
	char n[24], catv[24];
	const char *v[N_STAGE];

	snprintf(n, sizeof(n), "%lld", (long long)++w->staged);
	snprintf(catv, sizeof(catv), "%lld", (long long)cat);
	v[0] = n, v[1] = x->province, v[2] = x->region, v[3] = x->level;
	v[4] = x->plan, v[5] = x->batch, v[6] = x->sample_no, v[7] = x->uscc;
	v[8] = x->uscc && x->uscc_ok ? "1" : "0";
	v[9] = x->enterprise, v[10] = x->address, v[11] = x->product;
	v[12] = cat > 0 ? catv : NULL, v[13] = x->spec, v[14] = x->lot;
	v[15] = x->date, v[16] = x->passed ? "1" : "0";
	v[17] = x->failed_items, v[18] = x->body, v[19] = x->source;
	v[20] = cat == PENDING ? x->category : NULL;
	for (int i = 0; i < N_STAGE; i++)
		qc_copy_field(&w->stage, v[i], i == 0, i == N_STAGE - 1);
	if (qc_buf_failed(&w->stage))
		return qc_error_set(err, QC_EINVAL,
				    "a row is too large to stage (over %u MiB)",
				    STAGE_CAP >> 20);
	if (qc_buf_len(&w->stage) < STAGE_BYTES)
		return QC_OK;
	enum qc_rc rc = qc_store_copy_in(w->s, "sampling_stage", stage_cols,
					 N_STAGE, qc_buf_str(&w->stage),
					 qc_buf_len(&w->stage), err);
	qc_buf_reset(&w->stage);
	return rc;
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
		struct qc_stmt *st = w->followup;
		qc_stmt_reset(st);
		qc_stmt_bind_int(st, 1, w->pend[i].id);
		qc_stmt_bind_text(st, 2, w->pend[i].province);
		qc_stmt_bind_text(st, 3, w->pend[i].date);
		qc_stmt_bind_text(st, 4, w->now);
		rc = qc_stmt_run(st, err);
	}
	w->n_pend = 0;
	return rc;
}

enum qc_rc qc_sampling_writer_add(struct qc_sampling_writer *w,
				  const struct qc_sampling_rec *x,
				  struct qc_error *err)
{
	struct qc_stmt *st = w->add_sample;
	int64_t ent = 0, cat;
	enum qc_rc rc;

	/* Staged and batched rows are not in the table yet: a sample number
	 * seen twice in the file is caught here, as the reader catches one
	 * already recorded. */
	if (x->sample_no) {
		if (map_find(&w->samples, x->sample_no))
			return qc_error_set(err, QC_ECONFLICT,
					    "field 'sample_no':"
					    " sample %s is already recorded",
					    x->sample_no);
		map_put(&w->samples, x->sample_no, 0);
	}
	if ((rc = category_id(w, x->category, x->product, &cat, err)))
		return rc;
	count_row(w, x, cat, atoi(x->date));
	if (w->copy)
		return stage_row(w, x, cat, err);
	if ((rc = enterprise_id(w, x, &ent, err)))
		return rc;
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
	if (!x->passed) {
		/* An unqualified result opens its follow-up; the notice date
		 * is taken as the sampling date until the office records the
		 * real one. */
		struct pending *p = &w->pend[w->n_pend++];
		p->id = id;
		snprintf(p->province, sizeof(p->province), "%s", x->province);
		snprintf(p->date, sizeof(p->date), "%s", x->date);
	}
	return w->in_batch == BATCH ? flush_batch(w, err) : QC_OK;
}

/* PostgreSQL: the staged rows, written set-based. New enterprises first
 * (the first row naming one gives its name and address, as a row-by-row
 * import would), then the results with their follow-ups. */
static enum qc_rc write_staged(struct qc_sampling_writer *w,
			       struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc = QC_OK;

	if (qc_buf_len(&w->stage)) {
		rc = qc_store_copy_in(w->s, "sampling_stage", stage_cols,
				      N_STAGE, qc_buf_str(&w->stage),
				      qc_buf_len(&w->stage), err);
		qc_buf_reset(&w->stage);
	}
	if (rc || (rc = qc_store_exec(w->s, "ANALYZE sampling_stage", err)))
		return rc;
	static const char *const sql[] = {
		"INSERT INTO product_categories (name) SELECT DISTINCT"
		" s.category_name FROM sampling_stage s WHERE s.category_name IS"
		" NOT NULL AND NOT EXISTS (SELECT 1 FROM product_categories c"
		" WHERE c.name = s.category_name)",
		"UPDATE sampling_stage s SET category_id = c.id FROM"
		" product_categories c WHERE s.category_name IS NOT NULL AND"
		" c.name = s.category_name",
		"INSERT INTO enterprises (uscc, verified, name, province_code,"
		" region_code, address, created_at)"
		" SELECT DISTINCT ON (s.uscc) s.uscc, s.verified,"
		" s.enterprise_name, s.province_code, s.region_code, s.address, ?"
		" FROM sampling_stage s WHERE s.uscc IS NOT NULL AND NOT EXISTS"
		" (SELECT 1 FROM enterprises e WHERE e.uscc = s.uscc)"
		" ORDER BY s.uscc, s.n",
		"INSERT INTO enterprises (uscc, verified, name, province_code,"
		" region_code, address, created_at)"
		" SELECT DISTINCT ON (s.enterprise_name, s.region_code) NULL, 0,"
		" s.enterprise_name, s.province_code, s.region_code, s.address, ?"
		" FROM sampling_stage s WHERE s.uscc IS NULL AND NOT EXISTS"
		" (SELECT 1 FROM enterprises e WHERE e.name = s.enterprise_name"
		" AND e.region_code = s.region_code AND COALESCE(e.uscc, '') = '')"
		" ORDER BY s.enterprise_name, s.region_code, s.n",
		"WITH named AS (SELECT e.name, e.region_code, MIN(e.id) AS id"
		" FROM enterprises e WHERE COALESCE(e.uscc, '') = '' AND"
		" (e.name, e.region_code) IN (SELECT enterprise_name, region_code"
		" FROM sampling_stage WHERE uscc IS NULL)"
		" GROUP BY e.name, e.region_code),"
		" ins AS (INSERT INTO sampling_results (province_code,"
		" region_code, level, sampling_plan, batch, sample_no,"
		" enterprise_id, enterprise_name, product, category_id, spec, lot,"
		" sampled_on, passed, failed_items, testing_body, source,"
		" imported_at)"
		" SELECT s.province_code, s.region_code, s.level, s.sampling_plan,"
		" s.batch, s.sample_no, COALESCE(c.id, m.id), s.enterprise_name,"
		" s.product, s.category_id, s.spec, s.lot, s.sampled_on, s.passed,"
		" s.failed_items, s.testing_body, s.source, ?"
		" FROM sampling_stage s"
		" LEFT JOIN enterprises c ON s.uscc IS NOT NULL AND c.uscc = s.uscc"
		" LEFT JOIN named m ON s.uscc IS NULL AND"
		" m.name = s.enterprise_name AND m.region_code = s.region_code"
		" ORDER BY s.n RETURNING id, province_code, sampled_on, passed)"
		" INSERT INTO sampling_followups (result_id, province_code,"
		" notified_on, updated_at) SELECT id, province_code, sampled_on, ?"
		" FROM ins WHERE passed = 0",
		"INSERT INTO sampling_counts (region_code, level, category_id,"
		" year, samples, passed, province_code)"
		" SELECT region_code, level, COALESCE(category_id, 0),"
		" CAST(substr(sampled_on, 1, 4) AS INTEGER), COUNT(*),"
		" SUM(passed), province_code FROM sampling_stage"
		" GROUP BY region_code, level, COALESCE(category_id, 0),"
		" CAST(substr(sampled_on, 1, 4) AS INTEGER), province_code"
		" ON CONFLICT (province_code, region_code, level, category_id,"
		" year) DO UPDATE"
		" SET samples = sampling_counts.samples + excluded.samples,"
		" passed = sampling_counts.passed + excluded.passed",
	};
	/* Each ? is the import's timestamp. */
	static const int n_now[] = { 0, 0, 1, 1, 2, 0 };
	for (size_t i = 0; !rc && i < sizeof(sql) / sizeof(sql[0]); i++) {
		if ((rc = qc_stmt_prepare(w->s, sql[i], &st, err)))
			break;
		for (int k = 1; k <= n_now[i]; k++)
			qc_stmt_bind_text(st, k, w->now);
		rc = qc_stmt_run(st, err);
		qc_stmt_free(st);
	}
	return rc;
}

/* The counts summed in memory, one upsert per cell. */
static enum qc_rc apply_counts(struct qc_sampling_writer *w,
			       struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	enum qc_rc rc = qc_stmt_prepare(
		w->s,
		"INSERT INTO sampling_counts (region_code, level, category_id,"
		" year, samples, passed, province_code) VALUES"
		" (?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (province_code, region_code, level, category_id,"
		" year) DO UPDATE"
		" SET samples = sampling_counts.samples + excluded.samples,"
		" passed = sampling_counts.passed + excluded.passed",
		&st, err);
	for (size_t i = 0; !rc && i < w->n_counts; i++) {
		const struct count *c = &w->counts[i];
		char prov[QC_REGION_CODE_SIZE];
		qc_region_province(c->region, prov);
		qc_stmt_reset(st);
		qc_stmt_bind_text(st, 1, c->region);
		qc_stmt_bind_text(st, 2, c->level);
		qc_stmt_bind_int(st, 3, c->category);
		qc_stmt_bind_int(st, 4, c->year);
		qc_stmt_bind_int(st, 5, c->samples);
		qc_stmt_bind_int(st, 6, c->passed);
		qc_stmt_bind_text(st, 7, prov);
		rc = qc_stmt_run(st, err);
	}
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_sampling_writer_finish(struct qc_sampling_writer *w,
				     const char *actor, struct qc_error *err)
{
	enum qc_rc rc = QC_OK;

	/* Staged on PostgreSQL without the write lock; the shared tables
	 * are written under it. */
	if ((rc = qc_store_lock_writes(w->s, err)))
		return rc;
	if (w->copy && w->staged)
		rc = write_staged(w, err);
	/* A large import changes the table's statistics: without fresh ones
	 * the planner walks the lists by scanning until autovacuum runs. */
	if (!rc && w->copy && w->staged >= ANALYZE_ROWS)
		rc = qc_store_exec(w->s, "ANALYZE sampling_results", err);
	else if (!w->copy)
		rc = flush_batch(w, err);
	if (!rc)
		rc = apply_counts(w, err);
	if (!rc)
		rc = qc_sampling_refresh_cells(w->s, w->cells, w->n_cells,
					       actor, err);
	return rc;
}
