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

/* A run of dashes of any length and kind (----, ———, －－): a rule
 * drawn where the table has nothing. */
static bool only_dashes(const char *s)
{
	static const char *const dash[] = { "-", "—", "－", "–", "─" };
	if (!*s)
		return false;
	while (*s) {
		size_t i = 0, n = sizeof(dash) / sizeof(dash[0]);
		while (i < n && !qc_sampling_starts(s, dash[i]))
			i++;
		if (i == n)
			return false;
		s += strlen(dash[i]);
	}
	return true;
}

/* "/", "—", "无" and the like mean the table has nothing there. */
bool qc_sampling_blank(const char *s)
{
	static const char *const none[] = { "",   "/",  "／",  "\\",
					    "无", "無", "N/A", "n/a" };
	if (!s)
		return true;
	/* Dashes open with '-' or the lead byte of U+2013–U+2500 and
	 * U+FF0D: other cells pass this at once. */
	if ((*s == '-' || (unsigned char)*s == 0xE2 ||
	     (unsigned char)*s == 0xEF) &&
	    only_dashes(s))
		return true;
	/* None is longer than 6 bytes: most cells end here (every cell of
	 * an import passes). */
	if (strnlen(s, 7) == 7)
		return false;
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (s[0] == none[i][0] && !strcmp(s, none[i]))
			return true;
	return false;
}

bool qc_sampling_starts(const char *s, const char *w)
{
	return !strncmp(s, w, strlen(w));
}

bool qc_sampling_ends(const char *s, const char *w)
{
	size_t n = strlen(s), k = strlen(w);
	return n >= k && !strcmp(s + n - k, w);
}

const char *qc_sampling_past(const char *s, const char *const *w, size_t n)
{
	for (size_t i = 0; i < n;)
		if (qc_sampling_starts(s, w[i]))
			s += strlen(w[i]), i = 0;
		else
			i++;
	return s;
}

/* label folded against words: equal to one (whole) or holding one. */
static bool label_words(const char *label, const char *const *words, size_t n,
			bool whole)
{
	char *f = qc_sampling_fold(label);
	bool yes = false;

	for (size_t i = 0; i < n && !yes; i++)
		yes = whole ? !strcmp(f, words[i]) :
			      strstr(f, words[i]) != NULL;
	free(f);
	return yes;
}

bool qc_sampling_label_is(const char *label, const char *const *words, size_t n)
{
	return label_words(label, words, n, true);
}

bool qc_sampling_label_has(const char *label, const char *const *words,
			   size_t n)
{
	return label_words(label, words, n, false);
}

/* Whether NFKC leaves s as it is, told without utf8proc: s holds only
 * ASCII and CJK Unified Ideographs (U+4E00-U+9FFF, UTF-8 E4 B8 80 to
 * E9 BF BF), which have no decomposition and compose with nothing.
 * Nearly every result cell (合格, 不合格, P) is such; full-width forms,
 * punctuation and the rest go through NFKC (test_sampling_fold). */
static bool nfkc_stable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (p[0] < 0xE4 || p[0] > 0xE9 ||
		    (p[0] == 0xE4 && p[1] < 0xB8) || (p[1] & 0xC0) != 0x80 ||
		    (p[2] & 0xC0) != 0x80)
			return false;
		p += 3;
	}
	return true;
}

/* n folded for the catalogues below into out (size bytes, at least
 * strlen(n) + 1): ASCII upper case, spaces and a final 。 dropped. */
static char *fold_text(const char *n, char *out)
{
	char *w = out;
	size_t len;

	for (const char *p = n; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			*w++ = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
	*w = '\0';
	len = (size_t)(w - out);
	if (len >= 3 && !strcmp(out + len - 3, "。"))
		out[len - 3] = '\0';
	return out;
}

/* A cell folded for the catalogues below: NFKC (full-width letters and
 * brackets to ASCII), ASCII upper case, spaces and a final 。 dropped.
 * A short cell NFKC leaves alone is folded into buf (FOLD_BUF bytes)
 * without utf8proc or an allocation; otherwise the result is allocated.
 * Free it with fold_free(result, buf). */
#define FOLD_BUF 128
static char *fold_cell(const char *s, char *buf)
{
	if (strnlen(s, FOLD_BUF) < FOLD_BUF && nfkc_stable(s))
		return fold_text(s, buf);
	utf8proc_uint8_t *n = utf8proc_NFKC((const utf8proc_uint8_t *)s);
	if (!n)
		return qc_xstrdup("");
	char *out = fold_text((const char *)n,
			      qc_xmalloc(strlen((char *)n) + 1));
	free(n);
	return out;
}

static void fold_free(char *f, const char *buf)
{
	if (f != buf)
		free(f);
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

static bool folded_is_grade(const char *f)
{
	bool grade = false;
	for (size_t i = 0; i < sizeof(grade_words) / sizeof(grade_words[0]);
	     i++)
		grade |= !strcmp(f, grade_words[i]);
	return grade;
}

bool qc_sampling_is_grade(const char *s)
{
	char buf[FOLD_BUF], *f;
	bool grade;
	if (!s)
		return false;
	f = fold_cell(s, buf);
	grade = folded_is_grade(f);
	fold_free(f, buf);
	return grade;
}

static bool word_matches(const char *f, const struct result_word *w)
{
	size_t n = strlen(w->word);
	switch (w->how) {
	case EXACT: return !strcmp(f, w->word);
	case WORD:
		return qc_sampling_starts(f, w->word) &&
		       (f[n] == '\0' || f[n] == '(' || f[n] == ',' ||
			qc_sampling_starts(f + n, "，") ||
			qc_sampling_starts(f + n, "、"));
	case PREFIX: return qc_sampling_starts(f, w->word);
	case WITHIN: return strstr(f, w->word) != NULL;
	}
	return false;
}

/* The verdicts of the last cells read, by their text as written: a
 * column of results holds a handful of distinct values (合格, 不合格),
 * so most cells are answered here without folding them again. Per
 * thread, as the catalogue is fixed. */
#define MEMO_SLOTS 8
#define MEMO_CELL 32
static _Thread_local struct {
	char cell[MEMO_CELL]; /* "": free */
	int verdict;
} memo[MEMO_SLOTS];
static _Thread_local unsigned memo_next;

static int parse_result(const char *s);

int qc_sampling_parse_result(const char *s)
{
	size_t len;
	int verdict;

	if (!s || !*s)
		return parse_result(s);
	for (int i = 0; i < MEMO_SLOTS; i++)
		if (memo[i].cell[0] && !strcmp(memo[i].cell, s))
			return memo[i].verdict;
	verdict = parse_result(s);
	if ((len = strlen(s)) < MEMO_CELL) {
		unsigned k = memo_next++ % MEMO_SLOTS;
		memcpy(memo[k].cell, s, len + 1);
		memo[k].verdict = verdict;
	}
	return verdict;
}

static int parse_result(const char *s)
{
	int verdict = -1;
	char buf[FOLD_BUF], *f;

	if (!s)
		return -1;
	/* Folded once, for the grades and the catalogue. */
	f = fold_cell(s, buf);
	bool grade = folded_is_grade(f);
	for (size_t i = 0; !grade && verdict < 0 &&
			   i < sizeof(result_words) / sizeof(result_words[0]);
	     i++)
		if (word_matches(f, &result_words[i]))
			verdict = result_words[i].passed;
	fold_free(f, buf);
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
		if (qc_sampling_starts(s, words[i].word))
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

/* The digits at *p, at least 1 and at most max of them, as a number;
 * -1 if there are fewer or more. */
static int digits(const char **p, int max)
{
	int v = 0, n = 0;
	while (**p >= '0' && **p <= '9') {
		if (++n > max)
			return -1;
		v = v * 10 + (*(*p)++ - '0');
	}
	return n ? v : -1;
}

/* The common forms read by hand, as sscanf reads them below:
 * 2023-05-12, 2023/5/12, 2023.05.12 and 2023年5月12日, then the end, a
 * space or a T. 1: a date (in *y, *m, *d), 0: not a date; -1: another
 * form, for the general reading (test_sampling_fold compares both). */
static int plain_date(const char *s, int *y, int *m, int *d)
{
	static const char *const cn[3] = { "年", "月", "日" };
	const char *p = s;
	char sep;

	if ((*y = digits(&p, 4)) < 0 || p - s != 4)
		return -1;
	sep = *p;
	if (sep == '-' || sep == '/' || sep == '.') {
		p++;
		if ((*m = digits(&p, 2)) < 0 || *p++ != sep ||
		    (*d = digits(&p, 2)) < 0)
			return -1;
	} else if (qc_sampling_starts(p, cn[0])) {
		p += strlen(cn[0]);
		if ((*m = digits(&p, 2)) < 0 || !qc_sampling_starts(p, cn[1]))
			return -1;
		p += strlen(cn[1]);
		if ((*d = digits(&p, 2)) < 0 || !qc_sampling_starts(p, cn[2]))
			return -1;
		p += strlen(cn[2]);
	} else {
		return -1;
	}
	if (*p != '\0' && *p != ' ' && *p != 'T')
		return -1;
	return valid_ymd(*y, *m, *d);
}

/* YYYY-MM-DD of a valid date into out (11 bytes). */
static void put_ymd(char out[11], int y, int m, int d)
{
	const int v[3] = { y, m, d };
	const int w[3] = { 4, 2, 2 };
	char *p = out;
	for (int i = 0; i < 3; i++) {
		if (i)
			*p++ = '-';
		for (int k = w[i] - 1, x = v[i]; k >= 0; k--, x /= 10)
			p[k] = (char)('0' + x % 10);
		p += w[i];
	}
	*p = '\0';
}

bool qc_sampling_parse_date(const char *in, char out[11])
{
	int fy, fm, fd, plain = in ? plain_date(in, &fy, &fm, &fd) : -1;
	if (plain >= 0) {
		if (plain)
			put_ymd(out, fy, fm, fd);
		return plain;
	}
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
		if (qc_sampling_starts(*p, cn[i])) {
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

	bool nian = qc_sampling_starts(r, "年");
	if (nian)
		r += strlen("年");
	if (!*r || !strcmp(r, "度") || !strcmp(r, "全年")) {
		*m = 1;
		return QC_DATE_YEAR;
	}
	if (!strcmp(r, "上半年") || !strcmp(r, "下半年")) {
		*m = qc_sampling_starts(r, "上") ? 1 : 7;
		return QC_DATE_HALF;
	}
	if (qc_sampling_starts(r, "第"))
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
