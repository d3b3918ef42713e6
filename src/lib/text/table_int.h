/* Internals of qc_table shared by its readers: the grid a workbook is
 * read into, and cell trimming. */
#ifndef QCITY_TABLE_INT_H
#define QCITY_TABLE_INT_H

#include <stddef.h>

#include "qcity/error.h"

#define XLSX_PART_MAX ((size_t)256 << 20)

struct grid_row {
	char **cells; /* NULL for a cell never written */
	size_t n;
	int line;
};

struct grid {
	struct grid_row *rows;
	size_t n, alloc;
};

/* Trim ASCII and ideographic spaces in place. */
void qc_cell_trim(char *s);

/* The first worksheet of an .xlsx in data, rows in order, merged ranges
 * spread over the cells they cover. g is empty on entry; release it with
 * qc_grid_release even on error. */
enum qc_rc qc_xlsx_read(const char *data, size_t len, struct grid *g,
			struct qc_error *err);
void qc_grid_release(struct grid *g);

#endif
