/* The status table's verdicts, computed by hand, and the table itself. */
#include "testutil.h"
#include <math.h>
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/status.h"

#define J(op, t, tmax, unit, has, latest, hasb, base, years) \
	qc_status_judge(op, t, tmax, unit, has, latest, hasb, base, years)

static void levels(void **state)
{
	(void)state;
	assert_int_equal(J(QC_OP_GE, 98, 0, "%", true, 98, false, 0, 0), QC_VERDICT_MET);
	assert_int_equal(J(QC_OP_GE, 98, 0, "%", true, 97.99, false, 0, 0), QC_VERDICT_NOT_MET);
	assert_int_equal(J(QC_OP_LE, 2.7, 0, "‰", true, 2.71, false, 0, 0), QC_VERDICT_NOT_MET);
	assert_int_equal(J(QC_OP_LE, 52, 0, "μg/m3", true, 49, false, 0, 0), QC_VERDICT_MET);
	/* 左右: within 5% of 100 is 95..105. */
	assert_int_equal(J(QC_OP_ABOUT, 100, 0, "人", true, 95, false, 0, 0), QC_VERDICT_MET);
	assert_int_equal(J(QC_OP_ABOUT, 100, 0, "人", true, 94.9, false, 0, 0), QC_VERDICT_NOT_MET);
	assert_int_equal(J(QC_OP_BETWEEN, 2, 3, "个", true, 3, false, 0, 0), QC_VERDICT_MET);
	assert_int_equal(J(QC_OP_BETWEEN, 2, 3, "个", true, 4, false, 0, 0), QC_VERDICT_NOT_MET);
	assert_int_equal(J(QC_OP_ZERO, 0, 0, NULL, true, 0, false, 0, 0), QC_VERDICT_MET);
	assert_int_equal(J(QC_OP_ZERO, 0, 0, NULL, true, 1, false, 0, 0), QC_VERDICT_NOT_MET);
	assert_int_equal(J(QC_OP_GE, 98, 0, "%", false, 0, false, 0, 0), QC_VERDICT_NO_DATA);
}

static void changes(void **state)
{
	(void)state;
	/* +2 pp over the previous year: 94.0 → 96.0 is exactly enough. */
	assert_int_equal(J(QC_OP_INCREASE, 2, 0, "pp", true, 96, true, 94, 1), QC_VERDICT_MET);
	assert_int_equal(J(QC_OP_INCREASE, 2, 0, "pp", true, 95.5, true, 94, 1), QC_VERDICT_NOT_MET);
	/* −13% against 2010: 100 → 87 is −13%; 88 is only −12%. */
	assert_int_equal(J(QC_OP_DECREASE, 13, 0, "%", true, 87, true, 100, 5), QC_VERDICT_MET);
	assert_int_equal(J(QC_OP_DECREASE, 13, 0, "%", true, 88, true, 100, 5), QC_VERDICT_NOT_MET);
	/* 11% a year over 2 years: 1000 → 1232.1 is 11.0%; 1220 is 10.45%. */
	assert_int_equal(J(QC_OP_ANNUAL_GROWTH, 11, 0, "%", true, 1232.1, true, 1000, 2), QC_VERDICT_MET);
	assert_int_equal(J(QC_OP_ANNUAL_GROWTH, 11, 0, "%", true, 1220, true, 1000, 2), QC_VERDICT_NOT_MET);
	/* Without a base the change cannot be judged. */
	assert_int_equal(J(QC_OP_INCREASE, 2, 0, "pp", true, 96, false, 0, 0), QC_VERDICT_UNKNOWN);
}

static void table_uses_latest_and_baseline(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_status_table t;
	struct qc_plan p;
	long long id;
	const char *json =
		"{\"plan\": {\"title\": \"P\", \"region\": {\"code\": \"230900\"}},"
		" \"targets\": ["
		"  {\"indicator\": \"抽查合格率\", \"op\": \">=\", \"value\": 98, \"unit\": \"%\","
		"   \"owners\": [\"市市场监管局\", \"市农牧局\"]},"
		"  {\"indicator\": \"单位GDP能耗\", \"op\": \"decrease\", \"value\": 13,"
		"   \"unit\": \"%\", \"baseline\": {\"year\": 2010}},"
		"  {\"indicator\": \"森林覆盖率\", \"op\": \">=\", \"value\": 48, \"unit\": \"%\"}]}";
	static const struct { const char *ind, *period; double v; } vals[] = {
		{ "抽查合格率", "2018", 99 }, { "抽查合格率", "2019", 97.5 },
		{ "单位GDP能耗", "2010", 1.0 }, { "单位GDP能耗", "2014", 0.85 },
		{ "单位GDP能耗", "2015", 0.9 },
	};

	assert_int_equal(qc_plan_from_json(&p, json, strlen(json), &err), QC_OK);
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &id, &err), QC_OK);
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		struct qc_value_in v = { .indicator = vals[i].ind,
			.region = "230900", .period = vals[i].period,
			.value = vals[i].v };
		assert_int_equal(qc_value_set(f->s, &v, "t", &err), QC_OK);
	}
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.region_name, "七台河市");
	assert_string_equal(t.v[0].latest_period, "2019");
	assert_int_equal(t.v[0].verdict, QC_VERDICT_NOT_MET);
	assert_string_equal(t.v[0].owners, "市市场监管局、市农牧局");
	assert_int_equal(t.v[0].n_values, 2);
	/* 1.0 (2010) → 0.9 (2015) is −10%, short of −13%. */
	assert_string_equal(t.v[1].base_period, "2010");
	assert_true(fabs(t.v[1].latest_value - 0.9) < 1e-9);
	assert_int_equal(t.v[1].verdict, QC_VERDICT_NOT_MET);
	assert_int_equal(t.v[2].verdict, QC_VERDICT_NO_DATA);
	qc_status_table_release(&t);
	/* The same plan judged for a county with no data. */
	assert_int_equal(qc_status_table(f->s, id, "桃山区", &t, &err), QC_OK);
	assert_int_equal(t.v[0].verdict, QC_VERDICT_NO_DATA);
	qc_status_table_release(&t);
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(levels),
		cmocka_unit_test(changes),
		cmocka_unit_test_setup_teardown(table_uses_latest_and_baseline,
						fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
