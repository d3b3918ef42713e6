/* Inside plan edits: setting one field, given as text, on an element
 * (plan_edit_fields.c). Each returns QC_EINVAL naming the field when the
 * value or the field is not understood. */
#ifndef QCITY_PLAN_EDIT_INT_H
#define QCITY_PLAN_EDIT_INT_H

#include "qcity/plan_edit.h"

#define NFIELDS(a) (sizeof(a) / sizeof(a[0]))

/* v, or NULL when v is NULL or "". */
const char *qc_pe_blank_null(const char *v);
/* "PART: no field 'F' (fields: KNOWN)". */
enum qc_rc qc_pe_unknown(const char *part, const struct qc_field *f,
			 const char *known, struct qc_error *err);
enum qc_rc qc_pe_field_plan(struct qc_plan *p, const struct qc_field *f,
			    struct qc_error *err);
enum qc_rc qc_pe_field_goal(struct qc_goal *g, const struct qc_field *f,
			    struct qc_error *err);
enum qc_rc qc_pe_field_target(struct qc_target *t, const struct qc_field *f,
			      struct qc_error *err);
enum qc_rc qc_pe_field_task(struct qc_task *t, const struct qc_field *f,
			    struct qc_error *err);
enum qc_rc qc_pe_field_phase(struct qc_phase *ph, const struct qc_field *f,
			     struct qc_error *err);
enum qc_rc qc_pe_field_duty(struct qc_duty *d, const struct qc_field *f,
			    struct qc_error *err);
enum qc_rc qc_pe_field_part(struct qc_target_part *q, const struct qc_field *f,
			    struct qc_error *err);

#endif
