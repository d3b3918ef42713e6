/* Red and black list rows from sampling results, a page at a time from
 * the enterprise years the importer keeps (sampling_tally.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/lists.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "nation_int.h"
#include "banned.h"

/* holder: the query's 7th column is the row's holder (the nation's
 * black list). */
static enum qc_rc collect(struct qc_stmt *st, struct qc_list *out, bool holder,
			  struct qc_error *err)
{
	enum qc_rc r;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_list_row *e = &out->v[out->n++];
		memset(e, 0, sizeof(*e));
		e->enterprise_id = qc_stmt_int(st, 0);
		e->uscc = qc_xstrdup(qc_stmt_text(st, 1));
		e->name = qc_xstrdup(qc_stmt_text(st, 2));
		e->region = qc_xstrdup(qc_stmt_text(st, 3));
		e->samples = qc_stmt_int(st, 4);
		e->failed = qc_stmt_int(st, 5);
		if (holder && qc_stmt_text(st, 6))
			e->province = qc_xstrdup(qc_stmt_text(st, 6));
	}
	return qc_step_rc(r);
}

/* The enterprise of a list row. On a province server its id alone finds
 * it (the enterprise may be of another province: a product made there,
 * sampled here). On the national server ids are each province's own
 * (enterprises are keyed (held_by, id), 0026), and a province sends
 * every enterprise it holds, whatever province it is registered in: the
 * row's holder finds it (docs/scaling.md "Which tables are national").
 * The nation's red list of a region is the rows held by the region's
 * province (the same enterprise held by two provinces has two ids there,
 * and the page cursor is the id): the province's own list, as its server
 * gives it; its black list has every holder's failures of the region
 * (qc_black_page). */
#define ENT_JOIN QC_NAT(" AND e.held_by = y.held_by")

/* The province a list reads (one parameter): at the nation its holder
 * too, named by the parameter so that PostgreSQL reads that province's
 * partition alone (held_by = province_code, a comparison of two columns,
 * prunes nothing). */
#define PROV_WHERE                                                  \
	QC_NAT_OR(" y.held_by = ? AND y.province_code = y.held_by", \
		  " y.province_code = ?")

/* The distinct failed products of each black row, joined with 、.
 * SQLite (never a national server): a statement per row, as cheap as a
 * step there. */
static enum qc_rc add_products_lite(struct qc_store *s, struct qc_list *l,
				    const char *from, const char *to,
				    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc = qc_stmt_prepare(
		s,
		"SELECT DISTINCT product FROM sampling_results WHERE"
		" enterprise_id = ? AND passed = 0 AND sampled_on >= ?"
		" AND sampled_on < ? ORDER BY product",
		&st, err);
	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < l->n; i++) {
		struct qc_buf b;
		enum qc_rc r;
		qc_buf_init(&b, 4096);
		qc_stmt_reset(st);
		qc_stmt_bind_int(st, 1, l->v[i].enterprise_id);
		qc_stmt_bind_text(st, 2, from);
		qc_stmt_bind_text(st, 3, to);
		while ((r = qc_stmt_next(st, err)) == QC_ROW) {
			if (qc_buf_len(&b))
				qc_buf_adds(&b, "、");
			qc_buf_adds(&b, qc_stmt_text(st, 0));
		}
		if (r != QC_DONE)
			rc = r;
		qc_buf_mark_cut(&b, "…");
		l->v[i].products = qc_buf_detach(&b, NULL);
	}
	qc_stmt_free(st);
	return rc;
}

/* Rows of a page whose products one statement reads on PostgreSQL (a
 * page is 50; every row of a list is read this many at a time). */
#define PRODUCTS_BATCH 256

/* PostgreSQL: the products of up to PRODUCTS_BATCH rows from i on in one
 * statement, not a round trip per row (the page's enterprises as an
 * array; at the nation with their holders, each pair along the
 * enterprise index of its holder's partition). The rows come ordered by
 * enterprise (and holder), then product, as the per-row query gives
 * them: each goes to the page's row of that enterprise. */
static enum qc_rc products_pg(struct qc_store *s, struct qc_stmt *st,
			      struct qc_list *l, size_t i, size_t n,
			      const char *from, const char *to,
			      struct qc_buf *bufs, struct qc_error *err)
{
	struct qc_buf ids = QC_BUF_INIT, holders = QC_BUF_INIT;
	bool nat = qc_store_national(s);
	enum qc_rc r;

	qc_buf_adds(&ids, "{");
	qc_buf_adds(&holders, "{");
	for (size_t k = i; k < i + n; k++) {
		const char *p = l->v[k].province ? l->v[k].province : "";
		qc_buf_addf(&ids, "%s%lld", k > i ? "," : "",
			    (long long)l->v[k].enterprise_id);
		/* Province codes are digits; quoted, so that a row
		 * without one is the empty text. */
		qc_buf_addf(&holders, "%s\"%s\"", k > i ? "," : "", p);
	}
	qc_buf_adds(&ids, "}");
	qc_buf_adds(&holders, "}");
	qc_stmt_reset(st);
	int arg = 1;
	qc_stmt_bind_text(st, arg++, qc_buf_str(&ids));
	if (nat)
		qc_stmt_bind_text(st, arg++, qc_buf_str(&holders));
	qc_stmt_bind_text(st, arg++, from);
	qc_stmt_bind_text(st, arg, to);
	qc_buf_release(&ids);
	qc_buf_release(&holders);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		int64_t id = qc_stmt_int(st, 0);
		const char *holder = nat ? qc_stmt_text(st, 1) : NULL;
		const char *product = qc_stmt_text(st, nat ? 2 : 1);
		/* A page's enterprises are distinct (with their holder at
		 * the nation): the first row that matches. */
		for (size_t j = i; j < i + n; j++) {
			if (l->v[j].enterprise_id != id ||
			    (nat &&
			     strcmp(holder ? holder : "",
				    l->v[j].province ? l->v[j].province : "")))
				continue;
			if (qc_buf_len(&bufs[j]))
				qc_buf_adds(&bufs[j], "、");
			qc_buf_adds(&bufs[j], product);
			break;
		}
	}
	return qc_step_rc(r);
}

#define PRODUCTS_PG                                                                                                                                   \
	"SELECT DISTINCT k.id" QC_NAT(                                                                                                                \
		", k.holder") ", r.product FROM"                                                                                                      \
			      " unnest(?::bigint[]" QC_NAT(", ?::text[]") ") AS k(id" QC_NAT(                                                         \
				      ", holder") ") JOIN sampling_results r ON"                                                                      \
						  " r.enterprise_id = k.id" QC_NAT(                                                                   \
							  " AND r.held_by = k.holder") " AND r.passed = 0 AND r.sampled_on >= ? AND r.sampled_on < ?" \
										       " ORDER BY 1, 2" QC_NAT(                                       \
											       ", 3")

static enum qc_rc add_products(struct qc_store *s, struct qc_list *l,
			       const char *from, const char *to,
			       struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if (strcmp(qc_store_driver(s), "postgres"))
		return add_products_lite(s, l, from, to, err);
	if (!l->n)
		return QC_OK;
	/* At the nation an id is a province's (see ENT_JOIN). */
	rc = qc_nat_prepare(s, PRODUCTS_PG, &st, err);
	if (rc)
		return rc;
	struct qc_buf *bufs = qc_xcalloc(l->n, sizeof(*bufs));
	for (size_t i = 0; i < l->n; i++)
		qc_buf_init(&bufs[i], 4096);
	for (size_t i = 0; !rc && i < l->n; i += PRODUCTS_BATCH)
		rc = products_pg(s, st, l, i,
				 l->n - i < PRODUCTS_BATCH ? l->n - i :
							     PRODUCTS_BATCH,
				 from, to, bufs, err);
	for (size_t i = 0; i < l->n; i++) {
		qc_buf_mark_cut(&bufs[i], "…");
		l->v[i].products = qc_buf_detach(&bufs[i], NULL);
	}
	free(bufs);
	qc_stmt_free(st);
	return rc;
}

/* The area a region list reads (its span prefix) and its province. */
static enum qc_rc area_of(struct qc_store *s, const char *region,
			  char area[QC_REGION_CODE_SIZE],
			  char prov[QC_REGION_CODE_SIZE], struct qc_error *err)
{
	char code[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1];
	enum qc_rc rc = qc_region_resolve(s, region, code, err);
	if (!rc) {
		qc_region_span(code, area, hi);
		qc_region_province(code, prov);
	}
	return rc;
}

/* Keyset start: before every row (failures are an INTEGER: INT32_MAX). */
#define AFTER_ALL INT64_MAX
/* LIMIT of "every row" (PostgreSQL takes no LIMIT -1). */
#define NO_LIMIT 2147483647

enum qc_rc qc_black_page(struct qc_store *s, const struct qc_list_query *q,
			 struct qc_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	char area[QC_REGION_CODE_SIZE], prov[QC_REGION_CODE_SIZE], from[24],
		to[24];
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = area_of(s, q->region, area, prov, err)))
		return rc;
	snprintf(from, sizeof(from), "%04d-01-01", q->year);
	snprintf(to, sizeof(to), "%04d-01-01", q->year + 1);
	/* Most failures first along (province, area, year, failed,
	 * enterprise) read backwards; the cursor is a row value, so the
	 * page starts where the last one ended. At the nation every
	 * holder's rows of the region's province (a failure of one of its
	 * makers sampled by another province is on its black list; docs/
	 * scaling.md "Held by, made in"): each holder's partition along
	 * the same index, merged, the holder last in the order and the
	 * cursor (an id is each holder's). */
	bool nat = qc_store_national(s), start = q->after_id <= 0;
	rc = qc_nat_prepare(
		s,
		"SELECT y.enterprise_id, e.uscc, e.name, e.region_code,"
		" y.samples, y.failed" QC_NAT(
			", y.held_by") " FROM"
				       " sampling_enterprise_years y JOIN enterprises e ON e.id ="
				       " y.enterprise_id" ENT_JOIN
				       " WHERE y.province_code = ? AND"
				       " y.area = ? AND y.year = ? AND y.failed > 0 AND " QC_NAT_OR(
					       "(y.failed, y.enterprise_id, y.held_by) < (?, ?, ?)",
					       "(y.failed, y.enterprise_id) < (?, ?)") " ORDER BY"
										       " y.failed DESC, y.enterprise_id DESC" QC_NAT(
											       ", y.held_by DESC") " LIMIT ?",
		&st, err);
	if (rc)
		return rc;
	int k = 1;
	qc_stmt_bind_text(st, k++, prov);
	qc_stmt_bind_text(st, k++, area);
	qc_stmt_bind_int(st, k++, q->year);
	qc_stmt_bind_int(st, k++, start ? INT32_MAX : q->after_failed);
	qc_stmt_bind_int(st, k++, start ? AFTER_ALL : q->after_id);
	/* "~" sorts after every code; "" before: a cursor without its
	 * holder goes past every holder's row of that id. */
	if (nat)
		qc_stmt_bind_text(st, k++,
				  start             ? "~" :
				  q->after_province ? q->after_province :
						      "");
	qc_stmt_bind_int(st, k, q->limit > 0 ? q->limit : NO_LIMIT);
	rc = collect(st, out, nat, err);
	qc_stmt_free(st);
	if (!rc)
		rc = add_products(s, out, from, to, err);
	if (rc)
		qc_list_release(out);
	return rc;
}

enum qc_rc qc_black_rows(struct qc_store *s, const char *region, int year,
			 struct qc_list *out, struct qc_error *err)
{
	struct qc_list_query q = { .region = region, .year = year };
	return qc_black_page(s, &q, out, err);
}

enum qc_rc qc_red_page(struct qc_store *s, const struct qc_list_query *q,
		       struct qc_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	char area[QC_REGION_CODE_SIZE], prov[QC_REGION_CODE_SIZE];
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (q->years < 1 || q->years > 20)
		return qc_error_set(err, QC_EINVAL,
				    "years: %d is outside 1..20", q->years);
	if ((rc = area_of(s, q->region, area, prov, err)))
		return rc;
		/* The enterprises clean in the year, newest first along the list
	 * index; each kept when it was sampled, and clean, in every year of
	 * the span (a range of the primary key: "+z.year" and z.samples,
	 * which the list index lacks, keep SQLite from scanning the area's
	 * rows along that index instead). */
#define SPAN                                                         \
	" FROM sampling_enterprise_years z WHERE z.held_by ="        \
	" y.held_by AND z.province_code = y.province_code AND"       \
	" z.area = y.area AND z.enterprise_id = y.enterprise_id AND" \
	" +z.year >= ? AND +z.year <= ?"
	rc = qc_nat_prepare(s,
			    "SELECT y.enterprise_id, e.uscc, e.name,"
			    " e.region_code, (SELECT SUM(z.samples)" SPAN
			    "), 0 FROM sampling_enterprise_years y JOIN"
			    " enterprises e ON e.id = y.enterprise_id" ENT_JOIN
			    " WHERE" PROV_WHERE " AND y.area = ? AND y.year = ?"
			    " AND y.failed = 0 AND y.enterprise_id < ? AND"
			    " (SELECT COUNT(*)" SPAN " AND z.failed = 0 AND"
			    " z.samples > 0) = ? ORDER BY y.enterprise_id DESC"
			    " LIMIT ?",
			    &st, err);
#undef SPAN
	if (rc)
		return rc;
	int first = q->year - q->years + 1;
	qc_stmt_bind_int(st, 1, first);
	qc_stmt_bind_int(st, 2, q->year);
	qc_stmt_bind_text(st, 3, prov);
	qc_stmt_bind_text(st, 4, area);
	qc_stmt_bind_int(st, 5, q->year);
	qc_stmt_bind_int(st, 6, q->after_id > 0 ? q->after_id : AFTER_ALL);
	qc_stmt_bind_int(st, 7, first);
	qc_stmt_bind_int(st, 8, q->year);
	qc_stmt_bind_int(st, 9, q->years);
	qc_stmt_bind_int(st, 10, q->limit > 0 ? q->limit : NO_LIMIT);
	rc = collect(st, out, false, err);
	qc_stmt_free(st);
	if (rc)
		qc_list_release(out);
	return rc;
}

enum qc_rc qc_red_rows(struct qc_store *s, const char *region, int year,
		       int years, struct qc_list *out, struct qc_error *err)
{
	struct qc_list_query q = { .region = region,
				   .year = year,
				   .years = years };
	return qc_red_page(s, &q, out, err);
}

void qc_list_release(struct qc_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].uscc);
		free(l->v[i].name);
		free(l->v[i].region);
		free(l->v[i].products);
		free(l->v[i].province);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
