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

#endif
