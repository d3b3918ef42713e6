/* Compiling and matching the extractor's patterns (see xrx.h). */
#include "extract_int.h"
#include "xrx.h"
#include "banned.h"

void xrx_compile(const char *const *patterns, pcre2_code **code, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int ec;
		PCRE2_SIZE off;
		code[i] = pcre2_compile((PCRE2_SPTR)patterns[i],
					PCRE2_ZERO_TERMINATED, PCRE2_UTF |
					PCRE2_UCP, &ec, &off, NULL);
	}
}

bool xrx_match(const pcre2_code *code, const struct xline *l,
	       pcre2_match_data *md)
{
	return code && pcre2_match(code, (PCRE2_SPTR)l->norm, l->norm_len, 0,
				   0, md, NULL) > 0;
}
