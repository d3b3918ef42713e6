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
#include "banned.h"

static const char *const measures[] = { "inspection_rate", "accidents_per_10k",
					"deaths_per_10k", NULL };

/* Run a one-row query of texts; the first n columns into v. */
static enum qc_rc counts(struct qc_store *s, const char *sql,
			 const char *const *params, int np, long *v, int n,
			 struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc = qc_stmt_row(s, sql, params, np, &st, err);
	if (rc == QC_ROW) {
		for (int k = 0; k < n; k++)
			v[k] = qc_stmt_is_null(st, k) ?
				       0 :
				       (long)qc_stmt_int(st, k);
		qc_stmt_free(st);
		return QC_OK;
	}
	return rc == QC_DONE ? QC_OK : rc;
}

enum qc_rc qc_equipment_figures(struct qc_store *s, const char *region,
				int year, long today,
				struct qc_equipment_figures *out,
				struct qc_error *err)
{
	char lo[QC_REGION_CODE_SIZE] = "", hi[QC_REGION_CODE_SIZE + 1] = ":",
	     start[11], end[11], upto[11], now[11];
	long v[3] = { 0 }, open = 0;
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
	if ((rc = counts(s,
			 "SELECT COUNT(*) FROM equipment WHERE region_code >= ?"
			 " AND region_code < ? AND (registered_on IS NULL OR"
			 " registered_on <= ?) AND (status = 'in_use' OR"
			 " status_on > ?)",
			 QC_TEXTS(lo, hi, end, end), &out->in_use, 1, err)))
		return rc;
	/* Dues the inspections answered, each unit and date once: on time
	 * when the first inspection came on or before it. */
	if ((rc = counts(s,
			 "SELECT COUNT(*), SUM(CASE WHEN done_on <= due_on THEN"
			 " 1 ELSE 0 END) FROM (SELECT i.equipment_id,"
			 " i.due_on, MIN(i.inspected_on) AS done_on FROM"
			 " equipment_inspections i JOIN equipment e ON e.id ="
			 " i.equipment_id WHERE e.region_code >= ? AND"
			 " e.region_code < ? AND i.due_on >= ? AND i.due_on"
			 " <= ? GROUP BY i.equipment_id, i.due_on) d",
			 QC_TEXTS(lo, hi, start, upto), v, 2, err)))
		return rc;
	/* Dues not answered yet: due unless the unit was stopped or
	 * scrapped before the date. */
	if ((rc = counts(s,
			 "SELECT COUNT(*) FROM equipment e WHERE e.region_code"
			 " >= ? AND e.region_code < ? AND e.next_due >= ? AND"
			 " e.next_due <= ? AND (e.status = 'in_use' OR"
			 " e.status_on >= e.next_due) AND NOT EXISTS (SELECT 1"
			 " FROM equipment_inspections i WHERE i.equipment_id ="
			 " e.id AND i.due_on = e.next_due)",
			 QC_TEXTS(lo, hi, start, upto), &open, 1, err)))
		return rc;
	out->due = v[0] + open;
	out->on_time = v[1];
	if ((rc = counts(s,
			 "SELECT COUNT(*) FROM equipment WHERE region_code >= ?"
			 " AND region_code < ? AND status = 'in_use' AND"
			 " (last_result = 'fail' OR next_due < ?)",
			 QC_TEXTS(lo, hi, now), &out->overdue, 1, err)))
		return rc;
	if ((rc = counts(s,
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

/* Write every bound indicator for one region and year. */
static enum qc_rc set_bound(struct qc_store *s, const char *region, int year,
			    const char *actor, struct qc_error *err)
{
	struct qc_equipment_figures f;
	struct qc_stmt *st;
	char period[8], note[128];
	enum qc_rc rc, r = QC_OK;

	if ((rc = qc_equipment_figures(s, region, year, qc_today_days(), &f,
				       err)))
		return rc;
	snprintf(period, sizeof(period), "%d", year);
	if ((rc = qc_stmt_prepare(s,
				  "SELECT indicator_id, measure FROM"
				  " equipment_bindings ORDER BY indicator_id",
				  &st, err)))
		return rc;
	while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *m = qc_stmt_text(st, 1);
		double v;
		if (!qc_equipment_measure(&f, m, &v))
			continue;
		if (!strcmp(m, "inspection_rate"))
			snprintf(note, sizeof(note),
				 "特种设备登记：应检 %ld 台次，按期检验 %ld "
				 "台次",
				 f.due, f.on_time);
		else
			snprintf(note, sizeof(note),
				 "特种设备登记：在用 %ld 台，事故 %ld 起，"
				 "死亡 %ld 人",
				 f.in_use, f.accidents, f.deaths);
		struct qc_value_in in = {
			.indicator_id = qc_stmt_int(st, 0),
			.region = region,
			.period = period,
			.value = v,
			.note = note,
			.source = "equipment",
		};
		rc = qc_value_set(s, &in, actor, err);
	}
	qc_stmt_free(st);
	return rc ? rc : qc_step_rc(r);
}

enum qc_rc qc_eqp_refresh(struct qc_store *s, const char *county,
			  const char *actor, struct qc_error *err)
{
	char up[3][QC_REGION_CODE_SIZE], now[11];
	int64_t bound = 0;
	int years[64], ny = 0, this_year;
	struct qc_stmt *st;
	enum qc_rc rc, r;
	bool found;

	if ((rc = qc_store_get_int(s, "SELECT COUNT(*) FROM equipment_bindings",
				   NULL, 0, &bound, &found, err)) ||
	    !bound)
		return rc;
	qc_date_from_days(qc_today_days(), now);
	this_year = atoi(now);
	/* The years with dues or accidents in the county, up to this one
	 * (the latest 63), and this year. */
	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT y FROM (SELECT substr(i.due_on, 1, 4) AS y FROM"
		     " equipment_inspections i JOIN equipment e ON e.id ="
		     " i.equipment_id WHERE e.region_code = ? AND i.due_on IS"
		     " NOT NULL UNION SELECT substr(next_due, 1, 4) FROM"
		     " equipment WHERE region_code = ? AND next_due IS NOT"
		     " NULL UNION SELECT substr(happened_on, 1, 4) FROM"
		     " equipment_accidents WHERE region_code = ?) t WHERE y"
		     " < ? ORDER BY y DESC",
		     &st, err)))
		return rc;
	for (int k = 1; k <= 3; k++)
		qc_stmt_bind_text(st, k, county);
	{
		char ty[8];
		snprintf(ty, sizeof(ty), "%04d", this_year);
		qc_stmt_bind_text(st, 4, ty);
	}
	years[ny++] = this_year;
	while ((r = qc_stmt_next(st, err)) == QC_ROW && ny < 64)
		years[ny++] = atoi(qc_stmt_text(st, 0));
	qc_stmt_free(st);
	if ((rc = qc_step_rc(r == QC_ROW ? QC_DONE : r)))
		return rc;
	size_t n = qc_region_up(s, county, up);
	for (size_t k = 0; !rc && k < n; k++)
		for (int y = 0; !rc && y < ny; y++)
			rc = set_bound(s, up[k], years[y], actor, err);
	return rc;
}

enum qc_rc qc_equipment_bind(struct qc_store *s, const char *indicator,
			     const char *measure, const char *actor,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc, r = QC_OK;
	bool known = false;

	for (size_t i = 0; measures[i]; i++)
		known |= measure && !strcmp(measure, measures[i]);
	if (!known)
		return qc_error_set(err, QC_EINVAL,
				    "measure: \"%s\" is not valid: write "
				    "inspection_rate, accidents_per_10k or "
				    "deaths_per_10k",
				    measure ? measure : "");
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_reg_bind_record(s, "equipment_bindings", indicator,
				     measure, actor, err)))
		goto out;
	/* Every county with units or accidents. */
	if (!rc)
		rc = qc_stmt_prepare(s,
				     "SELECT region_code FROM equipment UNION"
				     " SELECT region_code FROM"
				     " equipment_accidents ORDER BY 1",
				     &st, err);
	if (!rc) {
		while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
			char county[QC_REGION_CODE_SIZE];
			snprintf(county, sizeof(county), "%s",
				 qc_stmt_text(st, 0));
			rc = qc_eqp_refresh(s, county, actor, err);
		}
		qc_stmt_free(st);
		if (!rc)
			rc = qc_step_rc(r);
	}
out:
	return qc_store_end(s, rc, err);
}
