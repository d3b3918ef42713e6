/* libFuzzer target: the .xlsx reader. An input that is a zip is read as
 * a workbook; any other input is zipped here as the worksheet XML (text
 * after a NUL byte, if any, as the shared strings), so the fuzzer works on
 * the XML, the merged ranges and the limits rather than on checksums.
 * Must never crash, leak or hang. Built by fuzz/run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "qcity/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int add(zip_t *z, const char *name, const void *p, size_t n)
{
	zip_source_t *s = zip_source_buffer(z, p, n, 0);
	zip_int64_t i = s ? zip_file_add(z, name, s, 0) : -1;
	if (i < 0) {
		zip_source_free(s);
		return -1;
	}
	return zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* The workbook holding sheet (and strings) as bytes the caller frees. */
static char *zip_of(const uint8_t *data, size_t size, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	char *out = NULL;
	const uint8_t *nul = memchr(data, 0, size);
	size_t sheet = nul ? (size_t)(nul - data) : size;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src || !(z = zip_open_from_source(src, ZIP_TRUNCATE, &ze)))
		abort();
	zip_source_keep(src);
	if (add(z, "xl/worksheets/sheet1.xml", data, sheet) ||
	    (nul &&
	     add(z, "xl/sharedStrings.xml", nul + 1, size - sheet - 1)) ||
	    zip_close(z))
		abort();
	zip_stat_t st;
	if (zip_source_stat(src, &st) || zip_source_open(src))
		abort();
	out = malloc(st.size + 1);
	if (!out || zip_source_read(src, out, st.size) != (zip_int64_t)st.size)
		abort();
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = st.size;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qc_table *t;
	struct qc_table_row *row;
	struct qc_error err = { 0 };
	char *book = NULL;
	size_t len = size;

	if (!(size >= 4 && !memcmp(data, "PK\x03\x04", 4)))
		book = zip_of(data, size, &len);
	if (qc_table_open(book ? book : (const char *)data, len, "f.xlsx", &t,
			  &err) == QC_OK) {
		while (qc_table_next(t, &row, &err) == 1)
			for (size_t i = 0; i < row->n; i++)
				if (!row->cells[i])
					abort();
		qc_table_close(t);
	}
	free(book);
	return 0;
}
