/* A subject's scored lines of the annual assessment as JSON, the one shape
 * both faces give them (`assess --json` and GET /api/plans/{id}/assessment;
 * each wraps them in its own subject object). Returns a new reference. */
#ifndef QCITY_ASSESS_JSON_H
#define QCITY_ASSESS_JSON_H

#include <jansson.h>

struct qc_assess_subject;

json_t *qc_json_assess_lines(const struct qc_assess_subject *x);

#endif
