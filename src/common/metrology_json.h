/* The metrology register as JSON, the one shape both faces give it: the
 * command line's --json and the HTTP API. Each returns a new reference. */
#ifndef QCITY_METROLOGY_JSON_H
#define QCITY_METROLOGY_JSON_H

#include <jansson.h>

struct qc_metrology;
struct qc_metrology_figures;

/* An instrument as listed (codes, with its status's name). */
json_t *qc_json_metrology(const struct qc_metrology *m);
/* The counts of a region's figures of a year; the measures are the
 * caller's to add. */
json_t *qc_json_metrology_figures(const char *region, int year,
				  const struct qc_metrology_figures *f);

#endif
