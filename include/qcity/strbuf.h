/* A growable string buffer, used for SQL-free text: JSON, reports, messages.
 *
 * Invariants: buf is always NUL-terminated (also when empty, where it points
 * to a static ""), len is the length without the NUL, and len never exceeds
 * cap when cap is non-zero: an append past the cap is dropped and sets
 * `overflow`, so hostile input cannot make the buffer grow without bound. */
#ifndef QCITY_STRBUF_H
#define QCITY_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct qc_buf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t cap;     /* 0: unbounded */
	bool overflow;  /* an append was refused by the cap */
};

#define QC_BUF_INIT { 0 }

void qc_buf_init(struct qc_buf *b, size_t cap);
void qc_buf_release(struct qc_buf *b);      /* frees memory, re-initialises */
void qc_buf_reset(struct qc_buf *b);        /* len = 0, keeps memory */
bool qc_buf_add(struct qc_buf *b, const void *data, size_t n);
bool qc_buf_adds(struct qc_buf *b, const char *s);
bool qc_buf_addch(struct qc_buf *b, char c);
bool qc_buf_addf(struct qc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool qc_buf_vaddf(struct qc_buf *b, const char *fmt, va_list ap);
/* The text so far; valid until the next change. Never NULL. */
const char *qc_buf_str(const struct qc_buf *b);
/* Hand the memory to the caller (who frees it) and re-initialise b. */
char *qc_buf_detach(struct qc_buf *b, size_t *len);

#endif
