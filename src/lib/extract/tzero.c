/* Zero targets (docs/extraction.md): a plan sets one only where it
 * writes the zero. 零 before an event word (重大食品安全事故零发生,
 * 零事故、零死亡) or 为零 / 为0 after one (重大质量安全事故为零) is a
 * target of op zero; "不发生重大…事故" writes no numeral and is not
 * (the seeds' gold skips it, ../shared/gold/NOTES.md 000 L17), nor are
 * 零的突破 (a first success), 零容忍, 零售, 零部件. A zero after a level
 * word (控制在0以下) is an ordinary number (xnum.c). */
#include <string.h>

#include "xtgt.h"
#include "banned.h"

#define N(a) (sizeof(a) / sizeof(*(a)))

/* Events a plan wants none of. */
static const char *const events[] = { "发生", "事故", "事件", "死亡",
				      "伤亡", "投诉", "案件" };

static bool is_delim(const char *p, const char *end)
{
	return *p == ',' || *p == ';' || *p == ':' || *p == '!' || *p == '?' ||
	       qc_xstarts(p, end, "。") || qc_xstarts(p, end, ";") ||
	       qc_xstarts(p, end, "、");
}

/* The subject before `at`: from the clause start (or sb) to at. */
static size_t subject_start(const char *s, size_t sb, size_t at)
{
	const char *p = s + at, *lo = s + sb;

	while (p > lo) {
		const char *q = qc_xprev(s, p);
		if (is_delim(q, s + at))
			break;
		p = q;
	}
	return (size_t)(p - s);
}

static const char *event_at(const char *p, const char *end)
{
	for (size_t i = 0; i < N(events); i++)
		if (qc_xstarts(p, end, events[i]))
			return events[i];
	return NULL;
}

static bool event_before(const char *b, const char *e)
{
	for (size_t i = 1; i < N(events); i++)
		if (qc_xends_with(b, e, events[i]))
			return true;
	return false;
}

size_t qc_xzero_at(const char *s, size_t sb, const char *p, const char *end,
		   struct xname *nm)
{
	size_t at = (size_t)(p - s), len;
	const char *ev, *q;

	memset(nm, 0, sizeof(*nm));
	if (qc_xstarts(p, end, "零") && (ev = event_at(p + 3, end))) {
		/* 零事故 / 零发生; the event word is not a verb of 发 */
		len = 3 + strlen(ev);
		q = p + len;
		if (q < end && !is_delim(q, end) && !qc_xstarts(q, end, "”"))
			return 0;
		nm->b[0] = subject_start(s, sb, at);
		nm->e[0] = at;
		qc_xname_trim(s, &nm->b[0], &nm->e[0]);
		nm->n = nm->e[0] > nm->b[0];
		if (strcmp(ev, "发生")) {
			nm->b[nm->n] = at + 3;
			nm->e[nm->n] = at + len;
			nm->n++;
		}
		return len;
	}
	/* 重大质量安全事故为零 */
	if ((qc_xstarts(p, end, "为零") && (len = 6)) ||
	    (qc_xstarts(p, end, "为0") && (len = 4))) {
		q = p + len;
		if ((q < end && !is_delim(q, end)) || (q < end && *q == '.'))
			return 0;
		nm->b[0] = subject_start(s, sb, at);
		nm->e[0] = at;
		qc_xname_trim(s, &nm->b[0], &nm->e[0]);
		if (nm->e[0] <= nm->b[0] ||
		    !event_before(s + nm->b[0], s + nm->e[0]))
			return 0;
		nm->n = 1;
		return len;
	}
	return 0;
}
