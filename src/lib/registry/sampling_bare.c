/* A table published with no header: a caption, then rows of a product, a
 * shop and a verdict or a failed item (塑料购物袋, 潍坊明洋塑料有限公司;
 * 1、木子辣八豆, 柳叶湖星语林综合商店, 亚硝酸盐超标). Its columns are
 * named by the kind of their cells (qc_sampling_kind), or not at all. */
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "sampling_int.h"
#include "banned.h"

/* A verdict alone (不合格), not a product carrying one (0#车用柴油不合格). */
static bool verdict_alone(const char *s)
{
	char *rest = NULL;
	int v = qc_sampling_product_verdict(s, &rest);
	bool alone = qc_sampling_parse_result(s) >= 0 &&
		     (v < 0 || !rest || qc_sampling_blank(rest));
	free(rest);
	return alone;
}

/* What a failed item reads as: 亚硝酸盐超标, 菌落总数不合格, or the
 * kinds of a failed item (残留, 含量, 厚度 ...). */
static bool failed_item(const char *s, unsigned k)
{
	static const char *const end[] = { "超标", "不合格", "不符合", "超量",
					   "超范围" };
	if (k & (K_ORG | K_ADDRESS | K_DATE | K_SEQ | K_CODE))
		return false;
	if (k & K_ITEMS)
		return true;
	for (size_t i = 0; i < sizeof(end) / sizeof(end[0]); i++)
		if (qc_sampling_ends(s, end[i]) && strlen(s) > strlen(end[i]))
			return true;
	return false;
}

/* Plain text: no name, address, date, number, code or measure. */
static bool plain(const char *s, unsigned k)
{
	return !(k & (K_ORG | K_LAB | K_ADDRESS | K_DATE | K_SEQ | K_CODE |
		      K_VALUE | K_LIMIT | K_STANDARD)) &&
	       !verdict_alone(s);
}

/* Whether the rows written cell c (captions and notes have fewer than
 * two cells written). */
static bool row_used(char **const *rows, const size_t *n, size_t r, size_t c)
{
	size_t written = 0;
	for (size_t k = 0; k < n[r]; k++)
		written += !qc_sampling_blank(rows[r][k]);
	return written >= 2 && c < n[r] && !qc_sampling_blank(rows[r][c]);
}

/* A column of brands or trademarks, not products (质检总局 2008: 江苏美乐
 * 肥料有限公司, 美乐; 石家庄双联复合肥有限责任公司, 双联牌): a quarter of
 * its cells or more, two at least, say 牌 or 商标, or are a short name
 * (two to four characters) its row's producer's name holds; or, beside
 * another column of text (other), a producer's rows repeat it while the
 * other changes. */
static bool brands(char **const *rows, const size_t *n, size_t n_rows, size_t c,
		   int ent, int other)
{
	size_t used = 0, marked = 0, repeats = 0;

	for (size_t r = 0; r < n_rows; r++) {
		if (!row_used(rows, n, r, c) || (size_t)ent >= n[r])
			continue;
		const char *v = rows[r][c];
		size_t len = strlen(v);
		used++;
		if (qc_sampling_ends(v, "牌") || strstr(v, "商标") ||
		    strstr(v, "®")) {
			marked++;
			len -= qc_sampling_ends(v, "牌") ? strlen("牌") : 0;
		}
		char *name = qc_xstrndup(v, len);
		if (len >= 6 && len <= 12 && !strstr(v, "商标") &&
		    strstr(rows[r][ent], name) && !qc_sampling_ends(v, "牌"))
			marked++;
		free(name);
		for (size_t q = r + 1; other >= 0 && q < n_rows; q++)
			if (row_used(rows, n, q, c) && (size_t)ent < n[q] &&
			    (size_t)other < n[q] && (size_t)other < n[r] &&
			    !strcmp(rows[q][ent], rows[r][ent]) &&
			    !strcmp(rows[q][c], v) &&
			    strcmp(rows[q][other], rows[r][other])) {
				repeats++;
				break;
			}
	}
	return used && ((marked >= 2 && 4 * marked >= used) || repeats);
}

bool qc_sampling_bare(char **const *rows, const size_t *n, size_t n_rows,
		      int col[QC_SF__COUNT], int *brand)
{
	size_t used = 0, cols = 0;
	size_t filled[QC_SAMPLING_COLS] = { 0 }, org[QC_SAMPLING_COLS] = { 0 },
	       text[QC_SAMPLING_COLS] = { 0 },
	       verdict[QC_SAMPLING_COLS] = { 0 },
	       items[QC_SAMPLING_COLS] = { 0 };
	int ent = -1, second = -1;

	for (int f = 0; f < QC_SF__COUNT; f++)
		col[f] = -1;
	for (size_t r = 0; r < n_rows; r++) {
		size_t written = 0;
		for (size_t c = 0; c < n[r]; c++)
			written += !qc_sampling_blank(rows[r][c]);
		if (written < 2) /* a caption or a note */
			continue;
		used++;
		for (size_t c = 0; c < n[r] && c < QC_SAMPLING_COLS; c++) {
			const char *s = rows[r][c];
			unsigned k = qc_sampling_kind(s);
			if (k & K_BLANK)
				continue;
			cols = c + 1 > cols ? c + 1 : cols;
			filled[c]++;
			org[c] += (k & K_ORG) && !(k & K_LAB);
			text[c] += plain(s, k);
			verdict[c] += verdict_alone(s);
			items[c] += failed_item(s, k);
		}
	}
	if (used < 1)
		return false;
	/* The enterprise: names in two rows of three or more, in every
	 * row; and no second column of names (a seller and a producer). */
	for (size_t c = 0; c < cols; c++) {
		if (ent < 0 || org[c] > org[ent]) {
			second = ent;
			ent = (int)c;
		} else if (second < 0 || org[c] > org[second]) {
			second = (int)c;
		}
	}
	if (ent < 0 || filled[ent] != used || org[ent] * 3 < used * 2 ||
	    (second >= 0 && org[second] * 3 >= used))
		return false;
	col[QC_SF_ENTERPRISE] = ent;
	*brand = -1;
	for (size_t c = 0; c < cols; c++) {
		if ((int)c == ent || filled[c] != used)
			continue;
		/* A column of brands is no product: the next column of
		 * text is, else the product the title names. */
		int other = -1;
		for (size_t k = c + 1; k < cols && other < 0; k++)
			if ((int)k != ent && filled[k] == used &&
			    text[k] == used)
				other = (int)k;
		if (col[QC_SF_PRODUCT] < 0 && text[c] == used && *brand < 0 &&
		    brands(rows, n, n_rows, c, ent, other))
			*brand = (int)c;
		else if (col[QC_SF_PRODUCT] < 0 && text[c] == used)
			col[QC_SF_PRODUCT] = (int)c;
		else if (col[QC_SF_RESULT] < 0 && verdict[c] == used)
			col[QC_SF_RESULT] = (int)c;
		else if (col[QC_SF_FAILED] < 0 && items[c] == used)
			col[QC_SF_FAILED] = (int)c;
	}
	if (col[QC_SF_PRODUCT] < 0 && *brand < 0) {
		for (int f = 0; f < QC_SF__COUNT; f++)
			col[f] = -1;
		return false;
	}
	return true;
}

bool qc_sampling_wrapped(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t written = 0;
	unsigned k;

	if (!na || qc_sampling_blank(a[0]))
		return false;
	for (size_t i = 1; i < na; i++)
		if (!qc_sampling_blank(a[i]))
			return false;
	k = qc_sampling_kind(a[0]);
	if (!(k & K_ORG) || (k & K_LAB) || qc_sampling_title_verdict(a[0]) >= 0)
		return false;
	/* Under it, the rest of the record: two cells or more from the
	 * first, none a name (a row of its own has one). */
	for (size_t i = 0; i < nb; i++) {
		if (qc_sampling_blank(b[i]))
			continue;
		if (i > written || (qc_sampling_kind(b[i]) & K_ORG))
			return false;
		written++;
	}
	return written >= 2;
}

size_t qc_sampling_join_wrapped(char *const *a, char *const *b, size_t nb,
				char **out, size_t max)
{
	size_t n = 0;
	if (max)
		out[n++] = a[0];
	for (size_t i = 0; i < nb && n < max; i++)
		if (!qc_sampling_blank(b[i]))
			out[n++] = b[i];
	return n;
}

/* Names a place within a division (吉林省吉林市船营区欢喜乡虎牛村四社,
 * which ends as a name): a province or city, then a street, a township
 * or a village. */
static bool placed(const char *s)
{
	static const char *const at[] = { "路", "街", "镇", "乡", "村", "巷" };
	if (!strstr(s, "省") && !strstr(s, "市"))
		return false;
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		if (strstr(s, at[i]))
			return true;
	return false;
}

void qc_sampling_headings_by_kind(char *const *heading, size_t n_head,
				  char **const *rows, const size_t *n,
				  size_t n_rows, int col[QC_SF__COUNT])
{
	for (size_t c = 0; c < n_head && c < QC_SAMPLING_COLS; c++) {
		int left = -1;
		bool taken = false;
		for (int f = 0; f < QC_SF__COUNT; f++) {
			taken |= col[f] == (int)c;
			if (c > 0 && col[f] == (int)c - 1 && left < 0)
				left = f;
		}
		if (taken)
			continue;
		size_t filled = 0, address = 0, date = 0, verdict = 0;
		for (size_t r = 0; r < n_rows; r++) {
			if (c >= n[r])
				continue;
			unsigned k = qc_sampling_kind(rows[r][c]);
			if (k & K_BLANK)
				continue;
			filled++;
			address += (k & K_ADDRESS) || placed(rows[r][c]);
			date += (k & K_DATE) != 0;
			verdict += (k & K_VERDICT) != 0;
		}
		if (!filled)
			continue;
		char *f = qc_sampling_fold(heading[c]);
		char *l = c > 0 ? qc_sampling_fold(heading[c - 1]) : NULL;
		bool again = l && *f && !strcmp(f, l);
		if (again && address == filled && left == QC_SF_ENTERPRISE &&
		    col[QC_SF_ADDRESS] < 0)
			col[QC_SF_ADDRESS] = (int)c;
		else if (again && address == filled && left == QC_SF_SAMPLED &&
			 col[QC_SF_SAMPLED_ADDRESS] < 0)
			col[QC_SF_SAMPLED_ADDRESS] = (int)c;
		else if (!strcmp(f, "不合格") && !verdict &&
			 col[QC_SF_FAILED] < 0 && col[QC_SF_RESULT] < 0)
			col[QC_SF_FAILED] = (int)c;
		else if (!strcmp(f, "生产") && date == filled &&
			 col[QC_SF_LOT] < 0)
			col[QC_SF_LOT] = (int)c;
		free(f);
		free(l);
	}
}
