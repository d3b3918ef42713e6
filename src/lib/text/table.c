/* qc_table over CSV (in memory, or streamed from a file one record at a
 * time) and .xlsx (table_xlsx.c reads the grid). */
#include <errno.h>
#include <stdbool.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/csv.h"
#include "qcity/strbuf.h"
#include "qcity/table.h"
#include "qcity/text.h"
#include "table_int.h"
#include "banned.h"

struct qc_table {
	bool xlsx;
	bool unglossed; /* qc_table_drop_glosses */
	/* CSV in memory */
	struct qc_buf text;
	struct qc_csv csv;
	struct qc_csv_row crow;
	/* CSV streamed from a file: one record at a time, so memory stays
	 * flat whatever the file's size */
	FILE *f;
	iconv_t cd; /* GB18030 → UTF-8, or (iconv_t)-1 for UTF-8 */
	struct qc_buf rec, conv;
	char *line;
	size_t line_cap;
	int file_line;
	/* xlsx */
	struct grid grid;
	size_t next;
	size_t rows; /* CSV records handed out since the start */
	/* what callers see */
	struct qc_table_row out;
};

const char *qc_table_format(const struct qc_table *t)
{
	return t->xlsx ? "xlsx" : "csv";
}

void qc_cell_trim(char *s)
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

void qc_cell_drop_glosses(char *s)
{
	const char *r = s, *end = s + strlen(s);
	char *w = s;

	if (!strchr(s, '(') && !strstr(s, "（"))
		return;
	while (r < end) {
		uint32_t c;
		size_t len = qc_utf8_decode(r, (size_t)(end - r), &c), g;
		memmove(w, r, len);
		w += len;
		r += len;
		if (!qc_utf8_is_han(c))
			continue;
		while ((g = qc_text_gloss_at(r, end, true)))
			r += g;
	}
	*w = '\0';
}

void qc_table_drop_glosses(struct qc_table *t)
{
	t->unglossed = true;
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

/* Quotes are balanced when a record is complete. Each line is counted
 * once, as it is added, so a record of many lines (an unclosed quote in
 * a large file) costs time linear in its length. */
static bool flips_quote(const char *s, size_t n)
{
	size_t q = 0;
	for (const char *p = s; (p = memchr(p, '"', n - (size_t)(p - s))); p++)
		q++;
	return q % 2;
}

static enum qc_rc convert(struct qc_table *t, int line, struct qc_error *err)
{
	char chunk[4096], *in = (char *)qc_buf_str(&t->rec);
	size_t inl = qc_buf_len(&t->rec);

	qc_buf_reset(&t->conv);
	iconv(t->cd, NULL, NULL, NULL, NULL);
	while (inl) {
		char *out = chunk;
		size_t outl = sizeof(chunk);
		size_t r = iconv(t->cd, &in, &inl, &out, &outl);
		qc_buf_add(&t->conv, chunk, sizeof(chunk) - outl);
		if (r == (size_t)-1 && errno != E2BIG)
			return qc_error_set(err, QC_EINVAL,
					    "line %d: bytes "
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
	bool open;

	do {
		qc_buf_reset(&t->rec);
		start = t->file_line + 1;
		open = false;
		do {
			n = getline(&t->line, &t->line_cap, t->f);
			if (n < 0)
				break;
			t->file_line++;
			if (!qc_buf_add(&t->rec, t->line, (size_t)n)) {
				qc_error_set(err, QC_EINVAL,
					     "line %d: a record"
					     " longer than %zu bytes (the limit;"
					     " a quote never closed?)",
					     start, RECORD_MAX);
				return -1;
			}
			open ^= flips_quote(t->line, (size_t)n);
		} while (open);
		if (n < 0 && !qc_buf_len(&t->rec))
			return ferror(t->f) ? (qc_error_set(err, QC_EIO,
							    "read "
							    "error at line %d",
							    start),
					       -1) :
					      0;
	} while (strspn(qc_buf_str(&t->rec), "\r\n") == qc_buf_len(&t->rec));
	const char *text = qc_buf_str(&t->rec);
	size_t len = qc_buf_len(&t->rec);
	if (t->cd != (iconv_t)-1) {
		if (convert(t, start, err))
			return -1;
		text = qc_buf_str(&t->conv);
		len = qc_buf_len(&t->conv);
	} else if (!qc_utf8_valid(text, len)) {
		qc_error_set(err, QC_EINVAL,
			     "line %d: not valid UTF-8 (is the "
			     "file in one encoding?)",
			     start);
		return -1;
	}
	struct qc_csv c;
	qc_csv_init(&c, text, len);
	int r = qc_csv_next(&c, &t->crow, err);
	if (r == 1)
		t->crow.line = start;
	else if (r < 0 && err)
		qc_error_set(err, QC_EINVAL,
			     "line %d: a quoted field is never "
			     "closed",
			     start);
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
		if (qc_buf_failed(&all)) {
			qc_buf_release(&all);
			return qc_error_set(err, QC_EUNSUPPORTED,
					    "%s: a workbook "
					    "larger than %zu MB",
					    path, XLSX_PART_MAX >> 20);
		}
		rc = qc_table_open(qc_buf_str(&all), qc_buf_len(&all), path,
				   out, err);
		/* The workbook's rows are copied; the bytes can go. */
		qc_buf_release(&all);
		return rc;
	}
	if (n == 0 || sniff_binary((unsigned char *)head, n)) {
		free(head);
		fclose(f);
		return qc_error_set(err, QC_EUNSUPPORTED, "%s: %s", path,
				    n ? "a binary file, not CSV or .xlsx" :
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
			return qc_error_set(err, QC_EUNSUPPORTED,
					    "GB18030 is not"
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
		rc = qc_xlsx_read(data, len, &t->grid, err);
	} else {
		rc = qc_text_decode(data, len, &t->text, err);
		if (!rc)
			qc_csv_init(&t->csv, qc_buf_str(&t->text),
				    qc_buf_len(&t->text));
	}
	if (rc) {
		qc_table_close(t);
		return rc;
	}
	*out = t;
	return QC_OK;
}

/* Hand out a CSV record, within the limits on rows and columns. */
static int csv_out(struct qc_table *t, struct qc_table_row **row,
		   struct qc_error *err)
{
	if (++t->rows > QC_TABLE_MAX_ROWS)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "line %d: more than "
				    "%d rows (the limit for one table)",
				    t->crow.line, QC_TABLE_MAX_ROWS),
		       -1;
	if (t->crow.n > QC_TABLE_MAX_COLS)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "line %d: %zu "
				    "columns, more than %d (the limit)",
				    t->crow.line, t->crow.n, QC_TABLE_MAX_COLS),
		       -1;
	for (size_t i = 0; i < t->crow.n; i++) {
		qc_cell_trim(t->crow.f[i]);
		if (t->unglossed)
			qc_cell_drop_glosses(t->crow.f[i]);
	}
	t->out.cells = t->crow.f;
	t->out.n = t->crow.n;
	t->out.line = t->crow.line;
	*row = &t->out;
	return 1;
}

int qc_table_next(struct qc_table *t, struct qc_table_row **row,
		  struct qc_error *err)
{
	if (t->f || !t->xlsx) {
		int r = t->f ? next_streamed(t, err) :
			       qc_csv_next(&t->csv, &t->crow, err);
		return r == 1 ? csv_out(t, row, err) : r;
	}
	if (t->next >= t->grid.n)
		return 0;
	struct grid_row *g = &t->grid.rows[t->next++];
	for (size_t i = 0; i < g->n; i++)
		if (!g->cells[i])
			g->cells[i] = qc_xstrdup("");
		else if (t->unglossed)
			qc_cell_drop_glosses(g->cells[i]);
	t->out.cells = g->cells;
	t->out.n = g->n;
	t->out.line = g->line;
	*row = &t->out;
	return 1;
}

void qc_table_rewind(struct qc_table *t)
{
	t->rows = 0;
	if (t->f) {
		rewind(t->f);
		t->file_line = 0;
		skip_bom(t->f);
	} else if (t->xlsx)
		t->next = 0;
	else
		qc_csv_init(&t->csv, qc_buf_str(&t->text),
			    qc_buf_len(&t->text));
}

void qc_table_close(struct qc_table *t)
{
	if (!t)
		return;
	qc_grid_release(&t->grid);
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
