/* The quality index's inputs from the store (the stored values of each
 * indicator's series in the definition's regions for one year) and the
 * whole computation as JSON for the faces and for publications. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/qindex.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "banned.h"

/* The year's value: period "YYYY" first, else the year's last period in
 * text order (a quarter, then a half, then a month: docs/quality-index.md
 * §2). */
#define VALUE_SQL_OF(ind)                                                      \
	"SELECT v.value FROM indicator_values v JOIN " ind " WHERE i.name = ?" \
	" AND v.region_code = ? "                                              \
	"AND (v.period = ? OR v.period LIKE ?) "                               \
	"ORDER BY CASE WHEN v.period = ? THEN 0 ELSE 1 END, v.period DESC "    \
	"LIMIT 1"
#define INDICATORS "indicators i ON i.id = v.indicator_id"
/* At the national server a value names its series by its province's id:
 * the name is that province's (federation_indicators, sent by each
 * province; docs/scaling.md "Names at the nation"), the nation's own
 * rows (province 000000, QC_FED_NATION) by the nation's ids. */
#define INDICATORS_NATION                                                  \
	"(SELECT province_code, id, name FROM federation_indicators UNION" \
	" ALL SELECT '000000', id, name FROM indicators) i ON"             \
	" i.province_code = v.province_code AND i.id = v.indicator_id"
#define VALUE_SQL(nat) \
	((nat) ? VALUE_SQL_OF(INDICATORS_NATION) : VALUE_SQL_OF(INDICATORS))

/* A series bound to the sampling pass rate at the nation: its levels and
 * category (NULL: all). */
struct nat_rate {
	bool bound;
	char *levels, *category;
};

/* At the national server a series bound to the pass rate by the
 * nation's own binding (`sampling bind` run there; the bound indicator
 * or a series confirmed as linked to it, as a province's refresh writes
 * them) is the pass rate summed over every holder by result region, as
 * the nation's sampling rates are (docs/scaling.md "Held by, made in"):
 * a province's stored value counts only the results it holds itself.
 * The nation's binding, not each province's: one definition for every
 * province compared. */
static enum qc_rc nation_rates(struct qc_store *s,
			       const struct qc_qindex_def *d,
			       struct nat_rate *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc = qc_stmt_prepare(
		s,
		"SELECT b.levels, c.name FROM indicators x JOIN"
		" indicator_bindings b ON b.indicator_id = x.id OR"
		" (b.indicator_id = x.catalog_id AND x.link_status ="
		" 'confirmed') LEFT JOIN product_categories c ON c.id ="
		" b.category_id WHERE x.name = ? ORDER BY b.indicator_id ="
		" x.id DESC LIMIT 1",
		&st, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < d->n && !rc; i++) {
		enum qc_rc step;
		qc_stmt_reset(st);
		qc_stmt_bind_text(st, 1, d->v[i].series);
		step = qc_stmt_next(st, err);
		if (qc_step_failed(step))
			rc = step;
		else if (step == QC_ROW) {
			const char *c = qc_stmt_text(st, 1);
			out[i].bound = true;
			out[i].levels = qc_xstrdup(
				qc_stmt_text(st, 0) ? qc_stmt_text(st, 0) : "");
			out[i].category = c && *c ? qc_xstrdup(c) : NULL;
		}
	}
	qc_stmt_free(st);
	return rc;
}

/* The summed pass rate of a region, if any result is counted (a category
 * no province has counts nothing). */
static enum qc_rc nation_rate(struct qc_store *s, const struct nat_rate *b,
			      const char *region, int year, double *x,
			      bool *has, struct qc_error *err)
{
	long long samples = 0, passed = 0;
	struct qc_error e = { 0 };
	enum qc_rc rc = qc_sampling_rate(s, region, year, b->levels,
					 b->category, &samples, &passed, &e);

	*has = false;
	if (rc == QC_ENOTFOUND && b->category)
		return QC_OK;
	if (rc) {
		if (err)
			*err = e;
		return rc;
	}
	if (samples > 0) {
		*x = qc_sampling_pass_rate(samples, passed);
		*has = true;
	}
	return rc;
}

static void nation_rates_free(struct nat_rate *b, size_t n)
{
	for (size_t i = 0; b && i < n; i++) {
		free(b[i].levels);
		free(b[i].category);
	}
	free(b);
}

static enum qc_rc region_list(struct qc_store *s, const struct qc_qindex_def *d,
			      const char *parent, struct qc_region_list *out,
			      struct qc_error *err)
{
	const char *p = parent ? parent : d->parent;

	memset(out, 0, sizeof(*out));
	if (p)
		return qc_region_children(s, p, out, err);
	out->n = d->n_regions;
	out->alloc = d->n_regions;
	out->v = qc_xcalloc(d->n_regions ? d->n_regions : 1, sizeof(*out->v));
	for (size_t r = 0; r < d->n_regions; r++) {
		enum qc_rc rc = qc_region_get(s, d->regions[r], &out->v[r],
					      err);
		if (rc) {
			out->n = r;
			qc_region_list_release(out);
			return rc;
		}
	}
	return QC_OK;
}

enum qc_rc qc_qindex_gather(struct qc_store *s, const struct qc_qindex_def *d,
			    int year, const char *region_parent,
			    struct qc_qindex_input *out, struct qc_error *err)
{
	struct qc_region_list regs;
	struct qc_stmt *st = NULL;
	struct nat_rate *rate = NULL;
	char y[8], like[12];
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (!region_parent && !d->parent && !d->n_regions)
		return qc_error_set(err, QC_EINVAL,
				    "%s: the definition names "
				    "no regions; give a parent region",
				    d->id);
	if ((rc = region_list(s, d, region_parent, &regs, err)))
		return rc;
	qc_qindex_input_init(out, regs.n, d->n);
	out->year = year;
	for (size_t r = 0; r < regs.n; r++) {
		memcpy(out->code[r], regs.v[r].code, QC_REGION_CODE_SIZE);
		out->name[r] = qc_xstrdup(regs.v[r].name);
	}
	snprintf(y, sizeof(y), "%d", year);
	snprintf(like, sizeof(like), "%d-%%", year);
	if (qc_store_national(s)) {
		rate = qc_xcalloc(d->n ? d->n : 1, sizeof(*rate));
		if ((rc = nation_rates(s, d, rate, err)))
			goto out;
	}
	if ((rc = qc_stmt_prepare(s, VALUE_SQL(qc_store_national(s)), &st,
				  err)))
		goto out;
	for (size_t r = 0; r < regs.n && !rc; r++)
		for (size_t i = 0; i < d->n; i++) {
			enum qc_rc step;
			size_t k = r * d->n + i;
			/* Without a result counted, the stored value (one
			 * imported, as on a province). */
			if (rate && rate[i].bound) {
				if ((rc = nation_rate(s, &rate[i],
						      regs.v[r].code, year,
						      &out->x[k], &out->has[k],
						      err)))
					break;
				if (out->has[k])
					continue;
			}
			qc_stmt_reset(st);
			qc_stmt_bind_text(st, 1, d->v[i].series);
			qc_stmt_bind_text(st, 2, regs.v[r].code);
			qc_stmt_bind_text(st, 3, y);
			qc_stmt_bind_text(st, 4, like);
			qc_stmt_bind_text(st, 5, y);
			step = qc_stmt_next(st, err);
			if (qc_step_failed(step)) {
				rc = step;
				break;
			}
			if (step == QC_ROW) {
				out->x[r * d->n + i] = qc_stmt_double(st, 0);
				out->has[r * d->n + i] = true;
			}
		}
out:
	qc_stmt_free(st);
	nation_rates_free(rate, d->n);
	qc_region_list_release(&regs);
	if (rc)
		qc_qindex_input_release(out);
	return rc;
}

/* y into the ascending set *years of *n. */
static void add_year(int **years, size_t *n, int y)
{
	size_t k = 0;
	while (k < *n && (*years)[k] < y)
		k++;
	if (k < *n && (*years)[k] == y)
		return;
	*years = qc_xreallocarray(*years, *n + 1, sizeof(int));
	memmove(*years + k + 1, *years + k, (*n - k) * sizeof(int));
	(*years)[k] = y;
	(*n)++;
}

enum qc_rc qc_qindex_years(struct qc_store *s, const struct qc_qindex_def *d,
			   const char *region_parent, int **years, size_t *n,
			   struct qc_error *err)
{
	const char *p = region_parent ? region_parent : d->parent;
	char lo[QC_REGION_CODE_SIZE] = "", hi[QC_REGION_CODE_SIZE + 1] = "~";
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc step;

	*years = NULL;
	*n = 0;
	if (p && strlen(p) == 6)
		qc_region_span(p, lo, hi);
	if ((rc = qc_stmt_prepare(
		     s,
		     qc_store_national(s) ?
			     "SELECT DISTINCT substr(v.period, 1, 4) FROM"
			     " indicator_values v JOIN " INDICATORS_NATION
			     " WHERE i.name = ? AND v.region_code >= ? AND"
			     " v.region_code < ?" :
			     "SELECT DISTINCT substr(v.period, 1, 4) FROM"
			     " indicator_values v JOIN " INDICATORS
			     " WHERE i.name = ? AND v.region_code >= ? AND"
			     " v.region_code < ?",
		     &st, err)))
		return rc;
	for (size_t i = 0; i < d->n && !rc; i++) {
		qc_stmt_reset(st);
		qc_stmt_bind_text(st, 1, d->v[i].series);
		qc_stmt_bind_text(st, 2, lo);
		qc_stmt_bind_text(st, 3, hi);
		while ((step = qc_stmt_next(st, err)) == QC_ROW) {
			add_year(years, n,
				 atoi(qc_stmt_text(st, 0) ?
					      qc_stmt_text(st, 0) :
					      "0"));
		}
		if (qc_step_failed(step))
			rc = step;
	}
	qc_stmt_free(st);
	/* At the nation a bound series has a value wherever a result is
	 * counted (qc_qindex_gather). */
	if (!rc && qc_store_national(s)) {
		struct nat_rate *rate = qc_xcalloc(d->n ? d->n : 1,
						   sizeof(*rate));
		bool any = false;
		rc = nation_rates(s, d, rate, err);
		for (size_t i = 0; !rc && i < d->n; i++)
			any = any || rate[i].bound;
		nation_rates_free(rate, d->n);
		if (!rc && any &&
		    !(rc = qc_stmt_prepare(s,
					   "SELECT DISTINCT year FROM"
					   " sampling_counts WHERE region_code"
					   " >= ? AND region_code < ?",
					   &st, err))) {
			qc_stmt_bind_text(st, 1, lo);
			qc_stmt_bind_text(st, 2, hi);
			while ((step = qc_stmt_next(st, err)) == QC_ROW)
				add_year(years, n, (int)qc_stmt_int(st, 0));
			if (qc_step_failed(step))
				rc = step;
			qc_stmt_free(st);
		}
	}
	if (rc) {
		free(*years);
		*years = NULL;
		*n = 0;
	}
	return rc;
}

static json_t *num(double v)
{
	return isfinite(v) ? json_real(round(v * 1e6) / 1e6) : json_null();
}

static json_t *def_json(const struct qc_qindex_def *d)
{
	json_t *inds = json_array();
	for (size_t i = 0; i < d->n; i++) {
		const struct qc_qindex_ind *v = &d->v[i];
		json_array_append_new(
			inds,
			qc_xjson_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
				      "key", v->key, "name", v->name, "series",
				      v->series, "group", v->group, "direction",
				      v->higher ? "higher" : "lower", "weight",
				      num(v->weight), "own_weight",
				      num(v->own_weight), "target",
				      v->has_target ? json_real(v->target) :
						      json_null()));
	}
	return qc_xjson_pack("{s:s, s:s, s:s?, s:s, s:s, s:s, s:o}", "id",
			     d->id, "title", d->title, "note", d->note,
			     "normalisation", qc_qindex_norm_name(d->norm),
			     "aggregation", qc_qindex_agg_name(d->agg),
			     "missing", qc_qindex_missing_name(d->missing),
			     "indicators", inds);
}

json_t *qc_qindex_json(const struct qc_qindex_def *d,
		       const struct qc_qindex_input *in,
		       const struct qc_qindex_result *res,
		       const struct qc_qindex_sens *sens)
{
	json_t *regions = json_array(), *o;

	for (size_t r = 0; r < in->n_regions; r++) {
		const struct qc_qindex_region *rr = &res->r[r];
		json_t *parts = json_array();
		for (size_t i = 0; i < d->n; i++) {
			size_t k = r * d->n + i;
			json_array_append_new(
				parts,
				qc_xjson_pack("{s:s, s:o, s:o, s:o, s:b}",
					      "key", d->v[i].key, "value",
					      in->has[k] ? json_real(in->x[k]) :
							   json_null(),
					      "score", num(rr->score[i]),
					      "contribution",
					      num(rr->contrib[i]), "imputed",
					      rr->imputed[i]));
		}
		json_array_append_new(
			regions,
			qc_xjson_pack("{s:s, s:s?, s:o, s:o, s:I, s:o}", "code",
				      in->code[r], "name", in->name[r], "index",
				      rr->has_index ? num(rr->index) :
						      json_null(),
				      "rank",
				      rr->rank ? json_integer(rr->rank) :
						 json_null(),
				      "missing", (json_int_t)rr->n_missing,
				      "indicators", parts));
	}
	o = qc_xjson_pack("{s:o, s:i, s:o}", "definition", def_json(d), "year",
			  in->year, "regions", regions);
	if (sens) {
		json_t *cases = json_array();
		for (size_t c = 0; c < sens->n; c++) {
			const struct qc_qindex_case *k = &sens->v[c];
			json_t *ch;
			if (!k->n)
				continue;
			ch = json_array();
			for (size_t j = 0; j < k->n; j++)
				json_array_append_new(
					ch,
					qc_xjson_pack(
						"{s:s, s:o, s:o}", "region",
						in->code[k->v[j].region],
						"from",
						k->v[j].from ?
							json_integer(
								k->v[j].from) :
							json_null(),
						"to",
						k->v[j].to ?
							json_integer(
								k->v[j].to) :
							json_null()));
			json_array_append_new(cases,
					      qc_xjson_pack("{s:s, s:o, s:o}",
							    "indicator",
							    d->v[k->ind].key,
							    "factor",
							    num(k->factor),
							    "changes", ch));
		}
		json_object_set_new(o, "sensitivity",
				    qc_xjson_pack("{s:o, s:I, s:I, s:i, s:o}",
						  "delta", num(sens->delta),
						  "cases", (json_int_t)sens->n,
						  "changed",
						  (json_int_t)sens->n_changed,
						  "max_shift", sens->max_shift,
						  "rank_changes", cases));
	}
	return o;
}
