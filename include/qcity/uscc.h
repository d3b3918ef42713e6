/* Unified social credit codes (统一社会信用代码, GB 32100-2015) and the
 * organisation code inside them (GB 11714). */
#ifndef QCITY_USCC_H
#define QCITY_USCC_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/error.h"
#include "qcity/region_code.h"

#define QC_USCC_LEN 18

/* Check an 18-character code: alphabet (0-9 and A-Y without I, O, S, V,
 * Z), the registering authority and category, the six-digit division code,
 * the organisation code's own check digit (GB 11714) and the final check
 * character (weights 3^(i-1) mod 31). On failure err says which part is
 * wrong and, for a wrong check character, which one was expected. Lower
 * case letters and surrounding spaces are not accepted: normalise first
 * with qc_uscc_normalize. */
enum qc_rc qc_uscc_check(const char *code, struct qc_error *err);

/* The check character the first 17 characters call for, or 0 if they are
 * not in the alphabet. */
char qc_uscc_check_char(const char *first17);

/* Copy code into out (QC_USCC_LEN + 1 bytes) with spaces dropped, letters
 * upper-cased and full-width characters folded; false if the result is not
 * 18 characters long. */
bool qc_uscc_normalize(const char *code, char out[QC_USCC_LEN + 1]);

/* The six-digit division code (positions 3-8) into out (7 bytes). */
void qc_uscc_region(const char *code, char out[QC_REGION_CODE_SIZE]);

/* A valid code for an enterprise (authority 9, category 1) registered in
 * division region6, its organisation code derived from serial: for demo
 * content, tests and benchmarks. */
void qc_uscc_make(const char *region6, unsigned long serial,
		  char out[QC_USCC_LEN + 1]);

#endif
