/* Names as a page writes them around the name itself: a note in
 * brackets after it ((标称), (超市制作生产)), or the distributor and the
 * producer in one cell (经销者:某公司;生产者:某公司南通分公司, or
 * 生产厂家:某公司 出品商家:某商贸公司 with a space or a line between),
 * with their addresses likewise. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/strbuf.h"
#include "qcity/text.h"
#include "sampling_int.h"
#include "banned.h"

/* The name without a note in brackets after it: (标称) always; a note
 * of what the unit did (超市制作生产, 加工) where the name before it
 * reads as a name; else NULL. The caller frees. */
static char *without_note(const char *s)
{
	static const char *const did[] = { "制作", "生产", "加工" };
	size_t n = strlen(s), close;
	const char *open = NULL;

	if (n > 1 && s[n - 1] == ')')
		close = 1;
	else if (n > strlen("）") && !strcmp(s + n - strlen("）"), "）"))
		close = strlen("）");
	else
		return NULL;
	for (const char *p = s; *p; p++)
		if (*p == '(' || !strncmp(p, "（", strlen("（")))
			open = p;
	if (!open || open == s)
		return NULL;
	size_t at = strlen("（");
	const char *in = open + (*open == '(' ? 1 : at);
	size_t len = (size_t)(s + n - close - in);
	char *note = qc_xmalloc(len + 1), *name;
	memcpy(note, in, len);
	note[len] = '\0';
	name = qc_xmalloc((size_t)(open - s) + 1);
	memcpy(name, s, (size_t)(open - s));
	name[open - s] = '\0';
	bool strip = !strcmp(note, "标称");
	for (size_t i = 0; !strip && i < sizeof(did) / sizeof(did[0]); i++)
		strip = strstr(note, did[i]) &&
			(qc_sampling_kind(name) & K_ORG);
	free(note);
	if (!strip) {
		free(name);
		return NULL;
	}
	return name;
}

static const char *const colon[] = { ":", "：" };

/* The first space or line break in s after which, before the next one,
 * another role and its colon follow (甲公司 出品商家:乙 → " 出品…");
 * else NULL. */
static const char *role_break(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p != ' ' && *p != '\n')
			continue;
		const char *q = p;
		while (*q == ' ' || *q == '\n')
			q++;
		size_t word = strcspn(q, " \n");
		for (size_t i = 0; i < 2; i++) {
			const char *c = strstr(q, colon[i]);
			if (c && c > q && (size_t)(c - q) < word)
				return p;
		}
	}
	return NULL;
}

/* The part of a cell after `role` and its colon, to the next ; (or a
 * space before another role and its colon) or the end (经销者:甲;生产者:乙
 * → 乙, 生产厂家:甲 出品商家:乙 → 甲), where the cell names another role
 * too; else NULL. The caller frees. */
static char *part_of(const char *s, const char *role)
{
	static const char *const semi[] = { ";", "；" };
	const char *p = strstr(s, role), *end = NULL;

	if (!p ||
	    (p == s && !strpbrk(s, ";") && !strstr(s, "；") && !role_break(s)))
		return NULL;
	p += strlen(role);
	for (size_t i = 0; i < 2; i++)
		if (!strncmp(p, colon[i], strlen(colon[i]))) {
			p += strlen(colon[i]);
			end = p;
		}
	if (!end)
		return NULL;
	for (size_t i = 0; i < 2; i++) {
		const char *e = strstr(p, semi[i]);
		if (e && (end == p || e < end))
			end = e;
	}
	const char *b = role_break(p);
	if (b && (end == p || b < end))
		end = b;
	if (end == p)
		end = p + strlen(p);
	while (end > p && end[-1] == ' ')
		end--;
	if (end == p)
		return NULL;
	char *out = qc_xmalloc((size_t)(end - p) + 1);
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
	return out;
}

/* A cell naming one party by its role alone (经销商:甲公司, 经销商地址:
 * 哈尔滨市…): the part after the role and its colon, where the cell
 * names no other role; else NULL. The caller frees. */
static char *sole_role(const char *s, bool address)
{
	static const char *const party[] = { "经销商", "经销者", "经销单位",
					     "委托方", "委托商", "委托单位",
					     "进口商", "代理商", "分装商",
					     "生产者", "生产商", "生产厂家",
					     "制造商" };

	/* The role, then 地址 (no snprintf of the two: this runs on two
	 * cells of every row, 6 % of a large import's CPU). */
	for (size_t i = 0; i < sizeof(party) / sizeof(party[0]); i++) {
		if (!qc_sampling_starts(s, party[i]))
			continue;
		const char *p = s + strlen(party[i]);
		if (address && !qc_sampling_starts(p, "地址"))
			continue;
		if (address)
			p += strlen("地址");
		for (size_t c = 0; c < 2; c++)
			if (qc_sampling_starts(p, colon[c])) {
				p += strlen(colon[c]);
				while (*p == ' ')
					p++;
				if (!*p || strpbrk(p, ";:") ||
				    strstr(p, "；") || strstr(p, "："))
					return NULL;
				return qc_xstrdup(p);
			}
	}
	return NULL;
}

/* s as one name however a page wrote it: without the spaces a narrow
 * column's wrapping left inside it (平南县护航 摩托车配件 有限公司, …监督
 * 检 验院), a run of spaces between two Han characters, unless the part
 * before it ends as a unit's name does (…餐厅 南湖店, …学院 一食堂: two
 * names, kept); and with its brackets half-width (甲（中国）有限公司 as
 * 甲(中国)有限公司, as most tables write them). Registered names hold no
 * spaces, and the same enterprise written in two ways would be two.
 * NULL when nothing changes; the caller frees. */
static char *as_one_name(const char *s)
{
	struct qc_buf b = QC_BUF_INIT;
	size_t n = strlen(s), i = 0;
	uint32_t last = 0, cp;
	bool changed = false;

	/* One pass over the name for what could change it: a space, or the
	 * lead byte of U+3000 (E3) or of （ ） (EF); most names hold none. */
	if (!strpbrk(s, " \xE3\xEF"))
		return NULL;
	qc_buf_init(&b, 0);
	while (i < n) {
		size_t k = i, len;
		while (k < n && (s[k] == ' ' || !strncmp(s + k, "\u3000", 3)))
			k += s[k] == ' ' ? 1 : 3;
		if (k > i && k < n && qc_utf8_is_han(last) &&
		    (qc_utf8_decode(s + k, n - k, &cp), qc_utf8_is_han(cp)) &&
		    !qc_sampling_org_end(qc_buf_str(&b), qc_buf_len(&b))) {
			i = k, changed = true;
			continue;
		}
		if (k > i) {
			qc_buf_add(&b, s + i, k - i);
			i = k, last = ' ';
			continue;
		}
		len = qc_utf8_decode(s + i, n - i, &last);
		if (last == 0xff08 || last == 0xff09) { /* （ ） */
			qc_buf_addch(&b, last == 0xff08 ? '(' : ')');
			changed = true;
		} else {
			qc_buf_add(&b, s + i, len);
		}
		i += len;
	}
	if (!changed) {
		qc_buf_release(&b);
		return NULL;
	}
	return qc_buf_detach(&b, NULL);
}

void qc_sampling_names(const struct qc_sampling_map *m,
		       struct sampling_reader *rd, const char **f)
{
	static const struct {
		enum qc_sfield field;
		const char *role;
	} roles[] = { { QC_SF_ENTERPRISE, "生产者" },
		      { QC_SF_ENTERPRISE, "生产厂家" },
		      { QC_SF_ENTERPRISE, "生产商" },
		      { QC_SF_ENTERPRISE, "制造商" },
		      { QC_SF_ADDRESS, "生产者地址" },
		      { QC_SF_ENTERPRISE, NULL },
		      { QC_SF_SAMPLED, NULL } };

	(void)m;
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		enum qc_sfield k = roles[i].field;
		char *v;
		if (!f[k] || !*f[k])
			continue;
		v = roles[i].role ? part_of(f[k], roles[i].role) :
				    without_note(f[k]);
		/* 生产者地址 is no 生产者: the address's own role first. */
		if (v && k == QC_SF_ENTERPRISE && roles[i].role &&
		    strstr(f[k], "生产者地址") && !strstr(f[k], "生产者:") &&
		    !strstr(f[k], "生产者：")) {
			free(v);
			v = NULL;
		}
		if (!v)
			continue;
		free(rd->named[k]);
		rd->named[k] = v;
		f[k] = v;
	}
	/* 经销商:甲公司 under the producer's heading: 甲公司 is the party
	 * the table names (a 2017 honey list). */
	static const enum qc_sfield named[] = { QC_SF_ENTERPRISE,
						QC_SF_ADDRESS };
	for (size_t i = 0; i < 2; i++) {
		enum qc_sfield k = named[i];
		char *v = f[k] ? sole_role(f[k], k == QC_SF_ADDRESS) : NULL;
		if (!v)
			continue;
		free(rd->named[k]);
		rd->named[k] = v;
		f[k] = v;
	}
	static const enum qc_sfield names[] = { QC_SF_ENTERPRISE, QC_SF_ADDRESS,
						QC_SF_SAMPLED,
						QC_SF_SAMPLED_ADDRESS,
						QC_SF_BODY };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		enum qc_sfield k = names[i];
		char *v = f[k] ? as_one_name(f[k]) : NULL;
		if (!v)
			continue;
		free(rd->named[k]);
		rd->named[k] = v;
		f[k] = v;
	}
}
