/* The units a sentence of a failure names, as the nineteenth held-out
 * batch wrote them (docs/registry.md "Nineteenth held-out batch"): a
 * name in quotes (标称“…有限公司”生产的), a stall named by its keeper
 * after its place (在…蔬菜行“潘忠开”抽检的, …8号蒙安遂销售的), and a
 * seller with its batches in brackets whose producer a clause of its own
 * names (…商店(2批次),不合格产品标称生产企业均为…公司。). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sampling_int.h"
#include "sampling_sentence.h"
#include "banned.h"

#define OPEN_QUOTE "“"
#define CLOSE_QUOTE "”"

void qc_sentence_unquote(char **s)
{
	char *p = *s;
	size_t n = strlen(p), a = strlen(OPEN_QUOTE), b = strlen(CLOSE_QUOTE);
	if (n <= a + b || !qc_sampling_starts(p, OPEN_QUOTE) ||
	    !qc_sampling_ends(p, CLOSE_QUOTE))
		return;
	/* “乙”牌书桌: a quote inside is the name's own. */
	p[n - b] = '\0';
	if (strstr(p + a, OPEN_QUOTE) || strstr(p + a, CLOSE_QUOTE)) {
		memcpy(p + n - b, CLOSE_QUOTE, b);
		return;
	}
	*s = p + a;
	qc_sentence_trim(s);
}

/* Whether the n bytes at s are two or three Han characters (a person's
 * name: 蒙安遂, 黄四). */
static bool person(const char *s, size_t n)
{
	if (n != 6 && n != 9)
		return false;
	for (size_t i = 0; i < n; i += 3) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0xE4 || c > 0xE9 || (s[i + 1] & 0xC0) != 0x80 ||
		    (s[i + 2] & 0xC0) != 0x80)
			return false;
	}
	return true;
}

void qc_sentence_keeper(struct sentence *x)
{
	char *u = x->unit;
	size_t n, b = strlen(CLOSE_QUOTE);
	if (!u || !*u)
		return;
	n = strlen(u);
	/* …农贸市场蔬菜行“潘忠开”, 高新区“南宁市老左水产行”: the quoted
	 * words are the unit, what leads them its place. */
	if (qc_sampling_ends(u, CLOSE_QUOTE)) {
		u[n - b] = '\0';
		char *open = NULL;
		for (char *p = strstr(u, OPEN_QUOTE); p;
		     p = strstr(p + 1, OPEN_QUOTE))
			open = p;
		if (!open || open == u || strstr(open, CLOSE_QUOTE)) {
			memcpy(u + n - b, CLOSE_QUOTE, b);
			return;
		}
		*open = '\0';
		x->unit = open + strlen(OPEN_QUOTE);
		qc_sentence_trim(&x->unit);
		if (!x->address) {
			x->address = u;
			qc_sentence_trim(&x->address);
		}
		return;
	}
	/* …凤岭五队86号蔬菜行8-1、2、3号蒙安遂: a keeper's name after the
	 * number of the stall, no unit's ending. */
	char *num = NULL;
	for (char *p = strstr(u, "号"); p; p = strstr(p + 1, "号"))
		num = p;
	if (!num || num == u || num[-1] < '0' || num[-1] > '9')
		return;
	char *name = num + strlen("号");
	size_t k = strlen(name);
	if (!person(name, k) || qc_sampling_org_end(name, k) || x->address)
		return;
	memmove(name + 1, name, k + 1); /* the place ends at 号 */
	name[0] = '\0';
	x->address = u;
	x->unit = name + 1;
}

/* The producer a clause of its own names (不合格产品标称生产企业均为Y,
 * 生产企业为Y), or NULL; c is not changed. */
static const char *producer_clause(const char *c)
{
	static const char *const label[] = { "生产企业均为", "生产企业为",
					     "生产者均为",   "生产者为",
					     "生产单位均为", "生产单位为" };
	for (size_t i = 0; i < sizeof(label) / sizeof(*label); i++) {
		const char *p = strstr(c, label[i]);
		if (p && p[strlen(label[i])])
			return p + strlen(label[i]);
	}
	return NULL;
}

/* The batches a unit's bracket counts (泰来县…商店(2批次)): the bracket's
 * start in *open, the count; 0 if none. */
static int batches(const char *u, const char **open)
{
	const char *o = strrchr(u, '('), *p;
	if (!o || o == u)
		return 0;
	for (p = o + 1; *p >= '0' && *p <= '9'; p++)
		;
	if (p == o + 1 || strcmp(p, "批次)"))
		return 0;
	*open = o;
	return atoi(o + 1);
}

/* Whether the text before the first comma of s is a unit's name, with
 * or without its batches in brackets. */
static bool unit_first(const char *s)
{
	const char *comma = strchr(s, ',');
	const char *open = NULL;
	if (!comma || comma == s)
		return false;
	char *u = malloc((size_t)(comma - s) + 1);
	if (!u)
		return false;
	memcpy(u, s, (size_t)(comma - s));
	u[comma - s] = '\0';
	size_t n = strlen(u);
	if (batches(u, &open))
		n = (size_t)(open - u);
	bool org = qc_sampling_org_end(u, n);
	free(u);
	return org;
}

bool qc_sentence_batches_like(const char *s)
{
	const char *comma = strchr(s, ',');
	return comma && producer_clause(comma) && unit_first(s);
}

bool qc_sentence_batches(struct sentence *x, char *const *c, size_t n)
{
	const char *open = NULL, *made = NULL;
	size_t i;
	if (n < 2)
		return false;
	for (i = 1; i < n && !made; i++)
		made = producer_clause(c[i]);
	char *u = c[0];
	int count = batches(u, &open);
	size_t len = count ? (size_t)(open - u) : strlen(u);
	if (!made || !qc_sampling_org_end(u, len))
		return false;
	u[len] = '\0';
	x->unit = u;
	qc_sentence_trim(&x->unit);
	x->producer = (char *)made;
	qc_sentence_trim(&x->producer);
	/* No product written: the title's or --product's. */
	x->product[0] = x->unit + strlen(x->unit);
	x->copies[0] = count < 1 ? 1 : count > 20 ? 20 : count;
	x->n_products = 1;
	return true;
}
