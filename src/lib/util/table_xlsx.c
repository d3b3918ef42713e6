/* .xlsx worksheets for qc_table: libzip for the archive, libxml2's
 * streaming reader for the shared strings and the sheet, merged ranges
 * spread over their cells (so a header merged across rows reads as
 * written). The whole grid is built, since a sheet has at most a million
 * rows and merges need it. */
#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/strbuf.h"
#include "qcity/zipfile.h"
#include "table_int.h"
#include "banned.h"

#define XLSX_MAX_COLS 256


struct strings {
	char **v;
	size_t n, alloc;
};

static enum qc_rc read_shared(struct qc_zip *z, struct strings *ss,
			      struct qc_error *err)
{
	struct qc_buf xml, cur;
	xmlTextReaderPtr r;
	enum qc_rc rc = QC_OK;
	int ret = 0, in_si = 0, in_rph = 0;

	if (!qc_zip_has(z, "xl/sharedStrings.xml"))
		return QC_OK;
	qc_buf_init(&xml, XLSX_PART_MAX);
	qc_buf_init(&cur, 1 << 20);
	if ((rc = qc_zip_read(z, "xl/sharedStrings.xml", XLSX_PART_MAX, &xml,
			      err)))
		goto out;
	r = xmlReaderForMemory(qc_buf_str(&xml), (int)qc_buf_len(&xml), "sharedStrings.xml",
			       NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
			       XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	/* Text of each <si>, without phonetic runs (<rPh>, readings). */
	while (r && (ret = xmlTextReaderRead(r)) == 1) {
		const char *name = (const char *)xmlTextReaderConstLocalName(r);
		int type = xmlTextReaderNodeType(r);
		bool empty = xmlTextReaderIsEmptyElement(r);
		if (type == XML_READER_TYPE_ELEMENT && !strcmp(name, "si")) {
			qc_buf_reset(&cur);
			in_si = !empty;
			if (empty) {
				QC_GROW(ss->v, ss->n + 1, ss->alloc);
				ss->v[ss->n++] = qc_xstrdup("");
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT &&
			   !strcmp(name, "si")) {
			in_si = 0;
			if (qc_buf_failed(&cur)) {
				rc = qc_error_set(err, QC_EUNSUPPORTED, "Excel "
					"workbook: a shared string is longer "
					"than 1 MiB");
				break;
			}
			QC_GROW(ss->v, ss->n + 1, ss->alloc);
			ss->v[ss->n++] = qc_xstrdup(qc_buf_str(&cur));
		} else if (!strcmp(name, "rPh") && !empty) {
			in_rph = type == XML_READER_TYPE_ELEMENT;
		} else if (in_si && !in_rph &&
			   (type == XML_READER_TYPE_TEXT ||
			    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			qc_buf_adds(&cur, (const char *)xmlTextReaderConstValue(r));
		}
	}
	if (!rc && (!r || ret < 0))
		rc = qc_error_set(err, QC_EUNSUPPORTED, "Excel workbook: the "
				  "shared strings are damaged");
	xmlFreeTextReader(r);
out:
	qc_buf_release(&xml);
	qc_buf_release(&cur);
	return rc;
}

/* "AB12" → column 27 (0-based 27), row 12; false if malformed. */
static bool cell_ref(const char *ref, int *col, int *row)
{
	int c = 0, n = 0;
	if (!ref)
		return false;
	while (*ref >= 'A' && *ref <= 'Z' && n < 3) {
		c = c * 26 + (*ref++ - 'A' + 1);
		n++;
	}
	if (!n || *ref < '1' || *ref > '9')
		return false;
	*col = c - 1;
	*row = atoi(ref);
	return *row > 0 && *row <= 1048576 && *col < XLSX_MAX_COLS;
}

static struct grid_row *row_at(struct grid *t, int line)
{
	/* Rows come in order; an out-of-order row is appended anyway. */
	if (t->n && t->rows[t->n - 1].line == line)
		return &t->rows[t->n - 1];
	QC_GROW(t->rows, t->n + 1, t->alloc);
	struct grid_row *g = &t->rows[t->n++];
	memset(g, 0, sizeof(*g));
	g->line = line;
	return g;
}

static void put_cell(struct grid_row *g, int col, const char *v)
{
	if ((size_t)col >= g->n) {
		g->cells = qc_xreallocarray(g->cells, (size_t)col + 1,
					    sizeof(*g->cells));
		for (size_t i = g->n; i <= (size_t)col; i++)
			g->cells[i] = NULL;
		g->n = (size_t)col + 1;
	}
	free(g->cells[col]);
	g->cells[col] = qc_xstrdup(v);
	qc_cell_trim(g->cells[col]);
}

struct merge {
	int c0, r0, c1, r1;
};

static enum qc_rc parse_sheet(struct grid *t, const struct qc_buf *xml,
			      const struct strings *ss, struct merge **mg,
			      size_t *n_mg, struct qc_error *err)
{
	xmlTextReaderPtr r;
	struct qc_buf val;
	char *type = NULL;
	int col = -1, line = 0, ret = 0, in_v = 0;
	size_t alloc_mg = 0;
	enum qc_rc rc = QC_OK;

	qc_buf_init(&val, 1 << 20);
	r = xmlReaderForMemory(qc_buf_str(xml), (int)qc_buf_len(xml), "sheet1.xml", NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR |
			       XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	while (r && (ret = xmlTextReaderRead(r)) == 1) {
		const char *name = (const char *)xmlTextReaderConstLocalName(r);
		int nt = xmlTextReaderNodeType(r);
		if (nt == XML_READER_TYPE_ELEMENT && !strcmp(name, "c")) {
			char *ref = (char *)xmlTextReaderGetAttribute(r,
				(const xmlChar *)"r");
			free(type);
			type = (char *)xmlTextReaderGetAttribute(r,
				(const xmlChar *)"t");
			if (!cell_ref(ref, &col, &line)) {
				xmlFree(ref);
				rc = qc_error_set(err, QC_EUNSUPPORTED, "Excel "
					"workbook: a cell has no usable "
					"reference (row %d)", line);
				break;
			}
			xmlFree(ref);
			qc_buf_reset(&val);
		} else if (nt == XML_READER_TYPE_ELEMENT &&
			   (!strcmp(name, "v") || !strcmp(name, "t"))) {
			in_v = !xmlTextReaderIsEmptyElement(r);
		} else if (nt == XML_READER_TYPE_END_ELEMENT &&
			   (!strcmp(name, "v") || !strcmp(name, "t"))) {
			in_v = 0;
		} else if (in_v && (nt == XML_READER_TYPE_TEXT ||
				    nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			qc_buf_adds(&val, (const char *)xmlTextReaderConstValue(r));
		} else if (nt == XML_READER_TYPE_END_ELEMENT &&
			   !strcmp(name, "c") && col >= 0) {
			const char *v = qc_buf_str(&val);
			if (qc_buf_failed(&val)) {
				rc = qc_error_set(err, QC_EUNSUPPORTED, "Excel "
					"workbook: row %d: a cell is longer "
					"than 1 MiB", line);
				break;
			}
			if (type && !strcmp(type, "s")) {
				size_t k = (size_t)strtoul(v, NULL, 10);
				v = k < ss->n ? ss->v[k] : "";
			}
			put_cell(row_at(t, line), col, v);
			col = -1;
		} else if (nt == XML_READER_TYPE_ELEMENT &&
			   !strcmp(name, "mergeCell")) {
			char *ref = (char *)xmlTextReaderGetAttribute(r,
				(const xmlChar *)"ref");
			char *colon = ref ? strchr(ref, ':') : NULL;
			struct merge m;
			if (colon) {
				*colon = '\0';
				if (cell_ref(ref, &m.c0, &m.r0) &&
				    cell_ref(colon + 1, &m.c1, &m.r1)) {
					QC_GROW(*mg, *n_mg + 1, alloc_mg);
					(*mg)[(*n_mg)++] = m;
				}
			}
			xmlFree(ref);
		}
	}
	/* An empty <c/> closes without an end element: nothing to store. */
	if (!rc && (!r || ret < 0))
		rc = qc_error_set(err, QC_EUNSUPPORTED, "Excel workbook: the "
				  "worksheet XML is damaged or truncated");
	xmlFreeTextReader(r);
	free(type);
	qc_buf_release(&val);
	return rc;
}

static struct grid_row *find_row(struct grid *t, int line)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i].line == line)
			return &t->rows[i];
	return NULL;
}

/* Copy each merged range's top-left value into every cell it covers. */
static void spread_merges(struct grid *t, const struct merge *mg, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct grid_row *top = find_row(t, mg[i].r0);
		const char *v = top && (size_t)mg[i].c0 < top->n ?
				top->cells[mg[i].c0] : NULL;
		if (!v || !*v || mg[i].r1 - mg[i].r0 > 1000)
			continue;
		char *copy = qc_xstrdup(v);
		for (int r = mg[i].r0; r <= mg[i].r1; r++)
			for (int c = mg[i].c0; c <= mg[i].c1; c++) {
				struct grid_row *g = find_row(t, r);
				if (!g)
					g = row_at(t, r);
				if ((size_t)c >= g->n || !g->cells[c] ||
				    !*g->cells[c])
					put_cell(g, c, copy);
			}
		free(copy);
	}
}

static int cmp_rows(const void *a, const void *b)
{
	const struct grid_row *x = a, *y = b;
	return (x->line > y->line) - (x->line < y->line);
}

enum qc_rc qc_xlsx_read(const char *data, size_t len, struct grid *t,
			struct qc_error *err)
{
	struct strings ss = { 0 };
	struct qc_zip *z = NULL;
	struct qc_buf xml;
	struct merge *mg = NULL;
	size_t n_mg = 0;
	enum qc_rc rc;

	qc_buf_init(&xml, XLSX_PART_MAX);
	if ((rc = qc_zip_open(data, len, "Excel workbook (.xlsx)", &z, err)))
		goto out;
	if ((rc = read_shared(z, &ss, err)) ||
	    (rc = qc_zip_read(z, "xl/worksheets/sheet1.xml", XLSX_PART_MAX,
			      &xml, err)) ||
	    (rc = parse_sheet(t, &xml, &ss, &mg, &n_mg, err)))
		goto out;
	spread_merges(t, mg, n_mg);
	qsort(t->rows, t->n, sizeof(*t->rows), cmp_rows);
out:
	for (size_t i = 0; i < ss.n; i++)
		free(ss.v[i]);
	free(ss.v);
	free(mg);
	qc_buf_release(&xml);
	qc_zip_close(z);
	return rc;
}

void qc_grid_release(struct grid *g)
{
	for (size_t i = 0; i < g->n; i++) {
		for (size_t k = 0; k < g->rows[i].n; k++)
			free(g->rows[i].cells[k]);
		free(g->rows[i].cells);
	}
	free(g->rows);
	g->rows = NULL;
	g->n = g->alloc = 0;
}
