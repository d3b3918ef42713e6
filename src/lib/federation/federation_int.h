/* Shared between the files of src/lib/federation. */
#ifndef QCITY_FEDERATION_INT_H
#define QCITY_FEDERATION_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

/* A replicated table: its key after its province column (qc_fed_prov),
 * the column its year partitions range over (NULL: by province only),
 * and whether that column is held_by (the province whose server holds
 * the row: enterprises since 0026, sampling results and the tables
 * derived from them since 0027) rather than province_code. */
struct qc_fed_table {
	const char *name;
	const char *key;
	const char *year;
	bool held;
};
extern const struct qc_fed_table qc_fed_tables[]; /* ends with NULL name */
/* What a province names by its own ids, mirrored into a table the nation
 * reads (national.c, docs/scaling.md "Names at the nation"); the
 * mirror's trigger on its source is named SOURCE_fed. */
struct qc_fed_mirror {
	const char *mirror, *source;
};
#define QC_FED_N_MIRRORS 2
extern const struct qc_fed_mirror qc_fed_mirrors[QC_FED_N_MIRRORS];
/* How many of the mirror tables s lacks (a nation made by an older
 * qcity), into *missing. */
enum qc_rc qc_fed_mirrors_missing(struct qc_store *s, int64_t *missing,
				  struct qc_error *err);
/* The column naming the province whose rows t's are, which the nation
 * keys and partitions by and the publication filters on: province_code,
 * but held_by for enterprises (the province whose server holds the row,
 * not the one it is registered in; 0026) and for sampling results,
 * follow-ups, counts and enterprise years (not the result's region's
 * province, the maker's when the table had no region column; 0027). */
const char *qc_fed_prov(const struct qc_fed_table *t);

/* QC_EUNSUPPORTED unless s is PostgreSQL. */
enum qc_rc qc_fed_need_pg(struct qc_store *s, struct qc_error *err);

/* Ask the n provinces v (conninfo[i]: the subscription's, or NULL) for
 * their lag, all at once, within timeout_s seconds in all: sets each
 * one's reachable and lag_bytes (-1 when unknown). */
struct qc_fed_province;
void qc_fed_probe(struct qc_fed_province *v, char *const *conninfo, size_t n,
		  int timeout_s);

#endif
