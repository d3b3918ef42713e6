/* Listing sampling results (src/lib/registry/sampling_list.c): filters by
 * region subtree, year and verdict, newest first, with a limit. */
#include "testutil.h"
#include "qcity/sampling.h"
#include "qcity/uscc.h"

static void load(struct qc_store *s, const char *region, const char *csv)
{
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = region, .level = "市" };
	enum qc_rc rc = qc_sampling_import(s, csv, strlen(csv), "s.csv", &o,
					   "t", &rep, &err);
	qc_sampling_report_release(&rep);
	if (rc)
		fail_msg("import: %s", err.msg);
}

static void filters_and_order(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sample_list l;

	load(f->s, "桃山区",
	     "产品名称,生产企业名称,抽样日期,检验结论,不合格项目,检验机构\n"
	     "水泥,甲厂,2022-03-01,合格,/,市质检所\n"
	     "钢筋,甲厂,2023-04-01,不合格,屈服强度,市质检所\n"
	     "水泥,乙厂,2023-05-01,合格,/,省质检院\n");
	load(f->s, "230902",
	     "产品名称,生产企业名称,抽样日期,检验结论\n"
	     "电线,丙厂,2023-06-01,不合格\n");

	/* Everything, newest first. */
	assert_int_equal(qc_sampling_list(f->s, NULL, 0, false, 0, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].sampled_on, "2023-06-01");
	assert_string_equal(l.v[0].region, "230902");
	assert_string_equal(l.v[3].sampled_on, "2022-03-01");
	assert_string_equal(l.v[1].enterprise, "乙厂");
	assert_string_equal(l.v[1].testing_body, "省质检院");
	assert_true(l.v[1].passed);
	assert_string_equal(l.v[1].level, "municipal");
	qc_sample_list_release(&l);

	/* A county: only its own. */
	assert_int_equal(qc_sampling_list(f->s, "桃山区", 0, false, 0, &l,
					  &err),
			 QC_OK);
	assert_int_equal(l.n, 3);
	for (size_t i = 0; i < l.n; i++)
		assert_string_equal(l.v[i].region, "230903");
	qc_sample_list_release(&l);
	/* The prefecture covers its counties. */
	assert_int_equal(qc_sampling_list(f->s, "七台河市", 2023, false, 0, &l,
					  &err),
			 QC_OK);
	assert_int_equal(l.n, 3);
	qc_sample_list_release(&l);
	/* Only unqualified, of one year. */
	assert_int_equal(qc_sampling_list(f->s, "七台河市", 2023, true, 0, &l,
					  &err),
			 QC_OK);
	assert_int_equal(l.n, 2);
	assert_false(l.v[0].passed);
	assert_string_equal(l.v[1].product, "钢筋");
	assert_string_equal(l.v[1].failed_items, "屈服强度");
	qc_sample_list_release(&l);
	/* A limit; another province; a year with none. */
	assert_int_equal(qc_sampling_list(f->s, NULL, 0, false, 1, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].enterprise, "丙厂");
	qc_sample_list_release(&l);
	assert_int_equal(qc_sampling_list(f->s, "中卫市", 0, false, 0, &l,
					  &err),
			 QC_OK);
	assert_int_equal(l.n, 0);
	qc_sample_list_release(&l);
	assert_int_equal(qc_sampling_list(f->s, NULL, 2021, false, 0, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 0);
	qc_sample_list_release(&l);
	/* A region nobody knows is an error, not an empty list. */
	assert_int_equal(qc_sampling_list(f->s, "火星", 0, false, 0, &l, &err),
			 QC_ENOTFOUND);
	assert_int_equal(l.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(filters_and_order,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
