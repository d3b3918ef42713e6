/* Traditional → simplified for matching, through OpenCC's t2s profile.
 * The converter is costly to open (dictionaries), so one is opened per
 * process on first use and kept; OpenCC's convert is reentrant. */
#include <pthread.h>
#include <stdlib.h>
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

/* Frequent characters in plan documents that simplified text never uses.
 * A hit means the document is (at least partly) traditional. */
static const char *const trad_marks[] = {
	"質", "國", "發", "區", "與", "為", "會", "個", "們", "這",
	"時", "業", "產", "縣", "經", "濟", "標", "準", "實", "務",
	"辦", "廳", "級", "農", "衛", "進", "體", "關", "於", "強",
	"監", "設", "計", "劃", "門", "議", "護", "點", "項", "萬",
};

bool qc_text_has_traditional(const char *s, size_t n)
{
	/* All marks are three-byte UTF-8 starting 0xE4..0xE9; scan for
	 * those lead bytes, then compare. */
	for (size_t i = 0; i + 3 <= n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0xE4 || c > 0xE9)
			continue;
		for (size_t k = 0; k < sizeof(trad_marks) / sizeof(*trad_marks); k++)
			if (memcmp(s + i, trad_marks[k], 3) == 0)
				return true;
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
