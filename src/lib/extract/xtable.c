/* Indicator tables (专栏1 主要发展指标): a header names the columns
 * (序号, 指标名称, 单位, 2020年(基期), 2025年(目标), 属性), then one
 * target per row: the indicator, the value of the target-year column,
 * that year. A table copied from a web page comes one cell a line, or a
 * row a line with its cells parted by tabs, '|' or runs of spaces; both
 * are read here, line by line as the target rules read (the cells of a
 * row are copied, as the lines they stood on may move on). Rules in
 * docs/extraction.md, "Indicator tables". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/text.h"
#include "xnum.h"
#include "xtctx.h"
#include "banned.h"

#define XT_COLS 12

enum xcol { XC_OTHER, XC_SEQ, XC_NAME, XC_UNIT, XC_VALUE, XC_BASE, XC_ATTR };

enum xtstate { XT_IDLE, XT_HEAD_CELLS, XT_BODY_CELLS, XT_BODY_ROWS };

struct xcell {
	char *text, *norm; /* written and folded, trimmed */
	int no;            /* its line */
};

struct xtable {
	enum xtstate st;
	int ncol;
	enum xcol col[XT_COLS];
	int year[XT_COLS];
	int vcol; /* the target column */
	char sep; /* rows: '\t', '|' or ' ' (two or more) */
	int ncell, nextseq;
	struct xcell cell[XT_COLS];
};

/* Trim spaces and tabs around [*b, *e) of s: the norm text, where the
 * ideographic space is already a space (qc_text_fold_width). Not
 * qc_xname_trim, which also drops words around a sentence's subject
 * (全市, 其中, 到2025年, 新增 …); a cell is its own name. */
static void trim(const char *s, size_t *b, size_t *e)
{
	while (*b < *e && (s[*b] == ' ' || s[*b] == '\t'))
		(*b)++;
	while (*e > *b && (s[*e - 1] == ' ' || s[*e - 1] == '\t'))
		(*e)--;
}

static bool eq(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !memcmp(s, w, n);
}

static bool eq_any(const char *s, size_t n, const char *const *w)
{
	for (; *w; w++)
		if (eq(s, n, *w))
			return true;
	return false;
}

static const char *const name_words[] = { "指标名称", "指标",     "主要指标",
					  "指标内容", "具体指标", "指标项",
					  "指标名",   "名称",     "二级指标",
					  "三级指标", "评价指标", "发展指标",
					  NULL };

/* A four-digit year 20xx or 19xx in [s, s+n) followed by 年, or 0. */
static int cell_year(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 < n; i++) {
		if ((s[i] == '1' || s[i] == '2') && s[i + 1] >= '0' &&
		    s[i + 1] <= '9' && s[i + 2] >= '0' && s[i + 2] <= '9' &&
		    s[i + 3] >= '0' && s[i + 3] <= '9' &&
		    (i == 0 || s[i - 1] < '0' || s[i - 1] > '9') &&
		    qc_xstarts(s + i + 4, s + n, "年")) {
			int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 +
				(s[i + 2] - '0') * 10 + (s[i + 3] - '0');
			if (y >= 1990 && y <= 2100)
				return y;
		}
	}
	return 0;
}

/* What a header cell names; -1 if it is no header cell. */
static int head_kind(const char *s, size_t n, int *year)
{
	static const char *const seq[] = { "序号", "编号", "序", NULL };
	static const char *const unit[] = { "单位", "计量单位", "指标单位",
					    NULL };
	static const char *const attr[] = { "属性", "指标属性", "指标性质",
					    "性质", "指标类型", "类型",
					    NULL };
	static const char *const other[] = { "类别", "领域",     "分类",
					     "维度", "一级指标", "备注",
					     "类型", "责任单位", "牵头单位",
					     NULL };
	const char *e = s + n;

	*year = 0;
	if (!n || qc_utf8_count(s, n) > 16)
		return -1;
	if (eq_any(s, n, seq))
		return XC_SEQ;
	if (eq_any(s, n, name_words))
		return XC_NAME;
	if (eq_any(s, n, unit))
		return XC_UNIT;
	if (eq_any(s, n, attr))
		return XC_ATTR;
	if (eq_any(s, n, other))
		return XC_OTHER;
	*year = cell_year(s, n);
	if (qc_xfind(s, e, "基期") || qc_xfind(s, e, "基准") ||
	    qc_xfind(s, e, "现状") || qc_xfind(s, e, "基数") ||
	    qc_xfind(s, e, "现值") || qc_xfind(s, e, "完成"))
		return *year || qc_xfind(s, e, "值") ? XC_BASE : -1;
	if (*year || eq(s, n, "目标值") || eq(s, n, "目标") ||
	    eq(s, n, "预期目标") || eq(s, n, "规划目标"))
		return XC_VALUE;
	return -1;
}

/* Choose the target column: the value column of the latest year (a
 * column with no year, 目标值, counts when no year column is left);
 * false unless the header has a name column and a target column. */
static bool settle(struct xtable *t)
{
	int name = -1, v = -1;

	for (int i = 0; i < t->ncol; i++) {
		if (t->col[i] == XC_NAME) {
			/* 一级指标 … 二级指标: the finer one names the row */
			if (name >= 0)
				t->col[name] = XC_OTHER;
			name = i;
		}
		if (t->col[i] == XC_VALUE &&
		    (v < 0 || t->year[i] > t->year[v] || !t->year[v]))
			v = i;
	}
	/* 2020年 beside 2025年 with no mark: the earlier is the base */
	for (int i = 0; i < t->ncol; i++)
		if (t->col[i] == XC_VALUE && i != v)
			t->col[i] = XC_BASE;
	t->vcol = v;
	return name >= 0 && v >= 0;
}

static void clear_row(struct xtable *t)
{
	for (int i = 0; i < t->ncell; i++) {
		free(t->cell[i].text);
		free(t->cell[i].norm);
	}
	t->ncell = 0;
}

static void add_cell(struct xtable *t, const struct xline *ln, size_t b,
		     size_t e)
{
	struct xcell *x;

	if (t->ncell >= XT_COLS)
		return;
	x = &t->cell[t->ncell++];
	x->text = qc_xline_slice(ln, b, e);
	x->norm = qc_xstrndup(ln->norm + b, e - b);
	x->no = ln->no;
}

/* A value cell: ≥98, >95%, 达到90, 98%以上, 95左右, 2-3, 年均增长5%.
 * The number, its unit and 以上/左右 are read as a sentence's are
 * (qc_xnum_cell), the word before it from the sentences' direction
 * words (qc_xcue_find), so a row and a sentence agree. False for a
 * cell with no number (—, 翻一番, 持续提升) or with more than a sign or
 * one direction word before it or anything after it. */
static bool read_value(const char *s, enum qc_op *op, double *v, double *vmax,
		       char *unit, size_t unit_sz)
{
	/* signs a cell writes where a sentence writes words */
	static const struct {
		const char *w;
		enum qc_op op;
	} sign[] = {
		{ "≥", QC_OP_GE }, { ">=", QC_OP_GE }, { ">", QC_OP_GE },
		{ "≤", QC_OP_LE }, { "<=", QC_OP_LE }, { "<", QC_OP_LE },
	};
	const char *end = s + strlen(s), *p = s, *at;
	size_t wb = 0, we;
	struct xnum n;

	*op = QC_OP_EQ;
	*unit = '\0';
	while (p < end && !(*p >= '0' && *p <= '9'))
		p += qc_xcplen(p, end);
	if (p == end)
		return false;
	we = (size_t)(p - s);
	trim(s, &wb, &we);
	if (we > wb) {
		const struct xcue *cue = NULL;
		size_t i;
		for (i = 0; i < sizeof(sign) / sizeof(*sign); i++)
			if (eq(s + wb, we - wb, sign[i].w))
				break;
		if (i < sizeof(sign) / sizeof(*sign))
			*op = sign[i].op;
		else if ((cue = qc_xcue_find(s + wb, s + we, &at)) &&
			 at == s + wb && strlen(cue->w) == we - wb)
			*op = cue->op;
		else
			return false;
	}
	if (!qc_xnum_cell(s, p, end, &n))
		return false;
	for (p = s + n.e; p < end && (*p == ' ' || *p == '*'); p++)
		;
	if (p != end)
		return false;
	*v = n.v;
	if (n.range) {
		*op = QC_OP_BETWEEN;
		*vmax = n.vmax;
	} else if (n.suffix_op == QC_OP_ABOUT ||
		   (n.suffix_op >= 0 && *op == QC_OP_EQ)) {
		/* 达到98%以上 stays ≥; 95左右 is about whatever came before */
		*op = (enum qc_op)n.suffix_op;
	}
	if (*n.per)
		snprintf(unit, unit_sz, "%s", n.per);
	else if (n.unit && n.unit->unit)
		snprintf(unit, unit_sz, "%s", n.unit->unit);
	return true;
}

/* A unit in brackets closing a name: 每万人高价值发明专利拥有量(件).
 * Returns where the bracket opens in norm (the name ends there) and
 * copies the unit, else returns n. */
static size_t name_unit(const char *s, size_t n, char *unit, size_t unit_sz)
{
	size_t open;
	const char *o;

	if (n < 3 || s[n - 1] != ')')
		return n;
	o = NULL;
	for (const char *p = s; p < s + n - 1; p++)
		if (*p == '(')
			o = p;
	if (!o)
		return n;
	open = (size_t)(o - s);
	if (n - 1 - (open + 1) == 0 || n - 1 - (open + 1) >= unit_sz ||
	    qc_utf8_count(o + 1, n - 2 - open) > 6)
		return n;
	for (const char *p = o + 1; p < s + n - 1; p++)
		if (*p >= '0' && *p <= '9')
			return n;
	memcpy(unit, o + 1, n - 2 - open);
	unit[n - 2 - open] = '\0';
	return open;
}

static bool no_unit(const char *u)
{
	return !*u || !strcmp(u, "—") || !strcmp(u, "-") || !strcmp(u, "——") ||
	       !strcmp(u, "/") || !strcmp(u, "无");
}

/* One row: its cells in t->cell, mapped on the columns (the first a
 * 序号 where the header has one; the rest right-aligned, as a merged
 * cell on the left, 类别, comes only with its first row). */
static void emit_row(struct xctx *c, struct xtable *t)
{
	int map[XT_COLS];
	int k = t->ncell, first = 0;
	const struct xcell *name = NULL, *val = NULL, *ucell = NULL;
	/* as long as a unit per something (struct xnum per) */
	char unit[48] = "", vunit[48] = "", nunit[48] = "";
	enum qc_op op;
	double v = 0, vmax = 0;

	if (!k)
		return;
	for (int i = 0; i < t->ncol; i++)
		map[i] = -1;
	if (k > t->ncol)
		first = k - t->ncol;
	if (t->col[0] == XC_SEQ && k < t->ncol) {
		const char *s = t->cell[0].norm;
		bool num = *s != '\0';
		for (; *s; s++)
			if (*s < '0' || *s > '9')
				num = false;
		if (num)
			map[0] = 0;
	}
	for (int i = k - 1, j = t->ncol - 1; i >= first && j >= 0; i--, j--) {
		if (map[0] == 0 && i == 0)
			break;
		if (map[0] == 0 && j == 0)
			break;
		map[j] = i;
	}
	for (int j = 0; j < t->ncol; j++) {
		if (map[j] < 0)
			continue;
		if (t->col[j] == XC_NAME)
			name = &t->cell[map[j]];
		else if (j == t->vcol)
			val = &t->cell[map[j]];
		else if (t->col[j] == XC_UNIT)
			ucell = &t->cell[map[j]];
	}
	if (!name || !val || !*name->norm)
		goto out;
	if (!read_value(val->norm, &op, &v, &vmax, vunit, sizeof(vunit)))
		goto out;
	{
		size_t nn = strlen(name->norm);
		size_t cut = name_unit(name->norm, nn, nunit, sizeof(nunit));
		struct xline nl = { 0 };
		struct qc_target *tg;
		const struct qc_indicator_def *def = NULL;
		enum qc_catalog_how how = QC_CATALOG_NONE;
		char *nm, *nnorm = qc_xstrndup(name->norm, cut);
		size_t tb = 0, te = cut;

		trim(nnorm, &tb, &te);
		if (te <= tb) {
			free(nnorm);
			goto out;
		}
		/* the written name: the same cut of the written cell */
		nl.orig = name->text;
		nl.orig_len = strlen(name->text);
		nl.norm = name->norm;
		nl.norm_len = nn;
		nl.mapped = qc_utf8_count(name->text, nl.orig_len) ==
			    qc_utf8_count(name->norm, nn);
		nl.same = !strcmp(name->text, name->norm);
		nl.no = name->no;
		nm = nl.mapped || nl.same ? qc_xline_slice(&nl, tb, te) :
					    qc_xstrndup(nnorm + tb, te - tb);
		if (ucell && !no_unit(ucell->norm))
			snprintf(unit, sizeof(unit), "%s", ucell->norm);
		else if (*nunit)
			snprintf(unit, sizeof(unit), "%s", nunit);
		else
			snprintf(unit, sizeof(unit), "%s", vunit);
		if (!strcmp(unit, "百分点") || !strcmp(unit, "个百分点"))
			snprintf(unit, sizeof(unit), "pp");
		tg = qc_plan_add_target(c->p);
		tg->indicator = nm;
		def = c->cat ? qc_catalog_match_norm(c->cat, nnorm + tb, &how) :
			       NULL;
		if (def)
			qc_set_str(&tg->canonical, def->name);
		tg->match = how;
		tg->op = op;
		tg->has_value = true;
		tg->value = v;
		if (op == QC_OP_BETWEEN) {
			tg->has_value_max = true;
			tg->value_max = vmax;
		}
		if (*unit)
			qc_set_str(&tg->unit, unit);
		tg->year = t->year[t->vcol] ? t->year[t->vcol] :
			   c->section_year  ? c->section_year :
					      c->goal_year;
		tg->line = val->no;
		{
			size_t n1 = strlen(name->text), n2 = strlen(val->text);
			tg->text = qc_xmalloc(n1 + n2 + 2);
			memcpy(tg->text, name->text, n1);
			tg->text[n1] = ' ';
			memcpy(tg->text + n1 + 1, val->text, n2 + 1);
		}
		qc_xgoal_open(c);
		if (c->goal_key)
			qc_set_str(&tg->goal, c->goal_key);
		free(nnorm);
	}
out:
	clear_row(t);
}

/* Cells of a row line: parted by tabs, '|' or runs of two or more
 * spaces (t->sep, or the first of these the line has when sep is 0).
 * Returns the count, ranges in b[], e[]. */
static int split_row(const char *s, size_t n, char *sep, size_t *b, size_t *e)
{
	int k = 0;
	size_t i = 0, cb = 0;

	if (!*sep) {
		if (memchr(s, '\t', n))
			*sep = '\t';
		else if (memchr(s, '|', n))
			*sep = '|';
		else
			*sep = ' ';
	}
	while (i <= n) {
		size_t w = 0;
		if (i == n)
			w = 1;
		else if (*sep == ' ') {
			size_t j = i;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			if (j - i >= 2)
				w = j - i;
		} else if (s[i] == *sep) {
			w = 1;
		}
		if (w) {
			size_t bb = cb, ee = i;
			trim(s, &bb, &ee);
			/* "|a|b|": no cell before the first bar or after
			 * the last */
			if (!(*sep == '|' && ee == bb && (cb == 0 || i == n)) &&
			    k < XT_COLS) {
				b[k] = bb;
				e[k] = ee;
				k++;
			}
			if (i == n)
				break;
			i += w;
			cb = i;
			continue;
		}
		i += qc_xcplen(s + i, s + n);
	}
	return k;
}

/* A header line of a table a row a line: its columns in t. */
static bool head_row(struct xtable *t, const struct xline *ln)
{
	size_t b[XT_COLS], e[XT_COLS];
	char sep = 0;
	int k = split_row(ln->norm, ln->norm_len, &sep, b, e);

	if (k < 2)
		return false;
	for (int i = 0; i < k; i++) {
		int y, h = head_kind(ln->norm + b[i], e[i] - b[i], &y);
		if (h < 0)
			return false;
		t->col[i] = (enum xcol)h;
		t->year[i] = y;
	}
	t->ncol = k;
	t->sep = sep;
	return settle(t);
}

/* May this line be a cell of a table one cell a line? Short, no
 * sentence end, no outline heading. */
static bool cell_line(const struct xline *ln, size_t b, size_t e)
{
	const char *s = ln->norm;
	size_t k;
	enum xhead h;

	if (e <= b || qc_utf8_count(s + b, e - b) > 40)
		return false;
	if (qc_xfind(s + b, s + e, "。") || memchr(s + b, ';', e - b) ||
	    qc_xfind(s + b, s + e, ";") || qc_xfind(s + b, s + e, ","))
		return false;
	h = qc_xhead_parse(s + b, e - b, &k);
	if (h != XH_NONE)
		return false;
	if (qc_xstarts(s + b, s + e, "注") ||
	    qc_xstarts(s + b, s + e, "专栏") ||
	    qc_xstarts(s + b, s + e, "备注"))
		return false;
	return true;
}

static bool all_digits(const char *s, size_t n)
{
	if (!n || n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool attr_cell(const char *s, size_t n)
{
	return eq(s, n, "预期性") || eq(s, n, "约束性") || eq(s, n, "预期") ||
	       eq(s, n, "约束");
}

/* One line of a table one cell a line, in the body. */
static void body_cell(struct xctx *c, struct xtable *t, const struct xline *ln,
		      size_t b, size_t e)
{
	const char *s = ln->norm + b;
	size_t n = e - b;

	/* 序号 of the next row: the row before is complete */
	if (t->col[0] == XC_SEQ && t->ncell && t->ncell >= t->ncol - 2 &&
	    all_digits(s, n) && atoi(s) == t->nextseq)
		emit_row(c, t);
	if (t->col[0] == XC_SEQ && !t->ncell && all_digits(s, n))
		t->nextseq = atoi(s) + 1;
	add_cell(t, ln, b, e);
	if (t->ncell >= t->ncol ||
	    (t->col[t->ncol - 1] == XC_ATTR && attr_cell(s, n)))
		emit_row(c, t);
}

static void end_table(struct xctx *c, struct xtable *t)
{
	emit_row(c, t);
	t->st = XT_IDLE;
	t->ncol = 0;
	t->sep = 0;
}

bool qc_xtable_line(struct xctx *c, size_t i)
{
	const struct xline *ln = &c->d->v[i];
	struct xtable *t = c->tab;
	size_t b = 0, e = ln->norm_len;
	bool last = i + 1 >= c->d->n, took = false;
	int y, h;

	if (!t) {
		/* most documents have no table: look for a header word
		 * before anything is allocated */
		if (!qc_xfind(ln->norm, ln->norm + e, "指标") &&
		    !qc_xfind(ln->norm, ln->norm + e, "序号"))
			return false;
		t = c->tab = qc_xcalloc(1, sizeof(*t));
	}
	trim(ln->norm, &b, &e);
	switch (t->st) {
	case XT_IDLE:
		if (head_row(t, ln)) {
			t->st = XT_BODY_ROWS;
			return true;
		}
		h = head_kind(ln->norm + b, e - b, &y);
		if (h == XC_SEQ || h == XC_NAME) {
			t->ncol = 1;
			t->col[0] = (enum xcol)h;
			t->year[0] = 0;
			t->st = XT_HEAD_CELLS;
			return true;
		}
		t->ncol = 0;
		return false;
	case XT_HEAD_CELLS:
		if (e == b)
			return true;
		h = head_kind(ln->norm + b, e - b, &y);
		if (h >= 0 && t->ncol < XT_COLS) {
			t->col[t->ncol] = (enum xcol)h;
			t->year[t->ncol++] = y;
			return true;
		}
		if (t->ncol < 2 || !settle(t)) {
			/* 主要指标 over a row of headers, or over prose */
			t->st = XT_IDLE;
			t->ncol = 0;
			return qc_xtable_line(c, i);
		}
		t->st = XT_BODY_CELLS;
		t->nextseq = 1;
		/* this line is the first cell */
		__attribute__((fallthrough));
	case XT_BODY_CELLS:
		if (e == b) {
			took = true;
		} else if (cell_line(ln, b, e)) {
			body_cell(c, t, ln, b, e);
			took = true;
		} else {
			end_table(c, t);
			return false;
		}
		break;
	case XT_BODY_ROWS: {
		size_t cb[XT_COLS], ce[XT_COLS];
		int k;

		if (e == b)
			return true;
		k = split_row(ln->norm, ln->norm_len, &t->sep, cb, ce);
		if (k >= 2 && k >= t->ncol - 2) {
			clear_row(t);
			for (int j = 0; j < k; j++)
				add_cell(t, ln, cb[j], ce[j]);
			emit_row(c, t);
			took = true;
		} else if (k == 1 && cell_line(ln, b, e) &&
			   qc_utf8_count(ln->norm + b, e - b) <= 12) {
			/* a row of its own: 质量效益, a group's name */
			took = true;
		} else {
			end_table(c, t);
			return false;
		}
		break;
	}
	}
	if (last)
		end_table(c, t);
	return took;
}

void qc_xtable_free(struct xctx *c)
{
	if (!c->tab)
		return;
	clear_row(c->tab);
	free(c->tab);
	c->tab = NULL;
}
