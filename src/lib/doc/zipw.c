/* Writing a zip archive in memory with libzip (for .docx). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "qcity/alloc.h"
#include "doc_int.h"
#include "banned.h"

const unsigned qc_doc_palette[QC_PALETTE_N] = {
	0x0d47a1u, 0x2e7d32u, 0xef6c00u, 0x6a1b9au, 0xf9a825u, 0x00838fu,
};

struct member {
	char *name;
	void *data;
	size_t len;
};

struct qc_zipw {
	struct member *v;
	size_t n, alloc;
};

struct qc_zipw *qc_zipw_new(void)
{
	return qc_xcalloc(1, sizeof(struct qc_zipw));
}

void qc_zipw_add(struct qc_zipw *w, const char *name, const void *data,
		 size_t len)
{
	QC_GROW(w->v, w->n + 1, w->alloc);
	struct member *m = &w->v[w->n++];
	m->name = qc_xstrdup(name);
	m->data = qc_xmalloc(len ? len : 1);
	if (len)
		memcpy(m->data, data, len);
	m->len = len;
}

void qc_zipw_free(struct qc_zipw *w)
{
	for (size_t i = 0; i < w->n; i++) {
		free(w->v[i].name);
		free(w->v[i].data);
	}
	free(w->v);
	free(w);
}

enum qc_rc qc_zipw_finish(struct qc_zipw *w, struct qc_buf *out,
			  struct qc_error *err)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za = NULL;
	enum qc_rc rc = QC_OK;
	zip_stat_t st;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		goto fail;
	if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
		zip_source_free(src);
		src = NULL;
		goto fail;
	}
	zip_source_keep(src); /* ours, read after zip_close */
	for (size_t i = 0; i < w->n; i++) {
		zip_source_t *m = zip_source_buffer(za, w->v[i].data,
						    w->v[i].len, 0);
		if (!m ||
		    zip_file_add(za, w->v[i].name, m, ZIP_FL_ENC_UTF_8) < 0) {
			zip_source_free(m);
			zip_error_set(&ze,
				      zip_error_code_zip(zip_get_error(za)), 0);
			goto fail;
		}
	}
	if (zip_close(za) < 0) {
		zip_error_set(&ze, zip_error_code_zip(zip_get_error(za)), 0);
		zip_discard(za);
		za = NULL;
		goto fail;
	}
	za = NULL;
	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0)
		goto fail;
	{
		char chunk[16384];
		zip_int64_t got;
		while ((got = zip_source_read(src, chunk, sizeof(chunk))) > 0)
			qc_buf_add(out, chunk, (size_t)got);
		zip_source_close(src);
		if (got < 0)
			goto fail;
	}
	if (qc_buf_failed(out))
		rc = qc_error_set(err, QC_EIO,
				  "the archive does not fit the "
				  "output buffer");
	goto out;
fail:
	rc = qc_error_set(err, QC_EIO, "writing the zip archive: %s",
			  zip_error_strerror(&ze));
	if (za)
		zip_discard(za);
out:
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	qc_zipw_free(w);
	return rc;
}

void qc_doc_num(char *buf, size_t n, double v, int prec)
{
	if (isnan(v)) {
		snprintf(buf, n, "—");
		return;
	}
	snprintf(buf, n, "%.*f", prec, v);
	if (strchr(buf, '.')) {
		char *e = buf + strlen(buf) - 1;
		while (*e == '0')
			*e-- = 0;
		if (*e == '.')
			*e = 0;
	}
	if (!strcmp(buf, "-0"))
		snprintf(buf, n, "0");
}
