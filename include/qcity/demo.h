/* Demo content: plausible, reproducible values for a plan's targets, so a
 * new user, a test or a benchmark has a filled database in one step. */
#ifndef QCITY_DEMO_H
#define QCITY_DEMO_H

#include <stddef.h>

#include "qcity/error.h"

struct qc_store;

/* For every target of plan_id with a number, write one value per region
 * and year from first_year to last_year: series that move toward the
 * target at different speeds, so some targets are met and some are not.
 * The same seed gives the same values. One transaction. */
enum qc_rc qc_demo_values(struct qc_store *s, long long plan_id,
			  const char *const *regions, size_t n_regions,
			  int first_year, int last_year, unsigned long seed,
			  const char *actor, size_t *count,
			  struct qc_error *err);

/* Sampling results for the regions and years, per_year each, as a
 * published table imported through qc_sampling_import (so counts and
 * bound pass rates follow). Pass rates differ by region and improve. */
enum qc_rc qc_demo_sampling(struct qc_store *s, const char *const *regions,
			    size_t n_regions, int first_year, int last_year,
			    int per_year, unsigned long seed, const char *actor,
			    size_t *count, struct qc_error *err);

/* Credit content for plan_id's region (docs/credit.md): the grading
 * scheme (text of data/credit/scheme.json), a black listing, a food
 * penalty and a red-list entry (none published) among the sampled
 * enterprises, 驰名商标 and 省名牌产品 entries in the awards register for
 * the years first..last, and the plan's count targets fed from it.
 * *count: listings and awards made. */
enum qc_rc qc_demo_credit(struct qc_store *s, const char *scheme, size_t len,
			  long long plan_id, const char *region, int first_year,
			  int last_year, const char *actor, size_t *count,
			  struct qc_error *err);

/* The web platform's demo accounts, one per role (the unit reporter for
 * the first lead unit of the first plan with a region), all with
 * password QC_DEMO_PASSWORD (qc_user_add_demo, qcity/auth.h). Writes a
 * line per account into *summary (a caller's buffer; may be NULL). */
struct qc_buf;
enum qc_rc qc_demo_users(struct qc_store *s, const char *actor,
			 struct qc_buf *summary, struct qc_error *err);

#endif
