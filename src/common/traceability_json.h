/* The traceability register as JSON, the one shape both faces give it:
 * the command line's --json and the HTTP API. Each returns a new
 * reference. */
#ifndef QCITY_TRACEABILITY_JSON_H
#define QCITY_TRACEABILITY_JSON_H

#include <jansson.h>

struct qc_trace_row;
struct qc_trace_figures;

/* A row as listed: codes (type, category, status) with their names
 * beside them. */
json_t *qc_json_trace_row(const struct qc_trace_row *t);
/* A region's figures as of day (ISO). */
json_t *qc_json_trace_figures(const char *region, const char *day,
			      const struct qc_trace_figures *f);

#endif
