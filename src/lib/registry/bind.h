/* What the registers share when a plan indicator is bound to one of their
 * measures (complaint bind, equipment bind). */
#ifndef QC_REGISTRY_BIND_H
#define QC_REGISTRY_BIND_H

#include <stdbool.h>
#include <stddef.h>

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

/* Bind indicator to measure (checked by the caller) of a register: in
 * one transaction, record the binding in `table` (qc_reg_bind_record)
 * and rewrite the bound values of every county `counties` (a constant
 * query of one column) lists, with refresh. Refused on a national
 * server. */
enum qc_rc
qc_reg_bind(struct qc_store *s, const char *table, const char *counties,
	    enum qc_rc (*refresh)(struct qc_store *s, const char *county,
				  const char *actor, struct qc_error *err),
	    const char *indicator, const char *measure, const char *actor,
	    struct qc_error *err);

/* One measure's value from a register's figures, and the note saying what
 * it was counted from (into note, n bytes); false when the figures give
 * it no value (the indicator is then left as it is). */
typedef bool (*qc_reg_measure_fn)(const void *figures, const char *measure,
				  double *value, char *note, size_t n);
/* Write, for region and year, every indicator bound in `table` whose
 * measure has a value from figures (qc_value_set, source as given), in
 * the caller's transaction. */
enum qc_rc qc_reg_write_bound(struct qc_store *s, const char *table,
			      const char *region, int year, const char *source,
			      qc_reg_measure_fn fn, const void *figures,
			      const char *actor, struct qc_error *err);

#endif
