/* Unified social credit codes: real published codes pass; each kind of
 * damage is caught and named. */
#include "testutil.h"
#include "qcity/uscc.h"

/* Codes printed on business licences of well-known companies. */
static const char *const real[] = {
	"91350100M000100Y43", "914403001922038216", "91330100799655058B",
	"91440300708461136T", "91110000600037341L",
};

static void real_codes_pass(void **state)
{
	(void)state;
	struct qc_error err = { 0 };
	for (size_t i = 0; i < sizeof(real) / sizeof(real[0]); i++)
		if (qc_uscc_check(real[i], &err))
			fail_msg("%s rejected: %s", real[i], err.msg);
	char region[QC_REGION_CODE_SIZE];
	qc_uscc_region("914403001922038216", region);
	assert_string_equal(region, "440300");
}

static void every_single_substitution_is_caught(void **state)
{
	(void)state;
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	struct qc_error err = { 0 };
	char c[19];
	int caught = 0, tried = 0;
	/* Change one character anywhere to any other allowed character. */
	for (int pos = 0; pos < 18; pos++)
		for (const char *a = alphabet; *a; a++) {
			memcpy(c, real[1], 19);
			if (c[pos] == *a)
				continue;
			c[pos] = *a;
			tried++;
			caught += qc_uscc_check(c, &err) != QC_OK;
		}
	assert_int_equal(caught, tried);
}

static void errors_say_what_is_wrong(void **state)
{
	(void)state;
	static const struct {
		const char *code, *expect;
	} cases[] = {
		{ "91350100M000100Y4", "17 characters" },
		{ "91350100M000100Y4I", "character 18 'I'" },
		{ "91350100M000100Y44", "calls for '3'" },
		{ "Z1350100M000100Y43", "not allowed" },
		{ "B1350100M000100Y43", "registering authority" },
		{ "913501X0M000100Y43", "division code" },
		{ "91350100M000100X43", "GB 11714" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct qc_error err = { 0 };
		assert_int_equal(qc_uscc_check(cases[i].code, &err), QC_EINVAL);
		if (!strstr(err.msg, cases[i].expect))
			fail_msg("%s: '%s' lacks '%s'", cases[i].code, err.msg,
				 cases[i].expect);
	}
}

static void normalize_folds_what_offices_type(void **state)
{
	(void)state;
	char out[19];
	assert_true(qc_uscc_normalize(" 9135 0100 m000 100y43 ", out));
	assert_string_equal(out, "91350100M000100Y43");
	assert_true(
		qc_uscc_normalize("９１３５０１００Ｍ０００１００Ｙ４３", out));
	assert_string_equal(out, "91350100M000100Y43");
	assert_false(qc_uscc_normalize("91350100M000100Y4", out));
	assert_false(qc_uscc_normalize("91350100M000100Y431", out));
	assert_false(qc_uscc_normalize("913501００M000100Y4中", out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_codes_pass),
		cmocka_unit_test(every_single_substitution_is_caught),
		cmocka_unit_test(errors_say_what_is_wrong),
		cmocka_unit_test(normalize_folds_what_offices_type),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
