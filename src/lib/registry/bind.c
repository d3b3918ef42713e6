/* A plan indicator bound to a register's measure (bind.h). */
#include <stdio.h>
#include <string.h>
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/value.h"
#include "bind.h"
#include "banned.h"

enum qc_rc qc_reg_bind_record(struct qc_store *s, const char *table,
			      const char *indicator, const char *measure,
			      const char *actor, struct qc_error *err)
{
	struct qc_stmt *st;
	char sql[192], now[32], after[160];
	int64_t ind;
	enum qc_rc rc;

	if ((rc = qc_indicator_find(s, indicator, &ind, err)))
		return rc;
	qc_now_iso(now, sizeof(now));
	snprintf(sql, sizeof(sql),
		 "INSERT INTO %s (indicator_id, measure, created_at) VALUES"
		 " (?, ?, ?) ON CONFLICT (indicator_id) DO UPDATE"
		 " SET measure = excluded.measure",
		 table);
	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_text(st, 2, measure);
	qc_stmt_bind_text(st, 3, now);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	snprintf(after, sizeof(after), "{\"measure\": \"%s\"}", measure);
	if (!rc)
		rc = qc_audit_add(s, actor, "bind", "indicator", indicator,
				  NULL, after, err);
	return rc;
}

enum qc_rc qc_reg_write_bound(struct qc_store *s, const char *table,
			      const char *region, int year, const char *source,
			      qc_reg_measure_fn fn, const void *figures,
			      const char *actor, struct qc_error *err)
{
	struct qc_stmt *st;
	char sql[128], period[8], note[160];
	enum qc_rc rc, r = QC_OK;

	snprintf(period, sizeof(period), "%d", year);
	snprintf(sql, sizeof(sql),
		 "SELECT indicator_id, measure FROM %s ORDER BY indicator_id",
		 table);
	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
		double v;
		if (!fn(figures, qc_stmt_text(st, 1), &v, note, sizeof(note)))
			continue;
		struct qc_value_in in = {
			.indicator_id = qc_stmt_int(st, 0),
			.region = region,
			.period = period,
			.value = v,
			.note = note,
			.source = source,
		};
		rc = qc_value_set(s, &in, actor, err);
	}
	qc_stmt_free(st);
	return rc ? rc : qc_step_rc(r);
}

enum qc_rc
qc_reg_bind(struct qc_store *s, const char *table, const char *counties,
	    enum qc_rc (*refresh)(struct qc_store *s, const char *county,
				  const char *actor, struct qc_error *err),
	    const char *indicator, const char *measure, const char *actor,
	    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc, r = QC_OK;

	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_reg_bind_record(s, table, indicator, measure, actor,
				     err)) ||
	    (rc = qc_stmt_prepare(s, counties, &st, err)))
		goto out;
	while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
		char county[QC_REGION_CODE_SIZE];
		snprintf(county, sizeof(county), "%s", qc_stmt_text(st, 0));
		rc = refresh(s, county, actor, err);
	}
	qc_stmt_free(st);
	if (!rc)
		rc = qc_step_rc(r);
out:
	return qc_store_end(s, rc, err);
}
