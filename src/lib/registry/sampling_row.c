/* One row of a sampling table made into a checked struct: results,
 * dates and levels as the authorities write them. Pure functions; the
 * importer (sampling.c) does the database work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "sampling_int.h"
#include "banned.h"

/* "/", "—", "无" and the like mean the table has nothing there. */
bool qc_sampling_blank(const char *s)
{
	static const char *const none[] = { "",   "/",  "／", "-",   "—",  "——",
					    "无", "無", "\\", "N/A", "n/a" };
	if (!s)
		return true;
	/* None is longer than 6 bytes: most cells end here (every cell of
	 * an import passes). */
	if (strnlen(s, 7) == 7)
		return false;
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (!strcmp(s, none[i]))
			return true;
	return false;
}

static bool starts(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

/* A cell folded for the catalogues below: NFKC (full-width letters and
 * brackets to ASCII), ASCII upper case, spaces and a final 。 dropped. */
static char *fold_cell(const char *s)
{
	utf8proc_uint8_t *n = utf8proc_NFKC((const utf8proc_uint8_t *)s);
	char *out, *w;
	size_t len;

	if (!n)
		return qc_xstrdup("");
	out = qc_xmalloc(strlen((char *)n) + 1);
	w = out;
	for (const char *p = (const char *)n; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			*w++ = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
	*w = '\0';
	free(n);
	len = strlen(out);
	if (len >= 3 && !strcmp(out + len - 3, "。"))
		out[len - 3] = '\0';
	return out;
}

/* The catalogue of result literals as authorities write them (docs/
 * registry.md lists it; add a line to extend it). `how`: the cell is the
 * word (EXACT), begins with it followed by nothing, a bracket or a
 * comma (WORD: "合格（复检）" but not "合格品"), begins with it (PREFIX:
 * "符合监督抽查要求"), or contains it (WITHIN: "经抽样检验，所检项目不符合
 * GB 2760 要求"). Failures are tried first: 不合格 contains 合格. */
enum how { EXACT, WORD, PREFIX, WITHIN };
static const struct result_word {
	const char *word;
	enum how how;
	int passed;
} result_words[] = {
	{ "未发现不合格", PREFIX, 1 }, /* 综合判定 of a clean sample */
	{ "未见不合格", PREFIX, 1 },
	{ "不合格", WITHIN, 0 },
	{ "不符合", WITHIN, 0 },
	{ "不通过", WITHIN, 0 },
	{ "未通过", WITHIN, 0 },
	{ "F", EXACT, 0 },
	{ "FAIL", EXACT, 0 },
	{ "FAILED", EXACT, 0 },
	{ "×", EXACT, 0 },
	{ "✗", EXACT, 0 },
	{ "否", EXACT, 0 },
	{ "N", EXACT, 0 },
	{ "合格", WORD, 1 },
	{ "符合", PREFIX, 1 },
	{ "所检项目符合", WITHIN, 1 },
	{ "所检项目合格", WITHIN, 1 },
	{ "通过", WORD, 1 },
	{ "P", EXACT, 1 },
	{ "PASS", EXACT, 1 },
	{ "PASSED", EXACT, 1 },
	{ "√", EXACT, 1 },
	{ "✓", EXACT, 1 },
	{ "是", EXACT, 1 },
	{ "Y", EXACT, 1 },
};

/* Quality grades (GB/T 1.1 质量等级) that say how good a product is, not
 * whether it passed: 合格品 is a grade, not a verdict. */
static const char *const grade_words[] = {
	"合格品", "优等品", "一等品", "二等品", "优级品", "一级品", "二级品",
	"三级品", "特级品", "优级",   "一级",   "二级",   "三级",   "特级"
};

bool qc_sampling_is_grade(const char *s)
{
	char *f;
	bool grade = false;
	if (!s)
		return false;
	f = fold_cell(s);
	for (size_t i = 0; i < sizeof(grade_words) / sizeof(grade_words[0]);
	     i++)
		grade |= !strcmp(f, grade_words[i]);
	free(f);
	return grade;
}

static bool word_matches(const char *f, const struct result_word *w)
{
	size_t n = strlen(w->word);
	switch (w->how) {
	case EXACT: return !strcmp(f, w->word);
	case WORD:
		return starts(f, w->word) &&
		       (f[n] == '\0' || f[n] == '(' || f[n] == ',' ||
			starts(f + n, "，") || starts(f + n, "、"));
	case PREFIX: return starts(f, w->word);
	case WITHIN: return strstr(f, w->word) != NULL;
	}
	return false;
}

int qc_sampling_parse_result(const char *s)
{
	int verdict = -1;
	char *f;

	if (!s || qc_sampling_is_grade(s))
		return -1;
	f = fold_cell(s);
	for (size_t i = 0;
	     verdict < 0 && i < sizeof(result_words) / sizeof(result_words[0]);
	     i++)
		if (word_matches(f, &result_words[i]))
			verdict = result_words[i].passed;
	free(f);
	return verdict;
}

const char *qc_sampling_parse_level(const char *s)
{
	static const struct {
		const char *word, *level;
	} words[] = {
		{ "national", "national" },   { "国家", "national" },
		{ "国抽", "national" },       { "provincial", "provincial" },
		{ "省", "provincial" },       { "自治区", "provincial" },
		{ "municipal", "municipal" }, { "市", "municipal" },
		{ "county", "county" },       { "县", "county" },
		{ "区", "county" },
	};
	for (size_t i = 0; s && i < sizeof(words) / sizeof(words[0]); i++)
		if (starts(s, words[i].word))
			return words[i].level;
	return NULL;
}

static bool valid_ymd(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };
	if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return false;
	return !(m == 2 && d == 29 &&
		 !((y % 4 == 0 && y % 100) || y % 400 == 0));
}

/* Excel counts days from 1899-12-30; 1970-01-01 is its day 25569. */
#define EXCEL_EPOCH_OFFSET 25569

bool qc_sampling_parse_date(const char *in, char out[11])
{
	/* Full-width digits need folding; plain ASCII dates do not. */
	bool ascii = true;
	for (const char *p = in ? in : ""; *p && ascii; p++)
		ascii = !(*p & 0x80);
	utf8proc_uint8_t *n = ascii ? (utf8proc_uint8_t *)qc_xstrdup(in ? in :
									  "") :
				      utf8proc_NFKC(
					      (const utf8proc_uint8_t *)in);
	const char *s = (const char *)n;
	int y = 0, m = 0, d = 0, k = 0;
	bool ok = false;
	char *end;

	if (!n)
		return false;
	long serial = strtol(s, &end, 10);
	if (end != s && (*end == '\0' || !strcmp(end, ".0"))) {
		if (serial >= 19000101 && serial <= 21001231) {
			y = (int)(serial / 10000);
			m = (int)(serial / 100 % 100);
			d = (int)(serial % 100);
		} else if (serial > 30000 && serial < 80000) {
			qc_civil_from_days(serial - EXCEL_EPOCH_OFFSET, &y, &m,
					   &d);
		}
		ok = valid_ymd(y, m, d);
	} else if (sscanf(s, "%d年%d月%d日%n", &y, &m, &d, &k) == 3 ||
		   sscanf(s, "%d-%d-%d%n", &y, &m, &d, &k) == 3 ||
		   sscanf(s, "%d/%d/%d%n", &y, &m, &d, &k) == 3 ||
		   sscanf(s, "%d.%d.%d%n", &y, &m, &d, &k) == 3) {
		/* A time after the date ("2023-05-12 00:00:00") is fine. */
		ok = valid_ymd(y, m, d) &&
		     (s[k] == '\0' || s[k] == ' ' || s[k] == 'T');
	}
	free(n);
	if (ok)
		snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return ok;
}

/* A Chinese or Arabic digit 1-4 (四季度, 4季度) at p; 0 if none. */
static int quarter_digit(const char **p)
{
	static const char *const cn[] = { "一", "二", "三", "四" };
	if (**p >= '1' && **p <= '4')
		return *(*p)++ - '0';
	for (int i = 0; i < 4; i++)
		if (starts(*p, cn[i])) {
			*p += strlen(cn[i]);
			return i + 1;
		}
	return 0;
}

/* The period after a year: "" (the year), 4月 / -04 (a month), 第四季度 /
 * Q4 (a quarter), 上半年 / 下半年 (a half). The first month in *m. */
static enum qc_date_precision period_of(const char *r, int *m)
{
	int q;
	char *end;

	bool nian = starts(r, "年");
	if (nian)
		r += strlen("年");
	if (!*r || !strcmp(r, "度") || !strcmp(r, "全年")) {
		*m = 1;
		return QC_DATE_YEAR;
	}
	if (!strcmp(r, "上半年") || !strcmp(r, "下半年")) {
		*m = starts(r, "上") ? 1 : 7;
		return QC_DATE_HALF;
	}
	if (starts(r, "第"))
		r += strlen("第");
	bool qmark = *r == 'Q' || *r == 'q';
	const char *p = r + qmark;
	if ((q = quarter_digit(&p)) &&
	    ((qmark && !*p) || !strcmp(p, "季度") || !strcmp(p, "季"))) {
		*m = 3 * q - 2;
		return QC_DATE_QUARTER;
	}
	bool sep = !nian && (*r == '-' || *r == '/' || *r == '.');
	if (!nian && !sep)
		return QC_DATE_NONE;
	r += sep;
	long v = strtol(r, &end, 10);
	if (end == r || v < 1 || v > 12)
		return QC_DATE_NONE;
	/* 2017年4 is not a month; 2017年4月 and 2017-04 are. */
	if (nian ? strcmp(end, "月") && strcmp(end, "月份") : *end != '\0')
		return QC_DATE_NONE;
	*m = (int)v;
	return QC_DATE_MONTH;
}

enum qc_date_precision qc_sampling_parse_when(const char *in, char out[11])
{
	enum qc_date_precision prec = QC_DATE_NONE;
	utf8proc_uint8_t *n;
	int y, m = 0;

	if (!in)
		return QC_DATE_NONE;
	if (qc_sampling_parse_date(in, out))
		return QC_DATE_DAY;
	if (!(n = utf8proc_NFKC((const utf8proc_uint8_t *)in)))
		return QC_DATE_NONE;
	const char *s = (const char *)n;
	if (strspn(s, "0123456789") == 4) {
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		    (s[2] - '0') * 10 + (s[3] - '0');
		if (y >= 1990 && y <= 2100)
			prec = period_of(s + 4, &m);
	}
	free(n);
	if (prec != QC_DATE_NONE)
		snprintf(out, 11, "%04d-%02d-01", y, m);
	return prec;
}
