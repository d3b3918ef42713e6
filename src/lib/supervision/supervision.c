/* 督查事项: open, answer, close, reopen, and the lists. Each step is a row of
 * supervision_steps beside the item's state, audited in the same
 * transaction. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/attach.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/num.h"
#include "qcity/store.h"
#include "qcity/supervision.h"
#include "banned.h"

#define TEXT_MAX 8000
#define ATTACH_MAX 20

static enum qc_rc need_text(const char *field, const char *v,
			    struct qc_error *err)
{
	if (!v || !*v)
		return qc_error_set(err, QC_EINVAL, "%s: required", field);
	if (strlen(v) > TEXT_MAX)
		return qc_error_set(err, QC_EINVAL, "%s: at most %d bytes",
				    field, TEXT_MAX);
	return QC_OK;
}

/* 1 when the query with one id and one text finds a row. */
static enum qc_rc exists(struct qc_store *s, const char *sql, int64_t id,
			 const char *text, bool *found, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;
	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	if (text)
		qc_stmt_bind_text(st, 2, text);
	r = qc_stmt_next(st, err);
	qc_stmt_free(st);
	*found = r == QC_ROW;
	return qc_step_rc(r);
}

/* A step of item: the item's state went from `from` (NULL: it is new)
 * to `to`; the audit row holds both, with the step. */
static enum qc_rc add_step(struct qc_store *s, int64_t item, const char *action,
			   const char *from, const char *to, const char *text,
			   const char *const *att, size_t n, const char *actor,
			   const char *now, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int64_t sid;
	char key[32];
	json_t *files = json_array();

	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO supervision_steps (item_id,"
				  " action, text, actor, at) VALUES (?, ?, ?, ?,"
				  " ?) RETURNING id",
				  &st, err)))
		goto out;
	qc_stmt_bind_int(st, 1, item);
	qc_stmt_bind_text(st, 2, action);
	qc_stmt_bind_text(st, 3, text && *text ? text : NULL);
	qc_stmt_bind_text(st, 4, actor);
	qc_stmt_bind_text(st, 5, now);
	rc = qc_stmt_run_id(st, &sid, err);
	qc_stmt_free(st);
	for (size_t i = 0; !rc && i < n; i++) {
		if ((rc = qc_stmt_prepare(s,
					  "INSERT INTO supervision_attachments"
					  " (step_id, attachment) VALUES (?, ?)"
					  " ON CONFLICT DO NOTHING",
					  &st, err)))
			break;
		qc_stmt_bind_int(st, 1, sid);
		qc_stmt_bind_text(st, 2, att[i]);
		rc = qc_stmt_run(st, err);
		qc_stmt_free(st);
		json_array_append_new(files, json_string(att[i]));
	}
	if (rc)
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)item);
	rc = qc_audit_add_json(s, actor, action, "supervision", key,
			       from ? qc_xjson_pack("{s:s}", "state", from) :
				      NULL,
			       qc_xjson_pack("{s:s, s:s, s:s?, s:O}", "action",
					     action, "state", to, "text", text,
					     "attachments", files),
			       err);
out:
	json_decref(files);
	return rc;
}

enum qc_rc qc_sup_open(struct qc_store *s, const struct qc_sup_in *in,
		       const char *actor, int64_t *out_id, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char now[32], key[32];
	long days;
	bool found;
	int64_t id = 0;
	enum qc_rc rc;

	if ((rc = need_text("finding", in->finding, err)) ||
	    (rc = need_text("rectify", in->rectify, err)))
		return rc;
	if (!in->deadline || strlen(in->deadline) != 10 ||
	    !qc_date_days(in->deadline, &days))
		return qc_error_set(err, QC_EINVAL,
				    "deadline: '%s' is not a "
				    "date (2026-12-31)",
				    in->deadline ? in->deadline : "");
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = exists(s, "SELECT 1 FROM plans WHERE id = ?", in->plan_id,
			 NULL, &found, err)))
		goto out;
	if (!found) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "plan: no plan %lld (see "
				  "`qcity plan list`)",
				  (long long)in->plan_id);
		goto out;
	}
	if ((rc = exists(s, "SELECT 1 FROM units WHERE id = ?", in->unit_id,
			 NULL, &found, err)))
		goto out;
	if (!found) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "unit: no unit %lld (see "
				  "`qcity unit list`)",
				  (long long)in->unit_id);
		goto out;
	}
	if (in->task && *in->task) {
		if ((rc = exists(s,
				 "SELECT 1 FROM tasks WHERE plan_id = ? AND"
				 " key = ?",
				 in->plan_id, in->task, &found, err)))
			goto out;
		if (!found) {
			rc = qc_error_set(err, QC_ENOTFOUND,
					  "task: the plan has"
					  " no task '%s'",
					  in->task);
			goto out;
		}
	}
	if (in->target && *in->target) {
		if ((rc = exists(s,
				 "SELECT 1 FROM targets t JOIN indicators i"
				 " ON i.id = t.indicator_id WHERE t.plan_id = ?"
				 " AND CAST(? AS TEXT) IN (t.indicator_text,"
				 " i.name)",
				 in->plan_id, in->target, &found, err)))
			goto out;
		if (!found) {
			rc = qc_error_set(err, QC_ENOTFOUND,
					  "target: the plan "
					  "has no target '%s'",
					  in->target);
			goto out;
		}
	}
	qc_now_iso(now, sizeof(now));
	if ((rc = qc_stmt_prepare(
		     s,
		     "INSERT INTO supervision_items (plan_id,"
		     " unit_id, task_key, target, finding, rectify, deadline, state,"
		     " opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?,"
		     " ?) RETURNING id",
		     &st, err)))
		goto out;
	qc_stmt_bind_int(st, 1, in->plan_id);
	qc_stmt_bind_int(st, 2, in->unit_id);
	qc_stmt_bind_text(st, 3, in->task && *in->task ? in->task : NULL);
	qc_stmt_bind_text(st, 4, in->target && *in->target ? in->target : NULL);
	qc_stmt_bind_text(st, 5, in->finding);
	qc_stmt_bind_text(st, 6, in->rectify);
	qc_stmt_bind_text(st, 7, in->deadline);
	qc_stmt_bind_text(st, 8, actor);
	qc_stmt_bind_text(st, 9, now);
	if ((rc = qc_stmt_run_id(st, &id, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)id);
	if ((rc = add_step(s, id, "open", NULL, "open", in->finding, NULL, 0,
			   actor, now, err)))
		goto out;
	rc = qc_audit_add_json(s, actor, "add", "supervision_item", key, NULL,
			       qc_xjson_pack("{s:I, s:I, s:s?, s:s?, s:s, s:s,"
					     " s:s}",
					     "plan", (json_int_t)in->plan_id,
					     "unit", (json_int_t)in->unit_id,
					     "task", in->task, "target",
					     in->target, "finding", in->finding,
					     "rectify", in->rectify, "deadline",
					     in->deadline),
			       err);
out:
	qc_stmt_free(st);
	if (!rc && out_id)
		*out_id = id;
	return qc_store_end(s, rc, err);
}

/* Move item id from one of the states in `from` ("|"-separated) to `to`. */
static enum qc_rc transition(struct qc_store *s, int64_t id, const char *from,
			     const char *to, const char *action,
			     const char *text, const char *const *att, size_t n,
			     const char *actor, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char now[32], state[16] = "";
	int64_t unit = 0;
	enum qc_rc rc;
	int r;

	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT state, unit_id FROM"
				  " supervision_items WHERE id = ?",
				  &st, err)))
		goto out;
	qc_stmt_bind_int(st, 1, id);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW) {
		snprintf(state, sizeof(state), "%s", qc_stmt_text(st, 0));
		unit = qc_stmt_int(st, 1);
	}
	qc_stmt_free(st);
	st = NULL;
	if (r != QC_ROW) {
		rc = r == QC_DONE ? qc_error_set(err, QC_ENOTFOUND,
						 "no supervision item %lld",
						 (long long)id) :
				    qc_step_rc(r);
		goto out;
	}
	size_t len = strlen(state);
	const char *p = strstr(from, state);
	if (!len || !p || (p[len] && p[len] != '|')) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "supervision item %lld is "
				  "%s, so it cannot be %s",
				  (long long)id, state, to);
		goto out;
	}
	/* Every adapter answers through here, so this is where a unit is
	 * kept from attaching another unit's file (ids checked by
	 * qc_sup_answer). */
	for (size_t i = 0; i < n; i++) {
		int64_t aid = 0;
		qc_parse_int64(att[i], 1, INT64_MAX, &aid);
		if ((rc = qc_attach_check_unit(s, aid, unit, err)))
			goto out;
	}
	qc_now_iso(now, sizeof(now));
	if ((rc = qc_stmt_prepare(s,
				  "UPDATE supervision_items SET state = ?,"
				  " closed_at = ? WHERE id = ?",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, to);
	qc_stmt_bind_text(st, 2, strcmp(to, "closed") ? NULL : now);
	qc_stmt_bind_int(st, 3, id);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	rc = add_step(s, id, action, state, to, text, att, n, actor, now, err);
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_sup_answer(struct qc_store *s, int64_t id, const char *text,
			 const char *const *attachments, size_t n,
			 const char *actor, struct qc_error *err)
{
	enum qc_rc rc;
	if ((rc = need_text("text", text, err)))
		return rc;
	if (n > ATTACH_MAX)
		return qc_error_set(err, QC_EINVAL, "attachments: at most %d",
				    ATTACH_MAX);
	for (size_t i = 0; i < n; i++) {
		int64_t aid = 0;
		char canon[24];
		/* The id as the store writes it, so that a step's refs name
		 * files as the page links them ("+7" and "07" are not). */
		if (attachments[i])
			qc_parse_int64(attachments[i], 1, INT64_MAX, &aid);
		snprintf(canon, sizeof(canon), "%lld", (long long)aid);
		if (!aid || strcmp(canon, attachments[i]))
			return qc_error_set(err, QC_EINVAL,
					    "attachments[%zu]: '%s' is not an "
					    "attachment id (the number the "
					    "attachment store gives an upload)",
					    i,
					    attachments[i] ? attachments[i] :
							     "");
	}
	return transition(s, id, "open|answered", "answered", "answer", text,
			  attachments, n, actor, err);
}

enum qc_rc qc_sup_close(struct qc_store *s, int64_t id, const char *note,
			const char *actor, struct qc_error *err)
{
	if (note && strlen(note) > TEXT_MAX)
		return qc_error_set(err, QC_EINVAL, "note: at most %d bytes",
				    TEXT_MAX);
	return transition(s, id, "open|answered", "closed", "close", note, NULL,
			  0, actor, err);
}

enum qc_rc qc_sup_reopen(struct qc_store *s, int64_t id, const char *reason,
			 const char *actor, struct qc_error *err)
{
	enum qc_rc rc;
	if ((rc = need_text("reason", reason, err)))
		return rc;
	return transition(s, id, "answered|closed", "open", "reopen", reason,
			  NULL, 0, actor, err);
}

/* ---- reading ------------------------------------------------------------- */

#define ITEM_COLS                                                            \
	"SELECT i.id, i.plan_id, i.unit_id, p.title, u.name,"                \
	" u.region_code, i.task_key, i.target, i.finding, i.rectify,"        \
	" i.deadline, i.state, i.opened_by, i.opened_at, i.closed_at FROM"   \
	" supervision_items i JOIN plans p ON p.id = i.plan_id JOIN units u" \
	" ON u.id = i.unit_id"

static char *dup(struct qc_stmt *st, int c)
{
	return qc_xstrdup(qc_stmt_text(st, c));
}

static void read_item(struct qc_stmt *st, const char *today,
		      struct qc_sup_item *x)
{
	memset(x, 0, sizeof(*x));
	x->id = qc_stmt_int(st, 0);
	x->plan_id = qc_stmt_int(st, 1);
	x->unit_id = qc_stmt_int(st, 2);
	x->plan = dup(st, 3);
	x->unit = dup(st, 4);
	x->region = dup(st, 5);
	x->task = dup(st, 6);
	x->target = dup(st, 7);
	x->finding = dup(st, 8);
	x->rectify = dup(st, 9);
	snprintf(x->deadline, sizeof(x->deadline), "%.10s",
		 qc_stmt_text(st, 10) ? qc_stmt_text(st, 10) : "");
	snprintf(x->state, sizeof(x->state), "%.9s", qc_stmt_text(st, 11));
	x->opened_by = dup(st, 12);
	x->opened_at = dup(st, 13);
	x->closed_at = dup(st, 14);
	x->overdue = strcmp(x->state, "closed") &&
		     strcmp(x->deadline, today) < 0;
}

static void today_of(const char *given, char out[11])
{
	if (given) {
		snprintf(out, 11, "%.10s", given);
		return;
	}
	qc_date_from_days(qc_today_days(), out);
}

enum qc_rc qc_sup_list(struct qc_store *s, int64_t plan_id, int64_t unit_id,
		       const char *state, const char *today_iso,
		       struct qc_sup_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	char today[11];
	enum qc_rc rc;
	int r;

	memset(out, 0, sizeof(*out));
	if (state && strcmp(state, "open") && strcmp(state, "answered") &&
	    strcmp(state, "closed") && strcmp(state, "overdue"))
		return qc_error_set(err, QC_EINVAL,
				    "state: '%s' is not open, "
				    "answered, closed or overdue",
				    state);
	today_of(today_iso, today);
	if ((rc = qc_stmt_prepare(s,
				  ITEM_COLS
				  " WHERE (? = 0 OR i.plan_id = ?)"
				  " AND (? = 0 OR i.unit_id = ?) ORDER BY i.id"
				  " DESC",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	qc_stmt_bind_int(st, 2, plan_id);
	qc_stmt_bind_int(st, 3, unit_id);
	qc_stmt_bind_int(st, 4, unit_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct qc_sup_item x;
		read_item(st, today, &x);
		if (state &&
		    (!strcmp(state, "overdue") ? !x.overdue :
						 strcmp(state, x.state) != 0)) {
			qc_sup_item_release(&x);
			continue;
		}
		QC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n++] = x;
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(r)))
		qc_sup_list_release(out);
	return rc;
}

static enum qc_rc load_steps(struct qc_store *s, struct qc_sup_item *x,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT id, action, text, actor, at FROM"
				  " supervision_steps WHERE item_id = ? ORDER BY"
				  " id",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, x->id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(x->steps, x->n_steps + 1, x->alloc_steps);
		struct qc_sup_step *p = &x->steps[x->n_steps++];
		memset(p, 0, sizeof(*p));
		p->id = qc_stmt_int(st, 0);
		p->action = dup(st, 1);
		p->text = dup(st, 2);
		p->actor = dup(st, 3);
		p->at = dup(st, 4);
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(r)))
		return rc;
	for (size_t i = 0; i < x->n_steps; i++) {
		struct qc_sup_step *p = &x->steps[i];
		size_t alloc = 0;
		if ((rc = qc_stmt_prepare(s,
					  "SELECT attachment FROM"
					  " supervision_attachments WHERE"
					  " step_id = ? ORDER BY attachment",
					  &st, err)))
			return rc;
		qc_stmt_bind_int(st, 1, p->id);
		while ((r = qc_stmt_next(st, err)) == QC_ROW) {
			QC_GROW(p->attachments, p->n_attachments + 1, alloc);
			p->attachments[p->n_attachments++] = dup(st, 0);
		}
		qc_stmt_free(st);
		if ((rc = qc_step_rc(r)))
			return rc;
	}
	return QC_OK;
}

enum qc_rc qc_sup_get(struct qc_store *s, int64_t id, const char *today_iso,
		      struct qc_sup_item *out, struct qc_error *err)
{
	struct qc_stmt *st;
	char today[11];
	enum qc_rc rc;
	int r;

	memset(out, 0, sizeof(*out));
	today_of(today_iso, today);
	if ((rc = qc_stmt_prepare(s, ITEM_COLS " WHERE i.id = ?", &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		read_item(st, today, out);
	qc_stmt_free(st);
	if (r != QC_ROW)
		return r == QC_DONE ? qc_error_set(err, QC_ENOTFOUND,
						   "no supervision item %lld",
						   (long long)id) :
				      qc_step_rc(r);
	return load_steps(s, out, err);
}

void qc_sup_item_release(struct qc_sup_item *x)
{
	free(x->plan);
	free(x->unit);
	free(x->region);
	free(x->task);
	free(x->target);
	free(x->finding);
	free(x->rectify);
	free(x->opened_by);
	free(x->opened_at);
	free(x->closed_at);
	for (size_t i = 0; i < x->n_steps; i++) {
		struct qc_sup_step *p = &x->steps[i];
		free(p->action);
		free(p->text);
		free(p->actor);
		free(p->at);
		for (size_t k = 0; k < p->n_attachments; k++)
			free(p->attachments[k]);
		free(p->attachments);
	}
	free(x->steps);
	memset(x, 0, sizeof(*x));
}

void qc_sup_list_release(struct qc_sup_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		qc_sup_item_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
