/* Working days: the State Council's yearly holiday notice (holidays and
 * the make-up working days of 调休) as loaded from the npm package
 * chinese-days, and the legal deadlines counted on them
 * (docs/working-days.md). A date in a year the loaded data does not cover
 * is an error, never a guess. */
#ifndef QCITY_WORKDAY_H
#define QCITY_WORKDAY_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/error.h"
#include "qcity/store.h"

/* Replace the stored calendar with the one in path (chinese-days.json:
 * {"holidays": {date: "English,中文,n"}, "workdays": {...}}), all or
 * nothing, audited as actor. *years receives how many years it covers.
 * Notices the store already holds, day for day, are left as they are:
 * nothing is written and nothing audited (`qcity init` runs it each time). */
enum qc_rc qc_calendar_load(struct qc_store *s, const char *path,
			    const char *actor, int *years,
			    struct qc_error *err);

/* The stored calendar in memory, for many questions in a row. The caller
 * frees it with qc_calendar_free. QC_ENOTFOUND when none is loaded. */
struct qc_calendar;
enum qc_rc qc_calendar_open(struct qc_store *s, struct qc_calendar **out,
			    struct qc_error *err);
void qc_calendar_free(struct qc_calendar *c);

/* The first and last year the calendar covers. */
void qc_calendar_span(const struct qc_calendar *c, int *first, int *last);

/* Whether an ISO date is a working day; QC_EINVAL for a malformed date,
 * QC_ENOTFOUND outside the loaded years. name (may be NULL) receives the
 * holiday's or make-up day's Chinese name, or NULL on an ordinary day;
 * it points into c. */
enum qc_rc qc_calendar_is_workday(const struct qc_calendar *c, const char *date,
				  bool *workday, const char **name,
				  struct qc_error *err);

/* The n-th working day after date (the day of receipt itself is not
 * counted, whatever day it is: 期间开始之日不计算在内), as an ISO date in
 * out (11 bytes). n >= 1. */
enum qc_rc qc_calendar_add_workdays(const struct qc_calendar *c,
				    const char *date, int n, char out[11],
				    struct qc_error *err);

/* Working days after from up to and including to (0 when to <= from). */
enum qc_rc qc_calendar_workdays_between(const struct qc_calendar *c,
					const char *from, const char *to,
					int *n, struct qc_error *err);

/* Legal time limits in working days: complaints from
 * 《市场监督管理投诉举报处理暂行办法》 (SAMR order 2019 No. 20), reports
 * (举报) from 《市场监督管理行政处罚程序规定》 art. 18, which its art. 31
 * applies; docs/working-days.md cites each. */
enum qc_deadline_rule {
	QC_DL_COMPLAINT_ACCEPT, /* art. 14: accept or not, 7 after receipt */
	QC_DL_COMPLAINT_MEDIATE, /* art. 21: mediation ends, 45 after acceptance */
	QC_DL_COMPLAINT_NOTIFY, /* art. 21: tell both sides, 7 after ending */
	QC_DL_REPORT_DECIDE,    /* 处罚程序 art. 18: check and decide, 15 */
	QC_DL_REPORT_EXTENSION  /* same: extension by approval, 15 more */
};
/* The rule's number of working days and a short Chinese citation
 * (static storage). */
int qc_deadline_days(enum qc_deadline_rule r, const char **citation);
/* The deadline of rule r for an event on date. */
enum qc_rc qc_deadline_due(const struct qc_calendar *c, enum qc_deadline_rule r,
			   const char *date, char out[11],
			   struct qc_error *err);

#endif
