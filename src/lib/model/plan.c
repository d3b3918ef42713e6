/* struct qc_plan: lifecycle, enum names, and validation of consistency. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/i18n.h"
#include "qcity/alloc.h"
#include "qcity/model.h"
#include "qcity/names.h"
#include "qcity/plan.h"
#include "qcity/strbuf.h"
#include "banned.h"

static const char *const op_names[QC_OP__COUNT] = {
	">=",      "<=",       "=",        "~",
	"between", "increase", "decrease", "annual_growth",
	"zero",
};

const char *qc_op_name(enum qc_op op)
{
	return (unsigned)op < QC_OP__COUNT ? op_names[op] : "?";
}

bool qc_op_parse(const char *s, enum qc_op *out)
{
	int i = QC_NAME_INDEX(op_names, s);
	if (i >= 0)
		*out = (enum qc_op)i;
	return i >= 0;
}

const char *qc_role_name(enum qc_role r)
{
	return r == QC_ROLE_CO ? "co" : "lead";
}

bool qc_role_parse(const char *s, enum qc_role *out)
{
	if (s && !strcmp(s, "lead"))
		*out = QC_ROLE_LEAD;
	else if (s && !strcmp(s, "co"))
		*out = QC_ROLE_CO;
	else
		return false;
	return true;
}

static const char *const kind_names[QC_REPORT__COUNT] = {
	"monthly",
	"half_year",
	"annual",
};

const char *qc_report_kind_name(enum qc_report_kind k)
{
	return (unsigned)k < QC_REPORT__COUNT ? kind_names[k] : "?";
}

bool qc_report_kind_parse(const char *s, enum qc_report_kind *out)
{
	int i = QC_NAME_INDEX(kind_names, s);
	if (i >= 0)
		*out = (enum qc_report_kind)i;
	return i >= 0;
}

static const char *const task_kinds[] = { "item", "section" };

const char *qc_task_kind_name(enum qc_task_kind k)
{
	return (unsigned)k < 2 ? task_kinds[k] : "?";
}

size_t qc_plan_items(const struct qc_plan *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_tasks; i++)
		n += p->tasks[i].kind == QC_TASK_ITEM;
	return n;
}

bool qc_task_kind_parse(const char *s, enum qc_task_kind *out)
{
	int i = QC_NAME_INDEX(task_kinds, s);
	if (i >= 0)
		*out = (enum qc_task_kind)i;
	return i >= 0;
}

enum qc_rc qc_task_section_refused(long long plan_id, const char *key,
				   struct qc_error *err)
{
	return qc_error_set(err, QC_EINVAL,
			    "task %s of plan %lld is an outline heading "
			    "(section), not a work item: report progress "
			    "on the tasks below it, or make it an item "
			    "with `qcity plan edit %lld task set %s "
			    "--kind item`",
			    key, plan_id, plan_id, key);
}

void qc_set_str(char **field, const char *s)
{
	char *old = *field;
	*field = qc_xstrdup(s);
	free(old);
}

/* An owner without its written name is no owner: nothing reads it and
 * the plan JSON has no way to say it (the importer refuses a null). */
void qc_owner_list_add(struct qc_owner_list *l, const char *written,
		       const char *unit, enum qc_role role)
{
	if (!written)
		return;
	QC_GROW(l->v, l->n + 1, l->alloc);
	struct qc_owner *o = &l->v[l->n++];
	o->written = qc_xstrdup(written);
	o->unit = qc_xstrdup(unit ? unit : written);
	o->role = role;
}

void qc_owner_list_release(struct qc_owner_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].written);
		free(l->v[i].unit);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void qc_plan_init(struct qc_plan *p)
{
	memset(p, 0, sizeof(*p));
}

void qc_group_add_member(struct qc_group *g, const char *unit)
{
	QC_GROW(g->members, g->n_members + 1, g->alloc_members);
	g->members[g->n_members++] = qc_xstrdup(unit);
}

/* Each adder grows its array and hands back a zeroed element. */
#define ADDER(fn, type, arr, n, alloc)               \
	type *fn(struct qc_plan *p)                  \
	{                                            \
		QC_GROW(p->arr, p->n + 1, p->alloc); \
		type *e = &p->arr[p->n++];           \
		memset(e, 0, sizeof(*e));            \
		return e;                            \
	}

ADDER(qc_plan_add_goal, struct qc_goal, goals, n_goals, alloc_goals)
ADDER(qc_plan_add_target, struct qc_target, targets, n_targets, alloc_targets)
ADDER(qc_plan_add_task, struct qc_task, tasks, n_tasks, alloc_tasks)
ADDER(qc_plan_add_phase, struct qc_phase, phases, n_phases, alloc_phases)
ADDER(qc_plan_add_duty, struct qc_duty, duties, n_duties, alloc_duties)
ADDER(qc_plan_add_rule, struct qc_rule, rules, n_rules, alloc_rules)

struct qc_target_part *qc_target_add_part(struct qc_target *t)
{
	QC_GROW(t->parts, t->n_parts + 1, t->alloc_parts);
	struct qc_target_part *part = &t->parts[t->n_parts++];
	memset(part, 0, sizeof(*part));
	part->op = t->op;
	return part;
}

void qc_target_part_release(struct qc_target_part *part)
{
	free(part->region);
	free(part->region_name);
	qc_owner_list_release(&part->owners);
}

void qc_plan_release(struct qc_plan *p)
{
	char **strs[] = { &p->title,        &p->doc_number,
			  &p->issuer,       &p->issue_date,
			  &p->region_code,  &p->region_name,
			  &p->parent,       &p->status,
			  &p->source,       &p->group.name,
			  &p->group.leader, &p->group.office_host };
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		free(*strs[i]);
	for (size_t i = 0; i < p->n_goals; i++) {
		free(p->goals[i].key);
		free(p->goals[i].domain);
		free(p->goals[i].name);
	}
	for (size_t i = 0; i < p->n_targets; i++) {
		struct qc_target *t = &p->targets[i];
		free(t->key);
		free(t->goal);
		free(t->indicator);
		free(t->canonical);
		free(t->unit);
		free(t->text);
		qc_owner_list_release(&t->owners);
		for (size_t k = 0; k < t->n_parts; k++)
			qc_target_part_release(&t->parts[k]);
		free(t->parts);
	}
	for (size_t i = 0; i < p->n_tasks; i++) {
		struct qc_task *t = &p->tasks[i];
		free(t->key);
		free(t->parent);
		free(t->number);
		free(t->title);
		free(t->text);
		free(t->due);
		free(t->phase);
		qc_owner_list_release(&t->owners);
	}
	for (size_t i = 0; i < p->n_phases; i++) {
		free(p->phases[i].key);
		free(p->phases[i].name);
		free(p->phases[i].start);
		free(p->phases[i].end);
	}
	for (size_t i = 0; i < p->n_duties; i++)
		free(p->duties[i].text);
	for (size_t i = 0; i < p->n_rules; i++)
		free(p->rules[i].text);
	for (size_t i = 0; i < p->group.n_members; i++)
		free(p->group.members[i]);
	free(p->group.members);
	free(p->goals);
	free(p->targets);
	free(p->tasks);
	free(p->phases);
	free(p->duties);
	free(p->rules);
	qc_plan_init(p);
}

/* YYYY-MM-DD with a real month and day. */
static bool valid_date(const char *s)
{
	int y, m, d, n = 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };
	if (strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return false;
	if (y < 1949 || y > 2200 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100) || y % 400 == 0))
		return false;
	return true;
}

static bool valid_year(int y)
{
	return y == 0 || (y >= 1949 && y <= 2200);
}

static bool goal_exists(const struct qc_plan *p, const char *key)
{
	for (size_t i = 0; i < p->n_goals; i++)
		if (p->goals[i].key && !strcmp(p->goals[i].key, key))
			return true;
	return false;
}

static bool phase_exists(const struct qc_plan *p, const char *key)
{
	for (size_t i = 0; i < p->n_phases; i++)
		if (p->phases[i].key && !strcmp(p->phases[i].key, key))
			return true;
	return false;
}

static enum qc_rc check_target(const struct qc_plan *p, size_t i,
			       struct qc_error *err)
{
	const struct qc_target *t = &p->targets[i];

	if (!t->indicator || !*t->indicator)
		return qc_error_set(err, QC_EINVAL,
				    "targets[%zu].indicator: "
				    "missing",
				    i);
	/* 提高/下降 without a number set a direction only: the engine judges
	 * their trend (docs/progress-method.md §2). */
	if (t->op != QC_OP_ZERO && t->op != QC_OP_INCREASE &&
	    t->op != QC_OP_DECREASE && !t->has_value)
		return qc_error_set(err, QC_EINVAL,
				    "targets[%zu].value: "
				    "missing (op '%s' needs a number)",
				    i, qc_op_name(t->op));
	if (t->has_value && !isfinite(t->value))
		return qc_error_set(err, QC_EINVAL,
				    "targets[%zu].value: not a "
				    "finite number",
				    i);
	if (t->op == QC_OP_BETWEEN) {
		if (!t->has_value_max)
			return qc_error_set(err, QC_EINVAL,
					    "targets[%zu]."
					    "value_max: missing (op 'between' "
					    "needs a range)",
					    i);
		if (!isfinite(t->value_max) || t->value_max < t->value)
			return qc_error_set(err, QC_EINVAL,
					    "targets[%zu]."
					    "value_max: %.12g is below value %.12g",
					    i, t->value_max, t->value);
	} else if (t->has_value_max) {
		return qc_error_set(err, QC_EINVAL,
				    "targets[%zu].value_max: "
				    "only op 'between' takes a range",
				    i);
	}
	if (!valid_year(t->year))
		return qc_error_set(err, QC_EINVAL,
				    "targets[%zu].year: %d is "
				    "not a plausible year",
				    i, t->year);
	if (!valid_year(t->baseline_year))
		return qc_error_set(err, QC_EINVAL,
				    "targets[%zu].baseline: "
				    "year %d is not plausible",
				    i, t->baseline_year);
	if (t->key && !*t->key)
		return qc_error_set(err, QC_EINVAL, "targets[%zu].key: empty",
				    i);
	for (size_t k = 0; t->key && k < i; k++)
		if (p->targets[k].key && !strcmp(p->targets[k].key, t->key))
			return qc_error_set(err, QC_EINVAL,
					    "targets[%zu].key: "
					    "'%s' is also targets[%zu]'s",
					    i, t->key, k);
	if (t->goal && !goal_exists(p, t->goal))
		return qc_error_set(err, QC_EINVAL,
				    "targets[%zu].goal: no goal "
				    "with key '%s'",
				    i, t->goal);
	for (size_t k = 0; k < t->owners.n; k++)
		if (!t->owners.v[k].written || !*t->owners.v[k].written)
			return qc_error_set(err, QC_EINVAL,
					    "targets[%zu]."
					    "owners[%zu]: empty name",
					    i, k);
	for (size_t k = 0; k < t->n_parts; k++) {
		const struct qc_target_part *q = &t->parts[k];
		if (!q->region && !q->year)
			return qc_error_set(err, QC_EINVAL,
					    "targets[%zu].parts"
					    "[%zu]: name a region or a year",
					    i, k);
		if (q->op != QC_OP_ZERO &&
		    (!q->has_value || !isfinite(q->value)))
			return qc_error_set(err, QC_EINVAL,
					    "targets[%zu].parts"
					    "[%zu].value: missing (op '%s' "
					    "needs a number)",
					    i, k, qc_op_name(q->op));
		if ((q->op == QC_OP_BETWEEN) != q->has_value_max)
			return qc_error_set(err, QC_EINVAL,
					    "targets[%zu].parts"
					    "[%zu].value_max: only op 'between'"
					    " takes (and needs) a range",
					    i, k);
		if (!valid_year(q->year))
			return qc_error_set(err, QC_EINVAL,
					    "targets[%zu].parts"
					    "[%zu].year: %d is not a plausible "
					    "year",
					    i, k, q->year);
	}
	return QC_OK;
}

static enum qc_rc check_task(const struct qc_plan *p, size_t i,
			     struct qc_error *err)
{
	const struct qc_task *t = &p->tasks[i];

	if (!t->key || !*t->key)
		return qc_error_set(err, QC_EINVAL, "tasks[%zu].key: missing",
				    i);
	for (size_t j = 0; j < i; j++)
		if (!strcmp(p->tasks[j].key, t->key))
			return qc_error_set(err, QC_EINVAL,
					    "tasks[%zu].key: "
					    "'%s' is used twice",
					    i, t->key);
	/* Parents come first so that import can link them in one pass. */
	if (t->parent) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(p->tasks[j].key, t->parent);
		if (!seen)
			return qc_error_set(err, QC_EINVAL,
					    "tasks[%zu].parent:"
					    " no earlier task with key '%s'",
					    i, t->parent);
	}
	if (t->due && !valid_date(t->due))
		return qc_error_set(err, QC_EINVAL,
				    "tasks[%zu].due: '%s' is "
				    "not a date (YYYY-MM-DD)",
				    i, t->due);
	if (t->phase && !phase_exists(p, t->phase))
		return qc_error_set(err, QC_EINVAL,
				    "tasks[%zu].phase: no phase"
				    " with key '%s'",
				    i, t->phase);
	return QC_OK;
}

enum qc_rc qc_plan_validate(const struct qc_plan *p, struct qc_error *err)
{
	enum qc_rc rc;

	if (!p->title || !*p->title)
		return qc_error_set(err, QC_EINVAL, "plan.title: missing");
	if (p->issue_date && !valid_date(p->issue_date))
		return qc_error_set(err, QC_EINVAL,
				    "plan.issue_date: '%s' is "
				    "not a date (YYYY-MM-DD)",
				    p->issue_date);
	if (p->region_code && !qc_region_code_valid(p->region_code))
		return qc_error_set(err, QC_EINVAL,
				    "plan.region.code: '%s' is "
				    "not a six-digit GB/T 2260 code (nine "
				    "digits for a township)",
				    p->region_code);
	if (!valid_year(p->period_start) || !valid_year(p->period_end) ||
	    (p->period_start && p->period_end &&
	     p->period_end < p->period_start))
		return qc_error_set(err, QC_EINVAL,
				    "plan.period: %d–%d is not "
				    "a plausible span of years",
				    p->period_start, p->period_end);
	if (p->status && strcmp(p->status, "draft") &&
	    strcmp(p->status, "active") && strcmp(p->status, "archived"))
		return qc_error_set(err, QC_EINVAL,
				    "plan.status: '%s' is not "
				    "draft, active or archived",
				    p->status);
	for (size_t i = 0; i < p->n_goals; i++) {
		if (!p->goals[i].key || !p->goals[i].name)
			return qc_error_set(err, QC_EINVAL,
					    "goals[%zu]: key "
					    "and name are required",
					    i);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->goals[j].key, p->goals[i].key))
				return qc_error_set(err, QC_EINVAL,
						    "goals[%zu]"
						    ".key: '%s' is used twice",
						    i, p->goals[i].key);
	}
	for (size_t i = 0; i < p->n_phases; i++) {
		const struct qc_phase *ph = &p->phases[i];
		if (!ph->key || !ph->name)
			return qc_error_set(err, QC_EINVAL,
					    "phases[%zu]: key "
					    "and name are required",
					    i);
		if ((ph->start && !valid_date(ph->start)) ||
		    (ph->end && !valid_date(ph->end)))
			return qc_error_set(err, QC_EINVAL,
					    "phases[%zu]: "
					    "start and end must be dates "
					    "(YYYY-MM-DD)",
					    i);
		if (ph->start && ph->end && strcmp(ph->start, ph->end) > 0)
			return qc_error_set(err, QC_EINVAL,
					    "phases[%zu]: ends "
					    "%s before it starts %s",
					    i, ph->end, ph->start);
	}
	for (size_t i = 0; i < p->n_targets; i++)
		if ((rc = check_target(p, i, err)))
			return rc;
	for (size_t i = 0; i < p->n_tasks; i++)
		if ((rc = check_task(p, i, err)))
			return rc;
	for (size_t i = 0; i < p->n_duties; i++)
		if (p->duties[i].grace_days < 0 ||
		    p->duties[i].grace_days > 366)
			return qc_error_set(err, QC_EINVAL,
					    "reporting[%zu]."
					    "grace_days: %d is outside 0..366",
					    i, p->duties[i].grace_days);
	return QC_OK;
}

/* %.12g drops trailing zeros (98, 48.75), writes 1200000 whole (%g:
 * 1.2e+06) and hides the last bits of arithmetic noise. */
static void add_num(struct qc_buf *out, double v)
{
	qc_buf_addf(out, "%.12g", v);
}

static void add_unit(struct qc_buf *out, const char *unit)
{
	if (!unit || !*unit)
		return;
	if (!strcmp(unit, "ratio")) {
		qc_buf_adds(out, ":1");
		return;
	}
	/* A change of a rate: its unit code (pp) is no word to show. */
	if (!strcmp(unit, "pp")) {
		qc_buf_addch(out, ' ');
		qc_buf_adds(out, _("percentage points"));
		return;
	}
	/* Symbols stick to the number; words and measure words get a space. */
	if (strcmp(unit, "%") && strcmp(unit, "‰"))
		qc_buf_addch(out, ' ');
	qc_buf_adds(out, unit);
}

const char *qc_value_unit(const char *unit)
{
	if (!unit)
		return "";
	unit = qc_stored_unit(unit);
	return strcmp(unit, "ratio") ? unit : "";
}

const char *qc_stored_unit(const char *unit)
{
	return unit && !strcmp(unit, "pp") ? "%" : unit;
}

const char *qc_target_series_unit(enum qc_op op, const char *unit)
{
	bool change = op == QC_OP_INCREASE || op == QC_OP_DECREASE ||
		      op == QC_OP_ANNUAL_GROWTH;
	if (change && unit && !strcmp(unit, "%"))
		return NULL;
	return qc_stored_unit(unit);
}

void qc_target_describe(const struct qc_target *t, struct qc_buf *out)
{
	static const char *const sym[] = {
		[QC_OP_GE] = "≥ ",
		[QC_OP_LE] = "≤ ",
		[QC_OP_EQ] = "= ",
		[QC_OP_ABOUT] = "≈ ",
	};

	switch (t->op) {
	case QC_OP_GE:
	case QC_OP_LE:
	case QC_OP_EQ:
	case QC_OP_ABOUT:
		qc_buf_adds(out, sym[t->op]);
		add_num(out, t->value);
		add_unit(out, t->unit);
		return;
	case QC_OP_BETWEEN:
		add_num(out, t->value);
		qc_buf_adds(out, "–");
		add_num(out, t->value_max);
		add_unit(out, t->unit);
		return;
	case QC_OP_INCREASE:
	case QC_OP_DECREASE:
		if (!t->has_value) {
			qc_buf_adds(out, t->op == QC_OP_INCREASE ?
						 _("up (no "
						   "level set)") :
						 _("down (no level set)"));
			return;
		}
		qc_buf_adds(out, t->op == QC_OP_INCREASE ? "+" : "−");
		add_num(out, t->value);
		add_unit(out, t->unit);
		if (t->baseline_previous)
			qc_buf_adds(out, _(" over the previous year"));
		else if (t->baseline_year)
			qc_buf_addf(out, _(" against %d"), t->baseline_year);
		return;
	case QC_OP_ANNUAL_GROWTH:
		qc_buf_adds(out, _("annual growth ≥ "));
		add_num(out, t->value);
		add_unit(out, t->unit);
		return;
	case QC_OP_ZERO: qc_buf_adds(out, _("no such event")); return;
	case QC_OP__COUNT: break;
	}
}
