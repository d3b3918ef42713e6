/* The periodic-verification core (periodic.h): special equipment and
 * metrology count their dues, overdue units and refresh their bound
 * indicators here, each on its own tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "periodic.h"
#include "banned.h"

/* Excel counts days from 1899-12-30; 1970-01-01 is its day 25569. */
#define EXCEL_EPOCH_OFFSET 25569

bool qc_reg_date(const char *v, char out[11])
{
	int y, m, d;
	char sep1[4], sep2[4], *end;
	long days;
	if (!v)
		return false;
	/* A workbook's date cell comes as its serial number. */
	days = strtol(v, &end, 10);
	if (end != v && !*end && days > 30000 && days < 80000) {
		qc_date_from_days(days - EXCEL_EPOCH_OFFSET, out);
		return true;
	}
	if (sscanf(v, "%4d%3[-/.]%2d%3[-/.]%2d", &y, sep1, &m, sep2, &d) != 5 &&
	    sscanf(v, "%4d年%2d月%2d日", &y, &m, &d) != 3)
		return false;
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return qc_date_days(out, &days);
}

enum qc_rc qc_reg_count_row(struct qc_store *s, const char *sql,
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

enum qc_rc qc_periodic_dues(struct qc_store *s, const struct qc_periodic *p,
			    const char *lo, const char *hi, const char *start,
			    const char *upto, long *due, long *on_time,
			    struct qc_error *err)
{
	char sql[768];
	long v[2] = { 0 }, open = 0;
	enum qc_rc rc;

	/* Dues the checks answered, each unit and date once. */
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*), SUM(CASE WHEN done_on <= due_on THEN"
		 " 1 ELSE 0 END) FROM (SELECT i.%s, i.due_on, MIN(i.%s) AS"
		 " done_on FROM %s i JOIN %s e ON e.province_code ="
		 " i.province_code AND e.id = i.%s WHERE"
		 " e.region_code >= ? AND e.region_code < ? AND i.due_on >= ?"
		 " AND i.due_on <= ? GROUP BY i.province_code, i.%s,"
		 " i.due_on) d",
		 p->fk, p->on, p->checks, p->units, p->fk, p->fk);
	if ((rc = qc_reg_count_row(s, sql, QC_TEXTS(lo, hi, start, upto), v, 2,
				   err)))
		return rc;
	/* Dues not answered yet: due unless the unit was retired before
	 * the date. */
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM %s e WHERE e.region_code >= ? AND"
		 " e.region_code < ? AND e.next_due >= ? AND e.next_due <= ?"
		 " AND (e.status = 'in_use' OR e.status_on >= e.next_due) AND"
		 " NOT EXISTS (SELECT 1 FROM %s i WHERE i.province_code ="
		 " e.province_code AND i.%s = e.id AND i.due_on = e.next_due)",
		 p->units, p->checks, p->fk);
	if ((rc = qc_reg_count_row(s, sql, QC_TEXTS(lo, hi, start, upto), &open,
				   1, err)))
		return rc;
	*due = v[0] + open;
	*on_time = v[1];
	return QC_OK;
}

enum qc_rc qc_periodic_overdue(struct qc_store *s, const struct qc_periodic *p,
			       const char *lo, const char *hi, const char *now,
			       long *n, struct qc_error *err)
{
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM %s WHERE region_code >= ? AND"
		 " region_code < ? AND status = 'in_use' AND"
		 " (last_result = 'fail' OR next_due < ?)",
		 p->units);
	*n = 0;
	return qc_reg_count_row(s, sql, QC_TEXTS(lo, hi, now), n, 1, err);
}

enum qc_rc qc_periodic_import_due(struct qc_store *s,
				  const struct qc_periodic *p, int64_t id,
				  const char *now, char next[11],
				  struct qc_error *err)
{
	char sql[160], key[24];
	int64_t n = 0;
	bool found;
	enum qc_rc rc;

	snprintf(key, sizeof(key), "%lld", (long long)id);
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM %s WHERE %s = CAST(? AS BIGINT)",
		 p->checks, p->fk);
	if ((rc = qc_store_get_int(s, sql, QC_TEXTS(key), &n, &found, err)) ||
	    !n)
		return rc;
	if (!now)
		next[0] = 0;
	else if (!next[0] || strcmp(next, now) < 0)
		snprintf(next, 11, "%s", now);
	return QC_OK;
}

enum qc_rc qc_periodic_move_checks(struct qc_store *s,
				   const struct qc_periodic *p, int64_t id,
				   const char *prov, struct qc_error *err)
{
	struct qc_stmt *st;
	char sql[192];
	enum qc_rc rc;

	snprintf(sql, sizeof(sql),
		 "UPDATE %s SET province_code = ? WHERE %s = ? AND"
		 " province_code <> ?",
		 p->checks, p->fk);
	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, prov);
	qc_stmt_bind_int(st, 2, id);
	qc_stmt_bind_text(st, 3, prov);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_periodic_refresh(struct qc_store *s, const struct qc_periodic *p,
			       const char *county, const char *extra,
			       qc_periodic_set_fn set, const char *actor,
			       struct qc_error *err)
{
	char up[3][QC_REGION_CODE_SIZE], now[11], sql[768], ty[8];
	int64_t bound = 0;
	int years[64], ny = 0, this_year, k = 1;
	struct qc_stmt *st;
	enum qc_rc rc, r;
	bool found;

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", p->bindings);
	if ((rc = qc_store_get_int(s, sql, NULL, 0, &bound, &found, err)) ||
	    !bound)
		return rc;
	qc_date_from_days(qc_today_days(), now);
	this_year = atoi(now);
	/* The years with dues in the county, up to this one (the latest
	 * 63), and this year. */
	snprintf(sql, sizeof(sql),
		 "SELECT y FROM (SELECT substr(i.due_on, 1, 4) AS y FROM %s i"
		 " JOIN %s e ON e.province_code = i.province_code AND e.id ="
		 " i.%s WHERE e.region_code = ? AND"
		 " i.due_on IS NOT NULL UNION SELECT substr(next_due, 1, 4)"
		 " FROM %s WHERE region_code = ? AND next_due IS NOT NULL%s) t"
		 " WHERE y < ? ORDER BY y DESC",
		 p->checks, p->units, p->fk, p->units, extra ? extra : "");
	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	for (int n = extra ? 3 : 2; k <= n; k++)
		qc_stmt_bind_text(st, k, county);
	snprintf(ty, sizeof(ty), "%04d", this_year);
	qc_stmt_bind_text(st, k, ty);
	years[ny++] = this_year;
	while ((r = qc_stmt_next(st, err)) == QC_ROW && ny < 64)
		years[ny++] = atoi(qc_stmt_text(st, 0));
	qc_stmt_free(st);
	if ((rc = qc_step_rc(r == QC_ROW ? QC_DONE : r)))
		return rc;
	size_t n = qc_region_up(s, county, up);
	for (size_t u = 0; !rc && u < n; u++)
		for (int y = 0; !rc && y < ny; y++)
			rc = set(s, up[u], years[y], actor, err);
	return rc;
}
