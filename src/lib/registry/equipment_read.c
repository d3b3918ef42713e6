/* Reads of the special-equipment register for the pages, the API and the
 * reminders (qcity/equipment_read.h): a unit with its history, a page of
 * units by state, and 第四十条's request-by day. Built on
 * qc_equipment_list, which judges what is overdue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/equipment_read.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "banned.h"

static int month_days(int y, int m)
{
	static const int n[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : n[m - 1];
}

bool qc_equipment_request_by(const char *due, char out[11])
{
	long d;
	int y, m, day;

	if (!due || !qc_date_days(due, &d))
		return false;
	qc_civil_from_days(d, &y, &m, &day);
	if (--m < 1) {
		m = 12;
		y--;
	}
	/* 3月31日 → 2月28日 (29 in a leap year): the month's last day. */
	if (day > month_days(y, m))
		day = month_days(y, m);
	qc_date_from_days(qc_days_from_civil(y, m, day), out);
	return true;
}

bool qc_equipment_due_soon(const struct qc_equipment *e, long today)
{
	char by[11];
	long d;

	if (e->overdue || strcmp(e->status, "in_use") ||
	    !qc_equipment_request_by(e->next_due, by) || !qc_date_days(by, &d))
		return false;
	return today >= d;
}

/* The state filter: whether e is kept. */
static bool keep(const struct qc_equipment *e, const char *state,
		 const char *cat, long today)
{
	if (cat && strcmp(e->category, cat))
		return false;
	if (!state)
		return true;
	if (!strcmp(state, "overdue"))
		return e->overdue;
	if (!strcmp(state, "due"))
		return qc_equipment_due_soon(e, today);
	if (!strcmp(state, "attention"))
		return e->overdue || qc_equipment_due_soon(e, today);
	return !strcmp(e->status, state);
}

/* The sort key, also the cursor: overdue (most days first), due within a
 * month (earliest first), the rest; each by code last. */
static char *sort_key(const struct qc_equipment *e, long today)
{
	char head[24];
	if (e->overdue)
		snprintf(head, sizeof(head), "0%010ld",
			 9999999999L - e->days_overdue);
	else if (qc_equipment_due_soon(e, today))
		snprintf(head, sizeof(head), "1%s", e->next_due);
	else
		snprintf(head, sizeof(head), "2");
	size_t n = strlen(head) + strlen(e->code) + 2;
	char *k = qc_xmalloc(n);
	snprintf(k, n, "%s|%s", head, e->code);
	return k;
}

struct keyed {
	char *key;
	struct qc_equipment e;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key,
		      ((const struct keyed *)b)->key);
}

static const char *const states[] = { "in_use",  "stopped", "scrapped",
				      "overdue", "due",     "attention" };

enum qc_rc qc_equipment_page(struct qc_store *s,
			     const struct qc_equipment_query *q, long today,
			     struct qc_equipment_list *out, size_t *total,
			     char next[QC_EQUIPMENT_CURSOR_SIZE],
			     struct qc_error *err)
{
	const char *state = q->state && *q->state ? q->state : NULL;
	const char *cat = NULL;
	struct qc_equipment_list all, rest = { 0 };
	struct keyed *k;
	size_t n = 0, from = 0, i;
	bool known = !state;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	*total = 0;
	next[0] = 0;
	for (i = 0; state && i < sizeof(states) / sizeof(states[0]); i++)
		known = known || !strcmp(state, states[i]);
	if (!known)
		return qc_error_set(err, QC_EINVAL,
				    "state: \"%s\" is not in_use, stopped, "
				    "scrapped, overdue, due or attention",
				    state);
	if (q->category && *q->category &&
	    !(cat = qc_equipment_category(q->category)))
		return qc_error_set(err, QC_EINVAL,
				    "category: \"%s\" is not a class of the "
				    "特种设备目录",
				    q->category);
	if (q->after && strlen(q->after) >= QC_EQUIPMENT_CURSOR_SIZE)
		return qc_error_set(err, QC_EINVAL,
				    "after: not a cursor this list gave");
	if ((rc = qc_equipment_list(s, q->region, false, today, &all, err)))
		return rc;
	k = qc_xcalloc(all.n ? all.n : 1, sizeof(*k));
	for (i = 0; i < all.n; i++) {
		if (keep(&all.v[i], state, cat, today)) {
			k[n].e = all.v[i];
			k[n++].key = sort_key(&all.v[i], today);
		} else {
			/* Released with the list below. */
			QC_GROW(rest.v, rest.n + 1, rest.alloc);
			rest.v[rest.n++] = all.v[i];
		}
	}
	free(all.v);
	if (n)
		qsort(k, n, sizeof(*k), by_key);
	*total = n;
	while (q->after && from < n && strcmp(k[from].key, q->after) <= 0)
		from++;
	for (i = 0; i < n; i++) {
		if (i >= from && out->n < q->limit) {
			QC_GROW(out->v, out->n + 1, out->alloc);
			out->v[out->n++] = k[i].e;
			if (out->n == q->limit && i + 1 < n)
				snprintf(next, QC_EQUIPMENT_CURSOR_SIZE, "%s",
					 k[i].key);
		} else {
			QC_GROW(rest.v, rest.n + 1, rest.alloc);
			rest.v[rest.n++] = k[i].e;
		}
		free(k[i].key);
	}
	free(k);
	qc_equipment_list_release(&rest);
	return QC_OK;
}

/* The unit as listed (overdue judged by qc_equipment_list). */
static enum qc_rc listed(struct qc_store *s, const char *code,
			 const char *region, long today, struct qc_equipment *e,
			 struct qc_error *err)
{
	struct qc_equipment_list l;
	enum qc_rc rc = qc_equipment_list(s, region, false, today, &l, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < l.n; i++) {
		if (strcmp(l.v[i].code, code))
			continue;
		*e = l.v[i];
		l.v[i] = l.v[--l.n];
		break;
	}
	qc_equipment_list_release(&l);
	return QC_OK;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static enum qc_rc history(struct qc_store *s, const char *prov, int64_t id,
			  struct qc_equipment_unit *u, struct qc_error *err)
{
	struct qc_stmt *st;
	size_t alloc = 0;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT inspected_on, due_on, next_due,"
				  " result, actor, recorded_at FROM"
				  " equipment_inspections WHERE equipment_id ="
				  " ? AND province_code = ? ORDER BY"
				  " inspected_on DESC, id DESC",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	qc_stmt_bind_text(st, 2, prov);
	while ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(u->insp, u->n_insp + 1, alloc);
		struct qc_equipment_inspection *x = &u->insp[u->n_insp++];
		copy(x->inspected_on, sizeof(x->inspected_on),
		     qc_stmt_text(st, 0));
		copy(x->due_on, sizeof(x->due_on), qc_stmt_text(st, 1));
		copy(x->next_due, sizeof(x->next_due), qc_stmt_text(st, 2));
		copy(x->result, sizeof(x->result), qc_stmt_text(st, 3));
		x->actor = qc_xstrdup(qc_stmt_text(st, 4));
		x->recorded_at = qc_xstrdup(qc_stmt_text(st, 5));
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(rc)))
		return rc;
	alloc = 0;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT id, happened_on, region_code,"
				  " category, deaths, injuries FROM"
				  " equipment_accidents WHERE equipment_id = ?"
				  " AND province_code = ? ORDER BY happened_on"
				  " DESC, id DESC",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	qc_stmt_bind_text(st, 2, prov);
	while ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(u->acc, u->n_acc + 1, alloc);
		struct qc_equipment_accident_row *a = &u->acc[u->n_acc++];
		a->id = qc_stmt_int(st, 0);
		copy(a->happened_on, sizeof(a->happened_on),
		     qc_stmt_text(st, 1));
		copy(a->region, sizeof(a->region), qc_stmt_text(st, 2));
		a->category = qc_xstrdup(qc_stmt_text(st, 3));
		a->deaths = (long)qc_stmt_int(st, 4);
		a->injuries = (long)qc_stmt_int(st, 5);
	}
	qc_stmt_free(st);
	return qc_step_rc(rc);
}

enum qc_rc qc_equipment_get(struct qc_store *s, const char *code, long today,
			    struct qc_equipment_unit *out, struct qc_error *err)
{
	struct qc_stmt *st;
	char region[QC_REGION_CODE_SIZE] = "", on[11] = "",
	     prov[QC_REGION_CODE_SIZE] = "";
	int64_t id = 0;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_row(s,
			 "SELECT id, region_code, status_on, province_code"
			 " FROM equipment WHERE code = ?",
			 QC_TEXTS(code), &st, err);
	if (rc == QC_ROW) {
		id = qc_stmt_int(st, 0);
		copy(region, sizeof(region), qc_stmt_text(st, 1));
		copy(on, sizeof(on), qc_stmt_text(st, 2));
		copy(prov, sizeof(prov), qc_stmt_text(st, 3));
		qc_stmt_free(st);
	} else if (rc != QC_DONE) {
		return rc;
	}
	if (!id)
		return qc_error_set(err, QC_ENOTFOUND,
				    "equipment %s: not registered", code);
	if ((rc = listed(s, code, region, today, &out->e, err)))
		return rc;
	if (!out->e.code)
		return qc_error_set(err, QC_ENOTFOUND,
				    "equipment %s: not registered", code);
	copy(out->status_on, sizeof(out->status_on), on);
	qc_equipment_request_by(out->e.next_due, out->request_by);
	out->due_soon = qc_equipment_due_soon(&out->e, today);
	return history(s, prov, id, out, err);
}

void qc_equipment_unit_release(struct qc_equipment_unit *u)
{
	/* The unit's strings, freed as the list frees them. */
	struct qc_equipment_list one = { 0 };
	if (u->e.code) {
		QC_GROW(one.v, 1, one.alloc);
		one.v[0] = u->e;
		one.n = 1;
	}
	qc_equipment_list_release(&one);
	for (size_t i = 0; i < u->n_insp; i++) {
		free(u->insp[i].actor);
		free(u->insp[i].recorded_at);
	}
	for (size_t i = 0; i < u->n_acc; i++)
		free(u->acc[i].category);
	free(u->insp);
	free(u->acc);
	memset(u, 0, sizeof(*u));
}
