/* Line and bar charts drawn with cairo (text with pango, so CJK labels
 * come out in the document fonts), in the platform's palette, as PNG. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "doc_int.h"
#include "banned.h"

static void rgb(cairo_t *cr, unsigned c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0,
			     ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

/* Draw text at (x, y): align 0 left, 1 centred, 2 right of x; y is the
 * top of the line. Returns the width drawn. */
static double text(cairo_t *cr, PangoContext *pc, const char *s, double x,
		   double y, double px, int align, bool bold)
{
	PangoLayout *l = pango_layout_new(pc);
	PangoFontDescription *f = pango_font_description_from_string(
		QC_DOC_FONT_HEAD1);
	int w, h;
	pango_font_description_set_absolute_size(f, px * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(f, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, f);
	pango_layout_set_text(l, s, -1);
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_move_to(cr, x - (align == 1 ? w / 2.0 : align == 2 ? w : 0), y);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(f);
	g_object_unref(l);
	return w;
}

/* A step of 1, 2 or 5 × 10^k giving about n ticks over range. */
static double nice_step(double range, int n)
{
	double raw = range / n, p = pow(10, floor(log10(raw))), f = raw / p;
	return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data,
			     unsigned int len)
{
	return qc_buf_add(closure, data, len) ? CAIRO_STATUS_SUCCESS :
						CAIRO_STATUS_WRITE_ERROR;
}

void qc_chart_draw(cairo_t *cr, PangoFontMap *fm, const struct qc_chart *c,
		   int width, int height)
{
	PangoContext *pc = pango_font_map_create_context(fm);
	double lo = INFINITY, hi = -INFINITY, fs = height / 28.0;
	double L = fs * 5, R = width - fs * 1.5, T = fs * 3.2,
	       B = height - fs * 4.6;
	char num[32];
	size_t nl = c->n_labels ? c->n_labels : 1;

	rgb(cr, 0xffffff);
	cairo_rectangle(cr, 0, 0, width, height); /* not the whole page */
	cairo_fill(cr);
	rgb(cr, 0x222222);
	text(cr, pc, c->title ? c->title : "", width / 2.0, fs * 0.6, fs * 1.2,
	     1, true);
	for (size_t k = 0; k < c->n_series; k++)
		for (size_t i = 0; i < c->n_labels; i++)
			if (!isnan(c->series[k].v[i])) {
				lo = fmin(lo, c->series[k].v[i]);
				hi = fmax(hi, c->series[k].v[i]);
			}
	if (c->has_target) {
		lo = fmin(lo, c->target);
		hi = fmax(hi, c->target);
	}
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	if (c->kind == QC_CHART_BAR && lo > 0)
		lo = 0; /* bars start at zero, or they mislead */
	if (hi - lo < 1e-9)
		hi = lo + (fabs(lo) > 1 ? fabs(lo) * 0.1 : 1);
	double step = nice_step(hi - lo, 5);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step) * step;
	if (c->kind == QC_CHART_LINE && hi - lo > step) {
		lo -= step / 2; /* room above and below the lines */
		hi += step / 2;
	}
#define Y(v) (B - ((v)-lo) / (hi - lo) * (B - T))
	/* Grid and y axis labels. */
	cairo_set_line_width(cr, 1);
	for (double v = ceil(lo / step) * step; v <= hi + step * 1e-6;
	     v += step) {
		rgb(cr, 0xdddddd);
		cairo_move_to(cr, L, round(Y(v)) + 0.5);
		cairo_line_to(cr, R, round(Y(v)) + 0.5);
		cairo_stroke(cr);
		rgb(cr, 0x555555);
		qc_doc_num(num, sizeof(num), v, 2);
		text(cr, pc, num, L - fs * 0.4, Y(v) - fs * 0.6, fs, 2, false);
	}
	if (c->unit && *c->unit)
		text(cr, pc, c->unit, L - fs * 0.4, T - fs * 2.0, fs, 2, false);
	rgb(cr, 0x555555);
	cairo_move_to(cr, L + 0.5, T);
	cairo_line_to(cr, L + 0.5, B + 0.5);
	cairo_line_to(cr, R, B + 0.5);
	cairo_stroke(cr);
	/* x labels: every one if they fit, else every k-th. */
	double slot = (R - L) / (double)nl;
	size_t every = 1;
	while (slot * (double)every < fs * 4.5 && every < nl)
		every++;
	for (size_t i = 0; i < c->n_labels; i += every)
		text(cr, pc, c->labels[i], L + slot * (i + 0.5), B + fs * 0.4,
		     fs, 1, false);
	/* The series. */
	for (size_t k = 0; k < c->n_series; k++) {
		const double *v = c->series[k].v;
		rgb(cr, qc_doc_palette[k % QC_PALETTE_N]);
		if (c->kind == QC_CHART_BAR) {
			double bw = slot * 0.7 / (double)c->n_series;
			for (size_t i = 0; i < c->n_labels; i++) {
				if (isnan(v[i]))
					continue;
				double x = L + slot * i + slot * 0.15 + bw * k;
				cairo_rectangle(cr, x, Y(v[i]), bw * 0.92,
						Y(lo) - Y(v[i]));
				cairo_fill(cr);
				if (c->n_series == 1) {
					qc_doc_num(num, sizeof(num), v[i], 2);
					text(cr, pc, num, x + bw * 0.46,
					     Y(v[i]) - fs * 1.3, fs * 0.85, 1,
					     false);
				}
			}
			continue;
		}
		cairo_set_line_width(cr, 3);
		bool pen = false;
		for (size_t i = 0; i < c->n_labels; i++) {
			if (isnan(v[i])) {
				pen = false;
				continue;
			}
			double x = L + slot * (i + 0.5);
			if (pen)
				cairo_line_to(cr, x, Y(v[i]));
			else
				cairo_move_to(cr, x, Y(v[i]));
			pen = true;
		}
		cairo_stroke(cr);
		for (size_t i = 0; i < c->n_labels; i++)
			if (!isnan(v[i])) {
				cairo_arc(cr, L + slot * (i + 0.5), Y(v[i]), 5,
					  0, 2 * M_PI);
				cairo_fill(cr);
			}
	}
	if (c->has_target) {
		static const double dash[] = { 10, 6 };
		rgb(cr, QC_PALETTE_TARGET);
		cairo_set_line_width(cr, 2);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_move_to(cr, L, Y(c->target));
		cairo_line_to(cr, R, Y(c->target));
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
#undef Y
	cairo_set_line_width(cr, 1);
	/* Legend under the axis. */
	double x = L, y = height - fs * 2.2;
	for (size_t k = 0; k <= c->n_series; k++) {
		const char *name = k < c->n_series ? c->series[k].name :
				   c->has_target   ? _("Target value") :
						     NULL;
		if (!name || (c->n_series == 1 && k == 0 && !c->has_target))
			continue;
		rgb(cr, k < c->n_series ? qc_doc_palette[k % QC_PALETTE_N] :
					  QC_PALETTE_TARGET);
		cairo_rectangle(cr, x, y + fs * 0.3, fs * 1.4, fs * 0.5);
		cairo_fill(cr);
		rgb(cr, 0x333333);
		x += fs * 1.8 +
		     text(cr, pc, name, x + fs * 1.8, y - fs * 0.1, fs, 0,
			  false) +
		     fs * 1.6;
	}
	g_object_unref(pc);
}

enum qc_rc qc_chart_png(const struct qc_chart *c, int width, int height,
			struct qc_buf *out, struct qc_error *err)
{
	PangoFontMap *fm = qc_doc_fontmap();
	enum qc_rc rc = qc_chart_png_fm(c, fm, width, height, out, err);
	g_object_unref(fm);
	return rc;
}

enum qc_rc qc_chart_png_fm(const struct qc_chart *c, PangoFontMap *fm,
			   int width, int height, struct qc_buf *out,
			   struct qc_error *err)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							 width, height);
	cairo_t *cr = cairo_create(sf);
	qc_chart_draw(cr, fm, c, width, height);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	cairo_status_t st = cairo_surface_write_to_png_stream(sf, to_buf, out);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS || qc_buf_failed(out))
		return qc_error_set(err, QC_EIO, "drawing the chart '%s': %s",
				    c->title ? c->title : "",
				    cairo_status_to_string(st));
	return QC_OK;
}

PangoFontMap *qc_doc_fontmap(void)
{
	/* fontconfig loaded here, before pango's own thread would load it, so
	 * that qc_doc_cleanup's FcFini never races that thread */
	FcInit();
	return pango_cairo_font_map_new();
}

void qc_doc_cleanup(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}
