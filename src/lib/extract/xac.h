/* One Aho-Corasick automaton per word list of the extractor (direction
 * words, words of tense): built once, it reads a text once, left to
 * right, and reports every listed word that ends at each byte, overlaps
 * included (提高 and 提高到, 增长 and 年均增长). Internal. */
#ifndef QCITY_XAC_H
#define QCITY_XAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XAC_STATES 1024
#define XAC_CLASSES 128
#define XAC_OUT 0x8000u

struct xac {
	/* A byte's class: 0 for the bytes no word holds, else one per byte
	 * that a word holds. Rows of classes instead of 256 bytes keep the
	 * table small: quick to build at start, and in cache while read. */
	uint8_t cls[256];
	/* The DFA, fail links folded in: state s's row starts at s * nc
	 * (rows as wide as the classes in use, so the states read often
	 * share cache lines). */
	uint16_t next[XAC_STATES * XAC_CLASSES];
	/* The same, as a scan reads it when the table is small enough
	 * (states * classes below XAC_OUT, `fast`; the extractor's lists
	 * are): the offset of the next state's row (state * nc), with
	 * XAC_OUT set when a word ends there, so a byte costs one load and
	 * an add (no multiply in the chain), from a table that stays in
	 * the first-level cache. */
	uint16_t go[XAC_OUT];
	bool fast;
	int16_t word[XAC_STATES];  /* the word ending here, or -1 */
	int16_t dict[XAC_STATES];  /* next state on the fail chain with a
				     word, or -1 */
	uint8_t out[XAC_STATES];   /* whether a word ends here (its own or
				     on the fail chain) */
	uint64_t mask[XAC_STATES]; /* those words as bits (ids < 64) */
	int n;                     /* states in use; 0 if the build failed */
	int nc;                    /* classes in use, 0 included */
};

/* Build a from n words (id = index). Returns false (and leaves a empty)
 * if the words need more than XAC_STATES states or hold more than
 * XAC_CLASSES - 1 distinct bytes: a bug caught by the unit tests, not an
 * input error. Call once (pthread_once). */
bool qc_xac_build(struct xac *a, const char *const *words, size_t n);

/* Scan [b, e): for every word ending at a byte, hit(ctx, id, end) with end
 * just past the word; hit returns false to stop. */
void qc_xac_scan(const struct xac *a, const char *b, const char *e,
		 bool (*hit)(void *ctx, int id, const char *end), void *ctx);

/* The words of a that occur in [b, e), as bits (1 << id; ids < 64): one
 * pass that replaces a search per word when a rule only asks whether a
 * word is there. */
uint64_t qc_xac_mask(const struct xac *a, const char *b, const char *e);

#endif
