/* Reading a published sampling table as it is: lists of failures without
 * a result column, the level a title or region implies, rows whose last
 * free-text cell was split by unquoted commas (the region an enterprise's
 * own address names: sampling_place.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
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
	/* A space a page left before 年: 2011 年05 月份. */
	while (p[len] == ' ')
		len++;
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
		/* Spaces a page left after the year: 2012年 3季度. */
		char packed[64];
		size_t w = 0;
		for (const char *q = p + n; *q && w + 4 < sizeof(packed);) {
			if (*q == ' ' || !strncmp(q, "\u3000", 3)) {
				q += *q == ' ' ? 1 : 3;
				continue;
			}
			packed[w++] = *q++;
		}
		packed[w] = '\0';
		const char *rest = packed;
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

/* Whether p (inside title) is 月 of a date: after a digit or a Chinese
 * numeral (3月, 十二月), not inside a product's name (月饼). */
static bool month_at(const char *title, const char *p)
{
	static const char *const numeral[] = { "一", "二", "三", "四",
					       "五", "六", "七", "八",
					       "九", "十", "〇", "零" };
	if (p > title && p[-1] >= '0' && p[-1] <= '9')
		return true;
	for (size_t i = 0; i < sizeof(numeral) / sizeof(*numeral); i++) {
		size_t k = strlen(numeral[i]);
		if ((size_t)(p - title) >= k && !strncmp(p - k, numeral[i], k))
			return true;
	}
	return false;
}

/* Whether what a title leaves before 产品质量 names a batch, a kind
 * or several products, not one (第二批重点工业, 年度, 儿童用品, 食品等,
 * 食品相关, 电器类). */
static bool no_product(const char *w)
{
	static const char *const word[] = { "重点", "工业", "用品", "等",
					    "相关", "类",   "年度" };
	const char *batch = strstr(w, "第");
	if (batch && (strstr(batch, "批") || strstr(batch, "期")))
		return true;
	for (size_t i = 0; i < sizeof(word) / sizeof(*word); i++)
		if (strstr(w, word[i]))
			return true;
	return false;
}

/* The product a title names: the words just before 产品质量, after the
 * year, period and place that lead it (2012年广东省陶瓷砖产品质量…:
 * 陶瓷砖). A row whose page left its product cell empty is of it. */
bool qc_sampling_title_product(const char *title, char out[64])
{
	static const char *const leads[] = { "年", "季度", "月", "省", "市",
					     "区", "县",   "州", "局" };
	const char *end = strstr(title, "产品质量");
	const char *from = title;

	if (!end)
		return false;
	for (const char *p = title; p < end; p++)
		for (size_t i = 0; i < sizeof(leads) / sizeof(*leads); i++)
			if (!strncmp(p, leads[i], strlen(leads[i])) &&
			    p + strlen(leads[i]) <= end &&
			    (strcmp(leads[i], "月") || month_at(title, p)))
				from = p + strlen(leads[i]);
	size_t n = (size_t)(end - from);
	/* Two characters at least (6 bytes), and no digit: a product's
	 * name, not what is left of a date. */
	if (n < 6 || n >= 64)
		return false;
	for (const char *p = from; p < end; p++)
		if (*p >= '0' && *p <= '9')
			return false;
	memcpy(out, from, n);
	out[n] = '\0';
	return !no_product(out);
}

/* A category's name (食品, 日用消费品) is no product's. */
static bool category_named(struct qc_store *s, const char *w)
{
	int64_t n = 0;
	bool found = false;
	const char *p[] = { w };
	if (qc_store_get_int(s,
			     "SELECT COUNT(*) FROM product_categories "
			     "WHERE name = ?",
			     p, 1, &n, &found, NULL))
		return true; /* unsure: no product taken */
	return n > 0;
}

enum qc_rc qc_sampling_rd_settle(struct qc_store *s,
				 const struct qc_sampling_import_opts *o,
				 const struct qc_sampling_map *m,
				 struct sampling_reader *rd, struct qc_buf *say,
				 struct qc_error *err)
{
	struct qc_region r;
	char code[QC_REGION_CODE_SIZE];

	rd->title_product[0] = '\0';
	if (m->title && *m->title &&
	    (!qc_sampling_title_product(m->title, rd->title_product) ||
	     category_named(s, rd->title_product)))
		rd->title_product[0] = '\0';
	/* A column of brands is no product (sampling_bare.c): the title or
	 * --product must name it. */
	if (m->brand >= 0 && !o->product && !rd->title_product[0])
		return qc_error_set(err, QC_EINVAL,
				    "column %d holds brands or trademarks "
				    "(%s …), not products, and the title names "
				    "no product (…复混肥料产品质量…): give it "
				    "with --product (--product 复混肥料)",
				    m->brand + 1, m->brand_seen);
	if (m->brand >= 0)
		qc_buf_addf(say,
			    o->product ?
				    _("column %d holds brands or trademarks "
				      "(%s …), no product: the rows are of %s "
				      "(--product)\n") :
				    _("column %d holds brands or trademarks "
				      "(%s …), no product: the rows are of %s, "
				      "as the title says\n"),
			    m->brand + 1, m->brand_seen,
			    o->product ? o->product : rd->title_product);
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

/* The characters of a UTF-8 string. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* 乾 is a simplified character too (乾县, 乾隆, 乾宁坊): OpenCC writes
 * 干 for it, so a name keeps each 乾 its source has, where the
 * conversion kept the characters one for one (both are three bytes). */
static void keep_qian(const char *src, char *simple)
{
	static const char qian[] = "乾", gan[] = "干";
	size_t k = strlen(qian);

	if (!strstr(src, qian) || utf8_chars(src) != utf8_chars(simple))
		return;
	for (const char *p = src; *p; p++) {
		if (((unsigned char)*p & 0xC0) == 0x80)
			continue;
		while (((unsigned char)*simple & 0xC0) == 0x80)
			simple++;
		if (!strncmp(p, qian, k) && !strncmp(simple, gan, k))
			memcpy(simple, qian, k);
		simple++;
	}
}

/* The cells of a row in simplified characters, kept in rd until the
 * next row; names and places keep their 乾 (keep_qian), the items
 * tested do not (乾燥失重 is 干燥失重). */
static void simplify_row(const struct qc_sampling_map *m,
			 struct sampling_reader *rd, const char **f)
{
	for (int k = 0; k < QC_SF__COUNT; k++) {
		free(rd->simple[k]);
		rd->simple[k] = NULL;
		if (!f[k] || !m->traditional)
			continue;
		rd->simple[k] = qc_sampling_rd_simplify(f[k]);
		if (k == QC_SF_ENTERPRISE || k == QC_SF_PRODUCT ||
		    k == QC_SF_SAMPLED || k == QC_SF_ADDRESS ||
		    k == QC_SF_SAMPLED_ADDRESS || k == QC_SF_REGION)
			keep_qian(f[k], rd->simple[k]);
		f[k] = qc_sampling_blank(rd->simple[k]) ? NULL : rd->simple[k];
	}
}

static enum qc_rc row_cells(const struct qc_sampling_map *m,
			    struct sampling_reader *rd,
			    const struct qc_table_row *row, const char **f,
			    struct qc_error *err);

/* Whether a cell reads as the name of a division (藁城区, 新华区, 乡镇):
 * short, no digits, ending in a level's word. */
static bool division_like(const char *s)
{
	static const char *const end[] = { "省", "市", "区", "县", "旗",
					   "州", "盟", "镇", "乡", "街道" };
	size_t n = strlen(s);

	if (n < 6 || n > 36 || strpbrk(s, "0123456789"))
		return false;
	for (size_t i = 0; i < sizeof(end) / sizeof(end[0]); i++) {
		size_t e = strlen(end[i]);
		if (n > e && !strcmp(s + n - e, end[i]))
			return true;
	}
	return false;
}

/* A row that writes a group's cells apart (石家庄市, 藁城区 under 行政区划
 * over 市 and 县区) as the row that writes them merged (定州市): the
 * group's cells joined into one, in rd->grouped. Apart is told by the
 * cells, not their count alone: a merged row whose last cell was split
 * at a comma has as many cells, an apart row with an empty last cell as
 * few as a merged one. */
static const struct qc_table_row *
ungrouped(const struct qc_sampling_map *m, struct sampling_reader *rd,
	  const struct qc_table_row *row, struct qc_table_row *v, char **cells)
{
	size_t g = (size_t)m->group, k = (size_t)m->group_n, last = row->n;
	size_t apart = (size_t)m->n_cols + k - 1;
	struct qc_buf b = QC_BUF_INIT;

	while (last > 0 && !*row->cells[last - 1])
		last--;
	if (k < 2 || (last != apart && row->n != apart) ||
	    row->n - (k - 1) > QC_SAMPLING_COLS || g + k > row->n)
		return row;
	for (size_t i = g + 1; i < g + k; i++)
		if (*row->cells[i] && !division_like(row->cells[i]))
			return row;
	qc_buf_init(&b, 0);
	for (size_t i = g; i < g + k; i++)
		qc_buf_adds(&b, row->cells[i]);
	free(rd->grouped);
	rd->grouped = qc_buf_detach(&b, NULL);
	for (size_t i = 0, o = 0; i < row->n; i++) {
		if (i == g)
			cells[o++] = rd->grouped;
		else if (i < g || i >= g + k)
			cells[o++] = row->cells[i];
	}
	v->cells = cells;
	v->n = row->n - (k - 1);
	v->line = row->line;
	return v;
}

/* Items each with its unit in brackets, parted by a space only
 * (菌落总数(cfu/g) 大肠菌群(MPN/100g)): parted by 、 as the others are.
 * Only where no other mark parts them. */
static void spaced_items(struct sampling_reader *rd, const char **f)
{
	const char *s = f[QC_SF_FAILED];
	struct qc_buf b = QC_BUF_INIT;

	free(rd->items_part);
	rd->items_part = NULL;
	if (!s || !strstr(s, ") ") || strstr(s, "║") || strstr(s, "‖") ||
	    strstr(s, "、") || strchr(s, ',') || strstr(s, "，") ||
	    strchr(s, ';') || strstr(s, "；"))
		return;
	qc_buf_init(&b, 0);
	for (const char *p = s; *p; p++) {
		if (*p == ' ' && p > s && p[-1] == ')') {
			const char *n = p;
			while (*n == ' ')
				n++;
			if ((unsigned char)*n >= 0xE4 &&
			    (unsigned char)*n <= 0xE9) {
				qc_buf_adds(&b, "、");
				p = n - 1;
				continue;
			}
		}
		qc_buf_addch(&b, *p);
	}
	rd->items_part = qc_buf_detach(&b, NULL);
	f[QC_SF_FAILED] = rd->items_part;
}

enum qc_rc qc_sampling_rd_cells(const struct qc_sampling_map *m,
				struct sampling_reader *rd,
				const struct qc_table_row *row, const char **f,
				struct qc_error *err)
{
	struct qc_table_row v;
	char *cells[QC_SAMPLING_COLS];
	enum qc_rc rc = row_cells(m, rd, ungrouped(m, rd, row, &v, cells), f,
				  err);
	char *rest = NULL;

	if (rc)
		return rc;
	simplify_row(m, rd, f);
	spaced_items(rd, f);
	qc_sampling_names(m, rd, f);
	/* A product numbered in its own cell where no column numbers the
	 * rows (1、木子辣八豆, as a list with no header writes it). */
	if (m->col[QC_SF_SEQ] < 0 && f[QC_SF_PRODUCT]) {
		const char *p = f[QC_SF_PRODUCT];
		while (*p >= '0' && *p <= '9')
			p++;
		if (p > f[QC_SF_PRODUCT] && p - f[QC_SF_PRODUCT] <= 3 &&
		    !strncmp(p, "、", strlen("、")) && p[strlen("、")])
			f[QC_SF_PRODUCT] = p + strlen("、");
	}
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
	/* The sampled unit's code, not a producer's (uscc_sampled). */
	if (m->uscc_sampled && f[QC_SF_ENTERPRISE] &&
	    (!f[QC_SF_SAMPLED] ||
	     strcmp(f[QC_SF_ENTERPRISE], f[QC_SF_SAMPLED])))
		f[QC_SF_USCC] = NULL;
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

void qc_sampling_rd_release(struct sampling_reader *rd)
{
	free(rd->joined);
	rd->joined = NULL;
	free(rd->grouped);
	rd->grouped = NULL;
	free(rd->items_part);
	rd->items_part = NULL;
	free(rd->more_items);
	rd->more_items = NULL;
	free(rd->product);
	rd->product = NULL;
	free(rd->group);
	rd->group = NULL;
	free(rd->relisted);
	rd->relisted = NULL;
	for (int k = 0; k < QC_SF__COUNT; k++) {
		free(rd->named[k]);
		rd->named[k] = NULL;
	}
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
	for (size_t i = 0; i < 100; i++)
		qc_region_list_release(&rd->other[i]);
}
