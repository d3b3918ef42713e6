/* Any document an office sends → UTF-8 lines: the format is sniffed from
 * the first bytes (the name only breaks ties), then the reader runs. */
#include <string.h>
#include <strings.h>

#include "qcity/text.h"
#include "banned.h"

static bool ends_with(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n >= e && strcasecmp(name + n - e, ext) == 0;
}

/* Case-insensitive search for an ASCII tag in the first bytes. */
static bool head_has(const char *data, size_t len, const char *tag)
{
	size_t t = strlen(tag), lim = len < 1024 ? len : 1024;

	for (size_t i = 0; i + t <= lim; i++)
		if (strncasecmp(data + i, tag, t) == 0)
			return true;
	return false;
}

enum qc_text_format qc_text_sniff(const char *data, size_t len,
				  const char *name)
{
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return QC_FMT_DOCX;
	/* Old binary Word (.doc) and PDF are real-world inputs we refuse. */
	if (len >= 8 &&
	    memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return QC_FMT_UNKNOWN;
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return QC_FMT_UNKNOWN;
	if (head_has(data, len, "<html") ||
	    head_has(data, len, "<!doctype html") ||
	    (name && (ends_with(name, ".html") || ends_with(name, ".htm")) &&
	     head_has(data, len, "<")))
		return QC_FMT_HTML;
	return QC_FMT_PLAIN;
}

enum qc_rc qc_text_load(const char *data, size_t len, const char *name,
			struct qc_buf *out, struct qc_error *err)
{
	enum qc_rc rc;

	if (!data || len == 0)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "the document is empty");
	switch (qc_text_sniff(data, len, name)) {
	case QC_FMT_DOCX: rc = qc_docx_to_text(data, len, out, err); break;
	case QC_FMT_HTML: rc = qc_html_to_text(data, len, out, err); break;
	case QC_FMT_PLAIN: rc = qc_text_decode(data, len, out, err); break;
	default:
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "unsupported format (PDF or old .doc): "
				  "save the plan as .docx, .html or text");
		break;
	}
	if (rc == QC_OK && qc_buf_failed(out))
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "the document's text is larger than %zu bytes",
				  QC_TEXT_MAX);
	/* The readers take text from markup; make sure what they hand on is
	 * valid UTF-8 with no NUL, as the extractor assumes. */
	if (rc == QC_OK && (!qc_utf8_valid(qc_buf_str(out), qc_buf_len(out)) ||
			    memchr(qc_buf_str(out), 0, qc_buf_len(out))))
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "the document's text is not valid UTF-8");
	return rc;
}

bool qc_text_copy_file(FILE *from, FILE *to)
{
	char buf[65536];
	size_t n;

	rewind(from);
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		fwrite(buf, 1, n, to);
	return !ferror(from);
}
