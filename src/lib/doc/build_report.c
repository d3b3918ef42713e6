/* The annual quality report (质量发展报告) of a plan's region: an
 * overview, then one chapter per domain (the catalogue's domain of each
 * target's series) with its targets, a trend chart per target and the
 * comparison of the regions below, then supervision sampling and
 * complaints (report_complaints.c) and credit (report_credit.c).
 * Chapters are a table (see `chapters`). Statuses are those at the end
 * of the year. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/progress.h"
#include "qcity/sampling.h"
#include "qcity/status.h"
#include "qcity/store.h"
#include "doc_int.h"
#include "banned.h"

#define YEARS 5 /* the trend: this many years up to the report's */
#define MAX_REGIONS 40

struct ctx {
	struct qc_store *s;
	struct qc_doc *d;
	int year;
	char region[QC_REGION_CODE_SIZE];
	const char *region_name;
	const char *plan_title;
	const struct qc_status_table *t;
	int64_t *ind;  /* per status row: the series */
	char **domain; /* per status row: the domain, or NULL */
	char (*sub)[QC_REGION_CODE_SIZE]; /* the regions below, with their names */
	char **sub_name;
	size_t n_sub;
	int sec;
};

struct chapter {
	const char *key, *title;
	const char *domains[4];
	/* NULL: by domain; else a chapter of its own data; returns whether it
	 * wrote anything. */
	enum qc_rc (*build)(struct ctx *c, const struct chapter *ch,
			    bool *wrote, struct qc_error *err);
};

static enum qc_rc sampling_chapter(struct ctx *c, const struct chapter *ch,
				   bool *wrote, struct qc_error *err);
static enum qc_rc complaints_chapter(struct ctx *c, const struct chapter *ch,
				     bool *wrote, struct qc_error *err);
static enum qc_rc credit_chapter(struct ctx *c, const struct chapter *ch,
				 bool *wrote, struct qc_error *err);

/* Titles are translated where they are written. */
static const struct chapter chapters[] = {
	{ "product",
	  N_("Product quality"),
	  { "product", "food", "agriculture" },
	  NULL },
	{ "engineering",
	  N_("Construction quality"),
	  { "engineering", "infrastructure" },
	  NULL },
	{ "service", N_("Service quality"), { "service" }, NULL },
	{ "environment", N_("Environmental quality"), { "environment" }, NULL },
	{ "brand", N_("Brand building"), { "brand" }, NULL },
	{ "economy", N_("Quality and economic returns"), { "economy" }, NULL },
	/* every target no chapter above takes (no catalogue link) */
	{ "other", N_("Other targets"), { "" }, NULL },
	{ "sampling", N_("Supervision sampling"), { NULL }, sampling_chapter },
	{ "complaints", N_("Quality complaints"), { NULL }, complaints_chapter },
	{ "credit", N_("Quality credit"), { NULL }, credit_chapter },
};
#define N_CHAPTERS (sizeof(chapters) / sizeof(chapters[0]))

static bool in_chapter(const struct chapter *ch, const char *domain)
{
	if (!strcmp(ch->key, "other")) {
		for (size_t k = 0; k < N_CHAPTERS; k++)
			if (&chapters[k] != ch && !chapters[k].build &&
			    chapters[k].domains[0] &&
			    chapters[k].domains[0][0] &&
			    in_chapter(&chapters[k], domain))
				return false;
		return true;
	}
	for (size_t i = 0; i < 4 && ch->domains[i]; i++)
		if (domain && !strcmp(domain, ch->domains[i]))
			return true;
	return false;
}

/* A series' annual value in a region, NAN when none. */
static enum qc_rc value_at(struct qc_store *s, int64_t ind, const char *region,
			   int year, double *v, struct qc_error *err)
{
	struct qc_stmt *st;
	char p[8];
	enum qc_rc rc;
	*v = NAN;
	snprintf(p, sizeof(p), "%d", year);
	if ((rc = qc_stmt_prepare(s,
				  "SELECT value FROM indicator_values "
				  "WHERE indicator_id = ? AND region_code = ? "
				  "AND period = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_text(st, 2, region);
	qc_stmt_bind_text(st, 3, p);
	enum qc_rc r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		*v = qc_stmt_double(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

struct qc_chart *qc_doc_chart_new(enum qc_chart_kind k, const char *title,
				  const char *unit, size_t n_labels,
				  size_t n_series)
{
	struct qc_chart *c = qc_xcalloc(1, sizeof(*c));
	c->kind = k;
	c->title = qc_xstrdup(title);
	c->unit = qc_xstrdup(unit);
	c->n_labels = n_labels;
	c->labels = qc_xcalloc(n_labels + 1, sizeof(*c->labels));
	c->n_series = n_series;
	c->series = qc_xcalloc(n_series + 1, sizeof(*c->series));
	for (size_t k2 = 0; k2 < n_series; k2++)
		c->series[k2].v = qc_xcalloc(n_labels + 1, sizeof(double));
	return c;
}

/* A target's trend in the region and the regions' comparison in the
 * year, as charts (each only when it has two values or more). */
static enum qc_rc target_charts(struct ctx *c, size_t i, struct qc_error *err)
{
	const struct qc_status_row *r = &c->t->v[i];
	struct qc_chart *ch =
		qc_doc_chart_new(QC_CHART_LINE, r->indicator,
				 qc_value_unit(
					 qc_target_series_unit(r->op, r->unit)),
				 YEARS, 1);
	enum qc_rc rc = QC_OK;
	int have = 0;
	char cap[512];

	ch->series[0].name = qc_xstrdup(c->region_name);
	for (int y = 0; y < YEARS && !rc; y++) {
		char l[8];
		snprintf(l, sizeof(l), "%d", c->year - YEARS + 1 + y);
		ch->labels[y] = qc_xstrdup(l);
		rc = value_at(c->s, c->ind[i], c->region,
			      c->year - YEARS + 1 + y, &ch->series[0].v[y],
			      err);
		have += !isnan(ch->series[0].v[y]);
	}
	if ((r->op == QC_OP_GE || r->op == QC_OP_LE || r->op == QC_OP_EQ ||
	     r->op == QC_OP_ABOUT) &&
	    r->has_value) {
		ch->has_target = true;
		ch->target = r->value;
	}
	if (!rc && have >= 2) {
		/* TRANSLATORS: a chart's caption: the region, the first
		 * and last years, the indicator. */
		snprintf(cap, sizeof(cap), _("Figure: %4$s in %1$s, %2$d–%3$d"),
			 c->region_name, c->year - YEARS + 1, c->year,
			 r->indicator);
		qc_doc_chart(c->d, ch, cap);
	} else {
		qc_chart_free(ch);
	}
	if (rc || c->n_sub < 2)
		return rc;
	ch = qc_doc_chart_new(QC_CHART_BAR, r->indicator,
			      qc_value_unit(
				      qc_target_series_unit(r->op, r->unit)),
			      c->n_sub, 1);
	ch->series[0].name = qc_xstrdup(r->indicator);
	have = 0;
	for (size_t k = 0; k < c->n_sub && !rc; k++) {
		ch->labels[k] = qc_xstrdup(c->sub_name[k]);
		rc = value_at(c->s, c->ind[i], c->sub[k], c->year,
			      &ch->series[0].v[k], err);
		have += !isnan(ch->series[0].v[k]);
	}
	ch->has_target = false;
	if (!rc && have >= 2) {
		/* TRANSLATORS: a chart's caption: the year, the indicator. */
		snprintf(cap, sizeof(cap), _("Figure: %2$s by region, %1$d"),
			 c->year, r->indicator);
		qc_doc_chart(c->d, ch, cap);
	} else {
		qc_chart_free(ch);
	}
	return rc;
}

static enum qc_rc domain_chapter(struct ctx *c, const struct chapter *ch,
				 bool *wrote, struct qc_error *err)
{
	size_t n = 0, count[QC_PROGRESS__COUNT] = { 0 }, m = 1, cols = 5;
	enum qc_rc rc = QC_OK;
	for (size_t i = 0; i < c->t->n; i++)
		if (in_chapter(ch, c->domain[i])) {
			n++;
			count[c->t->v[i].p.status]++;
		}
	*wrote = n > 0;
	if (!n)
		return QC_OK;
	qc_doc_heading_num(c->d, &c->sec, _(ch->title));
	/* TRANSLATORS: %s is a domain, a chapter's title (产品质量). */
	qc_doc_paraf(c->d,
		     _("%s has %zu quantified targets: %zu met, %zu on track, "
		       "%zu needing acceleration, %zu with limited progress, "
		       "%zu deteriorating and %zu with no data."),
		     _(ch->title), n, count[QC_PROGRESS_MET],
		     count[QC_PROGRESS_ON_TRACK],
		     count[QC_PROGRESS_ACCELERATION],
		     count[QC_PROGRESS_LIMITED],
		     count[QC_PROGRESS_DETERIORATING],
		     count[QC_PROGRESS_NO_DATA]);
	const char **cells = qc_xcalloc((n + 1) * cols, sizeof(*cells));
	char(*vals)[96] = qc_xcalloc(n + 1, sizeof(*vals));
	char yh[32];
	snprintf(yh, sizeof(yh), _("year %d"), c->year);
	const char *head[] = { _("Indicator"), _("Requirement"), yh,
			       _("Status"), _("Responsible units") };
	memcpy(cells, head, sizeof(head));
	for (size_t i = 0; i < c->t->n && !rc; i++) {
		const struct qc_status_row *r = &c->t->v[i];
		double v;
		char num[32];
		if (!in_chapter(ch, c->domain[i]))
			continue;
		rc = value_at(c->s, c->ind[i], c->region, c->year, &v, err);
		qc_doc_num(num, sizeof(num), v, 2);
		const char *unit = qc_value_unit(
			qc_target_series_unit(r->op, r->unit));
		/* A count is judged on its running total (培育名牌产品24个 is
		 * met by the names won since the plan began): the year's own
		 * value alone would show 0个 beside 已达标. */
		if (r->accumulate && r->p.has_current) {
			char total[32];
			qc_doc_num(total, sizeof(total), r->p.current, 2);
			snprintf(vals[m], sizeof(vals[m]),
				 /* TRANSLATORS: a count in the report's
				  * table: the year's value, then the total
				  * since the plan began, each with its unit
				  * (0个（累计3个）). */
				 _("%1$s%2$s (%3$s%2$s in all)"), num, unit,
				 total);
		} else {
			snprintf(vals[m], sizeof(vals[m]), "%s%s", num,
				 isnan(v) ? "" : unit);
		}
		const char **row = cells + m * cols;
		row[0] = r->indicator;
		row[1] = r->requirement ? r->requirement : "";
		row[2] = vals[m];
		row[3] = qc_progress_label(r->p.status);
		row[4] = r->owners ? r->owners : "";
		m++;
	}
	qc_doc_table(c->d, m, cols, cells);
	free(cells);
	free(vals);
	for (size_t i = 0; i < c->t->n && !rc; i++)
		if (in_chapter(ch, c->domain[i]))
			rc = target_charts(c, i, err);
	return rc;
}

static enum qc_rc sampling_chapter(struct ctx *c, const struct chapter *ch,
				   bool *wrote, struct qc_error *err)
{
	long long samples, passed;
	enum qc_rc rc;
	struct qc_chart *trend =
		qc_doc_chart_new(QC_CHART_LINE,
				 _("Pass rate of supervision sampling"), "%",
				 YEARS, 1);
	int have = 0;
	char cap[256];

	*wrote = false;
	trend->series[0].name = qc_xstrdup(c->region_name);
	for (int y = 0; y < YEARS; y++) {
		char l[8];
		snprintf(l, sizeof(l), "%d", c->year - YEARS + 1 + y);
		trend->labels[y] = qc_xstrdup(l);
		trend->series[0].v[y] = NAN;
		if ((rc = qc_sampling_rate(c->s, c->region,
					   c->year - YEARS + 1 + y, "", NULL,
					   &samples, &passed, err))) {
			qc_chart_free(trend);
			return rc;
		}
		if (samples > 0) {
			trend->series[0].v[y] = qc_sampling_pass_rate(samples,
								      passed);
			have++;
		}
	}
	if (!have) {
		qc_chart_free(trend);
		return QC_OK;
	}
	*wrote = true;
	qc_doc_heading_num(c->d, &c->sec, _(ch->title));
	/* The regions' table: samples, passed and rate in the year. */
	size_t cols = 4, m = 1;
	const char **cells = qc_xcalloc((c->n_sub + 2) * cols, sizeof(*cells));
	char(*nums)[3][32] = qc_xcalloc(c->n_sub + 2, sizeof(*nums));
	struct qc_chart *bars =
		qc_doc_chart_new(QC_CHART_BAR,
				 _("Pass rate of supervision sampling"), "%",
				 c->n_sub, 1);
	bars->series[0].name = qc_xstrdup(_("Pass rate"));
	const char *head[] = { _("Region"), _("Batches sampled"),
			       _("Batches passed"), _("Pass rate (%)") };
	memcpy(cells, head, sizeof(head));
	rc = QC_OK;
	for (size_t k = 0; k <= c->n_sub && !rc; k++) {
		const char *code = k ? c->sub[k - 1] : c->region,
			   *name = k ? c->sub_name[k - 1] : c->region_name;
		if (k)
			bars->labels[k - 1] = qc_xstrdup(name);
		if (k)
			bars->series[0].v[k - 1] = NAN;
		if ((rc = qc_sampling_rate(c->s, code, c->year, "", NULL,
					   &samples, &passed, err)) ||
		    samples <= 0)
			continue;
		double rate = qc_sampling_pass_rate(samples, passed);
		if (k)
			bars->series[0].v[k - 1] = rate;
		snprintf(nums[m][0], 32, "%lld", samples);
		snprintf(nums[m][1], 32, "%lld", passed);
		qc_doc_num(nums[m][2], 32, rate, 2);
		const char **row = cells + m * cols;
		row[0] = name;
		row[1] = nums[m][0];
		row[2] = nums[m][1];
		row[3] = nums[m][2];
		if (!k && c->region_name[0])
			qc_doc_paraf(c->d,
				     _("In %d, %lld batches of products were "
				       "sampled across the city and %lld "
				       "passed: a pass rate of %s%%."),
				     c->year, samples, passed, nums[m][2]);
		else if (!k)
			qc_doc_paraf(c->d,
				     _("In %d, %lld batches of products were "
				       "sampled across the region and %lld "
				       "passed: a pass rate of %s%%."),
				     c->year, samples, passed, nums[m][2]);
		m++;
	}
	if (!rc && m > 1)
		qc_doc_table(c->d, m, cols, cells);
	free(cells);
	free(nums);
	snprintf(cap, sizeof(cap),
		 _("Figure: pass rate of supervision sampling, %d–%d"),
		 c->year - YEARS + 1, c->year);
	qc_doc_chart(c->d, trend, cap);
	if (!rc && c->n_sub >= 2) {
		snprintf(cap, sizeof(cap),
			 _("Figure: pass rate of supervision sampling by "
			   "region, %d"),
			 c->year);
		qc_doc_chart(c->d, bars, cap);
	} else {
		qc_chart_free(bars);
	}
	return rc;
}

static enum qc_rc complaints_chapter(struct ctx *c, const struct chapter *ch,
				     bool *wrote, struct qc_error *err)
{
	(void)ch;
	return qc_doc_complaints_chapter(c->s, c->d, c->region, c->region_name,
					 (const char(*)[QC_REGION_CODE_SIZE])
						 c->sub,
					 c->sub_name, c->n_sub, c->year, YEARS,
					 &c->sec, wrote, err);
}

static enum qc_rc credit_chapter(struct ctx *c, const struct chapter *ch,
				 bool *wrote, struct qc_error *err)
{
	(void)ch;
	return qc_doc_credit_chapter(c->s, c->d, c->region, c->region_name,
				     (const char(*)[QC_REGION_CODE_SIZE])c->sub,
				     c->sub_name, c->n_sub, c->year, &c->sec,
				     wrote, err);
}

/* Each status row's series and domain (the catalogue's, through the
 * series' link, else the series' own); the regions below the plan's. */
static enum qc_rc load_ctx(struct ctx *c, long long plan_id,
			   struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;
	c->ind = qc_xcalloc(c->t->n + 1, sizeof(*c->ind));
	c->domain = qc_xcalloc(c->t->n + 1, sizeof(*c->domain));
	if ((rc = qc_stmt_prepare(
		     c->s,
		     "SELECT t.id, t.indicator_id, "
		     "COALESCE(k.domain, i.domain) FROM targets t JOIN "
		     "indicators i ON i.id = t.indicator_id LEFT JOIN "
		     "indicators k ON k.id = i.catalog_id WHERE t.plan_id = ?",
		     &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		for (size_t i = 0; i < c->t->n; i++)
			if (c->t->v[i].target_id == qc_stmt_int(st, 0)) {
				c->ind[i] = qc_stmt_int(st, 1);
				free(c->domain[i]);
				c->domain[i] = qc_xstrdup(qc_stmt_text(st, 2));
			}
	qc_stmt_free(st);
	if (qc_step_failed(r))
		return r;
	if ((rc = qc_stmt_prepare(c->s,
				  "SELECT code, name FROM regions WHERE "
				  "parent_code = ? ORDER BY code",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, c->region);
	c->sub = qc_xcalloc(MAX_REGIONS, sizeof(*c->sub));
	c->sub_name = qc_xcalloc(MAX_REGIONS, sizeof(*c->sub_name));
	while ((r = qc_stmt_next(st, err)) == QC_ROW &&
	       c->n_sub < MAX_REGIONS) {
		snprintf(c->sub[c->n_sub], QC_REGION_CODE_SIZE, "%s",
			 qc_stmt_text(st, 0));
		c->sub_name[c->n_sub++] = qc_xstrdup(qc_stmt_text(st, 1));
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static void overview(struct ctx *c)
{
	const struct qc_status_table *t = c->t;
	qc_doc_heading_num(c->d, &c->sec, _("Overview"));
	/* TRANSLATORS: the year, the region, the plan's short name
	 * (《实施方案》), the number of targets, then by status. */
	qc_doc_paraf(c->d,
		     _("In %d, %s kept raising the quality of products, "
		       "construction, services and the environment towards "
		       "the quality city goals. Of the quantified targets of "
		       "%s (%zu in all), %zu are met, %zu on track, %zu need "
		       "acceleration, %zu show limited progress, %zu are "
		       "deteriorating and %zu have no data. The table below "
		       "gives each domain."),
		     c->year, c->region_name, qc_doc_plan_short(c->plan_title),
		     t->n, t->count[QC_PROGRESS_MET],
		     t->count[QC_PROGRESS_ON_TRACK],
		     t->count[QC_PROGRESS_ACCELERATION],
		     t->count[QC_PROGRESS_LIMITED],
		     t->count[QC_PROGRESS_DETERIORATING],
		     t->count[QC_PROGRESS_NO_DATA]);
	size_t cols = 8, m = 1;
	const char *cells[(N_CHAPTERS + 1) * 8];
	char nums[N_CHAPTERS][7][24];
	const char *head[] = { _("Domain"),
			       _("Number of targets"),
			       _("Met"),
			       _("On track"),
			       _("Acceleration needed"),
			       _("Limited progress"),
			       _("Deteriorating"),
			       _("No data") };
	static const int order[] = {
		QC_PROGRESS_MET,           QC_PROGRESS_ON_TRACK,
		QC_PROGRESS_ACCELERATION,  QC_PROGRESS_LIMITED,
		QC_PROGRESS_DETERIORATING, QC_PROGRESS_NO_DATA
	};
	memcpy(cells, head, sizeof(head));
	for (size_t k = 0; k < N_CHAPTERS; k++) {
		size_t n = 0, cnt[QC_PROGRESS__COUNT] = { 0 };
		for (size_t i = 0; i < t->n; i++)
			if (in_chapter(&chapters[k], c->domain[i])) {
				n++;
				cnt[t->v[i].p.status]++;
			}
		if (!n)
			continue;
		snprintf(nums[m - 1][0], 24, "%zu", n);
		for (int j = 0; j < 6; j++)
			snprintf(nums[m - 1][j + 1], 24, "%zu", cnt[order[j]]);
		cells[m * cols] = _(chapters[k].title);
		for (int j = 0; j < 7; j++)
			cells[m * cols + 1 + (size_t)j] = nums[m - 1][j];
		m++;
	}
	qc_doc_table(c->d, m, cols, cells);
}

enum qc_rc qc_doc_build_report(struct qc_store *s, long long plan_id, int year,
			       struct qc_doc **out, struct qc_error *err)
{
	struct qc_status_table t = { 0 };
	struct qc_plan_data *pd = NULL;
	struct ctx c = { .s = s, .year = year, .sec = 1 };
	char *plan_title = NULL, *region = NULL;
	enum qc_rc rc;

	*out = NULL;
	c.d = qc_doc_new("report", "");
	/* Statuses at the end of the year: later values left out. */
	if ((rc = qc_doc_plan_head(s, plan_id, c.d, &plan_title, &region,
				   err)) ||
	    (rc = qc_plan_data_load(s, plan_id, NULL, &pd, err)))
		goto out;
	qc_plan_data_until(pd, year);
	if ((rc = qc_status_table_from(s, pd, NULL, &t, err)))
		goto out;
	c.t = &t;
	snprintf(c.region, sizeof(c.region), "%s", t.region);
	c.region_name = region;
	c.plan_title = plan_title;
	if ((rc = load_ctx(&c, plan_id, err)))
		goto out;
	struct qc_buf b = QC_BUF_INIT;
	/* TRANSLATORS: a report's title: the region, the year. */
	qc_buf_addf(&b, _("Quality development report of %s, %d"), region,
		    year);
	free(c.d->title);
	c.d->title = qc_buf_detach(&b, NULL);
	/* TRANSLATORS: the plan's title, the region, the year, the region. */
	qc_doc_paraf(c.d,
		     _("This report is based on the targets set by “%s” and "
		       "the data reported by the member units of %s. It shows "
		       "the quality of products, construction, services and "
		       "the environment and the progress of the quality city "
		       "work in %d in %s. The figures of the tables and charts "
		       "are in the annex (XLSX)."),
		     plan_title, region, year, region);
	overview(&c);
	for (size_t k = 0; k < N_CHAPTERS && !rc; k++) {
		bool wrote;
		if (chapters[k].build)
			rc = chapters[k].build(&c, &chapters[k], &wrote, err);
		else if (chapters[k].domains[0])
			rc = domain_chapter(&c, &chapters[k], &wrote, err);
	}
	if (rc)
		goto out;
	qc_doc_heading_num(c.d, &c.sec, _("Next steps"));
	qc_doc_para(c.d,
		    _("For the targets that need acceleration, show limited "
		      "progress or are deteriorating, the responsible units "
		      "are to find the causes, set measures and keep raising "
		      "quality."));
out:
	for (size_t i = 0; c.domain && i < t.n; i++)
		free(c.domain[i]);
	qc_status_table_release(&t);
	qc_plan_data_free(pd);
	free(c.domain);
	free(c.ind);
	for (size_t k = 0; k < c.n_sub; k++)
		free(c.sub_name[k]);
	free(c.sub_name);
	free(c.sub);
	free(plan_title);
	free(region);
	if (rc)
		qc_doc_free(c.d);
	else
		*out = c.d;
	return rc;
}
