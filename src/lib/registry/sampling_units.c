/* The units of a published table's header (sampling_map.c reads the
 * header): sub-headings of the units written on a row of their own
 * (名称, 地址 under 生产企业 and 受检单位), and whose place a column
 * with no owner named (企业所在地) is, told by the rows under it. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/strbuf.h"
#include "sampling_int.h"
#include "sampling_units.h"
#include "banned.h"

/* How many cells b writes at its start, each folding to one of words,
 * with nothing written after them; 0 if another cell is written. */
size_t qc_sampling_words_at_start(const struct candidate *b,
				  const char *const *words, size_t n_words)
{
	size_t k = 0;

	while (k < b->n && *b->label[k])
		k++;
	for (size_t i = k; i < b->n; i++)
		if (*b->label[i])
			return 0;
	for (size_t i = 0; i < k; i++)
		if (!qc_sampling_label_is(b->label[i], words, n_words))
			return 0;
	return k;
}

/* What a unit's heading has under it: its name and place, and its
 * credit code and telephone (生产企业 over 统一社会信用代码 is the
 * producer's code). */
static const char *const subs[] = {
	"名称",         "地址",     "所在地",
	"住所",         "名字",     "所在地区",
	"联系电话",     "电话",     "统一社会信用代码",
	"社会信用代码", "信用代码",
};

bool qc_sampling_is_sub_heading(const char *label)
{
	return qc_sampling_label_is(label, subs,
				    sizeof(subs) / sizeof(subs[0]));
}

/* Sub-headings of the units written on a row of their own at its start
 * (生产企业 over 名称 and 地址, 受检单位 over 名称 and 地址, flattened to a
 * row 名称, 地址, 名称, 地址 under a header of one heading a unit): each
 * unit's heading read as its sub-headings (生产企业名称, 生产企业地址),
 * in order, the groups told by their first sub-heading written again.
 * True with out filled (the caller releases it) if `b` is such a row. */
bool qc_sampling_sub_headings(const struct candidate *h,
			      const struct candidate *b, struct candidate *out)
{
	size_t k = qc_sampling_words_at_start(b, subs,
					      sizeof(subs) / sizeof(subs[0]));
	size_t units[MAX_COLS], n_units = 0, starts[MAX_COLS + 1];
	size_t n_groups = 0;

	if (k < 2)
		return false;
	for (size_t i = 0; i < k; i++)
		if (i == 0 || !strcmp(b->label[i], b->label[starts[0]]))
			starts[n_groups++] = i;
	starts[n_groups] = k;
	for (size_t i = 0; i < h->n; i++) {
		char *f = qc_sampling_fold(h->label[i]);
		int field = qc_sampling_field_of(f);
		free(f);
		if (field == QC_SF_ENTERPRISE || field == QC_SF_SAMPLED)
			units[n_units++] = i;
	}
	if (n_units != n_groups || h->n + k - n_groups > MAX_COLS)
		return false;
	out->line = b->line;
	out->n = 0;
	for (size_t i = 0, u = 0; i < h->n; i++) {
		if (u < n_units && units[u] == i) {
			for (size_t s = starts[u]; s < starts[u + 1]; s++) {
				struct qc_buf buf = QC_BUF_INIT;
				qc_buf_init(&buf, 0);
				qc_buf_adds(&buf, h->label[i]);
				qc_buf_adds(&buf, b->label[s]);
				out->label[out->n++] = qc_buf_detach(&buf,
								     NULL);
			}
			u++;
		} else {
			out->label[out->n++] = qc_xstrdup(h->label[i]);
		}
	}
	return true;
}

/* Whose credit code a heading names by the unit written before the
 * code (生产企业统一社会信用代码: the producer's; 受检单位…: the sampled
 * unit's), as a unit's sub-headings read: the field, or -1. */
static int code_owner(const char *label)
{
	static const char *const code[] = { "统一社会信用代码", "社会信用代码",
					    "信用代码" };
	char *f = qc_sampling_fold(label);
	int owner = -1;

	for (size_t i = 0; owner < 0 && i < sizeof(code) / sizeof(code[0]);
	     i++) {
		char *at = strstr(f, code[i]);
		if (!at || at == f)
			continue;
		*at = '\0';
		owner = qc_sampling_field_of(f);
		if (owner != QC_SF_ENTERPRISE && owner != QC_SF_SAMPLED)
			owner = -1;
	}
	free(f);
	return owner;
}

void qc_sampling_code_owner(struct qc_sampling_map *m,
			    const struct candidate *h)
{
	int producer = -1, sampled = -1, ec = m->col[QC_SF_ENTERPRISE];

	if (m->col[QC_SF_USCC] < 0 || ec < 0 || ec == m->col[QC_SF_SAMPLED])
		return;
	for (size_t c = 0; c < h->n; c++) {
		int owner = code_owner(h->label[c]);
		if (owner == QC_SF_ENTERPRISE && producer < 0)
			producer = (int)c;
		if (owner == QC_SF_SAMPLED && sampled < 0)
			sampled = (int)c;
	}
	if (producer >= 0)
		m->col[QC_SF_USCC] = producer;
	else if (sampled >= 0 && sampled == m->col[QC_SF_USCC])
		m->uscc_sampled = true;
}

/* Does cell name the place (贺州市 in 贺州百家福…; 曲靖 in 曲靖市…)? The
 * place without its level's last character, at least two characters. */
static bool names_place(const char *cell, const char *place)
{
	static const char *const level[] = { "市", "县", "区", "省", "州" };
	size_t n = strlen(place);

	for (size_t i = 0; i < sizeof(level) / sizeof(level[0]); i++) {
		size_t e = strlen(level[i]);
		if (n > e && !strcmp(place + n - e, level[i])) {
			n -= e;
			break;
		}
	}
	if (n < 6 || !*cell)
		return false;
	char *stem = qc_xstrndup(place, n);
	bool in = strstr(cell, stem) != NULL;
	free(stem);
	return in;
}

/* A place column read as the producer's whose heading names no owner
 * for sure (企业所在地, 所在地) beside both a sampled unit and a
 * producer: whose place it is, told by the rows under it (rows[0 ..
 * n_rows)): the sampled unit's where more of them name it in the
 * sampled unit's name or address than in the producer's (贺州市 beside
 * 贺州百家福… and 柳州新盈科…). */
void qc_sampling_place_of_sampled(struct qc_sampling_map *m,
				  const struct candidate *h,
				  const struct candidate *rows, size_t n_rows)
{
	int rc = m->col[QC_SF_REGION], sc = m->col[QC_SF_SAMPLED],
	    ec = m->col[QC_SF_ENTERPRISE];
	int cols[2][2] = { { sc, m->col[QC_SF_SAMPLED_ADDRESS] },
			   { ec, m->col[QC_SF_ADDRESS] } };
	int votes[2] = { 0, 0 };

	if (m->place >= 0 || rc < 0 || sc < 0 || ec < 0 || sc == ec ||
	    (size_t)rc >= h->n)
		return;
	static const char *const owner[] = { "生产", "厂",   "制造",
					     "受检", "被抽", "销售" };
	if (qc_sampling_label_has(h->label[rc], owner,
				  sizeof(owner) / sizeof(owner[0])))
		return;
	for (size_t r = 0; r < n_rows; r++) {
		const struct candidate *c = &rows[r];
		if ((size_t)rc >= c->n || qc_sampling_blank(c->label[rc]))
			continue;
		for (int w = 0; w < 2; w++)
			for (int k = 0; k < 2; k++)
				if (cols[w][k] >= 0 &&
				    (size_t)cols[w][k] < c->n &&
				    names_place(c->label[cols[w][k]],
						c->label[rc])) {
					votes[w]++;
					break;
				}
	}
	if (votes[0] > votes[1]) {
		m->place = rc;
		m->col[QC_SF_REGION] = -1;
	}
}
