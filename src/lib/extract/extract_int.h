/* Shared inside the extractor: the document as lines, each with the text
 * as written and a folded copy for matching, plus the small string tools
 * the rules use. Not a public header. */
#ifndef QCITY_EXTRACT_INT_H
#define QCITY_EXTRACT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "qcity/catalog.h"
#include "qcity/plan.h"
#include "qcity/strbuf.h"

/* One line of the document. `norm` is the matching form (width folded,
 * traditional → simplified). When `mapped`, norm has exactly as many code
 * points as the original, so a range of norm maps back to the written
 * text by counting code points; when `same`, norm is byte for byte the
 * original (most lines: nothing to fold), so it maps back as it is. */
struct xline {
	const char *orig;
	size_t orig_len;
	const char *norm;
	size_t norm_len;
	bool mapped;
	bool same;
	int no; /* 1-based */
};

struct xdoc {
	struct qc_buf text; /* decoded document, LF separated */
	struct qc_buf norm; /* its folded form */
	struct xline *v;
	size_t n, alloc;
	int lines; /* number of the last line cut so far */
	/* qc_xdoc_next's buffers, kept from one window to the next */
	struct qc_buf spare_text, spare_norm, crlf;
};

/* Outline heading styles, in the order plans nest them. */
enum xhead { XH_NONE = 0, XH_CN, XH_PCN, XH_NUM, XH_PNUM, XH_CIRCLED };

/* Build the lines of text (already UTF-8). */
/* A page's artefacts (xpage.c): pinyin readings after characters and
 * spaces around numbers. Whether s[0..n) has any; s[0..n) appended to
 * out without them (s starts a line). */
bool qc_xpage_has_artefacts(const char *s, size_t n);
void qc_xpage_strip(const char *s, size_t n, struct qc_buf *out);
enum qc_rc qc_xdoc_build(struct xdoc *d, struct qc_error *err);
void qc_xdoc_release(struct xdoc *d);
/* Read on (xstream.c): d becomes lines [keep, n) of from (d itself or
 * another window, which is only read), then the lines of s[0..n) as
 * read from the file (UTF-8, whole lines ending in LF, CR LF or CR;
 * when last, the rest after the last LF is a line too), numbered on
 * from from's. */
enum qc_rc qc_xdoc_next(struct xdoc *d, const struct xdoc *from, size_t keep,
			const char *s, size_t n, bool last,
			struct qc_error *err);

/* The written text of norm bytes [b, e) of line l, newly allocated. */
char *qc_xline_slice(const struct xline *l, size_t b, size_t e);

/* Outline heading at the start of s: its style, and in *len the bytes of
 * the label ("(一)", "1.", "三、"). XH_NONE if s does not start one. */
enum xhead qc_xhead_parse(const char *s, size_t n, size_t *len);

/* The file name of a path, within it (extract.c). */
const char *qc_xbase_name(const char *path);

/* String tools over UTF-8 byte ranges. */
/* Inline: it runs at nearly every byte, and with a literal w the
 * length is known at compile time. */
static inline bool qc_xstarts(const char *p, const char *end, const char *w)
{
	size_t n;

	if (*w == '\0')
		return true;
	/* the first byte before the length: w is often not a literal
	 * (a word list), and most tries fail at once */
	if (p >= end || *p != *w)
		return false;
	n = strlen(w);
	return (size_t)(end - p) >= n && memcmp(p, w, n) == 0;
}
const char *qc_xfind(const char *p, const char *end, const char *w);
/* Start of the code point before p (p > s). */
const char *qc_xprev(const char *s, const char *p);
/* Length of the code point at p (inline: it steps every loop), by its
 * lead byte: the lines are valid UTF-8 (checked when read, and folding
 * and conversion keep them so), so the continuation bytes are not
 * checked again. A byte inside a code point counts 1; never past end
 * (1 at end). */
static inline size_t qc_xcplen(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;
	size_t k = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	size_t left = (size_t)(end - p);

	return k <= left ? k : left ? left : 1;
}
/* Value of a Chinese numeral run (一 .. 九十九, 两, 〇/○ digits); 0 if none.
 * *len receives its byte length. */
int qc_xcn_number(const char *p, const char *end, size_t *len);

/* Owners annotated on a line: "(责任单位:…)", "(…负责)", "(A牵头,B配合)",
 * or a bare list of units. On success fills l (written forms from the
 * original text, canonical units with the shared prefix) and *ab and *ae with
 * the norm byte range of the annotation, and returns true. */
bool qc_xowners_find(const struct xline *ln, struct qc_owner_list *l,
		     size_t *ab, size_t *ae);
/* The same for an annotation that ends norm [from, to) (one sentence of
 * a line that names owners per clause); offsets are the line's. */
bool qc_xowners_find_in(const struct xline *ln, size_t from, size_t to,
			struct qc_owner_list *l, size_t *ab, size_t *ae);
/* Owners named without brackets by the last clause of norm [from, to):
 * "…,由市市场监管局负责", "…,市农业局牵头,市场监管局配合", "责任单位:…".
 * On success fills l and *cb with where that clause starts. */
bool qc_xowners_clause(const struct xline *ln, size_t from, size_t to,
		       struct qc_owner_list *l, size_t *cb);
/* Parse an owner list text (norm bytes [b, e) of ln) into l. */
void qc_xowners_parse(const struct xline *ln, size_t b, size_t e,
		      struct qc_owner_list *l);
void qc_xowners_copy(struct qc_owner_list *dst,
		     const struct qc_owner_list *src);

/* The per-section parts of the extraction, each over the whole document. */
struct xstate;
/* Compile the built-in patterns of meta.c / sections.c once; QC_OK, or
 * the error that makes the extractor refuse to run. */
enum qc_rc qc_xmeta_init(struct qc_error *err);
enum qc_rc qc_xsections_init(struct qc_error *err);
void qc_xmeta_extract(const struct xdoc *d, struct qc_plan *p);
/* Lines the head is read from, and the last lines read for the issuer
 * and date (meta.c; xstream.c keeps copies of them). */
#define XMETA_HEAD 15
#define XMETA_TAIL 8
/* The same in two steps: what the first 15 lines tell (number, title,
 * period), and what the head and the last 8 lines tell (issuer, date,
 * then the region, from the issuer or the title; a title made from the
 * file name is set only after this). */
void qc_xmeta_head(const struct xdoc *d, struct qc_plan *p);
void qc_xmeta_tail(const struct xdoc *d, struct qc_plan *p);
void qc_xoutline_extract(const struct xdoc *d, struct qc_plan *p);
void qc_xtargets_extract(const struct xdoc *d, const struct qc_catalog *cat,
			 struct qc_plan *p);
void qc_xgroup_extract(const struct xdoc *d, struct qc_plan *p);
void qc_xphases_extract(const struct xdoc *d, struct qc_plan *p);
void qc_xduties_extract(const struct xdoc *d, struct qc_plan *p);
/* The same over lines [from, to), for a document read in windows: the
 * state each carries on is an argument (phases: inside a schedule
 * section, and the phases handed on, which number the keys). */
void qc_xgroup_lines(const struct xdoc *d, size_t from, size_t to,
		     struct qc_plan *p);
void qc_xphases_lines(const struct xdoc *d, size_t from, size_t to,
		      struct qc_plan *p, bool *in, size_t gone);
void qc_xduties_lines(const struct xdoc *d, size_t from, size_t to,
		      struct qc_plan *p);
/* The outline's state between windows: the open levels and the keys
 * seen. With prune, the keys below a closed top-level task are dropped
 * (they cannot repeat). qc_xoutline_done: how many of the n_tasks in
 * p->tasks are finished (those before the first open one); they may be
 * handed on, and qc_xoutline_gone told how many were. */
struct xoutline;
struct xoutline *qc_xoutline_new(bool prune);
void qc_xoutline_lines(struct xoutline *o, const struct xdoc *d, size_t from,
		       size_t to, struct qc_plan *p);
size_t qc_xoutline_done(const struct xoutline *o, size_t n_tasks);
void qc_xoutline_gone(struct xoutline *o, size_t n);
void qc_xoutline_free(struct xoutline *o);

/* Date helpers: "2014年2月" → y, m (d 0 if absent); returns bytes read. */
size_t qc_xdate_parse(const char *p, const char *end, int *y, int *m, int *d);
int qc_xdays_in_month(int y, int m);

#endif
