/* The annual assessment (docs/assessment-scheme.md): a scoring scheme per
 * plan and year, each unit's and each lower region's score, grade and
 * rank with every item's points and reason (评分依据), and the lists for
 * commendation and criticism.
 *
 * Ownership: structs filled by these calls are released with the
 * matching _release, also after an error. */
#ifndef QCITY_ASSESS_H
#define QCITY_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

enum qc_item_kind {
	QC_ITEM_TARGET = 0, /* a plan target, judged at the year's end */
	QC_ITEM_TASK,       /* a plan task: done or not */
	QC_ITEM_REPORTING,  /* the unit's reporting record of the year */
	QC_ITEM_MANUAL,     /* evidence scored by people, step by step */
	QC_ITEM_BONUS,      /* points per thing won in the year, capped */
	QC_ITEM_VETO,       /* 一票否决: an event forces the lowest grade */
	QC_ITEM_ACCOUNTABILITY, /* deduction per 约谈, 通报批评, 问责 of the
				   unit in the year (qcity/supervision.h) */
	QC_ITEM__KINDS
};

enum qc_item_rule {
	QC_RULE_ALL = 0, /* all or nothing */
	QC_RULE_PARTIAL, /* linear between zero_at and full_at */
	QC_RULE_DEDUCT,  /* points less per_late / per_missing report */
	QC_RULE__COUNT
};

struct qc_scheme_item {
	char *key;
	char *name;
	enum qc_item_kind kind;
	enum qc_item_rule rule;
	double points; /* at most; for bonus the cap */
	char *target;  /* indicator as the plan writes it */
	char *task;    /* task key */
	double full_at, zero_at;
	double per_late, per_missing;
	double per_count;  /* bonus per thing won */
	double per_acc[3]; /* accountability: per 约谈, 通报批评, 问责 */
	bool units, regions; /* who it applies to */
};

struct qc_grade {
	char name[8];
	double min;
};

struct qc_scheme {
	int year;
	char *title;
	struct qc_grade grades[8]; /* best first; the last is the lowest */
	size_t n_grades;
	int bottom; /* criticised when no one is graded lowest */
	struct qc_scheme_item *items;
	size_t n_items, alloc_items;
};

/* Parse a scheme file (qcity-scheme/1 JSON). Errors name the item and
 * field. s is initialised by the call. */
enum qc_rc qc_scheme_from_json(struct qc_scheme *s, const char *text,
			       size_t len, struct qc_error *err);
void qc_scheme_release(struct qc_scheme *s);

/* Validate and store a scheme for plan_id and its year (replacing one
 * stored before), audited. */
enum qc_rc qc_scheme_store(struct qc_store *s, long long plan_id,
			   const char *text, size_t len, const char *actor,
			   struct qc_error *err);

/* Record a score for one item and subject (unit name or region code) at
 * one step: "self" (with evidence), "verified" or "final". Audited. */
enum qc_rc qc_assess_record(struct qc_store *s, long long plan_id, int year,
			    const char *item, const char *subject,
			    const char *step, double points,
			    const char *evidence, const char *reason,
			    const char *actor, struct qc_error *err);

struct qc_assess_line {
	char *item, *name;
	enum qc_item_kind kind;
	double points; /* given */
	double max;    /* possible (0 for bonus and veto) */
	char *source;  /* computed, self, verified, final */
	char *reason;  /* 评分依据 */
};

struct qc_assess_subject {
	bool is_region;
	char *name;   /* unit name or region name */
	char code[8]; /* region code, "" for units */
	struct qc_assess_line *lines;
	size_t n_lines, alloc_lines;
	double earned, possible, bonus;
	double deduction; /* accountability, taken off the score */
	double score;     /* 100 × earned / possible + bonus −
				 deduction */
	char grade[8];
	bool vetoed;
	int rank; /* 1 is best, among units or among regions */
};

struct qc_assessment {
	long long plan_id;
	int year;
	char *scheme; /* the scheme's title, or "default" */
	bool default_scheme;
	struct qc_assess_subject *v; /* units first, then regions */
	size_t n, alloc;
	size_t n_units;
	size_t *commend, n_commend; /* indices into v */
	size_t *criticise, n_criticise;
};

/* Assess plan_id for year under `scheme` (NULL: the scheme stored for
 * the plan and year, else the default scheme of docs/assessment-scheme.md
 * built from the plan). */
enum qc_rc qc_assess(struct qc_store *s, long long plan_id, int year,
		     const struct qc_scheme *scheme, struct qc_assessment *out,
		     struct qc_error *err);
void qc_assessment_release(struct qc_assessment *a);

/* The grade of a score under a scheme's grades. */
const char *qc_scheme_grade(const struct qc_scheme *s, double score);

#endif
