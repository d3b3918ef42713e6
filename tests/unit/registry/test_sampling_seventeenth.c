/* Published lists in the forms the seventeenth held-out batch showed,
 * made by hand for each class it left (docs/registry.md "Seventeenth
 * held-out batch"): two lists named good and bad with no header, a
 * record wrapped over two lines; a placeholder of hyphens; a producer
 * named by its place only; a found item's limit in brackets and 检出
 * written twice; a lead-in (分别为) before a sentence's first record. */
#include "testutil.h"
#include "sampling_util.h"

static const struct qc_sampling_import_opts o_city = { .region = "七台河市",
						       .level = "市",
						       .date = "2024-03-01" };

/* 质检总局 2007: 部分质量较好的产品及其企业名单 (passes) and, under it,
 * 部分质量较差的… (failures), no header; a producer, its product and
 * brand a line, or the producer on a line of its own and the rest on
 * the next. */
static void lists_named_good_and_bad(void **state)
{
	struct fixture *f = *state;
	const struct qc_sampling_import_opts o = { .region = "黑龙江省",
						   .level = "省",
						   .date = "2007-10-01" };
	const char *csv = "部分质量较好的产品及其企业名单:,,\n"
			  "七台河市甲眼镜有限公司,,\n"
			  "太阳镜,新姿,\n"
			  "七台河市乙光学有限公司,太阳镜,海豚\n"
			  "七台河市丙眼镜厂,,\n"
			  "太阳镜,保圣,\n"
			  "部分质量较差的产品及其企业名单:,,\n"
			  "七台河市丁眼镜厂,太阳镜,露茜\n"
			  "七台河市戊眼镜厂,,\n"
			  "太阳镜,望宇,\n";

	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	assert_int_equal(import_as(f, csv, &o, &rep, &err), QC_OK);
	/* Said: the rows under the second caption read as it says. */
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "(部分质量较差的产品及其企业名单:)"));
	qc_sampling_report_release(&rep);
	field_is(f, "COUNT(*) || '|' || SUM(passed)", "1 = 1", "5|3");
	field_is(f, "product || '|' || passed",
		 "enterprise_name = '七台河市甲眼镜有限公司'", "太阳镜|1");
	field_is(f, "passed", "enterprise_name = '七台河市丙眼镜厂'", "1");
	field_is(f, "passed", "enterprise_name = '七台河市丁眼镜厂'", "0");
	field_is(f, "product || '|' || passed",
		 "enterprise_name = '七台河市戊眼镜厂'", "太阳镜|0");
	field_is(f, "COUNT(*)", "enterprise_name = '太阳镜'", "0");
}

/* 长春 2011: ---- where the table has nothing, as ——, / and 无 are;
 * any run of dashes, ASCII or wide. */
static void hyphens_are_no_value(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市钢材商品质量监测不合格商品名单,,,,,\n"
		"序号,样品名称,被监测人,标称生产企业,生产日期或批号,"
		"主要不合格项目\n"
		"1,热轧带肋钢筋,七台河市甲钢材经销部,七台河市乙钢铁有限公司,"
		"----,重量偏差\n"
		"2,热轧光圆钢筋,七台河市丙钢材经销部,七台河市乙钢铁有限公司,"
		"———,内径\n"
		"3,冷轧带肋钢筋,七台河市丁钢材经销部,七台河市乙钢铁有限公司,"
		"2011-03,屈服强度\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "lot IS NULL", "2");
	field_is(f, "lot", "product = '冷轧带肋钢筋'", "2011-03");
}

/* 长春 2011: 遼陽 under 标称生产企业 is a place, no producer: the seller
 * the row names is its enterprise. A producer whose name opens with a
 * place stays the producer. */
static void producer_named_by_its_place_only(void **state)
{
	struct fixture *f = *state;
	const char *csv = "七台河市钢材商品质量监测不合格商品名单,,,,\n"
			  "序号,样品名称,被监测人,标称生产企业,主要不合格项目\n"
			  "1,热轧带肋钢筋,七台河市甲钢材经销部,江门,重量偏差\n"
			  "2,热轧光圆钢筋,七台河市乙钢材经销部,江门市,内径\n"
			  "3,冷轧带肋钢筋,七台河市丙钢材经销部,江门钢铁有限公司,"
			  "屈服强度\n";

	import_ok(f, csv, &o_city);
	field_is(f, "enterprise_name || '|' || sampled_unit",
		 "product = '热轧带肋钢筋'",
		 "七台河市甲钢材经销部|七台河市甲钢材经销部");
	field_is(f, "enterprise_name", "product = '热轧光圆钢筋'",
		 "七台河市乙钢材经销部");
	field_is(f, "enterprise_name || '|' || region_code",
		 "product = '冷轧带肋钢筋'", "江门钢铁有限公司|440700");
	field_is(f, "COUNT(*)", "enterprise_name LIKE '江门%'", "1");
}

/* 临沂 2021: …的自消毒勺子,检出大肠菌群、阴离子合成洗涤剂(不得检出):
 * the bracket is the limit, no part of an item; 检出检出 is the verb
 * written twice. A bracket that is part of an item's name stays. */
static void found_items_without_their_limit(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"附:不合格样品名单\n"
		"七台河市甲餐厅店的自消毒勺子,检出大肠菌群、阴离子合成洗涤剂"
		"(不得检出)\n"
		"七台河市乙快餐店的自消毒餐具(碗),检出检出阴离子合成洗涤剂"
		"(不得检出)\n"
		"七台河市丙水产品店的鲤鱼,检出孔雀石绿(≤0.5μg/kg)\n"
		"七台河市丁食品店的面包,检出脱氢乙酸及其钠盐(以脱氢乙酸计)\n";

	import_ok(f, csv, &o_city);
	field_is(f, "failed_items", "product = '自消毒勺子'",
		 "大肠菌群、阴离子合成洗涤剂");
	field_is(f, "failed_items", "product = '自消毒餐具(碗)'",
		 "阴离子合成洗涤剂");
	field_is(f, "failed_items", "product = '鲤鱼'", "孔雀石绿");
	field_is(f, "failed_items", "product = '面包'",
		 "脱氢乙酸及其钠盐(以脱氢乙酸计)");
}

/* 贵州 2019: 分别为A销售的、标称B生产的土豆丝,…: the words leading into
 * the list are no part of the first seller. */
static void lead_in_before_the_first_record(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"3批次食品检出微生物污染问题\n"
		"3批次食品检出微生物污染问题,分别为七台河市甲便利店销售的、标称"
		"七台河市乙食品有限公司生产的土豆丝,七台河市丙超市销售的、标称"
		"七台河市乙食品有限公司生产的土豆片,大肠菌群不符合食品安全国家"
		"标准规定;七台河市丁便利店销售的、标称七台河市戊食品厂生产的"
		"牛肉干,菌落总数不符合产品执行标准规定;\n";

	import_ok(f, csv, &o_city);
	field_is(f, "sampled_unit || '|' || enterprise_name",
		 "product = '土豆丝'",
		 "七台河市甲便利店|七台河市乙食品有限公司");
	field_is(f, "sampled_unit", "product = '土豆片'", "七台河市丙超市");
	field_is(f, "sampled_unit || '|' || failed_items", "product = '牛肉干'",
		 "七台河市丁便利店|菌落总数");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(lists_named_good_and_bad,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(hyphens_are_no_value,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(producer_named_by_its_place_only,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(found_items_without_their_limit,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(lead_in_before_the_first_record,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
