/* Registry values as JSON, the one shape both faces give them: the
 * command line's --json and the HTTP API. Each returns a new reference. */
#ifndef QCITY_REGISTRY_JSON_H
#define QCITY_REGISTRY_JSON_H

#include <jansson.h>
#include "qcity/json.h"

struct qc_enterprise;
struct qc_fed_status;
struct qc_followup_list;
struct qc_list;
struct qc_sample_list;

json_t *qc_json_enterprise(const struct qc_enterprise *e);
json_t *qc_json_followups(const struct qc_followup_list *l);
json_t *qc_json_list_rows(const struct qc_list *l);
json_t *qc_json_samples(const struct qc_sample_list *l);
/* The provinces a national server follows (federation status). */
json_t *qc_json_fed_provinces(const struct qc_fed_status *st);

#endif
