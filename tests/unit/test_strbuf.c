/* Unit tests for qcity/strbuf.h: invariants and the size cap. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <cmocka.h>

#include "qcity/strbuf.h"

static void empty_is_terminated(void **state)
{
	(void)state;
	struct qc_buf b;
	qc_buf_init(&b, 0);
	assert_string_equal(qc_buf_str(&b), "");
	assert_int_equal(b.len, 0);
	qc_buf_release(&b);
}

static void append_and_format(void **state)
{
	(void)state;
	struct qc_buf b;
	qc_buf_init(&b, 0);
	assert_true(qc_buf_adds(&b, "合格率"));
	assert_true(qc_buf_addf(&b, "%d%%", 98));
	assert_string_equal(qc_buf_str(&b), "合格率98%");
	assert_int_equal(b.len, strlen("合格率98%"));
	for (int i = 0; i < 1000; i++)
		qc_buf_addch(&b, 'x');
	assert_int_equal(b.len, strlen("合格率98%") + 1000);
	assert_int_equal(b.buf[b.len], '\0');
	size_t len;
	char *s = qc_buf_detach(&b, &len);
	assert_int_equal(len, strlen(s));
	assert_int_equal(b.len, 0);
	free(s);
}

static void cap_refuses_growth(void **state)
{
	(void)state;
	struct qc_buf b;
	qc_buf_init(&b, 8);
	assert_true(qc_buf_adds(&b, "12345678"));
	assert_false(qc_buf_adds(&b, "9"));
	assert_true(b.overflow);
	assert_string_equal(qc_buf_str(&b), "12345678");
	assert_false(qc_buf_addf(&b, "%s", "more"));
	qc_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_is_terminated),
		cmocka_unit_test(append_and_format),
		cmocka_unit_test(cap_refuses_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
