/* Inside the special-equipment register: what the import, the records
 * and the figures share. Not exported in a public header; the names are
 * qc_eqp_. */
#ifndef QCITY_EQUIPMENT_INT_H
#define QCITY_EQUIPMENT_INT_H

#include <jansson.h>

#include "qcity/equipment.h"
#include "qcity/store.h"
#include "periodic.h"

/* A county-level region by code or name, into code. */
enum qc_rc qc_eqp_county(struct qc_store *s, const char *name,
			 char code[QC_REGION_CODE_SIZE], struct qc_error *err);
/* The unit with code as the audit log keeps it (*out NULL if none; the
 * caller owns the reference), and its id (0 if none). */
enum qc_rc qc_eqp_unit_json(struct qc_store *s, const char *code, json_t **out,
			    int64_t *id, struct qc_error *err);
/* Rewrite the bound indicators of county, its prefecture and province
 * for each year with dues or accidents there and the current year;
 * nothing when no indicator is bound. */
enum qc_rc qc_eqp_refresh(struct qc_store *s, const char *county,
			  const char *actor, struct qc_error *err);

/* The unit `code` as listed on `today` (out->n 0 when none). */
enum qc_rc qc_eqp_listed(struct qc_store *s, const char *code, long today,
			 struct qc_equipment_list *out, struct qc_error *err);

/* The register's tables for the periodic core. */
extern const struct qc_periodic qc_eqp_tables;

#endif
