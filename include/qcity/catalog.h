/* The indicator catalogue: canonical indicator names with synonyms, unit
 * and direction, read from data/indicators.json. The extractor links each
 * target to it; the database keeps a copy (table indicators).
 *
 * Ownership: a struct qc_catalog owns all its strings; release frees them. */
#ifndef QCITY_CATALOG_H
#define QCITY_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/error.h"

struct qc_indicator_def {
	char *name;      /* canonical: "产品质量监督抽查合格率" */
	char *unit;      /* "%", "个", "μg/m3" ... */
	char *direction; /* "higher" or "lower" (better) */
	char *domain;    /* product, engineering, service, environment ... */
	char **synonyms;
	size_t n_synonyms;
	bool has_min, has_max; /* "min", "max": the range a value may take */
	double min, max;
	char *kind; /* "level", "cumulative", "flow" or NULL */
};

struct qc_catalog {
	struct qc_indicator_def *v;
	size_t n, alloc;
};

/* Load path (JSON: {"indicators": [{"name", "unit", "direction",
 * "domain", "synonyms": [...], "min", "max", "kind"}, ...]}) into c, which
 * the call initialises. min/max/kind are optional (defaults:
 * qc_indicator_default_range).
 * Errors name the entry and field. */
enum qc_rc qc_catalog_load(struct qc_catalog *c, const char *path,
			   struct qc_error *err);
void qc_catalog_release(struct qc_catalog *c);

/* How a written name found its entry: the entry's own name, a synonym the
 * catalogue lists, or not at all. */
enum qc_catalog_how { QC_CATALOG_NONE, QC_CATALOG_EXACT, QC_CATALOG_SYNONYM };
const char *qc_catalog_how_name(enum qc_catalog_how how); /* "exact" … */

/* The catalogue entry an indicator as written is, or NULL: its name or a
 * listed synonym after folding full-width and traditional characters,
 * dropping whitespace and an area prefix (全市, 全区 …); nothing looser.
 * *how (may be NULL) says which. The pointer is owned by c. */
const struct qc_indicator_def *qc_catalog_match(const struct qc_catalog *c,
						const char *written,
						enum qc_catalog_how *how);

/* qc_catalog_match for a name already in the folded, simplified form
 * (the extractor folds once for many lookups). */
const struct qc_indicator_def *qc_catalog_match_norm(const struct qc_catalog *c,
						     const char *norm,
						     enum qc_catalog_how *how);

#endif
