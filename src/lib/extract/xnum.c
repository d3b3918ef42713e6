/* Quantities in plan text: a number with its unit ("98%", "2-3个",
 * "2.6∶1", "52微克/标立米", "一个"), the words that set its direction
 * (达到, 以上, 控制在, 提高…个百分点 ...), as tables. Works on the folded
 * text, so full-width digits and traditional characters are already gone. */
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "xac.h"
#include "xnum.h"
#include "banned.h"

/* Units as written → the unit the plan format uses. Longest first where
 * one is a prefix of another (个百分点 before 个). */
static const struct xunit units[] = {
	/* a level per head or per area (劳动生产率达到22万元/人): not money
	 * spent, so not under the money rules */
	{ "万元/人", "万元/人", XU_COUNT },
	{ "元/人", "元/人", XU_COUNT },
	{ "万元/亩", "万元/亩", XU_COUNT },
	{ "元/亩", "元/亩", XU_COUNT },
	{ "公斤/亩", "公斤/亩", XU_COUNT },
	{ "千克/亩", "千克/亩", XU_COUNT },
	{ "人/万台", "人/万台", XU_RATE },
	{ "起/万台", "起/万台", XU_RATE },
	{ "个百分点", "pp", XU_RATE },
	{ "百分点", "pp", XU_RATE },
	{ "%", "%", XU_RATE },
	{ "‰", "‰", XU_RATE },
	{ "微克/标准立方米", "μg/m3", XU_CONC },
	{ "微克/立方米", "μg/m3", XU_CONC },
	{ "微克/标立米", "μg/m3", XU_CONC },
	{ "μg/m3", "μg/m3", XU_CONC },
	{ "μg/m³", "μg/m3", XU_CONC },
	{ "ug/m3", "μg/m3", XU_CONC },
	{ "万平方米", "万平方米", XU_COUNT },
	{ "平方米", "平方米", XU_COUNT },
	{ "万亩", "万亩", XU_COUNT },
	{ "亩", "亩", XU_COUNT },
	{ "万吨", "万吨", XU_COUNT },
	{ "吨", "吨", XU_COUNT },
	{ "万人次", "万人次", XU_COUNT },
	{ "人次", "人次", XU_COUNT },
	{ "万人", "万人", XU_COUNT },
	{ "万户", "万户", XU_COUNT },
	{ "万家", "万家", XU_COUNT },
	/* 每年新增质量管理体系认证企业2千家 */
	{ "千家", "千家", XU_COUNT },
	{ "千个", "千个", XU_COUNT },
	{ "万个", "万个", XU_COUNT },
	{ "万件", "万件", XU_COUNT },
	/* samples tested (监测1.5批次/千人) */
	{ "万批次", "万批次", XU_COUNT },
	{ "批次", "批次", XU_COUNT },
	{ "公里", "公里", XU_COUNT },
	{ "千米", "千米", XU_COUNT },
	/* exports in dollars (出口额达到15亿美元) */
	{ "亿美元", "亿美元", XU_MONEY },
	{ "万美元", "万美元", XU_MONEY },
	{ "美元", "美元", XU_MONEY },
	{ "亿元", "亿元", XU_MONEY },
	{ "万元", "万元", XU_MONEY },
	{ "元", "元", XU_MONEY },
	{ "个次", "个次", XU_COUNT }, /* awards counted by year: 40个次 */
	{ "个", "个", XU_COUNT },
	{ "项", "项", XU_COUNT },
	{ "家", "家", XU_COUNT },
	{ "种", "种", XU_COUNT },
	{ "名", "名", XU_COUNT },
	{ "人", "人", XU_COUNT },
	{ "次", "次", XU_COUNT },
	{ "所", "所", XU_COUNT },
	{ "座", "座", XU_COUNT },
	{ "条", "条", XU_COUNT },
	{ "处", "处", XU_COUNT },
	{ "件", "件", XU_COUNT },
	{ "台", "台", XU_COUNT },
	{ "套", "套", XU_COUNT },
	{ "户", "户", XU_COUNT },
	{ "位", "位", XU_COUNT },
	{ "辆", "辆", XU_COUNT },
	{ "张", "张", XU_COUNT },
	{ "场", "场", XU_COUNT },
	{ "部", "部", XU_COUNT },
	{ "株", "株", XU_COUNT },
	{ "棵", "棵", XU_COUNT },
	{ "只", "只", XU_COUNT },
	{ "类", "类", XU_COUNT },
	{ "届", "届", XU_COUNT },
	{ "支", "支", XU_COUNT },
	{ "分", "分", XU_COUNT }, /* a score: 满意度达到82分 */
};

/* A measure word followed by these is a duration or another word, not a
 * count: 4个月, 3次性, 2部门. */
static const char *const not_after[] = {
	"个月", "个工作日", "个小时", "个阶段", "次性",   "部门", "家庭",
	"名称", "人民",     "种植",   "条例",   "台账",   "场所", "处理",
	"类别", "位于",     "分钟",   "分之",   "个方面",
};

/* Words after the unit that set the direction. */
static const struct xcue suffixes[] = {
	{ "及以上", QC_OP_GE, 0 },  { "以上", QC_OP_GE, 0 },
	{ "之上", QC_OP_GE, 0 },    { "以下", QC_OP_LE, 0 },
	{ "以内", QC_OP_LE, 0 },    { "之内", QC_OP_LE, 0 },
	{ "左右", QC_OP_ABOUT, 0 }, { "上下", QC_OP_ABOUT, 0 },
};

/* Words before the number. XC_VO: verb-object, the indicator follows the
 * verb (培育…10个); XC_NEAR: must stand right before the number to govern
 * it (达 inside 达标率 does not); XC_REACH: 达到-like, so a lower-is-better
 * indicator reads as a ceiling; XC_MONEY: may govern an amount of money. */
static const struct xcue cues[] = {
	{ "达到", QC_OP_GE, XC_NEAR | XC_REACH | XC_MONEY },
	{ "达", QC_OP_GE, XC_NEAR | XC_REACH },
	{ "超过", QC_OP_GE, XC_NEAR | XC_MONEY },
	{ "突破", QC_OP_GE, XC_NEAR | XC_MONEY },
	{ "不低于", QC_OP_GE, XC_NEAR },
	{ "不少于", QC_OP_GE, XC_NEAR },
	{ "不小于", QC_OP_GE, XC_NEAR },
	{ "高于", QC_OP_GE, XC_NEAR },
	{ "大于", QC_OP_GE, XC_NEAR },
	{ "至少", QC_OP_GE, XC_NEAR },
	{ "稳定在", QC_OP_GE, XC_NEAR },
	{ "保持在", QC_OP_GE, XC_NEAR },
	{ "提高到", QC_OP_GE, XC_NEAR },
	{ "提高至", QC_OP_GE, XC_NEAR },
	{ "提升到", QC_OP_GE, XC_NEAR },
	{ "提升至", QC_OP_GE, XC_NEAR },
	{ "增加到", QC_OP_GE, XC_NEAR },
	{ "增加至", QC_OP_GE, XC_NEAR },
	{ "增长到", QC_OP_GE, XC_NEAR },
	{ "增长至", QC_OP_GE, XC_NEAR },
	{ "上升到", QC_OP_GE, XC_NEAR },
	{ "上升至", QC_OP_GE, XC_NEAR },
	{ "力争", QC_OP_GE, XC_VO },
	{ "确保", QC_OP_GE, XC_VO },
	{ "争取", QC_OP_GE, XC_VO }, /* 争取5家以上老字号企业获…认证 */
	{ "培育", QC_OP_GE, XC_VO | XC_CN },
	{ "创建", QC_OP_GE, XC_VO | XC_CN },
	{ "建设", QC_OP_GE, XC_VO },
	{ "建成", QC_OP_GE, XC_VO | XC_CN },
	{ "建立", QC_OP_GE, XC_VO },
	{ "新增", QC_OP_GE, XC_VO | XC_CN },
	{ "新建", QC_OP_GE, XC_VO | XC_CN },
	{ "新创", QC_OP_GE, XC_VO | XC_CN },
	{ "打造", QC_OP_GE, XC_VO | XC_CN },
	{ "认定", QC_OP_GE, XC_VO | XC_CN },
	{ "引进", QC_OP_GE, XC_VO | XC_CN },
	{ "获得", QC_OP_GE, XC_VO },
	{ "培养", QC_OP_GE, XC_VO | XC_CN },
	{ "形成", QC_OP_GE, XC_VO },
	{ "争创", QC_OP_GE, XC_VO | XC_CN },
	{ "扶持", QC_OP_GE, XC_VO },
	{ "推广", QC_OP_GE, XC_VO },
	{ "制定", QC_OP_GE, XC_VO },
	{ "修订", QC_OP_GE, XC_VO },
	{ "申报", QC_OP_GE, XC_VO },
	{ "评选", QC_OP_GE, XC_VO },
	{ "创成", QC_OP_GE, XC_VO },
	{ "获批", QC_OP_GE, XC_VO },
	{ "批准", QC_OP_GE, XC_VO }, /* 批准国家地理标志产品500个 */
	{ "核准", QC_OP_GE, XC_VO },
	{ "命名", QC_OP_GE, XC_VO },
	{ "控制在", QC_OP_LE, XC_NEAR },
	{ "缩小到", QC_OP_LE, XC_NEAR },
	{ "缩小至", QC_OP_LE, XC_NEAR },
	{ "压缩到", QC_OP_LE, XC_NEAR },
	{ "压缩至", QC_OP_LE, XC_NEAR },
	{ "控制到", QC_OP_LE, XC_NEAR },
	{ "缩短到", QC_OP_LE, XC_NEAR }, /* 周期缩短到2年以内 */
	{ "缩短至", QC_OP_LE, XC_NEAR },
	{ "不超过", QC_OP_LE, XC_NEAR },
	{ "不高于", QC_OP_LE, XC_NEAR },
	{ "低于", QC_OP_LE, XC_NEAR },
	{ "小于", QC_OP_LE, XC_NEAR },
	{ "少于", QC_OP_LE, XC_NEAR },
	{ "降低到", QC_OP_LE, XC_NEAR },
	{ "降低至", QC_OP_LE, XC_NEAR },
	{ "下降到", QC_OP_LE, XC_NEAR },
	{ "下降至", QC_OP_LE, XC_NEAR },
	{ "降到", QC_OP_LE, XC_NEAR },
	{ "降至", QC_OP_LE, XC_NEAR },
	{ "减少到", QC_OP_LE, XC_NEAR },
	{ "减少至", QC_OP_LE, XC_NEAR },
	{ "约", QC_OP_ABOUT, XC_NEAR },
	{ "近", QC_OP_ABOUT, XC_NEAR }, /* 完成近100个 */
	{ "大约", QC_OP_ABOUT, XC_NEAR },
	{ "提高", QC_OP_INCREASE, XC_NEAR },
	{ "提升", QC_OP_INCREASE, XC_NEAR },
	{ "增加", QC_OP_INCREASE, XC_NEAR },
	{ "增长", QC_OP_INCREASE, XC_NEAR },
	{ "上升", QC_OP_INCREASE, XC_NEAR },
	{ "下降", QC_OP_DECREASE, XC_NEAR },
	{ "降低", QC_OP_DECREASE, XC_NEAR },
	{ "减少", QC_OP_DECREASE, XC_NEAR },
	{ "削减", QC_OP_DECREASE, XC_NEAR },
	{ "压减", QC_OP_DECREASE, XC_NEAR },
	{ "年均增长", QC_OP_ANNUAL_GROWTH, XC_NEAR },
	{ "年平均增长", QC_OP_ANNUAL_GROWTH, XC_NEAR },
	{ "年均递增", QC_OP_ANNUAL_GROWTH, XC_NEAR },
	{ "年均提高", QC_OP_ANNUAL_GROWTH, XC_NEAR },
	{ "年均下降", QC_OP_DECREASE, XC_NEAR },
	{ "年均降低", QC_OP_DECREASE, XC_NEAR },
};

#define N(a) (sizeof(a) / sizeof(*(a)))

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}
static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static const struct xunit *unit_at(const char *p, const char *end, size_t *len)
{
	for (size_t i = 0; i < N(units); i++)
		if (qc_xstarts(p, end, units[i].w)) {
			for (size_t k = 0; k < N(not_after); k++)
				if (qc_xstarts(p, end, not_after[k]))
					return NULL;
			*len = strlen(units[i].w);
			return &units[i];
		}
	return NULL;
}

/* Digits with an optional fraction; returns bytes read (0 if none). */
static size_t number_at(const char *p, const char *end, double *v)
{
	const char *q = p;
	char tmp[32];

	while (q < end && is_digit(*q))
		q++;
	if (q + 1 < end && *q == '.' && is_digit(q[1])) {
		q++;
		while (q < end && is_digit(*q))
			q++;
	}
	if (q == p || q - p >= (ptrdiff_t)sizeof(tmp))
		return 0;
	memcpy(tmp, p, (size_t)(q - p));
	tmp[q - p] = '\0';
	*v = strtod(tmp, NULL);
	return (size_t)(q - p);
}

static void take_suffix(const char *p, const char *end, struct xnum *n)
{
	for (size_t i = 0; i < N(suffixes); i++)
		if (qc_xstarts(p, end, suffixes[i].w)) {
			n->suffix_op = (int)suffixes[i].op;
			n->e += strlen(suffixes[i].w);
			return;
		}
}

/* The level words (a number with no unit may follow them) and the
 * change words among them, which a from-level precedes (从目前的70%
 * 提高到90%: qc_xfrom_level); 达到, 稳定在 … set a level, no change. */
const struct qc_xlevel_word qc_xlevel_words[] = {
	{ "达到", false },   { "达", false },     { "稳定在", false },
	{ "保持在", false }, { "控制在", false }, { "不低于", false },
	{ "不超过", false }, { "不高于", false }, { "超过", false },
	{ "高于", false },   { "低于", false },   { "提高到", true },
	{ "提高至", true },  { "提升到", true },  { "提升至", true },
	{ "增加到", true },  { "增加至", true },  { "上升到", true },
	{ "上升至", true },  { "增长到", true },  { "增长至", true },
	{ "下降到", true },  { "下降至", true },  { "降低到", true },
	{ "降低至", true },  { "降到", true },    { "降至", true },
	{ "减少到", true },  { "减少至", true },  { "缩小到", true },
	{ "缩小至", true },  { "缩短到", true },  { "缩短至", true },
	{ "压缩到", true },  { "压缩至", true },
};
const size_t qc_xn_level_words = N(qc_xlevel_words);

/* The length of the level word right before byte b of s, or 0. */
static size_t level_before(const char *s, size_t b)
{
	for (size_t i = 0; i < qc_xn_level_words; i++) {
		const char *w = qc_xlevel_words[i].w;
		size_t k = strlen(w);
		if (b >= k && memcmp(s + b - k, w, k) == 0)
			return k;
	}
	return 0;
}

static bool bare_cue_before(const char *s, size_t b)
{
	return level_before(s, b) > 0;
}

/* Does a rate name end right before the level word before byte b
 * (合格率达到92)? A rate is a share: a page that lost its % signs
 * (合格率达到92 ;) still states a percentage. */
static bool rate_level_before(const char *s, size_t b)
{
	size_t k = level_before(s, b);

	return k && b - k >= 3 && memcmp(s + b - k - 3, "率", 3) == 0;
}

/* Units that read as one only after a level word (受教育年限达到11.5年,
 * 人均期望寿命达到79岁): elsewhere 年 closes a year and 岁 an age
 * bracket. */
static const struct xunit gated[] = {
	{ "年", "年", XU_COUNT },
	{ "岁", "岁", XU_COUNT },
	/* a duration after a level word (缩短到18个月以内, 压缩至5个工作日):
	 * elsewhere 个月 is no count (not_after) */
	{ "个工作日", "个工作日", XU_COUNT },
	{ "个月", "个月", XU_COUNT },
};

/* What a unit may be per (507公里/万平方公里, 0.5吨/万元). */
static const char *const per_what[] = {
	"万平方公里", "百平方公里", "平方公里", "万平方米", "平方米",
	"万人",       "百人",       "千人",     "人",       "万台",
	"台",         "万户",       "户",       "万亩",     "亩",
	"万元",       "元",         "吨",       "年",       "公里",
};

/* A number with no unit is a target only when a level word stands right
 * before it and the clause ends (or 以上/以下/左右 follows) right after:
 * a composite index or a ratio. Years, dates and codes are not. */
static bool bare_index(const char *s, size_t b, const char *p, const char *end,
		       struct xnum *n, bool cell)
{
	static const struct xunit none = { "", NULL, XU_NONE };
	static const struct xunit lost = { "%", "%", XU_RATE };
	/* a table cell stands alone: its column says it is a value */
	bool cue = cell || bare_cue_before(s, b);
	/* 合格率达到92 ;: a rate whose % the page dropped, often leaving
	 * a space in its place (batch 21, d172); not above 100 */
	bool rate = !cell && n->v <= 100 && rate_level_before(s, b);

	if (!cue || (p < end && *p == '.'))
		return false;
	if (rate && p < end && *p == ' ' &&
	    (p + 1 == end || p[1] == ',' || p[1] == ';' ||
	     qc_xstarts(p + 1, end, "。")))
		p++;
	if (p < end &&
	    !(*p == ',' || *p == ';' || *p == ')' || qc_xstarts(p, end, "。") ||
	      qc_xstarts(p, end, "、") || qc_xstarts(p, end, "以上") ||
	      qc_xstarts(p, end, "以下") || qc_xstarts(p, end, "左右") ||
	      qc_xstarts(p, end, "以内")))
		return false;
	n->unit = rate ? &lost : &none;
	n->e = n->ue = (size_t)(p - s);
	take_suffix(p, end, n);
	return true;
}

/* A lone 百 or 千 with a measure word and 以上/左右 (a headline's
 * 新增地标商标百个以上, 千家左右): a count of 100 or 1000 with no verb
 * before it. Not 百城, 千企, 百个…清单 (no 以上), 五百, 三千. */
static bool lone_hundreds(const char *s, const char *p, const char *end,
			  struct xnum *n)
{
	const struct xunit *u;
	size_t ul;
	int v = qc_xstarts(p, end, "百") ? 100 :
		qc_xstarts(p, end, "千") ? 1000 :
					   0;
	size_t k;

	if (!v || (p > s && qc_xcn_number(qc_xprev(s, p), p, &k) > 0) ||
	    !(u = unit_at(p + 3, end, &ul)) || u->kind != XU_COUNT)
		return false;
	n->e = n->ue = (size_t)(p + 3 + ul - s);
	take_suffix(s + n->e, end, n);
	if (n->suffix_op != QC_OP_GE && n->suffix_op != QC_OP_ABOUT) {
		n->suffix_op = -1;
		return false;
	}
	n->v = v;
	n->unit = u;
	n->cn = true;
	return true;
}

/* Does a verb allowed before a Chinese numeral end right at p? */
static bool cn_gate(const char *s, const char *p, bool rate)
{
	for (size_t i = 0; i < N(cues); i++) {
		size_t k = strlen(cues[i].w);
		bool ok = (cues[i].flags & XC_CN) ||
			  (rate && cues[i].op == QC_OP_INCREASE) ||
			  (rate && cues[i].op == QC_OP_DECREASE);
		if (ok && (size_t)(p - s) >= k &&
		    memcmp(p - k, cues[i].w, k) == 0)
			return true;
	}
	return false;
}

/* qc_xnum_at, or for cell qc_xnum_cell. */
static bool read_num(const char *s, const char *p, const char *end,
		     struct xnum *n, bool cell)
{
	const struct xunit *u;
	size_t k, ul = 0;

	/* This runs at every character: only a digit or a Chinese numeral
	 * (qc_xcn_number: leads E4, E5; a lone 百, E7) starts a quantity. */
	if (!is_digit(*p) && (unsigned char)*p != 0xE4 &&
	    (unsigned char)*p != 0xE5 && (unsigned char)*p != 0xE7)
		return false;
	memset(n, 0, sizeof(*n));
	n->suffix_op = -1;
	n->b = (size_t)(p - s);
	if (lone_hundreds(s, p, end, n))
		return true;
	if ((unsigned char)*p == 0xE7)
		return false;
	if (!is_digit(*p)) {
		/* A Chinese numeral counts only right after a verb that makes
		 * it a target (培育一个…, 提高两个百分点). */
		int v = qc_xcn_number(p, end, &k);
		if (v <= 0 || !(u = unit_at(p + k, end, &ul)))
			return false;
		if (!cn_gate(s, p, u->kind == XU_RATE) ||
		    (u->kind != XU_COUNT && u->kind != XU_RATE) || *u->w == '%')
			return false;
		n->v = v;
		n->unit = u;
		n->cn = true;
		n->e = n->ue = (size_t)(p + k + ul - s);
		take_suffix(s + n->e, end, n);
		return true;
	}
	if (p > s) {
		const char *q = qc_xprev(s, p);
		/* Part of a code (PM2.5, GB/T 1234, 3C) or 第N. */
		if (is_alpha(*q) || is_digit(*q) || *q == '.' || *q == '/' ||
		    *q == '#' || qc_xstarts(q, end, "第"))
			return false;
	}
	k = number_at(p, end, &n->v);
	if (!k)
		return false;
	p += k;
	/* A ratio: 2.6:1 (folded from ∶). */
	if (p + 1 < end && *p == ':' && p[1] == '1' &&
	    !(p + 2 < end && (is_digit(p[2]) || p[2] == '.'))) {
		static const struct xunit ratio = { ":1", "ratio", XU_RATIO };
		n->unit = &ratio;
		n->e = n->ue = (size_t)(p + 2 - s);
		take_suffix(s + n->e, end, n);
		return true;
	}
	u = unit_at(p, end, &ul);
	/* A range: 2-3个, 90%-95%, 5至10家. */
	{
		const char *q = p + (u && u->kind == XU_RATE ? ul : 0);
		size_t dl = 0;
		if (q < end && (*q == '-' || *q == '~'))
			dl = 1;
		else if (qc_xstarts(q, end, "—") || qc_xstarts(q, end, "–"))
			dl = 3; /* 1—2个 */
		else if (qc_xstarts(q, end, "至") || qc_xstarts(q, end, "到"))
			dl = 3;
		if (dl && q + dl < end && is_digit(q[dl])) {
			double v2;
			size_t k2 = number_at(q + dl, end, &v2);
			const struct xunit *u2 = unit_at(q + dl + k2, end, &ul);
			/* a cell's 2-3 has its unit in another column */
			bool ok = u2 ? !u || u2 == u : cell && !u;
			if (k2 && ok && v2 > n->v) {
				n->range = true;
				n->vmax = v2;
				u = u2;
				p = q + dl + k2;
			}
		}
	}
	/* 1 件: a space between number and unit */
	if (!u && p + 1 < end && *p == ' ' && (u = unit_at(p + 1, end, &ul)))
		p++;
	/* 20多个, 10余家: more than the count, read as its floor */
	bool more = false;
	if (!u && !n->range &&
	    (qc_xstarts(p, end, "多") || qc_xstarts(p, end, "余"))) {
		const struct xunit *u2 = unit_at(p + 3, end, &ul);
		if (u2 && u2->kind == XU_COUNT)
			u = u2, p += 3, more = true;
	}
	if (!u && n->v < 200 && (cell || bare_cue_before(s, n->b)))
		for (size_t i = 0; i < N(gated) && !u; i++)
			if (qc_xstarts(p, end, gated[i].w)) {
				u = &gated[i];
				ul = strlen(gated[i].w);
			}
	if (!u)
		return bare_index(s, n->b, p, end, n, cell);
	p += ul;
	if (p < end && *p == '/' && u->unit && u->kind != XU_CONC)
		for (size_t i = 0; i < N(per_what); i++)
			if (qc_xstarts(p + 1, end, per_what[i])) {
				snprintf(n->per, sizeof(n->per), "%s/%s",
					 u->unit, per_what[i]);
				p += 1 + strlen(per_what[i]);
				break;
			}
	/* 5G, 3A: a code, not a quantity. */
	if (u->kind == XU_COUNT && p < end && is_alpha(*p))
		return false;
	n->unit = u;
	n->e = n->ue = (size_t)(p - s);
	take_suffix(p, end, n);
	if (more && n->suffix_op < 0)
		n->suffix_op = QC_OP_GE;
	return true;
}

bool qc_xnum_at(const char *s, const char *p, const char *end, struct xnum *n)
{
	return read_num(s, p, end, n, false);
}

bool qc_xnum_cell(const char *s, const char *p, const char *end, struct xnum *n)
{
	return read_num(s, p, end, n, true);
}

/* Is p inside a quoted name (创建“全国知名品牌创建示范区”)? */
static bool quoted(const char *b, const char *p)
{
	int depth = 0;

	for (const char *q = b; q < p; q++)
		if (qc_xstarts(q, p, "“"))
			depth++;
		else if (qc_xstarts(q, p, "”") && depth)
			depth--;
	return depth > 0;
}

/* The direction words in one automaton (xac.h), built once. */
static struct xac ac;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
	const char *w[N(cues)];

	for (size_t i = 0; i < N(cues); i++)
		w[i] = cues[i].w;
	(void)qc_xac_build(&ac, w, N(cues));
}

#define XHITS 32
struct cscan {
	const char *b;
	struct {
		int id;
		const char *end;
	} h[XHITS];
	size_t n; /* hits seen; the last XHITS are kept */
};

static bool on_cue(void *ctx, int id, const char *end)
{
	struct cscan *c = ctx;

	c->h[c->n % XHITS].id = id;
	c->h[c->n % XHITS].end = end;
	c->n++;
	return true;
}

const struct xcue *qc_xcue_find(const char *b, const char *e, const char **at)
{
	struct cscan c = { .b = b };
	const struct xcue *best = NULL;
	const char *best_end = NULL;

	pthread_once(&once, build);
	qc_xac_scan(&ac, b, e, on_cue, &c);
	/* The cue that ends nearest the number wins; at equal ends the longer
	 * one (年均增长 over 增长). Hits come in order of their ends. */
	for (size_t k = c.n; k-- > 0 && k + XHITS >= c.n;) {
		const struct xcue *cue = &cues[c.h[k % XHITS].id];
		const char *end = c.h[k % XHITS].end;
		const char *f = end - strlen(cue->w);
		if (best && end < best_end)
			break;
		/* 较2010年均下降: 年 closes the year, 均 distributes */
		if (f > b && f[-1] >= '0' && f[-1] <= '9' &&
		    qc_xstarts(f, e, "年均"))
			continue;
		if (quoted(b, f))
			continue;
		if (!best || end > best_end ||
		    strlen(cue->w) > strlen(best->w)) {
			best = cue;
			best_end = end;
			*at = f;
		}
	}
	return best;
}
