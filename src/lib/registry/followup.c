/* Follow-up of unqualified results: what is awaited, by when, and the
 * recording of each step (see qcity/followup.h for the rules). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/followup.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "nation_int.h"
#include "banned.h"

static long days_of(const char *iso)
{
	long d = 0;
	qc_date_days(iso, &d);
	return d;
}

static void set_due(struct qc_followup *f, const char *awaiting, long from,
		    long due, long today)
{
	f->awaiting = awaiting;
	if (from)
		qc_date_from_days(from, f->due_from);
	qc_date_from_days(due, f->due);
	f->days_left = due - today;
	f->overdue = today > due;
}

void qc_followup_evaluate(struct qc_followup *f, long today)
{
	long notified = days_of(f->notified_on);

	f->awaiting = f->outcome = NULL;
	f->due[0] = f->due_from[0] = '\0';
	f->days_left = 0;
	f->overdue = f->correction_overdue = false;
	if (f->objection_upheld == 1) {
		f->outcome = "overturned";
		return;
	}
	if (!f->ordered_on[0]) {
		/* The order to correct issues when the objection window
		 * closes (or once an objection is turned down). */
		set_due(f, "order", 0, notified + QC_OBJECTION_DAYS, today);
		return;
	}
	long ordered = days_of(f->ordered_on);
	f->correction_overdue = !f->corrected_on[0] &&
				today > ordered + QC_CORRECTION_DAYS;
	if (!f->reinspected_on[0]) {
		set_due(f, "re-inspection", 0, ordered + QC_REINSPECT_DAYS,
			today);
		return;
	}
	if (f->reinspect_passed == 1) {
		f->outcome = "corrected";
		return;
	}
	long re = days_of(f->reinspected_on);
	if (!f->published_on[0]) {
		set_due(f, "publication", 0, re + QC_PUBLISH_DAYS, today);
		return;
	}
	long pub = days_of(f->published_on);
	if (!f->second_on[0]) {
		set_due(f, "second re-inspection", pub + QC_SECOND_FROM_DAYS,
			pub + QC_SECOND_TO_DAYS, today);
		return;
	}
	f->outcome = f->second_passed == 1 ? "corrected" : "failed twice";
}

static void copy_date(struct qc_stmt *st, int col, char out[11])
{
	const char *v = qc_stmt_text(st, col);
	snprintf(out, 11, "%s", v ? v : "");
}

static int flag(struct qc_stmt *st, int col)
{
	return qc_stmt_is_null(st, col) ? -1 : (int)qc_stmt_int(st, col);
}

/* The columns before the province column (f.province_code; at the nation
 * the holder, the province whose row it is; 0027). */
#define FOLLOWUP_HEAD                                                          \
	"f.result_id, r.enterprise_name, r.product, r.region_code,"            \
	" r.failed_items, r.sampled_on, f.notified_on, f.objection_on,"        \
	" f.objection_upheld, f.ordered_on, f.corrected_on, f.reinspected_on," \
	" f.reinspect_passed, f.published_on, f.second_reinspected_on,"        \
	" f.second_passed, "
#define FOLLOWUP_COLUMNS FOLLOWUP_HEAD "f.province_code"

static void fill(struct qc_stmt *st, struct qc_followup *f)
{
	memset(f, 0, sizeof(*f));
	f->result_id = qc_stmt_int(st, 0);
	f->enterprise = qc_xstrdup(qc_stmt_text(st, 1));
	f->product = qc_xstrdup(qc_stmt_text(st, 2));
	f->region = qc_xstrdup(qc_stmt_text(st, 3));
	f->failed_items = qc_xstrdup(qc_stmt_text(st, 4));
	copy_date(st, 5, f->sampled_on);
	copy_date(st, 6, f->notified_on);
	copy_date(st, 7, f->objection_on);
	f->objection_upheld = flag(st, 8);
	copy_date(st, 9, f->ordered_on);
	copy_date(st, 10, f->corrected_on);
	copy_date(st, 11, f->reinspected_on);
	f->reinspect_passed = flag(st, 12);
	copy_date(st, 13, f->published_on);
	copy_date(st, 14, f->second_on);
	f->second_passed = flag(st, 15);
	snprintf(f->province, sizeof(f->province), "%s",
		 qc_stmt_is_null(st, 16) ? "" : qc_stmt_text(st, 16));
}

/* LIMIT of "every one" (PostgreSQL takes no LIMIT -1). */
#define NO_LIMIT 2147483647

enum qc_rc qc_followup_page(struct qc_store *s,
			    const struct qc_followup_query *q,
			    struct qc_followup_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	char code[QC_REGION_CODE_SIZE], lo[QC_REGION_CODE_SIZE] = "";
	char hi[QC_REGION_CODE_SIZE + 1] = "~", today_s[11] = "~";
	long today = qc_today_days();
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if (q->region) {
		if ((rc = qc_region_resolve(s, q->region, code, err)))
			return rc;
		qc_region_span(code, lo, hi);
	}
	/* Overdue: past the day it counts as overdue (alarm_on: its
	 * deadline, or the correction's when earlier). */
	if (q->only_overdue)
		qc_date_from_days(today, today_s);

#define PROVINCE QC_NAT_OR("f.held_by", "f.province_code")
#define SAME_HOLDER QC_NAT(" AND r.held_by = f.held_by")
#define AFTER_HOLDER QC_NAT(" OR (f.result_id = ? AND f.held_by > ?)")
#define BY_HOLDER QC_NAT(", f.held_by")
#define BOARD_SQL                                                          \
	"SELECT " FOLLOWUP_HEAD PROVINCE " FROM sampling_followups f JOIN" \
	" sampling_results r ON r.id = f.result_id" SAME_HOLDER " WHERE"   \
	" f.due_on IS NOT NULL AND f.due_on >= ? AND (f.due_on > ? OR"     \
	" f.result_id > ?" AFTER_HOLDER ") AND f.region_code >= ? AND"     \
	" f.region_code < ? AND f.alarm_on < ? ORDER BY f.due_on,"         \
	" f.result_id" BY_HOLDER " LIMIT ?"
	/* Along (due_on, result_id, region_code, alarm_on): the region and
	 * the overdue filter are read from the index, the rows of the page
	 * only from the tables. At the nation a result is (holder, id):
	 * the follow-up's own, and two provinces' follow-ups of one due day
	 * and id come in holder order, the page cursor's last key (0027:
	 * the holder, the province that sampled it, whatever region's the
	 * result is). */
	bool nat = qc_store_national(s);
	rc = qc_nat_prepare(s, BOARD_SQL, &st, err);
#undef BOARD_SQL
#undef BY_HOLDER
#undef AFTER_HOLDER
#undef SAME_HOLDER
#undef PROVINCE
	if (rc)
		return rc;
	const char *after = q->after_due ? q->after_due : "";
	qc_stmt_bind_text(st, 1, after);
	qc_stmt_bind_text(st, 2, after);
	qc_stmt_bind_int(st, 3, q->after_due ? q->after_id : 0);
	int k = 4;
	if (nat) {
		/* No province: past every province's row of that id. */
		qc_stmt_bind_int(st, k++, q->after_due ? q->after_id : 0);
		qc_stmt_bind_text(st, k++,
				  q->after_due && q->after_province ?
					  q->after_province :
					  "~");
	}
	qc_stmt_bind_text(st, k++, lo);
	qc_stmt_bind_text(st, k++, hi);
	qc_stmt_bind_text(st, k++, today_s);
	qc_stmt_bind_int(st, k, q->limit > 0 ? q->limit : NO_LIMIT);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_followup *f = &out->v[out->n];
		fill(st, f);
		qc_followup_evaluate(f, today);
		if (f->awaiting) {
			out->n++;
		} else {
			free(f->enterprise);
			free(f->product);
			free(f->region);
			free(f->failed_items);
		}
	}
	qc_stmt_free(st);
	if (r != QC_DONE) {
		qc_followup_list_release(out);
		return r;
	}
	return QC_OK;
}

enum qc_rc qc_followup_board(struct qc_store *s, const char *region,
			     bool only_overdue, struct qc_followup_list *out,
			     struct qc_error *err)
{
	struct qc_followup_query q = { .region = region,
				       .only_overdue = only_overdue };
	return qc_followup_page(s, &q, out, err);
}

/* The deadline of what f awaits ("" when closed) and the day past which
 * it is overdue: the deadline, or the correction's (order + 60 days)
 * when that is earlier and no correction is recorded. */
static void stored_dates(struct qc_followup *f, char due[11], char alarm[11])
{
	qc_followup_evaluate(f, 0);
	due[0] = alarm[0] = '\0';
	if (!f->awaiting)
		return;
	snprintf(due, 11, "%s", f->due);
	snprintf(alarm, 11, "%s", f->due);
	if (f->ordered_on[0] && !f->corrected_on[0]) {
		char c[11];
		qc_date_from_days(days_of(f->ordered_on) + QC_CORRECTION_DAYS,
				  c);
		if (strcmp(c, alarm) < 0)
			snprintf(alarm, 11, "%s", c);
	}
}

/* Store the deadlines of result_id's follow-up as now recorded. */
static enum qc_rc store_dates(struct qc_store *s, int64_t result_id,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	struct qc_followup f;
	char due[11], alarm[11];
	enum qc_rc rc, r;

	rc = qc_stmt_prepare(s,
			     "SELECT " FOLLOWUP_COLUMNS " FROM"
			     " sampling_followups f JOIN sampling_results r ON"
			     " r.id = f.result_id WHERE f.result_id = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, result_id);
	if ((r = qc_stmt_next(st, err)) != QC_ROW) {
		qc_stmt_free(st);
		return r == QC_DONE ?
			       qc_error_set(err, QC_ENOTFOUND,
					    "result %lld has no follow-up",
					    (long long)result_id) :
			       QC_EDB;
	}
	fill(st, &f);
	qc_stmt_free(st);
	stored_dates(&f, due, alarm);
	free(f.enterprise);
	free(f.product);
	free(f.region);
	free(f.failed_items);
	rc = qc_stmt_prepare(s,
			     "UPDATE sampling_followups SET due_on = ?,"
			     " alarm_on = ? WHERE result_id = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, due[0] ? due : NULL);
	qc_stmt_bind_text(st, 2, alarm[0] ? alarm : NULL);
	qc_stmt_bind_int(st, 3, result_id);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

void qc_followup_list_release(struct qc_followup_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].enterprise);
		free(l->v[i].product);
		free(l->v[i].region);
		free(l->v[i].failed_items);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Each step: its column, the column it needs before it, whether it takes
 * a pass/fail flag (and which column holds it). */
static const struct step {
	const char *name, *col, *after, *flag_col;
} steps[] = {
	{ "notified", "notified_on", NULL, NULL },
	{ "objection", "objection_on", "notified_on", "objection_upheld" },
	{ "ordered", "ordered_on", "notified_on", NULL },
	{ "corrected", "corrected_on", "ordered_on", NULL },
	{ "reinspected", "reinspected_on", "ordered_on", "reinspect_passed" },
	{ "published", "published_on", "reinspected_on", NULL },
	{ "second", "second_reinspected_on", "published_on", "second_passed" },
};

enum qc_rc qc_followup_record(struct qc_store *s, int64_t result_id,
			      const char *step, const char *date, int passed,
			      const char *actor, struct qc_error *err)
{
	const struct step *sp = NULL;
	struct qc_followup f;
	struct qc_stmt *st = NULL;
	char sql[256], key[32], before[160], after[160];
	long day;
	enum qc_rc rc;
	enum qc_rc r;

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (step && !strcmp(step, steps[i].name))
			sp = &steps[i];
	if (!sp)
		return qc_error_set(err, QC_EINVAL,
				    "step: '%s' is not notified,"
				    " objection, ordered, corrected, reinspected,"
				    " published or second",
				    step ? step : "");
	if (!qc_date_days(date, &day))
		return qc_error_set(err, QC_EINVAL,
				    "date: '%s' is not a date "
				    "(YYYY-MM-DD)",
				    date ? date : "");
	if (sp->flag_col && passed < 0)
		return qc_error_set(err, QC_EINVAL,
				    "step '%s' needs its outcome"
				    " (passed or not)",
				    step);
	/* Refused rather than acting on another province's result of the
	 * same id. */
	if (qc_store_national(s))
		return qc_error_set(err, QC_ECONFLICT,
				    "result %lld: result ids repeat across "
				    "provinces on the national server, and its "
				    "follow-ups are the provinces': record the "
				    "step on the province's own server",
				    (long long)result_id);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = qc_stmt_prepare(s,
			     "SELECT " FOLLOWUP_COLUMNS " FROM"
			     " sampling_followups f JOIN sampling_results r ON"
			     " r.id = f.result_id WHERE f.result_id = ?",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_int(st, 1, result_id);
	r = qc_stmt_next(st, err);
	if (r != QC_ROW) {
		rc = r == QC_DONE ?
			     qc_error_set(err, QC_ENOTFOUND,
					  "result"
					  " %lld has no follow-up (only unqualified results "
					  "have one)",
					  (long long)result_id) :
			     QC_EDB;
		goto out;
	}
	fill(st, &f);
	qc_stmt_free(st);
	st = NULL;
	/* The step before must have happened, and not after this date. */
	const char *prev = !sp->after                        ? NULL :
			   !strcmp(sp->after, "notified_on") ? f.notified_on :
			   !strcmp(sp->after, "ordered_on")  ? f.ordered_on :
			   !strcmp(sp->after, "reinspected_on") ?
							      f.reinspected_on :
							      f.published_on;
	if (prev && !prev[0]) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "step '%s' needs '%s' "
				  "recorded first",
				  step, sp->after);
	} else if (prev && days_of(prev) > day) {
		rc = qc_error_set(err, QC_EINVAL, "date: %s is before %s (%s)",
				  date, sp->after, prev);
	} else if (!strcmp(step, "published") && f.reinspect_passed != 0) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "only a failed "
				  "re-inspection is published");
	}
	if (rc)
		goto release;
	/* Column names come from the table above, never from input. */
	if (sp->flag_col)
		snprintf(sql, sizeof(sql),
			 "UPDATE sampling_followups SET"
			 " %s = ?, updated_at = ?, %s = ? WHERE result_id = ?",
			 sp->col, sp->flag_col);
	else
		snprintf(sql, sizeof(sql),
			 "UPDATE sampling_followups SET"
			 " %s = ?, updated_at = ? WHERE result_id = ?",
			 sp->col);
	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		goto release;
	char now[32];
	qc_now_iso(now, sizeof(now));
	qc_stmt_bind_text(st, 1, date);
	qc_stmt_bind_text(st, 2, now);
	if (sp->flag_col) {
		qc_stmt_bind_int(st, 3, passed);
		qc_stmt_bind_int(st, 4, result_id);
	} else {
		qc_stmt_bind_int(st, 3, result_id);
	}
	if ((rc = qc_stmt_run(st, err)) ||
	    (rc = store_dates(s, result_id, err)))
		goto release;
	snprintf(key, sizeof(key), "%lld", (long long)result_id);
	snprintf(before, sizeof(before), "{\"awaiting\": \"%s\"}",
		 f.awaiting ? f.awaiting : "");
	snprintf(after, sizeof(after), "{\"%s\": \"%s\"%s%s}", step, date,
		 sp->flag_col ? ", \"passed\": " : "",
		 sp->flag_col ? (passed ? "true" : "false") : "");
	rc = qc_audit_add(s, actor, "followup", "sampling", key, before, after,
			  err);
release:
	free(f.enterprise);
	free(f.product);
	free(f.region);
	free(f.failed_items);
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}
