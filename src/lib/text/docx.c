/* .docx: a zip archive whose word/document.xml holds the text. Each w:p
 * paragraph becomes one line; w:t runs are its text, w:tab and w:br a
 * space. Read with libzip and libxml2's reader so a damaged archive or
 * XML is an error, never a guess. */
#include <string.h>

#include <libxml/xmlreader.h>

#include "qcity/alloc.h"
#include "qcity/text.h"
#include "qcity/zipfile.h"
#include "banned.h"

#define WORD_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* Walk the XML as a stream: no tree is built for large documents. */
static enum qc_rc xml_to_lines(const struct qc_buf *xml, struct qc_buf *out,
			       struct qc_error *err)
{
	xmlTextReaderPtr r;
	enum qc_rc rc = QC_OK;
	int in_text = 0, ret;
	bool para_open = false;

	r = xmlReaderForMemory(qc_buf_str(xml), (int)qc_buf_len(xml),
			       "document.xml", NULL,
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
		} else if (in_text &&
			   (type == XML_READER_TYPE_TEXT ||
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
	struct qc_zip *z = NULL;
	struct qc_buf xml;
	enum qc_rc rc;

	qc_buf_init(&xml, QC_TEXT_MAX);
	if (!(rc = qc_zip_open(data, len, "Word document (.docx)", &z, err)) &&
	    !(rc = qc_zip_read(z, "word/document.xml", QC_TEXT_MAX, &xml, err)))
		rc = xml_to_lines(&xml, out, err);
	qc_zip_close(z);
	qc_buf_release(&xml);
	return rc;
}
