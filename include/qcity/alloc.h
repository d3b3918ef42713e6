/* Allocation that never returns NULL: out of memory aborts with a message.
 * Inputs are bounded elsewhere, so running out is a fatal condition. */
#ifndef QCITY_ALLOC_H
#define QCITY_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *qc_xmalloc(size_t n);
void *qc_xcalloc(size_t nmemb, size_t size);
void *qc_xrealloc(void *p, size_t n);
char *qc_xstrdup(const char *s);            /* NULL in, NULL out */
char *qc_xstrndup(const char *s, size_t n); /* copies at most n bytes */
/* n elements of size bytes each: the product is checked (as reallocarray). */
void *qc_xmallocarray(size_t n, size_t size);
void *qc_xreallocarray(void *p, size_t n, size_t size);

/* Checked size arithmetic (as git's st_add/st_mult). qc_add_ok/qc_mult_ok
 * store the result and return false on overflow; qc_st_add/qc_st_mult
 * abort with a message, like running out of memory, since a size that
 * does not fit in size_t can only be a bug or hostile input let through. */
static inline bool qc_add_ok(size_t a, size_t b, size_t *out)
{
	if (a > SIZE_MAX - b)
		return false;
	*out = a + b;
	return true;
}

static inline bool qc_mult_ok(size_t a, size_t b, size_t *out)
{
	if (a && b > SIZE_MAX / a)
		return false;
	*out = a * b;
	return true;
}

size_t qc_st_add(size_t a, size_t b);
size_t qc_st_mult(size_t a, size_t b);

/* Grow an array `x` of `nr` used elements to hold at least `want`,
 * tracking capacity in `alloc` (as git's ALLOC_GROW). */
#define QC_GROW(x, want, alloc)                                              \
	do {                                                                 \
		if ((size_t)(want) > (alloc)) {                              \
			size_t qc_n_ = (alloc) ? qc_st_mult((alloc), 2) : 8; \
			if (qc_n_ < (size_t)(want))                          \
				qc_n_ = (want);                              \
			(x) = qc_xreallocarray((x), qc_n_, sizeof(*(x)));    \
			(alloc) = qc_n_;                                     \
		}                                                            \
	} while (0)

#endif
