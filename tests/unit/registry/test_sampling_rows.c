/* Rows and headings of published tables that are not what they look
 * like, made by hand for each class (sampling_skip.c,
 * sampling_labels.c, sampling_map.c): rows inside a table that are not
 * results (a totals row, an end mark, a group row naming a section),
 * while a real row with few cells is still read; the items tested
 * (检验项目) as the failed items of a failing row. */
#include "testutil.h"
#include "sampling_util.h"

/* Every table here: a municipal one of 七台河市, sampled 2024-03-01. */
static const struct qc_sampling_import_opts o_qth = { .region = "七台河市",
						      .level = "市",
						      .date = "2024-03-01" };

static void count_is(struct fixture *f, const char *where, const char *want)
{
	char buf[64];
	field_of(f, "COUNT(*)", where, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

/* A group row (一、生产领域, （二）流通环节, 生产环节：, 網絡銷售領域
 * written across its merged cells), a totals row (合计,,,,3批次; 總計)
 * and an end mark (——以下空白——, （完）) inside and under a table: none
 * is a result, none stops the import, none is a rejected row; a real
 * row with only its product, producer and result filled is read. */
static void rows_that_are_not_results(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv =
		"序号,产品名称,标称生产企业名称,规格型号,检验结论\n"
		"一、生产领域,,,,\n"
		"1,白砂糖,七台河市甲糖业有限公司,500g,合格\n"
		",红糖,七台河市乙糖业有限公司,,不合格\n"
		"（二）流通环节,,,,\n"
		"生产环节：,,,,\n"
		"網絡銷售領域,網絡銷售領域,網絡銷售領域,網絡銷售領域,網絡銷售領域\n"
		"3,冰糖,七台河市丙糖业有限公司,1kg,合格\n"
		"小计,,,,3批次\n"
		"合计,,,,3批次\n"
		"總計：3批次,,,,\n"
		"——以下空白——,,,,\n"
		"（完）,,,,\n";

	assert_int_equal(import_as(f, csv, &o_qth, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 3);
	assert_int_equal(rep.rejected, 0);
	qc_sampling_report_release(&rep);
	count_is(f, "1 = 1", "3");
	count_is(f, "product = '红糖' AND passed = 0", "1");
	count_is(f,
		 "product LIKE '%领域%' OR product LIKE '%计%'"
		 " OR enterprise_name LIKE '%计%'",
		 "0");
}

/* The words decide, not the number of cells: a row whose first cell is
 * a product named like a section (生产) or a count, with a producer of
 * its own, is a result. */
static void few_cells_still_a_row(void **state)
{
	struct fixture *f = *state;
	import_ok(f,
		  "产品名称,标称生产企业名称,检验结论\n"
		  "合计牌白砂糖,七台河市丁糖业有限公司,合格\n"
		  "生产领域专用砂糖,七台河市戊糖业有限公司,不合格\n",
		  &o_qth);
	count_is(f, "1 = 1", "2");
	count_is(f, "product = '合计牌白砂糖'", "1");
}

/* 检验项目║检验结果║标准值 in a list of failures: the items are the
 * failed items (the value and limit kept with them, as under
 * 不合格项目║检验结果║标准值). */
static void items_tested_in_a_failure_list(void **state)
{
	struct fixture *f = *state;
	import_ok(f,
		  "某市食品安全监督抽检不合格产品信息\n"
		  "序号,标称生产企业名称,食品名称,检验项目║检验结果║标准值\n"
		  "1,七台河市己食品有限公司,饼干,菌落总数║5.2×10⁴CFU/g║≤1.5×10⁴CFU/g\n"
		  "2,七台河市庚食品有限公司,面包,霉菌║250CFU/g║≤150CFU/g\n",
		  &o_qth);
	count_is(f, "passed = 0", "2");
	count_is(f, "failed_items LIKE '菌落总数%'", "1");
	count_is(f, "failed_items LIKE '霉菌%'", "1");
}

/* 检测项目 beside a result column: a failing row's items are its failed
 * items, a passing row has none; beside 检验结果 (the value measured)
 * and 单项判定, the verdict is 单项判定's; 项目名称 in a list whose title
 * says every row failed gives each row's items. */
static void items_tested_beside_a_result(void **state)
{
	struct fixture *f = *state;
	import_ok(f,
		  "产品名称,标称生产企业名称,检测项目,标准要求,判定结论\n"
		  "酱油,七台河市辛调味品厂,氨基酸态氮,≥0.4g/100mL,不合格\n"
		  "食醋,七台河市壬调味品厂,总酸,≥3.5g/100mL,合格\n",
		  &o_qth);
	count_is(f, "failed_items = '氨基酸态氮' AND passed = 0", "1");
	count_is(f,
		 "product = '食醋' AND passed = 1"
		 " AND failed_items IS NULL",
		 "1");
	/* 检验结果 the value measured, 单项判定 the verdict. */
	import_ok(f,
		  "产品名称,标称生产企业名称,检验项目,检验结果,标准值,单项判定\n"
		  "味精,七台河市甲乙调味品厂,谷氨酸钠,95.1%,≥99.0%,不合格\n"
		  "鸡精,七台河市丙丁调味品厂,谷氨酸钠,40.2%,≥35.0%,合格\n",
		  &o_qth);
	count_is(f,
		 "product = '味精' AND passed = 0"
		 " AND failed_items = '谷氨酸钠'",
		 "1");
	count_is(f,
		 "product = '鸡精' AND passed = 1"
		 " AND failed_items IS NULL",
		 "1");
	import_ok(f,
		  "2024年某市产品质量监督抽查不合格产品名单\n"
		  "产品名称,生产企业,项目名称\n"
		  "电水壶,七台河市癸电器有限公司,泄漏电流\n",
		  &o_qth);
	count_is(f,
		 "product = '电水壶' AND passed = 0"
		 " AND failed_items = '泄漏电流'",
		 "1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(rows_that_are_not_results,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(few_cells_still_a_row,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(items_tested_in_a_failure_list,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(items_tested_beside_a_result,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
