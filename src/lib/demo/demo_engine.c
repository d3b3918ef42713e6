/* Demo reports and scores for the engine (include/qcity/engine_demo.h). */
#include <jansson.h>
#include "qcity/json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/assess.h"
#include "qcity/clock.h"
#include "qcity/engine_demo.h"
#include "qcity/model.h"
#include "qcity/reporting.h"
#include "qcity/rng.h"
#include "qcity/store.h"
#include "banned.h"

/* An ISO date `days` after a period's deadline under grace days g
 * (negative: before it). */
static void date_after(const char *period, int g, int days, char *buf, size_t n)
{
	char dl[16], day[11];
	long when = 0;
	qc_report_deadline(period, g, dl, sizeof(dl));
	qc_date_days(dl, &when);
	qc_date_from_days(when + days, day);
	snprintf(buf, n, "%sT09:00:00Z", day);
}

struct who {
	int64_t task, unit;
	char *name;
};
struct duty {
	char kind[16];
	int grace;
};

static enum qc_rc report(struct qc_store *s, struct qc_stmt *ins,
			 const struct who *w, const char *period,
			 const char *status, const char *at, const char *actor,
			 struct qc_error *err)
{
	char key[96];
	enum qc_rc rc;
	qc_stmt_reset(ins);
	qc_stmt_bind_int(ins, 1, w->task);
	qc_stmt_bind_int(ins, 2, w->unit);
	qc_stmt_bind_text(ins, 3, period);
	qc_stmt_bind_text(ins, 4, status);
	qc_stmt_bind_text(ins, 5, "按计划推进");
	qc_stmt_bind_text(ins, 6, at);
	if ((rc = qc_stmt_run(ins, err)))
		return rc;
	snprintf(key, sizeof(key), "%lld/%s", (long long)w->task, period);
	return qc_audit_add_json(s, actor, "report", "progress", key, NULL,
				 qc_xjson_pack("{s:s, s:s, s:s, s:s}", "unit",
					       w->name, "period", period,
					       "status", status, "submitted_at",
					       at),
				 err);
}

enum qc_rc qc_engine_demo_reports(struct qc_store *s, long long plan_id,
				  int first_year, int last_year,
				  unsigned long seed, const char *actor,
				  size_t *count, struct qc_error *err)
{
	struct qc_rng r;
	struct qc_stmt *st = NULL, *ins = NULL;
	struct who *w = NULL;
	struct duty *du = NULL;
	size_t nw = 0, aw = 0, nd = 0, ad = 0;
	char today[16], at[32];
	int y, m, d;
	enum qc_rc step;
	enum qc_rc rc;

	*count = 0;
	qc_rng_seed(&r, seed, 10);
	qc_today(&y, &m, &d);
	snprintf(today, sizeof(today), "%04d-%02d-%02d", y % 10000, m, d);
	/* Each lead unit once, with its first work item (a section is a
	 * heading: progress on it would be refused). */
	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT MIN(t.id), o.unit_id, o.unit_name"
		     " FROM tasks t JOIN task_owners o ON o.task_id = t.id WHERE"
		     " t.plan_id = ? AND t.kind = 'item' AND o.role = 'lead' AND"
		     " o.unit_id IS NOT NULL"
		     " GROUP BY o.unit_id, o.unit_name ORDER BY o.unit_id",
		     &st, err)))
		goto out;
	qc_stmt_bind_int(st, 1, plan_id);
	while ((step = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(w, nw + 1, aw);
		w[nw].task = qc_stmt_int(st, 0);
		w[nw].unit = qc_stmt_int(st, 1);
		w[nw++].name = qc_xstrdup(qc_stmt_text(st, 2));
	}
	qc_stmt_free(st);
	st = NULL;
	if (step != QC_DONE ||
	    (rc = qc_stmt_prepare(
		     s,
		     "SELECT kind,"
		     " grace_days FROM report_duties WHERE plan_id = ? ORDER BY seq",
		     &st, err))) {
		rc = rc ? rc : QC_EDB;
		goto out;
	}
	qc_stmt_bind_int(st, 1, plan_id);
	while ((step = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(du, nd + 1, ad);
		snprintf(du[nd].kind, sizeof(du[nd].kind), "%s",
			 qc_stmt_text(st, 0));
		du[nd++].grace = (int)qc_stmt_int(st, 1);
	}
	if ((rc = qc_stmt_prepare(
		     s,
		     "INSERT INTO progress_reports (task_id,"
		     " unit_id, period, status, text, submitted_at) VALUES (?, ?, ?,"
		     " ?, ?, ?) ON CONFLICT (task_id, unit_id, period) DO UPDATE SET"
		     " status = excluded.status, text = excluded.text,"
		     " submitted_at = excluded.submitted_at",
		     &ins, err)))
		goto out;
	if ((rc = qc_store_begin(s, err)))
		goto out;
	for (size_t k = 0; !rc && k < nd; k++) {
		int per = !strcmp(du[k].kind, "monthly")   ? 12 :
			  !strcmp(du[k].kind, "half_year") ? 2 :
							     1;
		for (int yr = first_year; !rc && yr <= last_year; yr++)
			for (int i = 1; !rc && i <= per; i++) {
				char period[16], end[16];
				if (per == 12)
					snprintf(period, sizeof(period),
						 "%04d-%02d", yr % 10000, i);
				else if (per == 2)
					snprintf(period, sizeof(period),
						 "%04d-H%d", yr % 10000, i);
				else
					snprintf(period, sizeof(period), "%04d",
						 yr % 10000);
				qc_report_deadline(period, 0, end, sizeof(end));
				if (strcmp(end, today) >= 0)
					continue; /* not ended yet */
				for (size_t u = 0; !rc && u < nw; u++) {
					double x = qc_rng_uniform(&r, 0, 1);
					if (x < 0.08)
						continue; /* missing */
					int days =
						x < 0.20 ?
							(int)qc_rng_uniform(&r,
									    1,
									    30) :
							-(int)qc_rng_uniform(
								&r, 0,
								du[k].grace);
					date_after(period, du[k].grace, days,
						   at, sizeof(at));
					if (strcmp(at, today) > 0)
						continue; /* would come later */
					rc = report(s, ins, &w[u], period,
						    qc_rng_uniform(&r, 0, 1) <
								    0.2 ?
							    "done" :
							    "in_progress",
						    at, actor, err);
					(*count)++;
				}
			}
	}
	if (rc)
		qc_store_rollback(s);
	else
		rc = qc_store_commit(s, err);
out:
	qc_stmt_free(st);
	qc_stmt_free(ins);
	for (size_t i = 0; i < nw; i++)
		free(w[i].name);
	free(w);
	free(du);
	return rc;
}

enum qc_rc qc_engine_demo_scores(struct qc_store *s, long long plan_id,
				 int year, unsigned long seed,
				 const char *actor, size_t *count,
				 struct qc_error *err)
{
	static const char *const evidence[] = {
		"年度工作总结及佐证材料",
		"宣传活动照片和新闻报道",
		"会议纪要和文件",
		"培训签到表和课件",
	};
	struct qc_rng r;
	struct qc_assessment a;
	struct qc_scheme sc;
	struct qc_stmt *st;
	enum qc_rc rc;
	bool found = false;

	*count = 0;
	qc_rng_seed(&r, seed, 12);
	memset(&sc, 0, sizeof(sc));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT body FROM assessment_schemes"
				  " WHERE plan_id = ? AND year = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	qc_stmt_bind_int(st, 2, year);
	if (qc_stmt_next(st, err) == QC_ROW) {
		const char *b = qc_stmt_text(st, 0);
		found = true;
		rc = qc_scheme_from_json(&sc, b, strlen(b), err);
	}
	qc_stmt_free(st);
	if (rc || !found) {
		qc_scheme_release(&sc);
		return rc;
	}
	/* The subjects are whoever the assessment scores. */
	if ((rc = qc_assess(s, plan_id, year, &sc, &a, err)))
		goto out;
	if ((rc = qc_store_begin(s, err)))
		goto done;
	for (size_t k = 0; !rc && k < sc.n_items; k++) {
		const struct qc_scheme_item *it = &sc.items[k];
		if (it->kind != QC_ITEM_MANUAL)
			continue;
		for (size_t i = 0; !rc && i < a.n; i++) {
			const struct qc_assess_subject *sub = &a.v[i];
			const char *who = sub->is_region ? sub->code :
							   sub->name;
			if (sub->is_region ? !it->regions : !it->units)
				continue;
			double self = (int)qc_rng_uniform(&r, it->points * 0.6,
							  it->points + 1);
			rc = qc_assess_record(s, plan_id, year, it->key, who,
					      "self", self,
					      evidence[(int)qc_rng_uniform(&r, 0,
									   4)],
					      NULL, actor, err);
			(*count)++;
			if (rc || qc_rng_uniform(&r, 0, 1) < 1.0 / 3)
				continue;
			double cut = (int)qc_rng_uniform(&r, 0, 3);
			rc = qc_assess_record(s, plan_id, year, it->key, who,
					      "verified",
					      self > cut ? self - cut : 0, NULL,
					      cut ? "材料不全, 核减" :
						    "核实无误",
					      actor, err);
			(*count)++;
		}
	}
	if (rc)
		qc_store_rollback(s);
	else
		rc = qc_store_commit(s, err);
done:
	qc_assessment_release(&a);
out:
	qc_scheme_release(&sc);
	return rc;
}
