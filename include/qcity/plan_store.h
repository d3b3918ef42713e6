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

#endif
