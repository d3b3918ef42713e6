/* RFC 4180 CSV reading with line numbers for error messages. */
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/csv.h"
#include "banned.h"

void qc_csv_init(struct qc_csv *c, const char *data, size_t len)
{
	c->p = data;
	c->end = data + len;
	c->line = 1;
	/* A UTF-8 byte-order mark is not part of the first header. */
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		c->p += 3;
}

void qc_csv_row_release(struct qc_csv_row *row)
{
	free(row->f);
	free(row->text);
	free(row->off);
	row->f = NULL;
	row->text = NULL;
	row->off = NULL;
	row->n = row->alloc = row->text_alloc = row->off_alloc = 0;
}

/* The row's text while it is read: len bytes used of row->text. */
struct text {
	struct qc_csv_row *row;
	size_t len;
};

static void add(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->row->text_alloc) {
		size_t a = t->row->text_alloc ? t->row->text_alloc : 256;
		while (a < t->len + n + 1)
			a *= 2;
		t->row->text = qc_xrealloc(t->row->text, a);
		t->row->text_alloc = a;
	}
	memcpy(t->row->text + t->len, s, n);
	t->len += n;
}

int qc_csv_next(struct qc_csv *c, struct qc_csv_row *row, struct qc_error *err)
{
	struct text t = { .row = row };
	int start = c->line;

	row->n = 0;
	/* Skip blank lines between records. */
	while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
		if (*c->p == '\n')
			c->line++;
		c->p++;
	}
	if (c->p >= c->end)
		return 0;
	start = c->line;
	row->line = start;
	for (;;) {
		size_t from = t.len;
		if (c->p < c->end && *c->p == '"') {
			c->p++;
			for (;;) {
				/* The run up to the next quote, at once. */
				const char *q = c->p;
				while (q < c->end && *q != '"') {
					if (*q == '\n')
						c->line++;
					q++;
				}
				add(&t, c->p, (size_t)(q - c->p));
				c->p = q;
				if (c->p >= c->end) {
					row->n = 0;
					return qc_error_set(err, QC_EINVAL,
							    "line %d: a quoted field is "
							    "never closed",
							    start),
					       -1;
				}
				if (c->p + 1 < c->end && c->p[1] == '"') {
					add(&t, "\"", 1);
					c->p += 2;
					continue;
				}
				c->p++;
				break;
			}
		}
		/* The unquoted run, appended at once. */
		const char *q = c->p;
		while (q < c->end && *q != ',' && *q != '\n' && *q != '\r')
			q++;
		add(&t, c->p, (size_t)(q - c->p));
		c->p = q;
		if (t.len - from > QC_CSV_MAX_FIELD) {
			row->n = 0;
			return qc_error_set(err, QC_EINVAL,
					    "line %d: a field is "
					    "longer than %d bytes",
					    start, QC_CSV_MAX_FIELD),
			       -1;
		}
		add(&t, "", 1);
		QC_GROW(row->off, row->n + 1, row->off_alloc);
		row->off[row->n++] = from;
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		if (c->p < c->end && *c->p == '\r')
			c->p++;
		if (c->p < c->end && *c->p == '\n') {
			c->p++;
			c->line++;
		}
		break;
	}
	/* The buffer no longer moves: the fields' addresses. */
	QC_GROW(row->f, row->n, row->alloc);
	for (size_t i = 0; i < row->n; i++)
		row->f[i] = row->text + row->off[i];
	return 1;
}
