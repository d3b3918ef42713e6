/* The extractor's word automaton (see xac.h). */
#include <string.h>

#include "xac.h"
#include "banned.h"

/* State s's row of the DFA. */
#define ROW(a, s) ((a)->next + (size_t)(s) * (size_t)(a)->nc)

static bool fail_empty(struct xac *a)
{
	/* empty: the root, leading nowhere */
	memset(a->cls, 0, sizeof(a->cls));
	a->nc = 1;
	a->next[0] = 0;
	a->word[0] = a->dict[0] = -1;
	a->out[0] = 0;
	a->mask[0] = 0;
	a->n = 0;
	a->fast = false;
	return false;
}

bool qc_xac_build(struct xac *a, const char *const *words, size_t n)
{
	int queue[XAC_STATES], fail[XAC_STATES], head = 0, tail = 0;

	/* The byte classes. */
	memset(a->cls, 0, sizeof(a->cls));
	a->nc = 1;
	for (size_t i = 0; i < n; i++)
		for (const unsigned char *p = (const unsigned char *)words[i];
		     *p; p++)
			if (!a->cls[*p]) {
				if (a->nc == XAC_CLASSES)
					return fail_empty(a);
				a->cls[*p] = (uint8_t)a->nc++;
			}
	/* Only the rows of the states in use are cleared: rows past a->n
	 * are never read. */
	a->n = 1;
	memset(ROW(a, 0), 0, (size_t)a->nc * sizeof(*a->next));
	a->word[0] = a->dict[0] = -1;
	/* The trie; 0 is the root and no edge leads back to it. */
	for (size_t i = 0; i < n; i++) {
		int s = 0;
		for (const unsigned char *p = (const unsigned char *)words[i];
		     *p; p++) {
			int c = a->cls[*p];
			if (!ROW(a, s)[c]) {
				if (a->n == XAC_STATES)
					return fail_empty(a);
				memset(ROW(a, a->n), 0,
				       (size_t)a->nc * sizeof(*a->next));
				a->word[a->n] = a->dict[a->n] = -1;
				ROW(a, s)[c] = (uint16_t)a->n++;
			}
			s = ROW(a, s)[c];
		}
		a->word[s] = (int16_t)i;
	}
	/* Breadth first: fail links, then the missing edges of each state
	 * are those of its fail state. Class 0 leads back to the root. */
	fail[0] = 0;
	for (int c = 1; c < a->nc; c++)
		if (ROW(a, 0)[c]) {
			fail[ROW(a, 0)[c]] = 0;
			queue[tail++] = ROW(a, 0)[c];
		}
	while (head < tail) {
		int s = queue[head++];
		int f = fail[s];
		a->dict[s] = a->word[f] >= 0 ? (int16_t)f : a->dict[f];
		for (int c = 1; c < a->nc; c++) {
			int t = ROW(a, s)[c];
			if (t) {
				fail[t] = ROW(a, f)[c];
				queue[tail++] = t;
			} else {
				ROW(a, s)[c] = ROW(a, f)[c];
			}
		}
	}
	/* What ends at each state, so a scan asks one byte per step. */
	for (int s = 0; s < a->n; s++) {
		a->mask[s] = 0;
		for (int t = a->word[s] >= 0 ? s : a->dict[s]; t > 0;
		     t = a->dict[t])
			if (a->word[t] < 64)
				a->mask[s] |= (uint64_t)1 << a->word[t];
		a->out[s] = a->word[s] >= 0 || a->dict[s] > 0;
	}
	a->fast = (size_t)a->n * (size_t)a->nc < XAC_OUT;
	for (int s = 0; a->fast && s < a->n; s++)
		for (int c = 0; c < a->nc; c++) {
			int t = ROW(a, s)[c];
			unsigned flag = a->out[t] ? XAC_OUT : 0;
			a->go[s * a->nc + c] = (uint16_t)(t * a->nc | flag);
		}
	return true;
}

/* The words on the fail chain of state s, longest first, to hit. */
static bool report(const struct xac *a, int s, const char *end,
		   bool (*hit)(void *ctx, int id, const char *end), void *ctx)
{
	for (int t = a->word[s] >= 0 ? s : a->dict[s]; t > 0; t = a->dict[t])
		if (!hit(ctx, a->word[t], end))
			return false;
	return true;
}

void qc_xac_scan(const struct xac *a, const char *b, const char *e,
		 bool (*hit)(void *ctx, int id, const char *end), void *ctx)
{
	const uint16_t *go = a->go;
	const uint8_t *cls = a->cls;
	const unsigned nc = (unsigned)a->nc;
	unsigned off = 0;
	int s = 0;

	if (!a->fast) {
		for (const char *p = b; p < e; p++) {
			s = ROW(a, s)[cls[(unsigned char)*p]];
			if (a->out[s] && !report(a, s, p + 1, hit, ctx))
				return;
		}
		return;
	}
	for (const char *p = b; p < e; p++) {
		off = go[off + cls[(unsigned char)*p]];
		if (!(off & XAC_OUT))
			continue;
		off &= ~XAC_OUT;
		if (!report(a, (int)(off / nc), p + 1, hit, ctx))
			return;
	}
}

uint64_t qc_xac_mask(const struct xac *a, const char *b, const char *e)
{
	const uint16_t *go = a->go;
	unsigned off = 0;
	uint64_t m = 0;
	int s = 0;

	if (!a->fast) {
		for (const unsigned char *p = (const unsigned char *)b;
		     p < (const unsigned char *)e; p++) {
			s = ROW(a, s)[a->cls[*p]];
			m |= a->mask[s];
		}
		return m;
	}
	for (const unsigned char *p = (const unsigned char *)b;
	     p < (const unsigned char *)e; p++) {
		off = go[off + a->cls[*p]];
		if (off & XAC_OUT) {
			off &= ~XAC_OUT;
			m |= a->mask[off / (unsigned)a->nc];
		}
	}
	return m;
}
