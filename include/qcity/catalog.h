/* The indicator catalogue: canonical indicator names with synonyms, unit
 * and direction, read from data/indicators.json. The extractor links each
 * target to it; the database keeps a copy (table indicators).
 *
 * Ownership: a struct qc_catalog owns all its strings; release frees them. */
#ifndef QCITY_CATALOG_H
#define QCITY_CATALOG_H

#include <stddef.h>

#include "qcity/error.h"

struct qc_indicator_def {
	char *name;          /* canonical: "产品质量监督抽查合格率" */
	char *unit;          /* "%", "个", "μg/m3" ... */
	char *direction;     /* "higher" or "lower" (better) */
	char *domain;        /* product, engineering, service, environment ... */
	char **synonyms;
	size_t n_synonyms;
};

struct qc_catalog {
	struct qc_indicator_def *v;
	size_t n, alloc;
};

/* Load path (JSON: {"indicators": [{"name", "unit", "direction",
 * "domain", "synonyms": [...]}, ...]}) into c, which the call initialises.
 * Errors name the entry and field. */
enum qc_rc qc_catalog_load(struct qc_catalog *c, const char *path,
			   struct qc_error *err);
void qc_catalog_release(struct qc_catalog *c);

/* The catalogue entry an indicator as written refers to, or NULL.
 * Matching tolerates the variants plans use (全市/全区 prefixes, full-width
 * characters, traditional characters). The pointer is owned by c. */
const struct qc_indicator_def *qc_catalog_match(const struct qc_catalog *c,
						const char *written);

#endif
