/* Inside the metrology register: what the import, the verifications and
 * the figures share. Not exported; the names are qc_mtr_. */
#ifndef QCITY_METROLOGY_INT_H
#define QCITY_METROLOGY_INT_H

#include <jansson.h>

#include "qcity/metrology.h"
#include "qcity/store.h"
#include "periodic.h"

/* The instrument with code as the audit log keeps it (*out NULL if none;
 * the caller owns the reference), and its id (0 if none). */
enum qc_rc qc_mtr_json(struct qc_store *s, const char *code, json_t **out,
		       int64_t *id, struct qc_error *err);
/* Rewrite the bound indicators of county, its prefecture and province
 * for each year with dues there and the current year; nothing when no
 * indicator is bound. */
enum qc_rc qc_mtr_refresh(struct qc_store *s, const char *county,
			  const char *actor, struct qc_error *err);

/* The instrument `code` as listed on `on` (out->n 0 when none). */
enum qc_rc qc_mtr_listed(struct qc_store *s, const char *code, long on,
			 struct qc_metrology_list *out, struct qc_error *err);

/* The register's tables for the periodic core. */
extern const struct qc_periodic qc_mtr_tables;

#endif
