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
	b->len = 0;
	if (b->alloc)
		b->buf[0] = '\0';
	b->overflow = false;
}

static bool grow(struct qc_buf *b, size_t extra)
{
	if (!b->buf)
		qc_buf_init(b, b->cap);
	if (b->cap && b->len + extra > b->cap) {
		b->overflow = true;
		return false;
	}
	size_t want = b->len + extra + 1;
	if (want <= b->alloc)
		return true;
	size_t n = b->alloc ? b->alloc : 64;
	while (n < want)
		n *= 2;
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
	if (!grow(b, n))
		return false;
	memcpy(b->buf + b->len, data, n);
	b->len += n;
	b->buf[b->len] = '\0';
	return true;
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
	if (n < 0 || !grow(b, (size_t)n))
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

char *qc_buf_detach(struct qc_buf *b, size_t *len)
{
	char *s = b->alloc ? b->buf : qc_xstrdup("");
	if (len)
		*len = b->len;
	b->alloc = 0;
	qc_buf_init(b, b->cap);
	return s;
}
