/* The metrology register's records (docs/metrology.md): results and
 * purposes by name, verifications, the office's periods by kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/audit.h"
#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "metrology_int.h"
#include "periodic.h"
#include "reg_import.h"
#include "banned.h"

const char *qc_metrology_result(const char *name)
{
	if (!name)
		return NULL;
	if (!strcmp(name, "合格") || !strcmp(name, "pass"))
		return "pass";
	if (!strcmp(name, "不合格") || !strcmp(name, "fail"))
		return "fail";
	return NULL;
}

const char *qc_metrology_purpose(const char *name)
{
	static const char *const v[][2] = {
		{ "trade", "贸易结算" },
		{ "safety", "安全防护" },
		{ "medical", "医疗卫生" },
		{ "environment", "环境监测" },
	};
	for (size_t i = 0; name && i < sizeof(v) / sizeof(v[0]); i++)
		if (!strcmp(name, v[i][0]) || !strcmp(name, v[i][1]))
			return v[i][0];
	return NULL;
}

const char *qc_metrology_status_name(const char *code)
{
	return qc_reg_status_name(code);
}

enum qc_rc qc_mtr_json(struct qc_store *s, const char *code, json_t **out,
		       int64_t *id, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	*out = NULL;
	*id = 0;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT id, code, kind, model, serial_no,"
				  " purpose, region_code, owner_name,"
				  " owner_uscc, next_due, status, status_on,"
				  " last_result FROM metrology_instruments"
				  " WHERE code = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, code);
	if ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		*id = qc_stmt_int(st, 0);
		*out = qc_xjson_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s, s:s, s:s?, s:s?,"
				     " s:s, s:s?, s:s?}",
				     "code", qc_stmt_text(st, 1), "kind",
				     qc_stmt_text(st, 2), "model",
				     qc_stmt_text(st, 3), "serial_no",
				     qc_stmt_text(st, 4), "purpose",
				     qc_stmt_text(st, 5), "region",
				     qc_stmt_text(st, 6), "owner_name",
				     qc_stmt_text(st, 7), "owner_uscc",
				     qc_stmt_text(st, 8), "next_due",
				     qc_stmt_text(st, 9), "status",
				     qc_stmt_text(st, 10), "status_on",
				     qc_stmt_text(st, 11), "last_result",
				     qc_stmt_text(st, 12));
	}
	qc_stmt_free(st);
	return qc_step_rc(rc);
}

/* The instrument's state a verification needs. */
struct now {
	int64_t id;
	char region[QC_REGION_CODE_SIZE], due[11], last[11], status[12];
	char prov[QC_REGION_CODE_SIZE];
	char *kind;
};

static enum qc_rc instrument_now(struct qc_store *s, const char *code,
				 struct now *u, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	memset(u, 0, sizeof(*u));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT m.id, m.region_code, m.next_due,"
				  " m.status, (SELECT MAX(verified_on) FROM"
				  " metrology_verifications v WHERE"
				  " v.province_code = m.province_code AND"
				  " v.instrument_id = m.id), m.kind,"
				  " m.province_code FROM metrology_instruments"
				  " m WHERE m.code = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, code);
	if ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		const char *due = qc_stmt_text(st, 2),
			   *last = qc_stmt_text(st, 4);
		u->id = qc_stmt_int(st, 0);
		snprintf(u->region, sizeof(u->region), "%s",
			 qc_stmt_text(st, 1));
		snprintf(u->due, sizeof(u->due), "%s", due ? due : "");
		snprintf(u->status, sizeof(u->status), "%s",
			 qc_stmt_text(st, 3));
		snprintf(u->last, sizeof(u->last), "%s", last ? last : "");
		u->kind = qc_xstrdup(qc_stmt_text(st, 5));
		snprintf(u->prov, sizeof(u->prov), "%s", qc_stmt_text(st, 6));
	}
	qc_stmt_free(st);
	if (rc == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND,
				    "instrument %s: not on record (import the "
				    "register first)",
				    code);
	return qc_step_rc(rc);
}

/* on + months, the same day of the month (the month's last day when it
 * has no such day). */
static void add_months(const char *on, int months, char out[11])
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };
	int y = atoi(on), m = atoi(on + 5), d = atoi(on + 8), k, last;

	k = (m - 1) + months;
	y += k / 12;
	m = k % 12 + 1;
	last = mdays[m - 1] +
	       (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	/* Bounded for the compiler: the date was checked, so are these. */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)(d < last ? d : last) % 100u);
}

/* The next due date: the one given, else the office's period for the
 * kind; none for a failure. */
static enum qc_rc next_due(struct qc_store *s, const char *res, const char *on,
			   const char *next, const char *kind, char nx[11],
			   struct qc_error *err)
{
	int64_t months = 0;
	bool found;
	enum qc_rc rc;

	nx[0] = 0;
	if (!strcmp(res, "fail")) {
		if (next)
			return qc_error_set(err, QC_EINVAL,
					    "--next: an instrument that failed "
					    "has no next due date; it may not be "
					    "used until a verification passes");
		return QC_OK;
	}
	if (next) {
		if (!qc_reg_date(next, nx))
			return qc_error_set(err, QC_EINVAL,
					    "--next: \"%s\" is not a date "
					    "(YYYY-MM-DD)",
					    next);
	} else {
		if ((rc = qc_store_get_int(s,
					   "SELECT months FROM"
					   " metrology_periods WHERE kind = ?",
					   QC_TEXTS(kind), &months, &found,
					   err)))
			return rc;
		if (!found)
			return qc_error_set(err, QC_EINVAL,
					    "--next: give the date the "
					    "certificate is valid until; no "
					    "period is set for %s (qcity "
					    "metrology period)",
					    kind);
		add_months(on, (int)months, nx);
	}
	if (strcmp(nx, on) <= 0)
		return qc_error_set(err, QC_EINVAL,
				    "--next: %s is not after the verification "
				    "(%s)",
				    nx, on);
	return QC_OK;
}

static enum qc_rc insert(struct qc_store *s, const struct now *u,
			 const char *on, const char *res, const char *nx,
			 const char *cert, const char *actor,
			 struct qc_error *err)
{
	struct qc_stmt *st;
	char now[32];
	enum qc_rc rc;

	qc_now_iso(now, sizeof(now));
	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO metrology_verifications"
				  " (instrument_id, verified_on, due_on, result,"
				  " next_due, certificate, actor, recorded_at,"
				  " province_code) VALUES (?, ?, ?, ?, ?, ?, ?,"
				  " ?, ?)",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, u->id);
	qc_stmt_bind_text(st, 2, on);
	qc_stmt_bind_text(st, 3, u->due[0] ? u->due : NULL);
	qc_stmt_bind_text(st, 4, res);
	qc_stmt_bind_text(st, 5, nx[0] ? nx : NULL);
	qc_stmt_bind_text(st, 6, cert);
	qc_stmt_bind_text(st, 7, actor);
	qc_stmt_bind_text(st, 8, now);
	qc_stmt_bind_text(st, 9, u->prov);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	if (rc || (rc = qc_stmt_prepare(s,
					"UPDATE metrology_instruments SET"
					" next_due = ?, last_result = ?,"
					" updated_at = ? WHERE id = ?",
					&st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, nx[0] ? nx : NULL);
	qc_stmt_bind_text(st, 2, res);
	qc_stmt_bind_text(st, 3, now);
	qc_stmt_bind_int(st, 4, u->id);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_metrology_verify(struct qc_store *s,
			       const struct qc_metrology_verification *v,
			       const char *actor, struct qc_error *err)
{
	const char *res = qc_metrology_result(v->result);
	struct now u = { 0 };
	json_t *before = NULL, *after = NULL;
	char on[11], nx[11];
	int64_t id;
	long d;
	enum qc_rc rc;

	if (!res)
		return qc_error_set(err, QC_EINVAL,
				    "result: \"%s\" is not 合格 or 不合格",
				    v->result ? v->result : "");
	if (!qc_reg_date(v->date, on))
		return qc_error_set(err, QC_EINVAL,
				    "date: \"%s\" is not a date (YYYY-MM-DD)",
				    v->date ? v->date : "");
	qc_date_days(on, &d);
	if (d > qc_today_days())
		return qc_error_set(err, QC_EINVAL, "date: %s is in the future",
				    on);
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = instrument_now(s, v->code, &u, err)) ||
	    (rc = next_due(s, res, on, v->next, u.kind, nx, err)))
		goto out;
	if (!strcmp(u.status, "scrapped")) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "instrument %s: scrapped; a scrapped "
				  "instrument is not verified",
				  v->code);
		goto out;
	}
	if (u.last[0] && strcmp(on, u.last) < 0) {
		rc = qc_error_set(err, QC_EINVAL,
				  "date: %s is before the last verification "
				  "of %s (%s)",
				  on, v->code, u.last);
		goto out;
	}
	if ((rc = qc_mtr_json(s, v->code, &before, &id, err)) ||
	    (rc = insert(s, &u, on, res, nx, v->certificate, actor, err)) ||
	    (rc = qc_mtr_json(s, v->code, &after, &id, err)))
		goto out;
	json_object_set_new(after, "verified_on", json_string(on));
	if (v->certificate)
		json_object_set_new(after, "certificate",
				    json_string(v->certificate));
	rc = qc_audit_add_json(s, actor, "verify", "metrology", v->code, before,
			       after, err);
	before = after = NULL;
	if (!rc)
		rc = qc_mtr_refresh(s, u.region, actor, err);
out:
	free(u.kind);
	json_decref(before);
	json_decref(after);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_metrology_period_set(struct qc_store *s, const char *kind,
				   int months, const char *basis,
				   const char *actor, struct qc_error *err)
{
	struct qc_stmt *st;
	char now[32];
	json_t *before = NULL;
	int64_t old = 0;
	bool found;
	enum qc_rc rc;

	if (!kind || !*kind)
		return qc_error_set(err, QC_EINVAL,
				    "kind: give the instrument as the register "
				    "names it");
	if (months < 1 || months > 120)
		return qc_error_set(err, QC_EINVAL,
				    "--months: %d is not a period of 1 to 120 "
				    "months",
				    months);
	if (!basis || !*basis)
		return qc_error_set(err, QC_EINVAL,
				    "--basis: name the verification regulation "
				    "(检定规程) the period comes from");
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_store_get_int(s,
				   "SELECT months FROM metrology_periods WHERE"
				   " kind = ?",
				   QC_TEXTS(kind), &old, &found, err)))
		goto out;
	if (found)
		before = qc_xjson_pack("{s:I}", "months", (json_int_t)old);
	qc_now_iso(now, sizeof(now));
	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO metrology_periods (kind, months,"
				  " basis, actor, set_at) VALUES (?, ?, ?, ?, ?)"
				  " ON CONFLICT (kind) DO UPDATE SET months ="
				  " excluded.months, basis = excluded.basis,"
				  " actor = excluded.actor, set_at ="
				  " excluded.set_at",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, kind);
	qc_stmt_bind_int(st, 2, months);
	qc_stmt_bind_text(st, 3, basis);
	qc_stmt_bind_text(st, 4, actor);
	qc_stmt_bind_text(st, 5, now);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	if (!rc)
		rc = qc_audit_add_json(s, actor, found ? "update" : "insert",
				       "metrology_period", kind, before,
				       qc_xjson_pack("{s:i, s:s}", "months",
						     months, "basis", basis),
				       err);
	before = NULL;
out:
	json_decref(before);
	return qc_store_end(s, rc, err);
}
