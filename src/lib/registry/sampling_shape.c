/* Rows as a page left them: a row short of a cell in its middle is placed
 * by the kind of its cells (a date, a code, a laboratory, a measured
 * value) or refused, never read shifted. Merged cells carried down and a
 * product cell carrying its verdict: sampling_carry.c. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "sampling_int.h"
#include "banned.h"

#define CLASH (-3)
#define MAX_GAPS 5
#define MAX_TRIES 200000

static bool has(const char *s, const char *w)
{
	return strstr(s, w) != NULL;
}

static bool any_of(const char *s, const char *const *w, size_t n,
		   bool (*test)(const char *, const char *))
{
	for (size_t i = 0; i < n; i++)
		if (test(s, w[i]))
			return true;
	return false;
}

#define ANY(s, list, test) any_of(s, list, sizeof(list) / sizeof(list[0]), test)

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A date at the start (2022-08-11(购进日期), 2021-07-31/20210731,
 * 2018.6.5/W8F4, 2023年5月), or after 日期: (进货日期:2017年9月26日). */
static bool dated(const char *s)
{
	char out[11];
	const char *p = strstr(s, "日期");

	if (qc_sampling_parse_when(s, out) != QC_DATE_NONE)
		return true;
	if (p && (p = strpbrk(p, ":：")))
		s = p + (*p == ':' ? 1 : strlen("："));
	for (int i = 0; i < 4; i++)
		if (!digit(s[i]))
			return false;
	s += 4;
	if (*s == '-' || *s == '/' || *s == '.')
		s++;
	else if (!strncmp(s, "年", strlen("年")))
		s += strlen("年");
	else
		return false;
	int m = 0, n = 0;
	while (digit(*s) && n < 2)
		m = m * 10 + (*s++ - '0'), n++;
	return n && m >= 1 && m <= 12;
}

bool qc_sampling_org_end(const char *s, size_t n)
{
	/* 户) and 户）: 个体工商户 in brackets after a shop's name. */
	static const char *const org[] = {
		"公司", "厂",     "店",   "部",   "超市", "行", "中心", "院",
		"所",   "站",     "社",   "馆",   "坊",   "堂", "铺",   "门市",
		"酒楼", "厅",     "集团", "户)",  "户）", "摊", "档",   "市场",
		"学校", "幼儿园", "酒店", "饭店", "楼",
	};
	for (size_t i = 0; i < sizeof(org) / sizeof(org[0]); i++) {
		size_t k = strlen(org[i]);
		if (n >= k && !strncmp(s + n - k, org[i], k))
			return true;
	}
	return false;
}

/* An item with its unit in brackets right after it: 甜蜜素(g/kg),
 * 菌落总数(cfu/g), 恩诺沙星(μg/kg): a bracket after a Han character
 * holding a unit written with a slash, in Latin letters and digits. */
static bool item_with_unit(const char *s)
{
	for (const char *p = strchr(s, '('); p; p = strchr(p + 1, '(')) {
		const unsigned char *q = (const unsigned char *)p + 1;
		bool slash = false, letter = false;
		if (p - s < 3 || (unsigned char)p[-3] < 0xE4 ||
		    (unsigned char)p[-3] > 0xE9)
			continue;
		for (; *q && *q != ')'; q++) {
			if (*q == '/')
				slash = true;
			else if ((*q >= 'a' && *q <= 'z') ||
				 (*q >= 'A' && *q <= 'Z'))
				letter = true;
			else if (!strncmp((const char *)q, "μ", strlen("μ")))
				q += strlen("μ") - 1;
			else if (!(*q >= '0' && *q <= '9'))
				break;
		}
		if (*q == ')' && slash && letter)
			return true;
	}
	return false;
}

unsigned qc_sampling_kind(const char *s)
{
	static const char *const lab[] = { "检验", "检测", "测试",    "研究院",
					   "质检", "计量", "技术中心" };
	static const char *const place[] = { "路",   "街",     "镇",   "村",
					     "乡",   "巷",     "大道", "工业区",
					     "园区", "开发区", "小区", "大厦" };
	/* 标签 beside 标志 and 标识; 酒精度: items a list of failures
	 * gives alone (酒精度,标签 under 生产日期 in a row short of it). */
	static const char *const items[] = {
		"║",    "‖",    "||",   "残留", "含量", "菌",     "电阻",
		"厚度", "标志", "标识", "标签", "强度", "偏差",   "项目",
		"性能", "指标", "尺寸", "牢度", "甲醛", "酒精度",
	};
	static const char *const standard[] = { "GB", "JB", "QB", "NY", "SB",
						"HG", "FZ", "DB", "YY", "SN",
						"LY", "JC", "GA", "Q/", "T/" };
	static const char *const unit[] = { "mm", "cm", "m",  "g",  "kg",
					    "L",  "ml", "mL", "㎡", "×",
					    "*",  "号", "型", "W",  "V",
					    "A",  "克", "升", "袋", "瓶",
					    "包", "片", "只", "个", "/" };
	size_t n = strlen(s), digits = 0;
	bool ascii = true, cjk = false;
	unsigned k = 0;

	if (qc_sampling_blank(s))
		return K_BLANK;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		digits += digit((char)*p);
		ascii &= *p < 0x80;
		cjk |= *p >= 0xE4 && *p <= 0xE9;
	}
	if (digits == n && n <= 4)
		k |= K_SEQ;
	if (dated(s))
		k |= K_DATE;
	if (ascii && n >= 8 && digits >= 4 &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		      "0123456789-/_.") == n)
		k |= K_CODE;
	if (qc_sampling_parse_result(s) >= 0)
		k |= K_VERDICT;
	const char *v = s;
	static const char *const cmp[] = { "≤", "≥", "<", ">", "＜", "＞" };
	for (size_t i = 0; i < sizeof(cmp) / sizeof(cmp[0]); i++)
		if (!strncmp(v, cmp[i], strlen(cmp[i]))) {
			v += strlen(cmp[i]);
			k |= K_LIMIT;
		}
	/* A number then its unit: 0.0166g/kg, 0.77(g/kg), 10.3μg/kg, 9%. */
	const char *u = v;
	while (digit(*u) || *u == '.')
		u++;
	bool measured = u > v && digit(*v) && !cjk &&
			((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
			 *u == '%' || *u == '(' || *u == ' ' || *u == '/' ||
			 (unsigned char)*u == 0xCE);
	if (!strncmp(s, "不得", strlen("不得")) ||
	    !strncmp(s, "标准规定", strlen("标准规定")))
		k |= K_LIMIT;
	else if ((k & K_LIMIT) && !digit(*v) && *v != ' ')
		k &= ~(unsigned)K_LIMIT;
	else if (!(k & K_LIMIT) &&
		 (!strcmp(s, "检出") || !strcmp(s, "未检出") || measured))
		k |= K_VALUE;
	if (k & (K_VALUE | K_LIMIT))
		k &= ~(unsigned)K_CODE;
	for (size_t i = 0; i < sizeof(standard) / sizeof(standard[0]); i++)
		if (!strncmp(s, standard[i], strlen(standard[i])) &&
		    (digit(s[2]) || s[2] == '/' || s[2] == ' ' ||
		     standard[i][1] == '/'))
			k |= K_STANDARD;
	/* A house number makes an address, whatever it ends in (…156号
	 * 106、107铺); a name ending as a shop's without one is a name. */
	bool numbered = false;
	for (const char *p = strstr(s, "号"); p && !numbered;
	     p = strstr(p + 1, "号")) {
		const char *d = p;
		while (d > s && digit(d[-1]))
			d--;
		/* Not a document's number: 〔2020〕年第40号. */
		numbered = d < p && !(d - s >= 3 && !strncmp(d - 3, "第", 3));
	}
	if (cjk && !numbered &&
	    (qc_sampling_org_end(s, n) || has(s, "有限公司")))
		k |= K_ORG;
	if ((k & K_ORG) && ANY(s, lab, has))
		k |= K_LAB;
	if (cjk && (numbered || (!(k & K_ORG) && ANY(s, place, has))))
		k |= K_ADDRESS;
	if (!(k & (K_ORG | K_ADDRESS)) &&
	    (ANY(s, items, has) || item_with_unit(s)))
		k |= K_ITEMS;
	if (digits && !(k & (K_ORG | K_ADDRESS | K_DATE | K_STANDARD)) &&
	    ANY(s, unit, has))
		k |= K_SPEC;
	return k;
}

/* How well a cell of kind k sits in a column holding `hold`: 2 it is
 * what the column holds, 0 it may be, CLASH it cannot be. */
static int fit(unsigned hold, unsigned k)
{
	if (k & K_BLANK)
		return 0;
	switch (hold) {
	case QC_HOLDS_SEQ: return k & K_SEQ ? 2 : CLASH;
	case QC_HOLDS_DATE:
		if (k & K_DATE)
			return 2;
		if (k & (K_CODE | K_SEQ))
			return 0;
		return k & (K_ORG | K_VALUE | K_LIMIT | K_ITEMS | K_ADDRESS) ?
			       CLASH :
			       -1;
	case QC_HOLDS_CODE:
		if (k & K_CODE)
			return 2;
		return k & (K_ORG | K_LAB | K_ADDRESS | K_ITEMS | K_VALUE |
			    K_LIMIT | K_VERDICT) ?
			       CLASH :
		       (k & (K_SEQ | K_DATE)) ? 0 :
						-1;
	case QC_HOLDS_VERDICT:
	case QC_HOLDS_RESULT:
		if (k & K_VERDICT)
			return 2;
		if (k & (K_VALUE | K_LIMIT))
			return hold == QC_HOLDS_RESULT && (k & K_VALUE) ? 2 : 0;
		return k & (K_ORG | K_ADDRESS | K_DATE | K_CODE | K_ITEMS) ?
			       CLASH :
			       0;
	case QC_HOLDS_ITEMS:
		if (k & K_ITEMS)
			return 1;
		if (k & (K_DATE | K_CODE | K_LAB))
			return CLASH;
		return k & (K_VALUE | K_LIMIT | K_ORG | K_ADDRESS | K_SEQ) ?
			       -1 :
			       0;
	case QC_HOLDS_LAB:
		if (k & K_LAB)
			return 2;
		if (k & K_ORG)
			return 1;
		return k & (K_DATE | K_VALUE | K_LIMIT | K_VERDICT | K_CODE |
			    K_SEQ | K_ITEMS | K_STANDARD) ?
			       CLASH :
			       -1;
	case QC_HOLDS_NAME:
		if (k & K_LAB)
			return 0;
		if (k & K_ORG)
			return 2;
		return k & (K_DATE | K_VALUE | K_LIMIT | K_CODE | K_VERDICT |
			    K_SEQ | K_STANDARD | K_ITEMS) ?
			       CLASH :
		       (k & K_ADDRESS) ? -1 :
					 0;
	case QC_HOLDS_ADDRESS:
		if (k & K_ADDRESS)
			return 2;
		return k & (K_DATE | K_VALUE | K_LIMIT | K_CODE | K_VERDICT |
			    K_SEQ | K_STANDARD | K_ITEMS | K_LAB) ?
			       CLASH :
		       (k & K_ORG) ? -1 :
				     0;
	case QC_HOLDS_TEXT:
		return k & (K_DATE | K_VALUE | K_LIMIT | K_SEQ | K_STANDARD |
			    K_LAB) ?
			       CLASH :
		       (k & (K_ORG | K_ADDRESS | K_ITEMS | K_SPEC)) ? -1 :
								      0;
	case QC_HOLDS_SPEC:
		if (k & K_SPEC)
			return 1;
		return k & (K_ORG | K_LAB | K_ADDRESS | K_VERDICT | K_ITEMS) ?
			       CLASH :
		       (k & (K_DATE | K_STANDARD)) ? -1 :
						     0;
	case QC_HOLDS_VALUE:
		if (k & K_VALUE)
			return 2;
		if (k & (K_VERDICT | K_LIMIT))
			return 0;
		return k & (K_DATE | K_ORG | K_LAB | K_ADDRESS | K_CODE |
			    K_STANDARD) ?
			       CLASH :
			       -1;
	case QC_HOLDS_LIMIT:
		if (k & K_LIMIT)
			return 2;
		if (k & (K_VALUE | K_VERDICT))
			return 0;
		return k & (K_DATE | K_ORG | K_LAB | K_ADDRESS | K_CODE |
			    K_STANDARD) ?
			       CLASH :
			       -1;
	case QC_HOLDS_STANDARD:
		if (k & K_STANDARD)
			return 2;
		return k & (K_ORG | K_LAB | K_ADDRESS | K_DATE | K_VALUE |
			    K_LIMIT | K_VERDICT) ?
			       CLASH :
			       -1;
	case QC_HOLDS_PLACE:
		if (k & K_ADDRESS)
			return 1;
		return k & (K_DATE | K_VALUE | K_LIMIT | K_CODE | K_VERDICT |
			    K_SEQ | K_STANDARD | K_ITEMS | K_LAB | K_SPEC) ?
			       CLASH :
		       (k & K_ORG) ? -1 :
				     0;
	default: return 0;
	}
}

unsigned char qc_sampling_holds(int field, const char *label)
{
	static const struct {
		const char *word;
		unsigned char holds;
	} hints[] = {
		{ "性质", QC_HOLDS_ANY },
		{ "商标", QC_HOLDS_ANY },
		{ "标准值", QC_HOLDS_LIMIT },
		{ "标准要求", QC_HOLDS_LIMIT },
		{ "标准规定", QC_HOLDS_LIMIT },
		{ "限量", QC_HOLDS_LIMIT },
		{ "限值", QC_HOLDS_LIMIT },
		{ "依据", QC_HOLDS_STANDARD },
		{ "执行标准", QC_HOLDS_STANDARD },
		{ "结果", QC_HOLDS_VALUE },
		{ "检测值", QC_HOLDS_VALUE },
		{ "实测值", QC_HOLDS_VALUE },
		{ "检出值", QC_HOLDS_VALUE },
		{ "产地", QC_HOLDS_PLACE },
		{ "所在", QC_HOLDS_PLACE },
		{ "所属", QC_HOLDS_PLACE },
		{ "省份", QC_HOLDS_PLACE },
		{ "区县", QC_HOLDS_PLACE },
		{ "地址", QC_HOLDS_ADDRESS },
		{ "住所", QC_HOLDS_ADDRESS },
		{ "日期", QC_HOLDS_DATE },
		{ "时间", QC_HOLDS_DATE },
		{ "编号", QC_HOLDS_CODE },
		{ "代码", QC_HOLDS_CODE },
		{ "条码", QC_HOLDS_CODE },
		{ "机构", QC_HOLDS_LAB },
		{ "项目", QC_HOLDS_ITEMS },
		{ "单位", QC_HOLDS_NAME },
		{ "企业", QC_HOLDS_NAME },
		{ "场所", QC_HOLDS_NAME },
		{ "经营者", QC_HOLDS_NAME },
		{ "生产者", QC_HOLDS_NAME },
		{ "号", QC_HOLDS_CODE }, /* 公告号, 文号 */
	};

	switch (field) {
	case QC_SF_SEQ: return QC_HOLDS_SEQ;
	case QC_SF_PRODUCT: return QC_HOLDS_TEXT;
	case QC_SF_SPEC: return QC_HOLDS_SPEC;
	case QC_SF_LOT:
	case QC_SF_DATE: return QC_HOLDS_DATE;
	case QC_SF_ENTERPRISE:
	case QC_SF_SAMPLED: return QC_HOLDS_NAME;
	case QC_SF_ADDRESS:
	case QC_SF_SAMPLED_ADDRESS: return QC_HOLDS_ADDRESS;
	case QC_SF_USCC:
	case QC_SF_SAMPLE_NO: return QC_HOLDS_CODE;
	case QC_SF_RESULT:
		/* 检验结果 holds a verdict or, in lists of failures, what was
		 * measured; 检验结论 and 判定 only a verdict. */
		return label && has(label, "结果") && !has(label, "结论") &&
				       !has(label, "判定") ?
			       QC_HOLDS_RESULT :
			       QC_HOLDS_VERDICT;
	case QC_SF_FAILED: return QC_HOLDS_ITEMS;
	case QC_SF_BODY: return QC_HOLDS_LAB;
	case QC_SF_REGION: return QC_HOLDS_PLACE;
	default: break;
	}
	if (field >= 0 || !label)
		return QC_HOLDS_ANY;
	for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (has(label, hints[i].word))
			return hints[i].holds;
	return QC_HOLDS_ANY;
}

/* The search for the best placing of k cells into n columns, in order,
 * the n - k others left empty. */
struct placing {
	const struct qc_sampling_map *m;
	const unsigned *kind;    /* of each cell */
	const char *const *text; /* each cell, in simplified characters */
	size_t k, n;
	int at[QC_SAMPLING_COLS];      /* cell i is in column at[i] */
	int best;                      /* score of the best so far */
	int best_at[QC_SAMPLING_COLS]; /* the first best placing, or the
					  last where rightmost */
	bool rightmost;
	/* Across the best placings, per column: the non-blank cell there
	 * (-1: none), whether they differ on it, and whether the column
	 * is empty in all of them or only in some. */
	int col_cell[QC_SAMPLING_COLS];
	bool differs[QC_SAMPLING_COLS], always_gap[QC_SAMPLING_COLS],
		some_gap[QC_SAMPLING_COLS];
	size_t tries;
};

static void record(struct placing *p, int score)
{
	int cell[QC_SAMPLING_COLS];
	bool gap[QC_SAMPLING_COLS];

	for (size_t c = 0; c < p->n; c++)
		cell[c] = -1, gap[c] = true;
	for (size_t i = 0; i < p->k; i++) {
		gap[p->at[i]] = false;
		if (!(p->kind[i] & K_BLANK))
			cell[p->at[i]] = (int)i;
	}
	if (score == p->best && p->rightmost)
		memcpy(p->best_at, p->at, p->k * sizeof(int));
	if (score > p->best) {
		p->best = score;
		memcpy(p->best_at, p->at, p->k * sizeof(int));
		for (size_t c = 0; c < p->n; c++) {
			p->col_cell[c] = cell[c];
			p->differs[c] = false;
			p->always_gap[c] = p->some_gap[c] = gap[c];
		}
		return;
	}
	for (size_t c = 0; c < p->n; c++) {
		p->differs[c] |= cell[c] != p->col_cell[c];
		p->always_gap[c] &= gap[c];
		p->some_gap[c] |= gap[c];
	}
}

/* Whether s ends as a shop's name does (…修理部, …车行, …超市), not a
 * maker's. */
static bool shop(const char *s)
{
	static const char *const end[] = { "店",   "超市", "部",    "商行",
					   "车行", "摊",   "档",    "铺",
					   "门市", "市场", "加油站" };
	for (size_t i = 0; s && i < sizeof(end) / sizeof(*end); i++)
		if (qc_sampling_ends(s, end[i]))
			return true;
	return false;
}

/* Every result has a product (and a producer where no sampled unit
 * stands for it): a placing that leaves its column empty is worse than
 * one that leaves a brand or a remark empty. */
static int required_left_empty(const struct placing *p)
{
	const struct qc_sampling_map *m = p->m;
	int cols[2] = { m->col[QC_SF_PRODUCT], -1 }, missing = 0;
	int sampled = m->col[QC_SF_SAMPLED], maker = m->col[QC_SF_ENTERPRISE];
	bool used[QC_SAMPLING_COLS] = { false };

	/* A row that lost its leading cells lost the sampled unit's: the
	 * producer is its own. */
	if (sampled < 0 || p->rightmost)
		cols[1] = maker;
	for (size_t i = 0; i < p->k; i++)
		used[p->at[i]] = true;
	for (size_t i = 0; i < 2; i++)
		missing += cols[i] >= 0 && (size_t)cols[i] < p->n &&
			   !used[cols[i]];
	/* A shop's name placed as the producer's, the sampled unit's
	 * column left empty (南通 2024: the producer's cell dropped where
	 * the maker disowned the sample): the shop is the sampled unit. */
	for (size_t i = 0; !p->rightmost && sampled >= 0 &&
			   (size_t)sampled < p->n && !used[sampled] && i < p->k;
	     i++)
		missing += p->at[i] == maker && shop(p->text[i]);
	return missing;
}

static void search(struct placing *p, size_t i, size_t from, int score)
{
	if (i == p->k) {
		score -= required_left_empty(p);
		if (score >= p->best)
			record(p, score);
		return;
	}
	/* Cell i in column c, leaving room for the cells after it. */
	for (size_t c = from; c + (p->k - i) <= p->n; c++) {
		int f = fit(p->m->holds[c], p->kind[i]);
		if (f == CLASH || ++p->tries > MAX_TRIES)
			continue;
		p->at[i] = (int)c;
		search(p, i + 1, c + 1, score + f);
	}
}

/* Do the best placings disagree on a cell some field reads? */
static bool mapped_differs(const struct placing *p)
{
	for (int f = 0; f < QC_SF__COUNT; f++) {
		int c = p->m->col[f];
		if (c >= 0 && (size_t)c < p->n && p->differs[c])
			return true;
	}
	return p->m->place >= 0 && (size_t)p->m->place < p->n &&
	       p->differs[p->m->place];
}

/* A row that lost its leading merged cells (a unit's second row, its
 * 序号 and name merged with the row above): as many cells as the
 * header, fewer filled, every empty one at the end, under a row above,
 * and its first or second cell not what its column holds (a name under
 * 序号). Its cells are then placed by kind as far right as they fit,
 * and the cells left of them carried down (sampling_carry.c). */
static bool lost_leading(const struct qc_sampling_map *m,
			 const struct sampling_reader *rd,
			 const struct qc_table_row *row, size_t k)
{
	size_t n = (size_t)m->n_cols;
	bool clash = false;

	if (k + 2 > n || !rd->above[0])
		return false;
	/* Its first or second cell (a name under 序号; with no 序号, a date
	 * under the second unit's name). */
	for (size_t i = 0; i < 2 && !clash; i++) {
		char *simple = NULL;
		const char *s = row->cells[i];
		if (m->traditional)
			s = simple = qc_sampling_rd_simplify(s);
		clash = m->holds[i] != QC_HOLDS_ANY &&
			fit(m->holds[i], qc_sampling_kind(s)) == CLASH;
		free(simple);
	}
	return clash;
}

/* Did the page drop a cell from a full row padded by empty cells? A
 * date, a credit code, a laboratory, an organisation or a verdict under
 * a column that does not hold it, which exactly one column to its right
 * may hold: 05's 武汉谱尼科技有限公司 under 公告日期 with 检验机构 further
 * on, a date under 商标 with 生产日期 next. */
static bool dropped_cell(const struct qc_sampling_map *m, const unsigned *kind,
			 size_t k)
{
	size_t n = (size_t)m->n_cols;

	for (size_t i = 0; i < k; i++) {
		size_t fits = 0;
		if (!(kind[i] &
		      (K_DATE | K_CODE | K_LAB | K_ORG | K_VERDICT)) ||
		    fit(m->holds[i], kind[i]) > 0)
			continue;
		for (size_t c = i + 1; c < n; c++)
			fits += fit(m->holds[c], kind[i]) > 0;
		if (fits == 1)
			return true;
	}
	return false;
}

/* Would placing a full row's cells at at[] move the verdict out of the
 * result column, or leave that column empty where the row fills it? */
static bool moves_result(const struct qc_sampling_map *m, const unsigned *kind,
			 size_t k, const int *at)
{
	int rc = m->col[QC_SF_RESULT];

	if (rc < 0 || (size_t)rc >= k || (kind[rc] & K_BLANK))
		return false;
	if (kind[rc] & K_VERDICT)
		return at[rc] != rc;
	for (size_t i = 0; i < k; i++)
		if (at[i] == rc && !(kind[i] & K_BLANK))
			return false;
	return true;
}

enum qc_rc qc_sampling_shape(const struct qc_sampling_map *m,
			     struct sampling_reader *rd,
			     const struct qc_table_row *row,
			     const char *cells[QC_SAMPLING_COLS],
			     unsigned char state[QC_SAMPLING_COLS],
			     struct qc_error *err)
{
	size_t n = (size_t)m->n_cols, k = row->n;
	unsigned kind[QC_SAMPLING_COLS];
	const char *text[QC_SAMPLING_COLS];
	struct placing p = {
		.m = m, .kind = kind, .text = text, .n = n, .best = INT_MIN
	};
	char *simple[QC_SAMPLING_COLS] = { 0 };
	int clash = -1;
	enum qc_rc rc = QC_OK;

	while (k > 0 && !*row->cells[k - 1])
		k--;
	for (size_t c = 0; c < n; c++) {
		cells[c] = c < row->n ? row->cells[c] : "";
		state[c] = c < k ? QC_CELL_READ : QC_CELL_MISSING;
	}
	/* Short on the cells the row has, not on those written: a full
	 * row ending in empty cells (no failed items, no remark) is read
	 * as written, never shifted into them, unless it lost its leading
	 * merged cells (lost_leading), or its cells do not fit their
	 * columns: a row that dropped a cell in its middle and kept the
	 * separators to the header's width (不合格 under 批号, a
	 * laboratory under 不合格项目) is placed as a short row is. With
	 * two or more empty cells at its end it is read as written unless
	 * the page clearly dropped a cell (dropped_cell: 05's rows, a
	 * laboratory under 公告日期); a value or an item out of place (含量
	 * ≥99% under 规格型号, 鸿运菌业 under 企业名称) is no such sign. */
	if (k < 2 || k >= n)
		return QC_OK;
	p.rightmost = row->n >= n && lost_leading(m, rd, row, k);
	for (size_t i = 0; i < k; i++) {
		const char *s = row->cells[i];
		if (m->traditional)
			s = simple[i] = qc_sampling_rd_simplify(s);
		kind[i] = qc_sampling_kind(s);
		text[i] = s;
		if (clash < 0 && fit(m->holds[i], kind[i]) == CLASH)
			clash = (int)i;
	}
	if (clash < 0)
		goto out;
	if (row->n >= n && !p.rightmost && k + 1 != n &&
	    !dropped_cell(m, kind, k))
		goto out;
	p.k = k;
	if (n - k <= MAX_GAPS)
		search(&p, 0, 0, 0);
	/* No placing fits, two fit as well and a field depends on which,
	 * or too many to weigh: refused. */
	/* A row that lost its leading cells is read as written unless
	 * its cells fit further right. */
	if (p.rightmost &&
	    (p.best == INT_MIN || p.tries > MAX_TRIES || p.best_at[0] == 0))
		goto out;
	/* A full-width row (an empty last cell, as an empty 备注 leaves it)
	 * that no placing fits better is read as written: a cell may be
	 * misread by its kind (a maker named 鸿运菌业 reads as an item);
	 * refused only when two placings fit and disagree. */
	if (row->n >= n && !p.rightmost &&
	    (p.best == INT_MIN || p.tries > MAX_TRIES))
		goto out;
	if (!p.rightmost &&
	    (p.best == INT_MIN || mapped_differs(&p) || p.tries > MAX_TRIES)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "%zu cells under %d headings, and '%s' in "
				  "column %d ('%s') is not what that column "
				  "holds: a cell is missing in the middle of "
				  "the row, and where cannot be told from its "
				  "cells; give the missing cell (/) in its "
				  "place, or --skip-bad",
				  k, m->n_cols, row->cells[clash], clash + 1,
				  m->heading[clash] ? m->heading[clash] : "");
		goto out;
	}
	/* A full row keeps its verdict where it is written, and its
	 * result (a placing that empties the result column is no
	 * better reading of a row that has one). */
	if (row->n >= n && !p.rightmost && moves_result(m, kind, k, p.best_at))
		goto out;
	for (size_t c = 0; c < n; c++) {
		cells[c] = "";
		/* Empty in every best placing: the page dropped that cell;
		 * in some only: whether it is empty cannot be told. */
		state[c] = p.rightmost     ? QC_CELL_MISSING :
			   p.always_gap[c] ? QC_CELL_MISSING :
			   p.some_gap[c]   ? QC_CELL_UNSURE :
					     QC_CELL_READ;
	}
	for (size_t i = 0; i < k; i++) {
		cells[p.best_at[i]] = row->cells[i];
		state[p.best_at[i]] = QC_CELL_READ;
	}
	if (p.rightmost)
		rd->lost++;
	else
		rd->placed++;
out:
	for (size_t i = 0; i < k; i++)
		free(simple[i]);
	return rc;
}
