/* The instruments of a region, overdue and failed first (docs/metrology.md
 * "List"): an instrument in use past the date its certificate is valid
 * until, or whose last verification failed, may not be used (计量法 第九
 * 条: 未按照规定申请检定或者检定不合格的，不得使用). The database judges
 * and ranks them, so a page is cut there and the list and the page keep
 * one order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/metrology_read.h"
#include "qcity/text.h"
#include "metrology_int.h"
#include "periodic.h"
#include "banned.h"

/* The rows of a region's subtree judged on the day p.d: `failed` (in use,
 * the last verification failed), `late` (in use and failed, or past its
 * date), the rank `grp` (0 late, 1 the rest) and `ord`, the day the
 * lateness counts from (the failure, else the date; the day asked when
 * later): ascending, it is the most days first. The parameters: the day,
 * state, kind, code ('' for none), the end of `due`, the region span. */
#define FROM_ROWS                                                            \
	" FROM (SELECT b.*, CASE WHEN b.late = 1 THEN 0 ELSE 1 END AS grp,"  \
	" CASE WHEN b.late = 0 THEN '' WHEN b.fr > b.d THEN b.d ELSE b.fr"   \
	" END AS ord FROM (SELECT a.*, CASE WHEN a.status = 'in_use' AND"    \
	" a.last_result = 'fail' THEN 1 ELSE 0 END AS failed, CASE WHEN"     \
	" a.status = 'in_use' AND ((a.last_result = 'fail' AND a.last_on IS" \
	" NOT NULL) OR (COALESCE(a.last_result, '') <> 'fail' AND"           \
	" a.next_due < a.d)) THEN 1 ELSE 0 END AS late, CASE WHEN"           \
	" a.last_result = 'fail' THEN a.last_on ELSE a.next_due END AS fr"   \
	" FROM (SELECT m.id, m.code, m.kind, m.region_code, m.owner_name,"   \
	" m.owner_uscc, m.next_due, m.status, m.last_result, m.purpose,"     \
	" (SELECT MAX(verified_on) FROM metrology_verifications v WHERE"     \
	" v.province_code = m.province_code AND v.instrument_id = m.id)"     \
	" AS last_on, p.d, p.st, p.kd, p.cd, p.soon"                         \
	" FROM metrology_instruments m, (SELECT CAST(? AS TEXT) AS d,"       \
	" CAST(? AS TEXT) AS st, CAST(? AS TEXT) AS kd, CAST(? AS TEXT) AS"  \
	" cd, CAST(? AS TEXT) AS soon) p WHERE m.region_code >= ? AND"       \
	" m.region_code < ?) a) b) c WHERE (c.st = '' OR (c.st ="            \
	" 'overdue' AND c.late = 1) OR (c.st = 'failed' AND c.failed = 1)"   \
	" OR (c.st = 'due' AND c.late = 0 AND c.failed = 0 AND c.status ="   \
	" 'in_use' AND c.next_due <= c.soon) OR c.status = c.st) AND"        \
	" (c.kd = '' OR c.kind = c.kd) AND (c.cd = '' OR c.code = c.cd)"

static const char *const states[] = { "in_use",  "stopped", "scrapped",
				      "overdue", "failed",  "due" };

/* The query's parameters as bound, checked. */
struct params {
	struct qc_periodic_params b;
	char soon[11];
	const char *kd;
};

static enum qc_rc params_of(const struct qc_metrology_query *q,
			    const char *code, long on, struct params *p,
			    struct qc_error *err)
{
	if (!qc_periodic_params(q->region, q->state, code, on, states,
				sizeof(states) / sizeof(states[0]), &p->b))
		return qc_error_set(err, QC_EINVAL,
				    "state: \"%s\" is not in_use, stopped, "
				    "scrapped, overdue, failed or due",
				    q->state);
	if (q->within < 0 || q->within > 366)
		return qc_error_set(err, QC_EINVAL,
				    "within: %d is not a number of days from "
				    "1 to 366",
				    q->within);
	qc_date_from_days(on + (q->within ? q->within : 30), p->soon);
	p->kd = q->kind ? q->kind : "";
	return QC_OK;
}

/* The list a page's rows go to, and the day they are judged on. */
struct listed {
	struct qc_metrology_list *out;
	long on;
};

/* A row as listed; column 12, ord: the day its lateness counts from. */
static void row(struct qc_stmt *st, void *list)
{
	struct listed *l = list;
	struct qc_metrology *m;
	long d;

	QC_GROW(l->out->v, l->out->n + 1, l->out->alloc);
	m = &l->out->v[l->out->n++];
	memset(m, 0, sizeof(*m));
	m->id = qc_stmt_int(st, 0);
	m->code = qc_xstrdup(qc_stmt_text(st, 1));
	m->kind = qc_xstrdup(qc_stmt_text(st, 2));
	qc_utf8_copy(m->region, sizeof(m->region), qc_stmt_text(st, 3));
	m->owner_name = qc_xstrdup(qc_stmt_text(st, 4));
	m->owner_uscc = qc_xstrdup(qc_stmt_text(st, 5));
	qc_utf8_copy(m->next_due, sizeof(m->next_due), qc_stmt_text(st, 6));
	m->status = qc_xstrdup(qc_stmt_text(st, 7));
	qc_utf8_copy(m->last_result, sizeof(m->last_result),
		     qc_stmt_text(st, 8));
	m->purpose = qc_xstrdup(qc_stmt_text(st, 9));
	m->failed = qc_stmt_int(st, 10) == 1;
	m->overdue = qc_stmt_int(st, 11) == 0;
	if (m->overdue && qc_date_days(qc_stmt_text(st, 12), &d))
		m->days_overdue = l->on > d ? l->on - d : 0;
}

static const struct qc_periodic_list instruments = {
	.count = "SELECT COUNT(*)" FROM_ROWS,
	.rows = "SELECT c.id, c.code, c.kind, c.region_code, c.owner_name,"
		" c.owner_uscc, c.next_due, c.status, c.last_result,"
		" c.purpose, c.failed, c.grp, c.ord, c.code" FROM_ROWS
			QC_PERIODIC_PAGE,
	.rank = 11,
	.np = 7,
	.groups = 2,
	.row = row,
};

/* The page of q (and of code alone when not NULL). */
static enum qc_rc page(struct qc_store *s, const struct qc_metrology_query *q,
		       const char *code, long on, struct qc_metrology_list *out,
		       size_t *total, char next[QC_METROLOGY_CURSOR_SIZE],
		       struct qc_error *err)
{
	struct params p;
	struct listed l = { out, on };
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = params_of(q, code, on, &p, err)))
		return rc;
	const char *v[] = { p.b.day, p.b.state, p.kd,  p.b.code,
			    p.soon,  p.b.lo,    p.b.hi };
	if ((rc = qc_periodic_page(s, &instruments, v, q->after, q->limit, &l,
				   total, next, QC_METROLOGY_CURSOR_SIZE, err)))
		qc_metrology_list_release(out);
	return rc;
}

enum qc_rc qc_metrology_page(struct qc_store *s,
			     const struct qc_metrology_query *q, long on,
			     struct qc_metrology_list *out, size_t *total,
			     char next[QC_METROLOGY_CURSOR_SIZE],
			     struct qc_error *err)
{
	return page(s, q, NULL, on, out, total, next, err);
}

enum qc_rc qc_mtr_listed(struct qc_store *s, const char *code, long on,
			 struct qc_metrology_list *out, struct qc_error *err)
{
	struct qc_metrology_query q = { 0 };
	return page(s, &q, code, on, out, NULL, NULL, err);
}

enum qc_rc qc_metrology_list(struct qc_store *s, const char *region,
			     enum qc_metrology_filter which, long on,
			     struct qc_metrology_list *out,
			     struct qc_error *err)
{
	struct qc_metrology_query q = {
		.region = region,
		.state = which == QC_MTR_OVERDUE ? "overdue" :
			 which == QC_MTR_FAILED  ? "failed" :
						   NULL,
	};
	return page(s, &q, NULL, on, out, NULL, NULL, err);
}

void qc_metrology_list_release(struct qc_metrology_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct qc_metrology *m = &l->v[i];
		free(m->code);
		free(m->kind);
		free(m->owner_name);
		free(m->owner_uscc);
		free(m->status);
		free(m->purpose);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
