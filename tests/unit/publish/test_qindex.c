/* The quality index: a hand-computed example (3 regions × 4 indicators)
 * whose scores, index, ranks, contributions and ±20 % rank changes are
 * worked out in docs/quality-index.md §5; the other normalisations, the
 * geometric mean, each missing-value rule, and definitions refused. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "qcity/qindex.h"

#define EPS 1e-9

/* A (higher, 0.4), B (higher, 0.3), C (lower, 0.2), D (higher, 0.1). */
static const char *def_text(const char *norm, const char *agg,
			    const char *missing)
{
	static char buf[2048];
	snprintf(buf, sizeof(buf),
		 "{\"id\": \"hand\", \"title\": \"手算\", \"normalisation\": "
		 "\"%s\", \"aggregation\": \"%s\", \"missing\": \"%s\", "
		 "\"regions\": [\"000001\", \"000002\", \"000003\"], "
		 "\"groups\": [{\"name\": \"G1\", \"weight\": 0.7, "
		 "\"indicators\": [{\"key\": \"A\", \"name\": \"A\", "
		 "\"direction\": \"higher\", \"weight\": 4, \"target\": 40},"
		 " {\"key\": \"B\", \"name\": \"B\", \"direction\": "
		 "\"higher\", \"weight\": 3, \"target\": 5}]}, "
		 "{\"name\": \"G2\", \"weight\": 0.3, \"indicators\": ["
		 "{\"key\": \"C\", \"name\": \"C\", \"direction\": \"lower\", "
		 "\"weight\": 2, \"target\": 2}, {\"key\": \"D\", \"name\": "
		 "\"D\", \"direction\": \"higher\", \"weight\": 1, "
		 "\"target\": 100}]}]}",
		 norm, agg, missing);
	return buf;
}

static struct qc_qindex_def *parse(const char *norm, const char *agg,
				   const char *missing)
{
	struct qc_qindex_def *d = NULL;
	struct qc_error err = { 0 };
	const char *t = def_text(norm, agg, missing);
	if (qc_qindex_parse(t, strlen(t), &d, &err) != QC_OK || !d) {
		fail_msg("parse: %s", err.msg);
		abort();
	}
	return d;
}

static const double X[3][4] = {
	{ 10, 5, 2, 0 },
	{ 20, 3, 4, 100 },
	{ 30, 1, 6, 50 },
};

static void input(struct qc_qindex_input *in)
{
	qc_qindex_input_init(in, 3, 4);
	for (size_t r = 0; r < 3; r++) {
		snprintf(in->code[r], 7, "00000%zu", r + 1);
		for (size_t i = 0; i < 4; i++) {
			in->x[r * 4 + i] = X[r][i];
			in->has[r * 4 + i] = true;
		}
	}
	in->year = 2020;
}

/* G1 0.7 × (4, 3)/7 → A 0.4, B 0.3; G2 0.3 × (2, 1)/3 → C 0.2, D 0.1.
 * Min–max scores (C lower is better):
 *   R1  A 0  B 100 C 100 D 0    → 0 + 30 + 20 + 0  = 50  (rank 2)
 *   R2  A 50 B 50  C 50  D 100  → 20 + 15 + 10 + 10 = 55 (rank 1)
 *   R3  A 100 B 0  C 0   D 50   → 40 + 0 + 0 + 5   = 45  (rank 3) */
static void test_hand_example(void **state)
{
	struct qc_qindex_def *d = parse("minmax", "arithmetic", "reweight");
	struct qc_qindex_input in;
	struct qc_qindex_result res;
	static const double idx[3] = { 50, 55, 45 };
	static const int rank[3] = { 2, 1, 3 };
	static const double contrib[3][4] = {
		{ 0, 30, 20, 0 },
		{ 20, 15, 10, 10 },
		{ 40, 0, 0, 5 },
	};
	(void)state;

	assert_true(fabs(d->v[0].weight - 0.4) < EPS);
	assert_true(fabs(d->v[1].weight - 0.3) < EPS);
	assert_true(fabs(d->v[2].weight - 0.2) < EPS);
	assert_true(fabs(d->v[3].weight - 0.1) < EPS);
	assert_string_equal(d->v[2].group, "G2");
	assert_false(d->v[2].higher);
	input(&in);
	assert_int_equal(qc_qindex_compute(d, &in, NULL, &res, NULL), QC_OK);
	for (size_t r = 0; r < 3; r++) {
		double sum = 0;
		assert_true(res.r[r].has_index);
		assert_true(fabs(res.r[r].index - idx[r]) < EPS);
		assert_int_equal(res.r[r].rank, rank[r]);
		for (size_t i = 0; i < 4; i++) {
			assert_true(fabs(res.r[r].contrib[i] - contrib[r][i]) <
				    EPS);
			sum += res.r[r].contrib[i];
		}
		assert_true(fabs(sum - res.r[r].index) < EPS);
	}
	assert_true(fabs(res.r[0].score[2] - 100) < EPS);
	qc_qindex_result_release(&res);
	qc_qindex_input_release(&in);
	qc_qindex_def_free(d);
}

/* A × 1.2 (0.48/1.08): R1 46.30, R2 54.63, R3 49.07 → R1 2→3, R3 3→2.
 * B × 0.8 (0.24/0.94): R1 46.81, R2 55.32, R3 47.87 → the same swap.
 * Every other case keeps the ranks. */
static void test_sensitivity(void **state)
{
	struct qc_qindex_def *d = parse("minmax", "arithmetic", "reweight");
	struct qc_qindex_input in;
	struct qc_qindex_result res;
	struct qc_qindex_sens s;
	(void)state;

	input(&in);
	assert_int_equal(qc_qindex_compute(d, &in, NULL, &res, NULL), QC_OK);
	assert_int_equal(qc_qindex_sensitivity(d, &in, &res, 0.2, &s, NULL),
			 QC_OK);
	assert_int_equal(s.n, 8);
	assert_int_equal(s.n_changed, 2);
	assert_int_equal(s.max_shift, 1);
	for (size_t c = 0; c < s.n; c++) {
		const struct qc_qindex_case *k = &s.v[c];
		bool a_up = k->ind == 0 && k->factor > 1;
		bool b_down = k->ind == 1 && k->factor < 1;
		if (!a_up && !b_down) {
			assert_int_equal(k->n, 0);
			continue;
		}
		assert_int_equal(k->n, 2);
		assert_int_equal(k->v[0].region, 0);
		assert_int_equal(k->v[0].from, 2);
		assert_int_equal(k->v[0].to, 3);
		assert_int_equal(k->v[1].region, 2);
		assert_int_equal(k->v[1].from, 3);
		assert_int_equal(k->v[1].to, 2);
	}
	qc_qindex_sens_release(&s);
	qc_qindex_result_release(&res);
	qc_qindex_input_release(&in);
	qc_qindex_def_free(d);
}

/* Distance to target: A 10/40, 20/40, 30/40; B 5/5, 3/5, 1/5; C (lower)
 * 2/2, 2/4, 2/6; D 0, 100 (capped), 50. */
static void test_target_and_geometric(void **state)
{
	struct qc_qindex_def *d = parse("target", "arithmetic", "reweight");
	struct qc_qindex_def *g = parse("target", "geometric", "reweight");
	struct qc_qindex_input in;
	struct qc_qindex_result res;
	double r1 = 0.4 * 25 + 0.3 * 100 + 0.2 * 100 + 0.1 * 0;
	double g2 = exp(0.4 * log(1 + 0.99 * 50) + 0.3 * log(1 + 0.99 * 60) +
			0.2 * log(1 + 0.99 * 50) + 0.1 * log(1 + 0.99 * 100));
	(void)state;

	input(&in);
	assert_int_equal(qc_qindex_compute(d, &in, NULL, &res, NULL), QC_OK);
	assert_true(fabs(res.r[0].index - r1) < EPS);
	assert_true(fabs(res.r[2].score[2] - 100.0 / 3) < EPS);
	qc_qindex_result_release(&res);
	assert_int_equal(qc_qindex_compute(g, &in, NULL, &res, NULL), QC_OK);
	assert_true(fabs(res.r[1].index - g2) < 1e-6);
	/* Contributions add up to ln(index). */
	assert_true(fabs(res.r[1].contrib[0] + res.r[1].contrib[1] +
			 res.r[1].contrib[2] + res.r[1].contrib[3] -
			 log(res.r[1].index)) < EPS);
	qc_qindex_result_release(&res);
	qc_qindex_input_release(&in);
	qc_qindex_def_free(d);
	qc_qindex_def_free(g);
}

/* z-scores: A's mean 20, sd √(200/3); R3's A score is 10/sd. */
static void test_zscore(void **state)
{
	struct qc_qindex_def *d = parse("zscore", "arithmetic", "reweight");
	struct qc_qindex_input in;
	struct qc_qindex_result res;
	(void)state;

	input(&in);
	assert_int_equal(qc_qindex_compute(d, &in, NULL, &res, NULL), QC_OK);
	assert_true(fabs(res.r[2].score[0] - 10 / sqrt(200.0 / 3)) < EPS);
	assert_true(fabs(res.r[0].score[2] - 2 / sqrt(8.0 / 3)) < EPS);
	qc_qindex_result_release(&res);
	qc_qindex_input_release(&in);
	qc_qindex_def_free(d);
}

/* R1 lacks A. reweight: (30 + 20 + 0) / 0.6; mean: A's mean of R2 and
 * R3 (25) is halfway on their min–max (20..30), 50; zero: 0; exclude:
 * no index. */
static void test_missing(void **state)
{
	static const char *const rules[] = { "reweight", "mean", "zero",
					     "exclude" };
	const double want[] = { 50 / 0.6, 50 + 0.4 * 50, 50, NAN };
	(void)state;

	for (size_t k = 0; k < 4; k++) {
		struct qc_qindex_def *d = parse("minmax", "arithmetic",
						rules[k]);
		struct qc_qindex_input in;
		struct qc_qindex_result res;
		input(&in);
		in.has[0] = false;
		assert_int_equal(qc_qindex_compute(d, &in, NULL, &res, NULL),
				 QC_OK);
		assert_int_equal(res.r[0].n_missing, 1);
		if (isnan(want[k])) {
			assert_false(res.r[0].has_index);
			assert_int_equal(res.r[0].rank, 0);
		} else {
			assert_true(res.r[0].has_index);
			assert_true(fabs(res.r[0].index - want[k]) < EPS);
			assert_int_equal(res.r[0].imputed[0], k == 1 || k == 2);
		}
		qc_qindex_result_release(&res);
		qc_qindex_input_release(&in);
		qc_qindex_def_free(d);
	}
}

static void test_refused(void **state)
{
	static const char *const bad[] = {
		"{\"id\": \"x\", \"title\": \"t\", \"normalisation\": \"rank\","
		" \"indicators\": [{\"key\": \"A\", \"name\": \"A\", "
		"\"direction\": \"higher\"}]}",
		"{\"id\": \"x\", \"title\": \"t\", \"indicators\": [{\"key\": "
		"\"A\", \"name\": \"A\", \"direction\": \"higher\", "
		"\"weight\": 0}]}",
		"{\"id\": \"x\", \"title\": \"t\", \"normalisation\": "
		"\"zscore\", \"aggregation\": \"geometric\", \"indicators\": "
		"[{\"key\": \"A\", \"name\": \"A\", \"direction\": "
		"\"higher\"}]}",
		"{\"id\": \"x\", \"title\": \"t\", \"normalisation\": "
		"\"target\", \"indicators\": [{\"key\": \"A\", \"name\": "
		"\"A\", \"direction\": \"higher\"}]}",
		"{\"id\": \"x\", \"title\": \"t\", \"indicators\": [{\"key\": "
		"\"A\", \"name\": \"A\", \"direction\": \"up\"}]}",
		"{\"id\": \"x\", \"title\": \"t\", \"indicators\": [{\"key\": "
		"\"A\", \"name\": \"A\", \"direction\": \"higher\"}, {\"key\":"
		" \"A\", \"name\": \"B\", \"direction\": \"higher\"}]}",
		"{\"id\": \"x\", \"title\": \"t\", \"indicators\": []}",
	};
	static const char *const says[] = { "normalisation", "weight",
					    "geometric",     "target",
					    "direction",     "twice",
					    "none" };
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct qc_qindex_def *d = NULL;
		struct qc_error err = { 0 };
		assert_int_equal(qc_qindex_parse(bad[i], strlen(bad[i]), &d,
						 &err),
				 QC_EINVAL);
		assert_null(d);
		if (!strstr(err.msg, says[i]))
			fail_msg("case %zu: '%s' does not say %s", i, err.msg,
				 says[i]);
	}
}

/* The two shipped definitions load; the national one keeps its six
 * sub-pillars under two pillars, equal weights at each level. */
static void test_shipped(void **state)
{
	const char *dir = getenv("QCITY_DATA");
	struct qc_qindex_def *d = NULL;
	struct qc_error err = { 0 };
	char path[512];
	double pillar = 0;
	(void)state;

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/index/mqci.json", dir);
	if (qc_qindex_load(path, &d, &err)) {
		fail_msg("%s", err.msg);
		abort();
	}
	assert_string_equal(d->v[0].group, "质量水平/标准与技术水平");
	for (size_t i = 0; i < d->n; i++)
		if (!strncmp(d->v[i].group, "质量水平/", strlen("质量水平/")))
			pillar += d->v[i].weight;
	assert_true(fabs(pillar - 0.5) < EPS);
	qc_qindex_def_free(d);
	snprintf(path, sizeof(path), "%s/index/qitaihe-quality.json", dir);
	if (qc_qindex_load(path, &d, &err)) {
		fail_msg("%s", err.msg);
		abort();
	}
	assert_int_equal(d->norm, QC_QINDEX_TARGET);
	assert_string_equal(d->parent, "230900");
	qc_qindex_def_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_example),
		cmocka_unit_test(test_sensitivity),
		cmocka_unit_test(test_target_and_geometric),
		cmocka_unit_test(test_zscore),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_shipped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
