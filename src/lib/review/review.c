/* The review workflow: submitted → accepted (locked) or returned;
 * accepted → reopened → submitted again. One row per unit and period. */
#include <jansson.h>
#include "qcity/json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/i18n.h"
#include "qcity/review.h"
#include "qcity/store.h"
#include "banned.h"

#define REASON_MAX 2000

void qc_submission_release(struct qc_submission *x)
{
	if (!x)
		return;
	free(x->unit);
	free(x->state);
	free(x->reason);
	free(x->submitted_by);
	free(x->submitted_at);
	free(x->reviewed_by);
	free(x->reviewed_at);
	memset(x, 0, sizeof(*x));
}

void qc_submission_list_release(struct qc_submission_list *l)
{
	for (size_t i = 0; l && i < l->n; i++)
		qc_submission_release(&l->v[i]);
	if (l) {
		free(l->v);
		memset(l, 0, sizeof(*l));
	}
}

#define SUB_SELECT                                                            \
	"SELECT x.id, x.unit_id, u.name, u.region_code, x.period,"            \
	" x.state, x.reason, x.submitted_by, x.submitted_at, x.reviewed_by,"  \
	" x.reviewed_at, (SELECT COUNT(*) FROM indicator_values v WHERE"      \
	" v.unit_id = x.unit_id AND v.period = x.period), (SELECT COUNT(*)"   \
	" FROM progress_reports r WHERE r.unit_id = x.unit_id AND r.period =" \
	" x.period) FROM submissions x JOIN units u ON u.id = x.unit_id"

static void from_row(struct qc_stmt *st, struct qc_submission *x)
{
	memset(x, 0, sizeof(*x));
	x->id = qc_stmt_int(st, 0);
	x->unit_id = qc_stmt_int(st, 1);
	x->unit = qc_xstrdup(qc_stmt_text(st, 2));
	snprintf(x->region, sizeof(x->region), "%s", qc_stmt_text(st, 3));
	snprintf(x->period, sizeof(x->period), "%s", qc_stmt_text(st, 4));
	x->state = qc_xstrdup(qc_stmt_text(st, 5));
	x->reason = qc_xstrdup(qc_stmt_text(st, 6));
	x->submitted_by = qc_xstrdup(qc_stmt_text(st, 7));
	x->submitted_at = qc_xstrdup(qc_stmt_text(st, 8));
	x->reviewed_by = qc_xstrdup(qc_stmt_text(st, 9));
	x->reviewed_at = qc_xstrdup(qc_stmt_text(st, 10));
	x->n_values = (int)qc_stmt_int(st, 11);
	x->n_reports = (int)qc_stmt_int(st, 12);
}

enum qc_rc qc_review_get(struct qc_store *s, int64_t id,
			 struct qc_submission *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc r = qc_stmt_row_ids(s, SUB_SELECT " WHERE x.id = ?",
				       QC_IDS(id), &st, err);

	memset(out, 0, sizeof(*out));
	if (r == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND, "no submission %lld",
				    (long long)id);
	if (r != QC_ROW || !st) /* !st: as in qc_store_get_int */
		return r;
	from_row(st, out);
	qc_stmt_free(st);
	return QC_OK;
}

enum qc_rc qc_review_list(struct qc_store *s, const char *state,
			  int64_t unit_id, struct qc_submission_list *out,
			  struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  SUB_SELECT
				  " WHERE (CAST(? AS TEXT) IS"
				  " NULL OR x.state = ?) AND (? = 0 OR"
				  " x.unit_id = ?) ORDER BY x.submitted_at"
				  " DESC, x.id DESC",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, state);
	qc_stmt_bind_text(st, 2, state);
	qc_stmt_bind_int(st, 3, unit_id);
	qc_stmt_bind_int(st, 4, unit_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		from_row(st, &out->v[out->n++]);
	}
	if (qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	return rc;
}

static char *state_json(const struct qc_submission *x)
{
	json_t *j;
	char *out;
	if (!x->state)
		return NULL;
	j = qc_xjson_pack("{s:I, s:s, s:s, s:s?}", "unit",
			  (json_int_t)x->unit_id, "period", x->period, "state",
			  x->state, "reason", x->reason);
	out = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	return out;
}

/* Move submission `id` (or, for a submit, the row of unit and period)
 * from one of the states in `from` to `to`, audited. */
static enum qc_rc transition(struct qc_store *s, int64_t id, int64_t unit_id,
			     const char *period, const char *const *from,
			     const char *to, const char *reason,
			     const char *actor, int64_t *out_id,
			     struct qc_error *err)
{
	struct qc_submission before = { 0 }, after = { 0 };
	struct qc_stmt *st = NULL;
	char now[32], key[32], *bj = NULL, *aj = NULL;
	bool submit = !strcmp(to, "submitted"), allowed = false;
	enum qc_rc rc;

	if (reason && strlen(reason) > REASON_MAX)
		return qc_error_set(err, QC_EINVAL, "reason: at most %d bytes",
				    REASON_MAX);
	if (submit && !period)
		return qc_error_set(err, QC_EINVAL, "period: required");
	if ((rc = qc_store_begin(s, err)))
		return rc;
	qc_now_iso(now, sizeof(now));
	if (submit) {
		struct qc_submission_list l;
		if ((rc = qc_review_list(s, NULL, unit_id, &l, err)))
			goto out;
		for (size_t i = 0; i < l.n; i++)
			if (!strcmp(l.v[i].period, period)) {
				before = l.v[i];
				memset(&l.v[i], 0, sizeof(l.v[i]));
			}
		qc_submission_list_release(&l);
	} else if ((rc = qc_review_get(s, id, &before, err))) {
		goto out;
	}
	for (size_t i = 0; from[i]; i++)
		if (before.state ? !strcmp(before.state, from[i]) :
				   !strcmp(from[i], ""))
			allowed = true;
	if (!allowed) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "%s %s is %s, so it cannot"
				  " be %s%s",
				  before.unit ? before.unit : _("the unit"),
				  before.state ? before.period : period,
				  before.state ? qc_label(before.state) :
						 _("not submitted"),
				  qc_label(to),
				  before.state && !strcmp(before.state,
							  "accepted") ?
					  _("; the office can reopen it") :
					  "");
		goto out;
	}
	if (submit)
		rc = qc_stmt_prepare(s,
				     "INSERT INTO submissions (unit_id, period,"
				     " state, submitted_by, submitted_at) VALUES"
				     " (?, ?, 'submitted', ?, ?) ON CONFLICT"
				     " (unit_id, period) DO UPDATE SET state ="
				     " 'submitted', reason = NULL, submitted_by ="
				     " excluded.submitted_by, submitted_at ="
				     " excluded.submitted_at, round ="
				     " submissions.round + 1 RETURNING id",
				     &st, err);
	else
		rc = qc_stmt_prepare(s,
				     "UPDATE submissions SET state = ?,"
				     " reason = ?, reviewed_by = ?, reviewed_at"
				     " = ? WHERE id = ? RETURNING id",
				     &st, err);
	if (rc)
		goto out;
	if (submit) {
		qc_stmt_bind_int(st, 1, unit_id);
		qc_stmt_bind_text(st, 2, period);
		qc_stmt_bind_text(st, 3, actor);
		qc_stmt_bind_text(st, 4, now);
	} else {
		qc_stmt_bind_text(st, 1, to);
		qc_stmt_bind_text(st, 2, reason);
		qc_stmt_bind_text(st, 3, actor);
		qc_stmt_bind_text(st, 4, now);
		qc_stmt_bind_int(st, 5, id);
	}
	if ((rc = qc_stmt_run_id(st, &id, err)))
		goto out;
	if ((rc = qc_review_get(s, id, &after, err)))
		goto out;
	bj = state_json(&before);
	aj = state_json(&after);
	snprintf(key, sizeof(key), "%lld", (long long)id);
	rc = qc_audit_add(s, actor,
			  submit                       ? "submit" :
			  to[0] == 'a'                 ? "accept" :
			  to[0] == 'r' && to[2] == 't' ? "return" :
							 "reopen",
			  "submission", key, bj, aj, err);
out:
	qc_stmt_free(st);
	qc_submission_release(&before);
	qc_submission_release(&after);
	free(bj);
	free(aj);
	if (rc) {
		qc_store_rollback(s);
		return rc;
	}
	if (out_id)
		*out_id = id;
	return qc_store_commit(s, err);
}

enum qc_rc qc_review_submit(struct qc_store *s, int64_t unit_id,
			    const char *period, const char *actor, int64_t *id,
			    struct qc_error *err)
{
	static const char *const from[] = { "", "submitted", "returned",
					    "reopened", NULL };
	if (!qc_period_valid(period))
		return qc_error_set(err, QC_EINVAL,
				    "period: '%s' is not a "
				    "period (2019, 2019-H1, 2019-Q2, 2019-03)",
				    period ? period : "");
	return transition(s, 0, unit_id, period, from, "submitted", NULL, actor,
			  id, err);
}

enum qc_rc qc_review_accept(struct qc_store *s, int64_t id, const char *actor,
			    struct qc_error *err)
{
	static const char *const from[] = { "submitted", NULL };
	return transition(s, id, 0, NULL, from, "accepted", NULL, actor, NULL,
			  err);
}

enum qc_rc qc_review_return(struct qc_store *s, int64_t id, const char *reason,
			    const char *actor, struct qc_error *err)
{
	static const char *const from[] = { "submitted", NULL };
	if (!reason || !*reason)
		return qc_error_set(err, QC_EINVAL,
				    "reason: say what the unit "
				    "should correct");
	return transition(s, id, 0, NULL, from, "returned", reason, actor, NULL,
			  err);
}

enum qc_rc qc_review_set_reason(struct qc_store *s, int64_t id,
				const char *reason, const char *actor,
				struct qc_error *err)
{
	static const char *const from[] = { "returned", NULL };
	if (!reason || !*reason)
		return qc_error_set(err, QC_EINVAL,
				    "reason: say what the unit "
				    "should correct");
	return transition(s, id, 0, NULL, from, "returned", reason, actor, NULL,
			  err);
}

enum qc_rc qc_review_reopen(struct qc_store *s, int64_t id, const char *reason,
			    const char *actor, struct qc_error *err)
{
	static const char *const from[] = { "accepted", NULL };
	return transition(s, id, 0, NULL, from, "reopened", reason, actor, NULL,
			  err);
}
