/* What the registers share when a plan indicator is bound to one of their
 * measures (complaint bind, equipment bind). */
#ifndef QC_REGISTRY_BIND_H
#define QC_REGISTRY_BIND_H

#include "qcity/error.h"

struct qc_store;

/* Record, inside the caller's transaction, that indicator (as the plan
 * writes it) is computed from measure, in the register's bindings table
 * `table` (a constant: indicator_id, measure, created_at; one row an
 * indicator, a new bind replaces the measure), and audit it. QC_ENOTFOUND
 * when no series has that name. */
enum qc_rc qc_reg_bind_record(struct qc_store *s, const char *table,
			      const char *indicator, const char *measure,
			      const char *actor, struct qc_error *err);

#endif
