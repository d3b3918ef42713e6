/* Reads of the special-equipment register for the pages, the API and the
 * reminders (qcity/equipment_read.h): a unit with its history and
 * 第四十条's request-by day. The page of units by state is the list's
 * (equipment_list.c), which judges what is overdue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/equipment_read.h"
#include "qcity/store.h"
#include "qcity/text.h"
#include "equipment_int.h"
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
		qc_utf8_copy(x->inspected_on, sizeof(x->inspected_on),
			     qc_stmt_text(st, 0));
		qc_utf8_copy(x->due_on, sizeof(x->due_on), qc_stmt_text(st, 1));
		qc_utf8_copy(x->next_due, sizeof(x->next_due),
			     qc_stmt_text(st, 2));
		qc_utf8_copy(x->result, sizeof(x->result), qc_stmt_text(st, 3));
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
		qc_utf8_copy(a->happened_on, sizeof(a->happened_on),
			     qc_stmt_text(st, 1));
		qc_utf8_copy(a->region, sizeof(a->region), qc_stmt_text(st, 2));
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
	struct qc_equipment_list l;
	struct qc_stmt *st;
	char on[11] = "", prov[QC_REGION_CODE_SIZE] = "";
	int64_t id = 0;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_row(s,
			 "SELECT id, status_on, province_code FROM equipment"
			 " WHERE code = ?",
			 QC_TEXTS(code), &st, err);
	if (rc == QC_ROW) {
		id = qc_stmt_int(st, 0);
		qc_utf8_copy(on, sizeof(on), qc_stmt_text(st, 1));
		qc_utf8_copy(prov, sizeof(prov), qc_stmt_text(st, 2));
		qc_stmt_free(st);
	} else if (rc != QC_DONE) {
		return rc;
	}
	if (!id)
		return qc_error_set(err, QC_ENOTFOUND,
				    "equipment %s: not registered", code);
	if ((rc = qc_eqp_listed(s, code, today, &l, err)))
		return rc;
	if (l.n) {
		out->e = l.v[0];
		l.n = 0; /* the row is out's now */
	}
	qc_equipment_list_release(&l);
	if (!out->e.code)
		return qc_error_set(err, QC_ENOTFOUND,
				    "equipment %s: not registered", code);
	qc_utf8_copy(out->status_on, sizeof(out->status_on), on);
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
