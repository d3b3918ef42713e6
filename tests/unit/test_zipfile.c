/* Zip members in memory (qcity/zipfile.h): archives written here with
 * libzip, then read back whole, cut short and damaged. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <zip.h>

#include "qcity/zipfile.h"

#define BIG 100000

static char *big_text(void)
{
	char *s = malloc(BIG + 1);
	assert_non_null(s);
	for (size_t i = 0; i < BIG; i++)
		s[i] = (char)('a' + (i * 7 + i / 13) % 26);
	s[BIG] = '\0';
	return s;
}

/* A zip with big.txt (deflated, first) and a.txt; the bytes in *len. */
static char *make_zip(size_t *len)
{
	char path[] = "/tmp/qcity-zip-XXXXXX";
	int fd = mkstemp(path), zerr;
	char *big = big_text();
	static const char small[] = "七台河,2019\n";

	assert_true(fd >= 0);
	close(fd);
	zip_t *z = zip_open(path, ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	zip_source_t *s1 = zip_source_buffer(z, big, BIG, 0);
	zip_source_t *s2 = zip_source_buffer(z, small, strlen(small), 0);
	assert_true(zip_file_add(z, "big.txt", s1, 0) >= 0);
	assert_true(zip_file_add(z, "a.txt", s2, 0) >= 0);
	assert_int_equal(zip_close(z), 0);
	free(big);

	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	char *data = malloc(*len);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, *len, f), *len);
	fclose(f);
	unlink(path);
	return data;
}

static void reads_members(void **state)
{
	(void)state;
	size_t len;
	char *data = make_zip(&len), *big = big_text();
	struct qc_zip *z;
	struct qc_error err = { 0 };
	struct qc_buf b;

	assert_int_equal(qc_zip_open(data, len, "test archive", &z, &err),
			 QC_OK);
	assert_true(qc_zip_has(z, "a.txt"));
	assert_true(qc_zip_has(z, "big.txt"));
	assert_false(qc_zip_has(z, "b.txt"));
	qc_buf_init(&b, 0);
	assert_int_equal(qc_zip_read(z, "a.txt", 1000, &b, &err), QC_OK);
	assert_string_equal(qc_buf_str(&b), "七台河,2019\n");
	qc_buf_reset(&b);
	assert_int_equal(qc_zip_read(z, "big.txt", BIG, &b, &err), QC_OK);
	assert_int_equal(qc_buf_len(&b), BIG);
	assert_memory_equal(qc_buf_str(&b), big, BIG);
	qc_buf_reset(&b);
	/* Over the limit the caller gives: refused before reading. */
	assert_int_equal(qc_zip_read(z, "big.txt", BIG - 1, &b, &err),
			 QC_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "larger than"));
	assert_int_equal(qc_buf_len(&b), 0);
	/* A missing member names itself and the kind of document. */
	assert_int_equal(qc_zip_read(z, "xl/workbook.xml", 1000, &b, &err),
			 QC_EUNSUPPORTED);
	assert_string_equal(err.msg, "not a test archive: xl/workbook.xml is "
				     "missing");
	qc_buf_release(&b);
	/* A buffer whose own cap is smaller fails the read, not truncates. */
	qc_buf_init(&b, 1000);
	assert_int_equal(qc_zip_read(z, "big.txt", BIG, &b, &err),
			 QC_EUNSUPPORTED);
	assert_true(qc_buf_failed(&b));
	qc_buf_release(&b);
	qc_zip_close(z);
	qc_zip_close(NULL);
	free(big);
	free(data);
}

static void refuses_cut_and_foreign_bytes(void **state)
{
	(void)state;
	size_t len;
	char *data = make_zip(&len);
	struct qc_zip *z = (struct qc_zip *)1;
	struct qc_error err = { 0 };

	/* Cut in half: the central directory is gone. */
	assert_int_equal(qc_zip_open(data, len / 2, "Excel workbook", &z, &err),
			 QC_EUNSUPPORTED);
	assert_null(z);
	assert_non_null(strstr(err.msg, "Excel workbook"));
	/* Not a zip at all. */
	assert_int_equal(qc_zip_open("plain text, not a zip", 21,
				     "Word "
				     "document",
				     &z, &err),
			 QC_EUNSUPPORTED);
	assert_null(z);
	assert_non_null(strstr(err.msg, "not a Word document"));
	free(data);
}

/* Bytes changed inside the deflated data: the archive opens (its
 * directory is intact), the member does not read. */
static void damaged_member_is_an_error(void **state)
{
	(void)state;
	size_t len;
	unsigned char *data = (unsigned char *)make_zip(&len);
	struct qc_zip *z;
	struct qc_error err = { 0 };
	struct qc_buf b;

	/* big.txt is the first local header: 30 bytes, name, extra field. */
	assert_memory_equal(data, "PK\3\4", 4);
	size_t name = data[26] | data[27] << 8,
	       extra = data[28] | data[29] << 8;
	size_t at = 30 + name + extra;
	for (size_t i = 0; i < 64; i++)
		data[at + 40 + i] ^= 0x5a;
	assert_int_equal(qc_zip_open((char *)data, len, "test archive", &z,
				     &err),
			 QC_OK);
	qc_buf_init(&b, 0);
	assert_int_equal(qc_zip_read(z, "big.txt", BIG, &b, &err),
			 QC_EUNSUPPORTED);
	assert_non_null(strstr(err.msg, "damaged or truncated"));
	/* The other member is untouched and still reads. */
	qc_buf_reset(&b);
	assert_int_equal(qc_zip_read(z, "a.txt", 1000, &b, &err), QC_OK);
	qc_buf_release(&b);
	qc_zip_close(z);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_members),
		cmocka_unit_test(refuses_cut_and_foreign_bytes),
		cmocka_unit_test(damaged_member_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
