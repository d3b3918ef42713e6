/* A page's artefacts in the text of a plan, dropped before anything
 * else reads it: the pinyin some pages print after each character
 * (業(yè)質(zhì)) and the spaces a PDF's layout puts around numbers (到
 * 2025 年). docs/extraction.md. */
#include <stdbool.h>
#include <string.h>

#include "qcity/strbuf.h"
#include "qcity/text.h"
#include "extract_int.h"
#include "xtgt.h"
#include "banned.h"

/* The next （ (EF BC 88) in [p, end), or NULL. */
static const char *next_fw_paren(const char *p, const char *end)
{
	while ((p = memchr(p, 0xEF, (size_t)(end - p))) != NULL) {
		if (end - p >= 3 && (unsigned char)p[1] == 0xBC &&
		    (unsigned char)p[2] == 0x88)
			return p;
		p++;
	}
	return NULL;
}

/* Whether the code point that ends at p (p > b) is a CJK character:
 * a 3-byte sequence led by E3..E9. */
static bool cjk_before(const char *b, const char *p)
{
	return p - b >= 3 && (unsigned char)p[-3] >= 0xE3 &&
	       (unsigned char)p[-3] <= 0xE9;
}

/* The next pinyin reading in [p, end) after a Chinese character (at a
 * ( or （, found by memchr, not asked at every byte), or NULL; *len gets
 * its bytes. */
static const char *next_reading(const char *s, const char *end, size_t *len)
{
	const char *np = memchr(s, '(', (size_t)(end - s));
	const char *nf = next_fw_paren(s, end);

	for (const char *p = s; p < end; p++) {
		if (np && np < p)
			np = memchr(p, '(', (size_t)(end - p));
		if (nf && nf < p)
			nf = next_fw_paren(p, end);
		if (!np && !nf)
			break;
		p = !nf || (np && np < nf) ? np : nf;
		if (cjk_before(s, p) &&
		    (*len = qc_text_gloss_at(p, end, false)))
			return p;
	}
	return NULL;
}

static bool is_num_char(char c)
{
	return (c >= '0' && c <= '9') || c == '.' || c == '%';
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A run of spaces at p between a Chinese character and a digit, either
 * way round (到 2025 年, 达到 89 以上, 建成 5 个): a PDF page's layout,
 * not a break between phrases; its length, or 0. A space between two
 * Chinese characters stays (two phrases of a headline), and so does one
 * beside a letter (单位 GDP 能耗). */
static size_t number_gap(const char *b, const char *p, const char *end)
{
	const char *q = p;

	while (q < end && *q == ' ')
		q++;
	/* three spaces or more part the cells of a table's row
	 * (xtable.c): 指标名称    2025年 */
	if (q == p || q == end || p == b || q - p >= 3)
		return 0;
	bool dig_before = p[-1] >= '0' && p[-1] <= '9',
	     dig_after = *q >= '0' && *q <= '9';
	bool cjk_after = (unsigned char)*q >= 0xE3 && (unsigned char)*q <= 0xE9;
	const char *r;

	/* a number, not a code beside a letter (ISO9000 标准, 5G 网络) */
	if (cjk_before(b, p) && dig_after) {
		for (r = q; r < end && is_num_char(*r); r++)
			;
		return r < end && is_letter(*r) ? 0 : (size_t)(q - p);
	}
	if (dig_before && cjk_after) {
		for (r = p; r > b && is_num_char(r[-1]); r--)
			;
		return r > b && is_letter(r[-1]) ? 0 : (size_t)(q - p);
	}
	return 0;
}

/* The next gap number_gap closes in [p, end), or NULL. */
static const char *next_gap(const char *b, const char *p, const char *end,
			    size_t *len)
{
	while ((p = memchr(p, ' ', (size_t)(end - p))) != NULL) {
		if ((*len = number_gap(b, p, end)))
			return p;
		while (p < end && *p == ' ')
			p++;
	}
	return NULL;
}

/* s[from..to) to out without the gaps next_gap finds. */
static void add_closing_gaps(const char *s, const char *from, const char *to,
			     struct qc_buf *out)
{
	const char *g;
	size_t k;

	while ((g = next_gap(s, from, to, &k)) != NULL) {
		qc_buf_add(out, from, (size_t)(g - from));
		from = g + k;
	}
	qc_buf_add(out, from, (size_t)(to - from));
}

/* Some pages print the reading after each character (業(yè)質(zhì)); it
 * is not part of the text, and would split 达(dá)到 and every name.
 * Dropped before anything else, so the written and the folded text keep
 * the same characters: s[0..n) is appended to out without them, and
 * without the spaces a PDF's layout puts around numbers. (A reading
 * needs the character before it, so s starts a line.) */
void qc_xpage_strip(const char *s, size_t n, struct qc_buf *out)
{
	const char *end = s + n, *from = s, *p = s;
	size_t k;

	while ((p = next_reading(p, end, &k)) != NULL) {
		add_closing_gaps(s, from, p, out);
		p += k;
		from = p;
	}
	add_closing_gaps(s, from, end, out);
}

bool qc_xpage_has_artefacts(const char *s, size_t n)
{
	size_t k;

	return next_reading(s, s + n, &k) || next_gap(s, s, s + n, &k);
}
