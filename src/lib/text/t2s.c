/* Traditional → simplified for matching, through OpenCC's t2s profile.
 * The converter is costly to open (dictionaries), so one is opened per
 * process on first use and kept; OpenCC's convert is reentrant. */
#include <pthread.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <opencc/opencc.h>

#include "qcity/text.h"
#include "banned.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static opencc_t cc = (opencc_t)-1;

static void open_cc(void)
{
	cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
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
	char *conv;

	pthread_once(&once, open_cc);
	if (cc == (opencc_t)-1)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "OpenCC t2s profile cannot be opened: %s",
				    opencc_error());
	conv = opencc_convert_utf8(cc, s, n);
	if (!conv)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "OpenCC conversion failed: %s",
				    opencc_error());
	qc_buf_adds(out, conv);
	opencc_convert_utf8_free(conv);
	return QC_OK;
}
