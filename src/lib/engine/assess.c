/* The annual assessment: every applicable item of the scheme scored for
 * every unit and lower region, with its reason; scores, grades, ranks and
 * the honours lists. docs/assessment-scheme.md has the rules and a worked
 * example the unit tests reproduce. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "qcity/alloc.h"
#include "qcity/assess.h"
#include "qcity/i18n.h"
#include "qcity/model.h"
#include "qcity/reporting.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "qcity/supervision.h"
#include "engine_int.h"
#include "banned.h"

struct recorded {
	char *item, *subject, *step, *evidence, *reason;
	double points;
};

struct actx {
	struct qc_store *s;
	const struct qc_scheme *sc;
	struct qc_plan_data *d;
	struct qc_reporting rep;
	struct qc_task_list tasks;
	struct recorded *rec;
	size_t n_rec, a_rec;
	struct qc_acc_list acc; /* accountability records of the year */
	int year;
};

/* The stored scheme for (plan, year), parsed; *found false if none. */
static enum qc_rc stored_scheme(struct qc_store *s, long long plan, int year,
				struct qc_scheme *sc, int64_t *id, bool *found,
				struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	*found = false;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT id, body FROM assessment_schemes"
				  " WHERE plan_id = ? AND year = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan);
	qc_stmt_bind_int(st, 2, year);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW) {
		const char *body = qc_stmt_text(st, 1);
		*id = qc_stmt_int(st, 0);
		*found = true;
		rc = qc_scheme_from_json(sc, body, strlen(body), err);
	} else {
		rc = qc_step_rc(r);
	}
	qc_stmt_free(st);
	return rc;
}

static enum qc_rc load_recorded(struct actx *c, int64_t scheme,
				struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_stmt_prepare(c->s,
				  "SELECT item_key, subject, step,"
				  " points, evidence, reason FROM"
				  " assessment_scores WHERE scheme_id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, scheme);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(c->rec, c->n_rec + 1, c->a_rec);
		struct recorded *x = &c->rec[c->n_rec++];
		x->item = qc_xstrdup(qc_stmt_text(st, 0));
		x->subject = qc_xstrdup(qc_stmt_text(st, 1));
		x->step = qc_xstrdup(qc_stmt_text(st, 2));
		x->points = qc_stmt_double(st, 3);
		x->evidence = qc_xstrdup(qc_stmt_text(st, 4));
		x->reason = qc_xstrdup(qc_stmt_text(st, 5));
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* The latest step recorded for (item, subject), or only `want`. */
static const struct recorded *recorded(const struct actx *c, const char *item,
				       const char *subject, const char *want)
{
	static const char *const order[] = { "final", "verified", "self" };
	for (size_t k = 0; k < 3; k++) {
		if (want && strcmp(want, order[k]))
			continue;
		for (size_t i = 0; i < c->n_rec; i++)
			if (!strcmp(c->rec[i].item, item) &&
			    !strcmp(c->rec[i].subject, subject) &&
			    !strcmp(c->rec[i].step, order[k]))
				return &c->rec[i];
	}
	return NULL;
}

static ssize_t target_index(const struct qc_plan_data *d, const char *name)
{
	for (size_t i = 0; name && i < d->n_targets; i++)
		if (!strcmp(d->targets[i].t.indicator, name))
			return (ssize_t)i;
	return -1;
}

static bool owns(const struct eng_target *e, const char *unit)
{
	for (size_t k = 0; k < e->n_owners; k++)
		if (!strcmp(e->owner_names[k], unit))
			return true;
	return false;
}

/* Points of the series up to the end of `year`. */
static size_t upto_year(const struct qc_plan_data *d,
			const struct eng_target *e, const char *region,
			int year)
{
	const struct eng_series *se = qc_eng_series_find(d, e->indicator_id,
							 region);
	size_t n = 0;
	while (se && n < se->n && se->pts[n].t <= year + 1e-9)
		n++;
	return n;
}

/* What was counted in `year` (things won, events): the year's own value,
 * else the sum of its shorter periods. */
static double in_year(const struct qc_plan_data *d, const struct eng_target *e,
		      const char *region, int year)
{
	const struct eng_series *se = qc_eng_series_find(d, e->indicator_id,
							 region);
	double sum = 0;
	for (size_t i = 0; se && i < se->n; i++) {
		if ((int)ceil(se->pts[i].t - 1e-9) != year)
			continue;
		if (se->pts[i].months == 12)
			return se->pts[i].v;
		sum += se->pts[i].v;
	}
	return sum;
}

static void line_add(struct qc_assess_subject *sub,
		     const struct qc_scheme_item *it, double points, double max,
		     const char *source, const char *reason)
{
	QC_GROW(sub->lines, sub->n_lines + 1, sub->alloc_lines);
	struct qc_assess_line *l = &sub->lines[sub->n_lines++];
	l->item = qc_xstrdup(it->key);
	l->name = qc_xstrdup(it->name);
	l->kind = it->kind;
	l->points = points;
	l->max = max;
	l->source = qc_xstrdup(source);
	l->reason = qc_xstrdup(reason);
}

static void score_target(const struct actx *c, const struct qc_scheme_item *it,
			 const struct eng_target *e, size_t ti,
			 const char *region, struct qc_assess_subject *sub)
{
	struct qc_progress_result r;
	char why[320];
	double pts = 0;

	qc_eng_eval(c->d, ti, region, upto_year(c->d, e, region, c->year), &r);
	/* A target without a level (提高 alone) is fulfilled by at least
	 * moderate progress on the plan's trend thresholds: it has nothing
	 * to meet (docs/assessment-scheme.md). */
	bool done = r.status == QC_PROGRESS_MET ||
		    (e->spec.trend_only &&
		     (r.status == QC_PROGRESS_ON_TRACK ||
		      r.status == QC_PROGRESS_ACCELERATION));
	if (done) {
		pts = it->points;
	} else if (it->rule == QC_RULE_PARTIAL && r.has_current) {
		double f = (r.current - it->zero_at) /
			   (it->full_at - it->zero_at);
		pts = it->points * fmin(1, fmax(0, f));
	}
	if (it->rule == QC_RULE_PARTIAL && !done && r.has_current)
		snprintf(why, sizeof(why),
			 _("%s %d: %.12g, between %.12g (0) and %.12g "
			   "(full) gives %.2f; %s"),
			 e->t.indicator, c->year, r.current, it->zero_at,
			 it->full_at, pts, qc_progress_label(r.status));
	else
		snprintf(why, sizeof(why), _("%s %d: %s — %s"), e->t.indicator,
			 c->year, qc_progress_label(r.status), r.reason);
	line_add(sub, it, pts, it->points, "computed", why);
}

static void score_reporting(const struct actx *c,
			    const struct qc_scheme_item *it,
			    struct qc_assess_subject *sub)
{
	int cnt[QC_REPORT__STATES] = { 0 }, due = 0;
	char why[320];

	for (size_t i = 0; i < c->rep.n_units; i++) {
		const struct qc_unit_reporting *u = &c->rep.units[i];
		if (strcmp(u->unit, sub->name))
			continue;
		for (int k = 0; k < QC_REPORT__STATES; k++)
			cnt[k] += u->count[k];
		due += u->due;
	}
	double minus = it->per_late * cnt[QC_REPORT_LATE] +
		       it->per_missing * cnt[QC_REPORT_MISSING];
	double pts = fmax(0, it->points - minus);
	snprintf(why, sizeof(why),
		 _("%d: %d reports due, %d on time, %d late "
		   "(−%.12g each), %d missing (−%.12g each): %.12g − %.12g"),
		 c->year, due, cnt[QC_REPORT_ON_TIME], cnt[QC_REPORT_LATE],
		 it->per_late, cnt[QC_REPORT_MISSING], it->per_missing,
		 it->points, minus);
	line_add(sub, it, pts, it->points, "computed", why);
}

static bool score_task(const struct actx *c, const struct qc_scheme_item *it,
		       struct qc_assess_subject *sub)
{
	char why[320];
	for (size_t i = 0; i < c->tasks.n; i++) {
		const struct qc_task_status *t = &c->tasks.v[i];
		if (strcmp(t->key, it->task) || !t->unit ||
		    strcmp(t->unit, sub->name))
			continue;
		bool done = t->state == QC_TASK_DONE;
		snprintf(why, sizeof(why),
			 _("task %s %s: %s (last report %s %s)"), t->key,
			 t->title ? t->title : "",
			 qc_label(qc_task_state_name(t->state)),
			 t->last_period ? t->last_period : _("none"),
			 t->last_status ? qc_label(t->last_status) : "");
		line_add(sub, it, done ? it->points : 0, it->points, "computed",
			 why);
		return true;
	}
	return false;
}

static void score_manual(const struct actx *c, const struct qc_scheme_item *it,
			 struct qc_assess_subject *sub, const char *who)
{
	const struct recorded *x = recorded(c, it->key, who, NULL);
	char why[400];
	if (!x) {
		snprintf(why, sizeof(why),
			 _("no score recorded (self-score with "
			   "`qcity assess score`)"));
		line_add(sub, it, 0, it->points, "none", why);
		return;
	}
	snprintf(why, sizeof(why), _("%s%s%s%s%s"), x->reason ? x->reason : "",
		 x->evidence ?
			 (x->reason ? _("; evidence: ") : _("evidence: ")) :
			 "",
		 x->evidence ? x->evidence : "",
		 strcmp(x->step, "self") ? "" :
					   _(" (self-score, not yet "
					     "verified)"),
		 "");
	line_add(sub, it, fmin(x->points, it->points), it->points, x->step,
		 why);
}

/* A deduction for the unit's accountability records of the year, as a
 * line of negative points; no line when it has none. */
static void score_accountability(const struct actx *c,
				 const struct qc_scheme_item *it,
				 struct qc_assess_subject *sub)
{
	int cnt[QC_ACC__KINDS] = { 0 };
	char why[320];
	bool any = false;

	for (size_t i = 0; i < c->acc.n; i++)
		if (!strcmp(c->acc.v[i].unit, sub->name)) {
			cnt[c->acc.v[i].kind]++;
			any = true;
		}
	if (!any)
		return;
	double minus = 0;
	for (int k = 0; k < QC_ACC__KINDS; k++)
		minus += it->per_acc[k] * cnt[k];
	minus = fmin(minus, it->points);
	snprintf(why, sizeof(why),
		 "%d: 约谈 %d 次(−%.12g)、通报批评 %d 次(−%.12g)、"
		 "问责 %d 次(−%.12g),至多扣 %.12g 分:−%.12g",
		 c->year, cnt[QC_ACC_INTERVIEW], it->per_acc[0],
		 cnt[QC_ACC_CRITICISM], it->per_acc[1],
		 cnt[QC_ACC_ACCOUNTABILITY], it->per_acc[2], it->points, minus);
	line_add(sub, it, -minus, 0, "computed", why);
}

/* Every item that applies to one subject. */
static void score_subject(const struct actx *c, struct qc_assess_subject *sub)
{
	const char *region = sub->is_region ? sub->code : c->d->region;
	const char *who = sub->is_region ? sub->code : sub->name;
	char why[320];

	for (size_t k = 0; k < c->sc->n_items; k++) {
		const struct qc_scheme_item *it = &c->sc->items[k];
		ssize_t ti = target_index(c->d, it->target);
		const struct eng_target *e = ti >= 0 ? &c->d->targets[ti] :
						       NULL;
		size_t before = sub->n_lines;
		if (sub->is_region ? !it->regions : !it->units)
			continue;
		if (it->target &&
		    (!e || (!sub->is_region && !owns(e, sub->name))))
			continue;
		switch (it->kind) {
		case QC_ITEM_TARGET:
			/* Target, bonus and veto items score a target:
			 * without one they score nothing. */
			if (e)
				score_target(c, it, e, (size_t)ti, region, sub);
			break;
		case QC_ITEM_REPORTING: score_reporting(c, it, sub); break;
		case QC_ITEM_TASK: score_task(c, it, sub); break;
		case QC_ITEM_MANUAL: score_manual(c, it, sub, who); break;
		case QC_ITEM_BONUS: {
			if (!e)
				break;
			double n = in_year(c->d, e, region, c->year);
			double pts = fmin(it->points, n * it->per_count);
			snprintf(why, sizeof(why),
				 _("%s: %.12g won in %d × %.12g, at "
				   "most %.12g"),
				 e->t.indicator, n, c->year, it->per_count,
				 it->points);
			line_add(sub, it, fmax(0, pts), 0, "computed", why);
			break;
		}
		case QC_ITEM_VETO: {
			if (!e)
				break;
			double n = in_year(c->d, e, region, c->year);
			if (n > 0) {
				sub->vetoed = true;
				snprintf(why, sizeof(why),
					 _("%s: %.12g in %d — 一票否决"
					   ", lowest grade"),
					 e->t.indicator, n, c->year);
			} else {
				snprintf(why, sizeof(why), _("%s: none in %d"),
					 e->t.indicator, c->year);
			}
			line_add(sub, it, 0, 0, "computed", why);
			break;
		}
		case QC_ITEM_ACCOUNTABILITY:
			if (!sub->is_region)
				score_accountability(c, it, sub);
			break;
		case QC_ITEM__KINDS: break;
		}
		/* The office's final word overrides a computed line. */
		const struct recorded *f = recorded(c, it->key, who, "final");
		if (sub->n_lines > before && f && it->kind != QC_ITEM_MANUAL) {
			struct qc_assess_line *l = &sub->lines[sub->n_lines - 1];
			struct qc_buf b = QC_BUF_INIT;
			qc_buf_init(&b, 1024);
			qc_buf_addf(&b, _("%s (computed %.12g: %s)"),
				    f->reason ? f->reason :
						_("set by the office"),
				    l->points, l->reason);
			qc_buf_mark_cut(&b, "…");
			free(l->reason);
			free(l->source);
			l->reason = qc_buf_detach(&b, NULL);
			l->source = qc_xstrdup("final");
			l->points = f->points;
		}
	}
	for (size_t i = 0; i < sub->n_lines; i++) {
		const struct qc_assess_line *l = &sub->lines[i];
		if (l->kind == QC_ITEM_BONUS)
			sub->bonus += l->points;
		else if (l->kind == QC_ITEM_ACCOUNTABILITY)
			sub->deduction -= l->points;
		else
			sub->earned += l->points;
		sub->possible += l->max;
	}
	sub->score = (sub->possible > 0 ? 100 * sub->earned / sub->possible :
					  0) +
		     sub->bonus - sub->deduction;
	snprintf(sub->grade, sizeof(sub->grade), "%s",
		 sub->vetoed ? c->sc->grades[c->sc->n_grades - 1].name :
			       qc_scheme_grade(c->sc, sub->score));
}

/* The units assessed: lead units of the plan's targets and work items
 * (sections are headings). */
static enum qc_rc add_units(struct actx *c, struct qc_assessment *a,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_stmt_prepare(
		     c->s,
		     "SELECT name FROM units WHERE id IN"
		     " (SELECT o.unit_id FROM target_owners o JOIN targets t ON"
		     " t.id = o.target_id WHERE t.plan_id = ? AND o.role = 'lead'"
		     " UNION SELECT o.unit_id FROM task_owners o JOIN tasks t ON"
		     " t.id = o.task_id WHERE t.plan_id = ? AND o.role = 'lead'"
		     " AND t.kind = 'item')"
		     " ORDER BY id",
		     &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, a->plan_id);
	qc_stmt_bind_int(st, 2, a->plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(a->v, a->n + 1, a->alloc);
		struct qc_assess_subject *sub = &a->v[a->n++];
		memset(sub, 0, sizeof(*sub));
		sub->name = qc_xstrdup(qc_stmt_text(st, 0));
	}
	qc_stmt_free(st);
	a->n_units = a->n;
	return qc_step_rc(r);
}

static void add_regions(struct actx *c, struct qc_assessment *a)
{
	for (size_t i = 0; i < c->d->n_regions; i++) {
		struct qc_region reg;
		if (!strcmp(c->d->regions[i], c->d->region))
			continue;
		QC_GROW(a->v, a->n + 1, a->alloc);
		struct qc_assess_subject *sub = &a->v[a->n++];
		memset(sub, 0, sizeof(*sub));
		sub->is_region = true;
		snprintf(sub->code, sizeof(sub->code), "%s", c->d->regions[i]);
		if (qc_region_get(c->s, sub->code, &reg, NULL) == QC_OK) {
			sub->name = reg.name;
			reg.name = NULL;
		} else {
			sub->name = qc_xstrdup(sub->code);
		}
	}
}

static const struct qc_assessment *sort_a;
static int by_score(const void *x, const void *y)
{
	const struct qc_assess_subject *p = &sort_a->v[*(const size_t *)x];
	const struct qc_assess_subject *q = &sort_a->v[*(const size_t *)y];
	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

static void push(size_t **v, size_t *n, size_t i)
{
	*v = qc_xreallocarray(*v, qc_st_add(*n, 1), sizeof(**v));
	(*v)[(*n)++] = i;
}

/* Ranks within [from, to), commendation (the first grade) and criticism
 * (the lowest grade; if nobody has it, the bottom `bottom`, at most a
 * third of the group). */
static void rank_group(struct qc_assessment *a, const struct qc_scheme *sc,
		       size_t from, size_t to)
{
	size_t n = to - from, lowest = 0, *ix;
	const char *first = sc->grades[0].name;
	const char *last = sc->grades[sc->n_grades - 1].name;

	if (!n)
		return;
	ix = qc_xmallocarray(n, sizeof(*ix));
	for (size_t i = 0; i < n; i++)
		ix[i] = from + i;
	sort_a = a;
	qsort(ix, n, sizeof(*ix), by_score);
	for (size_t i = 0; i < n; i++) {
		struct qc_assess_subject *sub = &a->v[ix[i]];
		sub->rank = i && fabs(sub->score - a->v[ix[i - 1]].score) <
						    1e-9 ?
				    a->v[ix[i - 1]].rank :
				    (int)i + 1;
		if (!strcmp(sub->grade, first))
			push(&a->commend, &a->n_commend, ix[i]);
		if (!strcmp(sub->grade, last)) {
			push(&a->criticise, &a->n_criticise, ix[i]);
			lowest++;
		}
	}
	if (!lowest) {
		size_t k = (size_t)(sc->bottom > 0 ? sc->bottom : 0);
		if (k > n / 3)
			k = n / 3;
		for (size_t i = n - k; i < n; i++)
			push(&a->criticise, &a->n_criticise, ix[i]);
	}
	free(ix);
}

enum qc_rc qc_assess(struct qc_store *s, long long plan_id, int year,
		     const struct qc_scheme *scheme, struct qc_assessment *out,
		     struct qc_error *err)
{
	struct actx c = { .s = s, .year = year };
	struct qc_scheme own;
	bool found = false;
	int64_t scheme_id = 0;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	memset(&own, 0, sizeof(own));
	out->plan_id = plan_id;
	out->year = year;
	if ((rc = qc_plan_data_load(s, plan_id, NULL, &c.d, err)) ||
	    (rc = qc_reporting_compute(s, plan_id, year, &c.rep, err)) ||
	    (rc = qc_task_status_list(s, plan_id, &c.tasks, err)) ||
	    (rc = stored_scheme(s, plan_id, year, &own, &scheme_id, &found,
				err)))
		goto out;
	if (scheme) {
		c.sc = scheme;
	} else if (found) {
		c.sc = &own;
	} else {
		qc_eng_scheme_default(&own, c.d, year, &c.tasks);
		c.sc = &own;
		out->default_scheme = true;
	}
	out->scheme = qc_xstrdup(c.sc->title);
	if (found && (rc = load_recorded(&c, scheme_id, err)))
		goto out;
	if ((rc = qc_acc_list(s, 0, year, &c.acc, err)))
		goto out;
	if ((rc = add_units(&c, out, err)))
		goto out;
	add_regions(&c, out);
	for (size_t i = 0; i < out->n; i++)
		score_subject(&c, &out->v[i]);
	rank_group(out, c.sc, 0, out->n_units);
	rank_group(out, c.sc, out->n_units, out->n);
out:
	for (size_t i = 0; i < c.n_rec; i++) {
		free(c.rec[i].item);
		free(c.rec[i].subject);
		free(c.rec[i].step);
		free(c.rec[i].evidence);
		free(c.rec[i].reason);
	}
	free(c.rec);
	qc_acc_list_release(&c.acc);
	qc_scheme_release(&own);
	qc_reporting_release(&c.rep);
	qc_task_list_release(&c.tasks);
	qc_plan_data_free(c.d);
	if (rc)
		qc_assessment_release(out);
	return rc;
}

void qc_assessment_release(struct qc_assessment *a)
{
	for (size_t i = 0; i < a->n; i++) {
		struct qc_assess_subject *sub = &a->v[i];
		for (size_t k = 0; k < sub->n_lines; k++) {
			free(sub->lines[k].item);
			free(sub->lines[k].name);
			free(sub->lines[k].source);
			free(sub->lines[k].reason);
		}
		free(sub->lines);
		free(sub->name);
	}
	free(a->v);
	free(a->scheme);
	free(a->commend);
	free(a->criticise);
	memset(a, 0, sizeof(*a));
}
