/* Published tables laid out as the eighth held-out batch showed, made by
 * hand for each class (sampling_bare.c, sampling_read.c,
 * sampling_names.c, sampling_place.c, sampling_labels.c): a table with
 * no header, its columns named by the kind of their cells; a period
 * with a space after its year; names around the name (a note in
 * brackets, a distributor and a producer in one cell); a unit's
 * address under its name's heading; places written short (a
 * prefecture after the province's short name, a county without its
 * 区 after its prefecture, a county of two characters, a city with no
 * counties). */
#include "testutil.h"
#include "sampling_util.h"

/* 山东省 with 日照市 and its 莒县, and 广东省's 东莞市, a city with no
 * counties (the division list's areas give it under its own code). */
static void more_regions(struct fixture *f)
{
	add_divisions(f, "more",
		      "[{\"code\":\"37\",\"name\":\"山东省\"},"
		      "{\"code\":\"44\",\"name\":\"广东省\"}]",
		      "[{\"code\":\"3711\",\"name\":\"日照市\","
		      "\"provinceCode\":\"37\"},"
		      "{\"code\":\"4419\",\"name\":\"东莞市\","
		      "\"provinceCode\":\"44\"}]",
		      "[{\"code\":\"371122\",\"name\":\"莒县\","
		      "\"cityCode\":\"3711\",\"provinceCode\":\"37\"},"
		      "{\"code\":\"441900\",\"name\":\"东莞市\","
		      "\"cityCode\":\"4419\",\"provinceCode\":\"44\"}]");
}

static void region_is(struct fixture *f, const char *name, const char *code)
{
	char buf[64], where[256];
	snprintf(where, sizeof(where), "enterprise_name = '%s'", name);
	field_of(f, "region_code", where, buf, sizeof(buf));
	assert_string_equal(buf, code);
}

/* A caption, then rows with no header: the column of names (a company,
 * a shop) is the enterprise, the first column of plain text the
 * product, a column of failed items (亚硝酸盐超标) or verdicts alone the
 * result; a product numbered in its cell (1、木子辣八豆) is the product
 * without its number. Two columns of names (a seller, a producer) cannot
 * be told apart: refused, asking for --map, writing nothing. */
static void no_header_read_by_kind(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省",
					     .date = "2016-03-01" };
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	char buf[128];

	import_ok(f,
		  "不合格产品及生产企业,\n"
		  "塑料购物袋,七台河市某塑料有限公司\n"
		  "女式服装,江门市某服饰有限责任公司\n",
		  &o);
	field_of(f, "product || '|' || passed || '|' || region_code",
		 "enterprise_name = '七台河市某塑料有限公司'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "塑料购物袋|0|230900");
	field_of(f, "product || '|' || passed || '|' || region_code",
		 "enterprise_name = '江门市某服饰有限责任公司'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "女式服装|0|440700");

	import_ok(f,
		  "某区2014年食品安全监督抽检公示,,,\n"
		  "1、木子辣八豆,桃山区某综合商店,亚硝酸盐超标,已下架销毁。\n"
		  "2、鱿鱼,桃山区某综合商店,亚硝酸盐超标,已下架销毁。\n",
		  &o);
	field_of(f, "passed || '|' || failed_items",
		 "product = '木子辣八豆' AND enterprise_name = '桃山区某综合商店'",
		 buf, sizeof(buf));
	assert_string_equal(buf, "0|亚硝酸盐超标");
	field_of(f, "passed || '|' || failed_items", "product = '鱿鱼'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "0|亚硝酸盐超标");

	assert_int_equal(import_as(f,
				   "不合格产品名单,,\n"
				   "电线,七台河市某五金店,江门市某电缆有限公司\n"
				   "电缆,桃山区某建材店,江门市某线缆有限公司\n",
				   &o, &rep, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "--map"));
	field_of(f, "COUNT(*)", "product IN ('电线', '电缆')", buf,
		 sizeof(buf));
	assert_string_equal(buf, "0");
}


/* A title's period with a space after the year (2012年 3季度): the
 * quarter, not the year alone. */
static void period_with_a_space(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省" };
	char buf[64];

	import_ok(f,
		  "2012年 3季度月饼商品抽样检验不合格食品及被抽检人名单,,\n"
		  "样品名称,被抽检人,标称生产企业\n"
		  "五仁月饼,桃山区某超市,七台河市某食品厂\n",
		  &o);
	field_of(f, "sampled_on || '|' || date_precision",
		 "product = '五仁月饼'", buf, sizeof(buf));
	assert_string_equal(buf, "2012-07-01|quarter");
}

/* A note in brackets after a name ((标称), (超市制作生产)) is not the
 * name; a cell naming a distributor and a producer (经销者:…;生产者:…)
 * is the producer's, its address the producer's address; a bracket
 * that is part of a name (某(上海)有限公司) stays. */
static void names_around_the_name(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省",
					     .date = "2022-08-01" };
	char buf[128];

	import_ok(f,
		  "不合格产品名单,,,,\n"
		  "序号,样品名称,标称生产企业名称,标称生产企业地址,被抽样单位\n"
		  "1,月饼,甲食品有限公司(标称),七台河市某路1号,某超市\n"
		  "2,面包,某超市5111店(超市制作生产),七台河市某路2号,"
		  "某超市5111店\n"
		  "3,酥饼,经销者:乙食品有限公司;生产者:乙食品有限公司桃山分公司,"
		  "经销者地址:江门市某路3号;生产者地址:七台河市桃山区某路4号,"
		  "某超市\n"
		  "4,蛋糕,丙(上海)食品有限公司,七台河市某路5号,某超市\n",
		  &o);
	field_of(f, "enterprise_name", "product = '月饼'", buf, sizeof(buf));
	assert_string_equal(buf, "甲食品有限公司");
	field_of(f, "enterprise_name", "product = '面包'", buf, sizeof(buf));
	assert_string_equal(buf, "某超市5111店");
	field_of(f, "enterprise_name || '|' || region_code", "product = '酥饼'",
		 buf, sizeof(buf));
	assert_string_equal(buf, "乙食品有限公司桃山分公司|230903");
	field_of(f, "enterprise_name", "product = '蛋糕'", buf, sizeof(buf));
	assert_string_equal(buf, "丙(上海)食品有限公司");
}

/* A producer's cell naming two roles with a space or a line between
 * them, the producer's written 生产厂家 or 制造商 (生产厂家:甲 出品商家:乙):
 * the producer's; a name holding a space and no role stays whole (the
 * space a wrap's, dropped: test_sampling_roles.c). */
static void roles_without_a_semicolon(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省",
					     .date = "2016-10-01" };
	char buf[128];

	import_ok(f,
		  "不合格产品信息,,,,\n"
		  "序号,食品名称,标称生产企业名称,标称生产企业地址,被抽样单位名称\n"
		  "1,白酒,生产厂家:甲酒业有限公司 出品商家:乙商贸有限公司,"
		  "七台河市桃山区某路1号,某超市\n"
		  "2,米酒,\"制造商：丙酒厂\n经销商：丁商行\",七台河市某路2号,"
		  "某超市\n"
		  "3,黄酒,戊酒业 有限公司,七台河市某路3号,某超市\n",
		  &o);
	field_of(f, "enterprise_name || '|' || region_code", "product = '白酒'",
		 buf, sizeof(buf));
	assert_string_equal(buf, "甲酒业有限公司|230903");
	field_of(f, "enterprise_name", "product = '米酒'", buf, sizeof(buf));
	assert_string_equal(buf, "丙酒厂");
	field_of(f, "enterprise_name", "product = '黄酒'", buf, sizeof(buf));
	assert_string_equal(buf, "戊酒业有限公司");
}

/* A unit's address under its name's heading (销售单位/电商地址) is its
 * address, not a second name column lost. */
static void address_under_the_units_heading(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省",
					     .date = "2021-08-01" };
	char buf[128];

	import_ok(f,
		  "抽查不合格产品信息,,,,\n"
		  "序号,产品具体名称,标称生产企业,销售单位/电商平台,"
		  "销售单位/电商地址\n"
		  "1,微地膜,七台河市某塑业有限公司,某农资有限公司,"
		  "七台河市桃山区某路12号\n",
		  &o);
	field_of(f, "sampled_unit || '|' || sampled_address",
		 "product = '微地膜'", buf, sizeof(buf));
	assert_string_equal(buf, "某农资有限公司|七台河市桃山区某路12号");
}

/* Places written short: a prefecture after the province's short name
 * (黑龙江七台河…); a county without its 区 right after its prefecture
 * (七台河市桃山某街道), never a street named after it (七台河市桃山路);
 * a county of two characters as a name begins (莒县…), not inside one;
 * a city with no counties (东莞市…), which no province lists. */
static void places_written_short(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省",
					     .date = "2021-08-01" };

	more_regions(f);
	import_ok(f,
		  "不合格产品名单,,\n"
		  "序号,产品名称,生产企业,生产企业地址\n"
		  "1,地膜,甲塑业有限公司,黑龙江七台河某工业园区\n"
		  "2,地膜,乙塑业有限公司,七台河市桃山九曲街道1号\n"
		  "3,地膜,丙塑业有限公司,七台河市桃山路2号\n"
		  "4,地膜,庚塑业有限公司,七台河市桃山南路3号\n",
		  &o);
	o.region = "日照市";
	import_ok(f,
		  "不合格产品名单,,\n"
		  "序号,产品名称,生产企业\n"
		  "4,地膜,莒县丁塑业有限公司\n"
		  "5,地膜,七台河市莒县戊塑业有限公司\n"
		  "6,地膜,东莞市己塑业有限公司\n",
		  &o);
	region_is(f, "甲塑业有限公司", "230900");
	region_is(f, "乙塑业有限公司", "230903");
	region_is(f, "丙塑业有限公司", "230900");
	region_is(f, "庚塑业有限公司", "230900"); /* a road, not 桃山区 */
	region_is(f, "莒县丁塑业有限公司", "371122");
	region_is(f, "七台河市莒县戊塑业有限公司", "230900");
	region_is(f, "东莞市己塑业有限公司", "441900");
}

/* Headings whose second line the page dropped: 标称生产企业 written
 * again over addresses is the producer's address, 被抽样单位 again the
 * sampled unit's, 不合格 over failed items the failed items, 生产 over
 * dates the lot. */
static void headings_cut_short(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省",
					     .date = "2022-08-01" };
	char buf[256];

	import_ok(f,
		  "月饼专项监督抽检不合格产品信息,,,,,,,\n"
		  "序号,标称生产企业,标称生产企业,被抽样单位,被抽样单位,样品,"
		  "生产,不合格\n"
		  "1,甲食品有限公司,七台河市桃山区某路4号,某超市,"
		  "江门市某路1号,月饼,2022/7/16,霉菌\n",
		  &o);
	field_of(f,
		 "region_code || '|' || lot || '|' || failed_items || '|' || "
		 "sampled_address",
		 "enterprise_name = '甲食品有限公司'", buf, sizeof(buf));
	assert_string_equal(buf, "230903|2022/7/16|霉菌|江门市某路1号");
}

/* A note under the table written in brackets ((注:本期通告仅代表…),
 * 【说明】…) or in traditional characters (備註:…, 說明:…) is a note,
 * as 注:… is, not a row: the tenth held-out batch (云南 2020) read
 * one as a passing result named for the note. */
static void notes_in_brackets(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省",
					     .date = "2020-04-01" };
	static const char *const notes[] = {
		"(注:本期通告仅代表所抽检样品批次的检验情况),,,\n",
		"（注：以上信息仅指所检项目）,,,\n",
		"【说明】不合格产品已责令下架,,,\n",
		"備註:本表僅代表所抽檢樣品,,,\n",
		"說明:1.檢驗結論,,,\n2.不合格項目,,,\n",
	};
	char csv[512], buf[64];

	for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++) {
		snprintf(csv, sizeof(csv),
			 "标称生产企业名称,食品名称,不合格项目,检验机构\n"
			 "七台河市某糖业有限公司,冰糖%zu,色值,某检验所\n%s",
			 i, notes[i]);
		import_ok(f, csv, &o);
	}
	/* Five rows, each the failure it shows; none named for a note. */
	field_of(f, "COUNT(*)", "1 = 1", buf, sizeof(buf));
	assert_string_equal(buf, "5");
	field_of(f, "COUNT(*)", "failed_items = '色值'", buf, sizeof(buf));
	assert_string_equal(buf, "5");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(no_header_read_by_kind,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(period_with_a_space,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(names_around_the_name,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(roles_without_a_semicolon,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(address_under_the_units_heading,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(headings_cut_short,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(places_written_short,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(notes_in_brackets,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
