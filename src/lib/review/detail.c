/* Review with the data in view: a submission's values (with the previous
 * period, the target, the change and the note) and progress reports
 * (with their attachments), each with the office's decisions and its
 * history; and the decision on one item. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/review.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "review_int.h"
#include "banned.h"

#define REASON_MAX 2000

static void item_release(struct qc_review_item *x)
{
	free(x->label);
	free(x->requirement);
	free(x->unit);
	free(x->note);
	free(x->status);
	free(x->text);
	free(x->decision);
	free(x->reason);
	qc_attachment_list_release(&x->attachments);
	for (size_t i = 0; i < x->n_history; i++) {
		free(x->history[i].what);
		free(x->history[i].reason);
		free(x->history[i].by);
		free(x->history[i].at);
	}
	free(x->history);
}

void qc_review_detail_release(struct qc_review_detail *d)
{
	if (!d)
		return;
	qc_submission_release(&d->sub);
	free(d->person);
	for (size_t i = 0; i < d->n; i++)
		item_release(&d->v[i]);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

static struct qc_review_item *item_new(struct qc_review_detail *d,
				       const char *kind)
{
	struct qc_review_item *x;
	QC_GROW(d->v, d->n + 1, d->alloc);
	x = &d->v[d->n++];
	memset(x, 0, sizeof(*x));
	snprintf(x->kind, sizeof(x->kind), "%s", kind);
	return x;
}

static enum qc_rc load_values(struct qc_store *s, struct qc_review_detail *d,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	char prev[12] = "";
	enum qc_rc rc;
	enum qc_rc r;

	qc_period_previous(d->sub.period, prev);
	if ((rc = qc_stmt_prepare(s,
				  "SELECT v.id, i.name, v.value, COALESCE("
				  "v.unit, i.unit), v.note, pv.value, t.op, t.value,"
				  " t.value_max, t.unit, v.indicator_id,"
				  " v.region_code FROM indicator_values v JOIN"
				  " indicators i ON i.id = v.indicator_id LEFT JOIN"
				  " indicator_values pv ON pv.indicator_id ="
				  " v.indicator_id AND pv.region_code ="
				  " v.region_code AND pv.period = ? LEFT JOIN"
				  " targets t ON t.id = (SELECT MIN(x.id) FROM"
				  " targets x WHERE x.indicator_id ="
				  " v.indicator_id) WHERE v.unit_id = ? AND"
				  " v.period = ? ORDER BY i.name, v.id",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, prev);
	qc_stmt_bind_int(st, 2, d->sub.unit_id);
	qc_stmt_bind_text(st, 3, d->sub.period);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct qc_review_item *x = item_new(d, "value");
		x->id = qc_stmt_int(st, 0);
		x->label = qc_xstrdup(qc_stmt_text(st, 1));
		x->has_value = true;
		x->value = qc_stmt_double(st, 2);
		x->unit = qc_xstrdup(qc_stmt_text(st, 3));
		x->note = qc_xstrdup(qc_stmt_text(st, 4));
		x->has_previous = !qc_stmt_is_null(st, 5);
		x->previous = qc_stmt_double(st, 5);
		snprintf(x->previous_period, sizeof(x->previous_period), "%s",
			 prev);
		if (x->has_previous) {
			x->has_change = true;
			x->change = x->value - x->previous;
			x->change_share = x->previous != 0 ?
						  x->change /
							  fabs(x->previous) :
						  0;
		}
		x->requirement = qc_review_requirement(st, 6);
		snprintf(x->op, sizeof(x->op), "%s",
			 qc_stmt_text(st, 6) ? qc_stmt_text(st, 6) : "");
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static enum qc_rc load_reports(struct qc_store *s, struct qc_review_detail *d,
			       struct qc_error *err)
{
	struct qc_report_list l;
	enum qc_rc rc;

	if ((rc = qc_report_list(s, 0, d->sub.unit_id, d->sub.period, &l, err)))
		return rc;
	for (size_t i = 0; i < l.n; i++) {
		struct qc_review_item *x = item_new(d, "report");
		x->id = l.v[i].id;
		x->label = l.v[i].title ? l.v[i].title :
					  qc_xstrdup(l.v[i].task);
		l.v[i].title = NULL;
		x->status = l.v[i].status;
		l.v[i].status = NULL;
		x->text = l.v[i].text;
		l.v[i].text = NULL;
		x->attachments = l.v[i].attachments;
		memset(&l.v[i].attachments, 0, sizeof(l.v[i].attachments));
	}
	qc_report_list_release(&l);
	return QC_OK;
}

static void event_add(struct qc_review_item *x, const char *what,
		      const char *reason, const char *by, const char *at)
{
	struct qc_review_event *e;
	QC_GROW(x->history, x->n_history + 1, x->alloc_history);
	e = &x->history[x->n_history++];
	memset(e, 0, sizeof(*e));
	e->what = qc_xstrdup(what);
	e->reason = qc_xstrdup(reason);
	e->by = qc_xstrdup(by);
	e->at = qc_xstrdup(at);
}

/* The round of submission id: one more each time it is submitted. */
static enum qc_rc current_round(struct qc_store *s, int64_t id, int64_t *out,
				struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	*out = 0;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT round FROM submissions WHERE id ="
				  " ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	if ((r = qc_stmt_next(st, err)) == QC_ROW)
		*out = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* The office's decisions on the item, and for a value what was entered
 * (the audit log), oldest first. */
static enum qc_rc load_history(struct qc_store *s, struct qc_review_detail *d,
			       struct qc_review_item *x, struct qc_error *err)
{
	struct qc_stmt *st;
	int64_t round = 0;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = current_round(s, d->sub.id, &round, err)))
		return rc;
	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT e.ev_at, e.ev_what, e.ev_reason,"
		     " e.ev_by, e.ev_round FROM (SELECT decided_at AS"
		     " ev_at, decision AS ev_what, reason AS ev_reason,"
		     " decided_by AS ev_by, round AS ev_round,"
		     " submission_id AS ev_sub, id FROM review_items"
		     " WHERE kind = ? AND item_id = ? UNION ALL SELECT"
		     " a.at, 'value', a.after_json, a.actor, 0, 0,"
		     " a.id FROM"
		     " audit_log a JOIN indicator_values v ON"
		     " a.entity_key = CAST(v.indicator_id AS TEXT) ||"
		     " '/' || v.region_code || '/' || v.period WHERE"
		     " ? = 'value' AND a.entity = 'value' AND v.id = ?)"
		     " e ORDER BY e.ev_at, e.ev_round, e.id",
		     &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, x->kind);
	qc_stmt_bind_int(st, 2, x->id);
	qc_stmt_bind_text(st, 3, x->kind);
	qc_stmt_bind_int(st, 4, x->id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *at = qc_stmt_text(st, 0),
			   *what = qc_stmt_text(st, 1);
		bool value = !strcmp(what, "value");
		event_add(x, what, value ? NULL : qc_stmt_text(st, 2),
			  qc_stmt_text(st, 3), at);
		if (value) {
			json_t *j = json_loads(qc_stmt_text(st, 2) ?
						       qc_stmt_text(st, 2) :
						       "",
					       0, NULL);
			json_t *v = json_object_get(j, "value");
			struct qc_review_event *e =
				&x->history[x->n_history - 1];
			e->has_value = json_is_number(v);
			e->value = json_number_value(v);
			json_decref(j);
		} else if (qc_stmt_int(st, 4) == round) {
			free(x->decision);
			free(x->reason);
			x->decision = qc_xstrdup(what);
			x->reason = qc_xstrdup(qc_stmt_text(st, 2));
		}
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_review_detail(struct qc_store *s, int64_t id,
			    struct qc_review_detail *out, struct qc_error *err)
{
	enum qc_rc rc;
	const char *by;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_review_get(s, id, &out->sub, err)))
		return rc;
	by = out->sub.submitted_by ? out->sub.submitted_by : "";
	/* "web:NAME" or "cli:NAME": the person is the name. */
	out->person = qc_xstrdup(strchr(by, ':') ? strchr(by, ':') + 1 : by);
	if ((rc = load_values(s, out, err)) || (rc = load_reports(s, out, err)))
		goto out;
	for (size_t i = 0; !rc && i < out->n; i++)
		rc = load_history(s, out, &out->v[i], err);
out:
	if (rc)
		qc_review_detail_release(out);
	return rc;
}

/* The label of item kind × id when it belongs to unit and period. */
static enum qc_rc item_label(struct qc_store *s, const struct qc_submission *x,
			     const char *kind, int64_t item, char **label,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	*label = NULL;
	rc = qc_stmt_prepare(
		s,
		!strcmp(kind, "value") ?
			"SELECT i.name FROM indicator_values v JOIN"
			" indicators i ON i.id = v.indicator_id WHERE"
			" v.id = ? AND v.unit_id = ? AND v.period = ?" :
			"SELECT COALESCE(t.title, t.key) FROM"
			" progress_reports r JOIN tasks t ON t.id ="
			" r.task_id WHERE r.id = ? AND r.unit_id = ? AND"
			" r.period = ?",
		&st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, item);
	qc_stmt_bind_int(st, 2, x->unit_id);
	qc_stmt_bind_text(st, 3, x->period);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		*label = qc_xstrdup(qc_stmt_text(st, 0));
	else if (r == QC_DONE)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "submission %lld has no such item (%s "
				  "%lld)",
				  (long long)x->id, kind, (long long)item);
	else
		rc = r;
	qc_stmt_free(st);
	return rc;
}

/* Return the submission (or add to the reason of a returned one). */
static enum qc_rc return_whole(struct qc_store *s,
			       const struct qc_submission *x, const char *why,
			       const char *actor, struct qc_error *err)
{
	struct qc_buf b;
	enum qc_rc rc;

	if (!strcmp(x->state, "submitted"))
		return qc_review_return(s, x->id, why, actor, err);
	qc_buf_init(&b, REASON_MAX);
	qc_buf_adds(&b, x->reason ? x->reason : "");
	qc_buf_adds(&b, "；");
	qc_buf_adds(&b, why);
	if (qc_buf_failed(&b)) {
		qc_buf_release(&b);
		return qc_error_set(err, QC_EINVAL,
				    "reason: the reasons for returning come "
				    "to more than %d bytes",
				    REASON_MAX);
	}
	rc = qc_review_set_reason(s, x->id, qc_buf_str(&b), actor, err);
	qc_buf_release(&b);
	return rc;
}

enum qc_rc qc_review_item_decide(struct qc_store *s, int64_t submission_id,
				 const char *kind, int64_t item_id,
				 const char *decision, const char *reason,
				 const char *actor, struct qc_error *err)
{
	struct qc_submission x = { 0 };
	struct qc_stmt *st = NULL;
	char *label = NULL, *why = NULL, now[32], key[64];
	bool back = decision && !strcmp(decision, "returned");
	enum qc_rc rc;

	if (!kind || (strcmp(kind, "value") && strcmp(kind, "report")))
		return qc_error_set(err, QC_EINVAL, "kind: value or report");
	if (!decision || (!back && strcmp(decision, "accepted")))
		return qc_error_set(err, QC_EINVAL,
				    "decision: accepted or "
				    "returned");
	if (back && (!reason || !*reason))
		return qc_error_set(err, QC_EINVAL,
				    "reason: say why it is returned: tell the "
				    "unit what to correct");
	if (reason && strlen(reason) > REASON_MAX)
		return qc_error_set(err, QC_EINVAL, "reason: at most %d bytes",
				    REASON_MAX);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_review_get(s, submission_id, &x, err)))
		goto out;
	if (strcmp(x.state, "submitted") && strcmp(x.state, "returned")) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "the submission of %s %s is %s: its items "
				  "cannot be reviewed one by one",
				  x.unit, x.period, x.state);
		goto out;
	}
	if ((rc = item_label(s, &x, kind, item_id, &label, err)))
		goto out;
	qc_now_iso(now, sizeof(now));
	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO review_items (submission_id,"
				  " round, kind, item_id, decision, reason,"
				  " decided_by, decided_at) SELECT id, round, ?, ?,"
				  " ?, ?, ?, ? FROM submissions WHERE id = ?",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, kind);
	qc_stmt_bind_int(st, 2, item_id);
	qc_stmt_bind_text(st, 3, decision);
	qc_stmt_bind_text(st, 4, reason);
	qc_stmt_bind_text(st, 5, actor);
	qc_stmt_bind_text(st, 6, now);
	qc_stmt_bind_int(st, 7, submission_id);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld/%s/%lld", (long long)submission_id,
		 kind, (long long)item_id);
	if ((rc = qc_audit_add_json(s, actor, back ? "return" : "accept",
				    "review_item", key, NULL,
				    qc_xjson_pack("{s:s, s:s, s:s?}", "item",
						  label, "decision", decision,
						  "reason", reason),
				    err)))
		goto out;
	if (back) {
		size_t n = qc_st_add(qc_st_add(strlen(label), strlen(reason)),
				     8);
		why = qc_xmalloc(n);
		snprintf(why, n, "%s：%s", label, reason);
		rc = return_whole(s, &x, why, actor, err);
	}
out:
	qc_stmt_free(st);
	qc_submission_release(&x);
	free(label);
	free(why);
	return qc_store_end(s, rc, err);
}
