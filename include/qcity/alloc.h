/* Allocation that never returns NULL: out of memory aborts with a message.
 * Inputs are bounded elsewhere, so running out is a fatal condition. */
#ifndef QCITY_ALLOC_H
#define QCITY_ALLOC_H

#include <stddef.h>

void *qc_xmalloc(size_t n);
void *qc_xcalloc(size_t nmemb, size_t size);
void *qc_xrealloc(void *p, size_t n);
char *qc_xstrdup(const char *s);             /* NULL in, NULL out */
char *qc_xstrndup(const char *s, size_t n);  /* copies at most n bytes */

/* Grow an array `x` of `nr` used elements to hold at least `want`,
 * tracking capacity in `alloc` (as git's ALLOC_GROW). */
#define QC_GROW(x, want, alloc) do { \
	if ((size_t)(want) > (alloc)) { \
		size_t qc_n_ = (alloc) ? (alloc) * 2 : 8; \
		if (qc_n_ < (size_t)(want)) qc_n_ = (want); \
		(x) = qc_xrealloc((x), qc_n_ * sizeof(*(x))); \
		(alloc) = qc_n_; \
	} \
} while (0)

#endif
