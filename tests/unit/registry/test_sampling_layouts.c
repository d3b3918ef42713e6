/* Published tables laid out as the seventh held-out batch showed, made by
 * hand for each class (sampling_map.c, sampling_read.c, sampling_place.c):
 * a heading over sub-headings that the page wrote on a row of their own
 * (行政区划 over 市 and 县区), rows writing the group apart or merged; a
 * word in brackets inside a heading (受检(样品采集)单位); a producer's
 * county in a province other than --region's (福建省南安市…); a region
 * column naming a prefecture (曲靖) beside a producer whose name gives
 * its county (曲靖市麒麟区…); a county by its former name (湟中县). */
#include "testutil.h"
#include "sampling_util.h"

/* 福建省 with 泉州市 and its 南安市, beside the fixture's provinces. */
static void fujian(struct fixture *f)
{
	add_divisions(f, "fujian", "[{\"code\":\"35\",\"name\":\"福建省\"}]",
		      "[{\"code\":\"3505\",\"name\":\"泉州市\","
		      "\"provinceCode\":\"35\"}]",
		      "[{\"code\":\"350583\",\"name\":\"南安市\","
		      "\"cityCode\":\"3505\",\"provinceCode\":\"35\"},"
		      "{\"code\":\"350502\",\"name\":\"鲤城区\","
		      "\"cityCode\":\"3505\",\"provinceCode\":\"35\"}]");
}

/* 行政区划 over 市 and 县区, the sub-headings on a row of their own at its
 * start: that row is the header's, not data; a row writing the group
 * apart (七台河市, 桃山区) has its cells joined as the sampled unit's
 * place and the rest read in place; a row writing it merged (江门市) is
 * read as written, its empty last cell the page's padding. 行政区划
 * beside a producer is the shop's place, never the producer's region. */
static void sub_headings_on_a_row(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2023年" };
	char buf[256];
	const char *csv =
		"抽检不合格产品信息,,,,,,,\n"
		"序号,行政区划,样品名称,受检(样品采集)单位,标称生产单位,"
		"判定结果,不合格项目,\n"
		"市,县区,,,,,,\n"
		"1,江门市,塑料袋,甲超市,七台河市某塑料厂,不合格,厚度,\n"
		"2,七台河市,桃山区,购物袋,乙超市,江门市某包装有限公司,不合格,"
		"落镖冲击\n";

	if (import_as(f, csv, &o, &rep, &err)) {
		fail_msg("%s", err.msg);
		abort();
	}
	assert_int_equal(rep.imported, 2);
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "'行政区划' → the sampled unit's place"));
	qc_sampling_report_release(&rep);
	field_of(f,
		 "product || '|' || sampled_unit || '|' || sampled_address"
		 " || '|' || region_code || '|' || failed_items || '|' ||"
		 " passed",
		 "enterprise_name = '七台河市某塑料厂'", buf, sizeof(buf));
	assert_string_equal(buf, "塑料袋|甲超市|江门市|230900|厚度|0");
	field_of(f,
		 "product || '|' || sampled_unit || '|' || sampled_address"
		 " || '|' || region_code || '|' || failed_items",
		 "enterprise_name = '江门市某包装有限公司'", buf, sizeof(buf));
	assert_string_equal(buf, "购物袋|乙超市|七台河市桃山区|440700|"
				 "落镖冲击");

	/* Apart or merged is told by the cells, not their count alone: an
	 * apart row with an empty last cell (a pass), and a merged row whose
	 * failed items were split at an unquoted comma (review). */
	const char *by_cells =
		"序号,行政区划,样品名称,受检(样品采集)单位,标称生产单位,"
		"判定结果,不合格项目\n"
		"市,县区,,,,,\n"
		"1,石家庄市,新华区,塑料袋,丙超市,石家庄某塑料厂,合格,\n"
		"2,定州市,塑料袋,甲超市,定州某塑料厂,不合格,厚度,附件\n";
	if (import_as(f, by_cells, &o, &rep, &err)) {
		fail_msg("%s", err.msg);
		abort();
	}
	assert_int_equal(rep.imported, 2);
	qc_sampling_report_release(&rep);
	field_of(f,
		 "product || '|' || sampled_unit || '|' || sampled_address"
		 " || '|' || passed",
		 "enterprise_name = '石家庄某塑料厂'", buf, sizeof(buf));
	assert_string_equal(buf, "塑料袋|丙超市|石家庄市新华区|1");
	field_of(f,
		 "product || '|' || sampled_unit || '|' || sampled_address"
		 " || '|' || passed",
		 "enterprise_name = '定州某塑料厂'", buf, sizeof(buf));
	assert_string_equal(buf, "塑料袋|甲超市|定州市|0");

	/* A row under the header whose cells are no levels of division
	 * is data, as before: here it lacks its product and is refused
	 * (a full row padded by empty cells is read as written). */
	const char *not_levels = "抽检不合格产品信息,,,,,\n"
				 "序号,行政区划,样品名称,受检单位,"
				 "标称生产单位,不合格项目\n"
				 "甲,乙,,,,\n";
	assert_int_equal(import_as(f, not_levels, &o, &rep, &err), QC_EINVAL);
	qc_sampling_report_release(&rep);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "field 'product' (样品名称)"));
}

/* A word in brackets inside a heading is the heading without it when
 * the whole names no field: 受检(样品采集)单位 is the sampled unit. */
static void bracketed_word_in_heading(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2023年" };
	char buf[128];
	const char *csv = "抽检不合格产品信息,,,\n"
			  "序号,样品名称,受检（样品采集）单位,标称生产单位\n"
			  "1,塑料袋,丙超市,七台河市某塑料厂\n";

	import_ok(f, csv, &o);
	field_of(f, "sampled_unit", "enterprise_name = '七台河市某塑料厂'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "丙超市");

	/* A whole that is a heading stays one: 被抽样单位（地址） is the
	 * sampled unit's address, not a second sampled unit (review). */
	const char *whole = "抽检不合格产品信息,,,,\n"
			    "序号,样品名称,被抽样单位,被抽样单位（地址）,"
			    "标称生产单位\n"
			    "1,购物袋,丁超市,七台河市桃山区某路1号,"
			    "七台河市某包装厂\n";
	import_ok(f, whole, &o);
	field_of(f, "sampled_unit || '|' || sampled_address",
		 "enterprise_name = '七台河市某包装厂'", buf, sizeof(buf));
	assert_string_equal(buf, "丁超市|七台河市桃山区某路1号");
}

/* A producer in another province than --region's, named with its
 * province and county (福建省南安市…): the county, not the province; a
 * name giving the province alone keeps the province. */
static void county_of_a_named_province(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省",
					     .date = "2023-07-14" };
	char buf[64];
	const char *csv = "不合格产品名单,,\n"
			  "序号,样品名称,生产企业(标称)\n"
			  "1,消防水带,福建省南安市某消防装备有限公司\n"
			  "2,消防水带,福建省某消防器材有限公司\n";

	fujian(f);
	import_ok(f, csv, &o);
	field_of(f, "region_code",
		 "enterprise_name = '福建省南安市某消防装备有限公司'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "350583");
	field_of(f, "region_code",
		 "enterprise_name = '福建省某消防器材有限公司'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "350000");
}

/* A region column naming a prefecture (江门, 泉州) beside a producer
 * whose name gives a county within it: the county; one naming a place
 * elsewhere does not move the column's region. */
static void region_column_made_precise(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "省",
					     .date = "2011年" };
	char buf[64];
	const char *csv = "调味料产品质量监督抽查产品及其企业名单,,,,\n"
			  "企业名称,所在地,产品名称,抽查结果,主要不合格项目\n"
			  "泉州市鲤城区某调味品厂,泉州,麻辣鲜,不合格,"
			  "大肠菌群\n"
			  "七台河市某食品有限公司,泉州,汤料,合格,/\n";

	fujian(f);
	import_ok(f, csv, &o);
	field_of(f, "region_code", "enterprise_name = '泉州市鲤城区某调味品厂'",
		 buf, sizeof(buf));
	assert_string_equal(buf, "350502");
	field_of(f, "region_code", "enterprise_name = '七台河市某食品有限公司'",
		 buf, sizeof(buf));
	assert_string_equal(buf, "350500");
}

/* A county named as it was before it became a district (西宁市湟中县…,
 * 湟中区 since 2019): the division list's county whose name differs
 * only in that last character, within the prefecture named; a name no
 * county of it had stays the prefecture's. */
static void county_by_its_former_name(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2021年" };
	char buf[64];
	const char *csv = "不合格产品名单,,,\n"
			  "序号,食品名称,标称生产企业名称,标称生产企业地址\n"
			  "1,菜籽油,甲粮油有限公司,七台河市桃山县某村1号\n"
			  "2,菜籽油,乙粮油有限公司,七台河市某某县某村2号\n";

	import_ok(f, csv, &o);
	field_of(f, "region_code", "enterprise_name = '甲粮油有限公司'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "230903");
	field_of(f, "region_code", "enterprise_name = '乙粮油有限公司'", buf,
		 sizeof(buf));
	assert_string_equal(buf, "230900");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sub_headings_on_a_row,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(bracketed_word_in_heading,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(county_of_a_named_province,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(region_column_made_precise,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(county_by_its_former_name,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
