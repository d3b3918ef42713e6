/* Reporting duties and task progress: for each unit and period of the
 * plan's calendar (每月报送工作推进情况, 每半年报送一次工作总结), whether the
 * report came, and in time — within the duty's grace days after the
 * period ends — and each task's state for its lead units.
 *
 * Who must report: the lead units of the plan's work items (tasks of
 * kind item; sections are headings). A report for a period is any
 * progress report (qcity progress add) the unit gave for that period on
 * any work item of the plan; its date is when it
 * was submitted. "Now" is qc_today() (QCITY_NOW fixes it).
 * Lists are released with the matching _release. */
#ifndef QCITY_REPORTING_H
#define QCITY_REPORTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/plan.h"

struct qc_store;

enum qc_report_state {
	QC_REPORT_ON_TIME = 0,
	QC_REPORT_LATE,    /* came after the grace days */
	QC_REPORT_MISSING, /* not come, and the grace days are over */
	QC_REPORT_NOT_DUE, /* not come, but still within time */
	QC_REPORT__STATES
};
const char *qc_report_state_name(enum qc_report_state s);

/* One unit's record under one duty, over the periods considered. */
struct qc_unit_reporting {
	int64_t unit_id;
	char *unit;
	enum qc_report_kind kind;
	int grace_days;
	int count[QC_REPORT__STATES];
	int due;           /* periods whose deadline has passed */
	double rate;       /* reported / due (1 when nothing was due) */
	double timeliness; /* on time / due */
	char *missing;     /* missing periods, "2020-03、2020-04" */
	char *late;        /* late periods with days late */
};

/* One period of one duty, over the units. */
struct qc_period_reporting {
	enum qc_report_kind kind;
	char period[12];
	char deadline[16]; /* ISO date */
	int count[QC_REPORT__STATES];
};

struct qc_reporting {
	long long plan_id;
	char as_of[16]; /* today, ISO date */
	int year;       /* 0: every year of the plan */
	struct qc_unit_reporting *units;
	size_t n_units, alloc_units;
	struct qc_period_reporting *periods;
	size_t n_periods, alloc_periods;
};

/* The record of every reporting unit under every duty of plan_id, for
 * the periods of `year` (0: all years of the plan) up to today. */
enum qc_rc qc_reporting_compute(struct qc_store *s, long long plan_id, int year,
				struct qc_reporting *out, struct qc_error *err);
void qc_reporting_release(struct qc_reporting *r);

/* The periods of a year under a duty of kind k (2024-01 … 2024-12,
 * 2024-H1 and 2024-H2, or 2024), into out; how many. */
int qc_report_periods(enum qc_report_kind k, int year, char out[12][12]);

/* The deadline of a period under a duty: the day the period ends plus
 * grace_days, as an ISO date into buf (11 bytes). False if not a
 * period. */
bool qc_report_deadline(const char *period, int grace_days, char *buf,
			size_t n);

enum qc_task_state {
	QC_TASK_DONE = 0,
	QC_TASK_ON_TIME,      /* reported, not done, not yet due */
	QC_TASK_LATE,         /* not done and past its due date */
	QC_TASK_NOT_REPORTED, /* no report at all, not yet due */
	QC_TASK__STATES
};
const char *qc_task_state_name(enum qc_task_state s);

/* A row of the list: one lead unit of a work item (one row without a
 * unit when the item names none), or an outline heading (section: one
 * row, no unit, no state; there for the tree, counted nowhere). */
struct qc_task_status {
	char *key, *title;
	bool section;
	char *unit; /* lead unit, NULL if the task names none */
	char *due;  /* ISO date or NULL */
	enum qc_task_state state;
	char *last_period; /* the latest report: period, status, date */
	char *last_status;
	char *last_submitted;
};

struct qc_task_list {
	struct qc_task_status *v;
	size_t n, alloc;
	size_t n_items;                /* rows that are not sections */
	size_t count[QC_TASK__STATES]; /* of those rows */
};

/* Each task of plan_id × each of its lead units, as of today, in plan
 * order; its sections each as one row with `section` set. */
enum qc_rc qc_task_status_list(struct qc_store *s, long long plan_id,
			       struct qc_task_list *out, struct qc_error *err);
void qc_task_list_release(struct qc_task_list *l);

#endif
