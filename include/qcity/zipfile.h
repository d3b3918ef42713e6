/* Reading members of a zip archive held in memory (.docx, .xlsx), with
 * libzip. A damaged or truncated archive is an error, never a guess.
 * Ownership: qc_zip_open returns an archive the caller closes; it borrows
 * data, which must outlive it. */
#ifndef QCITY_ZIPFILE_H
#define QCITY_ZIPFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/error.h"
#include "qcity/strbuf.h"

struct qc_zip;

/* Bytes one archive may inflate to, all members together: a small zip
 * that claims or yields more (a "zip bomb") is refused with an error
 * naming the limit. */
#define QC_ZIP_MAX_INFLATED ((size_t)256 << 20)

/* what names the kind of document in messages ("Excel workbook"). */
enum qc_rc qc_zip_open(const char *data, size_t len, const char *what,
		       struct qc_zip **out, struct qc_error *err);
void qc_zip_close(struct qc_zip *z);
bool qc_zip_has(struct qc_zip *z, const char *member);
/* Append the member's bytes (at most max, and at most what is left of
 * QC_ZIP_MAX_INFLATED for the archive) to out. A missing member is
 * QC_EUNSUPPORTED ("not a <what>: <member> is missing"). */
enum qc_rc qc_zip_read(struct qc_zip *z, const char *member, size_t max,
		       struct qc_buf *out, struct qc_error *err);

#endif
