/* Where the parts of a target's sentence lie (targets.c): its clauses
 * and phrases, the years and the 十三五 period it names, the topic a
 * colon sets, where a quantity may start. Reads the normalized text
 * only, none of the extraction's state (xtgt.h). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/text.h"
#include "xtctx.h"
#include "banned.h"

#define N(a) (sizeof(a) / sizeof(*(a)))

bool qc_xt_delim(const char *p, const char *end)
{
	return *p == ',' || *p == ';' || *p == ':' || *p == '!' || *p == '?' ||
	       qc_xstarts(p, end, "。") || qc_xstarts(p, end, ";");
}

/* Baseline of an increase/decrease from the clause text. */
void qc_xt_baseline(const char *b, const char *e, struct qc_target *t)
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

/* "十三五" periods name their end year. */
int qc_xt_five_year_plan(const char *b, const char *e)
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

bool qc_xt_five_year_head(const char *b, const char *e)
{
	static const char *const lead[] = { "到", "至", "在", "“" };
	static const char *const fyp[] = { "十二五", "十三五", "十四五",
					   "十五五" };
	static const char *const tail[] = { "末", "期末", "期间", "时期" };
	const char *p = b;
	size_t i;

	while (p < e && *p == ' ')
		p++;
	for (i = 0; i < N(lead); i++)
		if (qc_xstarts(p, e, lead[i]))
			p += strlen(lead[i]);
	for (i = 0; i < N(fyp) && !qc_xstarts(p, e, fyp[i]); i++)
		;
	if (i == N(fyp))
		return false;
	p += strlen(fyp[i]);
	if (qc_xstarts(p, e, "”"))
		p += strlen("”");
	for (i = 0; i < N(tail); i++)
		if (qc_xstarts(p, e, tail[i]))
			return true;
	return false;
}

/* Where the clause of a number starts: after the last delimiter or the
 * previous group; a parenthesis holding the number opens a clause, one
 * that closes before it is part of the subject (细颗粒物(PM2.5)年均浓度). */
size_t qc_xt_clause_start(const char *s, size_t sb, size_t at, size_t prev)
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
		} else if (depth == 0 && qc_xt_delim(q, s + at))
			return (size_t)(p - s);
		p = q;
	}
	return (size_t)(lo - s);
}

/* Right-hand noun phrase: 2名以上参与…的首席专家 / 100%按照标准…生产. */
size_t qc_xt_phrase_end(const char *s, size_t b, size_t se)
{
	const char *p = s + b, *e = s + se;
	/* a space between Chinese words ends it too: two phrases of a
	 * headline (培育20个地标知名品牌 加强…), not 根据 ISO9000 标准 */
	while (p < e && !qc_xt_delim(p, e) && *p != ')' &&
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
bool qc_xt_modifier_list(const char *s, size_t at, size_t se, size_t *ob,
			 size_t *oe)
{
	const char *p = s + at, *e = s + se, *last = NULL;

	if (!qc_xstarts(p, e, "、"))
		return false;
	while (p < e && !qc_xt_delim(p, e) && *p != ')' && *p != '(' &&
	       !(*p >= '0' && *p <= '9')) {
		if (qc_xstarts(p, e, "、"))
			last = p;
		else if (last && qc_xstarts(p, e, "的")) {
			*ob = (size_t)(p + 3 - s);
			*oe = qc_xt_phrase_end(s, *ob, se);
			return qc_utf8_count(s + *ob, *oe - *ob) >= 3;
		}
		p += qc_xcplen(p, e);
	}
	return false;
}

bool qc_xt_joiner(const char *p, const char *e, size_t *len)
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
int qc_xt_year_before(const char *b, const char *e, const char *sb, bool *head)
{
	int year = 0, y;
	bool lead;
	const char *done = b;

	*head = false;
	for (const char *q = b; (q = qc_xyear_next(q, e, &y, &lead)); q++) {
		/* 到2023年底 is one phrase, not 到2023年 and then 2023年底 */
		if (q < done)
			continue;
		done = q + (lead ? QC_XYEAR_LEAD_BYTES : 0) + QC_XYEAR_BYTES;
		if (qc_xyear_baseline(b, q, e))
			continue; /* 较2020年底提高: no due year */
		year = y;
		/* 发展目标:到2025年,… heads what follows its colon too, and
		 * so does 主要目标是,到2023年底 (a news report's colon) */
		*head = lead && (qc_utf8_count(sb, (size_t)(q - sb)) <= 12 ||
				 (q > sb && q[-1] == ':') ||
				 qc_xends_with(sb, q, "目标是,"));
	}
	return year;
}

/* A topic ending in ':' names the indicator of the clauses after it. */
void qc_xt_topic(const char *s, size_t sb, size_t se, size_t *tb, size_t *te)
{
	static const char *const heads[] = { "率", "量",   "数",
					     "度", "面积", "比重" };
	const char *colon = memchr(s + sb, ':', se - sb);
	size_t b;

	*tb = *te = 0;
	if (!colon)
		return;
	b = qc_xt_clause_start(s, sb, (size_t)(colon - s), sb);
	/* 产品质量:国家监督抽查合格率达90%: a category of quality heads
	 * the clauses, it measures nothing */
	if (qc_xends_with(s + b, colon, "质量"))
		return;
	for (size_t i = 0; i < N(heads); i++)
		if (qc_xends_with(s + b, colon, heads[i])) {
			*tb = b;
			*te = (size_t)(colon - s);
			qc_xname_trim(s, tb, te);
			return;
		}
}

/* Whether a quantity (qc_xnum_at: a digit, or a Chinese numeral that
 * starts with 十 or a digit 一…九 两, a lone 百 or 千) or a zero target (qc_xzero_at:
 * 零…, 为零) may start at p: the rest of a sentence is stepped over a
 * character at a time without asking either. Keep in step with
 * qc_xcn_number, cn_digit (xdoc.c), qc_xnum_at's lone 百/千 (xnum.c) and
 * qc_xzero_at (tzero.c): a start
 * they gain must be added here. */
bool qc_xt_may_start(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;
	uint32_t cp;

	if (u[0] >= '0' && u[0] <= '9')
		return true;
	if ((u[0] != 0xE4 && u[0] != 0xE5 && u[0] != 0xE7 && u[0] != 0xE9) ||
	    end - p < 3)
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
	case 0x767E: /* 百 */
	case 0x5343: /* 千 */
	case 0x4E3A: /* 为 */
	case 0x96F6: /* 零 */ return true;
	default: return false;
	}
}
