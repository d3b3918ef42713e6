/* Figures of the traceability register and the plan indicators bound to
 * them (docs/traceability.md "Figures"): subjects and products enrolled
 * by category and type, and the coverage of the above-scale food
 * producers, for a region's subtree on a day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/region.h"
#include "traceability_int.h"
#include "bind.h"
#include "periodic.h"
#include "banned.h"

/* Active rows enrolled by the day (?1) in the span (?2, ?3). */
#define ACTIVE                                                             \
	" FROM trace_enrolments WHERE enrolled_on <= ? AND region_code >=" \
	" ? AND region_code < ? AND status = 'active'"
/* A food manufacturer of the enterprises table (e): GB/T 4754's 农副食品
 * 加工业 (C13), 食品制造业 (C14) and 酒、饮料和精制茶制造业 (C15), by
 * code or by the words of their names; a trade or catering business whose
 * industry names food is not one. */
#define FOOD_PRODUCER                                                        \
	" (e.industry LIKE '%食品%' OR e.industry LIKE '%饮料%' OR"      \
	" e.industry LIKE '%精制茶%' OR e.industry LIKE 'C13%' OR"        \
	" e.industry LIKE 'C14%' OR e.industry LIKE 'C15%') AND"             \
	" e.industry NOT LIKE '%销售%' AND e.industry NOT LIKE '%批发%'" \
	" AND e.industry NOT LIKE '%零售%' AND e.industry NOT LIKE"        \
	" '%餐饮%'"

static const char *const measures[] = { "subjects",      "products",
					"food_subjects", "food_products",
					"agri_subjects", "agri_products",
					"food_coverage", NULL };

static int index_of(const char *const *v, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(v[i], code))
			return (int)i;
	return -1;
}

/* Subjects and products by category, subjects by type. */
static enum qc_rc groups(struct qc_store *s, const char *const *v,
			 struct qc_trace_figures *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int i;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT category, COUNT(DISTINCT"
				  " subject_key), SUM(products)" ACTIVE
				  " GROUP BY category",
				  &st, err)))
		return rc;
	for (int k = 0; k < 3; k++)
		qc_stmt_bind_text(st, k + 1, v[k]);
	while ((rc = qc_stmt_next(st, err)) == QC_ROW)
		if ((i = index_of(qc_trace_categories, QC_TRACE_CATEGORIES,
				  qc_stmt_text(st, 0))) >= 0) {
			out->cat_subjects[i] = (long)qc_stmt_int(st, 1);
			out->cat_products[i] = (long)qc_stmt_int(st, 2);
		}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(rc)) ||
	    (rc = qc_stmt_prepare(s,
				  "SELECT subject_type, COUNT(DISTINCT"
				  " subject_key)" ACTIVE " GROUP BY"
				  " subject_type",
				  &st, err)))
		return rc;
	for (int k = 0; k < 3; k++)
		qc_stmt_bind_text(st, k + 1, v[k]);
	while ((rc = qc_stmt_next(st, err)) == QC_ROW)
		if ((i = index_of(qc_trace_types, QC_TRACE_TYPES,
				  qc_stmt_text(st, 0))) >= 0)
			out->type_subjects[i] = (long)qc_stmt_int(st, 1);
	qc_stmt_free(st);
	return qc_step_rc(rc);
}

enum qc_rc qc_trace_figures(struct qc_store *s, const char *region, long on,
			    struct qc_trace_figures *out, struct qc_error *err)
{
	char lo[QC_REGION_CODE_SIZE] = "", hi[QC_REGION_CODE_SIZE + 1] = ":",
	     day[11];
	long t[3] = { 0 }, c[1] = { 0 }, cov[2] = { 0 };
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	out->rate = -1;
	if (region)
		qc_region_span(region, lo, hi);
	qc_date_from_days(on, day);
	const char *const v[] = { day, lo, hi };
	if ((rc = groups(s, v, out, err)) ||
	    (rc = qc_reg_count_row(s,
				   "SELECT COUNT(DISTINCT subject_key),"
				   " COUNT(*), SUM(products)" ACTIVE,
				   v, 3, t, 3, err)) ||
	    (rc = qc_reg_count_row(s,
				   "SELECT COUNT(*) FROM trace_enrolments"
				   " WHERE enrolled_on <= ? AND region_code"
				   " >= ? AND region_code < ? AND status ="
				   " 'cancelled'",
				   v, 3, c, 1, err)) ||
	    /* The numerator counts producers of the denominator only, so
	     * the rate cannot pass 100. */
	    (rc = qc_reg_count_row(
		     s,
		     "SELECT COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM"
		     " trace_enrolments t WHERE t.enterprise_id = e.id AND"
		     " t.province_code = e.province_code AND t.status ="
		     " 'active' AND t.enrolled_on <= ? AND t.category IN"
		     " ('food', 'edible_agri')) THEN 1 ELSE 0 END) FROM"
		     " enterprises e WHERE e.above_scale = 1 AND"
		     " e.region_code >= ? AND e.region_code < ? AND" FOOD_PRODUCER,
		     v, 3, cov, 2, err)))
		return rc;
	out->subjects = t[0];
	out->lines = t[1];
	out->products = t[2];
	out->cancelled = c[0];
	out->producers = cov[0];
	out->covered = cov[1];
	if (out->producers)
		out->rate = 100.0 * (double)out->covered /
			    (double)out->producers;
	return QC_OK;
}

bool qc_trace_measure(const struct qc_trace_figures *f, const char *measure,
		      double *value)
{
	const int food = 1, agri = 0; /* catalogue order */
	const struct {
		const char *name;
		double v;
	} m[] = {
		{ "subjects", (double)f->subjects },
		{ "products", (double)f->products },
		{ "food_subjects", (double)f->cat_subjects[food] },
		{ "food_products", (double)f->cat_products[food] },
		{ "agri_subjects", (double)f->cat_subjects[agri] },
		{ "agri_products", (double)f->cat_products[agri] },
	};
	if (measure && !strcmp(measure, "food_coverage")) {
		/* No producer on record: no rate, not 0 % and not 100 %. */
		if (f->rate < 0)
			return false;
		*value = f->rate;
		return true;
	}
	for (size_t i = 0; measure && i < sizeof(m) / sizeof(m[0]); i++)
		if (!strcmp(measure, m[i].name)) {
			*value = m[i].v;
			return true;
		}
	return false;
}

/* What a bound indicator's note says it was counted from. */
struct as_of {
	const struct qc_trace_figures *f;
	const char *day;
};

static bool measure_note(const void *figures, const char *m, double *v,
			 char *note, size_t n)
{
	const struct as_of *a = figures;
	if (!qc_trace_measure(a->f, m, v))
		return false;
	if (!strcmp(m, "food_coverage"))
		snprintf(note, n,
			 "追溯登记：截至 %s 规模以上食品生产企业 %ld 家，"
			 "已入驻追溯平台 %ld 家",
			 a->day, a->f->producers, a->f->covered);
	else
		snprintf(note, n,
			 "追溯登记：截至 %s 入驻主体 %ld 家，追溯产品 %ld 个",
			 a->day, a->f->subjects, a->f->products);
	return true;
}

/* The bound indicators of region for year: as of 31 December, or today
 * in the current year. */
static enum qc_rc set_bound(struct qc_store *s, const char *region, int year,
			    long today, const char *actor, struct qc_error *err)
{
	struct qc_trace_figures f;
	struct as_of a = { &f, NULL };
	char end[11], now[11];
	long on = today;
	enum qc_rc rc;

	snprintf(end, sizeof(end), "%04d-12-31", year);
	qc_date_from_days(today, now);
	if (strcmp(end, now) < 0)
		qc_date_days(end, &on);
	a.day = strcmp(end, now) < 0 ? end : now;
	if ((rc = qc_trace_figures(s, region, on, &f, err)))
		return rc;
	return qc_reg_write_bound(s, "trace_bindings", region, year,
				  "traceability", measure_note, &a, actor, err);
}

enum qc_rc qc_trace_refresh(struct qc_store *s, const char *county,
			    const char *actor, struct qc_error *err)
{
	char up[3][QC_REGION_CODE_SIZE], now[11], *first = NULL;
	long today = qc_today_days();
	int64_t bound = 0;
	int this_year, from;
	bool found;
	enum qc_rc rc;

	if ((rc = qc_store_get_int(s, "SELECT COUNT(*) FROM trace_bindings",
				   NULL, 0, &bound, &found, err)) ||
	    !bound)
		return rc;
	qc_date_from_days(today, now);
	this_year = atoi(now);
	/* Every year from the county's first enrolment to this one (the
	 * latest 64): a count holds between the years subjects enrolled. */
	if ((rc = qc_store_get_text(s,
				    "SELECT MIN(substr(enrolled_on, 1, 4))"
				    " FROM trace_enrolments WHERE"
				    " region_code = ?",
				    QC_TEXTS(county), &first, err)))
		return rc;
	from = first ? atoi(first) : this_year;
	free(first);
	if (from > this_year)
		from = this_year;
	if (from < this_year - 63)
		from = this_year - 63;
	size_t n = qc_region_up(s, county, up);
	for (size_t u = 0; !rc && u < n; u++)
		for (int y = from; !rc && y <= this_year; y++)
			rc = set_bound(s, up[u], y, today, actor, err);
	return rc;
}

enum qc_rc qc_trace_bind(struct qc_store *s, const char *indicator,
			 const char *measure, const char *actor,
			 struct qc_error *err)
{
	bool known = false;

	for (size_t i = 0; measures[i]; i++)
		known |= measure && !strcmp(measure, measures[i]);
	if (!known)
		return qc_error_set(err, QC_EINVAL,
				    "measure: \"%s\" is not valid: write "
				    "subjects, products, food_subjects, "
				    "food_products, agri_subjects, "
				    "agri_products or food_coverage",
				    measure ? measure : "");
	return qc_reg_bind(s, "trace_bindings",
			   "SELECT DISTINCT region_code FROM trace_enrolments"
			   " ORDER BY 1",
			   qc_trace_refresh, indicator, measure, actor, err);
}
