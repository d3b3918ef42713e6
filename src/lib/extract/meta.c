/* The plan's head: title, document number, issuer, date, region, period.
 * Offices lay the head out in a few ways (number first, title quoted in
 * the notice, issuer and date above or below the text); PCRE2 patterns
 * cover them. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/text.h"
#include "extract_int.h"
#include "xrx.h"
#include "banned.h"

enum {
	RX_DOCNO,
	RX_QUOTED,
	RX_ISSUER,
	RX_DATE,
	RX_CNDATE,
	RX_PERIOD,
	RX_OPINION,
	RX_STAMP,
	RX_NOTICE,
	RX_TITLE_ISSUER,
	RX__COUNT
};

static const char *const patterns[RX__COUNT] = {
	/* 七政办规〔2018〕1号, 市政办发[2014]27号 */
	[RX_DOCNO] =
		"^\\s*\\(?(\\p{Han}{1,10}[〔\\[【(]\\d{4}[〕\\]】)]\\s*\\d{1,4}\\s*号)",
	/* 《…方案》 in the notice that issues it, with its period in
	 * brackets (《…行动方案(2023-2027年)》) */
	[RX_QUOTED] =
		"《([^《》]{4,80}?(?:方案|规划|意见|计划|纲要|办法|细则|要点|措施)"
		"(?:\\([^()]*\\))?)》",
	[RX_ISSUER] =
		"^\\s*(\\p{Han}{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|"
		"办公室|办公厅|委员会|领导小组))\\s*$",
	[RX_DATE] = "^\\s*(\\d{4})年(\\d{1,2})月(\\d{1,2})日\\s*$",
	[RX_CNDATE] =
		"^\\s*([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月"
		"([一二三四五六七八九十]{1,3})日\\s*$",
	[RX_PERIOD] = "(\\d{4})\\s*(?:年)?\\s*[-~至—–－]\\s*(\\d{4})\\s*年",
	[RX_OPINION] = "就(\\p{Han}{2,30}?)提出(?:以下|如下)?意见",
	/* a page's time stamp after a headline (…发展2010-1-10 11:34:43 |) */
	[RX_STAMP] =
		"\\s*\\d{4}-\\d{1,2}-\\d{1,2}(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?"
		"\\s*\\|?\\s*$",
	/* 关于印发城阳区…规划(2016-2020年)的通知: the plan it issues */
	[RX_NOTICE] =
		"^关于(?:印发|转发)(.{4,80}?(?:方案|规划|意见|计划|纲要|要点)"
		"(?:\\([^()]*\\))?)的通知$",
	/* 镇江市人民政府关于加快推进…的实施意见: the issuer opens the title */
	[RX_TITLE_ISSUER] = "^(\\p{Han}{2,20}?(?:人民政府办公室|人民政府办公厅|"
			    "人民政府))关于",
};

static pcre2_code *rx[RX__COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct qc_error rx_err; /* set once, by compile_all */

static void compile_all(void)
{
	qc_xrx_compile("meta", patterns, rx, RX__COUNT, &rx_err);
}

enum qc_rc qc_xmeta_init(struct qc_error *err)
{
	pthread_once(&once, compile_all);
	if (rx_err.code && err)
		*err = rx_err;
	return rx_err.code;
}

/* Match pattern i on line l; *md holds the groups (norm offsets). */
static bool rx_match(int i, const struct xline *l, pcre2_match_data *md)
{
	pthread_once(&once, compile_all);
	return qc_xrx_match(rx[i], l, md);
}

static char *group(const struct xline *l, pcre2_match_data *md, int g)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	return qc_xline_slice(l, ov[2 * g], ov[2 * g + 1]);
}

static int cn_val(const char *s, size_t n)
{
	size_t k;
	const char *p = s, *e = s + n;
	int v = 0;

	/* 二○一○ is written digit by digit; 二十五 with 十. */
	if (!qc_xfind(s, e, "十") && qc_utf8_count(s, n) == 4) {
		while (p < e) {
			int d = qc_xcn_number(p, e, &k);
			if (!k) {
				d = 0;
				k = qc_xcplen(p, e);
			}
			v = v * 10 + d;
			p += k;
		}
		return v;
	}
	return qc_xcn_number(s, e, &k);
}

static void set_period(struct qc_plan *p, const struct xline *l,
		       pcre2_match_data *md)
{
	PCRE2_SIZE *ov;
	if (p->period_end || !rx_match(RX_PERIOD, l, md))
		return;
	ov = pcre2_get_ovector_pointer(md);
	p->period_start = atoi(l->norm + ov[2]);
	p->period_end = atoi(l->norm + ov[4]);
	if (p->period_end < p->period_start ||
	    p->period_end - p->period_start > 20)
		p->period_start = p->period_end = 0;
}

/* Whether an area's name ends at q with one of the n ends: 泉州 is no
 * whole name when 市 follows (泉州市). */
static bool place_end_at_n(const char *q, const char *e,
			   const char *const *ends, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (qc_xstarts(q, e, ends[i]))
			return true;
	return false;
}
#define place_end_at(q, e, ends) \
	place_end_at_n(q, e, ends, sizeof(ends) / sizeof(*(ends)))

/* Region: the most specific area named at the head of the issuer or title
 * (中卫市沙坡头区人民政府办公室 → 沙坡头区). The head ends where the title's
 * subject begins: 九江市深化质量强市建设实施方案 names 九江市, not the
 * programme 深化质量强市; no place's name holds 质量 or 关于. */
static void set_region(struct qc_plan *p, const char *s)
{
	static const char *const ends[] = { "自治区", "自治州", "省",
					    "市",     "区",     "县",
					    "州",     "旗",     "盟" };
	static const char *const subject[] = { "质量", "質量" };
	/* 关于印发四川省…的通知: the place follows the notice's words. */
	static const char *const lead[] = { "关于", "關于", "關於", "关於",
					    "印发", "印發", "转发", "轉發" };
	const char *e = s + strlen(s), *best = NULL, *start = s, *q = s;
	const char *stop = strstr(s, "人民政府");
	size_t bl = 0;

	if (stop)
		e = stop;
	for (size_t i = 0; i < sizeof(subject) / sizeof(*subject); i++) {
		const char *at = strstr(s, subject[i]);
		if (at && at < e)
			e = at;
	}
	/* 关于制定鹿城区…的建议: the notice's verb before the place */
	static const char *const verb[] = { "制定", "实施", "推进", "推动",
					    "加快", "深化", "开展", "加强",
					    "贯彻", "落实", "做好", "创建" };
	for (size_t i = 0; i < sizeof(lead) / sizeof(*lead); i++) {
		const char *at = strstr(start, lead[i]);
		if (at && at < e)
			start = q = at + strlen(lead[i]);
	}
	for (size_t i = 0; start > s && i < sizeof(verb) / sizeof(*verb); i++)
		if (qc_xstarts(start, e, verb[i])) {
			start = q = start + strlen(verb[i]);
			i = (size_t)-1;
		}
	while (q < e) {
		uint32_t cp;
		size_t len = qc_utf8_decode(q, (size_t)(e - q), &cp);
		/* A name is Han characters: 征求《广州市…》 names 广州市. */
		if (!qc_utf8_is_han(cp)) {
			start = q += len;
			continue;
		}
		for (size_t i = 0; i < sizeof(ends) / sizeof(*ends); i++)
			if (qc_xstarts(q, e, ends[i]) &&
			    !place_end_at(q + strlen(ends[i]), e, ends)) {
				size_t k = strlen(ends[i]);
				/* 品牌强省, 质量強市: a programme, no place. */
				bool aim = q - start >= 3 &&
					   (qc_xstarts(q - 3, e, "强") ||
					    qc_xstarts(q - 3, e, "強"));
				if (!aim && q + k - start >= 6) {
					best = start;
					bl = (size_t)(q + k - start);
				}
				start = q + k;
				q += k;
				goto next;
			}
		q += qc_xcplen(q, e);
	next:;
	}
	/* Regions are named in simplified characters (溫州市 is 温州市). */
	if (best && bl <= 3 * 12) {
		struct qc_buf r = QC_BUF_INIT;
		if (!qc_text_t2s(best, bl, &r, NULL) && !qc_buf_failed(&r))
			qc_set_str(&p->region_name, qc_buf_str(&r));
		qc_buf_release(&r);
	}
}

/* The quoted name a notice issues: for "为贯彻《A》…制定《B》,现印发给你们"
 * the one the notice says it made before 印发 (B, not the plan it cites),
 * else the first. md holds the line's first match (group 1);
 * *gb, *ge get the chosen group's offsets. */
static void issued_quote(const struct xline *l, pcre2_match_data *md,
			 size_t *gb, size_t *ge)
{
	const char *e = l->norm + l->norm_len;
	const char *iss = qc_xfind(l->norm, e, "印发");
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

	if (!iss)
		iss = qc_xfind(l->norm, e, "转发");
	*gb = ov[2], *ge = ov[3];
	if (!iss || l->norm + ov[0] >= iss)
		return;
	for (PCRE2_SIZE off = ov[1];
	     pcre2_match(rx[RX_QUOTED], (PCRE2_SPTR)l->norm, l->norm_len, off,
			 0, md, NULL) > 0;
	     off = ov[1]) {
		const char *prev = l->norm + *ge;
		ov = pcre2_get_ovector_pointer(md);
		if (l->norm + ov[0] >= iss)
			break;
		/* only a plan the notice says it made (…,制定《B》); 《A》
		 * 《B》《C》已经…现印发 issues A first */
		if (qc_xfind(prev, l->norm + ov[0], "制定") ||
		    qc_xfind(prev, l->norm + ov[0], "编制"))
			*gb = ov[2], *ge = ov[3];
	}
}

/* A five-year plan's title (瑞安市质量强市“十四五”规划) names its period. */
static void five_year_period(struct qc_plan *p, const char *t)
{
	static const struct {
		const char *w;
		int y;
	} fyp[] = { { "十二五", 2015 },
		    { "十三五", 2020 },
		    { "十四五", 2025 },
		    { "十五五", 2030 } };
	const char *e = t + strlen(t);

	for (size_t i = 0; i < sizeof(fyp) / sizeof(*fyp); i++) {
		const char *f = qc_xfind(t, e, fyp[i].w);
		if (f && qc_xfind(f, e, "规划")) {
			p->period_start = fyp[i].y - 4;
			p->period_end = fyp[i].y;
			return;
		}
	}
}

void qc_xmeta_head(const struct xdoc *d, struct qc_plan *p)
{
	pcre2_match_data *md;
	size_t head = d->n < XMETA_HEAD ? d->n : XMETA_HEAD;

	pthread_once(&once, compile_all);
	md = pcre2_match_data_create(8, NULL);
	for (size_t i = 0; i < head; i++) {
		const struct xline *l = &d->v[i];
		if (!p->doc_number && rx_match(RX_DOCNO, l, md))
			p->doc_number = group(l, md, 1);
		if (!p->title && rx_match(RX_QUOTED, l, md) &&
		    (qc_xfind(l->norm, l->norm + l->norm_len, "印发") ||
		     qc_xfind(l->norm, l->norm + l->norm_len, "转发") ||
		     qc_xfind(l->norm, l->norm + l->norm_len, "已经"))) {
			size_t gb, ge;
			issued_quote(l, md, &gb, &ge);
			p->title = qc_xline_slice(l, gb, ge);
		}
	}
	/* No quoted title: a short head line naming the kind of plan, or the
	 * opinion's own words (现就…提出以下意见). */
	for (size_t i = 0; !p->title && i < head; i++) {
		const struct xline *l = &d->v[i];
		const char *e = l->norm + l->norm_len;
		if (l->norm_len > 0 && l->norm_len <= 3 * 60 &&
		    !qc_xfind(l->norm, e, ",") && !qc_xfind(l->norm, e, "。") &&
		    (qc_xfind(l->norm, e, "方案") ||
		     qc_xfind(l->norm, e, "规划") ||
		     qc_xfind(l->norm, e, "意见") ||
		     qc_xfind(l->norm, e, "计划")))
			p->title = qc_xline_slice(l, 0, l->norm_len);
	}
	for (size_t i = 0; !p->title && i < head; i++) {
		const struct xline *l = &d->v[i];
		if (rx_match(RX_OPINION, l, md)) {
			char *what = group(l, md, 1);
			struct qc_buf t;
			qc_buf_init(&t, 0);
			qc_buf_addf(&t, "关于%s的意见", what);
			p->title = qc_buf_detach(&t, NULL);
			free(what);
		}
	}
	/* 关于印发X的通知: the plan is X; a page's time stamp after a
	 * headline is no part of it. */
	if (p->title) {
		struct xline t = { .orig = p->title,
				   .orig_len = strlen(p->title),
				   .norm = p->title,
				   .norm_len = strlen(p->title) };
		if (rx_match(RX_NOTICE, &t, md)) {
			char *x = group(&t, md, 1);
			free(p->title);
			p->title = x;
		} else if (rx_match(RX_STAMP, &t, md) &&
			   pcre2_get_ovector_pointer(md)[0] > 0) {
			p->title[pcre2_get_ovector_pointer(md)[0]] = '\0';
		}
	}
	/* The period is the title's own (2017年—2020年), not one of the
	 * programmes the text cites. */
	if (p->title) {
		struct xline t = { .orig = p->title,
				   .orig_len = strlen(p->title),
				   .norm = p->title,
				   .norm_len = strlen(p->title) };
		set_period(p, &t, md);
		if (!p->period_end)
			five_year_period(p, p->title);
	}
	pcre2_match_data_free(md);
}

void qc_xmeta_tail(const struct xdoc *d, struct qc_plan *p)
{
	pcre2_match_data *md;
	size_t head = d->n < XMETA_HEAD ? d->n : XMETA_HEAD;
	char buf[16];

	pthread_once(&once, compile_all);
	md = pcre2_match_data_create(8, NULL);
	/* Issuer and date stand alone on a line, above or below the text. */
	for (size_t i = 0; i < d->n; i++) {
		size_t j = i < head ? i : d->n - 1 - (i - head);
		const struct xline *l;
		if (i >= head && i - head >= XMETA_TAIL)
			break;
		if (j >= d->n)
			continue;
		l = &d->v[j];
		if (!p->issuer && rx_match(RX_ISSUER, l, md))
			p->issuer = group(l, md, 1);
		if (!p->issue_date && rx_match(RX_DATE, l, md)) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			snprintf(buf, sizeof(buf), "%04d-%02d-%02d",
				 atoi(l->norm + ov[2]) % 10000,
				 atoi(l->norm + ov[4]) % 100,
				 atoi(l->norm + ov[6]) % 100);
			qc_set_str(&p->issue_date, buf);
		} else if (!p->issue_date && rx_match(RX_CNDATE, l, md)) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			snprintf(buf, sizeof(buf), "%04d-%02d-%02d",
				 cn_val(l->norm + ov[2], ov[3] - ov[2]) % 10000,
				 cn_val(l->norm + ov[4], ov[5] - ov[4]) % 100,
				 cn_val(l->norm + ov[6], ov[7] - ov[6]) % 100);
			qc_set_str(&p->issue_date, buf);
		}
	}
	/* none on a line of its own: the one that opens the title */
	if (!p->issuer && p->title) {
		struct xline t = { .orig = p->title,
				   .orig_len = strlen(p->title),
				   .norm = p->title,
				   .norm_len = strlen(p->title) };
		if (rx_match(RX_TITLE_ISSUER, &t, md))
			p->issuer = group(&t, md, 1);
	}
	if (p->issuer)
		set_region(p, p->issuer);
	if (!p->region_name && p->title)
		set_region(p, p->title);
	pcre2_match_data_free(md);
}

void qc_xmeta_extract(const struct xdoc *d, struct qc_plan *p)
{
	qc_xmeta_head(d, p);
	qc_xmeta_tail(d, p);
}
