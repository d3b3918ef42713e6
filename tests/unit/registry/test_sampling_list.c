/* Listing sampling results (src/lib/registry/sampling_list.c): filters by
 * region subtree, year and verdict, newest first, with a limit, and pages
 * by keyset. */
#include "testutil.h"
#include "qcity/sampling.h"
#include "qcity/strbuf.h"
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

/* Pages of 7 (keyset: the last row of a page is the cursor of the next)
 * give exactly the whole list, in its order, however the dates repeat
 * and the rows interleave across counties. */
static void pages(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sample_list all, page;
	struct qc_buf csv;
	const char *counties[] = { "230903", "230902", "640502" };

	for (int c = 0; c < 3; c++) {
		qc_buf_init(&csv, 0);
		qc_buf_adds(&csv, "产品名称,生产企业名称,抽样日期,检验结论\n");
		for (int i = 0; i < 12; i++)
			qc_buf_addf(&csv, "水泥,厂%d,2023-0%d-1%d,%s\n", i,
				    1 + (i * 7 + c) % 9, i % 3,
				    (i + c) % 4 ? "合格" : "不合格");
		load(f->s, counties[c], qc_buf_str(&csv));
		qc_buf_release(&csv);
	}
	for (int failed = 0; failed < 2; failed++) {
		struct qc_sample_query q = { .limit = 100,
					     .failed_only = failed };
		size_t seen = 0;
		char date[16] = "";
		assert_int_equal(qc_sampling_list_page(f->s, &q, &all, &err),
				 QC_OK);
		assert_int_equal(all.n, failed ? 9 : 36);
		q.limit = 7;
		for (;;) {
			assert_int_equal(qc_sampling_list_page(f->s, &q, &page,
							       &err),
					 QC_OK);
			if (!page.n)
				break;
			assert_true(page.n <= 7);
			for (size_t i = 0; i < page.n; i++) {
				assert_true(seen < all.n);
				assert_int_equal(page.v[i].id, all.v[seen].id);
				if (failed)
					assert_false(page.v[i].passed);
				seen++;
			}
			snprintf(date, sizeof(date), "%s",
				 page.v[page.n - 1].sampled_on);
			q.before_date = date;
			q.before_id = page.v[page.n - 1].id;
			qc_sample_list_release(&page);
		}
		qc_sample_list_release(&page);
		assert_int_equal(seen, all.n);
		/* Newest first, then the newest id. */
		for (size_t i = 1; i < all.n; i++) {
			int c = strcmp(all.v[i - 1].sampled_on,
				       all.v[i].sampled_on);
			assert_true(c > 0 ||
				    (c == 0 && all.v[i - 1].id > all.v[i].id));
		}
		qc_sample_list_release(&all);
	}
	/* One county, a page from the middle of its list. */
	struct qc_sample_query q = { .region = "230902", .limit = 100 };
	assert_int_equal(qc_sampling_list_page(f->s, &q, &all, &err), QC_OK);
	assert_int_equal(all.n, 12);
	q.before_date = all.v[4].sampled_on;
	q.before_id = all.v[4].id;
	q.limit = 3;
	assert_int_equal(qc_sampling_list_page(f->s, &q, &page, &err), QC_OK);
	assert_int_equal(page.n, 3);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(page.v[i].id, all.v[5 + i].id);
	qc_sample_list_release(&page);
	qc_sample_list_release(&all);

	/* The cursor as the faces take it. */
	char date[11];
	struct qc_sample_query c = { 0 };
	assert_true(qc_sample_cursor_parse("2023-05-01,42", date, &c));
	assert_string_equal(c.before_date, "2023-05-01");
	assert_int_equal(c.before_id, 42);
	assert_false(qc_sample_cursor_parse("2023-05-01", date, &c));
	assert_false(qc_sample_cursor_parse("2023-5-1,42", date, &c));
	assert_false(qc_sample_cursor_parse("2023-05-01,x", date, &c));
	assert_false(qc_sample_cursor_parse("2023-05-01,0", date, &c));
	assert_false(qc_sample_cursor_parse(NULL, date, &c));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(filters_and_order,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(pages, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
