/* Reading stored plans back into struct qc_plan, and listing them. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/model.h"
#include "qcity/plan_store.h"
#include "qcity/store.h"
#include "banned.h"

static void dup_col(struct qc_stmt *st, int col, char **out)
{
	qc_set_str(out, qc_stmt_text(st, col));
}

static int int_col(struct qc_stmt *st, int col)
{
	return qc_stmt_is_null(st, col) ? 0 : (int)qc_stmt_int(st, col);
}

/* Run a statement bound to one id, calling row() for each result row. */
static enum qc_rc each_row(struct qc_store *s, const char *sql, int64_t id,
			   void (*row)(struct qc_stmt *, void *), void *ctx,
			   struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		row(st, ctx);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static void head_row(struct qc_stmt *st, void *ctx)
{
	struct qc_plan *p = ctx;
	p->id = qc_stmt_int(st, 0);
	dup_col(st, 1, &p->title);
	dup_col(st, 2, &p->doc_number);
	dup_col(st, 3, &p->issuer);
	dup_col(st, 4, &p->issue_date);
	dup_col(st, 5, &p->region_code);
	dup_col(st, 6, &p->region_name);
	p->period_start = int_col(st, 7);
	p->period_end = int_col(st, 8);
	dup_col(st, 9, &p->parent);
	dup_col(st, 10, &p->status);
	dup_col(st, 11, &p->source);
	dup_col(st, 12, &p->group.name);
	dup_col(st, 13, &p->group.leader);
	dup_col(st, 14, &p->group.office_host);
	p->group.line = int_col(st, 15);
}

static void goal_row(struct qc_stmt *st, void *ctx)
{
	struct qc_goal *g = qc_plan_add_goal(ctx);
	dup_col(st, 0, &g->key);
	dup_col(st, 1, &g->domain);
	dup_col(st, 2, &g->name);
	g->line = int_col(st, 3);
}

static void phase_row(struct qc_stmt *st, void *ctx)
{
	struct qc_phase *ph = qc_plan_add_phase(ctx);
	dup_col(st, 0, &ph->key);
	dup_col(st, 1, &ph->name);
	dup_col(st, 2, &ph->start);
	dup_col(st, 3, &ph->end);
	ph->line = int_col(st, 4);
}

/* Owners come joined to their target or task, ordered by it; the last
 * column is the owning row's sequence number. */
struct owner_ctx {
	struct qc_plan *p;
	bool tasks;
};

static void owner_row(struct qc_stmt *st, void *ctx)
{
	struct owner_ctx *oc = ctx;
	size_t seq = (size_t)qc_stmt_int(st, 3);
	enum qc_role role = QC_ROLE_LEAD;
	struct qc_owner_list *l;

	if (oc->tasks ? seq >= oc->p->n_tasks : seq >= oc->p->n_targets)
		return;
	l = oc->tasks ? &oc->p->tasks[seq].owners : &oc->p->targets[seq].owners;
	qc_role_parse(qc_stmt_text(st, 2), &role);
	qc_owner_list_add(l, qc_stmt_text(st, 0), qc_stmt_text(st, 1), role);
}

static void target_row(struct qc_stmt *st, void *ctx)
{
	struct qc_target *t = qc_plan_add_target(ctx);
	const char *ref = qc_stmt_text(st, 9);
	dup_col(st, 0, &t->goal);
	dup_col(st, 1, &t->indicator);
	dup_col(st, 2, &t->canonical);
	qc_op_parse(qc_stmt_text(st, 3), &t->op);
	if ((t->has_value = !qc_stmt_is_null(st, 4)))
		t->value = qc_stmt_double(st, 4);
	if ((t->has_value_max = !qc_stmt_is_null(st, 5)))
		t->value_max = qc_stmt_double(st, 5);
	dup_col(st, 6, &t->unit);
	t->baseline_year = int_col(st, 7);
	t->year = int_col(st, 8);
	t->baseline_previous = ref && !strcmp(ref, "previous_year");
	t->line = int_col(st, 10);
	dup_col(st, 11, &t->text);
	dup_col(st, 12, &t->key);
}

/* Units joined with 、 back into owners of one role. */
static void split_owners(struct qc_owner_list *l, const char *joined,
			 enum qc_role role)
{
	const char *sep = "、";
	while (joined && *joined) {
		const char *end = strstr(joined, sep);
		size_t n = end ? (size_t)(end - joined) : strlen(joined);
		char *u = qc_xstrndup(joined, n);
		if (*u)
			qc_owner_list_add(l, u, u, role);
		free(u);
		joined = end ? end + strlen(sep) : joined + n;
	}
}

/* Parts come ordered by their target's sequence number (column 8). */
static void part_row(struct qc_stmt *st, void *ctx)
{
	struct qc_plan *p = ctx;
	size_t seq = (size_t)qc_stmt_int(st, 8);
	struct qc_target_part *q;

	if (seq >= p->n_targets)
		return;
	q = qc_target_add_part(&p->targets[seq]);
	dup_col(st, 0, &q->region);
	dup_col(st, 1, &q->region_name);
	qc_op_parse(qc_stmt_text(st, 2), &q->op);
	if ((q->has_value = !qc_stmt_is_null(st, 3)))
		q->value = qc_stmt_double(st, 3);
	if ((q->has_value_max = !qc_stmt_is_null(st, 4)))
		q->value_max = qc_stmt_double(st, 4);
	q->year = int_col(st, 5);
	split_owners(&q->owners, qc_stmt_text(st, 6), QC_ROLE_LEAD);
	split_owners(&q->owners, qc_stmt_text(st, 7), QC_ROLE_CO);
}

static void task_row(struct qc_stmt *st, void *ctx)
{
	struct qc_task *t = qc_plan_add_task(ctx);
	dup_col(st, 0, &t->key);
	dup_col(st, 1, &t->parent);
	dup_col(st, 2, &t->number);
	dup_col(st, 3, &t->title);
	dup_col(st, 4, &t->text);
	dup_col(st, 5, &t->due);
	dup_col(st, 6, &t->phase);
	t->line = int_col(st, 7);
	qc_task_kind_parse(qc_stmt_text(st, 8), &t->kind);
}

static void duty_row(struct qc_stmt *st, void *ctx)
{
	struct qc_duty *d = qc_plan_add_duty(ctx);
	qc_report_kind_parse(qc_stmt_text(st, 0), &d->kind);
	d->grace_days = int_col(st, 1);
	dup_col(st, 2, &d->text);
	d->line = int_col(st, 3);
}

static void rule_row(struct qc_stmt *st, void *ctx)
{
	struct qc_rule *r = qc_plan_add_rule(ctx);
	dup_col(st, 0, &r->text);
	r->line = int_col(st, 1);
}

static void member_row(struct qc_stmt *st, void *ctx)
{
	struct qc_plan *p = ctx;
	qc_group_add_member(&p->group, qc_stmt_text(st, 0));
}

enum qc_rc qc_plan_load(struct qc_store *s, long long id, struct qc_plan *p,
			struct qc_error *err)
{
	struct owner_ctx targets = { p, false }, tasks = { p, true };
	enum qc_rc rc;

	qc_plan_init(p);
	rc = each_row(s,
		      "SELECT id, title, doc_number, issuer, issue_date,"
		      " region_code, region_name, period_start, period_end,"
		      " parent_ref, status, source, group_name, group_leader,"
		      " office_host, group_line FROM plans WHERE id = ?",
		      id, head_row, p, err);
	if (rc)
		return rc;
	if (!p->id)
		return qc_error_set(err, QC_ENOTFOUND,
				    "no plan %lld (see "
				    "`qcity plan list`)",
				    id);
	if ((rc = each_row(s,
			   "SELECT key, domain, name, line FROM goals"
			   " WHERE plan_id = ? ORDER BY seq",
			   id, goal_row, p, err)) ||
	    (rc = each_row(s,
			   "SELECT key, name, start_date, end_date, line"
			   " FROM phases WHERE plan_id = ? ORDER BY seq",
			   id, phase_row, p, err)) ||
	    (rc = each_row(s,
			   "SELECT g.key, t.indicator_text,"
			   " c.name, t.op,"
			   " t.value, t.value_max, t.unit, t.baseline_year,"
			   " t.due_year, t.baseline_ref, t.line, t.text,"
			   " t.key FROM targets t JOIN indicators i ON"
			   " i.id = t.indicator_id LEFT JOIN indicators c ON"
			   " c.id = i.catalog_id LEFT JOIN goals g ON"
			   " g.id = t.goal_id WHERE t.plan_id = ?"
			   " ORDER BY t.seq",
			   id, target_row, p, err)) ||
	    (rc = each_row(s,
			   "SELECT o.written, o.unit_name, o.role, t.seq"
			   " FROM target_owners o JOIN targets t ON"
			   " t.id = o.target_id WHERE t.plan_id = ?"
			   " ORDER BY t.seq, o.seq",
			   id, owner_row, &targets, err)) ||
	    (rc = each_row(s,
			   "SELECT q.region_code, r.name, q.op, q.value,"
			   " q.value_max, q.due_year, q.lead, q.co, t.seq"
			   " FROM target_parts q JOIN targets t ON"
			   " t.id = q.target_id LEFT JOIN regions r ON"
			   " r.code = q.region_code WHERE t.plan_id = ?"
			   " ORDER BY t.seq, q.seq",
			   id, part_row, p, err)) ||
	    (rc = each_row(s,
			   "SELECT t.key, p.key, t.number, t.title, t.text,"
			   " t.due_date, ph.key, t.line, t.kind FROM tasks t"
			   " LEFT JOIN tasks p ON p.id = t.parent_id"
			   " LEFT JOIN phases ph ON ph.id = t.phase_id"
			   " WHERE t.plan_id = ? ORDER BY t.seq",
			   id, task_row, p, err)) ||
	    (rc = each_row(s,
			   "SELECT o.written, o.unit_name, o.role, t.seq"
			   " FROM task_owners o JOIN tasks t ON"
			   " t.id = o.task_id WHERE t.plan_id = ?"
			   " ORDER BY t.seq, o.seq",
			   id, owner_row, &tasks, err)) ||
	    (rc = each_row(s,
			   "SELECT kind, grace_days, text, line FROM"
			   " report_duties WHERE plan_id = ? ORDER BY seq",
			   id, duty_row, p, err)) ||
	    (rc = each_row(s,
			   "SELECT text, line FROM assessment_rules WHERE"
			   " plan_id = ? ORDER BY seq",
			   id, rule_row, p, err)) ||
	    (rc = each_row(s,
			   "SELECT written FROM plan_members WHERE"
			   " plan_id = ? ORDER BY seq",
			   id, member_row, p, err)))
		return rc;
	return QC_OK;
}

enum qc_rc qc_plan_list(struct qc_store *s, struct qc_plan_summary_list *out,
			struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_prepare(s,
			     "SELECT p.id, p.title, p.doc_number,"
			     " p.region_code, COALESCE(r.name, p.region_name),"
			     " p.status, p.period_start, p.period_end,"
			     " (SELECT COUNT(*) FROM targets t WHERE"
			     "  t.plan_id = p.id),"
			     " (SELECT COUNT(*) FROM tasks k WHERE"
			     "  k.plan_id = p.id AND k.kind = 'item')"
			     " FROM plans p LEFT JOIN regions r ON"
			     " r.code = p.region_code ORDER BY p.id",
			     &st, err);
	if (rc)
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_plan_summary *e = &out->v[out->n++];
		memset(e, 0, sizeof(*e));
		e->id = qc_stmt_int(st, 0);
		dup_col(st, 1, &e->title);
		dup_col(st, 2, &e->doc_number);
		dup_col(st, 3, &e->region_code);
		dup_col(st, 4, &e->region_name);
		dup_col(st, 5, &e->status);
		e->period_start = int_col(st, 6);
		e->period_end = int_col(st, 7);
		e->n_targets = int_col(st, 8);
		e->n_tasks = int_col(st, 9);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

void qc_plan_summary_list_release(struct qc_plan_summary_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct qc_plan_summary *e = &l->v[i];
		free(e->title);
		free(e->doc_number);
		free(e->region_code);
		free(e->region_name);
		free(e->status);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

enum qc_rc qc_plan_set_status(struct qc_store *s, long long id,
			      const char *status, const char *actor,
			      struct qc_error *err)
{
	struct qc_plan_summary_list all;
	struct qc_stmt *st = NULL;
	char key[32], before[64], after[64];
	const char *old = NULL;
	enum qc_rc rc;

	if (!status || (strcmp(status, "draft") && strcmp(status, "active") &&
			strcmp(status, "archived")))
		return qc_error_set(err, QC_EINVAL,
				    "status: '%s' is not draft,"
				    " active or archived",
				    status ? status : "");
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_plan_list(s, &all, err)))
		goto out;
	for (size_t i = 0; i < all.n; i++)
		if (all.v[i].id == id)
			old = all.v[i].status;
	if (!old) {
		rc = qc_error_set(err, QC_ENOTFOUND, "no plan %lld", id);
		goto out;
	}
	rc = qc_stmt_prepare(s, "UPDATE plans SET status = ? WHERE id = ?", &st,
			     err);
	if (rc)
		goto out;
	qc_stmt_bind_text(st, 1, status);
	qc_stmt_bind_int(st, 2, id);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld", id);
	snprintf(before, sizeof(before), "{\"status\":\"%s\"}", old);
	snprintf(after, sizeof(after), "{\"status\":\"%s\"}", status);
	rc = qc_audit_add(s, actor, "update", "plan", key, before, after, err);
out:
	qc_stmt_free(st);
	qc_plan_summary_list_release(&all);
	return qc_store_end(s, rc, err);
}
