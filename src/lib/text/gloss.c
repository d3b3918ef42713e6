/* Pinyin glosses a copied page prints after each character (質(zhì)量,
 * 業（yè）): one reader for the plan extractor (xpage.c, which drops them
 * from a plan's text) and the sampling tables (table.c, from a table's
 * cells). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "qcity/text.h"
#include "banned.h"

/* A vowel of pinyin with its tone mark (ā á ǎ à … ǖ ǘ ǚ ǜ), or ü. */
static bool toned_vowel(uint32_t c)
{
	static const uint32_t v[] = {
		0x101, 0xE1,  0x1CE, 0xE0,  0x113, 0xE9,  0x11B, 0xE8,  0x12B,
		0xED,  0x1D0, 0xEC,  0x14D, 0xF3,  0x1D2, 0xF2,  0x16B, 0xFA,
		0x1D4, 0xF9,  0x1D6, 0x1D8, 0x1DA, 0x1DC, 0xFC,
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (c == v[i])
			return true;
	return false;
}

/* The bytes of the bracket at p, ( or （ when open, ) or ） else; 0 if
 * none. */
static size_t bracket(const char *p, const char *end, bool open)
{
	const char *full = open ? "（" : "）";
	if (p < end && *p == (open ? '(' : ')'))
		return 1;
	return end - p >= 3 && !memcmp(p, full, 3) ? 3 : 0;
}

size_t qc_text_gloss_at(const char *p, const char *end, bool toned)
{
	const char *q = p;
	int letters = 0;
	bool vowel = false, tone = false;
	size_t k;

	if (!(k = bracket(q, end, true)))
		return 0;
	q += k;
	/* The longest syllable has six letters (zhuang). */
	while (q < end && letters <= 6) {
		uint32_t c;
		if (*q >= 'a' && *q <= 'z') {
			vowel |= strchr("aeiouv", *q) != NULL;
			q++;
		} else if ((unsigned char)*q >= 0xC3 &&
			   (k = qc_utf8_decode(q, (size_t)(end - q), &c)) > 1 &&
			   toned_vowel(c)) {
			vowel = tone = true;
			q += k;
		} else {
			break;
		}
		letters++;
	}
	if (!letters || letters > 6 || !vowel || (toned && !tone) ||
	    !(k = bracket(q, end, false)))
		return 0;
	return (size_t)(q + k - p);
}
