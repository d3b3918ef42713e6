/* Strict decimal whole numbers (qcity/num.h): digit by digit with an
 * overflow check, so nothing depends on errno or on locale. */
#include "qcity/num.h"
#include "banned.h"

bool qc_parse_int64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	bool neg = false;
	uint64_t v = 0, limit;

	if (!s || !*s)
		return false;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!*s)
		return false;
	/* The magnitude of INT64_MIN is one more than INT64_MAX. */
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; *s; s++) {
		unsigned d = (unsigned char)*s - '0';
		if (d > 9 || v > (limit - d) / 10)
			return false;
		v = v * 10 + d;
	}
	int64_t x = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN :
							  -(int64_t)v) :
			  (int64_t)v;
	if (x < min || x > max)
		return false;
	*out = x;
	return true;
}

bool qc_parse_int(const char *s, int min, int max, int *out)
{
	int64_t v;
	if (!qc_parse_int64(s, min, max, &v))
		return false;
	*out = (int)v;
	return true;
}
