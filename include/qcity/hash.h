/* One string hash for the in-memory maps and caches (FNV-1a, 64 bits):
 * quick on the short keys they hold (names, codes, addresses); nothing
 * stored depends on its value. */
#ifndef QCITY_HASH_H
#define QCITY_HASH_H

#include <stdint.h>

static inline uint64_t qc_hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

#endif
