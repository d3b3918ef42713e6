/* The reminder scan: derive the events of "now" from the database state
 * (reporting calendar, review, 督查, complaint deadlines, special
 * equipment coming due: equipment.c; instruments overdue for
 * verification: metrology.c), and store each
 * new one with its inbox items and queued mail, in one transaction. An
 * event's key makes it once-only: a second scan finds it stored and does
 * nothing, and writes nothing (the data version stays). */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/remind.h"
#include "qcity/reporting.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "qcity/workday.h"
#include "remind_int.h"
#include "banned.h"

#define ACTOR "system:remind"
#define TEXT_CAP 65536


static char *textf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *textf(const char *fmt, ...)
{
	struct qc_buf b;
	va_list ap;
	qc_buf_init(&b, TEXT_CAP);
	va_start(ap, fmt);
	qc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (qc_buf_failed(&b)) {
		/* Over the cap: the text as far as it went, marked cut. */
		qc_buf_release(&b);
		qc_buf_init(&b, TEXT_CAP);
		qc_buf_adds(&b, "…");
	}
	return qc_buf_detach(&b, NULL);
}

/* Who an event concerns: a unit's reporters (unit_id), else the handling
 * county's staff and the office (county: its region accounts and the
 * reporters of its market regulator), else the office. */
static const char *recipients(int64_t unit_id, const char *county)
{
	if (unit_id)
		return "SELECT id, email FROM users WHERE role = 'unit' AND"
		       " unit_id = ? ORDER BY id";
	if (county)
		return "SELECT id, email FROM users WHERE role = 'office' OR"
		       " (role = 'region' AND region_code = ?) OR (role ="
		       " 'unit' AND unit_id IN (SELECT id FROM units WHERE"
		       " region_code = ? AND (name LIKE '%市场监督管理%' OR"
		       " name LIKE '%市场监管%'))) ORDER BY id";
	return "SELECT id, email FROM users WHERE role = 'office' ORDER BY id";
}

/* Store one event unless its key is known: inbox items for every user
 * it concerns (recipients()), and a mail for each of them with an address
 * when mail is on. */
enum qc_rc qc_remind_emit_to(struct qc_remind_ctx *c, const char *key,
			     const char *kind, int64_t unit_id,
			     const char *county, const char *title,
			     const char *body, const char *link,
			     struct qc_error *err)
{
	struct qc_stmt *st = NULL, *ins = NULL;
	enum qc_rc rc;
	int64_t ev;
	int r, users = 0, mails = 0;

	if ((rc = qc_stmt_prepare(c->s,
				  "SELECT 1 FROM remind_events WHERE"
				  " event_key = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, key);
	r = qc_stmt_next(st, err);
	qc_stmt_free(st);
	st = NULL;
	if (r != QC_DONE)
		return qc_step_rc(r);
	if ((rc = qc_stmt_prepare(c->s,
				  "INSERT INTO remind_events (event_key,"
				  " kind, unit_id, title, body, link,"
				  " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
				  " RETURNING id",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, key);
	qc_stmt_bind_text(st, 2, kind);
	if (unit_id)
		qc_stmt_bind_int(st, 3, unit_id);
	else
		qc_stmt_bind_null(st, 3);
	qc_stmt_bind_text(st, 4, title);
	qc_stmt_bind_text(st, 5, body);
	qc_stmt_bind_text(st, 6, link);
	qc_stmt_bind_text(st, 7, c->now);
	rc = qc_stmt_run_id(st, &ev, err);
	qc_stmt_free(st);
	st = NULL;
	if (rc)
		return rc;
	c->rep->events++;
	if ((rc = qc_stmt_prepare(c->s, recipients(unit_id, county), &st, err)))
		return rc;
	if (unit_id) {
		qc_stmt_bind_int(st, 1, unit_id);
	} else if (county) {
		qc_stmt_bind_text(st, 1, county);
		qc_stmt_bind_text(st, 2, county);
	}
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *email = qc_stmt_text(st, 1);
		if ((rc = qc_stmt_prepare(c->s,
					  "INSERT INTO inbox (user_id,"
					  " event_id, created_at) VALUES (?, ?,"
					  " ?)",
					  &ins, err)))
			goto out;
		qc_stmt_bind_int(ins, 1, qc_stmt_int(st, 0));
		qc_stmt_bind_int(ins, 2, ev);
		qc_stmt_bind_text(ins, 3, c->now);
		rc = qc_stmt_run(ins, err);
		qc_stmt_free(ins);
		ins = NULL;
		if (rc)
			goto out;
		users++;
		if (!c->mail || !email || !*email)
			continue;
		if ((rc = qc_stmt_prepare(c->s,
					  "INSERT INTO remind_mail"
					  " (event_id, to_addr, next_at,"
					  " created_at) VALUES (?, ?, ?, ?) ON"
					  " CONFLICT DO NOTHING",
					  &ins, err)))
			goto out;
		qc_stmt_bind_int(ins, 1, ev);
		qc_stmt_bind_text(ins, 2, email);
		qc_stmt_bind_text(ins, 3, c->now);
		qc_stmt_bind_text(ins, 4, c->now);
		rc = qc_stmt_run(ins, err);
		qc_stmt_free(ins);
		ins = NULL;
		if (rc)
			goto out;
		mails++;
	}
	if ((rc = qc_step_rc(r)))
		goto out;
	c->rep->inbox += (size_t)users;
	c->rep->queued += (size_t)mails;
	rc = qc_audit_add_json(c->s, ACTOR, "add", "remind_event", key, NULL,
			       qc_xjson_pack("{s:s, s:s, s:i, s:i}", "kind",
					     kind, "title", title, "inbox",
					     users, "mail", mails),
			       err);
out:
	qc_stmt_free(st);
	qc_stmt_free(ins);
	return rc;
}

static enum qc_rc emit(struct qc_remind_ctx *c, const char *key,
		       const char *kind, int64_t unit_id, const char *title,
		       const char *body, const char *link, struct qc_error *err)
{
	return qc_remind_emit_to(c, key, kind, unit_id, NULL, title, body, link,
				 err);
}

/* ---- reports coming due and overdue ------------------------------------- */

struct duty {
	int64_t plan;
	char *title;
	int start, end;
	enum qc_report_kind kind;
	int grace;
};

static const char *kind_label(enum qc_report_kind k)
{
	/* TRANSLATORS: the kind of a progress report (月度报告). */
	return k == QC_REPORT_MONTHLY   ? _("monthly progress") :
	       k == QC_REPORT_HALF_YEAR ? _("half-year progress") :
					  _("annual progress");
}

static enum qc_rc reported(struct qc_store *s, int64_t plan, int64_t unit,
			   const char *period, bool *yes, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT 1 FROM progress_reports p JOIN"
				  " tasks t ON t.id = p.task_id WHERE t.plan_id"
				  " = ? AND p.unit_id = ? AND p.period = ? AND"
				  " t.kind = 'item'",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan);
	qc_stmt_bind_int(st, 2, unit);
	qc_stmt_bind_text(st, 3, period);
	r = qc_stmt_next(st, err);
	qc_stmt_free(st);
	*yes = r == QC_ROW;
	return qc_step_rc(r);
}

static enum qc_rc duty_unit(struct qc_remind_ctx *c, const struct duty *d,
			    int64_t unit, const char *unit_name,
			    struct qc_error *err)
{
	int y0, y1, m, dd;
	enum qc_rc rc = QC_OK;

	qc_civil_from_days(c->today, &y1, &m, &dd);
	y0 = y1 - 1;
	if (d->start && y0 < d->start)
		y0 = d->start;
	if (d->end && y1 > d->end)
		y1 = d->end;
	for (int y = y0; y <= y1 && !rc; y++) {
		char ps[12][12];
		int np = qc_report_periods(d->kind, y, ps);
		for (int i = 0; i < np && !rc; i++) {
			char dl[16], key[160];
			long dl_days;
			bool done;
			if (!qc_report_deadline(ps[i], d->grace, dl,
						sizeof(dl)) ||
			    !qc_date_days(dl, &dl_days))
				continue;
			bool due = dl_days >= c->today &&
				   dl_days <= c->today + c->due_days;
			bool late = dl_days < c->today &&
				    dl_days >=
					    c->today - QC_REMIND_OVERDUE_DAYS;
			if (!due && !late)
				continue;
			if ((rc = reported(c->s, d->plan, unit, ps[i], &done,
					   err)) ||
			    done)
				continue;
			snprintf(key, sizeof(key), "%s:%lld:%lld:%s:%s",
				 due ? "due" : "overdue", (long long)d->plan,
				 (long long)unit, qc_report_kind_name(d->kind),
				 ps[i]);
			if (late)
				c->overdue_reports++;
			char *title =
				/* TRANSLATORS: the plan, the period, the
				 * kind (monthly …), the deadline. */
				due ? textf(_("Report due: %s %s %s report, due "
					      "%s"),
					    d->title, ps[i],
					    kind_label(d->kind), dl) :
				      textf(_("Report overdue: %s %s %s "
					      "report, due %s"),
					    d->title, ps[i],
					    kind_label(d->kind), dl);
			char *body =
				/* TRANSLATORS: the unit, the deadline, the
				 * plan, the period, the kind, days left. */
				due ? textf(_("%s: please report the progress "
					      "by %s on “%s” for %s (%s "
					      "report; %ld days left)."),
					    unit_name, dl, d->title, ps[i],
					    kind_label(d->kind),
					    dl_days - c->today) :
				      /* TRANSLATORS: the unit, the plan, the
				       * period, the kind, the deadline, the
				       * days late. */
					textf(_("%s: the progress on “%s” for %s "
						"(%s report) was due by %s and "
						"is %ld days overdue; please "
						"report it as soon as "
						"possible."),
					      unit_name, d->title, ps[i],
					      kind_label(d->kind), dl,
					      c->today - dl_days);
			rc = emit(c, key, due ? "report_due" : "report_overdue",
				  unit, title, body, "#/entry", err);
			free(title);
			free(body);
		}
	}
	return rc;
}

static enum qc_rc scan_reports(struct qc_remind_ctx *c, struct qc_error *err)
{
	struct duty *d = NULL;
	size_t n = 0, alloc = 0;
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;

	if ((rc = qc_stmt_prepare(
		     c->s,
		     "SELECT p.id, p.title,"
		     " COALESCE(p.period_start, 0), COALESCE(p.period_end, 0),"
		     " d.kind, d.grace_days FROM report_duties d JOIN plans p ON"
		     " p.id = d.plan_id WHERE p.status = 'active' ORDER BY p.id,"
		     " d.seq",
		     &st, err)))
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(d, n + 1, alloc);
		d[n].plan = qc_stmt_int(st, 0);
		d[n].title = qc_xstrdup(qc_stmt_text(st, 1));
		d[n].start = (int)qc_stmt_int(st, 2);
		d[n].end = (int)qc_stmt_int(st, 3);
		if (!qc_report_kind_parse(qc_stmt_text(st, 4), &d[n].kind))
			d[n].kind = QC_REPORT_ANNUAL;
		d[n].grace = (int)qc_stmt_int(st, 5);
		n++;
	}
	qc_stmt_free(st);
	rc = qc_step_rc(r);
	/* Who reports: the lead units of the plan's work items, as in the
	 * engine's reporting calendar (src/lib/engine/reporting.c). */
	for (size_t i = 0; i < n && !rc; i++) {
		if ((rc = qc_stmt_prepare(
			     c->s,
			     "SELECT u.id, u.name FROM units"
			     " u WHERE u.id IN (SELECT o.unit_id FROM task_owners o"
			     " JOIN tasks t ON t.id = o.task_id WHERE t.plan_id = ?"
			     " AND o.role = 'lead' AND t.kind = 'item')"
			     " ORDER BY u.id",
			     &st, err)))
			break;
		qc_stmt_bind_int(st, 1, d[i].plan);
		int64_t *units = NULL;
		char **names = NULL;
		size_t nu = 0, au = 0, an = 0;
		while ((r = qc_stmt_next(st, err)) == QC_ROW) {
			QC_GROW(units, nu + 1, au);
			QC_GROW(names, nu + 1, an);
			units[nu] = qc_stmt_int(st, 0);
			names[nu++] = qc_xstrdup(qc_stmt_text(st, 1));
		}
		qc_stmt_free(st);
		rc = qc_step_rc(r);
		for (size_t k = 0; k < nu; k++) {
			if (!rc)
				rc = duty_unit(c, &d[i], units[k], names[k],
					       err);
			free(names[k]);
		}
		free(units);
		free(names);
	}
	for (size_t i = 0; i < n; i++)
		free(d[i].title);
	free(d);
	return rc;
}

/* ---- returned submissions ------------------------------------------------ */

static enum qc_rc scan_returned(struct qc_remind_ctx *c, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;

	if ((rc = qc_stmt_prepare(c->s,
				  "SELECT s.id, s.unit_id, u.name,"
				  " s.period, s.reason, s.reviewed_by,"
				  " s.reviewed_at FROM submissions s JOIN units"
				  " u ON u.id = s.unit_id WHERE s.state ="
				  " 'returned' ORDER BY s.id",
				  &st, err)))
		return rc;
	while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
		char key[96];
		const char *at = qc_stmt_text(st, 6);
		/* Returned again after a new submission: a new event. */
		snprintf(key, sizeof(key), "returned:%lld:%.30s",
			 (long long)qc_stmt_int(st, 0), at ? at : "");
		/* TRANSLATORS: the unit, the period. */
		char *title = textf(_("Returned: the submission of %s for %s "
				      "was returned"),
				    qc_stmt_text(st, 2), qc_stmt_text(st, 3));
		char *body =
			/* TRANSLATORS: the unit, the period, the reason,
			 * the reviewer, the day. */
			textf(_("The data %s submitted for %s was returned. "
				"Reason: %s (reviewer: %s, %.10s). Please "
				"correct it and submit again."),
			      qc_stmt_text(st, 2), qc_stmt_text(st, 3),
			      qc_stmt_text(st, 4) ? qc_stmt_text(st, 4) :
						    _("not given"),
			      qc_stmt_text(st, 5) ? qc_stmt_text(st, 5) :
						    _("the office"),
			      at ? at : "");
		rc = emit(c, key, "returned", qc_stmt_int(st, 1), title, body,
			  "#/entry", err);
		free(title);
		free(body);
	}
	if (!rc)
		rc = qc_step_rc(r);
	qc_stmt_free(st);
	return rc;
}

/* ---- 督查 items: new, and overdue ---------------------------------------- */

static enum qc_rc scan_supervision(struct qc_remind_ctx *c, size_t *open,
				   size_t *overdue, struct qc_error *err)
{
	struct qc_stmt *st;
	char today[11];
	enum qc_rc rc;
	int r;

	qc_date_from_days(c->today, today);
	/* The last reopen (its number and reason), if any: each reopening
	 * is news to the unit again. */
	if ((rc = qc_stmt_prepare(
		     c->s,
		     "SELECT i.id, i.unit_id, u.name,"
		     " i.finding, i.rectify, i.deadline, p.title, (SELECT COUNT(*)"
		     " FROM supervision_steps s WHERE s.item_id = i.id AND s.action"
		     " = 'reopen'), (SELECT s.text FROM supervision_steps s WHERE"
		     " s.item_id = i.id AND s.action = 'reopen' ORDER BY s.id DESC"
		     " LIMIT 1) FROM supervision_items i JOIN units u ON u.id ="
		     " i.unit_id JOIN plans p ON p.id = i.plan_id WHERE i.state <>"
		     " 'closed' ORDER BY i.id",
		     &st, err)))
		return rc;
	while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
		char key[80], link[48];
		long long id = (long long)qc_stmt_int(st, 0);
		const char *deadline = qc_stmt_text(st, 5);
		bool late = strcmp(deadline, today) < 0;
		(*open)++;
		snprintf(link, sizeof(link), "#/supervision/%lld", id);
		snprintf(key, sizeof(key), "supervision:%lld", id);
		char *title = textf(_("Supervision item: %s"),
				    qc_stmt_text(st, 3));
		/* TRANSLATORS: the plan, the item's number, the unit, the
		 * problem, what to rectify, the deadline. */
		char *body = textf(_("Supervision item No. %2$lld of “%1$s”, "
				     "responsible unit %3$s.\nProblem: "
				     "%4$s\nRectification required: %5$s\n"
				     "Deadline: %6$s"),
				   qc_stmt_text(st, 6), id, qc_stmt_text(st, 2),
				   qc_stmt_text(st, 3), qc_stmt_text(st, 4),
				   deadline);
		rc = emit(c, key, "supervision", qc_stmt_int(st, 1), title,
			  body, link, err);
		free(title);
		free(body);
		int64_t reopened = qc_stmt_int(st, 7);
		if (!rc && reopened) {
			snprintf(key, sizeof(key),
				 "supervision_reopened:%lld:%lld", id,
				 (long long)reopened);
			title = textf(_("Supervision item reopened: %s"),
				      qc_stmt_text(st, 3));
			body = textf(_("Supervision item No. %lld was "
				       "reopened. Reason: %s\nRectification "
				       "required: %s\nDeadline: %s"),
				     id,
				     qc_stmt_text(st, 8) ? qc_stmt_text(st, 8) :
							   _("not given"),
				     qc_stmt_text(st, 4), deadline);
			rc = emit(c, key, "supervision", qc_stmt_int(st, 1),
				  title, body, link, err);
			free(title);
			free(body);
		}
		if (rc || !late)
			continue;
		(*overdue)++;
		snprintf(key, sizeof(key), "supervision_overdue:%lld", id);
		title = textf(_("Supervision item overdue: %s"),
			      qc_stmt_text(st, 3));
		/* TRANSLATORS: the item's number, the unit, the deadline. */
		body = textf(_("Supervision item No. %lld (%s) passed its "
			       "deadline %s and is not closed. Please rectify "
			       "and answer as soon as possible."),
			     id, qc_stmt_text(st, 2), deadline);
		rc = emit(c, key, "supervision_overdue", qc_stmt_int(st, 1),
			  title, body, link, err);
		free(title);
		free(body);
	}
	if (!rc)
		rc = qc_step_rc(r);
	qc_stmt_free(st);
	return rc;
}

/* ---- complaints and reports near or past their legal deadline ----------- */

/* Each open item once when it comes within 2 working days of its
 * deadline and once when it passes it (a new deadline, after the next
 * step, is a new event): to the handling county and the office. */
static enum qc_rc scan_complaints(struct qc_remind_ctx *c, struct qc_error *err)
{
	struct qc_complaint_list l;
	struct qc_calendar *cal;
	enum qc_rc rc = QC_OK;

	if (qc_calendar_open(c->s, &cal, NULL))
		return QC_OK; /* no holiday calendar: no deadline to tell */
	rc = qc_complaint_open(c->s, cal, NULL, c->today, true, &l, err);
	qc_calendar_free(cal);
	if (rc)
		return rc;
	for (size_t i = 0; i < l.n && !rc; i++) {
		const struct qc_complaint *x = &l.v[i];
		const char *what = x->kind == QC_REPORT ? _("report") :
							  _("complaint");
		char key[96], link[40];
		if (!x->due[0])
			continue;
		snprintf(key, sizeof(key), "%s:%lld:%s:%s",
			 x->overdue ? "complaint_overdue" : "complaint_due",
			 (long long)x->id, x->awaiting, x->due);
		snprintf(link, sizeof(link), "#/complaints/%lld",
			 (long long)x->id);
		char *title = x->overdue ?
				      textf(_("Overdue: %s %lld (%s), due %s"),
					    what, (long long)x->id,
					    x->respondent, x->due) :
				      textf(_("Due soon: %s %lld (%s), due %s"),
					    what, (long long)x->id,
					    x->respondent, x->due);
		char *body =
			x->overdue ?
				textf(_("The legal deadline of %s %lld "
					"(received %s, handled by %s) passed "
					"on %s, %d working day(s) ago: %s."),
				      what, (long long)x->id, x->received_on,
				      x->region, x->due, -x->workdays_left,
				      x->rule ? x->rule : "") :
				textf(_("The legal deadline of %s %lld "
					"(received %s, handled by %s) is %s, "
					"in %d working day(s): %s."),
				      what, (long long)x->id, x->received_on,
				      x->region, x->due, x->workdays_left,
				      x->rule ? x->rule : "");
		rc = qc_remind_emit_to(c, key,
				       x->overdue ? "complaint_overdue" :
						    "complaint_due",
				       0, x->region, title, body, link, err);
		free(title);
		free(body);
	}
	qc_complaint_list_release(&l);
	return rc;
}

/* ---- the weekly digest for the office ----------------------------------- */

static enum qc_rc count(struct qc_store *s, const char *sql, int64_t *n,
			struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;
	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	r = qc_stmt_next(st, err);
	*n = r == QC_ROW ? qc_stmt_int(st, 0) : 0;
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static enum qc_rc digest(struct qc_remind_ctx *c, size_t open, size_t overdue,
			 struct qc_error *err)
{
	/* ISO week: weeks start on Monday; the week's year is its
	 * Thursday's. 1970-01-01 was a Thursday. */
	long wd = ((c->today + 3) % 7 + 7) % 7;
	long thu = c->today - wd + 3;
	int y, m, d;
	int64_t waiting, returned;
	enum qc_rc rc;
	char key[48], monday[11];

	qc_civil_from_days(thu, &y, &m, &d);
	long week = (thu - qc_days_from_civil(y, 1, 1)) / 7 + 1;
	snprintf(key, sizeof(key), "digest:%04d-W%02d", y % 10000,
		 (int)(week % 100));
	qc_date_from_days(c->today - wd, monday);
	if ((rc = count(c->s,
			"SELECT COUNT(*) FROM submissions WHERE state ="
			" 'submitted'",
			&waiting, err)) ||
	    (rc = count(c->s,
			"SELECT COUNT(*) FROM submissions WHERE state ="
			" 'returned'",
			&returned, err)))
		return rc;
	/* TRANSLATORS: the ISO year, the week's number, its Monday. */
	char *title = textf(_("Weekly digest: %d, week %ld (from %s)"), y, week,
			    monday);
	char *body = textf(_("Submissions awaiting review: %lld; returned for "
			     "correction: %lld; reports overdue in the last "
			     "%d days: %zu; supervision items not closed: "
			     "%zu, %zu of them overdue."),
			   (long long)waiting, (long long)returned,
			   QC_REMIND_OVERDUE_DAYS, c->overdue_reports, open,
			   overdue);
	rc = emit(c, key, "digest", 0, title, body, "#/review", err);
	free(title);
	free(body);
	return rc;
}

enum qc_rc qc_remind_scan(struct qc_store *s, const char *now,
			  struct qc_remind_report *rep, struct qc_error *err)
{
	struct qc_remind_settings set;
	struct qc_remind_ctx c = { .s = s, .rep = rep };
	long long secs;
	size_t open = 0, overdue = 0;
	enum qc_rc rc;

	if (!qc_remind_now_secs(now, &secs))
		return qc_error_set(err, QC_EINVAL,
				    "now: '%s' is not a date "
				    "(2026-05-01) or a UTC time "
				    "(2026-05-01T08:00:00Z)",
				    now ? now : "");
	qc_remind_iso(secs, c.now);
	c.today = (long)(secs / 86400);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_remind_settings_get(s, &set, err)))
		goto out;
	c.due_days = set.due_days;
	c.mail = set.smtp_host && *set.smtp_host;
	qc_remind_settings_release(&set);
	if ((rc = scan_reports(&c, err)) || (rc = scan_returned(&c, err)) ||
	    (rc = scan_supervision(&c, &open, &overdue, err)) ||
	    (rc = scan_complaints(&c, err)) ||
	    (rc = qc_remind_scan_equipment(&c, err)) ||
	    (rc = qc_remind_scan_metrology(&c, err)))
		goto out;
	rc = digest(&c, open, overdue, err);
out:
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_remind_run(struct qc_store *s, const char *now,
			 struct qc_remind_report *rep, struct qc_error *err)
{
	enum qc_rc rc = qc_remind_scan(s, now, rep, err);
	return rc ? rc : qc_remind_deliver(s, now, rep, err);
}
