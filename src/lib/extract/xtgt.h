/* Shared by the target rules (targets.c), the indicator names (tname.c)
 * and the tense of a sentence (tense.c). Internal to the extractor. */
#ifndef QCITY_XTGT_H
#define QCITY_XTGT_H

#include "xnum.h"

#define XNAME_MAX 3

/* An indicator name: up to XNAME_MAX ranges of the norm line, joined. */
struct xname {
	size_t b[XNAME_MAX], e[XNAME_MAX];
	int n;
};

/* Strip the words around an indicator name from norm [*b, *e) of s:
 * 其中, 全市, 到2020年, outline labels before; 分别, 均, 的 after. */
void qc_xname_trim(const char *s, size_t *b, size_t *e);
/* A year phrase's bytes: four digits and 年, and the 到/至/在 that may
 * lead it. */
#define QC_XYEAR_BYTES 7
#define QC_XYEAR_LEAD_BYTES 3
/* "到2020年", "至2020年", "2018年底前" at p: the year, else 0; *lead
 * tells whether 到/至/在 led it. */
int qc_xyear_phrase(const char *p, const char *end, bool *lead);
/* The first code point p in [from, end) where qc_xyear_phrase(p, end) is
 * a year (in *y, *lead), or NULL: the same as trying it at every
 * character, but found from the 年 a phrase ends with (xdoc.c). */
const char *qc_xyear_next(const char *from, const char *end, int *y,
			  bool *lead);
/* A year phrase at p led by 比/较 (比2015年底): a baseline, not a due
 * date. [b, e) is its sentence. */
bool qc_xyear_baseline(const char *b, const char *p, const char *e);
/* Does [b, e) end with a distributive 均 (not 人均, 平均, 年均)? */
bool qc_xends_jun(const char *b, const char *e);
bool qc_xends_with(const char *b, const char *e, const char *w);
/* Split a subject "县、乡公路优良路率" at 、 和 及 与 (outside quotes and
 * brackets) into at most max parts; returns the count. */
int qc_xname_split(const char *s, size_t b, size_t e, struct xname *parts,
		   int max);
/* Complete short parts: 县、乡公路优良路率 → 县公路优良路率. */
void qc_xname_complete(const char *s, struct xname *pt, int n);
/* Shorten a long enumerating subject to the thing measured: a list
 * "A、B等C的D率" keeps "C的D率"; "A和B(以下简称“X”)认证产品" keeps
 * "“X”认证产品". Adjusts nm in place (first range only). */
void qc_xname_shorten(const char *s, struct xname *nm);

/* Not targets (tnot.c). [b, e) is the clause before the number, or for
 * qc_xself_count the phrase after it. */
bool qc_xmoney_subject(const char *b, const char *e); /* 海洋生产总值3000亿元 */
bool qc_xself_count(const char *b, const char *e);   /* 9个方面 */
bool qc_xpage_counter(const char *b, const char *e); /* 评论 0 条 */
bool qc_xself_verb(const char *b, const char *e); /* 提出实施5项工程 */
bool qc_xself_items(const char *u, const char *b, const char *e); /* 5项工程 */
bool qc_xself_list(const char *u, const char *b,
		   const char *e);                  /* 40项量化指标 */
bool qc_xplace_count(const char *b, const char *e); /* 汉中市4件… */
bool qc_xlist_size(const char *b, const char *e, const char *r,
		   const char *re); /* 围绕A、B等20种重点产品 */
bool qc_xbatch_places(const char *b, const char *e, const char *r,
		      const char *re); /* 第二批1个市11个县 */
bool qc_xscope_places(const char *u, const char *r,
		      const char *re); /* 88个贫困县新增地标90件 */
bool qc_xclause_past(const char *b, const char *e); /* 荣获…的34个 */
/* 从目前的70%提高到90%: is the number at [nb, ne) of s the level a
 * change starts from? Sets *from where 从 (or 由) stands. */
bool qc_xfrom_level(const char *s, size_t cs, size_t nb, size_t ne, size_t se,
		    size_t *from);
/* …数量,达到年度制修订数的50%: a share of what follows the level word;
 * sets [*b, *e) to the subject it measures (before the level word, or
 * the clause before when the level word opens its clause). */
bool qc_xshare_of(const char *s, size_t sb, size_t cs, size_t nb, size_t *b,
		  size_t *e);
bool qc_xlevel_label(const char *u, const char *p, const char *e);
bool qc_xlevel_count(const char *b, const char *e); /* 三个100% */
bool qc_xquoted_count(const char *b, const char *e, const char *r,
		      const char *re); /* “打造一个高地”的 */

/* A zero target at p (tzero.c): 零发生, 零事故, …事故为零. Returns the
 * bytes it spans (0 if none) and the name in *nm (subject, event). */
size_t qc_xzero_at(const char *s, size_t sb, const char *p, const char *end,
		   struct xname *nm);

/* The tense of a sentence (docs/extraction.md): a commitment (到2025年,
 * 力争, 确保, 目标 …), a report of the past (a dated year such as
 * "2014年,", 已, 截至, 了, 率为 …), or neither; XT_CUMUL: only 累计,
 * a report unless the sentence before committed. */
enum xtense { XT_NONE = 0, XT_COMMIT, XT_PAST, XT_CUMUL };
/* *dated is the year that alone made it a report (2014年,…),
 * QC_XYEAR_MASKED for a year the page masked (20xx年,…: no due year
 * equals it), 0 when a word did or it is no report. */
#define QC_XYEAR_MASKED (-1)
enum xtense qc_xtense_dated(const char *b, const char *e, int *dated);
/* Does document d set year y as a due year (到2025年, 至2020年) within
 * XDUE_LINES lines of line index at (the same passage: a headline and
 * its body, a work plan's items)? */
#define XDUE_LINES 20
bool qc_xdue_year(const struct xdoc *d, size_t at, int y);
/* Is year y a stage of the plan: does a line among the XDUE_LINES
 * before line index at state a period that spans it ((2023-2027年), not
 * inside 《…》)? "2023年,…稳步推进。" at the head of a sentence then sets
 * the plan's first stage, it reports nothing. */
bool qc_xstage_year(const struct xdoc *d, size_t at, int y);
/* Is norm [b, e) the heading of a review of the past (发展基础, 现状,
 * 回顾, 主要成就 …)? */
bool qc_xreview_heading(const char *b, const char *e);

/* ---- where the parts of a sentence lie (targets_text.c) ---- */

struct qc_target;

/* A clause delimiter at p: , ; : ! ? 。 or ；. */
bool qc_xt_delim(const char *p, const char *end);
/* Baseline of an increase/decrease from the clause text. */
void qc_xt_baseline(const char *b, const char *e, struct qc_target *t);
/* "十三五" periods name their end year. */
int qc_xt_five_year_plan(const char *b, const char *e);
/* Does [b, e) open with the end or span of one (到“十二五”末, “十三五”
 * 期间)? Then it heads the section, as 到2020年 does. */
bool qc_xt_five_year_head(const char *b, const char *e);
/* Where the clause of a number starts: after the last delimiter or the
 * previous group; a parenthesis holding the number opens a clause, one
 * that closes before it is part of the subject (细颗粒物(PM2.5)年均浓度). */
size_t qc_xt_clause_start(const char *s, size_t sb, size_t at, size_t prev);
/* Right-hand noun phrase: 2名以上参与…的首席专家 / 100%按照标准…生产. */
size_t qc_xt_phrase_end(const char *s, size_t b, size_t se);
/* 10个具有自主知识产权、质量竞争力强、品牌附加值高的世界影响力的品牌:
 * the phrase after a count stops at 、 but the list is one of modifiers
 * closed by 的; the object is what follows that 的. [at] is the 、. */
bool qc_xt_modifier_list(const char *s, size_t at, size_t se, size_t *ob,
			 size_t *oe);
/* Whether [p, e) joins two groups of numbers: nothing, or one of 、 和 及
 * 与 或 , (its length in *len). */
bool qc_xt_joiner(const char *p, const char *e, size_t *len);
/* The last year phrase in [b, e): 到2020年, 2018年底前 ... */
int qc_xt_year_before(const char *b, const char *e, const char *sb, bool *head);
/* A topic ending in ':' names the indicator of the clauses after it. */
void qc_xt_topic(const char *s, size_t sb, size_t se, size_t *tb, size_t *te);
/* Whether a quantity (qc_xnum_at: a digit, or a Chinese numeral that
 * starts with 十 or a digit 一…九 两) or a zero target (qc_xzero_at:
 * 零…, 为零) may start at p: the rest of a sentence is stepped over a
 * character at a time without asking either. Keep in step with
 * qc_xcn_number, cn_digit (xdoc.c) and qc_xzero_at (tzero.c): a start
 * they gain must be added here. */
bool qc_xt_may_start(const char *p, const char *end);

#endif
