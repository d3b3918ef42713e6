/* The product category catalogue as its readers see it: the categories
 * by id (Open311's services, src/server/open311.c). Loading it from
 * data/product-categories.json is qc_category_sync (sampling.h). */
#ifndef QCITY_CATEGORY_H
#define QCITY_CATEGORY_H

#include <stdbool.h>
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

/* The catalogue's names and synonyms as a product's name ends with
 * them, for a table without a category column: 复混肥料 ends with 肥料,
 * 0#车用柴油 with 车用柴油, 阻燃…绝缘软电缆 with 电缆. A Chinese
 * product's name ends with what it is; a word elsewhere in it (食品 in
 * 食品直接接触用塑料购物袋) says what it is for. Loaded once, read by
 * qc_category_by_head, released with qc_category_heads_release. */
struct qc_category_head {
	char *name;
	size_t len;
	int64_t id;
};
struct qc_category_heads {
	struct qc_category_head *v;
	size_t n, alloc;
	bool loaded;
};
enum qc_rc qc_category_heads_load(struct qc_store *s,
				  struct qc_category_heads *out,
				  struct qc_error *err);
/* The category whose name or synonym product ends with, without the
 * notes in brackets after it (烧结多孔砖(页岩)); the longest such; 0
 * when there is none, or two categories end it equally long. */
int64_t qc_category_by_head(const struct qc_category_heads *h,
			    const char *product);
void qc_category_heads_release(struct qc_category_heads *h);

#endif
