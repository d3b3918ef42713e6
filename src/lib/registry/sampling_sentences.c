/* Failures written as sentences rather than a table (宿松县 2020: "1、叶金梅
 * (宿松县…市场内)经销的黄丫鱼,恩诺沙星…不符合食品安全国家标准规定。";
 * 海南, 甘肃, 宁夏, 西藏: "X销售的、标称Y生产的Z,其中W不符合…"): each
 * product a sentence names read as a failing row of a table whose
 * headings the catalogue knows. A sentence that says a failure but
 * cannot be read is listed with its line and why, never guessed. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/strbuf.h"
#include "sampling_int.h"
#include "banned.h"

#define MAX_CLAUSES 24
#define MAX_PRODUCTS 16
#define MAX_SENTENCES 100000
#define MAX_CAPTIONS 3

/* What a sentence names; the strings are the sentence's own. */
struct sentence {
	char *unit, *address, *producer, *items, *lab, *date;
	char *product[MAX_PRODUCTS];
	int copies[MAX_PRODUCTS]; /* 餐具碗(2批次): two samples */
	size_t n_products;
	const char *why; /* NULL if read */
};

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
static char *unnumbered(char *s, bool *numbered)
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
	while (x->n_products < MAX_PRODUCTS && *s) {
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

/* Read one sentence (s, without its number), in place. */
static void read_sentence(struct sentence *x, char *s)
{
	char *c[MAX_CLAUSES];
	size_t n = clauses(s, c), first = 0;
	const char *verb;

	while (first < n && !role_of(c[first], &verb))
		first++;
	if (first == n) {
		x->why = N_(
			"it names no seller or producer (…销售的, …生产的)");
		return;
	}
	subject(x, c[first]);
	for (size_t i = first + 1; i < n; i++)
		clause(x, c[i]);
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

static void add_cell(struct qc_buf *b, const char *s, bool comma)
{
	if (comma)
		qc_buf_addch(b, ',');
	qc_buf_addch(b, '"');
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"')
			qc_buf_addch(b, '"');
		qc_buf_addch(b, *p == '\n' ? ' ' : *p);
	}
	qc_buf_addch(b, '"');
}

struct reading {
	struct qc_buf *csv, *rejects;
	int line; /* of the CSV being written */
	size_t rows, unread, captions;
	bool header, address, producer, lab, date;
	char *caption[MAX_CAPTIONS];
	int first_line;
	const char *first_why;
};

static void header(struct reading *r, int at)
{
	/* The lines above the first sentence (its title) are the table's
	 * caption, the header on the line just above the first row. */
	size_t k = r->captions;
	while (k && (int)k + 1 >= at)
		k--;
	for (size_t i = r->captions - k; i < r->captions; i++) {
		add_cell(r->csv, r->caption[i], false);
		qc_buf_addch(r->csv, '\n');
		r->line++;
	}
	qc_buf_adds(r->csv, "序号,被抽样单位");
	if (r->address)
		qc_buf_adds(r->csv, ",被抽样单位地址");
	if (r->producer)
		qc_buf_adds(r->csv, ",标称生产企业名称");
	qc_buf_adds(r->csv, ",产品名称,不合格项目");
	if (r->lab)
		qc_buf_adds(r->csv, ",检验机构");
	if (r->date)
		qc_buf_adds(r->csv, ",抽样日期");
	qc_buf_adds(r->csv, ",检验结论\n");
	r->line++;
	r->header = true;
}

/* The rows of a sentence, each on its line where it can be (so errors
 * name the file's lines), the others just after. */
static void write_rows(struct reading *r, const struct sentence *x, int at)
{
	for (size_t i = 0; i < x->n_products; i++)
		for (int k = 0; k < x->copies[i]; k++) {
			for (; r->line < at; r->line++)
				qc_buf_addch(r->csv, '\n');
			qc_buf_addf(r->csv, "%zu", ++r->rows);
			/* Made by the unit that sold it: it is the
			 * producer. */
			add_cell(r->csv, x->unit ? x->unit : "/", true);
			if (r->address)
				add_cell(r->csv, x->address, true);
			if (r->producer)
				add_cell(r->csv, x->producer, true);
			add_cell(r->csv, x->product[i], true);
			add_cell(r->csv, x->items, true);
			if (r->lab)
				add_cell(r->csv, x->lab, true);
			if (r->date)
				add_cell(r->csv, x->date, true);
			qc_buf_adds(r->csv, ",不合格\n");
			r->line++;
		}
}

/* Whether a line is a sentence of a failure: a role (销售的 …) and a
 * failure (不符合, 超标, 不合格). Headings (一、农药残留超标问题) and
 * notes (对上述抽检中发现的不合格产品…) have no role. */
static bool sentence_like(char *s)
{
	const char *verb;
	return role_of(s, &verb) && failure_in(s);
}

/* Two passes: the first learns which columns the rows need, the second
 * writes them. */
static void pass(struct qc_table *t, struct reading *r, bool write)
{
	struct qc_table_row *row;
	struct qc_error err = { 0 };
	struct qc_buf line = QC_BUF_INIT;
	size_t seen = 0;

	qc_buf_init(&line, 1 << 20);
	qc_table_rewind(t);
	while (qc_table_next(t, &row, &err) == 1 && seen < MAX_SENTENCES) {
		/* The page's commas made cells: joined again. */
		qc_buf_reset(&line);
		for (size_t i = 0; i < row->n; i++) {
			if (i && (i + 1 < row->n || *row->cells[i]))
				qc_buf_addch(&line, ',');
			qc_buf_adds(&line, row->cells[i]);
		}
		char *simple = qc_sampling_rd_simplify(qc_buf_str(&line));
		bool numbered;
		char *s = unnumbered(simple, &numbered);
		trim(&s);
		if (!sentence_like(s)) {
			/* The first lines above the sentences: the title
			 * (…不合格食品情况的通告(2026年第3期)) before the
			 * lines that lead into the list. */
			if (!write && !seen && *s && r->captions < MAX_CAPTIONS)
				r->caption[r->captions++] = qc_xstrdup(
					qc_buf_str(&line));
			free(simple);
			continue;
		}
		seen++;
		struct sentence x = { 0 };
		read_sentence(&x, s);
		if (x.why) {
			if (!write) {
				r->unread++;
				if (!r->first_why) {
					r->first_why = x.why;
					r->first_line = row->line;
				}
			} else {
				struct qc_error e = { 0 };
				qc_error_set(&e, QC_EINVAL,
					     "a failure written as a sentence "
					     "is not read: %s",
					     qc_tr(x.why));
				qc_sampling_add_reject(r->rejects, row, e.msg);
			}
		} else if (!write) {
			r->address |= x.address != NULL;
			r->producer |= x.producer != NULL;
			r->lab |= x.lab != NULL;
			r->date |= x.date != NULL;
			r->rows += x.n_products;
		} else {
			if (!r->header)
				header(r, row->line);
			write_rows(r, &x, row->line);
		}
		free(simple);
	}
	qc_buf_release(&line);
	qc_table_rewind(t);
}

int qc_sampling_sentences(struct qc_table *t, struct qc_buf *csv,
			  struct qc_buf *rejects, size_t *unread, int *line,
			  const char **why)
{
	struct reading r = { .csv = csv, .rejects = rejects, .line = 1 };
	int found = 0;

	pass(t, &r, false);
	*unread = r.unread;
	*line = r.first_line;
	*why = r.first_why;
	if (r.rows) {
		r.rows = 0;
		pass(t, &r, true);
		found = !qc_buf_failed(csv);
	} else if (r.unread) {
		found = -1;
	}
	for (size_t i = 0; i < r.captions; i++)
		free(r.caption[i]);
	return found;
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
