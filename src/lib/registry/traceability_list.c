/* The traceability register's rows of a region as they stand on a day
 * (docs/traceability.md "Commands"): active first, then deregistered,
 * each by enrolment date; the database ranks them, so a page is cut there
 * and the list and the page keep one order (the keyset of
 * periodic_page.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/text.h"
#include "traceability_int.h"
#include "periodic.h"
#include "banned.h"

/* The rows of a region's subtree enrolled by the day p.d: the rank `grp`
 * by status, `ord` the enrolment day, `code` the platform, subject and
 * product (unique together). The parameters: the day, state, category
 * ('' for all), the region span. */
#define FROM_ROWS                                                              \
	" FROM (SELECT x.id, x.platform, x.subject_name, x.subject_uscc,"      \
	" x.subject_code, x.subject_type, x.category, x.category_text,"        \
	" x.product, x.products, x.region_code, x.enrolled_on, x.status,"      \
	" CASE x.status WHEN 'active' THEN 0 ELSE 1 END AS grp, x.enrolled_on" \
	" AS ord, x.platform || '|' || x.subject_key || '|' || x.product AS"   \
	" code, p.st, p.cat FROM trace_enrolments x, (SELECT CAST(? AS TEXT)"  \
	" AS d, CAST(? AS TEXT) AS st, CAST(? AS TEXT) AS cat) p WHERE"        \
	" x.region_code >= ? AND x.region_code < ? AND x.enrolled_on <="       \
	" p.d) c WHERE (c.st = '' OR c.status = c.st) AND (c.cat = '' OR"      \
	" c.category = c.cat)"

static const char *const states[] = { "active", "cancelled" };

static void row(struct qc_stmt *st, void *list)
{
	struct qc_trace_list *l = list;
	struct qc_trace_row *t;

	QC_GROW(l->v, l->n + 1, l->alloc);
	t = &l->v[l->n++];
	memset(t, 0, sizeof(*t));
	t->id = qc_stmt_int(st, 0);
	t->platform = qc_xstrdup(qc_stmt_text(st, 1));
	t->subject_name = qc_xstrdup(qc_stmt_text(st, 2));
	t->subject_uscc = qc_xstrdup(qc_stmt_text(st, 3));
	t->subject_code = qc_xstrdup(qc_stmt_text(st, 4));
	qc_utf8_copy(t->type, sizeof(t->type), qc_stmt_text(st, 5));
	qc_utf8_copy(t->category, sizeof(t->category), qc_stmt_text(st, 6));
	t->category_text = qc_xstrdup(qc_stmt_text(st, 7));
	t->product = qc_xstrdup(qc_stmt_text(st, 8));
	t->products = (long)qc_stmt_int(st, 9);
	qc_utf8_copy(t->region, sizeof(t->region), qc_stmt_text(st, 10));
	qc_utf8_copy(t->enrolled_on, sizeof(t->enrolled_on),
		     qc_stmt_text(st, 11));
	qc_utf8_copy(t->status, sizeof(t->status), qc_stmt_text(st, 12));
}

static const struct qc_periodic_list enrolments = {
	.count = "SELECT COUNT(*)" FROM_ROWS,
	.rows = "SELECT c.id, c.platform, c.subject_name, c.subject_uscc,"
		" c.subject_code, c.subject_type, c.category, c.category_text,"
		" c.product, c.products, c.region_code, c.enrolled_on,"
		" c.status, c.grp, c.ord, c.code" FROM_ROWS QC_PERIODIC_PAGE,
	.rank = 13,
	.np = 5,
	.groups = 2,
	.row = row,
};

enum qc_rc qc_trace_page(struct qc_store *s, const struct qc_trace_query *q,
			 long on, struct qc_trace_list *out, size_t *total,
			 char next[QC_TRACE_CURSOR_SIZE], struct qc_error *err)
{
	struct qc_periodic_params p;
	const char *cat = "";
	char names[512];
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (!qc_periodic_params(q->region, q->state, NULL, on, states,
				sizeof(states) / sizeof(states[0]), &p))
		return qc_error_set(err, QC_EINVAL,
				    "state: \"%s\" is not active or cancelled",
				    q->state);
	if (q->category && *q->category &&
	    !(cat = qc_trace_category(q->category))) {
		qc_trace_category_names(names, sizeof(names));
		return qc_error_set(err, QC_EINVAL,
				    "category: \"%s\" is not a category of the "
				    "register: write one of %s",
				    q->category, names);
	}
	const char *v[] = { p.day, p.state, cat, p.lo, p.hi };
	if ((rc = qc_periodic_page(s, &enrolments, v, q->after, q->limit, out,
				   total, next, QC_TRACE_CURSOR_SIZE, err)))
		qc_trace_list_release(out);
	return rc;
}

void qc_trace_list_release(struct qc_trace_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct qc_trace_row *t = &l->v[i];
		free(t->platform);
		free(t->subject_name);
		free(t->subject_uscc);
		free(t->subject_code);
		free(t->category_text);
		free(t->product);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
