/* Pass rates from sampling results, and the indicators bound to them.
 * Rates are sums over sampling_counts (one row per county-level region,
 * level, category and year), so a refresh after an import costs time in
 * proportion to the cells it changed, not to the number of results. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/category.h"
#include "qcity/strbuf.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "sampling_write.h"
#include "banned.h"

/* True if level is in the comma-separated list (empty: every level). */
static bool level_in(const char *level, const char *levels)
{
	size_t n = strlen(level);
	if (!levels || !*levels)
		return true;
	for (const char *p = levels; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t k = comma ? (size_t)(comma - p) : strlen(p);
		if (k == n && !strncmp(p, level, n))
			return true;
		p = comma ? comma + 1 : NULL;
	}
	return false;
}

/* Sum counts of a region subtree (its code without trailing zero pairs
 * is the prefix) for a year, levels and category: its id (0: all) or, at
 * the nation, its name, whatever id each province gave it
 * (federation_categories, sent by each province beside its counts, so
 * the id is its holder's; docs/scaling.md "Names at the nation"). At the
 * nation the sum is over every holder of the region's counts: a result
 * counts where it was made (its region), whoever sampled it
 * (docs/scaling.md "Held by, made in"). */
static enum qc_rc sum_counts(struct qc_store *s, const char *region, int year,
			     const char *levels, int64_t category,
			     const char *name, long long *samples,
			     long long *passed, struct qc_error *err)
{
	struct qc_stmt *st;
	char prefix[QC_REGION_CODE_SIZE], upper[QC_REGION_CODE_SIZE + 1];
	int r;
	enum qc_rc rc;

	qc_region_span(region, prefix, upper);
	*samples = *passed = 0;
	rc = qc_stmt_prepare(
		s,
		name ? "SELECT c.level, 0, SUM(c.samples), SUM(c.passed) FROM"
		       " sampling_counts c JOIN federation_categories k ON"
		       " k.province_code = c.held_by AND k.id ="
		       " c.category_id WHERE c.region_code >= ? AND"
		       " c.region_code < ? AND c.year = ? AND k.name = ?"
		       " GROUP BY c.level" :
		       "SELECT level, category_id, SUM(samples), SUM(passed)"
		       " FROM sampling_counts WHERE region_code >= ? AND"
		       " region_code < ? AND year = ? GROUP BY level,"
		       " category_id",
		&st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, prefix);
	qc_stmt_bind_text(st, 2, upper);
	qc_stmt_bind_int(st, 3, year);
	if (name)
		qc_stmt_bind_text(st, 4, name);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		if (!level_in(qc_stmt_text(st, 0), levels) ||
		    (category && qc_stmt_int(st, 1) != category))
			continue;
		*samples += qc_stmt_int(st, 2);
		*passed += qc_stmt_int(st, 3);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* A category the catalogue does not have: said with the ones it has, so
 * that the office can pick one (a synonym, 水泥, is no category: 建筑和装
 * 饰装修材料 is). */
static enum qc_rc no_category(struct qc_store *s, const char *name,
			      struct qc_error *err)
{
	struct qc_category_list l;
	struct qc_buf names = QC_BUF_INIT;
	enum qc_rc rc;

	if ((rc = qc_category_list(s, &l, err))) {
		qc_category_list_release(&l);
		return rc;
	}
	for (size_t i = 0; i < l.n; i++) {
		if (i)
			qc_buf_adds(&names, "、");
		qc_buf_adds(&names, l.v[i].name);
	}
	rc = qc_error_set(err, QC_ENOTFOUND,
			  "no product category '%s' (the categories: %s)", name,
			  l.n ? qc_buf_str(&names) : "-");
	qc_buf_release(&names);
	qc_category_list_release(&l);
	return rc;
}

static enum qc_rc find_category(struct qc_store *s, const char *name,
				int64_t *id, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	*id = 0;
	if (!name || !*name)
		return QC_OK;
	rc = qc_stmt_prepare(s,
			     "SELECT id FROM product_categories WHERE"
			     " name = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, name);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		*id = qc_stmt_int(st, 0);
	else if (r == QC_DONE)
		rc = no_category(s, name, err);
	else
		rc = r;
	qc_stmt_free(st);
	return rc;
}

double qc_sampling_pass_rate(long long samples, long long passed)
{
	return samples > 0 ? 100.0 * (double)passed / (double)samples : NAN;
}

enum qc_rc qc_sampling_rate(struct qc_store *s, const char *region, int year,
			    const char *levels, const char *category,
			    long long *samples, long long *passed,
			    struct qc_error *err)
{
	char code[QC_REGION_CODE_SIZE];
	int64_t cat = 0, known = 0;
	bool found = false;
	/* The counts at the nation carry each province's own category ids,
	 * made by its imports: there a category is found by its name in
	 * each province. */
	bool named = category && *category && qc_store_national(s);
	enum qc_rc rc;

	if ((rc = qc_region_resolve(s, region, code, err)))
		return rc;
	if (named) {
		if ((rc = qc_store_get_int(s,
					   "SELECT COUNT(*) FROM"
					   " federation_categories WHERE name ="
					   " ?",
					   QC_TEXTS(category), &known, &found,
					   err)))
			return rc;
		if (!known)
			return qc_error_set(err, QC_ENOTFOUND,
					    "no product category '%s'",
					    category);
	} else if ((rc = find_category(s, category, &cat, err)))
		return rc;
	return sum_counts(s, code, year, levels, cat, named ? category : NULL,
			  samples, passed, err);
}

struct binding {
	int64_t id;
	char *indicator;
	char *levels;
	int64_t category;
};

static enum qc_rc load_bindings(struct qc_store *s, struct binding **out,
				size_t *n, struct qc_error *err)
{
	struct qc_stmt *st;
	size_t alloc = 0;
	enum qc_rc rc;
	enum qc_rc r;

	*out = NULL;
	*n = 0;
	rc = qc_stmt_prepare(s,
			     "SELECT i.name, b.levels, b.category_id,"
			     " i.id FROM"
			     " indicator_bindings b JOIN indicators i ON"
			     " i.id = b.indicator_id",
			     &st, err);
	if (rc)
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(*out, *n + 1, alloc);
		(*out)[*n].indicator = qc_xstrdup(qc_stmt_text(st, 0));
		(*out)[*n].levels = qc_xstrdup(qc_stmt_text(st, 1));
		(*out)[*n].id = qc_stmt_int(st, 3);
		(*out)[(*n)++].category = qc_stmt_int(st, 2);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static void free_bindings(struct binding *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(b[i].indicator);
		free(b[i].levels);
	}
	free(b);
}

/* Whether the value is stored already exactly as computed: a refresh that
 * changes nothing writes nothing, and so logs no audit row. */
static bool unchanged(struct qc_store *s, const struct qc_value_in *v)
{
	struct qc_stmt *st;
	int64_t ind;
	bool same;

	ind = v->indicator_id;
	if ((!ind && qc_indicator_find(s, v->indicator, &ind, NULL)) ||
	    qc_stmt_prepare(s,
			    "SELECT 1 FROM indicator_values WHERE"
			    " indicator_id = ? AND region_code = ? AND period = ?"
			    " AND value = ? AND unit = ? AND note = ? AND"
			    " source = ? AND unit_id IS NULL",
			    &st, NULL))
		return false;
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_text(st, 2, v->region);
	qc_stmt_bind_text(st, 3, v->period);
	qc_stmt_bind_double(st, 4, v->value);
	qc_stmt_bind_text(st, 5, v->unit);
	qc_stmt_bind_text(st, 6, v->note);
	qc_stmt_bind_text(st, 7, v->source);
	same = qc_stmt_next(st, NULL) == QC_ROW;
	qc_stmt_free(st);
	return same;
}

static enum qc_rc set_rate(struct qc_store *s, const struct binding *b,
			   const char *region, int year, const char *actor,
			   struct qc_error *err)
{
	long long samples, passed;
	char period[8], note[64];
	enum qc_rc rc;

	rc = sum_counts(s, region, year, b->levels, b->category, NULL, &samples,
			&passed, err);
	if (rc || samples == 0)
		return rc;
	snprintf(period, sizeof(period), "%d", year);
	/* Stored with the value and read by people, as the complaint and
	 * award registers' notes are: Chinese. */
	snprintf(note, sizeof(note), "抽检结果：%lld 批次，合格 %lld 批次",
		 samples, passed);
	struct qc_value_in v = {
		.indicator = b->indicator,
		.region = region,
		.period = period,
		.value = qc_sampling_pass_rate(samples, passed),
		.unit = "%",
		.note = note,
		.source = "sampling",
	};
	/* The bound indicator and every series confirmed as linked to it
	 * (issue 11: the catalogue link, never a shared series). */
	struct qc_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, alloc = 0;
	enum qc_rc r;
	rc = qc_stmt_prepare(s,
			     "SELECT id FROM indicators WHERE id = ? OR"
			     " (catalog_id = ? AND link_status = 'confirmed')"
			     " ORDER BY id",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, b->id);
	qc_stmt_bind_int(st, 2, b->id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(ids, n + 1, alloc);
		ids[n++] = qc_stmt_int(st, 0);
	}
	qc_stmt_free(st);
	if (qc_step_failed(r))
		rc = r;
	for (size_t i = 0; !rc && i < n; i++) {
		v.indicator_id = ids[i];
		if (!unchanged(s, &v))
			rc = qc_value_set(s, &v, actor, err);
	}
	free(ids);
	return rc;
}

enum qc_rc qc_sampling_refresh(struct qc_store *s, const char *region, int year,
			       const char *actor, struct qc_error *err)
{
	struct binding *b;
	size_t n;
	enum qc_rc rc;

	if ((rc = load_bindings(s, &b, &n, err)))
		return rc;
	/* The region, its prefecture and its province, each once. */
	char up[3][QC_REGION_CODE_SIZE];
	size_t nup = qc_region_up(s, region, up);
	for (size_t k = 0; !rc && k < nup; k++)
		for (size_t i = 0; !rc && i < n; i++)
			rc = set_rate(s, &b[i], up[k], year, actor, err);
	free_bindings(b, n);
	return rc;
}

static int by_cell(const void *a, const void *b)
{
	const struct qc_sampling_cell *x = a, *y = b;
	int c = strcmp(x->region, y->region);
	return c ? c : (x->year > y->year) - (x->year < y->year);
}

enum qc_rc qc_sampling_refresh_cells(struct qc_store *s,
				     const struct qc_sampling_cell *cells,
				     size_t n, const char *actor,
				     struct qc_error *err)
{
	struct qc_sampling_cell *all;
	struct binding *b;
	size_t nb, m = 0;
	enum qc_rc rc;

	if (!n)
		return QC_OK;
	if ((rc = load_bindings(s, &b, &nb, err)))
		return rc;
	/* Each region with its prefecture and province, sorted, so a
	 * province an import touches through many counties is summed once. */
	all = qc_xreallocarray(NULL, qc_st_mult(n, 3), sizeof(*all));
	for (size_t i = 0; i < n; i++) {
		all[m] = cells[i];
		snprintf(all[m + 1].region, QC_REGION_CODE_SIZE, "%.4s00",
			 cells[i].region);
		qc_region_province(cells[i].region, all[m + 2].region);
		all[m + 1].year = all[m + 2].year = cells[i].year;
		m += 3;
	}
	qsort(all, m, sizeof(*all), by_cell);
	for (size_t k = 0; !rc && k < m; k++) {
		struct qc_region r;
		if ((k && !by_cell(&all[k], &all[k - 1])) ||
		    qc_region_get(s, all[k].region, &r, NULL) != QC_OK)
			continue;
		qc_region_release(&r);
		for (size_t i = 0; !rc && i < nb; i++)
			rc = set_rate(s, &b[i], all[k].region, all[k].year,
				      actor, err);
	}
	free(all);
	free_bindings(b, nb);
	return rc;
}

enum qc_rc qc_sampling_bind(struct qc_store *s, const char *indicator,
			    const char *levels, const char *category,
			    const char *actor, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	int64_t ind, cat;
	char now[32], after[256];
	enum qc_rc rc;
	enum qc_rc r;

	for (const char *p = levels ? levels : ""; *p;) {
		const char *comma = strchr(p, ',');
		char one[16];
		snprintf(one, sizeof(one), "%.*s",
			 comma ? (int)(comma - p) : (int)strlen(p), p);
		if (!level_in(one, "national,provincial,municipal,county"))
			return qc_error_set(err, QC_EINVAL,
					    "levels: '%s' is not"
					    " national, provincial, municipal "
					    "or county",
					    one);
		p = comma ? comma + 1 : "";
	}
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_indicator_find(s, indicator, &ind, err)) ||
	    (rc = find_category(s, category, &cat, err)))
		goto out;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO indicator_bindings (indicator_id,"
			     " kind, levels, category_id, created_at) VALUES"
			     " (?, 'sampling_pass_rate', ?, ?, ?)"
			     " ON CONFLICT (indicator_id) DO UPDATE SET"
			     " levels = excluded.levels,"
			     " category_id = excluded.category_id",
			     &st, err);
	if (rc)
		goto out;
	qc_now_iso(now, sizeof(now));
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_text(st, 2, levels ? levels : "");
	if (cat)
		qc_stmt_bind_int(st, 3, cat);
	qc_stmt_bind_text(st, 4, now);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	qc_stmt_free(st);
	st = NULL;
	snprintf(after, sizeof(after),
		 "{\"levels\": \"%s\", \"category\": "
		 "%lld}",
		 levels ? levels : "", (long long)cat);
	if ((rc = qc_audit_add(s, actor, "bind", "indicator", indicator, NULL,
			       after, err)))
		goto out;
	/* Compute the bound values everywhere results exist. Not at the
	 * nation: the values there are the provinces' (read-only), and its
	 * quality index computes a bound series from every holder's counts
	 * when it reads it (qindex_data.c; docs/scaling.md "Held by, made
	 * in"). */
	if (qc_store_national(s))
		goto out;
	rc = qc_stmt_prepare(s,
			     "SELECT DISTINCT region_code, year FROM"
			     " sampling_counts",
			     &st, err);
	while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
		char region[QC_REGION_CODE_SIZE];
		snprintf(region, sizeof(region), "%s", qc_stmt_text(st, 0));
		rc = qc_sampling_refresh(s, region, (int)qc_stmt_int(st, 1),
					 actor, err);
	}
	if (!rc && qc_step_failed(r))
		rc = r;
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}
