/* Thresholds stored per plan: defaults, set and reset, audited, refused
 * out of order, and used by the status table (docs/progress-method.md
 * §2, example 11). */
#include "testutil.h"
#include <math.h>
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/status.h"

static long long import_plan(struct fixture *f)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id;
	const char *json =
		"{\"plan\": {\"title\": \"P\", \"region\": {\"code\": \"230900\"},"
		"  \"period\": {\"start\": 2017, \"end\": 2020}},"
		" \"targets\": ["
		"  {\"indicator\": \"抽查合格率\", \"op\": \">=\", \"value\": 98, \"unit\": \"%\"},"
		"  {\"indicator\": \"森林覆盖率\", \"op\": \"increase\", \"unit\": \"%\"}]}";
	assert_int_equal(qc_plan_from_json(&p, json, strlen(json), &err),
			 QC_OK);
	if (qc_plan_import(f->s, &p, false, "t", &id, &err))
		fail_msg("%s", err.msg);
	qc_plan_release(&p);
	return id;
}

static void set(struct fixture *f, const char *ind, const char *period,
		double v)
{
	struct qc_error err = { 0 };
	struct qc_value_in in = { .indicator = ind,
				  .region = "230900",
				  .period = period,
				  .value = v };
	assert_int_equal(qc_value_set(f->s, &in, "t", &err), QC_OK);
}

static void statuses(struct fixture *f, long long id, enum qc_progress *a,
		     enum qc_progress *b)
{
	struct qc_error err = { 0 };
	struct qc_status_table t;
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	assert_int_equal(t.n, 2);
	*a = t.v[0].p.status;
	*b = t.v[1].p.status;
	qc_status_table_release(&t);
}

static void stored_per_plan(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_progress_thresholds th;
	enum qc_progress a, b;
	unsigned own;
	long long id = import_plan(f), audit;

	/* Example 1 (R = 0.8452) and a level-free target, +1.64 % a year. */
	set(f, "抽查合格率", "2016", 90);
	set(f, "抽查合格率", "2019", 95);
	set(f, "森林覆盖率", "2016", 40);
	set(f, "森林覆盖率", "2019", 42);
	assert_int_equal(qc_plan_thresholds_get(f->s, id, &th, &own, &err),
			 QC_OK);
	assert_int_equal(own, 0);
	assert_true(fabs(th.high - 0.95) < 1e-12);
	assert_true(fabs(th.trend_high - 0.015) < 1e-12);
	statuses(f, id, &a, &b);
	assert_int_equal(a, QC_PROGRESS_ACCELERATION);
	assert_int_equal(b, QC_PROGRESS_ON_TRACK);

	audit = count_rows(f->s, "audit_log");
	const char *keys[] = { "high", "trend_high" };
	const double vals[] = { 0.80, 0.02 };
	assert_int_equal(qc_plan_thresholds_set(f->s, id, keys, vals, 2, "t",
						&err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "audit_log"), audit + 1);
	assert_int_equal(count_rows(f->s, "plan_thresholds"), 2);
	assert_int_equal(qc_plan_thresholds_get(f->s, id, &th, &own, &err),
			 QC_OK);
	assert_int_equal(own, 1u << 0 | 1u << 3);
	statuses(f, id, &a, &b);
	assert_int_equal(a, QC_PROGRESS_ON_TRACK);     /* 0.8452 ≥ 0.80 */
	assert_int_equal(b, QC_PROGRESS_ACCELERATION); /* 1.64 % < 2 % */

	/* Out of order: refused, nothing written. */
	const char *bad[] = { "med" };
	const double badv[] = { 0.9 };
	assert_int_equal(qc_plan_thresholds_set(f->s, id, bad, badv, 1, "t",
						&err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "high ≥ med"));
	const char *unknown[] = { "ratio" };
	assert_int_equal(qc_plan_thresholds_set(f->s, id, unknown, badv, 1, "t",
						&err),
			 QC_EINVAL);
	assert_int_equal(qc_plan_thresholds_set(f->s, 999, keys, vals, 2, "t",
						&err),
			 QC_ENOTFOUND);
	assert_int_equal(count_rows(f->s, "audit_log"), audit + 1);

	/* NaN returns a key to Open SDG's default. */
	const double reset[] = { NAN, NAN };
	assert_int_equal(qc_plan_thresholds_set(f->s, id, keys, reset, 2, "t",
						&err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "plan_thresholds"), 0);
	statuses(f, id, &a, &b);
	assert_int_equal(a, QC_PROGRESS_ACCELERATION);
	assert_int_equal(b, QC_PROGRESS_ON_TRACK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(stored_per_plan, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
