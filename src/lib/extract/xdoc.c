/* The document as lines: the text as written, and the folded copy every
 * rule matches on (full-width → ASCII, traditional → simplified). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/text.h"
#include "extract_int.h"
#include "xtgt.h"
#include "banned.h"

/* Where the last slice of this thread ended: the k-th code point of a
 * line, at norm byte nb and orig byte ob. Slices of a line come mostly
 * left to right (a heading, then its text, then its owners), so the next
 * one walks on from here instead of from the start of the line. Cleared
 * with each document (qc_xdoc_build, qc_xdoc_release). */
static _Thread_local struct {
	const struct xline *l;
	size_t nb, ob;
} memo;

/* The folded form of every line, appended to d->norm line by line:
 * width folded, then traditional → simplified on the lines that hold
 * traditional characters (no phrase spans a line break, so a line at a
 * time converts as the whole text would). One line's copy at a time
 * instead of a folded copy of the whole document. */
static enum qc_rc fold_lines(const char *s, size_t n, struct qc_buf *norm,
			     struct qc_error *err)
{
	const char *end = s + n;
	struct qc_buf line;
	enum qc_rc rc = QC_OK;

	qc_buf_init(&line, 0);
	while (s < end && !rc) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl + 1 : end;

		qc_buf_reset(&line);
		qc_text_fold_width(s, (size_t)(e - s), &line);
		if (qc_text_has_traditional(qc_buf_str(&line),
					    qc_buf_len(&line)))
			rc = qc_text_t2s(qc_buf_str(&line), qc_buf_len(&line),
					 norm, err);
		else
			qc_buf_add(norm, qc_buf_str(&line), qc_buf_len(&line));
		s = e;
	}
	qc_buf_release(&line);
	return rc;
}

/* Cut d->text and d->norm into lines numbered from no: each line ends
 * at a LF, and when last the rest (maybe empty) is one more line. */
static void cut_lines(struct xdoc *d, int no, bool last)
{
	const char *o = qc_buf_str(&d->text), *oend = o + qc_buf_len(&d->text);
	const char *n = qc_buf_str(&d->norm), *nend = n + qc_buf_len(&d->norm);

	d->n = 0;
	for (;; no++) {
		const char *oe = memchr(o, '\n', (size_t)(oend - o));
		const char *ne = memchr(n, '\n', (size_t)(nend - n));
		struct xline *l;

		if (!oe && !last)
			break;
		if (!oe)
			oe = oend;
		if (!ne)
			ne = nend;
		QC_GROW(d->v, d->n + 1, d->alloc);
		l = &d->v[d->n++];
		l->orig = o;
		l->orig_len = (size_t)(oe - o);
		l->norm = n;
		l->norm_len = (size_t)(ne - n);
		l->no = no;
		l->same = l->orig_len == l->norm_len &&
			  !memcmp(l->orig, l->norm, l->orig_len);
		l->mapped = l->same ||
			    qc_utf8_count(l->orig, l->orig_len) ==
				    qc_utf8_count(l->norm, l->norm_len);
		d->lines = no;
		if (oe == oend)
			break;
		o = oe + 1;
		n = ne < nend ? ne + 1 : nend;
	}
}

enum qc_rc qc_xdoc_build(struct xdoc *d, struct qc_error *err)
{
	enum qc_rc rc;

	memo.l = NULL;
	if (qc_xpage_has_artefacts(qc_buf_str(&d->text),
				   qc_buf_len(&d->text))) {
		struct qc_buf t = d->text;

		qc_buf_init(&d->text, QC_TEXT_MAX);
		qc_xpage_strip(qc_buf_str(&t), qc_buf_len(&t), &d->text);
		qc_buf_release(&t);
	}
	if ((rc = fold_lines(qc_buf_str(&d->text), qc_buf_len(&d->text),
			     &d->norm, err)))
		return rc;
	/* The lines of both texts side by side: folding and conversion
	 * keep line breaks. */
	cut_lines(d, 1, true);
	return QC_OK;
}

enum qc_rc qc_xdoc_next(struct xdoc *d, const struct xdoc *from, size_t keep,
			const char *s, size_t n, bool last,
			struct qc_error *err)
{
	/* built in the spare buffers, then swapped in: the buffers are
	 * reused from one window to the next */
	struct qc_buf *text = &d->spare_text, *norm = &d->spare_norm, tmp;
	int no = keep < from->n ? from->v[keep].no : from->lines + 1;
	enum qc_rc rc = QC_OK;
	size_t mark;

	memo.l = NULL;
	if (!d->spare_text.cap)
		qc_buf_init(&d->spare_text, QC_TEXT_MAX);
	qc_buf_reset(text);
	qc_buf_reset(norm);
	for (size_t i = keep; i < from->n; i++) {
		qc_buf_add(text, from->v[i].orig, from->v[i].orig_len);
		qc_buf_addch(text, '\n');
		qc_buf_add(norm, from->v[i].norm, from->v[i].norm_len);
		qc_buf_addch(norm, '\n');
	}
	/* Line ends made LF (a copy only when there is a CR), then the
	 * lines go into the window as they are read, without the pinyin.
	 * Pinyin and folding stay within a line: a chunk of whole lines
	 * comes out as it would inside the whole text. */
	if (memchr(s, '\r', n)) {
		if (!d->crlf.cap)
			qc_buf_init(&d->crlf, QC_TEXT_MAX);
		qc_buf_reset(&d->crlf);
		qc_text_add_lf(&d->crlf, s, n);
		s = qc_buf_str(&d->crlf);
		n = qc_buf_len(&d->crlf);
	}
	mark = qc_buf_len(text);
	qc_xpage_strip(s, n, text);
	rc = fold_lines(qc_buf_str(text) + mark, qc_buf_len(text) - mark, norm,
			err);
	if (!rc && (qc_buf_failed(text) || qc_buf_failed(&d->crlf)))
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "a line of the document is larger than %zu "
				  "bytes",
				  QC_TEXT_MAX);
	tmp = d->text;
	d->text = *text;
	*text = tmp;
	tmp = d->norm;
	d->norm = *norm;
	*norm = tmp;
	if (rc) {
		d->n = 0;
		return rc;
	}
	cut_lines(d, no, last);
	return QC_OK;
}

void qc_xdoc_release(struct xdoc *d)
{
	memo.l = NULL;
	qc_buf_release(&d->text);
	qc_buf_release(&d->norm);
	qc_buf_release(&d->spare_text);
	qc_buf_release(&d->spare_norm);
	qc_buf_release(&d->crlf);
	free(d->v);
	d->v = NULL;
	d->n = d->alloc = 0;
}


/* The orig byte of the code point that starts at norm byte x of a mapped
 * line (the one with as many code points before it), or orig_len. */
static size_t orig_at(const struct xline *l, size_t x)
{
	const unsigned char *n = (const unsigned char *)l->norm;
	const unsigned char *o = (const unsigned char *)l->orig;
	size_t nb = 0, ob = 0;

	if (memo.l == l && memo.nb > x && memo.ob < l->orig_len &&
	    memo.nb - x < x) {
		/* back from the last slice, nearer than the line's start:
		 * one orig code point back per lead byte of norm */
		nb = memo.nb;
		ob = memo.ob;
		while (nb > x)
			if ((n[--nb] & 0xC0) != 0x80)
				do
					ob--;
				while (ob > 0 && (o[ob] & 0xC0) == 0x80);
		memo.nb = nb;
		memo.ob = ob;
		return ob;
	}
	if (memo.l == l && memo.nb <= x) {
		nb = memo.nb;
		ob = memo.ob;
	} else {
		/* the first lead byte of orig: code point 0 */
		while (ob < l->orig_len && (o[ob] & 0xC0) == 0x80)
			ob++;
	}
	/* ob is the lead byte of the code point that starts before or at
	 * nb: one code point of orig per lead byte of norm up to x. The
	 * leads are counted by a loop the compiler vectorises; orig (valid
	 * UTF-8, checked on load) is stepped a code point at a time. */
	{
		size_t dk = 0;
		for (size_t i = nb; i < x; i++)
			dk += (n[i] & 0xC0) != 0x80;
		nb = x > nb ? x : nb;
		for (; dk && ob < l->orig_len; dk--) {
			unsigned char c = o[ob];
			ob += c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		}
		if (ob > l->orig_len)
			ob = l->orig_len;
	}
	memo.l = l;
	memo.nb = nb;
	memo.ob = ob;
	return ob;
}

/* Whether byte x of l's norm starts a code point (or ends the line). */
static bool at_cp(const struct xline *l, size_t x)
{
	return x >= l->norm_len || ((unsigned char)l->norm[x] & 0xC0) != 0x80;
}

char *qc_xline_slice(const struct xline *l, size_t b, size_t e)
{
	size_t ob, oe;

	if (e > l->norm_len)
		e = l->norm_len;
	if (b > e)
		b = e;
	if (!l->mapped || (l->same && at_cp(l, b) && at_cp(l, e)))
		return qc_xstrndup(l->norm + b, e - b);
	ob = orig_at(l, b);
	oe = orig_at(l, e);
	if (ob > oe)
		ob = oe;
	return qc_xstrndup(l->orig + ob, oe - ob);
}

const char *qc_xfind(const char *p, const char *end, const char *w)
{
	size_t n = strlen(w);
	const char *q;

	if (n == 0 || end - p < (ptrdiff_t)n)
		return NULL;
	/* By the last byte: the first bytes of Chinese characters are few
	 * (E4..E9) and stop memchr at nearly every character; last bytes
	 * spread over 64 values. Candidates come in order, so the first
	 * match is the first occurrence. */
	for (q = p + n - 1; q < end; q++) {
		q = memchr(q, w[n - 1], (size_t)(end - q));
		if (!q)
			return NULL;
		if (memcmp(q - (n - 1), w, n - 1) == 0)
			return q - (n - 1);
	}
	return NULL;
}

const char *qc_xprev(const char *s, const char *p)
{
	do
		p--;
	while (p > s && ((unsigned char)*p & 0xC0) == 0x80);
	return p;
}


/* Value of the Chinese digit at p, -1 if none. Decoded once and
 * switched on: this runs at every character of every sentence. */
static int cn_digit(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;
	uint32_t cp;

	if (end - p < 3 || (u[0] & 0xF0) != 0xE0)
		return -1;
	cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) |
	     (uint32_t)(u[2] & 0x3F);
	switch (cp) {
	case 0x3007:
	case 0x25CB:
	case 0x96F6: return 0; /* 〇 ○ 零 */
	case 0x4E00: return 1;
	case 0x4E8C:
	case 0x4E24: return 2; /* 二 两 */
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	default: return -1;
	}
}

int qc_xcn_number(const char *p, const char *end, size_t *len)
{
	const char *s = p;
	int v = 0, d;

	/* 十, 十二, 二十, 二十五: enough for counts in plans. */
	if (end - p >= 3 && (unsigned char)*p != 0xE5 &&
	    (unsigned char)*p != 0xE4)
		goto out;
	if (qc_xstarts(p, end, "十")) {
		p += 3;
		v = 10;
		if ((d = cn_digit(p, end)) > 0) {
			v += d;
			p += qc_xcplen(p, end);
		}
	} else if ((d = cn_digit(p, end)) > 0) {
		p += qc_xcplen(p, end);
		v = d;
		if (qc_xstarts(p, end, "十")) {
			p += 3;
			v *= 10;
			if ((d = cn_digit(p, end)) > 0) {
				v += d;
				p += qc_xcplen(p, end);
			}
		}
	}
out:
	*len = (size_t)(p - s);
	return v;
}

/* "一、" / "(一)" / "1." "1、" / "(1)" / "①". */
enum xhead qc_xhead_parse(const char *s, size_t n, size_t *len)
{
	const char *p = s, *end = s + n;
	size_t k;

	while (p < end && *p == ' ')
		p++;
	if (p < end && *p == '(') {
		const char *q = p + 1;
		if (q < end && *q >= '0' && *q <= '9') {
			while (q < end && *q >= '0' && *q <= '9')
				q++;
			if (q < end && *q == ')' && q - p <= 4) {
				*len = (size_t)(q + 1 - s);
				return XH_PNUM;
			}
		} else if (qc_xcn_number(q, end, &k) > 0 && q + k < end &&
			   q[k] == ')') {
			*len = (size_t)(q + k + 1 - s);
			return XH_PCN;
		}
		return XH_NONE;
	}
	if (p < end && *p >= '0' && *p <= '9') {
		const char *q = p;
		while (q < end && *q >= '0' && *q <= '9')
			q++;
		if (q - p > 2)
			return XH_NONE;
		if (q < end && *q == '.' &&
		    !(q + 1 < end && q[1] >= '0' && q[1] <= '9')) {
			*len = (size_t)(q + 1 - s);
			return XH_NUM;
		}
		if (qc_xstarts(q, end, "、")) {
			*len = (size_t)(q + 3 - s);
			return XH_NUM;
		}
		return XH_NONE;
	}
	if (qc_xcn_number(p, end, &k) > 0 && qc_xstarts(p + k, end, "、")) {
		*len = (size_t)(p + k + 3 - s);
		return XH_CN;
	}
	/* ① .. ⑳ are U+2460..U+2473: E2 91 A0 .. E2 91 B3. */
	if (end - p >= 3 && (unsigned char)p[0] == 0xE2 &&
	    (unsigned char)p[1] == 0x91 && (unsigned char)p[2] >= 0xA0 &&
	    (unsigned char)p[2] <= 0xB3) {
		*len = (size_t)(p + 3 - s);
		return XH_CIRCLED;
	}
	return XH_NONE;
}

int qc_xdays_in_month(int y, int m)
{
	static const int dm[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	if (m < 1 || m > 12)
		return 30;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int digits(const char *p, const char *end, int max, size_t *k)
{
	int v = 0;
	*k = 0;
	while (p + *k < end && *k < (size_t)max && p[*k] >= '0' && p[*k] <= '9')
		v = v * 10 + (p[(*k)++] - '0');
	return v;
}

/* [YYYY年][M月][D日]: at least a year or a month. */
size_t qc_xdate_parse(const char *p, const char *end, int *y, int *m, int *d)
{
	const char *s = p;
	size_t k;
	int v;

	*y = *m = *d = 0;
	v = digits(p, end, 4, &k);
	if (k == 4 && qc_xstarts(p + k, end, "年")) {
		*y = v;
		p += k + 3;
		v = digits(p, end, 2, &k);
	}
	if (k >= 1 && k <= 2 && v >= 1 && v <= 12 &&
	    qc_xstarts(p + k, end, "月")) {
		*m = v;
		p += k + 3;
		v = digits(p, end, 2, &k);
		if (k >= 1 && v >= 1 && v <= 31 &&
		    (qc_xstarts(p + k, end, "日") ||
		     qc_xstarts(p + k, end, "号"))) {
			*d = v;
			p += k + 3;
		}
	}
	return (size_t)(p - s);
}

const char *qc_xyear_next(const char *from, const char *end, int *y, bool *lead)
{
	/* A phrase is four digits and 年 (E5 B9 B4), led by 到/至/在 or
	 * not: it starts 4 or 7 bytes before its 年. */
	enum {
		DIGITS = QC_XYEAR_BYTES - 3,
		LED = DIGITS + QC_XYEAR_LEAD_BYTES
	};
	const char *t = from + DIGITS, *k;

	while (t + 3 <= end) {
		/* by its last byte, the rarest of the three */
		if (!(k = memchr(t + 2, 0xB4, (size_t)(end - t - 2))))
			return NULL;
		t = k - 2;
		if ((unsigned char)t[0] != 0xE5 ||
		    (unsigned char)t[1] != 0xB9) {
			t++;
			continue;
		}
		if (t - LED >= from &&
		    (*y = qc_xyear_phrase(t - LED, end, lead)))
			return t - LED;
		if ((*y = qc_xyear_phrase(t - DIGITS, end, lead)))
			return t - DIGITS;
		t += 3;
	}
	return NULL;
}
