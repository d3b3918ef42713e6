/* Hot spots of the complaint register as quality-risk signals (风险信号):
 * a month's count of items for one county and product category against
 * that county's own history (docs/complaints.md "Hot spots"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/complaint.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "complaint_int.h"
#include "nation_int.h"
#include "banned.h"

/* P(X >= x) for X ~ Poisson(lambda), summed from below. */
static double poisson_tail(long x, double lambda)
{
	double term = exp(-lambda), below = 0;
	for (long k = 0; k < x; k++) {
		below += term;
		term *= lambda / (double)(k + 1);
	}
	return below >= 1 ? 0 : 1 - below;
}

/* "2024-03" and the first day of the month `back` months before it. */
static bool month_start(const char *month, int back, char out[11])
{
	int y, m;
	if (!month || strlen(month) != 7 ||
	    sscanf(month, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
		return false;
	m -= back;
	while (m < 1) {
		m += 12;
		y--;
	}
	snprintf(out, 11, "%04d-%02d-01", y, m);
	return true;
}

struct cell {
	char region[QC_REGION_CODE_SIZE];
	int64_t category;
	char *name;
	long now, before; /* this month; the history months together */
};

/* The rows come ordered by county and category, so a cell is the last
 * one or a new one: no search. */
static struct cell *find_cell(struct cell **v, size_t *n, size_t *alloc,
			      const char *region, int64_t cat, const char *name)
{
	if (*n && (*v)[*n - 1].category == cat &&
	    !strcmp((*v)[*n - 1].region, region))
		return &(*v)[*n - 1];
	if (*n == *alloc)
		*v = qc_xreallocarray(*v, *alloc = *alloc ? *alloc * 2 : 32,
				      sizeof(**v));
	struct cell *c = &(*v)[(*n)++];
	memset(c, 0, sizeof(*c));
	snprintf(c->region, sizeof(c->region), "%s", region);
	c->category = cat;
	c->name = qc_xstrdup(name ? name : "未分类");
	return c;
}

/* From the receipts per county, category and month (complaint_months,
 * kept by the intake, the import and transfers): a few thousand rows,
 * whatever the size of the register. At the national server nothing
 * keeps complaint_months: the provinces' complaints arrive by
 * replication. The same cells are counted from the complaints
 * themselves, by their received days; a county is one province's, so
 * its cells are too, and its category is named by that province's own
 * id (docs/scaling.md). */
#define RANGE                                                       \
	QC_NAT_OR(" c.province_code = ? AND c.region_code >= ? AND" \
		  " c.region_code < ? AND",                         \
		  " m.region_code >= ? AND m.region_code < ? AND")
#define CELLS                                                            \
	QC_NAT_OR("c.region_code, COALESCE(c.category_id, 0), k.name,"   \
		  " c.received_on >= ?, COUNT(*) FROM complaints c LEFT" \
		  " JOIN federation_categories k ON k.province_code ="   \
		  " c.province_code AND k.id = c.category_id",           \
		  "m.region_code, m.category_id, k.name, m.month >= ?,"  \
		  " SUM(m.n) FROM complaint_months m LEFT JOIN"          \
		  " product_categories k ON k.id = m.category_id")
#define DAY QC_NAT_OR("c.received_on", "m.month")
#define HOT_SQL(where)                                                 \
	"SELECT " CELLS " WHERE" where " " DAY " >= ? AND " DAY " < ?" \
	" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2"

static int by_p(const void *a, const void *b)
{
	const struct qc_hotspot *x = a, *y = b;
	return x->p < y->p ? -1 : x->p > y->p;
}

enum qc_rc qc_complaint_hotspots(struct qc_store *s, const char *region,
				 const char *month, struct qc_hotspot_list *out,
				 struct qc_error *err)
{
	char lo[16], hi[16], from[11], start[11], end[11];
	struct cell *v = NULL;
	size_t n = 0, alloc = 0;
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r = QC_OK;

	memset(out, 0, sizeof(*out));
	if (!month_start(month, QC_HOTSPOT_HISTORY, from) ||
	    !month_start(month, 0, start) || !month_start(month, -1, end))
		return qc_error_set(err, QC_EINVAL,
				    "month: \"%s\" is not valid: write "
				    "YYYY-MM",
				    month ? month : "");
	qc_cpl_region_range(region, lo, hi, sizeof(lo));
	bool nat = qc_store_national(s);
	if ((rc = qc_nat_prepare(s, region ? HOT_SQL(RANGE) : HOT_SQL(""), &st,
				 err)))
		return rc;
	/* Months as the table keeps them: YYYY-MM (the complaints' days
	 * compare with the first day of each month). */
	if (!nat)
		start[7] = from[7] = end[7] = '\0';
	int k = 1;
	qc_stmt_bind_text(st, k++, start);
	if (region && nat) {
		/* Its province's partitions only (docs/scaling.md). */
		char prov[QC_REGION_CODE_SIZE];
		qc_region_province(region, prov);
		qc_stmt_bind_text(st, k++, prov);
	}
	if (region) {
		qc_stmt_bind_text(st, k++, lo);
		qc_stmt_bind_text(st, k++, hi);
	}
	qc_stmt_bind_text(st, k++, from);
	qc_stmt_bind_text(st, k, end);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct cell *c = find_cell(&v, &n, &alloc, qc_stmt_text(st, 0),
					   qc_stmt_int(st, 1),
					   qc_stmt_text(st, 2));
		if (qc_stmt_int(st, 3))
			c->now += (long)qc_stmt_int(st, 4);
		else
			c->before += (long)qc_stmt_int(st, 4);
	}
	qc_stmt_free(st);
	rc = qc_step_rc(r);
	for (size_t i = 0; i < n; i++) {
		struct cell *c = &v[i];
		double lambda = (double)c->before / QC_HOTSPOT_HISTORY;
		/* A county with no history still needs a floor: one item a
		 * year is not "expected zero". */
		if (lambda < QC_HOTSPOT_MIN_RATE)
			lambda = QC_HOTSPOT_MIN_RATE;
		double p = poisson_tail(c->now, lambda);
		if (!rc && c->now >= QC_HOTSPOT_MIN_COUNT && p < QC_HOTSPOT_P) {
			if (out->n == out->alloc)
				out->v = qc_xreallocarray(
					out->v,
					out->alloc = out->alloc ?
							     out->alloc * 2 :
							     8,
					sizeof(*out->v));
			struct qc_hotspot *h = &out->v[out->n++];
			snprintf(h->region, sizeof(h->region), "%s", c->region);
			h->category = c->name;
			c->name = NULL;
			h->count = c->now;
			h->expected = lambda;
			h->p = p;
		}
		free(c->name);
	}
	free(v);
	if (rc)
		qc_hotspot_list_release(out);
	else if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_p);
	return rc;
}

void qc_hotspot_list_release(struct qc_hotspot_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].category);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
