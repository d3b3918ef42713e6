/* The national server seen from the registers (docs/scaling.md "Read by
 * id at the nation"): province data (complaints and their steps, credit
 * events and listings, enterprises) arrives there by replication only,
 * and ids repeat across provinces. */
#ifndef QCITY_NATION_H
#define QCITY_NATION_H

#include <stdbool.h>

#include "qcity/error.h"

struct qc_store;

/* Whether region code lies in the subtree of within (a region code; NULL:
 * every region; "": none), by the GB/T 2260 codes alone: the reads "as a
 * reader sees them" (qc_complaint_get_within, qc_enterprise_get_within)
 * hide a row outside it. A NULL or empty code lies in no subtree. */
bool qc_nation_in_area(const char *within, const char *code);

#endif
