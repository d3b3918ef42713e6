/* A 督查 item as JSON, the one shape both faces give it: the command
 * line's --json and the HTTP API. Returns a new reference. */
#ifndef QCITY_SUPERVISION_JSON_H
#define QCITY_SUPERVISION_JSON_H

#include <jansson.h>

struct qc_sup_item;

json_t *qc_json_sup_item(const struct qc_sup_item *x);

#endif
