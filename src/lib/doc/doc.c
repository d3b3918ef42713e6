/* The document model: blocks, their qcity-doc/1 JSON, the text people
 * edit, and the edits themselves. */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/doc.h"
#include "qcity/names.h"
#include "qcity/json.h"
#include "qcity/text.h"
#include "banned.h"

/* Bounds on a document read from JSON, so an edit cannot grow without
 * limit. */
#define DOC_MAX_BLOCKS 4000
#define DOC_MAX_CELLS 20000
#define DOC_MAX_LABELS 200
#define DOC_MAX_SERIES 20

static const char *const kind_names[QC_BLOCK__KINDS] = {
	"heading", "para", "table", "chart", "note",
};

static char *dup0(const char *s)
{
	return s ? qc_xstrdup(s) : NULL;
}

struct qc_doc *qc_doc_new(const char *kind, const char *title)
{
	struct qc_doc *d = qc_xcalloc(1, sizeof(*d));
	d->kind = qc_xstrdup(kind ? kind : "document");
	d->title = qc_xstrdup(title ? title : "");
	d->lang = qc_xstrdup(strcmp(qc_i18n_lang(), "en") ? "zh-CN" : "en");
	return d;
}

void qc_chart_free(struct qc_chart *c)
{
	if (!c)
		return;
	free(c->title);
	free(c->unit);
	for (size_t i = 0; i < c->n_labels; i++)
		free(c->labels[i]);
	free(c->labels);
	for (size_t i = 0; i < c->n_series; i++) {
		free(c->series[i].name);
		free(c->series[i].v);
	}
	free(c->series);
	free(c);
}

static void block_release(struct qc_block *b)
{
	free(b->text);
	for (size_t i = 0; i < b->rows * b->cols; i++)
		free(b->cells[i]);
	free(b->cells);
	qc_chart_free(b->chart);
	memset(b, 0, sizeof(*b));
}

void qc_doc_free(struct qc_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		block_release(&d->v[i]);
	free(d->v);
	free(d->kind);
	free(d->title);
	free(d->number);
	free(d->recipients);
	free(d->issuer);
	free(d->date);
	free(d->lang);
	free(d);
}

static struct qc_block *add(struct qc_doc *d, enum qc_block_kind k)
{
	QC_GROW(d->v, d->n + 1, d->alloc);
	struct qc_block *b = &d->v[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = k;
	return b;
}

void qc_doc_heading(struct qc_doc *d, int level, const char *text)
{
	struct qc_block *b = add(d, QC_BLOCK_HEADING);
	b->level = level < 1 ? 1 : level > 3 ? 3 : level;
	b->text = qc_xstrdup(text);
}

void qc_doc_para(struct qc_doc *d, const char *text)
{
	add(d, QC_BLOCK_PARA)->text = qc_xstrdup(text);
}

void qc_doc_paraf(struct qc_doc *d, const char *fmt, ...)
{
	struct qc_buf b = QC_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	qc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	qc_doc_para(d, qc_buf_str(&b));
	qc_buf_release(&b);
}

void qc_doc_note(struct qc_doc *d, const char *text)
{
	add(d, QC_BLOCK_NOTE)->text = qc_xstrdup(text);
}

void qc_doc_table(struct qc_doc *d, size_t rows, size_t cols,
		  const char *const *cells)
{
	struct qc_block *b = add(d, QC_BLOCK_TABLE);
	size_t n = qc_st_mult(rows, cols);
	b->rows = rows;
	b->cols = cols;
	b->cells = qc_xmallocarray(n ? n : 1, sizeof(*b->cells));
	for (size_t i = 0; i < n; i++)
		b->cells[i] = qc_xstrdup(cells[i] ? cells[i] : "");
}

void qc_doc_chart(struct qc_doc *d, struct qc_chart *c, const char *caption)
{
	struct qc_block *b = add(d, QC_BLOCK_CHART);
	b->chart = c;
	b->text = qc_xstrdup(caption ? caption : (c->title ? c->title : ""));
}

/* ---- JSON ---------------------------------------------------------------- */

static json_t *chart_json(const struct qc_chart *c)
{
	json_t *labels = json_array(), *series = json_array();
	for (size_t i = 0; i < c->n_labels; i++)
		json_array_append_new(labels, json_string(c->labels[i]));
	for (size_t k = 0; k < c->n_series; k++) {
		json_t *v = json_array();
		for (size_t i = 0; i < c->n_labels; i++)
			json_array_append_new(v,
					      isnan(c->series[k].v[i]) ?
						      json_null() :
						      json_real(c->series[k]
									.v[i]));
		json_array_append_new(series,
				      qc_xjson_pack("{s:s, s:o}", "name",
						    c->series[k].name, "values",
						    v));
	}
	json_t *o = qc_xjson_pack("{s:s, s:s, s:s?, s:o, s:o}", "type",
				  c->kind == QC_CHART_BAR ? "bar" : "line",
				  "title", c->title ? c->title : "", "unit",
				  c->unit, "labels", labels, "series", series);
	if (c->has_target)
		json_object_set_new(o, "target", json_real(c->target));
	return o;
}

char *qc_doc_to_json(const struct qc_doc *d)
{
	json_t *blocks = json_array();
	for (size_t i = 0; i < d->n; i++) {
		const struct qc_block *b = &d->v[i];
		json_t *o = qc_xjson_pack("{s:s}", "type", kind_names[b->kind]);
		if (b->kind == QC_BLOCK_HEADING)
			json_object_set_new(o, "level", json_integer(b->level));
		if (b->text)
			json_object_set_new(o, "text", json_string(b->text));
		if (b->kind == QC_BLOCK_TABLE) {
			json_t *rows = json_array();
			for (size_t r = 0; r < b->rows; r++) {
				json_t *row = json_array();
				for (size_t c = 0; c < b->cols; c++)
					json_array_append_new(
						row,
						json_string(
							b->cells[r * b->cols +
								 c]));
				json_array_append_new(rows, row);
			}
			json_object_set_new(o, "rows", rows);
		}
		if (b->chart)
			json_object_set_new(o, "chart", chart_json(b->chart));
		json_array_append_new(blocks, o);
	}
	json_t *root = qc_xjson_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?,"
				     " s:s, s:o}",
				     "format", "qcity-doc/1", "kind", d->kind,
				     "title", d->title, "number", d->number,
				     "recipients", d->recipients, "issuer",
				     d->issuer, "date", d->date, "lang",
				     d->lang, "blocks", blocks);
	char *text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!text) /* only when memory is gone, as qc_xmalloc */
		abort();
	return text;
}

static const char *str_member(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The language a stored document was written in. Documents stored
 * before it was recorded were all Chinese: no "lang" is "zh-CN". */
static enum qc_rc lang_from(struct qc_doc *d, json_t *v, struct qc_error *err)
{
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;

	if (v && !(s && (!strcmp(s, "zh-CN") || !strcmp(s, "en"))))
		return qc_error_set(err, QC_EINVAL,
				    "lang: must be \"zh-CN\" or \"en\"");
	free(d->lang);
	d->lang = qc_xstrdup(s ? s : "zh-CN");
	return QC_OK;
}

static enum qc_rc chart_from(json_t *o, size_t bi, struct qc_chart **out,
			     struct qc_error *err)
{
	json_t *labels = json_object_get(o, "labels"),
	       *series = json_object_get(o, "series"), *t;
	const char *type = str_member(o, "type");
	if (!json_is_array(labels) || !json_is_array(series) ||
	    json_array_size(labels) > DOC_MAX_LABELS ||
	    json_array_size(series) > DOC_MAX_SERIES)
		return qc_error_set(err, QC_EINVAL,
				    "block %zu: a chart needs "
				    "labels (at most %d) and series (at most "
				    "%d)",
				    bi + 1, DOC_MAX_LABELS, DOC_MAX_SERIES);
	struct qc_chart *c = qc_xcalloc(1, sizeof(*c));
	c->kind = type && !strcmp(type, "bar") ? QC_CHART_BAR : QC_CHART_LINE;
	c->title = dup0(str_member(o, "title"));
	c->unit = dup0(str_member(o, "unit"));
	if ((t = json_object_get(o, "target")) && json_is_number(t)) {
		c->has_target = true;
		c->target = json_number_value(t);
	}
	c->n_labels = json_array_size(labels);
	c->labels = qc_xcalloc(c->n_labels + 1, sizeof(*c->labels));
	for (size_t i = 0; i < c->n_labels; i++) {
		const char *l = json_string_value(json_array_get(labels, i));
		c->labels[i] = qc_xstrdup(l ? l : "");
	}
	c->n_series = json_array_size(series);
	c->series = qc_xcalloc(c->n_series + 1, sizeof(*c->series));
	for (size_t k = 0; k < c->n_series; k++) {
		json_t *s = json_array_get(series, k),
		       *v = json_object_get(s, "values");
		c->series[k].name = qc_xstrdup(
			str_member(s, "name") ? str_member(s, "name") : "");
		c->series[k].v = qc_xcalloc(c->n_labels + 1, sizeof(double));
		for (size_t i = 0; i < c->n_labels; i++) {
			json_t *x = json_array_get(v, i);
			c->series[k].v[i] = json_is_number(x) ?
						    json_number_value(x) :
						    NAN;
		}
	}
	*out = c;
	return QC_OK;
}

static enum qc_rc block_from(struct qc_doc *d, json_t *o, size_t bi,
			     struct qc_error *err)
{
	const char *type = str_member(o, "type"), *text = str_member(o, "text");
	int k = QC_NAME_INDEX(kind_names, type);
	if (k < 0)
		return qc_error_set(err, QC_EINVAL,
				    "block %zu: type '%s' is "
				    "not heading, para, table, chart or note",
				    bi + 1, type ? type : "(none)");
	if (k == QC_BLOCK_TABLE) {
		json_t *rows = json_object_get(o, "rows");
		size_t nr = json_array_size(rows), nc = 0;
		if (!json_is_array(rows) || !nr)
			return qc_error_set(err, QC_EINVAL,
					    "block %zu: a table "
					    "needs rows",
					    bi + 1);
		nc = json_array_size(json_array_get(rows, 0));
		if (!nc || nr * nc > DOC_MAX_CELLS)
			return qc_error_set(err, QC_EINVAL,
					    "block %zu: a table "
					    "has 1 to %d cells",
					    bi + 1, DOC_MAX_CELLS);
		const char **cells = qc_xcalloc(nr * nc, sizeof(*cells));
		for (size_t r = 0; r < nr; r++) {
			json_t *row = json_array_get(rows, r);
			if (json_array_size(row) != nc) {
				free(cells);
				return qc_error_set(err, QC_EINVAL,
						    "block %zu, "
						    "row %zu: %zu cells, the header has "
						    "%zu",
						    bi + 1, r + 1,
						    json_array_size(row), nc);
			}
			for (size_t c = 0; c < nc; c++) {
				const char *s = json_string_value(
					json_array_get(row, c));
				cells[r * nc + c] = s ? s : "";
			}
		}
		qc_doc_table(d, nr, nc, cells);
		free((void *)cells);
		return QC_OK;
	}
	if (k == QC_BLOCK_CHART) {
		struct qc_chart *c = NULL;
		enum qc_rc rc = chart_from(json_object_get(o, "chart"), bi, &c,
					   err);
		if (rc || !c)
			return rc ? rc : QC_EINVAL;
		qc_doc_chart(d, c, text);
		return QC_OK;
	}
	if (!text)
		return qc_error_set(err, QC_EINVAL,
				    "block %zu: field 'text' "
				    "is missing",
				    bi + 1);
	struct qc_block *b = add(d, k);
	b->text = qc_xstrdup(text);
	if (k == QC_BLOCK_HEADING) {
		json_int_t lv = json_integer_value(json_object_get(o, "level"));
		b->level = lv < 1 ? 1 : lv > 3 ? 3 : (int)lv;
	}
	return QC_OK;
}

enum qc_rc qc_doc_from_json(const char *text, size_t len, struct qc_doc **out,
			    struct qc_error *err)
{
	json_error_t je;
	json_t *root = json_loadb(text, len, 0, &je), *blocks;
	enum qc_rc rc = QC_OK;
	*out = NULL;
	if (!root)
		return qc_error_set(err, QC_EINVAL, "line %d, column %d: %s",
				    je.line, je.column, je.text);
	blocks = json_object_get(root, "blocks");
	if (!json_is_object(root) || !json_is_array(blocks) ||
	    json_array_size(blocks) > DOC_MAX_BLOCKS) {
		json_decref(root);
		return qc_error_set(err, QC_EINVAL,
				    "not a qcity-doc/1 document"
				    ": 'blocks' must be a list of at most %d",
				    DOC_MAX_BLOCKS);
	}
	struct qc_doc *d = qc_doc_new(str_member(root, "kind"),
				      str_member(root, "title"));
	d->number = dup0(str_member(root, "number"));
	d->recipients = dup0(str_member(root, "recipients"));
	d->issuer = dup0(str_member(root, "issuer"));
	d->date = dup0(str_member(root, "date"));
	rc = lang_from(d, json_object_get(root, "lang"), err);
	for (size_t i = 0; !rc && i < json_array_size(blocks); i++)
		rc = block_from(d, json_array_get(blocks, i), i, err);
	json_decref(root);
	if (rc)
		qc_doc_free(d);
	else
		*out = d;
	return rc;
}

/* ---- text and edits ------------------------------------------------------- */

/* A table as text in columns, each as wide as its widest cell (a Han
 * character two columns), rows after the first under the first cell. */
static void add_table(struct qc_buf *b, const struct qc_block *x)
{
	int *w = qc_xcalloc(x->cols ? x->cols : 1, sizeof(*w));

	for (size_t k = 0; k < x->rows * x->cols; k++) {
		int cw = qc_utf8_width(x->cells[k]);
		if (cw > w[k % x->cols])
			w[k % x->cols] = cw;
	}
	for (size_t r = 0; r < x->rows; r++) {
		if (r)
			qc_buf_adds(b, "    ");
		for (size_t c = 0; c < x->cols; c++) {
			const char *cell = x->cells[r * x->cols + c];
			qc_buf_adds(b, cell);
			if (c + 1 < x->cols)
				qc_buf_addf(b, "%*s",
					    w[c] - qc_utf8_width(cell) + 2, "");
		}
		qc_buf_addch(b, '\n');
	}
	free(w);
}

char *qc_doc_to_text(const struct qc_doc *d)
{
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_addf(&b, "%s\n", d->title);
	if (d->number)
		qc_buf_addf(&b, "%s\n", d->number);
	for (size_t i = 0; i < d->n; i++) {
		const struct qc_block *x = &d->v[i];
		qc_buf_addf(&b, "\n[%zu] ", i + 1);
		switch (x->kind) {
		case QC_BLOCK_HEADING:
			/* 一、 and （一） already say the level. */
			qc_buf_addf(&b, "%s\n", x->text);
			break;
		case QC_BLOCK_TABLE: add_table(&b, x); break;
		case QC_BLOCK_CHART:
			qc_buf_addf(&b, _("[figure] %s"), x->text);
			qc_buf_adds(&b, "\n");
			break;
		case QC_BLOCK_NOTE:
			qc_buf_addf(&b, _("Note: %s"), x->text);
			qc_buf_adds(&b, "\n");
			break;
		default: qc_buf_addf(&b, "%s\n", x->text);
		}
	}
	if (d->issuer)
		qc_buf_addf(&b, "\n%s\n", d->issuer);
	if (d->date)
		qc_buf_addf(&b, "%s\n", d->date);
	return qc_buf_detach(&b, NULL);
}

enum qc_rc qc_doc_set_text(struct qc_doc *d, size_t i, const char *text,
			   struct qc_error *err)
{
	if (i >= d->n)
		return qc_error_set(err, QC_EINVAL,
				    "block %zu: the document "
				    "has %zu blocks",
				    i + 1, d->n);
	if (d->v[i].kind == QC_BLOCK_TABLE)
		return qc_error_set(err, QC_EINVAL,
				    "block %zu is a table: its "
				    "cells come from the data; edit the text "
				    "around it",
				    i + 1);
	free(d->v[i].text);
	d->v[i].text = qc_xstrdup(text);
	return QC_OK;
}

enum qc_rc qc_doc_insert_para(struct qc_doc *d, long after, const char *text,
			      struct qc_error *err)
{
	if (after < -1 || after >= (long)d->n)
		return qc_error_set(err, QC_EINVAL,
				    "block %ld: the document "
				    "has %zu blocks",
				    after + 1, d->n);
	add(d, QC_BLOCK_PARA)->text = qc_xstrdup(text);
	struct qc_block nb = d->v[d->n - 1];
	size_t at = (size_t)(after + 1);
	memmove(&d->v[at + 1], &d->v[at], (d->n - 1 - at) * sizeof(*d->v));
	d->v[at] = nb;
	return QC_OK;
}

enum qc_rc qc_doc_remove(struct qc_doc *d, size_t i, struct qc_error *err)
{
	if (i >= d->n)
		return qc_error_set(err, QC_EINVAL,
				    "block %zu: the document "
				    "has %zu blocks",
				    i + 1, d->n);
	block_release(&d->v[i]);
	memmove(&d->v[i], &d->v[i + 1], (d->n - i - 1) * sizeof(*d->v));
	d->n--;
	return QC_OK;
}

/* ---- formats ---------------------------------------------------------------- */

static const char *const format_names[QC_DOC__FORMATS] = {
	"docx",
	"pdf",
	"html",
	"xlsx",
};

const char *qc_doc_format_name(enum qc_doc_format f)
{
	return f < QC_DOC__FORMATS ? format_names[f] : "?";
}

bool qc_doc_format_parse(const char *s, enum qc_doc_format *f)
{
	int i = QC_NAME_INDEX(format_names, s);
	if (i >= 0)
		*f = (enum qc_doc_format)i;
	return i >= 0;
}

const char *qc_doc_format_mime(enum qc_doc_format f)
{
	switch (f) {
	case QC_DOC_DOCX:
		return "application/vnd.openxmlformats-officedocument."
		       "wordprocessingml.document";
	case QC_DOC_PDF: return "application/pdf";
	case QC_DOC_HTML: return "text/html; charset=utf-8";
	default:
		return "application/vnd.openxmlformats-officedocument."
		       "spreadsheetml.sheet";
	}
}

enum qc_rc qc_doc_write(const struct qc_doc *d, enum qc_doc_format f,
			struct qc_buf *out, struct qc_error *err)
{
	switch (f) {
	case QC_DOC_DOCX: return qc_doc_write_docx(d, out, err);
	case QC_DOC_PDF: return qc_doc_write_pdf(d, out, err);
	case QC_DOC_HTML: return qc_doc_write_html(d, out, err);
	case QC_DOC_XLSX: return qc_doc_write_xlsx(d, out, err);
	default: return qc_error_set(err, QC_EUNSUPPORTED, "unknown format");
	}
}
