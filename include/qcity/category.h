/* The product category catalogue as its readers see it: the categories
 * by id (Open311's services, src/server/open311.c). Loading it from
 * data/product-categories.json is qc_category_sync (sampling.h). */
#ifndef QCITY_CATEGORY_H
#define QCITY_CATEGORY_H

#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

struct qc_category {
	int64_t id;
	char *name;
};

struct qc_category_list {
	struct qc_category *v;
	size_t n, alloc;
};

/* Every category, by id; out is the caller's, released with
 * qc_category_list_release (also after an error). */
enum qc_rc qc_category_list(struct qc_store *s, struct qc_category_list *out,
			    struct qc_error *err);
void qc_category_list_release(struct qc_category_list *l);

/* The name of category id in *name (the caller frees it);
 * QC_ENOTFOUND when there is none (*name NULL). */
enum qc_rc qc_category_name(struct qc_store *s, int64_t id, char **name,
			    struct qc_error *err);

#endif
