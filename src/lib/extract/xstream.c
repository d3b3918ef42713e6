/* qc_extract_stream: a plain-text plan read a window of lines at a time,
 * its goals, targets, tasks, phases, duties and rules handed on as they
 * are finished, so memory holds a window and a section, not the
 * document. The passes are the whole-document ones run over line ranges
 * with their state carried on; the output is the same
 * (tests/unit/extract/test_stream.c, bench/extract/same_output.sh). */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "qcity/alloc.h"
#include "qcity/extract.h"
#include "qcity/text.h"
#include "extract_int.h"
#include "xtctx.h"
#include "banned.h"

/* Lines a line's rules may look at on either side: a due year is looked
 * for XDUE_LINES around (tense.c), the group 5 lines on. */
#define LOOK (XDUE_LINES + 1)
#define HEAD XMETA_HEAD
#define TAIL XMETA_TAIL
#define CHUNK_DEFAULT ((size_t)1 << 20)

struct xstream {
	struct xdoc d, d2; /* the window, and the next one being read */
	struct xctx tc;
	struct xoutline *ol;
	bool in_phases;
	size_t phases_gone;
	size_t done;             /* lines of the window every pass has read */
	struct xline head[HEAD]; /* copies of the first lines */
	size_t n_head;
	qc_extract_piece_fn piece; /* NULL: the pieces gather in acc */
	void *ctx;
	bool handed; /* piece has been called */
	struct qc_plan acc;
};

/* Move the first k elements of p's array f to the end of q's. */
#define MOVE(q, p, f, k)                                                  \
	do {                                                              \
		size_t k_ = (k);                                          \
		if (k_) {                                                 \
			QC_GROW((q)->f, (q)->n_##f + k_, (q)->alloc_##f); \
			memcpy((q)->f + (q)->n_##f, (p)->f,               \
			       k_ * sizeof(*(p)->f));                     \
			(q)->n_##f += k_;                                 \
			memmove((p)->f, (p)->f + k_,                      \
				((p)->n_##f - k_) * sizeof(*(p)->f));     \
			(p)->n_##f -= k_;                                 \
		}                                                         \
	} while (0)

/* Move the first ngoal goals and ntask tasks of p, and all its targets,
 * phases, duties and rules, to the end of q's arrays. */
static void move_items(struct qc_plan *q, struct qc_plan *p, size_t ngoal,
		       size_t ntask)
{
	MOVE(q, p, goals, ngoal);
	MOVE(q, p, targets, p->n_targets);
	MOVE(q, p, tasks, ntask);
	MOVE(q, p, phases, p->n_phases);
	MOVE(q, p, duties, p->n_duties);
	MOVE(q, p, rules, p->n_rules);
}

/* Take what is finished out of p into q (initialised here): all but the
 * last goal (a target may still name it) and the tasks before the first
 * open one; at the end, all. */
static void take(struct xstream *x, struct qc_plan *p, bool all,
		 struct qc_plan *q)
{
	size_t ntask = all ? p->n_tasks : qc_xoutline_done(x->ol, p->n_tasks);
	size_t ngoal = all || !p->n_goals ? p->n_goals : p->n_goals - 1;

	qc_plan_init(q);
	move_items(q, p, ngoal, ntask);
	x->tc.goals_gone += q->n_goals;
	x->phases_gone += q->n_phases;
	qc_xoutline_gone(x->ol, q->n_tasks);
}

/* Hand piece q to the caller (if it holds anything), or keep it in acc,
 * and release it. */
static enum qc_rc deliver(struct xstream *x, struct qc_plan *q,
			  struct qc_error *err)
{
	enum qc_rc rc = QC_OK;

	if (!x->piece) {
		move_items(&x->acc, q, q->n_goals, q->n_tasks);
	} else if (q->n_goals || q->n_targets || q->n_tasks || q->n_phases ||
		   q->n_duties || q->n_rules) {
		x->handed = true;
		rc = x->piece(x->ctx, q, err);
	}
	qc_plan_release(q);
	return rc;
}

/* The head, once the first lines are in: what they tell, and copies of
 * them for the issuer and date read at the end. */
static void read_head(struct xstream *x, const struct xdoc *d,
		      struct qc_plan *p)
{
	qc_xmeta_head(d, p);
	x->n_head = d->n < HEAD ? d->n : HEAD;
	for (size_t i = 0; i < x->n_head; i++) {
		struct xline *h = &x->head[i];
		*h = d->v[i];
		h->orig = qc_xstrndup(h->orig, h->orig_len);
		h->norm = qc_xstrndup(h->norm, h->norm_len);
	}
}

/* Issuer and date: from the window if it still holds the whole
 * document, else from the head's copies and the window's last lines,
 * which are the lines meta.c reads in a document this long. */
static void read_tail(struct xstream *x, const struct xdoc *d,
		      struct qc_plan *p)
{
	struct xline v[HEAD + TAIL];
	struct xdoc t = { 0 };

	if (!d->n || d->v[0].no == 1) {
		qc_xmeta_tail(d, p);
		return;
	}
	memcpy(v, x->head, sizeof(x->head));
	memcpy(v + HEAD, d->v + d->n - TAIL, TAIL * sizeof(*v));
	t.v = v;
	t.n = HEAD + TAIL;
	qc_xmeta_tail(&t, p);
}

/* The target rules on their own thread: they take half the time, and
 * share nothing with the other passes but the lines, which they only
 * read (the plan's arrays they fill are their own; the slice memo is
 * per thread; the patterns and automata are built once). */
struct tjob {
	struct xctx *c;
	size_t from, to;
};

static void *targets_job(void *arg)
{
	struct tjob *j = arg;

	qc_xtargets_lines(j->c, j->from, j->to);
	return NULL;
}

/* Windows this many lines or more run the target rules on a thread. */
#define THREAD_LINES 32
/* Bytes qc_text_sniff looks at (the HTML tags in the first 1024, after
 * a BOM and a UTF-16 mark). */
#define SNIFF 1029

/* The file as it is read: raw[0..len) are the bytes read and not yet
 * cut into lines. Each byte is read once and checked once, for what the
 * whole-file reader checks (qc_text_load: plain text, no UTF-16 mark,
 * not binary, valid UTF-8); a file that fails any of it is not_text,
 * and goes to the whole-file reader, which reads it (GB18030) or
 * refuses it with its own message. */
struct reader {
	FILE *f;
	const char *path;
	char *raw;
	size_t len, alloc, chunk;
	size_t total, bad; /* bytes after a BOM; controls among them */
	bool first, eof, not_text;
};

/* Read on until raw holds a LF (the first time also SNIFF bytes) or the
 * file ends, and cut it after its last LF (all of it at the end of the
 * file): *eof when nothing is left. */
static enum qc_rc read_chunk(struct reader *r, size_t *cut,
			     struct qc_error *err)
{
	size_t n, nl = 0;

	do {
		size_t i;

		/* a file without LF (CR line ends) is one long line: grow
		 * by half again, not a chunk at a time, or each read
		 * copies all that came before */
		if (r->alloc - r->len < r->chunk) {
			r->alloc = qc_st_add(r->len, r->chunk > r->len / 2 ?
							     r->chunk :
							     r->len / 2);
			r->raw = qc_xrealloc(r->raw, r->alloc);
		}
		n = fread(r->raw + r->len, 1, r->chunk, r->f);
		if (ferror(r->f))
			return qc_error_set(err, QC_EIO,
					    "could not read the document: %s",
					    strerror(errno));
		if (r->len + n > QC_TEXT_MAX)
			return qc_error_set(err, QC_EUNSUPPORTED,
					    "a line of the document is "
					    "larger than %zu bytes",
					    QC_TEXT_MAX);
		/* the last LF of what was just read (what was kept has
		 * none) */
		for (i = r->len + n; i > r->len; i--)
			if (r->raw[i - 1] == '\n') {
				nl = i;
				break;
			}
		r->len += n;
	} while (n > 0 && (!nl || (r->first && r->len < SNIFF)));
	r->eof = n == 0;
	*cut = r->eof || !nl ? r->len : nl;
	return QC_OK;
}

/* Whether s[0..n), the next bytes of the file, keep it a text the
 * stream reads: the checks of qc_text_load, over the file so far. */
static bool still_text(struct reader *r, const char *s, size_t n)
{
	if (r->first) {
		r->first = false;
		if (qc_text_sniff(r->raw, r->len, r->path) != QC_FMT_PLAIN ||
		    (n >= 2 &&
		     (!memcmp(s, "\xFF\xFE", 2) || !memcmp(s, "\xFE\xFF", 2))))
			return false;
	}
	if (memchr(s, 0, n))
		return false;
	/* controls but tab, LF, CR, FF (looks_binary): branch-free and
	 * summed in a byte 255 bytes at a time, so the compiler vectorises
	 * it in byte lanes */
	for (size_t i = 0; i < n;) {
		size_t end = n - i > 255 ? i + 255 : n;
		uint8_t sum = 0;
		for (; i < end; i++) {
			uint8_t c = (uint8_t)s[i];
			sum += (uint8_t)((c < 0x20) & (c != '\t') &
					 (c != '\n') & (c != '\r') &
					 (c != '\f'));
		}
		r->bad += sum;
	}
	r->total += n;
	/* a cut falls after a LF: the parts are valid UTF-8 exactly when
	 * the whole is */
	if (r->bad > 64 || !qc_utf8_valid(s, n))
		return false;
	return !r->eof || (r->total > 0 && r->bad * 100 <= r->total);
}

/* Read the next chunk and make d the lines [keep, n) of from and the
 * chunk's lines (d may be from). QC_EUNSUPPORTED with r->not_text and
 * no message when the file is not one the stream reads. */
static enum qc_rc read_window(struct reader *r, struct xdoc *d,
			      const struct xdoc *from, size_t keep,
			      struct qc_error *err)
{
	size_t cut = 0, skip = 0;
	enum qc_rc rc;

	if ((rc = read_chunk(r, &cut, err)))
		return rc;
	if (r->first && r->len >= 3 && !memcmp(r->raw, "\xEF\xBB\xBF", 3))
		skip = 3;
	if (!still_text(r, r->raw + skip, cut - skip)) {
		r->not_text = true;
		return QC_EUNSUPPORTED;
	}
	rc = qc_xdoc_next(d, from, keep, r->raw + skip, cut - skip, r->eof,
			  err);
	/* the part line after the last LF waits */
	memmove(r->raw, r->raw + cut, r->len - cut);
	r->len -= cut;
	return rc;
}

/* The target rules on their own thread while this one runs the other
 * passes, hands on the last window's piece and reads the next window
 * (two windows: the next one is built from this one's last lines, which
 * both threads only read). */
static enum qc_rc stream(struct xstream *x, struct reader *r, const char *path,
			 struct qc_plan *p, struct qc_error *err)
{
	struct xdoc *cur = &x->d, *nxt = &x->d2, *sw;
	struct qc_plan q; /* the piece the last window finished */
	enum qc_rc rc;

	qc_plan_init(&q);
	/* the head first: 15 lines, or the whole file */
	do
		rc = read_window(r, cur, cur, 0, err);
	while (!rc && cur->n < HEAD && !r->eof);
	if (rc)
		return rc;
	read_head(x, cur, p);
	for (;;) {
		bool eof = r->eof, threaded = false;
		size_t to = eof ? cur->n : cur->n > LOOK ? cur->n - LOOK : 0;
		size_t keep = to > LOOK ? to - LOOK : 0;
		struct tjob j = { &x->tc, x->done, to };
		enum qc_rc rc2 = QC_OK;
		pthread_t th;

		x->tc.d = cur;
		if (to > x->done) {
			threaded = to - x->done >= THREAD_LINES &&
				   pthread_create(&th, NULL, targets_job, &j) ==
					   0;
			if (!threaded)
				qc_xtargets_lines(&x->tc, x->done, to);
			qc_xoutline_lines(x->ol, cur, x->done, to, p);
			qc_xphases_lines(cur, x->done, to, p, &x->in_phases,
					 x->phases_gone);
			qc_xgroup_lines(cur, x->done, to, p);
			qc_xduties_lines(cur, x->done, to, p);
		}
		rc = deliver(x, &q, err);
		if (!eof && !rc)
			rc2 = read_window(r, nxt, cur, keep, err);
		if (threaded)
			pthread_join(th, NULL);
		x->done = to;
		/* at the end, all: the last goal and the open tasks too */
		take(x, p, eof, &q);
		if (rc || rc2) {
			rc = rc ? rc : rc2;
			break;
		}
		if (eof) {
			read_tail(x, cur, p);
			if (!p->title)
				qc_set_str(&p->title, qc_xbase_name(path));
			qc_xtargets_finish(&x->tc);
			rc = deliver(x, &q, err);
			break;
		}
		/* a pending goal line is in cur, which the window after
		 * next is built in */
		qc_xtargets_keep(&x->tc);
		sw = cur;
		cur = nxt;
		nxt = sw;
		x->done -= keep;
	}
	qc_plan_release(&q);
	return rc;
}

/* The whole-file way, handed on in one piece (or, without piece, kept
 * in out). */
static enum qc_rc whole(const char *path, const struct qc_catalog *cat,
			qc_extract_piece_fn piece, void *ctx,
			struct qc_plan *out, struct qc_error *err)
{
	struct qc_plan q;
	enum qc_rc rc = qc_extract_file(path, cat, out, err);

	if (rc || !piece)
		return rc;
	qc_plan_init(&q);
	move_items(&q, out, out->n_goals, out->n_tasks);
	rc = piece(ctx, &q, err);
	qc_plan_release(&q);
	return rc;
}

/* Read path a window at a time into out; r->not_text when it turns out
 * to be a file the stream does not read. */
static enum qc_rc run(struct xstream *x, struct reader *r,
		      const struct qc_catalog *cat, struct qc_plan *out,
		      struct qc_error *err)
{
	enum qc_rc rc;

	qc_buf_init(&x->d.text, QC_TEXT_MAX);
	qc_buf_init(&x->d.norm, 0);
	qc_buf_init(&x->d2.text, QC_TEXT_MAX);
	qc_buf_init(&x->d2.norm, 0);
	qc_plan_init(&x->acc);
	x->tc.d = &x->d;
	x->tc.cat = cat;
	x->tc.p = out;
	x->ol = qc_xoutline_new(true);
	qc_set_str(&out->status, "draft");
	qc_set_str(&out->source, qc_xbase_name(r->path));
	rc = stream(x, r, r->path, out, err);
	if (rc) {
		qc_owner_list_release(&x->tc.owners);
		qc_xtable_free(&x->tc);
		free(x->tc.goal_copy.orig);
		free(x->tc.goal_copy.norm);
	} else if (!x->piece) {
		/* everything was taken at the end: out holds the head */
		move_items(out, &x->acc, x->acc.n_goals, x->acc.n_tasks);
	}
	for (size_t i = 0; i < x->n_head; i++) {
		free((char *)x->head[i].orig);
		free((char *)x->head[i].norm);
	}
	qc_plan_release(&x->acc);
	qc_xoutline_free(x->ol);
	qc_xdoc_release(&x->d);
	qc_xdoc_release(&x->d2);
	return rc;
}

enum qc_rc qc_extract_stream(const char *path, const struct qc_catalog *cat,
			     size_t chunk, qc_extract_piece_fn piece, void *ctx,
			     struct qc_plan *out, struct qc_error *err)
{
	struct xstream x = { .piece = piece, .ctx = ctx };
	struct reader r = { .path = path, .first = true };
	struct stat st;
	enum qc_rc rc;

	qc_plan_init(out);
	if ((rc = qc_extract_init(err)))
		return rc;
	/* what cannot be opened or is not a file: as the whole-file
	 * reader says */
	if (!(r.f = fopen(path, "rb")))
		return whole(path, cat, piece, ctx, out, err);
	if (fstat(fileno(r.f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(r.f);
		return whole(path, cat, piece, ctx, out, err);
	}
	r.chunk = chunk ? chunk : CHUNK_DEFAULT;
	rc = run(&x, &r, cat, out, err);
	fclose(r.f);
	free(r.raw);
	if (r.not_text) {
		/* Rare: found past the first window (a GB18030 file with a
		 * long ASCII start, a binary tail). What was handed on is
		 * taken back, and the file read again whole. */
		qc_plan_release(out);
		if (x.handed && (rc = piece(ctx, NULL, err)))
			return rc;
		return whole(path, cat, piece, ctx, out, err);
	}
	if (rc)
		qc_error_prefix(err, "%s", path);
	return rc;
}
