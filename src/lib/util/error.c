/* Filling struct qc_error. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "qcity/error.h"
#include "qcity/i18n.h"
#include "banned.h"

enum qc_rc qc_error_set(struct qc_error *err, enum qc_rc code, const char *fmt,
			...)
{
	if (err) {
		va_list ap;
		err->code = code;
		va_start(ap, fmt);
		/* The format is the msgid (xgettext --keyword=qc_error_set:3). */
		vsnprintf(err->msg, sizeof(err->msg), qc_tr(fmt), ap);
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
	n = /* The format is the msgid (xgettext --keyword=qc_error_set:3). */
		vsnprintf(err->msg, sizeof(err->msg), qc_tr(fmt), ap);
	va_end(ap);
	/* Truncation of a long message is acceptable: keep the head. The
	 * separator is the language's: "：" after Chinese text. */
	/* TRANSLATORS: between a message's context and the message. */
	const char *sep = _(": ");
	size_t k = strlen(sep);
	if (n >= 0 && (size_t)n + k < sizeof(err->msg)) {
		size_t at = (size_t)n + k, room = sizeof(err->msg) - at - 1;
		size_t len = strnlen(old, sizeof(old));
		memcpy(err->msg + n, sep, k);
		if (len > room)
			len = room;
		memcpy(err->msg + at, old, len);
		err->msg[at + len] = '\0';
	}
}

const char *qc_rc_name(enum qc_rc code)
{
	switch (code) {
	case QC_OK: return N_("ok");
	case QC_EINVAL: return N_("invalid input");
	case QC_ENOTFOUND: return N_("not found");
	case QC_ECONFLICT: return N_("conflict");
	case QC_EIO: return N_("i/o error");
	case QC_EDB: return N_("database error");
	case QC_EPERM: return N_("permission denied");
	case QC_EUNSUPPORTED: return N_("unsupported");
	case QC_EBUSY: return N_("database busy");
	case QC_EROFS: return N_("read-only file system");
	case QC_EREADONLY: return N_("read-only database");
	case QC_ENOSPC: return N_("disk full");
	case QC_ECORRUPT: return N_("damaged database");
	case QC_ENEWER: return N_("database from a newer qcity");
	case QC_ROW: return N_("row");
	case QC_DONE: return N_("done");
	}
	return N_("unknown error");
}
