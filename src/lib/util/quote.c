/* qc_quote_ident: see qcity/quote.h. */
#include <string.h>

#include "qcity/quote.h"
#include "banned.h"

bool qc_quote_ident(struct qc_buf *b, const char *name)
{
	qc_buf_addch(b, '"');
	for (const char *p = name; *p; p++) {
		const char *q = strchr(p, '"');
		size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
		qc_buf_add(b, p, n); /* up to and with the quote */
		if (q)
			qc_buf_addch(b, '"');
		p += n - 1;
	}
	return qc_buf_addch(b, '"');
}
