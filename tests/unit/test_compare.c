/* Comparing plans (src/lib/model/compare.c): for each catalogue indicator,
 * the target each stored plan sets; indicators outside the catalogue are
 * left out, the most widely targeted come first. */
#include "testutil.h"
#include "qcity/catalog.h"
#include "qcity/indicator.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"

static long long import(struct qc_store *s, const char *json)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id;
	if (qc_plan_from_json(&p, json, strlen(json), &err))
		fail_msg("plan: %s", err.msg);
	if (qc_plan_import(s, &p, false, "t", &id, &err))
		fail_msg("import: %s", err.msg);
	qc_plan_release(&p);
	return id;
}

static void targets_side_by_side(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_catalog c;
	struct qc_compare cmp;
	const char *dir = getenv("QCITY_DATA");
	char path[512];

	snprintf(path, sizeof(path), "%s/indicators.json", dir ? dir : "data");
	assert_int_equal(qc_catalog_load(&c, path, &err), QC_OK);
	assert_int_equal(qc_indicator_sync(f->s, &c, &err), QC_OK);
	qc_catalog_release(&c);

	/* Nothing stored yet: nothing to compare. */
	assert_int_equal(qc_plan_compare(f->s, &cmp, &err), QC_OK);
	assert_int_equal(cmp.n, 0);
	qc_compare_release(&cmp);

	long long a = import(
		f->s,
		"{\"plan\": {\"title\": \"市方案\", \"region\": {\"code\": \"230900\"}},"
		" \"targets\": ["
		"  {\"indicator\": \"抽查合格率\", \"canonical\": \"产品质量监督抽查合格率\","
		"   \"op\": \">=\", \"value\": 96, \"unit\": \"%\", \"year\": 2018},"
		"  {\"indicator\": \"抽查合格率\", \"canonical\": \"产品质量监督抽查合格率\","
		"   \"op\": \">=\", \"value\": 98, \"unit\": \"%\", \"year\": 2020},"
		"  {\"indicator\": \"森林覆盖率\", \"canonical\": \"森林覆盖率\","
		"   \"op\": \">=\", \"value\": 48, \"unit\": \"%\", \"year\": 2020}]}");
	long long b = import(
		f->s,
		"{\"plan\": {\"title\": \"区方案\", \"region\": {\"code\": \"230903\"}},"
		" \"targets\": ["
		"  {\"indicator\": \"合格率\", \"canonical\": \"产品质量监督抽查合格率\","
		"   \"op\": \"between\", \"value\": 95, \"value_max\": 97, \"unit\": \"%\","
		"   \"year\": 2020},"
		"  {\"indicator\": \"自拟指标\", \"op\": \">=\", \"value\": 3,"
		"   \"unit\": \"个\", \"year\": 2020}]}");

	/* A plan's own name links to the catalogue as proposed; the office
	 * confirms it before plans are compared through it (issue 11). */
	assert_int_equal(qc_plan_compare(f->s, &cmp, &err), QC_OK);
	assert_int_equal(cmp.n, 1); /* only 森林覆盖率, by its own name */
	qc_compare_release(&cmp);
	assert_int_equal(qc_indicator_link(f->s, "抽查合格率",
					   "产品质量监督抽查合格率", "t", &err),
			 QC_OK);
	assert_int_equal(qc_indicator_link(f->s, "合格率",
					   "产品质量监督抽查合格率", "t", &err),
			 QC_OK);
	assert_int_equal(qc_plan_compare(f->s, &cmp, &err), QC_OK);
	assert_int_equal(cmp.n, 2); /* 自拟指标 is not in the catalogue */
	/* Set by two plans: first. */
	const struct qc_compare_row *r = &cmp.v[0];
	assert_string_equal(r->indicator, "产品质量监督抽查合格率");
	assert_int_equal(r->n_plans, 2);
	assert_int_equal(r->n, 3);
	assert_int_equal(r->v[0].plan_id, a);
	assert_int_equal(r->v[1].plan_id, a);
	assert_int_equal(r->v[0].target.year, 2018);
	assert_true(r->v[1].target.value == 98);
	assert_string_equal(r->v[0].region, "七台河市");
	assert_string_equal(r->v[0].title, "市方案");
	assert_int_equal(r->v[2].plan_id, b);
	assert_string_equal(r->v[2].region, "桃山区");
	assert_string_equal(r->v[2].target.indicator,
			    "合格率"); /* as written */
	assert_int_equal(r->v[2].target.op, QC_OP_BETWEEN);
	assert_true(r->v[2].target.has_value_max);
	assert_true(r->v[2].target.value_max == 97);
	assert_string_equal(r->v[2].target.unit, "%");
	r = &cmp.v[1];
	assert_string_equal(r->indicator, "森林覆盖率");
	assert_int_equal(r->n_plans, 1);
	assert_int_equal(r->n, 1);
	assert_false(r->v[0].target.has_value_max);
	qc_compare_release(&cmp);
	assert_int_equal(cmp.n, 0);
	assert_null(cmp.v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(targets_side_by_side,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
