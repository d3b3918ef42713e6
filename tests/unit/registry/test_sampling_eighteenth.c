/* Published lists in the forms the eighteenth held-out batch showed,
 * made by hand for each class it left (docs/registry.md "Eighteenth
 * held-out batch"): characters glossed with their pinyin by a copied
 * page; a list of passes named 合格…及被监测人名单; a row that dropped
 * its date cell, its item (with its unit) under the date; items each
 * with its unit, parted by a space only. */
#include "testutil.h"
#include "sampling_util.h"

static const struct qc_sampling_import_opts o_city = { .region = "七台河市",
						       .level = "市",
						       .date = "2024-03-01" };

/* 武汉 2011 on a mirror: 質(zhì)量, 監(jiān)測(cè), 商業(yè) — pinyin in brackets after
 * characters, in the caption, the headings and the cells; a bracket
 * holding anything else is kept. */
static void pinyin_glosses_dropped(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七臺河市工商行政管理局2011年質(zhì)量監(jiān)測(cè)不合格食品及被監(jiān)測(cè)人名單,,,,\n"
		"序號(hào),樣品名稱,被監(jiān)測(cè)人,標(biāo)稱生產(chǎn)企業(yè),主要不合格項(xiàng)目\n"
		"1,蛋糕(原味),七臺河市甲商業(yè)有限公司,七臺河市乙食品有限公司,"
		"菌落總數(shù)\n";

	import_ok(f, csv, &o_city);
	field_is(f, "enterprise_name || '|' || sampled_unit", "1 = 1",
		 "七台河市乙食品有限公司|七台河市甲商业有限公司");
	field_is(f, "product || '|' || failed_items || '|' || passed", "1 = 1",
		 "蛋糕(原味)|菌落总数|0");
}

/* 武汉 2009: 合格端午节食品及被监测人名单 — what passed, 及, whom, then
 * the list: every row passed (no result column). */
static void passes_named_before_and(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"七台河市工商行政管理局,,,,,\n"
		"2009年2季度质量监测合格端午节食品及被监测人名单,,,,,\n"
		"序号,样品名称,被监测人,标称商标,规格,生产日期或批号\n"
		"1,竹香肉粽,七台河市甲超市,思念,1kg/袋,2009-03-26\n"
		"2,火腿粽,七台河市乙蛋糕店,皇冠,80g/个,2009-04-09\n";

	import_ok(f, csv, &o_city);
	field_is(f, "COUNT(*) || '|' || SUM(passed)", "1 = 1", "2|2");
	field_is(f, "lot", "enterprise_name = '七台河市乙蛋糕店'",
		 "2009-04-09");
}

static const char *const dropped =
	"七台河市工商行政管理局质量监测不合格食品及被监测人信息公示,,,,,,,,,\n"
	"序号,样品名称,被监测人,标称生产企业,标称商标,规格,生产日期 或批号,"
	"主要不合格项目 (单位),不合格项 标准限值,不合格项 检测值\n"
	"1,老面馒头,七台河市甲超市,七台河市乙食品有限公司,——,散装,"
	"甜蜜素(g/kg),不得检出,0.0161,\n"
	"2,蜂蜜蛋糕,七台河市丙量贩店,七台河市丙量贩店,——,散装,"
	"菌落总数(cfu/g) 大肠菌群(MPN/100g),≤1500 ≤30,2600 2400,\n";

/* 武汉 2011: each row drops its date cell, the last left empty: an item
 * written with its unit (甜蜜素(g/kg)) under 生产日期 is out of place,
 * as 菌落总数 is, and the row is placed by its cells' kinds. */
static void row_dropped_its_date_cell(void **state)
{
	struct fixture *f = *state;

	import_ok(f, dropped, &o_city);
	field_is(f, "COALESCE(lot, '-') || '|' || failed_items",
		 "product = '老面馒头'", "-|甜蜜素(g/kg)");
}

/* The same: two items each with its unit in brackets, parted by a space
 * only, are parted by 、 as items are. */
static void items_parted_by_a_space(void **state)
{
	struct fixture *f = *state;

	import_ok(f, dropped, &o_city);
	field_is(f, "failed_items", "product = '蜂蜜蛋糕'",
		 "菌落总数(cfu/g)、大肠菌群(MPN/100g)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pinyin_glosses_dropped,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(passes_named_before_and,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(row_dropped_its_date_cell,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(items_parted_by_a_space,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
