/* qc_xjson_pack: json_pack that fails loudly (see qcity/json.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "qcity/json.h"
#include "banned.h"

json_t *qc_xjson_pack(const char *fmt, ...)
{
	json_error_t e;
	va_list ap;
	json_t *v;

	va_start(ap, fmt);
	v = json_vpack_ex(&e, 0, fmt, ap);
	va_end(ap);
	if (!v) {
		/* As in alloc.c: no caller is left to hand this to. */
		fprintf(stderr, "qcity: cannot build JSON \"%s\": %s (%s)\n",
			fmt, e.text, e.source);
		abort();
	}
	return v;
}
