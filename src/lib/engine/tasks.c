/* Task states: done, on time, late or not reported, for each lead unit
 * of each task, from its progress reports and due date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/reporting.h"
#include "qcity/store.h"
#include "banned.h"

/* The latest report of (task, unit) and whether any says done. */
static enum qc_rc last_report(struct qc_stmt *st, int64_t task, int64_t unit,
			      struct qc_task_status *t, bool *done,
			      struct qc_error *err)
{
	enum qc_rc r;
	qc_stmt_reset(st);
	qc_stmt_bind_int(st, 1, task);
	qc_stmt_bind_int(st, 2, unit);
	*done = false;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		free(t->last_period);
		free(t->last_status);
		free(t->last_submitted);
		t->last_period = qc_xstrdup(qc_stmt_text(st, 0));
		t->last_status = qc_xstrdup(qc_stmt_text(st, 1));
		t->last_submitted = qc_xstrndup(qc_stmt_text(st, 2), 10);
		*done |= !strcmp(t->last_status, "done");
	}
	return qc_step_rc(r);
}

enum qc_rc qc_task_status_list(struct qc_store *s, long long plan_id,
			       struct qc_task_list *out, struct qc_error *err)
{
	struct qc_stmt *st = NULL, *rep = NULL;
	char today[16];
	int y, m, d;
	enum qc_rc r;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	qc_today(&y, &m, &d);
	snprintf(today, sizeof(today), "%04d-%02d-%02d", y % 10000, m, d);
	/* Reports ordered by period text: within one granularity that is
	 * time order, which is all a task's reports use. */
	rc = qc_stmt_prepare(s,
			     "SELECT period, status, submitted_at FROM"
			     " progress_reports WHERE task_id = ? AND"
			     " unit_id = ? ORDER BY period, submitted_at",
			     &rep, err);
	if (!rc)
		rc = qc_stmt_prepare(
			s,
			"SELECT t.id, t.key, t.title,"
			" t.due_date, o.unit_name, o.unit_id, t.kind"
			" FROM tasks t"
			" LEFT JOIN task_owners o ON o.task_id = t.id AND"
			" o.role = 'lead' AND t.kind = 'item'"
			" WHERE t.plan_id = ? ORDER BY t.seq, o.seq",
			&st, err);
	if (rc)
		goto out;
	qc_stmt_bind_int(st, 1, plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		bool done = false;
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_task_status *t = &out->v[out->n++];
		memset(t, 0, sizeof(*t));
		t->key = qc_xstrdup(qc_stmt_text(st, 1));
		t->title = qc_xstrdup(qc_stmt_text(st, 2));
		t->due = qc_xstrdup(qc_stmt_text(st, 3));
		t->unit = qc_xstrdup(qc_stmt_text(st, 4));
		/* A heading: in the list for the tree, never a state. */
		if (!strcmp(qc_stmt_text(st, 6), "section")) {
			t->section = true;
			continue;
		}
		out->n_items++;
		if (t->unit &&
		    (rc = last_report(rep, qc_stmt_int(st, 0),
				      qc_stmt_int(st, 5), t, &done, err)))
			goto out;
		if (done)
			t->state = QC_TASK_DONE;
		else if (t->due && strcmp(t->due, today) < 0)
			t->state = QC_TASK_LATE;
		else if (!t->last_period)
			t->state = QC_TASK_NOT_REPORTED;
		else
			t->state = QC_TASK_ON_TIME;
		out->count[t->state]++;
	}
	if (r != QC_DONE)
		rc = r;
out:
	qc_stmt_free(st);
	qc_stmt_free(rep);
	if (rc)
		qc_task_list_release(out);
	return rc;
}

void qc_task_list_release(struct qc_task_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct qc_task_status *t = &l->v[i];
		free(t->key);
		free(t->title);
		free(t->unit);
		free(t->due);
		free(t->last_period);
		free(t->last_status);
		free(t->last_submitted);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
