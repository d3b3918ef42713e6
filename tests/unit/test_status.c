/* The status table over a stored plan: latest values, the base of a
 * change, counts that add up, statuses per region. */
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
		"  {\"indicator\": \"抽查合格率\", \"op\": \">=\", \"value\": 98, \"unit\": \"%\","
		"   \"owners\": [\"市市场监管局\", \"市农牧局\"]},"
		"  {\"indicator\": \"单位GDP能耗\", \"op\": \"decrease\", \"value\": 13,"
		"   \"unit\": \"%\", \"baseline\": {\"year\": 2010}, \"year\": 2015},"
		"  {\"indicator\": \"森林覆盖率\", \"op\": \">=\", \"value\": 48, \"unit\": \"%\"},"
		"  {\"indicator\": \"名牌产品\", \"op\": \">=\", \"value\": 24, \"unit\": \"个\"}]}";
	assert_int_equal(qc_plan_from_json(&p, json, strlen(json), &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &id, &err),
			 QC_OK);
	qc_plan_release(&p);
	return id;
}

static void set(struct fixture *f, const char *ind, const char *region,
		const char *period, double v)
{
	struct qc_error err = { 0 };
	struct qc_value_in in = {
		.indicator = ind, .region = region, .period = period, .value = v
	};
	assert_int_equal(qc_value_set(f->s, &in, "t", &err), QC_OK);
}

static void table(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_status_table t;
	long long id = import_plan(f);

	set(f, "抽查合格率", "230900", "2016", 90);
	set(f, "抽查合格率", "230900", "2019-06", 94); /* 2018.5 */
	set(f, "抽查合格率", "230900", "2019", 95);
	set(f, "单位GDP能耗", "230900", "2010", 1.0);
	set(f, "单位GDP能耗", "230900", "2013", 0.93);
	set(f, "名牌产品", "230900", "2017", 4);
	set(f, "名牌产品", "230900", "2018", 5);
	set(f, "名牌产品", "230900", "2019", 6);
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	assert_int_equal(t.n, 4);
	assert_string_equal(t.region_name, "七台河市");
	/* Example 1 of docs/progress-method.md with a mid-year value in
	 * between: the base and the latest are the same, so R is too. */
	assert_string_equal(t.v[0].latest_period, "2019");
	assert_int_equal(t.v[0].n_values, 3);
	assert_string_equal(t.v[0].owners, "市市场监管局、市农牧局");
	assert_true(fabs(t.v[0].p.ratio - 0.8452) < 1e-3);
	assert_int_equal(t.v[0].p.status, QC_PROGRESS_ACCELERATION);
	assert_true(t.v[0].has_prev);
	assert_string_equal(t.v[0].prev_period, "2019-06");
	/* Example 5. */
	assert_true(fabs(t.v[1].p.ratio - 0.8701) < 1e-3);
	assert_int_equal(t.v[2].p.status, QC_PROGRESS_NO_DATA);
	/* Example 3: 4 + 5 + 6 = 15 of 24. */
	assert_true(fabs(t.v[3].p.current - 15) < 1e-9);
	assert_int_equal(t.v[3].p.status, QC_PROGRESS_ACCELERATION);
	assert_int_equal(t.count[QC_PROGRESS_ACCELERATION], 3);
	qc_status_table_release(&t);
	/* The same plan judged for a county with no data. */
	assert_int_equal(qc_status_table(f->s, id, "桃山区", &t, &err), QC_OK);
	assert_int_equal(t.v[0].p.status, QC_PROGRESS_NO_DATA);
	qc_status_table_release(&t);
}

static void recompute_and_errors(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan_data *d;
	struct qc_status_counts c;
	struct qc_status_table t;
	long long id = import_plan(f);

	set(f, "抽查合格率", "230900", "2017", 90);
	set(f, "抽查合格率", "230900", "2018", 99);
	set(f, "抽查合格率", "230902", "2018", 91);
	assert_int_equal(qc_plan_data_load(f->s, id, NULL, &d, &err), QC_OK);
	assert_int_equal(qc_plan_data_n_regions(d), 2);
	qc_status_recompute(d, &c);
	assert_int_equal(c.series, 2);
	assert_int_equal(c.evaluations, 3);
	assert_int_equal(c.count[QC_PROGRESS_MET], 1);
	assert_int_equal(c.count[QC_PROGRESS_NO_DATA], 1);
	qc_plan_data_free(d);
	assert_int_equal(qc_status_table(f->s, 999, NULL, &t, &err),
			 QC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "plan list"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(table, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(recompute_and_errors,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
