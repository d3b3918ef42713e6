/* A complaint register item as JSON, the one shape both faces give it.
 * Returns a new reference; unmask: the complainant's name, phone and ID
 * number in full (the caller audits the view), else masked. */
#ifndef QCITY_COMPLAINT_JSON_H
#define QCITY_COMPLAINT_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include "qcity/json.h"

struct qc_complaint;
struct qc_complaint_list;

json_t *qc_json_complaint(const struct qc_complaint *c, bool unmask);
/* The items of a list, masked, as an array (the lists never unmask). */
json_t *qc_json_complaints(const struct qc_complaint_list *l);

#endif
