/* Published tables laid out as the fifteenth held-out batch showed them,
 * made by hand for each class it left (docs/registry.md "Fifteenth
 * held-out batch"): a title's month with a space before 年; the seller
 * headed 流通企业名称; a producer named by a district of another
 * province. And three small classes known before: a group row without
 * its number; a group of what is left (一、其他); 乾 in a name read in
 * traditional characters. */
#include "testutil.h"
#include "sampling_util.h"

/* Every table here: a provincial one of 七台河市 unless it says. */
static const struct qc_sampling_import_opts o_qth = { .region = "七台河市",
						      .level = "省" };
static const struct qc_sampling_import_opts o_dated = { .region = "七台河市",
							.level = "省",
							.date = "2024-03-01" };

/* 吉林省工商局 2011: "2011 年05 月份 …名单", a space before 年 and
 * before the month: the month, not the year the file name gives. */
static void title_month_after_a_space(void **state)
{
	struct fixture *f = *state;

	import_ok(f,
		  "2011 年05 月份 小食品抽样检验不合格食品及被抽检人名单,,\n"
		  "样品名称,被抽检人,标称生产企业\n"
		  "辣花萝卜,桃山区某超市,七台河市某食品厂\n",
		  &o_qth);
	field_is(f, "sampled_on || '|' || date_precision",
		 "product = '辣花萝卜'", "2011-05-01|month");
}

/* 郑州市 2021: 流通企业名称 and 流通企业地址 beside 生产企业名称: the
 * seller is the sampled unit and its address the sampled unit's, not
 * a second producer's column left unread. */
static void circulation_enterprise_is_the_seller(void **state)
{
	struct fixture *f = *state;

	import_ok(f,
		  "序号,生产企业名称,生产企业地址,流通企业名称,流通企业地址,"
		  "产品名称,结论(合格/不合格),主要不合格项目\n"
		  "1,七台河市甲塑料厂,七台河市桃山区某路1号,某农资店,"
		  "桃山区某路2号,农用地膜,不合格,厚度\n",
		  &o_dated);
	field_is(f,
		 "enterprise_name || '|' || sampled_unit || '|' || "
		 "sampled_address",
		 "product = '农用地膜'",
		 "七台河市甲塑料厂|某农资店|桃山区某路2号");
}

/* 上海市 2017: a producer named by a district of another province in
 * full (潮安区彩塘镇…) is that district's, as a county-level city of
 * another province already was; 甘肃省 2011: or by the 县 it was
 * before it became one (潮安县…), a name no county bears now; a 县 of
 * another province opening the name in full is that county (饶平县…, as
 * 城口县 in test_sampling_names; the --region before the twentieth
 * batch). */
static void district_of_another_province(void **state)
{
	struct fixture *f = *state;

	add_divisions(f, "gd", "[{\"code\":\"44\",\"name\":\"广东省\"}]",
		      "[{\"code\":\"4451\",\"name\":\"潮州市\","
		      "\"provinceCode\":\"44\"}]",
		      "[{\"code\":\"445103\",\"name\":\"潮安区\","
		      "\"cityCode\":\"4451\",\"provinceCode\":\"44\"},"
		      "{\"code\":\"445122\",\"name\":\"饶平县\","
		      "\"cityCode\":\"4451\",\"provinceCode\":\"44\"}]");
	import_ok(f,
		  "不合格产品和企业名单,,,\n"
		  "序号,受检产品,生产企业,受检企业,不合格项目\n"
		  "1,汤盆,潮安区彩塘镇某五金制品厂,七台河市某超市,标识\n"
		  "2,汤勺,饶平县某五金厂,七台河市某超市,标识\n"
		  "3,电水壶,潮安县彩塘某不锈钢制品厂,七台河市某超市,标识\n",
		  &o_dated);
	field_is(f, "region_code", "product = '汤盆'", "445103");
	field_is(f, "region_code", "product = '电水壶'", "445103");
	field_is(f, "region_code", "product = '汤勺'", "445122");
}


static const char *const category =
	"COALESCE((SELECT name FROM product_categories c WHERE c.id = "
	"category_id), '')";

/* A group row written without its number in the 序号 column
 * (食用农产品,,,,) names the category of the rows under it, as
 * 一、食用农产品 does; a group of what is left (一、其他, 其它产品)
 * ends the group above and makes no category of the word. */
static void group_rows_without_number_or_category(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv = "序号,产品名称,标称生产企业名称,分类,检验结论\n"
			  "食用农产品,,,,\n"
			  "1,大白菜,七台河市甲农业有限公司,,合格\n"
			  "一、其他,,,,\n"
			  "2,芹菜,七台河市乙农业有限公司,,合格\n"
			  "其它产品,,,,\n"
			  "3,塑料盆,七台河市丙塑料有限公司,,合格\n";

	assert_int_equal(import_as(f, csv, &o_dated, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 3);
	qc_sampling_report_release(&rep);
	field_is(f, category, "product = '大白菜'", "食用农产品");
	field_is(f, category, "product = '芹菜'", "");
	field_is(f, category, "product = '塑料盆'", "");
	field_is(f,
		 "(SELECT COUNT(*) FROM product_categories WHERE name IN "
		 "('其他', '其它产品'))",
		 "product = '大白菜'", "0");
}

/* A table in traditional characters: 乾 is a simplified character too
 * (乾县, 乾宁坊), so a name keeps it where OpenCC writes 干; the items
 * tested are converted (乾燥失重: 干燥失重). */
static void qian_kept_in_names(void **state)
{
	struct fixture *f = *state;

	import_ok(f,
		  "序號,產品名稱,標稱生產企業,被抽樣單位,檢驗結論,主要不合格項目\n"
		  "1,乾寧坊酒,陝西省乾縣某酒廠,七台河市乾豐超市,不合格,"
		  "乾燥失重\n",
		  &o_dated);
	field_is(f,
		 "product || '|' || enterprise_name || '|' || sampled_unit || "
		 "'|' || failed_items",
		 "1 = 1",
		 "乾宁坊酒|陕西省乾县某酒厂|七台河市乾丰超市|干燥失重");
}

/* A record's second and third failed items each on a row of its own
 * (the item, its limit, its value): the record takes both, in order;
 * the record after keeps its own. */
static void several_items_on_rows_of_their_own(void **state)
{
	struct fixture *f = *state;

	import_ok(f,
		  "部分质量不合格的食品名单,,,,,,,\n"
		  "食品名称,商标,标称生产企业,生产日期或批号,规格,不合格项目,"
		  "标准值,实测值\n"
		  "甲蜂蜜,甲牌,七台河市甲蜂业有限公司,20100527,500g,果糖含量,"
		  "≥60,50\n"
		  "蔗糖含量,≤5,9\n"
		  "菌落总数,≤1000,3000\n"
		  "乙蜂蜜,乙牌,七台河市乙蜂业有限公司,20100528,500g,蔗糖含量,"
		  "≤5,8\n",
		  &o_dated);
	field_is(f, "COUNT(*)", "1 = 1", "2");
	field_is(f, "failed_items", "product = '甲蜂蜜'",
		 "果糖含量、蔗糖含量、菌落总数");
	field_is(f, "failed_items", "product = '乙蜂蜜'", "蔗糖含量");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(title_month_after_a_space,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(circulation_enterprise_is_the_seller,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(district_of_another_province,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(
			group_rows_without_number_or_category, fixture_setup,
			fixture_teardown),
		cmocka_unit_test_setup_teardown(qian_kept_in_names,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(several_items_on_rows_of_their_own,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
