/* How many enterprises hold each credit grade in a region as of a date
 * (the annual report's 质量信用 chapter reads it): each graded as
 * qc_credit_grade does, under the newest scheme. Read only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/region.h"
#include "credit_int.h"
#include "banned.h"

enum qc_rc qc_credit_grade_counts(struct qc_store *s, const char *region,
				  const char *as_of,
				  struct qc_credit_grade_counts *out,
				  struct qc_error *err)
{
	struct qc_credit_scheme sc;
	struct qc_stmt *st;
	char lo[QC_REGION_CODE_SIZE] = "", hi[QC_REGION_CODE_SIZE + 1] = "",
	     code[QC_REGION_CODE_SIZE], day[11];
	char **codes = NULL;
	size_t n = 0, alloc = 0;
	enum qc_rc rc, r = QC_OK;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_credit_date(as_of, "as_of", day, err)))
		return rc;
	if (region) {
		if ((rc = qc_region_resolve(s, region, code, err)))
			return rc;
		qc_region_span(code, lo, hi);
	}
	if ((rc = qc_credit_scheme_current(s, &sc, err)))
		return rc;
	for (int i = 0; i < 4; i++)
		out->grades[i] = sc.grades[i].grade;
	qc_credit_scheme_release(&sc);
	/* Those with a record by the day: an event, a listing decided, a
	 * sampling failure (what regrade grades, as of that day). */
	rc = qc_stmt_prepare(
		s,
		"SELECT e.uscc FROM enterprises e WHERE e.uscc IS NOT NULL"
		" AND (CAST(? AS TEXT) IS NULL OR (e.region_code >= ? AND"
		" e.region_code < ?)) AND (e.id IN (SELECT enterprise_id FROM"
		" credit_events WHERE occurred_on <= ?) OR e.id IN (SELECT"
		" enterprise_id FROM credit_listings WHERE decided_on <= ?)"
		" OR e.id IN (SELECT enterprise_id FROM sampling_results"
		" WHERE passed = 0 AND sampled_on <= ? AND enterprise_id IS"
		" NOT NULL)) ORDER BY e.id",
		&st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, region ? lo : NULL);
	qc_stmt_bind_text(st, 2, lo);
	qc_stmt_bind_text(st, 3, hi);
	for (int i = 4; i <= 6; i++)
		qc_stmt_bind_text(st, i, day);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(codes, n + 1, alloc);
		codes[n++] = qc_xstrdup(qc_stmt_text(st, 0));
	}
	qc_stmt_free(st);
	rc = qc_step_rc(r);
	for (size_t i = 0; !rc && i < n; i++) {
		struct qc_credit_grade g;
		if ((rc = qc_credit_grade(s, codes[i], day, &g, err)))
			break;
		for (int k = 0; k < 4; k++)
			if (g.grade[0] && g.grade[0] == out->grades[k]) {
				out->n[k]++;
				out->graded++;
				break;
			}
		qc_credit_grade_release(&g);
	}
	for (size_t i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
	if (rc) {
		memset(out->n, 0, sizeof(out->n));
		out->graded = 0;
	}
	return rc;
}
