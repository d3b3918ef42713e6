/* The header's candidates and the units' headings, shared by
 * sampling_map.c, sampling_pick.c and sampling_units.c. */
#ifndef QCITY_SAMPLING_UNITS_H
#define QCITY_SAMPLING_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/sampling.h"

#define MAX_COLS 64
/* How far down a table its header is looked for. */
#define HEADER_SCAN_ROWS 15

/* A row among the first of a table, as a header might be. */
struct candidate {
	int line;
	size_t n;
	char *label[MAX_COLS];
};

void qc_sampling_candidate_release(struct candidate *c);
/* How many distinct fields the labels name; fills col[] when given, and
 * names[] with the field each label names (-1 none). */
int qc_sampling_score(char *const *labels, size_t n, int col[QC_SF__COUNT],
		      int *names);

/* The first rows of a table and the header found among them. */
struct header_scan {
	struct candidate rows[HEADER_SCAN_ROWS];
	size_t n_rows;
	int best;        /* the header's row (its first, of two) */
	bool two_rows;   /* rows best and best + 1 read as one */
	bool subs;       /* row best + 1 holds the units' sub-headings */
	bool headerless; /* no header: the overrides or the kind name */
	bool by_kind;    /* the cells' kind names the columns (bare) */
	bool traditional;
	int bare[QC_SF__COUNT], brand; /* by_kind's columns */
	struct candidate built;        /* the header when not rows[best] */
	const struct candidate *h;     /* the header: rows[best] or built */
	size_t from;                   /* the first row of data under it */
	char *title;                   /* the text above it */
};

/* Reads up to HEADER_SCAN_ROWS rows of t into s and finds the header;
 * QC_EINVAL with a message naming --map when there is none. The caller
 * releases s (qc_sampling_scan_release) whatever the outcome. */
enum qc_rc qc_sampling_pick_header(struct qc_table *t,
				   const char *const *overrides,
				   size_t n_overrides, struct header_scan *s,
				   struct qc_error *err);
void qc_sampling_scan_release(struct header_scan *s);
/* Rows [from, n_rows) of s as cells and counts; returns how many. */
size_t qc_sampling_scan_below(struct header_scan *s, size_t from,
			      char **below[HEADER_SCAN_ROWS],
			      size_t nn[HEADER_SCAN_ROWS]);

/* How many cells b writes at its start, each folding to one of words,
 * with nothing written after them; 0 if another cell is written. */
size_t qc_sampling_words_at_start(const struct candidate *b,
				  const char *const *words, size_t n_words);
/* Is label what a unit's heading has under it (名称, 地址, 所在地)? */
bool qc_sampling_is_sub_heading(const char *label);
/* The units' sub-headings (名称, 地址) on row b under header h: true with
 * out the header read with them (生产企业名称, 生产企业地址…); the caller
 * releases out. */
bool qc_sampling_sub_headings(const struct candidate *h,
			      const struct candidate *b, struct candidate *out);
/* A credit code heading naming its unit (生产企业统一社会信用代码 beside
 * 受检单位统一社会信用代码): the producer's is the credit code; one
 * naming only the sampled unit is kept only where the unit is the
 * enterprise (m->uscc_sampled). */
void qc_sampling_code_owner(struct qc_sampling_map *m,
			    const struct candidate *h);
/* A place column with no owner named (企业所在地) beside a sampled unit
 * and a producer: the sampled unit's (m->place) when the rows under
 * the header (rows[0 .. n_rows)) say so. */
void qc_sampling_place_of_sampled(struct qc_sampling_map *m,
				  const struct candidate *h,
				  const struct candidate *rows, size_t n_rows);

#endif
