/* The attachment store (src/lib/model/attach.c): streamed uploads under a
 * cap, typed by content (and the name must agree), stored once by sha256,
 * rows audited, links listed; on both engines (QCITY_TEST_PG). */
#include "testutil.h"

#include <sodium.h>
#include <sys/stat.h>
#include <zip.h>

#include "qcity/attach.h"

static const char pdf[] = "%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n";

static void files_dir(struct fixture *f, char *out, size_t n)
{
	snprintf(out, n, "%s/files", f->dir);
}

/* Upload data as name in chunks of 7 bytes; the rc of the save. */
static enum qc_rc put(struct fixture *f, const void *data, size_t len,
		      const char *name, size_t cap, struct qc_attachment *a,
		      struct qc_error *err)
{
	struct qc_attach_upload *u;
	char dir[128];
	enum qc_rc rc;

	if (a)
		memset(a, 0, sizeof(*a));
	files_dir(f, dir, sizeof(dir));
	assert_int_equal(qc_attach_open(dir, cap, &u, err), QC_OK);
	for (size_t i = 0; i < len; i += 7)
		if ((rc = qc_attach_write(u, (const char *)data + i,
					  len - i < 7 ? len - i : 7, err))) {
			qc_attach_free(u);
			return rc;
		}
	assert_int_equal(qc_attach_size(u), len);
	rc = qc_attach_save(f->s, u, name, 0, "test", a, err);
	qc_attach_free(u);
	return rc;
}

/* Files left in DIR/tmp: none after every upload, kept or refused. */
static int tmp_files(struct fixture *f)
{
	char cmd[256], line[32];
	FILE *p;
	int n = -1;
	snprintf(cmd, sizeof(cmd), "ls -A '%s/files/tmp' | wc -l", f->dir);
	p = popen(cmd, "r");
	if (p && fgets(line, sizeof(line), p))
		n = atoi(line);
	if (p)
		pclose(p);
	return n;
}

static void stored_by_hash_once(void **state)
{
	struct fixture *f = *state;
	unsigned char sum[crypto_hash_sha256_BYTES];
	char hex[65], dir[128], *path;
	struct qc_error err = { 0 };
	struct qc_attachment a, b;
	struct stat sb;

	assert_true(sodium_init() >= 0);
	crypto_hash_sha256(sum, (const unsigned char *)pdf, strlen(pdf));
	sodium_bin2hex(hex, sizeof(hex), sum, sizeof(sum));
	assert_int_equal(put(f, pdf, strlen(pdf), "C:\\报告\\总结.PDF", 0, &a,
			     &err),
			 QC_OK);
	assert_string_equal(a.sha256, hex);
	assert_string_equal(a.mime, "application/pdf");
	assert_string_equal(a.name, "总结.PDF"); /* no directory part */
	assert_int_equal(a.size, (int64_t)strlen(pdf));
	files_dir(f, dir, sizeof(dir));
	path = qc_attach_path(dir, hex);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_size, (off_t)strlen(pdf));
	/* The same content again: a second row, the same one file. */
	assert_int_equal(put(f, pdf, strlen(pdf), "again.pdf", 0, &b, &err),
			 QC_OK);
	assert_true(b.id != a.id);
	assert_string_equal(b.sha256, a.sha256);
	assert_int_equal(tmp_files(f), 0);
	assert_int_equal(count_rows(f->s, "attachments"), 2);
	qc_attachment_release(&b);
	/* Linked twice to the same report: one link, one audit row. */
	long long audit = count_rows(f->s, "audit_log");
	assert_int_equal(qc_attach_link(f->s, a.id, "progress", 7, "test",
					&err),
			 QC_OK);
	assert_int_equal(qc_attach_link(f->s, a.id, "progress", 7, "test",
					&err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "audit_log"), audit + 1);
	struct qc_attachment_list l;
	assert_int_equal(qc_attach_list(f->s, "progress", 7, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, a.id);
	qc_attachment_list_release(&l);
	assert_int_equal(qc_attach_list(f->s, "progress", 8, &l, &err), QC_OK);
	assert_int_equal(l.n, 0);
	qc_attachment_list_release(&l);
	assert_int_equal(qc_attach_get(f->s, a.id + 100, &b, &err),
			 QC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no attachment"));
	free(path);
	qc_attachment_release(&a);
}

static void over_the_cap_is_refused(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	char big[100];

	memset(big, 'x', sizeof(big));
	memcpy(big, "%PDF-", 5);
	assert_int_equal(put(f, big, sizeof(big), "big.pdf", 64, NULL, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "MB limit"));
	assert_int_equal(count_rows(f->s, "attachments"), 0);
	assert_int_equal(tmp_files(f), 0);
	/* Exactly the cap is taken. */
	assert_int_equal(put(f, big, 64, "cap.pdf", 64, NULL, &err), QC_OK);
}

/* A zip holding the named members (a docx or xlsx skeleton). */
static void *zip_with(const char *const *members, size_t *len)
{
	zip_source_t *src;
	zip_error_t ze;
	zip_t *z;
	void *out;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	for (size_t i = 0; members[i]; i++) {
		zip_source_t *m = zip_source_buffer(z, "<x/>", 4, 0);
		assert_true(zip_file_add(z, members[i], m, 0) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_open(src), 0);
	zip_source_seek(src, 0, SEEK_END);
	*len = (size_t)zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	out = malloc(*len);
	assert_non_null(out);
	assert_int_equal(zip_source_read(src, out, *len), (zip_int64_t)*len);
	zip_source_close(src);
	zip_source_free(src);
	return out;
}

static void mime_has(const char *mime, const char *what)
{
	if (!mime || !strstr(mime, what)) {
		fail_msg("type %s is not %s", mime ? mime : "(none)", what);
		abort();
	}
}

static void types_by_content(void **state)
{
	static const char *const docx[] = { "[Content_Types].xml",
					    "word/document.xml", NULL };
	static const char *const xlsx[] = { "[Content_Types].xml",
					    "xl/workbook.xml", NULL };
	static const char *const other[] = { "readme.txt", NULL };
	static const unsigned char png[] = { 0x89, 'P',  'N', 'G', '\r', '\n',
					     0x1a, '\n', 0,   0,   0,    13 };
	static const unsigned char jpg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16 };
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_attachment a;
	size_t n;
	void *z;

	z = zip_with(docx, &n);
	assert_int_equal(put(f, z, n, "总结.docx", 0, &a, &err), QC_OK);
	mime_has(a.mime, "wordprocessingml");
	qc_attachment_release(&a);
	/* A Word document named as a workbook is refused. */
	assert_int_equal(put(f, z, n, "总结.xlsx", 0, NULL, &err),
			 QC_EUNSUPPORTED);
	free(z);
	z = zip_with(xlsx, &n);
	assert_int_equal(put(f, z, n, "数据.xlsx", 0, &a, &err), QC_OK);
	mime_has(a.mime, "spreadsheetml");
	qc_attachment_release(&a);
	free(z);
	z = zip_with(other, &n);
	assert_int_equal(put(f, z, n, "x.docx", 0, NULL, &err),
			 QC_EUNSUPPORTED);
	free(z);
	assert_int_equal(put(f, png, sizeof(png), "图.png", 0, &a, &err),
			 QC_OK);
	assert_string_equal(a.mime, "image/png");
	qc_attachment_release(&a);
	assert_int_equal(put(f, jpg, sizeof(jpg), "照片.JPG", 0, &a, &err),
			 QC_OK);
	assert_string_equal(a.mime, "image/jpeg");
	qc_attachment_release(&a);
	/* Plain text, a PDF without a taken extension, an empty file, a
	 * script named .pdf, and no name at all. */
	assert_int_equal(put(f, "hello", 5, "a.txt", 0, NULL, &err),
			 QC_EUNSUPPORTED);
	assert_int_equal(put(f, pdf, strlen(pdf), "a.exe", 0, NULL, &err),
			 QC_EUNSUPPORTED);
	assert_int_equal(put(f, "", 0, "a.pdf", 0, NULL, &err),
			 QC_EUNSUPPORTED);
	assert_int_equal(put(f, "<script>", 8, "a.pdf", 0, NULL, &err),
			 QC_EUNSUPPORTED);
	assert_int_equal(put(f, pdf, strlen(pdf), "dir/", 0, NULL, &err),
			 QC_EINVAL);
	assert_int_equal(count_rows(f->s, "attachments"), 4);
	assert_int_equal(tmp_files(f), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(stored_by_hash_once,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(over_the_cap_is_refused,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(types_by_content, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
