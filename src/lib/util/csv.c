/* RFC 4180 CSV reading with line numbers for error messages. */
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/csv.h"
#include "qcity/strbuf.h"
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

static void clear_fields(struct qc_csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		free(row->f[i]);
	row->n = 0;
}

void qc_csv_row_release(struct qc_csv_row *row)
{
	clear_fields(row);
	free(row->f);
	row->f = NULL;
	row->alloc = 0;
}

static void push(struct qc_csv_row *row, struct qc_buf *field)
{
	QC_GROW(row->f, row->n + 1, row->alloc);
	row->f[row->n++] = qc_buf_detach(field, NULL);
}

int qc_csv_next(struct qc_csv *c, struct qc_csv_row *row, struct qc_error *err)
{
	struct qc_buf field;
	int start = c->line;

	clear_fields(row);
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
	qc_buf_init(&field, QC_CSV_MAX_FIELD);
	for (;;) {
		if (c->p < c->end && *c->p == '"') {
			c->p++;
			for (;;) {
				if (c->p >= c->end) {
					qc_buf_release(&field);
					return qc_error_set(err, QC_EINVAL,
							    "line %d: a quoted field is "
							    "never closed",
							    start),
					       -1;
				}
				if (*c->p == '"') {
					if (c->p + 1 < c->end &&
					    c->p[1] == '"') {
						qc_buf_addch(&field, '"');
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == '\n')
					c->line++;
				qc_buf_addch(&field, *c->p++);
			}
		}
		/* The unquoted run, appended at once. */
		const char *q = c->p;
		while (q < c->end && *q != ',' && *q != '\n' && *q != '\r')
			q++;
		qc_buf_add(&field, c->p, (size_t)(q - c->p));
		c->p = q;
		if (qc_buf_failed(&field)) {
			qc_buf_release(&field);
			return qc_error_set(err, QC_EINVAL,
					    "line %d: a field is "
					    "longer than %d bytes",
					    start, QC_CSV_MAX_FIELD),
			       -1;
		}
		push(row, &field);
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
	qc_buf_release(&field);
	return 1;
}
