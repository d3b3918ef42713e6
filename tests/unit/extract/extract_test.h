/* Shared by the extractor's rule tests: run the extractor on a small
 * plan's text, and find the target a test asserts on. */
#ifndef QCITY_EXTRACT_TEST_H
#define QCITY_EXTRACT_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "qcity/extract.h"

/* Extract text (no catalogue) into p, which the caller releases. */
static inline void run(const char *text, struct qc_plan *p)
{
	struct qc_error err = { 0 };
	assert_int_equal(qc_extract_buffer(text, strlen(text), "t.txt", NULL, p,
					   &err),
			 QC_OK);
}

/* run() on a text made by printf from fmt: one case of a class written
 * with each of its variants (三个/3个, 。/,). */
__attribute__((format(printf, 2, 3))) static inline void
runf(struct qc_plan *p, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	run(text, p);
}

/* How many targets text yields. */
static inline size_t n_targets(const char *text)
{
	struct qc_plan p;
	size_t n;

	run(text, &p);
	n = p.n_targets;
	qc_plan_release(&p);
	return n;
}

/* The first target with this value and unit ("" for none); fails the
 * test when there is none. */
static inline const struct qc_target *find(const struct qc_plan *p, double v,
					   const char *unit)
{
	for (size_t i = 0; i < p->n_targets; i++)
		if (p->targets[i].value == v &&
		    !strcmp(p->targets[i].unit ? p->targets[i].unit : "", unit))
			return &p->targets[i];
	fail_msg("no target %g %s", v, unit);
	/* fail_msg jumps out, but cmocka does not declare it noreturn. */
	abort();
}

/* The first target with this indicator name; fails the test when there
 * is none. */
static inline const struct qc_target *named(const struct qc_plan *p,
					    const char *n)
{
	for (size_t i = 0; i < p->n_targets; i++)
		if (!strcmp(p->targets[i].indicator, n))
			return &p->targets[i];
	fail_msg("no target named %s", n);
	abort();
}

/* text yields n targets (any number when n is 0), and the one with
 * value v and unit has this name (unless NULL) and op (unless -1): the
 * run/find/release of one case. */
static inline void expect_n(const char *text, size_t n, double v,
			    const char *unit, const char *name, int op)
{
	struct qc_plan p;
	const struct qc_target *t;

	run(text, &p);
	if (n)
		assert_int_equal(p.n_targets, n);
	t = find(&p, v, unit);
	if (name)
		assert_string_equal(t->indicator, name);
	if (op != -1)
		assert_int_equal(t->op, op);
	qc_plan_release(&p);
}

/* expect_n with any number of targets. */
static inline void expect_target(const char *text, double v, const char *unit,
				 const char *name, int op)
{
	expect_n(text, 0, v, unit, name, op);
}

#endif
