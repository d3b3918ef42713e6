/* Listing sampling results for the office and for scripts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "banned.h"

enum qc_rc qc_sampling_list(struct qc_store *s, const char *region, int year,
			    bool failed_only, int limit,
			    struct qc_sample_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	char code[QC_REGION_CODE_SIZE], lo[QC_REGION_CODE_SIZE] = "";
	char hi[QC_REGION_CODE_SIZE + 1] = "", from[24] = "", to[24] = "";
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if (region) {
		if ((rc = qc_region_resolve(s, region, code, err)))
			return rc;
		qc_region_span(code, lo, hi);
	}
	if (year) {
		snprintf(from, sizeof(from), "%04d-01-01", year);
		snprintf(to, sizeof(to), "%04d-01-01", year + 1);
	}
	rc = qc_stmt_prepare(
		s,
		"SELECT r.id, r.region_code, r.level,"
		" r.enterprise_name, e.uscc, r.product, c.name, r.sampled_on,"
		" r.failed_items, r.testing_body, r.passed"
		" FROM sampling_results r"
		" LEFT JOIN enterprises e ON e.id = r.enterprise_id"
		" LEFT JOIN product_categories c ON c.id = r.category_id"
		" WHERE (CAST(? AS TEXT) IS NULL OR"
		"        (r.region_code >= ? AND r.region_code < ?))"
		" AND (CAST(? AS TEXT) IS NULL OR"
		"      (r.sampled_on >= ? AND r.sampled_on < ?))"
		" AND (? = 0 OR r.passed = 0)"
		" ORDER BY r.sampled_on DESC, r.id DESC LIMIT ?",
		&st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, region ? lo : NULL);
	qc_stmt_bind_text(st, 2, lo);
	qc_stmt_bind_text(st, 3, hi);
	qc_stmt_bind_text(st, 4, year ? from : NULL);
	qc_stmt_bind_text(st, 5, from);
	qc_stmt_bind_text(st, 6, to);
	qc_stmt_bind_int(st, 7, failed_only);
	qc_stmt_bind_int(st, 8, limit > 0 ? limit : 100);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
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
	}
	qc_stmt_free(st);
	if (r != QC_DONE) {
		qc_sample_list_release(out);
		return r;
	}
	return QC_OK;
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
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
