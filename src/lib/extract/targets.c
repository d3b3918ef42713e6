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

static bool is_han(const char *p, const char *e)
{
	return e - p >= 3 && (unsigned char)p[0] >= 0xE4 &&
	       (unsigned char)p[0] <= 0xE9;
}

/* Words of a clause's predicate: a run with one is no cut name. */
static bool clause_words(const char *b, const char *e)
{
	static const char *const w[] = { "取得", "成效",   "显著", "明显",
					 "更加", "进一步", "不断", "增强",
					 "提升", "提高",   "实现", "完善",
					 "加强", "达到",   "形成", "建成" };
	for (size_t i = 0; i < sizeof(w) / sizeof(*w); i++)
		if (qc_xfind(b, e, w[i]))
			return true;
	return false;
}

/* A name the page's line break cut (…稳定。主要农产品质量\n安全监测合格率
 * 稳定在98%以上): when the name opens its line and the line before ends
 * in a short run of Han characters right after a sentence's end (。 ; !
 * ?: so not a title or heading, nor a clause after a comma that only
 * lacks its 。), the name starts after that stop. Returns where in the
 * line before, or 0 for none. */
static size_t wrapped_head(const struct xctx *c, const struct xname *nm)
{
	const struct xline *pl;
	const char *b, *e, *q, *t;

	if (nm->n < 1 || nm->b[0] != 0 || c->ln == c->d->v ||
	    !is_han(c->ln->norm, c->ln->norm + c->ln->norm_len))
		return 0;
	pl = c->ln - 1;
	b = pl->norm, e = b + pl->norm_len;
	if (e - b < 6 || !is_han(q = qc_xprev(b, e), e))
		return 0;
	for (t = q; t > b; t = q) {
		q = qc_xprev(b, t);
		if (!is_han(q, e))
			break;
	}
	/* the run of Han characters must follow a stop, and be short; after
	 * a comma it must read as a noun phrase, not a clause that only
	 * lacks its 。 (…稳定,主要农产品质量 / 质量强市建设取得显著成效) */
	if (t == b || *q == ':' || !qc_xt_delim(q, e) ||
	    qc_utf8_count(t, (size_t)(e - t)) > 12 ||
	    (*q == ',' && clause_words(t, e)))
		return 0;
	return (size_t)(t - b);
}

/* A space a PDF's layout left between two characters of a name (主要农
 * 产品): not part of it. Spaces beside Latin letters or digits stay
 * (根据 ISo9000 标准). */
static void drop_layout_spaces(char *s)
{
	char *w = s;

	for (char *r = s; *r;) {
		if (*r == ' ' && w > s && (unsigned char)w[-1] >= 0x80) {
			char *n = r;
			while (*n == ' ')
				n++;
			if ((unsigned char)*n >= 0x80) {
				r = n;
				continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
}

static char *name_str(const struct xctx *c, const struct xname *nm,
		      bool written)
{
	struct qc_buf b;
	size_t wb = wrapped_head(c, nm);
	char *out;

	qc_buf_init(&b, 0);
	if (wb) {
		const struct xline *pl = c->ln - 1;
		if (written) {
			char *s = qc_xline_slice(pl, wb, pl->norm_len);
			qc_buf_adds(&b, s);
			free(s);
		} else {
			qc_buf_add(&b, pl->norm + wb, pl->norm_len - wb);
		}
	}
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
	out = qc_buf_detach(&b, NULL);
	drop_layout_spaces(out);
	return out;
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
		qc_xt_baseline(clause_b, clause_e, t);
	t->year = year;
	t->line = c->ln->no;
	t->text = qc_xline_slice(c->ln, cb, ce);
	qc_xgoal_open(c);
	if (c->goal_key)
		qc_set_str(&t->goal, c->goal_key);
	qc_xowners_copy(&t->owners, sentence_owners(c));
	free(norm);
}

/* A bare rate (合格率, 2–3 characters ending in 率) measures what an
 * earlier clause of its sentence named: 农产品质量安全监测1.5批次/千人,
 * 合格率98% → 农产品质量安全监测合格率. A name that is a subject (no 率,
 * 度, 数 at its end) is kept for the clauses after it. Counter-example:
 * 一次验收合格率达100%,优良率达到60% (the earlier name is a rate). */
static void sentence_subject(struct xctx *c, const char *s, size_t sb,
			     struct xname *nm)
{
	size_t b = nm->b[0], e = nm->e[0], n = qc_utf8_count(s + b, e - b);

	if (n >= 2 && n <= 3 && qc_xends_with(s + b, s + e, "率")) {
		if (c->subj_no == c->ln->no && c->subj_sb == sb &&
		    c->subj_e > c->subj_b) {
			nm->b[1] = b, nm->e[1] = e, nm->n = 2;
			nm->b[0] = c->subj_b, nm->e[0] = c->subj_e;
		}
		return;
	}
	c->subj_no = c->ln->no, c->subj_sb = sb;
	c->subj_b = c->subj_e = 0;
	if (n >= 2 && !qc_xends_with(s + b, s + e, "率") &&
	    !qc_xends_with(s + b, s + e, "度") &&
	    !qc_xends_with(s + b, s + e, "数"))
		c->subj_b = b, c->subj_e = e;
}

/* A group of numbers and the clause it stands in, as the name rules
 * read them. */
struct nspan {
	struct xctx *c;
	const char *s;
	const struct xnum *g;
	const struct xcue *cue;
	const char *at;          /* where cue stands */
	size_t sb, se, cs, rest; /* sentence, clause start, after the group */
};

/* A name rule: moves the name [*ib, *ie) (the subject before the
 * direction word, or the object after its verb) where the rule says. */
typedef void name_rule(const struct nspan *n, size_t *ib, size_t *ie);

/* …从目前的70%提高到90%: the subject before 从 (qc_xfrom_level) */
static void from_subject(const struct nspan *n, size_t *ib, size_t *ie)
{
	struct xctx *c = n->c;

	if (c->from_no == c->ln->no && c->from_end == n->cs && n->cs > n->sb) {
		*ib = c->from_b, *ie = c->from_e;
		c->from_no = 0;
	}
}

/* 国际标准数量,达到年度国际标准制修订数的50%: the share's subject */
static void share_subject(const struct nspan *n, size_t *ib, size_t *ie)
{
	size_t xb, xe;

	if (n->g[0].unit->kind == XU_RATE &&
	    qc_xshare_of(n->s, n->sb, n->cs, n->g[0].b, &xb, &xe))
		*ib = xb, *ie = xe;
}

/* the words around a name that are not part of it (全市, 力争 …) */
static void trim_name(const struct nspan *n, size_t *ib, size_t *ie)
{
	qc_xname_trim(n->s, ib, ie);
}

/* 上述4类品牌产品销售收入实现2000亿元: the count that refers back and
 * the verb before the amount are no part of the name */
static void back_ref(const struct nspan *n, size_t *ib, size_t *ie)
{
	const char *s = n->s, *p = s + *ib;

	if (n->g[0].unit->kind == XU_MONEY && qc_xends_with(p, s + *ie, "实现"))
		*ie -= strlen("实现");
	if (!qc_xstarts(p, s + *ie, "上述") && !qc_xstarts(p, s + *ie, "前述"))
		return;
	p += strlen("上述");
	if (p >= s + *ie || *p < '0' || *p > '9')
		return;
	while (p < s + *ie && *p >= '0' && *p <= '9')
		p++;
	p += qc_xcplen(p, s + *ie); /* the measure word: 类, 项, 个 */
	if (p < s + *ie)
		*ib = (size_t)(p - s);
}

/* 在…等重点领域制修订标准9000项: a lone object after a verb and a place
 * in the text (在…领域, 行业, 产业 …) is named with them */
static void domain_object(const struct nspan *n, size_t *ib, size_t *ie)
{
	static const char *const w[] = { "领域", "行业", "产业",
					 "方面", "地区", "区域" };
	const char *s = n->s;

	if (!n->cue || !(n->cue->flags & XC_VO) || *ie <= *ib ||
	    qc_utf8_count(s + *ib, *ie - *ib) > 2 ||
	    qc_xt_phrase_end(s, n->rest, n->se) != n->rest ||
	    !qc_xstarts(s + n->cs, s + *ib, "在"))
		return;
	for (size_t i = 0; i < sizeof(w) / sizeof(*w); i++)
		if (qc_xfind(s + n->cs, n->at, w[i])) {
			*ib = n->cs + strlen("在");
			return;
		}
}

/* 主导和参与制定国际标准超过70项: a count's subject that a verb of
 * making opens (after only words of who takes part: 主导和参与) is named
 * by its object, as 参与制定国际标准300项 is (the verb as the cue). A
 * rate keeps its verb (制定标准覆盖率), and so does a subject with other
 * words before the verb (城镇新增就业人数, 规模以上企业制定标准). */
static void making_verb(const struct nspan *n, size_t *ib, size_t *ie)
{
	static const char *const w[] = {
		"制定", "修订", "新增", "培育", "新建",
		"创建", "引进", "认定", "新创", "争创"
	};
	const char *s = n->s, *v = NULL;
	size_t vl = 0;

	if (!n->cue || !(n->cue->flags & XC_NEAR) ||
	    n->g[0].unit->kind != XU_COUNT || *ie <= *ib)
		return;
	for (size_t i = 0; i < sizeof(w) / sizeof(*w); i++) {
		const char *f = qc_xfind(s + *ib, s + *ie, w[i]);
		if (f && (!v || f < v))
			v = f, vl = strlen(w[i]);
	}
	if (!v)
		return;
	/* before the verb, only who takes part: 主导和参与, 参与, 牵头 */
	for (const char *p = s + *ib; p < v;) {
		static const char *const part[] = { "主导", "参与", "牵头",
						    "和",   "或",   "及",
						    "与",   "并" };
		size_t i = 0;
		while (i < sizeof(part) / sizeof(*part) &&
		       !qc_xstarts(p, v, part[i]))
			i++;
		if (i == sizeof(part) / sizeof(*part))
			return;
		p += strlen(part[i]);
	}
	/* 参与制定修订国际标准: a chain of such verbs */
	for (bool again = true; again;) {
		again = false;
		v += vl;
		vl = 0;
		for (size_t i = 0; i < sizeof(w) / sizeof(*w) && !again; i++)
			if (qc_xstarts(v, s + *ie, w[i]))
				vl = strlen(w[i]), again = true;
	}
	if (qc_utf8_count(v, (size_t)(s + *ie - v)) < 2)
		return;
	*ib = (size_t)(v - s);
}

/* In order: where the subject stands, then its trim, then what a lone
 * object takes from before it, then a verb of making before a count's
 * object. */
static name_rule lead_verbs;
static name_rule *const name_rules[] = {
	from_subject,  share_subject, trim_name,  back_ref,
	domain_object, making_verb,   lead_verbs,
};

/* 培育和发展…农业名牌产品80个: a second verb joined to the verb of a
 * count is no part of its object. Returns where the object starts. */
static size_t verb_pair(const char *s, size_t ob, size_t e)
{
	static const char *const join[] = { "和", "与", "及", "并", "、" };
	static const char *const verbs[] = { "发展", "壮大", "建设", "培育",
					     "创建", "打造", "扶持", "提升",
					     "引进", "认定", "推广", "培养" };

	for (size_t i = 0; i < sizeof(join) / sizeof(*join); i++) {
		if (!qc_xstarts(s + ob, s + e, join[i]))
			continue;
		for (size_t j = 0; j < sizeof(verbs) / sizeof(*verbs); j++)
			if (qc_xstarts(s + ob + strlen(join[i]), s + e,
				       verbs[j]))
				return ob + strlen(join[i]) + strlen(verbs[j]);
	}
	return ob;
}

/* 巩固和发展30个中国名牌产品, 巩固和发展龙头企业30家: where a run of
 * two or more verbs of making or keeping joined by 和/与/及/、 that
 * opens [b, e) ends, or b when none does. Verbs alone name nothing. */
static size_t verb_run(const char *s, size_t b, size_t e)
{
	static const char *const join[] = { "和", "与", "及", "、" };
	static const char *const verbs[] = {
		"巩固", "发展", "壮大", "建设", "培育", "创建", "打造", "扶持",
		"提升", "引进", "认定", "推广", "培养", "保持", "扩大", "做强",
		"做大", "提高", "新增", "新建", "保护", "申报", "争创"
	};
	size_t p = b, end = b;
	int n = 0;

	while (p < e) {
		size_t j = 0, k = 0;
		while (j < sizeof(verbs) / sizeof(*verbs) &&
		       !qc_xstarts(s + p, s + e, verbs[j]))
			j++;
		if (j == sizeof(verbs) / sizeof(*verbs))
			break;
		p += strlen(verbs[j]);
		if (++n >= 2)
			end = p;
		while (k < sizeof(join) / sizeof(*join) &&
		       !qc_xstarts(s + p, s + e, join[k]))
			k++;
		if (k == sizeof(join) / sizeof(*join))
			break;
		p += strlen(join[k]);
	}
	return end;
}

/* 每年开发100个以上省级新产品, 组织1万家企业开展品牌培训, 推动3万家
 * 企业完成…: a lone verb that leads or makes, with a frequency before
 * it or not, names nothing; the object after the number does. */
static bool lone_verb(const char *s, size_t b, size_t e)
{
	static const char *const freq[] = { "每年", "每季度", "每月" };
	static const char *const verbs[] = { "开发", "推动", "组织",
					     "带动", "引导", "推出" };
	size_t p = b;

	for (size_t i = 0; i < sizeof(freq) / sizeof(*freq); i++)
		if (qc_xstarts(s + p, s + e, freq[i])) {
			p += strlen(freq[i]);
			break;
		}
	for (size_t i = 0; i < sizeof(verbs) / sizeof(*verbs); i++)
		if (p + strlen(verbs[i]) == e &&
		    qc_xstarts(s + p, s + e, verbs[i]))
			return true;
	return false;
}

/* 山东省将组织家用电器、…、工业陶瓷等22个行业开展…: a span before a
 * count that ends with a verb of leading, or with the 等 of a list of
 * examples, leads to the count's object after the number; it names
 * nothing itself. */
static bool leads_to_object(const char *s, size_t b, size_t e)
{
	static const char *const ends[] = { "组织", "推动", "带动", "引导",
					    "等" };

	for (size_t i = 0; i < sizeof(ends) / sizeof(*ends); i++)
		if (e - b > strlen(ends[i]) &&
		    qc_xends_with(s + b, s + e, ends[i]))
			return true;
	return false;
}

static bool verbs_only(const char *s, size_t b, size_t e)
{
	return e > b && (verb_run(s, b, e) == e || lone_verb(s, b, e));
}

/* 巩固和发展龙头企业30家: the verbs before a count's object are no part
 * of it (an index keeps them: 建设和发展指数达到90) */
static void lead_verbs(const struct nspan *n, size_t *ib, size_t *ie)
{
	size_t v;

	if (n->g[0].unit->kind != XU_COUNT)
		return;
	v = verb_run(n->s, *ib, *ie);
	if (v > *ib && v < *ie)
		*ib = v;
}

/* 市知名商标和市名牌产品分别达345件和100个: 分别 (with at most a level
 * word after it) right before the number at b, so that counts of
 * different measure words share one distributed group. */
static bool distributes(const char *s, size_t sb, size_t b)
{
	const char *p = s + b;

	for (int i = 0; i < 4 && p > s + sb; i++) {
		if (qc_xends_with(s + sb, p, "分别"))
			return true;
		p = qc_xprev(s + sb, p);
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
	size_t cs = qc_xt_clause_start(s, sb, g[0].b, prev), ib, ie;
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
	/* 形成…15个国家名牌创建示范区、30个…: a verb inside the object of
	 * the count before, across the list's 、, is not this count's */
	if (cue && (cue->flags & XC_VO) && cs == prev && prev > sb &&
	    qc_xfind(at + strlen(cue->w), s + g[0].b, "、"))
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
	/* 从目前的70%以上提高到90%以上: where the indicator stands now */
	{
		size_t fb;
		if (qc_xfrom_level(s, cs, g[0].b, rest, se, &fb)) {
			c->from_no = c->ln->no;
			c->from_end = rest;
			c->from_b = cs;
			c->from_e = fb;
			return true;
		}
	}
	/* 上述4类品牌产品销售收入实现2000亿元: a count that refers back to
	 * what was listed qualifies the noun after it */
	if (g[0].unit->kind == XU_COUNT &&
	    (qc_xends_with(s + cs, s + g[0].b, "上述") ||
	     qc_xends_with(s + cs, s + g[0].b, "前述")))
		return false;
	/* 实现三个100%: how many levels the next targets hold (from the
	 * sentence's start: 3个 of 3个100% is a group of its own) */
	if (g[0].unit->kind == XU_RATE && qc_xlevel_count(s + sb, s + g[0].b))
		return true;
	if (k == 1 && qc_xlevel_label(g[0].unit->unit, s + rest, s + se))
		return true;
	if (g[0].unit->kind == XU_COUNT &&
	    (qc_xquoted_count(s + sb, s + g[0].b, s + rest, s + se) ||
	     qc_xpage_counter(s + sb, s + g[0].b)))
		return true;
	if (g[0].unit->kind == XU_COUNT &&
	    (qc_xself_count(s + rest, s + qc_xt_phrase_end(s, rest, se)) ||
	     qc_xself_items(g[0].unit->unit, s + rest, s + se) ||
	     qc_xself_verb(s + cs, s + g[0].b) ||
	     (!cue && qc_xself_list(g[0].unit->unit, s + rest,
				    s + qc_xt_phrase_end(s, rest, se))) ||
	     (!cue && qc_xlist_size(s + cs, s + g[0].b, s + rest, s + se)) ||
	     (*prev_op == SELF && prev > sb &&
	      (qc_xends_with(s + prev, s + g[0].b, "、") ||
	       qc_xends_with(s + prev, s + g[0].b, "和") ||
	       qc_xends_with(s + prev, s + g[0].b, "及") ||
	       qc_utf8_count(s + prev, g[0].b - prev) <= 2)))) {
		/* 提出实施5项工程、19项建设任务, 共分3个部分25条: the list
		 * goes on */
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
		    /* 88个贫困县新增地标90件: the places are the
		     * subject, the count after the verb the target */
		    qc_xscope_places(g[0].unit->unit, s + rest, s + se) ||
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
		 !qc_xt_delim(s + rest, s + se) &&
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
		ib = verb_pair(s, (size_t)(at - s) + strlen(cue->w), g[0].b);
		ie = g[0].b;
	}
	/* 培育形成2个千亿级产业集群和6个五百亿级产业集群: the second count
	 * follows the first's object; its own object comes after it. */
	if (!cue && cs == prev && prev > sb && g[0].unit->kind == XU_COUNT &&
	    qc_xt_phrase_end(s, rest, se) > rest)
		ie = ib;
	{
		const struct nspan ns = { c, s, g, cue, at, sb, se, cs, rest };
		for (size_t i = 0; i < sizeof(name_rules) / sizeof(*name_rules);
		     i++)
			name_rules[i](&ns, &ib, &ie);
	}
	/* A lone verb or place word is not a name (选树1—2个领军企业,
	 * 县、辖区): the object after the number is. */
	/* 推介第二批10个优秀品牌: a batch is no name either, nor what
	 * leads to it */
	bool batch = ie > ib && qc_xends_with(s + ib, s + ie, "批");
	bool verbs = ie > ib &&
		     (verbs_only(s, ib, ie) || (g[0].unit->kind == XU_COUNT &&
						leads_to_object(s, ib, ie)));
	if (ie > ib &&
	    (qc_utf8_count(s + ib, ie - ib) <= 2 || batch || verbs) &&
	    qc_xt_phrase_end(s, rest, se) >
		    rest + (qc_xstarts(s + rest, s + se, "的") ? 3 : 0))
		eq = true;
	/* 分别/均 before the direction word or the number, or before 在
	 * (…抽检合格率均在95%以上) */
	size_t de = cue ? (size_t)(at - s) : g[0].b;
	if (qc_xends_with(s + cs, s + de, "在"))
		de -= strlen("在");
	if (qc_xends_with(s + cs, s + de, "分别") ||
	    qc_xends_jun(s + cs, s + de))
		dist = true;
	ce = qc_xt_phrase_end(s, rest, se);
	if (ie <= ib || eq) {
		size_t rb = rest;
		size_t ob, oe;
		/* 其中1个为…著名区域品牌: the copula before the kind of a
		 * part (not 建成5个为民服务站) */
		if (qc_xstarts(s + rb, s + se, "的") ||
		    (qc_xstarts(s + rb, s + se, "为") && ce > rb + 3 + 3 &&
		     qc_xfind(s + cs, s + g[0].b, "其中")))
			rb += 3;
		if (ce > rb && ce < se &&
		    qc_xt_modifier_list(s, ce, se, &ob, &oe))
			rb = ob, ce = oe;
		if (ie > ib && !((batch || verbs) && ce > rb)) {
			name.b[0] = ib, name.e[0] = ie, name.n = 1;
		}
		if (ce > rb) {
			name.b[name.n] = rb;
			name.e[name.n] = ce;
			name.n++;
		}
		/* 产品质量合格率力争95%以上: no object after the verb nor
		 * after the number; the subject before the verb names it */
		if (!name.n && cue && (cue->flags & XC_VO) && at > s + cs) {
			size_t b2 = cs, e2 = (size_t)(at - s);
			qc_xname_trim(s, &b2, &e2);
			if (e2 > b2)
				name.b[0] = b2, name.e[0] = e2, name.n = 1;
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
	if (np < 2 && name.n == 1)
		sentence_subject(c, s, sb, &name);
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


/* Due year of a group: a year phrase before it in its sentence, the
 * 十三五 period, the section's year, or the plan period in a goals part. */
static bool flush(struct xctx *c, struct xnum *g, int k, size_t sb, size_t se,
		  size_t prev, int fy, int *prev_op, size_t tb, size_t te)
{
	bool head;
	int year = qc_xt_year_before(c->ln->norm + sb, c->ln->norm + g[0].b,
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
	int year = qc_xt_year_before(c->ln->norm + sb, c->ln->norm + at,
				     c->ln->norm + sb, &head);

	if (!year)
		year = fy ? fy : c->section_year;
	if (!year && c->goal_section)
		year = c->p->period_end;
	emit(c, &n, QC_OP_ZERO, nm, year, at, at + len, c->ln->norm + sb,
	     c->ln->norm + at);
}

/* Does the sentence [p, e) open with the year y and a comma
 * ("2023年,")? */
static bool stage_head(const char *p, const char *e, int y)
{
	char w[16];

	(void)snprintf(w, sizeof(w), "%d年,", y);
	return qc_xstarts(p, e, w);
}

static void do_sentence(struct xctx *c, size_t sb, size_t se)
{
	const char *s = c->ln->norm, *p = s + sb, *end = s + se;
	struct xnum g[MAXG];
	int k = 0, prev_op = -1, fy, y;
	size_t prev = sb, jl, tb, te, zsb = 0, zse = 0;
	bool head, stage;
	int dated;
	enum xtense tense = qc_xtense_dated(p, end, &dated);

	/* 2025年全市…覆盖率达到92% (a headline) in a plan that sets 到2025年
	 * elsewhere: the year is due, not past. */
	if (tense == XT_PAST && dated &&
	    qc_xdue_year(c->d, (size_t)(c->ln - c->d->v), dated))
		tense = XT_COMMIT;
	/* "2023年,质量强省建设稳步推进。" opening a sentence in a plan of
	 * (2023-2027年): the first stage, due that year */
	stage = tense == XT_PAST && dated && stage_head(p, end, dated) &&
		qc_xstage_year(c->d, (size_t)(c->ln - c->d->v), dated);
	if (stage) {
		tense = XT_COMMIT;
		c->section_year = dated;
	}
	/* 累计 alone: a cumulative target after a commitment, else a
	 * report (柳州累计获得…) */
	if (tense == XT_CUMUL)
		tense = c->last_tense == XT_COMMIT ? XT_NONE : XT_PAST;
	/* A report of the past sets no target; a sentence with no tense
	 * of its own reads like the one before it (a list after "2020年,"). */
	if (tense != XT_NONE)
		c->last_tense = tense;
	if (c->review || c->last_tense == XT_PAST)
		return;
	/* 到2020年 at the head of a sentence sets the year for the section;
	 * elsewhere it holds for the numbers after it in the sentence. */
	y = qc_xt_year_before(p, end, p, &head);
	if (y && head) {
		c->section_year = y;
		if (c->goal_section && !c->goal_year)
			c->goal_year = y;
	}
	fy = qc_xt_five_year_plan(p, end);
	/* 到“十二五”末,… at the head of a sentence: as 到2015年 */
	if (fy && !(y && head) && qc_xt_five_year_head(p, end)) {
		c->section_year = fy;
		if (c->goal_section && !c->goal_year)
			c->goal_year = fy;
	}
	qc_xt_topic(s, sb, se, &tb, &te);

	while (p < end) {
		struct xnum n;
		struct xname zn;
		size_t zl;

		if (!qc_xt_may_start(p, end)) {
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
			if (k > 0 && (k == MAXG ||
				      !qc_xt_joiner(s + g[k - 1].e, p, &jl) ||
				      g[k - 1].suffix_op >= 0 ||
				      (n.unit != g[k - 1].unit &&
				       !(n.unit->kind == XU_COUNT &&
					 g[k - 1].unit->kind == XU_COUNT &&
					 distributes(s, sb, g[0].b))))) {
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
		if (qc_xtable_line(c, i))
			continue;
		qc_xsection(c);
		do_line(c);
	}
}

void qc_xtargets_finish(struct xctx *c)
{
	struct qc_plan *p = c->p;

	qc_owner_list_release(&c->owners);
	qc_xtable_free(c);
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
