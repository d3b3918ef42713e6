/* A member unit as JSON, the one shape both faces give it: the command
 * line's --json and the HTTP API. Returns a new reference. */
#ifndef QCITY_UNIT_JSON_H
#define QCITY_UNIT_JSON_H

#include <jansson.h>

struct qc_unit;

json_t *qc_json_unit(const struct qc_unit *u);

#endif
