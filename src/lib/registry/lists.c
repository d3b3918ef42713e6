/* Red and black list rows from sampling results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/lists.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "banned.h"

/* [lo, hi) bounds of region codes in the subtree of region. */
static enum qc_rc subtree(struct qc_store *s, const char *region,
			  char lo[QC_REGION_CODE_SIZE],
			  char hi[QC_REGION_CODE_SIZE + 1],
			  struct qc_error *err)
{
	char code[QC_REGION_CODE_SIZE];
	enum qc_rc rc = qc_region_resolve(s, region, code, err);
	if (!rc)
		qc_region_span(code, lo, hi);
	return rc;
}

static enum qc_rc collect(struct qc_stmt *st, struct qc_list *out,
			  bool products, struct qc_error *err)
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
		(void)products;
	}
	return qc_step_rc(r);
}

/* The distinct failed products of each black row, joined with 、. */
static enum qc_rc add_products(struct qc_store *s, struct qc_list *l,
			       const char *from, const char *to,
			       struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc = qc_stmt_prepare(
		s,
		"SELECT DISTINCT product FROM"
		" sampling_results WHERE enterprise_id = ? AND passed = 0 AND"
		" sampled_on >= ? AND sampled_on < ? ORDER BY product",
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

enum qc_rc qc_black_rows(struct qc_store *s, const char *region, int year,
			 struct qc_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	char lo[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1], from[24],
		to[24];
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = subtree(s, region, lo, hi, err)))
		return rc;
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-01-01", year + 1);
	rc = qc_stmt_prepare(s,
			     "SELECT e.id, e.uscc, e.name, e.region_code,"
			     " COUNT(*), SUM(1 - r.passed) FROM sampling_results r JOIN"
			     " enterprises e ON e.id = r.enterprise_id WHERE"
			     " r.region_code >= ? AND r.region_code < ? AND"
			     " r.sampled_on >= ? AND r.sampled_on < ?"
			     " GROUP BY e.id, e.uscc, e.name, e.region_code"
			     " HAVING SUM(1 - r.passed) > 0"
			     " ORDER BY SUM(1 - r.passed) DESC, e.name",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, lo);
	qc_stmt_bind_text(st, 2, hi);
	qc_stmt_bind_text(st, 3, from);
	qc_stmt_bind_text(st, 4, to);
	rc = collect(st, out, true, err);
	qc_stmt_free(st);
	if (!rc)
		rc = add_products(s, out, from, to, err);
	if (rc)
		qc_list_release(out);
	return rc;
}

enum qc_rc qc_red_rows(struct qc_store *s, const char *region, int year,
		       int years, struct qc_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	char lo[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1], from[24],
		to[24];
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (years < 1 || years > 20)
		return qc_error_set(err, QC_EINVAL,
				    "years: %d is outside 1..20", years);
	if ((rc = subtree(s, region, lo, hi, err)))
		return rc;
	snprintf(from, sizeof(from), "%04d-01-01", year - years + 1);
	snprintf(to, sizeof(to), "%04d-01-01", year + 1);
	/* Sampled in each year of the span (distinct years = span) and never
	 * unqualified in it. */
	rc = qc_stmt_prepare(s,
			     "SELECT e.id, e.uscc, e.name, e.region_code,"
			     " COUNT(*), SUM(1 - r.passed) FROM sampling_results r JOIN"
			     " enterprises e ON e.id = r.enterprise_id WHERE"
			     " r.region_code >= ? AND r.region_code < ? AND"
			     " r.sampled_on >= ? AND r.sampled_on < ?"
			     " GROUP BY e.id, e.uscc, e.name, e.region_code"
			     " HAVING SUM(1 - r.passed) = 0 AND"
			     " COUNT(DISTINCT substr(r.sampled_on, 1, 4)) = ?"
			     " ORDER BY COUNT(*) DESC, e.name",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, lo);
	qc_stmt_bind_text(st, 2, hi);
	qc_stmt_bind_text(st, 3, from);
	qc_stmt_bind_text(st, 4, to);
	qc_stmt_bind_int(st, 5, years);
	rc = collect(st, out, false, err);
	qc_stmt_free(st);
	if (rc)
		qc_list_release(out);
	return rc;
}

void qc_list_release(struct qc_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].uscc);
		free(l->v[i].name);
		free(l->v[i].region);
		free(l->v[i].products);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
