/* The instruments of a region, overdue and failed first (docs/metrology.md
 * "List"): an instrument in use past the date its certificate is valid
 * until, or whose last verification failed, may not be used (计量法 第九
 * 条: 未按照规定申请检定或者检定不合格的，不得使用). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/region.h"
#include "metrology_int.h"
#include "banned.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* Overdue (or failed) first, the most days first; then by code. */
static int by_urgency(const void *a, const void *b)
{
	const struct qc_metrology *x = a, *y = b;
	if (x->overdue != y->overdue)
		return x->overdue ? -1 : 1;
	if (x->days_overdue != y->days_overdue)
		return x->days_overdue > y->days_overdue ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* Whether an instrument in use is overdue on `on`, and by how many days:
 * past its due date, or failed (days since that verification). */
static void judge(struct qc_metrology *m, const char *last_on, long on)
{
	const char *from;
	long d;

	if (strcmp(m->status, "in_use"))
		return;
	m->failed = !strcmp(m->last_result, "fail");
	from = m->failed ? last_on : m->next_due;
	if (!from || !*from || !qc_date_days(from, &d) ||
	    (!m->failed && d >= on))
		return;
	m->overdue = true;
	m->days_overdue = on > d ? on - d : 0;
}

static void free_one(struct qc_metrology *m)
{
	free(m->code);
	free(m->kind);
	free(m->owner_name);
	free(m->owner_uscc);
	free(m->status);
	free(m->purpose);
}

enum qc_rc qc_metrology_list(struct qc_store *s, const char *region,
			     enum qc_metrology_filter which, long on,
			     struct qc_metrology_list *out,
			     struct qc_error *err)
{
	char lo[QC_REGION_CODE_SIZE] = "", hi[QC_REGION_CODE_SIZE + 1] = ":";
	struct qc_stmt *st;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (region)
		qc_region_span(region, lo, hi);
	if ((rc = qc_stmt_prepare(s,
				  "SELECT m.code, m.kind, m.region_code,"
				  " m.owner_name, m.owner_uscc, m.next_due,"
				  " m.status, m.last_result, m.purpose,"
				  " (SELECT MAX(verified_on) FROM"
				  " metrology_verifications v WHERE"
				  " v.instrument_id = m.id) FROM"
				  " metrology_instruments m WHERE"
				  " m.region_code >= ? AND m.region_code < ?"
				  " ORDER BY m.code",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, lo);
	qc_stmt_bind_text(st, 2, hi);
	while ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		struct qc_metrology m = { 0 };
		m.code = qc_xstrdup(qc_stmt_text(st, 0));
		m.kind = qc_xstrdup(qc_stmt_text(st, 1));
		copy(m.region, sizeof(m.region), qc_stmt_text(st, 2));
		m.owner_name = qc_xstrdup(qc_stmt_text(st, 3));
		m.owner_uscc = qc_stmt_text(st, 4) ?
				       qc_xstrdup(qc_stmt_text(st, 4)) :
				       NULL;
		copy(m.next_due, sizeof(m.next_due), qc_stmt_text(st, 5));
		m.status = qc_xstrdup(qc_stmt_text(st, 6));
		copy(m.last_result, sizeof(m.last_result), qc_stmt_text(st, 7));
		m.purpose = qc_stmt_text(st, 8) ?
				    qc_xstrdup(qc_stmt_text(st, 8)) :
				    NULL;
		judge(&m, qc_stmt_text(st, 9), on);
		if ((which == QC_MTR_OVERDUE && !m.overdue) ||
		    (which == QC_MTR_FAILED && !m.failed)) {
			free_one(&m);
			continue;
		}
		QC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n++] = m;
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(rc))) {
		qc_metrology_list_release(out);
		return rc;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_urgency);
	return QC_OK;
}

void qc_metrology_list_release(struct qc_metrology_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free_one(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
