/* A stored plan written over in place, for an edit and for a re-import:
 * goals, phases, targets and tasks are matched by their key and updated
 * (their ids stay, and with them the values, parts, progress reports and
 * links that hang on them), new ones inserted, those gone deleted.
 * Targets without a key are matched by indicator (the k-th target of an
 * indicator with the k-th stored one). Duties, rules and members carry no
 * ids and are written anew. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/indicator.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "plan_store_int.h"
#include "banned.h"

/* Stored rows of one plan: key → id, with the keys (and, for targets,
 * the indicator text) owned here. */
struct stored {
	struct keymap map;
	char **keys, **names;
	bool *taken;
	size_t n, alloc_k, alloc_n, alloc_t;
};

static void stored_release(struct stored *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->keys[i]);
		free(o->names ? o->names[i] : NULL);
	}
	free(o->keys);
	free(o->names);
	free(o->taken);
	qc_pst_keymap_release(&o->map);
}

/* sql selects key, id (and a name) of plan_id's rows in order. */
static enum qc_rc stored_load(struct import *im, const char *sql, bool named,
			      struct stored *o)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;

	memset(o, 0, sizeof(*o));
	if ((rc = qc_stmt_prepare(im->s, sql, &st, im->err)))
		return rc;
	qc_stmt_bind_int(st, 1, im->plan_id);
	while ((r = qc_stmt_next(st, im->err)) == QC_ROW) {
		const char *key = qc_stmt_text(st, 0);
		QC_GROW(o->keys, o->n + 1, o->alloc_k);
		QC_GROW(o->taken, o->n + 1, o->alloc_t);
		o->keys[o->n] = qc_xstrdup(key ? key : "");
		o->taken[o->n] = false;
		if (named) {
			const char *nm = qc_stmt_text(st, 2);
			QC_GROW(o->names, o->n + 1, o->alloc_n);
			o->names[o->n] = qc_xstrdup(nm ? nm : "");
		}
		qc_pst_keymap_put(&o->map, o->keys[o->n], qc_stmt_int(st, 1));
		o->n++;
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static enum qc_rc run_id(struct qc_store *s, const char *sql, int64_t id,
			 struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

/* Delete the stored rows whose key `now` does not hold. */
static enum qc_rc drop_gone(struct import *im, const struct stored *o,
			    const struct keymap *now, const char *sql)
{
	enum qc_rc rc = QC_OK;
	for (size_t k = 0; !rc && k < o->n; k++)
		if (!qc_pst_keymap_get(now, o->keys[k]))
			rc = run_id(im->s, sql, o->map.id[k], im->err);
	return rc;
}

static enum qc_rc update_head(struct import *im)
{
	const struct qc_plan *p = im->p;
	struct qc_stmt *st;
	enum qc_rc rc;

	rc = qc_stmt_prepare(im->s,
			     "UPDATE plans SET title = ?, doc_number = ?,"
			     " issuer = ?, issue_date = ?, period_start = ?,"
			     " period_end = ?, status = ?, group_name = ?,"
			     " group_leader = ?, office_host = ?,"
			     " region_code = ?, region_name = ?, source = ?,"
			     " parent_ref = ?, group_line = ? WHERE id = ?",
			     &st, im->err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, p->title);
	qc_stmt_bind_text(st, 2, p->doc_number);
	qc_stmt_bind_text(st, 3, p->issuer);
	qc_stmt_bind_text(st, 4, p->issue_date);
	qc_pst_bind_int0(st, 5, p->period_start);
	qc_pst_bind_int0(st, 6, p->period_end);
	qc_stmt_bind_text(st, 7, p->status ? p->status : "draft");
	qc_stmt_bind_text(st, 8, p->group.name);
	qc_stmt_bind_text(st, 9, p->group.leader);
	qc_stmt_bind_text(st, 10, p->group.office_host);
	qc_stmt_bind_text(st, 11, im->region);
	qc_stmt_bind_text(st, 12, p->region_name);
	qc_stmt_bind_text(st, 13, p->source);
	qc_stmt_bind_text(st, 14, p->parent);
	qc_pst_bind_int0(st, 15, p->group.line);
	qc_stmt_bind_int(st, 16, im->plan_id);
	rc = qc_stmt_run(st, im->err);
	qc_stmt_free(st);
	return rc;
}

/* One kind of row a plan holds by key (goals, phases, targets, tasks):
 * select reads the stored ones (key, id); the row of a stored key is
 * updated (bind's fields, then its id), any other inserted (bind's
 * fields, then plan id and key); then (may be NULL) writes what hangs on
 * row i; the stored rows whose key is gone are deleted. */
struct by_key {
	const char *select, *update, *insert, *delete;
	int fields; /* bind fills 1..fields */
	enum qc_rc (*bind)(struct import *im, struct qc_stmt *w, size_t i);
	enum qc_rc (*then)(struct import *im, size_t i, int64_t id,
			   bool updated, void *arg);
	const char *what; /* prefix errors of a write with "what[i]" */
};

/* The n items keyed keys[i] written by k over the stored rows o; into
 * receives key → id of every row written; arg goes to k->then. */
static enum qc_rc upsert_by_key(struct import *im, const struct by_key *k,
				const struct stored *o, size_t n,
				const char *const *keys, struct keymap *into,
				void *arg)
{
	struct qc_stmt *up = NULL, *ins = NULL;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(im->s, k->update, &up, im->err)) ||
	    (rc = qc_stmt_prepare(im->s, k->insert, &ins, im->err)))
		goto out;
	for (size_t i = 0; !rc && i < n; i++) {
		int64_t id = qc_pst_keymap_get(&o->map, keys[i]);
		struct qc_stmt *w = id ? up : ins;
		bool updated = id != 0;
		qc_stmt_reset(w);
		if ((rc = k->bind(im, w, i)))
			break;
		if (updated) {
			qc_stmt_bind_int(w, k->fields + 1, id);
			rc = qc_stmt_run(w, im->err);
		} else {
			qc_stmt_bind_int(w, k->fields + 1, im->plan_id);
			qc_stmt_bind_text(w, k->fields + 2, keys[i]);
			rc = qc_stmt_run_id(w, &id, im->err);
		}
		if (!rc)
			qc_pst_keymap_put(into, keys[i], id);
		if (!rc && k->then)
			rc = k->then(im, i, id, updated, arg);
		if (rc && k->what)
			qc_error_prefix(im->err, "%s[%zu]", k->what, i);
	}
	if (!rc)
		rc = drop_gone(im, o, into, k->delete);
out:
	qc_stmt_free(up);
	qc_stmt_free(ins);
	return rc;
}

/* upsert_by_key for n items from first, size bytes each, whose key (a
 * char *) lies at key_at. */
static enum qc_rc upsert_items(struct import *im, const struct by_key *k,
			       const void *first, size_t n, size_t size,
			       size_t key_at, struct keymap *into)
{
	const char **keys = qc_xcalloc(n ? n : 1, sizeof(*keys));
	struct stored o;
	enum qc_rc rc;

	for (size_t i = 0; i < n; i++)
		keys[i] = *(char *const *)((const char *)first + i * size +
					   key_at);
	if (!(rc = stored_load(im, k->select, false, &o)))
		rc = upsert_by_key(im, k, &o, n, keys, into, NULL);
	stored_release(&o);
	free(keys);
	return rc;
}

static enum qc_rc bind_goal(struct import *im, struct qc_stmt *w, size_t i)
{
	const struct qc_goal *g = &im->p->goals[i];
	qc_stmt_bind_text(w, 1, g->domain ? g->domain : "other");
	qc_stmt_bind_text(w, 2, g->name);
	qc_pst_bind_int0(w, 3, g->line);
	qc_stmt_bind_int(w, 4, (int64_t)i);
	return QC_OK;
}

static const struct by_key goals_by_key = {
	.select = "SELECT key, id FROM goals WHERE plan_id = ?",
	.update = "UPDATE goals SET domain = ?, name = ?, line = ?, seq = ?"
		  " WHERE id = ?",
	.insert = "INSERT INTO goals (domain, name, line, seq, plan_id, key)"
		  " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	.delete = "DELETE FROM goals WHERE id = ?",
	.fields = 4,
	.bind = bind_goal,
};

static enum qc_rc bind_phase(struct import *im, struct qc_stmt *w, size_t i)
{
	const struct qc_phase *ph = &im->p->phases[i];
	qc_stmt_bind_text(w, 1, ph->name);
	qc_stmt_bind_text(w, 2, ph->start);
	qc_stmt_bind_text(w, 3, ph->end);
	qc_pst_bind_int0(w, 4, ph->line);
	qc_stmt_bind_int(w, 5, (int64_t)i);
	return QC_OK;
}

static const struct by_key phases_by_key = {
	.select = "SELECT key, id FROM phases WHERE plan_id = ?",
	.update = "UPDATE phases SET name = ?, start_date = ?, end_date = ?,"
		  " line = ?, seq = ? WHERE id = ?",
	.insert = "INSERT INTO phases (name, start_date, end_date, line, seq,"
		  " plan_id, key) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	.delete = "DELETE FROM phases WHERE id = ?",
	.fields = 5,
	.bind = bind_phase,
};

static enum qc_rc bind_task(struct import *im, struct qc_stmt *w, size_t i)
{
	const struct qc_task *t = &im->p->tasks[i];
	qc_stmt_bind_text(w, 1, t->number);
	qc_stmt_bind_text(w, 2, t->title);
	qc_stmt_bind_text(w, 3, t->text);
	qc_stmt_bind_text(w, 4, t->due);
	qc_pst_bind_int0(w, 5, qc_pst_keymap_get(&im->phases, t->phase));
	qc_pst_bind_int0(w, 6, t->line);
	qc_stmt_bind_int(w, 7, (int64_t)i);
	qc_stmt_bind_text(w, 8, qc_task_kind_name(t->kind));
	return QC_OK;
}

/* A task's owners, written anew. */
static enum qc_rc task_owners(struct import *im, size_t i, int64_t id,
			      bool updated, void *arg)
{
	enum qc_rc rc;
	(void)arg;
	if (updated &&
	    (rc = run_id(im->s, "DELETE FROM task_owners WHERE task_id = ?", id,
			 im->err)))
		return rc;
	rc = qc_pst_insert_owners(im,
				  "INSERT INTO task_owners (task_id, seq,"
				  " written, unit_name, unit_id, role) VALUES"
				  " (?, ?, ?, ?, ?, ?)",
				  id, &im->p->tasks[i].owners);
	if (rc)
		qc_error_prefix(im->err, "tasks[%zu]", i);
	return rc;
}

/* Tasks lose their parent while written (parents are linked last). */
static const struct by_key tasks_by_key = {
	.select = "SELECT key, id FROM tasks WHERE plan_id = ?",
	.update = "UPDATE tasks SET parent_id = NULL, number = ?, title = ?,"
		  " text = ?, due_date = ?, phase_id = ?, line = ?, seq = ?,"
		  " kind = ? WHERE id = ?",
	.insert = "INSERT INTO tasks (number, title, text, due_date, phase_id,"
		  " line, seq, kind, plan_id, key) VALUES (?, ?, ?, ?, ?, ?, ?,"
		  " ?, ?, ?) RETURNING id",
	.delete = "DELETE FROM tasks WHERE id = ?",
	.fields = 8,
	.bind = bind_task,
	.then = task_owners,
};

/* Each task's parent, once every task has its id. */
static enum qc_rc link_parents(struct import *im)
{
	const struct qc_plan *p = im->p;
	struct qc_stmt *up;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(im->s,
				  "UPDATE tasks SET parent_id = ? WHERE id = ?",
				  &up, im->err)))
		return rc;
	for (size_t i = 0; !rc && i < p->n_tasks; i++) {
		if (!p->tasks[i].parent)
			continue;
		qc_stmt_reset(up);
		qc_stmt_bind_int(up, 1,
				 qc_pst_keymap_get(&im->tasks,
						   p->tasks[i].parent));
		qc_stmt_bind_int(up, 2,
				 qc_pst_keymap_get(&im->tasks,
						   p->tasks[i].key));
		rc = qc_stmt_run(up, im->err);
	}
	qc_stmt_free(up);
	return rc;
}

/* The stored key each target of p takes (keys[i], owned): its own key;
 * else the k-th stored target of its indicator not taken; else "tN", N
 * the first number no stored or given key uses. */
static char **target_keys(const struct qc_plan *p, struct stored *o)
{
	char **keys = qc_xcalloc(p->n_targets ? p->n_targets : 1,
				 sizeof(*keys));
	for (size_t i = 0; i < p->n_targets; i++) {
		const char *k = p->targets[i].key;
		for (size_t j = 0; k && j < o->n; j++)
			if (!strcmp(o->keys[j], k))
				o->taken[j] = true;
		if (k)
			keys[i] = qc_xstrdup(k);
	}
	for (size_t i = 0; i < p->n_targets; i++) {
		for (size_t j = 0; !keys[i] && j < o->n; j++)
			if (!o->taken[j] && p->targets[i].indicator &&
			    !strcmp(o->names[j], p->targets[i].indicator)) {
				o->taken[j] = true;
				keys[i] = qc_xstrdup(o->keys[j]);
			}
	}
	int n = 1;
	for (size_t i = 0; i < p->n_targets; i++) {
		char k[32];
		bool used = true;
		while (!keys[i] && used) {
			snprintf(k, sizeof(k), "t%d", n++);
			used = qc_pst_keymap_get(&o->map, k) != 0;
			for (size_t j = 0; !used && j < p->n_targets; j++)
				used = keys[j] && !strcmp(keys[j], k);
			if (!used)
				keys[i] = qc_xstrdup(k);
		}
	}
	return keys;
}

/* Does a target's owner say "every lower region" (各县区, 各乡镇)? */
static bool owned_by_lower(const struct qc_target *t)
{
	for (size_t k = 0; k < t->owners.n; k++)
		if (qc_unit_collective(t->owners.v[k].unit ?
					       t->owners.v[k].unit :
					       t->owners.v[k].written) ==
		    QC_UNIT_LOWER)
			return true;
	return false;
}

/* 各县区 on an imported target means each lower region is held to it:
 * one part per region below the plan's (counties of a city; the
 * townships of a county, once loaded), with the target's requirement,
 * unless the target has parts already. The phrase stays text on the
 * target's owners. */
static enum qc_rc expand_lower(struct import *im, int64_t target_id,
			       const struct qc_target *t)
{
	struct qc_region_list kids;
	struct qc_stmt *st = NULL;
	enum qc_rc rc;
	int r;

	if (!im->region || !owned_by_lower(t))
		return QC_OK;
	if ((rc = qc_stmt_prepare(im->s,
				  "SELECT COUNT(*) FROM target_parts"
				  " WHERE target_id = ?",
				  &st, im->err)))
		return rc;
	qc_stmt_bind_int(st, 1, target_id);
	r = qc_stmt_next(st, im->err);
	bool has = r == QC_ROW && qc_stmt_int(st, 0) > 0;
	qc_stmt_free(st);
	if (qc_step_failed(r))
		return r;
	if (has || (rc = qc_region_children(im->s, im->region, &kids, im->err)))
		return rc;
	rc = qc_stmt_prepare(im->s,
			     "INSERT INTO target_parts (target_id, seq,"
			     " region_code, op, value, value_max) VALUES"
			     " (?, ?, ?, ?, ?, ?)",
			     &st, im->err);
	for (size_t k = 0; !rc && k < kids.n; k++) {
		qc_stmt_reset(st);
		qc_stmt_bind_int(st, 1, target_id);
		qc_stmt_bind_int(st, 2, (int64_t)k);
		qc_stmt_bind_text(st, 3, kids.v[k].code);
		qc_stmt_bind_text(st, 4, qc_op_name(t->op));
		if (t->has_value)
			qc_stmt_bind_double(st, 5, t->value);
		else
			qc_stmt_bind_null(st, 5);
		if (t->has_value_max)
			qc_stmt_bind_double(st, 6, t->value_max);
		else
			qc_stmt_bind_null(st, 6);
		rc = qc_stmt_run(st, im->err);
	}
	qc_stmt_free(st);
	qc_region_list_release(&kids);
	return rc;
}

static enum qc_rc bind_target(struct import *im, struct qc_stmt *w, size_t i)
{
	const struct qc_target *t = &im->p->targets[i];
	int64_t ind;
	enum qc_rc rc;

	if ((rc = qc_pst_target_series(im, t, &ind)))
		return rc;
	qc_pst_bind_int0(w, 1, qc_pst_keymap_get(&im->goals, t->goal));
	qc_stmt_bind_int(w, 2, ind);
	qc_stmt_bind_text(w, 3, t->indicator);
	qc_stmt_bind_text(w, 4, qc_op_name(t->op));
	if (t->has_value)
		qc_stmt_bind_double(w, 5, t->value);
	else
		qc_stmt_bind_null(w, 5);
	if (t->has_value_max)
		qc_stmt_bind_double(w, 6, t->value_max);
	else
		qc_stmt_bind_null(w, 6);
	qc_stmt_bind_text(w, 7, t->unit);
	qc_pst_bind_int0(w, 8, t->baseline_year);
	qc_stmt_bind_text(w, 9, t->baseline_previous ? "previous_year" : NULL);
	qc_pst_bind_int0(w, 10, t->year);
	qc_pst_bind_int0(w, 11, t->line);
	qc_stmt_bind_text(w, 12, t->text);
	qc_stmt_bind_int(w, 13, (int64_t)i);
	return QC_OK;
}

/* A target's owners written anew, and its parts (arg: keep_parts). */
static enum qc_rc target_rest(struct import *im, size_t i, int64_t id,
			      bool updated, void *arg)
{
	const struct qc_target *t = &im->p->targets[i];
	bool keep_parts = *(const bool *)arg;
	enum qc_rc rc = QC_OK;

	if (updated) {
		rc = run_id(im->s,
			    "DELETE FROM target_owners WHERE target_id = ?", id,
			    im->err);
		/* A re-imported document rarely carries the decomposition
		 * made in qcity: keep it then. */
		if (!rc && (t->n_parts || !keep_parts))
			rc = run_id(im->s,
				    "DELETE FROM target_parts WHERE"
				    " target_id = ?",
				    id, im->err);
		if (rc)
			return rc;
	}
	rc = qc_pst_insert_owners(im,
				  "INSERT INTO target_owners (target_id, seq,"
				  " written, unit_name, unit_id, role) VALUES"
				  " (?, ?, ?, ?, ?, ?)",
				  id, &t->owners);
	if (!rc && (t->n_parts || !keep_parts))
		rc = qc_pst_insert_parts(im, id, t);
	else if (!rc)
		rc = expand_lower(im, id, t);
	return rc;
}

static const struct by_key targets_by_key = {
	.select = "SELECT key, id, indicator_text FROM targets WHERE"
		  " plan_id = ? ORDER BY seq",
	.update = "UPDATE targets SET goal_id = ?, indicator_id = ?,"
		  " indicator_text = ?, op = ?, value = ?, value_max = ?,"
		  " unit = ?, baseline_year = ?, baseline_ref = ?,"
		  " due_year = ?, line = ?, text = ?, seq = ? WHERE id = ?",
	.insert = "INSERT INTO targets (goal_id, indicator_id,"
		  " indicator_text, op, value, value_max, unit, baseline_year,"
		  " baseline_ref, due_year, line, text, seq, plan_id, key)"
		  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		  " RETURNING id",
	.delete = "DELETE FROM targets WHERE id = ?",
	.fields = 13,
	.bind = bind_target,
	.then = target_rest,
	.what = "targets",
};

/* Targets by key, or by indicator when they have none (target_keys). */
static enum qc_rc upsert_targets(struct import *im, bool keep_parts)
{
	const struct qc_plan *p = im->p;
	struct keymap now = { 0 };
	char **keys = NULL;
	struct stored o;
	enum qc_rc rc;

	if (!(rc = stored_load(im, targets_by_key.select, true, &o))) {
		keys = target_keys(p, &o);
		rc = upsert_by_key(im, &targets_by_key, &o, p->n_targets,
				   (const char *const *)keys, &now,
				   &keep_parts);
	}
	for (size_t i = 0; keys && i < p->n_targets; i++)
		free(keys[i]);
	free(keys);
	qc_pst_keymap_release(&now);
	stored_release(&o);
	return rc;
}

enum qc_rc qc_pst_rewrite(struct import *im, bool keep_parts)
{
	const struct qc_plan *p = im->p;
	static const char *const clear[] = {
		"DELETE FROM report_duties WHERE plan_id = ?",
		"DELETE FROM assessment_rules WHERE plan_id = ?",
		"DELETE FROM plan_members WHERE plan_id = ?",
	};
	enum qc_rc rc = QC_OK;

	for (size_t i = 0; !rc && i < sizeof(clear) / sizeof(clear[0]); i++)
		rc = run_id(im->s, clear[i], im->plan_id, im->err);
	if (!rc && !(rc = update_head(im)) &&
	    !(rc = upsert_items(im, &goals_by_key, p->goals, p->n_goals,
				sizeof(*p->goals),
				offsetof(struct qc_goal, key), &im->goals)) &&
	    !(rc = upsert_items(im, &phases_by_key, p->phases, p->n_phases,
				sizeof(*p->phases),
				offsetof(struct qc_phase, key), &im->phases)) &&
	    !(rc = upsert_targets(im, keep_parts)) &&
	    !(rc = upsert_items(im, &tasks_by_key, p->tasks, p->n_tasks,
				sizeof(*p->tasks),
				offsetof(struct qc_task, key), &im->tasks)) &&
	    !(rc = link_parents(im)))
		rc = qc_pst_insert_rest(im);
	qc_pst_keymap_release(&im->goals);
	qc_pst_keymap_release(&im->phases);
	qc_pst_keymap_release(&im->tasks);
	return rc;
}
