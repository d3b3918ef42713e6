/* The certification register as JSON, the one shape both faces give it:
 * the command line's --json and the HTTP API. Each returns a new
 * reference. */
#ifndef QCITY_CERTIFICATION_JSON_H
#define QCITY_CERTIFICATION_JSON_H

#include <jansson.h>

struct qc_certificate;
struct qc_certification_figures;

/* A certificate as listed: codes (kind, status, state) with their names
 * beside them. */
json_t *qc_json_certificate(const struct qc_certificate *c);
/* A region's figures as of day (ISO). */
json_t *qc_json_certification_figures(const char *region, const char *day,
				      const struct qc_certification_figures *f);

#endif
