/* Tables as authorities really publish them, made by hand for each class
 * the importer must read (sampling_read.c, sampling_map.c,
 * sampling_row.c): failure-only lists, producer and sampled unit, the
 * enterprise's own region, dates of a quarter, month or year, result
 * literals and grades, ragged rows, empty imports, --map, the level. */
#include "testutil.h"
#include "qcity/sampling.h"
#include "qcity/sampling_parse.h"
#include "qcity/table.h"

static enum qc_rc import(struct fixture *f, const char *csv,
			 const struct qc_sampling_import_opts *o,
			 struct qc_sampling_report *rep, struct qc_error *err)
{
	return qc_sampling_import(f->s, csv, strlen(csv), "t.csv", o, "t", rep,
				  err);
}

static void results_and_grades(void **state)
{
	(void)state;
	static const struct {
		const char *cell;
		int passed;
	} cases[] = {
		{ "合格", 1 },
		{ "P", 1 },
		{ "p", 1 },
		{ "Ｐ", 1 },
		{ "F", 0 },
		{ "不合格", 0 },
		{ "符合", 1 },
		{ "不符合", 0 },
		{ "符合监督抽查要求", 1 },
		{ "不符合GB 2760-2014要求", 0 },
		{ "经抽样检验，所检项目符合GB/T 15063-2020要求。", 1 },
		{ "经抽样检验，所检项目不符合GB 2762要求", 0 },
		{ "通过", 1 },
		{ "不通过", 0 },
		{ "未通过", 0 },
		{ "合格（复检）", 1 },
		{ "不合格（标签）", 0 },
		{ "合格品", -1 },
		{ "优等品", -1 },
		{ "一等品", -1 },
		{ "待定", -1 },
		{ "合格率", -1 },
		{ "未发现不合格", 1 },
		{ "未发现不合 格", 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (qc_sampling_parse_result(cases[i].cell) !=
		    cases[i].passed) {
			fail_msg("'%s': expected %d", cases[i].cell,
				 cases[i].passed);
			abort();
		}
	assert_true(qc_sampling_is_grade("合格品"));
	assert_true(qc_sampling_is_grade(" 一等品 "));
	assert_false(qc_sampling_is_grade("合格"));
}

static void dates_at_their_precision(void **state)
{
	(void)state;
	static const struct {
		const char *cell, *date;
		enum qc_date_precision prec;
	} cases[] = {
		{ "2023-05-12", "2023-05-12", QC_DATE_DAY },
		{ "2016年4季度", "2016-10-01", QC_DATE_QUARTER },
		{ "2016年第四季度", "2016-10-01", QC_DATE_QUARTER },
		{ "2016年第1季度", "2016-01-01", QC_DATE_QUARTER },
		{ "2016Q3", "2016-07-01", QC_DATE_QUARTER },
		{ "2017年4月", "2017-04-01", QC_DATE_MONTH },
		{ "2017年12月份", "2017-12-01", QC_DATE_MONTH },
		{ "2017-04", "2017-04-01", QC_DATE_MONTH },
		{ "2017/4", "2017-04-01", QC_DATE_MONTH },
		{ "2016年上半年", "2016-01-01", QC_DATE_HALF },
		{ "2016年下半年", "2016-07-01", QC_DATE_HALF },
		{ "2016年", "2016-01-01", QC_DATE_YEAR },
		{ "2016", "2016-01-01", QC_DATE_YEAR },
		{ "２０１６年", "2016-01-01", QC_DATE_YEAR },
	};
	char d[11];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (qc_sampling_parse_when(cases[i].cell, d) != cases[i].prec) {
			fail_msg("'%s': precision", cases[i].cell);
			abort();
		}
		assert_string_equal(d, cases[i].date);
	}
	static const char *const bad[] = { "2017年13月", "2016年5季度",
					   "2016年4",    "1900",
					   "季度",       "abc",
					   "2017-04-31" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (qc_sampling_parse_when(bad[i], d) != QC_DATE_NONE) {
			fail_msg("'%s' read as a date", bad[i]);
			abort();
		}
}

/* A failure-only list says so in its title and has no result column. */
static void failure_only_list(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2019-06-01" };
	const char *csv = "2019年电线电缆产品监督抽查不合格产品名单,,,\n"
			  "序号,产品名称,生产企业名称,不合格项目\n"
			  "1,电线电缆,甲电缆厂,导体电阻\n"
			  "2,电线电缆,乙电缆厂,绝缘厚度\n"
			  "注:1.本表仅列出不合格产品;,,,\n"
			  "2.不合格项目以检验报告为准。,,,\n";

	assert_int_equal(import(f, csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 2);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "every row is a "
							 "failure"));
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM"
					 " sampling_results WHERE passed = 0"),
			 2);
	assert_int_equal(count_rows(f->s, "sampling_followups"), 2);

	/* No title, no failed items: only --all-failed says it. */
	const char *bare = "产品名称,生产企业名称,抽样日期\n"
			   "水泥,丙厂,2019-07-01\n";
	assert_int_equal(import(f, bare, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "--all-failed"));
	qc_sampling_report_release(&rep);
	o.all_failed = true;
	assert_int_equal(import(f, bare, &o, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT passed FROM sampling_results"
					 " WHERE enterprise_name = '丙厂'"),
			 0);

	/* A list of passes, and a table whose failed items decide. */
	o.all_failed = false;
	const char *passes = "2019年合格产品名单,,\n"
			     "产品名称,生产企业名称,抽样日期\n"
			     "水泥,丁厂,2019-08-01\n";
	assert_int_equal(import(f, passes, &o, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	const char *items = "产品名称,生产企业名称,抽样日期,不合格项目\n"
			    "水泥,戊厂,2019-09-01,/\n"
			    "水泥,己厂,2019-09-01,强度\n";
	assert_int_equal(import(f, items, &o, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT passed FROM sampling_results"
					 " WHERE enterprise_name = '丁厂'"),
			 1);
	assert_int_equal(query_int(f->s, "SELECT passed FROM sampling_results"
					 " WHERE enterprise_name = '戊厂'"),
			 1);
	assert_int_equal(query_int(f->s, "SELECT passed FROM sampling_results"
					 " WHERE enterprise_name = '己厂'"),
			 0);
}

/* The producer is the enterprise, the seller its own field; the
 * producer's region is its own, not the sampling authority's. */
static void producer_not_seller(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市" };
	const char *csv =
		"序号,受检单位,产品名称,生产单位,生产单位地址,抽样日期,"
		"检验结论\n"
		"1,七台河某商店,插座,江门某电器有限公司,广东省江门市新兴区"
		"某路1号,2020-05-01,合格\n"
		"2,七台河某超市,插座,某电器厂,江门市某路2号,2020-05-01,"
		"不合格\n"
		"3,七台河某超市,插座,某开关厂,桃山区某路3号,2020-05-01,合格\n";
	char buf[64];

	assert_int_equal(import(f, csv, &o, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "'生产单位' → "
							 "enterprise"));
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "'受检单位' → "
							 "sampled unit"));
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM enterprises"
					 " WHERE name LIKE '七台河%'"),
			 0);
	query_text(f->s,
		   "SELECT region_code FROM sampling_results WHERE"
		   " enterprise_name = '江门某电器有限公司'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "440705");
	/* A prefecture of another province named alone. */
	query_text(f->s,
		   "SELECT region_code FROM sampling_results WHERE"
		   " enterprise_name = '某电器厂'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "440700");
	query_text(f->s,
		   "SELECT region_code FROM sampling_results WHERE"
		   " enterprise_name = '某开关厂'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "230903");
	/* Without a credit code an enterprise is unverified. */
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM enterprises"
					 " WHERE verified = 1"),
			 0);

	/* A producer left blank ("/", food made where it is sold): the
	 * sampled unit is the enterprise. */
	const char *blank = "受检单位,产品名称,生产单位,抽样日期,检验结论\n"
			    "七台河某饭店,餐具,/,2020-05-02,不合格\n";
	assert_int_equal(import(f, blank, &o, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM enterprises"
					 " WHERE name = '七台河某饭店'"),
			 1);

	/* Only a sampled unit: it is the enterprise. */
	const char *only = "受检单位,产品名称,抽样日期,检验结论\n"
			   "某水泥厂,水泥,2020-06-01,合格\n";
	assert_int_equal(import(f, only, &o, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM enterprises"
					 " WHERE name = '某水泥厂'"),
			 1);
}

/* Dates as written, and a date column only when its heading says so. */
static void sampling_dates(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市" };
	const char *quarters = "产品名称,生产企业名称,抽查时间,检验结论\n"
			       "水泥,甲厂,2016年4季度,合格\n"
			       "水泥,乙厂,2017年4月,合格\n"
			       "水泥,丙厂,2018年,不合格\n";
	char buf[16];

	assert_int_equal(import(f, quarters, &o, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	query_text(f->s,
		   "SELECT sampled_on FROM sampling_results WHERE"
		   " enterprise_name = '甲厂'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "2016-10-01");
	query_text(f->s,
		   "SELECT sampled_on FROM sampling_results WHERE"
		   " enterprise_name = '丙厂'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "2018-01-01");
	/* 检验日期 and 生产日期 are not the sampling date: --date is. */
	o.date = "2021-03-01";
	const char *other = "产品名称,生产企业名称,生产日期,检验日期,检验结论\n"
			    "水泥,丁厂,2020-12-01,2021-04-02,合格\n";
	assert_int_equal(import(f, other, &o, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	query_text(f->s,
		   "SELECT sampled_on FROM sampling_results WHERE"
		   " enterprise_name = '丁厂'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "2021-03-01");
	/* No date column, no --date: the period the title names, else a
	 * refusal before any row. */
	o.date = NULL;
	const char *titled = "二〇一九年第二季度电线电缆监督抽查结果,,\n"
			     "产品名称,生产企业名称,检验结论\n"
			     "电缆,戊厂,合格\n";
	assert_int_equal(import(f, titled, &o, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "sampling date"));
	qc_sampling_report_release(&rep);
	query_text(f->s,
		   "SELECT sampled_on FROM sampling_results WHERE"
		   " enterprise_name = '戊厂'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "2019-04-01");
	const char *undated = "产品名称,生产企业名称,检验结论\n"
			      "电缆,己厂,合格\n";
	assert_int_equal(import(f, undated, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "--date"));
	qc_sampling_report_release(&rep);
}

/* 综合判定 is a result heading; a grade column is never the result. */
static void result_headings_and_grades(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *map[] = { "result=质量等级" };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2020-01-02" };
	const char *csv = "产品名称,生产企业名称,质量等级,综合判定\n"
			  "瓷砖,甲厂,优等品,符合\n"
			  "瓷砖,乙厂,合格品,不符合\n";

	assert_int_equal(import(f, csv, &o, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "'综合判定' → "
							 "result"));
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT SUM(passed) FROM"
					 " sampling_results"),
			 1);
	o.map = map;
	o.n_map = 1;
	assert_int_equal(import(f, csv, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "quality grade"));
	qc_sampling_report_release(&rep);
	/* A grade in a result column is refused by row. */
	o.n_map = 0;
	const char *cell = "产品名称,生产企业名称,检验结论\n"
			   "瓷砖,丙厂,一等品\n";
	assert_int_equal(import(f, cell, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "quality grade"));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 2);
}

/* Extra cells: joined into a last free-text column, else an error. */
static void ragged_rows(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2020-01-02" };
	const char *split = "产品名称,生产企业名称,检验结论,不合格项目\n"
			    "电缆,甲厂,不合格,导体电阻,绝缘厚度,标志\n"
			    "电缆,乙厂,合格,/,,\n";
	char buf[64];

	assert_int_equal(import(f, split, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 2);
	qc_sampling_report_release(&rep);
	query_text(f->s,
		   "SELECT failed_items FROM sampling_results WHERE"
		   " enterprise_name = '甲厂'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "导体电阻,绝缘厚度,标志");
	const char *extra = "产品名称,生产企业名称,检验结论\n"
			    "电缆,丙厂,合格,多余\n";
	assert_int_equal(import(f, extra, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2"));
	assert_non_null(strstr(err.msg, "header of 3 columns"));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 2);
}

/* Nothing to write is an error that writes nothing, not even audit. */
static void empty_imports_and_bad_map(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2020-01-02" };
	long long audit = count_rows(f->s, "audit_log");

	assert_int_equal(import(f, "产品名称,生产企业名称,检验结论\n", &o, &rep,
				&err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "no rows"));
	qc_sampling_report_release(&rep);
	o.skip_bad = true;
	assert_int_equal(import(f,
				"产品名称,生产企业名称,检验结论\n"
				"水泥,甲厂,待定\n水泥,乙厂,?\n",
				&o, &rep, &err),
			 QC_EINVAL);
	assert_int_equal(rep.rejected, 2);
	assert_non_null(strstr(err.msg, "none of the 2 rows"));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "audit_log"), audit);
	assert_int_equal(count_rows(f->s, "sampling_results"), 0);

	const char *map[] = { "date=20" };
	o.map = map;
	o.n_map = 1;
	assert_int_equal(import(f,
				"产品名称,生产企业名称,检验结论\n"
				"水泥,甲厂,合格\n",
				&o, &rep, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "no column 20"));
	qc_sampling_report_release(&rep);
}

/* The level: --level, else the title's, else that of --region's
 * authority, said in the mapping; none of them is an error. */
static void level_given_or_inferred(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "黑龙江省",
					     .date = "2020-01-02" };
	const char *csv = "产品名称,生产企业名称,检验结论\n水泥,甲厂,合格\n";
	char buf[32];

	assert_int_equal(import(f, csv, &o, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "sampling level"));
	qc_sampling_report_release(&rep);
	query_text(f->s, "SELECT level FROM sampling_results", buf,
		   sizeof(buf));
	assert_string_equal(buf, "provincial");
	const char *titled = "2020年水泥产品质量国家监督抽查结果,,\n"
			     "产品名称,生产企业名称,检验结论\n"
			     "水泥,乙厂,合格\n";
	assert_int_equal(import(f, titled, &o, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	query_text(f->s,
		   "SELECT level FROM sampling_results WHERE"
		   " enterprise_name = '乙厂'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "national");
	o.region = NULL;
	assert_int_equal(import(f, csv, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "--level"));
	qc_sampling_report_release(&rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(results_and_grades),
		cmocka_unit_test(dates_at_their_precision),
		cmocka_unit_test_setup_teardown(failure_only_list,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(producer_not_seller,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(sampling_dates, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(result_headings_and_grades,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(ragged_rows, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(empty_imports_and_bad_map,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(level_given_or_inferred,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
