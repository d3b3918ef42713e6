/* Lists of failures in the forms the twentieth held-out batch showed
 * the reader got wrong (docs/registry.md "Twentieth held-out batch"),
 * each made by hand, with a counter-example that must read as before:
 * lots and a spec written before the product, batches of one lot in
 * brackets; a record broken over lines; an item's value against its
 * limit with no word of failure; a unit led by its address, tableware
 * it operates; a lead-in before the seller and the producer in the
 * product's bracket; a county whose short name is its city's. */
#include "testutil.h"
#include "sampling_util.h"

static const struct qc_sampling_import_opts o_city = { .region = "七台河市",
						       .level = "市",
						       .date = "2024-03-01" };

/* 宁夏 2018: 抽检的批号为20180525的…水, 批号为20180911(2批次)和批号为
 * 20181018的…: the lots before the product, a batch each; 宁夏 2016:
 * 生产的规格为400g/袋的…, 检出铝的残留量超标. A lot written after the
 * product reads as before. */
static void fields_before_product(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市市场监督管理局食品安全监督抽检信息\n"
		"1.在七台河市甲饮用水有限公司抽检的批号为20240105的甲山泉饮用水"
		"不合格,不合格项目为溴酸盐。检验机构为七台河市检验所。\n"
		"2.在七台河市乙工贸有限公司抽检的批号为20240107(2批次)和批号为"
		"20240109的桶装饮用纯净水不合格,不合格项目均为铜绿假单胞菌。"
		"检验机构为七台河市检验所。\n"
		"3.七台河市丙食品厂2024年1月2日生产的规格为400g/袋的手工粉条,"
		"检出铝的残留量超标。\n"
		"4.在七台河市丁市场抽检的鲜鸡蛋,生产日期为2024年1月3日,恩诺沙星"
		"不符合食品安全国家标准规定。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "6");
	field_is(f, "product || '|' || lot || '|' || failed_items",
		 "enterprise_name = '七台河市甲饮用水有限公司'",
		 "甲山泉饮用水|20240105|溴酸盐");
	field_is(f, "COUNT(*)",
		 "enterprise_name = '七台河市乙工贸有限公司' AND lot = '20240107'",
		 "2");
	field_is(f, "COUNT(*)",
		 "enterprise_name = '七台河市乙工贸有限公司' AND lot = '20240109'",
		 "1");
	field_is(f, "DISTINCT product || '|' || failed_items",
		 "enterprise_name = '七台河市乙工贸有限公司'",
		 "桶装饮用纯净水|铜绿假单胞菌");
	field_is(f,
		 "product || '|' || spec || '|' || lot || '|' || failed_items",
		 "enterprise_name = '七台河市丙食品厂'",
		 "手工粉条|400g/袋|2024年1月2日|铝的残留量");
	field_is(f, "product || '|' || lot", "sampled_unit = '七台河市丁市场'",
		 "鲜鸡蛋|2024年1月3日");
}

/* 宁夏 2016: a record broken over three lines (…生产的规格为65g/包的 /
 * 三元顺饼干,检出 / 二氧化硫残留量超标。) is read joined; a line ending
 * in 的 above a sentence whole on its own line joins nothing. */
static void record_broken_over_lines(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"不合格产品信息如下:\n"
		"饼干1批次:七台河市甲食品厂2024年1月1日生产的规格为65g/包的\n"
		"甲饼干,检出\n"
		"二氧化硫残留量超标。\n"
		"七台河市丙食品厂生产的\n"
		"七台河市丁超市销售的大米,镉不符合食品安全国家标准规定。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "2");
	field_is(f,
		 "product || '|' || spec || '|' || lot || '|' || failed_items",
		 "enterprise_name = '七台河市甲食品厂'",
		 "甲饼干|65g/包|2024年1月1日|二氧化硫残留量");
	field_is(f, "enterprise_name || '|' || failed_items",
		 "product = '大米'", "七台河市丁超市|镉");
}

/* 内蒙古 2017: an item's value against its limit (检出值为…,标准规定
 * 为…) is the failure, no word of failure written; a value with no
 * limit is none. */
static void value_against_limit(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"该局近期抽检糕点123批次,2批次不合格。\n"
		"不合格产品情况:七台河市甲食品有限公司生产的酥油果条,铝的残留量"
		"(干样品,以Al计)检出值为187.4mg/kg,标准规定为100mg/kg。检验机构为"
		"七台河市检验所。\n"
		"七台河市乙蛋糕屋经营的椰蓉面包,酸价(以脂肪计)检出值为7.0mg/g,"
		"标准规定为5mg/g。检验机构为七台河市检测院。\n"
		"七台河市丙食品有限公司生产的桃酥,检出值为0.1mg/kg。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "2");
	field_is(f, "product || '|' || failed_items",
		 "enterprise_name = '七台河市甲食品有限公司'",
		 "酥油果条|铝的残留量(干样品,以Al计)");
	field_is(f, "product || '|' || failed_items || '|' || testing_body",
		 "sampled_unit = '七台河市乙蛋糕屋'",
		 "椰蓉面包|酸价(以脂肪计)|七台河市检测院");
}

/* 新疆 2020: 经营地址为…商铺的…火锅店经营使用的复用餐饮具: the unit
 * after its address, the tableware it operates; a unit whose name holds
 * 经营 reads as before. */
static void address_lead_and_operated_tableware(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"二、其他污染物问题\n"
		"(一)经营地址为七台河市桃山区甲路5号商铺的七台河市甲火锅店经营使用"
		"的复用餐饮具,阴离子合成洗涤剂(以十二烷基苯磺酸钠计)不符合食品安全"
		"国家标准规定。检验机构为七台河市检验所。\n"
		"(二)七台河市乙烤鱼店经营使用的复用餐盘(密胺),大肠菌群不符合食品"
		"安全国家标准规定。检验机构为七台河市检验所。\n"
		"(三)七台河市丙经营部销售的大米,镉不符合食品安全国家标准规定。"
		"检验机构为七台河市检验所。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "sampled_unit || '|' || sampled_address || '|' || product",
		 "enterprise_name = '七台河市甲火锅店'",
		 "七台河市甲火锅店|七台河市桃山区甲路5号商铺|复用餐饮具");
	field_is(f, "sampled_unit || '|' || product",
		 "enterprise_name = '七台河市乙烤鱼店'",
		 "七台河市乙烤鱼店|复用餐盘(密胺)");
	field_is(f, "sampled_unit", "product = '大米'", "七台河市丙经营部");
}

/* 海南 2023: 不合格产品是…销售的食品加工器(…)(标称生产日期/批号:
 * 2023年2月,标称生产企业:…): the lead-in is no part of the seller, the
 * producer the bracket names makes it; a bracket naming no producer
 * leaves the seller the enterprise. */
static void producer_in_bracket(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市流通市场产品质量监督抽查结果\n"
		"不合格产品是七台河市甲商贸有限公司销售的食品加工器(电动料理机)"
		"(标称生产日期/批号:2023年2月,标称生产企业:七台河市乙电器有限公司)。"
		"不合格项目为标志和说明。\n"
		"不合格产品是七台河市丙门窗店销售的智能门锁(标称生产日期/批号:"
		"2021.06.24)。不合格项目为安全性要求(阻燃)。\n";

	import_ok(f, csv, &o_city);
	field_is(f,
		 "sampled_unit || '|' || product || '|' || lot || '|' || "
		 "failed_items",
		 "enterprise_name = '七台河市乙电器有限公司'",
		 "七台河市甲商贸有限公司|食品加工器(电动料理机)|2023年2月|标志和说明");
	field_is(f, "enterprise_name || '|' || lot", "product = '智能门锁'",
		 "七台河市丙门窗店|2021.06.24");
}

/* 新疆 2020: 乌鲁木齐高新技术产业开发区… names 乌鲁木齐市, not
 * 乌鲁木齐县, whose short name is the city's; the county written in
 * full is the county's. */
static void county_named_by_city_stem(void **state)
{
	struct fixture *f = *state;
	const struct qc_sampling_import_opts o = { .region = "新疆维吾尔自治区",
						   .level = "省",
						   .date = "2020-01-19" };

	add_divisions(f, "xj",
		      "[{\"code\":\"65\",\"name\":\"新疆维吾尔自治区\"}]",
		      "[{\"code\":\"6501\",\"name\":\"乌鲁木齐市\","
		      "\"provinceCode\":\"65\"}]",
		      "[{\"code\":\"650104\",\"name\":\"新市区\","
		      "\"cityCode\":\"6501\",\"provinceCode\":\"65\"},"
		      "{\"code\":\"650121\",\"name\":\"乌鲁木齐县\","
		      "\"cityCode\":\"6501\",\"provinceCode\":\"65\"}]");
	import_ok(f,
		  "不合格产品名单\n"
		  "序号,产品名称,标称生产企业,不合格项目\n"
		  "1,馕,乌鲁木齐高新技术产业开发区甲食品厂,菌落总数\n"
		  "2,奶茶,乌鲁木齐县乙乳业有限公司,菌落总数\n"
		  "3,酸奶,乌鲁木齐市新市区丙乳品厂,酵母\n",
		  &o);
	field_is(f, "region_code", "product = '馕'", "650100");
	field_is(f, "region_code", "product = '奶茶'", "650121");
	field_is(f, "region_code", "product = '酸奶'", "650104");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fields_before_product,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(record_broken_over_lines,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(value_against_limit,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(address_lead_and_operated_tableware,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(producer_in_bracket,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(county_named_by_city_stem,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
