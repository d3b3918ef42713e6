/* The strict number parser: the whole string, range-checked, no wrap;
 * and the name tables every _parse reads (qc_name_index). */
#include "testutil.h"
#include "qcity/doc.h"
#include "qcity/indicator.h"
#include "qcity/names.h"
#include "qcity/num.h"
#include "qcity/plan_edit.h"

static void whole_numbers_in_range(void **state)
{
	(void)state;
	int64_t v = 42;
	int y = 0;
	assert_true(qc_parse_int64("2019", 1990, 2100, &v));
	assert_int_equal(v, 2019);
	assert_true(qc_parse_int64("-7", -10, 10, &v));
	assert_int_equal(v, -7);
	assert_true(qc_parse_int64("+7", -10, 10, &v));
	assert_int_equal(v, 7);
	assert_true(qc_parse_int64("9223372036854775807", 0, INT64_MAX, &v));
	assert_true(v == INT64_MAX);
	assert_true(qc_parse_int64("-9223372036854775808", INT64_MIN, 0, &v));
	assert_true(v == INT64_MIN);
	assert_true(qc_parse_int("0100", 0, 1000, &y));
	assert_int_equal(y, 100);
}

static void refused_whole(void **state)
{
	(void)state;
	static const char *bad[] = {
		"",
		"-",
		"+",
		" 7",
		"7 ",
		"12abc",
		"' OR 1=1--",
		"0x10",
		"1e3",
		"2019.0",
		"--1",
		"9223372036854775808",
		"-9223372036854775809",
		"99999999999999999999999",
		"１２",
	};
	int64_t v = 42;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(qc_parse_int64(bad[i], INT64_MIN, INT64_MAX, &v));
		assert_int_equal(v, 42); /* untouched on refusal */
	}
	assert_false(qc_parse_int64(NULL, 0, 1, &v));
	assert_false(qc_parse_int64("1989", 1990, 2100, &v));
	assert_false(qc_parse_int64("2101", 1990, 2100, &v));
	int n = 5;
	assert_false(qc_parse_int("3000000000", INT32_MIN, INT32_MAX, &n));
	assert_int_equal(n, 5);
}

static void name_tables(void **state)
{
	(void)state;
	static const char *const names[] = { "level", "cumulative", "flow" };
	assert_int_equal(QC_NAME_INDEX(names, "level"), 0);
	assert_int_equal(QC_NAME_INDEX(names, "flow"), 2);
	assert_int_equal(QC_NAME_INDEX(names, "Flow"), -1);
	assert_int_equal(QC_NAME_INDEX(names, "flows"), -1);
	assert_int_equal(QC_NAME_INDEX(names, ""), -1);
	assert_int_equal(QC_NAME_INDEX(names, NULL), -1);
	assert_int_equal(qc_name_index(names, 2, "flow"), -1);

	/* Every name a table gives back parses to its code; an unknown
	 * one leaves the output as it was. */
	for (int i = 0; i < QC_OP__COUNT; i++) {
		enum qc_op op = QC_OP__COUNT;
		assert_true(qc_op_parse(qc_op_name((enum qc_op)i), &op));
		assert_int_equal(op, i);
	}
	for (int i = 0; i < QC_PART__COUNT; i++) {
		enum qc_plan_part p = QC_PART__COUNT;
		assert_true(qc_plan_part_parse(qc_plan_part_name(
						       (enum qc_plan_part)i),
					       &p));
		assert_int_equal(p, i);
	}
	for (int i = 0; i < QC_REPORT__COUNT; i++) {
		enum qc_report_kind k = QC_REPORT__COUNT;
		assert_true(qc_report_kind_parse(qc_report_kind_name((
							 enum qc_report_kind)i),
						 &k));
		assert_int_equal(k, i);
	}
	for (int i = 0; i < QC_DOC__FORMATS; i++) {
		enum qc_doc_format f = QC_DOC__FORMATS;
		assert_true(qc_doc_format_parse(qc_doc_format_name(
							(enum qc_doc_format)i),
						&f));
		assert_int_equal(f, i);
	}
	enum qc_measure_kind k = QC_MEASURE_LEVEL;
	assert_true(qc_measure_kind_parse("flow", &k));
	assert_int_equal(k, QC_MEASURE_FLOW);
	assert_false(qc_measure_kind_parse("stock", &k));
	assert_int_equal(k, QC_MEASURE_FLOW);
	enum qc_op op = QC_OP_GE;
	assert_false(qc_op_parse(">==", &op));
	assert_false(qc_op_parse(NULL, &op));
	assert_int_equal(op, QC_OP_GE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_numbers_in_range),
		cmocka_unit_test(refused_whole),
		cmocka_unit_test(name_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
