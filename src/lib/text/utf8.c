/* UTF-8 helpers over utf8proc, and the width fold used for matching. */
#include <string.h>
#include <sys/types.h>

#include <utf8proc.h>

#include "qcity/text.h"
#include "banned.h"

size_t qc_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	/* utf8proc reads at most 4 bytes but wants the bound as a signed size. */
	k = utf8proc_iterate((const utf8proc_uint8_t *)s,
			     (utf8proc_ssize_t)(n > 4 ? 4 : n), &c);
	if (k <= 0 || c < 0) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = (uint32_t)c;
	return (size_t)k;
}

bool qc_utf8_is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

/* The length of the valid UTF-8 sequence at s (n > 0 bytes left), or 0:
 * the rules of utf8proc_iterate (no overlong forms, no surrogates,
 * nothing above U+10FFFF), decoded inline because it runs over every
 * byte of a document. */
static size_t valid_at(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];

#define CONT(x) (((x)&0xC0) == 0x80)
	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0)
		return n >= 2 && CONT(s[1]) ? 2 : 0;
	if (c < 0xF0) {
		if (n < 3 || !CONT(s[1]) || !CONT(s[2]) ||
		    (c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
			return 0;
		return 3;
	}
	if (n < 4 || !CONT(s[1]) || !CONT(s[2]) || !CONT(s[3]) ||
	    (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
		return 0;
	return 4;
#undef CONT
}

bool qc_utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		/* Runs of Han characters (leads E1..EC and two continuation
		 * bytes) in a tight loop: one 4-byte test a character. */
		while (n - i >= 4) {
			uint32_t v = (uint32_t)u[i] | (uint32_t)u[i + 1] << 8 |
				     (uint32_t)u[i + 2] << 16;
			if ((v & 0xC0C000) != 0x808000 ||
			    (uint32_t)(u[i] - 0xE1) > 0x0B)
				break;
			i += 3;
		}
		if (i >= n)
			break;
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		/* Leads E1..EC take any two continuation bytes (neither an
		 * overlong form nor a surrogate): most of a Chinese text. */
		if (u[i] >= 0xE1 && u[i] <= 0xEC && n - i >= 3 &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		if (!(k = valid_at(u + i, n - i)))
			return false;
		i += k;
	}
	return true;
}

void qc_utf8_put(struct qc_buf *b, uint32_t cp)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, tmp);

	if (k > 0)
		qc_buf_add(b, tmp, (size_t)k);
}

size_t qc_utf8_count(const char *s, size_t n)
{
	size_t c = 0;

	/* Count lead bytes: continuation bytes are 10xxxxxx. */
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

void qc_utf8_copy(char *dst, size_t n, const char *src)
{
	size_t len = src ? strlen(src) : 0;

	if (len >= n) {
		len = n - 1;
		/* Back to the lead byte of the character cut. */
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	if (len)
		memcpy(dst, src, len);
	dst[len] = '\0';
}

size_t qc_utf8_offset(const char *s, size_t n, size_t k)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (c == k)
				return i;
			c++;
		}
	}
	return n;
}

/* Look-alikes that plans mix with ASCII; each maps to one ASCII char. */
static uint32_t fold_cp(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFF01 + 0x21;
	switch (cp) {
	case 0x3000: return ' ';
	case 0x2236: return ':'; /* ∶ RATIO, as in 2.6∶1 */
	case 0xFE6A: return '%'; /* ﹪ */
	case 0x2014:
	case 0x2013:
	case 0x2015:
	case 0x2212:
	case 0xFE63: return '-';    /* dashes between numbers: 2-3个 */
	case 0x301C: return '~';    /* 〜 */
	case 0x00B5: return 0x03BC; /* micro sign → Greek mu */
	default: return cp;
	}
}

void qc_text_fold_width(const char *s, size_t n, struct qc_buf *out)
{
	size_t i = 0;

	while (i < n) {
		const unsigned char *u = (const unsigned char *)s;
		uint32_t cp;
		size_t k, j = i;

		/* Runs of ASCII, of Han characters (leads E4..E9, none of
		 * which folds) and of CJK punctuation (U+3000..U+303F but
		 * U+3000 and U+301C: 、。《》) are the common case: copied
		 * whole. */
		while (j < n) {
			if (u[j] < 0x80)
				j++;
			else if (u[j] >= 0xE4 && u[j] <= 0xE9 && n - j >= 3 &&
				 (u[j + 1] & 0xC0) == 0x80 &&
				 (u[j + 2] & 0xC0) == 0x80)
				j += 3;
			else if (u[j] == 0xE3 && n - j >= 3 &&
				 u[j + 1] == 0x80 &&
				 (u[j + 2] & 0xC0) == 0x80 &&
				 u[j + 2] != 0x80 && u[j + 2] != 0x9C)
				j += 3;
			else
				break;
		}
		if (j > i) {
			qc_buf_add(out, s + i, j - i);
			i = j;
			continue;
		}
		/* Full-width ASCII (U+FF01..U+FF5E: ,:;() …) folds to its
		 * ASCII byte. */
		if (u[i] == 0xEF && n - i >= 3 &&
		    ((u[i + 1] == 0xBC && u[i + 2] >= 0x81 &&
		      u[i + 2] <= 0xBF) ||
		     (u[i + 1] == 0xBD && u[i + 2] >= 0x80 &&
		      u[i + 2] <= 0x9E))) {
			cp = ((uint32_t)(u[i + 1] & 0x3F) << 6) |
			     (uint32_t)(u[i + 2] & 0x3F);
			qc_buf_addch(out, (char)(0xF000 + cp - 0xFF01 + 0x21));
			i += 3;
			continue;
		}
		k = qc_utf8_decode(s + i, n - i, &cp);
		uint32_t f = fold_cp(cp);
		if (f == cp && cp != 0xFFFD)
			qc_buf_add(out, s + i, k);
		else
			qc_utf8_put(out, f);
		i += k;
	}
}

size_t qc_text_without_note(const char *s, size_t n)
{
	const char *open = NULL;

	if (n && s[n - 1] == ')') {
		for (const char *q = s; q < s + n; q++)
			open = *q == '(' ? q : open;
	} else if (n >= 3 && !memcmp(s + n - 3, "）", 3)) {
		for (const char *q = s; q + 3 <= s + n; q++)
			open = !memcmp(q, "（", 3) ? q : open;
	}
	return open && open > s ? (size_t)(open - s) : n;
}

int qc_utf8_width(const char *s)
{
	utf8proc_int32_t cp;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int w = 0;

	while (s && *p) {
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0) {
			p++;
			w++;
			continue;
		}
		w += utf8proc_charwidth(cp);
		p += n;
	}
	return w;
}
