/* struct qc_buf: see qcity/strbuf.h for the invariants. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/strbuf.h"
#include "banned.h"

static char empty[1];

void qc_buf_init(struct qc_buf *b, size_t cap)
{
	b->buf = empty;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
	b->overflow = false;
	b->error = QC_BUF_OK;
}

static void fail(struct qc_buf *b, enum qc_buf_err why)
{
	if (!b->overflow)
		b->error = why;
	b->overflow = true;
}

void qc_buf_release(struct qc_buf *b)
{
	size_t cap = b->cap;
	if (b->alloc)
		free(b->buf);
	qc_buf_init(b, cap);
}

void qc_buf_reset(struct qc_buf *b)
{
	if (!b->buf)
		qc_buf_init(b, b->cap);
	b->len = 0;
	if (b->alloc)
		b->buf[0] = '\0';
	b->overflow = false;
	b->error = QC_BUF_OK;
}

/* Room for `extra` more bytes and the NUL. The cap and the size arithmetic
 * are checked before anything changes; a refusal sticks. */
static bool grow(struct qc_buf *b, size_t extra, bool past_cap)
{
	size_t want, n;

	if (!b->buf)
		qc_buf_init(b, b->cap);
	if (b->overflow && !past_cap)
		return false;
	if (!qc_add_ok(b->len, extra, &want) || !qc_add_ok(want, 1, &n)) {
		fail(b, QC_BUF_ESIZE);
		return false;
	}
	if (!past_cap && b->cap && want > b->cap) {
		fail(b, QC_BUF_ECAP);
		return false;
	}
	want = n;
	if (want <= b->alloc)
		return true;
	n = b->alloc ? b->alloc : 64;
	while (n < want)
		n = qc_st_mult(n, 2);
	if (b->alloc) {
		b->buf = qc_xrealloc(b->buf, n);
	} else {
		b->buf = qc_xmalloc(n);
		b->buf[0] = '\0';
	}
	b->alloc = n;
	return true;
}

bool qc_buf_add(struct qc_buf *b, const void *data, size_t n)
{
	if (!grow(b, n, false))
		return false;
	memcpy(b->buf + b->len, data, n);
	b->len += n;
	b->buf[b->len] = '\0';
	return true;
}

size_t qc_buf_keep(struct qc_buf *b, const char *s)
{
	size_t at = b->len + 1;
	if (!s)
		return 0;
	qc_buf_add(b, s, strlen(s) + 1);
	return at;
}

bool qc_buf_adds(struct qc_buf *b, const char *s)
{
	return qc_buf_add(b, s, strlen(s));
}

bool qc_buf_addch(struct qc_buf *b, char c)
{
	return qc_buf_add(b, &c, 1);
}

bool qc_buf_vaddf(struct qc_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		/* An encoding error: the text cannot be built as asked. */
		if (!b->buf)
			qc_buf_init(b, b->cap);
		fail(b, QC_BUF_ESIZE);
		return false;
	}
	if (!grow(b, (size_t)n, false))
		return false;
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return true;
}

bool qc_buf_addf(struct qc_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bool ok = qc_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return ok;
}

const char *qc_buf_str(const struct qc_buf *b)
{
	return b->buf ? b->buf : empty;
}

size_t qc_buf_len(const struct qc_buf *b)
{
	return b->len;
}

char qc_buf_last(const struct qc_buf *b)
{
	return b->len ? b->buf[b->len - 1] : '\0';
}

void qc_buf_setlen(struct qc_buf *b, size_t n)
{
	if (n >= b->len)
		return;
	b->len = n;
	b->buf[n] = '\0';
}

bool qc_buf_failed(const struct qc_buf *b)
{
	return b->overflow;
}

enum qc_buf_err qc_buf_error(const struct qc_buf *b)
{
	return b->overflow ? b->error : QC_BUF_OK;
}

bool qc_buf_mark_cut(struct qc_buf *b, const char *mark)
{
	size_t n = strlen(mark);

	if (!b->overflow)
		return false;
	if (grow(b, n, true)) {
		memcpy(b->buf + b->len, mark, n);
		b->len += n;
		b->buf[b->len] = '\0';
	}
	return true;
}

char *qc_buf_detach(struct qc_buf *b, size_t *len)
{
	char *s = b->alloc ? b->buf : qc_xstrdup("");
	if (len)
		*len = b->len;
	b->alloc = 0;
	qc_buf_init(b, b->cap);
	return s;
}
