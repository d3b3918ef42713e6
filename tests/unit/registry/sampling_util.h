/* Helpers of the sampling reader's tests (test_sampling_kinds.c,
 * test_sampling_layouts.c): an import of a CSV text as t.csv, one that
 * must succeed, and a field of the results. After testutil.h. */
#ifndef QCITY_TEST_SAMPLING_UTIL_H
#define QCITY_TEST_SAMPLING_UTIL_H

#include "qcity/sampling.h"

static inline enum qc_rc import_as(struct fixture *f, const char *csv,
				   const struct qc_sampling_import_opts *o,
				   struct qc_sampling_report *rep,
				   struct qc_error *err)
{
	return qc_sampling_import(f->s, csv, strlen(csv), "t.csv", o, "t", rep,
				  err);
}

/* An import that must succeed; its report is released. */
static inline void import_ok(struct fixture *f, const char *csv,
			     const struct qc_sampling_import_opts *o)
{
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };

	if (import_as(f, csv, o, &rep, &err)) {
		fail_msg("%s", err.msg);
		abort();
	}
	qc_sampling_report_release(&rep);
}

/* `what` (an SQL expression over sampling_results) of the rows `where`
 * selects, as text into buf. */
static inline void field_of(struct fixture *f, const char *what,
			    const char *where, char *buf, size_t n)
{
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT %s FROM sampling_results WHERE %s",
		 what, where);
	query_text(f->s, sql, buf, n);
}

/* That of the row `where` selects must be want. */
static inline void row_is(struct fixture *f, const char *what,
			  const char *where, const char *want)
{
	char buf[512];
	field_of(f, what, where, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

#endif
