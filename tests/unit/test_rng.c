/* The demo generator: reproducible, in range, streams apart. */
#include "testutil.h"
#include "qcity/rng.h"

static void reproducible_and_in_range(void **state)
{
	(void)state;
	struct qc_rng a, b, c;
	qc_rng_seed(&a, 2017, 0);
	qc_rng_seed(&b, 2017, 0);
	qc_rng_seed(&c, 2017, 1);
	int same_stream = 0, other_stream = 0;
	double lo = 1, hi = 0, sum = 0;
	for (int i = 0; i < 10000; i++) {
		unsigned long long x = qc_rng_next(&a);
		same_stream += x == qc_rng_next(&b);
		other_stream += x == qc_rng_next(&c);
		double u = qc_rng_uniform(&a, 0, 1);
		qc_rng_next(&b); /* keep b in step with a */
		qc_rng_next(&c);
		lo = u < lo ? u : lo;
		hi = u > hi ? u : hi;
		sum += u;
	}
	assert_int_equal(same_stream, 10000);
	assert_int_equal(other_stream, 0);
	assert_true(lo >= 0 && hi < 1);
	/* 10 000 uniform draws: the mean is within 0.02 of 0.5. */
	assert_true(sum / 10000 > 0.48 && sum / 10000 < 0.52);
	struct qc_rng z;
	qc_rng_seed(&z, 0, 0);
	assert_true(qc_rng_next(&z) != 0); /* a zero seed still runs */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reproducible_and_in_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
