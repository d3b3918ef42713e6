/* .xlsx worksheets for qc_table: libzip for the archive, libxml2's
 * streaming reader for the shared strings and the sheet, merged ranges
 * spread over their cells (so a header merged across rows reads as
 * written). The whole grid is built, since a sheet has at most a million
 * rows and merges need it. Rows are found through an index by row number
 * and every limit of table.h is checked as the grid grows, so reading is
 * linear in the workbook whatever it holds. */
#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/strbuf.h"
#include "qcity/table.h"
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
	r = xmlReaderForMemory(qc_buf_str(&xml), (int)qc_buf_len(&xml),
			       "sharedStrings.xml", NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR |
				       XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	/* Text of each <si>, without phonetic runs (<rPh>, readings). */
	while (r && (ret = xmlTextReaderRead(r)) == 1) {
		const char *name = (const char *)xmlTextReaderConstLocalName(r);
		int type = xmlTextReaderNodeType(r);
		bool empty = xmlTextReaderIsEmptyElement(r);
		if (type == XML_READER_TYPE_ELEMENT && !strcmp(name, "si")) {
			qc_buf_reset(&cur);
			in_si = !empty;
			if (ss->n >= QC_TABLE_MAX_STRINGS) {
				rc = qc_error_set(err, QC_EUNSUPPORTED,
						  "Excel "
						  "workbook: more than %d shared strings "
						  "(the limit)",
						  QC_TABLE_MAX_STRINGS);
				break;
			}
			if (empty) {
				QC_GROW(ss->v, ss->n + 1, ss->alloc);
				ss->v[ss->n++] = qc_xstrdup("");
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT &&
			   !strcmp(name, "si")) {
			in_si = 0;
			if (qc_buf_failed(&cur)) {
				rc = qc_error_set(err, QC_EUNSUPPORTED,
						  "Excel "
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
			qc_buf_adds(&cur,
				    (const char *)xmlTextReaderConstValue(r));
		}
	}
	if (!rc && (!r || ret < 0))
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "Excel workbook: the "
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

/* The grid being built: where each row number's row is (index[line] is
 * its position + 1, 0 for none), and the cells allocated so far. */
struct build {
	struct grid *g;
	size_t *index;
	size_t index_n;
	size_t cells;
};

static struct grid_row *find_row(struct build *b, int line)
{
	size_t k = (size_t)line < b->index_n ? b->index[line] : 0;
	return k ? &b->g->rows[k - 1] : NULL;
}

/* The row numbered line, added if new (cell_ref bounds line). */
static struct grid_row *row_at(struct build *b, int line)
{
	struct grid_row *g = find_row(b, line);
	struct grid *t = b->g;

	if (g)
		return g;
	if ((size_t)line >= b->index_n) {
		size_t n = b->index_n ? b->index_n : 64;
		while (n <= (size_t)line)
			n *= 2;
		b->index = qc_xrealloc(b->index, n * sizeof(*b->index));
		memset(b->index + b->index_n, 0,
		       (n - b->index_n) * sizeof(*b->index));
		b->index_n = n;
	}
	QC_GROW(t->rows, t->n + 1, t->alloc);
	g = &t->rows[t->n++];
	memset(g, 0, sizeof(*g));
	g->line = line;
	b->index[line] = t->n;
	return g;
}

static enum qc_rc put_cell(struct build *b, struct grid_row *g, int col,
			   const char *v, struct qc_error *err)
{
	if ((size_t)col >= g->n) {
		b->cells += (size_t)col + 1 - g->n;
		if (b->cells > QC_TABLE_MAX_CELLS)
			return qc_error_set(
				err, QC_EUNSUPPORTED,
				"Excel "
				"workbook: more than %d cells, merged ranges "
				"spread included (the limit; row %d)",
				QC_TABLE_MAX_CELLS, g->line);
		g->cells = qc_xreallocarray(g->cells, (size_t)col + 1,
					    sizeof(*g->cells));
		for (size_t i = g->n; i <= (size_t)col; i++)
			g->cells[i] = NULL;
		g->n = (size_t)col + 1;
	}
	free(g->cells[col]);
	g->cells[col] = qc_xstrdup(v);
	qc_cell_trim(g->cells[col]);
	return QC_OK;
}

struct merge {
	int c0, r0, c1, r1;
};

static enum qc_rc parse_sheet(struct build *b, const struct qc_buf *xml,
			      const struct strings *ss, struct merge **mg,
			      size_t *n_mg, struct qc_error *err)
{
	xmlTextReaderPtr r;
	struct qc_buf val;
	char *type = NULL;
	int col = -1, col_done, line = 0, ret = 0, in_v = 0;
	size_t alloc_mg = 0;
	enum qc_rc rc = QC_OK;

	qc_buf_init(&val, 1 << 20);
	r = xmlReaderForMemory(qc_buf_str(xml), (int)qc_buf_len(xml),
			       "sheet1.xml", NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR |
				       XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	while (r && (ret = xmlTextReaderRead(r)) == 1) {
		const char *name = (const char *)xmlTextReaderConstLocalName(r);
		int nt = xmlTextReaderNodeType(r);
		if (nt == XML_READER_TYPE_ELEMENT && !strcmp(name, "c")) {
			char *ref = (char *)
				xmlTextReaderGetAttribute(r,
							  (const xmlChar *)"r");
			free(type);
			type = (char *)
				xmlTextReaderGetAttribute(r,
							  (const xmlChar *)"t");
			if (!cell_ref(ref, &col, &line)) {
				xmlFree(ref);
				rc = qc_error_set(err, QC_EUNSUPPORTED,
						  "Excel "
						  "workbook: a cell has no usable "
						  "reference (row %d)",
						  line);
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
		} else if (in_v &&
			   (nt == XML_READER_TYPE_TEXT ||
			    nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			qc_buf_adds(&val,
				    (const char *)xmlTextReaderConstValue(r));
		} else if (nt == XML_READER_TYPE_END_ELEMENT &&
			   !strcmp(name, "c") && col >= 0) {
			const char *v = qc_buf_str(&val);
			if (qc_buf_failed(&val)) {
				rc = qc_error_set(err, QC_EUNSUPPORTED,
						  "Excel "
						  "workbook: row %d: a cell is longer "
						  "than 1 MiB",
						  line);
				break;
			}
			if (type && !strcmp(type, "s")) {
				size_t k = (size_t)strtoul(v, NULL, 10);
				v = k < ss->n ? ss->v[k] : "";
			}
			col_done = col;
			col = -1;
			if (b->g->n >= QC_TABLE_MAX_ROWS &&
			    !find_row(b, line)) {
				rc = qc_error_set(err, QC_EUNSUPPORTED,
						  "Excel "
						  "workbook: more than %d rows (the "
						  "limit)",
						  QC_TABLE_MAX_ROWS);
				break;
			}
			if ((rc = put_cell(b, row_at(b, line), col_done, v,
					   err)))
				break;
		} else if (nt == XML_READER_TYPE_ELEMENT &&
			   !strcmp(name, "mergeCell")) {
			char *ref = (char *)
				xmlTextReaderGetAttribute(r, (const xmlChar
								      *)"ref");
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
			if (*n_mg > QC_TABLE_MAX_MERGES) {
				rc = qc_error_set(err, QC_EUNSUPPORTED,
						  "Excel "
						  "workbook: more than %d merged ranges "
						  "(the limit)",
						  QC_TABLE_MAX_MERGES);
				break;
			}
		}
	}
	/* An empty <c/> closes without an end element: nothing to store. */
	if (!rc && (!r || ret < 0))
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "Excel workbook: the "
				  "worksheet XML is damaged or truncated");
	xmlFreeTextReader(r);
	free(type);
	qc_buf_release(&val);
	return rc;
}

/* The value a range gives its cells: its top-left one, if any, for a
 * range of at most 1 000 rows; else NULL. */
static const char *spreads(struct build *b, const struct merge *m)
{
	struct grid_row *top = find_row(b, m->r0);
	const char *v = top && (size_t)m->c0 < top->n ? top->cells[m->c0] :
							NULL;
	if (!v || !*v || m->r1 < m->r0 || m->c1 < m->c0 || m->r1 - m->r0 > 1000)
		return NULL;
	return v;
}

/* Copy each merged range's top-left value into every cell it covers.
 * The cells visited, counted over all ranges (overlapping ones too), are
 * bounded by the cell limit, so hostile merges cost linear time. */
static enum qc_rc spread_merges(struct build *b, const struct merge *mg,
				size_t n, struct qc_error *err)
{
	size_t visited = 0;
	enum qc_rc rc = QC_OK;

	/* Refuse before any work: the area of every range to spread. */
	for (size_t i = 0; i < n; i++) {
		if (!spreads(b, &mg[i]))
			continue;
		visited += (size_t)(mg[i].r1 - mg[i].r0 + 1) *
			   (size_t)(mg[i].c1 - mg[i].c0 + 1);
		if (visited > QC_TABLE_MAX_CELLS)
			return qc_error_set(
				err, QC_EUNSUPPORTED,
				"Excel "
				"workbook: its merged ranges cover more than %d"
				" cells (the limit)",
				QC_TABLE_MAX_CELLS);
	}
	for (size_t i = 0; i < n && !rc; i++) {
		const char *v = spreads(b, &mg[i]);
		if (!v)
			continue;
		char *copy = qc_xstrdup(v);
		for (int r = mg[i].r0; r <= mg[i].r1 && !rc; r++) {
			struct grid_row *g = find_row(b, r);
			if (!g && b->g->n >= QC_TABLE_MAX_ROWS) {
				rc = qc_error_set(err, QC_EUNSUPPORTED,
						  "Excel "
						  "workbook: more than %d rows (the "
						  "limit)",
						  QC_TABLE_MAX_ROWS);
				break;
			}
			if (!g)
				g = row_at(b, r);
			for (int c = mg[i].c0; c <= mg[i].c1 && !rc; c++)
				if ((size_t)c >= g->n || !g->cells[c] ||
				    !*g->cells[c])
					rc = put_cell(b, g, c, copy, err);
		}
		free(copy);
	}
	return rc;
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
	struct build b = { .g = t };
	enum qc_rc rc;

	qc_buf_init(&xml, XLSX_PART_MAX);
	if ((rc = qc_zip_open(data, len, "Excel workbook (.xlsx)", &z, err)))
		goto out;
	if ((rc = read_shared(z, &ss, err)) ||
	    (rc = qc_zip_read(z, "xl/worksheets/sheet1.xml", XLSX_PART_MAX,
			      &xml, err)) ||
	    (rc = parse_sheet(&b, &xml, &ss, &mg, &n_mg, err)) ||
	    (rc = spread_merges(&b, mg, n_mg, err)))
		goto out;
	if (t->n) /* an empty sheet has no rows array to sort */
		qsort(t->rows, t->n, sizeof(*t->rows), cmp_rows);
out:
	free(b.index);
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
