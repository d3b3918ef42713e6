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
#include "qcity/region.h"
#include "metrology_int.h"
#include "banned.h"

/* LIMIT of "every row" (PostgreSQL takes no LIMIT -1). */
#define NO_LIMIT 2147483647

/* The rows of a region's subtree judged on the day p.d: `failed` (in use,
 * the last verification failed), `late` (in use and failed, or past its
 * date), the rank `grp` (0 late, 1 the rest) and `since`, the day the
 * lateness counts from (the failure, else the date; the day asked when
 * later): ascending, it is the most days first. The parameters: the day,
 * state, kind, code ('' for none), the end of `due`, the region span. */
#define FROM_ROWS                                                            \
	" FROM (SELECT b.*, CASE WHEN b.late = 1 THEN 0 ELSE 1 END AS grp,"  \
	" CASE WHEN b.late = 0 THEN '' WHEN b.fr > b.d THEN b.d ELSE b.fr"   \
	" END AS since FROM (SELECT a.*, CASE WHEN a.status = 'in_use' AND"  \
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
	char d[11], soon[11], lo[QC_REGION_CODE_SIZE],
		hi[QC_REGION_CODE_SIZE + 1];
	const char *st, *kd, *cd;
	int grp; /* the cursor: -1 from the start */
	char since[11], *code;
};

static void bind(struct qc_stmt *st, const struct params *p)
{
	const char *v[] = { p->d, p->st, p->kd, p->cd, p->soon, p->lo, p->hi };
	for (int i = 0; i < 7; i++)
		qc_stmt_bind_text(st, i + 1, v[i]);
}

/* "GRP|SINCE|CODE" into p; false if it is not one this list gave. */
static bool cursor(const char *after, struct params *p)
{
	const char *bar;
	size_t n;

	if (strlen(after) >= QC_METROLOGY_CURSOR_SIZE ||
	    (after[0] != '0' && after[0] != '1') || after[1] != '|' ||
	    !(bar = strchr(after + 2, '|')))
		return false;
	n = (size_t)(bar - (after + 2));
	if ((n != 0 && n != 10) || !bar[1])
		return false;
	p->grp = after[0] - '0';
	memcpy(p->since, after + 2, n);
	p->since[n] = 0;
	p->code = (char *)(bar + 1);
	return true;
}

static enum qc_rc params_of(const struct qc_metrology_query *q,
			    const char *code, long on, struct params *p,
			    struct qc_error *err)
{
	bool known = false;

	memset(p, 0, sizeof(*p));
	p->st = q->state ? q->state : "";
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		known = known || !strcmp(p->st, states[i]);
	if (*p->st && !known)
		return qc_error_set(err, QC_EINVAL,
				    "state: \"%s\" is not in_use, stopped, "
				    "scrapped, overdue, failed or due",
				    p->st);
	if (q->within < 0 || q->within > 366)
		return qc_error_set(err, QC_EINVAL,
				    "within: %d is not a number of days from "
				    "1 to 366",
				    q->within);
	p->grp = -1;
	if (q->after && *q->after && !cursor(q->after, p))
		return qc_error_set(err, QC_EINVAL,
				    "after: not a cursor this list gave");
	qc_date_from_days(on, p->d);
	qc_date_from_days(on + (q->within ? q->within : 30), p->soon);
	p->kd = q->kind ? q->kind : "";
	p->cd = code ? code : "";
	snprintf(p->hi, sizeof(p->hi), ":");
	if (q->region)
		qc_region_span(q->region, p->lo, p->hi);
	return QC_OK;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static char *dup_or_null(const char *s)
{
	return s ? qc_xstrdup(s) : NULL;
}

/* The row as listed; since: the day its lateness counts from. */
static void row(struct qc_stmt *st, long on, struct qc_metrology *m)
{
	long d;

	memset(m, 0, sizeof(*m));
	m->id = qc_stmt_int(st, 0);
	m->code = qc_xstrdup(qc_stmt_text(st, 1));
	m->kind = qc_xstrdup(qc_stmt_text(st, 2));
	copy(m->region, sizeof(m->region), qc_stmt_text(st, 3));
	m->owner_name = qc_xstrdup(qc_stmt_text(st, 4));
	m->owner_uscc = dup_or_null(qc_stmt_text(st, 5));
	copy(m->next_due, sizeof(m->next_due), qc_stmt_text(st, 6));
	m->status = qc_xstrdup(qc_stmt_text(st, 7));
	copy(m->last_result, sizeof(m->last_result), qc_stmt_text(st, 8));
	m->purpose = dup_or_null(qc_stmt_text(st, 9));
	m->failed = qc_stmt_int(st, 10) == 1;
	m->overdue = qc_stmt_int(st, 11) == 0;
	if (m->overdue && qc_date_days(qc_stmt_text(st, 12), &d))
		m->days_overdue = on > d ? on - d : 0;
}

static enum qc_rc count(struct qc_store *s, const struct params *p,
			size_t *total, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(s, "SELECT COUNT(*)" FROM_ROWS, &st, err)))
		return rc;
	bind(st, p);
	if ((rc = qc_stmt_next(st, err)) == QC_ROW)
		*total = (size_t)qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(rc);
}

/* The page of q (and of code alone when not NULL). */
static enum qc_rc page(struct qc_store *s, const struct qc_metrology_query *q,
		       const char *code, long on, struct qc_metrology_list *out,
		       size_t *total, char next[QC_METROLOGY_CURSOR_SIZE],
		       struct qc_error *err)
{
	struct params p;
	struct qc_stmt *st;
	char since[11] = "";
	size_t want = q->limit ? q->limit : NO_LIMIT;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (total)
		*total = 0;
	if (next)
		next[0] = 0;
	if ((rc = params_of(q, code, on, &p, err)) ||
	    (total && (rc = count(s, &p, total, err))))
		return rc;
	/* One row more than asked tells whether there is a page after. */
	if ((rc = qc_stmt_prepare(s,
				  "SELECT c.id, c.code, c.kind, c.region_code,"
				  " c.owner_name, c.owner_uscc, c.next_due,"
				  " c.status, c.last_result, c.purpose,"
				  " c.failed, c.grp, c.since" FROM_ROWS
				  " AND (c.grp, c.since, c.code) > (?, ?, ?)"
				  " ORDER BY c.grp, c.since, c.code LIMIT ?",
				  &st, err)))
		return rc;
	bind(st, &p);
	qc_stmt_bind_int(st, 8, p.grp);
	qc_stmt_bind_text(st, 9, p.since);
	qc_stmt_bind_text(st, 10, p.code ? p.code : "");
	qc_stmt_bind_int(st, 11,
			 (int64_t)(want < NO_LIMIT ? want + 1 : NO_LIMIT));
	while ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		if (out->n == want) {
			const struct qc_metrology *last = &out->v[out->n - 1];
			if (next)
				snprintf(next, QC_METROLOGY_CURSOR_SIZE,
					 "%d|%s|%s", last->overdue ? 0 : 1,
					 since, last->code);
			break;
		}
		QC_GROW(out->v, out->n + 1, out->alloc);
		row(st, on, &out->v[out->n++]);
		snprintf(since, sizeof(since), "%s",
			 qc_stmt_text(st, 12) ? qc_stmt_text(st, 12) : "");
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(rc)))
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
