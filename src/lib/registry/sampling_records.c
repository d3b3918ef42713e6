/* Failures written as records, one field a line, rather than a table
 * (瑞安市 2020: "1 生产企业名称:…", "产品名称:…", "规格型号:…",
 * "生产日期或批号:…", "不合格项目:…"), possibly under a table of
 * figures: each record read as a row of a table whose headings are the
 * records' labels, read through the headings' catalogue. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/strbuf.h"
#include "sampling_int.h"
#include "banned.h"

#define MAX_FIELDS 16
#define MAX_RECORDS 100000
#define MAX_CAPTIONS 3
#define LAST_EXTRA (-2)

struct record {
	int line;  /* where it begins */
	char *seq; /* its number, or NULL */
	char *value[MAX_FIELDS];
	/* Its labels outside the catalogue with their values, "标签：值"
	 * joined with "；" (the result's remarks), or NULL. */
	char *extra;
};

struct records {
	char *label[MAX_FIELDS]; /* as first written */
	int field[MAX_FIELDS];   /* its field in the catalogue */
	size_t n_labels;
	struct record *r;
	size_t n, alloc;
	char *caption[MAX_CAPTIONS]; /* single cells above the first */
	size_t n_captions;
	int last; /* the label of the last line read, -1 none, LAST_EXTRA
		     one outside the catalogue (its value is extra's end) */
	/* Labels the catalogue does not know (联系人): their values go to
	 * the remarks, and the import names them. */
	char *unknown[MAX_FIELDS];
	size_t n_unknown;
};

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return qc_xstrndup(s, n);
}

/* The first colon of a line, half or full width, its length in *clen. */
static const char *colon_of(const char *text, size_t *clen)
{
	const char *colon = strstr(text, ":"), *wide = strstr(text, "：");

	*clen = 1;
	if (wide && (!colon || wide < colon))
		colon = wide, *clen = strlen("：");
	return colon;
}

/* A line "[N ]label:value" whose label names a field: true with *seq
 * (NULL if unnumbered), *label and *value (the caller frees) and
 * *field. */
static bool labelled(const char *text, char **seq, char **label, char **value,
		     int *field)
{
	const char *p = text;
	size_t clen;
	const char *colon = colon_of(text, &clen);

	if (!colon)
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	size_t digits = (size_t)(p - text);
	if (digits > 4 || p > colon)
		return false;
	while (*p == ' ' || *p == '.' || !strncmp(p, "、", strlen("、")))
		p += *p == ' ' || *p == '.' ? 1 : strlen("、");
	if (colon - p > 30 || colon == p)
		return false;
	char *l = trimmed(p, (size_t)(colon - p));
	char *folded = qc_sampling_fold(l);
	/* Labels read through the catalogue as headings are (标称生产单位
	 * 名称 is the producer's heading, though no synonym as it stands). */
	*field = qc_sampling_field_of(folded);
	bool number = *field == QC_SF_SEQ || !strcmp(folded, "编号");
	free(folded);
	*value = trimmed(colon + clen, strlen(colon + clen));
	/* The record's number as a field of its own (序号:6, 编号:12):
	 * it starts the record, as "6 label:value" does. */
	if (!digits && number && **value &&
	    strspn(*value, "0123456789") == strlen(*value) &&
	    strlen(*value) <= 6) {
		*seq = *value;
		*value = NULL;
		*label = l;
		*field = -1;
		return true;
	}
	if (*field < 0) {
		free(*value);
		free(l);
		return false;
	}
	*label = l;
	*seq = digits ? qc_xstrndup(text, digits) : NULL;
	return true;
}

/* A line "label:value" whose label is two to ten Chinese characters and
 * nothing else: a field of the record, even when no field we keep. */
static bool unknown_label(const char *text)
{
	size_t clen, chars = 0;
	const char *colon = colon_of(text, &clen);

	if (!colon)
		return false;
	for (const char *p = text; p < colon; p += 3, chars++)
		if ((unsigned char)*p < 0xE4 || (unsigned char)*p > 0xE9)
			return false;
	return chars >= 2 && chars <= 10;
}

/* label：value appended to the record's remarks (joined with "；"), or,
 * label NULL, text continuing the last value (after a space). */
static void add_extra(struct record *r, const char *label, const char *text)
{
	struct qc_buf b = QC_BUF_INIT;

	qc_buf_init(&b, 0);
	if (r->extra) {
		qc_buf_adds(&b, r->extra);
		qc_buf_adds(&b, label ? "；" : " ");
	}
	if (label) {
		qc_buf_adds(&b, label);
		qc_buf_adds(&b, "：");
	}
	qc_buf_adds(&b, text);
	free(r->extra);
	r->extra = qc_buf_detach(&b, NULL);
}

static int label_of(struct records *rs, int field, const char *label)
{
	for (size_t i = 0; i < rs->n_labels; i++)
		if (rs->field[i] == field)
			return (int)i;
	if (rs->n_labels == MAX_FIELDS)
		return -1;
	rs->field[rs->n_labels] = field;
	rs->label[rs->n_labels] = qc_xstrdup(label);
	return (int)rs->n_labels++;
}

static struct record *begin(struct records *rs, int line, char *seq)
{
	if (rs->n == rs->alloc) {
		rs->alloc = rs->alloc ? 2 * rs->alloc : 16;
		rs->r = qc_xreallocarray(rs->r, rs->alloc, sizeof(*rs->r));
	}
	struct record *r = &rs->r[rs->n++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	r->seq = seq;
	return r;
}

/* One line of the file, its cells joined again. */
static void read_line(struct records *rs, const char *text, int line)
{
	char *seq, *label, *value;
	int field, k;
	struct record *r = rs->n ? &rs->r[rs->n - 1] : NULL;

	if (!labelled(text, &seq, &label, &value, &field)) {
		/* A field the catalogue does not know (整改情况:已整改) ends
		 * the value above it rather than going on with it. */
		if (r && unknown_label(text)) {
			size_t clen;
			const char *colon = colon_of(text, &clen);
			char *l = trimmed(text, (size_t)(colon - text));
			char *v = trimmed(colon + clen, strlen(colon + clen));
			bool seen = false;
			if (*v)
				add_extra(r, l, v);
			free(v);
			for (size_t i = 0; i < rs->n_unknown && !seen; i++)
				seen = !strcmp(rs->unknown[i], l);
			if (!seen && rs->n_unknown < MAX_FIELDS)
				rs->unknown[rs->n_unknown++] = l;
			else
				free(l);
			rs->last = LAST_EXTRA;
			return;
		}
		/* A field's value going on on its next line (防护等级D级). */
		if (r && rs->last == LAST_EXTRA && r->extra && *text) {
			add_extra(r, NULL, text);
		} else if (r && rs->last >= 0 && r->value[rs->last] && *text) {
			size_t n = strlen(r->value[rs->last]);
			r->value[rs->last] = qc_xrealloc(r->value[rs->last],
							 n + strlen(text) + 2);
			r->value[rs->last][n] = ' ';
			memcpy(r->value[rs->last] + n + 1, text,
			       strlen(text) + 1);
		} else if (!rs->n && *text && !strchr(text, ',')) {
			if (rs->n_captions == MAX_CAPTIONS) {
				free(rs->caption[0]);
				memmove(rs->caption, rs->caption + 1,
					(MAX_CAPTIONS - 1) *
						sizeof(*rs->caption));
				rs->n_captions--;
			}
			rs->caption[rs->n_captions++] = qc_xstrdup(text);
		}
		return;
	}
	if (field < 0) {
		/* A number alone on its line: the next record begins. */
		free(label);
		if (rs->n < MAX_RECORDS)
			begin(rs, line, seq);
		else
			free(seq);
		rs->last = -1;
		return;
	}
	k = label_of(rs, field, label);
	free(label);
	/* A number starts a record, and so does a label the record has
	 * already with another value; the same value again is a repeat. */
	if (k >= 0 && r && !seq && r->value[k] && strcmp(r->value[k], value))
		r = NULL;
	if (!r || seq || rs->n == 0) {
		if (rs->n >= MAX_RECORDS) {
			free(seq);
			free(value);
			return;
		}
		r = begin(rs, line, seq);
	}
	rs->last = k;
	if (k < 0 || r->value[k]) {
		free(value);
		return;
	}
	r->value[k] = value;
}

/* a and b joined with "；"; the caller frees. */
static char *joined(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), ns = strlen("；");
	char *out = qc_xmalloc(na + ns + nb + 1);

	memcpy(out, a, na);
	memcpy(out + na, "；", ns);
	memcpy(out + na + ns, b, nb + 1);
	return out;
}

/* The records as a CSV table, each row on the line its record begins
 * (so errors name the file's lines), the captions and the header on
 * the lines above the first. */
static void write_table(struct records *rs, bool numbered, struct qc_buf *b)
{
	size_t captions = rs->n_captions;
	int line = 1, remarks = -1;
	bool extra = false;

	/* Labels outside the catalogue go to the remarks: after a remarks
	 * label's own value (备注:…), else in a column of their own. */
	for (size_t i = 0; i < rs->n_labels; i++)
		if (rs->field[i] == QC_SF_REMARKS)
			remarks = (int)i;
	for (size_t k = 0; k < rs->n; k++)
		extra |= rs->r[k].extra != NULL;

	while (captions && (int)captions + 1 >= rs->r[0].line)
		captions--;
	for (size_t i = rs->n_captions - captions; i < rs->n_captions; i++) {
		qc_sampling_csv_cell(b, rs->caption[i]);
		qc_buf_addch(b, '\n');
		line++;
	}
	if (numbered)
		qc_buf_adds(b, "序号,");
	for (size_t i = 0; i < rs->n_labels; i++) {
		if (i)
			qc_buf_addch(b, ',');
		qc_sampling_csv_cell(b, rs->label[i]);
	}
	if (extra && remarks < 0)
		qc_buf_adds(b, ",备注");
	qc_buf_addch(b, '\n');
	line++;
	for (size_t k = 0; k < rs->n; k++) {
		const struct record *r = &rs->r[k];
		for (; line < r->line; line++)
			qc_buf_addch(b, '\n');
		if (numbered) {
			qc_sampling_csv_cell(b, r->seq);
			qc_buf_addch(b, ',');
		}
		for (size_t i = 0; i < rs->n_labels; i++) {
			if (i)
				qc_buf_addch(b, ',');
			const char *v = r->value[i];
			char *both = NULL;
			if ((int)i == remarks && r->extra)
				v = v ? (both = joined(v, r->extra)) : r->extra;
			qc_sampling_csv_cell(b, v);
			free(both);
		}
		if (extra && remarks < 0) {
			qc_buf_addch(b, ',');
			qc_sampling_csv_cell(b, r->extra);
		}
		qc_buf_addch(b, '\n');
		line++;
	}
}

int qc_sampling_records(struct qc_table *t, struct qc_buf *csv, int *line_of,
			struct qc_buf *unknown)
{
	struct records rs = { .last = -1 };
	struct qc_table_row *row;
	struct qc_buf line = QC_BUF_INIT;
	struct qc_error err = { 0 };
	bool numbered = false, product = false, unit = false;
	int found = 0;

	qc_buf_init(&line, 1 << 20);
	qc_table_rewind(t);
	while (qc_table_next(t, &row, &err) == 1) {
		size_t last = row->n;
		while (last > 0 && qc_sampling_blank(row->cells[last - 1]))
			last--;
		qc_buf_reset(&line);
		for (size_t i = 0; i < last; i++) {
			if (i)
				qc_buf_addch(&line, ',');
			qc_buf_adds(&line, row->cells[i]);
		}
		/* Labels in traditional characters (生產企業名稱) read as the
		 * catalogue's, the values with them, as a table's cells. */
		char *simple = qc_sampling_rd_simplify(qc_buf_str(&line));
		read_line(&rs, simple, row->line);
		free(simple);
	}
	qc_table_rewind(t);
	for (size_t i = 0; i < rs.n_labels; i++) {
		product |= rs.field[i] == QC_SF_PRODUCT;
		unit |= rs.field[i] == QC_SF_ENTERPRISE ||
			rs.field[i] == QC_SF_SAMPLED;
	}
	for (size_t k = 0; k < rs.n; k++)
		numbered |= rs.r[k].seq != NULL;
	/* Records of a product and its maker, at least two fields each. */
	if (rs.n && product && unit && rs.n_labels >= 3) {
		write_table(&rs, numbered, csv);
		found = !qc_buf_failed(csv);
		for (size_t i = 0; i < rs.n_unknown; i++) {
			qc_buf_adds(unknown, i ? "', '" : "'");
			qc_buf_adds(unknown, rs.unknown[i]);
			qc_buf_adds(unknown, i + 1 == rs.n_unknown ? "'" : "");
		}
	} else if (numbered && rs.n >= 2) {
		/* Numbered records, but not of a product and its maker. */
		*line_of = rs.r[0].line;
		found = -1;
	}
	for (size_t k = 0; k < rs.n; k++) {
		free(rs.r[k].seq);
		for (size_t i = 0; i < MAX_FIELDS; i++)
			free(rs.r[k].value[i]);
		free(rs.r[k].extra);
	}
	free(rs.r);
	for (size_t i = 0; i < rs.n_labels; i++)
		free(rs.label[i]);
	for (size_t i = 0; i < rs.n_captions; i++)
		free(rs.caption[i]);
	for (size_t i = 0; i < rs.n_unknown; i++)
		free(rs.unknown[i]);
	qc_buf_release(&line);
	return found;
}
