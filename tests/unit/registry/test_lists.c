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

/* The failed products of each black row (read for a whole page in one
 * statement on PostgreSQL): each row its own enterprise's, distinct and
 * in order, only failures, only of the year; the same rows whether the
 * list is read whole or a page at a time. */
static void black_products(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "桃山区" };
	struct qc_list all, page;
	const char *csv =
		"产品名称,生产企业名称,抽样日期,检验结论\n"
		"水泥,甲厂,2023-05-01,不合格\n钢筋,甲厂,2023-06-01,不合格\n"
		"水泥,甲厂,2023-07-01,不合格\n电线,甲厂,2023-07-01,合格\n"
		"砖,甲厂,2022-07-01,不合格\n"
		"电线,乙厂,2023-05-01,不合格\n插座,乙厂,2024-01-01,不合格\n"
		"白酒,丙厂,2023-03-01,不合格\n啤酒,丙厂,2023-03-02,不合格\n"
		"黄酒,丙厂,2023-03-03,不合格\n"
		"水泥,丁厂,2023-05-01,合格\n";
	/* 丙: 3 failures, 甲: 3 (水泥 twice), 乙: 1; 丁 none. */
	const char *names[] = { "丙厂", "甲厂", "乙厂" };
	const char *products[] = { "啤酒、白酒、黄酒", "水泥、钢筋", "电线" };

	assert_int_equal(qc_sampling_import(f->s, csv, strlen(csv), "b.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	qc_sampling_report_release(&rep);
	struct qc_list_query q = { .region = "七台河市", .year = 2023 };
	assert_int_equal(qc_black_page(f->s, &q, &all, &err), QC_OK);
	assert_int_equal(all.n, 3);
	/* 丙 and 甲 both failed 3 times: the newer enterprise first; 乙
	 * last. Each row its own enterprise's products. */
	assert_int_equal(all.v[0].failed, 3);
	assert_int_equal(all.v[1].failed, 3);
	assert_true(all.v[0].enterprise_id > all.v[1].enterprise_id);
	assert_string_equal(all.v[2].name, "乙厂");
	for (size_t i = 0; i < 3; i++) {
		size_t k = 0;
		while (k < 3 && strcmp(names[k], all.v[i].name))
			k++;
		assert_true(k < 3);
		assert_string_equal(all.v[i].products, products[k]);
	}
	/* Pages of one and of two: the same rows, the same products. */
	for (int limit = 1; limit <= 2; limit++) {
		size_t seen = 0;
		q.limit = limit;
		q.after_failed = 0;
		q.after_id = 0;
		for (;;) {
			assert_int_equal(qc_black_page(f->s, &q, &page, &err),
					 QC_OK);
			if (!page.n) {
				qc_list_release(&page);
				break;
			}
			for (size_t i = 0; i < page.n; i++, seen++) {
				assert_true(seen < all.n);
				assert_int_equal(page.v[i].enterprise_id,
						 all.v[seen].enterprise_id);
				assert_string_equal(page.v[i].products,
						    all.v[seen].products);
			}
			q.after_failed = page.v[page.n - 1].failed;
			q.after_id = page.v[page.n - 1].enterprise_id;
			qc_list_release(&page);
		}
		assert_int_equal(seen, all.n);
	}
	qc_list_release(&all);
	/* 2024: 乙 alone, with that year's product only. */
	struct qc_list_query y = { .region = "七台河市", .year = 2024 };
	assert_int_equal(qc_black_page(f->s, &y, &all, &err), QC_OK);
	assert_int_equal(all.n, 1);
	assert_string_equal(all.v[0].products, "插座");
	qc_list_release(&all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(red_and_black, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(black_products, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
