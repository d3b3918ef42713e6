/* qc_table on hostile input: an unclosed quote in a large CSV and
 * workbooks with many merged ranges are read or refused in linear time,
 * with an error that names the limit. (No timing is asserted: the test
 * must just finish; bench/import/bench_table prints the figures.) */
#include "testutil.h"
#include <zip.h>

#include "qcity/strbuf.h"
#include "qcity/table.h"

/* An .xlsx in dir/name holding sheet (and no shared strings). */
static void write_xlsx(const char *path, const char *sheet, size_t len)
{
	int zerr;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	zip_source_t *s = zip_source_buffer(z, sheet, len, 0);
	assert_non_null(s);
	assert_true(zip_file_add(z, "xl/worksheets/sheet1.xml", s, 0) >= 0);
	assert_int_equal(zip_close(z), 0);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *b = malloc(*len ? *len : 1);
	assert_int_equal(fread(b, 1, *len, f), *len);
	fclose(f);
	return b;
}

/* A sheet with n merged ranges: A{r}:B{r} or, hostile, every one the
 * same block A1:IV1000 over a filled A1. */
static void merged_sheet(struct qc_buf *x, int n, bool overlap)
{
	qc_buf_adds(x, "<worksheet><sheetData>");
	for (int r = 1; r <= (overlap ? 1 : n); r++)
		qc_buf_addf(x,
			    "<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is>"
			    "<t>v%d</t></is></c></row>",
			    r, r, r);
	qc_buf_adds(x, "</sheetData><mergeCells>");
	for (int r = 1; r <= n; r++)
		if (overlap)
			qc_buf_adds(x, "<mergeCell ref=\"A1:IV1000\"/>");
		else
			qc_buf_addf(x, "<mergeCell ref=\"A%d:B%d\"/>", r, r);
	qc_buf_adds(x, "</mergeCells></worksheet>");
}

static int open_sheet(const char *dir, struct qc_buf *x, struct qc_table **t,
		      struct qc_error *err)
{
	char path[256];
	size_t len;
	snprintf(path, sizeof(path), "%s/m.xlsx", dir);
	assert_false(x->overflow);
	write_xlsx(path, x->buf, x->len);
	char *data = slurp(path, &len);
	int rc = qc_table_open(data, len, "m.xlsx", t, err);
	free(data); /* the grid is copied: the bytes may go */
	return rc;
}

static void unclosed_quote_in_a_large_csv(void **state)
{
	char dir[] = "/tmp/qc-table-XXXXXX", path[256];
	struct qc_table *t;
	struct qc_table_row *row;
	struct qc_error err = { 0 };
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/q.csv", dir);
	/* 1 MB in 125 000 short lines after a quote that never closes. */
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("a,b\n1,\"oops\n", f);
	for (int i = 0; i < 125000; i++)
		fputs("2,3,4,5\n", f);
	fclose(f);
	assert_int_equal(qc_table_open_file(path, &t, &err), QC_OK);
	assert_int_equal(qc_table_next(t, &row, &err), 1);
	assert_int_equal(qc_table_next(t, &row, &err), -1);
	assert_non_null(strstr(err.msg, "line 2"));
	qc_table_close(t);

	/* The same bytes in memory. */
	size_t len;
	char *data = slurp(path, &len);
	assert_int_equal(qc_table_open(data, len, "q.csv", &t, &err), QC_OK);
	assert_int_equal(qc_table_next(t, &row, &err), 1);
	assert_int_equal(qc_table_next(t, &row, &err), -1);
	assert_non_null(strstr(err.msg, "line 2"));
	qc_table_close(t);
	free(data);

	unlink(path);
	rmdir(dir);
}

static void too_many_columns(void **state)
{
	struct qc_buf x;
	struct qc_table *t;
	struct qc_table_row *row;
	struct qc_error err = { 0 };
	(void)state;

	qc_buf_init(&x, 0);
	for (int i = 0; i <= QC_TABLE_MAX_COLS; i++)
		qc_buf_adds(&x, "x,");
	qc_buf_adds(&x, "\n");
	assert_int_equal(qc_table_open(x.buf, x.len, "c.csv", &t, &err), QC_OK);
	assert_int_equal(qc_table_next(t, &row, &err), -1);
	assert_non_null(strstr(err.msg, "the limit"));
	qc_table_close(t);
	qc_buf_release(&x);
}

static void ten_thousand_merged_ranges(void **state)
{
	char dir[] = "/tmp/qc-table-XXXXXX", path[256];
	struct qc_buf x;
	struct qc_table *t;
	struct qc_table_row *row;
	struct qc_error err = { 0 };
	int rows = 0;
	(void)state;

	assert_non_null(mkdtemp(dir));
	qc_buf_init(&x, 0);
	merged_sheet(&x, 10000, false);
	assert_int_equal(open_sheet(dir, &x, &t, &err), QC_OK);
	while (qc_table_next(t, &row, &err) == 1) {
		rows++;
		char want[16];
		snprintf(want, sizeof(want), "v%d", row->line);
		assert_int_equal(row->n, 2);
		assert_string_equal(row->cells[1], want);
	}
	assert_int_equal(rows, 10000);
	qc_table_close(t);

	/* The same block merged 10 000 times: refused at the cell limit. */
	qc_buf_reset(&x);
	merged_sheet(&x, 10000, true);
	assert_int_equal(open_sheet(dir, &x, &t, &err), QC_EUNSUPPORTED);
	assert_null(t);
	assert_non_null(strstr(err.msg, "merged ranges cover more than"));

	/* More ranges than a worksheet may have (refused as they are read). */
	qc_buf_reset(&x);
	qc_buf_adds(&x, "<worksheet><sheetData/><mergeCells>");
	for (int r = 0; r <= QC_TABLE_MAX_MERGES; r++)
		qc_buf_adds(&x, "<mergeCell ref=\"A1:B1\"/>");
	qc_buf_adds(&x, "</mergeCells></worksheet>");
	assert_int_equal(open_sheet(dir, &x, &t, &err), QC_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "merged ranges (the limit)"));

	qc_buf_release(&x);
	snprintf(path, sizeof(path), "%s/m.xlsx", dir);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unclosed_quote_in_a_large_csv),
		cmocka_unit_test(too_many_columns),
		cmocka_unit_test(ten_thousand_merged_ranges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
