/* Plan edits written: the stored plan loaded, the edit applied in memory,
 * the plan rewritten in place (same plan id; tasks keep their ids and so
 * their progress reports), the element audited before and after, and a
 * version recorded, all in one transaction. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/alloc.h"
#include "qcity/model.h"
#include "qcity/plan_edit.h"
#include "qcity/plan_store.h"
#include "qcity/store.h"
#include "plan_store_int.h"
#include "banned.h"

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

static enum qc_rc update_head(struct import *im)
{
	const struct qc_plan *p = im->p;
	struct qc_stmt *st;
	enum qc_rc rc;

	rc = qc_stmt_prepare(im->s, "UPDATE plans SET title = ?, doc_number = ?,"
			     " issuer = ?, issue_date = ?, period_start = ?,"
			     " period_end = ?, status = ?, group_name = ?,"
			     " group_leader = ?, office_host = ? WHERE id = ?",
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
	qc_stmt_bind_int(st, 11, im->plan_id);
	rc = qc_stmt_run(st, im->err);
	qc_stmt_free(st);
	return rc;
}

/* Tasks by key: an existing one is updated (its id stays), a new one
 * inserted, one no longer in the plan deleted; parents linked last. */
static enum qc_rc upsert_tasks(struct import *im)
{
	const struct qc_plan *p = im->p;
	struct keymap old = { 0 };
	struct qc_stmt *st = NULL, *up = NULL, *ins = NULL;
	enum qc_rc rc;
	int r;

	if ((rc = qc_stmt_prepare(im->s, "SELECT key, id FROM tasks WHERE"
				  " plan_id = ?", &st, im->err)))
		return rc;
	qc_stmt_bind_int(st, 1, im->plan_id);
	/* The keys are copied: the statement's text dies with the row. */
	char **keys = NULL;
	size_t nkeys = 0, akeys = 0;
	while ((r = qc_stmt_step(st, im->err)) == QC_STEP_ROW) {
		QC_GROW(keys, nkeys + 1, akeys);
		keys[nkeys] = qc_xstrdup(qc_stmt_text(st, 0));
		qc_pst_keymap_put(&old, keys[nkeys++], qc_stmt_int(st, 1));
	}
	qc_stmt_free(st);
	st = NULL;
	if (r != QC_STEP_DONE) {
		rc = QC_EDB;
		goto out;
	}
	if ((rc = qc_stmt_prepare(im->s, "UPDATE tasks SET parent_id = NULL,"
				  " number = ?, title = ?, text = ?,"
				  " due_date = ?, phase_id = ?, line = ?,"
				  " seq = ? WHERE id = ?", &up, im->err)) ||
	    (rc = qc_stmt_prepare(im->s, "INSERT INTO tasks (plan_id, key,"
				  " number, title, text, due_date, phase_id,"
				  " line, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
				  " ?) RETURNING id", &ins, im->err)))
		goto out;
	for (size_t i = 0; !rc && i < p->n_tasks; i++) {
		const struct qc_task *t = &p->tasks[i];
		int64_t id = qc_pst_keymap_get(&old, t->key);
		struct qc_stmt *w = id ? up : ins;
		int c = 1;
		qc_stmt_reset(w);
		if (!id) {
			qc_stmt_bind_int(w, c++, im->plan_id);
			qc_stmt_bind_text(w, c++, t->key);
		}
		qc_stmt_bind_text(w, c++, t->number);
		qc_stmt_bind_text(w, c++, t->title);
		qc_stmt_bind_text(w, c++, t->text);
		qc_stmt_bind_text(w, c++, t->due);
		qc_pst_bind_int0(w, c++, qc_pst_keymap_get(&im->phases, t->phase));
		qc_pst_bind_int0(w, c++, t->line);
		qc_stmt_bind_int(w, c++, (int64_t)i);
		if (id) {
			qc_stmt_bind_int(w, c, id);
			if (!(rc = qc_stmt_run(w, im->err)))
				rc = run_id(im->s, "DELETE FROM task_owners"
					    " WHERE task_id = ?", id, im->err);
		} else {
			rc = qc_stmt_run_id(w, &id, im->err);
		}
		if (rc)
			break;
		qc_pst_keymap_put(&im->tasks, t->key, id);
		rc = qc_pst_insert_owners(im, "INSERT INTO task_owners (task_id,"
				       " seq, written, unit_name, unit_id, role)"
				       " VALUES (?, ?, ?, ?, ?, ?)", id,
				       &t->owners);
		if (rc)
			qc_error_prefix(im->err, "tasks[%zu]", i);
	}
	for (size_t k = 0; !rc && k < old.n; k++)
		if (!qc_pst_keymap_get(&im->tasks, old.key[k]))
			rc = run_id(im->s, "DELETE FROM tasks WHERE id = ?",
				    old.id[k], im->err);
	qc_stmt_free(up);
	up = NULL;
	if (!rc)
		rc = qc_stmt_prepare(im->s, "UPDATE tasks SET parent_id = ?"
				     " WHERE id = ?", &up, im->err);
	for (size_t i = 0; !rc && i < p->n_tasks; i++) {
		if (!p->tasks[i].parent)
			continue;
		qc_stmt_reset(up);
		qc_stmt_bind_int(up, 1, qc_pst_keymap_get(&im->tasks,
						       p->tasks[i].parent));
		qc_stmt_bind_int(up, 2, qc_pst_keymap_get(&im->tasks,
						       p->tasks[i].key));
		rc = qc_stmt_run(up, im->err);
	}
out:
	qc_stmt_free(up);
	qc_stmt_free(ins);
	qc_pst_keymap_release(&old);
	for (size_t k = 0; k < nkeys; k++)
		free(keys[k]);
	free(keys);
	return rc;
}

/* Write p over stored plan p->id. Inside the caller's transaction. */
static enum qc_rc rewrite(struct qc_store *s, const struct qc_plan *p,
			  const char *actor, struct qc_error *err)
{
	static const char *const clear[] = {
		"DELETE FROM targets WHERE plan_id = ?",
		"DELETE FROM report_duties WHERE plan_id = ?",
		"DELETE FROM assessment_rules WHERE plan_id = ?",
		"DELETE FROM plan_members WHERE plan_id = ?",
		"DELETE FROM goals WHERE plan_id = ?",
		"UPDATE tasks SET phase_id = NULL WHERE plan_id = ?",
		"DELETE FROM phases WHERE plan_id = ?",
	};
	struct import im = { .s = s, .p = p, .actor = actor, .err = err,
			     .plan_id = p->id };
	char code[7];
	enum qc_rc rc = QC_OK;

	if (p->region_code && !qc_region_resolve(s, p->region_code, code, NULL))
		im.region = code;
	for (size_t i = 0; !rc && i < sizeof(clear) / sizeof(clear[0]); i++)
		rc = run_id(s, clear[i], p->id, err);
	if (!rc && !(rc = update_head(&im)) &&
	    !(rc = qc_pst_insert_goals_phases(&im)) &&
	    !(rc = qc_pst_insert_targets(&im)) && !(rc = upsert_tasks(&im)))
		rc = qc_pst_insert_rest(&im);
	qc_pst_keymap_release(&im.goals);
	qc_pst_keymap_release(&im.phases);
	qc_pst_keymap_release(&im.tasks);
	return rc;
}

/* The element's JSON as plan JSON writes it (NULL if none). */
static json_t *element(const struct qc_plan *p, enum qc_plan_part part,
		       size_t i, const char *ref)
{
	static const char *const list[QC_PART__COUNT] = {
		[QC_PART_GOAL] = "goals", [QC_PART_TARGET] = "targets",
		[QC_PART_TASK] = "tasks", [QC_PART_PHASE] = "phases",
		[QC_PART_DUTY] = "reporting",
	};
	char *text = qc_plan_to_json(p);
	json_t *root = json_loads(text, 0, NULL), *out = NULL;

	free(text);
	if (!root)
		return NULL;
	if (part == QC_PART_PLAN) {
		out = json_object_get(root, "plan");
		json_object_set(out, "group", json_object_get(root, "group"));
	} else if (part == QC_PART_MEMBER) {
		json_t *m = json_array_get(json_object_get(json_object_get(root,
			"group"), "members"), i);
		out = m ? qc_xjson_pack("{s:O}", "name", m) : NULL;
		json_decref(root);
		return out;
	} else if (part == QC_PART_OWNER || part == QC_PART_PART) {
		out = json_array_get(json_object_get(root, ref &&
			!strncmp(ref, "task:", 5) ? "tasks" : "targets"), i);
	} else {
		out = json_array_get(json_object_get(root, list[part]), i);
	}
	json_incref(out);
	json_decref(root);
	return out;
}

static const char *const actions[] = { "add", "update", "remove" };

enum qc_rc qc_plan_edit(struct qc_store *s, long long plan_id,
			const struct qc_plan_edit *e, const char *actor,
			int *version, struct qc_error *err)
{
	struct qc_plan before, after;
	json_t *was = NULL, *now = NULL;
	char entity[32], key[160];
	size_t i = 0;
	enum qc_rc rc;

	qc_plan_init(&before);
	qc_plan_init(&after);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_plan_load(s, plan_id, &before, err)) ||
	    (rc = qc_plan_load(s, plan_id, &after, err)))
		goto out;
	if ((rc = qc_plan_edit_apply(&after, e, &i, err))) {
		qc_error_prefix(err, "%s %s", qc_label(qc_plan_part_name(
				e->part)), e->op == QC_EDIT_ADD ? _("add") : e->ref ?
				e->ref : "");
		goto out;
	}
	/* A plan edited for the first time keeps how it stood as version 1. */
	if ((rc = qc_pst_version_first(s, plan_id, &before, actor, err)) ||
	    (rc = rewrite(s, &after, actor, err)))
		goto out;
	/* Audit and version what is stored (regions resolved to codes). */
	qc_plan_release(&after);
	if ((rc = qc_plan_load(s, plan_id, &after, err)))
		goto out;
	/* An owner or part edit changes its target or task: both sides
	 * exist. */
	bool whole = e->part == QC_PART_OWNER || e->part == QC_PART_PART;
	if (e->op != QC_EDIT_ADD || whole)
		was = element(&before, e->part, i, e->ref);
	if (e->op != QC_EDIT_REMOVE || whole)
		now = element(&after, e->part, i, e->ref);
	snprintf(entity, sizeof(entity), "plan_%s", qc_plan_part_name(e->part));
	snprintf(key, sizeof(key), "%lld:%s", plan_id, e->op == QC_EDIT_ADD &&
		 e->part != QC_PART_OWNER && e->part != QC_PART_PART ? "new" :
		 e->ref ? e->ref : "");
	rc = qc_audit_add_json(s, actor, actions[e->op], entity, key, was, now,
			       err);
	if (!rc)
		rc = qc_pst_version_record(s, plan_id, &after, e->note, actor,
					version, err);
out:
	qc_plan_release(&before);
	qc_plan_release(&after);
	return qc_store_end(s, rc, err);
}
