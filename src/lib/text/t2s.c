/* Traditional → simplified for matching, as OpenCC's t2s profile
 * converts, from OpenCC's own dictionaries (t2s_data.h, written at
 * build time by scripts/gen-t2s from the installed libopencc-data):
 * at each character, the longest phrase of TSPhrases
 * that starts there becomes its simplified form; else the character
 * becomes its TSCharacters form, or stays. OpenCC segments the text by
 * the phrases first and then converts each segment with both
 * dictionaries; as no phrase starts inside the text between two phrase
 * matches and every TSCharacters key is one character, that is the
 * same. tests/unit/test_t2s.c checks it against OpenCC itself. A lookup
 * per character instead of OpenCC's dictionary walk: the walk was a
 * third of the extractor's time. */
#include <pthread.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "qcity/text.h"
#include "banned.h"

#include "src/lib/text/t2s_data.h" /* generated, in the build tree */

#define NPHRASES (sizeof(t2s_phrases) / sizeof(*t2s_phrases))
#define CP_MAX 0x40000u /* every key is below: bitmaps up to here */

static uint32_t from_cp[T2S_NCHARS];
static uint32_t to_off[T2S_NCHARS + 1]; /* bytes of t2s_to */
static uint64_t char_bits[CP_MAX / 64], phrase_bits[CP_MAX / 64];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The code point at p (k bytes, a valid sequence). */
static uint32_t cp_at(const unsigned char *p, size_t k)
{
	switch (k) {
	case 1: return p[0];
	case 2: return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	case 3:
		return ((uint32_t)(p[0] & 0x0F) << 12) |
		       ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	default:
		return ((uint32_t)(p[0] & 0x07) << 18) |
		       ((uint32_t)(p[1] & 0x3F) << 12) |
		       ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
	}
}

/* The bytes of the character at p as OpenCC counts them: by its lead
 * byte alone; 0 for a byte no character starts with. */
static size_t char_len(unsigned char c)
{
	return c < 0x80 ? 1 :
	       c < 0xC0 ? 0 :
	       c < 0xE0 ? 2 :
	       c < 0xF0 ? 3 :
	       c < 0xF8 ? 4 :
	       c < 0xFC ? 5 :
	       c < 0xFE ? 6 :
			  0;
}

static bool bit(const uint64_t *bits, uint32_t cp)
{
	return cp < CP_MAX && (bits[cp / 64] >> (cp % 64)) & 1;
}

static void set_bit(uint64_t *bits, uint32_t cp)
{
	if (cp < CP_MAX)
		bits[cp / 64] |= (uint64_t)1 << (cp % 64);
}

static void build(void)
{
	const unsigned char *f = (const unsigned char *)t2s_from;
	const unsigned char *t = (const unsigned char *)t2s_to;
	size_t fo = 0, tb = 0;

	for (size_t i = 0; i < T2S_NCHARS; i++) {
		size_t fk = char_len(f[fo]), tk = char_len(t[tb]);
		from_cp[i] = cp_at(f + fo, fk);
		set_bit(char_bits, from_cp[i]);
		to_off[i] = (uint32_t)tb;
		fo += fk;
		tb += tk;
	}
	to_off[T2S_NCHARS] = (uint32_t)tb;
	for (size_t i = 0; i < NPHRASES; i++) {
		const unsigned char *k = (const unsigned char *)
			t2s_phrases[i][0];
		set_bit(phrase_bits, cp_at(k, char_len(k[0])));
	}
}

/* The longest phrase that starts at p (k bytes of its first character,
 * n left), or -1. Phrases sharing a first character are adjacent in
 * byte order. */
static long phrase_at(const char *p, size_t k, size_t n)
{
	size_t lo = 0, hi = NPHRASES;
	long best = -1;
	size_t best_len = 0;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (memcmp(t2s_phrases[mid][0], p, k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < NPHRASES && memcmp(t2s_phrases[lo][0], p, k) == 0; lo++) {
		size_t len = strlen(t2s_phrases[lo][0]);
		if (len <= n && len > best_len &&
		    memcmp(t2s_phrases[lo][0], p, len) == 0) {
			best = (long)lo;
			best_len = len;
		}
	}
	return best;
}

/* The index of cp in the character table, or -1. */
static long char_index(uint32_t cp)
{
	size_t lo = 0, hi = T2S_NCHARS;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (from_cp[mid] == cp)
			return (long)mid;
		if (from_cp[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Frequent characters in plan documents that simplified text never uses
 * (sorted code points). A hit means the document is at least partly
 * traditional. */
static const uint32_t trad_marks[] = {
	0x4E26, 0x500B, 0x5011, 0x5340, 0x570B, 0x5712, 0x5834, 0x5BE6, 0x5C0D,
	0x5C64, 0x5E6B, 0x5EE0, 0x5EF3, 0x5F37, 0x5F9E, 0x6703, 0x696D, 0x6A19,
	0x6A5F, 0x6B72, 0x6C92, 0x6E96, 0x6EFF, 0x6FDF, 0x7121, 0x7522, 0x767C,
	0x76E3, 0x7D1A, 0x7D93, 0x7E23, 0x8207, 0x8655, 0x885B, 0x88FD, 0x8A08,
	0x8A2D, 0x8A55, 0x8B77, 0x8CEA, 0x8FA6, 0x9032, 0x9054, 0x9060, 0x9078,
	0x9109, 0x9580, 0x95DC, 0x968A, 0x9805, 0x9AD4, 0x9EDE,
};

/* The marks as a bitmap over U+4000..U+9FFF (3 KB): one lookup per
 * character, as this runs over every line the extractor reads. */
#define MARK_LO 0x4000u
#define MARK_HI 0xA000u
static uint64_t mark_bits[(MARK_HI - MARK_LO) / 64];
static pthread_once_t marks_once = PTHREAD_ONCE_INIT;

static void marks_build(void)
{
	for (size_t i = 0; i < sizeof(trad_marks) / sizeof(*trad_marks); i++)
		mark_bits[(trad_marks[i] - MARK_LO) / 64] |=
			(uint64_t)1 << ((trad_marks[i] - MARK_LO) % 64);
}

static bool is_mark(uint32_t cp)
{
	return cp >= MARK_LO && cp < MARK_HI &&
	       (mark_bits[(cp - MARK_LO) / 64] >> ((cp - MARK_LO) % 64)) & 1;
}

bool qc_text_has_traditional(const char *s, size_t n)
{
	pthread_once(&marks_once, marks_build);
	/* The marks are all three-byte sequences E4..E9; decode only those. */
	for (size_t i = 0; i + 3 <= n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0xE4 || c > 0xE9)
			continue;
		uint32_t cp = ((uint32_t)(c & 0x0F) << 12) |
			      ((uint32_t)(s[i + 1] & 0x3F) << 6) |
			      (uint32_t)(s[i + 2] & 0x3F);
		if (is_mark(cp))
			return true;
		i += 2;
	}
	return false;
}

enum qc_rc qc_text_t2s(const char *s, size_t n, struct qc_buf *out,
		       struct qc_error *err)
{
	size_t i = 0, from = 0, base = qc_buf_len(out);

	pthread_once(&once, build);
	/* OpenCC reads a C string: it stops at a NUL. */
	n = strnlen(s, n);
	while (i < n) {
		size_t k = char_len((unsigned char)s[i]);
		uint32_t cp;
		long x;

		if (k == 0) {
			qc_buf_setlen(out, base);
			return qc_error_set(
				err, QC_EUNSUPPORTED,
				"the document's text is not valid UTF-8");
		}
		if (k > n - i)
			k = n - i;
		/* every key is a valid sequence of three or four bytes */
		if (k < 3 || ((unsigned char)s[i + 1] & 0xC0) != 0x80 ||
		    ((unsigned char)s[i + 2] & 0xC0) != 0x80 ||
		    (k == 4 && ((unsigned char)s[i + 3] & 0xC0) != 0x80)) {
			i += k;
			continue;
		}
		cp = cp_at((const unsigned char *)s + i, k);
		if (bit(phrase_bits, cp) &&
		    (x = phrase_at(s + i, k, n - i)) >= 0) {
			qc_buf_add(out, s + from, i - from);
			qc_buf_adds(out, t2s_phrases[x][1]);
			i += strlen(t2s_phrases[x][0]);
			from = i;
			continue;
		}
		if (bit(char_bits, cp) && (x = char_index(cp)) >= 0) {
			qc_buf_add(out, s + from, i - from);
			qc_buf_add(out, t2s_to + to_off[x],
				   to_off[x + 1] - to_off[x]);
			from = i + k;
		}
		i += k;
	}
	qc_buf_add(out, s + from, n - from);
	return QC_OK;
}
