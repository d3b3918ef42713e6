/* Figures of the special-equipment register and the plan indicators bound
 * to them (docs/equipment.md "Figures"): units in use, 定期检验率,
 * overdue units, 万台事故起数 and 万台死亡人数, for a region's subtree
 * and a year; counted from the register when asked (a county holds
 * thousands of units, not millions). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/audit.h"
#include "qcity/clock.h"
#include "qcity/indicator.h"
#include "qcity/region.h"
#include "qcity/value.h"
#include "equipment_int.h"
#include "bind.h"
#include "periodic.h"
#include "banned.h"

static const char *const measures[] = { "inspection_rate", "accidents_per_10k",
					"deaths_per_10k", NULL };

const struct qc_periodic qc_eqp_tables = {
	.units = "equipment",
	.checks = "equipment_inspections",
	.fk = "equipment_id",
	.on = "inspected_on",
	.bindings = "equipment_bindings",
};

enum qc_rc qc_equipment_figures(struct qc_store *s, const char *region,
				int year, long today,
				struct qc_equipment_figures *out,
				struct qc_error *err)
{
	char lo[QC_REGION_CODE_SIZE] = "", hi[QC_REGION_CODE_SIZE + 1] = ":",
	     start[11], end[11], upto[11], now[11];
	long v[3] = { 0 };
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
	if ((rc = qc_reg_count_row(
		     s,
		     "SELECT COUNT(*) FROM equipment WHERE region_code >= ?"
		     " AND region_code < ? AND (registered_on IS NULL OR"
		     " registered_on <= ?) AND (status = 'in_use' OR"
		     " status_on > ?)",
		     QC_TEXTS(lo, hi, end, end), &out->in_use, 1, err)))
		return rc;
	if ((rc = qc_periodic_dues(s, &qc_eqp_tables, lo, hi, start, upto,
				   &out->due, &out->on_time, err)) ||
	    (rc = qc_periodic_overdue(s, &qc_eqp_tables, lo, hi, now,
				      &out->overdue, err)))
		return rc;
	if ((rc = qc_reg_count_row(s,
				   "SELECT COUNT(*), SUM(deaths), SUM(injuries) FROM"
				   " equipment_accidents WHERE region_code >= ? AND"
				   " region_code < ? AND happened_on >= ? AND"
				   " happened_on <= ?",
				   QC_TEXTS(lo, hi, start, end), v, 3, err)))
		return rc;
	out->accidents = v[0];
	out->deaths = v[1];
	out->injuries = v[2];
	return QC_OK;
}

bool qc_equipment_measure(const struct qc_equipment_figures *f,
			  const char *measure, double *value)
{
	if (!strcmp(measure, "inspection_rate")) {
		if (f->due <= 0)
			return false;
		*value = 100.0 * (double)f->on_time / (double)f->due;
		return true;
	}
	if (f->in_use <= 0)
		return false;
	if (!strcmp(measure, "accidents_per_10k"))
		*value = 10000.0 * (double)f->accidents / (double)f->in_use;
	else if (!strcmp(measure, "deaths_per_10k"))
		*value = 10000.0 * (double)f->deaths / (double)f->in_use;
	else
		return false;
	return true;
}

/* A measure and its note, for the bound indicators. */
static bool measure_note(const void *figures, const char *m, double *v,
			 char *note, size_t n)
{
	const struct qc_equipment_figures *f = figures;
	if (!qc_equipment_measure(f, m, v))
		return false;
	if (!strcmp(m, "inspection_rate"))
		snprintf(note, n,
			 "特种设备登记：应检 %ld 台次，按期检验 %ld 台次",
			 f->due, f->on_time);
	else
		snprintf(note, n,
			 "特种设备登记：在用 %ld 台，事故 %ld 起，死亡 %ld 人",
			 f->in_use, f->accidents, f->deaths);
	return true;
}

/* Write every bound indicator for one region and year. */
static enum qc_rc set_bound(struct qc_store *s, const char *region, int year,
			    const char *actor, struct qc_error *err)
{
	struct qc_equipment_figures f;
	enum qc_rc rc;

	if ((rc = qc_equipment_figures(s, region, year, qc_today_days(), &f,
				       err)))
		return rc;
	return qc_reg_write_bound(s, "equipment_bindings", region, year,
				  "equipment", measure_note, &f, actor, err);
}

enum qc_rc qc_eqp_refresh(struct qc_store *s, const char *county,
			  const char *actor, struct qc_error *err)
{
	/* Accident years too: the per-10k measures have values there. */
	return qc_periodic_refresh(s, &qc_eqp_tables, county,
				   " UNION SELECT substr(happened_on, 1, 4)"
				   " FROM equipment_accidents WHERE"
				   " region_code = ?",
				   set_bound, actor, err);
}

enum qc_rc qc_equipment_bind(struct qc_store *s, const char *indicator,
			     const char *measure, const char *actor,
			     struct qc_error *err)
{
	bool known = false;

	for (size_t i = 0; measures[i]; i++)
		known |= measure && !strcmp(measure, measures[i]);
	if (!known)
		return qc_error_set(err, QC_EINVAL,
				    "measure: \"%s\" is not valid: write "
				    "inspection_rate, accidents_per_10k or "
				    "deaths_per_10k",
				    measure ? measure : "");
	return qc_reg_bind(s, "equipment_bindings",
			   "SELECT region_code FROM equipment UNION"
			   " SELECT region_code FROM equipment_accidents"
			   " ORDER BY 1",
			   qc_eqp_refresh, indicator, measure, actor, err);
}
