/* The organisational parts of a plan: the leading group, the work phases
 * with their dates, the reporting duties and the assessment rules. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "extract_int.h"
#include "xac.h"
#include "xrx.h"
#include "banned.h"

enum {
	RX_GNAME,
	RX_LEADER,
	RX_LEADER2,
	RX_OFFICE,
	RX_MEMBERS,
	RX_MEMBERS2,
	RX__COUNT
};

static const char *const patterns[RX__COUNT] = {
	[RX_GNAME] = "(?:成立|建立|组建|调整)(?:了)?([^,。;:()]{2,40}?领导小组)",
	[RX_LEADER] = "组\\s*长\\s*:\\s*([^;。]+?)\\s*$",
	[RX_LEADER2] = "由([^,。;]{2,30}?)(?:任|担任)组长",
	[RX_OFFICE] =
		"办公室(?:设在|设于|设|在)([^,。;()]{2,30}?)(?=,|。|;|\\(|$|负责|,)",
	[RX_MEMBERS] =
		"成\\s*员\\s*(?:单位)?\\s*:\\s*(.+?)(?:,?各\\p{Han}{0,6}、?等部门|等部门|等单位|组成|。|$)",
	[RX_MEMBERS2] =
		"([^,。;]{4,}?)等(?:单位|部门)?(?:主要)?负责(?:人|同志)为成员",
};

static pcre2_code *rx[RX__COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct qc_error rx_err; /* set once, by compile_all */

static void compile_all(void)
{
	qc_xrx_compile("sections", patterns, rx, RX__COUNT, &rx_err);
}

enum qc_rc qc_xsections_init(struct qc_error *err)
{
	pthread_once(&once, compile_all);
	if (rx_err.code && err)
		*err = rx_err;
	return rx_err.code;
}

static bool match(int i, const struct xline *l, pcre2_match_data *md, size_t *b,
		  size_t *e)
{
	PCRE2_SIZE *ov;
	if (!qc_xrx_match(rx[i], l, md))
		return false;
	ov = pcre2_get_ovector_pointer(md);
	*b = ov[2];
	*e = ov[3];
	return true;
}

static void add_members(struct qc_group *g, const struct xline *l, size_t b,
			size_t e)
{
	struct qc_owner_list tmp = { 0 };

	qc_xowners_parse(l, b, e, &tmp);
	for (size_t i = 0; i < tmp.n; i++)
		qc_group_add_member(g, tmp.v[i].written);
	qc_owner_list_release(&tmp);
}

void qc_xgroup_lines(const struct xdoc *d, size_t from, size_t to,
		     struct qc_plan *p)
{
	struct qc_group *g = &p->group;
	pcre2_match_data *md;
	size_t b, e;

	if (g->name)
		return;
	pthread_once(&once, compile_all);
	md = pcre2_match_data_create(4, NULL);
	for (size_t i = from; i < to; i++) {
		const struct xline *l = &d->v[i];
		/* The group is described on the line that sets it up and the
		 * few lines after (组长/副组长/成员 lists). */
		if (!g->name && match(RX_GNAME, l, md, &b, &e)) {
			g->name = qc_xline_slice(l, b, e);
			g->line = l->no;
			for (size_t j = i; j < d->n && j < i + 6; j++) {
				const struct xline *m = &d->v[j];
				if (!g->leader &&
				    (match(RX_LEADER, m, md, &b, &e) ||
				     match(RX_LEADER2, m, md, &b, &e)))
					g->leader = qc_xline_slice(m, b, e);
				if (!g->office_host &&
				    match(RX_OFFICE, m, md, &b, &e))
					g->office_host = qc_xline_slice(m, b,
									e);
				if (!g->n_members &&
				    (match(RX_MEMBERS, m, md, &b, &e) ||
				     match(RX_MEMBERS2, m, md, &b, &e))) {
					add_members(g, m, b, e);
					g->line = m->no;
				}
			}
		}
	}
	pcre2_match_data_free(md);
}

/* Dates of a phase: "2014年2月—5月", "2015年7月", "2014年6月—2015年6月". */
static bool phase_dates(const char *b, const char *e, char **start, char **end)
{
	int y1 = 0, m1 = 0, d1 = 0, y2 = 0, m2 = 0, d2 = 0;
	size_t k = 0;
	const char *p;
	char buf[16];

	for (p = b; p < e; p += qc_xcplen(p, e))
		if (*p >= '1' && *p <= '2' &&
		    (k = qc_xdate_parse(p, e, &y1, &m1, &d1)) && y1 && m1)
			break;
	if (p >= e)
		return false;
	p += k;
	if (p < e && (*p == '-' || *p == '~' || qc_xstarts(p, e, "至") ||
		      qc_xstarts(p, e, "到"))) {
		p += *p == '-' || *p == '~' ? 1 : 3;
		k = qc_xdate_parse(p, e, &y2, &m2, &d2);
		if (!y2)
			y2 = y1;
	}
	if (!m2) {
		y2 = y1;
		m2 = m1;
		d2 = 0;
	}
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y1 % 10000, m1,
		 d1 ? d1 : 1);
	*start = qc_xstrdup(buf);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y2 % 10000, m2,
		 d2 ? d2 : qc_xdays_in_month(y2, m2));
	*end = qc_xstrdup(buf);
	return true;
}

void qc_xphases_lines(const struct xdoc *d, size_t from, size_t to,
		      struct qc_plan *p, bool *inp, size_t gone)
{
	bool in = *inp;

	for (size_t i = from; i < to; i++) {
		const struct xline *l = &d->v[i];
		const char *s = l->norm, *e = s + l->norm_len, *paren;
		size_t k;
		enum xhead h = qc_xhead_parse(s, l->norm_len, &k);
		char *start = NULL, *end = NULL, key[16];
		struct qc_phase *ph;

		if (h == XH_CN) {
			in = qc_xfind(s, e, "步骤") || qc_xfind(s, e, "阶段") ||
			     qc_xfind(s, e, "进度安排") ||
			     qc_xfind(s, e, "时间安排");
			continue;
		}
		if (!in || h == XH_NONE)
			continue;
		paren = qc_xfind(s + k, e, "(");
		if (!phase_dates(paren ? paren : s + k, e, &start, &end))
			continue;
		ph = qc_plan_add_phase(p);
		snprintf(key, sizeof(key), "p%zu", gone + p->n_phases);
		qc_set_str(&ph->key, key);
		ph->name =
			qc_xline_slice(l, k,
				       paren ? (size_t)(paren - s) :
					       (size_t)((qc_xfind(s + k, e,
								  "。") ?
								 qc_xfind(s + k,
									  e,
									  "。") :
								 e) -
							s));
		ph->start = start;
		ph->end = end;
		ph->line = l->no;
	}
	*inp = in;
}

/* Grace days the plan gives: "每月5日前报送" → 5. */
static int grace(const char *b, const char *e, int dflt)
{
	const char *f = qc_xfind(b, e, "日前");
	if (f && f > b && f[-1] >= '0' && f[-1] <= '9') {
		const char *q = f - 1;
		while (q > b && q[-1] >= '0' && q[-1] <= '9')
			q--;
		int v = atoi(q);
		if (v > 0 && v <= 31)
			return v;
	}
	return dflt;
}

static void add_rule_or_duty(struct qc_plan *p, const struct xline *l, size_t b,
			     size_t e)
{
	const char *s = l->norm + b, *x = l->norm + e;
	bool report = qc_xfind(s, x, "报送") || qc_xfind(s, x, "上报") ||
		      qc_xfind(s, x, "报告") || qc_xfind(s, x, "总结");

	if (report) {
		int kind = -1, dg = 0;
		if (qc_xfind(s, x, "每月"))
			kind = QC_REPORT_MONTHLY, dg = 10;
		else if (qc_xfind(s, x, "每半年") || qc_xfind(s, x, "半年"))
			kind = QC_REPORT_HALF_YEAR, dg = 15;
		else if (qc_xfind(s, x, "每年") || qc_xfind(s, x, "年度") ||
			 qc_xfind(s, x, "年底"))
			kind = QC_REPORT_ANNUAL, dg = 31;
		if (kind >= 0 && !qc_xfind(s, x, "向社会")) {
			struct qc_duty *du = qc_plan_add_duty(p);
			du->kind = (enum qc_report_kind)kind;
			du->grace_days = grace(s, x, dg);
			du->text = qc_xline_slice(l, b, e);
			du->line = l->no;
		}
	}
}

static bool is_rule(const char *s, const char *x)
{
	bool judge = qc_xfind(s, x, "考评") || qc_xfind(s, x, "考核") ||
		     qc_xfind(s, x, "绩效") || qc_xfind(s, x, "督查");
	bool verdict = qc_xfind(s, x, "表彰") || qc_xfind(s, x, "批评") ||
		       qc_xfind(s, x, "问责") || qc_xfind(s, x, "奖励") ||
		       qc_xfind(s, x, "一票否决") || qc_xfind(s, x, "纳入") ||
		       qc_xfind(s, x, "追究");
	return judge && verdict;
}

/* The words a duty (a report word) or a rule (a judge and a verdict
 * word) needs, as add_rule_or_duty and is_rule look for them: a line
 * with none of them holds neither and is passed over after one scan. */
static const char *const duty_words[] = {
	"报送", "上报", "报告",     "总结", /* report */
	"考评", "考核", "绩效",     "督查", /* judge */
	"表彰", "批评", "问责",     "奖励", /* verdict */
	"纳入", "追究", "一票否决",
};
#define DW_REPORT 0x00Fu
#define DW_JUDGE 0x0F0u
#define DW_VERDICT 0x7F00u
static struct xac duty_ac;
static pthread_once_t duty_once = PTHREAD_ONCE_INIT;

static void duty_build(void)
{
	qc_xac_build(&duty_ac, duty_words,
		     sizeof(duty_words) / sizeof(*duty_words));
}

void qc_xduties_lines(const struct xdoc *d, size_t from, size_t to,
		      struct qc_plan *p)
{
	pthread_once(&duty_once, duty_build);
	for (size_t i = from; i < to; i++) {
		const struct xline *l = &d->v[i];
		const char *s = l->norm, *e = s + l->norm_len;
		size_t sb = 0, cb = 0;
		uint64_t m;

		/* A line with neither a report word nor a judge word is
		 * passed over by a few memchr runs (every report word holds
		 * 报 but 总结, and 考 stands in two judge words) instead of
		 * the byte-at-a-time scan: most lines. */
		if (!qc_xfind(s, e, "报") && !qc_xfind(s, e, "考") &&
		    !qc_xfind(s, e, "总结") && !qc_xfind(s, e, "绩效") &&
		    !qc_xfind(s, e, "督查"))
			continue;
		m = qc_xac_mask(&duty_ac, s, e);
		if (!(m & DW_REPORT) && !((m & DW_JUDGE) && (m & DW_VERDICT)))
			continue;

		/* Duties are clauses (每月报送…, 每半年…总结); rules are
		 * sentences. */
		for (size_t j = 0; j <= l->norm_len;) {
			bool send = j == l->norm_len ||
				    qc_xstarts(s + j, e, "。") || s[j] == ';';
			bool cend = send || s[j] == ',';
			if (cend) {
				if (j > cb)
					add_rule_or_duty(p, l, cb, j);
				cb = j + (j < l->norm_len ?
						  qc_xcplen(s + j, e) :
						  0);
			}
			if (send) {
				if (j > sb && is_rule(s + sb, s + j)) {
					struct qc_rule *r = qc_plan_add_rule(p);
					r->text = qc_xline_slice(l, sb, j);
					r->line = l->no;
				}
				sb = cb;
			}
			if (j == l->norm_len)
				break;
			j += qc_xcplen(s + j, e);
		}
	}
}

void qc_xgroup_extract(const struct xdoc *d, struct qc_plan *p)
{
	qc_xgroup_lines(d, 0, d->n, p);
}

void qc_xphases_extract(const struct xdoc *d, struct qc_plan *p)
{
	bool in = false;

	qc_xphases_lines(d, 0, d->n, p, &in, 0);
}

void qc_xduties_extract(const struct xdoc *d, struct qc_plan *p)
{
	qc_xduties_lines(d, 0, d->n, p);
}
