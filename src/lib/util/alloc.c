/* The x-allocators: abort on exhaustion so callers need not check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "banned.h"

static void die_oom(size_t n)
{
	/* The only place libqcity writes to stderr: there is no caller left
	 * to hand an error to when memory is gone. */
	fprintf(stderr, "qcity: out of memory allocating %zu bytes\n", n);
	abort();
}

void *qc_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom(n);
	return p;
}

static void die_size(const char *op, size_t a, size_t b)
{
	fprintf(stderr, "qcity: size overflow: %zu %s %zu\n", a, op, b);
	abort();
}

size_t qc_st_add(size_t a, size_t b)
{
	size_t r;
	if (!qc_add_ok(a, b, &r))
		die_size("+", a, b);
	return r;
}

size_t qc_st_mult(size_t a, size_t b)
{
	size_t r;
	if (!qc_mult_ok(a, b, &r))
		die_size("*", a, b);
	return r;
}

void *qc_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		die_oom(qc_st_mult(nmemb, size));
	return p;
}

void *qc_xmallocarray(size_t n, size_t size)
{
	return qc_xmalloc(qc_st_mult(n, size));
}

void *qc_xreallocarray(void *p, size_t n, size_t size)
{
	return qc_xrealloc(p, qc_st_mult(n, size));
}

void *qc_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom(n);
	return q;
}

char *qc_xstrdup(const char *s)
{
	return s ? qc_xstrndup(s, strlen(s)) : NULL;
}

char *qc_xstrndup(const char *s, size_t n)
{
	if (!s)
		return NULL;
	size_t len = strnlen(s, n);
	char *p = qc_xmalloc(qc_st_add(len, 1));
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
