/* One sentence of a failure read (宿松县 2020: "1、叶金梅 (宿松县…市场内)
 * 经销的黄丫鱼,恩诺沙星…不符合食品安全国家标准规定。"; 海南, 甘肃, 宁夏,
 * 西藏: "X销售的、标称Y生产的Z,其中W不符合…"): its seller, producer,
 * products, failed items, laboratory and date, or why it cannot be read;
 * never guessed. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "sampling_int.h"
#include "sampling_sentence.h"
#include "banned.h"

#define MAX_CLAUSES 24

static const char *const verbs[] = { "销售的",     "经销的", "经营的", "使用的",
				     "加工制作的", "制作的", "消毒的", "生产的",
				     "抽检的",     "抽取的" };
/* Of these the unit before is the producer. */
static bool makes(const char *verb)
{
	return !strcmp(verb, "生产的") || !strcmp(verb, "加工制作的") ||
	       !strcmp(verb, "制作的");
}

static const char *const fails[] = { "不符合", "超标", "不合格" };

static bool starts(const char *s, const char *w)
{
	return !strncmp(s, w, strlen(w));
}

static bool ends(const char *s, const char *w)
{
	size_t n = strlen(s), k = strlen(w);
	return n >= k && !strcmp(s + n - k, w);
}

/* The bracket depth change of the character at p: +1, -1 or 0; its
 * length in *len. */
static int bracket(const char *p, size_t *len)
{
	static const char *const open[] = { "(", "（", "[", "【", "“", "《" };
	static const char *const close[] = { ")", "）", "]", "】", "”", "》" };
	for (size_t i = 0; i < sizeof(open) / sizeof(*open); i++) {
		if (starts(p, open[i]))
			return *len = strlen(open[i]), 1;
		if (starts(p, close[i]))
			return *len = strlen(close[i]), -1;
	}
	*len = (*p & 0xC0) == 0xC0 ? ((*p & 0xF0) == 0xF0 ? 4 :
				      (*p & 0xE0) == 0xE0 ? 3 :
							    2) :
				     1;
	return 0;
}

/* The first w in s outside brackets, or NULL. */
static char *find_out(char *s, const char *w)
{
	int depth = 0;
	size_t len;
	for (char *p = s; *p; p += len) {
		if (!depth && starts(p, w))
			return p;
		depth += bracket(p, &len);
		if (depth < 0)
			depth = 0;
	}
	return NULL;
}

static void trim(char **s)
{
	char *p = *s;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		p[--n] = '\0';
	*s = p;
}

static void cut_end(char *s, const char *w)
{
	if (ends(s, w))
		s[strlen(s) - strlen(w)] = '\0';
}

/* Split s in place at the clause marks outside brackets. */
static size_t clauses(char *s, char *out[MAX_CLAUSES])
{
	static const char *const mark[] = { ",", "，", "。", ";", "；" };
	size_t n = 0, len;
	int depth = 0;
	char *from = s;

	for (char *p = s; *p; p += len) {
		bool cut = false;
		if (!depth)
			for (size_t i = 0; i < sizeof(mark) / sizeof(*mark);
			     i++)
				if (starts(p, mark[i])) {
					len = strlen(mark[i]);
					cut = true;
					break;
				}
		if (!cut) {
			depth += bracket(p, &len);
			depth = depth < 0 ? 0 : depth;
			continue;
		}
		*p = '\0';
		if (n < MAX_CLAUSES)
			out[n++] = from;
		from = p + len;
	}
	if (*from && n < MAX_CLAUSES)
		out[n++] = from;
	for (size_t i = 0; i < n; i++)
		trim(&out[i]);
	return n;
}

/* The number a line opens with (1、 1. (一) 一、), skipped. */
char *qc_sentence_unnumbered(char *s, bool *numbered)
{
	static const char *const numeral[] = { "一", "二", "三", "四", "五",
					       "六", "七", "八", "九", "十" };
	char *p = s;
	bool open = starts(p, "(") || starts(p, "（");

	*numbered = false;
	if (open)
		p += *p == '(' ? 1 : strlen("（");
	char *digits = p;
	for (bool more = true; more;) {
		more = false;
		if (*p >= '0' && *p <= '9') {
			p++;
			more = true;
		}
		for (size_t i = 0; i < 10 && !more; i++)
			if (starts(p, numeral[i]))
				p += strlen(numeral[i]), more = true;
	}
	if (p == digits || p - digits > 9)
		return s;
	static const char *const after[] = { "、", ".", "．", ")", "）", " " };
	for (size_t i = 0; i < sizeof(after) / sizeof(*after); i++)
		if (starts(p, after[i]) && (!open || !strcmp(after[i], ")") ||
					    !strcmp(after[i], "）"))) {
			*numbered = true;
			return p + strlen(after[i]);
		}
	return s;
}

/* The earliest verb of a role (销售的, 生产的 …) in s outside brackets. */
static char *role_of(char *s, const char **verb)
{
	char *best = NULL;
	for (size_t i = 0; i < sizeof(verbs) / sizeof(*verbs); i++) {
		char *p = find_out(s, verbs[i]);
		if (p && (!best || p < best))
			best = p, *verb = verbs[i];
	}
	return best;
}

/* The first failure phrase in s outside brackets. */
static char *failure_in(char *s)
{
	char *best = NULL;
	for (size_t i = 0; i < sizeof(fails) / sizeof(*fails); i++) {
		char *p = find_out(s, fails[i]);
		if (p && (!best || p < best))
			best = p;
	}
	return best;
}

/* A unit's place in brackets after its name (叶金梅 (宿松县孚玉镇皖西南
 * 市场内)): its address. */
static void place_of(struct sentence *x)
{
	static const char *const at[] = { "省", "市", "县", "区", "镇",
					  "乡", "村", "路", "街", "号" };
	char *u = x->unit;
	size_t n = strlen(u);
	if (!n || (u[n - 1] != ')' && !ends(u, "）")))
		return;
	char *open = strrchr(u, '(');
	char *wide = strstr(u, "（");
	if (wide && (!open || wide > open))
		open = wide;
	if (!open || open == u)
		return;
	bool place = false;
	for (size_t i = 0; i < sizeof(at) / sizeof(*at); i++)
		place |= strstr(open, at[i]) != NULL;
	if (!place)
		return;
	u[n - (u[n - 1] == ')' ? 1 : strlen("）"))] = '\0';
	x->address = open + (*open == '(' ? 1 : strlen("（"));
	*open = '\0';
	trim(&x->unit);
	trim(&x->address);
}

/* The products of what follows the role (食用农产品红鸡蛋, 样品名称为桃酥
 * 的餐饮食品, 批号为20180828的饮用纯净水, A、B), split at 、. */
static void products_of(struct sentence *x, char *s)
{
	char *p;
	if ((p = strstr(s, "样品名称"))) {
		s = p + strlen("样品名称");
		if (starts(s, "为"))
			s += strlen("为");
		if ((p = find_out(s, "的")))
			*p = '\0';
	}
	if ((p = find_out(s, "、规格")))
		*p = '\0';
	if (starts(s, "批号为") && (p = find_out(s, "的")))
		s = p + strlen("的");
	if (starts(s, "食用农产品") && strlen(s) > strlen("食用农产品"))
		s += strlen("食用农产品");
	/* A note in brackets after the product (生产日期:…,规格:…) is no part
	 * of its name; a count of samples (2批次) is that many rows. */
	while (x->n_products < QC_SENTENCE_PRODUCTS && *s) {
		char *next = find_out(s, "、");
		if (next)
			*next = '\0';
		trim(&s);
		int copies = 1;
		char *open = strrchr(s, '(');
		if (open && open > s && ends(s, ")")) {
			if (strstr(open, "生产日期") || strstr(open, "规格") ||
			    strchr(open, ':'))
				*open = '\0';
			else if (strstr(open, "批次") && open[1] >= '1' &&
				 open[1] <= '9') {
				copies = atoi(open + 1);
				*open = '\0';
			}
		}
		if (*s) {
			x->copies[x->n_products] = copies > 20 ? 20 : copies;
			x->product[x->n_products++] = s;
		}
		if (!next)
			break;
		s = next + strlen("、");
	}
}

/* The subject clause: the unit, the producer, the products, and (西藏:
 * 红鸡蛋中氟苯尼考超标) the items. */
static void subject(struct sentence *x, char *s)
{
	const char *verb = NULL;
	char *v = role_of(s, &verb), *rest;

	*v = '\0';
	rest = v + strlen(verb);
	if (starts(s, "在") &&
	    (!strcmp(verb, "抽检的") || !strcmp(verb, "抽取的")))
		s += strlen("在");
	if (starts(s, "标称"))
		s += strlen("标称");
	if (starts(s, "由"))
		s += strlen("由");
	trim(&s);
	if (makes(verb))
		x->producer = s;
	else
		x->unit = s;
	if (starts(rest, "、"))
		rest += strlen("、");
	/* 销售的、标称Y生产的, 销售的由Y生产的, 抽检的Y生产的: Y made it. */
	char *made;
	if (!makes(verb) && (made = find_out(rest, "生产的"))) {
		*made = '\0';
		x->producer = rest;
		if (starts(x->producer, "标称"))
			x->producer += strlen("标称");
		if (starts(x->producer, "由") || starts(x->producer, "为"))
			x->producer += strlen("由");
		trim(&x->producer);
		rest = made + strlen("生产的");
	}
	char *f = failure_in(rest);
	if (f) {
		char *in = find_out(rest, "中");
		if (in && in < f) {
			*f = '\0';
			x->items = in + strlen("中");
			*in = '\0';
		} else {
			*f = '\0';
		}
	}
	products_of(x, rest);
}

/* A clause after the subject: the items, the laboratory, a date. */
static void clause(struct sentence *x, char *c)
{
	static const char *const lab[] = { "检验机构为", "复检机构为",
					   "承检机构为", "检测机构为" };
	static const char *const lead[] = { "不合格项目均为", "不合格项目为",
					    "不合格项目:", "检验项目", "其中" };
	char *p;

	for (size_t i = 0; i < sizeof(lab) / sizeof(*lab); i++)
		if (starts(c, lab[i])) {
			x->lab = c + strlen(lab[i]);
			return;
		}
	if (!x->date &&
	    (strstr(c, "抽样") || strstr(c, "抽检") || strstr(c, "抽取")) &&
	    (p = strstr(c, "年")) && p > c && p[-1] >= '0' && p[-1] <= '9') {
		char *from = p;
		while (from > c && from[-1] >= '0' && from[-1] <= '9')
			from--;
		char *day = strstr(p, "日");
		if (day && day - from < 24) {
			day[strlen("日")] = '\0';
			x->date = from;
		}
		return;
	}
	if (starts(c, "检验结论") || starts(c, "判定") || starts(c, "经"))
		return;
	for (size_t i = 0; i < sizeof(lead) / sizeof(*lead); i++)
		if (starts(c, lead[i])) {
			c += strlen(lead[i]);
			if ((p = failure_in(c)))
				*p = '\0';
			if (!x->items)
				x->items = c;
			return;
		}
	if (!x->items && (p = failure_in(c)) && p > c) {
		*p = '\0';
		x->items = c;
	}
}

/* Words around the failed items that are none (检验值, 项目, quotes). */
static void tidy_items(char **items)
{
	char *s = *items;
	trim(&s);
	if (starts(s, "“"))
		s += strlen("“");
	cut_end(s, "的检验值");
	cut_end(s, "检验值");
	cut_end(s, "项目");
	cut_end(s, "”");
	cut_end(s, "均");
	trim(&s);
	*items = s;
}

/* Whether a part of a sentence is read (x->why NULL), else why not. */
static void check(struct sentence *x)
{
	if (x->unit && x->producer && !*x->unit)
		x->unit = NULL;
	if (x->unit)
		place_of(x);
	if ((!x->unit || !*x->unit) && (!x->producer || !*x->producer))
		x->why = N_(
			"it names no seller or producer (…销售的, …生产的)");
	else if (!x->n_products)
		x->why = N_("it names no product");
	else if (!x->items || (tidy_items(&x->items), !*x->items))
		x->why = N_(
			"it names no failed item (…不符合食品安全国家标准规定)");
	/* 规格为500ml/瓶,40%vol的其他酒酒精度: the product's specification
	 * runs into the items; where it ends is not written. */
	else if (strchr(x->items, '%') || strstr(x->items, "vol") ||
		 strstr(x->items, "ml/"))
		x->why = N_("its failed items run into the product's "
			    "specification (规格为…ml/瓶,…vol的…), and where "
			    "they begin is not written");
}

/* Read one sentence (s, without its number), in place, into parts: one
 * a seller or producer it names (…摊销售的荷兰豆,…摊销售的食荚豌豆,
 * 多菌灵不符合…: two), the items, laboratory and date shared; *n the
 * parts, x[0].why set if any cannot be read. */
void qc_sentence_read(struct sentence x[QC_SENTENCE_PARTS], size_t *n_parts,
		      char *s)
{
	char *c[MAX_CLAUSES];
	size_t n = clauses(s, c), first = 0, parts = 0;
	const char *verb;

	while (first < n && !role_of(c[first], &verb))
		first++;
	*n_parts = 1;
	if (first == n) {
		x[0].why = N_(
			"it names no seller or producer (…销售的, …生产的)");
		return;
	}
	for (size_t i = first; i < n; i++)
		if (parts < QC_SENTENCE_PARTS && role_of(c[i], &verb) &&
		    !starts(c[i], "其中") && !starts(c[i], "检验") &&
		    !starts(c[i], "不合格项目"))
			subject(&x[parts++], c[i]);
		else
			clause(&x[0], c[i]);
	*n_parts = parts;
	for (size_t k = 0; k < parts; k++) {
		if (k) {
			x[k].items = x[k].items ? x[k].items : x[0].items;
			x[k].lab = x[0].lab;
			x[k].date = x[0].date;
		}
		check(&x[k]);
		if (x[k].why && !x[0].why)
			x[0].why = x[k].why;
	}
}

/* Whether a line is a sentence of a failure: a role (销售的 …) and a
 * failure (不符合, 超标, 不合格). Headings (一、农药残留超标问题) and
 * notes (对上述抽检中发现的不合格产品…) have no role. */
bool qc_sentence_like(char *s)
{
	const char *verb;
	return role_of(s, &verb) && failure_in(s);
}

bool qc_sampling_sentence_heads(const struct qc_sampling_map *m)
{
	bool role = false, failure = false;
	const char *verb;

	for (size_t c = 0; c < QC_SAMPLING_COLS; c++) {
		char *h = m->heading[c], *v;
		if (!h)
			continue;
		/* X销售的Y: a name before the role and a product after. */
		v = role_of(h, &verb);
		role |= v && v - h >= 6 && strlen(v + strlen(verb)) >= 3;
		failure |= failure_in(h) != NULL;
	}
	return role && failure;
}
