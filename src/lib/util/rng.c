/* xorshift64* (Vigna): small, fast, and the same everywhere. */
#include "qcity/rng.h"
#include "banned.h"

void qc_rng_seed(struct qc_rng *r, unsigned long seed, unsigned stream)
{
	/* The golden-ratio step spreads nearby seeds apart; the state must
	 * never be zero. */
	r->s = (unsigned long long)seed * 0x9E3779B97F4A7C15ULL + stream + 1;
}

unsigned long long qc_rng_next(struct qc_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ULL;
}

double qc_rng_uniform(struct qc_rng *r, double lo, double hi)
{
	return lo +
	       (hi - lo) * (double)(qc_rng_next(r) >> 11) / 9007199254740992.0;
}
