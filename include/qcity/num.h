/* Strict numbers from text: every number taken from a path, a query, a
 * request body or a command line goes through here, so that "12abc",
 * "' OR 1=1--", " 7" or a value out of range is refused, never read as 0
 * or as its leading digits (atoi, strtol without checks). */
#ifndef QCITY_NUM_H
#define QCITY_NUM_H

#include <stdbool.h>
#include <stdint.h>

/* s as a decimal whole number in [min, max]: an optional '-' or '+' then
 * digits only, the whole string (no spaces, no trailing text, no hex, no
 * overflow). On success sets *out and returns true; otherwise returns
 * false and leaves *out unchanged. */
bool qc_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out);

/* The same for an int, for years, limits and counts. */
bool qc_parse_int(const char *s, int min, int max, int *out);

#endif
