/* A composite quality index defined as data (JSON files under data/index/), after
 * the OECD/JRC Handbook on Constructing Composite Indicators: indicators
 * with a direction, a normalisation (min–max over the regions, distance
 * to a target, z-score), weights in a tree of groups, an aggregation
 * (arithmetic or geometric) and a rule for missing values; computed per
 * region and year from the stored values, with each region's index
 * broken down into contributions and a sensitivity report (each weight
 * ±20 %, the ranks that change). Method: docs/quality-index.md.
 *
 * The computation (qc_qindex_compute) is pure: it reads a matrix of raw
 * values, so a hand-made matrix reproduces any published result.
 * Ownership: qc_qindex_parse returns a definition the caller frees with
 * qc_qindex_def_free; inputs, results and reports are released with
 * their _release. */
#ifndef QCITY_QINDEX_H
#define QCITY_QINDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/error.h"
#include "qcity/region_code.h"

struct qc_store;
struct json_t;

enum qc_qindex_norm {
	QC_QINDEX_MINMAX, /* (x − min) / (max − min) × 100 over regions */
	QC_QINDEX_TARGET, /* x / target × 100, capped at 100 */
	QC_QINDEX_ZSCORE  /* (x − mean) / sd */
};
enum qc_qindex_agg { QC_QINDEX_ARITHMETIC, QC_QINDEX_GEOMETRIC };
enum qc_qindex_missing {
	QC_QINDEX_REWEIGHT, /* leave it out; the others' weights rescale */
	QC_QINDEX_MEAN,     /* the mean of the regions that have it */
	QC_QINDEX_ZERO,     /* the worst score (0; z-score: the minimum) */
	QC_QINDEX_EXCLUDE   /* the region gets no index */
};

struct qc_qindex_ind {
	char *key;    /* stable code, e.g. "Q1" (SDMX, URLs) */
	char *name;   /* as shown */
	char *series; /* the stored series (indicators.name) read */
	char *group;  /* "质量水平/标准与技术水平" ("" at the top) */
	bool higher;  /* direction: higher values are better */
	double weight;     /* effective: product of the group weights and
				its own, normalised to sum 1 over all */
	double own_weight; /* as written in the definition */
	bool has_target;
	double target; /* for QC_QINDEX_TARGET */
};

struct qc_qindex_def {
	char *id, *title, *note;
	enum qc_qindex_norm norm;
	enum qc_qindex_agg agg;
	enum qc_qindex_missing missing;
	char *parent;   /* regions: those below this code, or */
	char **regions; /* this list */
	size_t n_regions;
	struct qc_qindex_ind *v;
	size_t n;
};

/* Parse a definition (JSON text; format in docs/quality-index.md).
 * QC_EINVAL naming the member for anything wrong: an unknown method, a
 * weight ≤ 0, a geometric aggregation of z-scores, a distance-to-target
 * indicator without a target, a duplicate key. */
enum qc_rc qc_qindex_parse(const char *text, size_t len,
			   struct qc_qindex_def **out, struct qc_error *err);
enum qc_rc qc_qindex_load(const char *path, struct qc_qindex_def **out,
			  struct qc_error *err);
void qc_qindex_def_free(struct qc_qindex_def *d);
const char *qc_qindex_norm_name(enum qc_qindex_norm n);
const char *qc_qindex_agg_name(enum qc_qindex_agg a);
const char *qc_qindex_missing_name(enum qc_qindex_missing m);

/* Raw values: x[r * n_ind + i] for region r and indicator i, present
 * where has[...] is true. */
struct qc_qindex_input {
	int year;
	size_t n_regions, n_ind;
	char (*code)[QC_REGION_CODE_SIZE];
	char **name;
	double *x;
	bool *has;
};
/* An empty matrix of n_regions × n_ind (every value missing). */
void qc_qindex_input_init(struct qc_qindex_input *in, size_t n_regions,
			  size_t n_ind);
void qc_qindex_input_release(struct qc_qindex_input *in);

/* The values stored for year (the series' value for period "YYYY", else
 * its latest period within the year) in the definition's regions
 * (region_parent, if not NULL, overrides them: the regions below it). */
enum qc_rc qc_qindex_gather(struct qc_store *s, const struct qc_qindex_def *d,
			    int year, const char *region_parent,
			    struct qc_qindex_input *out, struct qc_error *err);
/* Years with at least one value of the definition's series in the
 * region (region_parent, else the definition's parent) and below it,
 * ascending (caller frees *years). */
enum qc_rc qc_qindex_years(struct qc_store *s, const struct qc_qindex_def *d,
			   const char *region_parent, int **years, size_t *n,
			   struct qc_error *err);

struct qc_qindex_region {
	bool has_index; /* false: excluded (missing rule) or no data */
	double index;   /* 0–100 (z-score: a mean of z-scores) */
	int rank;       /* 1 = best; ties share a rank; 0 without index */
	size_t n_missing;
	double *score;   /* normalised, per indicator (NaN: missing) */
	double *contrib; /* arithmetic: w·score/Σw, summing to index;
				geometric: w·ln(score)/Σw, summing to
				ln(index) */
	bool *imputed;   /* the score came from the missing rule */
};
struct qc_qindex_result {
	size_t n_regions, n_ind;
	struct qc_qindex_region *r;
};

/* Compute the index of every region of in. weights (may be NULL: the
 * definition's effective ones) has n_ind entries, any positive scale.
 * QC_EINVAL if in does not match the definition. */
enum qc_rc qc_qindex_compute(const struct qc_qindex_def *d,
			     const struct qc_qindex_input *in,
			     const double *weights,
			     struct qc_qindex_result *out,
			     struct qc_error *err);
void qc_qindex_result_release(struct qc_qindex_result *res);

/* One weight moved by a factor and the regions whose rank changed. */
struct qc_qindex_shift {
	size_t region;
	int from, to;
};
struct qc_qindex_case {
	size_t ind;
	double factor; /* 0.8 or 1.2 */
	struct qc_qindex_shift *v;
	size_t n;
};
struct qc_qindex_sens {
	double delta;             /* 0.2 */
	struct qc_qindex_case *v; /* 2 per indicator: −, + */
	size_t n;
	int max_shift;    /* the largest |from − to| seen */
	size_t n_changed; /* cases that changed some rank */
};
/* Each weight in turn times (1 − delta) and (1 + delta), the others as
 * they are (all renormalised), and the ranks that change against base. */
enum qc_rc qc_qindex_sensitivity(const struct qc_qindex_def *d,
				 const struct qc_qindex_input *in,
				 const struct qc_qindex_result *base,
				 double delta, struct qc_qindex_sens *out,
				 struct qc_error *err);
void qc_qindex_sens_release(struct qc_qindex_sens *s);

/* The definition, inputs, result and (if not NULL) sensitivity as one
 * JSON object: what `qcity index`, the API and a publication show
 * (new reference). */
struct json_t *qc_qindex_json(const struct qc_qindex_def *d,
			      const struct qc_qindex_input *in,
			      const struct qc_qindex_result *res,
			      const struct qc_qindex_sens *sens);

#endif
