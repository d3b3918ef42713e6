/* Inside the certification register: what the import, the list and the
 * figures share. Not exported; the names are qc_cert_. */
#ifndef QCITY_CERTIFICATION_INT_H
#define QCITY_CERTIFICATION_INT_H

#include <jansson.h>

#include "qcity/certification.h"
#include "qcity/store.h"

/* The certificate (body, number) as the audit log keeps it (*out NULL if
 * none; the caller owns the reference), and its id (0 if none). */
enum qc_rc qc_cert_json(struct qc_store *s, const char *body,
			const char *number, json_t **out, int64_t *id,
			struct qc_error *err);
/* The catalogue's names, one a kind, as a refusal lists them (into out,
 * n bytes). */
void qc_cert_kind_names(char *out, size_t n);
/* Rewrite the bound indicators of county, its prefecture and province
 * for each year with certificates there and the current year; nothing
 * when no indicator is bound. */
enum qc_rc qc_cert_refresh(struct qc_store *s, const char *county,
			   const char *actor, struct qc_error *err);

#endif
