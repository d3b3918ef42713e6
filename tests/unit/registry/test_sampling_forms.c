/* More forms of published tables, made by hand (the development set,
 * tests/data/published, showed them): mirrors in traditional characters,
 * lists of failures whose 检验结果 holds measured values, the producer's
 * region column, a 年份 column, 市场主体 and 被采样单位 headings, a
 * table with no header. */
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

/* A mirror in traditional characters: headings, title and cells are
 * read in simplified; the producer's region is the city its name
 * begins with (江门某… → 江门市). */
static void traditional_mirror(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2019年" };
	const char *csv = "化肥不合格名單,,,,,\n"
			  "序號,生產企業,銷售企業,產品名稱,抽查 結果,"
			  "主要不合格項目\n"
			  "1,江門某肥業有限公司,七台河某農資門市,復混肥料,"
			  "不合格,總養分\n"
			  "2,某某肥廠,七台河某商店,有機肥料,不合格,無\n";
	char buf[64];

	assert_int_equal(import(f, csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 2);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "'生产企业' → "
							 "enterprise"));
	qc_sampling_report_release(&rep);
	query_text(f->s,
		   "SELECT region_code FROM sampling_results WHERE"
		   " enterprise_name = '江门某肥业有限公司'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "440700");
	query_text(f->s,
		   "SELECT failed_items FROM sampling_results WHERE"
		   " enterprise_name = '江门某肥业有限公司'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "总养分");
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM sampling_results"
					 " WHERE enterprise_name = '某某肥厂'"
					 " AND failed_items IS NULL"
					 " AND region_code = '230900'"),
			 1);
	/* --map names a column as the table writes it. */
	const char *map[] = { "result=抽查結果" };
	o.map = map;
	o.n_map = 1;
	assert_int_equal(import(f, csv, &o, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 4);
}

/* A list whose title says every row failed, with a 检验结果 column that
 * holds what was measured: the title decides; a row that says 合格
 * contradicts it. */
static void failure_title_over_values(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2021年" };
	const char *csv = "抽检不合格产品信息,,,,\n"
			  "序号,食品名称,标称生产企业名称,不合格项目,检验结果\n"
			  "1,红豆,甲食品有限公司,铅(以Pb计),0.127mg/kg\n"
			  "2,木耳,乙餐饮店,沙门氏菌,检出/25g\n"
			  "3,米饭,丙餐饮店,大肠菌群,不合格\n";

	assert_int_equal(import(f, csv, &o, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "every row is a "
							 "failure"));
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM sampling_results"
					 " WHERE passed = 0"),
			 3);
	const char *contra = "抽检不合格产品信息,,,,\n"
			     "序号,食品名称,标称生产企业名称,不合格项目,"
			     "检验结果\n"
			     "1,米饭,丁餐饮店,/,合格\n";
	assert_int_equal(import(f, contra, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "lists failures"));
	qc_sampling_report_release(&rep);
	/* Without the title a measured value is no result. */
	const char *untitled = "序号,食品名称,标称生产企业名称,检验结果\n"
			       "1,红豆,戊公司,0.127mg/kg\n";
	assert_int_equal(import(f, untitled, &o, &rep, &err), QC_EINVAL);
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 3);
}

/* A national list: each producer's region is its 生产单位所在地, and
 * its grade column (产品等级: 合格品) is no result. */
static void producer_region_column(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .level = "national",
					     .date = "2020年" };
	const char *csv = "序号,受检单位,生产单位,生产单位所在地,产品名称,"
			  "产品等级,主要不合格项目\n"
			  "1,/,甲水泥有限公司,广东省,普通硅酸盐水泥,合格品,"
			  "烧失量\n"
			  "2,/,乙水泥有限公司,宁夏回族自治区,粉煤灰硅酸盐水泥,"
			  "合格品,氯离子\n";
	char buf[64];

	assert_int_equal(import(f, csv, &o, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	query_text(f->s,
		   "SELECT region_code FROM sampling_results WHERE"
		   " enterprise_name = '乙水泥有限公司'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "640000");
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM sampling_results"
					 " WHERE passed = 0 AND region_code ="
					 " '440000'"),
			 1);
}

/* A 年份 column is each row's sampling year; 被抽查市场主体 is the
 * sampled unit; 未发现不合格 is a pass. */
static void year_column_and_market_entity(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市" };
	const char *csv = "序号,年份,被抽查市场主体名称,生产单位名称(标称),"
			  "产品名称,综合判定,不合格项目\n"
			  "1,2020,七台河某车行,江门某头盔有限公司,头盔,"
			  "未发现不合格,\n"
			  "2,2021,七台河某车行,某头盔厂,头盔,不合格,"
			  "吸收碰撞能量\n";
	char buf[64];

	assert_int_equal(import(f, csv, &o, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "'年份' → "));
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "'被抽查市场主体名称' → sampled unit"));
	qc_sampling_report_release(&rep);
	query_text(f->s,
		   "SELECT sampled_on FROM sampling_results WHERE"
		   " enterprise_name = '江门某头盔有限公司'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "2020-01-01");
	assert_int_equal(query_int(f->s, "SELECT passed FROM sampling_results"
					 " WHERE enterprise_name ="
					 " '江门某头盔有限公司'"),
			 1);
	query_text(f->s,
		   "SELECT sampled_on FROM sampling_results WHERE"
		   " enterprise_name = '某头盔厂'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "2021-01-01");
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM enterprises"
					 " WHERE name = '七台河某车行'"),
			 0);
}

/* A caption and rows with no header whose cells do not tell which
 * column is the enterprise (no name reads as a station's or a
 * company's; test_sampling_kinds.c reads those that do): --map naming
 * columns by number reads every row; a heading text cannot name them.
 * 被采样单位 is the sampled unit. */
static void headerless_and_sampled(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2015年8月" };
	const char *csv = "不合格加油站及油品名单,,\n"
			  "车用柴油 0#,七台河甲,不合格\n"
			  "车用汽油93#,七台河乙,不合格\n";

	assert_int_equal(import(f, csv, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "--map"));
	qc_sampling_report_release(&rep);
	const char *map[] = { "product=1", "enterprise=2" };
	o.map = map;
	o.n_map = 2;
	assert_int_equal(import(f, csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 2);
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM sampling_results"
					 " WHERE passed = 0 AND sampled_on ="
					 " '2015-08-01'"),
			 2);
	const char *named[] = { "product=车用柴油 0#", "enterprise=2" };
	o.map = named;
	assert_int_equal(import(f, csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 1); /* its first row is the header */
	qc_sampling_report_release(&rep);

	o.map = NULL;
	o.n_map = 0;
	const char *sampled = "序号,样品名称,采样日期,生产单位,被采样单位名称,"
			      "判定\n"
			      "01,餐饮具:调羹,2018.1.16,/,七台河某酒店,不合格\n";
	assert_int_equal(import(f, sampled, &o, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "'被采样单位名称' → sampled unit"));
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s,
				   "SELECT COUNT(*) FROM sampling_results"
				   " WHERE enterprise_name = '七台河某酒店'"
				   " AND sampled_on = '2018-01-16'"),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(traditional_mirror,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(failure_title_over_values,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(producer_region_column,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(year_column_and_market_entity,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(headerless_and_sampled,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
