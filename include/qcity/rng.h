/* A small reproducible random generator (xorshift64*) for demo content,
 * tests and benchmarks: the same seed gives the same numbers on every
 * platform. Not for anything secret (libsodium does that). */
#ifndef QCITY_RNG_H
#define QCITY_RNG_H

struct qc_rng {
	unsigned long long s;
};

/* Seed a generator; stream tells apart generators seeded alike. */
void qc_rng_seed(struct qc_rng *r, unsigned long seed, unsigned stream);
/* The next 64 random bits. */
unsigned long long qc_rng_next(struct qc_rng *r);
/* A number in [lo, hi). */
double qc_rng_uniform(struct qc_rng *r, double lo, double hi);

#endif
