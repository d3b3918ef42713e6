/* A list of failures written as sentences (sampling_sentence.c reads
 * each) made a table: a failing row a product they name, under the
 * catalogue's headings, the lines above the first sentence its caption,
 * each row on its sentence's line where it can be. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/strbuf.h"
#include "sampling_int.h"
#include "sampling_sentence.h"
#include "banned.h"

#define MAX_SENTENCES 100000
#define MAX_CAPTIONS 3
#define MAX_PIECES 16
#define MAX_HELD 3 /* lines a broken record is joined over */

static void add_cell(struct qc_buf *b, const char *s, bool comma)
{
	if (comma)
		qc_buf_addch(b, ',');
	qc_sampling_csv_cell(b, s);
}

struct reading {
	struct qc_buf *csv, *rejects;
	int line; /* of the CSV being written */
	size_t rows, unread, captions;
	bool header, address, producer, lab, date, spec, lot;
	char *caption[MAX_CAPTIONS];
	int first_line;
	const char *first_why;
};

static void header(struct reading *r, int at)
{
	/* The lines above the first sentence (its title) are the table's
	 * caption, the header on the line just above the first row. */
	size_t k = r->captions;
	while (k && (int)k + 1 >= at)
		k--;
	for (size_t i = r->captions - k; i < r->captions; i++) {
		add_cell(r->csv, r->caption[i], false);
		qc_buf_addch(r->csv, '\n');
		r->line++;
	}
	qc_buf_adds(r->csv, "序号,被抽样单位");
	if (r->address)
		qc_buf_adds(r->csv, ",被抽样单位地址");
	if (r->producer)
		qc_buf_adds(r->csv, ",标称生产企业名称");
	qc_buf_adds(r->csv, ",产品名称");
	if (r->spec)
		qc_buf_adds(r->csv, ",规格型号");
	if (r->lot)
		qc_buf_adds(r->csv, ",生产日期或批号");
	qc_buf_adds(r->csv, ",不合格项目");
	if (r->lab)
		qc_buf_adds(r->csv, ",检验机构");
	if (r->date)
		qc_buf_adds(r->csv, ",抽样日期");
	qc_buf_adds(r->csv, ",检验结论\n");
	r->line++;
	r->header = true;
}

/* The k-th of n lots written with 、 (2015/8/21、2015/9/26: a batch
 * each), else lot whole. */
static void lot_cell(struct qc_buf *b, const char *lot, int k, int n)
{
	int pieces = 1;
	for (const char *q = lot; lot && (q = strstr(q, "、"));
	     q += strlen("、"))
		pieces++;
	if (!lot || n < 2 || pieces != n) {
		add_cell(b, lot, true);
		return;
	}
	const char *from = lot;
	for (int i = 0; i < k; i++)
		from = strstr(from, "、") + strlen("、");
	const char *end = strstr(from, "、");
	char *one = qc_xstrndup(from,
				end ? (size_t)(end - from) : strlen(from));
	add_cell(b, one, true);
	free(one);
}

/* Whether any part of a sentence names a spec (a) or lot (b). */
static void spec_lot(const struct sentence *x, bool *a, bool *b)
{
	for (size_t i = 0; i < x->n_products; i++) {
		*a |= x->spec[i] != NULL;
		*b |= x->lot[i] != NULL || x->made != NULL;
	}
}

/* The rows of a sentence, each on its line where it can be (so errors
 * name the file's lines), the others just after. */
static void write_rows(struct reading *r, const struct sentence *x, int at)
{
	for (size_t i = 0; i < x->n_products; i++)
		for (int k = 0; k < x->copies[i]; k++) {
			for (; r->line < at; r->line++)
				qc_buf_addch(r->csv, '\n');
			qc_buf_addf(r->csv, "%zu", ++r->rows);
			/* Made by the unit that sold it: it is the
			 * producer. */
			add_cell(r->csv, x->unit ? x->unit : "/", true);
			if (r->address)
				add_cell(r->csv, x->address, true);
			if (r->producer)
				add_cell(r->csv, x->producer, true);
			add_cell(r->csv, x->product[i], true);
			if (r->spec)
				add_cell(r->csv, x->spec[i], true);
			if (r->lot)
				lot_cell(r->csv,
					 x->lot[i] ? x->lot[i] : x->made, k,
					 x->copies[i]);
			/* None named (…产品不合格): "/", not an empty cell the
			 * table's reader would fill from the row above. */
			add_cell(r->csv, x->items ? x->items : "/", true);
			if (r->lab)
				add_cell(r->csv, x->lab, true);
			if (r->date)
				add_cell(r->csv, x->date, true);
			qc_buf_adds(r->csv, ",不合格\n");
			r->line++;
		}
}

/* One line's text (or lines joined) read: a sentence's rows counted
 * (first pass) or written, a line above them kept as the caption. */
static void one(struct reading *r, const char *text, struct qc_table_row *row,
		bool write, size_t *seen)
{
	char *simple = qc_sampling_rd_simplify(text);
	bool numbered;
	char *s = qc_sentence_unnumbered(simple, &numbered);
	s += strspn(s, " \t");
	if (!qc_sentence_like(s)) {
		/* The first lines above the sentences: the title
		 * (…不合格食品情况的通告(2026年第3期)) before the lines that
		 * lead into the list. */
		if (!write && !*seen && *s && r->captions < MAX_CAPTIONS)
			r->caption[r->captions++] = qc_xstrdup(text);
		free(simple);
		return;
	}
	(*seen)++;
	/* A line may hold several sentences parted by ;. */
	char *piece[MAX_PIECES];
	size_t pieces = qc_sentence_split(s, piece, MAX_PIECES);
	struct sentence(*x)[QC_SENTENCE_PARTS] = qc_xcalloc(pieces, sizeof(*x));
	size_t parts[MAX_PIECES];
	const char *why = NULL;
	for (size_t i = 0; i < pieces; i++) {
		qc_sentence_read(x[i], &parts[i], piece[i]);
		why = why ? why : x[i][0].why;
	}
	if (why) {
		if (!write) {
			r->unread++;
			if (!r->first_why) {
				r->first_why = why;
				r->first_line = row->line;
			}
		} else {
			struct qc_error e = { 0 };
			qc_error_set(&e, QC_EINVAL,
				     "a failure written as a sentence "
				     "is not read: %s",
				     qc_tr(why));
			qc_sampling_add_reject(r->rejects, row, e.msg);
		}
	} else if (!write) {
		for (size_t i = 0; i < pieces; i++)
			for (size_t k = 0; k < parts[i]; k++) {
				const struct sentence *y = &x[i][k];
				r->address |= y->address != NULL;
				r->producer |= y->producer != NULL;
				r->lab |= y->lab != NULL;
				r->date |= y->date != NULL;
				spec_lot(y, &r->spec, &r->lot);
				r->rows += y->n_products;
			}
	} else {
		if (!r->header)
			header(r, row->line);
		for (size_t i = 0; i < pieces; i++)
			for (size_t k = 0; k < parts[i]; k++)
				write_rows(r, &x[i][k], row->line);
	}
	for (size_t i = 0; i < pieces; i++)
		qc_sentence_release(x[i]);
	free(x);
	free(simple);
}

/* Whether a line breaks off a record (宁夏 2016: "…食品厂2016年4月1日
 * 生产的规格为65g/包的", its product and failure on the lines after): it
 * names a role, says no failure and ends in 的. */
static bool broken(const char *text)
{
	size_t k = strlen(text);
	while (k && (text[k - 1] == ' ' || text[k - 1] == '\t'))
		k--;
	/* Most lines end otherwise: not simplified to be asked. */
	if (k < 3 || strncmp(text + k - 3, "的", 3))
		return false;
	char *simple = qc_sampling_rd_simplify(text);
	bool numbered, is;
	char *s = qc_sentence_unnumbered(simple, &numbered);
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	is = qc_sampling_ends(s, "的") && !qc_sentence_like(s) &&
	     qc_sentence_names_role(s);
	free(simple);
	return is;
}

/* Whether a line's text is a sentence of a failure on its own. */
static bool line_like(const char *text)
{
	char *simple = qc_sampling_rd_simplify(text);
	bool numbered, like = qc_sentence_like(
			       qc_sentence_unnumbered(simple, &numbered));
	free(simple);
	return like;
}

/* Whether text ends a sentence (。 or ;). */
static bool ended(const char *text)
{
	size_t n = strlen(text);
	while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	return (n && (text[n - 1] == ';' || text[n - 1] == '.')) ||
	       (n >= 3 && (!strncmp(text + n - 3, "。", 3) ||
			   !strncmp(text + n - 3, "；", 3)));
}

/* Two passes: the first learns which columns the rows need, the second
 * writes them. */
static void pass(struct qc_table *t, struct reading *r, bool write)
{
	struct qc_table_row *row;
	struct qc_error err = { 0 };
	struct qc_buf line = QC_BUF_INIT, held = QC_BUF_INIT;
	size_t seen = 0, held_n = 0;
	/* Only kept[0..held_n) is ever read; zeroed so that the analyzer,
	 * which does not follow held_n, sees no uninitialised read. */
	char *kept[MAX_HELD] = { 0 };

	qc_buf_init(&line, 1 << 20);
	qc_buf_init(&held, 1 << 20);
	qc_table_rewind(t);
	while (qc_table_next(t, &row, &err) == 1 && seen < MAX_SENTENCES) {
		/* The page's commas made cells: joined again. */
		qc_buf_reset(&line);
		for (size_t i = 0; i < row->n; i++) {
			if (i && (i + 1 < row->n || *row->cells[i]))
				qc_buf_addch(&line, ',');
			qc_buf_adds(&line, row->cells[i]);
		}
		const char *text = qc_buf_str(&line);
		/* A record broken over lines is read joined, up to the line
		 * that ends it; lines that join into none read alone. */
		if (!held_n && broken(text)) {
			qc_buf_reset(&held);
			qc_buf_adds(&held, text);
			kept[held_n++] = qc_xstrdup(text);
			continue;
		}
		if (held_n && line_like(text)) {
			/* A sentence whole on its own line joins nothing. */
			for (size_t i = 0; i < held_n; i++) {
				one(r, kept[i], row, write, &seen);
				free(kept[i]);
			}
			held_n = 0;
		}
		if (held_n) {
			qc_buf_adds(&held, text);
			kept[held_n++] = qc_xstrdup(text);
			if (!ended(text) && held_n < MAX_HELD)
				continue;
			bool like = line_like(qc_buf_str(&held));
			if (like && !qc_buf_failed(&held))
				one(r, qc_buf_str(&held), row, write, &seen);
			for (size_t i = 0; i < held_n; i++) {
				if (!like)
					one(r, kept[i], row, write, &seen);
				free(kept[i]);
			}
			held_n = 0;
			continue;
		}
		one(r, text, row, write, &seen);
	}
	for (size_t i = 0; i < held_n; i++) {
		one(r, kept[i], row, write, &seen);
		free(kept[i]);
	}
	qc_buf_release(&held);
	qc_buf_release(&line);
	qc_table_rewind(t);
}

int qc_sampling_sentences(struct qc_table *t, struct qc_buf *csv,
			  struct qc_buf *rejects, size_t *unread, int *line,
			  const char **why)
{
	struct reading r = { .csv = csv, .rejects = rejects, .line = 1 };
	int found = 0;

	pass(t, &r, false);
	*unread = r.unread;
	*line = r.first_line;
	*why = r.first_why;
	if (r.rows) {
		r.rows = 0;
		pass(t, &r, true);
		found = !qc_buf_failed(csv);
	} else if (r.unread) {
		found = -1;
	}
	for (size_t i = 0; i < r.captions; i++)
		free(r.caption[i]);
	return found;
}
