/* Recognising the header of a published sampling table: which column is
 * the product, the enterprise, the result ... whatever the authority
 * called it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "qcity/alloc.h"
#include "qcity/sampling.h"
#include "qcity/table.h"
#include "qcity/text.h"
#include "sampling_int.h"
#include "banned.h"

#define HEADER_SCAN_ROWS 15
#define MAX_COLS 64

struct candidate {
	int line;
	size_t n;
	char *label[MAX_COLS];
};

static void candidate_release(struct candidate *c)
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

/* How many distinct fields the labels name; fills col[] when given. */
static int score(char *const *labels, size_t n, int col[QC_SF__COUNT])
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
		if (f >= 0 && seen[f] < 0) {
			seen[f] = (int)i;
			count++;
		}
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
		struct qc_buf buf = QC_BUF_INIT;
		qc_buf_init(&buf, 0);
		qc_buf_adds(&buf, x);
		if (strcmp(x, y))
			qc_buf_adds(&buf, y);
		out[i] = qc_buf_detach(&buf, NULL);
	}
}

static enum qc_rc apply_override(const char *ov, const struct candidate *h,
				 struct qc_sampling_map *m,
				 struct qc_error *err)
{
	const char *eq = strchr(ov, '=');
	int f = -1, col = -1;

	for (int i = 0; eq && i < QC_SF__COUNT; i++)
		if (strlen(qc_sfield_name((enum qc_sfield)i)) ==
			    (size_t)(eq - ov) &&
		    !strncmp(ov, qc_sfield_name((enum qc_sfield)i),
			     (size_t)(eq - ov)))
			f = i;
	if (!eq || f < 0)
		return qc_error_set(err, QC_EINVAL,
				    "--map '%s': expected "
				    "FIELD=COLUMN with FIELD one of product, "
				    "enterprise, result, date, lot, spec, ...",
				    ov);
	char *end;
	long k = strtol(eq + 1, &end, 10);
	if (*end == '\0' && end != eq + 1) {
		if (k < 1 || (size_t)k > h->n)
			return qc_error_set(err, QC_EINVAL,
					    "--map '%s': the header has %zu "
					    "columns, there is no column %ld",
					    ov, h->n, k);
		col = (int)k - 1;
	}
	char *simple = qc_sampling_rd_simplify(eq + 1);
	char *want = qc_sampling_fold(simple);
	for (size_t i = 0; col < 0 && i < h->n; i++) {
		char *have = qc_sampling_fold(h->label[i]);
		if (!strcmp(h->label[i], simple) ||
		    (*want && !strcmp(have, want)))
			col = (int)i;
		free(have);
	}
	free(want);
	free(simple);
	if (col < 0)
		return qc_error_set(err, QC_EINVAL,
				    "--map '%s': no column "
				    "'%s' in the header",
				    ov, eq + 1);
	m->col[f] = col;
	return QC_OK;
}

void qc_sampling_map_release(struct qc_sampling_map *m)
{
	for (int f = 0; f < QC_SF__COUNT; f++) {
		free(m->label[f]);
		m->label[f] = NULL;
	}
	for (size_t c = 0; c < QC_SAMPLING_COLS; c++) {
		free(m->heading[c]);
		m->heading[c] = NULL;
	}
	free(m->title);
	m->title = NULL;
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

/* The sampled unit's place: a column whose heading names it (被抽样单位
 * 所在地区, 受检单位省份), or a place with no owner named (所属区, 所在
 * 旗区, 所在地) in a table naming a producer beside the sampled unit; a
 * place naming the producer (生产单位所在地) stays the region. Where the
 * sampled unit is the enterprise, a place with no owner named is its
 * region, as before. */
static void find_place(struct qc_sampling_map *m, const struct candidate *h)
{
	static const char *const placey[] = { "所在地", "所属",    "省份",
					      "区县",   "旗区",    "地区",
					      "所在区", "行政区划" };
	static const char *const sampled[] = { "受检", "被抽", "被采", "被检",
					       "销售", "经营", "抽样" };
	static const char *const producer[] = { "生产", "企业", "厂" };
	int sc = m->col[QC_SF_SAMPLED];
	bool both = m->col[QC_SF_ENTERPRISE] >= 0 &&
		    m->col[QC_SF_ENTERPRISE] != sc;

	m->place = -1;
	for (size_t c = 0; sc >= 0 && c < h->n && m->place < 0; c++) {
		char *f = qc_sampling_fold(h->label[c]);
		bool is_place = false, is_sampled = false, is_producer = false;
		for (size_t i = 0; i < sizeof(placey) / sizeof(placey[0]); i++)
			is_place |= strstr(f, placey[i]) != NULL;
		for (size_t i = 0; i < sizeof(sampled) / sizeof(sampled[0]);
		     i++)
			is_sampled |= strstr(f, sampled[i]) != NULL;
		for (size_t i = 0; i < sizeof(producer) / sizeof(producer[0]);
		     i++)
			is_producer |= strstr(f, producer[i]) != NULL;
		free(f);
		if (!is_place || (is_producer && !is_sampled) ||
		    (!is_sampled && !both) || (int)c == sc)
			continue;
		bool other = false;
		for (int k = 0; k < QC_SF__COUNT; k++)
			other |= k != QC_SF_REGION && m->col[k] == (int)c;
		if (other)
			continue;
		if (m->col[QC_SF_REGION] == (int)c)
			m->col[QC_SF_REGION] = -1;
		m->place = (int)c;
	}
}

/* A heading over sub-headings as a page flattens it: the row under the
 * header holds only the sub-headings, written at its start (行政区划 over
 * 市 and 县区 gives a row 市, 县区, then empty cells). Sub-headings that
 * are levels of division belong under the place column; a row of data
 * then writes the group's cells apart (石家庄市, 藁城区) or, merged, as
 * one (定州市). True, with m->group and m->group_n set, if `b` is such a
 * row. */
static bool find_group(struct qc_sampling_map *m, const struct candidate *b)
{
	static const char *const levels[] = {
		"省",     "市",   "县",   "区",   "县区", "区县",
		"县市区", "市县", "地市", "市州", "乡镇", "街道"
	};
	int g = m->place >= 0 ? m->place : m->col[QC_SF_REGION];
	size_t k = 0;

	while (k < b->n && *b->label[k])
		k++;
	if (g < 0 || k < 2 || (int)k >= m->n_cols)
		return false;
	for (size_t i = k; i < b->n; i++)
		if (*b->label[i])
			return false;
	for (size_t i = 0; i < k; i++) {
		char *f = qc_sampling_fold(b->label[i]);
		bool level = false;
		for (size_t l = 0; l < sizeof(levels) / sizeof(levels[0]); l++)
			level |= !strcmp(f, levels[l]);
		free(f);
		if (!level)
			return false;
	}
	m->group = g;
	m->group_n = (int)k;
	return true;
}

/* Each column's heading and what it holds (qc_sampling_holds). */
static void column_holds(struct qc_sampling_map *m, const struct candidate *h)
{
	for (size_t c = 0; c < h->n && c < QC_SAMPLING_COLS; c++) {
		int field = -1;
		for (int k = 0; k < QC_SF__COUNT; k++)
			if (m->col[k] == (int)c && field < 0)
				field = k;
		char *f = qc_sampling_fold(h->label[c]);
		m->holds[c] = (int)c == m->place ? QC_HOLDS_PLACE :
						   qc_sampling_holds(field, f);
		free(f);
		m->heading[c] = qc_xstrdup(h->label[c]);
	}
}

enum qc_rc qc_sampling_map_header(struct qc_table *t,
				  const char *const *overrides,
				  size_t n_overrides, struct qc_sampling_map *m,
				  struct qc_error *err)
{
	struct candidate rows[HEADER_SCAN_ROWS];
	struct qc_table_row *row;
	char *merged[MAX_COLS];
	size_t n_rows = 0, n_merged = 0;
	int best = -1, best_score = 0, r;
	bool two_rows = false, headerless = false;
	struct candidate blank = { 0 };
	enum qc_rc rc = QC_OK;

	memset(m, 0, sizeof(*m));
	m->place = -1;
	while (n_rows < HEADER_SCAN_ROWS &&
	       (r = qc_table_next(t, &row, err)) == 1) {
		struct candidate *c = &rows[n_rows++];
		c->line = row->line;
		c->n = row->n < MAX_COLS ? row->n : MAX_COLS;
		for (size_t i = 0; i < c->n; i++)
			c->label[i] = qc_xstrdup(row->cells[i]);
	}
	/* A table in traditional characters (a 繁體 mirror) is read in
	 * simplified, headings, title and cells, like the catalogue. The
	 * marks are few, so the test is on the rows above the data. */
	for (size_t i = 0; i < n_rows && !m->traditional; i++)
		for (size_t k = 0; k < rows[i].n && !m->traditional; k++)
			m->traditional =
				qc_text_has_traditional(rows[i].label[k],
							strlen(rows[i].label[k]));
	for (size_t i = 0; m->traditional && i < n_rows; i++)
		for (size_t k = 0; k < rows[i].n; k++) {
			char *simple = qc_sampling_rd_simplify(
				rows[i].label[k]);
			free(rows[i].label[k]);
			rows[i].label[k] = simple;
		}
	for (size_t i = 0; i < n_rows; i++) {
		int sc = score(rows[i].label, rows[i].n, NULL);
		if (sc > best_score) {
			best_score = sc;
			best = (int)i;
			two_rows = false;
		}
		if (i + 1 < n_rows && distinct_values(&rows[i]) > 1 &&
		    spans(&rows[i], &rows[i + 1])) {
			char *lab[MAX_COLS];
			size_t n;
			combine(&rows[i], &rows[i + 1], lab, &n);
			sc = score(lab, n, NULL);
			for (size_t k = 0; k < n; k++)
				free(lab[k]);
			if (sc > best_score) {
				best_score = sc;
				best = (int)i;
				two_rows = true;
			}
		}
	}
	/* No header at all (a caption, then the rows): the kind of the
	 * cells names the columns, or --map must (qc_sampling_bare). */
	int bare[QC_SF__COUNT];
	bool by_kind = false;
	for (size_t i = 0; best_score < 2 && !n_overrides && i < n_rows; i++)
		if (distinct_values(&rows[i]) > 1) {
			char **cells[HEADER_SCAN_ROWS];
			size_t n[HEADER_SCAN_ROWS];
			for (size_t k = i; k < n_rows; k++) {
				cells[k - i] = rows[k].label;
				n[k - i] = rows[k].n;
			}
			if (qc_sampling_bare((char **const *)cells, n,
					     n_rows - i, bare)) {
				best = (int)i;
				best_score = 2;
				headerless = by_kind = true;
			}
			break;
		}
	if (best_score < 2 && n_overrides) {
		/* Labels we do not know: the first row with several distinct
		 * texts is the header the overrides refer to; when they all
		 * name columns by number, it is the first row of data of a
		 * table that has no header (a caption, then the rows). */
		for (size_t i = 0; i < n_rows && best_score < 2; i++)
			if (distinct_values(&rows[i]) > 1) {
				best = (int)i;
				best_score = 2;
				two_rows = false;
			}
		headerless = true;
		for (size_t i = 0; i < n_overrides; i++)
			headerless &= by_number(overrides[i]);
	}
	if (best < 0 || best_score < 2) {
		rc = qc_error_set(err, QC_EINVAL,
				  "no header row found in the "
				  "first %d rows: expected labels such as "
				  "产品名称, 生产企业名称, 检验结论; if the table "
				  "uses others, name its columns with --map "
				  "product=COLUMN --map enterprise=COLUMN --map "
				  "result=COLUMN",
				  HEADER_SCAN_ROWS);
		goto out;
	}
	const struct candidate *h = &rows[best];
	struct candidate joined = { 0 };
	if (headerless) {
		blank.n = rows[best].n;
		blank.line = rows[best].line - 1;
		for (size_t i = 0; i < blank.n; i++)
			blank.label[i] = qc_xstrdup("");
		h = &blank;
	}
	if (two_rows) {
		combine(&rows[best], &rows[best + 1], merged, &n_merged);
		joined.n = n_merged;
		memcpy(joined.label, merged, n_merged * sizeof(char *));
		joined.line = rows[best + 1].line;
		h = &joined;
	}
	score(h->label, h->n, m->col);
	if (by_kind) {
		memcpy(m->col, bare, sizeof(bare));
	} else {
		size_t from = (size_t)best + 1 + two_rows, nn[HEADER_SCAN_ROWS];
		char **below[HEADER_SCAN_ROWS];
		for (size_t k = from; k < n_rows; k++) {
			below[k - from] = rows[k].label;
			nn[k - from] = rows[k].n;
		}
		qc_sampling_headings_by_kind(h->label, h->n,
					     (char **const *)below, nn,
					     from < n_rows ? n_rows - from : 0,
					     m->col);
	}
	m->header_line = h->line;
	m->n_cols = 0;
	for (size_t i = 0; i < h->n; i++)
		if (*h->label[i])
			m->n_cols = (int)i + 1;
	m->title = title_of(rows, best);
	if (m->n_cols > 0) {
		char *last = qc_sampling_fold(h->label[m->n_cols - 1]);
		/* 不符合(项): 北京市市场监督管理局 2022. */
		static const char *const free_text[] = { "备注",  "说明",
							 "原因",  "情况",
							 "问题",  "不合格",
							 "不符合" };
		for (size_t i = 0; i < sizeof(free_text) / sizeof(free_text[0]);
		     i++)
			m->last_free |= strstr(last, free_text[i]) != NULL;
		free(last);
	}
	m->level_hint = qc_sampling_title_level(m->title);
	for (size_t i = 0; !rc && i < n_overrides; i++)
		rc = apply_override(overrides[i], h, m, err);
	/* Unless --map says which column is the result or the items. */
	bool chosen = false;
	for (size_t i = 0; i < n_overrides; i++)
		chosen |= !strncmp(overrides[i], "result=", 7) ||
			  !strncmp(overrides[i], "failed_items=", 13);
	if (!rc && !chosen)
		qc_sampling_items_column(m, h->label, h->n);
	/* No producer column: the sampled unit is the enterprise. */
	if (m->col[QC_SF_ENTERPRISE] < 0 && m->col[QC_SF_SAMPLED] >= 0) {
		m->col[QC_SF_ENTERPRISE] = m->col[QC_SF_SAMPLED];
		if (m->col[QC_SF_ADDRESS] < 0)
			m->col[QC_SF_ADDRESS] = m->col[QC_SF_SAMPLED_ADDRESS];
	}
	if (!rc)
		find_place(m, h);
	if (!rc && !two_rows && !headerless && best + 1 < (int)n_rows &&
	    find_group(m, &rows[best + 1]))
		m->header_line = rows[best + 1].line;
	for (int f = 0; !rc && f < QC_SF__COUNT; f++)
		if (m->col[f] >= 0 && (size_t)m->col[f] < h->n)
			m->label[f] = qc_xstrdup(h->label[m->col[f]]);
		else
			m->col[f] = -1;
	if (!rc)
		column_holds(m, h);
	if (!rc && m->col[QC_SF_RESULT] >= 0 &&
	    qc_sampling_grade_heading(m->label[QC_SF_RESULT]))
		rc = qc_error_set(err, QC_EINVAL,
				  "column '%s' is a quality grade (合格品, "
				  "优等品, 一等品), not a sampling result; "
				  "map the result column with --map "
				  "result=COLUMN, or give --all-failed for "
				  "a list of failures",
				  m->label[QC_SF_RESULT]);
	/* Without a result column the title tells (不合格产品名单), else a
	 * column of failed items gives each row's verdict. */
	m->verdict = -1;
	m->listed = qc_sampling_title_verdict(m->title);
	if (m->col[QC_SF_RESULT] < 0) {
		m->verdict = m->listed;
		/* Headings that say it: 不合格加油站, 不合格产品名称. */
		static const enum qc_sfield named[] = { QC_SF_PRODUCT,
							QC_SF_ENTERPRISE,
							QC_SF_SAMPLED };
		for (size_t i = 0; m->verdict < 0 && i < 3; i++)
			if (m->label[named[i]] &&
			    strstr(m->label[named[i]], "不合格"))
				m->verdict = 0;
		if (m->verdict < 0 && m->col[QC_SF_FAILED] >= 0 &&
		    !m->items_tested)
			m->verdict = 2;
	}
	static const enum qc_sfield required[] = { QC_SF_PRODUCT,
						   QC_SF_ENTERPRISE };
	for (size_t i = 0; !rc && i < 2; i++)
		if (m->col[required[i]] < 0)
			rc = qc_error_set(err, QC_EINVAL,
					  "line %d: no column "
					  "for '%s' in the header; name it with"
					  " --map %s=COLUMN (a header text or "
					  "column number)",
					  h->line, qc_sfield_name(required[i]),
					  qc_sfield_name(required[i]));
out:
	candidate_release(&blank);
	for (size_t i = 0; i < n_merged; i++)
		free(merged[i]);
	for (size_t i = 0; i < n_rows; i++)
		candidate_release(&rows[i]);
	if (rc)
		qc_sampling_map_release(m);
	qc_table_rewind(t);
	return rc;
}
