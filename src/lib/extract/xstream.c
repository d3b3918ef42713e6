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

/* Where the last code point of s[0..n) starts (n if none is cut): split
 * there, the two halves are valid UTF-8 exactly when the whole is. */
static size_t utf8_cut(const char *s, size_t n)
{
	size_t i = n;

	while (i > 0 && n - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	return i > 0 && (unsigned char)s[i - 1] >= 0xC0 ? i - 1 : n;
}

/* Whether path is plain UTF-8 text the whole-file reader accepts
 * (qc_text_load: not .docx or HTML, no UTF-16 mark, not binary, valid
 * UTF-8): those are read in windows; anything else goes the whole-file
 * way, errors included, so both read every file the same. */
static bool streamable(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *buf = NULL;
	size_t have = 0, total = 0, bad = 0, skip = 0;
	bool first = true, ok = false;

	if (!f)
		return false;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode))
		goto out;
	buf = qc_xmalloc(CHUNK_DEFAULT + 4);
	for (;;) {
		size_t n = fread(buf + have, 1, CHUNK_DEFAULT, f);
		size_t len = have + n, cut;
		const char *s = buf;

		if (ferror(f))
			goto out;
		if (first) {
			first = false;
			if (qc_text_sniff(buf, len, path) != QC_FMT_PLAIN)
				goto out;
			if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
				skip = 3;
			if (len - skip >= 2 &&
			    (!memcmp(buf + skip, "\xFF\xFE", 2) ||
			     !memcmp(buf + skip, "\xFE\xFF", 2)))
				goto out;
			s += skip;
			len -= skip;
			n -= skip;
		}
		total += n;
		/* the bytes carried over are a code point's, never a
		 * control: counting them again adds nothing */
		if (memchr(s, 0, len))
			goto out;
		/* controls but tab, LF, CR, FF: branch-free and summed in
		 * 32 bits a block at a time, so the compiler vectorises it */
		for (size_t i = 0; i < len;) {
			size_t end = len - i > 65536 ? i + 65536 : len;
			uint32_t sum = 0;
			for (; i < end; i++) {
				uint8_t c = (uint8_t)s[i];
				sum += (uint32_t)(c < 0x20) - (c == '\t') -
				       (c == '\n') - (c == '\r') - (c == '\f');
			}
			bad += sum;
		}
		cut = n ? utf8_cut(s, len) : len;
		if (!qc_utf8_valid(s, cut))
			goto out;
		have = len - cut;
		memmove(buf, s + cut, have);
		if (!n)
			break;
	}
	ok = total > 0 && !(bad * 100 > total || bad > 64);
out:
	free(buf);
	fclose(f);
	return ok;
}

struct xstream {
	struct xdoc d, d2; /* the window, and the next one being read */
	struct xctx tc;
	struct xoutline *ol;
	bool in_phases;
	size_t phases_gone;
	size_t done;             /* lines of the window every pass has read */
	struct xline head[HEAD]; /* copies of the first lines */
	size_t n_head;
	qc_extract_piece_fn piece;
	void *ctx;
};

/* Move the first k elements of p's array f to piece q. */
#define TAKE(q, p, f, k)                                               \
	do {                                                           \
		size_t k_ = (k);                                       \
		if (k_) {                                              \
			(q)->f = qc_xmallocarray(k_, sizeof(*(p)->f)); \
			memcpy((q)->f, (p)->f, k_ * sizeof(*(p)->f));  \
			(q)->n_##f = (q)->alloc_##f = k_;              \
			memmove((p)->f, (p)->f + k_,                   \
				((p)->n_##f - k_) * sizeof(*(p)->f));  \
			(p)->n_##f -= k_;                              \
		}                                                      \
	} while (0)

/* Take what is finished out of p into q (initialised here): all but the
 * last goal (a target may still name it) and the tasks before the first
 * open one; at the end, all. */
static void take(struct xstream *x, struct qc_plan *p, bool all,
		 struct qc_plan *q)
{
	size_t ntask = all ? p->n_tasks : qc_xoutline_done(x->ol, p->n_tasks);
	size_t ngoal = all || !p->n_goals ? p->n_goals : p->n_goals - 1;

	qc_plan_init(q);
	TAKE(q, p, goals, ngoal);
	TAKE(q, p, targets, p->n_targets);
	TAKE(q, p, tasks, ntask);
	TAKE(q, p, phases, p->n_phases);
	TAKE(q, p, duties, p->n_duties);
	TAKE(q, p, rules, p->n_rules);
	x->tc.goals_gone += q->n_goals;
	x->phases_gone += q->n_phases;
	qc_xoutline_gone(x->ol, q->n_tasks);
}

/* Hand piece q to the caller (if it holds anything) and release it. */
static enum qc_rc deliver(struct xstream *x, struct qc_plan *q,
			  struct qc_error *err)
{
	enum qc_rc rc = q->n_goals || q->n_targets || q->n_tasks ||
					q->n_phases || q->n_duties ||
					q->n_rules ?
				x->piece(x->ctx, q, err) :
				QC_OK;

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

/* Read the next chunk of f into pend and cut it at its last LF (all of it
 * at the end of the file): *eof when nothing is left. */
static enum qc_rc read_chunk(FILE *f, struct qc_buf *pend, char *tmp,
			     size_t chunk, size_t *cut, bool *eof,
			     struct qc_error *err)
{
	const char *s, *nl = NULL;
	size_t n;

	*eof = false;
	do {
		n = fread(tmp, 1, chunk, f);
		qc_buf_add(pend, tmp, n);
		if (ferror(f))
			return qc_error_set(err, QC_EIO,
					    "could not read the document: %s",
					    strerror(errno));
		if (qc_buf_failed(pend))
			return qc_error_set(err, QC_EUNSUPPORTED,
					    "a line of the document is "
					    "larger than %zu bytes",
					    QC_TEXT_MAX);
		s = qc_buf_str(pend);
		for (size_t i = qc_buf_len(pend); i > 0; i--)
			if (s[i - 1] == '\n') {
				nl = s + i - 1;
				break;
			}
	} while (!nl && n > 0);
	*eof = n == 0;
	*cut = *eof || !nl ? qc_buf_len(pend) : (size_t)(nl + 1 - s);
	return QC_OK;
}

/* The file as it is read: the bytes not yet cut into lines, and what
 * read_chunk and qc_text_add_lf need. */
struct reader {
	FILE *f;
	struct qc_buf pend, rest, text;
	char *tmp;
	size_t chunk;
	bool first, eof;
};

/* Read the next chunk and make d the lines [keep, n) of from and the
 * chunk's lines (d may be from). */
static enum qc_rc read_window(struct reader *r, struct xdoc *d,
			      const struct xdoc *from, size_t keep,
			      struct qc_error *err)
{
	size_t cut = 0, skip = 0;
	const char *s;
	struct qc_buf t;
	enum qc_rc rc;

	if ((rc = read_chunk(r->f, &r->pend, r->tmp, r->chunk, &cut, &r->eof,
			     err)))
		return rc;
	s = qc_buf_str(&r->pend);
	if (r->first && cut >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		skip = 3;
	r->first = false;
	/* checked before: only a file changed since is caught here */
	if (!qc_utf8_valid(s + skip, cut - skip) ||
	    memchr(s + skip, 0, cut - skip))
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "the document changed while it was "
				    "read: extract it again");
	qc_buf_reset(&r->text);
	qc_text_add_lf(&r->text, s + skip, cut - skip);
	/* the part line after the last LF waits */
	qc_buf_reset(&r->rest);
	qc_buf_add(&r->rest, s + cut, qc_buf_len(&r->pend) - cut);
	t = r->pend;
	r->pend = r->rest;
	r->rest = t;
	return qc_xdoc_next(d, from, keep, qc_buf_str(&r->text),
			    qc_buf_len(&r->text), r->eof, err);
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

/* The whole-file way, handed on in one piece. */
static enum qc_rc whole(const char *path, const struct qc_catalog *cat,
			qc_extract_piece_fn piece, void *ctx,
			struct qc_plan *out, struct qc_error *err)
{
	struct qc_plan q;
	enum qc_rc rc = qc_extract_file(path, cat, out, err);

	if (rc)
		return rc;
	qc_plan_init(&q);
	TAKE(&q, out, goals, out->n_goals);
	TAKE(&q, out, targets, out->n_targets);
	TAKE(&q, out, tasks, out->n_tasks);
	TAKE(&q, out, phases, out->n_phases);
	TAKE(&q, out, duties, out->n_duties);
	TAKE(&q, out, rules, out->n_rules);
	rc = piece(ctx, &q, err);
	qc_plan_release(&q);
	return rc;
}

enum qc_rc qc_extract_stream(const char *path, const struct qc_catalog *cat,
			     size_t chunk, qc_extract_piece_fn piece, void *ctx,
			     struct qc_plan *out, struct qc_error *err)
{
	struct xstream x = { .piece = piece, .ctx = ctx };
	struct reader r = { 0 };
	enum qc_rc rc;

	qc_plan_init(out);
	if ((rc = qc_extract_init(err)))
		return rc;
	if (!streamable(path))
		return whole(path, cat, piece, ctx, out, err);
	qc_buf_init(&x.d.text, QC_TEXT_MAX);
	qc_buf_init(&x.d.norm, 0);
	qc_buf_init(&x.d2.text, QC_TEXT_MAX);
	qc_buf_init(&x.d2.norm, 0);
	x.tc.d = &x.d;
	x.tc.cat = cat;
	x.tc.p = out;
	x.ol = qc_xoutline_new(true);
	qc_set_str(&out->status, "draft");
	qc_set_str(&out->source, qc_xbase_name(path));
	r.chunk = chunk ? chunk : CHUNK_DEFAULT;
	r.first = true;
	qc_buf_init(&r.pend, QC_TEXT_MAX);
	qc_buf_init(&r.rest, QC_TEXT_MAX);
	qc_buf_init(&r.text, 0);
	if (!(r.f = fopen(path, "rb"))) {
		rc = qc_error_set(err, QC_EIO,
				  "could not open the document: %s",
				  strerror(errno));
	} else {
		r.tmp = qc_xmalloc(r.chunk);
		rc = stream(&x, &r, path, out, err);
		fclose(r.f);
	}
	free(r.tmp);
	qc_buf_release(&r.pend);
	qc_buf_release(&r.rest);
	qc_buf_release(&r.text);
	if (rc) {
		qc_owner_list_release(&x.tc.owners);
		free(x.tc.goal_copy.orig);
		free(x.tc.goal_copy.norm);
		qc_error_prefix(err, "%s", path);
	}
	for (size_t i = 0; i < x.n_head; i++) {
		free((char *)x.head[i].orig);
		free((char *)x.head[i].norm);
	}
	qc_xoutline_free(x.ol);
	qc_xdoc_release(&x.d);
	qc_xdoc_release(&x.d2);
	return rc;
}
