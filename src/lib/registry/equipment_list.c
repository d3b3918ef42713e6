/* The units of a region, overdue first (docs/equipment.md "List"): a unit
 * in use whose 下次检验日期 has passed, or whose last inspection failed,
 * may not be used (特种设备安全法 第四十条); then those due within a
 * month, whose inspection the user is to request now. The database
 * judges and ranks them, so a page is cut there and the list and the
 * page keep one order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/equipment_read.h"
#include "qcity/text.h"
#include "equipment_int.h"
#include "periodic.h"
#include "banned.h"

/* The units of a region's subtree judged on the day p.d: `late` (in
 * use, and failed or past its 下次检验日期), `soon` (in use, its due
 * date on or before p.upto: due within a month unless late), the rank
 * `grp` (0 late, 1 due within a month, 2 the rest) and `ord`, the order
 * within it: for the late the day the lateness counts from (the failure,
 * else the due date; the day asked when later), ascending the most days
 * first; for the due, the due date. The parameters: the day, state,
 * category, code ('' for none), the last due date due within a month,
 * the region span. */
#define FROM_ROWS                                                             \
	" FROM (SELECT b.*, CASE WHEN b.late = 1 THEN 0 WHEN b.soon = 1 THEN" \
	" 1 ELSE 2 END AS grp, CASE WHEN b.late = 0 AND b.soon = 1 THEN"      \
	" b.next_due WHEN b.late = 0 THEN '' WHEN b.fr > b.d THEN b.d ELSE"   \
	" b.fr END AS ord FROM (SELECT a.*, CASE WHEN a.status = 'in_use'"    \
	" AND ((a.last_result = 'fail' AND a.last_on IS NOT NULL) OR"         \
	" (COALESCE(a.last_result, '') <> 'fail' AND a.next_due < a.d))"      \
	" THEN 1 ELSE 0 END AS late, CASE WHEN a.status = 'in_use' AND"       \
	" a.next_due <= a.upto THEN 1 ELSE 0 END AS soon, CASE WHEN"          \
	" a.last_result = 'fail' THEN a.last_on ELSE a.next_due END AS fr"    \
	" FROM (SELECT e.code, e.category, e.region_code, e.user_name,"       \
	" e.user_uscc, e.registered_on, e.next_due, e.status,"                \
	" e.last_result, (SELECT MAX(inspected_on) FROM"                      \
	" equipment_inspections i WHERE i.province_code = e.province_code"    \
	" AND i.equipment_id = e.id) AS last_on,"                             \
	" p.d, p.st, p.ct, p.cd, p.upto FROM equipment e, (SELECT CAST(? AS"  \
	" TEXT) AS d, CAST(? AS TEXT) AS st, CAST(? AS TEXT) AS ct, CAST(?"   \
	" AS TEXT) AS cd, CAST(? AS TEXT) AS upto) p WHERE e.region_code >="  \
	" ? AND e.region_code < ?) a) b) c WHERE (c.st = '' OR (c.st ="       \
	" 'overdue' AND c.grp = 0) OR (c.st = 'due' AND c.grp = 1) OR (c.st"  \
	" = 'attention' AND c.grp < 2) OR c.status = c.st) AND (c.ct = '' OR" \
	" c.category = c.ct) AND (c.cd = '' OR c.code = c.cd)"

static const char *const states[] = { "in_use",  "stopped", "scrapped",
				      "overdue", "due",     "attention" };

/* The query's parameters as bound, checked. */
struct params {
	struct qc_periodic_params b;
	char upto[11];
	const char *ct;
};

/* The last due date that is due within a month on `today` (its
 * request-by day on or before today, qc_equipment_request_by): that day
 * grows with the due date, so walk back from two months on. */
static void due_upto(long today, char out[11])
{
	char by[11];
	long x, d;

	for (x = today + 62; x > today; x--) {
		qc_date_from_days(x, out);
		if (qc_equipment_request_by(out, by) && qc_date_days(by, &d) &&
		    d <= today)
			return;
	}
	qc_date_from_days(today, out);
}

static enum qc_rc params_of(const struct qc_equipment_query *q,
			    const char *code, long today, struct params *p,
			    struct qc_error *err)
{
	if (!qc_periodic_params(q->region, q->state, code, today, states,
				sizeof(states) / sizeof(states[0]), &p->b))
		return qc_error_set(err, QC_EINVAL,
				    "state: \"%s\" is not in_use, stopped, "
				    "scrapped, overdue, due or attention",
				    q->state);
	p->ct = "";
	if (q->category && *q->category &&
	    !(p->ct = qc_equipment_category(q->category)))
		return qc_error_set(err, QC_EINVAL,
				    "category: \"%s\" is not a class of the "
				    "特种设备目录",
				    q->category);
	due_upto(today, p->upto);
	return QC_OK;
}

/* The list a page's rows go to, and the day they are judged on. */
struct listed {
	struct qc_equipment_list *out;
	long today;
};

/* A row as listed; column 10, ord: for the late, the day the lateness
 * counts from. */
static void row(struct qc_stmt *st, void *list)
{
	struct listed *l = list;
	struct qc_equipment *e;
	long d;

	QC_GROW(l->out->v, l->out->n + 1, l->out->alloc);
	e = &l->out->v[l->out->n++];
	memset(e, 0, sizeof(*e));
	e->code = qc_xstrdup(qc_stmt_text(st, 0));
	e->category = qc_xstrdup(qc_stmt_text(st, 1));
	qc_utf8_copy(e->region, sizeof(e->region), qc_stmt_text(st, 2));
	e->user_name = qc_xstrdup(qc_stmt_text(st, 3));
	e->user_uscc = qc_xstrdup(qc_stmt_text(st, 4));
	qc_utf8_copy(e->registered_on, sizeof(e->registered_on),
		     qc_stmt_text(st, 5));
	qc_utf8_copy(e->next_due, sizeof(e->next_due), qc_stmt_text(st, 6));
	e->status = qc_xstrdup(qc_stmt_text(st, 7));
	qc_utf8_copy(e->last_result, sizeof(e->last_result),
		     qc_stmt_text(st, 8));
	e->overdue = qc_stmt_int(st, 9) == 0;
	if (e->overdue && qc_date_days(qc_stmt_text(st, 10), &d))
		e->days_overdue = l->today > d ? l->today - d : 0;
}

static const struct qc_periodic_list units = {
	.count = "SELECT COUNT(*)" FROM_ROWS,
	.rows = "SELECT c.code, c.category, c.region_code, c.user_name,"
		" c.user_uscc, c.registered_on, c.next_due, c.status,"
		" c.last_result, c.grp, c.ord, c.code" FROM_ROWS
			QC_PERIODIC_PAGE,
	.rank = 9,
	.np = 7,
	.groups = 3,
	.row = row,
};

/* The page of q (and of code alone when not NULL). */
static enum qc_rc page(struct qc_store *s, const struct qc_equipment_query *q,
		       const char *code, long today,
		       struct qc_equipment_list *out, size_t *total,
		       char next[QC_EQUIPMENT_CURSOR_SIZE],
		       struct qc_error *err)
{
	struct params p;
	struct listed l = { out, today };
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = params_of(q, code, today, &p, err)))
		return rc;
	const char *v[] = { p.b.day, p.b.state, p.ct,  p.b.code,
			    p.upto,  p.b.lo,    p.b.hi };
	if ((rc = qc_periodic_page(s, &units, v, q->after, q->limit, &l, total,
				   next, QC_EQUIPMENT_CURSOR_SIZE, err)))
		qc_equipment_list_release(out);
	return rc;
}

enum qc_rc qc_equipment_page(struct qc_store *s,
			     const struct qc_equipment_query *q, long today,
			     struct qc_equipment_list *out, size_t *total,
			     char next[QC_EQUIPMENT_CURSOR_SIZE],
			     struct qc_error *err)
{
	return page(s, q, NULL, today, out, total, next, err);
}

enum qc_rc qc_eqp_listed(struct qc_store *s, const char *code, long today,
			 struct qc_equipment_list *out, struct qc_error *err)
{
	struct qc_equipment_query q = { 0 };
	return page(s, &q, code, today, out, NULL, NULL, err);
}

enum qc_rc qc_equipment_list(struct qc_store *s, const char *region,
			     bool overdue_only, long today,
			     struct qc_equipment_list *out,
			     struct qc_error *err)
{
	struct qc_equipment_query q = {
		.region = region,
		.state = overdue_only ? "overdue" : NULL,
	};
	return page(s, &q, NULL, today, out, NULL, NULL, err);
}

void qc_equipment_list_release(struct qc_equipment_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct qc_equipment *e = &l->v[i];
		free(e->code);
		free(e->category);
		free(e->user_name);
		free(e->user_uscc);
		free(e->status);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
