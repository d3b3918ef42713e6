/* The PDF writer: cairo's PDF surface with pango for the text, on GB/T
 * 9704's page: A4, 版心 156 × 225 mm from 37 mm top and 28 mm left, body
 * text in 22 grid lines of 28 characters at 三号, the title at 二号, page
 * numbers "— N —" 7 mm under the text, right on odd pages and left on
 * even ones (one character in). Lines are laid on the grid one by one, so
 * a paragraph breaks across pages where the page ends; a table repeats
 * its header on the next page; charts are drawn as vectors. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "doc_int.h"
#include "banned.h"

#define PT(mm) ((mm)*72.0 / 25.4)

struct pdf {
	cairo_t *cr;
	PangoFontMap *fm;
	PangoContext *pc;
	double x0, y0, w, bottom; /* the text block, in points */
	double pitch;             /* one grid line */
	double y;                 /* where the next line goes */
	int page;
};

static PangoLayout *layout(struct pdf *p, const char *font, double pt,
			   bool bold, double width, double spacing)
{
	PangoLayout *l = pango_layout_new(p->pc);
	PangoFontDescription *f = pango_font_description_from_string(font);
	pango_font_description_set_absolute_size(f, pt * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(f, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, f);
	pango_font_description_free(f);
	if (width > 0)
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (spacing != 0) {
		PangoAttrList *a = pango_attr_list_new();
		pango_attr_list_insert(a, pango_attr_letter_spacing_new((
						  int)(spacing * PANGO_SCALE)));
		pango_layout_set_attributes(l, a);
		pango_attr_list_unref(a);
	}
	return l;
}

static void rgb(cairo_t *cr, unsigned c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0,
			     ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

/* The page number of the page being finished, and a new page. */
static void folio(struct pdf *p)
{
	char s[32];
	snprintf(s, sizeof(s), "— %d —", p->page);
	PangoLayout *l = layout(p, QC_DOC_FONT_BODY, QC_PT_FOLIO, false, 0, 0);
	int w, h;
	pango_layout_set_text(l, s, -1);
	pango_layout_get_pixel_size(l, &w, &h);
	double em = QC_PT_FOLIO,
	       x = p->page % 2 ? p->x0 + p->w - em - w : p->x0 + em;
	rgb(p->cr, 0);
	cairo_move_to(p->cr, x, p->bottom + PT(7));
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

static void new_page(struct pdf *p)
{
	folio(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = p->y0;
}

static void need(struct pdf *p, double h)
{
	if (p->y + h > p->bottom + 0.5 && p->y > p->y0)
		new_page(p);
}

/* Lay a layout's lines on the grid, one pitch each (more when a line is
 * taller), breaking pages between lines. */
static void lines(struct pdf *p, PangoLayout *l, double x, double pitch)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoLayoutLine *ln = pango_layout_iter_get_line_readonly(it);
		PangoRectangle log;
		/* the line's own x: alignment and first-line indent */
		pango_layout_iter_get_line_extents(it, NULL, &log);
		double lh = log.height / (double)PANGO_SCALE,
		       h = fmax(pitch, lh),
		       asc = (pango_layout_iter_get_baseline(it) - log.y) /
			     (double)PANGO_SCALE;
		need(p, h);
		cairo_move_to(p->cr, x + log.x / (double)PANGO_SCALE,
			      p->y + (h - lh) / 2 + asc);
		pango_cairo_show_layout_line(p->cr, ln);
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* A paragraph: font, size, alignment, first-line indent in characters,
 * right indent in characters. */
static void para(struct pdf *p, const char *text, const char *font, double pt,
		 bool bold, PangoAlignment align, int indent, int right,
		 unsigned color)
{
	double em = p->w / QC_CHARS; /* one character of the grid */
	double spacing = pt == QC_PT_BODY ? em - pt : 0;
	PangoLayout *l = layout(p, font, pt, bold, p->w - right * em, spacing);
	pango_layout_set_text(l, text, -1);
	pango_layout_set_alignment(l, align);
	if (align == PANGO_ALIGN_LEFT)
		pango_layout_set_justify(l, true);
	pango_layout_set_indent(l, (int)(indent * em * PANGO_SCALE));
	rgb(p->cr, color);
	lines(p, l, p->x0, p->pitch);
	g_object_unref(l);
}

/* The width of text's longest word (a number, 10; a year in brackets,
 * （2019）), which a cell narrower than it would break inside. */
static double word_width(struct pdf *p, const char *font, double pt,
			 const char *text)
{
	PangoLayout *l = layout(p, font, pt, false, 0, 0);
	PangoRectangle logical;
	pango_layout_set_width(l, 1);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_set_text(l, text, -1);
	pango_layout_get_pixel_extents(l, NULL, &logical);
	g_object_unref(l);
	return logical.width;
}

/* Widen the columns narrower than their longest word (a 序号 of 10 broke
 * into 1 and 0, a latest value's （2019） into （2 and 019）), taking the
 * room from the others' slack in proportion to it; as they were when
 * the slack is too little. */
static void fit_words(double *cw, const double *mw, size_t cols)
{
	double need = 0, slack = 0;
	for (size_t c = 0; c < cols; c++)
		if (cw[c] < mw[c])
			need += mw[c] - cw[c];
		else
			slack += cw[c] - mw[c];
	if (need <= 0 || slack < need)
		return;
	for (size_t c = 0; c < cols; c++)
		cw[c] = cw[c] < mw[c] ? mw[c] :
					cw[c] - (cw[c] - mw[c]) * need / slack;
}

static void table(struct pdf *p, const struct qc_block *t)
{
	const double pad = 3, pt = QC_PT_TABLE;
	double *nat = qc_xcalloc(t->cols, sizeof(double)),
	       *cw = qc_xcalloc(t->cols, sizeof(double)), sum = 0;
	PangoLayout **cells = qc_xcalloc(t->rows * t->cols, sizeof(*cells));

	/* Widths: each column's natural width, at most half the text, then
	 * all scaled to the text width. */
	for (size_t c = 0; c < t->cols; c++) {
		for (size_t r = 0; r < t->rows; r++) {
			PangoLayout *l = layout(p, QC_DOC_FONT_BODY, pt, r == 0,
						0, 0);
			int w, h;
			pango_layout_set_text(l, t->cells[r * t->cols + c], -1);
			pango_layout_get_pixel_size(l, &w, &h);
			nat[c] = fmax(nat[c], fmin(w + 2 * pad + 2,
						   r ? p->w / 2 : p->w / 4));
			g_object_unref(l);
		}
		nat[c] = fmax(nat[c], pt * 2 + 2 * pad);
		sum += nat[c];
	}
	double *mw = qc_xcalloc(t->cols, sizeof(double));
	for (size_t c = 0; c < t->cols; c++) {
		cw[c] = nat[c] / sum * p->w;
		for (size_t r = 0; r < t->rows; r++)
			mw[c] = fmax(mw[c],
				     word_width(p,
						r == 0 ? QC_DOC_FONT_HEAD1 :
							 QC_DOC_FONT_BODY,
						pt, t->cells[r * t->cols + c]) +
					     2 * pad + 1);
	}
	fit_words(cw, mw, t->cols);
	free(mw);
	double *rh = qc_xcalloc(t->rows, sizeof(double));
	for (size_t r = 0; r < t->rows; r++)
		for (size_t c = 0; c < t->cols; c++) {
			PangoLayout *l = layout(p,
						r == 0 ? QC_DOC_FONT_HEAD1 :
							 QC_DOC_FONT_BODY,
						pt, false, cw[c] - 2 * pad, 0);
			int w, h;
			pango_layout_set_text(l, t->cells[r * t->cols + c], -1);
			pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
			pango_layout_get_pixel_size(l, &w, &h);
			rh[r] = fmax(rh[r], h + 2 * pad);
			cells[r * t->cols + c] = l;
		}
	/* the header stays with the first row */
	need(p, rh[0] + (t->rows > 1 ? rh[1] : 0));
	for (size_t r = 0; r < t->rows; r++) {
		bool head_again = false;
		if (r > 0 && p->y + rh[r] > p->bottom) {
			new_page(p);
			head_again = true;
		}
		for (int pass = head_again ? 0 : 1; pass < 2; pass++) {
			size_t row = pass ? r : 0;
			double x = p->x0;
			for (size_t c = 0; c < t->cols; c++) {
				rgb(p->cr, 0);
				cairo_set_line_width(p->cr, 0.6);
				cairo_rectangle(p->cr, x, p->y, cw[c], rh[row]);
				cairo_stroke(p->cr);
				cairo_move_to(p->cr, x + pad, p->y + pad);
				pango_cairo_show_layout(p->cr,
							cells[row * t->cols +
							      c]);
				x += cw[c];
			}
			p->y += rh[row];
		}
	}
	p->y += p->pitch / 2;
	for (size_t i = 0; i < t->rows * t->cols; i++)
		g_object_unref(cells[i]);
	free(cells);
	free(rh);
	free(nat);
	free(cw);
}

static void chart(struct pdf *p, const struct qc_block *b)
{
	double h = p->w * QC_CHART_H / QC_CHART_W;
	need(p, h + p->pitch);
	cairo_save(p->cr);
	cairo_translate(p->cr, p->x0, p->y);
	cairo_scale(p->cr, p->w / QC_CHART_W, p->w / QC_CHART_W);
	qc_chart_draw(p->cr, p->fm, b->chart, QC_CHART_W, QC_CHART_H);
	cairo_restore(p->cr);
	p->y += h;
	para(p, b->text, QC_DOC_FONT_HEAD1, QC_PT_TABLE, false,
	     PANGO_ALIGN_CENTER, 0, 0, 0x222222);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data,
			     unsigned int len)
{
	return qc_buf_add(closure, data, len) ? CAIRO_STATUS_SUCCESS :
						CAIRO_STATUS_WRITE_ERROR;
}

enum qc_rc qc_doc_write_pdf(const struct qc_doc *d, struct qc_buf *out,
			    struct qc_error *err)
{
	cairo_surface_t *sf =
		cairo_pdf_surface_create_for_stream(to_buf, out,
						    PT(QC_PAGE_W_MM),
						    PT(QC_PAGE_H_MM));
	struct pdf p = {
		.cr = cairo_create(sf),
		.x0 = PT(QC_MARGIN_LEFT_MM),
		.y0 = PT(QC_MARGIN_TOP_MM),
		.w = PT(QC_TEXT_W_MM),
		.bottom = PT(QC_MARGIN_TOP_MM + QC_TEXT_H_MM),
		.pitch = PT(QC_TEXT_H_MM) / QC_LINES,
		.page = 1,
		.fm = qc_doc_fontmap(),
	};
	p.pc = pango_font_map_create_context(p.fm);
	pango_cairo_update_context(p.cr, p.pc);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "qcity");
	p.y = p.y0;
	if (d->issuer && d->number) {
		char mark[512];
		snprintf(mark, sizeof(mark), _("%s Document"), d->issuer);
		para(&p, mark, QC_DOC_FONT_TITLE, QC_PT_TITLE, true,
		     PANGO_ALIGN_CENTER, 0, 0, 0xc00000);
		p.y += p.pitch;
		para(&p, d->number, QC_DOC_FONT_BODY, QC_PT_BODY, false,
		     PANGO_ALIGN_CENTER, 0, 0, 0);
		p.y += PT(4); /* the red line 4 mm under the number */
		rgb(p.cr, 0xc00000);
		cairo_set_line_width(p.cr, 1.5);
		cairo_move_to(p.cr, p.x0, p.y);
		cairo_line_to(p.cr, p.x0 + p.w, p.y);
		cairo_stroke(p.cr);
		p.y += p.pitch;
	}
	para(&p, d->title, QC_DOC_FONT_TITLE, QC_PT_TITLE, true,
	     PANGO_ALIGN_CENTER, 0, 0, 0);
	p.y += p.pitch;
	if (d->recipients)
		para(&p, d->recipients, QC_DOC_FONT_BODY, QC_PT_BODY, false,
		     PANGO_ALIGN_LEFT, 0, 0, 0);
	for (size_t i = 0; i < d->n; i++) {
		const struct qc_block *b = &d->v[i];
		switch (b->kind) {
		case QC_BLOCK_HEADING:
			para(&p, b->text,
			     b->level == 1 ? QC_DOC_FONT_HEAD1 :
			     b->level == 2 ? QC_DOC_FONT_HEAD2 :
					     QC_DOC_FONT_BODY,
			     QC_PT_BODY, b->level > 1, PANGO_ALIGN_LEFT, 2, 0,
			     0);
			break;
		case QC_BLOCK_TABLE: table(&p, b); break;
		case QC_BLOCK_CHART: chart(&p, b); break;
		case QC_BLOCK_NOTE:
			para(&p, b->text, QC_DOC_FONT_BODY, QC_PT_TABLE, false,
			     PANGO_ALIGN_LEFT, 0, 0, 0x333333);
			break;
		default:
			para(&p, b->text, QC_DOC_FONT_BODY, QC_PT_BODY, false,
			     PANGO_ALIGN_LEFT, 2, 0, 0);
		}
	}
	if (d->issuer || d->date) {
		p.y += p.pitch * 2;
		if (d->issuer)
			para(&p, d->issuer, QC_DOC_FONT_BODY, QC_PT_BODY, false,
			     PANGO_ALIGN_RIGHT, 0, 4, 0);
		if (d->date)
			para(&p, d->date, QC_DOC_FONT_BODY, QC_PT_BODY, false,
			     PANGO_ALIGN_RIGHT, 0, 4, 0);
	}
	folio(&p);
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	g_object_unref(p.pc);
	g_object_unref(p.fm);
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS || qc_buf_failed(out))
		return qc_error_set(err, QC_EIO, "writing the PDF: %s",
				    cairo_status_to_string(st));
	return QC_OK;
}
