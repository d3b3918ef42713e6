/* Figures of the certification register and the plan indicators bound to
 * them (docs/certification.md "Figures"): valid certificates by kind and
 * group, the enterprises holding one, those expiring soon, for a
 * region's subtree on a day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/region.h"
#include "certification_int.h"
#include "bind.h"
#include "periodic.h"
#include "banned.h"

/* Issued by the day (?1) and in the span (?2, ?3). */
#define ISSUED                                                        \
	" FROM certificates WHERE (issued_on IS NULL OR issued_on <=" \
	" ?) AND region_code >= ? AND region_code < ?"
/* Valid on the day ?4: neither suspended, revoked nor cancelled, and
 * valid through its expiry day. */
#define VALID ISSUED " AND status = 'valid' AND expires_on >= ?"
/* A holder: its credit code, else its name as written. */
#define HOLDER "COALESCE(holder_uscc, holder_name)"
#define GROUP_SYSTEM "('iso9001', 'iso14001', 'iso45001', 'food_safety')"
#define GROUP_PRODUCT "('ccc')"
#define GROUP_AGRI "('organic', 'green_food', 'pollution_free')"

static const char *const measures[] = { "certificates",
					"holders",
					"system_certificates",
					"system_holders",
					"product_certificates",
					"product_holders",
					"agri_certificates",
					"agri_holders",
					NULL };

static enum qc_rc by_kind(struct qc_store *s, const char *const *v,
			  struct qc_certification_figures *out,
			  struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT kind, COUNT(*)" VALID
				  " GROUP BY kind",
				  &st, err)))
		return rc;
	for (int i = 0; i < 4; i++)
		qc_stmt_bind_text(st, i + 1, v[i]);
	while ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		const char *kind = qc_stmt_text(st, 0),
			   *group = qc_certification_group(kind);
		long n = (long)qc_stmt_int(st, 1);
		for (size_t k = 0; k < QC_CERT_KINDS; k++)
			if (!strcmp(kind, qc_certification_kinds[k]))
				out->by_kind[k] = n;
		out->valid += n;
		if (group && !strcmp(group, "system"))
			out->system += n;
		else if (group && !strcmp(group, "product"))
			out->product += n;
		else if (group && !strcmp(group, "agri"))
			out->agri += n;
	}
	qc_stmt_free(st);
	return qc_step_rc(rc);
}

enum qc_rc qc_certification_figures(struct qc_store *s, const char *region,
				    long on,
				    struct qc_certification_figures *out,
				    struct qc_error *err)
{
	char lo[QC_REGION_CODE_SIZE] = "", hi[QC_REGION_CODE_SIZE + 1] = ":",
	     day[11], soon[11];
	long h[4] = { 0 }, n[4] = { 0 };
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (region)
		qc_region_span(region, lo, hi);
	qc_date_from_days(on, day);
	qc_date_from_days(on + QC_CERT_EXPIRING_DAYS, soon);
	/* The day, the span, the day again (VALID). */
	const char *const v[] = { day, lo, hi, day };
	if ((rc = by_kind(s, v, out, err)) ||
	    (rc = qc_reg_count_row(s,
				   "SELECT COUNT(DISTINCT " HOLDER
				   "), COUNT(DISTINCT CASE"
				   " WHEN kind IN " GROUP_SYSTEM " THEN " HOLDER
				   " END),"
				   " COUNT(DISTINCT CASE WHEN kind IN " GROUP_PRODUCT
				   " THEN " HOLDER
				   " END), COUNT(DISTINCT CASE WHEN kind"
				   " IN " GROUP_AGRI " THEN " HOLDER
				   " END)" VALID,
				   QC_TEXTS(day, lo, hi, day), h, 4, err)) ||
	    (rc = qc_reg_count_row(
		     s,
		     "SELECT SUM(CASE WHEN status = 'valid' AND expires_on >="
		     " ? AND expires_on <= ? THEN 1 ELSE 0 END), SUM(CASE WHEN"
		     " status = 'suspended' AND expires_on >= ? THEN 1 ELSE 0"
		     " END), SUM(CASE WHEN status IN ('valid', 'suspended') AND"
		     " expires_on < ? THEN 1 ELSE 0 END), SUM(CASE WHEN status"
		     " IN ('revoked', 'cancelled') THEN 1 ELSE 0 END)" ISSUED,
		     QC_TEXTS(day, soon, day, day, day, lo, hi), n, 4, err)))
		return rc;
	out->holders = h[0];
	out->system_holders = h[1];
	out->product_holders = h[2];
	out->agri_holders = h[3];
	out->expiring = n[0];
	out->suspended = n[1];
	out->expired = n[2];
	out->revoked = n[3];
	return QC_OK;
}

bool qc_certification_measure(const struct qc_certification_figures *f,
			      const char *measure, double *value)
{
	const struct {
		const char *name;
		long v;
	} m[] = {
		{ "certificates", f->valid },
		{ "holders", f->holders },
		{ "system_certificates", f->system },
		{ "system_holders", f->system_holders },
		{ "product_certificates", f->product },
		{ "product_holders", f->product_holders },
		{ "agri_certificates", f->agri },
		{ "agri_holders", f->agri_holders },
	};
	for (size_t i = 0; measure && i < sizeof(m) / sizeof(m[0]); i++)
		if (!strcmp(measure, m[i].name)) {
			*value = (double)m[i].v;
			return true;
		}
	return false;
}

/* What a bound indicator's note says it was counted from. */
struct as_of {
	const struct qc_certification_figures *f;
	const char *day;
};

static bool measure_note(const void *figures, const char *m, double *v,
			 char *note, size_t n)
{
	const struct as_of *a = figures;
	if (!qc_certification_measure(a->f, m, v))
		return false;
	snprintf(note, n, "认证登记：截至 %s 有效证书 %ld 张，获证企业 %ld 家",
		 a->day, a->f->valid, a->f->holders);
	return true;
}

/* The bound indicators of region for year: as of 31 December, or today
 * in the current year. */
static enum qc_rc set_bound(struct qc_store *s, const char *region, int year,
			    long today, const char *actor, struct qc_error *err)
{
	struct qc_certification_figures f;
	struct as_of a = { &f, NULL };
	char end[11], now[11];
	long on = today;
	enum qc_rc rc;

	snprintf(end, sizeof(end), "%04d-12-31", year);
	qc_date_from_days(today, now);
	if (strcmp(end, now) < 0)
		qc_date_days(end, &on);
	a.day = strcmp(end, now) < 0 ? end : now;
	if ((rc = qc_certification_figures(s, region, on, &f, err)))
		return rc;
	return qc_reg_write_bound(s, "certificate_bindings", region, year,
				  "certification", measure_note, &a, actor,
				  err);
}

enum qc_rc qc_cert_refresh(struct qc_store *s, const char *county,
			   const char *actor, struct qc_error *err)
{
	char up[3][QC_REGION_CODE_SIZE], now[11], *first = NULL;
	long today = qc_today_days();
	int64_t bound = 0;
	int this_year, from;
	bool found;
	enum qc_rc rc;

	if ((rc = qc_store_get_int(s,
				   "SELECT COUNT(*) FROM certificate_bindings",
				   NULL, 0, &bound, &found, err)) ||
	    !bound)
		return rc;
	qc_date_from_days(today, now);
	this_year = atoi(now);
	/* Every year from the county's first certificate to this one (the
	 * latest 64): a count holds between the years certificates moved. */
	if ((rc = qc_store_get_text(s,
				    "SELECT MIN(substr(COALESCE(issued_on,"
				    " expires_on), 1, 4)) FROM certificates"
				    " WHERE region_code = ?",
				    QC_TEXTS(county), &first, err)))
		return rc;
	from = first ? atoi(first) : this_year;
	free(first);
	if (from > this_year)
		from = this_year;
	if (from < this_year - 63)
		from = this_year - 63;
	size_t n = qc_region_up(s, county, up);
	for (size_t u = 0; !rc && u < n; u++)
		for (int y = from; !rc && y <= this_year; y++)
			rc = set_bound(s, up[u], y, today, actor, err);
	return rc;
}

enum qc_rc qc_certification_bind(struct qc_store *s, const char *indicator,
				 const char *measure, const char *actor,
				 struct qc_error *err)
{
	bool known = false;

	for (size_t i = 0; measures[i]; i++)
		known |= measure && !strcmp(measure, measures[i]);
	if (!known)
		return qc_error_set(err, QC_EINVAL,
				    "measure: \"%s\" is not valid: write "
				    "certificates, holders, system_certificates, "
				    "system_holders, product_certificates, "
				    "product_holders, agri_certificates or "
				    "agri_holders",
				    measure ? measure : "");
	return qc_reg_bind(s, "certificate_bindings",
			   "SELECT DISTINCT region_code FROM certificates"
			   " ORDER BY 1",
			   qc_cert_refresh, indicator, measure, actor, err);
}
