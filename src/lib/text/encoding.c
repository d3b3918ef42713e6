/* Plain text as offices save it: UTF-8 (maybe with a BOM) or GB18030 /
 * GBK, decoded to UTF-8 with LF line ends. Binary input is refused here so
 * the extractor never sees it. */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "qcity/text.h"
#include "banned.h"

/* A text file has no NUL and few C0 controls besides tab, LF, CR, FF. */
static bool looks_binary(const unsigned char *s, size_t n)
{
	size_t bad = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == 0)
			return true;
		if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r' && s[i] != '\f')
			bad++;
	}
	return bad * 100 > n || bad > 64;
}

void qc_text_add_lf(struct qc_buf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *cr = memchr(s + i, '\r', n - i);
		size_t end = cr ? (size_t)(cr - s) : n;

		qc_buf_add(out, s + i, end - i);
		if (!cr)
			break;
		qc_buf_addch(out, '\n');
		i = end + 1;
		if (i < n && s[i] == '\n')
			i++;
	}
}

/* Analyzer false positive (gcc 12): glibc declares iconv_open as an
 * allocator freed by iconv_close, and -fanalyzer then reports the failure
 * return (iconv_t)-1, which holds nothing, as a leak. The one suppression
 * in the tree (docs/architecture.md, "Static analysis"). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
static enum qc_rc from_gb18030(const char *data, size_t len, struct qc_buf *tmp,
			       struct qc_error *err)
{
	enum qc_rc rc = QC_OK;
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char chunk[4096];
	char *in = (char *)data;
	size_t inleft = len;

	if (cd == (iconv_t)-1)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "cannot convert from GB18030: %s",
				    strerror(errno));
	while (inleft > 0) {
		char *o = chunk;
		size_t oleft = sizeof(chunk);
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);

		qc_buf_add(tmp, chunk, sizeof(chunk) - oleft);
		if (r == (size_t)-1 && errno != E2BIG) {
			/* EINVAL at the very end is a truncated last
			 * character; EILSEQ is not GB18030 at all. */
			rc = qc_error_set(err, QC_EUNSUPPORTED,
					  "byte %zu: the text is neither UTF-8 "
					  "nor GB18030%s",
					  len - inleft,
					  errno == EINVAL ? " (truncated)" :
							    "");
			goto out;
		}
	}
out:
	iconv_close(cd);
	return rc;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

enum qc_rc qc_text_decode(const char *data, size_t len, struct qc_buf *out,
			  struct qc_error *err)
{
	struct qc_buf tmp;
	enum qc_rc rc = QC_OK;

	qc_buf_init(&tmp, QC_TEXT_MAX);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (len == 0)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "the document is empty");
	if (len > QC_TEXT_MAX)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "the document is larger than %zu bytes",
				    QC_TEXT_MAX);
	if ((len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 ||
			  memcmp(data, "\xFE\xFF", 2) == 0)))
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "UTF-16 text is not supported; save as UTF-8");
	if (looks_binary((const unsigned char *)data, len))
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "the file is binary, not a text document");
	if (qc_utf8_valid(data, len)) {
		qc_text_add_lf(out, data, len);
		return QC_OK;
	}
	rc = from_gb18030(data, len, &tmp, err);
	if (rc)
		goto out;
	/* GB18030 grows by half in UTF-8: the cap can bite here. */
	if (qc_buf_failed(&tmp)) {
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "the document's text "
				  "is larger than %zu bytes",
				  QC_TEXT_MAX);
		goto out;
	}
	qc_text_add_lf(out, qc_buf_str(&tmp), qc_buf_len(&tmp));
out:
	qc_buf_release(&tmp);
	return rc;
}
