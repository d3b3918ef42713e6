/* Writing sampling results (src/lib/registry/sampling_write.c): rows in
 * batches (SQLite) or staged with COPY (PostgreSQL) must leave exactly
 * what a row-by-row import would: one enterprise per code or per name in
 * a region, a follow-up per unqualified result, counts that sum to the
 * results, and a sample number twice in a file refused as a row. */
#include "testutil.h"
#include "qcity/sampling.h"
#include "qcity/strbuf.h"

static enum qc_rc load(struct qc_store *s, const char *csv, bool skip_bad,
		       struct qc_sampling_report *rep, struct qc_error *err)
{
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .skip_bad = skip_bad };
	return qc_sampling_import(s, csv, strlen(csv), "w.csv", &o, "t", rep,
				  err);
}

static long long get_int(struct qc_store *s, const char *sql)
{
	int64_t v = -1;
	bool found = false;
	assert_int_equal(qc_store_get_int(s, sql, NULL, 0, &v, &found, NULL),
			 QC_OK);
	assert_true(found);
	return v;
}

/* 100 rows (more than a batch) over two counties: 10 enterprises with a
 * credit code, 5 without (found by name within their county), every 7th
 * row unqualified; then the same file again. */
static void many_rows(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_buf csv;
	int failed = 0;

	qc_buf_init(&csv, 0);
	qc_buf_adds(&csv, "产品名称,生产企业名称,所在地,抽样日期,检验结论,"
			  "不合格项目\n");
	for (int i = 0; i < 100; i++) {
		bool bad = i % 7 == 0;
		failed += bad;
		qc_buf_addf(&csv, "%s,%s%d,%s,2023-0%d-1%d,%s,%s\n",
			    i % 2 ? "水泥" : "电线电缆",
			    i % 3 ? "甲厂" : "乙厂", i % 5,
			    i % 4 ? "桃山区" : "230902", 1 + i % 9, i % 10,
			    bad ? "不合格" : "合格", bad ? "标志" : "/");
	}
	struct qc_sampling_import_opts o = {
		.region = "七台河市",
		.level = "市",
		.map = (const char *const[]){ "region=所在地" },
		.n_map = 1,
	};
	assert_int_equal(qc_sampling_import(f->s, qc_buf_str(&csv),
					    qc_buf_len(&csv), "m.csv", &o, "t",
					    &rep, &err),
			 QC_OK);
	assert_int_equal(rep.imported, 100);
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 100);
	assert_int_equal(count_rows(f->s, "sampling_followups"), failed);
	/* Name × county: 甲厂/乙厂 with 5 suffixes, in 2 counties, as the
	 * rows combine them. */
	long long ents = get_int(f->s, "SELECT COUNT(*) FROM (SELECT DISTINCT"
				       " enterprise_name, region_code FROM"
				       " sampling_results) x");
	assert_int_equal(count_rows(f->s, "enterprises"), ents);
	/* Every result names its enterprise and county. */
	assert_int_equal(get_int(f->s, "SELECT COUNT(*) FROM sampling_results r"
				       " JOIN enterprises e ON e.id ="
				       " r.enterprise_id WHERE e.name ="
				       " r.enterprise_name AND e.region_code ="
				       " r.region_code"),
			 100);
	/* Follow-ups belong to the unqualified results, dated as sampled. */
	assert_int_equal(get_int(f->s, "SELECT COUNT(*) FROM sampling_followups"
				       " fu JOIN sampling_results r ON r.id ="
				       " fu.result_id WHERE r.passed = 0 AND"
				       " fu.notified_on = r.sampled_on"),
			 failed);
	assert_int_equal(get_int(f->s, "SELECT SUM(samples) FROM"
				       " sampling_counts"),
			 100);
	assert_int_equal(get_int(f->s, "SELECT SUM(passed) FROM"
				       " sampling_counts"),
			 100 - failed);
	/* Counts per county agree with the results. */
	assert_int_equal(get_int(f->s, "SELECT COUNT(*) FROM sampling_counts c"
				       " WHERE c.samples <> (SELECT COUNT(*)"
				       " FROM sampling_results r WHERE"
				       " r.region_code = c.region_code AND"
				       " r.level = c.level AND"
				       " COALESCE(r.category_id, 0) ="
				       " c.category_id)"),
			 0);

	/* Again: the enterprises are found, the counts add up. */
	assert_int_equal(qc_sampling_import(f->s, qc_buf_str(&csv),
					    qc_buf_len(&csv), "m.csv", &o, "t",
					    &rep, &err),
			 QC_OK);
	qc_sampling_report_release(&rep);
	qc_buf_release(&csv);
	assert_int_equal(count_rows(f->s, "enterprises"), ents);
	assert_int_equal(count_rows(f->s, "sampling_results"), 200);
	assert_int_equal(count_rows(f->s, "sampling_followups"), 2 * failed);
	assert_int_equal(get_int(f->s, "SELECT SUM(samples) FROM"
				       " sampling_counts"),
			 200);
	/* The ids continue: no result shares one with another. */
	assert_int_equal(get_int(f->s, "SELECT COUNT(DISTINCT id) FROM"
				       " sampling_results"),
			 200);
}

/* 300 rows, three batches of the SQLite writer, whose statement keeps
 * its values from one batch to the next and binds again only what
 * changed (a NULL stays bound): a row's spec is empty in even places of
 * one batch and odd places of the next, and stored as its own row
 * says. */
static void nulls_between_batches(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_buf csv;

	qc_buf_init(&csv, 0);
	qc_buf_adds(&csv, "产品名称,规格型号,生产企业名称,抽样日期,检验结论,"
			  "不合格项目\n");
	for (int i = 0; i < 300; i++) {
		bool spec = (i / 128) % 2 == i % 2, bad = i % 3 == 0;
		qc_buf_addf(&csv, "水泥,%s%.0d,甲厂%d,2023-05-1%d,%s,%s\n",
			    spec ? "型号" : "", spec ? i + 1 : 0, i % 4, i % 10,
			    bad ? "不合格" : "合格", bad ? "标志" : "/");
	}
	assert_int_equal(load(f->s, qc_buf_str(&csv), false, &rep, &err),
			 QC_OK);
	qc_sampling_report_release(&rep);
	qc_buf_release(&csv);
	assert_int_equal(count_rows(f->s, "sampling_results"), 300);
	assert_int_equal(
		get_int(f->s,
			"SELECT COUNT(*) FROM (SELECT spec, failed_items, passed,"
			" id - (SELECT MIN(id) FROM sampling_results) AS i"
			" FROM sampling_results) r WHERE COALESCE(spec, '') <>"
			" CASE WHEN (i / 128) % 2 = i % 2 THEN '型号' ||"
			" CAST(i + 1 AS TEXT) ELSE '' END OR (failed_items IS"
			" NULL) <> (i % 3 <> 0) OR passed <> CASE WHEN i % 3 ="
			" 0 THEN 0 ELSE 1 END"),
		0);
}

/* Credit codes: one enterprise per code however its name is written;
 * the first row gives the name. */
static void by_code(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	const char *csv =
		"产品名称,生产企业名称,统一社会信用代码,抽样日期,检验结论\n"
		"电线,某电缆有限公司,91350100M000100Y43,2023-05-01,合格\n"
		"电线,某电缆公司,91350100M000100Y43,2023-05-02,不合格\n"
		"水泥,某水泥厂,914403001922038216,2023-05-03,合格\n";

	assert_int_equal(load(f->s, csv, false, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "enterprises"), 2);
	assert_int_equal(get_int(f->s,
				 "SELECT COUNT(*) FROM enterprises WHERE"
				 " name = '某电缆有限公司' AND verified = 1"),
			 1);
	assert_int_equal(get_int(f->s, "SELECT COUNT(DISTINCT enterprise_id)"
				       " FROM sampling_results"),
			 2);
}

/* A sample number twice in one file: the second row is refused (with
 * --skip-bad, reported), as is one recorded by an earlier import. */
static void sample_twice(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	const char *csv = "样品编号,产品名称,生产企业名称,抽样日期,检验结论\n"
			  "S-1,电线,甲厂,2023-05-01,合格\n"
			  "S-2,电线,乙厂,2023-05-01,合格\n"
			  "S-1,水泥,丙厂,2023-05-02,不合格\n";

	assert_int_equal(load(f->s, csv, false, &rep, &err), QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "S-1"));
	assert_non_null(strstr(err.msg, "line 4"));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 0);
	assert_int_equal(count_rows(f->s, "enterprises"), 0);

	assert_int_equal(load(f->s, csv, true, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 2);
	assert_int_equal(rep.rejected, 1);
	assert_non_null(strstr(qc_buf_str(&rep.rejects), "\"4\""));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 2);
	assert_int_equal(count_rows(f->s, "sampling_followups"), 0);
	assert_int_equal(get_int(f->s, "SELECT SUM(samples) FROM"
				       " sampling_counts"),
			 2);

	/* Recorded already: refused by the reader. */
	const char *again = "样品编号,产品名称,生产企业名称,抽样日期,检验结论\n"
			    "S-2,电线,乙厂,2023-06-01,合格\n"
			    "S-3,电线,乙厂,2023-06-01,合格\n";
	assert_int_equal(load(f->s, again, true, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 1);
	assert_int_equal(rep.rejected, 1);
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(many_rows, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(nulls_between_batches,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(by_code, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(sample_twice, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
