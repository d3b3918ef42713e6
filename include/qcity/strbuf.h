/* A growable string buffer, used for SQL-free text: JSON, reports, messages.
 *
 * Invariants: the text is always NUL-terminated (also when empty, where it
 * points to a static ""), its length is known without the NUL, and it never
 * exceeds the cap when the cap is non-zero, so hostile input cannot make the
 * buffer grow without bound.
 *
 * Failure sticks (as curl's dynbuf and SQLite's StrAccum): the first append
 * refused by the cap, or whose size would overflow size_t, marks the buffer
 * failed; from then on every append returns false and leaves the text as it
 * was. The text kept is therefore whole appends, never a string with a hole
 * in it. Build, then check once: qc_buf_failed(). qc_buf_reset and
 * qc_buf_release clear the failure.
 *
 * Read the fields through the accessors below; only strbuf.c writes them. */
#ifndef QCITY_STRBUF_H
#define QCITY_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Why a buffer failed. */
enum qc_buf_err {
	QC_BUF_OK = 0,
	QC_BUF_ECAP,  /* an append would have passed the cap */
	QC_BUF_ESIZE, /* a size overflowed size_t, or a format failed */
};

struct qc_buf {
	char *buf;  /* read with qc_buf_str() */
	size_t len; /* read with qc_buf_len() */
	size_t alloc;
	size_t cap;            /* 0: unbounded */
	bool overflow;         /* sticky: read with qc_buf_failed() */
	enum qc_buf_err error; /* read with qc_buf_error() */
};

#define QC_BUF_INIT \
	{           \
		0   \
	}

void qc_buf_init(struct qc_buf *b, size_t cap);
void qc_buf_release(struct qc_buf *b); /* frees memory, re-initialises */
void qc_buf_reset(struct qc_buf *b);   /* len = 0, keeps memory, clears
					     * the failure */
/* Appends: true when the bytes went in; false (and nothing changes) when the
 * buffer has failed, now or before. */
bool qc_buf_add(struct qc_buf *b, const void *data, size_t n);
bool qc_buf_adds(struct qc_buf *b, const char *s);
bool qc_buf_addch(struct qc_buf *b, char c);
bool qc_buf_addf(struct qc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool qc_buf_vaddf(struct qc_buf *b, const char *fmt, va_list ap);
/* s appended with its NUL, for texts kept one after another and found
 * again by offset: its offset + 1, or 0 for NULL (nothing appended). */
size_t qc_buf_keep(struct qc_buf *b, const char *s);
/* The text so far; valid until the next change. Never NULL. */
const char *qc_buf_str(const struct qc_buf *b);
size_t qc_buf_len(const struct qc_buf *b);
/* The last byte of the text, or '\0' when it is empty. */
char qc_buf_last(const struct qc_buf *b);
/* Shorten the text to n bytes (n <= length; a larger n is ignored). Does not
 * clear a failure: what was refused stays lost. */
void qc_buf_setlen(struct qc_buf *b, size_t n);
/* Whether an append was refused since init/reset; qc_buf_error says why. */
bool qc_buf_failed(const struct qc_buf *b);
enum qc_buf_err qc_buf_error(const struct qc_buf *b);
/* For text people read (a list of names, a requirement): when b failed, end
 * the text kept with `mark` (short, e.g. "…"), past the cap, so the reader
 * sees it was cut. b stays failed. Returns qc_buf_failed(b). */
bool qc_buf_mark_cut(struct qc_buf *b, const char *mark);
/* Hand the memory to the caller (who frees it) and re-initialise b. */
char *qc_buf_detach(struct qc_buf *b, size_t *len);

#endif
