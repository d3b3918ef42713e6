/* Where a sampling result belongs (sampling_region.c). */
#ifndef QCITY_SAMPLING_REGION_H
#define QCITY_SAMPLING_REGION_H

#include "qcity/error.h"
#include "qcity/store.h"
#include "sampling_feed.h"
#include "sampling_int.h"

/* Regions resolved by text, cached for one import: from
 * qc_sampling_region_cache, freed with free(). */
struct qc_region_slot;
struct qc_region_slot *qc_sampling_region_cache(void);

/* What placing a row reads: the connection, the reader's places, the
 * import's --region (or NULL) and the cache. */
struct sampling_places {
	struct qc_store *s;
	struct sampling_reader *rd;
	const char *region;
	struct qc_region_slot *cache;
};

/* x->region: the row's region column (made precise by the county the
 * producer's address or name gives within it); else the credit code's
 * division (or the prefecture or province above it), the address, the
 * name or --region, made precise by a county the address names. An
 * error when nothing gives one. */
enum qc_rc qc_sampling_pick_region(struct sampling_places *pl, struct sample *x,
				   struct qc_error *err);

#endif
