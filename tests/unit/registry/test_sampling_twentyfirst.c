/* Lists of failures in the forms the twenty-first held-out batch showed
 * the reader got wrong (docs/registry.md "Twenty-first held-out batch"),
 * each made by hand, with a counter-example that must read as before:
 * units counted, not named (19家销售者销售的); a count of batches before
 * the product; the seller named after the failure of several products;
 * a sample taken from a unit named after its verb (抽查自…的), units
 * listed with their batches; a unit led by its address (位于…的), the
 * product found failing (被检测出…不合格); tableware's pieces before its
 * items; a verb or pronoun before 使用的; a province written in full
 * whose stem is a city's. */
#include "testutil.h"
#include "sampling_util.h"

static const struct qc_sampling_import_opts o_city = { .region = "七台河市",
						       .level = "市",
						       .date = "2024-03-01" };

/* 贵州 2022: the report's 19家销售者销售的20批次产品 names no unit;
 * 标称…生产的1批次…口罩 counts batches before the product. A shop
 * numbered 第1家 is a name, not a count. */
static void counted_units_and_batches(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市流通领域口罩产品质量监督抽查情况\n"
		"本次共对19家销售者销售的20批次产品开展了监督抽查。经检验,发现"
		"3家销售者销售的3批次产品不合格,不合格指标为过滤效率。\n"
		"不合格产品包括,标称七台河市甲防护用品有限公司生产的1批次一次性"
		"防护口罩;标称七台河市乙日用百货有限公司生产的2批次一次性口罩"
		"(非医用)。\n"
		"七台河市第1家超市销售的大米,镉不符合食品安全国家标准规定。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "4");
	field_is(f, "product", "enterprise_name = '七台河市甲防护用品有限公司'",
		 "一次性防护口罩");
	field_is(f, "COUNT(*) || '|' || MIN(product)",
		 "enterprise_name = '七台河市乙日用百货有限公司'",
		 "2|一次性口罩(非医用)");
	field_is(f, "COUNT(*)", "enterprise_name LIKE '%销售者%'", "0");
	field_is(f, "failed_items", "product = '大米'", "镉");
	field_is(f, "sampled_unit", "product = '大米'", "七台河市第1家超市");
}

/* 吉林 2022: products of two producers joined by 、, 标识项目均不合格,
 * 受检单位均为…: the seller of both; one product with 受检单位为…. */
static void seller_named_after_products(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"抽查结果显示,标称七台河市甲印刷有限公司生产的甲作业本(规格型号"
		"182×258mm)、标称七台河市乙文具有限公司生产的乙中性笔(规格型号"
		"RT01),标识项目均不合格,受检单位均为七台河市丙商业有限公司。\n"
		"标称七台河市丁纸品有限公司生产的丁笔记本(规格型号142mm×208mm),"
		"标志、标识项目不合格,受检单位为七台河市戊商业有限公司。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "3");
	field_is(f, "sampled_unit || '|' || spec || '|' || failed_items",
		 "product = '乙中性笔'", "七台河市丙商业有限公司|RT01|标识");
	field_is(f, "sampled_unit || '|' || enterprise_name",
		 "product = '甲作业本'",
		 "七台河市丙商业有限公司|七台河市甲印刷有限公司");
	field_is(f, "sampled_unit || '|' || failed_items",
		 "product = '丁笔记本'", "七台河市戊商业有限公司|标志、标识");
}

/* 辽宁 2022: 抽查自甲的一批次电缆,被抽查出…不合格; 抽查自乙(1批次)、
 * 丙(3批次)的4批次电线电缆产品不合格: a row a batch, no item named
 * (none carried from the line above), the remark after 且 no record. A
 * named product with no item is still refused. */
static void sampled_from_units_listed(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市电线电缆产品质量监督抽查情况\n"
		"抽查自七台河市甲线缆有限公司的一批次一般用途单芯硬导体无护套电缆,"
		"被抽查出绝缘最薄处厚度不合格。\n"
		"抽查自七台河市乙物资经销处(1批次)、七台河市丙机电商行(3批次)的"
		"4批次电线电缆产品不合格,且抽查自七台河市丙机电商行的3批次产品均"
		"标称为同一家企业。\n";
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "5");
	field_is(f, "product || '|' || failed_items",
		 "sampled_unit = '七台河市甲线缆有限公司'",
		 "一般用途单芯硬导体无护套电缆|绝缘最薄处厚度");
	field_is(f, "COUNT(*)", "sampled_unit = '七台河市乙物资经销处'", "1");
	field_is(f,
		 "COUNT(*) || '|' || MAX(product) || '|' || "
		 "COALESCE(MAX(failed_items), '')",
		 "sampled_unit = '七台河市丙机电商行'", "3|电线电缆产品|");

	assert_int_not_equal(
		import_as(f,
			  "七台河市丁超市销售的大米不合格。\n"
			  "七台河市戊超市销售的面粉,镉不符合食品安全国家标准规定。\n",
			  &o_city, &rep, &err),
		QC_OK);
	field_is(f, "COUNT(*)", "product IN ('大米', '面粉')", "0");
}

/* 南昌 2019: ●位于…的甲餐饮店,被检测出消毒餐具不合格; …,其销售的由…
 * 生产的大豆油,被检测出不合格; …的丁肉蟹煲,其销售的…被检测出不合格:
 * the unit its address leads, the product found failing, no item. */
static void unit_led_by_address(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"记者从该局公布的食品抽检信息汇总表(不合格)中发现:\n"
		"●位于七台河市桃山区甲路1号、3号的七台河市甲餐饮店,被检测出消毒"
		"餐具不合格;\n"
		"●位于七台河市桃山区乙路2号的七台河市乙餐饮店,其销售的由七台河市"
		"丙油脂有限公司生产的大豆油,被检测出不合格;\n"
		"●位于七台河市桃山区丁路3号的丁肉蟹煲,其销售的内酯豆腐被检测出"
		"不合格。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "3");
	field_is(f, "product || '|' || sampled_address",
		 "sampled_unit = '七台河市甲餐饮店'",
		 "消毒餐具|七台河市桃山区甲路1号、3号");
	field_is(f, "sampled_unit || '|' || product",
		 "enterprise_name = '七台河市丙油脂有限公司'",
		 "七台河市乙餐饮店|大豆油");
	field_is(f, "product || '|' || sampled_address",
		 "sampled_unit = '丁肉蟹煲'", "内酯豆腐|七台河市桃山区丁路3号");
}

/* 江西 2019: 餐饮具,筷、杯、勺的大肠菌群不符合…: the pieces are the
 * product's; 餐具,铝的残留量超标 names no pieces. */
static void tableware_pieces(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"一、微生物指标问题\n"
		"(一)七台河市甲烧菜馆销售的、标称七台河市乙餐具消毒厂生产的"
		"餐饮具,筷、杯、勺的大肠菌群不符合食品安全国家标准规定。\n"
		"(二)七台河市丙饭店销售的、标称七台河市丁餐具消毒厂生产的"
		"餐具,铝的残留量超标。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "product || '|' || failed_items",
		 "sampled_unit = '七台河市甲烧菜馆'",
		 "餐饮具(筷、杯、勺)|大肠菌群");
	field_is(f, "product || '|' || failed_items",
		 "sampled_unit = '七台河市丙饭店'", "餐具|铝的残留量");
}

/* 兴国县 2025: …整改,确保使用的餐饮具消毒符合… names no unit (确保 is a
 * verb); …寿司店使用的蘸碟 does. */
static void verb_before_use_is_no_unit(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市甲寿司店使用的蘸碟,大肠菌群不符合食品安全国家标准规定。\n"
		"经排查,该批次不合格复用餐饮具是因为该店员工对餐饮具清洗不彻底"
		"等原因造成,该店已整改,确保使用的餐饮具消毒符合国家有关食品安全"
		"标准和规定的要求。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "1");
	field_is(f, "sampled_unit || '|' || product", "1 = 1",
		 "七台河市甲寿司店|蘸碟");
}

/* 吉林 2022: 吉林省多彩…, the province written in full, is not 吉林市,
 * whose stem it shares; 吉林甲…, the stem alone, is as before. */
static void province_in_full_not_city_stem(void **state)
{
	struct fixture *f = *state;
	const struct qc_sampling_import_opts o = { .region = "吉林省",
						   .level = "省",
						   .date = "2022-10-01" };

	add_divisions(f, "jl", "[{\"code\":\"22\",\"name\":\"吉林省\"}]",
		      "[{\"code\":\"2202\",\"name\":\"吉林市\","
		      "\"provinceCode\":\"22\"}]",
		      "[{\"code\":\"220202\",\"name\":\"昌邑区\","
		      "\"cityCode\":\"2202\",\"provinceCode\":\"22\"}]");
	import_ok(f,
		  "不合格产品名单\n"
		  "序号,产品名称,标称生产企业,不合格项目\n"
		  "1,作业本,吉林省甲印刷有限公司,标识\n"
		  "2,胶水,吉林乙化工有限公司,标识\n",
		  &o);
	field_is(f, "region_code", "product = '作业本'", "220000");
	field_is(f, "region_code", "product = '胶水'", "220200");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(counted_units_and_batches,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(seller_named_after_products,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(sampled_from_units_listed,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(unit_led_by_address,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(tableware_pieces, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(verb_before_use_is_no_unit,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(province_in_full_not_city_stem,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
