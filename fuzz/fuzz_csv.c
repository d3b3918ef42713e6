/* libFuzzer target: any bytes as a CSV table, in memory and streamed
 * from a file, read to the end or the first error. Must never crash,
 * leak or hang (fuzz/run sets -timeout). Built by fuzz/run. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "qcity/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void drain(struct qc_table *t)
{
	struct qc_table_row *row;
	struct qc_error err = { 0 };
	size_t cells = 0;
	int r;

	while ((r = qc_table_next(t, &row, &err)) == 1)
		for (size_t i = 0; i < row->n; i++)
			cells += row->cells[i][0] != '\0';
	/* Read twice, as the importers do after a look at the header. */
	qc_table_rewind(t);
	if (qc_table_next(t, &row, &err) == 1 && row->n == 0)
		abort();
	(void)cells;
}

static char path[64];

static void remove_path(void)
{
	unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qc_table *t;
	struct qc_error err = { 0 };

	/* Workbooks have their own target (fuzz_xlsx). */
	if (size >= 2 && data[0] == 'P' && data[1] == 'K')
		return 0;
	if (qc_table_open((const char *)data, size, "f.csv", &t, &err) ==
	    QC_OK) {
		drain(t);
		qc_table_close(t);
	}
	if (!path[0]) {
		snprintf(path, sizeof(path), "/tmp/qc-fuzz-csv-%d.csv",
			 (int)getpid());
		atexit(remove_path);
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	if (qc_table_open_file(path, &t, &err) == QC_OK) {
		drain(t);
		qc_table_close(t);
	}
	return 0;
}
