/* The strict number parser: the whole string, range-checked, no wrap. */
#include "testutil.h"
#include "qcity/num.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_numbers_in_range),
		cmocka_unit_test(refused_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
