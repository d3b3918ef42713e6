/* Errors as values: every fallible libqcity call returns enum qc_rc
 * (0 is success) and, when the caller passes one, fills a struct qc_error
 * with a message a person can act on. */
#ifndef QCITY_ERROR_H
#define QCITY_ERROR_H

#include <stddef.h>

enum qc_rc {
	QC_OK = 0,
	QC_EINVAL,       /* bad input: the message names line, field, reason */
	QC_ENOTFOUND,    /* the thing asked for does not exist */
	QC_ECONFLICT,    /* would break a uniqueness or state rule */
	QC_EIO,          /* file or system call failed */
	QC_EDB,          /* the database failed */
	QC_EPERM,        /* not allowed for this user */
	QC_EUNSUPPORTED, /* format or feature not supported */
	QC_EBUSY,        /* another writer held the database too long: retry */
	QC_EROFS,        /* the database is on a read-only file system */
	QC_EREADONLY,    /* the database file is read-only (permissions) */
	QC_ENOSPC,       /* the disk is full: nothing was written */
	QC_ECORRUPT,     /* the database file is damaged (integrity check) */
	QC_ENEWER,       /* the database is from a newer qcity */
	/* Not errors: only qc_stmt_next returns these, like SQLite's
	 * SQLITE_ROW and SQLITE_DONE (store.h). */
	QC_ROW = 100, /* a row is ready to read */
	QC_DONE = 101 /* the statement has run to its end */
};

#define QC_ERROR_MSG_MAX 512

struct qc_error {
	enum qc_rc code;
	char msg[QC_ERROR_MSG_MAX];
};

/* Record code and a formatted message in err (err may be NULL).
 * Returns code so callers can write `return qc_error_set(...)`. */
enum qc_rc qc_error_set(struct qc_error *err, enum qc_rc code, const char *fmt,
			...) __attribute__((format(printf, 3, 4)));

/* Prepend "prefix: " to an error already set, to add context on the way up. */
void qc_error_prefix(struct qc_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Short English name of a code ("invalid input", ...); static storage. */
const char *qc_rc_name(enum qc_rc code);

#endif
