/* The worked examples of docs/progress-method.md, number by number. */
#include "testutil.h"
#include <math.h>
#include <string.h>
#include "qcity/progress.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-3)

static struct qc_goal_spec spec(enum qc_op op, double v, const char *unit,
				int due)
{
	struct qc_target t = { .op = op,
			       .value = v,
			       .has_value = op != QC_OP_ZERO,
			       .unit = (char *)unit,
			       .year = due };
	struct qc_goal_spec s;
	qc_goal_spec_from_target(&s, &t, 2017, 2020);
	return s;
}

static void eval(const struct qc_goal_spec *s, const double *t, const double *v,
		 size_t n, struct qc_progress_result *r)
{
	struct qc_point p[16];
	for (size_t i = 0; i < n; i++)
		p[i] = (struct qc_point){ t[i], v[i], 12 };
	qc_progress_eval(s, p, n, r);
}

static void periods(void **state)
{
	double t;
	int m;
	(void)state;
	assert_true(qc_period_time("2019", &t, &m));
	NEAR(t, 2019);
	assert_int_equal(m, 12);
	assert_true(qc_period_time("2019-H1", &t, &m));
	NEAR(t, 2018.5);
	assert_true(qc_period_time("2019-Q4", &t, &m));
	NEAR(t, 2019);
	assert_true(qc_period_time("2019-03", &t, &m));
	NEAR(t, 2018.25);
	assert_int_equal(m, 1);
	assert_false(qc_period_time("2019-13", &t, &m));
}

/* Example 1: ≥ 98% by 2020; 90 (2016) → 95 (2019). */
static void example1_ge(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_GE, 98, "%", 2020);
	struct qc_progress_result r;
	double t[] = { 2016, 2017, 2018, 2019 }, v[] = { 90, 92, 93, 95 };
	(void)state;
	eval(&s, t, v, 4, &r);
	NEAR(r.base, 90);
	NEAR(r.base_t, 2016);
	NEAR(r.growth, 0.018186);
	NEAR(r.required_growth, 0.021518);
	NEAR(r.ratio, 0.8452);
	assert_int_equal(r.status, QC_PROGRESS_ACCELERATION);
	assert_true(r.has_projection);
	NEAR(r.projected, 96.5);
	assert_false(r.projected_met);
	/* One value is not a trend. */
	eval(&s, t + 3, v + 3, 1, &r);
	assert_int_equal(r.status, QC_PROGRESS_NO_DATA);
	/* Met as soon as the latest value meets it. */
	v[3] = 98;
	eval(&s, t, v, 4, &r);
	assert_int_equal(r.status, QC_PROGRESS_MET);
}

/* Example 2: ≤ 52 μg/m3 by 2020; 60 (2016) → 63 (2019). */
static void example2_le(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_LE, 52, "μg/m3", 2020);
	struct qc_progress_result r;
	double t[] = { 2016, 2019 }, v[] = { 60, 63 };
	(void)state;
	eval(&s, t, v, 2, &r);
	NEAR(r.growth, 0.016396);
	NEAR(r.required_growth, -0.035143);
	NEAR(r.ratio, -0.4666);
	assert_int_equal(r.status, QC_PROGRESS_DETERIORATING);
	assert_true(qc_progress_off_track(r.status));
}

/* Example 3: 培育名牌产品 24 个 by 2020; 4, 5, 6 won in 2017–2019. */
static void example3_count(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_GE, 24, "个", 2020);
	struct qc_progress_result r;
	double t[] = { 2017, 2018, 2019 }, v[] = { 4, 5, 6 };
	(void)state;
	assert_true(s.accumulate);
	eval(&s, t, v, 3, &r);
	NEAR(r.current, 15);
	assert_true(r.linear);
	NEAR(r.growth, 5);
	NEAR(r.required_growth, 6);
	NEAR(r.ratio, 0.8333);
	assert_int_equal(r.status, QC_PROGRESS_ACCELERATION);
	NEAR(r.projected, 19.5);
	assert_false(r.projected_met);
}

/* Example 4: +2 pp over the previous year; 94.0 (2018) → 95.5 (2019). */
static void example4_previous_year(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_INCREASE, 2, "pp", 2020);
	struct qc_progress_result r;
	double t[] = { 2018, 2019 }, v[] = { 94, 95.5 };
	(void)state;
	s.baseline_previous = true;
	eval(&s, t, v, 2, &r);
	NEAR(r.required, 96);
	NEAR(r.ratio, 0.75);
	assert_int_equal(r.status, QC_PROGRESS_ACCELERATION);
	v[1] = 96;
	eval(&s, t, v, 2, &r);
	assert_int_equal(r.status, QC_PROGRESS_MET);
	/* Without last year's value the change cannot be measured. */
	eval(&s, t + 1, v + 1, 1, &r);
	assert_int_equal(r.status, QC_PROGRESS_NO_DATA);
}

/* Example 5: −13% against 2010 by 2015; 1.00 (2010) → 0.93 (2013). */
static void example5_decrease(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_DECREASE, 13, "%", 2015);
	struct qc_progress_result r;
	double t[] = { 2010, 2013 }, v[] = { 1.0, 0.93 };
	(void)state;
	s.baseline_year = 2010;
	eval(&s, t, v, 2, &r);
	NEAR(r.required, 0.87);
	NEAR(r.growth, -0.023900);
	NEAR(r.required_growth, -0.027468);
	NEAR(r.ratio, 0.8701);
	assert_int_equal(r.status, QC_PROGRESS_ACCELERATION);
}

/* Example 6: annual growth ≥ 11% from 2013 to 2015; 1000 → 1100 (2014). */
static void example6_annual_growth(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_ANNUAL_GROWTH, 11, "%", 2015);
	struct qc_progress_result r;
	double t[] = { 2013, 2014 }, v[] = { 1000, 1100 };
	(void)state;
	s.baseline_year = 2013;
	eval(&s, t, v, 2, &r);
	NEAR(r.required, 1232.1);
	NEAR(r.ratio, 0.9091);
	assert_int_equal(r.status, QC_PROGRESS_ACCELERATION);
	v[1] = 1110;
	eval(&s, t, v, 2, &r);
	assert_int_equal(r.status, QC_PROGRESS_MET);
}

/* Example 7: no major food-safety incident. */
static void example7_zero(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_ZERO, 0, "次", 2020);
	struct qc_progress_result r;
	double t[] = { 2018, 2019 }, v[] = { 0, 1 };
	(void)state;
	eval(&s, t, v, 0, &r);
	assert_int_equal(r.status, QC_PROGRESS_MET);
	eval(&s, t, v, 1, &r);
	assert_int_equal(r.status, QC_PROGRESS_MET);
	eval(&s, t, v, 2, &r);
	assert_int_equal(r.status, QC_PROGRESS_DETERIORATING);
	NEAR(r.current, 1);
}

/* Example 8: bands and "about". */
static void example8_bands(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_BETWEEN, 2, "个", 2020);
	struct qc_progress_result r;
	double t[] = { 2017, 2018, 2019 }, v[] = { 1, 0, 1 };
	(void)state;
	s.value_max = 3;
	eval(&s, t, v, 3, &r);
	assert_int_equal(r.status, QC_PROGRESS_MET); /* 1 + 0 + 1 = 2 */
	s = spec(QC_OP_ABOUT, 100, "人", 2020);
	double t2[] = { 2016, 2019 }, v2[] = { 80, 96 };
	eval(&s, t2, v2, 2, &r);
	assert_int_equal(r.status, QC_PROGRESS_MET); /* within 95..105 */
	v2[1] = 90;
	eval(&s, t2, v2, 2, &r);
	NEAR(r.required, 95); /* the near edge of the band */
	NEAR(r.ratio, 0.9119);
	assert_int_equal(r.status, QC_PROGRESS_ACCELERATION);
}

/* Example 9: a zero base is replaced by 0.001. */
static void example9_zero_base(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_GE, 98, "%", 2020);
	struct qc_progress_result r;
	double t[] = { 2016, 2019 }, v[] = { 0, 60 };
	(void)state;
	eval(&s, t, v, 2, &r);
	NEAR(r.growth, 38.1487);
	NEAR(r.required_growth, 16.6932);
	NEAR(r.ratio, 2.2853);
	assert_int_equal(r.status, QC_PROGRESS_ON_TRACK);
}

/* A target without a level (提高/下降 alone). */
static struct qc_goal_spec no_level(enum qc_op op)
{
	struct qc_target t = { .op = op, .unit = "%" };
	struct qc_goal_spec s;
	qc_goal_spec_from_target(&s, &t, 2017, 2020);
	return s;
}

/* Example 10: trend only. 森林覆盖率 提高, 40 (2016) → 42 (2019). */
static void example10_trend_only(void **state)
{
	struct qc_goal_spec s = no_level(QC_OP_INCREASE);
	struct qc_progress_result r;
	double t[] = { 2016, 2017, 2019 }, v[] = { 40, 41, 42 };
	(void)state;
	assert_true(s.trend_only);
	eval(&s, t, v, 3, &r);
	assert_true(r.trend);
	assert_false(r.has_ratio);
	assert_false(r.has_required);
	NEAR(r.base, 40);
	NEAR(r.base_t, 2016);
	NEAR(r.growth, 0.016396);
	assert_int_equal(r.status, QC_PROGRESS_ON_TRACK); /* ≥ 1.5 % */
	assert_non_null(strstr(r.reason, "no level set"));
	assert_false(r.projected_met);
	v[2] = 41; /* +0.8265 % */
	eval(&s, t, v, 3, &r);
	assert_int_equal(r.status, QC_PROGRESS_ACCELERATION);
	v[2] = 40.1; /* +0.0833 % */
	eval(&s, t, v, 3, &r);
	assert_int_equal(r.status, QC_PROGRESS_LIMITED);
	v[2] = 39;
	eval(&s, t, v, 3, &r);
	assert_int_equal(r.status, QC_PROGRESS_DETERIORATING);
	/* One value is no trend; a level is never "met". */
	eval(&s, t + 2, v + 2, 1, &r);
	assert_int_equal(r.status, QC_PROGRESS_NO_DATA);
	/* 下降: PM2.5 60 (2016) → 63 (2019) goes the wrong way. */
	s = no_level(QC_OP_DECREASE);
	double t2[] = { 2016, 2019 }, v2[] = { 60, 63 };
	eval(&s, t2, v2, 2, &r);
	NEAR(r.growth, 0.016396);
	assert_int_equal(r.status, QC_PROGRESS_DETERIORATING);
	v2[1] = 57; /* −1.6952 % */
	eval(&s, t2, v2, 2, &r);
	NEAR(r.growth, -0.016952);
	assert_int_equal(r.status, QC_PROGRESS_ON_TRACK);
	/* Across zero there is no growth to judge. */
	v2[1] = -1;
	eval(&s, t2, v2, 2, &r);
	assert_int_equal(r.status, QC_PROGRESS_NO_DATA);
}

/* Example 11: a plan's own thresholds. */
static void example11_thresholds(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_GE, 98, "%", 2020);
	struct qc_progress_thresholds th;
	struct qc_progress_result r;
	struct qc_error err = { 0 };
	double t[] = { 2016, 2017, 2018, 2019 }, v[] = { 90, 92, 93, 95 };
	(void)state;
	qc_progress_thresholds_default(&th);
	NEAR(th.high, 0.95);
	NEAR(th.med, 0.60);
	NEAR(th.low, 0);
	NEAR(th.trend_high, 0.015);
	NEAR(th.trend_med, 0.005);
	NEAR(th.trend_low, 0);
	assert_true(qc_progress_thresholds_valid(&th, &err));
	/* R = 0.8452: on track when the plan asks for 0.80 only... */
	s.th.high = 0.80;
	eval(&s, t, v, 4, &r);
	NEAR(r.ratio, 0.8452);
	assert_int_equal(r.status, QC_PROGRESS_ON_TRACK);
	/* ... limited progress when it wants 0.90 for acceleration. */
	s.th.high = 0.95;
	s.th.med = 0.90;
	eval(&s, t, v, 4, &r);
	assert_int_equal(r.status, QC_PROGRESS_LIMITED);
	/* Trend thresholds: +1.6396 % is short of a 2 % bar. */
	struct qc_goal_spec u = no_level(QC_OP_INCREASE);
	double t2[] = { 2016, 2019 }, v2[] = { 40, 42 };
	u.th.trend_high = 0.02;
	eval(&u, t2, v2, 2, &r);
	assert_int_equal(r.status, QC_PROGRESS_ACCELERATION);
	/* Out of order or not finite: refused. */
	th.med = 0.99;
	assert_false(qc_progress_thresholds_valid(&th, &err));
	assert_int_equal(err.code, QC_EINVAL);
	qc_progress_thresholds_default(&th);
	*qc_progress_threshold_field(&th, "trend_low") = NAN;
	assert_false(qc_progress_thresholds_valid(&th, &err));
	assert_null(qc_progress_threshold_field(&th, "ratio"));
}

/* Example 12: +2 pp over the previous year on a rate of 99.5 asks for
 * 100, not 101.5. */
static void example12_capped(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_INCREASE, 2, "pp", 0);
	struct qc_progress_result r;
	double t[] = { 2018, 2019 }, v[] = { 99.5, 99.9 };
	(void)state;
	s.baseline_previous = true;
	eval(&s, t, v, 2, &r);
	NEAR(r.required, 100);
	assert_true(r.capped);
	NEAR(r.growth, 0.4);
	NEAR(r.required_growth, 0.5);
	NEAR(r.ratio, 0.80);
	assert_int_equal(r.status, QC_PROGRESS_ACCELERATION);
	assert_non_null(strstr(r.reason, "(capped)"));
	v[1] = 100; /* met at the top of the range */
	eval(&s, t, v, 2, &r);
	assert_int_equal(r.status, QC_PROGRESS_MET);
	/* Below the cap nothing changes (example 4). */
	v[0] = 94;
	v[1] = 95.5;
	eval(&s, t, v, 2, &r);
	NEAR(r.required, 96);
	assert_false(r.capped);
	/* A relative increase of a 率 stops at 100 too; of other
	 * measures it does not. */
	struct qc_target rt = { .indicator = "抽查合格率",
				.op = QC_OP_INCREASE,
				.value = 5,
				.has_value = true,
				.unit = "%" };
	qc_goal_spec_from_target(&s, &rt, 2017, 2020);
	double t3[] = { 2016, 2019 }, v3[] = { 98, 99 };
	eval(&s, t3, v3, 2, &r);
	NEAR(r.required, 100);
	assert_true(r.capped);
	rt.indicator = "旅游收入";
	qc_goal_spec_from_target(&s, &rt, 2017, 2020);
	eval(&s, t3, v3, 2, &r);
	NEAR(r.required, 102.9);
	assert_false(r.capped);
	/* A decrease in pp stops at 0. */
	s = spec(QC_OP_DECREASE, 5, "pp", 2020);
	double t2[] = { 2016, 2019 }, v2[] = { 3, 2 };
	eval(&s, t2, v2, 2, &r);
	NEAR(r.required, 0);
	assert_true(r.capped);
}

/* Example 13: due 2015 in a 2017–2020 plan: the base (2016) is after the
 * due year, so g* has no span; the trend is judged instead. */
static void example13_due_before_base(void **state)
{
	struct qc_goal_spec s = spec(QC_OP_GE, 98, "%", 2015);
	struct qc_progress_result r;
	double t[] = { 2016, 2019 }, v[] = { 90, 95 };
	(void)state;
	eval(&s, t, v, 2, &r);
	NEAR(r.base_t, 2016);
	NEAR(r.due_t, 2015);
	assert_true(r.trend);
	assert_false(r.has_ratio);
	NEAR(r.growth, 0.018186);
	/* ≥ 1.5 % a year, but the due year has passed: not on track. */
	assert_int_equal(r.status, QC_PROGRESS_ACCELERATION);
	assert_non_null(strstr(r.reason, "not after the base 2016"));
	assert_non_null(strstr(r.reason, "+1.82% a year"));
	v[1] = 91; /* +0.3690 % */
	eval(&s, t, v, 2, &r);
	assert_int_equal(r.status, QC_PROGRESS_LIMITED);
	/* A growth of thousands of % a year is written out, never as
	 * +2.05e+03 (%+.3g). */
	struct qc_goal_spec big = spec(QC_OP_GE, 1e6, "亿元", 2015);
	double vb[] = { 10, 100000 };
	eval(&big, t, vb, 2, &r);
	assert_non_null(strstr(r.reason, "+2054% a year"));
	assert_null(strstr(r.reason, "e+"));
	v[1] = 89;
	eval(&s, t, v, 2, &r);
	assert_int_equal(r.status, QC_PROGRESS_DETERIORATING);
	v[1] = 98;
	eval(&s, t, v, 2, &r);
	assert_int_equal(r.status, QC_PROGRESS_MET);
	/* Due in the base year itself: the same. */
	s = spec(QC_OP_GE, 98, "%", 2016);
	v[1] = 95;
	eval(&s, t, v, 2, &r);
	assert_true(r.trend);
	assert_int_equal(r.status, QC_PROGRESS_ACCELERATION);
	/* Due after the base: the reason names g* of the document formula,
	 * (98/90)^(1/(2020 − 2016)) − 1 = +2.15 %. */
	s = spec(QC_OP_GE, 98, "%", 2020);
	eval(&s, t, v, 2, &r);
	assert_false(r.trend);
	assert_non_null(strstr(r.reason, "needs +2.15%"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(periods),
		cmocka_unit_test(example1_ge),
		cmocka_unit_test(example2_le),
		cmocka_unit_test(example3_count),
		cmocka_unit_test(example4_previous_year),
		cmocka_unit_test(example5_decrease),
		cmocka_unit_test(example6_annual_growth),
		cmocka_unit_test(example7_zero),
		cmocka_unit_test(example8_bands),
		cmocka_unit_test(example9_zero_base),
		cmocka_unit_test(example10_trend_only),
		cmocka_unit_test(example11_thresholds),
		cmocka_unit_test(example12_capped),
		cmocka_unit_test(example13_due_before_base),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
