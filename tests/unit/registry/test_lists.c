/* Red and black list rows from sampling results. */
#include "testutil.h"
#include "qcity/lists.h"
#include "qcity/sampling.h"

static void red_and_black(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "桃山区" };
	struct qc_list l;
	/* 甲: qualified 2021-2023 (red for 3 years); 乙: failed in 2023
	 * (black); 丙: qualified only in 2022-2023 (not red for 3 years). */
	const char *csv =
		"产品名称,生产企业名称,抽样日期,检验结论\n"
		"水泥,甲厂,2021-05-01,合格\n水泥,甲厂,2022-05-01,合格\n"
		"水泥,甲厂,2023-05-01,合格\n水泥,乙厂,2021-05-01,合格\n"
		"水泥,乙厂,2022-05-01,合格\n水泥,乙厂,2023-05-01,不合格\n"
		"钢筋,乙厂,2023-06-01,不合格\n水泥,丙厂,2022-05-01,合格\n"
		"水泥,丙厂,2023-05-01,合格\n";

	assert_int_equal(qc_sampling_import(f->s, csv, strlen(csv), "l.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	qc_sampling_report_release(&rep);
	assert_int_equal(qc_black_rows(f->s, "七台河市", 2023, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "乙厂");
	assert_int_equal(l.v[0].failed, 2);
	assert_string_equal(l.v[0].products, "水泥、钢筋");
	qc_list_release(&l);
	assert_int_equal(qc_red_rows(f->s, "七台河市", 2023, 3, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "甲厂");
	qc_list_release(&l);
	assert_int_equal(qc_red_rows(f->s, "七台河市", 2023, 2, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 2); /* 甲 and 丙 */
	qc_list_release(&l);
	assert_int_equal(qc_black_rows(f->s, "广东省", 2023, &l, &err), QC_OK);
	assert_int_equal(l.n, 0);
	qc_list_release(&l);
	assert_int_equal(qc_red_rows(f->s, "七台河市", 2023, 0, &l, &err),
			 QC_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(red_and_black, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
