/* Versions of a plan: plan JSON snapshots numbered per plan, and the
 * readable difference between two of them. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/plan_edit.h"
#include "qcity/plan_store.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "plan_store_int.h"
#include "banned.h"

static enum qc_rc count_versions(struct qc_store *s, long long plan_id, int *n,
				 struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	rc = qc_stmt_prepare(s,
			     "SELECT COALESCE(MAX(number), 0) FROM"
			     " plan_versions WHERE plan_id = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	r = qc_stmt_next(st, err);
	*n = r == QC_ROW ? (int)qc_stmt_int(st, 0) : 0;
	qc_stmt_free(st);
	return r == QC_ROW ? QC_OK : QC_EDB;
}

enum qc_rc qc_pst_version_record(struct qc_store *s, long long plan_id,
				 const struct qc_plan *p, const char *note,
				 const char *actor, int *number,
				 struct qc_error *err)
{
	struct qc_stmt *st;
	char now[32], *text;
	int n;
	enum qc_rc rc;

	if ((rc = count_versions(s, plan_id, &n, err)))
		return rc;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO plan_versions (plan_id, number,"
			     " at, actor, note, plan_json) VALUES"
			     " (?, ?, ?, ?, ?, ?)",
			     &st, err);
	if (rc)
		return rc;
	qc_now_iso(now, sizeof(now));
	text = qc_plan_to_json(p);
	qc_stmt_bind_int(st, 1, plan_id);
	qc_stmt_bind_int(st, 2, n + 1);
	qc_stmt_bind_text(st, 3, now);
	qc_stmt_bind_text(st, 4, actor ? actor : "");
	qc_stmt_bind_text(st, 5, note && *note ? note : NULL);
	qc_stmt_bind_text(st, 6, text);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	free(text);
	if (!rc && number)
		*number = n + 1;
	return rc;
}

enum qc_rc qc_pst_version_first(struct qc_store *s, long long plan_id,
				const struct qc_plan *p, const char *actor,
				struct qc_error *err)
{
	int n;
	enum qc_rc rc = count_versions(s, plan_id, &n, err);
	if (rc || n)
		return rc;
	return qc_pst_version_record(s, plan_id, p,
				     "as stored before the first "
				     "edit",
				     actor, NULL, err);
}

enum qc_rc qc_plan_version_add(struct qc_store *s, long long plan_id,
			       const char *note, const char *actor, int *number,
			       struct qc_error *err)
{
	struct qc_plan p;
	char key[32];
	int n = 0;
	enum qc_rc rc;

	qc_plan_init(&p);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_plan_load(s, plan_id, &p, err)) ||
	    (rc = qc_pst_version_record(s, plan_id, &p, note, actor, &n, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld", plan_id);
	rc = qc_audit_add_json(s, actor, "version", "plan", key, NULL,
			       qc_xjson_pack("{s:i, s:s?}", "version", n,
					     "note", note),
			       err);
	if (!rc && number)
		*number = n;
out:
	qc_plan_release(&p);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_plan_versions(struct qc_store *s, long long plan_id,
			    struct qc_plan_version_list *out,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_prepare(s,
			     "SELECT number, at, actor, note FROM"
			     " plan_versions WHERE plan_id = ? ORDER BY number",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_plan_version *v = &out->v[out->n++];
		v->number = (int)qc_stmt_int(st, 0);
		v->at = qc_xstrdup(qc_stmt_text(st, 1));
		v->actor = qc_xstrdup(qc_stmt_text(st, 2));
		v->note = qc_stmt_text(st, 3) ?
				  qc_xstrdup(qc_stmt_text(st, 3)) :
				  NULL;
	}
	qc_stmt_free(st);
	return r == QC_DONE ? QC_OK : QC_EDB;
}

void qc_plan_version_list_release(struct qc_plan_version_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].at);
		free(l->v[i].actor);
		free(l->v[i].note);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

enum qc_rc qc_plan_version_load(struct qc_store *s, long long plan_id,
				int number, struct qc_plan *p,
				struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	qc_plan_init(p);
	rc = qc_stmt_prepare(s,
			     "SELECT plan_json FROM plan_versions WHERE"
			     " plan_id = ? AND number = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	qc_stmt_bind_int(st, 2, number);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW) {
		const char *text = qc_stmt_text(st, 0);
		rc = qc_plan_from_json(p, text, strlen(text), err);
		if (rc)
			qc_error_prefix(err, "version %d", number);
		p->id = plan_id;
	} else if (r == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "plan %lld has no version "
				  "%d (see `qcity plan versions %lld`)",
				  plan_id, number, plan_id);
	} else {
		rc = QC_EDB;
	}
	qc_stmt_free(st);
	return rc;
}

/* ---- differences ------------------------------------------------------- */

static void change(struct qc_plan_diff *d, const char *part, const char *how,
		   const char *what, const char *field, const char *before,
		   const char *after)
{
	QC_GROW(d->v, d->n + 1, d->alloc);
	struct qc_plan_change *c = &d->v[d->n++];
	c->part = qc_xstrdup(part);
	c->change = qc_xstrdup(how);
	c->what = qc_xstrdup(what ? what : "");
	c->field = field ? qc_xstrdup(field) : NULL;
	c->before = before && *before ? qc_xstrdup(before) : NULL;
	c->after = after && *after ? qc_xstrdup(after) : NULL;
}

static bool same(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

static void field(struct qc_plan_diff *d, const char *part, const char *what,
		  const char *name, const char *a, const char *b)
{
	if (!same(a, b))
		change(d, part, "changed", what, name, a, b);
}

/* Owners of one role joined with 、 (caller frees). */
static char *owners(const struct qc_owner_list *l, enum qc_role role)
{
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_init(&b, 4096);
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].role == role) {
			if (b.len)
				qc_buf_adds(&b, "、");
			qc_buf_adds(&b, l->v[i].written);
		}
	return qc_buf_detach(&b, NULL);
}

static void owner_fields(struct qc_plan_diff *d, const char *part,
			 const char *what, const struct qc_owner_list *a,
			 const struct qc_owner_list *b)
{
	for (int r = QC_ROLE_LEAD; r <= QC_ROLE_CO; r++) {
		char *x = owners(a, (enum qc_role)r),
		     *y = owners(b, (enum qc_role)r);
		field(d, part, what, qc_role_name((enum qc_role)r), x, y);
		free(x);
		free(y);
	}
}

/* "≥ 65% by 2020" */
static char *requirement(const struct qc_target *t)
{
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_init(&b, 4096);
	qc_target_describe(t, &b);
	if (t->year)
		qc_buf_addf(&b, _(" by %d"), t->year);
	return qc_buf_detach(&b, NULL);
}

/* A target's parts, one readable list: "230902 ≥ 70%; 2019年 ≥ 62%". */
static char *parts_text(const struct qc_target *t)
{
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_init(&b, 8192);
	for (size_t k = 0; k < t->n_parts; k++) {
		const struct qc_target_part *q = &t->parts[k];
		struct qc_target r = *t;
		if (k)
			qc_buf_adds(&b, "; ");
		if (q->region)
			qc_buf_adds(&b, q->region_name ? q->region_name :
							 q->region);
		else
			qc_buf_addf(&b, "%d年", q->year);
		qc_buf_addch(&b, ' ');
		r.op = q->op;
		r.has_value = q->has_value;
		r.value = q->value;
		r.has_value_max = q->has_value_max;
		r.value_max = q->value_max;
		qc_target_describe(&r, &b);
		if (q->region && q->year)
			qc_buf_addf(&b, _(" by %d"), q->year);
		for (size_t o = 0; o < q->owners.n; o++)
			qc_buf_addf(&b, "%s%s", o ? "、" : " (",
				    q->owners.v[o].written);
		if (q->owners.n)
			qc_buf_addch(&b, ')');
	}
	return qc_buf_detach(&b, NULL);
}

/* The position in `in` of the k-th target of indicator name, or n. */
static size_t nth_target(const struct qc_plan *p, const char *name, size_t k)
{
	for (size_t i = 0; i < p->n_targets; i++)
		if (same(p->targets[i].indicator, name) && !k--)
			return i;
	return p->n_targets;
}

static size_t rank(const struct qc_plan *p, size_t i)
{
	size_t k = 0;
	for (size_t j = 0; j < i; j++)
		k += same(p->targets[j].indicator, p->targets[i].indicator);
	return k;
}

/* The target of `to` that is target i of `from`: the one of the same key
 * when both versions carry keys (so a renamed indicator is a change),
 * else the k-th target of the same indicator. to->n_targets if none. */
static size_t counterpart(const struct qc_plan *from, size_t i,
			  const struct qc_plan *to)
{
	const char *key = from->targets[i].key;
	bool keyed = false;
	for (size_t j = 0; key && j < to->n_targets; j++) {
		if (!to->targets[j].key)
			continue;
		keyed = true;
		if (!strcmp(to->targets[j].key, key))
			return j;
	}
	if (keyed)
		return to->n_targets;
	return nth_target(to, from->targets[i].indicator, rank(from, i));
}

static void diff_targets(const struct qc_plan *a, const struct qc_plan *b,
			 struct qc_plan_diff *d)
{
	for (size_t i = 0; i < a->n_targets; i++) {
		const struct qc_target *x = &a->targets[i];
		size_t j = counterpart(a, i, b);
		char *rx = requirement(x);
		if (j == b->n_targets) {
			change(d, "target", "removed", x->indicator, NULL, rx,
			       NULL);
		} else {
			const struct qc_target *y = &b->targets[j];
			char *ry = requirement(y);
			field(d, "target", x->indicator, "indicator",
			      x->indicator, y->indicator);
			field(d, "target", x->indicator, "requirement", rx, ry);
			field(d, "target", x->indicator, "goal", x->goal,
			      y->goal);
			owner_fields(d, "target", x->indicator, &x->owners,
				     &y->owners);
			char *px = parts_text(x), *py = parts_text(y);
			field(d, "target", x->indicator, "parts", px, py);
			free(px);
			free(py);
			free(ry);
		}
		free(rx);
	}
	for (size_t j = 0; j < b->n_targets; j++) {
		const struct qc_target *y = &b->targets[j];
		if (counterpart(b, j, a) == a->n_targets) {
			char *ry = requirement(y);
			change(d, "target", "added", y->indicator, NULL, NULL,
			       ry);
			free(ry);
		}
	}
}

static const struct qc_task *task_by_key(const struct qc_plan *p,
					 const char *key)
{
	for (size_t i = 0; i < p->n_tasks; i++)
		if (same(p->tasks[i].key, key))
			return &p->tasks[i];
	return NULL;
}

static void diff_tasks(const struct qc_plan *a, const struct qc_plan *b,
		       struct qc_plan_diff *d)
{
	for (size_t i = 0; i < a->n_tasks; i++) {
		const struct qc_task *x = &a->tasks[i],
				     *y = task_by_key(b, x->key);
		if (!y) {
			change(d, "task", "removed", x->key, NULL, x->title,
			       NULL);
			continue;
		}
		field(d, "task", x->key, "title", x->title, y->title);
		field(d, "task", x->key, "text", x->text, y->text);
		field(d, "task", x->key, "due", x->due, y->due);
		field(d, "task", x->key, "phase", x->phase, y->phase);
		field(d, "task", x->key, "parent", x->parent, y->parent);
		field(d, "task", x->key, "kind", qc_task_kind_name(x->kind),
		      qc_task_kind_name(y->kind));
		owner_fields(d, "task", x->key, &x->owners, &y->owners);
	}
	for (size_t j = 0; j < b->n_tasks; j++)
		if (!task_by_key(a, b->tasks[j].key))
			change(d, "task", "added", b->tasks[j].key, NULL, NULL,
			       b->tasks[j].title);
}

static void diff_goals_phases(const struct qc_plan *a, const struct qc_plan *b,
			      struct qc_plan_diff *d)
{
	for (size_t i = 0; i < a->n_goals; i++) {
		const struct qc_goal *x = &a->goals[i], *y = NULL;
		for (size_t j = 0; j < b->n_goals && !y; j++)
			if (same(b->goals[j].key, x->key))
				y = &b->goals[j];
		if (!y) {
			change(d, "goal", "removed", x->key, NULL, x->name,
			       NULL);
			continue;
		}
		field(d, "goal", x->key, "name", x->name, y->name);
		field(d, "goal", x->key, "domain", x->domain, y->domain);
	}
	for (size_t j = 0; j < b->n_goals; j++) {
		bool seen = false;
		for (size_t i = 0; i < a->n_goals && !seen; i++)
			seen = same(a->goals[i].key, b->goals[j].key);
		if (!seen)
			change(d, "goal", "added", b->goals[j].key, NULL, NULL,
			       b->goals[j].name);
	}
	for (size_t i = 0; i < a->n_phases; i++) {
		const struct qc_phase *x = &a->phases[i], *y = NULL;
		for (size_t j = 0; j < b->n_phases && !y; j++)
			if (same(b->phases[j].key, x->key))
				y = &b->phases[j];
		if (!y) {
			change(d, "phase", "removed", x->key, NULL, x->name,
			       NULL);
			continue;
		}
		field(d, "phase", x->key, "name", x->name, y->name);
		field(d, "phase", x->key, "start", x->start, y->start);
		field(d, "phase", x->key, "end", x->end, y->end);
	}
	for (size_t j = 0; j < b->n_phases; j++) {
		bool seen = false;
		for (size_t i = 0; i < a->n_phases && !seen; i++)
			seen = same(a->phases[i].key, b->phases[j].key);
		if (!seen)
			change(d, "phase", "added", b->phases[j].key, NULL,
			       NULL, b->phases[j].name);
	}
}

static bool is_member(const struct qc_group *g, const char *name)
{
	for (size_t i = 0; i < g->n_members; i++)
		if (!strcmp(g->members[i], name))
			return true;
	return false;
}

static void diff_rest(const struct qc_plan *a, const struct qc_plan *b,
		      struct qc_plan_diff *d)
{
	char n[24], x[64], y[64];

	for (size_t i = 0; i < a->group.n_members; i++)
		if (!is_member(&b->group, a->group.members[i]))
			change(d, "member", "removed", a->group.members[i],
			       NULL, NULL, NULL);
	for (size_t j = 0; j < b->group.n_members; j++)
		if (!is_member(&a->group, b->group.members[j]))
			change(d, "member", "added", b->group.members[j], NULL,
			       NULL, NULL);
	for (size_t i = 0; i < a->n_duties || i < b->n_duties; i++) {
		const struct qc_duty *p = i < a->n_duties ? &a->duties[i] :
							    NULL,
				     *q = i < b->n_duties ? &b->duties[i] :
							    NULL;
		snprintf(n, sizeof(n), "%zu", i + 1);
		if (p)
			snprintf(x, sizeof(x), "%s, %d days",
				 qc_report_kind_name(p->kind), p->grace_days);
		if (q)
			snprintf(y, sizeof(y), "%s, %d days",
				 qc_report_kind_name(q->kind), q->grace_days);
		if (!q)
			change(d, "duty", "removed", n, NULL, x, NULL);
		else if (!p)
			change(d, "duty", "added", n, NULL, NULL, y);
		else
			field(d, "duty", n, "kind", x, y);
	}
}

void qc_plan_diff(const struct qc_plan *a, const struct qc_plan *b,
		  struct qc_plan_diff *out)
{
	char x[32], y[32];

	memset(out, 0, sizeof(*out));
	field(out, "plan", "", "title", a->title, b->title);
	field(out, "plan", "", "status", a->status, b->status);
	snprintf(x, sizeof(x), "%d–%d", a->period_start, a->period_end);
	snprintf(y, sizeof(y), "%d–%d", b->period_start, b->period_end);
	field(out, "plan", "", "period", x, y);
	diff_goals_phases(a, b, out);
	diff_targets(a, b, out);
	diff_tasks(a, b, out);
	diff_rest(a, b, out);
}

void qc_plan_diff_release(struct qc_plan_diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		struct qc_plan_change *c = &d->v[i];
		free(c->part);
		free(c->change);
		free(c->what);
		free(c->field);
		free(c->before);
		free(c->after);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}
