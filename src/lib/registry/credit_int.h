/* Internals shared by the credit files (credit*.c, award*.c, reward.c). */
#ifndef QCITY_CREDIT_INT_H
#define QCITY_CREDIT_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "qcity/credit.h"
#include "qcity/store.h"

#define QC_CREDIT_RULES_MAX 16

struct qc_credit_rule {
	char kind[32];
	double points;
	int years, full_years;
	char *text;
};

/* A parsed grading scheme (docs/credit.md). */
struct qc_credit_scheme {
	char version[64];
	double base;
	struct {
		char grade;
		double min; /* -INFINITY for the last */
	} grades[4];
	struct qc_credit_rule rules[QC_CREDIT_RULES_MAX];
	size_t n_rules;
	char black_grade; /* '\0': none */
	/* per purpose (procurement, subsidy, award): bit 1 black, 2 penalty */
	unsigned sanctions[3];
	int red_years;
	bool red_award;
	char *red_rule;
};

enum qc_rc qc_credit_scheme_parse(const char *text, size_t len,
				  struct qc_credit_scheme *out,
				  struct qc_error *err);
/* The newest stored scheme; QC_ENOTFOUND with what to do when none. */
enum qc_rc qc_credit_scheme_current(struct qc_store *s,
				    struct qc_credit_scheme *out,
				    struct qc_error *err);
void qc_credit_scheme_release(struct qc_credit_scheme *sc);

/* The grade of enterprise eid as of as_of (checked) under sc, into g
 * (released by the caller). holder: the province that holds it; at the
 * nation its rows alone are weighed (ids repeat across provinces there);
 * ignored on a province server (NULL will do). */
enum qc_rc qc_credit_grade_of(struct qc_store *s, int64_t eid,
			      const char *holder, const char *as_of,
			      const struct qc_credit_scheme *sc,
			      struct qc_credit_grade *g, struct qc_error *err);
/* The enterprise id of a credit code (normalised); QC_ENOTFOUND. */
enum qc_rc qc_credit_enterprise(struct qc_store *s, const char *uscc,
				int64_t *id, char code[19],
				struct qc_error *err);
/* "YYYY-MM-DD" checked, or today when date is NULL. */
enum qc_rc qc_credit_date(const char *date, const char *field, char out[11],
			  struct qc_error *err);
/* Regrade one enterprise as of today inside the caller's transaction;
 * nothing when no scheme is stored. */
enum qc_rc qc_credit_regrade_one(struct qc_store *s, int64_t enterprise_id,
				 const char *as_of, const char *actor,
				 bool *changed, struct qc_error *err);
/* A column of a header by its synonyms (NFKC-folded), or -1. */
int qc_credit_header_col(const char *label, const char *const *syn);
struct qc_table;
struct qc_table_row;
/* Reads the header row of t (the importers' first step): col[c] is the
 * first heading named by the synonyms syn[c * width ...] (NULL-ended), or
 * -1. *row is the header row, owned by t. An empty file is an error. */
enum qc_rc qc_credit_header(struct qc_table *t, const char *const *syn,
			    size_t width, int n, int *col,
			    struct qc_table_row **row, struct qc_error *err);
/* The cells of a data row by the header's columns: v[c] is the cell of
 * col[c], or NULL where the column is missing, the row too short or the
 * cell blank. True when every one is NULL (a blank row, skipped). */
bool qc_credit_cells(const struct qc_table_row *row, const int *col, int n,
		     const char **v);
/* The importers' last step, in their own transaction: with rc QC_OK and
 * the walk ended well (r, qc_table_next's last: negative on a bad file),
 * audit the import of file name as entity with {"<what>": *count}; then
 * end the transaction, *count 0 unless it committed. Returns the end's
 * code. */
enum qc_rc qc_credit_import_end(struct qc_store *s, enum qc_rc rc, int r,
				const char *actor, const char *entity,
				const char *name, const char *what,
				size_t *count, struct qc_error *err);

#endif
