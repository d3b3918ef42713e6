/* Inside the traceability register: what the import, the list and the
 * figures share. Not exported; the names are qc_trace_. */
#ifndef QCITY_TRACEABILITY_INT_H
#define QCITY_TRACEABILITY_INT_H

#include <jansson.h>

#include "qcity/store.h"
#include "qcity/traceability.h"

/* The row (platform, subject key, product) as the audit log keeps it
 * (*out NULL if none; the caller owns the reference). */
enum qc_rc qc_trace_json(struct qc_store *s, const char *platform,
			 const char *key, const char *product, json_t **out,
			 struct qc_error *err);
/* The catalogue's names, one a category (types: one a type), as a
 * refusal lists them (into out, n bytes). */
void qc_trace_category_names(char *out, size_t n);
void qc_trace_type_names(char *out, size_t n);
/* Rewrite the bound indicators of county, its prefecture and province
 * for each year from its first enrolment to this one; nothing when no
 * indicator is bound. */
enum qc_rc qc_trace_refresh(struct qc_store *s, const char *county,
			    const char *actor, struct qc_error *err);

#endif
