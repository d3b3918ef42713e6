/* Rows and headings of published tables that are not what they look
 * like, made by hand for each class (sampling_skip.c): rows inside a
 * table that are not results (a totals row, an end mark, a group row
 * naming a section), while a real row with few cells is still read. */
#include "testutil.h"
#include "sampling_util.h"

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
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2024-03-01" };
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

	assert_int_equal(import_as(f, csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 3);
	assert_int_equal(rep.rejected, 0);
	qc_sampling_report_release(&rep);
	count_is(f, "1 = 1", "3");
	count_is(f, "product = '红糖' AND passed = 0", "1");
	count_is(f, "product LIKE '%领域%' OR product LIKE '%计%'"
		    " OR enterprise_name LIKE '%计%'", "0");
}

/* The words decide, not the number of cells: a row whose first cell is
 * a product named like a section (生产) or a count, with a producer of
 * its own, is a result. */
static void few_cells_still_a_row(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "市",
					     .date = "2024-03-01" };
	import_ok(f,
		  "产品名称,标称生产企业名称,检验结论\n"
		  "合计牌白砂糖,七台河市丁糖业有限公司,合格\n"
		  "生产领域专用砂糖,七台河市戊糖业有限公司,不合格\n",
		  &o);
	count_is(f, "1 = 1", "2");
	count_is(f, "product = '合计牌白砂糖'", "1");
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
