/* The tense of a figure: a plan commits to targets (到2025年…达到,
 * 力争, 确保, 目标) and reports the past (2014年,…达到98%; 已; 截至;
 * 比上年提高了; 合格率为; 排第9位; 累计 outside a commitment). A report
 * is not a target. The rules and their counter-examples are in
 * docs/extraction.md. */
#include <pthread.h>
#include <string.h>

#include "xac.h"
#include "xtgt.h"
#include "banned.h"

#define N(a) (sizeof(a) / sizeof(*(a)))

/* Words that make a sentence a commitment, whatever else it says; 将
 * before a verb of making commits too (2022年济南将培育…300个), and so
 * does the work a speech sets out for the year to come (在部署今年工作
 * 时强调:…培育…40个; 今年 alone reports). */
static const char *const commit_words[] = {
	"力争",     "确保",     "争取",       "目标",       "努力",
	"计划",     "预计",     "将达到",     "将在",       "将实现",
	"将保持",   "将新增",   "将建成",     "要保持",     "要达到",
	"要稳定",   "要实现",   "要提高",     "要控制",     "要确保",
	"要在",     "要形成",   "要培育",     "必须",       "到期末",
	"末期",     "规划期末", "“十四五”末", "“十五五”末", "“十三五”末",
	"十四五末", "十五五末", "十三五末",   "今年将",     "年内将",
	"将培育",   "将打造",   "将开发",     "将突破",     "将超过",
	"部署今年", "部署明年", "部署下一步", "部署下步",   "将用",
};

/* Words that report what was done. */
static const char *const past_words[] = {
	"已",     "截至",   "截止",   "目前",   "今年",   "上半年",
	"近年来", "去年",   "连续",   "获悉",   "据悉",   "显示",
	"被",     "率为",   "位列",   "位居",   "居全",   "排第",
	"名列",   "荣获",   "先后",   "取得了", "实现了", "上升了",
	"提高了", "下降了", "增长了", "达到了", "发布了", "开展了",
	"完成了", "以来",   "年来",   "过去",   "至此",   "日前",
};

/* 累计 (cumulative) reports only outside a commitment: in a plan's
 * goals, 累计建成高标准农田2300万亩以上 and 累计降幅达到国家标准 set
 * cumulative targets (XT_CUMUL: the caller decides by the context). */
static const char *const cumul_word = "累计";

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "2014年," or "2011年度" (or "20xx年,", QC_XYEAR_MASKED) that dates a
 * sentence: a year not led by
 * 到/至/较/比 (a due date or a baseline), not a deadline (年底, 年前),
 * not a date (2013年12月20日) or range (2013-2015年), and not inside a
 * title 《…》. */
static int dated_year(const char *b, const char *e)
{
	static const char *const lead[] = { "到", "至", "较", "比", "与",
					    "从", "自", "于", "在", "同",
					    "—",  "-",  "~",  "、" };
	static const char *const after[] = { "底",       "前",   "末", "以前",
					     "以后",     "以内", "月", "—",
					     "-",        "~",    "至", "到",
					     "(",        ")",    "年", "行动",
					     "工作要点", "计划" };
	int title = 0;

	for (const char *p = b; p + 7 <= e; p++) {
		/* only a digit or 《 》 (E3 80 8A/8B) can matter here */
		if ((unsigned char)*p != 0xE3 && !is_digit(*p))
			continue;
		if (qc_xstarts(p, e, "《")) {
			title++;
			p += 2;
			continue;
		}
		if (qc_xstarts(p, e, "》")) {
			if (title)
				title--;
			p += 2;
			continue;
		}
		/* 20xx年, 201x年,: a year the page masked (a template or
		 * a copy with its dates hidden) */
		bool masked = (p[2] == 'x' || p[2] == 'X') ?
				      p[3] == 'x' || p[3] == 'X' :
				      is_digit(p[2]) &&
					      (p[3] == 'x' || p[3] == 'X');
		if (title || !is_digit(p[0]) || !is_digit(p[1]) ||
		    (!masked && (!is_digit(p[2]) || !is_digit(p[3]))) ||
		    !qc_xstarts(p + 4, e, "年") || (p > b && is_digit(p[-1])))
			continue;
		/* …only where it dates a sentence as "2014年," does: 202x年
		 * 成功申报… may set a due year as well as report one */
		if (masked && !qc_xstarts(p + 7, e, ","))
			continue;
		if ((p[0] != '1' || p[1] != '9') &&
		    (p[0] != '2' || p[1] != '0'))
			continue;
		bool ok = true;
		if (p > b) {
			const char *q = qc_xprev(b, p);
			for (size_t i = 0; i < N(lead) && ok; i++)
				if (qc_xstarts(q, e, lead[i]) ||
				    (p - b >= 3 &&
				     qc_xstarts(p - 3, e, lead[i])))
					ok = false;
		}
		const char *a = p + 7;
		if (a < e && is_digit(*a))
			ok = false;
		for (size_t i = 0; i < N(after) && ok; i++)
			if (qc_xstarts(a, e, after[i]))
				ok = false;
		if (ok && masked)
			return QC_XYEAR_MASKED;
		if (ok)
			return (p[0] - '0') * 1000 + (p[1] - '0') * 100 +
			       (p[2] - '0') * 10 + (p[3] - '0');
		p += 6;
	}
	return 0;
}

/* Both lists and 了 in one automaton, read once per sentence. */
#define NC N(commit_words)
#define NP N(past_words)
static struct xac ac;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
	const char *w[NC + NP + 2];

	memcpy(w, commit_words, sizeof(commit_words));
	memcpy(w + NC, past_words, sizeof(past_words));
	w[NC + NP] = "了";
	w[NC + NP + 1] = cumul_word;
	(void)qc_xac_build(&ac, w, NC + NP + 2);
}

struct tscan {
	const char *b, *e;
	bool commit, past, cumul;
	/* strong: a commit word other than 努力; done: 了 or a time
	 * of the past (近年来, 以来, 去年, 过去) */
	bool strong, done;
};

/* Past words that tell a time or an action over (近年来,…提升了…):
 * beside them 努力 tells the effort that was made, not a commitment. */
static bool done_word(const char *w)
{
	return !strcmp(w, "近年来") || !strcmp(w, "年来") ||
	       !strcmp(w, "以来") || !strcmp(w, "去年") || !strcmp(w, "过去");
}

/* Does [b, e) end with a verb by which a document sets out its content
 * (提出, 明确, 确定)? */
static bool set_out(const char *b, const char *e)
{
	return qc_xends_with(b, e, "提出") || qc_xends_with(b, e, "明确") ||
	       qc_xends_with(b, e, "确定");
}

/* Does the sentence [b, e) open with a document setting out its
 * content ("《实施方案》明确,", "方案明确提出,", "《意见》提出:")? What
 * follows is the plan's own, whatever the sentence before reported
 * (a news paragraph "…指明了方向和路径。" before it). */
static bool doc_sets_out(const char *b, const char *e)
{
	static const char *const doc[] = { "》",   "方案", "意见", "规划",
					   "纲要", "计划", "决定" };
	const char *c = b;

	/* the first clause, short: a subject and its verb */
	while (c < e && *c != ',' && *c != ':' && c - b <= 16 * 3)
		c++;
	if (c >= e || (*c != ',' && *c != ':') || !set_out(b, c))
		return false;
	for (size_t i = 0; i < N(doc); i++)
		if (qc_xfind(b, c, doc[i]))
			return true;
	return false;
}

/* Does a number of years start at p (3年, 三年, 两年左右)? */
static bool span_after(const char *p, const char *e)
{
	static const char *const cn[] = { "一", "两", "二", "三", "四", "五",
					  "六", "七", "八", "九", "十" };
	const char *q = p;

	while (q < e && is_digit(*q))
		q++;
	if (q == p)
		for (size_t i = 0; i < N(cn) && q == p; i++)
			if (qc_xstarts(p, e, cn[i]))
				q = p + 3;
	return q > p && (qc_xstarts(q, e, "年") || qc_xstarts(q, e, "个月"));
}

static bool on_word(void *ctx, int id, const char *end)
{
	struct tscan *t = ctx;

	if ((size_t)id < NC) {
		/* 年度目标完成情况, 目标完成率, 目标进展: results measured
		 * against targets are a report */
		if (!strcmp(commit_words[id], "目标") &&
		    (qc_xstarts(end, t->e, "完成") ||
		     qc_xstarts(end, t->e, "实现情况") ||
		     qc_xstarts(end, t->e, "进展"))) {
			t->past = true;
			return true;
		}
		/* 计划 in a plan's name (质量提升2020年行动计划, 三年行动
		 * 计划) names a document, it commits to nothing */
		if (!strcmp(commit_words[id], "计划") && end - 12 >= t->b &&
		    qc_xstarts(end - 12, t->e, "行动"))
			return true;
		/* 将用三年左右时间 (a span the plan gives itself) commits;
		 * 将用于 spends money on something */
		if (!strcmp(commit_words[id], "将用") && !span_after(end, t->e))
			return true;
		/* 在…的努力下, (through the efforts of) tells what the
		 * efforts brought, no intent; 努力下功夫 is a verb */
		if (!strcmp(commit_words[id], "努力") &&
		    qc_xstarts(end, t->e, "下,"))
			return true;
		t->commit = true;
		if (strcmp(commit_words[id], "努力"))
			t->strong = true;
		return !t->strong; /* a strong word ends the scan */
	}
	/* 10日前 is a deadline, not 日前 (recently) */
	if ((size_t)id >= NC && (size_t)id < NC + NP &&
	    !strcmp(past_words[id - NC], "日前") && end - 6 > t->b &&
	    end[-7] >= '0' && end[-7] <= '9')
		return true;
	if ((size_t)id == NC + NP + 1) {
		t->cumul = true;
		return true;
	}
	/* 了 ends a past action; 了解 is a word of its own, and 提出了
	 * (规划提出了…指标:) tells what a plan sets, not what was done */
	if ((size_t)id == NC + NP &&
	    (qc_xstarts(end, t->e, "解") || set_out(t->b, end - 3)))
		return true;
	t->past = true;
	if ((size_t)id == NC + NP || done_word(past_words[id - NC]))
		t->done = true;
	return true;
}

/* The year phrase at p (in [b, e)) is led by 截至/截止 (截至2014年底):
 * the date a report runs to, never a due date; nor is a baseline
 * (比2015年底上升8.81%, qc_xyear_baseline). */
static bool as_of(const char *b, const char *p, const char *e)
{
	return (p - b >= 3 && qc_xstarts(p - 3, e, "截")) ||
	       (p - b >= 6 && (qc_xstarts(p - 6, e, "截至") ||
			       qc_xstarts(p - 6, e, "截止"))) ||
	       qc_xyear_baseline(b, p, e);
}

bool qc_xyear_baseline(const char *b, const char *p, const char *e)
{
	return p - b >= 3 &&
	       (qc_xstarts(p - 3, e, "比") || qc_xstarts(p - 3, e, "较"));
}

/* 上升到2024年的36家: the year phrase at p (led by 到 or 至) ends a
 * change word and dates the level after it (年的); it sets no due date
 * of its own: the sentence reads as its context does (a review's
 * 分别从2021年的17家…上升到2024年的36家, a plan's 从2020年的90%提高到
 * 2025年的95% after 到2025年). */
static bool dated_level(const char *b, const char *p, const char *e)
{
	static const char *const chg[] = { "上升", "提高", "提升", "增长",
					   "增加", "下降", "降低", "减少",
					   "扩大", "缩小" };

	if ((!qc_xstarts(p, e, "到") && !qc_xstarts(p, e, "至")) ||
	    !qc_xstarts(p + 3 + 4, e, "年的") || p - b < 6)
		return false;
	for (size_t i = 0; i < N(chg); i++)
		if (qc_xstarts(p - 6, e, chg[i]))
			return true;
	return false;
}

enum xtense qc_xtense_dated(const char *b, const char *e, int *dated)
{
	struct tscan t = { .b = b, .e = e };
	bool lead;
	int y;

	*dated = 0;
	pthread_once(&once, build);
	qc_xac_scan(&ac, b, e, on_word, &t);
	/* 近年来,…努力在“质量高原”上打造“质量高峰”,提升了…: 努力 alone
	 * beside a time of the past or 了 reports the effort made */
	if (t.commit && (t.strong || !t.done))
		return XT_COMMIT;
	for (const char *p = b; (p = qc_xyear_next(p, e, &y, &lead)); p++)
		/* 截至2014年底 dates a report, and 在2020年度…考核中 a
		 * past event; 到2020年 sets a due date */
		if (!qc_xstarts(p, e, "在") && !as_of(b, p, e) &&
		    !dated_level(b, p, e))
			return XT_COMMIT;
	if (t.past)
		return XT_PAST;
	if (doc_sets_out(b, e))
		return XT_COMMIT;
	*dated = dated_year(b, e);
	if (*dated)
		return XT_PAST;
	return t.cumul ? XT_CUMUL : XT_NONE;
}

bool qc_xdue_year(const struct xdoc *d, size_t at, int y)
{
	size_t lo = at > XDUE_LINES ? at - XDUE_LINES : 0,
	       hi = at + XDUE_LINES + 1 < d->n ? at + XDUE_LINES + 1 : d->n;

	for (size_t i = lo; i < hi; i++) {
		const char *b = d->v[i].norm, *e = b + d->v[i].norm_len;
		bool lead;
		int v;
		for (const char *q = b; (q = qc_xyear_next(q, e, &v, &lead));
		     q++)
			/* 截至2024年底 reports up to that year: a
			 * later "2024年," dates more of the report */
			if (v == y && lead && !qc_xstarts(q, e, "在") &&
			    !as_of(b, q, e))
				return true;
	}
	return false;
}

/* A four-digit year at p in [b, e) (19xx or 20xx), or 0. */
static int year4(const char *p, const char *e)
{
	if (e - p < 4 || !is_digit(p[0]) || !is_digit(p[1]) ||
	    !is_digit(p[2]) || !is_digit(p[3]) ||
	    ((p[0] != '1' || p[1] != '9') && (p[0] != '2' || p[1] != '0')))
		return 0;
	return (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
	       (p[3] - '0');
}

/* Does [b, e) state a period Y1-Y2年 (also —, ─, －, ~, ～, 至) that
 * spans y, outside a title 《…》 (a plan it cites)? */
static bool spans(const char *b, const char *e, int y)
{
	static const char *const dash[] = {
		"-", "—", "─", "－", "~", "～", "至"
	};
	int title = 0;

	for (const char *p = b; p + 4 <= e; p++) {
		if (qc_xstarts(p, e, "《"))
			title++;
		else if (qc_xstarts(p, e, "》") && title)
			title--;
		int y1 = title || (p > b && is_digit(p[-1])) ? 0 : year4(p, e);
		if (!y1 || y1 > y)
			continue;
		const char *q = p + 4;
		if (qc_xstarts(q, e, "年"))
			q += 3;
		for (size_t i = 0; i < N(dash); i++)
			if (qc_xstarts(q, e, dash[i])) {
				int y2 = year4(q + strlen(dash[i]), e);
				if (y2 >= y &&
				    qc_xstarts(q + strlen(dash[i]) + 4, e,
					       "年"))
					return true;
			}
		p += 3;
	}
	return false;
}

bool qc_xstage_year(const struct xdoc *d, size_t at, int y)
{
	size_t lo = at > XDUE_LINES ? at - XDUE_LINES : 0;

	for (size_t i = lo; i < at; i++)
		if (spans(d->v[i].norm, d->v[i].norm + d->v[i].norm_len, y))
			return true;
	return false;
}

bool qc_xreview_heading(const char *b, const char *e)
{
	static const char *const words[] = {
		"回顾",       "现状",       "主要成就",   "主要成效",
		"取得的成效", "发展基础",   "现实基础",   "工作基础",
		"基础与环境", "基础和环境", "基础和现状", "基本情况",
		"总体情况",   "工作成效",   "进展情况",   "成就",
	};
	if (qc_xfind(b, e, "目标") || qc_xfind(b, e, "任务"))
		return false;
	for (size_t i = 0; i < N(words); i++)
		if (qc_xfind(b, e, words[i]))
			return true;
	return false;
}
