/* Inside src/lib/doc: the zip writer the .docx needs, the page of GB/T
 * 9704 in the units each writer uses, and the platform's palette. */
#ifndef QC_DOC_INT_H
#define QC_DOC_INT_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "qcity/doc.h"
#include "qcity/error.h"
#include "qcity/region_code.h"
#include "qcity/strbuf.h"

/* GB/T 9704: A4, 版心 156 × 225 mm with the top margin 37 mm and the left
 * 28 mm; 22 lines of 28 characters. */
#define QC_PAGE_W_MM 210.0
#define QC_PAGE_H_MM 297.0
#define QC_TEXT_W_MM 156.0
#define QC_TEXT_H_MM 225.0
#define QC_MARGIN_TOP_MM 37.0
#define QC_MARGIN_LEFT_MM 28.0
#define QC_LINES 22
#define QC_CHARS 28
#define QC_PT_TITLE 22.0 /* 二号 */
#define QC_PT_BODY 16.0  /* 三号 */
#define QC_PT_TABLE 12.0 /* 小四, for tables and notes */
#define QC_PT_FOLIO 14.0 /* 四号, page numbers */
/* Charts as drawn into documents (pixels of the PNG). */
#define QC_CHART_W 1200
#define QC_CHART_H 600

/* The palette of web/style.css: series colours in order, then the
 * target line's. */
#define QC_PALETTE_N 6
extern const unsigned qc_doc_palette[QC_PALETTE_N];
#define QC_PALETTE_TARGET 0xc62828u

/* A zip archive written in memory: members are copied in, then the
 * archive is appended to out. */
struct qc_zipw;
struct qc_zipw *qc_zipw_new(void);
void qc_zipw_add(struct qc_zipw *w, const char *name, const void *data,
		 size_t len);
enum qc_rc qc_zipw_finish(struct qc_zipw *w, struct qc_buf *out,
			  struct qc_error *err); /* frees w */
void qc_zipw_free(struct qc_zipw *w);            /* without writing */

/* Draw c into cr over width × height user units at the origin, with the
 * fonts of fm. Each document renders with its own font map, released at
 * its end (pango's default map is per thread and never freed). */
void qc_chart_draw(cairo_t *cr, PangoFontMap *fm, const struct qc_chart *c,
		   int width, int height);
PangoFontMap *qc_doc_fontmap(void);
enum qc_rc qc_chart_png_fm(const struct qc_chart *c, PangoFontMap *fm,
			   int width, int height, struct qc_buf *out,
			   struct qc_error *err);

/* A number as documents print it: up to `prec` decimals, no trailing
 * zeros ("98.5", "3"); NAN as "—". */
void qc_doc_num(char *buf, size_t n, double v, int prec);

struct qc_store;

/* A chart of n_series series over n_labels labels, values zeroed (the
 * caller fills them, NAN for none); freed with qc_chart_free or by the
 * document it is added to. */
struct qc_chart *qc_doc_chart_new(enum qc_chart_kind k, const char *title,
				  const char *unit, size_t n_labels,
				  size_t n_series);
/* The report's complaints chapter (report_complaints.c): the figures of
 * the complaint register (qc_complaint_figures) for region and the
 * regions below it in year, with the trend of the years before; heading
 * number *sec (moved on when written). *wrote: false when the register
 * holds no item for region in those years (the chapter is left out). */
enum qc_rc qc_doc_complaints_chapter(struct qc_store *s, struct qc_doc *d,
				     const char *region,
				     const char *region_name,
				     const char (*sub)[QC_REGION_CODE_SIZE],
				     char *const *sub_name, size_t n_sub,
				     int year, int years, int *sec, bool *wrote,
				     struct qc_error *err);

/* The report's credit chapter (report_credit.c): the credit register's
 * grades as of the year's end and its lists (public at the end, entered
 * and removed in the year) for region and the regions below it, and the
 * awards register's awards and brands of the year. *wrote: false when the
 * register holds neither a graded enterprise nor a listing for region by
 * the year's end (the chapter is left out). */
enum qc_rc qc_doc_credit_chapter(struct qc_store *s, struct qc_doc *d,
				 const char *region, const char *region_name,
				 const char (*sub)[QC_REGION_CODE_SIZE],
				 char *const *sub_name, size_t n_sub, int year,
				 int *sec, bool *wrote, struct qc_error *err);

/* For the builders (build_progress.c). */
struct qc_store;
/* Everything below writes in the chosen language (qcity/i18n.h). */
/* A heading's number: 一 … 二十 in Chinese, 1 … 20 otherwise. */
const char *qc_doc_ordinal(int n);
/* A level-1 heading numbered *sec ("一、总体情况"); moves *sec on. */
void qc_doc_heading_num(struct qc_doc *d, int *sec, const char *title);
/* How a document names the plan after its title once: by the kind of
 * document the title ends with, past a note in brackets (…活动实施方案:
 * 《实施方案》; …规划(2016—2020年): 《规划》; …实施意见: 《实施意见》),
 * 《方案》 when it ends with none of them. */
const char *qc_doc_plan_short(const char *title);
/* "2020年上半年" from "2020-H1"; false if not a period. */
bool qc_doc_period_label(const char *period, char *buf, size_t n);
/* A date as documents write it ("2026年11月30日"), and today's. */
void qc_doc_date(char *buf, size_t n, int y, int m, int d);
void qc_doc_today(char *buf, size_t n);
/* Fill d's issuer (the region's 质量强市工作领导小组办公室) and date;
 * *plan_title and *region receive copies the caller frees. */
enum qc_rc qc_doc_plan_head(struct qc_store *s, long long plan_id,
			    struct qc_doc *d, char **plan_title, char **region,
			    struct qc_error *err);

#endif
