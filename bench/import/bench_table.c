/* Hostile tables benchmark: the time qc_table takes to read or refuse
 * a 1 MB CSV whose quote never closes (streamed from a file and in
 * memory), and workbooks of 1 000 and 10 000 merged ranges (one row each,
 * and the same block merged over and over). Issue 13 measured 80 s for
 * the CSV and 47 s for 1 000 merges before the readers were made linear.
 *
 * usage: bench_table [DIR]   (scratch files go to DIR, default /tmp) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "qcity/strbuf.h"
#include "qcity/table.h"
#include "bench/clock.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	if (!f)
		exit(1);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	b = malloc(*len + 1);
	if (!b || fread(b, 1, *len, f) != *len)
		exit(1);
	fclose(f);
	return b;
}

/* Read every row; print the time and how it ended. */
static void measure(const char *what, const char *path, int in_memory)
{
	struct qc_table *t = NULL;
	struct qc_table_row *row;
	struct qc_error err = { 0 };
	size_t len, rows = 0;
	char *data = NULL;
	int r = 0;
	double t0 = bench_now();

	if (in_memory) {
		data = slurp(path, &len);
		r = qc_table_open(data, len, path, &t, &err) ? -1 : 1;
	} else {
		r = qc_table_open_file(path, &t, &err) ? -1 : 1;
	}
	while (r == 1 && (r = qc_table_next(t, &row, &err)) == 1)
		rows++;
	qc_table_close(t);
	free(data);
	printf("  %-44s %8.3f s  %zu rows, %s\n", what, bench_now() - t0, rows,
	       r < 0 ? err.msg : "read");
}

static void write_xlsx(const char *path, int n, int overlap)
{
	struct qc_buf x;
	int zerr;
	zip_t *z;

	qc_buf_init(&x, 0);
	qc_buf_adds(&x, "<worksheet><sheetData>");
	for (int r = 1; r <= (overlap ? 1 : n); r++)
		qc_buf_addf(&x,
			    "<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is>"
			    "<t>v%d</t></is></c></row>",
			    r, r, r);
	qc_buf_adds(&x, "</sheetData><mergeCells>");
	for (int r = 1; r <= n; r++)
		if (overlap)
			qc_buf_adds(&x, "<mergeCell ref=\"A1:IV1000\"/>");
		else
			qc_buf_addf(&x, "<mergeCell ref=\"A%d:B%d\"/>", r, r);
	qc_buf_adds(&x, "</mergeCells></worksheet>");
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z ||
	    zip_file_add(z, "xl/worksheets/sheet1.xml",
			 zip_source_buffer(z, x.buf, x.len, 0), 0) < 0 ||
	    zip_close(z))
		exit(1);
	qc_buf_release(&x);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	char csv[512], xlsx[512], name[64];
	FILE *f;

	setvbuf(stdout, NULL, _IOLBF, 0); /* each figure as it comes */
	snprintf(csv, sizeof(csv), "%s/bench_table_%d.csv", dir, (int)getpid());
	snprintf(xlsx, sizeof(xlsx), "%s/bench_table_%d.xlsx", dir,
		 (int)getpid());
	f = fopen(csv, "w");
	if (!f)
		return 1;
	fputs("a,b\n1,\"never closed\n", f);
	for (int i = 0; i < 125000; i++)
		fputs("2,3,4,5\n", f);
	fclose(f);
	printf("hostile tables (each read to its end or its error)\n");
	measure("1 MB CSV, unclosed quote, streamed", csv, 0);
	measure("1 MB CSV, unclosed quote, in memory", csv, 1);
	for (int n = 1000; n <= 10000; n *= 10) {
		write_xlsx(xlsx, n, 0);
		snprintf(name, sizeof(name), "workbook, %d merged ranges", n);
		measure(name, xlsx, 1);
		write_xlsx(xlsx, n, 1);
		snprintf(name, sizeof(name),
			 "workbook, one block merged %d times", n);
		measure(name, xlsx, 1);
	}
	unlink(csv);
	unlink(xlsx);
	return 0;
}
