/* Merged cells as a page left them: a cell written once and left empty
 * below is the row above's where the row shows it is merged; a product
 * cell may carry its verdict (0#车用柴油不合格). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "sampling_int.h"
#include "banned.h"

/* Columns that say something of the sample, not name it: an empty cell
 * of them under a written one is a merged cell. */
static bool is_attribute(const struct qc_sampling_map *m, int c)
{
	static const enum qc_sfield attribute[] = {
		QC_SF_DATE, QC_SF_BODY,  QC_SF_REGION,   QC_SF_LEVEL,
		QC_SF_PLAN, QC_SF_BATCH, QC_SF_CATEGORY,
	};
	for (size_t i = 0; i < sizeof(attribute) / sizeof(attribute[0]); i++)
		if (m->col[attribute[i]] == c)
			return true;
	return c == m->place;
}

/* Does the row leave empty an attribute column written above (the
 * laboratory, the date, the category ...)? */
static bool merged_beside(const struct qc_sampling_map *m,
			  const struct sampling_reader *rd,
			  const char *const *cells)
{
	for (int c = 0; c < m->n_cols; c++)
		if (is_attribute(m, c) && rd->above[c] && !*cells[c])
			return true;
	return false;
}

/* Does the row show a merged cell other than column c: a name (the
 * product, the sampled unit, the producer) or an attribute other than
 * the date left empty under one written above? */
static bool merged_other(const struct qc_sampling_map *m,
			 const struct sampling_reader *rd, int c,
			 const char *const *cells)
{
	int dc = m->col[QC_SF_DATE];

	for (int d = 0; d < m->n_cols; d++) {
		if (d == c || d == dc || !rd->above[d] || *cells[d])
			continue;
		if (is_attribute(m, d) || d == m->col[QC_SF_PRODUCT] ||
		    d == m->col[QC_SF_SAMPLED] || d == m->col[QC_SF_ENTERPRISE])
			return true;
	}
	return false;
}

/* Columns whose cell, left empty below one written above, is a merged
 * cell: the same value as the row above. */
static bool carries(const struct qc_sampling_map *m,
		    const struct sampling_reader *rd, int c,
		    const char *const *cells, const unsigned char *state)
{
	int ec = m->col[QC_SF_ENTERPRISE], sc = m->col[QC_SF_SAMPLED];

	/* A date alone left empty is a date left out (--date, or the row
	 * refused), not the row above's: only beside another merged cell. */
	if (c == m->col[QC_SF_DATE])
		return merged_other(m, rd, c, cells);
	/* Another attribute only where the row shows a merged cell: past
	 * its last written cell, dropped by the page (a short row), or
	 * beside another; one alone in the middle is one left empty. */
	if (is_attribute(m, c))
		return state[c] == QC_CELL_MISSING ||
		       merged_other(m, rd, c, cells);
	/* A failure has failed items: in a list of failures an empty cell
	 * of them is the one above, merged. */
	if (c == m->col[QC_SF_FAILED])
		return m->verdict == 0 || m->listed == 0 || rd->all_failed;
	/* A name (the product, the sampled unit, the producer) only in a
	 * row that shows a merged cell beside it: alone, an empty name is
	 * a name left out. */
	if (!merged_beside(m, rd, cells))
		return false;
	if (c == m->col[QC_SF_PRODUCT] || c == sc)
		return true;
	/* An address or a code only with the name it belongs to. */
	if (c == m->col[QC_SF_SAMPLED_ADDRESS])
		return sc >= 0 && !*cells[sc];
	if (c == m->col[QC_SF_ADDRESS] || c == m->col[QC_SF_USCC])
		if (ec < 0 || *cells[ec])
			return false;
	/* The producer only where the row names no sampled unit of its
	 * own: one left blank beside a shop is food made where it is
	 * sold. */
	if (c == ec || c == m->col[QC_SF_ADDRESS] || c == m->col[QC_SF_USCC])
		return sc < 0 || sc == ec || !*cells[sc];
	return false;
}

/* The cell kept for the rows below: a product without its verdict
 * (0#车用柴油不合格), which is that row's alone. */
static char *above_of(const struct qc_sampling_map *m, int c, const char *cell)
{
	char *rest = NULL;

	if (c == m->col[QC_SF_PRODUCT] &&
	    qc_sampling_product_verdict(cell, &rest) >= 0) {
		if (!qc_sampling_blank(rest))
			return rest;
		free(rest);
	}
	return qc_xstrdup(cell);
}

void qc_sampling_carry(const struct qc_sampling_map *m,
		       struct sampling_reader *rd, const char **cells,
		       const unsigned char *state)
{
	size_t n = (size_t)m->n_cols;
	bool take[QC_SAMPLING_COLS];

	for (size_t c = 0; c < n; c++)
		take[c] = rd->above[c] && !*cells[c] &&
			  state[c] != QC_CELL_UNSURE &&
			  carries(m, rd, (int)c, cells, state);
	for (size_t c = 0; c < n; c++) {
		if (take[c]) {
			cells[c] = rd->above[c];
		} else if (*cells[c]) {
			free(rd->above[c]);
			rd->above[c] = above_of(m, (int)c, cells[c]);
		}
	}
}

int qc_sampling_product_verdict(const char *product, char **rest)
{
	static const struct {
		const char *word;
		int passed;
	} words[] = { { "不合格", 0 }, { "合格", 1 } };
	size_t n = strlen(product), no = strlen("不");

	*rest = NULL;
	for (size_t i = 0; i < 2; i++) {
		size_t k = strlen(words[i].word);
		/* A verdict alone (不合格) is no product carrying one. */
		if (n == k && !strcmp(product, words[i].word))
			return -1;
		if (n <= k || strcmp(product + n - k, words[i].word))
			continue;
		/* 合格 is not the end of 不合格, left to the one before. */
		if (words[i].passed && n - k >= no &&
		    !memcmp(product + n - k - no, "不", no))
			return -1;
		/* 0#车用柴油不合格: the product, then what it was found. */
		*rest = qc_xmalloc(n - k + 1);
		memcpy(*rest, product, n - k);
		(*rest)[n - k] = '\0';
		return words[i].passed;
	}
	return -1;
}
