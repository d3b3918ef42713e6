/* Shared inside src/lib/review only. */
#ifndef QC_REVIEW_INT_H
#define QC_REVIEW_INT_H

struct qc_stmt;

/* A target's requirement in the plan model's own wording ("≥ 98%"), from
 * its op, value, value_max and unit in columns col..col+3 of st: a copy
 * the caller frees, or NULL when the op is none qcity knows. */
char *qc_review_requirement(struct qc_stmt *st, int col);

#endif
