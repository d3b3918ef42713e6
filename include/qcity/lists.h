/* Rows for the red and black lists (红榜/黑榜) that publications draw from:
 * enterprises with unqualified results in a year, and enterprises whose
 * results were all qualified in each of several consecutive years. */
#ifndef QCITY_LISTS_H
#define QCITY_LISTS_H

#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

struct qc_list_row {
	int64_t enterprise_id;
	char *uscc, *name, *region;
	long long samples, failed; /* in the year (black) or the span (red) */
	char *products;            /* failed products (black), 、-joined */
};

struct qc_list {
	struct qc_list_row *v;
	size_t n, alloc;
};

/* Enterprises of the region's subtree with an unqualified result in year,
 * most failures first. */
enum qc_rc qc_black_rows(struct qc_store *s, const char *region, int year,
			 struct qc_list *out, struct qc_error *err);
/* Enterprises sampled in every one of the `years` years up to year, with
 * no unqualified result in them. */
enum qc_rc qc_red_rows(struct qc_store *s, const char *region, int year,
		       int years, struct qc_list *out, struct qc_error *err);
void qc_list_release(struct qc_list *l);

#endif
