/* Reading a published sampling table as it is: lists of failures without
 * a result column, the level a title or region implies, rows whose last
 * free-text cell was split by unquoted commas, and the region an
 * enterprise's own address names. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "qcity/text.h"
#include "sampling_int.h"
#include "banned.h"

static const char *level_name(const char *level)
{
	if (!strcmp(level, "national"))
		return _("national");
	if (!strcmp(level, "provincial"))
		return _("provincial");
	if (!strcmp(level, "municipal"))
		return _("municipal");
	return _("county");
}

/* The level of a sampling run by the authority of a region. */
static const char *level_of_region(int level)
{
	return level <= 1 ? "provincial" : level == 2 ? "municipal" : "county";
}

/* A year as offices write it in a title: 2011 or 二〇一一 / 二O一一. */
static int title_year(const char *p, char digits[5])
{
	static const char *const cn[] = { "〇", "一", "二", "三", "四",
					  "五", "六", "七", "八", "九" };
	size_t len = 0;
	for (int k = 0; k < 4; k++) {
		int d = -1;
		size_t n = 1;
		if (p[len] >= '0' && p[len] <= '9')
			d = p[len] - '0';
		else if (p[len] == 'O' || p[len] == 'o')
			d = 0;
		else if (!strncmp(p + len, "零", strlen("零")))
			d = 0, n = strlen("零");
		for (int c = 0; d < 0 && c < 10; c++)
			if (!strncmp(p + len, cn[c], strlen(cn[c])))
				d = c, n = strlen(cn[c]);
		if (d < 0)
			return 0;
		digits[k] = (char)('0' + d);
		len += n;
	}
	digits[4] = '\0';
	return strncmp(p + len, "年", strlen("年")) ? 0 : (int)len;
}

/* The period a title names: its first year followed by 年, with the
 * longest quarter, half or month after it that reads as one. */
static bool title_period(const char *title, char when[64])
{
	char digits[5], d[11];
	for (const char *p = title; *p; p++) {
		int n = title_year(p, digits);
		if (!n)
			continue;
		const char *rest = p + n;
		bool found = false;
		/* Up to eight characters after the year: 年第三季度. */
		for (size_t cut = 0, chars = 0; chars <= 8 && rest[cut];
		     chars++) {
			do
				cut++;
			while (rest[cut] && (rest[cut] & 0xC0) == 0x80);
			char try[64];
			if (snprintf(try, sizeof(try), "%s%.*s", digits,
				     (int)cut, rest) >= (int)sizeof(try))
				break;
			if (qc_sampling_parse_when(try, d) != QC_DATE_NONE) {
				memcpy(when, try, strlen(try) + 1);
				found = true;
			}
		}
		if (found)
			return true;
	}
	return false;
}

/* The year a file's name gives (2021年第3批抽查结果.csv,
 * 12-huzhou-2017-brick.csv, 公告20230512.csv): its runs of four digits
 * that are a year, or of eight that are a day; none when there is none
 * or two different years. */
static bool file_year(const char *path, char when[64])
{
	const char *base = strrchr(path, '/');
	utf8proc_uint8_t *n;
	int year = 0;
	bool two = false;

	base = base ? base + 1 : path;
	if (!(n = utf8proc_NFKC((const utf8proc_uint8_t *)base)))
		return false;
	for (const char *p = (const char *)n; *p;) {
		size_t len = strspn(p, "0123456789");
		char day[11], run[9];
		if (len == 8) {
			memcpy(run, p, 8);
			run[8] = '\0';
		}
		if (len == 4 ||
		    (len == 8 && qc_sampling_parse_date(run, day))) {
			int y = atoi(p) / (len == 8 ? 10000 : 1);
			if (y >= 1990 && y <= 2100) {
				two |= year && year != y;
				year = y;
			}
		}
		p += len ? len : 1;
	}
	free(n);
	if (!year || two)
		return false;
	snprintf(when, 64, "%04d", year);
	return true;
}

enum qc_rc qc_sampling_rd_settle(struct qc_store *s,
				 const struct qc_sampling_import_opts *o,
				 const struct qc_sampling_map *m,
				 struct sampling_reader *rd, struct qc_buf *say,
				 struct qc_error *err)
{
	struct qc_region r;
	char code[QC_REGION_CODE_SIZE];

	if (o->all_failed)
		qc_buf_adds(say, _("every row is a failure (--all-failed)\n"));
	else if ((m->verdict == 0 || (m->verdict < 0 && m->listed == 0)) &&
		 *m->title)
		qc_buf_addf(say,
			    _("every row is a failure: the title says so "
			      "(%s)\n"),
			    m->title);
	else if (m->verdict == 0)
		qc_buf_adds(say, _("every row is a failure: the headings say "
				   "so\n"));
	else if (m->verdict == 1 || (m->verdict < 0 && m->listed == 1))
		qc_buf_addf(say,
			    _("every row passed: the title says so (%s)\n"),
			    m->title);
	else if (m->verdict == 2)
		qc_buf_addf(say,
			    _("no result column: a row with failed items "
			      "('%s') failed, one without passed\n"),
			    m->label[QC_SF_FAILED]);
	else if (m->col[QC_SF_RESULT] < 0)
		return qc_error_set(err, QC_EINVAL,
				    "line %d: no column for 'result' in the "
				    "header; name it with --map result=COLUMN,"
				    " or give --all-failed for a list of "
				    "failures (不合格产品名单)",
				    m->header_line);
	rd->date_from = m->col[QC_SF_DATE] >= 0 ? "column" : "option";
	if (m->col[QC_SF_DATE] < 0 && !o->date) {
		if (m->title && title_period(m->title, rd->when)) {
			rd->date_from = "title";
			qc_buf_addf(say,
				    _("sampling date: %s, as the title says "
				      "(give --date to change it)\n"),
				    rd->when);
		} else if (rd->file && file_year(rd->file, rd->when)) {
			/* The year only: a name says no more reliably. */
			rd->date_from = "file_name";
			qc_buf_addf(say,
				    _("sampling date: the year %s, as the file "
				      "name says (give --date to change it)\n"),
				    rd->when);
		} else {
			return qc_error_set(
				err, QC_EINVAL,
				"the table has no sampling date "
				"column (抽样日期, 抽查时间), and "
				"neither its title nor the file "
				"name names a year: give --date "
				"(2023-05-12, 2023年5月, 2016年4季度"
				" or 2016年), or put the year in the"
				" file name (2021年第3批抽查结果.csv)");
		}
	}
	if (m->col[QC_SF_LEVEL] >= 0)
		return QC_OK;
	if (o->region && !qc_region_resolve(s, o->region, code, NULL) &&
	    !qc_region_get(s, code, &r, NULL)) {
		qc_region_province(code, rd->home);
		rd->have_home = true;
		if (!o->level && !m->level_hint) {
			rd->level = level_of_region(r.level);
			qc_buf_addf(say,
				    _("sampling level: %s, that of the "
				      "authority of %s (give --level to "
				      "change it)\n"),
				    level_name(rd->level), r.name);
		}
		qc_region_release(&r);
	}
	if (o->level) {
		rd->level = o->level;
	} else if (m->level_hint) {
		rd->level = m->level_hint;
		qc_buf_addf(say,
			    _("sampling level: %s, as the title says (give "
			      "--level to change it)\n"),
			    level_name(rd->level));
	}
	if (!rd->level)
		return qc_error_set(err, QC_EINVAL,
				    "the table has no level column: give "
				    "--level (national, provincial, "
				    "municipal or county), or --region for "
				    "the level of its authority");
	return QC_OK;
}

char *qc_sampling_rd_simplify(const char *s)
{
	struct qc_buf b = QC_BUF_INIT;
	size_t n = strlen(s);
	bool ascii = true;

	for (size_t i = 0; i < n && ascii; i++)
		ascii = (unsigned char)s[i] < 0x80;
	if (ascii)
		return qc_xstrdup(s);
	qc_buf_init(&b, 0);
	if (qc_text_t2s(s, n, &b, NULL) || qc_buf_failed(&b)) {
		qc_buf_release(&b);
		return qc_xstrdup(s);
	}
	return qc_buf_detach(&b, NULL);
}

/* The cells of a row in simplified characters, kept in rd until the
 * next row. */
static void simplify_row(const struct qc_sampling_map *m,
			 struct sampling_reader *rd, const char **f)
{
	for (int k = 0; k < QC_SF__COUNT; k++) {
		free(rd->simple[k]);
		rd->simple[k] = NULL;
		if (!f[k] || !m->traditional)
			continue;
		rd->simple[k] = qc_sampling_rd_simplify(f[k]);
		f[k] = qc_sampling_blank(rd->simple[k]) ? NULL : rd->simple[k];
	}
}

static enum qc_rc row_cells(const struct qc_sampling_map *m,
			    struct sampling_reader *rd,
			    const struct qc_table_row *row, const char **f,
			    struct qc_error *err);

enum qc_rc qc_sampling_rd_cells(const struct qc_sampling_map *m,
				struct sampling_reader *rd,
				const struct qc_table_row *row, const char **f,
				struct qc_error *err)
{
	enum qc_rc rc = row_cells(m, rd, row, f, err);
	char *rest = NULL;

	if (rc)
		return rc;
	simplify_row(m, rd, f);
	/* A product cell ending in its verdict (0#车用柴油不合格). */
	rd->product_verdict =
		f[QC_SF_PRODUCT] ?
			qc_sampling_product_verdict(f[QC_SF_PRODUCT], &rest) :
			-1;
	if (rest && qc_sampling_blank(rest))
		rd->product_verdict = -1;
	free(rd->product);
	rd->product = NULL;
	if (rd->product_verdict >= 0)
		f[QC_SF_PRODUCT] = rd->product = rest;
	else
		free(rest);
	return QC_OK;
}

/* The row's cells by column, placed by kind when it is short of cells in
 * its middle, merged cells carried down (sampling_shape.c); the
 * sampled unit's place kept as its address when it has none, and as the
 * enterprise's where it stands for the enterprise. */
static enum qc_rc shaped_cells(const struct qc_sampling_map *m,
			       struct sampling_reader *rd,
			       const struct qc_table_row *row, const char **f,
			       struct qc_error *err)
{
	const char *cells[QC_SAMPLING_COLS];
	unsigned char state[QC_SAMPLING_COLS];
	const char *place = NULL;
	enum qc_rc rc;

	if (m->n_cols <= 0 || m->n_cols > QC_SAMPLING_COLS)
		return QC_OK;
	if ((rc = qc_sampling_shape(m, rd, row, cells, state, err)))
		return rc;
	qc_sampling_carry(m, rd, cells, state);
	for (int k = 0; k < QC_SF__COUNT; k++) {
		int c = m->col[k];
		if (c >= 0 && c < m->n_cols)
			f[k] = qc_sampling_blank(cells[c]) ? NULL : cells[c];
	}
	if (m->place >= 0 && m->place < m->n_cols &&
	    !qc_sampling_blank(cells[m->place]))
		place = cells[m->place];
	if (place && f[QC_SF_SAMPLED] && !f[QC_SF_SAMPLED_ADDRESS])
		f[QC_SF_SAMPLED_ADDRESS] = place;
	if (place && !f[QC_SF_ADDRESS] && f[QC_SF_ENTERPRISE] &&
	    f[QC_SF_SAMPLED] && !strcmp(f[QC_SF_ENTERPRISE], f[QC_SF_SAMPLED]))
		f[QC_SF_ADDRESS] = place;
	return QC_OK;
}

static enum qc_rc row_cells(const struct qc_sampling_map *m,
			    struct sampling_reader *rd,
			    const struct qc_table_row *row, const char **f,
			    struct qc_error *err)
{
	size_t last = row->n;
	struct qc_buf b = QC_BUF_INIT;
	enum qc_rc rc;

	if ((rc = shaped_cells(m, rd, row, f, err)))
		return rc;
	if (!f[QC_SF_ENTERPRISE] && f[QC_SF_SAMPLED]) {
		f[QC_SF_ENTERPRISE] = f[QC_SF_SAMPLED];
		if (!f[QC_SF_ADDRESS])
			f[QC_SF_ADDRESS] = f[QC_SF_SAMPLED_ADDRESS];
	}
	while (last > 0 && !*row->cells[last - 1])
		last--;
	if (m->n_cols <= 0 || last <= (size_t)m->n_cols)
		return QC_OK;
	if (!m->last_free)
		return qc_error_set(err, QC_EINVAL,
				    "%zu cells under a header of %d columns: "
				    "a cell holding a comma must be quoted, or"
				    " the row has a cell too many",
				    last, m->n_cols);
	/* An unquoted list of failed items spread over the extra cells:
	 * join them again as it was written. */
	qc_buf_init(&b, 1 << 20);
	for (size_t i = (size_t)m->n_cols - 1; i < last; i++) {
		if (i >= (size_t)m->n_cols)
			qc_buf_addch(&b, ',');
		qc_buf_adds(&b, row->cells[i]);
	}
	free(rd->joined);
	rd->joined = qc_buf_detach(&b, NULL);
	for (int k = 0; k < QC_SF__COUNT; k++)
		if (m->col[k] == m->n_cols - 1)
			f[k] = rd->joined;
	return QC_OK;
}

/* What the table says of a row, against what its product cell says
 * (0#车用柴油不合格): -1 with err set when they differ. */
static int agree(const struct qc_sampling_map *m,
		 const struct sampling_reader *rd, const char **f, int passed,
		 struct qc_error *err)
{
	if (rd->product_verdict < 0 || rd->product_verdict == passed)
		return passed;
	qc_error_set(err, QC_EINVAL,
		     "field 'product' (%s): '%s' ends in a verdict that "
		     "contradicts the row's result",
		     m->label[QC_SF_PRODUCT], f[QC_SF_PRODUCT]);
	return -1;
}

int qc_sampling_rd_verdict(const struct qc_sampling_map *m,
			   const struct qc_sampling_import_opts *o,
			   const struct sampling_reader *rd, const char **f,
			   struct qc_error *err)
{
	const char *v = f[QC_SF_RESULT];
	int passed;

	if (o->all_failed || m->verdict == 0)
		return agree(m, rd, f, 0, err);
	if (m->verdict == 1)
		return agree(m, rd, f, 1, err);
	if (m->verdict == 2)
		return rd->product_verdict >= 0 && !f[QC_SF_FAILED] ?
			       rd->product_verdict :
			       agree(m, rd, f, f[QC_SF_FAILED] == NULL, err);
	if (!v && rd->product_verdict >= 0)
		return rd->product_verdict;
	if ((passed = qc_sampling_parse_result(v)) >= 0) {
		if (agree(m, rd, f, passed, err) < 0)
			return -1;
		if (m->listed < 0 || passed == m->listed)
			return passed;
		if (m->listed)
			qc_error_set(err, QC_EINVAL,
				     "field 'result' (%s): '%s', but the "
				     "title (%s) lists passes",
				     m->label[QC_SF_RESULT], v, m->title);
		else
			qc_error_set(err, QC_EINVAL,
				     "field 'result' (%s): '%s', but the "
				     "title (%s) lists failures",
				     m->label[QC_SF_RESULT], v, m->title);
		return -1;
	}
	/* 检验结果 holding a measured value in a list of failures. */
	if (m->listed >= 0 && !qc_sampling_is_grade(v))
		return m->listed;
	if (qc_sampling_is_grade(v))
		qc_error_set(err, QC_EINVAL,
			     "field 'result' (%s): '%s' is a quality grade, "
			     "not a result; map the result column with "
			     "--map result=COLUMN",
			     m->label[QC_SF_RESULT], v);
	else
		qc_error_set(err, QC_EINVAL,
			     "field 'result' (%s): '%s' is neither 合格 nor "
			     "不合格 (nor P/F, 符合/不符合…要求, 通过)",
			     m->label[QC_SF_RESULT], v ? v : "");
	return -1;
}

/* Does text name region `name` in full, or without the 省/市/区/县 of a
 * name of more than three characters (黑龙江省 → 黑龙江)? */
static bool names(const char *text, const char *name)
{
	size_t n = strlen(name);
	char stem[128];

	/* The short names of the autonomous regions, as a name or an
	 * address begins (宁夏万汇云合消防科技有限公司, 广西某公司); only
	 * there, and not as a street's name (西藏中路, 宁夏路). */
	static const char *const street[] = { "路",   "中路", "南路", "北路",
					      "东路", "西路", "街",   "大街",
					      "大道", "巷" };
	static const struct {
		const char *full, *short_name;
	} autonomous[] = {
		{ "内蒙古自治区", "内蒙古" },   { "广西壮族自治区", "广西" },
		{ "西藏自治区", "西藏" },       { "宁夏回族自治区", "宁夏" },
		{ "新疆维吾尔自治区", "新疆" },
	};

	if (strstr(text, name))
		return true;
	for (size_t i = 0; i < sizeof(autonomous) / sizeof(autonomous[0]);
	     i++) {
		size_t k = strlen(autonomous[i].short_name);
		bool is_street = false;
		if (strcmp(name, autonomous[i].full) ||
		    strncmp(text, autonomous[i].short_name, k))
			continue;
		for (size_t j = 0; j < sizeof(street) / sizeof(street[0]); j++)
			is_street |= !strncmp(text + k, street[j],
					      strlen(street[j]));
		return !is_street;
	}
	/* An enterprise's name begins with its city or province without
	 * 市 or 省 (宝鸡阜丰生物科技有限公司, 江西太平洋电缆集团有限公司). */
	if (n == 9 && (!strcmp(name + 6, "市") || !strcmp(name + 6, "省")) &&
	    !strncmp(text, name, 6))
		return true;
	if (n <= 9 || n >= sizeof(stem))
		return false;
	/* A prefecture called a 地区 or 盟 by its name alone (大兴安岭新林区,
	 * 锡林郭勒), an autonomous prefecture by its name and 州 (昌吉州,
	 * 黔东南州): names of three characters or more, or two with 州. */
	static const char *const alone[] = { "地区", "盟" };
	for (size_t i = 0; i < sizeof(alone) / sizeof(alone[0]); i++) {
		size_t k = strlen(alone[i]);
		if (n - k >= 9 && !strcmp(name + n - k, alone[i])) {
			snprintf(stem, sizeof(stem), "%.*s", (int)(n - k),
				 name);
			if (strstr(text, stem))
				return true;
		}
	}
	if (n > strlen("自治州") &&
	    !strcmp(name + n - strlen("自治州"), "自治州"))
		for (int chars = 2; chars <= 3; chars++) {
			snprintf(stem, sizeof(stem), "%.*s州", chars * 3, name);
			if (strstr(text, stem))
				return true;
		}
	snprintf(stem, sizeof(stem), "%.*s", (int)(n - 3), name);
	return strstr(text, stem) != NULL;
}

/* Provinces and prefectures, read once: an address is matched against
 * them in memory, and only a named prefecture's counties are queried. */
static void load_regions(struct qc_store *s, struct sampling_reader *rd)
{
	rd->have_prefectures = true;
	if (qc_region_children(s, NULL, &rd->provinces, NULL))
		return;
	for (size_t i = 0; i < rd->provinces.n; i++) {
		struct qc_region_list kids;
		if (qc_region_children(s, rd->provinces.v[i].code, &kids, NULL))
			continue;
		for (size_t k = 0; k < kids.n; k++) {
			QC_GROW(rd->prefectures.v, rd->prefectures.n + 1,
				rd->prefectures.alloc);
			rd->prefectures.v[rd->prefectures.n++] = kids.v[k];
			kids.v[k].name = NULL;
		}
		qc_region_list_release(&kids);
	}
}

/* The one region of list (whose code begins with `within`, if given)
 * that text names; NULL if none or several. */
static const struct qc_region *named_in(const struct qc_region_list *list,
					const char *within, const char *text)
{
	const struct qc_region *hit = NULL;
	for (size_t i = 0; i < list->n; i++) {
		const struct qc_region *r = &list->v[i];
		if (!r->name || (within && strncmp(r->code, within, 2)) ||
		    qc_region_is_grouping(r->name) || !names(text, r->name))
			continue;
		if (hit)
			return NULL;
		hit = r;
	}
	return hit;
}

/* The counties of the home province whose names have three characters
 * or more (瑞安市, 青田县, 杭锦旗; not 城区 or 单县, which other words
 * hold), read once. */
static void load_counties(struct qc_store *s, struct sampling_reader *rd)
{
	rd->have_counties = true;
	for (size_t i = 0; i < rd->prefectures.n; i++) {
		struct qc_region_list kids;
		if (strncmp(rd->prefectures.v[i].code, rd->home, 2) ||
		    qc_region_children(s, rd->prefectures.v[i].code, &kids,
				       NULL))
			continue;
		for (size_t k = 0; k < kids.n; k++) {
			if (!kids.v[k].name || strlen(kids.v[k].name) < 9)
				continue;
			QC_GROW(rd->counties.v, rd->counties.n + 1,
				rd->counties.alloc);
			rd->counties.v[rd->counties.n++] = kids.v[k];
			kids.v[k].name = NULL;
		}
		qc_region_list_release(&kids);
	}
}

static bool region_named(struct qc_store *s, struct sampling_reader *rd,
			 const char *text, char out[QC_REGION_CODE_SIZE])
{
	const struct qc_region *hit = NULL, *prov;

	if (!rd->have_prefectures)
		load_regions(s, rd);
	/* A prefecture of the home province, a named province's, or any
	 * prefecture named alone (江门市某路). */
	if (rd->have_home)
		hit = named_in(&rd->prefectures, rd->home, text);
	if (!hit && (prov = named_in(&rd->provinces, NULL, text))) {
		hit = named_in(&rd->prefectures, prov->code, text);
		if (!hit) {
			/* 新疆…昌吉市: the home province's county, if one is
			 * named, not the province. */
			const struct qc_region *county = NULL;
			if (rd->have_home &&
			    !strncmp(prov->code, rd->home, 2)) {
				if (!rd->have_counties)
					load_counties(s, rd);
				county = named_in(&rd->counties, NULL, text);
			}
			memcpy(out, county ? county->code : prov->code,
			       QC_REGION_CODE_SIZE);
			return true;
		}
	}
	/* A county of the home province named alone (瑞安市蓝精灵鞋业有限
	 * 公司, 晋江市某鞋服有限公司). */
	if (!hit && rd->have_home) {
		const struct qc_region *county;
		if (!rd->have_counties)
			load_counties(s, rd);
		if ((county = named_in(&rd->counties, NULL, text))) {
			memcpy(out, county->code, QC_REGION_CODE_SIZE);
			return true;
		}
	}
	if (!hit)
		hit = named_in(&rd->prefectures, NULL, text);
	if (!hit)
		return false;
	if (!qc_region_in_address(s, hit->code, text, out))
		memcpy(out, hit->code, QC_REGION_CODE_SIZE);
	return true;
}

static uint64_t hash64(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

bool qc_sampling_rd_region(struct qc_store *s, struct sampling_reader *rd,
			   const char *text, char out[QC_REGION_CODE_SIZE])
{
	if (!text || !*text)
		return false;
	/* Tables repeat an enterprise's name and address: remember. */
	uint64_t h = hash64(text);
	if (!rd->seen)
		rd->seen = qc_xcalloc(RD_SLOTS, sizeof(*rd->seen));
	struct rd_slot *slot = &rd->seen[h % RD_SLOTS];
	if (slot->used && slot->hash == h) {
		memcpy(out, slot->code, QC_REGION_CODE_SIZE);
		return slot->code[0] != '\0';
	}
	char code[QC_REGION_CODE_SIZE] = "";
	bool found = region_named(s, rd, text, code);
	slot->used = true;
	slot->hash = h;
	memcpy(slot->code, code, QC_REGION_CODE_SIZE);
	if (found)
		memcpy(out, code, QC_REGION_CODE_SIZE);
	return found;
}

void qc_sampling_rd_release(struct sampling_reader *rd)
{
	free(rd->joined);
	rd->joined = NULL;
	free(rd->product);
	rd->product = NULL;
	for (size_t c = 0; c < QC_SAMPLING_COLS; c++) {
		free(rd->above[c]);
		rd->above[c] = NULL;
	}
	free(rd->seen);
	rd->seen = NULL;
	for (int k = 0; k < QC_SF__COUNT; k++) {
		free(rd->simple[k]);
		rd->simple[k] = NULL;
	}
	qc_region_list_release(&rd->prefectures);
	qc_region_list_release(&rd->provinces);
	qc_region_list_release(&rd->counties);
}
