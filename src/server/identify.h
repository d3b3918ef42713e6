/* Who is asking (inside src/server only). */
#ifndef QC_IDENTIFY_H
#define QC_IDENTIFY_H

#include <stdbool.h>

struct qc_req;

/* Fill r's user and actor from an API token (scripts; Open311 clients
 * send it as api_key) or the session cookie (browsers, whose writes must
 * echo the session's CSRF token). Returns false after replying when a
 * credential is given but not valid; an ended session is none. */
bool qc_req_identify(struct qc_req *r);

#endif
