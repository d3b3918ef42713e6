/* Lists of failures written as sentences in the forms the eighteenth
 * held-out batch left (docs/registry.md "Eighteenth held-out batch",
 * classes 5–8), each made by hand, with a counter-example that must read
 * as before: a report's lead tallying companies over the list; the spec
 * and lot in a bracket of labelled fields after the product, records
 * parted by ';' alone; 生产 with no 的, a stray ')' before a name; a date
 * before 生产的 and a quotation before 分别为, the failure said before the
 * records; products in quotes after 的. */
#include "testutil.h"
#include "sampling_util.h"

static const struct qc_sampling_import_opts o_city = { .region = "七台河市",
						       .level = "市",
						       .date = "2024-03-01" };

/* 市场监管总局 2022 (新京报): a report's lead names no record — its
 * makers are tallies (15家企业生产的, …等公司生产的) — and stays the
 * caption over the list below it. */
static void lead_of_tallies_is_no_record(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"本报讯 本次抽查15家企业生产的20批次产品,发现沙发产品不合格,"
		"七台河市甲家具有限公司等公司生产的产品上榜。\n"
		"不合格名单显示,标称七台河市乙家具有限公司生产的沙发,"
		"产品用料不合格。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*) || '|' || MIN(enterprise_name)", "1 = 1",
		 "1|七台河市乙家具有限公司");
}

/* 莆田 2024, 市场监管总局 2022: records parted by ';' with no comma, each
 * product with a bracket of labelled fields (规格… 批号…, 规格/型号…;生产
 * 日期/批号…) — its spec and lot — and the items right after it; a
 * bracket with no label (蛋糕(原味)) stays in the name. */
static void spec_and_lot_in_brackets(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市产品质量抽查结果\n"
		"抽查发现,七台河市甲日用品有限公司生产的纸碗(规格500mL×20只 "
		"批号20240105)荧光性物质项目不合格;七台河市乙钟表厂生产的挂钟"
		"(规格/型号B2;生产日期/批号2024.01.09)走时误差项目不合格;"
		"七台河市丙食品店销售的蛋糕(原味)菌落总数项目不合格;\n";

	import_ok(f, csv, &o_city);
	field_is(f, "spec || '|' || lot || '|' || failed_items",
		 "product = '纸碗'", "500mL×20只|20240105|荧光性物质");
	field_is(f, "spec || '|' || lot || '|' || failed_items",
		 "product = '挂钟'", "B2|2024.01.09|走时误差");
	field_is(f, "COALESCE(spec, '-') || '|' || failed_items",
		 "enterprise_name = '七台河市丙食品店'", "-|菌落总数");
	field_is(f, "product", "enterprise_name = '七台河市丙食品店'",
		 "蛋糕(原味)");
}

/* 云南 2022: a maker's name then 生产 with no 的 (…有限公司生产腌黄瓜);
 * a closing bracket left before a name; 生产销售的 (the seller made it)
 * and 生产日期 read as before. */
static void made_with_no_de(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市食品安全监督抽检信息通告\n"
		"一、食品添加剂问题\n"
		"七台河市甲食品有限公司生产腌黄瓜,苯甲酸不符合食品安全国家标准"
		"规定。检验机构为七台河市检验所\n"
		")七台河市乙水厂生产的桶装水,铜绿假单胞菌不符合食品安全国家标准"
		"规定。\n"
		"七台河市丙酿造有限公司生产销售的酱油,氨基酸态氮不符合食品安全"
		"国家标准规定。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "3");
	field_is(f, "product || '|' || failed_items || '|' || testing_body",
		 "enterprise_name = '七台河市甲食品有限公司'",
		 "腌黄瓜|苯甲酸|七台河市检验所");
	field_is(f, "product", "enterprise_name = '七台河市乙水厂'", "桶装水");
	field_is(f, "sampled_unit || '|' || product",
		 "enterprise_name = '七台河市丙酿造有限公司'",
		 "七台河市丙酿造有限公司|酱油");
}

/* 昆明 2017: a quotation before 分别为, the failure said before the
 * records (3个批次不合格产品分别为…), each maker with the date it made
 * the product before 生产的 (生产 once more before the date): the date
 * is the lot, the product's bracket part of its name, no items. */
static void date_before_made(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河抽检30批次月饼\n"
		"局长介绍说:「从检验情况来看,今年月饼质量稳定」2个批次不合格产品"
		"分别为七台河市甲食品有限公司2024年8月2日生产的广式月饼(五仁),"
		"七台河市乙食品厂生产2024年8月5日生产的苏式月饼。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*)", "1 = 1", "2");
	field_is(f,
		 "enterprise_name || '|' || lot || '|' || "
		 "COALESCE(failed_items, '-')",
		 "product = '广式月饼(五仁)'",
		 "七台河市甲食品有限公司|2024年8月2日|-");
	field_is(f, "enterprise_name || '|' || lot", "product = '苏式月饼'",
		 "七台河市乙食品厂|2024年8月5日");
}

/* The counter-example: where the failure follows the records, each
 * product's bracket holds its items (香蕉(噻虫嗪)), as before. */
static void bracket_items_after_records(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市甲商店销售的香蕉(噻虫嗪)、七台河市乙蔬菜店销售的生姜"
		"(吡虫啉)不符合食品安全国家标准规定。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "product || '|' || failed_items",
		 "enterprise_name = '七台河市乙蔬菜店'", "生姜|吡虫啉");
}

/* 福建 2017: 分别是: and records joined by 、, each a unit and its
 * product in quotes after 的; quotes inside a name (“乙”牌) are kept. */
static void products_in_quotes(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"抽检8批次产品不合格中,七台河企业有3批次不合格,分别是:"
		"七台河市甲工贸有限公司的“木家具—椅子”、七台河市乙纸业有限公司的"
		"“卷筒卫生纸”、七台河市丙家具厂的“乙”牌书桌。\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*) || '|' || COUNT(failed_items)", "1 = 1", "3|0");
	field_is(f, "product", "enterprise_name = '七台河市甲工贸有限公司'",
		 "木家具—椅子");
	field_is(f, "product", "enterprise_name = '七台河市丙家具厂'",
		 "“乙”牌书桌");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(lead_of_tallies_is_no_record,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(spec_and_lot_in_brackets,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(made_with_no_de, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(date_before_made, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(bracket_items_after_records,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(products_in_quotes,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
