/* The importer's fast paths read a cell as the general path does
 * (sampling_row.c): a result cell of ASCII and CJK ideographs is folded
 * without NFKC and its verdict remembered, and the common date forms are
 * read by hand instead of sscanf. Each cell here is read both ways: as
 * written (the fast path when it applies), and altered so that only the
 * general path can read it (an ideographic space, which NFKC turns into
 * a space the fold drops; a date in full-width digits). */
#include "testutil.h"
#include "qcity/sampling_parse.h"

/* s followed by U+3000 (ideographic space). */
static void with_wide_space(const char *s, char *out, size_t size)
{
	snprintf(out, size, "%s\xe3\x80\x80", s);
}

static void verdicts_agree(void **state)
{
	(void)state;
	static const struct {
		const char *cell;
		int passed;
		bool grade;
	} cases[] = {
		{ "合格", 1, false },
		{ "不合格", 0, false },
		{ " 合格 ", 1, false },
		{ "合 格", 1, false },
		{ "合格。", 1, false },
		{ "合格\t", 1, false },
		{ "合格（复检）", 1, false },
		{ "合格(复检)", 1, false },
		{ "合格,复检", 1, false },
		{ "合格率", -1, false },
		{ "PASS", 1, false },
		{ "pass", 1, false },
		{ "Pass", 1, false },
		{ "ＰＡＳＳ", 1, false },
		{ "p", 1, false },
		{ "ｐ", 1, false },
		{ "F", 0, false },
		{ "ｆ", 0, false },
		{ "fail", 0, false },
		{ "N", 0, false },
		{ "y", 1, false },
		{ "PASSED ", 1, false },
		{ "不合格（标签）", 0, false },
		{ "不合格(标签)", 0, false },
		{ "不符合GB 2760要求", 0, false },
		{ "不符合ＧＢ　２７６０要求", 0, false },
		{ "符合", 1, false },
		{ "符合要求", 1, false },
		{ "通过", 1, false },
		{ "不通过", 0, false },
		{ "未通过", 0, false },
		{ "未发现不合格", 1, false },
		{ "未见不合格项", 1, false },
		{ "经抽样检验，所检项目符合GB/T 15063-2020要求。", 1, false },
		{ "经抽样检验所检项目合格", 1, false },
		{ "合格品", -1, true },
		{ "合格 品", -1, true },
		{ "一等品", -1, true },
		{ "优级", -1, true },
		{ "一级", -1, true },
		{ "待定", -1, false },
		/* Traditional: 不合格 is written alike; 檢驗, 通過 are
		 * not in the catalogue. */
		{ "檢驗合格", -1, false },
		{ "不合格項目", 0, false },
		{ "通過", -1, false },
		{ "√", 1, false },
		{ "×", 0, false },
		{ "是", 1, false },
		{ "否", 0, false },
		{ "/", -1, false },
		/* Longer than the fold's buffer and the verdicts' memory. */
		{ "经抽样检验，所检项目符合GB/T 15063-2020要求，另检项目均合格，"
		  "依据产品明示标准及相关规定进行检验和判定",
		  1, false },
		{ "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij"
		  "klmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmn不合格",
		  0, false },
	};
	char slow[512];
	/* Twice: the second round is answered from the remembered
	 * verdicts where they still hold the cell. */
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			const char *c = cases[i].cell;
			with_wide_space(c, slow, sizeof(slow));
			int fast = qc_sampling_parse_result(c);
			int general = qc_sampling_parse_result(slow);
			if (fast != cases[i].passed || general != fast) {
				fail_msg("'%s': %d as written, %d through "
					 "NFKC, expected %d",
					 c, fast, general, cases[i].passed);
				abort();
			}
			if (qc_sampling_is_grade(c) != cases[i].grade ||
			    qc_sampling_is_grade(slow) != cases[i].grade) {
				fail_msg("'%s': grade expected %d", c,
					 cases[i].grade);
				abort();
			}
		}
	/* The same text answered the same after others took the memory. */
	assert_int_equal(qc_sampling_parse_result("合格"), 1);
	assert_int_equal(qc_sampling_parse_result("不合格"), 0);
	assert_int_equal(qc_sampling_parse_result(""), -1);
	assert_int_equal(qc_sampling_parse_result(NULL), -1);
}

/* s with its ASCII in full-width forms (a space as U+3000). */
static void full_width(const char *s, char *out, size_t size)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s;
	     *p && n + 4 < size; p++) {
		if (*p == ' ') {
			memcpy(out + n, "\xe3\x80\x80", 3);
			n += 3;
		} else if (*p > 0x20 && *p < 0x7f) {
			unsigned cp = 0xff01 + (*p - 0x21);
			out[n++] = (char)(0xe0 | (cp >> 12));
			out[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
			out[n++] = (char)(0x80 | (cp & 0x3f));
		} else {
			out[n++] = (char)*p;
		}
	}
	out[n] = '\0';
}

static void dates_agree(void **state)
{
	(void)state;
	static const struct {
		const char *cell, *date; /* NULL: not a date */
	} cases[] = {
		{ "2023-05-12", "2023-05-12" },
		{ "2023-5-1", "2023-05-01" },
		{ "2023/05/12", "2023-05-12" },
		{ "2023/5/12", "2023-05-12" },
		{ "2023.5.12", "2023-05-12" },
		{ "2023-05-12 00:00:00", "2023-05-12" },
		{ "2023-05-12T08:00", "2023-05-12" },
		{ "2024-02-29", "2024-02-29" },
		{ "2000-02-29", "2000-02-29" },
		{ "2100-12-31", "2100-12-31" },
		{ "1990-01-01", "1990-01-01" },
		{ "2023年5月12日", "2023-05-12" },
		{ "2023年05月02日 10:00", "2023-05-02" },
		/* Read by the general path only, the same either way. */
		{ "2023-005-12", "2023-05-12" },
		{ "02023-05-12", "2023-05-12" },
		{ "20230512", "2023-05-12" },
		{ "45000", "2023-03-15" },
		{ "2023- 5-12", "2023-05-12" },
		/* Not dates. */
		{ "2023-02-29", NULL },
		{ "1900-02-29", NULL },
		{ "2023-13-01", NULL },
		{ "2023-05-32", NULL },
		{ "2023-00-10", NULL },
		{ "1989-05-12", NULL },
		{ "2101-01-01", NULL },
		{ "2023-05-12x", NULL },
		{ "2023-05/12", NULL },
		{ "2023--05-12", NULL },
		{ "2023-05-", NULL },
		{ "2023-05", NULL },
		{ "2023年5月12", NULL },
		{ "2023年5月", NULL },
		{ "", NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char wide[256], a[11] = "", b[11] = "";
		full_width(cases[i].cell, wide, sizeof(wide));
		bool fast = qc_sampling_parse_date(cases[i].cell, a);
		bool general = qc_sampling_parse_date(wide, b);
		if (fast != (cases[i].date != NULL) || general != fast ||
		    (fast && (strcmp(a, cases[i].date) || strcmp(b, a)))) {
			fail_msg("'%s': %d '%s' as written, %d '%s' in "
				 "full width, expected %s",
				 cases[i].cell, fast, a, general, b,
				 cases[i].date ? cases[i].date : "none");
			abort();
		}
	}
	assert_false(qc_sampling_parse_date(NULL, (char[11]){ 0 }));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(verdicts_agree),
		cmocka_unit_test(dates_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
