/* How many enterprises hold each credit grade in a region as of a date
 * (the annual report's 质量信用 chapter reads it): each graded as
 * qc_credit_grade does, under the newest scheme. Read only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/region.h"
#include "credit_int.h"
#include "nation_int.h"
#include "banned.h"

/* Those with a record by the day: an event, a listing decided, a
 * sampling failure (what regrade grades, as of that day). At the
 * nation an enterprise is (held_by, id) and its record its holder's
 * rows: ids repeat across provinces there. */
#define EVENT_HELD QC_NAT(" AND c.province_code = e.held_by")
#define LISTING_HELD QC_NAT(" AND l.province_code = e.held_by")
#define RESULT_HELD QC_NAT(" AND r.held_by = e.held_by")
#define RECORD_SQL                                                          \
	"SELECT e.id, e.held_by FROM enterprises e WHERE e.uscc IS NOT"     \
	" NULL AND (CAST(? AS TEXT) IS NULL OR (e.region_code >= ? AND"     \
	" e.region_code < ?)) AND (EXISTS (SELECT 1 FROM credit_events c"   \
	" WHERE c.enterprise_id = e.id" EVENT_HELD " AND c.occurred_on <="  \
	" ?) OR EXISTS (SELECT 1 FROM credit_listings l WHERE"              \
	" l.enterprise_id = e.id" LISTING_HELD " AND l.decided_on <= ?) OR" \
	" EXISTS (SELECT 1 FROM sampling_results r WHERE r.enterprise_id =" \
	" e.id" RESULT_HELD " AND r.passed = 0 AND r.sampled_on <= ?))"     \
	" ORDER BY e.held_by, e.id"

enum qc_rc qc_credit_grade_counts(struct qc_store *s, const char *region,
				  const char *as_of,
				  struct qc_credit_grade_counts *out,
				  struct qc_error *err)
{
	struct qc_credit_scheme sc;
	struct qc_stmt *st;
	char lo[QC_REGION_CODE_SIZE] = "", hi[QC_REGION_CODE_SIZE + 1] = "",
	     code[QC_REGION_CODE_SIZE], day[11];
	struct held {
		int64_t id;
		char held_by[7];
	} *v = NULL;
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
	rc = qc_nat_prepare(s, RECORD_SQL, &st, err);
	if (rc) {
		qc_credit_scheme_release(&sc);
		return rc;
	}
	qc_stmt_bind_text(st, 1, region ? lo : NULL);
	qc_stmt_bind_text(st, 2, lo);
	qc_stmt_bind_text(st, 3, hi);
	for (int i = 4; i <= 6; i++)
		qc_stmt_bind_text(st, i, day);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(v, n + 1, alloc);
		v[n].id = qc_stmt_int(st, 0);
		snprintf(v[n].held_by, sizeof(v[n].held_by), "%s",
			 qc_stmt_is_null(st, 1) ? "" : qc_stmt_text(st, 1));
		n++;
	}
	qc_stmt_free(st);
	rc = qc_step_rc(r);
	for (size_t i = 0; !rc && i < n; i++) {
		struct qc_credit_grade g;
		if ((rc = qc_credit_grade_of(s, v[i].id, v[i].held_by, day, &sc,
					     &g, err))) {
			qc_credit_grade_release(&g);
			break;
		}
		for (int k = 0; k < 4; k++)
			if (g.grade[0] && g.grade[0] == out->grades[k]) {
				out->n[k]++;
				out->graded++;
				break;
			}
		qc_credit_grade_release(&g);
	}
	free(v);
	qc_credit_scheme_release(&sc);
	if (rc) {
		memset(out->n, 0, sizeof(out->n));
		out->graded = 0;
	}
	return rc;
}
