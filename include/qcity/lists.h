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
	char *province; /* black at the nation: the row's holder (else NULL) */
};

struct qc_list {
	struct qc_list_row *v;
	size_t n, alloc;
};

/* Enterprises of the region's subtree with an unqualified result in year,
 * most failures first (every row of qc_black_page). */
enum qc_rc qc_black_rows(struct qc_store *s, const char *region, int year,
			 struct qc_list *out, struct qc_error *err);
/* Enterprises sampled in every one of the `years` years up to year, with
 * no unqualified result in them. */
enum qc_rc qc_red_rows(struct qc_store *s, const char *region, int year,
		       int years, struct qc_list *out, struct qc_error *err);
/* The same a page at a time, from sampling_enterprise_years (kept by the
 * importer) along an index: whatever the table's size, a page costs its
 * rows. Black rows come most failures first, then the newest enterprise
 * (id descending); red rows newest enterprise first. Keyset: pass the
 * last row of a page (after_failed, after_id; after_id 0: from the
 * start) to get the next. At the national server a black list has every
 * holder's rows (docs/scaling.md "Held by, made in"), enterprise ids are
 * each holder's, and rows of one failures and id come in descending
 * holder order: pass the last row's province too (without it the page
 * goes past every holder's row of that id). */
struct qc_list_query {
	const char *region;
	int year;
	int years;              /* red: the span, 1..20 */
	int limit;              /* 0: every row */
	long long after_failed; /* black only */
	int64_t after_id;
	const char *after_province; /* black at the nation */
};
enum qc_rc qc_black_page(struct qc_store *s, const struct qc_list_query *q,
			 struct qc_list *out, struct qc_error *err);
enum qc_rc qc_red_page(struct qc_store *s, const struct qc_list_query *q,
		       struct qc_list *out, struct qc_error *err);
void qc_list_release(struct qc_list *l);

#endif
