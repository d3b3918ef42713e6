/* Lists of failures in the forms the nineteenth held-out batch showed
 * the reader got wrong (docs/registry.md "Nineteenth held-out batch"),
 * each made by hand, with a counter-example that must read as before:
 * labelled fields with a colon after 为; a seller's column headed by the
 * kind of shop, a row that dropped its producer's cell; a kind's heading
 * before its records and the seller named after the failure; names in
 * quotes after 标称 and a list closed by 等; stalls named by their keeper
 * after their place and the date a product was made; a seller with its
 * batches in brackets and its producer in a clause of its own; a
 * producer named after its autonomous region's short name. */
#include "testutil.h"
#include "sampling_util.h"

static const struct qc_sampling_import_opts o_city = { .region = "七台河市",
						       .level = "市",
						       .date = "2024-03-01" };

/* 广西 2020: 不合格项目为:…, 检验机构为:… — the colon after 为 is no part
 * of the items or the laboratory. */
static void labelled_fields_with_colons(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市食品安全监督抽检信息通告\n"
		"1.七台河市甲超市有限公司销售的“鸡蛋”,不合格项目为:氟苯尼考,"
		"检验结果为:12μg/kg,标准规定:不得检出。检验机构为:七台河市检验所。"
		"\n";

	import_ok(f, csv, &o_city);
	field_is(f, "product || '|' || failed_items || '|' || testing_body",
		 "enterprise_name = '七台河市甲超市有限公司'",
		 "鸡蛋|氟苯尼考|七台河市检验所");
}

/* 南通 2024: the seller's column headed by the kind of shop (市场实体店
 * 名称); a row that dropped its producer's cell keeps its shop as the
 * sampled unit (and its enterprise), not as the producer. */
static void shop_kind_heading(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"不合格产品信息,,,,,,\n"
		"抽查领域,产品名称,规格型号,市场实体店名称,生产企业(标称),"
		"抽查结果,不合格项目\n"
		"实体店,头盔,A3,七台河市甲车行,七台河市乙摩配有限公司,不合格,"
		"吸收碰撞能量性能\n"
		"实体店,头盔,A3 HB-616中,七台河市丙车行,不合格,涉嫌假冒\n";

	import_ok(f, csv, &o_city);
	field_is(f, "sampled_unit || '|' || enterprise_name", "spec = 'A3'",
		 "七台河市甲车行|七台河市乙摩配有限公司");
	field_is(f, "sampled_unit || '|' || enterprise_name",
		 "spec = 'A3 HB-616中'", "七台河市丙车行|七台河市丙车行");
}

/* 福建 2019: each kind's heading before its records (饼干不合格1批次:,
 * 糕点不合格2批次:1、…;2、…), the seller after the failure (销售单位为),
 * the first laboratory that tested it (初检机构为) before the one that
 * tested again. */
static void kind_heading_and_seller_after(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"现将我局食品安全监督抽检信息公布如下:\n"
		"饼干不合格1批次:标称七台河市甲食品有限公司2024年1月2日生产的桃酥,"
		"过氧化值(以脂肪计)不合格,销售单位为七台河市乙超市,初检机构为七台河市"
		"检验所,复检机构为七台河市复检所。\n"
		"糕点不合格2批次:1、标称七台河市丙食品厂2024年1月5日生产的麻花,霉菌"
		"不合格,销售单位为七台河市丁商店,检验机构为七台河市检验所;2、标称七台河市"
		"戊食品有限公司2024年1月6日生产的面包,菌落总数不合格,销售单位为"
		"七台河市己便利店,检验机构为七台河市检验所。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "3");
	field_is(f,
		 "sampled_unit || '|' || lot || '|' || failed_items || '|' || "
		 "testing_body",
		 "enterprise_name = '七台河市甲食品有限公司'",
		 "七台河市乙超市|2024年1月2日|过氧化值(以脂肪计)|七台河市检验所");
	field_is(f, "sampled_unit || '|' || product",
		 "enterprise_name = '七台河市丙食品厂'", "七台河市丁商店|麻花");
	field_is(f, "sampled_unit || '|' || product",
		 "enterprise_name = '七台河市戊食品有限公司'",
		 "七台河市己便利店|面包");
}

/* 南宁 2021: 不合格食品包括: then producers and products in quotes
 * (标称“…”生产的“…”), the list closed by 等; a grade (优等) is no
 * 等. */
static void names_in_quotes(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市食品抽检信息通告\n"
		"不合格食品包括:标称“七台河市甲食品有限公司”生产的“云片糕”,标称"
		"“七台河市乙食品厂”生产的“月饼”等。\n"
		"七台河市丙米业有限公司生产的大米优等,镉不合格。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "3");
	field_is(f, "product", "enterprise_name = '七台河市甲食品有限公司'",
		 "云片糕");
	field_is(f, "product", "enterprise_name = '七台河市乙食品厂'", "月饼");
	field_is(f, "product", "enterprise_name = '七台河市丙米业有限公司'",
		 "大米优等");
}

/* 南宁 2021, 广西 2020: a stall named by its keeper in quotes after its
 * market (在…蔬菜行“张三”抽检的), or after the stall's number (…路8号
 * 蔬菜行3号李四销售的): the keeper is the unit, the place its address;
 * 生产日期为… the lot. A shop after a number (…路9号丁超市) stays whole. */
static void stalls_by_keeper(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市食品安全监督抽检信息通告\n"
		"1.在七台河市桃山区甲农贸市场蔬菜行“张三”抽检的“生姜”,生产日期为"
		"2024年01月02日,铅(以Pb计)不符合食品安全国家标准规定。\n"
		"2.在桃山区“七台河市乙水产行”抽检的“泥鳅”,恩诺沙星不符合食品安全"
		"国家标准规定。\n"
		"3.七台河市桃山区新华路8号蔬菜行3号李四销售的“黄瓜”,不合格项目为:"
		"毒死蜱。\n"
		"4.七台河市桃山区新华路9号丁超市销售的“芹菜”,不合格项目为:毒死蜱。"
		"\n";

	import_ok(f, csv, &o_city);
	field_is(f, "sampled_address || '|' || lot", "enterprise_name = '张三'",
		 "七台河市桃山区甲农贸市场蔬菜行|2024年01月02日");
	field_is(f, "sampled_address || '|' || product",
		 "enterprise_name = '七台河市乙水产行'", "桃山区|泥鳅");
	field_is(f, "sampled_address || '|' || product",
		 "enterprise_name = '李四'",
		 "七台河市桃山区新华路8号蔬菜行3号|黄瓜");
	field_is(f, "COALESCE(sampled_address, '-') || '|' || product",
		 "enterprise_name = '七台河市桃山区新华路9号丁超市'", "-|芹菜");
}

/* 黑龙江 2022: a report's lead counting batches and units (no header),
 * then sellers each with its batches in brackets and its producer in a
 * clause of its own, no product: refused naming --product without it,
 * as many rows as the batches with it. */
static void seller_batches_producer_clause(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = o_city;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	char buf[64];
	const char *csv =
		"七台河抽查20批次电线电缆 3批次不合格\n"
		"抽样的20批次产品中,共抽查出流通领域的2家经销单位的3批次产品"
		"不合格,不合格率15%。分别为:\n"
		"七台河市甲五金商店(2批次),不合格产品标称生产企业均为七台河市乙线缆"
		"有限公司。\n"
		"七台河市丙电料商店(1批次),不合格产品标称生产企业为七台河市丁电缆厂。"
		"\n";

	assert_int_equal(import_as(f, csv, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "--product"));
	qc_sampling_report_release(&rep);
	field_of(f, "COUNT(*)", "1 = 1", buf, sizeof(buf));
	assert_string_equal(buf, "0");

	o.product = "电线电缆";
	import_ok(f, csv, &o);
	field_is(f,
		 "COUNT(*) || '|' || MIN(sampled_unit) || '|' || MIN(product)",
		 "enterprise_name = '七台河市乙线缆有限公司'",
		 "2|七台河市甲五金商店|电线电缆");
	field_is(f, "sampled_unit", "enterprise_name = '七台河市丁电缆厂'",
		 "七台河市丙电料商店");
}

/* 南宁 2021 (广西南宁麦朵朵…), 质检总局 2008 (广西玉林…): a prefecture
 * named by its first characters after an autonomous region's short name
 * (广西, 宁夏, 内蒙古) is the producer's region, not the region's; the
 * province written in full reads as before. */
static void autonomous_region_short_name(void **state)
{
	struct fixture *f = *state;
	const char *csv = "不合格产品名单\n"
			  "序号,产品名称,生产企业,不合格项目\n"
			  "1,枸杞,宁夏中卫甲枸杞有限公司,霉菌\n"
			  "2,大米,宁夏回族自治区乙米业有限公司,镉\n";

	import_ok(f, csv, &o_city);
	field_is(f, "region_code", "product = '枸杞'", "640500");
	field_is(f, "region_code", "product = '大米'", "640000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(labelled_fields_with_colons,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(shop_kind_heading,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(kind_heading_and_seller_after,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(names_in_quotes, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(stalls_by_keeper, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(seller_batches_producer_clause,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(autonomous_region_short_name,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
