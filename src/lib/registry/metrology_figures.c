/* Figures of the metrology register and the plan indicators bound to them
 * (docs/metrology.md "Figures"): 受检率 (verified on time / due in the
 * year), 检定合格率, overdue and failed instruments, for a region's
 * subtree and a year; the dues are counted by the periodic core the
 * special-equipment register uses too (periodic.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/region.h"
#include "metrology_int.h"
#include "bind.h"
#include "periodic.h"
#include "banned.h"

static const char *const measures[] = { "verification_rate", "pass_rate",
					NULL };

const struct qc_periodic qc_mtr_tables = {
	.units = "metrology_instruments",
	.checks = "metrology_verifications",
	.fk = "instrument_id",
	.on = "verified_on",
	.bindings = "metrology_bindings",
};

enum qc_rc qc_metrology_figures(struct qc_store *s, const char *region,
				int year, long today,
				struct qc_metrology_figures *out,
				struct qc_error *err)
{
	char lo[QC_REGION_CODE_SIZE] = "", hi[QC_REGION_CODE_SIZE + 1] = ":",
	     start[11], end[11], upto[11], now[11];
	long v[2] = { 0 };
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (year < 1900 || year > 9999)
		return qc_error_set(err, QC_EINVAL, "year: %d is not a year",
				    year);
	if (region)
		qc_region_span(region, lo, hi);
	snprintf(start, sizeof(start), "%04d-01-01", year);
	snprintf(end, sizeof(end), "%04d-12-31", year);
	qc_date_from_days(today, now);
	/* Dues after today are not due yet. */
	snprintf(upto, sizeof(upto), "%s", strcmp(now, end) < 0 ? now : end);
	if ((rc = qc_reg_count_row(s,
				   "SELECT COUNT(*), SUM(CASE WHEN last_result"
				   " = 'fail' THEN 1 ELSE 0 END) FROM"
				   " metrology_instruments WHERE region_code"
				   " >= ? AND region_code < ? AND status ="
				   " 'in_use'",
				   QC_TEXTS(lo, hi), v, 2, err)) ||
	    (rc = qc_periodic_dues(s, &qc_mtr_tables, lo, hi, start, upto,
				   &out->due, &out->on_time, err)) ||
	    (rc = qc_periodic_overdue(s, &qc_mtr_tables, lo, hi, now,
				      &out->overdue, err)))
		return rc;
	out->in_use = v[0];
	out->failed = v[1];
	if ((rc = qc_reg_count_row(s,
				   "SELECT COUNT(*), SUM(CASE WHEN v.result ="
				   " 'pass' THEN 1 ELSE 0 END) FROM"
				   " metrology_verifications v JOIN"
				   " metrology_instruments m ON m.province_code"
				   " = v.province_code AND m.id ="
				   " v.instrument_id WHERE m.region_code >= ?"
				   " AND m.region_code < ? AND v.verified_on"
				   " >= ? AND v.verified_on <= ?",
				   QC_TEXTS(lo, hi, start, end), v, 2, err)))
		return rc;
	out->verified = v[0];
	out->passed = v[1];
	return QC_OK;
}

bool qc_metrology_measure(const struct qc_metrology_figures *f,
			  const char *measure, double *value)
{
	long num, den;

	if (!strcmp(measure, "verification_rate"))
		num = f->on_time, den = f->due;
	else if (!strcmp(measure, "pass_rate"))
		num = f->passed, den = f->verified;
	else
		return false;
	if (den <= 0 || num < 0 || num > den)
		return false;
	*value = 100.0 * (double)num / (double)den;
	return true;
}

/* A measure and its note, for the bound indicators. */
static bool measure_note(const void *figures, const char *m, double *v,
			 char *note, size_t n)
{
	const struct qc_metrology_figures *f = figures;
	if (!qc_metrology_measure(f, m, v))
		return false;
	if (!strcmp(m, "verification_rate"))
		snprintf(note, n,
			 "强检计量器具登记：应检 %ld 台次，按期检定 %ld 台次",
			 f->due, f->on_time);
	else
		snprintf(note, n,
			 "强检计量器具登记：检定 %ld 台次，合格 %ld 台次",
			 f->verified, f->passed);
	return true;
}

static enum qc_rc set_bound(struct qc_store *s, const char *region, int year,
			    const char *actor, struct qc_error *err)
{
	struct qc_metrology_figures f;
	enum qc_rc rc;

	if ((rc = qc_metrology_figures(s, region, year, qc_today_days(), &f,
				       err)))
		return rc;
	return qc_reg_write_bound(s, "metrology_bindings", region, year,
				  "metrology", measure_note, &f, actor, err);
}

enum qc_rc qc_mtr_refresh(struct qc_store *s, const char *county,
			  const char *actor, struct qc_error *err)
{
	/* Years verified in too: the pass rate has values there. */
	return qc_periodic_refresh(s, &qc_mtr_tables, county,
				   " UNION SELECT substr(v.verified_on, 1, 4)"
				   " FROM metrology_verifications v JOIN"
				   " metrology_instruments m ON m.province_code"
				   " = v.province_code AND m.id ="
				   " v.instrument_id WHERE m.region_code = ?",
				   set_bound, actor, err);
}

enum qc_rc qc_metrology_bind(struct qc_store *s, const char *indicator,
			     const char *measure, const char *actor,
			     struct qc_error *err)
{
	bool known = false;

	for (size_t i = 0; measures[i]; i++)
		known |= measure && !strcmp(measure, measures[i]);
	if (!known)
		return qc_error_set(err, QC_EINVAL,
				    "measure: \"%s\" is not valid: write "
				    "verification_rate or pass_rate",
				    measure ? measure : "");
	return qc_reg_bind(s, "metrology_bindings",
			   "SELECT DISTINCT region_code FROM"
			   " metrology_instruments ORDER BY 1",
			   qc_mtr_refresh, indicator, measure, actor, err);
}
