/* An item's running legal deadline: what it awaits (acceptance,
 * mediation, notice, decision), from which date, how many working days by
 * the rules (qc_deadline_days), and where that falls on the holiday
 * calendar (qcity/workday.h); a board's distinct deadlines worked out once
 * (docs/complaints.md "Scale"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/workday.h"
#include "complaint_int.h"
#include "banned.h"

/* The running deadline of c: what it awaits, from which date, and how
 * many working days; false when none runs. */
static bool running(struct qc_complaint *c, const char **from, int *days)
{
	enum qc_deadline_rule rule;

	if (c->kind == QC_COMPLAINT && !strcmp(c->state, "received")) {
		c->awaiting = "accept";
		rule = QC_DL_COMPLAINT_ACCEPT;
		*from = c->received_on;
	} else if (c->kind == QC_COMPLAINT &&
		   (!strcmp(c->state, "accepted") ||
		    !strcmp(c->state, "mediating"))) {
		c->awaiting = "mediate";
		rule = QC_DL_COMPLAINT_MEDIATE;
		*from = c->accepted_on;
	} else if (c->kind == QC_COMPLAINT &&
		   !strcmp(c->state, "mediation_ended")) {
		c->awaiting = "notify";
		rule = QC_DL_COMPLAINT_NOTIFY;
		*from = c->ended_on;
	} else if (c->kind == QC_REPORT && (!strcmp(c->state, "received") ||
					    !strcmp(c->state, "checked"))) {
		c->awaiting = "decide";
		rule = QC_DL_REPORT_DECIDE;
		*from = c->received_on;
	} else {
		return false;
	}
	*days = qc_deadline_days(rule, &c->rule);
	if (rule == QC_DL_REPORT_DECIDE && c->extended)
		*days += qc_deadline_days(QC_DL_REPORT_EXTENSION, NULL);
	return true;
}

/* The deadline `days` working days after `from`, and the working days
 * left to it (negative: overdue) as of today. */
static enum qc_rc deadline(const struct qc_calendar *cal, const char *from,
			   int days, long today, struct qc_complaint *c,
			   struct qc_error *err)
{
	char now[11];
	long due;
	int n;
	enum qc_rc rc;

	if ((rc = qc_calendar_add_workdays(cal, from, days, c->due, err)))
		return rc;
	qc_date_from_days(today, now);
	(void)qc_date_days(c->due, &due);
	if (today <= due) {
		rc = qc_calendar_workdays_between(cal, now, c->due, &n, err);
		c->workdays_left = n;
	} else {
		rc = qc_calendar_workdays_between(cal, c->due, now, &n, err);
		c->workdays_left = -n;
		c->overdue = true;
	}
	return rc;
}

/* Deadlines already worked out in one board, by start date and length:
 * a board of 50 000 items has a few hundred distinct ones, and each costs
 * a walk over the calendar (docs/complaints.md "Scale"). */
#define MEMO_SIZE 4096
struct qc_cpl_memo {
	char from[11], due[11];
	int days, left;
	bool overdue, used;
};

static struct qc_cpl_memo *memo_slot(struct qc_cpl_memo *m, const char *from,
				     int days)
{
	unsigned h = (unsigned)days * 31u;
	for (const char *p = from; *p; p++)
		h = h * 131u + (unsigned char)*p;
	for (unsigned k = 0; k < MEMO_SIZE; k++) {
		struct qc_cpl_memo *x = &m[(h + k) % MEMO_SIZE];
		if (!x->used || (x->days == days && !strcmp(x->from, from)))
			return x;
	}
	return NULL; /* full: work it out without */
}

struct qc_cpl_memo *qc_cpl_memo_new(void)
{
	return qc_xcalloc(MEMO_SIZE, sizeof(struct qc_cpl_memo));
}

enum qc_rc qc_cpl_evaluate(const struct qc_calendar *cal,
			   struct qc_complaint *c, long today,
			   struct qc_cpl_memo *memo, struct qc_error *err)
{
	const char *from;
	struct qc_cpl_memo *m;
	int days;
	enum qc_rc rc;

	c->awaiting = NULL;
	c->due[0] = '\0';
	c->overdue = c->due_soon = false;
	c->workdays_left = 0;
	c->rule = NULL;
	if (!running(c, &from, &days))
		return QC_OK;
	m = memo && strlen(from) < sizeof(m->from) ?
		    memo_slot(memo, from, days) :
		    NULL;
	if (m && m->used) {
		memcpy(c->due, m->due, sizeof(c->due));
		c->workdays_left = m->left;
		c->overdue = m->overdue;
	} else if ((rc = deadline(cal, from, days, today, c, err))) {
		return rc; /* errors are not kept: each sets its message */
	} else if (m) {
		m->used = true;
		m->days = days;
		snprintf(m->from, sizeof(m->from), "%s", from);
		memcpy(m->due, c->due, sizeof(m->due));
		m->left = c->workdays_left;
		m->overdue = c->overdue;
	}
	c->due_soon = !c->overdue && c->workdays_left <= 2;
	return QC_OK;
}

enum qc_rc qc_complaint_evaluate(const struct qc_calendar *cal,
				 struct qc_complaint *c, long today,
				 struct qc_error *err)
{
	return qc_cpl_evaluate(cal, c, today, NULL, err);
}
