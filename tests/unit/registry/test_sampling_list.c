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

/* The list as plain SQL orders it (the oracle of merge_pages): every
 * result, newest date first, then the newest id. */
struct ref {
	int64_t id;
	char date[11];
	char region[7];
	bool passed;
};

static size_t reference(struct qc_store *s, struct ref *v, size_t max)
{
	struct qc_error err = { 0 };
	struct qc_stmt *st;
	size_t n = 0;
	assert_int_equal(qc_stmt_prepare(s,
					 "SELECT id, sampled_on, region_code,"
					 " passed FROM sampling_results ORDER"
					 " BY sampled_on DESC, id DESC",
					 &st, &err),
			 QC_OK);
	while (qc_stmt_next(st, &err) == QC_ROW) {
		assert_true(n < max);
		v[n].id = qc_stmt_int(st, 0);
		snprintf(v[n].date, sizeof(v[n].date), "%s",
			 qc_stmt_text(st, 1));
		snprintf(v[n].region, sizeof(v[n].region), "%s",
			 qc_stmt_text(st, 2));
		v[n].passed = qc_stmt_int(st, 3) != 0;
		n++;
	}
	qc_stmt_free(st);
	return n;
}

/* Every page of q, one after the other, against the oracle's rows of
 * the same filters (region code prefix, year, verdict). */
static void walk_pages(struct qc_store *s, struct qc_sample_query *q,
		       const char *prefix, const struct ref *all, size_t n_all)
{
	struct qc_error err = { 0 };
	struct ref want[32];
	size_t n_want = 0, seen = 0;
	char year[8], date[16];

	snprintf(year, sizeof(year), "%d", q->year);
	for (size_t i = 0; i < n_all; i++)
		if (!strncmp(all[i].region, prefix, strlen(prefix)) &&
		    (!q->year || !strncmp(all[i].date, year, 4)) &&
		    (!q->failed_only || !all[i].passed))
			want[n_want++] = all[i];
	for (int pages = 0;; pages++) {
		struct qc_sample_list page;
		assert_true(pages <= 20);
		assert_int_equal(qc_sampling_list_page(s, q, &page, &err),
				 QC_OK);
		if (!page.n) {
			qc_sample_list_release(&page);
			break;
		}
		assert_true(page.n <= (size_t)q->limit);
		for (size_t i = 0; i < page.n; i++, seen++) {
			if (seen >= n_want || page.v[i].id != want[seen].id) {
				fail_msg("region %s year %d failed %d limit "
					 "%d: row %zu is %lld",
					 prefix, q->year, q->failed_only,
					 q->limit, seen,
					 (long long)page.v[i].id);
				abort();
			}
			assert_string_equal(page.v[i].sampled_on,
					    want[seen].date);
		}
		/* A page short of the limit is the last. */
		if (page.n < (size_t)q->limit)
			assert_int_equal(seen, n_want);
		snprintf(date, sizeof(date), "%s",
			 page.v[page.n - 1].sampled_on);
		q->before_date = date;
		q->before_id = page.v[page.n - 1].id;
		qc_sample_list_release(&page);
	}
	assert_int_equal(seen, n_want);
	q->before_date = NULL;
}

/* Pages smaller than the number of counties holding results, so that
 * the PostgreSQL walk bounds its reads by the limit-th newest county
 * (sampling_list.c, PG_WALK): one county holding all of the newest
 * results, dates repeated across counties (the id decides), a county
 * with nothing in the year, failures only in some counties; every page
 * of every size, region, year and verdict must give the oracle's rows
 * in its order, none twice. */
static void merge_pages(void **state)
{
	struct fixture *f = *state;
	const char *head = "产品名称,生产企业名称,抽样日期,检验结论\n";
	struct {
		const char *county, *rows;
	} loads[] = {
		{ "230902", "水泥,甲厂,2023-06-01,合格\n钢筋,甲厂,2023-06-01,"
			    "不合格\n水泥,乙厂,2023-05-01,合格\n" },
		{ "440705", "电线,丁厂,2023-07-01,合格\n电线,丁厂,2023-07-01,"
			    "合格\n电线,戊厂,2023-07-02,不合格\n" },
		{ "230903", "水泥,丙厂,2023-06-01,不合格\n水泥,丙厂,2021-01-"
			    "01,合格\n" },
		{ "230902", "水泥,甲厂,2023-06-01,合格\n钢筋,乙厂,2022-12-31,"
			    "不合格\n水泥,乙厂,2023-05-01,合格\n" },
		{ "640502", "枸杞,己厂,2022-06-01,不合格\n枸杞,己厂,2022-06-"
			    "01,不合格\n枸杞,庚厂,2022-06-02,合格\n" },
		{ "440705", "电线,丁厂,2023-07-01,合格\n电线,戊厂,2023-07-02,"
			    "合格\n电线,戊厂,2023-06-01,不合格\n" },
		{ "230903", "水泥,丙厂,2023-06-01,合格\n" },
	};
	for (size_t i = 0; i < sizeof(loads) / sizeof(loads[0]); i++) {
		struct qc_buf csv;
		qc_buf_init(&csv, 0);
		qc_buf_adds(&csv, head);
		qc_buf_adds(&csv, loads[i].rows);
		load(f->s, loads[i].county, qc_buf_str(&csv));
		qc_buf_release(&csv);
	}
	/* PostgreSQL: rewrite the rows so that the table's order is not the
	 * ids' (as after deletes and reused space): an index scan then
	 * gives one date's results in no particular id order, and a walk
	 * that cut a county's date short would lose the newest ids. */
	if (test_pg())
		exec_ok(f->s,
			"BEGIN; SET LOCAL session_replication_role = replica;"
			" CREATE TEMP TABLE shuffled AS SELECT * FROM"
			" sampling_results; DELETE FROM sampling_results;"
			" INSERT INTO sampling_results SELECT * FROM shuffled"
			" ORDER BY id % 3, id; DROP TABLE shuffled; COMMIT");
	struct ref all[32];
	size_t n_all = reference(f->s, all, 32);
	assert_int_equal(n_all, 18);
	/* The oracle's own order: dates repeat, ids break the ties. */
	assert_string_equal(all[0].date, "2023-07-02");
	assert_string_equal(all[2].date, "2023-07-01");

	const char *regions[] = { NULL, "230000", "七台河市", "440705" };
	const char *prefix[] = { "", "23", "2309", "440705" };
	const int years[] = { 0, 2023, 2022 };
	for (size_t g = 0; g < 4; g++)
		for (size_t y = 0; y < 3; y++)
			for (int failed = 0; failed < 2; failed++)
				for (int limit = 1; limit <= 5; limit++) {
					struct qc_sample_query q = {
						.region = regions[g],
						.year = years[y],
						.failed_only = failed,
						.limit = limit
					};
					walk_pages(f->s, &q, prefix[g], all,
						   n_all);
				}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(filters_and_order,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(pages, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(merge_pages, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
