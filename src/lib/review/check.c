/* What the entry form checks before a value is kept: the plan's reporting
 * calendar (periods are chosen, never typed), the previous period, and a
 * jump beyond the plan's factor, which needs a note (as DHIS2's
 * validation rules and outlier checks ask for a comment). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/indicator.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/reporting.h"
#include "qcity/review.h"
#include "qcity/store.h"
#include "banned.h"

bool qc_period_previous(const char *p, char out[12])
{
	unsigned y, n;
	char c;

	if (!qc_period_valid(p))
		return false;
	y = (unsigned)atoi(p) % 10000;
	if (strlen(p) == 4) {
		snprintf(out, 12, "%04u", (y - 1) % 10000);
		return y > 1;
	}
	c = p[5];
	n = (unsigned)atoi(p + (c == 'H' || c == 'Q' ? 6 : 5)) % 100;
	if (c == 'H' || c == 'Q') {
		unsigned last = c == 'H' ? 2 : 4;
		if (n > 1)
			snprintf(out, 12, "%04u-%c%u", y, c, (n - 1) % 10);
		else
			snprintf(out, 12, "%04u-%c%u", (y - 1) % 10000, c,
				 last);
	} else if (n > 1) {
		snprintf(out, 12, "%04u-%02u", y, n - 1);
	} else {
		snprintf(out, 12, "%04u-12", (y - 1) % 10000);
	}
	return y > 1;
}

void qc_calendar_release(struct qc_calendar *c)
{
	if (c) {
		free(c->v);
		memset(c, 0, sizeof(*c));
	}
}

static void cal_add(struct qc_calendar *c, const char *period, const char *kind,
		    int grace)
{
	struct qc_calendar_period *p;
	QC_GROW(c->v, c->n + 1, c->alloc);
	p = &c->v[c->n++];
	memset(p, 0, sizeof(*p));
	/* Periods are at most 7 bytes ("2020-H1"); the bound says so to
	 * the compiler's truncation check of release builds. */
	snprintf(p->period, sizeof(p->period), "%.11s", period);
	snprintf(p->kind, sizeof(p->kind), "%s", kind);
	qc_report_deadline(period, grace, p->deadline, sizeof(p->deadline));
}

enum qc_rc qc_entry_calendar(struct qc_store *s, long long plan_id,
			     struct qc_calendar *out, struct qc_error *err)
{
	int y0 = 0, y1 = 0, ty, tm, td, grace[3] = { -1, -1, -1 };
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT p.period_start, p.period_end,"
				  " d.kind, d.grace_days FROM plans p LEFT JOIN"
				  " report_duties d ON d.plan_id = p.id WHERE"
				  " p.id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *kind = qc_stmt_text(st, 2);
		int g = (int)qc_stmt_int(st, 3), k;
		y0 = (int)qc_stmt_int(st, 0);
		y1 = (int)qc_stmt_int(st, 1);
		if (!kind)
			continue;
		k = !strcmp(kind, "annual")    ? 0 :
		    !strcmp(kind, "half_year") ? 1 :
						 2;
		if (grace[k] < 0 || g < grace[k])
			grace[k] = g;
	}
	qc_stmt_free(st);
	if (qc_step_failed(r))
		return r;
	if (!y0 && !y1)
		return qc_error_set(err, QC_ENOTFOUND, "no plan %lld", plan_id);
	qc_today(&ty, &tm, &td);
	y1 = y1 && y1 < ty ? y1 : ty;
	y0 = y0 ? y0 - 1 : y1 - 5;
	for (int y = y1; y >= y0 && y >= 1; y--) {
		char p[16];
		int months = y < ty ? 12 : tm;
		snprintf(p, sizeof(p), "%04d", y % 10000);
		cal_add(out, p, "annual", grace[0] < 0 ? 0 : grace[0]);
		for (int h = 2; grace[1] >= 0 && h >= 1; h--)
			if (months > (h - 1) * 6) {
				snprintf(p, sizeof(p), "%04d-H%d", y % 10000,
					 h);
				cal_add(out, p, "half_year", grace[1]);
			}
		for (int m = months; grace[2] >= 0 && m >= 1; m--) {
			snprintf(p, sizeof(p), "%04d-%02d", y % 10000, m);
			cal_add(out, p, "monthly", grace[2]);
		}
	}
	return QC_OK;
}

enum qc_rc qc_entry_jump_get(struct qc_store *s, long long plan_id, double *out,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	*out = QC_ENTRY_JUMP_DEFAULT;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT jump_factor FROM entry_rules"
				  " WHERE plan_id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		*out = qc_stmt_double(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_entry_jump_set(struct qc_store *s, long long plan_id,
			     double factor, const char *actor,
			     struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	double before = 0;
	char key[32];
	enum qc_rc rc;

	if (!isfinite(factor) || factor <= 0 || factor > 100)
		return qc_error_set(err, QC_EINVAL,
				    "jump factor: a share above "
				    "0 and at most 100 (0.5 asks for a note past "
				    "a 50%% change)");
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_entry_jump_get(s, plan_id, &before, err)))
		goto out;
	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO entry_rules (plan_id,"
				  " jump_factor) VALUES (?, ?) ON CONFLICT"
				  " (plan_id) DO UPDATE SET jump_factor ="
				  " excluded.jump_factor",
				  &st, err)))
		goto out;
	qc_stmt_bind_int(st, 1, plan_id);
	qc_stmt_bind_double(st, 2, factor);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld", plan_id);
	rc = qc_audit_add_json(s, actor, "update", "entry_rules", key,
			       qc_xjson_pack("{s:f}", "jump_factor", before),
			       qc_xjson_pack("{s:f}", "jump_factor", factor),
			       err);
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}

/* The factor of the plan that measures the series (the default if
 * none), and the previous period's value in region. */
static enum qc_rc previous_of(struct qc_store *s, struct qc_entry_check *c,
			      const char *period, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	c->factor = QC_ENTRY_JUMP_DEFAULT;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT r.jump_factor FROM targets t JOIN"
				  " entry_rules r ON r.plan_id = t.plan_id WHERE"
				  " t.indicator_id = ? ORDER BY t.id LIMIT 1",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, c->indicator_id);
	if ((r = qc_stmt_next(st, err)) == QC_ROW)
		c->factor = qc_stmt_double(st, 0);
	qc_stmt_free(st);
	if (qc_step_failed(r))
		return r;
	if (!qc_period_previous(period, c->previous_period))
		return QC_OK;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT value FROM indicator_values WHERE"
				  " indicator_id = ? AND region_code = ? AND"
				  " period = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, c->indicator_id);
	qc_stmt_bind_text(st, 2, c->region);
	qc_stmt_bind_text(st, 3, c->previous_period);
	if ((r = qc_stmt_next(st, err)) == QC_ROW) {
		c->has_previous = true;
		c->previous = qc_stmt_double(st, 0);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_entry_check_value(struct qc_store *s, const struct qc_value_in *v,
				struct qc_entry_check *out,
				struct qc_error *err)
{
	struct qc_entry_check c = { 0 };
	enum qc_rc rc;

	if (out)
		memset(out, 0, sizeof(*out));
	if (!qc_period_valid(v->period))
		return qc_error_set(err, QC_EINVAL,
				    "period: choose a period from the "
				    "reporting calendar (such as 2019, "
				    "2019-H1, 2019-03)");
	if (!isfinite(v->value))
		return qc_error_set(err, QC_EINVAL, "value: enter a number");
	if ((rc = qc_region_resolve(s, v->region, c.region, err)))
		return qc_error_prefix(err, "region"), rc;
	c.indicator_id = v->indicator_id;
	if (!c.indicator_id &&
	    (rc = qc_indicator_resolve(s, v->indicator, c.region,
				       &c.indicator_id, err)))
		return qc_error_prefix(err, "indicator"), rc;
	if ((rc = qc_indicator_check_value(s, c.indicator_id, v->value, err)))
		return rc;
	if ((rc = previous_of(s, &c, v->period, err)))
		return rc;
	if (c.has_previous && c.previous != 0) {
		c.change = (v->value - c.previous) / fabs(c.previous);
		c.jump = fabs(c.change) > c.factor;
	}
	if (out)
		*out = c;
	if (c.jump && (!v->note || !*v->note))
		return qc_error_set(err, QC_EINVAL,
				    "note: the change from the previous "
				    "period (%s: %.12g) is %+.1f%%, more than the "
				    "%.12g%% that asks for a note: say why in the "
				    "note",
				    c.previous_period, c.previous,
				    c.change * 100, c.factor * 100);
	return QC_OK;
}

struct entry_set {
	qc_value_row_check check;
	void *arg;
	struct qc_entry_check *out;
};

/* The caller's check (its scope), then the entry form's. */
static enum qc_rc entry_row_check(struct qc_store *s, struct qc_value_in *v,
				  int line, void *arg, struct qc_error *err)
{
	struct entry_set *e = arg;
	enum qc_rc rc;
	if (e->check && (rc = e->check(s, v, line, e->arg, err)))
		return rc;
	return qc_entry_check_value(s, v, e->out, err);
}

enum qc_rc qc_entry_value_set(struct qc_store *s, struct qc_value_in *v,
			      qc_value_row_check check, void *arg,
			      const char *actor, struct qc_entry_check *out,
			      struct qc_error *err)
{
	struct entry_set e = { check, arg, out };
	return qc_value_set_checked(s, v, entry_row_check, &e, actor, err);
}
