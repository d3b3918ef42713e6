/* Progress reports as forms: a unit's status and text for a task and a
 * period (monthly 2020-03, half-year 2020-H1, or a year) with the files
 * it attaches, kept through the attachment store (entity "progress"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/attach.h"
#include "qcity/model.h"
#include "qcity/review.h"
#include "qcity/store.h"
#include "banned.h"

#define MAX_ATTACHMENTS 20

/* The report's id and unit for plan × task key × unit name × period. */
static enum qc_rc report_id(struct qc_store *s, const struct qc_report_in *in,
			    int64_t *id, int64_t *unit, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT r.id, r.unit_id FROM"
				  " progress_reports r JOIN tasks t ON t.id ="
				  " r.task_id JOIN units u ON u.id = r.unit_id"
				  " WHERE t.plan_id = ? AND t.key = ? AND r.period"
				  " = ? AND u.name = ? ORDER BY r.id DESC",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, in->plan_id);
	qc_stmt_bind_text(st, 2, in->task);
	qc_stmt_bind_text(st, 3, in->period);
	qc_stmt_bind_text(st, 4, in->unit);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW) {
		*id = qc_stmt_int(st, 0);
		*unit = qc_stmt_int(st, 1);
	} else if (r == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "the report just written "
				  "is not found");
	} else {
		rc = r;
	}
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_report_save(struct qc_store *s, const struct qc_report_in *in,
			  const char *actor, int64_t *id, struct qc_error *err)
{
	int64_t rid = 0, unit = 0;
	enum qc_rc rc;

	if (in->n_attachments > MAX_ATTACHMENTS)
		return qc_error_set(err, QC_EINVAL,
				    "attachments: at most %d attachments a "
				    "report",
				    MAX_ATTACHMENTS);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_task_report_add(s, in->plan_id, in->task, in->unit,
				     in->period, in->status, in->text, actor,
				     err)))
		goto out;
	if (!in->unit || (rc = report_id(s, in, &rid, &unit, err))) {
		if (!rc)
			rc = qc_error_set(err, QC_EINVAL, "unit: missing");
		goto out;
	}
	for (size_t i = 0; i < in->n_attachments; i++)
		if ((rc = qc_attach_check_unit(s, in->attachments[i], unit,
					       err)) ||
		    (rc = qc_attach_link(s, in->attachments[i], "progress", rid,
					 actor, err)))
			goto out;
	if (id)
		*id = rid;
out:
	return qc_store_end(s, rc, err);
}

void qc_report_list_release(struct qc_report_list *l)
{
	for (size_t i = 0; l && i < l->n; i++) {
		struct qc_report *r = &l->v[i];
		free(r->task);
		free(r->title);
		free(r->unit);
		free(r->status);
		free(r->text);
		free(r->submitted_at);
		qc_attachment_list_release(&r->attachments);
	}
	if (l) {
		free(l->v);
		memset(l, 0, sizeof(*l));
	}
}

enum qc_rc qc_report_list(struct qc_store *s, long long plan_id,
			  int64_t unit_id, const char *period,
			  struct qc_report_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT r.id, t.plan_id, t.key, t.title,"
				  " r.unit_id, u.name, r.period, r.status, r.text,"
				  " r.submitted_at FROM progress_reports r JOIN"
				  " tasks t ON t.id = r.task_id JOIN units u ON"
				  " u.id = r.unit_id WHERE (? = 0 OR t.plan_id = ?)"
				  " AND (? = 0 OR r.unit_id = ?) AND (CAST(? AS"
				  " TEXT) IS NULL OR r.period = ?) ORDER BY"
				  " r.period DESC, t.seq, r.id",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	qc_stmt_bind_int(st, 2, plan_id);
	qc_stmt_bind_int(st, 3, unit_id);
	qc_stmt_bind_int(st, 4, unit_id);
	qc_stmt_bind_text(st, 5, period);
	qc_stmt_bind_text(st, 6, period);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct qc_report *x;
		QC_GROW(out->v, out->n + 1, out->alloc);
		x = &out->v[out->n++];
		memset(x, 0, sizeof(*x));
		x->id = qc_stmt_int(st, 0);
		x->plan_id = qc_stmt_int(st, 1);
		x->task = qc_xstrdup(qc_stmt_text(st, 2));
		x->title = qc_xstrdup(qc_stmt_text(st, 3));
		x->unit_id = qc_stmt_int(st, 4);
		x->unit = qc_xstrdup(qc_stmt_text(st, 5));
		snprintf(x->period, sizeof(x->period), "%s",
			 qc_stmt_text(st, 6));
		x->status = qc_xstrdup(qc_stmt_text(st, 7));
		x->text = qc_xstrdup(qc_stmt_text(st, 8));
		x->submitted_at = qc_xstrdup(qc_stmt_text(st, 9));
	}
	if (qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	for (size_t i = 0; !rc && i < out->n; i++)
		rc = qc_attach_list(s, "progress", out->v[i].id,
				    &out->v[i].attachments, err);
	if (rc)
		qc_report_list_release(out);
	return rc;
}
