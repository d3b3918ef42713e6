/* The .docx writer: WordprocessingML written with libxml2's text writer,
 * packed with libzip. The page is GB/T 9704's (A4, 版心 156 × 225 mm, a
 * grid of 22 lines × 28 characters), the styles carry the stand-in fonts
 * (doc.h), page numbers are "— N —" right on odd pages and left on even
 * ones, charts are PNG pictures. Offices change fonts in one place: the
 * styles. */
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "doc_int.h"
#include "banned.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS                                                     \
	"http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships"
#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_T                                                    \
	"http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships/"
/* Twentieths of a point per millimetre; EMU per millimetre. */
#define TW(mm) ((int)((mm)*56.6929 + 0.5))
#define EMU_MM 36000L

typedef xmlTextWriterPtr W;

static void el(W w, const char *name)
{
	xmlTextWriterStartElement(w, BAD_CAST name);
}

static void end(W w)
{
	xmlTextWriterEndElement(w);
}

static void at(W w, const char *name, const char *v)
{
	xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST v);
}

static void ati(W w, const char *name, long v)
{
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%ld", v);
}

/* <name w:val="v"/> */
static void val(W w, const char *name, const char *v)
{
	el(w, name);
	at(w, "w:val", v);
	end(w);
}

static W open_part(xmlBufferPtr *buf)
{
	*buf = xmlBufferCreate();
	W w = xmlNewTextWriterMemory(*buf, 0);
	if (!w)
		abort();
	xmlTextWriterStartDocument(w, NULL, "UTF-8", "yes");
	return w;
}

static void close_part(W w, xmlBufferPtr buf, struct qc_zipw *z,
		       const char *name)
{
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	qc_zipw_add(z, name, xmlBufferContent(buf),
		    (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
}

static void fonts(W w, const char *font)
{
	el(w, "w:rFonts");
	at(w, "w:ascii", font);
	at(w, "w:hAnsi", font);
	at(w, "w:eastAsia", font);
	at(w, "w:cs", font);
	end(w);
}

static void size(W w, double pt)
{
	char v[16];
	snprintf(v, sizeof(v), "%d", (int)(pt * 2));
	val(w, "w:sz", v);
	val(w, "w:szCs", v);
}

/* One paragraph style: font, size, bold, alignment, indent, spacing. */
static void style(W w, const char *id, const char *name, const char *font,
		  double pt, bool bold, const char *jc, int first_chars,
		  const char *color)
{
	el(w, "w:style");
	at(w, "w:type", "paragraph");
	at(w, "w:styleId", id);
	val(w, "w:name", name);
	val(w, "w:basedOn", "Normal");
	val(w, "w:qFormat", "1");
	el(w, "w:pPr");
	if (jc)
		val(w, "w:jc", jc);
	if (first_chars) {
		el(w, "w:ind");
		ati(w, "w:firstLineChars", first_chars);
		end(w);
	}
	end(w);
	el(w, "w:rPr");
	fonts(w, font);
	if (bold)
		el(w, "w:b"), end(w);
	if (color)
		val(w, "w:color", color);
	size(w, pt);
	end(w);
	end(w);
}

/* lang: the document's (w:val, Latin text); Han text is Chinese in
 * any document (w:eastAsia). */
static void styles_part(struct qc_zipw *z, const char *lang)
{
	xmlBufferPtr b;
	W w = open_part(&b);
	el(w, "w:styles");
	at(w, "xmlns:w", W_NS);
	el(w, "w:docDefaults");
	el(w, "w:rPrDefault");
	el(w, "w:rPr");
	fonts(w, QC_DOC_FONT_BODY);
	size(w, QC_PT_BODY);
	el(w, "w:lang");
	at(w, "w:val", lang ? lang : "zh-CN");
	at(w, "w:eastAsia", "zh-CN");
	end(w);
	end(w), end(w);
	el(w, "w:pPrDefault");
	el(w, "w:pPr");
	el(w, "w:spacing"); /* one grid line: 225 mm / 22 */
	ati(w, "w:line", TW(QC_TEXT_H_MM / QC_LINES));
	at(w, "w:lineRule", "exact");
	ati(w, "w:before", 0);
	ati(w, "w:after", 0);
	end(w);
	val(w, "w:jc", "both");
	end(w), end(w), end(w);
	el(w, "w:style");
	at(w, "w:type", "paragraph");
	at(w, "w:default", "1");
	at(w, "w:styleId", "Normal");
	val(w, "w:name", "Normal");
	end(w);
	style(w, "Title", "Title", QC_DOC_FONT_TITLE, QC_PT_TITLE, true,
	      "center", 0, NULL);
	/* The names Word shows for the styles. */
	style(w, "Mark", _("Issuing authority mark"), QC_DOC_FONT_TITLE,
	      QC_PT_TITLE, true, "center", 0, "C00000");
	style(w, "DocNumber", _("Document number"), QC_DOC_FONT_BODY,
	      QC_PT_BODY, false, "center", 0, NULL);
	style(w, "Heading1", "heading 1", QC_DOC_FONT_HEAD1, QC_PT_BODY, false,
	      NULL, 200, NULL);
	style(w, "Heading2", "heading 2", QC_DOC_FONT_HEAD2, QC_PT_BODY, true,
	      NULL, 200, NULL);
	style(w, "Heading3", "heading 3", QC_DOC_FONT_BODY, QC_PT_BODY, true,
	      NULL, 200, NULL);
	style(w, "Body", _("Body text"), QC_DOC_FONT_BODY, QC_PT_BODY, false,
	      "both", 200, NULL);
	style(w, "TableText", _("Table text"), QC_DOC_FONT_BODY, QC_PT_TABLE,
	      false, "center", 0, NULL);
	style(w, "Note", _("Note"), QC_DOC_FONT_BODY, QC_PT_TABLE, false, NULL,
	      0, NULL);
	style(w, "Caption", "caption", QC_DOC_FONT_HEAD1, QC_PT_TABLE, false,
	      "center", 0, NULL);
	end(w);
	close_part(w, b, z, "word/styles.xml");
}

static void run(W w, const char *text)
{
	el(w, "w:r");
	el(w, "w:t");
	at(w, "xml:space", "preserve");
	xmlTextWriterWriteString(w, BAD_CAST text);
	end(w), end(w);
}

static void para(W w, const char *style_id, const char *jc, const char *text)
{
	el(w, "w:p");
	el(w, "w:pPr");
	val(w, "w:pStyle", style_id);
	if (jc)
		val(w, "w:jc", jc);
	end(w);
	if (text && *text)
		run(w, text);
	end(w);
}

static void footer_part(struct qc_zipw *z, const char *name, const char *jc)
{
	xmlBufferPtr b;
	W w = open_part(&b);
	el(w, "w:ftr");
	at(w, "xmlns:w", W_NS);
	el(w, "w:p");
	el(w, "w:pPr");
	val(w, "w:jc", jc);
	el(w, "w:ind"); /* 单页码居右空一字，双页码居左空一字 */
	ati(w, !strcmp(jc, "right") ? "w:rightChars" : "w:leftChars", 100);
	end(w);
	el(w, "w:rPr");
	fonts(w, QC_DOC_FONT_BODY);
	size(w, QC_PT_FOLIO);
	end(w);
	end(w);
	run(w, "— ");
	el(w, "w:fldSimple");
	at(w, "w:instr", " PAGE ");
	run(w, "1");
	end(w);
	run(w, " —");
	end(w), end(w);
	close_part(w, b, z, name);
}

static void table(W w, const struct qc_block *t)
{
	static const char *const sides[] = {
		"w:top",   "w:left",    "w:bottom",
		"w:right", "w:insideH", "w:insideV"
	};
	el(w, "w:tbl");
	el(w, "w:tblPr");
	el(w, "w:tblW");
	ati(w, "w:w", 5000);
	at(w, "w:type", "pct");
	end(w);
	val(w, "w:jc", "center");
	el(w, "w:tblBorders");
	for (size_t i = 0; i < 6; i++) {
		el(w, sides[i]);
		at(w, "w:val", "single");
		ati(w, "w:sz", 4);
		ati(w, "w:space", 0);
		at(w, "w:color", "000000");
		end(w);
	}
	end(w), end(w);
	for (size_t r = 0; r < t->rows; r++) {
		el(w, "w:tr");
		if (r == 0) {
			el(w, "w:trPr");
			el(w, "w:tblHeader"), end(w);
			end(w);
		}
		for (size_t c = 0; c < t->cols; c++) {
			el(w, "w:tc");
			el(w, "w:p");
			el(w, "w:pPr");
			val(w, "w:pStyle", "TableText");
			el(w, "w:spacing");
			ati(w, "w:line", 300);
			at(w, "w:lineRule", "auto");
			end(w);
			end(w);
			if (r == 0) {
				el(w, "w:r");
				el(w, "w:rPr");
				el(w, "w:b"), end(w);
				end(w);
				el(w, "w:t");
				xmlTextWriterWriteString(w,
							 BAD_CAST t->cells[c]);
				end(w), end(w);
			} else {
				run(w, t->cells[r * t->cols + c]);
			}
			end(w), end(w);
		}
		end(w);
	}
	end(w);
}

/* An inline picture of rel rid, as wide as the text. */
static void picture(W w, const char *rid, int n, const char *name)
{
	long cx = (long)(QC_TEXT_W_MM * EMU_MM),
	     cy = cx * QC_CHART_H / QC_CHART_W;
	el(w, "w:p");
	el(w, "w:pPr");
	val(w, "w:jc", "center");
	el(w, "w:spacing");
	at(w, "w:lineRule", "auto");
	ati(w, "w:line", 240);
	end(w);
	end(w);
	el(w, "w:r");
	el(w, "w:drawing");
	el(w, "wp:inline");
	at(w, "xmlns:wp",
	   "http://schemas.openxmlformats.org/drawingml/2006/"
	   "wordprocessingDrawing");
	el(w, "wp:extent");
	ati(w, "cx", cx);
	ati(w, "cy", cy);
	end(w);
	el(w, "wp:docPr");
	ati(w, "id", n);
	at(w, "name", name);
	end(w);
	el(w, "a:graphic");
	at(w, "xmlns:a",
	   "http://schemas.openxmlformats.org/drawingml/2006/"
	   "main");
	el(w, "a:graphicData");
	at(w, "uri",
	   "http://schemas.openxmlformats.org/drawingml/2006/"
	   "picture");
	el(w, "pic:pic");
	at(w, "xmlns:pic",
	   "http://schemas.openxmlformats.org/drawingml/2006/"
	   "picture");
	el(w, "pic:nvPicPr");
	el(w, "pic:cNvPr");
	ati(w, "id", n);
	at(w, "name", name);
	end(w);
	el(w, "pic:cNvPicPr"), end(w);
	end(w);
	el(w, "pic:blipFill");
	el(w, "a:blip");
	at(w, "r:embed", rid);
	end(w);
	el(w, "a:stretch");
	el(w, "a:fillRect"), end(w);
	end(w), end(w);
	el(w, "pic:spPr");
	el(w, "a:xfrm");
	el(w, "a:off");
	ati(w, "x", 0);
	ati(w, "y", 0);
	end(w);
	el(w, "a:ext");
	ati(w, "cx", cx);
	ati(w, "cy", cy);
	end(w), end(w);
	el(w, "a:prstGeom");
	at(w, "prst", "rect");
	end(w);
	end(w);
	end(w), end(w), end(w), end(w), end(w), end(w), end(w);
}

static void section(W w)
{
	el(w, "w:sectPr");
	el(w, "w:footerReference");
	at(w, "w:type", "default");
	at(w, "r:id", "rIdFooterOdd");
	end(w);
	el(w, "w:footerReference");
	at(w, "w:type", "even");
	at(w, "r:id", "rIdFooterEven");
	end(w);
	el(w, "w:pgSz");
	ati(w, "w:w", TW(QC_PAGE_W_MM));
	ati(w, "w:h", TW(QC_PAGE_H_MM));
	end(w);
	el(w, "w:pgMar");
	ati(w, "w:top", TW(QC_MARGIN_TOP_MM));
	ati(w, "w:bottom", TW(QC_PAGE_H_MM - QC_MARGIN_TOP_MM - QC_TEXT_H_MM));
	ati(w, "w:left", TW(QC_MARGIN_LEFT_MM));
	ati(w, "w:right", TW(QC_PAGE_W_MM - QC_MARGIN_LEFT_MM - QC_TEXT_W_MM));
	ati(w, "w:header", TW(15));
	ati(w, "w:footer", TW(20));
	ati(w, "w:gutter", 0);
	end(w);
	/* 28 characters a line: the grid squeezes each character a little
	 * (charSpace in 1/4096 pt). */
	el(w, "w:docGrid");
	at(w, "w:type", "linesAndChars");
	ati(w, "w:linePitch", TW(QC_TEXT_H_MM / QC_LINES));
	ati(w, "w:charSpace",
	    (long)((QC_TEXT_W_MM / QC_CHARS * 72 / 25.4 - QC_PT_BODY) * 4096));
	end(w);
	end(w);
}

static const char *heading_style(int level)
{
	return level <= 1 ? "Heading1" : level == 2 ? "Heading2" : "Heading3";
}

enum qc_rc qc_doc_write_docx(const struct qc_doc *d, struct qc_buf *out,
			     struct qc_error *err)
{
	struct qc_zipw *z = qc_zipw_new();
	struct qc_buf rels = QC_BUF_INIT;
	xmlBufferPtr b;
	enum qc_rc rc = QC_OK;
	int n_img = 0;
	PangoFontMap *fm = qc_doc_fontmap();

	W w = open_part(&b);
	el(w, "w:document");
	at(w, "xmlns:w", W_NS);
	at(w, "xmlns:r", R_NS);
	el(w, "w:body");
	if (d->issuer && d->number) { /* 版头: 发文机关标志, 发文字号 */
		char mark[512];
		/* TRANSLATORS: 发文机关标志: the issuer's name, then 文件. */
		snprintf(mark, sizeof(mark), _("%s Document"), d->issuer);
		para(w, "Mark", NULL, mark);
		para(w, "Normal", NULL, "");
		para(w, "DocNumber", NULL, d->number);
		el(w, "w:p"); /* the red separator line */
		el(w, "w:pPr");
		el(w, "w:pBdr");
		el(w, "w:bottom");
		at(w, "w:val", "single");
		ati(w, "w:sz", 12);
		ati(w, "w:space", 1);
		at(w, "w:color", "C00000");
		end(w), end(w), end(w), end(w);
		para(w, "Normal", NULL, "");
	}
	para(w, "Title", NULL, d->title);
	para(w, "Normal", NULL, "");
	if (d->recipients)
		para(w, "Normal", "left", d->recipients);
	for (size_t i = 0; i < d->n; i++) {
		const struct qc_block *x = &d->v[i];
		switch (x->kind) {
		case QC_BLOCK_HEADING:
			para(w, heading_style(x->level), NULL, x->text);
			break;
		case QC_BLOCK_TABLE: table(w, x); break;
		case QC_BLOCK_NOTE: para(w, "Note", NULL, x->text); break;
		case QC_BLOCK_CHART: {
			struct qc_buf png = QC_BUF_INIT;
			char name[64], rid[32];
			if ((rc = qc_chart_png_fm(x->chart, fm, QC_CHART_W,
						  QC_CHART_H, &png, err))) {
				qc_buf_release(&png);
				break;
			}
			n_img++;
			snprintf(name, sizeof(name), "word/media/chart%d.png",
				 n_img);
			snprintf(rid, sizeof(rid), "rIdImg%d", n_img);
			qc_zipw_add(z, name, qc_buf_str(&png),
				    qc_buf_len(&png));
			qc_buf_release(&png);
			qc_buf_addf(&rels,
				    "<Relationship Id=\"%s\" Type=\"" REL_T
				    "image\" Target=\"media/chart%d.png"
				    "\"/>",
				    rid, n_img);
			picture(w, rid, n_img, name + 11);
			para(w, "Caption", NULL, x->text);
			break;
		}
		default: para(w, "Body", NULL, x->text);
		}
		if (rc)
			break;
	}
	if (d->issuer || d->date) { /* 署名 and 成文日期, right, 空四字 */
		para(w, "Normal", NULL, "");
		para(w, "Normal", NULL, "");
		for (int k = 0; k < 2; k++) {
			const char *t = k ? d->date : d->issuer;
			if (!t)
				continue;
			el(w, "w:p");
			el(w, "w:pPr");
			val(w, "w:jc", "right");
			el(w, "w:ind");
			ati(w, "w:rightChars", 400);
			end(w), end(w);
			run(w, t);
			end(w);
		}
	}
	g_object_unref(fm);
	section(w);
	end(w), end(w);
	close_part(w, b, z, "word/document.xml");
	if (rc) {
		qc_zipw_free(z);
		qc_buf_release(&rels);
		return rc;
	}
	styles_part(z, d->lang);
	footer_part(z, "word/footer1.xml", "right");
	footer_part(z, "word/footer2.xml", "left");

	static const char settings[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
		"<w:settings xmlns:w=\"" W_NS "\"><w:evenAndOddHeaders/>"
		"</w:settings>";
	static const char types[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
		"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
		"content-types\"><Default Extension=\"rels\" ContentType=\""
		"application/vnd.openxmlformats-package.relationships+xml\"/>"
		"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
		"<Default Extension=\"png\" ContentType=\"image/png\"/>"
		"<Override PartName=\"/word/document.xml\" ContentType=\""
		"application/vnd.openxmlformats-officedocument.wordprocessingml"
		".document.main+xml\"/><Override PartName=\"/word/styles.xml\""
		" ContentType=\"application/vnd.openxmlformats-officedocument."
		"wordprocessingml.styles+xml\"/><Override PartName=\"/word/"
		"settings.xml\" ContentType=\"application/vnd.openxmlformats-"
		"officedocument.wordprocessingml.settings+xml\"/><Override "
		"PartName=\"/word/footer1.xml\" ContentType=\"application/vnd."
		"openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
		"<Override PartName=\"/word/footer2.xml\" ContentType=\""
		"application/vnd.openxmlformats-officedocument."
		"wordprocessingml.footer+xml\"/></Types>";
	static const char root_rels[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
		"<Relationships xmlns=\"" REL_NS "\"><Relationship Id=\"rId1\""
		" Type=\"" REL_T "officeDocument\" Target=\"word/document.xml"
		"\"/></Relationships>";
	struct qc_buf doc_rels = QC_BUF_INIT;
	qc_buf_addf(&doc_rels,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\" "
		    "standalone=\"yes\"?><Relationships xmlns=\"" REL_NS "\">"
		    "<Relationship Id=\"rIdStyles\" Type=\"" REL_T "styles\" "
		    "Target=\"styles.xml\"/><Relationship Id=\"rIdSettings\" "
		    "Type=\"" REL_T "settings\" Target=\"settings.xml\"/>"
		    "<Relationship Id=\"rIdFooterOdd\" Type=\"" REL_T "footer\""
		    " Target=\"footer1.xml\"/><Relationship Id=\"rIdFooterEven"
		    "\" Type=\"" REL_T "footer\" Target=\"footer2.xml\"/>%s"
		    "</Relationships>",
		    qc_buf_str(&rels));
	qc_zipw_add(z, "[Content_Types].xml", types, strlen(types));
	qc_zipw_add(z, "_rels/.rels", root_rels, strlen(root_rels));
	qc_zipw_add(z, "word/_rels/document.xml.rels", qc_buf_str(&doc_rels),
		    qc_buf_len(&doc_rels));
	qc_zipw_add(z, "word/settings.xml", settings, strlen(settings));
	qc_buf_release(&doc_rels);
	qc_buf_release(&rels);
	return qc_zipw_finish(z, out, err);
}
