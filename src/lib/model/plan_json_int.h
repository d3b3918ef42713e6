/* Between the plan JSON value writer (plan_json_text.c) and its parts
 * writer (plan_jsonw.c). Not installed. */
#ifndef QC_PLAN_JSON_INT_H
#define QC_PLAN_JSON_INT_H

#include <stdio.h>

#include "qcity/error.h"
#include "qcity/plan.h"
#include "qcity/strbuf.h"

/* The plan's arrays, in the document's order. */
enum { A_GOALS, A_TARGETS, A_TASKS, A_PHASES, A_DUTIES, A_RULES, A__COUNT };

size_t qc_plan_json_array_len(const struct qc_plan *p, int k);

/* One compact value to f after sep: the head (k == -1), the group
 * (k == -2) or element i of array k; b is scratch. */
void qc_plan_json_put_value(FILE *f, struct qc_buf *b, const char *sep,
			    const struct qc_plan *p, int k, size_t i);

/* The compact document around its arrays; body(k) writes array k's
 * items. */
void qc_plan_json_write_doc(const struct qc_plan *p, FILE *f,
			    void (*body)(void *ctx, int k, FILE *f), void *ctx);

/* QC_EIO when f could not be written to the end. */
enum qc_rc qc_plan_json_write_end(FILE *f, struct qc_error *err);

#endif
