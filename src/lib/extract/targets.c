/* Quantified targets: every number with a unit in a sentence, grouped
 * ("100%、95%"), given the op its direction words set, the indicator the
 * clause names, the due year of its sentence or section, and the owners
 * the paragraph names. Rules follow ../shared/gold/README.md. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/text.h"
#include "xtctx.h"
#include "banned.h"

#define MAXG 8 /* values in one group: 分别达到100%、95% */
#define N(a) (sizeof(a) / sizeof(*(a)))


static bool is_delim(const char *p, const char *end)
{
	return *p == ',' || *p == ';' || *p == ':' || *p == '!' || *p == '?' ||
	       qc_xstarts(p, end, "。") || qc_xstarts(p, end, ";");
}

/* Baseline of an increase/decrease from the clause text. */
static void baseline(const char *b, const char *e, struct qc_target *t)
{
	const char *f;

	if (qc_xfind(b, e, "上年") || qc_xfind(b, e, "上一年") ||
	    qc_xfind(b, e, "同比") || qc_xfind(b, e, "去年")) {
		t->baseline_previous = true;
		return;
	}
	for (f = b; (f = qc_xfind(f, e, "年")) != NULL; f += 3) {
		if (f - b >= 7) {
			const char *y = f - 4, *w = y - 3;
			if (y[0] >= '1' && y[0] <= '2' &&
			    (qc_xstarts(w, e, "较") || qc_xstarts(w, e, "比") ||
			     qc_xstarts(w, e, "与"))) {
				t->baseline_year = atoi(y);
				return;
			}
		}
	}
}

static char *name_str(const struct xctx *c, const struct xname *nm,
		      bool written)
{
	struct qc_buf b;

	qc_buf_init(&b, 0);
	for (int i = 0; i < nm->n; i++) {
		if (written) {
			char *s = qc_xline_slice(c->ln, nm->b[i], nm->e[i]);
			qc_buf_adds(&b, s);
			free(s);
		} else {
			qc_buf_add(&b, c->ln->norm + nm->b[i],
				   nm->e[i] - nm->b[i]);
		}
	}
	return qc_buf_detach(&b, NULL);
}

/* The owners of the sentence being read (c->own), put together the
 * first time a target of the sentence asks. */
static const struct qc_owner_list *sentence_owners(struct xctx *c)
{
	if (!c->own_ready) {
		qc_owner_list_release(&c->owners);
		for (size_t i = 0; i < c->n_own; i++)
			qc_xowners_copy(&c->owners, c->own[i]);
		c->own_ready = true;
	}
	return &c->owners;
}

static void emit(struct xctx *c, const struct xnum *n, enum qc_op op,
		 const struct xname *nm, int year, size_t cb, size_t ce,
		 const char *clause_b, const char *clause_e)
{
	struct qc_target *t = qc_plan_add_target(c->p);
	char *norm = name_str(c, nm, false);
	const struct qc_indicator_def *def;

	t->indicator = name_str(c, nm, true);
	if (!*t->indicator)
		qc_set_str(&t->indicator,
			   n->unit->unit ? n->unit->unit : "指数");
	enum qc_catalog_how how = QC_CATALOG_NONE;
	def = c->cat ? qc_catalog_match_norm(c->cat, norm, &how) : NULL;
	/* A ceiling written with 达到 (PM2.5 达到52微克): the catalogue or
	 * the unit says lower is better. */
	if (op == QC_OP_GE && n->suffix_op < 0 &&
	    (n->unit->kind == XU_CONC ||
	     (def && def->direction && !strcmp(def->direction, "lower"))))
		op = QC_OP_LE;
	if (def)
		qc_set_str(&t->canonical, def->name);
	t->match = how;
	t->op = op;
	t->has_value = true;
	t->value = n->v;
	if (op == QC_OP_BETWEEN) {
		t->has_value_max = true;
		t->value_max = n->vmax;
	}
	if (n->per[0])
		qc_set_str(&t->unit, n->per);
	else if (n->unit->unit)
		qc_set_str(&t->unit, n->unit->unit);
	if (op == QC_OP_INCREASE || op == QC_OP_DECREASE)
		baseline(clause_b, clause_e, t);
	t->year = year;
	t->line = c->ln->no;
	t->text = qc_xline_slice(c->ln, cb, ce);
	qc_xgoal_open(c);
	if (c->goal_key)
		qc_set_str(&t->goal, c->goal_key);
	qc_xowners_copy(&t->owners, sentence_owners(c));
	free(norm);
}

/* "十三五" periods name their end year. */
static int five_year_plan(const char *b, const char *e)
{
	static const struct {
		const char *w;
		int y;
	} fyp[] = {
		{ "十二五", 2015 },
		{ "十三五", 2020 },
		{ "十四五", 2025 },
		{ "十五五", 2030 },
	};
	if (!qc_xfind(b, e, "五")) /* in every one of them */
		return 0;
	for (size_t i = 0; i < N(fyp); i++) {
		const char *f = qc_xfind(b, e, fyp[i].w);
		if (f && (qc_xfind(f, e, "期间") || qc_xfind(f, e, "末") ||
			  qc_xfind(f, e, "时期")))
			return fyp[i].y;
	}
	return 0;
}

/* Where the clause of a number starts: after the last delimiter or the
 * previous group; a parenthesis holding the number opens a clause, one
 * that closes before it is part of the subject (细颗粒物(PM2.5)年均浓度). */
static size_t clause_start(const char *s, size_t sb, size_t at, size_t prev)
{
	const char *p = s + at, *lo = s + (prev > sb ? prev : sb);
	int depth = 0;

	while (p > lo) {
		const char *q = qc_xprev(s, p);
		if (*q == ')')
			depth++;
		else if (*q == '(') {
			if (depth == 0)
				return (size_t)(p - s);
			depth--;
		} else if (depth == 0 && is_delim(q, s + at))
			return (size_t)(p - s);
		p = q;
	}
	return (size_t)(lo - s);
}

/* Right-hand noun phrase: 2名以上参与…的首席专家 / 100%按照标准…生产. */
static size_t phrase_end(const char *s, size_t b, size_t se)
{
	const char *p = s + b, *e = s + se;
	/* a space between Chinese words ends it too: two phrases of a
	 * headline (培育20个地标知名品牌 加强…), not 根据 ISO9000 标准 */
	while (p < e && !is_delim(p, e) && *p != ')' &&
	       !(*p == ' ' && p > s + b && (p[-1] & 0x80) && p + 1 < e &&
		 (p[1] & 0x80)) &&
	       !qc_xstarts(p, e, "、")) {
		if (*p == '(') {
			/* 县(区)政府: a short aside belongs to the phrase */
			const char *q = memchr(p, ')', (size_t)(e - p));
			if (!q || qc_utf8_count(p, (size_t)(q - p)) > 5)
				break;
			p = q + 1;
			continue;
		}
		/* 2个千亿级产业集群和6个…: the next count starts anew */
		if ((qc_xstarts(p, e, "和") || qc_xstarts(p, e, "及") ||
		     qc_xstarts(p, e, "与")) &&
		    p + 3 < e && p[3] >= '0' && p[3] <= '9')
			break;
		p += qc_xcplen(p, e);
	}
	return (size_t)(p - s);
}

/* 10个具有自主知识产权、质量竞争力强、品牌附加值高的世界影响力的品牌:
 * the phrase after a count stops at 、 but the list is one of modifiers
 * closed by 的; the object is what follows that 的. [at] is the 、. */
static bool modifier_list(const char *s, size_t at, size_t se, size_t *ob,
			  size_t *oe)
{
	const char *p = s + at, *e = s + se, *last = NULL;

	if (!qc_xstarts(p, e, "、"))
		return false;
	while (p < e && !is_delim(p, e) && *p != ')' && *p != '(' &&
	       !(*p >= '0' && *p <= '9')) {
		if (qc_xstarts(p, e, "、"))
			last = p;
		else if (last && qc_xstarts(p, e, "的")) {
			*ob = (size_t)(p + 3 - s);
			*oe = phrase_end(s, *ob, se);
			return qc_utf8_count(s + *ob, *oe - *ob) >= 3;
		}
		p += qc_xcplen(p, e);
	}
	return false;
}

/* prev_op after a count of the document's own parts */
#define SELF (-2)

/* Emit the targets of a group of numbers. Returns false when the group
 * is not a target but qualifies the noun after it (超过1000亿元的名牌企业):
 * the next group's subject then starts before it. */
static bool do_group(struct xctx *c, struct xnum *g, int k, size_t sb,
		     size_t se, size_t prev, int year, int *prev_op,
		     size_t topic_b, size_t topic_e)
{
	const char *s = c->ln->norm;
	size_t cs = clause_start(s, sb, g[0].b, prev), ib, ie;
	const char *at = NULL;
	const struct xcue *cue = qc_xcue_find(s + cs, s + g[0].b, &at);
	int suffix = g[k - 1].suffix_op;
	enum qc_op op;
	struct xname name = { 0 }, parts[MAXG];
	int np = 0;
	bool dist = false, eq = false;
	size_t rest = g[k - 1].e, ce;

	for (int i = 0; i < k; i++)
		if (g[i].suffix_op >= 0)
			suffix = g[i].suffix_op;
	/* A direction word must stand right before the number to govern it
	 * (two code points of slack: 达到了, 要达). */
	if (cue && (cue->flags & XC_NEAR) &&
	    qc_utf8_count(at + strlen(cue->w),
			  (size_t)(s + g[0].b - at) - strlen(cue->w)) > 2)
		cue = NULL;
	if (g[0].unit->kind == XU_MONEY && !g[0].per[0] &&
	    (qc_xstarts(s + rest, s + se, "的") ||
	     (qc_xstarts(s + rest, s + se, "、") &&
	      qc_xfind(s + rest, s + se, "的"))))
		return false;
	if (g[0].unit->kind == XU_MONEY && !g[0].per[0] &&
	    !(cue && (cue->flags & XC_MONEY)) &&
	    !qc_xmoney_subject(s + cs, s + g[0].b))
		return true;
	/* A clause that reports the past inside a commitment (发挥好我市荣获
	 * …称号的34个产业集群优势,力争…): a report, not a target. */
	if (qc_xclause_past(s + cs, s + g[0].b))
		return true;
	if (g[0].unit->kind == XU_COUNT &&
	    (qc_xself_count(s + rest, s + phrase_end(s, rest, se)) ||
	     qc_xself_items(g[0].unit->unit, s + rest, s + se) ||
	     qc_xself_verb(s + cs, s + g[0].b) ||
	     (!cue && qc_xself_list(g[0].unit->unit, s + rest,
				    s + phrase_end(s, rest, se))) ||
	     (*prev_op == SELF && prev > sb &&
	      (qc_xends_with(s + prev, s + g[0].b, "、") ||
	       qc_xends_with(s + prev, s + g[0].b, "和") ||
	       qc_xends_with(s + prev, s + g[0].b, "及"))))) {
		/* 提出实施5项工程、19项建设任务: the list goes on */
		*prev_op = SELF;
		return true;
	}
	if (g[0].unit->kind == XU_COUNT) {
		size_t pb = cs, pe = g[0].b;
		qc_xname_trim(s, &pb, &pe);
		/* a place's count opens its own clause; a batch's
		 * places go on (第二批1个市11个县) */
		if ((!cue && (cs != prev || prev == sb) && pe > pb &&
		     qc_xplace_count(s + pb, s + pe)) ||
		    qc_xbatch_places(s + pb, s + pe, s + g[0].e, s + se) ||
		    (*prev_op == SELF && cs == prev && prev > sb &&
		     qc_utf8_count(s + prev, g[0].b - prev) == 1)) {
			*prev_op = SELF;
			return true;
		}
	}
	if (g[0].range)
		op = QC_OP_BETWEEN;
	else if (cue &&
		 (cue->op == QC_OP_INCREASE || cue->op == QC_OP_DECREASE ||
		  cue->op == QC_OP_ANNUAL_GROWTH))
		op = cue->op;
	else if (suffix >= 0)
		op = (enum qc_op)suffix;
	else if (cue)
		op = cue->op;
	else if (g[0].unit->kind == XU_RATE && rest < se &&
		 !is_delim(s + rest, s + se) &&
		 !qc_xstarts(s + rest, s + se, "、") &&
		 !qc_xstarts(s + rest, s + se, "。") && s[rest] != '(' &&
		 s[rest] != ')') {
		op = QC_OP_EQ; /* 100%按照标准组织生产: a level, no direction */
		eq = true;
	} else if (*prev_op == QC_OP_GE || *prev_op == QC_OP_LE)
		op = (enum qc_op) * prev_op;
	else
		op = QC_OP_GE;
	*prev_op = (int)op;

	/* The indicator: the subject before the direction word, or for
	 * 培育…10个 the object between verb and number, or the phrase after
	 * the number. */
	ib = cs;
	ie = cue ? (size_t)(at - s) : g[0].b;
	if (cue && (cue->flags & XC_VO)) {
		/* 重点培育2个以上千亿元产业: what precedes the verb is a
		 * modifier; the object is between verb and number or after. */
		ib = (size_t)(at - s) + strlen(cue->w);
		ie = g[0].b;
	}
	/* 培育形成2个千亿级产业集群和6个五百亿级产业集群: the second count
	 * follows the first's object; its own object comes after it. */
	if (!cue && cs == prev && prev > sb && g[0].unit->kind == XU_COUNT &&
	    phrase_end(s, rest, se) > rest)
		ie = ib;
	qc_xname_trim(s, &ib, &ie);
	/* A lone verb or place word is not a name (选树1—2个领军企业,
	 * 县、辖区): the object after the number is. */
	/* 推介第二批10个优秀品牌: a batch is no name either, nor what
	 * leads to it */
	bool batch = ie > ib && qc_xends_with(s + ib, s + ie, "批");
	if (ie > ib && (qc_utf8_count(s + ib, ie - ib) <= 2 || batch) &&
	    phrase_end(s, rest, se) >
		    rest + (qc_xstarts(s + rest, s + se, "的") ? 3 : 0))
		eq = true;
	if (qc_xends_with(s + cs, s + (cue ? (size_t)(at - s) : g[0].b),
			  "分别") ||
	    qc_xends_jun(s + cs, s + (cue ? (size_t)(at - s) : g[0].b)))
		dist = true;
	ce = phrase_end(s, rest, se);
	if (ie <= ib || eq) {
		size_t rb = rest;
		size_t ob, oe;
		if (qc_xstarts(s + rb, s + se, "的"))
			rb += 3;
		if (ce > rb && ce < se && modifier_list(s, ce, se, &ob, &oe))
			rb = ob, ce = oe;
		if (ie > ib && !(batch && ce > rb)) {
			name.b[0] = ib, name.e[0] = ie, name.n = 1;
		}
		if (ce > rb) {
			name.b[name.n] = rb;
			name.e[name.n] = ce;
			name.n++;
		}
	} else {
		name.b[0] = ib, name.e[0] = ie, name.n = 1;
	}
	if (dist && name.n == 1)
		np = qc_xname_split(s, ib, ie, parts, MAXG);
	if (np >= 2)
		qc_xname_complete(s, parts, np);
	if (np < 2)
		qc_xname_shorten(s, &name);
	if (np < 2 && name.n == 1 && topic_e > topic_b) {
		/* 畜禽进点屠宰率:乡镇达到95% → 乡镇 + 畜禽进点屠宰率 */
		name.b[1] = topic_b, name.e[1] = topic_e, name.n = 2;
	}
	if (np >= 2 && k == 1 && qc_xfind(s + cs, s + g[0].b, "均")) {
		for (int i = 0; i < np; i++)
			emit(c, &g[0], op, &parts[i], year, cs, ce, s + cs,
			     s + g[0].b);
		return true;
	}
	for (int i = 0; i < k; i++)
		emit(c, &g[i], op, np == k ? &parts[i] : &name, year, cs, ce,
		     s + cs, s + g[0].b);
	return true;
}

static bool joiner(const char *p, const char *e, size_t *len)
{
	static const char *const j[] = { "、", "和", "及", "与", "或", "," };
	for (size_t i = 0; i < N(j); i++)
		if ((size_t)(e - p) == strlen(j[i]) &&
		    memcmp(p, j[i], strlen(j[i])) == 0) {
			*len = strlen(j[i]);
			return true;
		}
	return p == e;
}

/* The last year phrase in [b, e): 到2020年, 2018年底前 ... */
static int year_before(const char *b, const char *e, const char *sb, bool *head)
{
	int year = 0, y;
	bool lead;

	*head = false;
	for (const char *q = b; (q = qc_xyear_next(q, e, &y, &lead)); q++) {
		year = y;
		/* 发展目标:到2025年,… heads what follows its colon too */
		*head = lead && (qc_utf8_count(sb, (size_t)(q - sb)) <= 12 ||
				 (q > sb && q[-1] == ':'));
	}
	return year;
}


/* Due year of a group: a year phrase before it in its sentence, the
 * 十三五 period, the section's year, or the plan period in a goals part. */
static bool flush(struct xctx *c, struct xnum *g, int k, size_t sb, size_t se,
		  size_t prev, int fy, int *prev_op, size_t tb, size_t te)
{
	bool head;
	int year = year_before(c->ln->norm + sb, c->ln->norm + g[0].b,
			       c->ln->norm + sb, &head);

	if (!year)
		year = fy;
	if (!year)
		year = c->section_year;
	if (!year && c->goal_section)
		year = c->p->period_end;
	if (tb >= g[0].b)
		tb = te = 0;
	return do_group(c, g, k, sb, se, prev, year, prev_op, tb, te);
}

/* A zero target (tzero.c): op zero, value 0, no unit; its year as for
 * a group. A list 零事故、零死亡 shares the subject of its first item. */
static void zero(struct xctx *c, struct xname *nm, size_t sb, size_t at,
		 size_t len, int fy)
{
	static const struct xunit none = { "", NULL, XU_NONE };
	struct xnum n = { .b = at,
			  .ue = at + len,
			  .e = at + len,
			  .suffix_op = -1,
			  .unit = &none };
	bool head;
	int year = year_before(c->ln->norm + sb, c->ln->norm + at,
			       c->ln->norm + sb, &head);

	if (!year)
		year = fy ? fy : c->section_year;
	if (!year && c->goal_section)
		year = c->p->period_end;
	emit(c, &n, QC_OP_ZERO, nm, year, at, at + len, c->ln->norm + sb,
	     c->ln->norm + at);
}

/* A topic ending in ':' names the indicator of the clauses after it. */
static void find_topic(const char *s, size_t sb, size_t se, size_t *tb,
		       size_t *te)
{
	static const char *const heads[] = { "率", "量",   "数",
					     "度", "面积", "比重" };
	const char *colon = memchr(s + sb, ':', se - sb);
	size_t b;

	*tb = *te = 0;
	if (!colon)
		return;
	b = clause_start(s, sb, (size_t)(colon - s), sb);
	for (size_t i = 0; i < N(heads); i++)
		if (qc_xends_with(s + b, colon, heads[i])) {
			*tb = b;
			*te = (size_t)(colon - s);
			qc_xname_trim(s, tb, te);
			return;
		}
}

/* Whether a quantity (qc_xnum_at: a digit, or a Chinese numeral that
 * starts with 十 or a digit 一…九 两) or a zero target (qc_xzero_at:
 * 零…, 为零) may start at p: the rest of a sentence is stepped over a
 * character at a time without asking either. Keep in step with
 * qc_xcn_number, cn_digit (xdoc.c) and qc_xzero_at (tzero.c): a start
 * they gain must be added here. */
static bool may_start(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;
	uint32_t cp;

	if (u[0] >= '0' && u[0] <= '9')
		return true;
	if ((u[0] != 0xE4 && u[0] != 0xE5 && u[0] != 0xE9) || end - p < 3)
		return false;
	cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) |
	     (uint32_t)(u[2] & 0x3F);
	switch (cp) {
	case 0x4E00: /* 一 */
	case 0x4E8C: /* 二 */
	case 0x4E24: /* 两 */
	case 0x4E09: /* 三 */
	case 0x56DB: /* 四 */
	case 0x4E94: /* 五 */
	case 0x516D: /* 六 */
	case 0x4E03: /* 七 */
	case 0x516B: /* 八 */
	case 0x4E5D: /* 九 */
	case 0x5341: /* 十 */
	case 0x4E3A: /* 为 */
	case 0x96F6: /* 零 */ return true;
	default: return false;
	}
}

static void do_sentence(struct xctx *c, size_t sb, size_t se)
{
	const char *s = c->ln->norm, *p = s + sb, *end = s + se;
	struct xnum g[MAXG];
	int k = 0, prev_op = -1, fy, y;
	size_t prev = sb, jl, tb, te, zsb = 0, zse = 0;
	bool head;
	int dated;
	enum xtense tense = qc_xtense_dated(p, end, &dated);

	/* 2025年全市…覆盖率达到92% (a headline) in a plan that sets 到2025年
	 * elsewhere: the year is due, not past. */
	if (tense == XT_PAST && dated &&
	    qc_xdue_year(c->d, (size_t)(c->ln - c->d->v), dated))
		tense = XT_COMMIT;
	/* A report of the past sets no target; a sentence with no tense
	 * of its own reads like the one before it (a list after "2020年,"). */
	if (tense != XT_NONE)
		c->past = tense == XT_PAST;
	if (c->review || c->past)
		return;
	/* 到2020年 at the head of a sentence sets the year for the section;
	 * elsewhere it holds for the numbers after it in the sentence. */
	y = year_before(p, end, p, &head);
	if (y && head) {
		c->section_year = y;
		if (c->goal_section && !c->goal_year)
			c->goal_year = y;
	}
	fy = five_year_plan(p, end);
	find_topic(s, sb, se, &tb, &te);

	while (p < end) {
		struct xnum n;
		struct xname zn;
		size_t zl;

		if (!may_start(p, end)) {
			p += qc_xcplen(p, end);
			continue;
		}
		zl = qc_xzero_at(s, sb, p, end, &zn);
		if (zl) {
			size_t at = (size_t)(p - s);
			if (zn.n == 1 && zn.b[0] > at && zse > zsb) {
				/* 零事故、零死亡: the first item's subject */
				zn.b[1] = zn.b[0], zn.e[1] = zn.e[0];
				zn.b[0] = zsb, zn.e[0] = zse, zn.n = 2;
			} else if (zn.n >= 1 && zn.b[0] < at) {
				zsb = zn.b[0], zse = zn.e[0];
			}
			zero(c, &zn, sb, at, zl, fy);
			p += zl;
			continue;
		}
		if (qc_xnum_at(s, p, end, &n)) {
			/* 90分(含90分): the same figure restated. */
			if (k > 0 && n.v == g[k - 1].v &&
			    n.unit == g[k - 1].unit &&
			    (qc_xstarts(s + g[k - 1].e, p, "(含") ||
			     qc_xstarts(s + g[k - 1].e, p, "(即") ||
			     (s[g[k - 1].e] == '(' &&
			      s + g[k - 1].e + 1 == p))) {
				p = s + n.e;
				continue;
			}
			if (k > 0 &&
			    (k == MAXG || !joiner(s + g[k - 1].e, p, &jl) ||
			     g[k - 1].suffix_op >= 0 ||
			     n.unit != g[k - 1].unit)) {
				if (flush(c, g, k, sb, se, prev, fy, &prev_op,
					  tb, te))
					prev = g[k - 1].e;
				k = 0;
			}
			g[k++] = n;
			p = s + n.e;
			continue;
		}
		p += qc_xcplen(p, end);
	}
	if (k)
		(void)flush(c, g, k, sb, se, prev, fy, &prev_op, tb, te);
}

/* A line's sentences, each with the owner annotation that closes it, if
 * any. */
struct xsent {
	size_t b, e; /* the text, without its annotation */
	struct qc_owner_list own;
	bool has_own;
};

static void do_line(struct xctx *c)
{
	const char *s = c->ln->norm;
	size_t ab = c->ln->norm_len, ae = ab, sb = 0, i = 0, n = 0;
	struct qc_owner_list line = { 0 };
	struct xsent v[64];

	qc_xowners_find(c->ln, &line, &ab, &ae);
	/* Sentences end at 。 ; ! ?; the owner annotation is not one. */
	while (i <= ab) {
		/* "…98%(市农业局负责),…": a clause that closes with its
		 * owners ends there. */
		bool own_comma = s[i] == ',' && i > sb && s[i - 1] == ')' &&
				 i < ab;
		if (own_comma) {
			struct qc_owner_list tmp = { 0 };
			size_t b2, e2;
			own_comma = qc_xowners_find_in(c->ln, sb, i, &tmp, &b2,
						       &e2);
			qc_owner_list_release(&tmp);
		}
		if (i == ab || qc_xstarts(s + i, s + ab, "。") || s[i] == ';' ||
		    s[i] == '!' || s[i] == '?' || own_comma ||
		    qc_xstarts(s + i, s + ab, ";")) {
			if (i > sb && n < sizeof(v) / sizeof(*v)) {
				struct xsent *x = &v[n++];
				size_t b2, e2;
				memset(x, 0, sizeof(*x));
				x->b = sb;
				x->e = i;
				/* A clause that names its own owners
				 * keeps them (docs/units.md). */
				if (qc_xowners_find_in(c->ln, sb, i, &x->own,
						       &b2, &e2)) {
					x->has_own = true;
					x->e = b2;
				} else if (qc_xowners_clause(c->ln, sb, i,
							     &x->own, &b2)) {
					x->has_own = true;
					x->e = b2;
				}
			}
			if (i == ab)
				break;
			i += qc_xcplen(s + i, s + ab);
			sb = i;
			continue;
		}
		i += qc_xcplen(s + i, s + ab);
	}
	/* Each sentence takes the first annotation at or after it: the
	 * owners named for its clause, else the line's closing list. */
	for (size_t k = 0; k < n; k++) {
		const struct qc_owner_list *own = &line;
		size_t jo = n;
		for (size_t j = k; j < n; j++)
			if (v[j].has_own) {
				own = &v[j].own;
				jo = j;
				break;
			}
		c->own[0] = own;
		c->n_own = 1;
		c->own_ready = false;
		/* 责任单位:…;协助单位:…: the list goes on in the sentences
		 * that hold nothing but owners */
		for (size_t j = jo + 1;
		     j < n && v[j].has_own && v[j].e == v[j].b; j++)
			c->own[c->n_own++] = &v[j].own;
		do_sentence(c, v[k].b, v[k].e);
		c->n_own = 0;
	}
	for (size_t k = 0; k < n; k++)
		qc_owner_list_release(&v[k].own);
	qc_owner_list_release(&line);
}

void qc_xtargets_lines(struct xctx *c, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		c->ln = &c->d->v[i];
		qc_xsection(c);
		do_line(c);
	}
}

void qc_xtargets_finish(struct xctx *c)
{
	struct qc_plan *p = c->p;

	qc_owner_list_release(&c->owners);
	free(c->goal_copy.orig);
	free(c->goal_copy.norm);
	memset(&c->goal_copy, 0, sizeof(c->goal_copy));
	/* No period in the title: the plan runs from its issue to the year
	 * its goals are set for (到2025年). */
	if (!p->period_end && c->goal_year && p->issue_date &&
	    atoi(p->issue_date) <= c->goal_year &&
	    c->goal_year - atoi(p->issue_date) <= 15) {
		p->period_start = atoi(p->issue_date);
		p->period_end = c->goal_year;
	}
}

void qc_xtargets_keep(struct xctx *c)
{
	const struct xline *l = c->goal_line;

	if (!l || l == &c->goal_copy.l)
		return;
	free(c->goal_copy.orig);
	free(c->goal_copy.norm);
	c->goal_copy.orig = qc_xstrndup(l->orig, l->orig_len);
	c->goal_copy.norm = qc_xstrndup(l->norm, l->norm_len);
	c->goal_copy.l = *l;
	c->goal_copy.l.orig = c->goal_copy.orig;
	c->goal_copy.l.norm = c->goal_copy.norm;
	c->goal_line = &c->goal_copy.l;
}

void qc_xtargets_extract(const struct xdoc *d, const struct qc_catalog *cat,
			 struct qc_plan *p)
{
	struct xctx c = { .d = d, .cat = cat, .p = p };

	qc_xtargets_lines(&c, 0, d->n);
	qc_xtargets_finish(&c);
}
