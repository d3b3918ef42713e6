/* The HTML writer: one self-contained page (charts as PNG data URIs),
 * styled after GB/T 9704 for the screen and for printing on A4. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "doc_int.h"
#include "banned.h"

static void esc(struct qc_buf *b, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '<': qc_buf_adds(b, "&lt;"); break;
		case '>': qc_buf_adds(b, "&gt;"); break;
		case '&': qc_buf_adds(b, "&amp;"); break;
		case '"': qc_buf_adds(b, "&quot;"); break;
		default: qc_buf_addch(b, *s);
		}
}

static void tag(struct qc_buf *b, const char *open, const char *text,
		const char *close)
{
	qc_buf_adds(b, open);
	esc(b, text);
	qc_buf_adds(b, close);
}

enum qc_rc qc_doc_write_html(const struct qc_doc *d, struct qc_buf *out,
			     struct qc_error *err)
{
	enum qc_rc rc = QC_OK;
	PangoFontMap *fm = qc_doc_fontmap();
	qc_buf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">",
		    d->lang ? d->lang : "zh-CN");
	tag(out, "<head><meta charset=\"utf-8\"><title>", d->title,
	    "</title><style>\n"
	    "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }\n"
	    "body { font: 16pt/28.9pt \"" QC_DOC_FONT_BODY "\", FangSong, "
	    "serif; max-width: 156mm; margin: 2em auto; }\n"
	    "h1 { font: bold 22pt/1.4 \"" QC_DOC_FONT_TITLE "\", serif; "
	    "text-align: center; }\n"
	    ".mark { color: #c00000; text-align: center; font: bold 22pt "
	    "\"" QC_DOC_FONT_TITLE "\", serif; }\n"
	    ".number { text-align: center; border-bottom: 2px solid #c00000; "
	    "padding-bottom: 4mm; }\n"
	    "h2 { font: 16pt \"" QC_DOC_FONT_HEAD1 "\", sans-serif; "
	    "text-indent: 2em; margin: 0; }\n"
	    "h3, h4 { font: bold 16pt \"" QC_DOC_FONT_HEAD2 "\", serif; "
	    "text-indent: 2em; margin: 0; }\n"
	    "p { text-indent: 2em; margin: 0; text-align: justify; }\n"
	    "p.to { text-indent: 0; }\n"
	    "p.sign { text-align: right; padding-right: 4em; }\n"
	    "p.note, figcaption { font-size: 12pt; line-height: 1.5; "
	    "text-indent: 0; text-align: center; }\n"
	    "table { border-collapse: collapse; width: 100%; font-size: 12pt; "
	    "line-height: 1.5; margin: .5em 0; }\n"
	    "td, th { border: 1px solid #000; padding: 2px 4px; "
	    "text-align: center; }\n"
	    "figure { margin: .5em 0; } figure img { width: 100%; }\n"
	    "</style></head><body>\n");
	if (d->issuer && d->number) {
		char mark[512];
		snprintf(mark, sizeof(mark), _("%s Document"), d->issuer);
		tag(out, "<div class=\"mark\">", mark, "</div>\n");
		tag(out, "<div class=\"number\">", d->number, "</div>\n");
	}
	tag(out, "<h1>", d->title, "</h1>\n");
	if (d->recipients)
		tag(out, "<p class=\"to\">", d->recipients, "</p>\n");
	for (size_t i = 0; i < d->n && !rc; i++) {
		const struct qc_block *b = &d->v[i];
		switch (b->kind) {
		case QC_BLOCK_HEADING: {
			char o[24], c[24];
			snprintf(o, sizeof(o), "<h%d>", b->level + 1);
			snprintf(c, sizeof(c), "</h%d>\n", b->level + 1);
			tag(out, o, b->text, c);
			break;
		}
		case QC_BLOCK_TABLE:
			qc_buf_adds(out, "<table>\n");
			for (size_t r = 0; r < b->rows; r++) {
				qc_buf_adds(out, "<tr>");
				for (size_t c = 0; c < b->cols; c++)
					tag(out, r ? "<td>" : "<th>",
					    b->cells[r * b->cols + c],
					    r ? "</td>" : "</th>");
				qc_buf_adds(out, "</tr>\n");
			}
			qc_buf_adds(out, "</table>\n");
			break;
		case QC_BLOCK_CHART: {
			struct qc_buf png = QC_BUF_INIT;
			if (!(rc = qc_chart_png_fm(b->chart, fm, QC_CHART_W,
						   QC_CHART_H, &png, err))) {
				size_t n = sodium_base64_encoded_len(
					qc_buf_len(&png),
					sodium_base64_VARIANT_ORIGINAL);
				char *b64 = qc_xmalloc(n);
				sodium_bin2base64(b64, n,
						  (const unsigned char *)
							  qc_buf_str(&png),
						  qc_buf_len(&png),
						  sodium_base64_VARIANT_ORIGINAL);
				qc_buf_adds(out, "<figure><img alt=\"");
				esc(out, b->text);
				qc_buf_addf(out,
					    "\" src=\"data:image/png;base64,"
					    "%s\">",
					    b64);
				tag(out, "<figcaption>", b->text,
				    "</figcaption></figure>\n");
				free(b64);
			}
			qc_buf_release(&png);
			break;
		}
		case QC_BLOCK_NOTE:
			tag(out, "<p class=\"note\">", b->text, "</p>\n");
			break;
		default: tag(out, "<p>", b->text, "</p>\n");
		}
	}
	if (d->issuer)
		tag(out, "<br><br><p class=\"sign\">", d->issuer, "</p>\n");
	if (d->date)
		tag(out, "<p class=\"sign\">", d->date, "</p>\n");
	g_object_unref(fm);
	qc_buf_adds(out, "</body></html>\n");
	if (!rc && qc_buf_failed(out))
		rc = qc_error_set(err, QC_EIO,
				  "the page does not fit the "
				  "output buffer");
	return rc;
}
