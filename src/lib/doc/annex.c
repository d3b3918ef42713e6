/* The XLSX annex (libxlsxwriter): a contents sheet, then every table and
 * every chart's figures of a document, one sheet each, numbers as
 * numbers. libxlsxwriter writes files only, so the workbook goes through
 * a temporary file that is removed at once. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/num.h"
#include "doc_int.h"
#include "banned.h"

/* A cell as a number when the whole text is one ("98.5", "98.5%"). */
static void cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s)
{
	char *end;
	double v;
	errno = 0;
	v = strtod(s, &end);
	if (*s && end != s && !errno && isfinite(v) && !*end)
		worksheet_write_number(ws, r, c, v, NULL);
	else
		worksheet_write_string(ws, r, c, s, NULL);
}

enum qc_rc qc_doc_write_xlsx(const struct qc_doc *d, struct qc_buf *out,
			     struct qc_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096], name[32];
	int fd, n_tab = 0, n_fig = 0;
	lxw_row_t row = 1;

	snprintf(path, sizeof(path), "%s/qcity-annex-XXXXXX.xlsx",
		 tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemps(path, 5)) < 0)
		return qc_error_set(err, QC_EIO,
				    "%s: %s (set TMPDIR to a "
				    "writable directory)",
				    path, strerror(errno));
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		unlink(path);
		return qc_error_set(err, QC_EIO, "%s: cannot start a workbook",
				    path);
	}
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	/* Sheet names: 31 bytes at most (Excel), so short words. */
	lxw_worksheet *toc = workbook_add_worksheet(wb, _("Contents"));
	worksheet_write_string(toc, 0, 0, _("Sheet"), bold);
	worksheet_write_string(toc, 0, 1, _("What it holds"), bold);
	worksheet_write_string(toc, 0, 2, d->title, NULL);
	worksheet_set_column(toc, 1, 1, 60, NULL);
	for (size_t i = 0; i < d->n; i++) {
		const struct qc_block *b = &d->v[i];
		const char *caption = NULL;
		lxw_worksheet *ws;
		if (b->kind == QC_BLOCK_TABLE) {
			/* TRANSLATORS: a sheet's name (31 bytes at most). */
			snprintf(name, sizeof(name), _("Table %d"), ++n_tab);
			ws = workbook_add_worksheet(wb, name);
			for (size_t r = 0; r < b->rows; r++)
				for (size_t c = 0; c < b->cols; c++)
					if (r)
						cell(ws, (lxw_row_t)r,
						     (lxw_col_t)c,
						     b->cells[r * b->cols + c]);
					else
						worksheet_write_string(
							ws, 0, (lxw_col_t)c,
							b->cells[c], bold);
			/* the heading or text before the table names it */
			for (size_t k = i; k-- > 0 && !caption;)
				if (d->v[k].kind == QC_BLOCK_HEADING ||
				    d->v[k].kind == QC_BLOCK_PARA)
					caption = d->v[k].text;
		} else if (b->kind == QC_BLOCK_CHART) {
			const struct qc_chart *c = b->chart;
			/* TRANSLATORS: a sheet's name (31 bytes at most). */
			snprintf(name, sizeof(name), _("Figure %d"), ++n_fig);
			ws = workbook_add_worksheet(wb, name);
			worksheet_write_string(ws, 0, 0, c->unit ? c->unit : "",
					       bold);
			for (size_t k = 0; k < c->n_series; k++)
				worksheet_write_string(ws, 0,
						       (lxw_col_t)(k + 1),
						       c->series[k].name, bold);
			if (c->has_target)
				worksheet_write_string(ws, 0,
						       (lxw_col_t)(c->n_series +
								   1),
						       _("Target value"), bold);
			for (size_t r = 0; r < c->n_labels; r++) {
				worksheet_write_string(ws, (lxw_row_t)(r + 1),
						       0, c->labels[r], NULL);
				for (size_t k = 0; k < c->n_series; k++)
					if (!isnan(c->series[k].v[r]))
						worksheet_write_number(
							ws, (lxw_row_t)(r + 1),
							(lxw_col_t)(k + 1),
							c->series[k].v[r],
							NULL);
				if (c->has_target)
					worksheet_write_number(
						ws, (lxw_row_t)(r + 1),
						(lxw_col_t)(c->n_series + 1),
						c->target, NULL);
			}
			caption = b->text;
		} else {
			continue;
		}
		worksheet_set_column(ws, 0, 0, 24, NULL);
		worksheet_write_string(toc, row, 0, name, NULL);
		worksheet_write_string(toc, row++, 1, caption ? caption : "",
				       NULL);
	}
	lxw_error e = workbook_close(wb);
	enum qc_rc rc = QC_OK;
	if (e != LXW_NO_ERROR) {
		rc = qc_error_set(err, QC_EIO, "writing the annex: %s",
				  lxw_strerror(e));
	} else {
		FILE *f = fopen(path, "rb");
		char chunk[16384];
		size_t got;
		if (!f) {
			rc = qc_error_set(err, QC_EIO, "%s: %s", path,
					  strerror(errno));
		} else {
			while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
				qc_buf_add(out, chunk, got);
			fclose(f);
			if (qc_buf_failed(out))
				rc = qc_error_set(err, QC_EIO,
						  "the annex does "
						  "not fit the output buffer");
		}
	}
	unlink(path);
	return rc;
}
