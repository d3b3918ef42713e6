/* The words of published sampling tables: the catalogue of headings for
 * each field (样品名称, 标称生产企业名称, 被抽检人 …), folded alike
 * whatever the authority's brackets, spaces and full-width forms; what a
 * title says of its rows (不合格产品名单, 合格企业名录) and of its level
 * (省级监督抽查); a heading that is a quality grade (质量等级). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "qcity/alloc.h"
#include "qcity/sampling.h"
#include "sampling_int.h"
#include "banned.h"

static const char *const field_names[QC_SF__COUNT] = {
	"seq",
	"product",
	"spec",
	"lot",
	"enterprise",
	"address",
	"uscc",
	"date",
	"result",
	"failed_items",
	"testing_body",
	"region",
	"category",
	"sample_no",
	"level",
	"sampling_plan",
	"batch",
	"sampled",
	"sampled_address",
	"remarks",
};

const char *qc_sfield_name(enum qc_sfield f)
{
	return (unsigned)f < QC_SF__COUNT ? field_names[f] : "?";
}

/* Header texts seen in published tables, in folded form (see
 * qc_sampling_fold()).
 * The producer is the enterprise; a sampled unit (受检单位, 被抽样单位,
 * 销售单位) is its own field and stands for the enterprise only in tables
 * that name no producer; a person or a shop may be named as it (被抽检人,
 * 被监测人, 被抽查检验经营者). A sampling date needs a heading that says so:
 * other dates (生产日期, 检验日期) are not it. */
static const struct {
	enum qc_sfield f;
	const char *const syn[48];
} synonyms[] = {
	{ QC_SF_SEQ, { "序号", "编号序号", NULL } },
	{ QC_SF_PRODUCT,
	  { "产品名称", "样品名称", "食品名称", "商品名称", "抽查产品",
	    "抽检产品", "受检产品", "产品", "样品", "抽样产品名称",
	    "产品名称及商标", "抽检样品名称", "品名", "油品", "油品名称",
	    NULL } },
	{ QC_SF_SPEC,
	  { "规格型号", "规格", "型号", "规格型号等级", "型号规格",
	    "规格型号等级", "规格等级",
	    /* 山东省质监局 2011: 产品规格 beside 品名. */
	    "产品规格", "商品规格", "样品规格", NULL } },
	{ QC_SF_LOT,
	  { "生产日期或批号", "生产日期批号", "批号", "生产日期", "生产批号",
	    "批次号", "生产日期或批次", "生产日期批次号", "生产日期批货号",
	    "购进日期", "生产日期购进日期", NULL } },
	{ QC_SF_ENTERPRISE,
	  { "生产企业名称",
	    "标称生产企业名称",
	    "生产企业",
	    "标称生产企业",
	    "生产单位",
	    "企业名称",
	    "生产者名称",
	    "标称生产者名称",
	    "标示生产企业名称",
	    "标称生产单位",
	    "生产厂家",
	    "生产商",
	    "制造商",
	    "标称生产者",
	    "生产单位名称",
	    "生产者",
	    "生产厂商",
	    "标称生产企业名称及地址",
	    "标示生产经营企业名称",
	    NULL } },
	{ QC_SF_ADDRESS,
	  { "生产企业地址", "标称生产企业地址", "企业地址", "地址",
	    "生产单位地址", "标称生产者地址", "生产者地址", "标示生产企业地址",
	    "标称生产单位地址", "企业住所", "住所", NULL } },
	{ QC_SF_USCC,
	  { "统一社会信用代码", "社会信用代码", "信用代码",
	    "企业统一社会信用代码", NULL } },
	{ QC_SF_DATE,
	  { "抽查时间", "抽样时间", "抽样日期", "抽检日期", "抽查日期",
	    "抽检时间", "采样日期", "采样时间", "抽查年月", "抽样年月",
	    "抽查季度", "年份", "抽查年份", "抽检年份", "抽查年度", NULL } },
	{ QC_SF_RESULT,
	  { "检验结论", "检验结果", "抽查结果",     "结论",
	    "判定结论", "判定结果", "抽检结果",     "是否合格",
	    "检测结论", "综合判定", "判定",         "抽查结论",
	    "抽检结论", "结果判定", "检验判定",     "综合判定结论",
	    "合格与否", "检测结果", "监督抽查结论", "综合结论",
	    NULL } },
	{ QC_SF_FAILED,
	  { "不合格项目", "不合格项目名称", "主要不合格项目", "不合格项",
	    "不合格项目检验结果", "不合格情况", "不合格原因",
	    "不合格项目及结果", "主要不合格项目及结果",
	    "不合格项目标准值检验结果",
	    /* 北京市市场监督管理局 2022: 不符合项. */
	    "不符合项", "不符合项目", "主要不符合项目", "不符合项目名称",
	    NULL } },
	{ QC_SF_BODY,
	  { "承检机构", "检验机构", "承检单位", "检验单位", "检测机构",
	    "承检机构名称", "检验机构名称", NULL } },
	{ QC_SF_REGION,
	  { "所在地", "所在地区", "地区", "区县", "所属地区", "行政区划",
	    "所在区县", "所属地市", "所在地市", "所属区县", "生产单位所在地",
	    "生产企业所在地", "企业所在地", "生产者所在地",
	    "标称生产企业所在地",
	    /* A shop's place (天津 所属区, 鄂尔多斯 所在旗区): the sampled
	     * unit's where a producer is named too (find_place). */
	    "所属区", "所在区", "所在旗区", "所属旗区", "旗县区", "所在县区",
	    "所属县区", NULL } },
	{ QC_SF_CATEGORY,
	  { "产品类别", "产品种类", "类别", "食品大类", "产品分类", "食品类别",
	    "分类", "食品细类",
	    /* Beside 样品名称 (深圳 2021 灯具): the category, not the
	     * product; the product where no name column is (map). */
	    "产品类型", "样品类型", "样品类别", "产品大类", NULL } },
	{ QC_SF_SAMPLE_NO,
	  { "样品编号", "抽样单编号", "报告编号", "抽样编号", "抽样单号",
	    "抽样报告编号", NULL } },
	{ QC_SF_LEVEL,
	  { "抽查级别", "级别", "抽查层级", "抽检级别", "抽查类别", NULL } },
	{ QC_SF_PLAN,
	  { "抽查计划", "任务来源", "抽查计划名称", "抽检计划",
	    "任务来源项目名称", NULL } },
	{ QC_SF_BATCH, { "抽查批次", "任务批次", NULL } },
	{ QC_SF_SAMPLED,
	  { "受检单位", "受检企业", "被抽样单位名称", "被抽样单位",
	    "受检单位名称", "销售单位", "经营单位", "被抽检单位", "被检单位",
	    "被抽查单位", "被抽查企业", "经销单位", "销售者",
	    "被抽样单位名称销售者", "受检企业名称", "被抽样企业", "经销企业",
	    "经销企业名称", "经销商", "加油站", "加油站名称",
	    "被抽查市场主体名称", "被抽样市场主体名称", "被抽查市场主体",
	    "被抽样市场主体", "被采样单位名称", "被采样单位", "被抽检人",
	    "被监测人", "被抽查检验人", "被抽查检验经营者", "被抽检经营者",
	    "被抽样经营者", "经营者名称", "抽样场所或经营者", "抽样场所",
	    "被抽样生产者销售者", "被抽样销售者", "流通企业名称", "流通企业",
	    /* 南通 2024: the kind of shop names the seller's column. */
	    "市场实体店名称", "实体店名称", "网店名称", NULL } },
	{ QC_SF_SAMPLED_ADDRESS,
	  { "被抽样单位地址", "受检单位地址", "销售单位地址", "受检企业地址",
	    "被抽检单位地址", "被抽查单位地址", "经营单位地址",
	    "被抽样市场主体地址", "被抽查市场主体地址", "被采样单位地址",
	    "抽样地址", "抽样地点", "被抽检人地址", "经营者地址",
	    "被监测人地址", "流通企业地址", NULL } },
	/* Free text beside the result (docs/registry.md "Remarks"): kept
	 * as written, never read for a verdict or a failed item. Extend
	 * here; a heading holding one of these (整改情况说明) reads as it
	 * unless it holds a longer heading of another field (不合格情况). */
	{ QC_SF_REMARKS,
	  { "备注", "备注说明", "说明", "整改情况", "处理情况", "整改措施",
	    "处理结果", "处置情况", "核查处置情况", "处理措施", NULL } },
};

/* Headings of the items tested, not of the failed ones (folded): where
 * the rows are failures they are the failed items
 * (qc_sampling_items_column). */
static const char *const tested[] = {
	"检验项目", "检测项目",     "项目名称",     "抽检项目",     "抽查项目",
	"检查项目", "检验项目名称", "检测项目名称", "检验检测项目",
};

static bool items_heading(const char *label, bool *alone)
{
	/* 检验项目║检验结果║标准值: the heading of a cell that writes an
	 * item, its value and its limit apart (║, ︱, ‖ or |). */
	static const char *const bar[] = { "║", "︱", "‖", "|" };
	size_t n = strlen(label);
	for (size_t i = 0; i < sizeof(bar) / sizeof(bar[0]); i++) {
		const char *p = strstr(label, bar[i]);
		if (p && (size_t)(p - label) < n)
			n = (size_t)(p - label);
	}
	char *head = qc_xstrndup(label, n);
	bool yes = qc_sampling_label_is(head, tested,
					sizeof(tested) / sizeof(tested[0]));
	*alone = !label[n];
	free(head);
	return yes;
}

/* The first column but a and b whose heading names the result, or -1. */
static int result_besides(char *const *label, size_t n, int a, int b)
{
	int found = -1;
	for (size_t r = 0; r < n && found < 0; r++) {
		char *f = qc_sampling_fold(label[r]);
		if ((int)r != a && (int)r != b &&
		    qc_sampling_field_of(f) == QC_SF_RESULT)
			found = (int)r;
		free(f);
	}
	return found;
}

/* 检验结果 or 检测结果 beside the items tested: the value measured. */
static bool measured(const char *label)
{
	static const char *const value[] = { "检验结果", "检测结果" };
	return qc_sampling_label_is(label, value, 2);
}

/* No heading of failed items, but one of the items tested (检验项目,
 * 检测项目, 项目名称; sampling_labels.c): its cells are the failed
 * items. Written with the value and its limit (检验项目║检验结果║标准值)
 * it is a failure's cell, as under 不合格项目║…, and no result column
 * (another result heading is, if any); alone, or beside a result
 * column (not 检验结果, the value measured, where a verdict heading such
 * as 单项判定 is beside it), it names what was tested: a failing row's items only, and
 * the rows' verdicts come from the result, the title or --all-failed
 * (m->items_tested). Only when no column is the failed items. */
/* A heading of one part of the verdict (标识判定, 复检结论, 实物质量
 * 是否合格), never the whole one a measured 检验结果 gives way to. */
static bool partial_verdict(const char *label)
{
	static const char *const part[] = { "标识", "标签", "复检", "初检",
					    "实物", "单项", "感官", "外观" };
	return qc_sampling_label_has(label, part,
				     sizeof(part) / sizeof(part[0]));
}

/* Is a cell under column c in the rows below a verdict (合格, 不合格)? */
static bool verdicts_below(int c, char **const *below, const size_t *nn,
			   size_t n_below)
{
	for (size_t i = 0; i < n_below; i++)
		if ((size_t)c < nn[i] &&
		    qc_sampling_parse_result(below[i][c]) >= 0)
			return true;
	return false;
}

void qc_sampling_items_column(struct qc_sampling_map *m, char *const *label,
			      size_t n, char **const *below, const size_t *nn,
			      size_t n_below)
{
	/* 检验结果 taken as the result beside a verdict heading (判定结论,
	 * 结论), with or without a heading of items: the value measured,
	 * never a verdict nor a failed item; the verdict heading is the
	 * result. Not when the cells under 检验结果 are verdicts (合格 under
	 * 检验结果 beside 标识判定: the verdict is where it is written). */
	int taken = m->col[QC_SF_RESULT];
	if (taken >= 0 && verdicts_below(taken, below, nn, n_below))
		taken = -1;
	for (size_t c = 0;
	     taken >= 0 && (size_t)taken < n && measured(label[taken]) && c < n;
	     c++) {
		char *f = qc_sampling_fold(label[c]);
		if ((int)c != taken && !measured(label[c]) &&
		    qc_sampling_field_of(f) == QC_SF_RESULT &&
		    !qc_sampling_grade_heading(label[c]) &&
		    !partial_verdict(label[c])) {
			m->col[QC_SF_RESULT] = (int)c;
			taken = -1;
		}
		free(f);
	}
	for (size_t c = 0; m->col[QC_SF_FAILED] < 0 && c < n; c++) {
		bool alone, other = false;
		if (!items_heading(label[c], &alone))
			continue;
		for (int k = 0; k < QC_SF__COUNT; k++)
			other |= k != QC_SF_RESULT && m->col[k] == (int)c;
		if (other)
			continue;
		int rc = m->col[QC_SF_RESULT];
		int besides = result_besides(label, n, (int)c, rc);
		if (rc == (int)c ||
		    (rc >= 0 && besides >= 0 && measured(label[rc])))
			m->col[QC_SF_RESULT] = besides;
		m->items_tested = alone || m->col[QC_SF_RESULT] >= 0;
		m->col[QC_SF_FAILED] = (int)c;
	}
}

/* NFKC, then drop spaces, brackets and punctuation that vary between
 * authorities: "(标称)生产企业名称" and "（标称） 生产企业名称" fold alike. */
char *qc_sampling_fold(const char *s)
{
	utf8proc_uint8_t *n = utf8proc_NFKC((const utf8proc_uint8_t *)s);
	static const char *const drop[] = { " ",  "(",  ")",  "[", "]", "【",
					    "】", "/",  "、", ":", "*", "\n",
					    "\t", "\"", "“",  "”", "·" };
	char *out, *w;

	if (!n)
		return qc_xstrdup("");
	out = qc_xmalloc(strlen((char *)n) + 1);
	w = out;
	for (const char *p = (const char *)n; *p;) {
		size_t k = 0;
		for (size_t d = 0; d < sizeof(drop) / sizeof(drop[0]); d++)
			if (!strncmp(p, drop[d], strlen(drop[d]))) {
				k = strlen(drop[d]);
				break;
			}
		if (k) {
			p += k;
			continue;
		}
		*w++ = *p++;
	}
	*w = '\0';
	free(n);
	return out;
}

/* The field a folded label names: an exact synonym, else the field of the
 * longest synonym the label contains, if no other field ties with it. */
int qc_sampling_field_exact(const char *label)
{
	for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		for (const char *const *s = synonyms[i].syn; *s; s++)
			if (!strcmp(label, *s))
				return (int)synonyms[i].f;
	return -1;
}

int qc_sampling_field_of(const char *label)
{
	int best = -1, tie = 0;
	size_t best_len = 0;

	if (!*label)
		return -1;
	for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		for (const char *const *s = synonyms[i].syn; *s; s++)
			if (!strcmp(label, *s))
				return (int)synonyms[i].f;
	for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		for (const char *const *s = synonyms[i].syn; *s; s++) {
			size_t n = strlen(*s);
			if (!strstr(label, *s) || n < best_len)
				continue;
			if (n > best_len) {
				best_len = n;
				best = (int)synonyms[i].f;
				tie = 0;
			} else if (best != (int)synonyms[i].f) {
				tie = 1;
			}
		}
	/* A unit's address under its name's heading (销售单位/电商地址,
	 * 生产单位及地址 is no address): a heading ending in 地址 that names
	 * the sampled unit or the producer is that one's address. */
	size_t n = strlen(label), k = strlen("地址");
	if (!tie && n > k && !strcmp(label + n - k, "地址") &&
	    !strstr(label, "及") && !strstr(label, "和")) {
		if (best == QC_SF_SAMPLED)
			return QC_SF_SAMPLED_ADDRESS;
		if (best == QC_SF_ENTERPRISE)
			return QC_SF_ADDRESS;
	}
	return tie ? -1 : best;
}

/* Does the title name a list of passes by `word` (合格, 通过, 符合)
 * followed within six characters by 名单, 名录, 信息 or 产品:
 * 通过质量抽检名单, 合格企业名录, 所检项目符合相关标准的产品? Not a
 * rate (合格率), nor the word inside 不合格, 不符合, 不通过. */
static bool passes_named(const char *title, const char *word)
{
	static const char *const list[] = { "名单", "名录", "信息", "产品" };
	for (const char *p = strstr(title, word); p; p = strstr(p + 1, word)) {
		const char *after = p + strlen(word);
		size_t span = 0;
		if (!strncmp(after, "率", strlen("率")) ||
		    (p - title >= 3 && !strncmp(p - 3, "不", 3)) ||
		    (p - title >= 3 && !strncmp(p - 3, "未", 3)))
			continue;
		/* Six characters, however many bytes each takes. */
		for (int chars = 0; chars < 6 && after[span]; chars++)
			do
				span++;
			while (after[span] && (after[span] & 0xC0) == 0x80);
		for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++) {
			const char *hit = strstr(after, list[i]);
			if (hit && (size_t)(hit - after) <= span)
				return true;
		}
		/* 合格端午节食品及被监测人名单, 合格产品及其企业名单: what
		 * passed, then 及 and whom, then the list (名单, 名录). */
		const char *and = strstr(after, "及");
		if (and&&(size_t)(and-after) <= span) {
			size_t more = 0;
			const char *from = and+strlen("及");
			for (int chars = 0; chars < 8 && from[more]; chars++)
				do
					more++;
				while (from[more] &&
				       (from[more] & 0xC0) == 0x80);
			for (size_t i = 0; i < 2; i++) {
				const char *hit = strstr(from, list[i]);
				if (hit && (size_t)(hit - from) <= more)
					return true;
			}
		}
	}
	return false;
}

/* What a title says of every row: 0 a failure-only list (不合格产品名单,
 * 抽检不合格产品信息), 1 a list of passes (合格产品名单), -1 nothing. */
int qc_sampling_title_verdict(const char *title)
{
	static const char *const both[] = { "合格及不合格", "合格和不合格",
					    "合格与不合格", "合格、不合格" };
	static const char *const passes[] = { "合格产品名单", "合格产品信息",
					      "合格企业名单", "合格食品名单",
					      "合格产品批次", "合格样品信息",
					      "合格名单",     "合格食品信息" };
	bool pass = passes_named(title, "合格") ||
		    passes_named(title, "通过") || passes_named(title, "符合");
	/* 质检总局's lists of old: 部分质量较好的产品及其企业名单 (passes),
	 * 部分质量较差的产品及其企业名单 (failures). */
	if (strstr(title, "质量较差") && !strstr(title, "质量较好"))
		return 0;
	if (strstr(title, "质量较好") && !strstr(title, "质量较差"))
		return 1;
	for (size_t i = 0; i < sizeof(both) / sizeof(both[0]); i++)
		if (strstr(title, both[i]))
			return -1;
	if (strstr(title, "不合格") || strstr(title, "未通过") ||
	    strstr(title, "不通过") || strstr(title, "不符合"))
		/* 合格产品和不合格产品名单 names both. */
		return pass ? -1 : 0;
	for (size_t i = 0; i < sizeof(passes) / sizeof(passes[0]); i++)
		if (strstr(title, passes[i]))
			return 1;
	return pass ? 1 : -1;
}

/* The level a title names ("2019年产品质量国家监督抽查", "省级监督抽查"). */
const char *qc_sampling_title_level(const char *title)
{
	static const struct {
		const char *cue, *level;
	} cues[] = {
		{ "国家监督抽查", "national" }, { "国家级", "national" },
		{ "国家抽查", "national" },     { "国抽", "national" },
		{ "省级", "provincial" },       { "省监督抽查", "provincial" },
		{ "自治区级", "provincial" },   { "市级", "municipal" },
		{ "县级", "county" },           { "区级", "county" },
	};
	for (size_t i = 0; i < sizeof(cues) / sizeof(cues[0]); i++)
		if (strstr(title, cues[i].cue))
			return cues[i].level;
	return NULL;
}

/* A result column that is a quality grade (质量等级: 合格品, 优等品). */
bool qc_sampling_grade_heading(const char *label)
{
	char *f = qc_sampling_fold(label);
	bool grade = strstr(f, "等级") != NULL || strstr(f, "品级") != NULL;
	free(f);
	return grade;
}

bool qc_sampling_names_role(const char *label, int field)
{
	char *f = qc_sampling_fold(label);
	size_t n = strlen(f), k = strlen("名称");
	/* 产品等级 holds 产品, but its role word is 等级; 产品标称名称's
	 * is 名称, a name of what the heading holds. */
	bool yes = n >= k && !strcmp(f + n - k, "名称") &&
		   qc_sampling_field_of(f) == field;

	for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]) && !yes;
	     i++)
		for (const char *const *s = synonyms[i].syn;
		     (int)synonyms[i].f == field && *s && !yes; s++)
			yes = n >= strlen(*s) &&
			      !strcmp(f + n - strlen(*s), *s);
	free(f);
	return yes && !qc_sampling_grade_heading(label);
}
