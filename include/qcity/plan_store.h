/* Plans in the database: import a struct qc_plan, load one back, list. */
#ifndef QCITY_PLAN_STORE_H
#define QCITY_PLAN_STORE_H

#include <stdbool.h>

#include "qcity/error.h"
#include "qcity/plan.h"

struct qc_store;

/* Validate p and store it in one transaction: plan, goals, targets with
 * owners linked to units and indicators (created when missing), tasks,
 * phases, duties, rules, the leading group. With replace, a plan with the
 * same doc_number (or title and region) is replaced; without, it is a
 * QC_ECONFLICT. actor is named in the audit log. On success *id (if not
 * NULL) receives the plan's id. Nothing is written on error. */
enum qc_rc qc_plan_import(struct qc_store *s, const struct qc_plan *p,
			  bool replace, const char *actor, long long *id,
			  struct qc_error *err);

/* Load plan `id` into p (initialised by the call; release it even on
 * error). */
enum qc_rc qc_plan_load(struct qc_store *s, long long id, struct qc_plan *p,
			struct qc_error *err);

struct qc_plan_summary {
	long long id;
	char *title, *doc_number, *region_code, *region_name, *status;
	int period_start, period_end;
	int n_targets, n_tasks; /* tasks: work items only, not sections */
};

struct qc_plan_summary_list {
	struct qc_plan_summary *v;
	size_t n, alloc;
};

/* All stored plans, oldest first. */
enum qc_rc qc_plan_list(struct qc_store *s, struct qc_plan_summary_list *out,
			struct qc_error *err);
void qc_plan_summary_list_release(struct qc_plan_summary_list *l);

/* Set a plan's status: draft, active or archived (audited). */
enum qc_rc qc_plan_set_status(struct qc_store *s, long long id,
			      const char *status, const char *actor,
			      struct qc_error *err);

/* One plan's target for a canonical indicator. */
struct qc_compare_entry {
	long long plan_id;
	char *region; /* region name (or the plan's own) */
	char *title;
	struct qc_target target; /* op, value(s), unit, year, indicator */
};

struct qc_compare_row {
	char *indicator; /* canonical name */
	size_t n_plans;  /* distinct plans among the entries */
	struct qc_compare_entry *v;
	size_t n, alloc;
};

struct qc_compare {
	struct qc_compare_row *v;
	size_t n, alloc;
};

/* For each catalogue indicator that stored plans set targets for, the
 * target of each plan: indicators set by most plans first. */
enum qc_rc qc_plan_compare(struct qc_store *s, struct qc_compare *out,
			   struct qc_error *err);
void qc_compare_release(struct qc_compare *c);

#endif
