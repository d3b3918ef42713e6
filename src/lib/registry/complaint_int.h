/* Inside the complaint register: the writer that complaint_add and the
 * import share, so that an import of a million rows prepares its
 * statements once (docs/complaints.md "Scale"). Not exported in a public
 * header; the names are qc_cpl_. */
#ifndef QCITY_COMPLAINT_INT_H
#define QCITY_COMPLAINT_INT_H

#include "qcity/complaint.h"
#include "qcity/store.h"

/* Statements prepared on first use and kept until release. */
struct qc_cpl_writer {
	struct qc_store *s;
	struct qc_stmt *item, *event;
	char now[32];
};
void qc_cpl_writer_init(struct qc_cpl_writer *w, struct qc_store *s);
void qc_cpl_writer_release(struct qc_cpl_writer *w);

/* Check what a new item carries (channel, respondent, text, credit code,
 * amount, received date); the region and category are checked by
 * qc_cpl_county and qc_cpl_category. */
enum qc_rc qc_cpl_check(const struct qc_complaint_new *in,
			struct qc_error *err);
/* The handling regulator: a county-level region, by code or name. */
enum qc_rc qc_cpl_county(struct qc_store *s, const char *name,
			 char code[QC_REGION_CODE_SIZE], struct qc_error *err);
/* A product category's id by name (0 for none given). */
enum qc_rc qc_cpl_category(struct qc_store *s, const char *name, int64_t *id,
			   struct qc_error *err);
/* Insert a checked item handled by county code with category cat (0:
 * none) and its "received" event; no audit row, no refresh: the caller
 * does both. *id receives its id. */
enum qc_rc qc_cpl_insert(struct qc_cpl_writer *w,
			 const struct qc_complaint_new *in, const char *code,
			 int64_t cat, const char *actor, int64_t *id,
			 struct qc_error *err);

/* A region's subtree as a range of codes, lo <= code < hi, that an index
 * answers (NULL: every code): 230900 → ["2309", "2310"). */
void qc_cpl_region_range(const char *region, char *lo, char *hi, size_t n);

/* ---- legal deadlines (complaint_deadline.c) ---------------------------- */

/* Deadlines already worked out in one board (a few hundred distinct ones
 * among 50 000 items); from qc_cpl_memo_new, freed with free(). */
struct qc_cpl_memo;
struct qc_cpl_memo *qc_cpl_memo_new(void);
/* qc_complaint_evaluate, through memo (NULL: none). */
enum qc_rc qc_cpl_evaluate(const struct qc_calendar *cal,
			   struct qc_complaint *c, long today,
			   struct qc_cpl_memo *memo, struct qc_error *err);

/* ---- counts (complaint_counts.c) ---------------------------------------- */

/* Count one item into f from a row of the columns kind, state,
 * received_on, accepted_on, decided_on, concluded_on, extended_by,
 * satisfaction, recovered, whether ever agreed. cal NULL: no on-time
 * counts. */
struct qc_stmt;
void qc_cpl_count_row(const struct qc_calendar *cal, struct qc_stmt *st,
		      struct qc_complaint_figures *f);
/* The figures of region's items received in year counted from the items
 * themselves (the national server, where the provinces' steps arrive by
 * replication and no writer keeps complaint_counts current). */
enum qc_rc qc_cpl_counts_direct(struct qc_store *s,
				const struct qc_calendar *cal,
				const char *region, int year,
				struct qc_complaint_figures *out,
				struct qc_error *err);
/* Make sure the counts were built from the items (again: rebuild them
 * whatever), inside the caller's transaction; *cal receives the calendar
 * (NULL when none is loaded) for qc_cpl_count, freed by the caller. */
enum qc_rc qc_cpl_counts_ready(struct qc_store *s, struct qc_calendar **cal,
			       bool again, struct qc_error *err);
/* Take item id's share out of the counts (sign -1, before a step) or put
 * it in (+1, after). */
enum qc_rc qc_cpl_count(struct qc_store *s, const struct qc_calendar *cal,
			int64_t id, int sign, struct qc_error *err);
/* Add sign times d to the counts of county and year. */
enum qc_rc qc_cpl_counts_add(struct qc_store *s, const char *county, int year,
			     const struct qc_complaint_figures *d, int sign,
			     struct qc_error *err);
/* The counts of a region's subtree (NULL: all) for a year. */
enum qc_rc qc_cpl_counts_sum(struct qc_store *s, const char *region, int year,
			     struct qc_complaint_figures *out,
			     struct qc_error *err);

/* The receipts per county, category (0: none) and month YYYY-MM that the
 * hot spots read: n more (or fewer) in one, or item id's (sign +1 after
 * its intake, -1 and +1 around a transfer). */
enum qc_rc qc_cpl_months_add(struct qc_store *s, const char *county,
			     int64_t category, const char *month, long n,
			     struct qc_error *err);
enum qc_rc qc_cpl_month(struct qc_store *s, int64_t id, int sign,
			struct qc_error *err);

#endif
