/* Workbooks through qc_table (src/lib/util/table_xlsx.c): written here
 * with libxlsxwriter, or part by part with libzip for what a writer will
 * not produce (an over-long cell, a missing sheet). */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "qcity/table.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *data = malloc(*len ? *len : 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, *len, f), *len);
	fclose(f);
	unlink(path);
	return data;
}

static void tmp_path(char *path)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
}

/* A workbook as offices fill one; constant_memory makes libxlsxwriter
 * write inline strings instead of shared ones. */
static char *make_workbook(bool inline_strings, size_t *len)
{
	char path[] = "/tmp/qcity-xlsx-XXXXXX";
	lxw_workbook_options o = { .constant_memory = inline_strings };
	tmp_path(path);
	lxw_workbook *wb = workbook_new_opt(path, &o);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "数据");
	lxw_worksheet *other = workbook_add_worksheet(wb, "说明");

	worksheet_write_string(ws, 0, 0, "指标", NULL);
	worksheet_write_string(ws, 0, 1, "期间", NULL);
	worksheet_write_string(ws, 0, 2, "数值", NULL);
	worksheet_write_string(ws, 0, 3, "备注", NULL);
	worksheet_write_string(ws, 1, 0, "  森林覆盖率 ", NULL);
	worksheet_write_number(ws, 1, 1, 2019, NULL);
	worksheet_write_number(ws, 1, 2, 47.5, NULL);
	/* (1,3) left empty; row 3 (0-based 2) left out entirely. */
	worksheet_write_string(ws, 3, 0, "PM2.5年均浓度", NULL);
	worksheet_write_number(ws, 3, 1, 2020, NULL);
	worksheet_write_number(ws, 3, 2, 35, NULL);
	worksheet_write_string(ws, 3, 3, "\"引号\",逗号", NULL);
	worksheet_write_string(other, 0, 0, "not read", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	return slurp(path, len);
}

static void check_rows(struct qc_table *t)
{
	struct qc_table_row *r;
	struct qc_error err = { 0 };

	assert_string_equal(qc_table_format(t), "xlsx");
	assert_int_equal(qc_table_next(t, &r, &err), 1);
	assert_int_equal(r->line, 1);
	assert_int_equal(r->n, 4);
	assert_string_equal(r->cells[0], "指标");
	assert_string_equal(r->cells[3], "备注");
	assert_int_equal(qc_table_next(t, &r, &err), 1);
	assert_int_equal(r->line, 2);
	assert_string_equal(r->cells[0], "森林覆盖率"); /* trimmed */
	assert_string_equal(r->cells[1], "2019");
	assert_string_equal(r->cells[2], "47.5");
	assert_true(r->n < 4 || !strcmp(r->cells[3], ""));
	assert_int_equal(qc_table_next(t, &r, &err), 1);
	assert_int_equal(r->line, 4); /* the sheet's row */
	assert_string_equal(r->cells[0], "PM2.5年均浓度");
	assert_string_equal(r->cells[2], "35");
	assert_string_equal(r->cells[3], "\"引号\",逗号");
	assert_int_equal(qc_table_next(t, &r, &err), 0); /* only sheet 1 */
}

static void reads_first_sheet(void **state)
{
	(void)state;
	for (int inl = 0; inl < 2; inl++) {
		size_t len;
		char *data = make_workbook(inl, &len);
		struct qc_table *t;
		struct qc_error err = { 0 };

		assert_int_equal(qc_table_open(data, len, NULL, &t, &err),
				 QC_OK);
		check_rows(t);
		qc_table_rewind(t);
		check_rows(t);
		qc_table_close(t);
		free(data);
	}
}

/* A header merged over two rows and two columns reads as written. */
static void merged_cells_spread(void **state)
{
	(void)state;
	char path[] = "/tmp/qcity-xlsx-XXXXXX";
	size_t len;
	struct qc_table *t;
	struct qc_table_row *r;
	struct qc_error err = { 0 };

	tmp_path(path);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	worksheet_merge_range(ws, 0, 0, 1, 0, "地区", NULL);
	worksheet_merge_range(ws, 0, 1, 0, 2, "合格率", NULL);
	worksheet_write_string(ws, 1, 1, "2019", NULL);
	worksheet_write_string(ws, 1, 2, "2020", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	char *data = slurp(path, &len);

	assert_int_equal(qc_table_open(data, len, "x.xlsx", &t, &err), QC_OK);
	assert_int_equal(qc_table_next(t, &r, &err), 1);
	assert_string_equal(r->cells[0], "地区");
	assert_string_equal(r->cells[1], "合格率");
	assert_string_equal(r->cells[2], "合格率");
	assert_int_equal(qc_table_next(t, &r, &err), 1);
	assert_string_equal(r->cells[0], "地区");
	assert_string_equal(r->cells[1], "2019");
	assert_string_equal(r->cells[2], "2020");
	qc_table_close(t);
	free(data);
}

/* A zip holding the given parts (NULL-terminated name, content pairs). */
static char *make_zip(const char *const *parts, size_t *len)
{
	char path[] = "/tmp/qcity-zip-XXXXXX";
	int zerr;
	tmp_path(path);
	zip_t *z = zip_open(path, ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	for (size_t i = 0; parts[i]; i += 2) {
		zip_source_t *s = zip_source_buffer(z, parts[i + 1],
						    strlen(parts[i + 1]), 0);
		assert_true(zip_file_add(z, parts[i], s, 0) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	return slurp(path, len);
}

static void refuses_damaged_workbooks(void **state)
{
	(void)state;
	size_t len;
	struct qc_table *t = NULL;
	struct qc_error err = { 0 };

	/* Cut short. */
	char *data = make_workbook(false, &len);
	assert_int_not_equal(qc_table_open(data, len / 2, "x.xlsx", &t, &err),
			     QC_OK);
	assert_non_null(strstr(err.msg, "Excel workbook"));
	free(data);

	/* A zip that is no workbook: the sheet is missing. */
	const char *none[] = { "readme.txt", "hello", NULL };
	data = make_zip(none, &len);
	assert_int_equal(qc_table_open(data, len, "x.xlsx", &t, &err),
			 QC_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "xl/worksheets/sheet1.xml is missing"));
	free(data);

	/* Worksheet XML cut in the middle of a row. */
	const char *cut[] = {
		"xl/worksheets/sheet1.xml",
		"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
		"<is><t>x</t></is></c><c r=\"B1\"",
		NULL
	};
	data = make_zip(cut, &len);
	assert_int_equal(qc_table_open(data, len, "x.xlsx", &t, &err),
			 QC_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "damaged"));
	free(data);
}

/* A cell past the 1 MiB a value may hold is refused whole, never cut to
 * its first megabyte. */
static void refuses_over_long_cell(void **state)
{
	(void)state;
	size_t n = (1 << 20) + 10, len;
	struct qc_table *t = NULL;
	struct qc_error err = { 0 };
	const char *head = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" "
			   "t=\"inlineStr\"><is><t>";
	const char *tail = "</t></is></c></row></sheetData></worksheet>";
	char *sheet = malloc(strlen(head) + n + strlen(tail) + 1);
	assert_non_null(sheet);
	strcpy(sheet, head); /* sizes computed above */
	memset(sheet + strlen(head), 'x', n);
	strcpy(sheet + strlen(head) + n, tail);
	const char *parts[] = { "xl/worksheets/sheet1.xml", sheet, NULL };
	char *data = make_zip(parts, &len);

	assert_int_equal(qc_table_open(data, len, "x.xlsx", &t, &err),
			 QC_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "longer than 1 MiB"));
	free(data);
	free(sheet);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_first_sheet),
		cmocka_unit_test(merged_cells_spread),
		cmocka_unit_test(refuses_damaged_workbooks),
		cmocka_unit_test(refuses_over_long_cell),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
