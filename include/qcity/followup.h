/* Follow-up of unqualified sampling results (后处理), with the deadlines of
 * the supervision sampling rules:
 *   objection window   15 days from the notice (异议);
 *   correction         due 60 days after the order to correct (整改);
 *   re-inspection      within 75 days of the order (复查);
 *   publication        within 15 days of a failed re-inspection (a qcity
 *                      default; the rules say "publish");
 *   second re-inspection 60 to 90 days after publication.
 * Deadlines are derived from the recorded dates, so correcting a date
 * moves every deadline after it. */
#ifndef QCITY_FOLLOWUP_H
#define QCITY_FOLLOWUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

#define QC_OBJECTION_DAYS 15
#define QC_CORRECTION_DAYS 60
#define QC_REINSPECT_DAYS 75
#define QC_PUBLISH_DAYS 15
#define QC_SECOND_FROM_DAYS 60
#define QC_SECOND_TO_DAYS 90

struct qc_followup {
	int64_t result_id;
	char *enterprise, *product, *region, *failed_items;
	char sampled_on[11], notified_on[11];
	char objection_on[11], ordered_on[11], corrected_on[11];
	char reinspected_on[11], published_on[11], second_on[11];
	int objection_upheld, reinspect_passed, second_passed; /* -1: none */
	const char *awaiting; /* "order", "correction", "re-inspection",
				  "publication", "second re-inspection",
				  or NULL when closed */
	const char *outcome;  /* when closed: "overturned", "corrected",
				  "failed twice" */
	char due_from[11];    /* start of a window ("" if none) */
	char due[11];         /* deadline of what is awaited ("" if closed) */
	long days_left;       /* negative when overdue */
	bool overdue;
	bool correction_overdue; /* order + 60 days passed, no correction */
	char province[7]; /* the follow-up's province ("" if none): at the
			   * nation result ids repeat across provinces */
};

struct qc_followup_list {
	struct qc_followup *v;
	size_t n, alloc;
};

/* Work out what is awaited and by when, as of day `today` (days since
 * 1970-01-01). Pure; unit-tested on the rules above. */
void qc_followup_evaluate(struct qc_followup *f, long today);

/* Every open follow-up (region NULL: all; else the region's subtree),
 * overdue first; with only_overdue just those. */
enum qc_rc qc_followup_board(struct qc_store *s, const char *region,
			     bool only_overdue, struct qc_followup_list *out,
			     struct qc_error *err);
/* The same a page at a time, most urgent (earliest deadline) first, then
 * by result id, read along the index of the stored deadlines: pass the
 * due date and result id of the last row of a page (after_due, after_id)
 * to get the next; at the nation, where ids repeat across provinces, the
 * province is the last key (after_province, the row's province). */
struct qc_followup_query {
	const char *region; /* NULL: all */
	bool only_overdue;
	int limit;             /* 0: every one */
	const char *after_due; /* NULL: from the start */
	int64_t after_id;
	/* The last row's province (NULL: none, i.e. past every follow-up
	 * of after_due and after_id). Read at the nation only. */
	const char *after_province;
};
enum qc_rc qc_followup_page(struct qc_store *s,
			    const struct qc_followup_query *q,
			    struct qc_followup_list *out, struct qc_error *err);
void qc_followup_list_release(struct qc_followup_list *l);

/* Record a step of result_id's follow-up on date (YYYY-MM-DD): step is
 * "notified", "objection", "ordered", "corrected", "reinspected",
 * "published" or "second"; passed (0/1) for objection (upheld),
 * reinspected and second, -1 otherwise. Steps must follow the order of
 * the rules and dates must not go backwards. Audited. */
enum qc_rc qc_followup_record(struct qc_store *s, int64_t result_id,
			      const char *step, const char *date, int passed,
			      const char *actor, struct qc_error *err);

#endif
