/* What the reminder tests count, shared by test_remind*.c: the events a
 * scan stored of a kind, and the inbox items of a kind a user holds. */
#ifndef QCITY_TEST_REMIND_UTIL_H
#define QCITY_TEST_REMIND_UTIL_H

#include "testutil.h"
#include "qcity/remind.h"

static inline long long events_of(struct qc_store *s, const char *kind)
{
	int64_t n = 0;
	bool found;
	assert_int_equal(qc_store_get_int(s,
					  "SELECT COUNT(*) FROM remind_events"
					  " WHERE kind = ?",
					  QC_TEXTS(kind), &n, &found, NULL),
			 QC_OK);
	return (long long)n;
}

static inline size_t inbox_of(struct qc_store *s, int64_t user,
			      const char *kind)
{
	struct qc_error err = { 0 };
	struct qc_inbox b;
	size_t n = 0;
	assert_int_equal(qc_inbox_list(s, user, false, 100, &b, &err), QC_OK);
	for (size_t i = 0; i < b.n; i++)
		n += !strcmp(b.v[i].kind, kind);
	qc_inbox_release(&b);
	return n;
}

#endif
