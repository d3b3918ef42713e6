/* Who may write and read what: the one place that decides the scope of a
 * signed-in user (struct qc_user: role, unit, region), used by the HTTP
 * API, the command line (`--reporter`) and the importers.
 *
 * Writes:
 *  - admin: anything;
 *  - office: anything within its region's subtree (an office without a
 *    region: anything);
 *  - region: at or below its region;
 *  - unit: a value only for an indicator that is the indicator_id of a
 *    target its unit leads or co-owns (target_owners.unit_id) in a plan
 *    whose region covers the value's region, and only for its own region;
 *    progress only on tasks its unit owns (task_owners);
 *  - viewer: nothing.
 * Reads: admin, office and viewers see every region; region users and
 * units only their region's subtree. Draft plans: admin and office only;
 * region users and viewers see published (active) plans only.
 *
 * Each check returns QC_OK, or QC_EPERM (writes) / QC_ENOTFOUND (a single
 * object outside the reader's scope: answered as if it did not exist)
 * with a message that says what the user may do instead. Nothing is
 * written. */
#ifndef QCITY_SCOPE_H
#define QCITY_SCOPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/auth.h"
#include "qcity/error.h"

struct qc_store;

/* Whether code lies in root's subtree (root itself included), by the
 * GB/T 2260 code alone. */
bool qc_scope_region_covers(const char *root, const char *code);

/* A value of `indicator` (name or synonym) for `region` (code or name).
 * An indicator or region that does not resolve is that lookup's error. */
enum qc_rc qc_scope_can_write_value(struct qc_store *s, const struct qc_user *u,
				    const char *indicator, const char *region,
				    struct qc_error *err);

/* qc_value_import_csv (qcity/value.h) with each row first checked against
 * who's write scope (NULL: no check): a file with one row outside it is
 * refused whole, QC_EPERM naming the line. A unit reporter's rows are
 * recorded as its own (a row naming another reporter is refused). */
enum qc_rc qc_value_import_as(struct qc_store *s, const char *data, size_t len,
			      const struct qc_user *who, const char *actor,
			      size_t *count, struct qc_error *err);

/* A progress report on task `task_key` of plan `plan_id`. */
enum qc_rc qc_scope_can_write_progress(struct qc_store *s,
				       const struct qc_user *u, int64_t plan_id,
				       const char *task_key,
				       struct qc_error *err);

/* Any other write about a region (region: a resolved code; NULL or "" is a
 * write about every region, which only unrestricted users may make). */
enum qc_rc qc_scope_can_write_region(const struct qc_user *u,
				     const char *region, struct qc_error *err);

/* A write about plan_id as a whole (its state, its alerts, a submission
 * under it): its region, as above. An unknown plan is QC_ENOTFOUND. */
enum qc_rc qc_scope_can_write_plan(struct qc_store *s, const struct qc_user *u,
				   int64_t plan_id, struct qc_error *err);

/* A write about sampling result `id` (its follow-up): its region, as
 * above. An unknown result is QC_ENOTFOUND. */
enum qc_rc qc_scope_can_write_sample(struct qc_store *s,
				     const struct qc_user *u, int64_t id,
				     struct qc_error *err);

/* A write for unit_id (a submission of its period): a unit reporter only
 * for itself, others for a unit in their region's subtree. An unknown
 * unit is QC_ENOTFOUND. */
enum qc_rc qc_scope_can_write_unit(struct qc_store *s, const struct qc_user *u,
				   int64_t unit_id, struct qc_error *err);

/* Whether u may read about region (a resolved code; NULL or "": every
 * region at once). */
bool qc_scope_can_read_region(const struct qc_user *u, const char *region);
/* The region subtree u reads, as the reads that stay within one take it
 * (qc_complaint_get_within, qc_enterprise_get_within): NULL for every
 * region, else its region ("" when it has none: nothing). */
const char *qc_scope_read_root(const struct qc_user *u);

/* Whether u may read plan_id: QC_ENOTFOUND for a plan that does not exist
 * and for one outside u's scope or not published for u. */
enum qc_rc qc_scope_can_read_plan(struct qc_store *s, const struct qc_user *u,
				  int64_t plan_id, struct qc_error *err);

/* The same for a plan already loaded: its status and region_code. */
bool qc_scope_plan_visible(const struct qc_user *u, const char *status,
			   const char *region);

#endif
