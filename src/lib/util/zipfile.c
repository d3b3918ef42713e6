/* Zip members in memory, through libzip. */
#include <stdlib.h>
#include <zip.h>

#include "qcity/alloc.h"
#include "qcity/zipfile.h"
#include "banned.h"

struct qc_zip {
	zip_t *z;
	const char *what;
	size_t inflated; /* bytes read so far, all members */
};

enum qc_rc qc_zip_open(const char *data, size_t len, const char *what,
		       struct qc_zip **out, struct qc_error *err)
{
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *z;

	*out = NULL;
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src) {
		qc_error_set(err, QC_EUNSUPPORTED, "not a %s: %s", what,
			     zip_error_strerror(&zerr));
		zip_error_fini(&zerr);
		return QC_EUNSUPPORTED;
	}
	z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!z) {
		zip_source_free(src);
		qc_error_set(err, QC_EUNSUPPORTED,
			     "not a %s, or a damaged "
			     "one: %s",
			     what, zip_error_strerror(&zerr));
		zip_error_fini(&zerr);
		return QC_EUNSUPPORTED;
	}
	zip_error_fini(&zerr);
	*out = qc_xmalloc(sizeof(**out));
	(*out)->z = z;
	(*out)->what = what;
	(*out)->inflated = 0;
	return QC_OK;
}

void qc_zip_close(struct qc_zip *z)
{
	if (!z)
		return;
	zip_discard(z->z);
	free(z);
}

bool qc_zip_has(struct qc_zip *z, const char *member)
{
	return zip_name_locate(z->z, member, 0) >= 0;
}

static enum qc_rc inflate_limit(const struct qc_zip *z, struct qc_error *err)
{
	return qc_error_set(err, QC_EUNSUPPORTED,
			    "%s: more than %zu MB once "
			    "decompressed (the limit for one file; a damaged "
			    "or hostile archive?)",
			    z->what, QC_ZIP_MAX_INFLATED >> 20);
}

enum qc_rc qc_zip_read(struct qc_zip *z, const char *member, size_t max,
		       struct qc_buf *out, struct qc_error *err)
{
	zip_stat_t st;
	zip_file_t *f;
	char chunk[16384];
	zip_int64_t k;
	enum qc_rc rc = QC_OK;

	if (zip_stat(z->z, member, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "not a %s: %s is "
				    "missing",
				    z->what, member);
	if (st.size > max)
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "%s: %s is larger "
				    "than %zu bytes",
				    z->what, member, max);
	if (st.size > QC_ZIP_MAX_INFLATED - z->inflated)
		return inflate_limit(z, err);
	if (!(f = zip_fopen(z->z, member, 0)))
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "%s: cannot open %s:"
				    " %s",
				    z->what, member, zip_strerror(z->z));
	/* The sizes in the directory may lie: count what really comes out. */
	while ((k = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		if ((size_t)k > QC_ZIP_MAX_INFLATED - z->inflated) {
			zip_fclose(f);
			return inflate_limit(z, err);
		}
		z->inflated += (size_t)k;
		if (!qc_buf_add(out, chunk, (size_t)k))
			break;
	}
	if (k < 0 || qc_buf_failed(out))
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "%s: %s is damaged or "
				  "truncated",
				  z->what, member);
	zip_fclose(f);
	return rc;
}
