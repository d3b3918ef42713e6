/* Building JSON with jansson's json_pack, checked. json_pack returns NULL
 * when memory runs out or when its arguments do not match the format (a
 * NULL for "s", where "s?" was meant); unchecked, that NULL made
 * json_array_append_new drop a row without a word. */
#ifndef QCITY_JSON_H
#define QCITY_JSON_H

#include <jansson.h>

/* json_pack that never returns NULL: a failure is out of memory or a
 * format that does not fit its data, both bugs to fix rather than rows to
 * lose, so it aborts with the format and jansson's reason (as qc_xmalloc
 * does when memory is gone). The caller owns the reference. */
json_t *qc_xjson_pack(const char *fmt, ...);

/* Significant digits of a number written for people (the command line's
 * --json, the audit log): 15 keep every decimal of up to 15 digits as it
 * was typed (48.2, not jansson's default 48.200000000000003) and hide the
 * last bits of arithmetic noise. */
#define QC_JSON_DIGITS JSON_REAL_PRECISION(15)

#endif
