/* Published tables laid out as the eleventh held-out batch showed, made
 * by hand for each class (sampling_map.c, sampling_labels.c,
 * sampling_place.c): two enterprise headings, the bare one first (企业
 * 名称 beside 标称生产企业名称); a place in brackets inside a name
 * (某(昆山)有限公司); a category heading beside the product's name
 * (产品类型 beside 样品名称). */
#include "testutil.h"
#include "sampling_util.h"

/* 江苏省's 苏州市 and its 昆山市, a county-level city. */
static void kunshan(struct fixture *f)
{
	add_divisions(f, "js", "[{\"code\":\"32\",\"name\":\"江苏省\"}]",
		      "[{\"code\":\"3205\",\"name\":\"苏州市\","
		      "\"provinceCode\":\"32\"}]",
		      "[{\"code\":\"320583\",\"name\":\"昆山市\","
		      "\"cityCode\":\"3205\",\"provinceCode\":\"32\"}]");
}

/* A shop as 企业名称 with its credit code, then 标称生产企业名称: the
 * producer is the enterprise, at its own place, and the shop the sampled
 * unit, whose code is not the producer's; where the producer is '/' the
 * shop is the enterprise, with its code. */
static void producer_beside_a_bare_enterprise(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "江门市",
					     .level = "省",
					     .date = "2021-06-01" };
	const char *who = "enterprise_name || '|' || region_code || '|' || "
			  "COALESCE(sampled_unit, '') || '|' || "
			  "COALESCE((SELECT uscc FROM enterprises e WHERE "
			  "e.id = enterprise_id), '')";

	import_ok(f,
		  "灯具产品质量监督抽查不合格情况汇总表,,,,,,\n"
		  "序号,产品名称,企业名称,统一社会信用代码,标称生产企业名称,"
		  "抽查结果,不合格项目\n"
		  "1,台灯,新兴区某灯饰店,92440705123456788F,"
		  "七台河市某灯具有限公司,不合格,标记\n"
		  "2,吸顶灯,新兴区某照明商行,92440705234567894Y,/,不合格,"
		  "结构\n",
		  &o);
	field_is(f, who, "product = '台灯'",
		 "七台河市某灯具有限公司|230900|新兴区某灯饰店|");
	field_is(f, who, "product = '吸顶灯'",
		 "新兴区某照明商行|440705|新兴区某照明商行|"
		 "92440705234567894Y");
}

/* A division's name in a name's brackets, full-width or ASCII, is the
 * enterprise's place when no address or code says more; a word that
 * names no division (中国, 集团), or names two (新兴: 七台河's and 江门's
 * 新兴区), is not; a place the rest of the name gives within it (七台
 * 河市…(桃山)) is kept. */
static void place_in_a_names_brackets(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "江门市",
					     .level = "省",
					     .date = "2020-05-01" };

	kunshan(f);
	import_ok(f,
		  "口罩抽查不合格产品名单,,\n"
		  "序号,产品名称,标称生产单位名称\n"
		  "1,口罩甲,某无纺布（昆山）制品有限公司\n"
		  "2,口罩乙,某钢网(七台河)有限公司\n"
		  "3,口罩丙,某卫材(中国)有限公司\n"
		  "4,口罩丁,某防护(集团)有限公司\n"
		  "5,口罩戊,某纺织(新兴)有限公司\n"
		  "6,口罩己,七台河市某制品(桃山)有限公司\n",
		  &o);
	field_is(f, "region_code", "product = '口罩甲'", "320583");
	field_is(f, "region_code", "product = '口罩乙'", "230900");
	field_is(f, "region_code", "product = '口罩丙'", "440700");
	field_is(f, "region_code", "product = '口罩丁'", "440700");
	field_is(f, "region_code", "product = '口罩戊'", "440700");
	field_is(f, "region_code", "product = '口罩己'", "230903");

	/* The address says more than the brackets. */
	import_ok(f,
		  "口罩抽查不合格产品名单,,,\n"
		  "序号,产品名称,标称生产单位名称,标称生产单位地址\n"
		  "1,口罩庚,某医疗(昆山)有限公司,七台河市桃山区某路1号\n",
		  &o);
	field_is(f, "region_code", "product = '口罩庚'", "230903");
}

/* A category heading (产品类型) beside the name's (样品名称): the name is
 * the product, the category the category, as 分类 beside 食品名称 is; a
 * category heading with no name column beside it names the product. */
static void category_beside_the_name(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "江门市",
					     .level = "省",
					     .date = "2021-06-01" };
	const char *what = "product || '|' || COALESCE((SELECT name FROM "
			   "product_categories c WHERE c.id = category_id), "
			   "'')";

	import_ok(f,
		  "抽查不合格产品信息,,,,,\n"
		  "序号,产品类型,受检单位名称,样品名称,(标称)生产单位名称,"
		  "报告结论\n"
		  "1,灯具,新兴区某五金店,LED台灯,七台河市某电器有限公司,"
		  "不合格\n",
		  &o);
	field_is(f, what, "enterprise_name = '七台河市某电器有限公司'",
		 "LED台灯|灯具");
	import_ok(f,
		  "不合格产品信息,,,,\n"
		  "序号,标称生产企业名称,食品名称,不合格项目,分类\n"
		  "1,七台河市某酒业有限公司,白酒,酒精度,酒类\n",
		  &o);
	field_is(f, what, "enterprise_name = '七台河市某酒业有限公司'",
		 "白酒|酒类");
	import_ok(f,
		  "不合格产品信息,,,\n"
		  "序号,产品类别,生产企业名称,不合格项目\n"
		  "1,电线电缆,七台河市某电缆有限公司,导体电阻\n",
		  &o);
	field_is(f, what, "enterprise_name = '七台河市某电缆有限公司'",
		 "电线电缆|");
}

/* A heading naming a field another column gives (a second name column)
 * is said with the mapping, with the --map that would read it. */
static void a_second_heading_is_said(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "江门市",
					     .level = "省",
					     .date = "2021-06-01" };
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };

	assert_int_equal(import_as(f,
				   "不合格产品信息,,,\n"
				   "序号,产品名称,样品名称,生产企业名称\n"
				   "1,灯具,台灯,七台河市某灯具有限公司\n",
				   &o, &rep, &err),
			 QC_OK);
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "column 3 '样品名称' names the product too"));
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "--map product=3"));
	qc_sampling_report_release(&rep);
}

/* A national list (no --region), as the twelfth batch showed: a county
 * written right after its province, two characters with its 县 (河北省
 * 青县…) or a county-level city without its 市 (湖北枣阳…), a county
 * without its 区 after its prefecture without its 市 (贵阳乌当…), and a
 * county named alone by its full name (灌南县…) are the producers'
 * places; a county's name two provinces hold (新华区) places nothing,
 * and the row is refused. */
static void national_list_places(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .level = "national",
					     .date = "2006" };
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };

	add_divisions(f, "three",
		      "[{\"code\":\"13\",\"name\":\"河北省\"},"
		      "{\"code\":\"32\",\"name\":\"江苏省\"},"
		      "{\"code\":\"41\",\"name\":\"河南省\"},"
		      "{\"code\":\"52\",\"name\":\"贵州省\"},"
		      "{\"code\":\"42\",\"name\":\"湖北省\"}]",
		      "[{\"code\":\"1309\",\"name\":\"沧州市\","
		      "\"provinceCode\":\"13\"},"
		      "{\"code\":\"3207\",\"name\":\"连云港市\","
		      "\"provinceCode\":\"32\"},"
		      "{\"code\":\"4104\",\"name\":\"平顶山市\","
		      "\"provinceCode\":\"41\"},"
		      "{\"code\":\"4206\",\"name\":\"襄阳市\","
		      "\"provinceCode\":\"42\"},"
		      "{\"code\":\"5201\",\"name\":\"贵阳市\","
		      "\"provinceCode\":\"52\"}]",
		      "[{\"code\":\"130902\",\"name\":\"新华区\","
		      "\"cityCode\":\"1309\",\"provinceCode\":\"13\"},"
		      "{\"code\":\"130922\",\"name\":\"青县\","
		      "\"cityCode\":\"1309\",\"provinceCode\":\"13\"},"
		      "{\"code\":\"320724\",\"name\":\"灌南县\","
		      "\"cityCode\":\"3207\",\"provinceCode\":\"32\"},"
		      "{\"code\":\"410402\",\"name\":\"新华区\","
		      "\"cityCode\":\"4104\",\"provinceCode\":\"41\"},"
		      "{\"code\":\"420683\",\"name\":\"枣阳市\","
		      "\"cityCode\":\"4206\",\"provinceCode\":\"42\"},"
		      "{\"code\":\"520112\",\"name\":\"乌当区\","
		      "\"cityCode\":\"5201\",\"provinceCode\":\"52\"}]");
	const char *head =
		"黄酒质量较差产品名单,,,,\n"
		"企业名称,产品名称,规格,生产日期,主要不合格项目\n"
		"河北省青县甲黄酒厂,甲牌黄酒,500mL,2006-02-01,酒精度\n"
		"湖北枣阳乙酒业有限公司,乙牌黄酒,500mL,2006-03-01,"
		"总酸\n"
		"灌南县丙酿酒厂,丙牌黄酒,500mL,2006-04-01,标签\n"
		"贵阳乌当戊酒厂,戊牌黄酒,500mL,2006-06-01,总酯\n"
		"贵阳峡谷己酒厂,己牌黄酒,500mL,2006-07-01,总酯\n";

	import_ok(f, head, &o);
	field_is(f, "region_code", "product = '甲牌黄酒'", "130922");
	field_is(f, "region_code", "product = '乙牌黄酒'", "420683");
	field_is(f, "region_code", "product = '丙牌黄酒'", "320724");
	field_is(f, "region_code", "product = '戊牌黄酒'", "520112");
	field_is(f, "region_code", "product = '己牌黄酒'", "520100");

	char csv[1024];
	snprintf(csv, sizeof(csv),
		 "%s新华区丁酒厂,丁牌黄酒,500mL,2006-05-01,固形物\n", head);
	assert_int_equal(import_as(f, csv, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "--region"));
	qc_sampling_report_release(&rep);
}

/* Three verdict columns (实物质量是否合格, 标识是否合格, 综合判定是否
 * 合格): the overall one is the result, whichever comes first; the
 * others are said, not read. */
static void overall_verdict_over_its_parts(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "江门市",
					     .level = "市",
					     .date = "2012-05-01" };

	import_ok(f,
		  "牙刷产品市监督抽查情况统计表,,,,,\n"
		  "序号,企业名称,产品名称,实物质量是否合格,标识是否合格,"
		  "综合判定是否合格\n"
		  "1,江门市某日化有限公司,软毛牙刷,合格,不合格,不合格\n"
		  "2,江门市另一日化有限公司,儿童牙刷,合格,合格,合格\n",
		  &o);
	field_is(f, "passed", "product = '软毛牙刷'", "0");
	field_is(f, "passed", "product = '儿童牙刷'", "1");
}

/* The thirteenth batch's places: a county after its province without
 * 县 (山东惠民…), within the --region's province; opening a name without
 * 区 and nothing else saying where (沾化某…), only the province (a
 * county's short name alone is no place: test_sampling_places.c); a
 * county-level city of another province written in full (定州市…), which
 * the --region (the authority's) is not. */
static void county_by_short_name_or_elsewhere(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "山东省",
					     .level = "省",
					     .date = "2011" };

	add_divisions(f, "sd",
		      "[{\"code\":\"37\",\"name\":\"山东省\"},"
		      "{\"code\":\"13\",\"name\":\"河北省\"}]",
		      "[{\"code\":\"3716\",\"name\":\"滨州市\","
		      "\"provinceCode\":\"37\"},"
		      "{\"code\":\"1306\",\"name\":\"保定市\","
		      "\"provinceCode\":\"13\"}]",
		      "[{\"code\":\"371621\",\"name\":\"惠民县\","
		      "\"cityCode\":\"3716\",\"provinceCode\":\"37\"},"
		      "{\"code\":\"371603\",\"name\":\"沾化区\","
		      "\"cityCode\":\"3716\",\"provinceCode\":\"37\"},"
		      "{\"code\":\"130682\",\"name\":\"定州市\","
		      "\"cityCode\":\"1306\",\"provinceCode\":\"13\"}]");
	import_ok(f,
		  "不合格产品及企业名单,,,,\n"
		  "企业名称,品名,产品规格,生产日期,不合格项目\n"
		  "山东惠民甲油脂有限公司,香油,227ml/瓶,2011-08-19,酸值\n"
		  "沾化乙食品有限公司,蜜枣,50g/袋,2011-09-05,标签\n"
		  "定州市丙蜂产品厂,蜂蜜,460g/瓶,2011-05-29,蔗糖\n",
		  &o);
	field_is(f, "region_code", "product = '香油'", "371621");
	field_is(f, "region_code", "product = '蜜枣'", "370000");
	field_is(f, "region_code", "product = '蜂蜜'", "130682");
}

/* A party named by its role alone under the producer's heading
 * (经销商:某公司, 经销商地址:某路): the company and its address, without
 * the role. */
static void party_named_by_its_role(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2017" };

	import_ok(f,
		  "不合格产品信息,,,,,,\n"
		  "序号,标称生产企业名称,标称生产企业地址,被抽样单位名称,"
		  "样品名称,生产日期,不合格项目\n"
		  "1,经销商:七台河市甲商贸有限公司,经销商地址:七台河市桃山路1号,"
		  "七台河市乙超市,蜂蜜,2015/9/10,氯霉素\n",
		  &o);
	field_is(f,
		 "enterprise_name || '|' || COALESCE((SELECT address FROM "
		 "enterprises e WHERE e.id = enterprise_id), '')",
		 "product = '蜂蜜'",
		 "七台河市甲商贸有限公司|七台河市桃山路1号");
}

/* A narrow column wraps a name and the page keeps the break as a space
 * (平南县护航 摩托车配件 有限公司, …监督检 验院): the name is one, and
 * the same producer written whole on the next row the same enterprise;
 * a space after a unit's name (…餐厅 南湖店) parts two names, kept. The
 * same with full-width brackets for half-width ones: one enterprise. */
static void names_wrapped_in_their_column(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2023" };

	import_ok(f,
		  "序号,被抽样单位名称,被抽样单位地址,标称生产企业名称,"
		  "样品名称,检验结论,检验机构\n"
		  "1,七台河市甲 车行,七台河市桃山 路1号,七台河市护航 头盔配件 "
		  "有限公司,头盔,合格,七台河市产品质量监督检 验院\n"
		  "2,七台河市乙餐厅 南湖店,七台河市新兴路2号,七台河市护航"
		  "头盔配件有限公司,护具,不合格,七台河市产品质量监督检验院\n"
		  "3,七台河市丙超市,七台河市新兴路3号,丁(中国)头盔有限公司,"
		  "骑行头盔,合格,七台河市产品质量监督检验院\n"
		  "4,七台河市丙超市,七台河市新兴路3号,丁（中国）头盔有限公司,"
		  "儿童头盔,合格,七台河市产品质量监督检验院\n",
		  &o);
	/* 护航 spaced and whole, 丁 with half- and full-width brackets. */
	field_is(f, "COUNT(DISTINCT enterprise_id)", "1 = 1", "2");
	field_is(f, "enterprise_name", "product = '儿童头盔'",
		 "丁(中国)头盔有限公司");
	field_is(f,
		 "enterprise_name || '|' || sampled_unit || '|' || "
		 "sampled_address || '|' || testing_body",
		 "product = '头盔'",
		 "七台河市护航头盔配件有限公司|七台河市甲车行|七台河市桃山路1号|"
		 "七台河市产品质量监督检验院");
	field_is(f, "sampled_unit", "product = '护具'",
		 "七台河市乙餐厅 南湖店");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(producer_beside_a_bare_enterprise,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(place_in_a_names_brackets,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(category_beside_the_name,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(a_second_heading_is_said,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(national_list_places,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(overall_verdict_over_its_parts,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(county_by_short_name_or_elsewhere,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(party_named_by_its_role,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(names_wrapped_in_their_column,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
