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
	static const char *const none[] = { "",   "/",  "／", "-",   "—",
					    "——", "无", "\\", "N/A", "n/a" };
	if (!s)
		return true;
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (!strcmp(s, none[i]))
			return true;
	return false;
}

static bool starts(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

int qc_sampling_parse_result(const char *s)
{
	static const char *const fail[] = { "不合格", "不符合", "F",
					    "Fail",   "FAIL",   "fail",
					    "×",      "否",     "✗" };
	static const char *const pass[] = { "合格", "符合", "P",
					    "Pass", "PASS", "pass",
					    "√",    "是",   "✓" };
	if (!s)
		return -1;
	/* Failure words first: 不合格 starts with 不, not with 合格. */
	for (size_t i = 0; i < sizeof(fail) / sizeof(fail[0]); i++)
		if (!strcmp(s, fail[i]) ||
		    (strlen(fail[i]) > 2 && starts(s, fail[i])))
			return 0;
	for (size_t i = 0; i < sizeof(pass) / sizeof(pass[0]); i++)
		if (!strcmp(s, pass[i]) ||
		    (strlen(pass[i]) > 2 && starts(s, pass[i])))
			return 1;
	return -1;
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
