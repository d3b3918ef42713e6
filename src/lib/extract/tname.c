/* Indicator names: the words around a name that are not part of it,
 * compound subjects split into their parts, long enumerations shortened
 * to the thing measured. Rules follow ../shared/gold/README.md. */
#include <string.h>

#include "qcity/text.h"
#include "xtgt.h"
#include "banned.h"

#define N(a) (sizeof(a) / sizeof(*(a)))

/* Leading words that are not part of an indicator's name. */
static const char *const lead_noise[] = {
	"其中",     "同时",   "并且",     "并",     "且",       "和",
	"及",       "以及",   "使",       "确保",   "力争",     "努力",
	"争取",     "实现",   "要",       "进一步", "全市",     "全区",
	"在全市",   "在全省", "在全县",   "在全区", "全年",     "全县",
	"全省",     "全州",   "全旗",     "我市",   "我区",     "我县",
	"本市",     "本区",   "主要目标", "期间",   "“十三五”", "“十四五”",
	"“十二五”", "十三五", "十四五",   "十二五", "年底",     "年末",
	"底",       "前",     "内",       "以后",   ",",        " ",
	"、",       "新增", /* 新增…达到检验级企业10000家: a count's verb */
};

/* Trailing words that are not part of an indicator's name. */
static const char *const tail_noise[] = {
	"在上年度的基础上",
	"在上年的基础上",
	"在上一年度的基础上",
	"比上年",
	"较上年",
	"比上一年",
	"同比",
	"累计", /* 全国质量标杆累计18个: how it is counted */
	"要",
	"均",
	"分别",
	"将",
	"都",
	"也",
	"应",
	"须",
	"必须",
	"可",
	"能",
	"的",
	"在",
	"稳定",
	"总体",
	"整体", /* 合格率整体提升2个百分点 */
	"力争",
	"确保",
	"争取",
	"努力",
	"预期", /* 全员劳动生产率预期达到36万元/人: a word of intent */
	"基本", /* …标准化经营基本达到100%: how nearly */
	" ",
	",",
	"、",
};

bool qc_xends_with(const char *b, const char *e, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(e - b) >= n && memcmp(e - n, w, n) == 0;
}

/* "到2020年", "至2020年", "2018年底前": the year; 0 if none at p. */
int qc_xyear_phrase(const char *p, const char *end, bool *lead)
{
	const char *q = p;
	int y = 0;

	*lead = false;
	/* Runs at every character: only a digit, 到 (E5), 至 (E8) or 在 (E5)
	 * can start a year phrase. */
	if ((*q < '0' || *q > '9') && (unsigned char)*q != 0xE5 &&
	    (unsigned char)*q != 0xE8)
		return 0;
	/* 到 E5 88 B0, 在 E5 9C A8, 至 E8 87 B3 */
	if ((unsigned char)*q == 0xE5 && end - q > 1 &&
	    (unsigned char)q[1] != 0x88 && (unsigned char)q[1] != 0x9C)
		return 0;
	if ((unsigned char)*q == 0xE8 && end - q > 1 &&
	    (unsigned char)q[1] != 0x87)
		return 0;
	if (qc_xstarts(q, end, "到") || qc_xstarts(q, end, "至") ||
	    qc_xstarts(q, end, "在")) {
		q += 3;
		*lead = true;
	}
	for (int i = 0; i < 4; i++, q++)
		if (q >= end || *q < '0' || *q > '9')
			return 0;
		else
			y = y * 10 + (*q - '0');
	if (!qc_xstarts(q, end, "年") || y < 1990 || y > 2100)
		return 0;
	q += 3;
	if (*lead || qc_xstarts(q, end, "底") || qc_xstarts(q, end, "前") ||
	    qc_xstarts(q, end, "末"))
		return y;
	return 0;
}

/* Does [b, e) end with a distributive 均 ("…较2010年均下降")? 人均, 平均
 * and 年均 (but not "2010年" + 均) are words of their own. */
bool qc_xends_jun(const char *b, const char *e)
{
	if (!qc_xends_with(b, e, "均") || qc_xends_with(b, e, "人均") ||
	    qc_xends_with(b, e, "平均"))
		return false;
	if (qc_xends_with(b, e, "年均"))
		return e - b >= 7 && e[-7] >= '0' && e[-7] <= '9';
	return true;
}

void qc_xname_trim(const char *s, size_t *b, size_t *e)
{
	bool again = true;

	while (again && *b < *e) {
		again = false;
		for (size_t i = 0; i < N(lead_noise); i++)
			if (qc_xstarts(s + *b, s + *e, lead_noise[i])) {
				*b += strlen(lead_noise[i]);
				again = true;
				break;
			}
		if (!again) {
			bool lead;
			const char *q = s + *b;
			if (qc_xyear_phrase(q, s + *e, &lead) ||
			    (q[0] >= '0' && q[0] <= '9' && *e - *b > 7 &&
			     qc_xstarts(q + 4, s + *e, "年"))) {
				*b += (size_t)(lead ? 3 : 0) + 4 + 3;
				again = true;
			}
		}
		if (!again && *e - *b > 6 + 7) {
			/* 完成到2018年底实验室: a short verb before a due
			 * year goes with it */
			bool lead;
			const char *q = s + *b + qc_xcplen(s + *b, s + *e);
			q += qc_xcplen(q, s + *e);
			if (qc_xyear_phrase(q, s + *e, &lead) && lead) {
				*b = (size_t)(q - s);
				again = true;
			}
		}
		if (!again) {
			size_t k;
			enum xhead h = qc_xhead_parse(s + *b, *e - *b, &k);
			if (h != XH_NONE) {
				*b += k;
				again = true;
			}
		}
	}
	again = true;
	while (again && *b < *e) {
		again = false;
		for (size_t i = 0; i < N(tail_noise); i++)
			if (qc_xends_with(s + *b, s + *e, tail_noise[i]) &&
			    (strcmp(tail_noise[i], "均") != 0 ||
			     qc_xends_jun(s + *b, s + *e))) {
				*e -= strlen(tail_noise[i]);
				again = true;
				break;
			}
		/* 较2010年 / 比2010年 / 与2010年相比 */
		if (!again && *e - *b >= 10) {
			const char *t = s + *e;
			size_t cut = 0;
			if (qc_xends_with(s + *b, t, "相比"))
				t -= 6, cut = 6;
			if (qc_xends_with(s + *b, t, "年") &&
			    t - 3 - 4 - 3 >= s + *b) {
				const char *y = t - 3 - 4;
				const char *w = y - 3;
				if (y[0] >= '0' && y[0] <= '9' && y[3] >= '0' &&
				    y[3] <= '9' &&
				    (qc_xstarts(w, t, "较") ||
				     qc_xstarts(w, t, "比") ||
				     qc_xstarts(w, t, "与"))) {
					*e -= cut + 3 + 4 + 3;
					again = true;
				}
			}
		}
	}
}

/* Split a subject "县、乡公路优良路率" at 、 和 及 与 (outside quotes and
 * brackets) into at most max parts. */
int qc_xname_split(const char *s, size_t b, size_t e, struct xname *parts,
		   int max)
{
	static const char *const seps[] = { "、", "和", "及", "与" };
	int n = 0, depth = 0;
	size_t start = b, i = b;

	while (i < e && n < max) {
		size_t k = 0;
		if (s[i] == '(' || qc_xstarts(s + i, s + e, "“") ||
		    qc_xstarts(s + i, s + e, "《"))
			depth++;
		else if ((s[i] == ')' || qc_xstarts(s + i, s + e, "”") ||
			  qc_xstarts(s + i, s + e, "》")) &&
			 depth)
			depth--;
		else if (!depth)
			for (size_t j = 0; j < N(seps); j++)
				if (qc_xstarts(s + i, s + e, seps[j]))
					k = strlen(seps[j]);
		if (k) {
			parts[n].n = 1;
			parts[n].b[0] = start;
			parts[n].e[0] = i;
			n++;
			i += k;
			start = i;
			continue;
		}
		i += qc_xcplen(s + i, s + e);
	}
	if (n < max) {
		parts[n].n = 1;
		parts[n].b[0] = start;
		parts[n].e[0] = e;
		n++;
	}
	return n;
}

/* Complete short parts: 县、乡公路优良路率 → 县公路优良路率; 造林成活率和
 * 保存率 → 造林保存率. Lengths in code points. */
/* A level a compound's first part opens with (省级著名商标和名牌产品
 * 分别…: 省级名牌产品) reaches the later parts that name no level or
 * place of their own. */
static const char *const levels[] = { "国家级", "省级", "市级", "县级",
				      "区级" };
static const char *const own_level[] = { "国家", "省",   "市",   "县",  "区",
					 "中国", "全国", "国际", "世界" };

static void level_prefix(const char *s, struct xname *pt, int n)
{
	const char *lv = NULL;
	size_t ll;

	for (size_t i = 0; i < N(levels) && !lv; i++)
		if (qc_xstarts(s + pt[0].b[0], s + pt[0].e[0], levels[i]))
			lv = levels[i];
	if (!lv)
		return;
	ll = strlen(lv);
	if (qc_xstarts(s + pt[0].b[0] + ll, s + pt[0].e[0], "以上"))
		ll += strlen("以上"); /* 县级以上龙头企业和合作社 */
	for (int i = 1; i < n; i++) {
		bool own = pt[i].n != 1 ||
			   qc_utf8_count(s + pt[i].b[0],
					 pt[i].e[0] - pt[i].b[0]) < 2;
		for (size_t j = 0; j < N(own_level) && !own; j++)
			own = qc_xstarts(s + pt[i].b[0], s + pt[i].e[0],
					 own_level[j]);
		if (own)
			continue;
		pt[i].b[1] = pt[i].b[0], pt[i].e[1] = pt[i].e[0];
		pt[i].e[0] = pt[0].b[0] + ll;
		pt[i].b[0] = pt[0].b[0];
		pt[i].n = 2;
	}
}

void qc_xname_complete(const char *s, struct xname *pt, int n)
{
	size_t last_cp = qc_utf8_count(s + pt[n - 1].b[0],
				       pt[n - 1].e[0] - pt[n - 1].b[0]);
	size_t first_cp = qc_utf8_count(s + pt[0].b[0],
					pt[0].e[0] - pt[0].b[0]);

	for (int i = 0; i < n; i++) {
		size_t len = pt[i].e[0] - pt[i].b[0];
		size_t cp = qc_utf8_count(s + pt[i].b[0], len);
		if (i < n - 1 && cp < 3 && cp < last_cp) {
			size_t off = qc_utf8_offset(s + pt[n - 1].b[0],
						    pt[n - 1].e[0] -
							    pt[n - 1].b[0],
						    cp);
			pt[i].b[1] = pt[n - 1].b[0] + off;
			pt[i].e[1] = pt[n - 1].e[0];
			pt[i].n = 2;
		} else if (i > 0 && cp < first_cp && cp <= 4 && len >= 3 &&
			   /* a bare 保存率 after 造林成活率, not a name of
			    * its own (药品…抽检合格率, 食品抽查合格率) */
			   pt[0].e[0] - pt[0].b[0] >= 3 &&
			   memcmp(s + pt[i].e[0] - 3, s + pt[0].e[0] - 3, 3) ==
				   0) {
			size_t off = qc_utf8_offset(s + pt[0].b[0],
						    pt[0].e[0] - pt[0].b[0],
						    first_cp - cp);
			pt[i].b[1] = pt[i].b[0];
			pt[i].e[1] = pt[i].e[0];
			pt[i].b[0] = pt[0].b[0];
			pt[i].e[0] = pt[0].b[0] + off;
			pt[i].n = 2;
		}
	}
	level_prefix(s, pt, n);
}


void qc_xname_shorten(const char *s, struct xname *nm)
{
	const char *b = s + nm->b[0], *e = s + nm->e[0], *f, *q;

	if (nm->n < 1)
		return;
	/* "A、B和C(以下简称“X”)认证产品": the plan names the list X. */
	if ((f = qc_xfind(b, e, "(以下简称“")) && (q = qc_xfind(f, e, "”)")) &&
	    nm->n < XNAME_MAX) {
		const char *qb = f + strlen("(以下简称");
		for (int i = nm->n; i > 0; i--) {
			nm->b[i] = nm->b[i - 1];
			nm->e[i] = nm->e[i - 1];
		}
		nm->n++;
		nm->b[0] = (size_t)(qb - s);
		nm->e[0] = (size_t)(q + strlen("”") - s);
		nm->b[1] = (size_t)(q + strlen("”)") - s);
		return;
	}
	/* "生产销售的蔬菜、水果等…禁用药物的监测合格率": an enumeration
	 * closed by 等 names what the rate is of; keep what follows it. */
	if (qc_utf8_count(b, (size_t)(e - b)) > 24 && qc_xfind(b, e, "、")) {
		const char *last = NULL;
		for (f = b; (f = qc_xfind(f, e, "等")) != NULL; f += 3)
			last = f;
		/* "A许可证、B许可证…和E许可证管理的产品获证率": with no 等,
		 * a list that a verb of control and 的 close (管理的,
		 * 监管的, 实施的) qualifies the thing measured; keep what
		 * follows. Not "蔬菜、水果和茶叶的…合格率" (what it is of). */
		if (!last) {
			static const char *const ctl[] = { "管理的", "监管的",
							   "实施的" };
			q = b;
			for (f = b; (f = qc_xfind(f, e, "、")) != NULL; f += 3)
				q = f;
			for (size_t i = 0; i < N(ctl) && !last; i++)
				if ((f = qc_xfind(q, e, ctl[i])) != NULL)
					last = f + strlen(ctl[i]) - 3;
		}
		if (last &&
		    qc_utf8_count(last + 3, (size_t)(e - last - 3)) >= 4)
			nm->b[0] = (size_t)(last + 3 - s);
	}
}
