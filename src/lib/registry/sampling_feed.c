/* Rows for the sampling importer, read and checked ahead (see
 * sampling_feed.h). Threaded, the reading thread fills chunks of
 * FEED_ROWS rows, copying each row's cells and fields (they point into
 * the table's and the reader's buffers, which the next row reuses), and
 * the writing thread empties them in order: FEED_CHUNKS chunks in turn,
 * so memory stays flat whatever the file's length. A 1 M-row import
 * spends about a fifth of its time reading and checking cells: that
 * much runs beside SQLite's inserts (docs/registry.md "Eighth pass"). */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/strbuf.h"
#include "sampling_feed.h"
#include "sampling_int.h"
#include "banned.h"

#define FEED_ROWS 256
#define FEED_CHUNKS 4

/* A row as copied into a chunk: offsets into the chunk's text, + 1 (0:
 * NULL). */
struct feed_row {
	int line;
	enum qc_rc rc;
	size_t n, cells; /* cells: n NUL-terminated strings one after another */
	size_t f[QC_SF__COUNT];
	size_t msg;      /* err's message when rc is not 0 */
	struct sample x; /* f[] unset: see f */
};

struct feed_chunk {
	struct feed_row rows[FEED_ROWS];
	int n;
	int end; /* after these rows: 1 more, 0 the table's end, -1 its error */
	struct qc_error err; /* of end -1 */
	struct qc_buf text;
	bool full; /* filled, not yet emptied */
};

struct sampling_feed {
	struct qc_table *t;
	int header_line;
	sampling_skip_fn skip;
	sampling_check_fn check;
	void *ctx;
	struct sampling_item item;
	/* Threaded: */
	bool threaded;
	pthread_t reader;
	pthread_mutex_t mu;
	pthread_cond_t filled, emptied;
	bool stop;            /* the writing side is done: stop reading */
	struct feed_chunk *c; /* FEED_CHUNKS */
	int take, at;         /* the chunk and row the next call hands out */
	struct qc_table_row row;
	char **cells;
	size_t cells_alloc;
	size_t *cell_at; /* the reading thread's: where fill copied cells */
	size_t at_alloc;
	/* A row the skip looked past (SAMPLING_PEEK): the row it asked
	 * about (cur) and the one after it (ahead), copied, since the
	 * table reuses its row; ahead is handed out next. */
	struct held {
		struct qc_table_row row;
		struct qc_buf text;
		char **cells;
		size_t alloc;
	} cur, ahead;
	int ahead_r; /* 1 a row held, 0 none, -1 the table's error */
	struct qc_error ahead_err;
};

/* Keep a copy of r in h (h's own row until the next hold). */
static struct qc_table_row *hold(struct held *h, const struct qc_table_row *r)
{
	size_t *at = qc_xreallocarray(NULL, r->n ? r->n : 1, sizeof(*at));

	qc_buf_reset(&h->text);
	for (size_t i = 0; i < r->n; i++)
		at[i] = qc_buf_keep(&h->text, r->cells[i]);
	if (r->n > h->alloc) {
		h->alloc = r->n;
		h->cells = qc_xreallocarray(h->cells, r->n, sizeof(*h->cells));
	}
	for (size_t i = 0; i < r->n; i++)
		h->cells[i] = (char *)qc_buf_str(&h->text) + at[i] - 1;
	free(at);
	h->row.cells = h->cells;
	h->row.n = r->n;
	h->row.line = r->line;
	return &h->row;
}

static int next_row(struct sampling_feed *f, struct qc_table_row **row,
		    struct qc_error *err)
{
	int r = f->ahead_r;

	if (!r)
		return qc_table_next(f->t, row, err);
	f->ahead_r = 0;
	if (r < 0 && err)
		*err = f->ahead_err;
	*row = &f->ahead.row;
	return r;
}

/* The held row and the one after it made one (SAMPLING_JOIN), held in
 * cur; the row after is used up. */
static struct qc_table_row *join_ahead(struct sampling_feed *f)
{
	char *cells[QC_SAMPLING_COLS];
	size_t n = qc_sampling_join_wrapped(f->cur.row.cells,
					    f->ahead.row.cells, f->ahead.row.n,
					    cells, QC_SAMPLING_COLS);
	struct qc_table_row joined = { cells, n, f->cur.row.line };

	/* Copied first: hold() reuses cur's text. */
	for (size_t i = 0; i < n; i++)
		cells[i] = qc_xstrdup(cells[i]);
	struct qc_table_row *row = hold(&f->cur, &joined);
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	f->ahead_r = 0;
	return row;
}

/* Whether skip leaves the row out, looking at the row after it when
 * it asks (then *row may become the feed's copy). */
static bool skipped(struct sampling_feed *f, struct qc_table_row **row)
{
	static char *none[1] = { "" };
	static const struct qc_table_row end = { none, 0, 0 };
	struct qc_table_row *next;
	int v = f->skip(f->ctx, *row, NULL);

	if (v != SAMPLING_PEEK)
		return v == SAMPLING_LEAVE;
	*row = hold(&f->cur, *row);
	do {
		memset(&f->ahead_err, 0, sizeof(f->ahead_err));
		f->ahead_r = qc_table_next(f->t, &next, &f->ahead_err);
		if (f->ahead_r == 1)
			hold(&f->ahead, next);
		v = f->skip(f->ctx, *row,
			    f->ahead_r == 1 ? &f->ahead.row : &end);
		/* The row after belongs to this one: dropped. */
	} while (v == SAMPLING_ABSORB && f->ahead_r == 1);
	if (v == SAMPLING_JOIN && f->ahead_r == 1) {
		*row = join_ahead(f);
		return false;
	}
	return v == SAMPLING_LEAVE;
}

/* The next row kept, checked: 1, 0 at the end, -1 on a malformed table
 * (err). */
static int read_one(struct sampling_feed *f, struct qc_table_row **row,
		    struct sampling_item *it, struct qc_error *err)
{
	int r;
	while ((r = next_row(f, row, err)) == 1) {
		if ((*row)->line <= f->header_line || skipped(f, row))
			continue;
		memset(&it->err, 0, sizeof(it->err));
		it->rc = f->check(f->ctx, *row, &it->x, &it->err);
		return 1;
	}
	return r;
}

/* A field: most are a cell of the row as read, already copied (at[i]
 * its offset + 1); others (cells joined, simplified, carried down from
 * the row above) are copied. */
static size_t keep_field(struct qc_buf *b, const size_t *at,
			 const struct qc_table_row *row, const char *v)
{
	for (size_t i = 0; v && i < row->n; i++)
		if (row->cells[i] == v)
			return at[i];
	return qc_buf_keep(b, v);
}

/* Fill one chunk; false once the table has ended (or failed). */
static bool fill(struct sampling_feed *f, struct feed_chunk *c)
{
	struct sampling_item it;
	struct qc_table_row *row;

	qc_buf_reset(&c->text);
	c->n = 0;
	c->end = 1;
	while (c->n < FEED_ROWS) {
		int r = read_one(f, &row, &it, &c->err);
		if (r != 1) {
			c->end = r;
			return false;
		}
		struct feed_row *k = &c->rows[c->n++];
		k->line = row->line;
		k->rc = it.rc;
		k->x = it.x;
		k->n = row->n;
		k->cells = qc_buf_len(&c->text);
		if (row->n > f->at_alloc) {
			f->at_alloc = row->n;
			f->cell_at = qc_xreallocarray(f->cell_at, row->n,
						      sizeof(*f->cell_at));
		}
		for (size_t i = 0; i < row->n; i++)
			f->cell_at[i] = qc_buf_keep(&c->text, row->cells[i]);
		for (int i = 0; i < QC_SF__COUNT; i++)
			k->f[i] = keep_field(&c->text, f->cell_at, row,
					     it.x.f[i]);
		k->msg = it.rc ? qc_buf_keep(&c->text, it.err.msg) : 0;
	}
	return true;
}

static void *reader_main(void *arg)
{
	struct sampling_feed *f = arg;
	bool more = true;

	for (int i = 0; more; i = (i + 1) % FEED_CHUNKS) {
		struct feed_chunk *c = &f->c[i];
		pthread_mutex_lock(&f->mu);
		while (c->full && !f->stop)
			pthread_cond_wait(&f->emptied, &f->mu);
		bool stop = f->stop;
		pthread_mutex_unlock(&f->mu);
		if (stop)
			break;
		more = fill(f, c);
		pthread_mutex_lock(&f->mu);
		c->full = true;
		pthread_cond_signal(&f->filled);
		pthread_mutex_unlock(&f->mu);
	}
	return NULL;
}

struct sampling_feed *qc_sampling_feed_open(struct qc_table *t, int header_line,
					    sampling_skip_fn skip,
					    sampling_check_fn check, void *ctx,
					    bool threaded)
{
	struct sampling_feed *f = qc_xcalloc(1, sizeof(*f));

	f->t = t;
	f->header_line = header_line;
	f->skip = skip;
	f->check = check;
	f->ctx = ctx;
	qc_buf_init(&f->cur.text, 0);
	qc_buf_init(&f->ahead.text, 0);
	if (!threaded)
		return f;
	f->c = qc_xcalloc(FEED_CHUNKS, sizeof(*f->c));
	for (int i = 0; i < FEED_CHUNKS; i++)
		qc_buf_init(&f->c[i].text, 0);
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->filled, NULL);
	pthread_cond_init(&f->emptied, NULL);
	/* Without a thread (none left to the process), read in line. */
	f->threaded = pthread_create(&f->reader, NULL, reader_main, f) == 0;
	return f;
}

/* The row of the chunk at f->at, as the item. */
static void hand_out(struct sampling_feed *f, const struct feed_chunk *c)
{
	const struct feed_row *k = &c->rows[f->at++];
	const char *text = qc_buf_str(&c->text);

	if (k->n > f->cells_alloc) {
		f->cells_alloc = k->n;
		f->cells = qc_xreallocarray(f->cells, k->n, sizeof(*f->cells));
	}
	const char *p = text + k->cells;
	for (size_t i = 0; i < k->n; i++) {
		f->cells[i] = (char *)p;
		p += strlen(p) + 1;
	}
	f->row.cells = f->cells;
	f->row.n = k->n;
	f->row.line = k->line;
	f->item.row = &f->row;
	f->item.x = k->x;
	for (int i = 0; i < QC_SF__COUNT; i++)
		f->item.x.f[i] = k->f[i] ? text + k->f[i] - 1 : NULL;
	f->item.rc = k->rc;
	memset(&f->item.err, 0, sizeof(f->item.err));
	if (k->rc) {
		/* Kept as the check wrote it (already translated). */
		f->item.err.code = k->rc;
		snprintf(f->item.err.msg, sizeof(f->item.err.msg), "%s",
			 text + k->msg - 1);
	}
}

int qc_sampling_feed_next(struct sampling_feed *f, struct sampling_item **out,
			  struct qc_error *err)
{
	struct qc_table_row *row = NULL;

	if (!f->threaded) {
		int r = read_one(f, &row, &f->item, err);
		f->item.row = row;
		*out = &f->item;
		return r;
	}
	for (;;) {
		struct feed_chunk *c = &f->c[f->take];
		pthread_mutex_lock(&f->mu);
		while (!c->full)
			pthread_cond_wait(&f->filled, &f->mu);
		pthread_mutex_unlock(&f->mu);
		if (f->at < c->n) {
			hand_out(f, c);
			*out = &f->item;
			return 1;
		}
		if (c->end != 1) {
			/* The chunk stays full: the reader has stopped. */
			if (c->end < 0 && err)
				*err = c->err;
			return c->end;
		}
		pthread_mutex_lock(&f->mu);
		c->full = false;
		pthread_cond_signal(&f->emptied);
		pthread_mutex_unlock(&f->mu);
		f->take = (f->take + 1) % FEED_CHUNKS;
		f->at = 0;
	}
}

void qc_sampling_feed_close(struct sampling_feed *f)
{
	if (!f)
		return;
	if (f->threaded) {
		pthread_mutex_lock(&f->mu);
		f->stop = true;
		pthread_cond_signal(&f->emptied);
		pthread_mutex_unlock(&f->mu);
		pthread_join(f->reader, NULL);
	}
	if (f->c) {
		for (int i = 0; i < FEED_CHUNKS; i++)
			qc_buf_release(&f->c[i].text);
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->filled);
		pthread_cond_destroy(&f->emptied);
		free(f->c);
	}
	free(f->cells);
	free(f->cell_at);
	qc_buf_release(&f->cur.text);
	qc_buf_release(&f->ahead.text);
	free(f->cur.cells);
	free(f->ahead.cells);
	free(f);
}
