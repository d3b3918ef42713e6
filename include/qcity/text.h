/* Text utilities for plan documents: decoding what offices send (UTF-8,
 * GB18030/GBK, .docx, .html) into UTF-8 lines, and the folds used for
 * matching (full-width → half-width, traditional → simplified).
 *
 * Ownership: every function that fills a struct qc_buf appends to it; the
 * caller releases it. Returned char * are the caller's to free(). */
#ifndef QCITY_TEXT_H
#define QCITY_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/strbuf.h"

/* Largest document accepted (bytes, before and after decoding). */
#define QC_TEXT_MAX ((size_t)64 << 20)

enum qc_text_format {
	QC_FMT_PLAIN = 0,
	QC_FMT_DOCX,
	QC_FMT_HTML,
	QC_FMT_UNKNOWN
};

/* True if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool qc_utf8_valid(const char *s, size_t n);

/* Decode one code point at s (n bytes left) into *cp; returns its length
 * in bytes, or 1 with *cp = U+FFFD for a malformed byte. n must be > 0. */
size_t qc_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Whether cp is a Han character (CJK unified ideographs, extension A and
 * the compatibility ideographs): what Chinese names and words are made of,
 * unlike digits, letters and punctuation. */
bool qc_utf8_is_han(uint32_t cp);

/* The bytes of a pinyin gloss at p, before end: 1 to 6 Latin letters in
 * ASCII or full-width brackets, a vowel among them ("(zhì)", "（yè）");
 * with toned, one of them must carry its tone mark (ā á ǎ à … ǖ ǘ ǚ ǜ),
 * so that (cfu) or (ml) is no gloss. 0 when there is none. Pages copied
 * from a reading aid gloss every character so: 質(zhì)量 (gloss.c). */
size_t qc_text_gloss_at(const char *p, const char *end, bool toned);

/* Append the UTF-8 encoding of cp to b. */
void qc_utf8_put(struct qc_buf *b, uint32_t cp);

/* Columns s takes on a terminal or in a fixed-width layout: a Han
 * character or a full-width form two, ASCII one, a combining mark none; a
 * malformed byte one. */
int qc_utf8_width(const char *s);

/* Number of code points in s[0..n). */
size_t qc_utf8_count(const char *s, size_t n);

/* Copy src (NULL as "") into dst of n > 0 bytes, always terminated; a
 * text too long is cut before the character that does not fit, never in
 * the middle of one (snprintf would leave half a Han character). */
void qc_utf8_copy(char *dst, size_t n, const char *src);

/* Byte offset of the k-th code point in s[0..n) (n if past the end). */
size_t qc_utf8_offset(const char *s, size_t n, size_t k);

/* Append s[0..n) to out with full-width ASCII forms (U+FF01..U+FF5E), the
 * ideographic space and a few look-alike punctuation marks (∶ — ～ ﹪) folded
 * to ASCII. One code point in, one code point out, so offsets computed on
 * the folded text map back to the original by counting code points. */
void qc_text_fold_width(const char *s, size_t n, struct qc_buf *out);

/* Which reader a document needs, from its first bytes and its name (name
 * may be NULL). */
enum qc_text_format qc_text_sniff(const char *data, size_t len,
				  const char *name);

/* Append s[0..n) to out with CR LF and lone CR turned into LF, as
 * qc_text_decode does (a CR at the end of s is taken as a line end). */
void qc_text_add_lf(struct qc_buf *out, const char *s, size_t n);

/* Plain text in UTF-8 (with or without BOM) or GB18030/GBK → UTF-8 appended
 * to out, CR LF and lone CR turned into LF. Empty, binary (NUL bytes or
 * control characters) and undecodable input are QC_EUNSUPPORTED. */
enum qc_rc qc_text_decode(const char *data, size_t len, struct qc_buf *out,
			  struct qc_error *err);

/* word/document.xml of a .docx: one line per paragraph (w:p), tabs and
 * breaks as spaces. A damaged archive is QC_EUNSUPPORTED. */
enum qc_rc qc_docx_to_text(const char *data, size_t len, struct qc_buf *out,
			   struct qc_error *err);

/* An HTML page: one line per block element (p, div, li, h1-h6, tr, br ...);
 * script and style dropped. */
enum qc_rc qc_html_to_text(const char *data, size_t len, struct qc_buf *out,
			   struct qc_error *err);

/* All of a spooled temporary file, from its start, appended to `to`;
 * false if it could not be read back. */
bool qc_text_copy_file(FILE *from, FILE *to);

/* Any supported document (sniffed) → UTF-8 lines appended to out. */
enum qc_rc qc_text_load(const char *data, size_t len, const char *name,
			struct qc_buf *out, struct qc_error *err);

/* True if s holds characters that only traditional Chinese writes (a
 * quick test, so simplified documents skip the conversion). */
bool qc_text_has_traditional(const char *s, size_t n);

/* The length of s[0, n) without the note in brackets that closes it
 * (烧结多孔砖(页岩), …方案（试行）): where its last "(" or "（" opens; n
 * when s ends with no such note or the note is all of it. */
size_t qc_text_without_note(const char *s, size_t n);

/* Traditional → simplified of s[0..n) (up to a NUL), appended to out,
 * exactly as OpenCC's t2s profile converts, from OpenCC's dictionaries
 * built in (src/lib/text/t2s_data.h): the character count is kept.
 * QC_EUNSUPPORTED, with out unchanged, if s is not UTF-8. Thread-safe. */
enum qc_rc qc_text_t2s(const char *s, size_t n, struct qc_buf *out,
		       struct qc_error *err);

#endif
