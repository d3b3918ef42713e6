/* A target's decomposition (分解) as JSON, the one shape the command
 * line's --json and the HTTP API give it. */
#ifndef QCITY_PARTS_JSON_H
#define QCITY_PARTS_JSON_H

#include <jansson.h>

struct qc_status_row;

/* The roll-up of row's parts: {n, met, no_data, weakest: {label, status,
 * current} or null, items: [...]}; a new reference, NULL when the target
 * has no parts. */
json_t *qc_json_parts(const struct qc_status_row *row);

#endif
