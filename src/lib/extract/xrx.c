/* Compiling and matching the extractor's patterns (see xrx.h). */
#include "extract_int.h"
#include "xrx.h"
#include "banned.h"

enum qc_rc qc_xrx_compile(const char *set, const char *const *patterns,
			  pcre2_code **code, size_t n, struct qc_error *err)
{
	enum qc_rc rc = QC_OK;

	for (size_t i = 0; i < n; i++) {
		int ec;
		PCRE2_SIZE off;
		PCRE2_UCHAR why[160];
		code[i] = pcre2_compile((PCRE2_SPTR)patterns[i],
					PCRE2_ZERO_TERMINATED,
					PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);
		if (code[i] || rc)
			continue;
		if (pcre2_get_error_message(ec, why, sizeof(why)) < 0)
			why[0] = '\0';
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "built-in pattern %s#%zu "
				  "does not compile at offset %zu: %s (a bug, or "
				  "PCRE2 built without Unicode support)",
				  set, i, (size_t)off, (const char *)why);
	}
	return rc;
}

bool qc_xrx_match(const pcre2_code *code, const struct xline *l,
		  pcre2_match_data *md)
{
	return code && pcre2_match(code, (PCRE2_SPTR)l->norm, l->norm_len, 0, 0,
				   md, NULL) > 0;
}
