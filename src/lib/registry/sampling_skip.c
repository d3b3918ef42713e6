/* Rows inside a published table that are not results: a totals row
 * (合计,,,,3批次), an end mark (以下空白, （完）) and a group row naming
 * a section of the sampling (一、生产领域, （二）流通环节, 生产环节：).
 * Told by the words of the row's first filled cell, from the closed
 * lists below (docs/registry.md), and by the row holding nothing else
 * but counts or that cell written again (a merged cell): a row with an
 * enterprise or a product of its own is never one, however few its
 * cells. No field keeps a section (抽查领域 is no column of the
 * results), so a group row is dropped, not carried; a numbered group
 * row naming anything else (一、食用农产品) names the category of the
 * rows under it (qc_sampling_group_category). */
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/sampling.h"
#include "sampling_feed.h"
#include "sampling_int.h"
#include "banned.h"

/* A folded cell without the dashes and dots around it (——以下空白——). */
static char *bare_cell(const char *cell)
{
	static const char *const dash[] = { "-", "—", "－", "_", "…", ".", "~" };
	size_t nd = sizeof(dash) / sizeof(dash[0]);
	char *simple = qc_sampling_rd_simplify(cell);
	char *f = qc_sampling_fold(simple);
	const char *p = qc_sampling_past(f, dash, nd);
	size_t n = strlen(p);
	for (bool cut = true; cut && n;) {
		cut = false;
		for (size_t i = 0; i < nd; i++) {
			size_t k = strlen(dash[i]);
			if (n >= k && !strncmp(p + n - k, dash[i], k)) {
				n -= k;
				cut = true;
			}
		}
	}
	memmove(f, p, n);
	f[n] = '\0';
	free(simple);
	return f;
}

/* A count (3, 共3批次, 12家) or a share (100%), folded. */
static bool count_cell(const char *s)
{
	static const char *const unit[] = { "批次", "批", "家", "个", "件",
					    "组",   "份", "项", "种", "%" };
	const char *p = qc_sampling_starts(s, "共") ? s + strlen("共") : s;
	const char *d = p;
	while ((*p >= '0' && *p <= '9') || (*p == '.' && p > d))
		p++;
	if (p == d)
		return false;
	for (size_t i = 0; *p && i < sizeof(unit) / sizeof(unit[0]); i++)
		if (!strcmp(p, unit[i]))
			return true;
	return !*p;
}

/* The length of the totals word s starts with (合计, 总计 …), or 0. */
static size_t totals_word(const char *s)
{
	static const char *const word[] = { "合计", "总计", "小计", "共计" };
	for (size_t i = 0; i < sizeof(word) / sizeof(word[0]); i++)
		if (qc_sampling_starts(s, word[i]))
			return strlen(word[i]);
	return 0;
}

/* 合计, 总计, 小计, 共计, alone or before a count (合计:3批次). */
static bool totals(const char *s)
{
	size_t n = totals_word(s);
	return n && (!s[n] || count_cell(s + n));
}

static bool end_mark(const char *s)
{
	static const char *const mark[] = {
		"以下空白",     "以下无正文",   "以下无内容",     "以下为空白",
		"本页以下空白", "此页以下空白", "以下空白无正文", "完",
		"全文完",       "以下无",
	};
	for (size_t i = 0; i < sizeof(mark) / sizeof(mark[0]); i++)
		if (!strcmp(s, mark[i]))
			return true;
	return false;
}

/* A section of the sampling, after its number (一、, （二）, 3.): a
 * stage (生产, 流通, 餐饮, 网络销售 …) followed by 领域 or 环节. */
static bool section(const char *s)
{
	static const char *const number[] = {
		"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "0",
		"1",  "2",  "3",  "4",  "5",  "6",  "7",  "8",  "9",  "."
	};
	static const char *const before[] = { "抽查", "抽检", "抽样" };
	static const char *const stage[] = {
		"网络销售", "生产加工", "餐饮服务", "批发零售", "生产",
		"流通",     "餐饮",     "网络",     "网购",     "电商",
		"销售",     "经营",     "使用",     "零售",
	};
	static const char *const tail[] = { "领域", "环节" };
	const char *p = qc_sampling_past(s, number,
					 sizeof(number) / sizeof(number[0]));
	p = qc_sampling_past(p, before, sizeof(before) / sizeof(before[0]));
	for (size_t i = 0; i < sizeof(stage) / sizeof(stage[0]); i++)
		if (qc_sampling_starts(p, stage[i]))
			for (size_t k = 0; k < 2; k++)
				if (!strcmp(p + strlen(stage[i]), tail[k]))
					return true;
	return false;
}

/* A numbered heading (一、食用农产品, （二）食品相关产品, 3、茶叶):
 * past its number in a simplified cell, or NULL. The number is Chinese
 * numerals before 、 or ．, or in brackets; or digits before 、. */
static const char *past_number(const char *s)
{
	static const char *const numeral[] = { "一", "二", "三", "四", "五",
					       "六", "七", "八", "九", "十" };
	static const char *const open[] = { "(", "（" };
	static const char *const shut[] = { ")", "）" };
	static const char *const after[] = { "、", "．", "." };
	size_t nn = sizeof(numeral) / sizeof(numeral[0]);
	bool bracket = false;
	const char *p = s, *q;

	while (*p == ' ')
		p++;
	for (size_t i = 0; i < 2 && !bracket; i++)
		if (qc_sampling_starts(p, open[i]))
			p += strlen(open[i]), bracket = true;
	q = qc_sampling_past(p, numeral, nn);
	if (q == p && !bracket) {
		while (*q >= '0' && *q <= '9' && q - p < 2)
			q++;
		/* 1、 only: 1. is a decimal or a date's dot as often. */
		return q > p && qc_sampling_starts(q, "、") ? q + strlen("、") :
							      NULL;
	}
	if (q == p)
		return NULL;
	const char *const *end = bracket ? shut : after;
	for (size_t i = 0; i < (bracket ? 2u : 3u); i++)
		if (qc_sampling_starts(q, end[i]))
			return q + strlen(end[i]);
	return NULL;
}

/* The text a group row's numbered heading gives after its number
 * (一、食用农产品: 食用农产品), or NULL: at least two characters, no
 * list's name (二、不合格产品名单 is a caption) and no sentence; *verdict
 * set when it names a verdict (一、合格产品, 二、不合格产品: the rows
 * grouped by their result, no category). Without `numbered`, a heading
 * written without its number (食用农产品) is read the same way. */
static char *numbered_heading(const char *cell, bool numbered, bool *verdict)
{
	static const char *const not_one[] = { "名单", "名录", "信息", "结果",
					       "情况", "说明", "表",   "，",
					       "。",   "；" };
	static const char *const verdicts[] = { "合格", "通过", "符合",
						"问题" };
	char *simple = qc_sampling_rd_simplify(cell);
	const char *p = past_number(simple);
	char *name = NULL;
	bool bare = !p && !numbered;

	/* Without its number: no digit and no colon either (附件2, 注：…
	 * are no group). */
	if (bare && !strpbrk(simple, "0123456789:") && !strstr(simple, "："))
		for (p = simple; *p == ' ';)
			p++;
	*verdict = false;
	if (p) {
		size_t n = strlen(p);
		while (n && (p[n - 1] == ' ' || p[n - 1] == ':'))
			n--;
		if (n >= strlen("：") &&
		    !strncmp(p + n - strlen("："), "：", strlen("：")))
			n -= strlen("：");
		name = qc_xstrndup(p, n);
		bool listed = false;
		for (size_t i = 0; i < sizeof(not_one) / sizeof(not_one[0]);
		     i++)
			listed |= strstr(name, not_one[i]) != NULL;
		for (size_t i = 0; i < sizeof(verdicts) / sizeof(verdicts[0]);
		     i++)
			*verdict |= strstr(name, verdicts[i]) != NULL;
		if (listed || strlen(name) < 6 || strlen(name) > 60) {
			free(name);
			name = NULL;
		}
	}
	free(simple);
	return name;
}

/* A group of what is left (一、其他, 其它产品): no category of its
 * own, so none is made of the word. */
static bool rest_word(const char *name)
{
	static const char *const rest[] = { "其他", "其它", "其余" };
	static const char *const tail[] = { "",     "类",   "产品",  "类别",
					    "商品", "品种", "类产品" };
	for (size_t i = 0; i < sizeof(rest) / sizeof(rest[0]); i++)
		if (qc_sampling_starts(name, rest[i]))
			for (size_t k = 0; k < sizeof(tail) / sizeof(tail[0]);
			     k++)
				if (!strcmp(name + strlen(rest[i]), tail[k]))
					return true;
	return false;
}

/* The category a group row's heading names, with or without its
 * number, or NULL: none when it names a verdict or what is left. */
static char *named_category(const char *cell)
{
	bool verdict;
	char *name = numbered_heading(cell, true, &verdict);

	if (!name)
		name = numbered_heading(cell, false, &verdict);
	if (name && (verdict || rest_word(name))) {
		free(name);
		name = NULL;
	}
	return name;
}

/* Can column col of a row hold no enterprise or product of its own:
 * empty, the first filled cell again, or what may be a count (a digit
 * or 共 first)? Tried before the words, so that a row of data costs a
 * few compares, not a conversion of its cells. */
static bool no_value(const struct qc_table_row *r, int col, size_t first)
{
	const char *c = col >= 0 && (size_t)col < r->n ? r->cells[col] : NULL;
	if ((size_t)col == first || !c || qc_sampling_blank(c))
		return true;
	return !strcmp(c, r->cells[first]) || (*c >= '0' && *c <= '9') ||
	       qc_sampling_starts(c, "共");
}

int qc_sampling_not_result(const struct qc_sampling_map *m,
			   const struct qc_table_row *r)
{
	size_t first = 0;
	int kind = 0;

	while (first < r->n && qc_sampling_blank(r->cells[first]))
		first++;
	if (first == r->n || !no_value(r, m->col[QC_SF_ENTERPRISE], first) ||
	    !no_value(r, m->col[QC_SF_PRODUCT], first))
		return 0;
	char *mark = bare_cell(r->cells[first]);
	kind = totals(mark)   ? QC_ROW_TOTALS :
	       end_mark(mark) ? QC_ROW_END :
	       section(mark)  ? QC_ROW_GROUP :
				0;
	if (!kind) {
		bool verdict;
		char *named = numbered_heading(r->cells[first], true, &verdict);
		/* Or without its number where the number would be, in the
		 * 序号 column (食用农产品,,,,). */
		if (!named && (int)first == m->col[QC_SF_SEQ])
			named = numbered_heading(r->cells[first], false,
						 &verdict);
		kind = !named ? 0 : verdict ? QC_ROW_GROUP : QC_ROW_CATEGORY;
		free(named);
	}
	/* Nothing else but counts or the mark again: no enterprise, no
	 * product of its own. */
	for (size_t i = first + 1; kind && i < r->n; i++) {
		if (qc_sampling_blank(r->cells[i]) ||
		    !strcmp(r->cells[i], r->cells[first]))
			continue;
		char *c = bare_cell(r->cells[i]);
		if (!count_cell(c))
			kind = 0;
		free(c);
	}
	free(mark);
	return kind;
}

char *qc_sampling_group_category(const struct qc_table_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (!qc_sampling_blank(r->cells[i]))
			return named_category(r->cells[i]);
	return NULL;
}

bool qc_sampling_header_repeated(const struct qc_sampling_map *m,
				 const struct qc_table_row *r)
{
	bool same = true;

	for (size_t c = 0; c < r->n && same; c++) {
		if (qc_sampling_blank(r->cells[c]))
			continue;
		const char *h = c < QC_SAMPLING_COLS ? m->heading[c] : NULL;
		if (!h || qc_sampling_blank(h)) {
			same = false;
			continue;
		}
		char *simple = qc_sampling_rd_simplify(r->cells[c]);
		char *a = qc_sampling_fold(simple), *b = qc_sampling_fold(h);
		int fa = qc_sampling_field_of(a);
		same = !strcmp(a, b) ||
		       (fa >= 0 && fa == qc_sampling_field_of(b));
		free(simple);
		free(a);
		free(b);
	}
	return same;
}

size_t qc_sampling_items_width(const struct qc_sampling_map *m)
{
	int c = m->col[QC_SF_FAILED];
	size_t w = 1;

	if (c < 0 || c >= m->n_cols)
		return 0;
	while ((size_t)c + w < (size_t)m->n_cols) {
		unsigned char h = m->holds[(size_t)c + w];
		if (h != QC_HOLDS_VALUE && h != QC_HOLDS_LIMIT &&
		    h != QC_HOLDS_STANDARD && h != QC_HOLDS_RESULT)
			break;
		w++;
	}
	return w;
}

/* 天津市工商局 2010 (蜂蜜): 果糖和葡萄糖含量%, ≥60, 5 on the record's
 * row, then 蜂蜜中碳-4植物糖的百分含量, ≤7, 无蛋白质析出 alone. */
bool qc_sampling_continues_items(const struct qc_sampling_map *m,
				 const struct qc_table_row *r)
{
	size_t w = qc_sampling_items_width(m), k = r->n;
	const char *p;

	while (k > 0 && qc_sampling_blank(r->cells[k - 1]))
		k--;
	if (w < 2 || k != w || 2 * k >= (size_t)m->n_cols)
		return false;
	for (size_t i = 0; i < k; i++)
		if (qc_sampling_blank(r->cells[i]))
			return false;
	for (p = r->cells[0]; *p >= '0' && *p <= '9'; p++)
		;
	if (*p == '\0' || qc_sampling_not_result(m, r))
		return false;
	/* 合计,3批次,不合格1批次 under a table whose enterprise column
	 * holds the third cell: a totals row, no item. */
	char *mark = bare_cell(r->cells[0]);
	bool word = totals_word(mark) || end_mark(mark);
	free(mark);
	return !word;
}

/* A cell opening a note: 注, 备注 or 说明, also in brackets ((注:…),
 * 【说明】…) or in traditional characters (備註, 說明). */
static bool opens_note(const char *cell)
{
	static const char *const open[] = { "(", "（", "[", "【", " ", "　" };
	static const char *const word[] = { "注", "备注", "说明" };
	char *simple = qc_sampling_rd_simplify(cell);
	const char *p = qc_sampling_past(simple, open,
					 sizeof(open) / sizeof(open[0]));
	bool yes = false;

	for (size_t i = 0; i < sizeof(word) / sizeof(word[0]); i++)
		yes |= qc_sampling_starts(p, word[i]);
	free(simple);
	return yes;
}

/* A line of one cell in a table with no header (质检总局 2007): a
 * second list's caption (部分质量较差的产品及其企业名单:) saying what
 * the rows under it are, or a record's name, the rest of the record
 * on the next line (qc_sampling_wrapped). */
static int headerless_line(struct qc_sampling_map *map,
			   struct sampling_reader *rd,
			   const struct qc_table_row *r,
			   const struct qc_table_row *next)
{
	static const char *const list[] = { "名单", "名录", "信息" };
	char *a[QC_SAMPLING_COLS] = { 0 }, *b[QC_SAMPLING_COLS] = { 0 };
	size_t na = r->n < QC_SAMPLING_COLS ? r->n : QC_SAMPLING_COLS,
	       nb = next->n < QC_SAMPLING_COLS ? next->n : QC_SAMPLING_COLS;
	int v = SAMPLING_KEEP;

	for (size_t i = 0; i < na; i++)
		a[i] = map->traditional ? qc_sampling_rd_simplify(r->cells[i]) :
					  qc_xstrdup(r->cells[i]);
	for (size_t i = 0; i < nb; i++)
		b[i] = map->traditional ?
			       qc_sampling_rd_simplify(next->cells[i]) :
			       qc_xstrdup(next->cells[i]);
	for (size_t i = 0; i < na; i++) {
		if (qc_sampling_blank(a[i]))
			continue;
		int listed = qc_sampling_title_verdict(a[i]);
		bool named = false;
		for (size_t k = 0; k < sizeof(list) / sizeof(list[0]); k++)
			named |= strstr(a[i], list[k]) != NULL;
		if (named && listed >= 0) {
			/* With no result column the list's verdict is
			 * the rows' (verdict_of, sampling_map.c). */
			if (map->col[QC_SF_RESULT] < 0 &&
			    map->verdict == map->listed)
				map->verdict = listed;
			map->listed = listed;
			free(rd->relisted);
			rd->relisted = qc_xstrdup(a[i]);
			rd->relisted_as = listed;
			v = SAMPLING_LEAVE;
		}
		break;
	}
	if (v == SAMPLING_KEEP && qc_sampling_wrapped(a, na, b, nb))
		v = SAMPLING_JOIN;
	for (size_t i = 0; i < na; i++)
		free(a[i]);
	for (size_t i = 0; i < nb; i++)
		free(b[i]);
	return v;
}

/* A repeated header (tables split over pages), or a second table's (its
 * columns mapped again), or a note under the table: a single cell
 * opening a note (opens_note), and the single cells after it
 * ("2.检验结论分为两种…"). A single cell over a header is that table's
 * caption; over anything else it may be a row of merged cells. */
int qc_sampling_skip_row(struct qc_sampling_map *map,
			 struct sampling_reader *rd,
			 const struct qc_table_row *r,
			 const struct qc_table_row *next)
{
	size_t filled = 0;
	const char *first = NULL;
	/* One text however many cells it covers (a caption merged across a
	 * workbook's columns gives each its value). */
	bool one = true;
	for (size_t i = 0; i < r->n; i++) {
		if (qc_sampling_blank(r->cells[i]))
			continue;
		filled++;
		one &= !first || !strcmp(first, r->cells[i]);
		first = first ? first : r->cells[i];
	}
	if (filled == 0)
		return SAMPLING_LEAVE;
	/* Under no header, a record's name on a line of its own is no
	 * group row (qc_sampling_wrapped). */
	if (one && map->by_kind) {
		if (!next)
			return SAMPLING_PEEK;
		int v = headerless_line(map, rd, r, next);
		if (v != SAMPLING_KEEP)
			return v;
	}
	/* A totals row, an end mark or a group row: no result
	 * (sampling_skip.c). */
	int kind = qc_sampling_not_result(map, r);
	if (kind == QC_ROW_CATEGORY) {
		/* A numbered heading naming a category (一、食用农产品) is the
		 * category of the rows under it, unless it is the caption
		 * of a second table (its header next). */
		if (one && !next)
			return SAMPLING_PEEK;
		if (one && qc_sampling_caption(map, r, next))
			return SAMPLING_LEAVE;
		free(rd->group);
		rd->group = qc_sampling_group_category(r);
		return SAMPLING_LEAVE;
	}
	if (kind) {
		/* A stage (二、流通环节), a totals row or an end mark ends
		 * the group a category row opened. */
		free(rd->group);
		rd->group = NULL;
		return SAMPLING_LEAVE;
	}
	int pc = map->col[QC_SF_PRODUCT];
	if (pc >= 0 && (size_t)pc < r->n &&
	    !strcmp(r->cells[pc], map->label[QC_SF_PRODUCT])) {
		/* The product's heading in its place over other headings:
		 * a second table's header, mapped again. */
		if (!one && filled > 2 && !qc_sampling_header_repeated(map, r))
			qc_sampling_map_again(map, rd, r);
		return SAMPLING_LEAVE;
	}
	if (filled == 1 && !rd->in_notes && opens_note(r->cells[0]))
		rd->in_notes = true;
	if (filled == 1 && rd->in_notes)
		return SAMPLING_LEAVE;
	if (!one && filled > 2 && qc_sampling_map_again(map, rd, r))
		return SAMPLING_LEAVE;
	if (one && !next)
		return SAMPLING_PEEK;
	if (one && qc_sampling_caption(map, r, next))
		return SAMPLING_LEAVE;
	/* Where the failed items, their values and limits are columns of
	 * their own, a record's second item may follow on a row of its own,
	 * and its third on the next (qc_sampling_continues_items): the
	 * record takes each, the rows are dropped (SAMPLING_ABSORB). */
	if (qc_sampling_items_width(map) < 2)
		return SAMPLING_KEEP;
	if (!next)
		return SAMPLING_PEEK;
	/* Only a record that failed can go on: a passing last row above a
	 * totals or note row keeps its pass. */
	int fc = map->col[QC_SF_FAILED];
	bool more = fc >= 0 && (size_t)fc < r->n &&
		    !qc_sampling_blank(r->cells[fc]) &&
		    !opens_note(next->cells[0]) &&
		    qc_sampling_continues_items(map, next);
	if (!rd->continued) {
		/* The record's first look past itself: nothing taken yet. */
		free(rd->more_items);
		rd->more_items = NULL;
		rd->more_pending = false;
	}
	rd->continued = more;
	if (!more)
		return SAMPLING_KEEP;
	char *was = rd->more_items;
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_init(&b, 0);
	if (was) {
		qc_buf_adds(&b, was);
		qc_buf_adds(&b, "、");
	}
	qc_buf_adds(&b, next->cells[0]);
	rd->more_items = qc_buf_detach(&b, NULL);
	free(was);
	rd->more_pending = true;
	return SAMPLING_ABSORB;
}
