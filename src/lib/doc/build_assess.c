/* The 年度考核结果通报 of a plan: ranks and grades of the units and the
 * lower regions, the commendation and criticism lists, and for each one
 * criticised the items where points were lost with their 评分依据. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/assess.h"
#include "qcity/i18n.h"
#include "doc_int.h"
#include "banned.h"

/* The items lost most, with their reasons, as one sentence. */
static void lost_reasons(struct qc_buf *b, const struct qc_assess_subject *s)
{
	int k = 0;
	for (size_t i = 0; i < s->n_lines && k < 3; i++) {
		const struct qc_assess_line *l = &s->lines[i];
		char got[32], max[32];
		if (l->max <= 0 || l->points >= l->max - 1e-9)
			continue;
		qc_doc_num(got, sizeof(got), l->points, 2);
		qc_doc_num(max, sizeof(max), l->max, 2);
		if (k++)
			qc_buf_adds(b, _("; "));
		if (l->reason && *l->reason)
			/* TRANSLATORS: an item where points were lost:
			 * its name, the points, the maximum, the reason. */
			qc_buf_addf(b, _("%s: %s of %s points, %s"), l->name,
				    got, max, l->reason);
		else
			qc_buf_addf(b, _("%s: %s of %s points"), l->name, got,
				    max);
	}
	if (s->vetoed && k)
		qc_buf_adds(b, _("; "));
	if (s->vetoed)
		qc_buf_adds(b, _("one-vote veto triggered"));
	if (!k && !s->vetoed)
		qc_buf_adds(b, _("the lowest score of its group"));
}

static void rank_table(struct qc_doc *d, const struct qc_assessment *a,
		       size_t from, size_t to, const char *who)
{
	size_t n = to - from, cols = 4, m = 1;
	const char **cells = qc_xcalloc((n + 1) * cols, sizeof(*cells));
	char(*nums)[2][16] = qc_xcalloc(n + 1, sizeof(*nums));
	const char *head[] = { _("Rank"), who, _("Score"), _("Grade") };
	memcpy(cells, head, sizeof(head));
	for (int rank = 1; rank <= (int)n; rank++)
		for (size_t i = from; i < to; i++) {
			const struct qc_assess_subject *s = &a->v[i];
			if (s->rank != rank)
				continue;
			snprintf(nums[m][0], 16, "%d", s->rank);
			qc_doc_num(nums[m][1], 16, s->score, 1);
			const char **row = cells + m * cols;
			row[0] = nums[m][0];
			row[1] = s->name;
			row[2] = nums[m][1];
			row[3] = s->grade;
			m++;
		}
	qc_doc_table(d, m, cols, cells);
	free(cells);
	free(nums);
}

static void names(struct qc_buf *b, const struct qc_assessment *a,
		  const size_t *ix, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char sc[32];
		qc_doc_num(sc, sizeof(sc), a->v[ix[i]].score, 1);
		if (i)
			qc_buf_adds(b, _(", "));
		/* TRANSLATORS: a unit, its score, its grade. */
		qc_buf_addf(b, _("%s (%s points, %s)"), a->v[ix[i]].name, sc,
			    a->v[ix[i]].grade);
	}
}

enum qc_rc qc_doc_build_assessment(struct qc_store *s, long long plan_id,
				   int year, struct qc_doc **out,
				   struct qc_error *err)
{
	struct qc_assessment a;
	char *plan_title = NULL, *region = NULL;
	struct qc_buf b = QC_BUF_INIT;
	enum qc_rc rc;
	int sec = 1;

	*out = NULL;
	struct qc_doc *d = qc_doc_new("assessment", "");
	if ((rc = qc_doc_plan_head(s, plan_id, d, &plan_title, &region, err))) {
		qc_doc_free(d);
		return rc;
	}
	if ((rc = qc_assess(s, plan_id, year, NULL, &a, err))) {
		qc_doc_free(d);
		free(plan_title);
		free(region);
		return rc;
	}
	/* TRANSLATORS: a document's title; %d is the year. */
	qc_buf_addf(&b,
		    _("Notice on the results of the %d assessment of the "
		      "quality city work"),
		    year);
	free(d->title);
	d->title = qc_buf_detach(&b, NULL);
	d->recipients = qc_xstrdup(
		a.n > a.n_units ?
			_("To the member units and the people's governments "
			  "of the counties (cities, districts):") :
			_("To the member units:"));
	const char *scheme = a.default_scheme ? _("the default scoring rules") :
						a.scheme;
	if (a.n > a.n_units)
		/* TRANSLATORS: the plan's title, the year, the assessment
		 * scheme, the region, the number of member units. */
		qc_doc_paraf(d,
			     _("Under “%s” and the %d assessment scheme (%s), "
			       "the office of the %s quality city leading group "
			       "assessed the work of the year of %zu member "
			       "units and of the counties (cities, districts). "
			       "The results are notified as follows."),
			     plan_title, year, scheme, region, a.n_units);
	else
		qc_doc_paraf(d,
			     _("Under “%s” and the %d assessment scheme (%s), "
			       "the office of the %s quality city leading group "
			       "assessed the work of the year of %zu member "
			       "units. The results are notified as follows."),
			     plan_title, year, scheme, region, a.n_units);
	qc_doc_heading_num(d, &sec, _("Assessment results"));
	if (a.n_units) {
		qc_doc_heading(d, 2, _("(1) Member units"));
		rank_table(d, &a, 0, a.n_units, _("Unit name"));
	}
	if (a.n > a.n_units) {
		qc_doc_heading(d, 2,
			       a.n_units ?
				       _("(2) Counties (cities, districts)") :
				       _("(1) Counties (cities, districts)"));
		rank_table(d, &a, a.n_units, a.n, _("Region"));
	}
	qc_doc_heading_num(d, &sec, _("Commendation"));
	if (a.n_commend) {
		names(&b, &a, a.commend, a.n_commend);
		qc_doc_paraf(d,
			     _("%s are commended for their outstanding "
			       "results. The units commended are expected to "
			       "value the honour and keep up their efforts."),
			     qc_buf_str(&b));
		qc_buf_reset(&b);
	} else {
		qc_doc_para(d, _("No unit is commended this year."));
	}
	qc_doc_heading_num(d, &sec, _("Criticism"));
	if (a.n_criticise) {
		names(&b, &a, a.criticise, a.n_criticise);
		qc_doc_paraf(d,
			     _("%s are criticised for poor work. The main "
			       "problems are these:"),
			     qc_buf_str(&b));
		qc_buf_reset(&b);
		for (size_t i = 0; i < a.n_criticise; i++) {
			const struct qc_assess_subject *x = &a.v[a.criticise[i]];
			lost_reasons(&b, x);
			/* TRANSLATORS: a numbered item: the number, the
			 * unit, the items where it lost points. */
			qc_doc_paraf(d, _("%zu. %s: %s."), i + 1, x->name,
				     qc_buf_str(&b));
			qc_buf_reset(&b);
		}
		qc_doc_para(d, _("The units criticised are to find the causes "
				 "and send their rectification measures to the "
				 "office of the leading group within 30 "
				 "days."));
	} else {
		qc_doc_para(d, _("No unit is criticised this year."));
	}
	qc_doc_heading_num(d, &sec, _("Requirements"));
	qc_doc_para(d, _("Each member unit is to take the assessment as an "
			 "occasion to rectify, item by item, where it lost "
			 "points, make up its weak spots and see every target "
			 "and task of the quality city work done."));
	qc_doc_note(d, _("The points of each unit on each scoring item and "
			 "their grounds are in the assessment's details "
			 "(qcity assess)."));
	qc_buf_release(&b);
	qc_assessment_release(&a);
	free(plan_title);
	free(region);
	*out = d;
	return QC_OK;
}
