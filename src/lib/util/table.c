/* qc_table over CSV and .xlsx. CSV rows come from the CSV reader over the
 * decoded text; workbook rows are built from the sheet XML up front, since
 * a worksheet is at most a million rows and merged ranges need the whole
 * grid. */
#include <errno.h>
#include <iconv.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/csv.h"
#include "qcity/strbuf.h"
#include "qcity/table.h"
#include "qcity/text.h"
#include "qcity/zipfile.h"
#include "banned.h"

#define XLSX_PART_MAX ((size_t)256 << 20)
#define XLSX_MAX_COLS 256

struct grid_row {
	char **cells;
	size_t n;
	int line;
};

struct qc_table {
	bool xlsx;
	/* CSV in memory */
	struct qc_buf text;
	struct qc_csv csv;
	struct qc_csv_row crow;
	/* CSV streamed from a file: one record at a time, so memory stays
	 * flat whatever the file's size */
	FILE *f;
	iconv_t cd;          /* GB18030 → UTF-8, or (iconv_t)-1 for UTF-8 */
	struct qc_buf rec, conv;
	char *line;
	size_t line_cap;
	int file_line;
	/* xlsx */
	struct grid_row *rows;
	size_t n_rows, alloc_rows, next;
	/* what callers see */
	struct qc_table_row out;
};

const char *qc_table_format(const struct qc_table *t)
{
	return t->xlsx ? "xlsx" : "csv";
}

/* Trim ASCII and ideographic spaces in place. */
static void trim(char *s)
{
	char *p = s, *e;
	for (;;) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		else if (!strncmp(p, "\xE3\x80\x80", 3))
			p += 3;
		else
			break;
	}
	if (p != s)
		memmove(s, p, strlen(p) + 1);
	e = s + strlen(s);
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
			      e[-1] == '\n'))
			e--;
		else if (e - s >= 3 && !strncmp(e - 3, "\xE3\x80\x80", 3))
			e -= 3;
		else
			break;
	}
	*e = '\0';
}

/* ---- xlsx --------------------------------------------------------------- */

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
	r = xmlReaderForMemory(xml.buf, (int)xml.len, "sharedStrings.xml",
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
	if (!r || ret < 0)
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

static struct grid_row *row_at(struct qc_table *t, int line)
{
	/* Rows come in order; an out-of-order row is appended anyway. */
	if (t->n_rows && t->rows[t->n_rows - 1].line == line)
		return &t->rows[t->n_rows - 1];
	QC_GROW(t->rows, t->n_rows + 1, t->alloc_rows);
	struct grid_row *g = &t->rows[t->n_rows++];
	memset(g, 0, sizeof(*g));
	g->line = line;
	return g;
}

static void put_cell(struct grid_row *g, int col, const char *v)
{
	if ((size_t)col >= g->n) {
		g->cells = qc_xrealloc(g->cells, ((size_t)col + 1) *
				       sizeof(*g->cells));
		for (size_t i = g->n; i <= (size_t)col; i++)
			g->cells[i] = NULL;
		g->n = (size_t)col + 1;
	}
	free(g->cells[col]);
	g->cells[col] = qc_xstrdup(v);
	trim(g->cells[col]);
}

struct merge {
	int c0, r0, c1, r1;
};

static enum qc_rc parse_sheet(struct qc_table *t, const struct qc_buf *xml,
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
	r = xmlReaderForMemory(xml->buf, (int)xml->len, "sheet1.xml", NULL,
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

static struct grid_row *find_row(struct qc_table *t, int line)
{
	for (size_t i = 0; i < t->n_rows; i++)
		if (t->rows[i].line == line)
			return &t->rows[i];
	return NULL;
}

/* Copy each merged range's top-left value into every cell it covers. */
static void spread_merges(struct qc_table *t, const struct merge *mg, size_t n)
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

static enum qc_rc open_xlsx(struct qc_table *t, const char *data, size_t len,
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
	qsort(t->rows, t->n_rows, sizeof(*t->rows), cmp_rows);
out:
	for (size_t i = 0; i < ss.n; i++)
		free(ss.v[i]);
	free(ss.v);
	free(mg);
	qc_buf_release(&xml);
	qc_zip_close(z);
	return rc;
}

/* ---- CSV streamed from a file ------------------------------------------- */

#define SNIFF_BYTES (1 << 20)
#define RECORD_MAX ((size_t)1 << 20)

static void skip_bom(FILE *f)
{
	unsigned char b[3];
	if (fread(b, 1, 3, f) != 3 || memcmp(b, "\xEF\xBB\xBF", 3))
		rewind(f);
}

/* Quotes are balanced when a record is complete. */
static bool open_quote(const struct qc_buf *b)
{
	size_t q = 0;
	for (size_t i = 0; i < b->len; i++)
		q += b->buf[i] == '"';
	return q % 2;
}

static enum qc_rc convert(struct qc_table *t, int line, struct qc_error *err)
{
	char chunk[4096], *in = t->rec.buf;
	size_t inl = t->rec.len;

	qc_buf_reset(&t->conv);
	iconv(t->cd, NULL, NULL, NULL, NULL);
	while (inl) {
		char *out = chunk;
		size_t outl = sizeof(chunk);
		size_t r = iconv(t->cd, &in, &inl, &out, &outl);
		qc_buf_add(&t->conv, chunk, sizeof(chunk) - outl);
		if (r == (size_t)-1 && errno != E2BIG)
			return qc_error_set(err, QC_EINVAL, "line %d: bytes "
					    "that are neither UTF-8 nor GB18030",
					    line);
	}
	return QC_OK;
}

/* Assemble the next record (lines joined while a quote is open), decode
 * it, and parse it with the in-memory CSV reader. */
static int next_streamed(struct qc_table *t, struct qc_error *err)
{
	ssize_t n;
	int start;

	do {
		qc_buf_reset(&t->rec);
		start = t->file_line + 1;
		do {
			n = getline(&t->line, &t->line_cap, t->f);
			if (n < 0)
				break;
			t->file_line++;
			if (!qc_buf_add(&t->rec, t->line, (size_t)n)) {
				qc_error_set(err, QC_EINVAL, "line %d: a record"
					     " longer than %zu bytes", start,
					     RECORD_MAX);
				return -1;
			}
		} while (open_quote(&t->rec));
		if (n < 0 && !t->rec.len)
			return ferror(t->f) ? (qc_error_set(err, QC_EIO, "read "
					       "error at line %d", start), -1) : 0;
	} while (strspn(t->rec.buf, "\r\n") == t->rec.len);
	const char *text = t->rec.buf;
	size_t len = t->rec.len;
	if (t->cd != (iconv_t)-1) {
		if (convert(t, start, err))
			return -1;
		text = t->conv.buf;
		len = t->conv.len;
	} else if (!qc_utf8_valid(text, len)) {
		qc_error_set(err, QC_EINVAL, "line %d: not valid UTF-8 (is the "
			     "file in one encoding?)", start);
		return -1;
	}
	struct qc_csv c;
	qc_csv_init(&c, text, len);
	int r = qc_csv_next(&c, &t->crow, err);
	if (r == 1)
		t->crow.line = start;
	else if (r < 0 && err)
		qc_error_set(err, QC_EINVAL, "line %d: a quoted field is never "
			     "closed", start);
	return r;
}

static bool sniff_binary(const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] == 0)
			return true;
	return false;
}

enum qc_rc qc_table_open_file(const char *path, struct qc_table **out,
			      struct qc_error *err)
{
	struct qc_table *t;
	FILE *f = fopen(path, "rb");
	char *head;
	size_t n;

	*out = NULL;
	if (!f)
		return qc_error_set(err, QC_EIO, "%s: %s", path,
				    strerror(errno));
	head = qc_xmalloc(SNIFF_BYTES);
	n = fread(head, 1, SNIFF_BYTES, f);
	if (n >= 4 && !memcmp(head, "PK\x03\x04", 4)) {
		/* A workbook is a zip: it must be read whole. */
		struct qc_buf all;
		enum qc_rc rc;
		qc_buf_init(&all, XLSX_PART_MAX);
		qc_buf_add(&all, head, n);
		while ((n = fread(head, 1, SNIFF_BYTES, f)) > 0)
			if (!qc_buf_add(&all, head, n))
				break;
		free(head);
		fclose(f);
		if (all.overflow) {
			qc_buf_release(&all);
			return qc_error_set(err, QC_EUNSUPPORTED, "%s: a workbook "
					    "larger than %zu MB", path,
					    XLSX_PART_MAX >> 20);
		}
		rc = qc_table_open(all.buf, all.len, path, out, err);
		/* The workbook's rows are copied; the bytes can go. */
		qc_buf_release(&all);
		return rc;
	}
	if (n == 0 || sniff_binary((unsigned char *)head, n)) {
		free(head);
		fclose(f);
		return qc_error_set(err, QC_EUNSUPPORTED, "%s: %s", path, n ?
				    "a binary file, not CSV or .xlsx" :
				    "the file is empty");
	}
	t = qc_xcalloc(1, sizeof(*t));
	t->f = f;
	t->cd = (iconv_t)-1;
	qc_buf_init(&t->rec, RECORD_MAX);
	qc_buf_init(&t->conv, 4 * RECORD_MAX);
	qc_buf_init(&t->text, 0);
	/* The encoding is the file's: judged on its first megabyte, allowing
	 * a character cut at the end of the sample. */
	size_t valid = n;
	while (valid > 0 && n - valid < 4 && !qc_utf8_valid(head, valid))
		valid--;
	if (!qc_utf8_valid(head, valid) || valid == 0) {
		t->cd = iconv_open("UTF-8", "GB18030");
		if (t->cd == (iconv_t)-1) {
			free(head);
			qc_table_close(t);
			return qc_error_set(err, QC_EUNSUPPORTED, "GB18030 is not"
					    " available in this system's iconv");
		}
	}
	free(head);
	qc_table_rewind(t);
	*out = t;
	return QC_OK;
}

/* ---- common ------------------------------------------------------------- */

enum qc_rc qc_table_open(const char *data, size_t len, const char *name,
			 struct qc_table **out, struct qc_error *err)
{
	struct qc_table *t = qc_xcalloc(1, sizeof(*t));
	t->cd = (iconv_t)-1;
	enum qc_rc rc;

	(void)name;
	*out = NULL;
	t->xlsx = len >= 4 && !memcmp(data, "PK\x03\x04", 4);
	qc_buf_init(&t->text, QC_TEXT_MAX);
	if (t->xlsx) {
		rc = open_xlsx(t, data, len, err);
	} else {
		rc = qc_text_decode(data, len, &t->text, err);
		if (!rc)
			qc_csv_init(&t->csv, t->text.buf, t->text.len);
	}
	if (rc) {
		qc_table_close(t);
		return rc;
	}
	*out = t;
	return QC_OK;
}

int qc_table_next(struct qc_table *t, struct qc_table_row **row,
		  struct qc_error *err)
{
	if (t->f) {
		int r = next_streamed(t, err);
		if (r != 1)
			return r;
		for (size_t i = 0; i < t->crow.n; i++)
			trim(t->crow.f[i]);
		t->out.cells = t->crow.f;
		t->out.n = t->crow.n;
		t->out.line = t->crow.line;
		*row = &t->out;
		return 1;
	}
	if (!t->xlsx) {
		int r = qc_csv_next(&t->csv, &t->crow, err);
		if (r != 1)
			return r;
		for (size_t i = 0; i < t->crow.n; i++)
			trim(t->crow.f[i]);
		t->out.cells = t->crow.f;
		t->out.n = t->crow.n;
		t->out.line = t->crow.line;
		*row = &t->out;
		return 1;
	}
	if (t->next >= t->n_rows)
		return 0;
	struct grid_row *g = &t->rows[t->next++];
	for (size_t i = 0; i < g->n; i++)
		if (!g->cells[i])
			g->cells[i] = qc_xstrdup("");
	t->out.cells = g->cells;
	t->out.n = g->n;
	t->out.line = g->line;
	*row = &t->out;
	return 1;
}

void qc_table_rewind(struct qc_table *t)
{
	if (t->f) {
		rewind(t->f);
		t->file_line = 0;
		skip_bom(t->f);
	} else if (t->xlsx)
		t->next = 0;
	else
		qc_csv_init(&t->csv, t->text.buf, t->text.len);
}

void qc_table_close(struct qc_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_rows; i++) {
		for (size_t k = 0; k < t->rows[i].n; k++)
			free(t->rows[i].cells[k]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	qc_csv_row_release(&t->crow);
	qc_buf_release(&t->text);
	qc_buf_release(&t->rec);
	qc_buf_release(&t->conv);
	free(t->line);
	if (t->f)
		fclose(t->f);
	if (t->cd != (iconv_t)-1)
		iconv_close(t->cd);
	free(t);
}
