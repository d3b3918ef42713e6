/* .docx: a zip archive whose word/document.xml holds the text. Each w:p
 * paragraph becomes one line; w:t runs are its text, w:tab and w:br a
 * space. Read with libzip and libxml2's reader so a damaged archive or
 * XML is an error, never a guess. */
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "qcity/alloc.h"
#include "qcity/text.h"
#include "banned.h"

#define WORD_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static enum qc_rc read_entry(zip_t *z, const char *name, struct qc_buf *xml,
			     struct qc_error *err)
{
	zip_stat_t st;
	zip_file_t *f = NULL;
	enum qc_rc rc = QC_OK;
	char chunk[8192];
	zip_int64_t k;

	if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "not a Word document: %s is missing", name);
	if (st.size > QC_TEXT_MAX)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "%s is larger than %zu bytes", name,
				    QC_TEXT_MAX);
	f = zip_fopen(z, name, 0);
	if (!f)
		return qc_error_set(err, QC_EUNSUPPORTED, "cannot open %s: %s",
				    name, zip_strerror(z));
	while ((k = zip_fread(f, chunk, sizeof(chunk))) > 0)
		if (!qc_buf_add(xml, chunk, (size_t)k))
			break;
	if (k < 0 || xml->overflow)
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "%s is damaged or truncated", name);
	zip_fclose(f);
	return rc;
}

/* Walk the XML as a stream: no tree is built for large documents. */
static enum qc_rc xml_to_lines(const struct qc_buf *xml, struct qc_buf *out,
			       struct qc_error *err)
{
	xmlTextReaderPtr r;
	enum qc_rc rc = QC_OK;
	int in_text = 0, ret;
	bool para_open = false;

	r = xmlReaderForMemory(xml->buf, (int)xml->len, "document.xml", NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR |
			       XML_PARSE_NOWARNING);
	if (!r)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "word/document.xml cannot be parsed");
	while ((ret = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const xmlChar *ln = xmlTextReaderConstLocalName(r);
		const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
		bool w = ns && strcmp((const char *)ns, WORD_NS) == 0;

		if (type == XML_READER_TYPE_ELEMENT && w) {
			if (strcmp((const char *)ln, "p") == 0) {
				para_open = true;
				if (xmlTextReaderIsEmptyElement(r)) {
					qc_buf_addch(out, '\n');
					para_open = false;
				}
			} else if (strcmp((const char *)ln, "t") == 0) {
				in_text = !xmlTextReaderIsEmptyElement(r);
			} else if (strcmp((const char *)ln, "tab") == 0 ||
				   strcmp((const char *)ln, "br") == 0) {
				qc_buf_addch(out, ' ');
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT && w) {
			if (strcmp((const char *)ln, "p") == 0 && para_open) {
				qc_buf_addch(out, '\n');
				para_open = false;
			} else if (strcmp((const char *)ln, "t") == 0) {
				in_text = 0;
			}
		} else if (in_text && (type == XML_READER_TYPE_TEXT ||
				       type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			const xmlChar *v = xmlTextReaderConstValue(r);
			if (v)
				qc_buf_adds(out, (const char *)v);
		}
	}
	if (ret != 0)
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "word/document.xml is damaged or truncated");
	xmlFreeTextReader(r);
	return rc;
}

enum qc_rc qc_docx_to_text(const char *data, size_t len, struct qc_buf *out,
			   struct qc_error *err)
{
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *z = NULL;
	struct qc_buf xml;
	enum qc_rc rc;

	qc_buf_init(&xml, QC_TEXT_MAX);
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src) {
		rc = qc_error_set(err, QC_EUNSUPPORTED, "cannot read the archive: %s",
				  zip_error_strerror(&zerr));
		goto out;
	}
	z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!z) {
		zip_source_free(src);
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "the .docx archive is damaged or truncated: %s",
				  zip_error_strerror(&zerr));
		goto out;
	}
	rc = read_entry(z, "word/document.xml", &xml, err);
	if (rc)
		goto out;
	rc = xml_to_lines(&xml, out, err);
out:
	if (z)
		zip_discard(z);
	zip_error_fini(&zerr);
	qc_buf_release(&xml);
	return rc;
}
