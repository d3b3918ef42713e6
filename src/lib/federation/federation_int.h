/* Shared between the files of src/lib/federation. */
#ifndef QCITY_FEDERATION_INT_H
#define QCITY_FEDERATION_INT_H

#include <stdbool.h>

#include "qcity/error.h"

struct qc_store;

/* A replicated table: its key after province_code, and the column its
 * year partitions range over (NULL: by province only). */
struct qc_fed_table {
	const char *name;
	const char *key;
	const char *year;
};
extern const struct qc_fed_table qc_fed_tables[]; /* ends with NULL name */

/* Six digits, the last four 0: a province of GB/T 2260. */
bool qc_fed_province_ok(const char *p);
/* QC_EUNSUPPORTED unless s is PostgreSQL. */
enum qc_rc qc_fed_need_pg(struct qc_store *s, struct qc_error *err);

#endif
