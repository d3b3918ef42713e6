/* Unit tests for qcity/strbuf.h: invariants and the size cap. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <cmocka.h>

#include "qcity/alloc.h"
#include "qcity/quote.h"
#include "qcity/strbuf.h"
#include <sqlite3.h>

static void empty_is_terminated(void **state)
{
	(void)state;
	struct qc_buf b;
	qc_buf_init(&b, 0);
	assert_string_equal(qc_buf_str(&b), "");
	assert_int_equal(qc_buf_len(&b), 0);
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
	assert_int_equal(qc_buf_len(&b), strlen("合格率98%"));
	for (int i = 0; i < 1000; i++)
		qc_buf_addch(&b, 'x');
	assert_int_equal(qc_buf_len(&b), strlen("合格率98%") + 1000);
	assert_int_equal(qc_buf_str(&b)[qc_buf_len(&b)], '\0');
	size_t len;
	char *s = qc_buf_detach(&b, &len);
	assert_int_equal(len, strlen(s));
	assert_int_equal(qc_buf_len(&b), 0);
	free(s);
}

/* Texts kept one after another, found again by offset + 1; NULL is 0. */
static void kept_texts_by_offset(void **state)
{
	struct qc_buf b = QC_BUF_INIT;
	(void)state;
	size_t a = qc_buf_keep(&b, "甲"), n = qc_buf_keep(&b, NULL),
	       c = qc_buf_keep(&b, "");
	size_t d = qc_buf_keep(&b, "乙丙");
	assert_int_equal(a, 1);
	assert_int_equal(n, 0);
	assert_int_equal(c, 1 + strlen("甲") + 1);
	assert_string_equal(qc_buf_str(&b) + a - 1, "甲");
	assert_string_equal(qc_buf_str(&b) + c - 1, "");
	assert_string_equal(qc_buf_str(&b) + d - 1, "乙丙");
	qc_buf_release(&b);
}

static void cap_refuses_growth(void **state)
{
	(void)state;
	struct qc_buf b;
	qc_buf_init(&b, 8);
	assert_true(qc_buf_adds(&b, "12345678"));
	assert_false(qc_buf_adds(&b, "9"));
	assert_true(qc_buf_failed(&b));
	assert_int_equal(qc_buf_error(&b), QC_BUF_ECAP);
	assert_string_equal(qc_buf_str(&b), "12345678");
	assert_false(qc_buf_addf(&b, "%s", "more"));
	qc_buf_release(&b);
}

/* The case: a refused append must not leave a hole that a later,
 * smaller append fills ("abcdef" + "七" + "gh" read as "abcdefgh"). */
static void failure_sticks(void **state)
{
	(void)state;
	struct qc_buf b;
	qc_buf_init(&b, 8);
	assert_true(qc_buf_adds(&b, "abcdef"));
	assert_false(qc_buf_adds(&b, "七")); /* 3 bytes: 9 > 8 */
	assert_false(qc_buf_adds(&b, "gh")); /* would fit, but b failed */
	assert_false(qc_buf_addch(&b, 'g'));
	assert_false(qc_buf_addf(&b, "%d", 1));
	assert_string_equal(qc_buf_str(&b), "abcdef");
	assert_int_equal(qc_buf_len(&b), 6);
	assert_true(qc_buf_failed(&b));
	/* Reset starts over. */
	qc_buf_reset(&b);
	assert_false(qc_buf_failed(&b));
	assert_true(qc_buf_adds(&b, "gh"));
	assert_string_equal(qc_buf_str(&b), "gh");
	qc_buf_release(&b);
}

static void mark_cut_and_setlen(void **state)
{
	(void)state;
	struct qc_buf b;
	qc_buf_init(&b, 4);
	assert_true(qc_buf_adds(&b, "ab"));
	assert_false(qc_buf_mark_cut(&b, "…")); /* not failed: unchanged */
	assert_string_equal(qc_buf_str(&b), "ab");
	assert_false(qc_buf_adds(&b, "cde"));
	assert_true(qc_buf_mark_cut(&b, "…"));
	assert_string_equal(qc_buf_str(&b), "ab…");
	assert_true(qc_buf_failed(&b));
	assert_int_equal(qc_buf_last(&b), (char)0xa6); /* last byte of … */
	qc_buf_setlen(&b, 1);
	assert_string_equal(qc_buf_str(&b), "a");
	assert_true(qc_buf_failed(&b)); /* shortening does not clear it */
	qc_buf_setlen(&b, 10);          /* longer: ignored */
	assert_int_equal(qc_buf_len(&b), 1);
	char *s = qc_buf_detach(&b, NULL);
	assert_string_equal(s, "a");
	free(s);
	assert_false(qc_buf_failed(&b));
	assert_int_equal(qc_buf_last(&b), '\0');
}

/* Sizes that do not fit in size_t are refused, not wrapped. */
static void size_arithmetic_is_checked(void **state)
{
	(void)state;
	size_t r = 7;
	assert_true(qc_add_ok(1, 2, &r));
	assert_int_equal(r, 3);
	assert_false(qc_add_ok(SIZE_MAX, 1, &r));
	assert_int_equal(r, 3);
	assert_true(qc_mult_ok(SIZE_MAX / 2, 2, &r));
	assert_false(qc_mult_ok(SIZE_MAX / 2 + 1, 2, &r));
	assert_int_equal(qc_st_add(40, 2), 42);
	assert_int_equal(qc_st_mult(6, 7), 42);

	struct qc_buf b;
	qc_buf_init(&b, 0);
	assert_true(qc_buf_adds(&b, "x"));
	/* len + SIZE_MAX wraps: refused before any memcpy, and it sticks. */
	assert_false(qc_buf_add(&b, "y", SIZE_MAX));
	assert_int_equal(qc_buf_error(&b), QC_BUF_ESIZE);
	assert_false(qc_buf_adds(&b, "y"));
	assert_string_equal(qc_buf_str(&b), "x");
	qc_buf_release(&b);
}

/* A name with a " in it stays one identifier: the quote is doubled. */
static void quote_ident_doubles_quotes(void **state)
{
	(void)state;
	struct qc_buf b;
	sqlite3 *db;
	sqlite3_stmt *st;

	qc_buf_init(&b, 0);
	assert_true(qc_quote_ident(&b, "plain"));
	assert_string_equal(qc_buf_str(&b), "\"plain\"");
	qc_buf_reset(&b);
	assert_true(qc_quote_ident(&b, "x\" ; DROP TABLE t; --\""));
	assert_string_equal(qc_buf_str(&b), "\"x\"\" ; DROP TABLE t; --\"\"\"");
	/* SQLite reads it back as the one table of that name. */
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_exec(
			db,
			"CREATE TABLE t (a);"
			"CREATE TABLE \"x\"\" ; DROP TABLE t; --\"\"\" (v);"
			"INSERT INTO \"x\"\" ; DROP TABLE t; --\"\"\" VALUES (7)",
			NULL, NULL, NULL),
		SQLITE_OK);
	qc_buf_reset(&b);
	qc_buf_adds(&b, "SELECT v FROM ");
	qc_quote_ident(&b, "x\" ; DROP TABLE t; --\"");
	assert_int_equal(sqlite3_prepare_v2(db, qc_buf_str(&b), -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 7);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(db, "SELECT a FROM t", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	/* A failed buffer is reported. */
	qc_buf_release(&b);
	qc_buf_init(&b, 4);
	assert_false(qc_quote_ident(&b, "long"));
	assert_true(qc_buf_failed(&b));
	qc_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_is_terminated),
		cmocka_unit_test(append_and_format),
		cmocka_unit_test(cap_refuses_growth),
		cmocka_unit_test(kept_texts_by_offset),
		cmocka_unit_test(failure_sticks),
		cmocka_unit_test(mark_cut_and_setlen),
		cmocka_unit_test(size_arithmetic_is_checked),
		cmocka_unit_test(quote_ident_doubles_quotes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
