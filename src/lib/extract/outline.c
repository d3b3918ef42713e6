/* The outline (一、 (一) 1. (1) ①) as a tree of tasks. Styles nest in the
 * order a document first uses them, as outlines do; a style seen again
 * closes the deeper levels. Each task takes the owners annotated on its
 * heading or on the body lines up to the next heading. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/hash.h"
#include "extract_int.h"
#include "banned.h"

#define MAXDEPTH 8

/* Keys seen so far, so a repeated outline number gets "#2" without a
 * quadratic search (concatenated or badly numbered documents). */
struct keyset {
	char **v;     /* open addressing, NULL = empty */
	size_t *next; /* per key: the next "#n" to try for a repeat of it */
	size_t cap, n;
};

/* The slot of k, or SIZE_MAX. */
static size_t keyset_find(const struct keyset *ks, const char *k)
{
	if (!ks->cap)
		return SIZE_MAX;
	for (size_t i = (size_t)qc_hash_str(k) & (ks->cap - 1); ks->v[i];
	     i = (i + 1) & (ks->cap - 1))
		if (!strcmp(ks->v[i], k))
			return i;
	return SIZE_MAX;
}

static bool keyset_has(const struct keyset *ks, const char *k)
{
	return keyset_find(ks, k) != SIZE_MAX;
}

static void keyset_add(struct keyset *ks, char *k)
{
	if (2 * (ks->n + 1) > ks->cap) {
		size_t cap = ks->cap ? 2 * ks->cap : 64;
		struct keyset big = { qc_xcalloc(cap, sizeof(char *)),
				      qc_xcalloc(cap, sizeof(size_t)), cap, 0 };
		for (size_t i = 0; i < ks->cap; i++)
			if (ks->v[i]) {
				keyset_add(&big, ks->v[i]);
				big.next[keyset_find(&big, ks->v[i])] =
					ks->next[i];
			}
		free(ks->v);
		free(ks->next);
		*ks = big;
	}
	size_t i = (size_t)qc_hash_str(k) & (ks->cap - 1);
	while (ks->v[i])
		i = (i + 1) & (ks->cap - 1);
	ks->v[i] = k;
	ks->n++;
}

struct level {
	enum xhead style;
	char *key;
	size_t task;   /* index in p->tasks */
	bool preamble; /* a non-work heading or below one: sections */
	bool own;      /* the non-work heading itself */
};

/* Outline headings that introduce no work anybody reports on: the ideas,
 * principles and requirements, the targets (tracked as targets), the
 * steps (read as phases) and the background. Read off the headings of
 * data/seeds and tests/data/plans (docs/extraction.md, task kinds); in
 * the folded form, so 指導思想 matches too. */
static const char *const preamble_words[] = {
	"指导思想", "总体思路", "工作思路", "基本原则", "主要原则", "工作原则",
	"总体要求", "工作目标", "主要目标", "总体目标", "具体目标", "发展目标",
	"行动目标", "活动目标", "创建目标", "工作步骤", "实施步骤", "方法步骤",
	"步骤安排", "进度安排", "时间安排", "实施阶段", "阶段安排", "发展基础",
	"现实基础", "发展现状", "发展背景", "出台背景", "基本情况", "重要意义",
	"存在问题", "发展形势", "面临形势", "发展趋势",
};

/* The catalogue word at p, or 0: its length. */
static size_t preamble_word(const char *p, const char *e)
{
	for (size_t i = 0; i < sizeof(preamble_words) / sizeof(*preamble_words);
	     i++)
		if (qc_xstarts(p, e, preamble_words[i]))
			return strlen(preamble_words[i]);
	return 0;
}

/* Whether the title norm [b, e) is catalogue words alone, joined by 和,
 * 与, 及, 以及 or 、 (指导思想、基本原则和发展目标), ignoring a closing 。
 * or the dots and page number of a contents line. */
static bool preamble_title(const char *b, const char *e)
{
	static const char *const joins[] = { "以及", "和", "与", "及", "、" };
	size_t n;

	while (b < e && *b == ' ')
		b++;
	while (e > b && (strchr(" .0123456789", e[-1]) ||
			 (e - b >= 3 && (qc_xstarts(e - 3, e, "。") ||
					 qc_xstarts(e - 3, e, "…")))))
		e -= strchr(" .0123456789", e[-1]) ? 1 : 3;
	if (!(n = preamble_word(b, e)))
		return false;
	for (b += n; b < e; b += n) {
		size_t j = 0;
		while (j < sizeof(joins) / sizeof(*joins) &&
		       !qc_xstarts(b, e, joins[j]))
			j++;
		if (j == sizeof(joins) / sizeof(*joins))
			return false;
		b += strlen(joins[j]);
		if (!(n = preamble_word(b, e)))
			return false;
	}
	return true;
}

/* A heading that has just got its first child: a pure group heading
 * (三、工作任务) when nothing of its own is there to report on. Its
 * owners are final by now: body lines go to the innermost task. */
static void group_heading(struct qc_task *t)
{
	if (t->kind == QC_TASK_ITEM && (!t->text || !*t->text) &&
	    !t->owners.n && !t->due)
		t->kind = QC_TASK_SECTION;
}

/* "2019年6月底前" / "2019年底前" in a task: its due date. */
static void due_date(const char *b, const char *e, struct qc_task *t)
{
	for (const char *p = b; p < e; p += qc_xcplen(p, e)) {
		int y, m, d;
		size_t k;
		char buf[16];

		if (*p < '1' || *p > '2')
			continue;
		k = qc_xdate_parse(p, e, &y, &m, &d);
		if (!k || !y)
			continue;
		if (qc_xstarts(p + k, e, "底前") ||
		    qc_xstarts(p + k, e, "前") || qc_xstarts(p + k, e, "底")) {
			if (!m)
				m = 12;
			if (!d)
				d = qc_xdays_in_month(y, m);
			snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y % 10000,
				 m, d);
			qc_set_str(&t->due, buf);
			return;
		}
		p += k - 1;
	}
}

static void add_task(struct qc_plan *p, const struct xline *l, size_t k,
		     struct level *st, int depth, enum xhead style,
		     struct keyset *ks, size_t base)
{
	const char *s = l->norm, *e = s + l->norm_len, *dot;
	struct qc_task *t = qc_plan_add_task(p);
	struct qc_buf key;
	size_t te, ab, ae, lb = 0;
	char *num;

	while (lb < k && s[lb] == ' ')
		lb++;
	num = qc_xline_slice(l, lb, k);
	qc_buf_init(&key, 0);
	if (depth > 0) {
		qc_buf_adds(&key, st[depth - 1].key);
		qc_buf_addch(&key, '.');
		t->parent = qc_xstrdup(st[depth - 1].key);
	}
	/* The key is the outline path; labels are written "(一)" or "一、",
	 * and the trailing 、 or . adds nothing to it. */
	{
		const char *nb = s + lb, *ne = s + k;
		if (ne - nb >= 3 && qc_xstarts(ne - 3, ne, "、"))
			ne -= 3;
		else if (ne > nb && ne[-1] == '.')
			ne--;
		qc_buf_add(&key, nb, (size_t)(ne - nb));
	}
	/* Numbering restarts or repeats in real documents: keep keys unique. */
	{
		/* Each key remembers the next suffix to try, so the k-th
		 * repeat costs no k lookups. */
		size_t slot = keyset_find(ks, qc_buf_str(&key));
		if (slot != SIZE_MAX) {
			size_t base = qc_buf_len(&key);
			size_t n = ks->next[slot] ? ks->next[slot] : 2;
			do {
				qc_buf_setlen(&key, base);
				qc_buf_addf(&key, "#%zu", n++);
			} while (keyset_has(ks, qc_buf_str(&key)));
			ks->next[slot] = n;
		}
	}
	t->key = qc_buf_detach(&key, NULL);
	keyset_add(ks, qc_xstrdup(t->key));
	t->number = num;
	t->line = l->no;
	dot = qc_xfind(s + k, e, "。");
	te = dot ? (size_t)(dot - s) : l->norm_len;
	if (qc_xowners_find(l, &t->owners, &ab, &ae)) {
		if (te > ab)
			te = ab;
	}
	t->title = qc_xline_slice(l, k, te);
	if (dot)
		t->text = qc_xline_slice(l, (size_t)(dot - s) + 3,
					 t->owners.n ? ab : l->norm_len);
	due_date(s + k, e, t);
	if (depth > 0)
		group_heading(&p->tasks[st[depth - 1].task - base]);
	st[depth].own = preamble_title(s + k, s + te);
	st[depth].preamble = (depth > 0 && st[depth - 1].preamble) ||
			     st[depth].own;
	/* Below a non-work heading, a clause that names its own owners is
	 * somebody's work (七台河's 1.水利工程 …(市水务局负责)). */
	if (st[depth].preamble && (st[depth].own || !t->owners.n))
		t->kind = QC_TASK_SECTION;
	st[depth].style = style;
	st[depth].key = t->key;
	st[depth].task = base + p->n_tasks - 1;
}

struct xoutline {
	struct level st[MAXDEPTH];
	struct keyset ks;
	int depth;
	size_t base; /* tasks handed on before p->tasks[0] */
	bool prune;
};

struct xoutline *qc_xoutline_new(bool prune)
{
	struct xoutline *o = qc_xcalloc(1, sizeof(*o));
	o->prune = prune;
	return o;
}

static void keyset_release(struct keyset *ks)
{
	for (size_t i = 0; i < ks->cap; i++)
		free(ks->v[i]);
	free(ks->v);
	free(ks->next);
	memset(ks, 0, sizeof(*ks));
}

/* A new top-level task: no later key can equal a key below an earlier
 * top-level task (each key starts with its top-level key, which is
 * unique), nor a repeat suffix ("一#2": labels hold no '#'); only the
 * top-level labels, with their next suffix, stay. Keeps the set as
 * small as a section when a document is read in windows. */
static void keyset_prune(struct keyset *ks)
{
	struct keyset small = { 0 };

	for (size_t i = 0; i < ks->cap; i++) {
		char *k = ks->v[i];
		if (!k)
			continue;
		if (strchr(k, '.') || strchr(k, '#')) {
			free(k);
			continue;
		}
		keyset_add(&small, k);
		small.next[keyset_find(&small, k)] = ks->next[i];
	}
	free(ks->v);
	free(ks->next);
	*ks = small;
}

void qc_xoutline_lines(struct xoutline *o, const struct xdoc *d, size_t from,
		       size_t to, struct qc_plan *p)
{
	struct level *st = o->st;

	for (size_t i = from; i < to; i++) {
		const struct xline *l = &d->v[i];
		size_t k;
		enum xhead h = qc_xhead_parse(l->norm, l->norm_len, &k);
		int at = -1;

		if (h == XH_NONE || k >= l->norm_len) {
			/* A body line: its owner annotation belongs to the
			 * innermost task, if that has none yet. */
			if (o->depth > 0) {
				struct qc_task *t =
					&p->tasks[st[o->depth - 1].task -
						  o->base];
				size_t ab, ae;
				if (!t->owners.n)
					qc_xowners_find(l, &t->owners, &ab,
							&ae);
				if (t->owners.n && !st[o->depth - 1].own)
					t->kind = QC_TASK_ITEM;
			}
			continue;
		}
		for (int j = 0; j < o->depth; j++)
			if (st[j].style == h) {
				at = j;
				break;
			}
		if (at < 0) {
			if (o->depth == MAXDEPTH)
				continue;
			at = o->depth;
		}
		if (at == 0 && o->prune)
			keyset_prune(&o->ks);
		add_task(p, l, k, st, at, h, &o->ks, o->base);
		o->depth = at + 1;
	}
}

size_t qc_xoutline_done(const struct xoutline *o, size_t n_tasks)
{
	return o->depth > 0 ? o->st[0].task - o->base : n_tasks;
}

void qc_xoutline_gone(struct xoutline *o, size_t n)
{
	o->base += n;
}

void qc_xoutline_free(struct xoutline *o)
{
	if (!o)
		return;
	keyset_release(&o->ks);
	free(o);
}

void qc_xoutline_extract(const struct xdoc *d, struct qc_plan *p)
{
	struct xoutline *o = qc_xoutline_new(false);

	qc_xoutline_lines(o, d, 0, d->n, p);
	qc_xoutline_free(o);
}
