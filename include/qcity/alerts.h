/* Alerts: what the office should look at now, each with its reason and the
 * people it concerns — a target that turned off track, a report or task
 * overdue, a value outside its validation rule (range, unit, a jump far
 * outside the series' own variation), a complaint's legal deadline past
 * or near.
 *
 * Ownership: qc_alerts fills a list the caller releases with
 * qc_alert_list_release, also after an error. */
#ifndef QCITY_ALERTS_H
#define QCITY_ALERTS_H

#include <stddef.h>

#include "qcity/error.h"
#include "qcity/region_code.h"

struct qc_store;

enum qc_alert_kind {
	QC_ALERT_OFF_TRACK = 0,  /* status turned limited or deteriorating */
	QC_ALERT_REPORT_OVERDUE, /* reports missing after their grace days */
	QC_ALERT_TASK_LATE,      /* a task past its due date, not done */
	QC_ALERT_VALUE_RANGE, /* a rate outside 0–100 %, a negative count */
	QC_ALERT_VALUE_UNIT,  /* reported in another unit than the
				    indicator's */
	QC_ALERT_VALUE_JUMP,  /* far outside the series' own variation */
	QC_ALERT_SUPERVISION_OVERDUE, /* a 督查 item past its deadline, not
					 closed (qcity/supervision.h) */
	QC_ALERT_COMPLAINT_OVERDUE,   /* a complaint or report past its legal
				       deadline (qcity/complaint.h) */
	QC_ALERT_COMPLAINT_DUE,       /* one due within 2 working days */
	QC_ALERT_CALENDAR_GAP,        /* open items whose deadline runs past the
				  loaded holiday notices (qcity/workday.h) */
	QC_ALERT_EQUIPMENT_OVERDUE,   /* a county's special equipment past its
				  inspection date or failed (qcity/equipment.h) */
	QC_ALERT_EQUIPMENT_DUE,       /* a county's units due within a month */
	QC_ALERT_METROLOGY_OVERDUE,   /* a county's instruments under
				  compulsory verification past their date or
				  failed (qcity/metrology.h) */
	QC_ALERT__KINDS
};
const char *qc_alert_kind_name(enum qc_alert_kind k);

/* A jump is a change more than this many robust standard deviations
 * (1.4826 × the median absolute deviation of the earlier changes) from
 * their median, judged once a series has four earlier changes. */
#define QC_ALERT_JUMP_K 5.0
#define QC_ALERT_JUMP_MIN_CHANGES 4

struct qc_alert {
	enum qc_alert_kind kind;
	int severity;                     /* 1 notice, 2 warning, 3 serious */
	char *subject;                    /* indicator, unit or task */
	char region[QC_REGION_CODE_SIZE]; /* "" when not about a region */
	char period[12];
	char *reason;
	char *people;   /* units concerned and the office, 、-joined */
	char *acked_by; /* who acknowledged it, or NULL */
	char *ack_note;
};

struct qc_alert_list {
	struct qc_alert *v;
	size_t n, alloc;
	size_t count[QC_ALERT__KINDS];
};

/* Every alert of plan_id as of today (qc_today), most serious first;
 * acknowledged ones carry who acknowledged them. The complaint alerts are
 * those of the open items handled in the plan's region and below (none
 * while no holiday calendar is loaded); their region is the handling
 * county, their people the county's market regulator and the office. */
enum qc_rc qc_alerts(struct qc_store *s, long long plan_id,
		     struct qc_alert_list *out, struct qc_error *err);
void qc_alert_list_release(struct qc_alert_list *l);

/* Acknowledge the alert of plan_id with this kind ("report_overdue" …),
 * subject, region and period (NULL or "" when it has none), with a note.
 * It must be a current alert (QC_ENOTFOUND otherwise); acknowledging it
 * again replaces the note. Audited. */
enum qc_rc qc_alert_ack(struct qc_store *s, long long plan_id, const char *kind,
			const char *subject, const char *region,
			const char *period, const char *note, const char *actor,
			struct qc_error *err);

#endif
