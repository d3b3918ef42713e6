/* Published tables laid out as the classes left after the eleventh
 * round show them, made by hand for each (docs/registry.md "Classes read
 * in the twelfth round"): a numbered group row naming a category; a
 * measured 检验结果 beside a verdict; record labels outside the
 * catalogue; sub-headings beyond name and address; a row padded by two
 * empty cells; a second header's items column; a grade heading said
 * as no product. */
#include "testutil.h"
#include "sampling_util.h"

/* Every table here: a municipal one of 七台河市, sampled 2024-03-01. */
static const struct qc_sampling_import_opts o_qth = { .region = "七台河市",
						      .level = "市",
						      .date = "2024-03-01" };

static const char *const category =
	"COALESCE((SELECT name FROM product_categories c WHERE c.id = "
	"category_id), '')";

/* A group row whose text is a numbered heading (一、食用农产品,
 * （二）食品相关产品 with a count, 三、 written across merged cells):
 * skipped, and the rows under it without a category of their own take
 * the one it names; a row with its own keeps it; a second table's
 * header (its product heading where the first's was) ends the group. */
static void group_row_naming_a_category(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv =
		"序号,产品名称,标称生产企业名称,分类,检验结论\n"
		"一、食用农产品,,,,\n"
		"1,大白菜,七台河市甲农业有限公司,,合格\n"
		"2,芹菜,七台河市乙农业有限公司,蔬菜,不合格\n"
		"（二）食品相关产品,,,,1批次\n"
		"3,塑料袋,七台河市丙塑料有限公司,,合格\n"
		"三、日用杂品,三、日用杂品,三、日用杂品,三、日用杂品,三、日用杂品\n"
		"4,绿茶,七台河市丁茶业有限公司,,合格\n"
		"序号,产品名称,标称生产企业名称,检验结论,备注\n"
		"5,红茶,七台河市戊茶业有限公司,合格,\n";

	assert_int_equal(import_as(f, csv, &o_qth, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 5);
	assert_int_equal(rep.rejected, 0);
	qc_sampling_report_release(&rep);
	field_is(f, category, "product = '大白菜'", "食用农产品");
	field_is(f, category, "product = '芹菜'", "蔬菜");
	field_is(f, category, "product = '塑料袋'", "食品相关产品");
	field_is(f, category, "product = '绿茶'", "日用杂品");
	field_is(f, category, "product = '红茶'", "");
	field_is(f, "COUNT(*)", "product LIKE '%、%' OR product LIKE '%（%'",
		 "0");
}

/* A measured 检验结果 beside a verdict (判定结论) and no heading of
 * items: the verdict column is the result, the value is neither a
 * verdict nor a failed item (no column names the items: left empty). */
static void measured_value_beside_a_verdict(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv = "序号,产品名称,标称生产企业名称,检验结果,判定结论\n"
			  "1,菜籽油,七台河市甲油脂有限公司,0.5mg/kg,合格\n"
			  "2,花生油,七台河市乙油脂有限公司,32.1μg/kg,不合格\n";

	assert_int_equal(import_as(f, csv, &o_qth, &rep, &err), QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "column 5 '判定结论' → result"));
	qc_sampling_report_release(&rep);
	field_is(f, "passed || '|' || COALESCE(failed_items, '')",
		 "product = '菜籽油'", "1|");
	field_is(f, "passed || '|' || COALESCE(failed_items, '')",
		 "product = '花生油'", "0|");
}

/* Records with a label the catalogue did not know (整改情况): it ends
 * the field above it; since migration 0030 it is a heading of the
 * remarks, its value kept there (test_sampling_remarks.c: labels still
 * outside the catalogue). */
static void record_label_outside_the_catalogue(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv = "不合格产品\n"
			  "1 生产企业名称:七台河市甲防护用品有限公司\n"
			  "产品名称:平面口罩\n"
			  "不合格项目:过滤效率\n"
			  "整改情况:已整改\n"
			  "2 生产企业名称:七台河市乙服饰有限公司\n"
			  "产品名称:立体口罩\n"
			  "不合格项目:防护效果\n"
			  "整改情况:整改中\n";

	assert_int_equal(import_as(f, csv, &o_qth, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 2);
	assert_null(strstr(qc_buf_str(&rep.mapping), "left out"));
	qc_sampling_report_release(&rep);
	field_is(f, "failed_items", "product = '平面口罩'", "过滤效率");
	field_is(f, "remarks", "product = '立体口罩'", "整改中");
}

/* A unit's sub-headings beyond name and address on a row of their own
 * (名称, 地址, 统一社会信用代码, 联系电话 under 生产企业): the credit
 * code is the producer's, giving its region; the telephone is no
 * field. */
static void sub_headings_beyond_name_and_address(void **state)
{
	struct fixture *f = *state;
	const char *csv = "不合格产品信息,,,,,,,\n"
			  "序号,产品名称,生产企业,受检单位,不合格项目,,,\n"
			  "名称,地址,统一社会信用代码,联系电话,名称,地址,,\n"
			  "1,酱油,甲酱油厂,某路1号,91440700MA4UJ3Y42A,"
			  "0750-1234567,乙超市,七台河市桃山区某路2号,"
			  "氨基酸态氮\n";

	import_ok(f, csv, &o_qth);
	/* The sampled unit's code first, then the producer's: the
	 * producer's is the enterprise's. */
	const char *both = "不合格产品信息,,,,,,,\n"
			   "序号,产品名称,受检单位,生产企业,不合格项目,,,\n"
			   "名称,统一社会信用代码,名称,统一社会信用代码,,,,\n"
			   "2,醋,丙超市,91230900MA1B2C3D4E,丁醋厂,"
			   "91440700MA4UJ3Y42A,总酸\n";
	import_ok(f, both, &o_qth);
	field_is(f,
		 "enterprise_name || '|' || region_code || '|' || sampled_unit"
		 " || '|' || COALESCE((SELECT uscc FROM enterprises e WHERE "
		 "e.id = enterprise_id), '')",
		 "product = '醋'", "丁醋厂|440700|丙超市|91440700MA4UJ3Y42A");
	field_is(f,
		 "enterprise_name || '|' || region_code || '|' || sampled_unit"
		 " || '|' || failed_items || '|' || COALESCE((SELECT uscc "
		 "FROM enterprises e WHERE e.id = enterprise_id), '')",
		 "product = '酱油'",
		 "甲酱油厂|440700|乙超市|氨基酸态氮|91440700MA4UJ3Y42A");
}

/* A row two cells short in its middle, padded to the header's width by
 * two empty cells (公告号 and 公告日期 dropped): placed by the kinds of
 * its cells, as its unpadded twin is; where two placings fit and
 * disagree, refused naming the line and the cell (before, both were
 * read as written: a laboratory under 公告日期, a verdict under a date). */
static void padded_by_two_empty_cells(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv =
		"抽检不合格产品信息,,,,,,,,\n"
		"序号,被抽样单位名称,食品名称,生产日期/批号,不合格项目,"
		"公告号,公告日期,任务来源/项目名称,检验机构\n"
		"1,七台河市甲学校,菜盆,2024-01-02,大肠菌群,七台河市本级,"
		"七台河市乙检测有限公司,,\n"
		"2,七台河市甲学校,筷子,2024-01-02,大肠菌群,七台河市本级,"
		"七台河市乙检测有限公司\n";

	assert_int_equal(import_as(f, csv, &o_qth, &rep, &err), QC_OK);
	qc_sampling_report_release(&rep);
	field_is(f, "COALESCE(sampling_plan, '') || '|' || testing_body",
		 "product = '菜盆'", "七台河市本级|七台河市乙检测有限公司");

	/* One date under two date headings: under 生产日期 or 抽样日期
	 * cannot be told, and a field depends on it: refused. */
	const char *two = "序号,产品名称,标称生产企业名称,生产日期,抽样日期,"
			  "检验结论,检验机构,备注\n"
			  "1,酱油,七台河市丙酱油厂,2024-01-02,合格,"
			  "七台河市丁检测有限公司,,\n";
	assert_int_equal(import_as(f, two, &o_qth, &rep, &err), QC_EINVAL);
	qc_sampling_report_release(&rep);
	assert_non_null(strstr(err.msg, "line 2"));
	assert_non_null(strstr(err.msg, "a cell is missing"));
}

/* Two tables in one file, the first with the items tested (检验项目)
 * beside its verdict, the second with failed items and no result
 * column: the second's items make its rows' verdicts. The second
 * header writes 产品名称 where the first did: not a repeated header,
 * as its other headings differ. */
static void second_header_maps_its_items(void **state)
{
	struct fixture *f = *state;
	const char *csv = "序号,产品名称,标称生产企业名称,检验项目,检验结论\n"
			  "1,菜籽油,七台河市甲油脂有限公司,酸价,合格\n"
			  "2,花生油,七台河市乙油脂有限公司,过氧化值,不合格\n"
			  "二、专项抽检,,,,\n"
			  "序号,产品名称,标称生产企业名称,不合格项目,\n"
			  "1,大米,七台河市丙米业有限公司,/,\n"
			  "2,面粉,七台河市丁面业有限公司,铅,\n";

	import_ok(f, csv, &o_qth);
	field_is(f, "passed || '|' || COALESCE(failed_items, '')",
		 "product = '花生油'", "0|过氧化值");
	field_is(f, "passed || '|' || COALESCE(failed_items, '')",
		 "product = '菜籽油'", "1|");
	field_is(f, "passed || '|' || COALESCE(failed_items, '')",
		 "product = '面粉'", "0|铅");
	field_is(f, "passed", "product = '大米'", "1");
}

/* A grade heading (产品等级) holds 产品 but names no product: not said
 * as a second product heading; 样品名称 beside 产品名称 still is. */
static void grade_heading_names_no_product(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv = "序号,产品名称,标称生产企业名称,产品等级,检验结论\n"
			  "1,菜籽油,七台河市甲油脂有限公司,一级,合格\n";

	assert_int_equal(import_as(f, csv, &o_qth, &rep, &err), QC_OK);
	assert_null(strstr(qc_buf_str(&rep.mapping), "产品等级"));
	qc_sampling_report_release(&rep);
	/* Refused as a result, as before. */
	const char *map[] = { "result=产品等级" };
	struct qc_sampling_import_opts o = o_qth;
	o.map = map;
	o.n_map = 1;
	assert_int_equal(import_as(f, csv, &o, &rep, &err), QC_EINVAL);
	qc_sampling_report_release(&rep);
	assert_non_null(strstr(err.msg, "quality grade"));
}

/* 检验结果 holding verdicts beside a heading of one part of the verdict
 * (标识判定, 复检结论): the verdict is read where it is written, never
 * taken from the part's column by its heading (a review found 饼干's
 * 不合格 read from 标识判定's 合格, and an empty 复检结论 refused). */
static void verdict_beside_a_partial_verdict(void **state)
{
	struct fixture *f = *state;
	const char *csv = "序号,产品名称,生产企业,检验结果,标识判定\n"
			  "1,饼干,七台河市甲食品有限公司,不合格,合格\n"
			  "2,面包,七台河市乙食品有限公司,合格,不合格\n";

	import_ok(f, csv, &o_qth);
	field_is(f, "passed", "product = '饼干'", "0");
	field_is(f, "passed", "product = '面包'", "1");
	const char *recheck = "序号,产品名称,生产企业,检验结果,复检结论\n"
			      "1,蛋糕,七台河市丙食品有限公司,不合格,\n"
			      "2,月饼,七台河市丁食品有限公司,合格,\n";
	import_ok(f, recheck, &o_qth);
	field_is(f, "passed", "product = '蛋糕'", "0");
	field_is(f, "passed", "product = '月饼'", "1");
}

/* A row of the header's full width ending in two or more empty cells
 * (no failed items, no remark) whose cells all sit in their columns but
 * one a kind reads oddly (含量≥99% under 规格型号 reads as an item, 酒精
 * 度 too, a maker 鸿运菌业 as one): read as written, never shifted into
 * the empty cells, with or without a title saying every row passed. */
static void full_row_padded_read_as_written(void **state)
{
	struct fixture *f = *state;
	const char *rows = "序号,产品名称,生产企业,规格型号,检验结果,"
			   "不合格项目,备注\n"
			   "1,营养素,七台河市甲生物有限公司,含量≥99%,合格,,\n"
			   "2,白酒,七台河市乙酒业有限公司,酒精度52%vol,合格,,\n";
	char csv[1024];

	snprintf(csv, sizeof(csv), "食品安全监督抽检合格产品名单\n%s", rows);
	import_ok(f, csv, &o_qth);
	const char *got = "spec || '|' || COALESCE(failed_items, '') || '|' "
			  "|| passed";
	field_is(f, got, "product = '营养素'", "含量≥99%||1");
	field_is(f, got, "product = '白酒'", "酒精度52%vol||1");
	import_ok(f, rows, &o_qth);
	field_is(f, "COUNT(*)", "spec = '含量≥99%' AND passed = 1", "2");

	const char *maker_first = "序号,企业名称,产品名称,规格型号,检验结果,"
				  "不合格项目,备注\n"
				  "1,鸿运菌业,香菇,500g,合格,,\n";
	import_ok(f, maker_first, &o_qth);
	field_is(f, "enterprise_name || '|' || spec", "product = '香菇'",
		 "鸿运菌业|500g");

	/* The real short row (05's rows 1-3): an organisation under
	 * 公告日期 that only 检验机构, to its right, may hold: the page
	 * dropped a cell, and the row is placed by kind. */
	const char *dropped = "序号,被抽样单位名称,食品名称,不合格项目,公告号,"
			      "公告日期,任务来源/项目名称,检验机构\n"
			      "1,七台河市甲学校,菜盆,大肠菌群,七台河市本级,"
			      "武汉甲科技有限公司,,\n";
	import_ok(f, dropped, &o_qth);
	field_is(f, "COALESCE(sampling_plan, '') || '|' || testing_body",
		 "product = '菜盆'", "七台河市本级|武汉甲科技有限公司");
}

/* Group rows by verdict (一、合格产品, 二、不合格产品) name no category:
 * the rows keep the catalogue's category of their product, and no
 * category is made of a verdict. */
static void verdict_group_rows_name_no_category(void **state)
{
	struct fixture *f = *state;
	const char *csv = "序号,产品名称,生产企业,规格型号,检验结果\n"
			  "一、合格产品,,,,\n"
			  "1,饼干,七台河市甲食品有限公司,500g,合格\n"
			  "二、不合格产品,,,,\n"
			  "2,面包,七台河市乙食品有限公司,200g,不合格\n";

	import_ok(f, csv, &o_qth);
	field_is(f, category, "product = '饼干'", "");
	field_is(f, category, "product = '面包'", "");
	field_is(f, "passed", "product = '面包'", "0");
}

/* A stage row (二、流通环节) ends the group a category row opened: the
 * rows under it take no category from the group above. */
static void stage_row_ends_the_group(void **state)
{
	struct fixture *f = *state;
	const char *csv = "序号,产品名称,生产企业,检验结果\n"
			  "一、生产环节,,,\n"
			  "（一）食用农产品,,,\n"
			  "1,大米,七台河市甲粮油有限公司,合格\n"
			  "二、流通环节,,,\n"
			  "2,饼干,七台河市乙食品有限公司,合格\n";

	import_ok(f, csv, &o_qth);
	field_is(f, category, "product = '大米'", "食用农产品");
	field_is(f, category, "product = '饼干'", "");
}

/* A national list places a producer by a county's full name only where
 * a name writes its place (first, in brackets, after its province or
 * prefecture), not inside a word: 沿海城市燃气 holds 海城市 and is not
 * in it. */
static void nation_county_not_inside_a_word(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .level = "national",
					     .date = "2022" };
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };

	add_divisions(f, "ln", "[{\"code\":\"21\",\"name\":\"辽宁省\"}]",
		      "[{\"code\":\"2103\",\"name\":\"鞍山市\","
		      "\"provinceCode\":\"21\"}]",
		      "[{\"code\":\"210381\",\"name\":\"海城市\","
		      "\"cityCode\":\"2103\",\"provinceCode\":\"21\"}]");
	const char *csv = "序号,产品名称,生产企业,检验结果\n"
			  "1,燃气表,沿海城市燃气有限公司,合格\n";
	/* No place: refused for want of --region, not placed in 海城市. */
	assert_int_equal(import_as(f, csv, &o, &rep, &err), QC_EINVAL);
	qc_sampling_report_release(&rep);
	assert_non_null(strstr(err.msg, "--region"));
	const char *placed = "序号,产品名称,生产企业,检验结果\n"
			     "1,燃气表,海城市甲燃气有限公司,合格\n"
			     "2,燃气灶,辽宁海城市乙燃具有限公司,合格\n"
			     "3,燃气阀,丙燃具有限公司（海城市）,合格\n";
	import_ok(f, placed, &o);
	field_is(f, "COUNT(*)", "region_code = '210381'", "3");
}

/* A totals row (合计,3批次,不合格1批次) under a last row that passed:
 * no failed item continued on its own row; the pass stays a pass (a
 * review found it stored as a failure with failed_items 合计). */
static void totals_row_continues_no_item(void **state)
{
	struct fixture *f = *state;
	const char *csv = "食品名称,标称商标,标称生产企业,生产日期或批号,"
			  "规格,不合格项目,标准值,实测值\n"
			  "饼干,甲牌,七台河市甲食品有限公司,2024-01-02,500g,"
			  "菌落总数,≤10000,52000\n"
			  "面包,乙牌,七台河市乙食品有限公司,2024-01-03,"
			  "200g,,,\n"
			  "合计,3批次,不合格1批次,,,,,\n";

	import_ok(f, csv, &o_qth);
	field_is(f, "passed || '|' || COALESCE(failed_items, '')",
		 "product = '面包'", "1|");
	field_is(f, "passed || '|' || COALESCE(failed_items, '')",
		 "product = '饼干'", "0|菌落总数");
}

/* The product a title names, taken by a row with an empty product
 * cell: never a batch, a kind or a category (第二批重点工业, 儿童用品,
 * 食品等, 年度 a review found taken as products); 月 inside a name
 * (月饼) is no month; the report says the product taken. */
static void title_names_no_batch_as_product(void **state)
{
	struct fixture *f = *state;
	static const char *const refused[] = {
		"2020年第二批重点工业产品质量监督抽查结果",
		"2019年度产品质量监督抽查结果",
		"2019年第一批工业产品质量监督抽查结果",
		"2019年儿童用品产品质量监督抽查结果",
		"2019年食品等产品质量监督抽查结果",
	};
	const char *rows = ",,,,\n企业名称,产品名称,规格,生产日期,不合格项目\n"
			   "七台河市乙电器厂,,60W,2013-03-01,标志\n";
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	char csv[512], buf[256];

	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		snprintf(csv, sizeof(csv), "%s%s", refused[i], rows);
		import_as(f, csv, &o_qth, &rep, &err);
		assert_null(strstr(qc_buf_str(&rep.mapping), "title names"));
		qc_sampling_report_release(&rep);
		field_of(f, "COUNT(*)", "product <> ''", buf, sizeof(buf));
		assert_string_equal(buf, "0");
	}
	snprintf(csv, sizeof(csv), "%s%s",
		 "2016年宁夏回族自治区月饼产品质量监督抽查结果", rows);
	assert_int_equal(import_as(f, csv, &o_qth, &rep, &err), QC_OK);
	assert_non_null(strstr(
		qc_buf_str(&rep.mapping),
		"1 rows with an empty product cell took the product the title names (月饼)"));
	qc_sampling_report_release(&rep);
	field_is(f, "product", "enterprise_name = '七台河市乙电器厂'", "月饼");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(group_row_naming_a_category,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(measured_value_beside_a_verdict,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(record_label_outside_the_catalogue,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(sub_headings_beyond_name_and_address,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(padded_by_two_empty_cells,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(second_header_maps_its_items,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(grade_heading_names_no_product,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(verdict_beside_a_partial_verdict,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(full_row_padded_read_as_written,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(verdict_group_rows_name_no_category,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(stage_row_ends_the_group,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(nation_county_not_inside_a_word,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(totals_row_continues_no_item,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(title_names_no_batch_as_product,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
