/* One sentence of a failure read (宿松县 2020: "1、叶金梅 (宿松县…市场内)
 * 经销的黄丫鱼,恩诺沙星…不符合食品安全国家标准规定。"; 海南, 甘肃, 宁夏,
 * 西藏: "X销售的、标称Y生产的Z,其中W不符合…"): its seller, producer,
 * products, failed items, laboratory and date, or why it cannot be read;
 * never guessed. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/strbuf.h"
#include "sampling_int.h"
#include "sampling_sentence.h"
#include "banned.h"

#define MAX_CLAUSES 64

static const char *const verbs[] = { "销售的", "经销的", "经营使用的",
				     "经营的", "使用的", "加工制作的",
				     "制作的", "消毒的", "生产的",
				     "抽检的", "抽取的" };
/* Of these the unit before is the producer. */
static bool makes(const char *verb)
{
	return !strcmp(verb, "生产的") || !strcmp(verb, "生产") ||
	       !strcmp(verb, "加工制作的") || !strcmp(verb, "制作的");
}

/* What was found failing follows these (被抽查出绝缘厚度不合格). */
static const char *const found[] = { "被抽查出", "被检测出", "被检出" };

/* 检测结果为检出 (阎良区 2025): found where the limit is none. */
static const char *const fails[] = { "不符合", "超标", "不合格",
				     "检测结果为检出", "检验结果为检出" };

/* The bracket depth change of the character at p: +1, -1 or 0; its
 * length in *len. */
static int bracket(const char *p, size_t *len)
{
	static const char *const open[] = { "(", "（", "[", "【", "“", "《" };
	static const char *const close[] = { ")", "）", "]", "】", "”", "》" };
	for (size_t i = 0; i < sizeof(open) / sizeof(*open); i++) {
		if (qc_sampling_starts(p, open[i]))
			return *len = strlen(open[i]), 1;
		if (qc_sampling_starts(p, close[i]))
			return *len = strlen(close[i]), -1;
	}
	*len = (*p & 0xC0) == 0xC0 ? ((*p & 0xF0) == 0xF0 ? 4 :
				      (*p & 0xE0) == 0xE0 ? 3 :
							    2) :
				     1;
	return 0;
}

/* The first w in s outside brackets, or NULL. */
static char *find_out(char *s, const char *w)
{
	int depth = 0;
	size_t len;
	for (char *p = s; *p; p += len) {
		if (!depth && qc_sampling_starts(p, w))
			return p;
		depth += bracket(p, &len);
		if (depth < 0)
			depth = 0;
	}
	return NULL;
}

/* Spaces and tabs off both ends of *s, in place (*s moves past the
 * leading ones). */
void qc_sentence_trim(char **s)
{
	char *p = *s;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		p[--n] = '\0';
	*s = p;
}

static void cut_end(char *s, const char *w)
{
	if (qc_sampling_ends(s, w))
		s[strlen(s) - strlen(w)] = '\0';
}

/* Split s in place at the clause marks outside brackets. */
static size_t clauses(char *s, char *out[MAX_CLAUSES], bool *more)
{
	static const char *const mark[] = { ",", "，", "。", ";", "；" };
	size_t n = 0, len;
	int depth = 0;
	char *from = s;

	for (char *p = s; *p; p += len) {
		bool cut = false;
		if (!depth)
			for (size_t i = 0; i < sizeof(mark) / sizeof(*mark);
			     i++)
				if (qc_sampling_starts(p, mark[i])) {
					len = strlen(mark[i]);
					cut = true;
					break;
				}
		if (!cut) {
			depth += bracket(p, &len);
			depth = depth < 0 ? 0 : depth;
			continue;
		}
		*p = '\0';
		if (n < MAX_CLAUSES)
			out[n++] = from;
		else
			*more = true;
		from = p + len;
	}
	if (*from && n < MAX_CLAUSES)
		out[n++] = from;
	else if (*from)
		*more = true;
	for (size_t i = 0; i < n; i++)
		qc_sentence_trim(&out[i]);
	return n;
}

/* The number a line opens with (1、 1. (一) 一、), skipped. */
char *qc_sentence_unnumbered(char *s, bool *numbered)
{
	static const char *const numeral[] = { "一", "二", "三", "四", "五",
					       "六", "七", "八", "九", "十" };
	char *p = s;
	bool open = qc_sampling_starts(p, "(") || qc_sampling_starts(p, "（");

	*numbered = false;
	/* ●位于… (南昌 2019): a bullet numbers it as well. */
	static const char *const bullet[] = { "●", "•", "◆", "■", "▲" };
	for (size_t i = 0; i < sizeof(bullet) / sizeof(*bullet); i++)
		if (qc_sampling_starts(p, bullet[i])) {
			*numbered = true;
			p += strlen(bullet[i]);
			return p + strspn(p, " ");
		}
	if (open)
		p += *p == '(' ? 1 : strlen("（");
	char *digits = p;
	for (bool more = true; more;) {
		more = false;
		if (*p >= '0' && *p <= '9') {
			p++;
			more = true;
		}
		for (size_t i = 0; i < 10 && !more; i++)
			if (qc_sampling_starts(p, numeral[i]))
				p += strlen(numeral[i]), more = true;
	}
	if (p == digits || p - digits > 9)
		return s;
	static const char *const after[] = { "、", ".", "．", ")", "）", " " };
	for (size_t i = 0; i < sizeof(after) / sizeof(*after); i++)
		if (qc_sampling_starts(p, after[i]) &&
		    (!open || !strcmp(after[i], ")") ||
		     !strcmp(after[i], "）"))) {
			*numbered = true;
			return p + strlen(after[i]);
		}
	return s;
}

/* Where the clause of s holding p begins: past the last clause mark (or
 * colon) before p outside brackets. */
static const char *clause_start(const char *s, const char *p)
{
	static const char *const mark[] = { ",",  "，", "。", ";",
					    "；", ":",  "：" };
	const char *from = s;
	int depth = 0;
	size_t len;
	for (const char *q = s; q < p; q += len) {
		for (size_t i = 0; !depth && i < sizeof(mark) / sizeof(*mark);
		     i++)
			if (qc_sampling_starts(q, mark[i]))
				from = q + strlen(mark[i]);
		depth += bracket(q, &len);
		depth = depth < 0 ? 0 : depth;
	}
	return from;
}

/* A role written with no 的 (云南 2022: …有限公司生产酸腌菜) or a unit's
 * product in quotes (福建 2017: …有限公司的“木家具—凳子”): 生产, or 的
 * before a quote, right after a name that ends as a unit's does
 * (qc_sampling_org_end) in its clause; the earliest, or NULL. */
static char *plain_role(char *s, const char **verb)
{
	static const char *const plain[] = { "生产", "的“" };
	/* 生产日期, 生产企业, 生产销售的 …: no role of their own. */
	static const char *const not_after[] = { "的",   "销售", "经营", "日期",
						 "许可", "批号", "企业", "厂",
						 "单位", "地址", "商",   "者",
						 "加工", "经销", "、" };
	char *best = NULL;
	for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++)
		for (char *p = s; (p = find_out(p, plain[i]));
		     p += strlen(plain[i])) {
			const char *next = p + strlen(plain[i]), *from;
			bool other = !*next;
			for (size_t k = 0;
			     !i && !other &&
			     k < sizeof(not_after) / sizeof(*not_after);
			     k++)
				other = qc_sampling_starts(next, not_after[k]);
			if (other)
				continue;
			from = clause_start(s, p);
			if (p > from &&
			    qc_sampling_org_end(from, (size_t)(p - from))) {
				if (!best || p < best)
					best = p, *verb = i ? "的" : "生产";
				break;
			}
		}
	return best;
}

/* A unit the sample was taken from, named after its verb (辽宁 2022:
 * 抽查自甲公司的一批次电缆): the 的 after the name, or NULL; the name
 * must end as a unit's does (qc_sampling_org_end), its batches in
 * brackets passed over. */
static char *sampled_from(char *s)
{
	char *p = find_out(s, "抽查自"), *of;
	if (!p || !(of = find_out(p, "的")))
		return NULL;
	const char *name = p + strlen("抽查自");
	size_t n = (size_t)(of - name);
	if (n && name[n - 1] == ')')
		while (n && name[n - 1] != '(')
			n--;
	return n > 1 && qc_sampling_org_end(name, n - (name[n - 1] == '(')) ?
		       of :
		       NULL;
}

/* A unit led by its address in the first clause of s (南昌 2019: 位于南
 * 昌市…3325的甲餐饮店,被检测出…): the 的 before the unit's name, which
 * must end as a unit's does; else NULL. */
static char *located(char *s, bool loose)
{
	if (!qc_sampling_starts(s, "位于"))
		return NULL;
	char *end = find_out(s, ","), *wide = find_out(s, "，"), *of = NULL;
	if (!end || (wide && wide < end))
		end = wide;
	if (!end)
		end = s + strlen(s);
	for (char *p = s; (p = find_out(p, "的")) && p < end; p += strlen("的"))
		of = p;
	if (!of || of + strlen("的") >= end)
		return NULL;
	const char *u = of + strlen("的");
	return loose || qc_sampling_org_end(u, (size_t)(end - u)) ? of : NULL;
}

/* Whether clause c goes on of a unit named before it (其销售的…, 销售的…,
 * 被检测出…): what leads it then is that unit, whatever its name. */
static bool goes_on(const char *c)
{
	if (qc_sampling_starts(c, "其") || qc_sampling_starts(c, "销售的"))
		return true;
	for (size_t i = 0; i < sizeof(found) / sizeof(*found); i++)
		if (qc_sampling_starts(c, found[i]))
			return true;
	return false;
}

/* The earliest verb of a role (销售的, 生产的 …) in s outside brackets;
 * else a role written plain (plain_role) or after its verb
 * (sampled_from). */
static char *role_of(char *s, const char **verb)
{
	char *best = NULL;
	for (size_t i = 0; i < sizeof(verbs) / sizeof(*verbs); i++) {
		char *p = find_out(s, verbs[i]);
		if (p && (!best || p < best))
			best = p, *verb = verbs[i];
	}
	if (!best && (best = sampled_from(s)))
		*verb = "的";
	return best ? best : plain_role(s, verb);
}

/* Whether the unit before a role's verb at v is a tally, not a name
 * (市场监管总局 2022's report: 134家企业生产的151批次产品, …等公司生产
 * 的产品). */
static bool tally(const char *s, const char *v)
{
	static const char *const some[] = { "等公司", "等企业", "等单位",
					    "等厂家" };
	static const char *const count[] = { "家企业", "家公司", "家单位",
					     "家生产企业" };
	const char *from = clause_start(s, v);
	size_t n = (size_t)(v - from);
	for (size_t i = 0; i < sizeof(some) / sizeof(*some); i++)
		if (n >= strlen(some[i]) &&
		    !strncmp(v - strlen(some[i]), some[i], strlen(some[i])))
			return true;
	for (size_t i = 0; i < sizeof(count) / sizeof(*count); i++) {
		size_t k = strlen(count[i]);
		if (n > k && !strncmp(v - k, count[i], k) && v[-k - 1] >= '0' &&
		    v[-k - 1] <= '9')
			return true;
	}
	/* 19家销售者销售的, 31家生产、销售者生产销售的 (贵州 2022, 吉林
	 * 2022): a number of units of any kind, a few words after 家. */
	const char *jia = NULL, *num;
	for (const char *p = from; p < v; p++)
		if (qc_sampling_starts(p, "家"))
			jia = p;
	if (!jia || jia == from || jia[-1] < '0' || jia[-1] > '9' ||
	    (size_t)(v - jia) > strlen("家") + 10 * strlen("家"))
		return false;
	/* 第1家超市 is a name's number, not a count. */
	for (num = jia; num > from && num[-1] >= '0' && num[-1] <= '9';)
		num--;
	return !((size_t)(num - from) >= strlen("第") &&
		 !strncmp(num - strlen("第"), "第", strlen("第")));
}

/* A unit's own tableware with no verb (阎良区 2025: …泡馍馆的筷子,
 * …面馆(个体工商户)的小汤碗): the first 的 of the first clause after a
 * name that ends as a unit's does (qc_sampling_org_end), its bracket
 * passed over; else NULL. */
static char *owned_by(char *s)
{
	char *p = find_out(s, "的");
	if (!p || p == s)
		return NULL;
	size_t n = (size_t)(p - s);
	for (size_t i = 0; i < n; i++)
		if (s[i] == ',' || qc_sampling_starts(s + i, "，") ||
		    qc_sampling_starts(s + i, "。"))
			return NULL;
	if (s[n - 1] == ')' ||
	    (n >= 3 && qc_sampling_starts(s + n - 3, "）"))) {
		while (n && s[n - 1] != '(' &&
		       !(n >= 3 && qc_sampling_starts(s + n - 3, "（")))
			n--;
		if (n && s[n - 1] == '(')
			n--;
		else if (n >= 3)
			n -= 3;
	}
	return qc_sampling_org_end(s, n) ? p : NULL;
}

/* A role's verb in s, or (weak) a unit's own 的 (owned_by). */
static char *role_in(char *s, const char **verb, bool weak)
{
	char *v = role_of(s, verb);
	if (!v && weak && (v = owned_by(s)))
		*verb = "的";
	return v;
}

/* Whether s ends with a role's verb (…销售的、标称…: the producer of the
 * seller's goods follows, no record of its own). */
static bool ends_in_verb(const char *s)
{
	for (size_t i = 0; i < sizeof(verbs) / sizeof(*verbs); i++)
		if (qc_sampling_ends(s, verbs[i]))
			return true;
	return false;
}

/* The first failure phrase in s outside brackets. */
static char *failure_in(char *s)
{
	char *best = NULL;
	for (size_t i = 0; i < sizeof(fails) / sizeof(*fails); i++) {
		char *p = find_out(s, fails[i]);
		if (p && (!best || p < best))
			best = p;
	}
	return best;
}

/* A unit's place in brackets after its name (叶金梅 (宿松县孚玉镇皖西南
 * 市场内)): its address. */
static void place_of(struct sentence *x)
{
	static const char *const at[] = { "省", "市", "县", "区", "镇",
					  "乡", "村", "路", "街", "号" };
	char *u = x->unit;
	size_t n = strlen(u);
	if (!n || (u[n - 1] != ')' && !qc_sampling_ends(u, "）")))
		return;
	char *open = strrchr(u, '(');
	char *wide = strstr(u, "（");
	if (wide && (!open || wide > open))
		open = wide;
	if (!open || open == u)
		return;
	bool place = false;
	for (size_t i = 0; i < sizeof(at) / sizeof(*at); i++)
		place |= strstr(open, at[i]) != NULL;
	if (!place)
		return;
	u[n - (u[n - 1] == ')' ? 1 : strlen("）"))] = '\0';
	x->address = open + (*open == '(' ? 1 : strlen("（"));
	*open = '\0';
	qc_sentence_trim(&x->unit);
	qc_sentence_trim(&x->address);
}

/* The earliest of labels w in t (the longest of those there), its length
 * in *len; or NULL. */
static char *label_at(char *t, const char *const *w, size_t n, size_t *len)
{
	char *best = NULL;
	for (size_t i = 0; i < n; i++) {
		char *p = strstr(t, w[i]);
		if (p &&
		    (!best || p < best || (p == best && strlen(w[i]) > *len)))
			best = p, *len = strlen(w[i]);
	}
	return best;
}

/* A value after its label: past a colon or 为, to a ; or ,, trimmed;
 * NULL if empty. */
static char *value_of(char *v)
{
	if (!v)
		return NULL;
	while (*v == ' ')
		v++;
	if (*v == ':' || qc_sampling_starts(v, "：") ||
	    qc_sampling_starts(v, "为"))
		v += *v == ':' ? 1 : strlen("：");
	for (char *p = v; *p; p++)
		if (*p == ';' || *p == ',' || qc_sampling_starts(p, "；") ||
		    qc_sampling_starts(p, "，")) {
			*p = '\0';
			break;
		}
	qc_sentence_trim(&v);
	return *v ? v : NULL;
}

/* A bracket of labelled fields after a product (t, its text: 规格/型号
 * 6910;生产日期/批号2022.7, 规格228mL×50只 批号20240302): its spec and
 * lot, cut in place. */
static void labelled(char *t, char **spec, char **lot)
{
	static const char *const sl[] = { "规格/型号", "规格型号", "型号规格",
					  "规格", "型号" };
	static const char *const ll[] = { "生产日期/批号", "生产日期或批号",
					  "生产日期", "批号" };
	size_t a = 0, b = 0;
	char *sp = label_at(t, sl, sizeof(sl) / sizeof(*sl), &a);
	char *lp = label_at(t, ll, sizeof(ll) / sizeof(*ll), &b);
	char *sv = sp ? sp + a : NULL, *lv = lp ? lp + b : NULL;
	if (sp && lp)
		*(sp < lp ? lp : sp) = '\0';
	*spec = value_of(sv);
	*lot = value_of(lv);
}

/* The producer a bracket of labelled fields names (海南 2023: 食品加工器
 * (标称生产日期/批号:2023年2月,标称生产企业:甲公司)), where the sentence
 * names none; its label cut from t so the lot before it ends there. */
static void maker_in(struct sentence *x, char *t)
{
	static const char *const ml[] = { "标称生产企业", "生产企业",
					  "标称生产者", "生产者" };
	size_t n = 0;
	char *p = label_at(t, ml, sizeof(ml) / sizeof(*ml), &n);
	if (!p || x->producer)
		return;
	*p = '\0';
	x->producer = value_of(p + n);
}

/* Whether 等 ends s as a grade (优等, 上等, 一等), not "and others". */
static bool graded(const char *s)
{
	static const char *const grade[] = { "优等", "上等", "中等", "下等",
					     "一等", "二等", "三等", "特等",
					     "高等", "同等", "平等", "次等" };
	for (size_t i = 0; i < sizeof(grade) / sizeof(*grade); i++)
		if (qc_sampling_ends(s, grade[i]))
			return true;
	return false;
}

/* The products of what follows the role (食用农产品红鸡蛋, 样品名称为桃酥
 * 的餐饮食品, A、B), split at 、. */
static void products_of(struct sentence *x, char *s)
{
	char *p;
	if ((p = strstr(s, "样品名称"))) {
		s = p + strlen("样品名称");
		if (qc_sampling_starts(s, "为"))
			s += strlen("为");
		if ((p = find_out(s, "的")))
			*p = '\0';
	}
	if ((p = find_out(s, "、规格")))
		*p = '\0';
	if (qc_sampling_starts(s, "食用农产品") &&
	    strlen(s) > strlen("食用农产品"))
		s += strlen("食用农产品");
	/* A note in brackets after the product (生产日期:…,规格:…) is no part
	 * of its name; a count of samples (2批次) is that many rows. */
	while (*s) {
		char *next = find_out(s, "、");
		if (x->n_products == QC_SENTENCE_PRODUCTS) {
			x->cut = true;
			break;
		}
		if (next)
			*next = '\0';
		qc_sentence_trim(&s);
		int copies = 1;
		char *open = strrchr(s, '(');
		if (open && open > s && qc_sampling_ends(s, ")")) {
			if (strstr(open, "生产日期") || strstr(open, "规格") ||
			    strchr(open, ':')) {
				/* 生产日期/批号:2015/8/21、2015/9/26: two
				 * lots, a batch each (安徽 2016: the totals
				 * count them so). */
				if (strstr(open, "生产日期"))
					for (char *q = open;
					     (q = strstr(q, "、"));
					     q += strlen("、"))
						copies++;
				char *t = open + 1;
				*open = '\0';
				t[strlen(t) - 1] = '\0';
				maker_in(x, t);
				labelled(t, &x->spec[x->n_products],
					 &x->lot[x->n_products]);
			} else if (strstr(open, "批次") && open[1] >= '1' &&
				   open[1] <= '9') {
				copies = atoi(open + 1);
				*open = '\0';
			}
		}
		/* “叉烧月饼”等。 (南宁 2021): the list goes on unnamed. */
		if (!next && qc_sampling_ends(s, "等") &&
		    strlen(s) > 2 * strlen("等") && !graded(s))
			s[strlen(s) - strlen("等")] = '\0';
		/* “木家具—凳子” (福建 2017): the quotes are no part of it. */
		if (qc_sampling_starts(s, "“") && qc_sampling_ends(s, "”") &&
		    !strstr(s + strlen("“"), "“")) {
			s += strlen("“");
			s[strlen(s) - strlen("”")] = '\0';
		}
		if (*s) {
			x->copies[x->n_products] = copies > 20 ? 20 : copies;
			x->product[x->n_products++] = s;
		}
		if (!next)
			break;
		s = next + strlen("、");
	}
}

/* Where the value of a field written before the product ends (at 的,
 * or at 和 or 、 before the same label again); NULL if at none. */
static char *ahead_end(char *v, const char *label)
{
	int depth = 0;
	size_t len;
	for (char *p = v; *p; p += len) {
		if (!depth && (qc_sampling_starts(p, "的") ||
			       ((qc_sampling_starts(p, "和") ||
				 qc_sampling_starts(p, "、")) &&
				qc_sampling_starts(p + strlen("和"), label))))
			return p;
		depth += bracket(p, &len);
		depth = depth < 0 ? 0 : depth;
	}
	return NULL;
}

/* Fields labelled before the product (宁夏 2018: 抽检的批号为20180525的
 * 瓶装饮用水; 批号为20180911(2批次)和批号为20181018的纯净水: three
 * batches, two lots; 宁夏 2016: 生产的规格为65g/包的饼干): the spec and
 * the lots (x->made, one a batch, *copies the batches); s past them, or
 * s as it was if it opens with no such field. */
static char *ahead(struct sentence *x, char *s, char **spec, int *copies)
{
	static const char *const label[] = { "批号为", "生产日期为",
					     "规格型号为", "规格为", "型号为" };
	struct qc_buf lots = QC_BUF_INIT;
	char *from = s;
	bool more = true;

	qc_buf_init(&lots, 4096);
	*copies = 0;
	while (more) {
		size_t i = 0;
		while (i < sizeof(label) / sizeof(*label) &&
		       !qc_sampling_starts(s, label[i]))
			i++;
		if (i == sizeof(label) / sizeof(*label))
			break;
		char *v = s + strlen(label[i]), *end = ahead_end(v, label[i]);
		if (!end || end == v) {
			s = from;
			*copies = 0;
			*spec = NULL;
			qc_buf_release(&lots);
			return s;
		}
		/* 的, 和 and 、 are three bytes each. */
		more = !qc_sampling_starts(end, "的");
		*end = '\0';
		s = end + strlen("的");
		if (i >= 2) {
			*spec = v;
			continue;
		}
		/* 20180911(2批次): that lot for two batches. */
		int n = 1;
		char *open = strchr(v, '(');
		if (open && open > v && open[1] >= '1' && open[1] <= '9' &&
		    strstr(open, "批次")) {
			n = atoi(open + 1);
			n = n > 20 ? 20 : n;
			*open = '\0';
		}
		for (int k = 0; k < n; k++) {
			if (qc_buf_len(&lots))
				qc_buf_adds(&lots, "、");
			qc_buf_adds(&lots, v);
		}
		*copies += n;
	}
	if (*copies && !qc_buf_failed(&lots)) {
		free(x->made);
		x->made = qc_buf_detach(&lots, NULL);
	}
	qc_buf_release(&lots);
	return s;
}

/* The items written after the product's bracket, before the failure
 * (安徽 2016: 马铃薯淀粉(生产日期/批号:…)标签不合格; 阎良区 2025: 生姜(鲜)
 * 二氧化硫残留量检测结果为检出): cut from rest. */
static void after_bracket(struct sentence *x, char *rest)
{
	char *close = strrchr(rest, ')'), *wide = rest, *w;
	size_t len = 1;
	while ((w = strstr(wide, "）"))) {
		if (!close || w > close)
			close = w, len = strlen("）");
		wide = w + strlen("）");
	}
	if (!close || close == rest)
		return;
	char *items = close + len;
	qc_sentence_trim(&items);
	if (!*items || find_out(items, "、"))
		return;
	/* Moved a byte on (into the failure phrase cut from rest) so the
	 * product can end at its bracket. */
	memmove(items + 1, items, strlen(items) + 1);
	x->items = items + 1;
	close[len] = '\0';
}

/* Digits from p, at most max; their number. */
static size_t digits(const char *p, size_t max)
{
	size_t n = 0;
	while (n < max && p[n] >= '0' && p[n] <= '9')
		n++;
	return n;
}

/* A count of batches *s opens with (贵州 2022: 生产的1批次一次性口罩;
 * 辽宁 2022: 抽查自…的一批次…电缆): *s moved past it; the count, or 0
 * if it opens with none. */
static int batches_before(char **s)
{
	char *p = *s;
	int n = 1;
	size_t k = digits(p, 3);
	if (k)
		n = atoi(p), p += k;
	else if (qc_sampling_starts(p, "一"))
		p += strlen("一");
	else
		return 0;
	if (n < 1 || !qc_sampling_starts(p, "批次") || !p[strlen("批次")])
		return 0;
	*s = p + strlen("批次");
	return n > 20 ? 20 : n;
}

/* A date s ends with (2017年5月12日, 2017年5月), or NULL. */
static char *date_at_end(char *s)
{
	for (char *p = s; *p; p++) {
		if (p > s && p[-1] >= '0' && p[-1] <= '9')
			continue;
		size_t n = digits(p, 5);
		if (n != 4 || !qc_sampling_starts(p + n, "年"))
			continue;
		char *q = p + n + strlen("年");
		if (!(n = digits(q, 3)) || n > 2 ||
		    !qc_sampling_starts(q + n, "月"))
			continue;
		q += n + strlen("月");
		if ((n = digits(q, 3)) && n <= 2 &&
		    qc_sampling_starts(q + n, "日"))
			q += n + strlen("日");
		if (!*q)
			return p;
	}
	return NULL;
}

/* The subject clause: the unit, the producer, the products, and (西藏:
 * 红鸡蛋中氟苯尼考超标) the items. */
static void subject(struct sentence *x, char *s, bool weak)
{
	const char *verb = NULL;
	char *v = role_in(s, &verb, weak), *rest;

	*v = '\0';
	rest = v + strlen(verb);
	/* A lead ending in a colon (饼干不合格1批次:, 不合格食品包括:, 福建
	 * 2019, 南宁 2021) and the number after it (糕点不合格3批次:1、…;
	 * 2、…): no part of the name. */
	for (char *p; (p = find_out(s, ":")) || (p = find_out(s, "："));)
		s = p + (*p == ':' ? 1 : strlen("："));
	bool numbered;
	s = qc_sentence_unnumbered(s, &numbered);
	/* A closing bracket left by the page before the name (云南 2022:
	 * ")嵩明…厂生产的…"): no part of it. */
	while (*s == ')' || qc_sampling_starts(s, "）"))
		s += *s == ')' ? 1 : strlen("）");
	if (qc_sampling_starts(s, "在") &&
	    (!strcmp(verb, "抽检的") || !strcmp(verb, "抽取的")))
		s += strlen("在");
	if (!strcmp(verb, "的") && qc_sampling_starts(s, "抽查自"))
		s += strlen("抽查自");
	/* 分别为A销售的… (贵州 2019): the words leading into the list. */
	/* The words before them (…介绍说:「…」3个批次不合格产品分别为A
	 * 生产的…, 昆明 2017) are no part of the name either. */
	static const char *const lead_in[] = { "分别为", "分别是", "依次为",
					       "不合格产品是", "不合格产品为" };
	for (size_t i = 0; i < sizeof(lead_in) / sizeof(*lead_in); i++) {
		char *p = find_out(s, lead_in[i]);
		if (p)
			s = p + strlen(lead_in[i]);
	}
	if (*s == ':' || qc_sampling_starts(s, "："))
		s += *s == ':' ? 1 : strlen("：");
	if (qc_sampling_starts(s, "标称"))
		s += strlen("标称");
	if (qc_sampling_starts(s, "由"))
		s += strlen("由");
	/* 经营地址为…商铺的…火锅店 (新疆 2020): the unit led by its
	 * address. */
	char *addr = NULL, *of;
	if (qc_sampling_starts(s, "经营地址为") && (of = find_out(s, "的")) &&
	    of[strlen("的")]) {
		*of = '\0';
		addr = s + strlen("经营地址为");
		s = of + strlen("的");
	}
	qc_sentence_trim(&s);
	/* A date between the maker and 生产的 (…有限公司2017年5月12日生产
	 * 的, 昆明 2017): the date it was made, the lot; 生产 written before
	 * it too (…公司生产2017年5月11日生产的) is no part of the name. */
	char *date = date_at_end(s);
	if (date && date > s) {
		free(x->made);
		x->made = qc_xstrdup(date);
		*date = '\0';
		qc_sentence_trim(&s);
		if (makes(verb))
			cut_end(s, "生产");
	}
	if (makes(verb))
		x->producer = s;
	else
		x->unit = s;
	if (addr && !makes(verb)) {
		qc_sentence_trim(&addr);
		x->address = addr;
	}
	/* 生产销售的 (江西 2022): the unit made what it sold. */
	if (!makes(verb) && qc_sampling_ends(s, "生产")) {
		s[strlen(s) - strlen("生产")] = '\0';
		qc_sentence_trim(&x->unit);
		x->producer = x->unit;
	}
	if (qc_sampling_starts(rest, "、"))
		rest += strlen("、");
	/* 销售的、标称Y生产的, 销售的由Y生产的, 抽检的Y生产的: Y made it. */
	char *made;
	if (!makes(verb) && (made = find_out(rest, "生产的"))) {
		*made = '\0';
		x->producer = rest;
		if (qc_sampling_starts(x->producer, "标称"))
			x->producer += strlen("标称");
		if (qc_sampling_starts(x->producer, "由") ||
		    qc_sampling_starts(x->producer, "为"))
			x->producer += strlen("由");
		qc_sentence_trim(&x->producer);
		rest = made + strlen("生产的");
	}
	/* 标称A出品、B生产的 (陕西 2023): A owns the brand, B made it. */
	char *brand;
	if (x->producer && (brand = find_out(x->producer, "出品、")))
		x->producer = brand + strlen("出品、");
	char *spec = NULL;
	int copies = 0;
	rest = ahead(x, rest, &spec, &copies);
	int counted = copies ? 0 : batches_before(&rest);
	char *f = failure_in(rest);
	/* 销售的油条被检测出不合格 (南昌 2019): the product found failing,
	 * no item named. */
	for (size_t i = 0; f && i < sizeof(found) / sizeof(*found); i++) {
		size_t k = strlen(found[i]);
		if ((size_t)(f - rest) > k && !strncmp(f - k, found[i], k) &&
		    qc_sampling_starts(f, "不合格")) {
			f[-k] = '\0';
			x->said = true;
			products_of(x, rest);
			return;
		}
	}
	if (f) {
		char *in = find_out(rest, "中");
		if (in && in < f) {
			*f = '\0';
			x->items = in + strlen("中");
			*in = '\0';
		} else {
			*f = '\0';
			after_bracket(x, rest);
		}
	}
	products_of(x, rest);
	for (size_t i = 0; i < x->n_products; i++) {
		if (spec && !x->spec[i])
			x->spec[i] = spec;
		if (copies > 1 && x->n_products == 1 && !x->lot[i])
			x->copies[i] = copies;
		if (counted > 1 && x->n_products == 1)
			x->copies[i] = counted;
	}
}

/* Item c added to x's (joined by 、), unless it is there. */
static void add_item(struct sentence *x, char *c)
{
	qc_sentence_trim(&c);
	if (!x->items) {
		x->items = c;
		return;
	}
	if (strstr(x->items, c))
		return;
	size_t a = strlen(x->items), b = strlen(c), sep = strlen("、");
	char *both = qc_xmalloc(qc_st_add(qc_st_add(a, b), sep + 1));
	memcpy(both, x->items, a);
	memcpy(both + a, "、", sep);
	memcpy(both + a + sep, c, b + 1);
	free(x->joined);
	x->joined = x->items = both;
}

void qc_sentence_release(struct sentence x[QC_SENTENCE_PARTS])
{
	for (size_t k = 0; k < QC_SENTENCE_PARTS; k++) {
		free(x[k].joined);
		x[k].joined = NULL;
		free(x[k].made);
		x[k].made = NULL;
	}
}

/* s past a colon its label ends with (检验机构为:…, 广西 2020). */
static char *past_colon(char *s)
{
	if (*s == ':' || qc_sampling_starts(s, "："))
		s += *s == ':' ? 1 : strlen("：");
	qc_sentence_trim(&s);
	return s;
}

/* A clause after the subject: the items, the laboratory, a date. */
static void clause(struct sentence *x, char *c)
{
	static const char *const lab[] = { "检验机构为", "检验机构均为",
					   "复检机构为", "承检机构为",
					   "检测机构为", "初检机构为" };
	static const char *const lead[] = { "不合格项目均为", "不合格项目为",
					    "不合格项目:", "检验项目", "其中" };
	/* 受检单位均为 (吉林 2022): the seller of the products before. */
	static const char *const seller[] = {
		"销售单位为",   "销售单位:",  "销售者为",     "经销单位为",
		"被抽样单位为", "受检单位为", "受检单位均为", "受检单位:",
	};
	static const char *const made[] = { "生产日期/批号为", "生产日期为",
					    "生产日期/批号:", "生产日期:",
					    "批号为" };
	char *p;

	for (size_t i = 0; i < sizeof(lab) / sizeof(*lab); i++)
		if (qc_sampling_starts(c, lab[i])) {
			/* 初检机构为A,复检机构为B (福建 2019): A tested it. */
			if (!x->lab || strcmp(lab[i], "复检机构为"))
				x->lab = past_colon(c + strlen(lab[i]));
			return;
		}
	/* 过氧化值不合格,销售单位为Y (福建 2019): the seller named after the
	 * failure. */
	for (size_t i = 0; i < sizeof(seller) / sizeof(*seller); i++)
		if (qc_sampling_starts(c, seller[i]) && c[strlen(seller[i])]) {
			if (!x->unit) {
				x->unit = past_colon(c + strlen(seller[i]));
				x->seller_after = true;
			}
			return;
		}
	/* 生产日期为2021年09月29日 (南宁 2021): the date it was made, the
	 * lot. */
	for (size_t i = 0; i < sizeof(made) / sizeof(*made); i++)
		if (qc_sampling_starts(c, made[i]) && c[strlen(made[i])]) {
			if (!x->made)
				x->made = qc_xstrdup(
					past_colon(c + strlen(made[i])));
			return;
		}
	if (!x->date &&
	    (strstr(c, "抽样") || strstr(c, "抽检") || strstr(c, "抽取")) &&
	    (p = strstr(c, "年")) && p > c && p[-1] >= '0' && p[-1] <= '9') {
		char *from = p;
		while (from > c && from[-1] >= '0' && from[-1] <= '9')
			from--;
		char *day = strstr(p, "日");
		if (day && day - from < 24) {
			day[strlen("日")] = '\0';
			x->date = from;
		}
		return;
	}
	/* 被抽查出绝缘最薄处厚度不合格 (辽宁 2022): what was found; 被检测出
	 * 不合格 (南昌 2019): the product, no item named. */
	for (size_t i = 0; i < sizeof(found) / sizeof(*found); i++)
		if (qc_sampling_starts(c, found[i]) && c[strlen(found[i])]) {
			c += strlen(found[i]);
			if (failure_in(c) == c)
				x->said = true;
		}
	/* 经检验噻虫胺项目检测不合格 (汨罗市 2024): what follows is read. */
	if ((qc_sampling_starts(c, "经检验") ||
	     qc_sampling_starts(c, "经检测")) &&
	    c[strlen("经检验")])
		c += strlen("经检验");
	if (qc_sampling_starts(c, "检验结论") ||
	    qc_sampling_starts(c, "判定") || qc_sampling_starts(c, "经"))
		return;
	/* 检出大肠菌群,标准值为不得检出 (灞桥区 2024): what was found. */
	if (qc_sampling_starts(c, "检出") && c[strlen("检出")] &&
	    !qc_sampling_starts(c + strlen("检出"), "值") && !x->items) {
		x->items = c + strlen("检出");
		/* 检出铝的残留量超标 (宁夏 2016): the failure is no item. */
		if ((p = failure_in(x->items)) && p > x->items)
			*p = '\0';
		return;
	}
	for (size_t i = 0; i < sizeof(lead) / sizeof(*lead); i++)
		if (qc_sampling_starts(c, lead[i])) {
			/* 不合格项目为:氟苯尼考 (广西 2020). */
			c = past_colon(c + strlen(lead[i]));
			if ((p = failure_in(c)))
				*p = '\0';
			if (!x->items)
				x->items = c;
			return;
		}
	if (!x->items && (p = failure_in(c)) && p > c) {
		*p = '\0';
		x->items = c;
		return;
	}
	/* 腐霉利检验结果为11.9mg/kg,标准规定≤5mg/kg; 大肠菌群要求不得检出,
	 * 检测结果为检出 (阎良区 2025): an item measured against its
	 * limit; a sentence's several are joined. */
	static const char *const measured[] = { "检验结果为", "检测结果为",
						"检出值为", "检测值为",
						"要求不得检出" };
	for (size_t i = 0; i < sizeof(measured) / sizeof(*measured); i++)
		if ((p = find_out(c, measured[i])) && p > c) {
			*p = '\0';
			add_item(x, c);
			return;
		}
}

/* Brackets in s holding a limit, not a part of an item's name (临沂
 * 2021: 大肠菌群、阴离子合成洗涤剂(不得检出)), cut in place; 脱氢乙酸
 * (以脱氢乙酸计) stays. */
static void cut_limits(char *s)
{
	static const char *const open[] = { "(", "（" };
	static const char *const limit[] = { "不得", "≤",    "≥",    "<",
					     ">",    "标准", "限量", "要求" };
	for (char *p = s; *p;) {
		size_t o = 0, len;
		for (size_t i = 0; i < sizeof(open) / sizeof(*open); i++)
			if (qc_sampling_starts(p, open[i]))
				o = strlen(open[i]);
		bool is_limit = false;
		for (size_t i = 0; o && i < sizeof(limit) / sizeof(*limit); i++)
			is_limit = is_limit ||
				   qc_sampling_starts(p + o, limit[i]);
		char *q = p;
		int depth = 0;
		if (is_limit)
			do
				depth += bracket(q, &len), q += len;
			while (depth > 0 && *q);
		if (!is_limit || depth) {
			bracket(p, &len);
			p += len;
			continue;
		}
		memmove(p, q, strlen(q) + 1);
	}
}

/* Words around the failed items that are none (检验值, 项目, quotes). */
static void tidy_items(char **items)
{
	char *s = *items;
	qc_sentence_trim(&s);
	if (qc_sampling_starts(s, "“"))
		s += strlen("“");
	/* 检出检出阴离子合成洗涤剂 (临沂 2021): the verb written twice. */
	while (qc_sampling_starts(s, "检出") && s[strlen("检出")])
		s += strlen("检出");
	cut_limits(s);
	/* 1批次二氧化硫残留量 (陕西 2023): the count is no item. */
	char *q = s;
	while (*q >= '0' && *q <= '9')
		q++;
	if (q > s && qc_sampling_starts(q, "批次"))
		s = q + strlen("批次");
	/* 标识项目均不合格 (吉林 2022): 均 before 项目 is cut first. */
	cut_end(s, "均");
	cut_end(s, "的检验值");
	cut_end(s, "检验值");
	cut_end(s, "检测");
	cut_end(s, "项目");
	cut_end(s, "”");
	cut_end(s, "均");
	qc_sentence_trim(&s);
	*items = s;
}

/* Whether s is a list of two or more pieces, each of one or two Han
 * characters (筷、杯、勺), joined by 、. */
static bool pieces_list(const char *s, size_t n)
{
	size_t k = 0, run = 0;
	for (size_t i = 0; i < n; i += 3) {
		if (!strncmp(s + i, "、", 3)) {
			if (!run)
				return false;
			k++, run = 0;
		} else if ((unsigned char)s[i] < 0xE4 ||
			   (unsigned char)s[i] > 0xE9 || ++run > 2) {
			return false;
		}
	}
	return k && run;
}

/* The pieces of tableware named before its items (江西 2019: 餐饮具,筷、
 * 杯、勺、碗、盘的大肠菌群不符合…): moved to the product's bracket
 * (餐饮具(筷、杯、勺、碗、盘)), as pages that write them there do. */
static void tableware_pieces(struct sentence *x)
{
	char *of;
	if (x->n_products != 1 || x->joined || !x->items ||
	    !qc_sampling_ends(x->product[0], "具") ||
	    !(of = find_out(x->items, "的")) || !of[strlen("的")] ||
	    !pieces_list(x->items, (size_t)(of - x->items)))
		return;
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_init(&b, 4096);
	qc_buf_adds(&b, x->product[0]);
	qc_buf_adds(&b, "(");
	qc_buf_add(&b, x->items, (size_t)(of - x->items));
	qc_buf_adds(&b, ")");
	if (qc_buf_failed(&b)) {
		qc_buf_release(&b);
		return;
	}
	x->items = of + strlen("的");
	x->joined = x->product[0] = qc_buf_detach(&b, NULL);
}

/* Whether x's one product is named by its kind alone (4批次电线电缆产品
 * 不合格, 辽宁 2022): the failure is said of it, and no item can be
 * hidden in its name. */
static bool generic(const struct sentence *x)
{
	return x->n_products == 1 && (qc_sampling_ends(x->product[0], "产品") ||
				      qc_sampling_ends(x->product[0], "商品"));
}

/* Whether a part of a sentence is read (x->why NULL), else why not;
 * led: the failure was said before the records (3个批次不合格产品分别为
 * …), which may name no items. */
static void check(struct sentence *x, bool led)
{
	/* 其销售的… with no unit before it (its): no name. */
	if (x->unit && !strcmp(x->unit, "其"))
		x->unit = NULL;
	if (x->unit && x->producer && !*x->unit)
		x->unit = NULL;
	if (x->producer)
		qc_sentence_unquote(&x->producer);
	if (x->unit) {
		qc_sentence_unquote(&x->unit);
		place_of(x);
		qc_sentence_keeper(x);
	}
	tableware_pieces(x);
	if (x->cut)
		x->why = N_("it names more products or sellers than a "
			    "sentence is read with (16)");
	/* 其销售的… with no unit before (its): the unit is not read. */
	else if ((!x->unit || !*x->unit) && (!x->producer || !*x->producer))
		x->why = N_(
			"it names no seller or producer (…销售的, …生产的)");
	else if (!x->n_products)
		x->why = N_("it names no product");
	else if (!((led || generic(x) || x->said) && !x->items) &&
		 (!x->items || (tidy_items(&x->items), !*x->items)))
		x->why = N_(
			"it names no failed item (…不符合食品安全国家标准规定)");
	/* 规格为500ml/瓶,40%vol的其他酒酒精度: the product's specification
	 * runs into the items; where it ends is not written. */
	else if (x->items &&
		 (strchr(x->items, '%') || strstr(x->items, "vol") ||
		  strstr(x->items, "ml/")))
		x->why = N_("its failed items run into the product's "
			    "specification (规格为…ml/瓶,…vol的…), and where "
			    "they begin is not written");
}

/* Records one clause joins by 、, each naming its own seller (乌鲁木齐
 * 2025: 甲商店销售的香蕉(噻虫嗪)、乙蔬菜店销售的生姜(吡虫啉)), cut in
 * place into out; a list of products (A、B) or a seller's producer after
 * it (销售的、标称…生产的) is one. */
static size_t records(char *s, char *out[], size_t max)
{
	size_t n = 0;
	char *from = s, *p = s;
	const char *verb;

	while (max > 1 && n + 1 < max && (p = find_out(p, "、"))) {
		char *next = p + strlen("、"), *end = find_out(next, "、");
		char keep = end ? *end : '\0', first = *p;
		if (end)
			*end = '\0';
		bool after = role_of(next, &verb) != NULL;
		if (end)
			*end = keep;
		*p = '\0';
		/* …销售的标称A出品、B生产的: A names the maker, no product. */
		char *v = role_of(from, &verb);
		bool before = v && !ends_in_verb(from) &&
			      !qc_sampling_starts(v + strlen(verb), "标称") &&
			      !qc_sampling_starts(v + strlen(verb), "由");
		if (after && before) {
			out[n++] = from;
			from = next;
		} else {
			*p = first;
		}
		p = next;
	}
	out[n++] = from;
	return n;
}

/* A product's bracket as its items (香蕉(噻虫嗪)): the product without
 * it. */
static void bracket_items(struct sentence *x)
{
	if (x->n_products != 1)
		return;
	char *name = x->product[0], *open = strrchr(name, '(');
	size_t n = strlen(name);
	if (!open || open == name || !n || name[n - 1] != ')')
		return;
	name[n - 1] = '\0';
	*open = '\0';
	x->items = open + 1;
}

/* The batches a unit's bracket counts (甲经销处(3批次): 3, the bracket
 * cut), or 0 if it counts none. */
static int unit_batches(char *u)
{
	size_t n = strlen(u);
	char *open = strrchr(u, '(');
	if (!open || open == u || !n || u[n - 1] != ')' || open[1] < '1' ||
	    open[1] > '9')
		return 0;
	size_t k = digits(open + 1, 3);
	if (strcmp(open + 1 + k, "批次)"))
		return 0;
	int b = atoi(open + 1);
	*open = '\0';
	return b > 20 ? 20 : b;
}

/* Units the subject of x lists with their batches (辽宁 2022: 抽查自
 * 甲经销处(1批次)、乙商行(3批次)的4批次电线电缆产品): a part each, as
 * many rows as its batches, put after x[0] (at most room); their number
 * beyond x[0], or 0 if the unit is no such list. */
static size_t units_listed(struct sentence *x, size_t room)
{
	char *u = x->unit, *at[QC_SENTENCE_PARTS];
	size_t n = 0;

	if (!u || x->n_products != 1)
		return 0;
	for (char *p = u; (p = find_out(p, "、")); p += strlen("、")) {
		if (n == QC_SENTENCE_PARTS - 1 || n == room)
			return 0;
		at[n++] = p;
	}
	if (!n)
		return 0;
	/* Each must end with its count: else the list is one name. */
	for (size_t i = 0; i <= n; i++) {
		const char *end = i < n ? at[i] : u + strlen(u);
		if (end - u < 8 ||
		    strncmp(end - strlen("批次)"), "批次)", strlen("批次)")))
			return 0;
	}
	for (size_t i = 0; i < n; i++)
		*at[i] = '\0';
	for (size_t i = 0; i <= n; i++) {
		struct sentence *y = &x[i];
		if (i) {
			*y = x[0];
			y->joined = NULL;
			y->made = x[0].made ? qc_xstrdup(x[0].made) : NULL;
			y->unit = at[i - 1] + strlen("、");
		}
		int b = unit_batches(y->unit);
		if (!b)
			b = 1;
		y->copies[0] = b;
		qc_sentence_trim(&y->unit);
	}
	return n;
}

/* The clauses c after a unit led by its address, with no role (南昌
 * 2019: 被检测出消毒餐具不合格): what was found failing is the product,
 * no item named; the other clauses read as after a subject. */
static void found_failing(struct sentence *x, char **c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *p = c[i], *f;
		for (size_t j = 0; j < sizeof(found) / sizeof(*found); j++)
			if (qc_sampling_starts(p, found[j]))
				p += strlen(found[j]);
		if (p != c[i] && !x->n_products && (f = failure_in(p)) &&
		    f > p) {
			*f = '\0';
			x->said = true;
			products_of(x, p);
		} else {
			clause(x, c[i]);
		}
	}
}

/* Read one sentence (s, without its number), in place, into parts: one
 * a seller or producer it names (…摊销售的荷兰豆,…摊销售的食荚豌豆,
 * 多菌灵不符合…: two), the items, laboratory and date shared; *n the
 * parts, x[0].why set if any cannot be read. */
void qc_sentence_read(struct sentence x[QC_SENTENCE_PARTS], size_t *n_parts,
		      char *s)
{
	char *c[MAX_CLAUSES], *r[QC_SENTENCE_PARTS + 1];
	bool weak = false, items = false, more = false;
	size_t n = clauses(s, c, &more), first = 0, parts = 0;
	const char *verb;

	*n_parts = 1;
	/* A clause left out could be the items or the laboratory. */
	if (more) {
		x[0].why = N_("it has more clauses than a sentence is read "
			      "with (64)");
		return;
	}

	/* 位于…的甲餐饮店,被检测出消毒餐具不合格; 位于…的乙店,其销售的…
	 * (南昌 2019): the unit led by its address, in a clause of its
	 * own. */
	char *lead = NULL, *lead_at = NULL, *of;
	if (n > 1 && (of = located(c[0], goes_on(c[1])))) {
		*of = '\0';
		lead_at = c[0] + strlen("位于");
		lead = of + strlen("的");
		qc_sentence_trim(&lead_at);
		qc_sentence_trim(&lead);
		first = 1;
	}
	while (first < n && !role_of(c[first], &verb))
		first++;
	if (lead && first == n) {
		found_failing(&x[0], c + 1, n - 1);
		x[0].unit = lead;
		x[0].address = lead_at;
		check(&x[0], false);
		return;
	}
	/* No verb: a unit's own tableware (…泡馍馆的筷子) opens it. */
	if (first == n && n && owned_by(c[0]))
		first = 0, weak = true;
	/* …商店(2批次),不合格产品标称生产企业均为…: the failure said, no
	 * product or items written. */
	if (first == n && qc_sentence_batches(&x[0], c, n)) {
		check(&x[0], true);
		return;
	}
	if (first == n) {
		x[0].why = N_(
			"it names no seller or producer (…销售的, …生产的)");
		return;
	}
	/* The failure said before the records (抽检8批次产品不合格中,…分别
	 * 是:; 3个批次不合格产品分别为A生产的…): they may name no items,
	 * and a product's bracket (粽子(原味粽)) is none. */
	bool led = false;
	for (size_t i = 0; i < first; i++)
		led |= failure_in(c[i]) != NULL;
	char *f = failure_in(c[first]), *v = role_in(c[first], &verb, weak);
	led |= f && v && f < v;
	/* One record more than x holds is looked for: a sentence naming
	 * more is refused (check), not read as if it named fewer. */
	for (size_t i = first; i < n; i++)
		if (role_in(c[i], &verb, weak && i == first) &&
		    !qc_sampling_starts(c[i], "其中") &&
		    /* 且抽查自…的3批次产品均标称为… (辽宁 2022): a remark
		     * on the records before, none of its own. */
		    !qc_sampling_starts(c[i], "且") &&
		    !qc_sampling_starts(c[i], "检验") &&
		    !qc_sampling_starts(c[i], "不合格项目")) {
			size_t k = parts < QC_SENTENCE_PARTS ?
					   records(c[i], r,
						   QC_SENTENCE_PARTS - parts +
							   1) :
					   1;
			if (parts + k > QC_SENTENCE_PARTS) {
				x[0].cut = true;
				k = QC_SENTENCE_PARTS - parts;
			}
			for (size_t j = 0; j < k; j++) {
				subject(&x[parts], r[j],
					weak && i == first && !j);
				parts += 1 + units_listed(&x[parts],
							  QC_SENTENCE_PARTS -
								  parts - 1);
			}
		} else {
			clause(&x[0], c[i]);
		}
	*n_parts = parts;
	/* 其销售的…, 销售的油条… after a unit led by its address: its. */
	for (size_t k = 0; lead && k < parts; k++)
		if (!x[k].unit || !*x[k].unit || !strcmp(x[k].unit, "其")) {
			x[k].unit = lead;
			x[k].address = lead_at;
		}
	/* 香蕉(噻虫嗪)、…生姜(吡虫啉)不符合… (乌鲁木齐 2025): where no
	 * items are written, each product's bracket holds its own. */
	for (size_t k = 0; k < parts; k++)
		items |= x[k].items != NULL;
	for (size_t k = 0; k < parts && !items && !led; k++)
		bracket_items(&x[k]);
	for (size_t k = 0; k < parts; k++) {
		if (k) {
			x[k].items = x[k].items ? x[k].items : x[0].items;
			/* 标称A生产的甲、标称B生产的乙,…,受检单位均为C: C
			 * sold both. */
			if (!x[k].unit && x[0].seller_after)
				x[k].unit = x[0].unit;
			x[k].lab = x[0].lab;
			x[k].date = x[0].date;
		}
		check(&x[k], led);
		if (x[k].why && !x[0].why)
			x[0].why = x[k].why;
	}
}

/* Whether a unit's name ends where 使用的 begins at p: tableware a
 * restaurant uses (…寿司店使用的蘸碟); not a verb (兴国县 2025's
 * penalty: …整改,确保使用的餐饮具消毒符合…) or a pronoun (该店). */
static bool user_named(const char *s, const char *p)
{
	const char *from = clause_start(s, p);
	size_t n = (size_t)(p - from);
	return n > strlen("该店") && qc_sampling_org_end(from, n);
}

/* Whether s names a role (role_of, owned_by) whose unit is no tally (a
 * report's summary: 134家企业生产的151批次产品). */
static bool names_role(char *s)
{
	const char *verb;
	for (size_t i = 0; i < sizeof(verbs) / sizeof(*verbs); i++)
		for (char *p = s; (p = find_out(p, verbs[i]));
		     p += strlen(verbs[i]))
			if (!tally(s, p) &&
			    (strcmp(verbs[i], "使用的") || user_named(s, p)))
				return true;
	return plain_role(s, &verb) || owned_by(s) || sampled_from(s) ||
	       located(s, false) || qc_sentence_batches_like(s);
}

bool qc_sentence_names_role(char *s)
{
	return names_role(s);
}

/* Whether a line is a sentence of a failure: a role (销售的 …) and a
 * failure (不符合, 超标, 不合格). Headings (一、农药残留超标问题) and
 * notes (对上述抽检中发现的不合格产品…) have no role. */
bool qc_sentence_like(char *s)
{
	bool found = false;

	if (!names_role(s))
		return false;
	/* ,检出大肠菌群 (灞桥区 2024): a clause saying what was found; not
	 * 检出值为 (a value, a failure only against its limit). */
	for (char *p = s; !found && (p = strstr(p, "检出"));
	     p += strlen("检出"))
		found = p > s &&
			!qc_sampling_starts(p + strlen("检出"), "值") &&
			(p[-1] == ',' ||
			 (p - s >= 3 && (qc_sampling_starts(p - 3, "，") ||
					 qc_sampling_starts(p - 3, "。"))));
	/* 腐霉利检验结果为11.9mg/kg,标准规定≤5mg/kg: a value and its
	 * limit. */
	/* 酸价检出值为7.0mg/g,标准规定为5mg/g (内蒙古 2017) likewise. */
	return failure_in(s) || found ||
	       ((strstr(s, "结果为") || strstr(s, "检出值为") ||
		 strstr(s, "检测值为")) &&
		(strstr(s, "标准规定") || strstr(s, "标准值")));
}

/* The sentences a line holds parted by ; (乌鲁木齐 2025: "…不符合…,
 * 检验机构均为甲;…不符合…,检验机构为乙"), each with its laboratory, cut
 * in place into out; the line one sentence unless each part is one. */
size_t qc_sentence_split(char *s, char *out[], size_t max)
{
	enum { MARKS = 64 };
	char *cut[MARKS], keep[MARKS];
	size_t n = 0, k = 0, len, cut_len[MARKS];
	int depth = 0;
	bool all = true;

	for (char *p = s; *p; p += len) {
		if (!depth && (*p == ';' || qc_sampling_starts(p, "；"))) {
			len = *p == ';' ? 1 : strlen("；");
			if (k < MARKS)
				cut[k] = p, cut_len[k++] = len;
			continue;
		}
		depth += bracket(p, &len);
		depth = depth < 0 ? 0 : depth;
	}
	out[0] = s;
	if (!k || max < 2)
		return 1;
	/* Cut at every mark; put back unless each part is a sentence. */
	for (size_t i = 0; i < k; i++)
		keep[i] = *cut[i], *cut[i] = '\0';
	for (size_t i = 0; i <= k && all; i++) {
		char *part = i ? cut[i - 1] + cut_len[i - 1] : s;
		part += strspn(part, " \t");
		if (!*part)
			continue;
		if (n == max || !qc_sentence_like(part))
			all = false;
		else
			out[n++] = part;
	}
	if (all && n >= 2)
		return n;
	for (size_t i = 0; i < k; i++)
		*cut[i] = keep[i];
	out[0] = s;
	return 1;
}

bool qc_sentence_cells(char *const *cells, size_t n)
{
	struct qc_buf line = QC_BUF_INIT;
	bool numbered, like;

	qc_buf_init(&line, 1 << 20);
	for (size_t i = 0; i < n; i++) {
		if (i)
			qc_buf_addch(&line, ',');
		qc_buf_adds(&line, cells[i] ? cells[i] : "");
	}
	char *simple = qc_sampling_rd_simplify(qc_buf_str(&line));
	char *s = qc_sentence_unnumbered(simple, &numbered);
	like = qc_sentence_like(s + strspn(s, " \t"));
	free(simple);
	qc_buf_release(&line);
	return like;
}

bool qc_sampling_sentence_heads(const struct qc_sampling_map *m)
{
	bool role = false, failure = false;
	const char *verb;

	for (size_t c = 0; c < QC_SAMPLING_COLS; c++) {
		char *h = m->heading[c], *v;
		if (!h)
			continue;
		/* X销售的Y: a name before the role and a product after. */
		v = role_of(h, &verb);
		role |= v && v - h >= 6 && strlen(v + strlen(verb)) >= 3;
		failure |= failure_in(h) != NULL;
	}
	return role && failure;
}
