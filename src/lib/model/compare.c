/* Comparing plans: the targets different plans set for one catalogue
 * indicator, through each series' confirmed link (never a shared series). */
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/plan_store.h"
#include "qcity/store.h"
#include "banned.h"

static int by_breadth(const void *a, const void *b)
{
	const struct qc_compare_row *x = a, *y = b;
	if (x->n_plans != y->n_plans)
		return x->n_plans < y->n_plans ? 1 : -1;
	return strcmp(x->indicator, y->indicator);
}

enum qc_rc qc_plan_compare(struct qc_store *s, struct qc_compare *out,
			   struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_prepare(s,
			     "SELECT i.name, p.id,"
			     " COALESCE(g.name, p.region_name), p.title,"
			     " t.indicator_text, t.op, t.value, t.value_max,"
			     " t.unit, t.due_year, t.baseline_year,"
			     " t.baseline_ref FROM targets t"
			     " JOIN indicators x ON x.id = t.indicator_id"
			     " JOIN indicators i ON i.id = x.catalog_id"
			     " JOIN plans p ON p.id = t.plan_id"
			     " LEFT JOIN regions g ON g.code = p.region_code"
			     " WHERE i.in_catalog = 1"
			     " AND x.link_status = 'confirmed'"
			     " ORDER BY i.name, p.id, t.seq",
			     &st, err);
	if (rc)
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *name = qc_stmt_text(st, 0);
		struct qc_compare_row *row = out->n ? &out->v[out->n - 1] :
						      NULL;
		if (!row || strcmp(row->indicator, name)) {
			QC_GROW(out->v, out->n + 1, out->alloc);
			row = &out->v[out->n++];
			memset(row, 0, sizeof(*row));
			row->indicator = qc_xstrdup(name);
		}
		QC_GROW(row->v, row->n + 1, row->alloc);
		struct qc_compare_entry *e = &row->v[row->n++];
		memset(e, 0, sizeof(*e));
		e->plan_id = qc_stmt_int(st, 1);
		/* Rows come ordered by plan within an indicator. */
		if (row->n == 1 || row->v[row->n - 2].plan_id != e->plan_id)
			row->n_plans++;
		e->region = qc_xstrdup(qc_stmt_text(st, 2));
		e->title = qc_xstrdup(qc_stmt_text(st, 3));
		e->target.indicator = qc_xstrdup(qc_stmt_text(st, 4));
		qc_op_parse(qc_stmt_text(st, 5), &e->target.op);
		if ((e->target.has_value = !qc_stmt_is_null(st, 6)))
			e->target.value = qc_stmt_double(st, 6);
		if ((e->target.has_value_max = !qc_stmt_is_null(st, 7)))
			e->target.value_max = qc_stmt_double(st, 7);
		e->target.unit = qc_xstrdup(qc_stmt_text(st, 8));
		e->target.year = (int)qc_stmt_int(st, 9);
		e->target.baseline_year = (int)qc_stmt_int(st, 10);
		e->target.baseline_previous = qc_stmt_text(st, 11) != NULL;
	}
	qc_stmt_free(st);
	if (r != QC_DONE) {
		qc_compare_release(out);
		return r;
	}
	if (out->n) /* qsort takes no NULL array, even empty */
		qsort(out->v, out->n, sizeof(*out->v), by_breadth);
	return QC_OK;
}

void qc_compare_release(struct qc_compare *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct qc_compare_row *row = &c->v[i];
		for (size_t k = 0; k < row->n; k++) {
			free(row->v[k].region);
			free(row->v[k].title);
			free(row->v[k].target.indicator);
			free(row->v[k].target.unit);
		}
		free(row->v);
		free(row->indicator);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}
