/* Listing sampling results for the office and for scripts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "nation_int.h"
#include "banned.h"

#define SAMPLE_HEAD                                                         \
	"SELECT r.id, r.region_code, r.level, r.enterprise_name, e.uscc,"   \
	" r.product, c.name, r.sampled_on, r.failed_items, r.testing_body," \
	" r.passed, "
#define SAMPLE_FROM ", r.remarks FROM sampling_results r"

/* SAMPLE_HEAD, a province column, SAMPLE_FROM and their joins. At the
 * nation a row is its holder's (0027: the province whose server sent
 * it, which may have sampled a product made in another province): its
 * province is the holder, the enterprise the one that province holds
 * and the category by that province's own id (federation_categories,
 * national.c). */
#define SELECT_ROWS                                                                                                     \
	SAMPLE_HEAD QC_NAT_OR("r.held_by", "r.province_code") SAMPLE_FROM                                               \
		" LEFT JOIN enterprises e ON e.id = r.enterprise_id" QC_NAT(                                            \
			" AND e.held_by = r.held_by") " LEFT JOIN " QC_NAT_OR("federation_categories c ON"              \
									      " c.province_code = r.held_by AND c.id =" \
									      " r.category_id",                         \
									      "product_categories c ON c.id = r.category_id")

static void add_row(struct qc_stmt *st, struct qc_sample_list *out)
{
	QC_GROW(out->v, out->n + 1, out->alloc);
	struct qc_sample_row *e = &out->v[out->n++];
	e->id = qc_stmt_int(st, 0);
	e->region = qc_xstrdup(qc_stmt_text(st, 1));
	e->level = qc_xstrdup(qc_stmt_text(st, 2));
	e->enterprise = qc_xstrdup(qc_stmt_text(st, 3));
	e->uscc = qc_xstrdup(qc_stmt_text(st, 4));
	e->product = qc_xstrdup(qc_stmt_text(st, 5));
	e->category = qc_xstrdup(qc_stmt_text(st, 6));
	e->sampled_on = qc_xstrdup(qc_stmt_text(st, 7));
	e->failed_items = qc_xstrdup(qc_stmt_text(st, 8));
	e->testing_body = qc_xstrdup(qc_stmt_text(st, 9));
	e->passed = qc_stmt_int(st, 10) != 0;
	snprintf(e->province, sizeof(e->province), "%s",
		 qc_stmt_text(st, 11) ? qc_stmt_text(st, 11) : "");
	e->remarks = qc_xstrdup(qc_stmt_text(st, 12));
}

/* A result's place in the list: newest sampling date first, then the
 * newest id, then (PostgreSQL: at the nation ids repeat across
 * provinces) the greater province code. */
struct key {
	char date[16];
	int64_t id;
	char province[8];
};

static int newer_first(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(y->date, x->date);
	if (c)
		return c;
	if (x->id != y->id)
		return x->id < y->id ? 1 : -1;
	return strcmp(y->province, x->province);
}

/* The county-level regions of [lo, hi) holding results of the year (0:
 * any), from the counts (a small table): the list is then read region by
 * region along the (region_code, sampled_on) index, never the whole
 * table. */
typedef char region_code[QC_REGION_CODE_SIZE];

static enum qc_rc regions_with_results(struct qc_store *s, const char *lo,
				       const char *hi, int year,
				       region_code **codes, size_t *n,
				       struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc, r;

	rc = qc_stmt_prepare(s,
			     "SELECT DISTINCT region_code FROM sampling_counts"
			     " WHERE region_code >= ? AND region_code < ? AND"
			     " (? = 0 OR year = ?) ORDER BY region_code",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, lo);
	qc_stmt_bind_text(st, 2, hi);
	qc_stmt_bind_int(st, 3, year);
	qc_stmt_bind_int(st, 4, year);
	size_t alloc = 0;
	*n = 0;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(*codes, *n + 1, alloc);
		snprintf((*codes)[*n], QC_REGION_CODE_SIZE, "%s",
			 qc_stmt_text(st, 0));
		(*n)++;
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* Past this many candidates (regions × limit) one ordered query is
 * cheaper than a walk per region. */
#define MAX_CANDIDATES 200000

/* [walk][failed_only]: one text per case, no "? = 0 OR" a generic plan
 * could not see through (PostgreSQL plans a prepared statement once).
 * Unqualified only, the walk reads the index of the unqualified results
 * (sampling_failed, partial: passed = 0) rather than every result's. */
#define LIST_KEYS "SELECT r.id, r.sampled_on FROM sampling_results r WHERE"
#define LIST_RANGE                                                       \
	" r.sampled_on >= ? AND r.sampled_on <= ? AND (r.sampled_on < ?" \
	" OR r.id < ?)"
#define LIST_ORDER " ORDER BY r.sampled_on DESC, r.id DESC LIMIT ?"
/* Unqualified only, SQLite takes the failures' partial index by the
 * statistics an import leaves (qc_sw_lite_analyze, sampling_lite.c);
 * with none, as the later made of two indexes of equal cost (migration
 * 0022), an order a large import keeps. */
static const char *const list_sql[2][2] = {
	{ LIST_KEYS
	  " r.region_code >= ? AND r.region_code < ? AND" LIST_RANGE LIST_ORDER,
	  LIST_KEYS " r.region_code >= ? AND r.region_code < ? AND" LIST_RANGE
		    " AND r.passed = 0" LIST_ORDER },
	{ LIST_KEYS " r.region_code = ? AND" LIST_RANGE LIST_ORDER, LIST_KEYS
	  " r.region_code = ? AND" LIST_RANGE " AND r.passed = 0" LIST_ORDER },
};

/* PostgreSQL: the same with the holder as the last key (ids repeat
 * across provinces at the nation, keyed (held_by, id); on a province
 * server every row has one holder, so nothing changes there). */
#define LIST_KEYS_PG                                                   \
	"SELECT r.id, r.sampled_on, r.held_by FROM sampling_results r" \
	" WHERE"
#define LIST_RANGE_PG                                                    \
	" r.sampled_on >= ? AND r.sampled_on <= ? AND (r.sampled_on < ?" \
	" OR r.id < ? OR (r.id = ? AND r.held_by < ?))"
#define LIST_ORDER_PG \
	" ORDER BY r.sampled_on DESC, r.id DESC, r.held_by DESC LIMIT ?"
static const char *const list_sql_pg[2] = {
	LIST_KEYS_PG
	" r.region_code >= ? AND r.region_code < ? AND" LIST_RANGE_PG
		LIST_ORDER_PG,
	LIST_KEYS_PG
	" r.region_code >= ? AND r.region_code < ? AND" LIST_RANGE_PG
	" AND r.passed = 0" LIST_ORDER_PG,
};

/* PostgreSQL: the walk in one statement, so a page costs one round
 * trip, and a merge that stops early rather than every county's first
 * page (docs/registry.md, "Eighth pass"). h: each county's newest
 * result inside the range and the cursor (one index probe each). b: the
 * limit-th newest of those dates: limit counties each hold a result on
 * it or later, so no result older than it can be on the page. Only the
 * counties whose newest result is not older are then read, each from
 * its newest down to that date and at most a page of it, in the order
 * of the (region, date) index: a page and the rest of its last date
 * (WITH TIES), so that no county sorts anything and the one sort of
 * the candidates orders them by date, id and holder. The index has no
 * id, so a date's results are all read to order them by id: what a
 * page costs is about the results of its last date, not a page per
 * county. */
#define FAILED_ONLY " AND r.passed = 0"
#define PG_WALK(failed)                                                                \
	" WHERE (r.id, r.held_by) IN (WITH h AS (SELECT g.region_code,"                \
	" (SELECT r.sampled_on FROM sampling_results r WHERE"                          \
	" r.region_code = g.region_code AND" LIST_RANGE_PG failed                      \
	" ORDER BY r.sampled_on DESC LIMIT 1) AS top FROM (SELECT DISTINCT"            \
	" region_code FROM sampling_counts WHERE region_code >= ? AND"                 \
	" region_code < ? AND (? = 0 OR year = ?)) g), b AS (SELECT"                   \
	" COALESCE((SELECT top FROM h WHERE top IS NOT NULL ORDER BY top"              \
	" DESC OFFSET ? LIMIT 1), '') AS floor) SELECT k.id, k.held_by FROM"           \
	" h CROSS JOIN b CROSS JOIN LATERAL (" LIST_KEYS_PG                            \
	" r.region_code = h.region_code AND r.sampled_on >= b.floor AND" LIST_RANGE_PG \
		failed " ORDER BY r.sampled_on DESC FETCH FIRST ? ROWS"                \
	" WITH TIES) k WHERE h.top >= b.floor ORDER"                                   \
	" BY k.sampled_on DESC, k.id DESC, k.held_by DESC LIMIT ?) ORDER BY"           \
	" r.sampled_on DESC, r.id DESC, r.held_by DESC"

/* The cursor's province: "" when it names none (a province server, where
 * the id alone is the row). */
static const char *before_province(const struct qc_sample_query *q)
{
	return q->before_date && q->before_province ? q->before_province : "";
}

/* The range and cursor of LIST_RANGE_PG from parameter i on; the next
 * parameter's number. */
static int bind_range_pg(struct qc_stmt *st, int i,
			 const struct qc_sample_query *q, const char *from,
			 const char *upto, const char *before)
{
	int64_t id = q->before_date ? q->before_id : INT64_MAX;
	qc_stmt_bind_text(st, i++, from);
	qc_stmt_bind_text(st, i++, upto);
	qc_stmt_bind_text(st, i++, before);
	qc_stmt_bind_int(st, i++, id);
	qc_stmt_bind_int(st, i++, id);
	qc_stmt_bind_text(st, i++, before_province(q));
	return i;
}

static enum qc_rc walk_pg(struct qc_store *s, const struct qc_sample_query *q,
			  const char *lo, const char *hi, const char *from,
			  const char *upto, const char *before, int limit,
			  struct qc_sample_list *out, struct qc_error *err)
{
	static const char *const walk[2] = { SELECT_ROWS PG_WALK(""),
					     SELECT_ROWS PG_WALK(FAILED_ONLY) };
	struct qc_stmt *st;
	enum qc_rc rc, r;

	rc = qc_nat_prepare(s, walk[q->failed_only], &st, err);
	if (rc)
		return rc;
	int i = bind_range_pg(st, 1, q, from, upto, before);
	qc_stmt_bind_text(st, i++, lo);
	qc_stmt_bind_text(st, i++, hi);
	qc_stmt_bind_int(st, i++, q->year);
	qc_stmt_bind_int(st, i++, q->year);
	qc_stmt_bind_int(st, i++, limit - 1);
	i = bind_range_pg(st, i, q, from, upto, before);
	qc_stmt_bind_int(st, i++, limit);
	qc_stmt_bind_int(st, i, limit);
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		add_row(st, out);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_sampling_list_page(struct qc_store *s,
				 const struct qc_sample_query *q,
				 struct qc_sample_list *out,
				 struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char code[QC_REGION_CODE_SIZE], lo[QC_REGION_CODE_SIZE] = "";
	char hi[QC_REGION_CODE_SIZE + 1] = "~", from[24] = "", to[24] = "~";
	char before[16] = "~", upto[24];
	int limit = q->limit > 0 ? q->limit : 100;
	region_code *codes = NULL;
	struct key *keys = NULL;
	size_t n_regions = 0, n_keys = 0, alloc_keys = 0;
	enum qc_rc rc, r = QC_DONE;

	memset(out, 0, sizeof(*out));
	if (q->region) {
		if ((rc = qc_region_resolve(s, q->region, code, err)))
			return rc;
		qc_region_span(code, lo, hi);
	}
	if (q->year)
		snprintf(from, sizeof(from), "%04d", q->year);
	if (q->before_date)
		snprintf(before, sizeof(before), "%s", q->before_date);
	/* One inclusive upper bound, so the index range stops there: the
	 * cursor's date, or the year's end ("2023~" follows every date of
	 * 2023 as written, and precedes 2024), whichever comes first. */
	if (q->year)
		snprintf(to, sizeof(to), "%04d~", q->year);
	snprintf(upto, sizeof(upto), "%s",
		 strcmp(before, to) < 0 ? before : to);
	if ((rc = regions_with_results(s, lo, hi, q->year, &codes, &n_regions,
				       err)))
		goto out;
	bool walk = n_regions * (size_t)limit <= MAX_CANDIDATES;
	if (walk && !strcmp(qc_store_driver(s), "postgres")) {
		rc = walk_pg(s, q, lo, hi, from, upto, before, limit, out, err);
		goto out;
	}
	/* The cursor: strictly after (before_date, before_id) in list
	 * order; sampled_on <= before_date keeps the index range. */
	bool pg = !strcmp(qc_store_driver(s), "postgres");
	rc = qc_stmt_prepare(s,
			     pg ? list_sql_pg[q->failed_only] :
				  list_sql[walk][q->failed_only],
			     &st, err);
	if (rc)
		goto out;
	for (size_t g = 0; g < (walk ? n_regions : 1); g++) {
		int i = 1;
		qc_stmt_reset(st);
		if (walk) {
			qc_stmt_bind_text(st, i++, codes[g]);
		} else {
			qc_stmt_bind_text(st, i++, lo);
			qc_stmt_bind_text(st, i++, hi);
		}
		qc_stmt_bind_text(st, i++, from);
		qc_stmt_bind_text(st, i++, upto);
		qc_stmt_bind_text(st, i++, before);
		qc_stmt_bind_int(st, i++,
				 q->before_date ? q->before_id : INT64_MAX);
		if (pg) {
			qc_stmt_bind_int(st, i++,
					 q->before_date ? q->before_id :
							  INT64_MAX);
			qc_stmt_bind_text(st, i++, before_province(q));
		}
		qc_stmt_bind_int(st, i++, limit);
		while ((r = qc_stmt_next(st, err)) == QC_ROW) {
			QC_GROW(keys, n_keys + 1, alloc_keys);
			keys[n_keys].id = qc_stmt_int(st, 0);
			snprintf(keys[n_keys].date, sizeof(keys[n_keys].date),
				 "%s", qc_stmt_text(st, 1));
			snprintf(keys[n_keys].province,
				 sizeof(keys[n_keys].province), "%s",
				 pg ? qc_stmt_text(st, 2) : "");
			n_keys++;
		}
		if (r != QC_DONE) {
			rc = r;
			goto out;
		}
	}
	qc_stmt_free(st);
	st = NULL;
	if (n_keys)
		qsort(keys, n_keys, sizeof(*keys), newer_first);
	if (n_keys > (size_t)limit)
		n_keys = (size_t)limit;
	rc = qc_nat_prepare(s,
			    pg ? SELECT_ROWS
				    " WHERE r.id = ? AND r.held_by = ?" :
				 SELECT_ROWS " WHERE r.id = ?",
			    &st, err);
	for (size_t k = 0; !rc && k < n_keys; k++) {
		qc_stmt_reset(st);
		qc_stmt_bind_int(st, 1, keys[k].id);
		if (pg)
			qc_stmt_bind_text(st, 2, keys[k].province);
		if ((r = qc_stmt_next(st, err)) == QC_ROW)
			add_row(st, out);
		else if (r != QC_DONE)
			rc = r;
	}
out:
	qc_stmt_free(st);
	free(codes);
	free(keys);
	if (rc)
		qc_sample_list_release(out);
	return rc;
}

bool qc_sample_cursor_parse(const char *text, char date[11],
			    struct qc_sample_query *q)
{
	const char *comma = text ? strchr(text, ',') : NULL;
	char *end;
	long long id;

	if (!comma || comma - text != 10)
		return false;
	q->before_province = NULL;
	memcpy(date, text, 10);
	date[10] = '\0';
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? date[i] != '-' :
				       (date[i] < '0' || date[i] > '9'))
			return false;
	id = strtoll(comma + 1, &end, 10);
	if (end == comma + 1 || id < 1)
		return false;
	/* ",PROVINCE": the national server's rows (ids repeat there). */
	if (*end == ',') {
		const char *p = end + 1;
		if (strlen(p) != 6 || strspn(p, "0123456789") != 6)
			return false;
		q->before_province = p;
	} else if (*end) {
		return false;
	}
	q->before_date = date;
	q->before_id = id;
	return true;
}

enum qc_rc qc_sampling_list(struct qc_store *s, const char *region, int year,
			    bool failed_only, int limit,
			    struct qc_sample_list *out, struct qc_error *err)
{
	struct qc_sample_query q = { .region = region,
				     .year = year,
				     .failed_only = failed_only,
				     .limit = limit };
	return qc_sampling_list_page(s, &q, out, err);
}

void qc_sample_list_release(struct qc_sample_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct qc_sample_row *e = &l->v[i];
		free(e->region);
		free(e->level);
		free(e->enterprise);
		free(e->uscc);
		free(e->product);
		free(e->category);
		free(e->sampled_on);
		free(e->failed_items);
		free(e->testing_body);
		free(e->remarks);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
