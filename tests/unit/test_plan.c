/* Plan model: validation, plan JSON in and out, target descriptions. */
#include "testutil.h"
#include "qcity/plan.h"
#include "qcity/strbuf.h"

static const char *good =
	"{\"format\": \"qcity-plan/1\","
	" \"plan\": {\"title\": \"T\", \"doc_number\": \"七政办规〔2018〕1号\","
	"  \"issue_date\": \"2018-01-02\", \"region\": {\"code\": \"230900\"},"
	"  \"period\": {\"start\": 2017, \"end\": 2020}},"
	" \"goals\": [{\"key\": \"g1\", \"domain\": \"product\", \"name\": \"产品质量目标\", \"line\": 15}],"
	" \"targets\": ["
	"  {\"goal\": \"g1\", \"line\": 16, \"indicator\": \"产品质量监督抽查合格率\","
	"   \"op\": \">=\", \"value\": 98, \"unit\": \"%\", \"year\": 2020,"
	"   \"owners\": [\"市市场监管局\"]},"
	"  {\"line\": 25, \"indicator\": \"省级名牌服务企业\", \"op\": \"between\","
	"   \"value\": 2, \"value_max\": 3, \"unit\": \"个\"},"
	"  {\"line\": 17, \"indicator\": \"食品抽检合格率\", \"op\": \"increase\","
	"   \"value\": 2, \"unit\": \"pp\", \"baseline\": {\"ref\": \"previous_year\"},"
	"   \"owners_detail\": [{\"written\": \"科技局\", \"unit\": \"区科技局\", \"role\": \"co\"}]},"
	"  {\"line\": 17, \"indicator\": \"重大食品安全事故\", \"op\": \"zero\"}],"
	" \"phases\": [{\"key\": \"p1\", \"name\": \"制定方案\", \"start\": \"2014-02-01\", \"end\": \"2014-05-31\"}],"
	" \"tasks\": [{\"key\": \"三\", \"title\": \"工作措施\"},"
	"  {\"key\": \"三.(一)\", \"parent\": \"三\", \"phase\": \"p1\", \"due\": \"2018-12-31\","
	"   \"owners\": [\"市市场监管局\"], \"co_owners\": [\"市统计局\"]}],"
	" \"reporting\": [{\"kind\": \"monthly\"}, {\"kind\": \"half_year\", \"grace_days\": 20}],"
	" \"assessment\": [{\"text\": \"年度绩效考评\", \"line\": 64}]}";

static void parses_everything(void **state)
{
	(void)state;
	struct qc_plan p;
	struct qc_error err = { 0 };

	assert_int_equal(qc_plan_from_json(&p, good, strlen(good), &err),
			 QC_OK);
	assert_string_equal(p.doc_number, "七政办规〔2018〕1号");
	assert_int_equal(p.n_targets, 4);
	assert_int_equal(p.targets[0].op, QC_OP_GE);
	assert_true(p.targets[0].has_value);
	assert_int_equal(p.targets[1].op, QC_OP_BETWEEN);
	assert_true(p.targets[1].value_max == 3);
	assert_true(p.targets[2].baseline_previous);
	assert_int_equal(p.targets[2].owners.v[0].role, QC_ROLE_CO);
	assert_string_equal(p.targets[2].owners.v[0].unit, "区科技局");
	assert_false(p.targets[3].has_value);
	assert_int_equal(p.tasks[1].owners.n, 2);
	assert_int_equal(p.tasks[1].owners.v[1].role, QC_ROLE_CO);
	assert_int_equal(p.duties[0].grace_days, 10); /* default monthly */
	assert_int_equal(p.duties[1].grace_days, 20);
	qc_plan_release(&p);
}

static void round_trip_is_stable(void **state)
{
	(void)state;
	struct qc_plan a, b;
	struct qc_error err = { 0 };

	assert_int_equal(qc_plan_from_json(&a, good, strlen(good), &err),
			 QC_OK);
	char *j1 = qc_plan_to_json(&a);
	assert_int_equal(qc_plan_from_json(&b, j1, strlen(j1), &err), QC_OK);
	char *j2 = qc_plan_to_json(&b);
	assert_string_equal(j1, j2);
	/* The scorer reads owners as plain strings. */
	assert_non_null(strstr(j1, "\"owners\": [\n        \"市市场监管局\""));
	free(j1);
	free(j2);
	qc_plan_release(&a);
	qc_plan_release(&b);
}

/* Each broken document must fail naming the element and the reason. */
static void errors_name_the_field(void **state)
{
	(void)state;
	static const struct {
		const char *json, *expect;
	} cases[] = {
		{ "{\"plan\": {\"title\": \"T\"}, \"targets\": [{\"indicator\": \"x\","
		  " \"op\": \"between\", \"value\": 2}]}",
		  "targets[0].value_max" },
		{ "{\"plan\": {\"title\": \"T\"}, \"targets\": [{\"indicator\": \"x\","
		  " \"op\": \">>\", \"value\": 2}]}",
		  "targets[0].op" },
		{ "{\"plan\": {\"title\": \"T\"}, \"targets\": [{\"indicator\": \"x\","
		  " \"op\": \">=\", \"value\": \"98%\"}]}",
		  "targets[0].value" },
		{ "{\"plan\": {\"title\": \"T\"}, \"targets\": [{\"indicator\": \"x\","
		  " \"op\": \">=\"}]}",
		  "targets[0].value" },
		{ "{\"plan\": {\"title\": \"T\", \"issue_date\": \"2018-02-30\"}}",
		  "plan.issue_date" },
		{ "{\"plan\": {\"title\": \"T\", \"region\": {\"code\": \"2309\"}}}",
		  "plan.region.code" },
		{ "{\"plan\": {\"title\": \"T\"}, \"tasks\": [{\"key\": \"a.b\","
		  " \"parent\": \"a\"}]}",
		  "tasks[0].parent" },
		{ "{\"plan\": {\"title\": \"T\"}, \"tasks\": [{\"key\": \"a\"},"
		  " {\"key\": \"a\"}]}",
		  "tasks[1].key" },
		{ "{\"plan\": {}}", "plan.title" },
		{ "{\"plan\": {\"title\": \"T\"}, \"targets\": {}}",
		  "targets" },
		{ "{\"format\": \"other/2\", \"plan\": {\"title\": \"T\"}}",
		  "format" },
		{ "{\"plan\": {\"title\": \"T\"},}", "line 1" },
		{ "[1]", "JSON object" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct qc_plan p;
		struct qc_error err = { 0 };
		assert_int_not_equal(qc_plan_from_json(&p, cases[i].json,
						       strlen(cases[i].json),
						       &err),
				     QC_OK);
		if (!strstr(err.msg, cases[i].expect))
			fail_msg("case %zu: '%s' does not mention '%s'", i,
				 err.msg, cases[i].expect);
		qc_plan_release(&p);
	}
}

static void describe_reads_like_the_plan(void **state)
{
	(void)state;
	struct qc_buf b;
	struct qc_target t = { .op = QC_OP_LE, .value = 2.7, .unit = "‰" };
	qc_buf_init(&b, 0);
	qc_target_describe(&t, &b);
	assert_string_equal(qc_buf_str(&b), "≤ 2.7‰");
	qc_buf_reset(&b);
	t = (struct qc_target){
		.op = QC_OP_BETWEEN, .value = 2, .value_max = 3, .unit = "个"
	};
	qc_target_describe(&t, &b);
	assert_string_equal(qc_buf_str(&b), "2–3 个");
	qc_buf_reset(&b);
	t = (struct qc_target){ .op = QC_OP_DECREASE,
				.value = 13,
				.unit = "%",
				.has_value = true,
				.baseline_year = 2010 };
	qc_target_describe(&t, &b);
	assert_string_equal(qc_buf_str(&b), "−13% against 2010");
	qc_buf_reset(&b);
	/* A change of a rate in percentage points: the words, not the
	 * stored code (pp). */
	t = (struct qc_target){ .op = QC_OP_INCREASE,
				.value = 2,
				.unit = "pp",
				.has_value = true,
				.baseline_previous = true };
	qc_target_describe(&t, &b);
	assert_string_equal(qc_buf_str(&b),
			    "+2 percentage points over the previous year");
	qc_buf_reset(&b);
	t = (struct qc_target){ .op = QC_OP_DECREASE,
				.value = 13,
				.unit = "%",
				.has_value = true,
				.baseline_year = 2010 };
	/* 下降 without a number: a direction only. */
	t.has_value = false;
	qc_target_describe(&t, &b);
	assert_string_equal(qc_buf_str(&b), "down (no level set)");
	qc_buf_reset(&b);
	t = (struct qc_target){ .op = QC_OP_LE, .value = 2.6, .unit = "ratio" };
	qc_target_describe(&t, &b);
	assert_string_equal(qc_buf_str(&b), "≤ 2.6:1");
	qc_buf_release(&b);
}

static void op_names_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < QC_OP__COUNT; i++) {
		enum qc_op op;
		assert_true(qc_op_parse(qc_op_name((enum qc_op)i), &op));
		assert_int_equal(op, i);
	}
	enum qc_op op;
	assert_false(qc_op_parse("≥", &op));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_everything),
		cmocka_unit_test(round_trip_is_stable),
		cmocka_unit_test(errors_name_the_field),
		cmocka_unit_test(describe_reads_like_the_plan),
		cmocka_unit_test(op_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
