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

static void row_is(struct fixture *f, const char *what, const char *where,
		   const char *want)
{
	char buf[512];
	field_of(f, what, where, buf, sizeof(buf));
	assert_string_equal(buf, want);
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
	row_is(f, who, "product = '台灯'",
	       "七台河市某灯具有限公司|230900|新兴区某灯饰店|");
	row_is(f, who, "product = '吸顶灯'",
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
	row_is(f, "region_code", "product = '口罩甲'", "320583");
	row_is(f, "region_code", "product = '口罩乙'", "230900");
	row_is(f, "region_code", "product = '口罩丙'", "440700");
	row_is(f, "region_code", "product = '口罩丁'", "440700");
	row_is(f, "region_code", "product = '口罩戊'", "440700");
	row_is(f, "region_code", "product = '口罩己'", "230903");

	/* The address says more than the brackets. */
	import_ok(f,
		  "口罩抽查不合格产品名单,,,\n"
		  "序号,产品名称,标称生产单位名称,标称生产单位地址\n"
		  "1,口罩庚,某医疗(昆山)有限公司,七台河市桃山区某路1号\n",
		  &o);
	row_is(f, "region_code", "product = '口罩庚'", "230903");
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
	row_is(f, what, "enterprise_name = '七台河市某电器有限公司'",
	       "LED台灯|灯具");
	import_ok(f,
		  "不合格产品信息,,,,\n"
		  "序号,标称生产企业名称,食品名称,不合格项目,分类\n"
		  "1,七台河市某酒业有限公司,白酒,酒精度,酒类\n",
		  &o);
	row_is(f, what, "enterprise_name = '七台河市某酒业有限公司'",
	       "白酒|酒类");
	import_ok(f,
		  "不合格产品信息,,,\n"
		  "序号,产品类别,生产企业名称,不合格项目\n"
		  "1,电线电缆,七台河市某电缆有限公司,导体电阻\n",
		  &o);
	row_is(f, what, "enterprise_name = '七台河市某电缆有限公司'",
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
