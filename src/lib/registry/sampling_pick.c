/* Finding the header of a published sampling table among its first rows:
 * one row, two rows read as one (生产企业 over 名称), a row over the
 * units' sub-headings, or none (the cells' kind names the columns). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/sampling.h"
#include "qcity/table.h"
#include "qcity/text.h"
#include "sampling_int.h"
#include "sampling_sentence.h"
#include "sampling_units.h"
#include "banned.h"

void qc_sampling_candidate_release(struct candidate *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->label[i]);
	c->n = 0;
}

/* s without what its brackets, ( ) or （ ）, enclose; the caller frees. */
static char *unbracketed(const char *s)
{
	char *out = qc_xmalloc(strlen(s) + 1), *w = out;
	int depth = 0;

	for (const char *p = s; *p;) {
		if (*p == '(' || !strncmp(p, "（", strlen("（"))) {
			depth++;
			p += *p == '(' ? 1 : strlen("（");
		} else if (*p == ')' || !strncmp(p, "）", strlen("）"))) {
			depth -= depth > 0;
			p += *p == ')' ? 1 : strlen("）");
		} else if (depth) {
			p++;
		} else {
			*w++ = *p++;
		}
	}
	*w = '\0';
	return out;
}

/* Does a result heading give the overall verdict (综合判定, 综合结论)? */
static bool overall(const char *label)
{
	return strstr(label, "综合") != NULL;
}

/* A cell counting batches or units (抽样的51批次产品中, 共抽查出…2家经销
 * 单位的…, 黑龙江 2022): a report's sentence, no heading. */
static bool counts(const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p >= '0' && *p <= '9' && !(p[1] >= '0' && p[1] <= '9') &&
		    (!strncmp(p + 1, "批次", strlen("批次")) ||
		     !strncmp(p + 1, "家", strlen("家"))))
			return true;
	return false;
}

int qc_sampling_score(char *const *labels, size_t n, int col[QC_SF__COUNT],
		      int *names)
{
	int seen[QC_SF__COUNT], count = 0;
	for (int f = 0; f < QC_SF__COUNT; f++)
		seen[f] = -1;
	for (size_t i = 0; i < n; i++) {
		char *folded = qc_sampling_fold(labels[i]);
		int f = qc_sampling_field_of(folded);
		bool exact = qc_sampling_field_exact(folded) >= 0;
		free(folded);
		/* A word put in brackets inside a heading (受检(样品采集)
		 * 单位, whose 样品 alone reads as the product): the heading
		 * without it, when that is a heading of the catalogue, else
		 * when the whole names no field; never when the whole is a
		 * heading already (被抽样单位（地址） is the unit's
		 * address, not the unit). */
		if (!exact &&
		    (strchr(labels[i], '(') || strstr(labels[i], "（"))) {
			char *bare = unbracketed(labels[i]);
			int g;
			folded = qc_sampling_fold(bare);
			g = qc_sampling_field_exact(folded);
			if (g < 0 && f < 0)
				g = qc_sampling_field_of(folded);
			if (g >= 0)
				f = g;
			free(folded);
			free(bare);
		}
		if (f >= 0 && counts(labels[i]))
			f = -1;
		if (f >= 0 && seen[f] < 0) {
			seen[f] = (int)i;
			count++;
		} else if (f == QC_SF_RESULT && overall(labels[i]) &&
			   !overall(labels[seen[f]])) {
			/* 综合判定 after 实物质量是否合格 (and 标识…): the
			 * verdict, the others parts of it. */
			seen[f] = (int)i;
		}
		if (names)
			names[i] = f;
	}
	if (col)
		memcpy(col, seen, sizeof(seen));
	return count;
}

static size_t distinct_values(const struct candidate *c)
{
	size_t d = 0;
	for (size_t i = 0; i < c->n; i++) {
		bool dup = !*c->label[i];
		for (size_t k = 0; k < i && !dup; k++)
			dup = !strcmp(c->label[i], c->label[k]);
		d += !dup;
	}
	return d;
}

/* Can `a` head a header spread over two rows: has it a merged cell (one
 * left blank, or written again in the next column: 生产企业 over 名称 and
 * 地址) within the span of either row? A header whose every heading
 * stands alone is one row, and the row under it is data, even where a
 * cell of it reads like a heading (2024-10-26(购进日期) under
 * 生产/购进/检疫日期). */
static bool spans(const struct candidate *a, const struct candidate *b)
{
	size_t end = 0;
	for (size_t i = 0; i < a->n; i++)
		if (*a->label[i])
			end = i + 1;
	for (size_t i = 0; i < b->n; i++)
		if (*b->label[i] && i + 1 > end)
			end = i + 1;
	for (size_t i = 0; i < end; i++)
		if (i >= a->n || !*a->label[i] ||
		    (i > 0 && !strcmp(a->label[i], a->label[i - 1])))
			return true;
	return false;
}

/* Does an override ("field=COLUMN") name its column by number? */
static bool by_number(const char *ov)
{
	const char *eq = strchr(ov, '=');
	if (!eq || !eq[1])
		return false;
	for (const char *p = eq + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

/* Labels of two header rows read as one: "生产企业" over "名称". */
static void combine(const struct candidate *a, const struct candidate *b,
		    char **out, size_t *n)
{
	*n = a->n > b->n ? a->n : b->n;
	for (size_t i = 0; i < *n; i++) {
		const char *x = i < a->n ? a->label[i] : "";
		const char *y = i < b->n ? b->label[i] : "";
		/* A unit written once over 名称 and 地址 (受检单位, then a
		 * blank cell): the blank's sub-heading is that unit's. */
		size_t k = i;
		while (!*x && *y && k > 0 && k - 1 < a->n && !*a->label[k - 1])
			k--;
		if (!*x && *y && k > 0 && k - 1 < a->n && k - 1 < b->n &&
		    qc_sampling_is_sub_heading(y) &&
		    qc_sampling_is_sub_heading(b->label[k - 1]))
			x = a->label[k - 1];
		struct qc_buf buf = QC_BUF_INIT;
		qc_buf_init(&buf, 0);
		qc_buf_adds(&buf, x);
		if (strcmp(x, y))
			qc_buf_adds(&buf, y);
		out[i] = qc_buf_detach(&buf, NULL);
	}
}

/* The text above the header: a caption such as "2019年某产品监督抽查不合格
 * 产品名单". */
static char *title_of(const struct candidate *rows, int header)
{
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_init(&b, 4096);
	for (int i = 0; i < header; i++)
		for (size_t k = 0; k < rows[i].n; k++)
			if (*rows[i].label[k] &&
			    (k == 0 ||
			     strcmp(rows[i].label[k], rows[i].label[k - 1]))) {
				if (qc_buf_len(&b))
					qc_buf_addch(&b, ' ');
				qc_buf_adds(&b, rows[i].label[k]);
			}
	if (qc_buf_failed(&b)) {
		qc_buf_release(&b);
		return qc_xstrdup("");
	}
	return qc_buf_detach(&b, NULL);
}

size_t qc_sampling_scan_below(struct header_scan *s, size_t from,
			      char **below[HEADER_SCAN_ROWS],
			      size_t nn[HEADER_SCAN_ROWS])
{
	for (size_t k = from; k < s->n_rows; k++) {
		below[k - from] = s->rows[k].label;
		nn[k - from] = s->rows[k].n;
	}
	return from < s->n_rows ? s->n_rows - from : 0;
}

/* The first rows read, in simplified characters when the table is in
 * traditional ones (a 繁體 mirror), like the catalogue. The marks are
 * few, so the test is on the rows above the data. */
static int read_rows(struct qc_table *t, struct header_scan *s,
		     struct qc_error *err)
{
	struct qc_table_row *row;
	int r = 1;

	while (s->n_rows < HEADER_SCAN_ROWS &&
	       (r = qc_table_next(t, &row, err)) == 1) {
		struct candidate *c = &s->rows[s->n_rows++];
		c->line = row->line;
		c->n = row->n < MAX_COLS ? row->n : MAX_COLS;
		for (size_t i = 0; i < c->n; i++)
			c->label[i] = qc_xstrdup(row->cells[i]);
	}
	for (size_t i = 0; i < s->n_rows && !s->traditional; i++)
		for (size_t k = 0; k < s->rows[i].n && !s->traditional; k++)
			s->traditional =
				qc_text_has_traditional(s->rows[i].label[k],
							strlen(s->rows[i].label
								       [k]));
	for (size_t i = 0; s->traditional && i < s->n_rows; i++)
		for (size_t k = 0; k < s->rows[i].n; k++) {
			char *simple = qc_sampling_rd_simplify(
				s->rows[i].label[k]);
			free(s->rows[i].label[k]);
			s->rows[i].label[k] = simple;
		}
	return r;
}

/* The row naming most fields, alone or with the row under it. */
static int best_row(struct header_scan *s)
{
	int best_score = 0;

	for (size_t i = 0; i < s->n_rows; i++) {
		int sc = qc_sampling_score(s->rows[i].label, s->rows[i].n, NULL,
					   NULL);
		if (sc > best_score) {
			best_score = sc;
			s->best = (int)i;
			s->two_rows = false;
		}
		if (i + 1 < s->n_rows && distinct_values(&s->rows[i]) > 1 &&
		    spans(&s->rows[i], &s->rows[i + 1])) {
			char *lab[MAX_COLS];
			size_t n;
			combine(&s->rows[i], &s->rows[i + 1], lab, &n);
			sc = qc_sampling_score(lab, n, NULL, NULL);
			for (size_t k = 0; k < n; k++)
				free(lab[k]);
			if (sc > best_score) {
				best_score = sc;
				s->best = (int)i;
				s->two_rows = true;
			}
		}
	}
	return best_score;
}

/* Whether rows i and i + 1 are one record wrapped (qc_sampling_wrapped). */
static bool wraps_at(const struct header_scan *s, size_t i)
{
	return i + 1 < s->n_rows &&
	       qc_sampling_wrapped(s->rows[i].label, s->rows[i].n,
				   s->rows[i + 1].label, s->rows[i + 1].n);
}

/* The rows from `from`, a record wrapped over two made one (its cells
 * in joined[k], which the caller frees); their number. */
static size_t rows_joined(struct header_scan *s, size_t from,
			  char **cells[HEADER_SCAN_ROWS],
			  size_t n[HEADER_SCAN_ROWS],
			  char **joined[HEADER_SCAN_ROWS])
{
	size_t rows = 0;
	for (size_t k = from; k < s->n_rows; k++, rows++) {
		struct candidate *c = &s->rows[k];
		joined[rows] = NULL;
		cells[rows] = c->label;
		n[rows] = c->n;
		if (!wraps_at(s, k))
			continue;
		joined[rows] = qc_xreallocarray(NULL, MAX_COLS, sizeof(char *));
		n[rows] = qc_sampling_join_wrapped(c->label, c[1].label, c[1].n,
						   joined[rows], MAX_COLS);
		cells[rows] = joined[rows];
		k++;
	}
	return rows;
}

enum qc_rc qc_sampling_pick_header(struct qc_table *t,
				   const char *const *overrides,
				   size_t n_overrides, struct header_scan *s,
				   struct qc_error *err)
{
	int best_score;

	memset(s, 0, sizeof(*s));
	s->best = -1;
	s->brand = -1;
	(void)read_rows(t, s, err);
	best_score = best_row(s);
	/* No header at all (a caption, then the rows): the kind of the
	 * cells names the columns, or --map must (qc_sampling_bare). */
	for (size_t i = 0; best_score < 2 && !n_overrides && i < s->n_rows; i++)
		if (distinct_values(&s->rows[i]) > 1 || wraps_at(s, i)) {
			/* A sentence of a failure cut at its commas (莆田
			 * 2024: …生产的纸杯(…)…项目不合格;…) is no row:
			 * the sentences are read (sampling_sentences.c). */
			if (qc_sentence_cells(s->rows[i].label, s->rows[i].n))
				break;
			char **cells[HEADER_SCAN_ROWS],
				**joined[HEADER_SCAN_ROWS];
			size_t n[HEADER_SCAN_ROWS];
			size_t rows = rows_joined(s, i, cells, n, joined);
			if (qc_sampling_bare((char **const *)cells, n, rows,
					     s->bare, &s->brand)) {
				s->best = (int)i;
				best_score = 2;
				s->headerless = s->by_kind = true;
			}
			for (size_t k = 0; k < rows; k++)
				free(joined[k]);
			break;
		}
	if (best_score < 2 && n_overrides) {
		/* Labels we do not know: the first row with several distinct
		 * texts is the header the overrides refer to; when they all
		 * name columns by number, it is the first row of data of a
		 * table that has no header (a caption, then the rows). */
		for (size_t i = 0; i < s->n_rows && best_score < 2; i++)
			if (distinct_values(&s->rows[i]) > 1) {
				s->best = (int)i;
				best_score = 2;
				s->two_rows = false;
			}
		s->headerless = true;
		for (size_t i = 0; i < n_overrides; i++)
			s->headerless &= by_number(overrides[i]);
	}
	if (s->best < 0 || best_score < 2)
		return qc_error_set(err, QC_EINVAL,
				    "no header row found in the "
				    "first %d rows: expected labels such as "
				    "产品名称, 生产企业名称, 检验结论; if the "
				    "table uses others, name its columns with "
				    "--map product=COLUMN --map "
				    "enterprise=COLUMN --map result=COLUMN",
				    HEADER_SCAN_ROWS);
	const struct candidate *b = &s->rows[s->best];
	s->h = b;
	if (s->headerless) {
		s->built.n = b->n;
		/* A first record wrapped over two lines: its width. */
		if (s->by_kind && wraps_at(s, (size_t)s->best) &&
		    b[1].n + 1 > s->built.n)
			s->built.n = b[1].n + 1 < MAX_COLS ? b[1].n + 1 :
							     MAX_COLS;
		s->built.line = b->line - 1;
		for (size_t i = 0; i < s->built.n; i++)
			s->built.label[i] = qc_xstrdup("");
		s->h = &s->built;
	} else if (s->two_rows) {
		combine(b, b + 1, s->built.label, &s->built.n);
		s->built.line = b[1].line;
		s->h = &s->built;
	} else if ((size_t)s->best + 1 < s->n_rows &&
		   qc_sampling_sub_headings(b, b + 1, &s->built)) {
		s->subs = true;
		s->h = &s->built;
	}
	s->from = (size_t)s->best + 1 + (s->two_rows || s->subs);
	s->title = title_of(s->rows, s->best);
	return QC_OK;
}

void qc_sampling_scan_release(struct header_scan *s)
{
	qc_sampling_candidate_release(&s->built);
	for (size_t i = 0; i < s->n_rows; i++)
		qc_sampling_candidate_release(&s->rows[i]);
	free(s->title);
	s->title = NULL;
}
