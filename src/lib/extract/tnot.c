/* Figures that are not targets although they look like one: money that
 * is a threshold or a budget, counts of the plan's own parts, clauses
 * that report the past inside a commitment (docs/extraction.md). */
#include <string.h>

#include "qcity/text.h"
#include "xnum.h"
#include "xtgt.h"
#include "banned.h"

#define N(a) (sizeof(a) / sizeof(*(a)))

/* Does a money amount at e stand right after the thing it measures
 * (海洋生产总值3000亿元)? Other amounts are thresholds or budgets. */
bool qc_xmoney_subject(const char *b, const char *e)
{
	static const char *const w[] = { "总值",   "收入",   "产值",   "总额",
					 "销售额", "营业额", "增加值", "规模" };
	/* 销售收入实现2000亿元: the verb between subject and amount */
	if (qc_xends_with(b, e, "实现"))
		e -= strlen("实现");
	for (size_t i = 0; i < N(w); i++)
		if (qc_xends_with(b, e, w[i]))
			return true;
	return false;
}

/* A count that describes the document itself: 9个方面, 4项质量措施,
 * 19项重点任务. */
bool qc_xself_count(const char *b, const char *e)
{
	static const char *const w[] = { "方面", "措施", "举措", "原则",
					 "环节" };
	for (size_t i = 0; i < N(w); i++)
		if (qc_xends_with(b, e, w[i]))
			return true;
	return false;
}

/* A page's counter right before a count ([b, e) ends at the number):
 * 评论 0 条, 浏览次数:195次, 点击数:12次 on a byline count the page's
 * readers, not the plan's work. Not 评论员200名 (the word goes on). */
bool qc_xpage_counter(const char *b, const char *e)
{
	/* the labels a byline writes; not 阅读量 or 访问量, which a
	 * plan may set (人均阅读量5本) */
	static const char *const w[] = { "评论", "浏览",   "浏览次数",
					 "点击", "点击数", "阅读" };

	while (e > b && (e[-1] == ' ' || e[-1] == ':'))
		e--;
	for (size_t i = 0; i < N(w); i++)
		if (qc_xends_with(b, e, w[i]))
			return true;
	return false;
}

/* A count of items the plan itself consists of (5项工程全面提升…,
 * 实施3项行动): [b, e) is the phrase after the number, u its unit. */
bool qc_xself_items(const char *u, const char *b, const char *e)
{
	static const char *const w[] = { "工程",     "重点工程", "行动",
					 "专项行动", "任务",     "重点任务" };
	if (!u || strcmp(u, "项"))
		return false;
	for (size_t i = 0; i < N(w); i++)
		if (qc_xstarts(b, e, w[i]))
			return true;
	return false;
}

/* A count of items with no direction word governing it whose object is
 * the plan's own list (完成质量强市40项量化指标, 推进全部146项分解任务):
 * [b, e) is the phrase after the number, u its unit. Not: 实验室达到600项
 * 检测指标 (达到 governs it), 完成近100个…建设任务 (个). */
bool qc_xself_list(const char *u, const char *b, const char *e)
{
	const char *de;

	if (!u || strcmp(u, "项"))
		return false;
	/* 146项分解任务的实现: the count's noun ends at 的 */
	if ((de = qc_xfind(b, e, "的")) != NULL)
		e = de;
	return qc_xends_with(b, e, "指标") || qc_xends_with(b, e, "任务");
}

/* 围绕A、B、C等20种重点产品…开展…, 将A、B等11类商品作为…对象: the
 * count closing an enumeration the plan works on, with no verb of making
 * or organising before it, is the size of the list. [b, e) is the
 * clause before the number, [r, re) the sentence after it. Not:
 * 组织A、B等22个行业开展… (a count to organise), 培育A、B等10家 (the
 * caller passes no clause a direction word governs). */
bool qc_xlist_size(const char *b, const char *e, const char *r, const char *re)
{
	/* words that put what follows as the object of the work, not a
	 * thing to make: 围绕 (around), 以及 (a list going on) */
	static const char *const around[] = { "围绕", "聚焦", "针对", "以及" };
	const char *deng = NULL;
	int items = 0, depth = 0;
	bool open = false;

	for (const char *p = b; p < e; p += qc_xcplen(p, e)) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth)
			depth--;
		else if (!depth && qc_xstarts(p, e, "、"))
			items++;
		else if (!depth && items && qc_xstarts(p, e, "等"))
			deng = p;
	}
	if (items < 2 || !deng)
		return false;
	for (size_t i = 0; i < N(around); i++)
		if (qc_xstarts(b, e, around[i]))
			open = true;
	/* 将…等11类商品作为…对象: 将 puts the list as an object */
	if (!open && qc_xstarts(b, e, "将")) {
		for (const char *p = r; p < re && !qc_xt_delim(p, re);
		     p += qc_xcplen(p, re))
			if (qc_xstarts(p, re, "作为") ||
			    qc_xstarts(p, re, "列为"))
				open = true;
	}
	return open;
}

/* A count the document says it sets out (提出实施5项工程, 明确了14项…):
 * its own content, not a target. [b, e) is the clause before the
 * number. */
bool qc_xself_verb(const char *b, const char *e)
{
	static const char *const fill[] = { "了", "实施", "开展" };
	static const char *const w[] = { "提出", "明确", "部署", "包括",
					 "涵盖", "分为", "共分" };
	for (size_t i = 0; i < N(fill); i++)
		if (qc_xends_with(b, e, fill[i]))
			e -= strlen(fill[i]);
	for (size_t i = 0; i < N(w); i++)
		if (qc_xends_with(b, e, w[i])) {
			/* 建设部署50个…示范应用: 部署 after a verb of doing
			 * deploys what the count counts */
			static const char *const doing[] = { "建设", "推广",
							     "建立", "开发" };
			const char *v = e - strlen(w[i]);
			if (!strcmp(w[i], "部署"))
				for (size_t j = 0; j < N(doing); j++)
					if (qc_xends_with(b, v, doing[j]))
						return false;
			return true;
		}
	return false;
}

/* Strong words of a past event in a clause (荣获, 已, 先后): the clause
 * reports even when its sentence commits. */
bool qc_xclause_past(const char *b, const char *e)
{
	static const char *const w[] = { "荣获", "已", "先后", "曾" };
	for (size_t i = 0; i < N(w); i++)
		if (qc_xfind(b, e, w[i]))
			return true;
	return false;
}

/* A clause that is a place name and nothing else before a count
 * (汉中市4件地理标志商标…): what the place has, not a count to reach.
 * Not: 全市, 各县 (areas a plan commits), 城市, 超市 (no place). */
bool qc_xplace_count(const char *b, const char *e)
{
	static const char *const no[] = { "全", "各", "我", "本", "每", "在" };
	size_t n = qc_utf8_count(b, (size_t)(e - b));

	if (n < 3 || n > 6 || qc_xends_with(b, e, "城市") ||
	    qc_xends_with(b, e, "超市") || qc_xends_with(b, e, "都市"))
		return false;
	for (size_t i = 0; i < N(no); i++)
		if (qc_xstarts(b, e, no[i]))
			return false;
	for (const char *p = b; p < e; p++)
		if ((unsigned char)*p < 0x80)
			return false;
	return qc_xends_with(b, e, "市") || qc_xends_with(b, e, "县") ||
	       qc_xends_with(b, e, "省");
}

/* The count of levels itself (the 3个 of 实现3个100%): a count whose unit
 * 个 a rate follows at once. [p, e) is the text after the count. */
bool qc_xlevel_label(const char *u, const char *p, const char *e)
{
	if (!u || strcmp(u, "个") || p >= e || *p < '0' || *p > '9')
		return false;
	while (p < e && ((*p >= '0' && *p <= '9') || *p == '.'))
		p++;
	return p < e && *p == '%';
}

/* A batch of places to assess (完成第二批1个市11个县…考评): the batch's
 * members, not a count to reach. [b, e) is the name before the count,
 * [r, re) the phrase after it. Not: 推介第二批10个优秀品牌 (things). */
bool qc_xbatch_places(const char *b, const char *e, const char *r,
		      const char *re)
{
	return qc_xends_with(b, e, "批") &&
	       (qc_xstarts(r, re, "市") || qc_xstarts(r, re, "县") ||
		qc_xstarts(r, re, "区") || qc_xstarts(r, re, "乡镇"));
}

/* A count of places that is the subject of its clause (力争88个贫困县
 * 新增地标90件): where the count after the verb is to be reached, not a
 * count to reach. [r, re) is the text after the number, u its unit. Not:
 * 培育5个示范县 (no verb after the places), 创建3个县实现全覆盖 (no count
 * after the verb), 建成10个示范县,新增企业20家 (another clause). */
bool qc_xscope_places(const char *u, const char *r, const char *re)
{
	static const char *const place[] = { "县", "市", "区",   "乡镇",
					     "镇", "村", "地区", "州" };
	static const char *const verb[] = { "将新增", "新增", "增加", "培育",
					    "创建",   "建成", "实现", "达到" };
	const char *v = NULL, *ve = NULL;

	if (!u || strcmp(u, "个"))
		return false;
	for (const char *p = r; p < re && !qc_xt_delim(p, re) && !v; p++) {
		if (qc_xstarts(p, re, "、") || (unsigned char)*p < 0x80)
			return false;
		for (size_t i = 0; i < N(verb) && !v; i++)
			if (qc_xstarts(p, re, verb[i])) {
				v = p;
				ve = p + strlen(verb[i]);
			}
	}
	if (!v || qc_utf8_count(r, (size_t)(v - r)) > 6)
		return false;
	bool at_place = false;
	for (size_t i = 0; i < N(place) && !at_place; i++)
		at_place = qc_xends_with(r, v, place[i]);
	if (!at_place)
		return false;
	for (const char *p = ve; p < re && !qc_xt_delim(p, re); p++)
		if (*p >= '0' && *p <= '9')
			return true;
	return false;
}

/* A count of levels before a rate (实现三个100%确保工程质量安全, 实现3个
 * 100%): a label for the targets that follow, not one itself. [b, e) is
 * the clause before the number. */
bool qc_xlevel_count(const char *b, const char *e)
{
	const char *q;
	size_t k;

	if (!qc_xends_with(b, e, "个") || e - 3 <= b)
		return false;
	q = qc_xprev(b, e - 3);
	return (*q >= '0' && *q <= '9') || qc_xcn_number(q, e - 3, &k) > 0;
}

/* A count inside a quoted slogan (开展“打造一个高地,实施两个攻坚战”的
 * 创建工作): the quote names a programme by its parts, it sets no
 * count. [b, e) is the sentence before the number, [r, re) after it. */
bool qc_xquoted_count(const char *b, const char *e, const char *r,
		      const char *re)
{
	const char *o = NULL;

	for (const char *q = b; (q = qc_xfind(q, e, "“")); q += 3)
		o = q;
	return o && !qc_xfind(o, e, "”") && qc_xfind(r, re, "”");
}

/* A level a change starts from (重点领域国际标准转化率从目前的70%以上提高
 * 到90%以上): the page states where the indicator stands, the target is
 * the level after the change word. */
bool qc_xfrom_level(const char *s, size_t cs, size_t nb, size_t ne, size_t se,
		    size_t *from)
{
	const char *b = s + cs, *e = s + nb, *f = NULL;
	bool ok = false;

	/* 从 or 由 right before the number, or before a short run that ends
	 * in 的 (从目前的, 从2020年底的, 从上年的, 由“十三五”末的) or 目前 */
	if (qc_xends_with(b, e, "从") || qc_xends_with(b, e, "由"))
		f = e - 3;
	else if (qc_xends_with(b, e, "的") || qc_xends_with(b, e, "目前"))
		for (const char *q = e - 3; q > b && !f;) {
			q = qc_xprev(b, q);
			if (qc_utf8_count(q, (size_t)(e - q)) > 9 ||
			    qc_xt_delim(q, e) || *q == ',' ||
			    qc_xstarts(q, e, "、"))
				break;
			if (qc_xstarts(q, e, "从") || qc_xstarts(q, e, "由"))
				f = q;
		}
	if (!f)
		return false;
	for (size_t i = 0; i < qc_xn_level_words && !ok; i++)
		ok = qc_xlevel_words[i].change &&
		     qc_xstarts(s + ne, s + se, qc_xlevel_words[i].w);
	if (!ok)
		return false;
	*from = (size_t)(f - s);
	return true;
}

bool qc_xshare_of(const char *s, size_t sb, size_t cs, size_t nb, size_t *b,
		  size_t *e)
{
	static const char *const lv[] = { "达到", "相当于" };
	const char *lw = NULL, *q;

	if (!qc_xends_with(s + cs, s + nb, "的"))
		return false;
	for (size_t i = 0; i < N(lv) && !lw; i++)
		lw = qc_xfind(s + cs, s + nb, lv[i]);
	if (!lw || qc_utf8_count(lw, (size_t)(s + nb - lw)) < 5)
		return false;
	if (lw > s + cs) {
		*b = cs, *e = (size_t)(lw - s);
		return true;
	}
	/* the level word opens its clause: the subject is the clause
	 * before it, when that clause holds no number of its own */
	if (cs <= sb)
		return false;
	q = qc_xprev(s, s + cs);
	if (!qc_xt_delim(q, s + cs) || *q == ';')
		return false;
	*e = (size_t)(q - s);
	*b = qc_xt_clause_start(s, sb, *e, sb);
	for (const char *p = s + *b; p < s + *e; p++)
		if (*p >= '0' && *p <= '9')
			return false;
	return *e > *b;
}
