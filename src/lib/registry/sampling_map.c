/* Recognising the header of a published sampling table: which column is
 * the product, the enterprise, the result ... whatever the authority
 * called it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/sampling.h"
#include "qcity/table.h"
#include "qcity/text.h"
#include "sampling_int.h"
#include "sampling_units.h"
#include "banned.h"


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

/* The labels and headings of m's columns freed (for a header read
 * again, or the map's end). */
static void forget_columns(struct qc_sampling_map *m)
{
	for (int f = 0; f < QC_SF__COUNT; f++) {
		free(m->label[f]);
		m->label[f] = NULL;
	}
	for (size_t c = 0; c < QC_SAMPLING_COLS; c++) {
		free(m->heading[c]);
		m->heading[c] = NULL;
		m->holds[c] = QC_HOLDS_ANY;
	}
}

void qc_sampling_map_release(struct qc_sampling_map *m)
{
	forget_columns(m);
	free(m->title);
	m->title = NULL;
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
	m->brand = -1;
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
	size_t k = qc_sampling_words_at_start(b, levels,
					      sizeof(levels) /
						      sizeof(levels[0]));

	if (g < 0 || k < 2 || (int)k >= m->n_cols)
		return false;
	m->group = g;
	m->group_n = (int)k;
	return true;
}

/* Two enterprise headings (企业名称 and 标称生产企业名称, 统一社会信用
 * 代码 beside the first): the first taken is the bare one, yet a heading
 * naming the producer (生产, 制造, 厂) is the enterprise and the bare one
 * the sampled unit, whose address it is too (企业地址 beside 标称生产企业
 * 地址). Neither is dropped; a credit code between them is the sampled
 * unit's, kept only in rows where the unit is the enterprise. */
static bool names_producer(const char *label)
{
	static const char *const producer[] = { "生产", "制造", "厂" };
	return qc_sampling_label_has(label, producer,
				     sizeof(producer) / sizeof(producer[0]));
}

static void producer_over_bare(const struct candidate *h,
			       struct qc_sampling_map *m)
{
	int *col = m->col;
	static const struct {
		enum qc_sfield f, unit;
	} pairs[] = { { QC_SF_ENTERPRISE, QC_SF_SAMPLED },
		      { QC_SF_ADDRESS, QC_SF_SAMPLED_ADDRESS } };
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		int bare = col[pairs[i].f];
		if (bare < 0 || col[pairs[i].unit] >= 0 ||
		    names_producer(h->label[bare]))
			continue;
		for (size_t c = (size_t)bare + 1; c < h->n; c++) {
			char *f = qc_sampling_fold(h->label[c]);
			bool same = qc_sampling_field_of(f) == (int)pairs[i].f;
			free(f);
			if (same && names_producer(h->label[c])) {
				col[pairs[i].unit] = bare;
				col[pairs[i].f] = (int)c;
				/* A code between them is the bare one's. */
				int code = col[QC_SF_USCC];
				if (pairs[i].f == QC_SF_ENTERPRISE)
					m->uscc_sampled = code > bare &&
							  code < (int)c;
				break;
			}
		}
	}
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

/* The columns a header read (sampling_map_header) or read again
 * (qc_sampling_map_again) make: what follows from h and m->col. */

/* No producer column: the sampled unit is the enterprise. */
static void sampled_is_enterprise(struct qc_sampling_map *m)
{
	if (m->col[QC_SF_ENTERPRISE] < 0 && m->col[QC_SF_SAMPLED] >= 0) {
		m->col[QC_SF_ENTERPRISE] = m->col[QC_SF_SAMPLED];
		if (m->col[QC_SF_ADDRESS] < 0)
			m->col[QC_SF_ADDRESS] = m->col[QC_SF_SAMPLED_ADDRESS];
	}
}

/* 1 + the last column h writes a heading in (0: none). */
static int last_written(const struct candidate *h)
{
	int n = 0;
	for (size_t i = 0; i < h->n; i++)
		if (*h->label[i])
			n = (int)i + 1;
	return n;
}

/* Each mapped field's heading kept; a column h does not have unmapped. */
static void take_labels(struct qc_sampling_map *m, const struct candidate *h)
{
	for (int f = 0; f < QC_SF__COUNT; f++)
		if (m->col[f] >= 0 && (size_t)m->col[f] < h->n)
			m->label[f] = qc_xstrdup(h->label[m->col[f]]);
		else
			m->col[f] = -1;
}

/* Without a result column the title tells (不合格产品名单), else a
 * column of failed items gives each row's verdict. */
static void verdict_of(struct qc_sampling_map *m)
{
	m->verdict = -1;
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
}

/* The columns of the header s found: each field's column, the
 * overrides applied, what the rows under it say (items, places), and
 * what the labels hold. */
static enum qc_rc settle_columns(struct header_scan *s,
				 const char *const *overrides,
				 size_t n_overrides, struct qc_sampling_map *m,
				 int names[MAX_COLS], struct qc_error *err)
{
	const struct candidate *h = s->h;
	char **below[HEADER_SCAN_ROWS];
	size_t nn[HEADER_SCAN_ROWS], n_below;
	enum qc_rc rc = QC_OK;

	qc_sampling_score(h->label, h->n, m->col, names);
	producer_over_bare(h, m);
	qc_sampling_code_owner(m, h);
	if (s->by_kind) {
		memcpy(m->col, s->bare, sizeof(s->bare));
		m->by_kind = true;
	} else {
		n_below = qc_sampling_scan_below(s, s->from, below, nn);
		qc_sampling_headings_by_kind(h->label, h->n,
					     (char **const *)below, nn, n_below,
					     m->col);
	}
	m->header_line = h->line;
	m->n_cols = last_written(h);
	if (m->n_cols > 0) {
		/* 不符合(项): 北京市市场监督管理局 2022. */
		static const char *const free_text[] = { "备注",  "说明",
							 "原因",  "情况",
							 "问题",  "不合格",
							 "不符合" };
		m->last_free |=
			qc_sampling_label_has(h->label[m->n_cols - 1],
					      free_text,
					      sizeof(free_text) /
						      sizeof(free_text[0]));
	}
	for (size_t i = 0; !rc && i < n_overrides; i++)
		rc = apply_override(overrides[i], h, m, err);
	if (rc)
		return rc;
	/* No name column (样品名称, 产品名称): the category's (产品类别,
	 * 产品类型) names the product. */
	if (m->col[QC_SF_PRODUCT] < 0 && m->col[QC_SF_CATEGORY] >= 0) {
		m->col[QC_SF_PRODUCT] = m->col[QC_SF_CATEGORY];
		m->col[QC_SF_CATEGORY] = -1;
	}
	/* Unless --map says which column is the result or the items: the
	 * rows under the header tell whether 检验结果 holds verdicts. */
	bool chosen = false;
	for (size_t i = 0; i < n_overrides; i++)
		chosen |= !strncmp(overrides[i], "result=", 7) ||
			  !strncmp(overrides[i], "failed_items=", 13);
	if (!chosen) {
		n_below = s->headerless ?
				  0 :
				  qc_sampling_scan_below(s, s->from, below, nn);
		qc_sampling_items_column(m, h->label, h->n,
					 (char **const *)below, nn, n_below);
	}
	sampled_is_enterprise(m);
	find_place(m, h);
	if (!s->headerless && !s->by_kind)
		qc_sampling_place_of_sampled(m, h, s->rows + s->from,
					     s->from < s->n_rows ?
						     s->n_rows - s->from :
						     0);
	if (!s->two_rows && !s->subs && !s->headerless &&
	    (size_t)s->best + 1 < s->n_rows &&
	    find_group(m, &s->rows[s->best + 1]))
		m->header_line = s->rows[s->best + 1].line;
	take_labels(m, h);
	column_holds(m, h);
	return QC_OK;
}

enum qc_rc qc_sampling_map_header(struct qc_table *t,
				  const char *const *overrides,
				  size_t n_overrides, struct qc_sampling_map *m,
				  struct qc_error *err)
{
	struct header_scan s;
	int names[MAX_COLS];
	enum qc_rc rc;

	memset(m, 0, sizeof(*m));
	m->place = -1;
	rc = qc_sampling_pick_header(t, overrides, n_overrides, &s, err);
	if (rc)
		goto out;
	const struct candidate *h = s.h;
	m->traditional = s.traditional;
	m->title = s.title;
	s.title = NULL;
	m->level_hint = qc_sampling_title_level(m->title);
	for (size_t c = 0; c < MAX_COLS; c++)
		names[c] = -1;
	rc = settle_columns(&s, overrides, n_overrides, m, names, err);
	/* A heading naming a field another column gives, said with the
	 * mapping (qc_sampling_describe_map), not dropped silently. */
	for (size_t c = 0; c < QC_SAMPLING_COLS; c++)
		m->named[c] = (signed char)(c < h->n ? names[c] : -1);
	if (!rc && m->col[QC_SF_RESULT] >= 0 &&
	    qc_sampling_grade_heading(m->label[QC_SF_RESULT]))
		rc = qc_error_set(err, QC_EINVAL,
				  "column '%s' is a quality grade (合格品, "
				  "优等品, 一等品), not a sampling result; "
				  "map the result column with --map "
				  "result=COLUMN, or give --all-failed for "
				  "a list of failures",
				  m->label[QC_SF_RESULT]);
	m->listed = qc_sampling_title_verdict(m->title);
	verdict_of(m);
	/* A column of brands (双联牌) and no other of products: the rows
	 * are of the product the title or --product names
	 * (qc_sampling_rd_settle). */
	m->brand = m->col[QC_SF_PRODUCT] < 0 ? s.brand : -1;
	for (size_t i = (size_t)s.best; m->brand >= 0 && i < s.n_rows; i++)
		if ((size_t)s.brand < s.rows[i].n && !m->brand_seen[0])
			snprintf(m->brand_seen, sizeof(m->brand_seen), "%s",
				 s.rows[i].label[s.brand]);
	static const enum qc_sfield required[] = { QC_SF_PRODUCT,
						   QC_SF_ENTERPRISE };
	for (size_t i = s.brand >= 0 && m->col[QC_SF_PRODUCT] < 0; !rc && i < 2;
	     i++)
		if (m->col[required[i]] < 0)
			rc = qc_error_set(err, QC_EINVAL,
					  "line %d: no column "
					  "for '%s' in the header; name it with"
					  " --map %s=COLUMN (a header text or "
					  "column number)",
					  h->line, qc_sfield_name(required[i]),
					  qc_sfield_name(required[i]));
out:
	qc_sampling_scan_release(&s);
	if (rc)
		qc_sampling_map_release(m);
	qc_table_rewind(t);
	return rc;
}

/* A header written again below the rows (a second table under the
 * first, with its own caption): the labels name the product, a unit
 * and at least one more field, and most of the written cells name a
 * field. True with h's labels (simplified) and col[] filled; h is the
 * caller's to release. */
static bool header_again(const struct qc_sampling_map *m,
			 const struct qc_table_row *row, struct candidate *h,
			 int col[QC_SF__COUNT])
{
	int named = 0, written = 0;
	bool named_cell = false;

	/* Read on every row: first a look for a heading's words, cheaply. */
	for (size_t i = 0; i < row->n && !named_cell; i++)
		named_cell = strlen(row->cells[i]) <= 30 &&
			     (strstr(row->cells[i], "名称") ||
			      strstr(row->cells[i], "名稱") ||
			      !strcmp(row->cells[i], "序号") ||
			      !strcmp(row->cells[i], "序號"));
	if (!named_cell)
		return false;
	h->line = row->line;
	h->n = row->n < MAX_COLS ? row->n : MAX_COLS;
	for (size_t i = 0; i < h->n; i++) {
		h->label[i] = m->traditional ?
				      qc_sampling_rd_simplify(row->cells[i]) :
				      qc_xstrdup(row->cells[i]);
		if (qc_sampling_blank(h->label[i]))
			continue;
		char *f = qc_sampling_fold(h->label[i]);
		written++;
		named += qc_sampling_field_of(f) >= 0;
		free(f);
	}
	return qc_sampling_score(h->label, h->n, col, NULL) >= 3 &&
	       3 * named >= 2 * written && col[QC_SF_PRODUCT] >= 0 &&
	       (col[QC_SF_ENTERPRISE] >= 0 || col[QC_SF_SAMPLED] >= 0);
}

bool qc_sampling_caption(struct qc_sampling_map *m,
			 const struct qc_table_row *row,
			 const struct qc_table_row *next)
{
	struct candidate h = { 0 };
	int col[QC_SF__COUNT];
	bool header = header_again(m, next, &h, col);

	qc_sampling_candidate_release(&h);
	/* The caption says what its table lists (合格产品名单 under a list
	 * of failures; one saying nothing keeps the title's): read when its
	 * header maps the columns again. */
	for (size_t i = 0; header && i < row->n; i++) {
		if (qc_sampling_blank(row->cells[i]))
			continue;
		char *c = m->traditional ?
				  qc_sampling_rd_simplify(row->cells[i]) :
				  qc_xstrdup(row->cells[i]);
		int v = qc_sampling_title_verdict(c);
		free(c);
		if (v >= 0)
			m->listed = v;
		break;
	}
	return header;
}

/* The columns mapped again from a header below the rows; the cells
 * carried down from the first table dropped (merged cells end with
 * their table). */
bool qc_sampling_map_again(struct qc_sampling_map *m,
			   struct sampling_reader *rd,
			   const struct qc_table_row *row)
{
	struct candidate h = { 0 };
	int col[QC_SF__COUNT];
	bool header = header_again(m, row, &h, col);

	if (header && memcmp(col, m->col, sizeof(col))) {
		forget_columns(m);
		memcpy(m->col, col, sizeof(col));
		m->uscc_sampled = false;
		m->items_tested = false;
		producer_over_bare(&h, m);
		qc_sampling_items_column(m, h.label, h.n, NULL, NULL, 0);
		sampled_is_enterprise(m);
		m->n_cols = last_written(&h);
		m->group = m->group_n = 0;
		find_place(m, &h);
		take_labels(m, &h);
		column_holds(m, &h);
	}
	if (header) {
		verdict_of(m);
		/* A group's category ends with its table. */
		free(rd->group);
		rd->group = NULL;
		for (size_t c = 0; c < QC_SAMPLING_COLS; c++) {
			free(rd->above[c]);
			rd->above[c] = NULL;
		}
	}
	qc_sampling_candidate_release(&h);
	return header;
}
