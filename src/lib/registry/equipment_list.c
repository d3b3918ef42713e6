/* The units of a region, overdue first (docs/equipment.md "List"): a unit
 * in use whose 下次检验日期 has passed, or whose last inspection failed,
 * may not be used (特种设备安全法 第四十条). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/region.h"
#include "equipment_int.h"
#include "banned.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* Overdue first, the most days first; then by code. */
static int by_urgency(const void *a, const void *b)
{
	const struct qc_equipment *x = a, *y = b;
	if (x->overdue != y->overdue)
		return x->overdue ? -1 : 1;
	if (x->days_overdue != y->days_overdue)
		return x->days_overdue > y->days_overdue ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* Whether a unit in use is overdue on today, and by how many days: past
 * its due date, or failed (days since that inspection). */
static void judge(struct qc_equipment *e, const char *last_on, long today)
{
	bool failed = !strcmp(e->last_result, "fail");
	const char *from = failed ? last_on : e->next_due;
	long d;

	if (strcmp(e->status, "in_use") || !from || !*from ||
	    !qc_date_days(from, &d) || (!failed && d >= today))
		return;
	e->overdue = true;
	e->days_overdue = today > d ? today - d : 0;
}

static void free_one(struct qc_equipment *e)
{
	free(e->code);
	free(e->category);
	free(e->user_name);
	free(e->user_uscc);
	free(e->status);
}

enum qc_rc qc_equipment_list(struct qc_store *s, const char *region,
			     bool overdue_only, long today,
			     struct qc_equipment_list *out,
			     struct qc_error *err)
{
	char lo[QC_REGION_CODE_SIZE] = "", hi[QC_REGION_CODE_SIZE + 1] = ":";
	struct qc_stmt *st;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (region)
		qc_region_span(region, lo, hi);
	if ((rc = qc_stmt_prepare(s,
				  "SELECT e.code, e.category, e.region_code,"
				  " e.user_name, e.user_uscc, e.registered_on,"
				  " e.next_due, e.status, e.last_result,"
				  " (SELECT MAX(inspected_on) FROM"
				  " equipment_inspections i WHERE"
				  " i.province_code = e.province_code AND"
				  " i.equipment_id = e.id) FROM equipment e"
				  " WHERE e.region_code >= ? AND e.region_code"
				  " < ? ORDER BY e.code",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, lo);
	qc_stmt_bind_text(st, 2, hi);
	while ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		struct qc_equipment e = { 0 };
		e.code = qc_xstrdup(qc_stmt_text(st, 0));
		e.category = qc_xstrdup(qc_stmt_text(st, 1));
		copy(e.region, sizeof(e.region), qc_stmt_text(st, 2));
		e.user_name = qc_xstrdup(qc_stmt_text(st, 3));
		e.user_uscc = qc_xstrdup(qc_stmt_text(st, 4));
		copy(e.registered_on, sizeof(e.registered_on),
		     qc_stmt_text(st, 5));
		copy(e.next_due, sizeof(e.next_due), qc_stmt_text(st, 6));
		e.status = qc_xstrdup(qc_stmt_text(st, 7));
		copy(e.last_result, sizeof(e.last_result), qc_stmt_text(st, 8));
		judge(&e, qc_stmt_text(st, 9), today);
		if (overdue_only && !e.overdue) {
			free_one(&e);
			continue;
		}
		QC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n++] = e;
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(rc))) {
		qc_equipment_list_release(out);
		return rc;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_urgency);
	return QC_OK;
}

void qc_equipment_list_release(struct qc_equipment_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free_one(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
