/* Unit tests for qcity/text.h: decoding, folds, docx and html readers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "qcity/text.h"

static void decode_utf8_bom_crlf(void **state)
{
	(void)state;
	struct qc_buf b;
	struct qc_error err = { 0 };
	const char in[] = "\xEF\xBB\xBF合格率\r\n98%\rend";

	qc_buf_init(&b, 0);
	assert_int_equal(qc_text_decode(in, sizeof(in) - 1, &b, &err), QC_OK);
	assert_string_equal(b.buf, "合格率\n98%\nend");
	qc_buf_release(&b);
}

static void decode_gb18030(void **state)
{
	(void)state;
	struct qc_buf b;
	struct qc_error err = { 0 };
	/* 质量 in GBK: D6 CA C1 BF */
	const char in[] = "\xD6\xCA\xC1\xBF 98%";

	qc_buf_init(&b, 0);
	assert_int_equal(qc_text_decode(in, sizeof(in) - 1, &b, &err), QC_OK);
	assert_string_equal(b.buf, "质量 98%");
	qc_buf_release(&b);
}

static void decode_refuses_bad_input(void **state)
{
	(void)state;
	struct qc_buf b;
	struct qc_error err = { 0 };
	const char bin[] = "ab\0cd\x01\x02";
	const char trunc[] = "\xD6\xCA\xC1"; /* GBK cut in a character */

	qc_buf_init(&b, 0);
	assert_int_equal(qc_text_decode("", 0, &b, &err), QC_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "empty"));
	assert_int_equal(qc_text_decode(bin, sizeof(bin) - 1, &b, &err),
			 QC_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "binary"));
	assert_int_equal(qc_text_decode(trunc, sizeof(trunc) - 1, &b, &err),
			 QC_EUNSUPPORTED);
	assert_int_equal(qc_text_load("%PDF-1.4\n", 9, "a.pdf", &b, &err),
			 QC_EUNSUPPORTED);
	assert_int_equal(qc_text_load("PK\x03\x04garbage", 11, "a.docx", &b,
				      &err),
			 QC_EUNSUPPORTED);
	qc_buf_release(&b);
}

static void fold_width_keeps_code_points(void **state)
{
	(void)state;
	struct qc_buf b;
	const char in[] = "合格率达到９８．５％(２－３个)2.6∶1";

	qc_buf_init(&b, 0);
	qc_text_fold_width(in, sizeof(in) - 1, &b);
	assert_string_equal(b.buf, "合格率达到98.5%(2-3个)2.6:1");
	assert_int_equal(qc_utf8_count(b.buf, b.len),
			 qc_utf8_count(in, sizeof(in) - 1));
	qc_buf_release(&b);
}

static void traditional_to_simplified(void **state)
{
	(void)state;
	struct qc_buf b;
	struct qc_error err = { 0 };
	const char in[] = "產品質量監督抽查合格率達到98%";

	assert_true(qc_text_has_traditional(in, sizeof(in) - 1));
	assert_false(qc_text_has_traditional("产品质量", strlen("产品质量")));
	qc_buf_init(&b, 0);
	assert_int_equal(qc_text_t2s(in, sizeof(in) - 1, &b, &err), QC_OK);
	assert_string_equal(b.buf, "产品质量监督抽查合格率达到98%");
	qc_buf_release(&b);
}

static void html_blocks_are_lines(void **state)
{
	(void)state;
	struct qc_buf b;
	struct qc_error err = { 0 };
	const char in[] =
		"<html><head><title>t</title><style>p{}</style></head>"
		"<body><h1>方案</h1><p>森林覆盖率<b>达到</b>48%</p>"
		"<script>x=1</script><div>二、目标</div></body></html>";

	qc_buf_init(&b, 0);
	assert_int_equal(qc_text_load(in, sizeof(in) - 1, "a.html", &b, &err),
			 QC_OK);
	assert_string_equal(b.buf, "方案\n森林覆盖率达到48%\n二、目标\n");
	qc_buf_release(&b);
}

static void utf8_validation(void **state)
{
	(void)state;
	assert_true(qc_utf8_valid("质量", strlen("质量")));
	assert_false(qc_utf8_valid("\xC0\xAF", 2));     /* overlong */
	assert_false(qc_utf8_valid("\xED\xA0\x80", 3)); /* surrogate */
	assert_false(qc_utf8_valid("\xE8\xB4", 2));     /* truncated */
}

/* A bounded copy never leaves half a character: 质 is three bytes, so
 * eight bytes of room hold two characters and the terminator, not a
 * third character's first two bytes. */
static void utf8_copy_cuts_between_characters(void **state)
{
	(void)state;
	char d[8];

	qc_utf8_copy(d, sizeof(d), "质量强市");
	assert_string_equal(d, "质量");
	assert_true(qc_utf8_valid(d, strlen(d)));
	qc_utf8_copy(d, sizeof(d), "ab质量"); /* 8 bytes: one too many */
	assert_string_equal(d, "ab质");
	qc_utf8_copy(d, sizeof(d), "a质量"); /* 7 bytes fit */
	assert_string_equal(d, "a质量");
	qc_utf8_copy(d, sizeof(d), "abcdefghij");
	assert_string_equal(d, "abcdefg");
	qc_utf8_copy(d, sizeof(d), NULL);
	assert_string_equal(d, "");
	qc_utf8_copy(d, 1, "质");
	assert_string_equal(d, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode_utf8_bom_crlf),
		cmocka_unit_test(decode_gb18030),
		cmocka_unit_test(decode_refuses_bad_input),
		cmocka_unit_test(fold_width_keeps_code_points),
		cmocka_unit_test(traditional_to_simplified),
		cmocka_unit_test(html_blocks_are_lines),
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(utf8_copy_cuts_between_characters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
