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

#include "qcity/error.h"

struct xline;

/* Compile n built-in patterns of the set `set` (a name for messages) into
 * code[]. A pattern that does not compile is a bug or a PCRE2 built
 * without Unicode: QC_EUNSUPPORTED naming the set, the pattern's index,
 * the offset and PCRE2's reason; its entry stays NULL. Call it once, from
 * pthread_once; the extractor refuses to run when it failed
 * (qc_extract_init). */
enum qc_rc qc_xrx_compile(const char *set, const char *const *patterns,
			  pcre2_code **code, size_t n, struct qc_error *err);

/* Does code match the line's folded text? Groups go to md. */
bool qc_xrx_match(const pcre2_code *code, const struct xline *l,
		  pcre2_match_data *md);

#endif
