/* Figures of the complaint register and the plan indicators bound to them
 * (docs/complaints.md "Figures"): computed for a region's subtree and the
 * year items were received, from the dated steps and the working-day
 * calendar; kept current by every step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "complaint_int.h"
#include "bind.h"
#include "banned.h"

static const char *const measures[] = {
	"accept_on_time",      "mediation_success",
	"handled_on_time",     "satisfaction",
	"recovered",           "items",
	"per_10k_enterprises", NULL
};

/* Whether `done` is on or before `from` + n working days; false when the
 * calendar cannot say (the item is then left out of the on-time count). */
static bool in_time(const struct qc_calendar *cal, const char *from, int n,
		    const char *done, bool *known)
{
	char due[11];
	*known = cal && from && done &&
		 !qc_calendar_add_workdays(cal, from, n, due, NULL);
	return *known && strcmp(done, due) <= 0;
}

void qc_cpl_count_row(const struct qc_calendar *cal, struct qc_stmt *st,
		      struct qc_complaint_figures *f)
{
	bool report = !strcmp(qc_stmt_text(st, 0), "report"), known;
	const char *received = qc_stmt_text(st, 2),
		   *accepted = qc_stmt_text(st, 3),
		   *decided = qc_stmt_text(st, 4),
		   *concluded = qc_stmt_text(st, 5);
	int extra = qc_stmt_is_null(st, 6) ?
			    0 :
			    qc_deadline_days(QC_DL_REPORT_EXTENSION, NULL);

	f->items++;
	if (report) {
		f->reports++;
		if (decided) {
			bool ok = in_time(cal, received,
					  qc_deadline_days(QC_DL_REPORT_DECIDE,
							   NULL) +
						  extra,
					  decided, &known);
			f->handled += known;
			f->handled_on_time += ok;
		}
	} else {
		f->complaints++;
		if (decided) {
			bool ok =
				in_time(cal, received,
					qc_deadline_days(QC_DL_COMPLAINT_ACCEPT,
							 NULL),
					decided, &known);
			f->decided += known;
			f->decided_on_time += ok;
		}
		if (concluded) {
			bool ok =
				in_time(cal, accepted ? accepted : received,
					qc_deadline_days(QC_DL_COMPLAINT_MEDIATE,
							 NULL),
					concluded, &known);
			f->handled += known;
			f->handled_on_time += ok;
			f->concluded++;
			f->agreed += !qc_stmt_is_null(st, 9);
		}
	}
	if (!qc_stmt_is_null(st, 7)) {
		f->rated++;
		f->satisfied += qc_stmt_int(st, 7) >= 4;
	}
	if (!qc_stmt_is_null(st, 8))
		f->recovered += qc_stmt_double(st, 8);
}

/* The registered enterprises of region at the end of year, from the
 * series QC_COMPLAINT_ENTERPRISES; 0 when not recorded. */
static enum qc_rc enterprises(struct qc_store *s, const char *region, int year,
			      double *n, struct qc_error *err)
{
	struct qc_stmt *st;
	char period[8];
	enum qc_rc rc;

	*n = 0;
	snprintf(period, sizeof(period), "%d", year);
	if ((rc = qc_stmt_prepare(s,
				  "SELECT v.value FROM indicator_values v"
				  " JOIN indicators i ON i.id = v.indicator_id"
				  " WHERE i.name = ? AND v.region_code = ? AND"
				  " v.period = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, QC_COMPLAINT_ENTERPRISES);
	qc_stmt_bind_text(st, 2, region);
	qc_stmt_bind_text(st, 3, period);
	if ((rc = qc_stmt_next(st, err)) == QC_ROW)
		*n = qc_stmt_double(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(rc);
}

enum qc_rc qc_complaint_figures(struct qc_store *s,
				const struct qc_calendar *cal,
				const char *region, int year,
				struct qc_complaint_figures *out,
				struct qc_error *err)
{
	struct qc_calendar *own = NULL;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if (qc_store_national(s)) {
		/* The counts here are not kept current: count the items. */
		if (!cal &&
		    (rc = qc_calendar_open(s, &own, err)) == QC_ENOTFOUND)
			rc = QC_OK; /* no calendar: on-time counts unknown */
		if (!rc)
			rc = qc_cpl_counts_direct(s, cal ? cal : own, region,
						  year, out, err);
	} else {
		/* The counts carry the on-time decisions already. */
		if (!(rc = qc_cpl_counts_ready(s, &own, false, err)))
			rc = qc_cpl_counts_sum(s, region, year, out, err);
	}
	if (!rc && region)
		rc = enterprises(s, region, year, &out->enterprises, err);
	qc_calendar_free(own);
	return qc_store_end(s, rc, err);
}

bool qc_complaint_measure(const struct qc_complaint_figures *f,
			  const char *measure, double *value, long *base)
{
	long num = 0, den = 0;

	if (!strcmp(measure, "accept_on_time"))
		num = f->decided_on_time, den = f->decided;
	else if (!strcmp(measure, "mediation_success"))
		num = f->agreed, den = f->concluded;
	else if (!strcmp(measure, "handled_on_time"))
		num = f->handled_on_time, den = f->handled;
	else if (!strcmp(measure, "satisfaction"))
		num = f->satisfied, den = f->rated;
	else if (!strcmp(measure, "recovered")) {
		*value = f->recovered;
		*base = f->items;
		return f->items > 0;
	} else if (!strcmp(measure, "items")) {
		*value = (double)f->items;
		*base = f->items;
		return true;
	} else if (!strcmp(measure, "per_10k_enterprises")) {
		*base = f->complaints;
		if (f->enterprises <= 0)
			return false;
		*value = 10000.0 * (double)f->complaints / f->enterprises;
		return true;
	}
	*base = den;
	if (!den)
		return false;
	*value = 100.0 * (double)num / (double)den;
	return true;
}

/* A measure and its note, for the bound indicators. */
static bool measure_note(const void *figures, const char *m, double *v,
			 char *note, size_t n)
{
	long base;
	if (!qc_complaint_measure(figures, m, v, &base))
		return false;
	snprintf(note, n, "投诉举报登记：%ld 件", base);
	return true;
}

/* Write every bound indicator for one region and year, from the counts
 * (the caller made sure they are built). */
static enum qc_rc set_bound(struct qc_store *s, const char *region, int year,
			    const char *actor, struct qc_error *err)
{
	struct qc_complaint_figures f;
	enum qc_rc rc;

	if ((rc = qc_cpl_counts_sum(s, region, year, &f, err)) ||
	    (rc = enterprises(s, region, year, &f.enterprises, err)))
		return rc;
	if (!f.items)
		return QC_OK;
	return qc_reg_write_bound(s, "complaint_bindings", region, year,
				  "complaints", measure_note, &f, actor, err);
}

enum qc_rc qc_complaint_refresh(struct qc_store *s, const char *county,
				const char *received_on, const char *actor,
				struct qc_error *err)
{
	struct qc_stmt *st;
	char up[3][QC_REGION_CODE_SIZE];
	long long bound = 0;
	enum qc_rc rc;
	int year = atoi(received_on);

	if ((rc = qc_stmt_prepare(s, "SELECT COUNT(*) FROM complaint_bindings",
				  &st, err)))
		return rc;
	if (qc_stmt_next(st, err) == QC_ROW)
		bound = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	if (!bound)
		return QC_OK;
	/* The county, its prefecture and its province. */
	size_t n = qc_region_up(s, county, up);
	for (size_t k = 0; !rc && k < n; k++)
		rc = set_bound(s, up[k], year, actor, err);
	return rc;
}

enum qc_rc qc_complaint_bind(struct qc_store *s, const char *indicator,
			     const char *measure, const char *actor,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r = QC_OK;
	bool known = false;

	for (size_t i = 0; measures[i]; i++)
		known |= measure && !strcmp(measure, measures[i]);
	if (!known)
		return qc_error_set(err, QC_EINVAL,
				    "measure: \"%s\" is not valid: write "
				    "accept_on_time, mediation_success, "
				    "handled_on_time, satisfaction, recovered, "
				    "items or per_10k_enterprises",
				    measure ? measure : "");
	if (indicator && !strcmp(indicator, QC_COMPLAINT_ENTERPRISES))
		return qc_error_set(err, QC_EINVAL,
				    "%s: the registered enterprises are "
				    "imported, not computed from the register",
				    indicator);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_reg_bind_record(s, "complaint_bindings", indicator,
				     measure, actor, err)))
		goto out;
	/* The counts again (a calendar loaded since may tell more deadlines),
	 * then every county and year that has items. */
	if (!rc) {
		struct qc_calendar *cal;
		rc = qc_cpl_counts_ready(s, &cal, true, err);
		qc_calendar_free(cal);
	}
	if (!rc)
		rc = qc_stmt_prepare(s,
				     "SELECT region_code, CAST(year AS TEXT) ||"
				     " '-01-01' FROM complaint_counts WHERE"
				     " year > 0 AND items > 0 ORDER BY 1, 2",
				     &st, err);
	if (!rc) {
		while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
			char county[QC_REGION_CODE_SIZE], on[11];
			snprintf(county, sizeof(county), "%s",
				 qc_stmt_text(st, 0));
			snprintf(on, sizeof(on), "%s", qc_stmt_text(st, 1));
			rc = qc_complaint_refresh(s, county, on, actor, err);
		}
		qc_stmt_free(st);
		if (!rc)
			rc = qc_step_rc(r);
	}
out:
	return qc_store_end(s, rc, err);
}
