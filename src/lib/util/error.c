/* Filling struct qc_error. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "qcity/error.h"
#include "banned.h"

enum qc_rc qc_error_set(struct qc_error *err, enum qc_rc code, const char *fmt,
			...)
{
	if (err) {
		va_list ap;
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return code;
}

void qc_error_prefix(struct qc_error *err, const char *fmt, ...)
{
	char old[QC_ERROR_MSG_MAX];
	va_list ap;
	int n;

	if (!err)
		return;
	memcpy(old, err->msg, sizeof(old));
	va_start(ap, fmt);
	n = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	/* Truncation of a long message is acceptable: keep the head. */
	if (n >= 0 && (size_t)n + 2 < sizeof(err->msg))
		snprintf(err->msg + n, sizeof(err->msg) - (size_t)n, ": %.*s",
			 (int)(sizeof(err->msg) - (size_t)n - 3), old);
}

const char *qc_rc_name(enum qc_rc code)
{
	switch (code) {
	case QC_OK: return "ok";
	case QC_EINVAL: return "invalid input";
	case QC_ENOTFOUND: return "not found";
	case QC_ECONFLICT: return "conflict";
	case QC_EIO: return "i/o error";
	case QC_EDB: return "database error";
	case QC_EPERM: return "permission denied";
	case QC_EUNSUPPORTED: return "unsupported";
	case QC_EBUSY: return "database busy";
	case QC_EROFS: return "read-only file system";
	case QC_EREADONLY: return "read-only database";
	case QC_ENOSPC: return "disk full";
	case QC_ECORRUPT: return "damaged database";
	case QC_ENEWER: return "database from a newer qcity";
	case QC_ROW: return "row";
	case QC_DONE: return "done";
	}
	return "unknown error";
}
