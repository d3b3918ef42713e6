/* GB 32100-2015 unified social credit codes and GB 11714 organisation
 * codes: both are checked, since a typo can pass one check but rarely
 * both. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "qcity/uscc.h"
#include "banned.h"

/* The 31 characters GB 32100 uses, in value order (no I, O, S, V, Z). */
static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int value_of(char c)
{
	/* alphabet's order without a search (every imported row checks
	 * 35 characters): the value of A..Y, -1 for I, O, S, V. */
	static const signed char letters[25] = { 10, 11, 12, 13, 14, 15, 16,
						 17, -1, 18, 19, 20, 21, 22,
						 -1, 23, 24, 25, -1, 26, 27,
						 -1, 28, 29, 30 };
	if (c >= '0' && c <= '9')
		return c - '0';
	return c >= 'A' && c <= 'Y' ? letters[c - 'A'] : -1;
}

char qc_uscc_check_char(const char *first17)
{
	int sum = 0, w = 1;
	for (int i = 0; i < 17; i++) {
		int v = value_of(first17[i]);
		if (v < 0)
			return 0;
		sum += v * w;
		w = w * 3 % 31; /* 3^(i-1) mod 31 */
	}
	int c = 31 - sum % 31;
	return alphabet[c == 31 ? 0 : c];
}

/* GB 11714: eight body characters (digits or A-Z) and a check. */
static char org_check_char(const char *body, bool *ok)
{
	static const int weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	*ok = true;
	for (int i = 0; i < 8; i++) {
		char c = body[i];
		int v = isdigit((unsigned char)c) ? c - '0' :
			(c >= 'A' && c <= 'Z')    ? c - 'A' + 10 :
						    -1;
		if (v < 0) {
			*ok = false;
			return 0;
		}
		sum += v * weights[i];
	}
	int c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

enum qc_rc qc_uscc_check(const char *code, struct qc_error *err)
{
	size_t n = code ? strlen(code) : 0;
	bool ok;

	if (n != QC_USCC_LEN)
		return qc_error_set(err, QC_EINVAL,
				    "credit code '%s': %zu "
				    "characters, a unified social credit code "
				    "has 18",
				    code ? code : "", n);
	for (size_t i = 0; i < n; i++)
		if (value_of(code[i]) < 0)
			return qc_error_set(err, QC_EINVAL,
					    "credit code '%s': "
					    "character %zu '%c' is not allowed "
					    "(0-9, A-Y without I, O, S, V, Z)",
					    code, i + 1, code[i]);
	/* Registering authorities: 1-9 and A-N, Y (GB 32100 table 1). */
	if (!strchr("123456789ANY", code[0]))
		return qc_error_set(err, QC_EINVAL,
				    "credit code '%s': '%c' is "
				    "not a registering authority",
				    code, code[0]);
	if (strspn(code + 2, "0123456789") < 6)
		return qc_error_set(err, QC_EINVAL,
				    "credit code '%s': "
				    "characters 3-8 must be a division code",
				    code);
	char want = org_check_char(code + 8, &ok);
	if (!ok)
		return qc_error_set(err, QC_EINVAL,
				    "credit code '%s': the "
				    "organisation code %.9s has characters "
				    "outside 0-9, A-Z",
				    code, code + 8);
	if (want != code[16])
		return qc_error_set(err, QC_EINVAL,
				    "credit code '%s': the "
				    "organisation code %.9s fails its check "
				    "(GB 11714 wants '%c' at position 17)",
				    code, code + 8, want);
	want = qc_uscc_check_char(code);
	if (want != code[17])
		return qc_error_set(err, QC_EINVAL,
				    "credit code '%s': check "
				    "character is '%c', the code calls for "
				    "'%c' (a typing error?)",
				    code, code[17], want);
	return QC_OK;
}

bool qc_uscc_normalize(const char *code, char out[QC_USCC_LEN + 1])
{
	/* Most codes arrive clean: 18 ASCII digits and capitals. */
	if (code && strlen(code) == QC_USCC_LEN &&
	    strspn(code, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
		    QC_USCC_LEN) {
		memcpy(out, code, QC_USCC_LEN + 1);
		return true;
	}
	/* NFKC folds full-width letters, digits and the ideographic space. */
	utf8proc_uint8_t *folded = utf8proc_NFKC(
		(const utf8proc_uint8_t *)(code ? code : ""));
	size_t n = 0;
	bool ok = folded != NULL;

	for (const utf8proc_uint8_t *p = folded; ok && *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '-')
			continue;
		if (n >= QC_USCC_LEN || *p >= 0x80)
			ok = false;
		else
			out[n++] = (char)toupper(*p);
	}
	free(folded);
	out[n] = '\0';
	return ok && n == QC_USCC_LEN;
}

void qc_uscc_region(const char *code, char out[QC_REGION_CODE_SIZE])
{
	qc_code_prefix(out, code + 2, 6); /* every imported row */
}

void qc_uscc_make(const char *region6, unsigned long serial,
		  char out[QC_USCC_LEN + 1])
{
	bool ok;
	snprintf(out, QC_USCC_LEN + 1, "91%.6s%08lu", region6,
		 serial % 100000000UL);
	out[16] = org_check_char(out + 8, &ok);
	out[17] = qc_uscc_check_char(out);
	out[18] = '\0';
}
