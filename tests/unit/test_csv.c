/* CSV reading: quoting rules and the line each record starts on. */
#include "testutil.h"
#include "qcity/csv.h"

static void quoted_fields_and_lines(void **state)
{
	(void)state;
	const char *in = "\xEF\xBB\xBF"
			 "a,b,c\r\n"
			 "\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
			 "\n"
			 "1,,3";
	struct qc_csv c;
	struct qc_csv_row r = { 0 };
	struct qc_error err = { 0 };

	qc_csv_init(&c, in, strlen(in));
	assert_int_equal(qc_csv_next(&c, &r, &err), 1);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.f[0], "a");
	assert_int_equal(r.line, 1);
	assert_int_equal(qc_csv_next(&c, &r, &err), 1);
	assert_string_equal(r.f[0], "x, y");
	assert_string_equal(r.f[1], "say \"hi\"");
	assert_string_equal(r.f[2], "two\nlines");
	assert_int_equal(r.line, 2);
	assert_int_equal(qc_csv_next(&c, &r, &err), 1);
	assert_int_equal(r.line,
			 5); /* after the embedded newline and a blank */
	assert_int_equal(r.n, 3);
	assert_string_equal(r.f[1], "");
	assert_int_equal(qc_csv_next(&c, &r, &err), 0);
	qc_csv_row_release(&r);
}

static void unclosed_quote_names_line(void **state)
{
	(void)state;
	const char *in = "a,b\n1,2\n3,\"oops\n";
	struct qc_csv c;
	struct qc_csv_row r = { 0 };
	struct qc_error err = { 0 };

	qc_csv_init(&c, in, strlen(in));
	assert_int_equal(qc_csv_next(&c, &r, &err), 1);
	assert_int_equal(qc_csv_next(&c, &r, &err), 1);
	assert_int_equal(qc_csv_next(&c, &r, &err), -1);
	assert_non_null(strstr(err.msg, "line 3"));
	qc_csv_row_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoted_fields_and_lines),
		cmocka_unit_test(unclosed_quote_names_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
