/* The header's candidates and the units' headings, shared by
 * sampling_map.c and sampling_units.c. */
#ifndef QCITY_SAMPLING_UNITS_H
#define QCITY_SAMPLING_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/sampling.h"

#define MAX_COLS 64

/* A row among the first of a table, as a header might be. */
struct candidate {
	int line;
	size_t n;
	char *label[MAX_COLS];
};

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
