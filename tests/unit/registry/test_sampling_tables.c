/* Published tables laid out as the ninth held-out batch showed, made by
 * hand for each class (sampling_map.c, sampling_shape.c, sampling.c):
 * two tables one under the other, each with its caption and header; a
 * unit's second row that lost its leading merged cells; a place column
 * (企业所在地) beside both a sampled unit and a producer; failures written
 * as records, one field a line (sampling_records.c); sub-headings of
 * the units (名称, 地址) on a row of their own. */
#include "testutil.h"
#include "sampling_util.h"

/* A second table under the first: its caption is not a row but says
 * what the table lists, and its header, in another order, maps the
 * columns of the rows below it; a one-cell row inside a table of merged
 * cells is still a row. */
static void two_tables_in_one_file(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2019年" };
	char buf[256];
	const char *csv = "食品流通环节抽检不合格产品信息表,,,,\n"
			  "序号,样品名称,标称生产企业名称,不合格项目,检验机构\n"
			  "1,酱油,七台河市甲酱油厂,氨基酸态氮,七台河市检验所\n"
			  ",醋,,,\n"
			  "食品生产环节抽检不合格产品信息表,,,,\n"
			  "序号,标称生产企业名称,样品名称,检验机构,不合格项目\n"
			  "1,江门市乙食品厂,腐乳,江门市检验院,苯甲酸\n";

	import_ok(f, csv, &o);
	assert_int_equal(count_rows(f->s, "sampling_results"), 3);
	field_of(f, "enterprise_name || '|' || failed_items", "product = '醋'",
		 buf, sizeof(buf));
	assert_string_equal(buf, "七台河市甲酱油厂|氨基酸态氮");
	field_of(f,
		 "product || '|' || failed_items || '|' || testing_body || "
		 "'|' || region_code",
		 "enterprise_name = '江门市乙食品厂'", buf, sizeof(buf));
	assert_string_equal(buf, "腐乳|苯甲酸|江门市检验院|440700");

	/* A list of passes under a list of failures, neither with a result
	 * column: each table's rows as its caption says. */
	const char *lists = "不合格产品名单,,\n"
			    "序号,产品名称,生产企业名称,不合格项目\n"
			    "1,米粉,七台河市丙米业,菌落总数\n"
			    "合格产品名单,,\n"
			    "序号,生产企业名称,产品名称\n"
			    "1,七台河市丁米业,米线\n";
	import_ok(f, lists, &o);
	field_of(f, "passed", "product = '米粉'", buf, sizeof(buf));
	assert_string_equal(buf, "0");
	field_of(f, "passed", "product = '米线'", buf, sizeof(buf));
	assert_string_equal(buf, "1");

	/* A caption merged across a workbook's columns (each cell its
	 * text) is a caption as well. */
	const char *merged = "不合格产品名单,不合格产品名单,不合格产品名单\n"
			     "序号,产品名称,生产企业名称\n"
			     "1,面条,七台河市庚面业\n"
			     "合格产品名单,合格产品名单,合格产品名单\n"
			     "序号,生产企业名称,产品名称\n"
			     "1,七台河市辛面业,挂面\n";
	import_ok(f, merged, &o);
	field_of(f, "enterprise_name || '|' || passed", "product = '面条'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "七台河市庚面业|0");
	field_of(f, "enterprise_name || '|' || passed", "product = '挂面'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "七台河市辛面业|1");
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM "
					 "sampling_results WHERE product "
					 "LIKE '%名单%'"),
			 0);
}

/* A unit's second row without its merged 序号, 受检单位 and 所在地 cells,
 * its cells written left and empty cells at the end: placed to the
 * right by kind, the unit and its place taken from the row above; the
 * full rows around it read as written. */
static void row_lost_leading_cells(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省" };
	char buf[256];
	const char *csv =
		"连续两次抽查不合格受检单位名单,,,,,,,,\n"
		"序号,受检单位名称,标称生产企业名称,企业所在地,抽查时间,"
		"产品名称,规格型号,主要不合格项目,备注\n"
		"1,七台河市甲超市,江门市乙塑料厂,七台河市,2020年,塑料购物袋,"
		"30cm,最小厚度,流通领域\n"
		"丙服装厂,2019年,成人服装,52/XL,纤维含量,,,,\n"
		"2,七台河市丁超市,江门市戊塑料厂,七台河市,2020年,塑料购物袋,"
		"40cm,最小厚度,\n";
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };

	if (import_as(f, csv, &o, &rep, &err)) {
		fail_msg("%s", err.msg);
		abort();
	}
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "rows without their leading merged cells, "
			       "their cells placed to the right and the "
			       "missing ones taken from the row above: 1"));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_results"), 3);
	field_of(f,
		 "sampled_unit || '|' || product || '|' || spec || '|' || "
		 "failed_items || '|' || sampled_on",
		 "enterprise_name = '丙服装厂'", buf, sizeof(buf));
	assert_string_equal(buf, "七台河市甲超市|成人服装|52/XL|纤维含量|"
				 "2019-01-01");
	field_of(f, "sampled_unit || '|' || spec",
		 "enterprise_name = '江门市戊塑料厂'", buf, sizeof(buf));
	assert_string_equal(buf, "七台河市丁超市|40cm");

	/* With no 序号: the producer's name fits under the sampled unit's,
	 * the date under the producer's does not. */
	const char *no_seq =
		"连续两次抽查不合格受检单位名单,,,,,,,\n"
		"受检单位名称,标称生产企业名称,企业所在地,抽查时间,产品名称,"
		"规格型号,主要不合格项目,备注\n"
		"七台河市己超市,江门市庚塑料厂,七台河市,2020年,塑料购物袋,"
		"30cm,最小厚度,流通领域\n"
		"辛服装厂,2019年,儿童服装,110,纤维含量,,,\n";
	import_ok(f, no_seq, &o);
	field_of(f,
		 "sampled_unit || '|' || product || '|' || failed_items || "
		 "'|' || sampled_on",
		 "enterprise_name = '辛服装厂'", buf, sizeof(buf));
	assert_string_equal(buf, "七台河市己超市|儿童服装|纤维含量|2019-01-01");
}

/* 企业所在地 beside a sampled unit and a producer, naming the place the
 * sampled units' names give: the sampled unit's place (its address), not
 * the producer's region, which its own name gives. */
static void place_beside_two_parties(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "黑龙江省",
					     .level = "省",
					     .date = "2020年" };
	char buf[256];
	const char *csv =
		"不合格产品名单,,,,\n"
		"受检单位名称,标称生产企业名称,企业所在地,产品名称,"
		"不合格项目\n"
		"七台河市甲超市,江门市乙塑料厂,七台河市,塑料购物袋,最小厚度\n"
		"七台河市丙商场,江门市丁塑料厂,七台河市,塑料购物袋,最小厚度\n";

	import_ok(f, csv, &o);
	field_of(f, "region_code || '|' || sampled_address",
		 "enterprise_name = '江门市乙塑料厂'", buf, sizeof(buf));
	assert_string_equal(buf, "440700|七台河市");
}

/* Failures written as records, one field a line, under a table of
 * figures: each record a row, its labels read as headings, a line
 * without a label going on with the field above; a label written again
 * with its value is a repeat, with another value a new record. */
static void records_one_field_a_line(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "县",
					     .date = "2020年" };
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	char buf[256];
	const char *csv = "口罩产品质量专项监督抽查结果\n"
			  "序号,产品名称,计划批次,合格批次\n"
			  "1,平面口罩,30,10\n"
			  "这3家企业生产的口罩不合格\n"
			  "1 生产企业名称:七台河市甲防护用品有限公司\n"
			  "产品名称 :平面口罩\n"
			  "规格型号:17.5cm×9.5cm\n"
			  "防护等级D级\n"
			  "不合格项目:过滤效率\n"
			  "2 生产企业名称:江门市乙服饰有限公司\n"
			  "产品名称：立体口罩\n"
			  "生产企业名称:江门市乙服饰有限公司\n"
			  "不合格项目:防护效果\n"
			  "生产企业名称:七台河市丙无纺布厂\n"
			  "产品名称:平面口罩\n"
			  "不合格项目:断裂强力\n";

	import_ok(f, csv, &o);
	assert_int_equal(count_rows(f->s, "sampling_results"), 3);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM "
					 "sampling_results WHERE passed = 0"),
			 3);
	field_of(f,
		 "product || '|' || spec || '|' || failed_items || '|' || "
		 "region_code",
		 "enterprise_name = '七台河市甲防护用品有限公司'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "平面口罩|17.5cm×9.5cm 防护等级D级|过滤效率|"
				 "230900");
	field_of(f, "product || '|' || failed_items",
		 "enterprise_name = '七台河市丙无纺布厂'", buf, sizeof(buf));
	assert_string_equal(buf, "平面口罩|断裂强力");

	/* In traditional characters: the labels read as the catalogue's. */
	const char *trad = "不合格產品\n"
			   "1 生產企業名稱:七台河市己廠\n"
			   "產品名稱:口罩\n"
			   "不合格項目:過濾效率\n";
	import_ok(f, trad, &o);
	field_of(f, "product || '|' || failed_items",
		 "enterprise_name = '七台河市己厂'", buf, sizeof(buf));
	assert_string_equal(buf, "口罩|过滤效率");

	/* A record without its product: refused, naming its line. */
	const char *cut = "不合格产品\n"
			  "1 生产企业名称:七台河市丁厂\n"
			  "产品名称:口罩\n"
			  "不合格项目:过滤效率\n"
			  "2 生产企业名称:七台河市戊厂\n"
			  "不合格项目:过滤效率\n";
	assert_int_equal(import_as(f, cut, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 5"));
	assert_non_null(strstr(err.msg, "product"));
	qc_sampling_report_release(&rep);

	/* Numbered records none of which names a product: refused, naming
	 * the first record's line and the labels wanted. */
	const char *no_product = "不合格产品\n"
				 "1 生产企业名称:七台河市丁厂\n"
				 "不合格项目:过滤效率\n"
				 "2 生产企业名称:七台河市戊厂\n"
				 "不合格项目:过滤效率\n";
	memset(&err, 0, sizeof(err));
	assert_int_equal(import_as(f, no_product, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2: failures written as records"));
	assert_non_null(strstr(err.msg, "产品名称"));
	qc_sampling_report_release(&rep);
}

/* Records whose number is a field of its own (序号:1, 编号:2), their
 * labels read through the catalogue as headings are (生产单位名称 with
 * a word before it is the producer, 抽样地点 the sampled unit's place);
 * a label the catalogue does not know (处理情况) ends the value above
 * it. */
static void records_numbered_by_a_field(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "县",
					     .date = "2021年" };
	char buf[256];
	const char *csv = "七台河市抽查发现的不合格产品如下。\n"
			  "序号:1\n"
			  "样品名称:电水壶\n"
			  "被抽样单位名称:七台河市甲商店\n"
			  "标示生产单位名称:江门市乙电器厂\n"
			  "抽样地点:桃山区\n"
			  "处理情况:已立案\n"
			  "不合格项目:泄漏电流\n"
			  "编号:2\n"
			  "样品名称:电饭锅\n"
			  "被抽样单位名称:七台河市丙商店\n"
			  "标示生产单位名称:七台河市丁电器厂\n"
			  "不合格项目:温升\n";

	import_ok(f, csv, &o);
	assert_int_equal(count_rows(f->s, "sampling_results"), 2);
	field_of(f,
		 "sampled_unit || '|' || product || '|' || failed_items || "
		 "'|' || region_code || '|' || sampled_address",
		 "enterprise_name = '江门市乙电器厂'", buf, sizeof(buf));
	assert_string_equal(buf,
			    "七台河市甲商店|电水壶|泄漏电流|440700|桃山区");
	field_of(f, "sampled_unit || '|' || product || '|' || failed_items",
		 "enterprise_name = '七台河市丁电器厂'", buf, sizeof(buf));
	assert_string_equal(buf, "七台河市丙商店|电饭锅|温升");
}

/* A row that dropped a cell in its middle but kept the separators to
 * the header's width (an empty last cell): its cells do not fit their
 * columns (不合格 under 生产日期, a laboratory under 不合格项目), so it
 * is placed by their kinds as a short row is; a full-width row ending
 * in an empty cell whose cells fit is read as written; where the
 * dropped cell cannot be told, the row is refused, naming its line. */
static void padded_row_short_in_its_middle(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2021年" };
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	char buf[256];
	const char *csv =
		"电器产品质量监督抽查结果,,,,,,,\n"
		"序号,产品名称,生产企业名称,规格型号,生产日期,检验结论,"
		"不合格项目,检验机构\n"
		"1,电水壶,七台河市甲电器有限公司,1.5L,2021-03-01,不合格,"
		"泄漏电流,七台河市质量检验所\n"
		"2,电饭锅,江门市乙电器有限公司,3L,不合格,温升,"
		"七台河市质量检验所,\n"
		"3,电热毯,七台河市丙电器有限公司,1.5m,2021-04-01,合格,,\n";

	import_ok(f, csv, &o);
	assert_int_equal(count_rows(f->s, "sampling_results"), 3);
	field_of(f,
		 "product || '|' || spec || '|' || passed || '|' || "
		 "failed_items || '|' || testing_body",
		 "enterprise_name = '江门市乙电器有限公司'", buf, sizeof(buf));
	assert_string_equal(buf, "电饭锅|3L|0|温升|七台河市质量检验所");
	field_of(f, "passed || '|' || sampled_on",
		 "enterprise_name = '七台河市丙电器有限公司'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "1|2021-01-01");

	/* 商标 or 型号 dropped: which cannot be told from the cells. */
	const char *unsure =
		"电器产品质量监督抽查结果,,,,,,\n"
		"序号,产品名称,商标,规格型号,生产企业名称,检验结论,"
		"不合格项目\n"
		"1,电水壶,甲牌,KX-15,七台河市甲电器有限公司,不合格,泄漏电流\n"
		"2,电饭锅,KX-30,江门市乙电器有限公司,不合格,温升,\n";
	assert_int_equal(import_as(f, unsure, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 4"));
	assert_non_null(strstr(err.msg, "江门市乙电器有限公司"));
	qc_sampling_report_release(&rep);

	/* A full row with an empty 备注 whose maker's name reads as
	 * something else by its words (菌): no placing fits better, so it
	 * is read as written, not refused. */
	const char *full =
		"食品监督抽检结果,,,,,,\n"
		"序号,企业名称,产品名称,规格型号,生产日期,检验结果,备注\n"
		"1,鸿运菌业,香菇,500g,2020-01-01,合格,\n"
		"2,七台河市丁食品厂,木耳,250g,2020-02-01,合格,\n";
	import_ok(f, full, &o);
	field_of(f, "product || '|' || spec || '|' || passed",
		 "enterprise_name = '鸿运菌业'", buf, sizeof(buf));
	assert_string_equal(buf, "香菇|500g|1");
}

/* 生产企业 over 名称 and 地址, 受检单位 over 名称 and 地址, the page's
 * sub-headings on a row of their own at its start, or in place under
 * units written once: each unit's heading read as its sub-headings, the
 * rows below read in place. */
static void unit_sub_headings_on_a_row(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "黑龙江省",
					     .level = "省",
					     .date = "2021年" };
	char buf[256];
	const char *csv =
		"不合格产品信息,,,,,,\n"
		"序号,产品名称,生产企业,受检单位,不合格项目,,\n"
		"名称,地址,名称,地址,,,\n"
		"1,酱油,甲酱油厂,江门市某路1号,乙超市,七台河市桃山区某路"
		"2号,氨基酸态氮\n";

	import_ok(f, csv, &o);
	assert_int_equal(count_rows(f->s, "sampling_results"), 1);
	field_of(f,
		 "enterprise_name || '|' || region_code || '|' || sampled_unit"
		 " || '|' || sampled_address || '|' || failed_items",
		 "product = '酱油'", buf, sizeof(buf));
	assert_string_equal(buf, "甲酱油厂|440700|乙超市|七台河市桃山区某路2号|"
				 "氨基酸态氮");

	/* Written in place under units written once, a blank cell after
	 * each: the blank's sub-heading is its unit's (受检单位地址, not the
	 * producer's 地址). */
	const char *in_place =
		"不合格产品信息,,,,,,\n"
		"序号,产品名称,生产企业,,受检单位,,不合格项目\n"
		",,名称,地址,名称,地址,\n"
		"1,醋,丙醋厂,江门市某路3号,丁超市,七台河市桃山区某路4号,"
		"总酸\n";
	import_ok(f, in_place, &o);
	field_of(f,
		 "enterprise_name || '|' || region_code || '|' || sampled_unit"
		 " || '|' || sampled_address",
		 "product = '醋'", buf, sizeof(buf));
	assert_string_equal(buf, "丙醋厂|440700|丁超市|七台河市桃山区某路4号");
}

/* A list of failures with no result column whose row is short of its
 * 生产日期 cell, as the twelfth batch's 125 is: its failed items (标签,
 * 酒精度) would sit under 生产日期 and the row count as a pass; they are
 * placed by their kind under 主要不合格项目. */
static void short_row_items_under_a_date(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2006" };
	char buf[256];

	import_ok(f,
		  "黄酒质量较差产品名单,,,,\n"
		  "企业名称,产品名称,规格,生产日期,主要不合格项目\n"
		  "七台河市甲酒厂,甲牌黄酒,500mL,2006-02-01,总酸\n"
		  "七台河市乙酒厂,乙牌黄酒,500mL,\"酒精度,标签\"\n"
		  "七台河市丙酒厂,丙牌黄酒,500mL,标签\n",
		  &o);
	field_of(f, "passed || '|' || failed_items || '|' || COALESCE(lot, '')",
		 "product = '乙牌黄酒'", buf, sizeof(buf));
	assert_string_equal(buf, "0|酒精度,标签|");
	field_of(f, "passed || '|' || failed_items || '|' || COALESCE(lot, '')",
		 "product = '丙牌黄酒'", buf, sizeof(buf));
	assert_string_equal(buf, "0|标签|");
}

/* A record's second failed item on a row of its own, in the cells of
 * the items, their limits and their values (the record's other cells
 * merged over both rows): the record's, not a record. */
static void failed_item_on_its_own_row(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2010" };
	char buf[256];

	import_ok(f,
		  "部分质量不合格的食品名单,,,,,,,\n"
		  "食品名称,商标,标称生产企业,生产日期或批号,规格,不合格项目,"
		  "标准值,实测值\n"
		  "甲蜂蜜,甲牌,七台河市甲蜂业有限公司,20100527,500g,果糖含量,"
		  "≥60,50\n"
		  "蔗糖含量,≤5,9\n"
		  "乙蜂蜜,乙牌,七台河市乙蜂业有限公司,20100528,500g,蔗糖含量,"
		  "≤5,8\n",
		  &o);
	field_of(f, "COUNT(*)", "1 = 1", buf, sizeof(buf));
	assert_string_equal(buf, "2");
	field_of(f, "failed_items", "product = '甲蜂蜜'", buf, sizeof(buf));
	assert_string_equal(buf, "果糖含量、蔗糖含量");
	field_of(f, "failed_items", "product = '乙蜂蜜'", buf, sizeof(buf));
	assert_string_equal(buf, "蔗糖含量");
}

/* 产品规格 is the spec (山东省质监局 2011, beside 品名). */
static void product_spec_heading(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2011" };
	char buf[256];

	import_ok(f,
		  "企业名称,品名,商标,产品规格,生产日期,不合格项目\n"
		  "七台河市甲面粉厂,特一粉,甲牌,25kg/袋,2011-09-04,标签\n",
		  &o);
	field_of(f, "COALESCE(spec, '')", "product = '特一粉'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "25kg/袋");
}

/* A row whose page left its product cell empty (table 143) is of the
 * product the title names, after its year and place; a title naming
 * none still refuses it. */
static void empty_product_named_by_the_title(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市" };
	char buf[256];

	import_ok(f,
		  "2013年七台河市电热毯产品质量监督抽查不合格产品名单,,,,\n"
		  "企业名称,产品名称,规格,生产日期,不合格项目\n"
		  "七台河市甲电器厂,甲牌电热毯,60W,2013-02-01,温升\n"
		  "七台河市乙电器厂,,60W,2013-03-01,标志\n",
		  &o);
	field_of(f, "product || '|' || passed",
		 "enterprise_name = '七台河市乙电器厂'", buf, sizeof(buf));
	assert_string_equal(buf, "电热毯|0");
	field_of(f, "product", "enterprise_name = '七台河市甲电器厂'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "甲牌电热毯");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(two_tables_in_one_file,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(row_lost_leading_cells,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(place_beside_two_parties,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(records_one_field_a_line,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(records_numbered_by_a_field,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(padded_row_short_in_its_middle,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(short_row_items_under_a_date,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(failed_item_on_its_own_row,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(product_spec_heading,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(unit_sub_headings_on_a_row,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(empty_product_named_by_the_title,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
