/* The annual report's chapter 质量信用: from the credit register
 * (include/qcity/credit.h, docs/credit.md) the enterprises by grade as of
 * the year's end, the black list, penalty disclosures and red list (public
 * at the year's end, entered and removed in the year), for the report's
 * region and each region below it; from the awards register (award.h)
 * the awards and brands of the year. Read only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/award.h"
#include "qcity/credit.h"
#include "qcity/i18n.h"
#include "doc_int.h"
#include "banned.h"

enum { L_BLACK, L_PENALTY, L_RED, L__N };

static const char *const award_kinds[] = {
	"quality_award",         "quality_award_nominee",
	"brand_product",         "well_known_trademark",
	"famous_trademark",      "gi_product",
	"gi_trademark",          "regional_brand",
	"chief_quality_officer",
};
#define N_AWARD_KINDS (sizeof(award_kinds) / sizeof(award_kinds[0]))

/* A region's credit figures of the year. */
struct figs {
	struct qc_credit_grade_counts g;
	bool graded;              /* a scheme is loaded */
	long listed;              /* listings decided by the year's end */
	long pub[L__N];           /* public at the year's end */
	long in[L__N], out[L__N]; /* entered, removed in the year */
};

static bool in_year(const char *day, const char *from, const char *to)
{
	return day[0] && strcmp(day, from) >= 0 && strcmp(day, to) <= 0;
}

static enum qc_rc figures(struct qc_store *s, const char *region, int year,
			  struct figs *f, struct qc_error *err)
{
	struct qc_listings l;
	char from[11], to[11];
	enum qc_rc rc;

	memset(f, 0, sizeof(*f));
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	rc = qc_credit_grade_counts(s, region, to, &f->g, err);
	if (rc == QC_ENOTFOUND) { /* no scheme: nothing graded */
		if (err)
			memset(err, 0, sizeof(*err));
		rc = QC_OK;
	} else if (!rc) {
		f->graded = true;
	}
	if (rc ||
	    (rc = qc_credit_listings(s, NULL, region, NULL, to, true, &l, err)))
		return rc;
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_listing *e = &l.v[i];
		int k = !strcmp(e->list, "black")   ? L_BLACK :
			!strcmp(e->list, "penalty") ? L_PENALTY :
						      L_RED;
		/* the day it left public view: removed, or its term ran out */
		const char *end = e->removed_on;
		if (!end[0] ||
		    (e->public_until[0] && strcmp(e->public_until, end) < 0))
			end = e->public_until;
		if (strcmp(e->decided_on, to) > 0)
			continue;
		f->listed++;
		f->pub[k] += e->active;
		/* a red entry enters when it is published */
		f->in[k] += in_year(k == L_RED ? e->published_on :
						 e->decided_on,
				    from, to);
		f->out[k] += in_year(end, from, to);
	}
	qc_listings_release(&l);
	return QC_OK;
}

static bool any(const struct figs *f)
{
	return f->g.graded > 0 || f->listed > 0;
}

static void summary(struct qc_doc *d, const struct figs *f, const char *name,
		    int year)
{
	struct qc_buf b = QC_BUF_INIT;

	if (f->graded) {
		/* TRANSLATORS: the year, the region, the number of
		 * enterprises; the grades follow. */
		qc_buf_addf(&b,
			    _("By the end of %d, %s had %ld enterprises under "
			      "quality credit evaluation: "),
			    year, name, f->g.graded);
		for (int k = 0; k < 4; k++) {
			/* TRANSLATORS: a credit grade (A) and how many
			 * enterprises have it. */
			qc_buf_addf(&b, _("grade %c: %ld"), f->g.grades[k],
				    f->g.n[k]);
			qc_buf_adds(&b, k < 3 ? _(", ") : _("."));
		}
	} else {
		qc_buf_addf(&b,
			    _("By the end of %d, %s had not yet graded the "
			      "quality credit of enterprises."),
			    year, name);
	}
	/* TRANSLATORS: the lists public at the year's end, then the year
	 * and the entries and removals of each list in it. */
	qc_buf_addf(&b,
		    _(" At the end of the year %ld enterprises were on the "
		      "public black list of serious violations, %ld "
		      "administrative penalties were disclosed and %ld "
		      "enterprises were on the quality credit red list. In "
		      "%d, %ld enterprises entered the black list and %ld "
		      "left it, %ld penalty disclosures were added and %ld "
		      "removed, %ld enterprises entered the red list and %ld "
		      "left it."),
		    f->pub[L_BLACK], f->pub[L_PENALTY], f->pub[L_RED], year,
		    f->in[L_BLACK], f->out[L_BLACK], f->in[L_PENALTY],
		    f->out[L_PENALTY], f->in[L_RED], f->out[L_RED]);
	qc_doc_para(d, qc_buf_str(&b));
	qc_buf_release(&b);
}

/* The awards and brands of the year, a sentence when there are any. */
static enum qc_rc awards(struct qc_store *s, struct qc_doc *d,
			 const char *region, int year, struct qc_error *err)
{
	struct qc_buf b = QC_BUF_INIT;
	long long n, total = 0;
	enum qc_rc rc = QC_OK;

	/* TRANSLATORS: the year; the awards and their numbers follow. */
	qc_buf_addf(&b, _("Quality awards and brand recognitions won in %d"),
		    year);
	for (size_t k = 0; k < N_AWARD_KINDS; k++) {
		if ((rc = qc_award_count(s, region, award_kinds[k], NULL, year,
					 year, &n, err)))
			break;
		if (!n)
			continue;
		qc_buf_adds(&b, total ? _(", ") : _(": "));
		/* TRANSLATORS: a kind of award and how many. */
		qc_buf_addf(&b, _("%s: %lld"),
			    qc_award_kind_label(award_kinds[k]), n);
		total += n;
	}
	if (!rc && total) {
		qc_buf_adds(&b, _("."));
		qc_doc_para(d, qc_buf_str(&b));
	}
	qc_buf_release(&b);
	return rc;
}

/* The table's row of a region: name, graded and by grade, then the lists
 * public at the year's end. */
#define COLS 9
static void row_of(const struct figs *f, const char *name, const char **row,
		   char (*nums)[16])
{
	row[0] = name;
	snprintf(nums[0], 16, "%ld", f->g.graded);
	for (int k = 0; k < 4; k++)
		snprintf(nums[1 + k], 16, "%ld", f->g.n[k]);
	for (int k = 0; k < L__N; k++)
		snprintf(nums[5 + k], 16, "%ld", f->pub[k]);
	for (int k = 0; k < COLS - 1; k++)
		row[1 + k] = f->graded || k >= 5 ? nums[k] : "—";
}

enum qc_rc qc_doc_credit_chapter(struct qc_store *s, struct qc_doc *d,
				 const char *region, const char *region_name,
				 const char (*sub)[QC_REGION_CODE_SIZE],
				 char *const *sub_name, size_t n_sub, int year,
				 int *sec, bool *wrote, struct qc_error *err)
{
	struct figs top, *f = NULL;
	struct qc_chart *bars = NULL;
	const char **cells = NULL;
	char(*nums)[COLS - 1][16] = NULL;
	char h[96], cap[160], head[4][32];
	size_t m = 1, shown = 0;
	enum qc_rc rc;

	*wrote = false;
	if ((rc = figures(s, region, year, &top, err)) || !any(&top))
		return rc;
	f = qc_xcalloc(n_sub + 1, sizeof(*f));
	for (size_t k = 0; k < n_sub && !rc; k++)
		rc = figures(s, sub[k], year, &f[k], err);
	if (rc)
		goto out;
	*wrote = true;
	qc_doc_heading_num(d, sec, _("Quality credit"));
	summary(d, &top, region_name, year);
	if ((rc = awards(s, d, region, year, err)))
		goto out;
	cells = qc_xcalloc((n_sub + 2) * COLS, sizeof(*cells));
	nums = qc_xcalloc(n_sub + 2, sizeof(*nums));
	cells[0] = _("Region");
	cells[1] = _("Enterprises graded");
	for (int k = 0; k < 4; k++) {
		/* TRANSLATORS: a credit grade (A级). */
		snprintf(head[k], sizeof(head[k]), _("Grade %c"),
			 top.graded ? top.g.grades[k] : 'A' + k);
		cells[2 + k] = head[k];
	}
	cells[6] = _("Black list (enterprises)");
	cells[7] = _("Penalties disclosed");
	cells[8] = _("Red list (enterprises)");
	row_of(&top, region_name, cells + COLS, nums[m]);
	m++;
	for (size_t k = 0; k < n_sub; k++) {
		if (!any(&f[k]))
			continue;
		row_of(&f[k], sub_name[k], cells + m * COLS, nums[m]);
		m++;
		shown++;
	}
	qc_doc_table(d, m, COLS, cells);
	/* The grades by region, or the region's grades when it has no
	 * regions below with data. */
	if (top.graded && shown >= 2) {
		bars = qc_doc_chart_new(QC_CHART_BAR,
					_("Quality credit grades of enterprises"),
					_("firms"), n_sub, 4);
		for (int g = 0; g < 4; g++) {
			snprintf(h, sizeof(h), _("Grade %c"), top.g.grades[g]);
			bars->series[g].name = qc_xstrdup(h);
		}
		for (size_t k = 0; k < n_sub; k++) {
			bars->labels[k] = qc_xstrdup(sub_name[k]);
			for (int g = 0; g < 4; g++)
				bars->series[g].v[k] =
					any(&f[k]) ? (double)f[k].g.n[g] : NAN;
		}
		snprintf(cap, sizeof(cap),
			 _("Figure: quality credit grades of enterprises by "
			   "region, end of %d"),
			 year);
	} else if (top.graded) {
		bars = qc_doc_chart_new(QC_CHART_BAR,
					_("Quality credit grades of enterprises"),
					_("firms"), 4, 1);
		bars->series[0].name = qc_xstrdup(_("Enterprises"));
		for (int g = 0; g < 4; g++) {
			snprintf(h, sizeof(h), _("Grade %c"), top.g.grades[g]);
			bars->labels[g] = qc_xstrdup(h);
			bars->series[0].v[g] = (double)top.g.n[g];
		}
		/* TRANSLATORS: the year, the region. */
		snprintf(cap, sizeof(cap),
			 _("Figure: quality credit grades of enterprises, end "
			   "of %d, %s"),
			 year, region_name);
	}
	if (bars) {
		qc_doc_chart(d, bars, cap);
		bars = NULL;
	}
	qc_doc_note(d, _("Note: the grade is an enterprise's grade at the end "
			 "of the year under the current quality credit "
			 "scheme (enterprises with a credit record); public "
			 "means still within its period of disclosure and not "
			 "removed at the end of the year; removals include "
			 "disclosures run out and credit repaired; a red list "
			 "entry counts from its publication."));
out:
	qc_chart_free(bars);
	free(cells);
	free(nums);
	free(f);
	return rc;
}
