/* Tables as offices receive them: CSV (UTF-8 or GB18030) or the first
 * worksheet of an Excel workbook (.xlsx), read row by row. Merged cells
 * of a workbook give their value to every cell they cover, so a header
 * merged across two rows or columns reads as written.
 *
 * Ownership: qc_table_open borrows data (it must outlive the table);
 * rows handed out by qc_table_next are owned by the table and valid until
 * the next call. */
#ifndef QCITY_TABLE_H
#define QCITY_TABLE_H

#include <stddef.h>

#include "qcity/error.h"

struct qc_table;

/* Hard limits, so a hostile file costs bounded time and memory; each one
 * exceeded is an error (QC_EUNSUPPORTED) that names it. The reading time
 * is linear in the input up to them. */
#define QC_TABLE_MAX_ROWS 1048576    /* rows of a CSV or a worksheet */
#define QC_TABLE_MAX_COLS 1024       /* fields of a CSV record */
#define QC_TABLE_MAX_CELLS 4000000   /* cells of a workbook's grid */
#define QC_TABLE_MAX_MERGES 20000    /* merged ranges of a worksheet */
#define QC_TABLE_MAX_STRINGS 1048576 /* shared strings of a workbook */

struct qc_table_row {
	char **cells; /* trimmed UTF-8; "" for an empty cell */
	size_t n;
	int line; /* CSV line or worksheet row, 1-based */
};

/* name (may be NULL) helps tell the format; content decides: a zip
 * archive is read as .xlsx, anything else as CSV. */
enum qc_rc qc_table_open(const char *data, size_t len, const char *name,
			 struct qc_table **out, struct qc_error *err);
/* Open a file: CSV is streamed one record at a time (memory stays flat
 * for files of any size; the encoding, UTF-8 or GB18030, is judged on the
 * first megabyte); a workbook is read whole. */
enum qc_rc qc_table_open_file(const char *path, struct qc_table **out,
			      struct qc_error *err);
/* 1: a row in *row; 0: the end; -1: malformed input (err names the line). */
int qc_table_next(struct qc_table *t, struct qc_table_row **row,
		  struct qc_error *err);
void qc_table_close(struct qc_table *t);
/* From now on, drop from every cell handed out the pinyin a copied page
 * glosses its characters with (質(zhì)量 is 質量): after a Han character,
 * a gloss with its tone mark (qc_text_gloss_at, toned), so that a unit
 * such as (cfu) stays. Off unless asked for; idempotent. */
void qc_table_drop_glosses(struct qc_table *t);
/* s without such glosses, in place. */
void qc_cell_drop_glosses(char *s);
/* Start again from the first row (after a look at the header). */
void qc_table_rewind(struct qc_table *t);

/* "xlsx" or "csv". */
const char *qc_table_format(const struct qc_table *t);

#endif
