/* Responsible units as plans write them after a paragraph:
 * "(责任单位:区发改局、科技局)", "(市林业局负责)", "(A牵头,B、C配合)".
 * The written form is kept; the canonical unit gets the list's shared
 * prefix ("区发改局、科技局" → 区科技局). */
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "extract_int.h"
#include "banned.h"

/* Labels that open an owner annotation. */
static const char *const labels[] = {
	"主要责任单位:", "责任单位:", "牵头单位:", "责任部门:", "牵头部门:",
	"配合单位:",     "配合部门:", "责任主体:", "主责单位:", "实施单位:",
	"协助单位:",     "协办单位:", "参与单位:", "参与部门:", "协助部门:",
};

/* Is a label one of co-owners (配合单位:, 协助单位:, 参与单位:)? */
static bool co_label(const char *l)
{
	return strstr(l, "配合") || strstr(l, "协助") || strstr(l, "协办") ||
	       strstr(l, "参与");
}

/* Bracket depth change at p: 县(市、区)政府 is one unit, its 、 no
 * separator. */
static int depth_at(const char *p)
{
	return *p == '(' ? 1 : *p == ')' ? -1 : 0;
}

/* Words around the unit names that are not part of them, longest first
 * where one is a prefix of another. */
static const char *const noise_tail[] = {
	"按职责分工负责", "按照职责分工负责",
	"分别负责",       "共同负责",
	"负责落实",       "负责",
	"牵头",           "配合",
	"参与",           "等部门",
	"等单位",         "等",
};

/* How a unit name ends; a bare list qualifies only if every item does. */
static const char *const unit_ends[] = {
	"局", "委", "厅",   "办",   "部",   "室",   "中心", "院",
	"会", "行", "政府", "乡镇", "街道", "公司", "所",   "队",
	"站", "处", "团",   "联",   "社",   "单位", "部门",
};

static const char *const prefixes[] = { "省", "市", "区", "县", "州", "旗" };

static bool ends_with(const char *b, const char *e, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(e - b) >= n && memcmp(e - n, w, n) == 0;
}

static bool unit_like(const char *b, const char *e)
{
	for (size_t i = 0; i < sizeof(unit_ends) / sizeof(*unit_ends); i++)
		if (ends_with(b, e, unit_ends[i]))
			return true;
	return false;
}

static const char *region_prefix(const char *b, const char *e)
{
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++)
		/* "市场监管局" starts with 市 but 市场 is a word, not a prefix. */
		if (qc_xstarts(b, e, prefixes[i]) && !qc_xstarts(b, e, "市场"))
			return prefixes[i];
	return NULL;
}

/* A unit that already names its level or area needs no prefix. */
static bool has_area(const char *b, const char *e)
{
	const char *p = b;

	if (qc_xstarts(b, e, "各") || qc_xstarts(b, e, "全") ||
	    qc_xstarts(b, e, "中国") || qc_xstarts(b, e, "国家"))
		return true;
	/* Central agencies are named after their seat: 西宁海关,
	 * 青海出入境检验检疫局 take no 省 from the list. */
	if (ends_with(b, e, "海关") || ends_with(b, e, "海關") ||
	    qc_xfind(b, e, "出入境"))
		return true;
	for (int k = 0; k < 5 && p < e; k++, p += qc_xcplen(p, e))
		for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes);
		     i++)
			if (qc_xstarts(p, e, prefixes[i]) &&
			    !qc_xstarts(p, e, "市场"))
				return true;
	return false;
}

static void add_item(const struct xline *ln, const char *b, const char *e,
		     enum qc_role role, const char **prefix,
		     struct qc_owner_list *l)
{
	bool again = true;
	char *written, *unit;

	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (again) {
		again = false;
		while (e > b && (e[-1] == ' ' || e[-1] == '.'))
			e--;
		for (size_t i = 0; i < sizeof(noise_tail) / sizeof(*noise_tail);
		     i++)
			if (ends_with(b, e, noise_tail[i]) &&
			    (size_t)(e - b) > strlen(noise_tail[i])) {
				e -= strlen(noise_tail[i]);
				again = true;
				break;
			}
	}
	if (e - b < 3 * 2 || e - b > 3 * 30)
		return;
	written = qc_xline_slice(ln, (size_t)(b - ln->norm),
				 (size_t)(e - ln->norm));
	if (!*prefix)
		*prefix = region_prefix(b, e);
	if (*prefix && !has_area(b, e)) {
		struct qc_buf u;
		qc_buf_init(&u, 0);
		qc_buf_adds(&u, *prefix);
		qc_buf_adds(&u, written);
		unit = qc_buf_detach(&u, NULL);
	} else {
		unit = qc_xstrdup(written);
	}
	qc_owner_list_add(l, written, unit, role);
	free(written);
	free(unit);
}

/* Split one role segment on 、 , , and 和 between units. */
static void parse_segment(const struct xline *ln, const char *b, const char *e,
			  enum qc_role role, const char **prefix,
			  struct qc_owner_list *l)
{
	const char *p = b, *start = b;
	int depth = 0;

	while (p <= e) {
		size_t k = 0;
		if (p < e)
			depth += depth_at(p);
		if (p == e)
			k = 0;
		else if (depth > 0)
			k = 0;
		else if (qc_xstarts(p, e, "、"))
			k = 3;
		else if (*p == ',' || *p == ' ')
			k = 1;
		if (p == e || k) {
			add_item(ln, start, p, role, prefix, l);
			if (p == e)
				break;
			p += k;
			start = p;
			continue;
		}
		p += qc_xcplen(p, e);
	}
}

void qc_xowners_parse(const struct xline *ln, size_t b, size_t e,
		      struct qc_owner_list *l)
{
	const char *s = ln->norm + b, *end = ln->norm + e, *p = s, *seg = s;
	const char *prefix = NULL;

	/* Segments are separated by ; (and by , when a role word ends the
	 * segment: "A牵头,B配合"). */
	while (p <= end) {
		bool cut = p == end || *p == ';';
		if (!cut && *p == ',' &&
		    (ends_with(seg, p, "牵头") || ends_with(seg, p, "负责") ||
		     ends_with(seg, p, "配合")))
			cut = true;
		if (cut) {
			const char *sb = seg, *se = p;
			enum qc_role role = QC_ROLE_LEAD;

			for (size_t i = 0; i < sizeof(labels) / sizeof(*labels);
			     i++)
				if (qc_xstarts(sb, se, labels[i])) {
					if (co_label(labels[i]))
						role = QC_ROLE_CO;
					sb += strlen(labels[i]);
					break;
				}
			if (ends_with(sb, se, "配合") ||
			    ends_with(sb, se, "参与"))
				role = QC_ROLE_CO;
			parse_segment(ln, sb, se, role, &prefix, l);
			if (p == end)
				break;
			seg = p + 1;
		}
		p += p < end ? qc_xcplen(p, end) : 1;
	}
}

/* Is norm [b, e) an owner annotation's content? */
static bool looks_owners(const char *b, const char *e)
{
	const char *p = b, *start = b;
	int items = 0;

	for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++)
		if (qc_xstarts(b, e, labels[i]))
			return true;
	if (ends_with(b, e, "负责") || ends_with(b, e, "牵头") ||
	    ends_with(b, e, "配合") || qc_xfind(b, e, "牵头,"))
		return qc_xfind(b, e, "%") == NULL;
	/* A bare list: every item ends like a unit. */
	while (p <= e) {
		bool sep = p == e || *p == ',' || qc_xstarts(p, e, "、");
		if (sep) {
			/* (立白集团): a company named as an example, not
			 * the unit responsible; with 负责 it would be */
			if (p - start < 6 || !unit_like(start, p) ||
			    ends_with(start, p, "集团") ||
			    ends_with(start, p, "公司"))
				return false;
			items++;
			if (p == e)
				break;
			p += *p == ',' ? 1 : 3;
			start = p;
			continue;
		}
		if ((*p >= '0' && *p <= '9') || *p == ':')
			return false;
		p += qc_xcplen(p, e);
	}
	return items >= 1;
}

bool qc_xowners_find(const struct xline *ln, struct qc_owner_list *l,
		     size_t *ab, size_t *ae)
{
	return qc_xowners_find_in(ln, 0, ln->norm_len, l, ab, ae);
}

bool qc_xowners_find_in(const struct xline *ln, size_t from, size_t to,
			struct qc_owner_list *l, size_t *ab, size_t *ae)
{
	const char *s = ln->norm + from, *e = ln->norm + to, *close, *open;
	int depth = 0;

	while (e > s && (e[-1] == ' ' || e[-1] == '.' || e[-1] == ';'))
		e--;
	while (e > s && (qc_xstarts(qc_xprev(s, e), e, "。") ||
			 qc_xstarts(qc_xprev(s, e), e, ";")))
		e = qc_xprev(s, e);
	if (e == s || e[-1] != ')')
		return false;
	close = e - 1;
	/* Find the matching "(" (parentheses can nest: 县(区)). */
	for (open = close; open > s;) {
		open = qc_xprev(s, open);
		if (*open == ')')
			depth++;
		else if (*open == '(') {
			if (depth == 0)
				break;
			depth--;
		}
	}
	if (*open != '(' || !looks_owners(open + 1, close))
		return false;
	qc_xowners_parse(ln, (size_t)(open + 1 - ln->norm),
			 (size_t)(close - ln->norm), l);
	if (l->n == 0)
		return false;
	*ab = (size_t)(open - ln->norm);
	*ae = (size_t)(e - ln->norm);
	return true;
}

void qc_xowners_copy(struct qc_owner_list *dst, const struct qc_owner_list *src)
{
	for (size_t i = 0; i < src->n; i++)
		qc_owner_list_add(dst, src->v[i].written, src->v[i].unit,
				  src->v[i].role);
}

/* Does [b, e) name units only: items split on 、 , 和, each ending like a
 * unit once the role words are gone? */
static bool units_only(const char *b, const char *e)
{
	const char *p = b, *start = b;
	int items = 0, depth = 0;

	while (p <= e) {
		if (p < e)
			depth += depth_at(p);
		size_t k = p == e                 ? 0 :
			   depth > 0              ? 0 :
			   qc_xstarts(p, e, "、") ? 3 :
			   *p == ','              ? 1 :
						    0;
		if (p == e || k) {
			const char *ie = p;
			bool again = true;
			while (again) {
				again = false;
				for (size_t i = 0;
				     i <
				     sizeof(noise_tail) / sizeof(*noise_tail);
				     i++)
					if (ends_with(start, ie,
						      noise_tail[i]) &&
					    (size_t)(ie - start) >
						    strlen(noise_tail[i])) {
						ie -= strlen(noise_tail[i]);
						again = true;
					}
			}
			if (ie - start < 6 || ie - start > 3 * 20 ||
			    !unit_like(start, ie))
				return false;
			items++;
			if (p == e)
				break;
			p += k;
			start = p;
			continue;
		}
		if ((*p >= '0' && *p <= '9') || *p == '%')
			return false;
		p += qc_xcplen(p, e);
	}
	return items >= 1;
}

bool qc_xowners_clause(const struct xline *ln, size_t from, size_t to,
		       struct qc_owner_list *l, size_t *cb)
{
	const char *s = ln->norm + from, *e = ln->norm + to, *b = s, *p;
	bool role;

	while (e > s && (e[-1] == ' ' || e[-1] == '.' || e[-1] == ';'))
		e--;
	/* after the last , or ; (ASCII bytes are never inside a character,
	 * so a byte scan back from e finds it) */
	for (p = e; p > s; p--)
		if (p[-1] == ',' || p[-1] == ';') {
			b = p;
			break;
		}
	if (e - b < 6)
		return false;
	/* "由市市场监管局负责", "市农业局牵头,市场监管局配合": the last
	 * clause, or the last two when the first names the lead. */
	if (b > s + 1 && b[-1] == ',') {
		const char *q = b - 1, *pb = s;
		for (p = q; p > s; p--)
			if (p[-1] == ',' || p[-1] == ';') {
				pb = p;
				break;
			}
		if (ends_with(pb, q, "牵头") && units_only(pb, q))
			b = pb;
	}
	/* "责任单位:A、B,相关县(市、区)政府": a label earlier in the
	 * sentence opens a list that runs to its end. Every label ends
	 * with ':', so a clause without one holds none. */
	for (size_t i = 0; i < sizeof(labels) / sizeof(*labels) &&
			   memchr(s, ':', (size_t)(e - s)) != NULL;
	     i++) {
		const char *f = s, *last = NULL;
		while ((f = qc_xfind(f, e, labels[i])) != NULL)
			last = f++;
		if (last && last < b && units_only(last + strlen(labels[i]), e))
			b = last;
	}
	if (qc_xstarts(b, e, "由"))
		b += 3;
	role = ends_with(b, e, "负责") || ends_with(b, e, "牵头") ||
	       ends_with(b, e, "配合") || ends_with(b, e, "参与");
	for (size_t i = 0; i < sizeof(labels) / sizeof(*labels) && !role; i++)
		role = qc_xstarts(b, e, labels[i]);
	if (!role || !units_only(b, e)) {
		bool labelled = false;
		for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++)
			if (qc_xstarts(b, e, labels[i]) &&
			    units_only(b + strlen(labels[i]), e))
				labelled = true;
		if (!labelled)
			return false;
	}
	qc_xowners_parse(ln, (size_t)(b - ln->norm), (size_t)(e - ln->norm), l);
	if (l->n == 0)
		return false;
	/* the clause starts after its comma (or after 由) */
	p = b;
	if (p - 3 >= s && qc_xstarts(p - 3, e, "由"))
		p -= 3;
	if (p > s && p[-1] == ',')
		p--;
	*cb = (size_t)(p - ln->norm);
	return true;
}
