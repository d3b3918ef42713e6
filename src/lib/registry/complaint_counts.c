/* The figures of the complaint register kept as counts per handling
 * county and year (table complaint_counts, migration 0020): each writer
 * takes an item's share out before its step and puts it back after, so a
 * figure is a sum over a few rows (docs/complaints.md "Figures"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/complaint.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "complaint_int.h"
#include "banned.h"

/* The counted columns, in the order of the table. */
#define N_COUNTS 11

static long *field(struct qc_complaint_figures *f, int k)
{
	long *const v[N_COUNTS] = {
		&f->items,           &f->complaints, &f->reports,   &f->decided,
		&f->decided_on_time, &f->concluded,  &f->agreed,    &f->handled,
		&f->handled_on_time, &f->rated,      &f->satisfied,
	};
	return v[k];
}

enum qc_rc qc_cpl_counts_add(struct qc_store *s, const char *county, int year,
			     const struct qc_complaint_figures *d, int sign,
			     struct qc_error *err)
{
	struct qc_complaint_figures f = *d;
	struct qc_stmt *st;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(
		     s,
		     "INSERT INTO complaint_counts (region_code, year, items,"
		     " complaints, reports, decided, decided_on_time,"
		     " concluded, agreed, handled, handled_on_time, rated,"
		     " satisfied, recovered) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
		     " ?, ?, ?, ?, ?, ?) ON CONFLICT (region_code, year) DO"
		     " UPDATE SET items = complaint_counts.items +"
		     " excluded.items, complaints = complaint_counts.complaints"
		     " + excluded.complaints, reports = complaint_counts.reports"
		     " + excluded.reports, decided = complaint_counts.decided +"
		     " excluded.decided, decided_on_time ="
		     " complaint_counts.decided_on_time +"
		     " excluded.decided_on_time, concluded ="
		     " complaint_counts.concluded + excluded.concluded, agreed ="
		     " complaint_counts.agreed + excluded.agreed, handled ="
		     " complaint_counts.handled + excluded.handled,"
		     " handled_on_time = complaint_counts.handled_on_time +"
		     " excluded.handled_on_time, rated = complaint_counts.rated +"
		     " excluded.rated, satisfied = complaint_counts.satisfied +"
		     " excluded.satisfied, recovered = complaint_counts.recovered"
		     " + excluded.recovered",
		     &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, county);
	qc_stmt_bind_int(st, 2, year);
	for (int k = 0; k < N_COUNTS; k++)
		qc_stmt_bind_int(st, k + 3, sign * (int64_t)*field(&f, k));
	qc_stmt_bind_double(st, N_COUNTS + 3, sign * f.recovered);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

/* The columns qc_cpl_count_row reads, then the county. */
#define ITEM_COLUMNS_WHERE(events)                                     \
	"c.kind, c.state, c.received_on, c.accepted_on, c.decided_on," \
	" c.concluded_on, c.extended_by, c.satisfaction, c.recovered," \
	" (SELECT MIN(e.id) FROM complaint_events e WHERE"             \
	" e.complaint_id = c.id" events " AND e.to_state = 'agreed')," \
	" c.region_code"
#define ITEM_COLUMNS ITEM_COLUMNS_WHERE("")

enum qc_rc qc_cpl_count(struct qc_store *s, const struct qc_calendar *cal,
			int64_t id, int sign, struct qc_error *err)
{
	struct qc_complaint_figures f = { 0 };
	struct qc_stmt *st;
	char county[QC_REGION_CODE_SIZE];
	int year = 0;
	enum qc_rc rc, r;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT " ITEM_COLUMNS " FROM complaints c"
				  " WHERE c.id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	if ((r = qc_stmt_next(st, err)) == QC_ROW) {
		qc_cpl_count_row(cal, st, &f);
		snprintf(county, sizeof(county), "%s", qc_stmt_text(st, 10));
		year = atoi(qc_stmt_text(st, 2));
	}
	qc_stmt_free(st);
	if (r != QC_ROW)
		return qc_step_rc(r);
	return qc_cpl_counts_add(s, county, year, &f, sign, err);
}

/* Count every item again, one county and year at a time (the rows come
 * in that order). */
static enum qc_rc rebuild(struct qc_store *s, const struct qc_calendar *cal,
			  struct qc_error *err)
{
	struct qc_complaint_figures f = { 0 };
	struct qc_stmt *st;
	char county[QC_REGION_CODE_SIZE] = "";
	int year = 0;
	enum qc_rc rc, r;

	if ((rc = qc_store_exec(s, "DELETE FROM complaint_counts", err)) ||
	    (rc = qc_stmt_prepare(s,
				  "SELECT " ITEM_COLUMNS " FROM complaints c"
				  " ORDER BY c.region_code, c.received_on",
				  &st, err)))
		return rc;
	while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *c = qc_stmt_text(st, 10);
		int y = atoi(qc_stmt_text(st, 2));
		if (f.items && (y != year || strcmp(c, county))) {
			rc = qc_cpl_counts_add(s, county, year, &f, 1, err);
			memset(&f, 0, sizeof(f));
		}
		snprintf(county, sizeof(county), "%s", c);
		year = y;
		qc_cpl_count_row(cal, st, &f);
	}
	qc_stmt_free(st);
	if (!rc)
		rc = qc_step_rc(r);
	if (!rc && f.items)
		rc = qc_cpl_counts_add(s, county, year, &f, 1, err);
	if (!rc)
		rc = qc_store_exec(s,
				   "INSERT INTO complaint_counts (region_code,"
				   " year) VALUES ('*', 0)",
				   err);
	return rc;
}

enum qc_rc qc_cpl_counts_ready(struct qc_store *s, struct qc_calendar **cal,
			       bool again, struct qc_error *err)
{
	int64_t one;
	bool built = false;
	enum qc_rc rc;

	*cal = NULL;
	if ((rc = qc_calendar_open(s, cal, err)) == QC_ENOTFOUND)
		rc = QC_OK; /* no calendar: the on-time counts stay unknown */
	if (rc)
		return rc;
	if (!again &&
	    (rc = qc_store_get_int(s,
				   "SELECT 1 FROM complaint_counts WHERE"
				   " region_code = '*' AND year = 0",
				   NULL, 0, &one, &built, err)))
		return rc;
	return built ? QC_OK : rebuild(s, *cal, err);
}

enum qc_rc qc_cpl_counts_direct(struct qc_store *s,
				const struct qc_calendar *cal,
				const char *region, int year,
				struct qc_complaint_figures *out,
				struct qc_error *err)
{
	struct qc_stmt *st;
	char lo[16], hi[16], from[24], to[24];
	enum qc_rc rc, r;

	memset(out, 0, sizeof(*out));
	qc_cpl_region_range(region, lo, hi, sizeof(lo));
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-01-01", year + 1);
	/* Ids are each province's own here: an item's steps by both. */
	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT " ITEM_COLUMNS_WHERE(
			     " AND e.province_code = c.province_code") " FROM"
								       " complaints c WHERE c.region_code >= ? AND c.region_code"
								       " < ? AND c.received_on >= ? AND c.received_on < ?"
								       " AND c.province_code BETWEEN ? AND ?",
		     &st, err)))
		return rc;
	/* A region's own province's partitions only (docs/scaling.md). */
	char prov[QC_REGION_CODE_SIZE];
	if (region)
		qc_region_province(region, prov);
	qc_stmt_bind_text(st, 1, lo);
	qc_stmt_bind_text(st, 2, hi);
	qc_stmt_bind_text(st, 3, from);
	qc_stmt_bind_text(st, 4, to);
	qc_stmt_bind_text(st, 5, region ? prov : "000000");
	qc_stmt_bind_text(st, 6, region ? prov : "999999");
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		qc_cpl_count_row(cal, st, out);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_cpl_counts_sum(struct qc_store *s, const char *region, int year,
			     struct qc_complaint_figures *out,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	char lo[16], hi[16];
	enum qc_rc rc, r;

	memset(out, 0, sizeof(*out));
	qc_cpl_region_range(region, lo, hi, sizeof(lo));
	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT SUM(items), SUM(complaints), SUM(reports),"
		     " SUM(decided), SUM(decided_on_time), SUM(concluded),"
		     " SUM(agreed), SUM(handled), SUM(handled_on_time),"
		     " SUM(rated), SUM(satisfied), SUM(recovered) FROM"
		     " complaint_counts WHERE region_code >= ? AND region_code"
		     " < ? AND year = ?",
		     &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, lo);
	qc_stmt_bind_text(st, 2, hi);
	qc_stmt_bind_int(st, 3, year);
	if ((r = qc_stmt_next(st, err)) == QC_ROW) {
		for (int k = 0; k < N_COUNTS; k++)
			*field(out, k) = (long)qc_stmt_int(st, k);
		out->recovered = qc_stmt_double(st, N_COUNTS);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_cpl_months_add(struct qc_store *s, const char *county,
			     int64_t category, const char *month, long n,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO complaint_months (region_code,"
				  " category_id, month, n) VALUES (?, ?, ?, ?)"
				  " ON CONFLICT (month, region_code, category_id)"
				  " DO UPDATE SET n = complaint_months.n +"
				  " excluded.n",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, county);
	qc_stmt_bind_int(st, 2, category);
	qc_stmt_bind_text(st, 3, month);
	qc_stmt_bind_int(st, 4, n);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_cpl_month(struct qc_store *s, int64_t id, int sign,
			struct qc_error *err)
{
	struct qc_stmt *st;
	char county[QC_REGION_CODE_SIZE], month[8];
	int64_t cat = 0;
	enum qc_rc rc, r;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT region_code, COALESCE(category_id, 0),"
				  " received_on FROM complaints WHERE id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	if ((r = qc_stmt_next(st, err)) == QC_ROW) {
		snprintf(county, sizeof(county), "%s", qc_stmt_text(st, 0));
		cat = qc_stmt_int(st, 1);
		snprintf(month, sizeof(month), "%.7s", qc_stmt_text(st, 2));
	}
	qc_stmt_free(st);
	if (r != QC_ROW)
		return qc_step_rc(r);
	return qc_cpl_months_add(s, county, cat, month, sign, err);
}
