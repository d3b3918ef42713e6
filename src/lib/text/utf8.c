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

bool qc_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(n - i > 4 ? 4 : n - i),
				     &c);
		if (k <= 0 || c < 0)
			return false;
		i += (size_t)k;
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
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;

		if (c < 0x80) {
			/* Runs of ASCII are the common case: copy them whole. */
			size_t j = i + 1;
			while (j < n && (unsigned char)s[j] < 0x80)
				j++;
			qc_buf_add(out, s + i, j - i);
			i = j;
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
