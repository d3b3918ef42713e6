/* Regular expressions of the extractor: PCRE2 patterns (UTF, Unicode
 * properties) compiled once per process and matched on a line's folded
 * text. No JIT: the interpreter is fast enough for a plan's few lines,
 * and JIT code defeats valgrind's checking of the tests. */
#ifndef QCITY_XRX_H
#define QCITY_XRX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>

struct xline;

/* Compile n patterns into code[] (an entry stays NULL if its pattern does
 * not compile, and then never matches). Call it once, from pthread_once. */
void xrx_compile(const char *const *patterns, pcre2_code **code, size_t n);

/* Does code match the line's folded text? Groups go to md. */
bool xrx_match(const pcre2_code *code, const struct xline *l,
	       pcre2_match_data *md);

#endif
