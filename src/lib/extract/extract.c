/* qc_extract_buffer / qc_extract_file: a plan document in, a draft plan
 * out. Decoding is the text module's; the rules live in the files beside
 * this one, each filling its part of the plan. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "qcity/alloc.h"
#include "qcity/extract.h"
#include "qcity/text.h"
#include "extract_int.h"
#include "banned.h"

/* The file name of a path, within it. */
const char *qc_xbase_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

enum qc_rc qc_extract_init(struct qc_error *err)
{
	enum qc_rc rc = qc_xmeta_init(err);
	return rc ? rc : qc_xsections_init(err);
}

/* The rest once d->text holds the document: its lines, then each part. */
static enum qc_rc extract_doc(struct xdoc *d, const char *name,
			      const struct qc_catalog *cat, struct qc_plan *out,
			      struct qc_error *err)
{
	enum qc_rc rc = qc_xdoc_build(d, err);

	if (rc)
		return rc;
	qc_set_str(&out->status, "draft");
	if (name)
		qc_set_str(&out->source, qc_xbase_name(name));
	qc_xmeta_extract(d, out);
	if (!out->title)
		qc_set_str(&out->title,
			   name ? qc_xbase_name(name) : "untitled plan");
	qc_xtargets_extract(d, cat, out);
	qc_xoutline_extract(d, out);
	qc_xphases_extract(d, out);
	qc_xgroup_extract(d, out);
	qc_xduties_extract(d, out);
	return QC_OK;
}

enum qc_rc qc_extract_buffer(const char *data, size_t len, const char *name,
			     const struct qc_catalog *cat, struct qc_plan *out,
			     struct qc_error *err)
{
	struct xdoc d = { 0 };
	enum qc_rc rc;

	qc_plan_init(out);
	qc_buf_init(&d.text, QC_TEXT_MAX);
	qc_buf_init(&d.norm, 0);
	if (!(rc = qc_extract_init(err)) &&
	    !(rc = qc_text_load(data, len, name, &d.text, err)))
		rc = extract_doc(&d, name, cat, out, err);
	qc_xdoc_release(&d);
	return rc;
}

enum qc_rc qc_extract_file(const char *path, const struct qc_catalog *cat,
			   struct qc_plan *out, struct qc_error *err)
{
	FILE *f = NULL;
	struct stat st;
	char *data = NULL;
	size_t len = 0;
	enum qc_rc rc;

	qc_plan_init(out);
	f = fopen(path, "rb");
	if (!f) {
		rc = qc_error_set(err, QC_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		rc = qc_error_set(err, QC_EIO, "%s: not a regular file", path);
		goto out;
	}
	if ((size_t)st.st_size > QC_TEXT_MAX) {
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "%s: larger than %zu bytes", path,
				  QC_TEXT_MAX);
		goto out;
	}
	data = qc_xmalloc((size_t)st.st_size + 1);
	len = fread(data, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		rc = qc_error_set(err, QC_EIO, "%s: read error", path);
		goto out;
	}
	qc_plan_release(out);
	qc_plan_init(out);
	/* The file's bytes go as soon as they are text: the document is
	 * not held twice while it is read. */
	{
		struct xdoc d = { 0 };
		qc_buf_init(&d.text, QC_TEXT_MAX);
		qc_buf_init(&d.norm, 0);
		if (!(rc = qc_extract_init(err)) &&
		    !(rc = qc_text_load(data, len, path, &d.text, err))) {
			free(data);
			data = NULL;
			rc = extract_doc(&d, path, cat, out, err);
		}
		qc_xdoc_release(&d);
	}
	if (rc)
		qc_error_prefix(err, "%s", path);
out:
	if (f)
		fclose(f);
	free(data);
	return rc;
}
