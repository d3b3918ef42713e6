/* Documents out (docs/documents.md): a small document model — title,
 * headings, paragraphs, tables, charts — built from the data (the progress
 * 通报, the assessment 通报, the annual quality report) and written by three
 * writers: .docx (WordprocessingML), PDF (cairo + pango, GB/T 9704 page)
 * and HTML; charts are drawn with cairo; the report's figures go to an
 * XLSX annex.
 *
 * Drafts are kept in the database and edited as blocks; issuing numbers a
 * document (文号, a sequence per year), renders it once and keeps the
 * bytes with their SHA-256. An issued document refuses every change.
 *
 * Ownership: qc_doc_new and the builders return a document the caller
 * frees with qc_doc_free; writers append to a caller's qc_buf; structs
 * filled by the store calls are released with their _release. */
#ifndef QCITY_DOC_H
#define QCITY_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/strbuf.h"

struct qc_store;

enum qc_block_kind {
	QC_BLOCK_HEADING = 0, /* level 1 "一、", 2 "（一）", 3 plain */
	QC_BLOCK_PARA,        /* body text, first line indented two chars */
	QC_BLOCK_TABLE,       /* first row is the header */
	QC_BLOCK_CHART,       /* a line or bar chart, drawn at write time */
	QC_BLOCK_NOTE,        /* a small note under a table or chart */
	QC_BLOCK__KINDS
};

enum qc_chart_kind { QC_CHART_LINE = 0, QC_CHART_BAR };

struct qc_chart_series {
	char *name;
	double *v; /* one per label; NAN: no value */
};

struct qc_chart {
	enum qc_chart_kind kind;
	char *title;
	char *unit;    /* "%" or NULL */
	char **labels; /* x axis: periods or regions */
	size_t n_labels;
	struct qc_chart_series *series;
	size_t n_series;
	bool has_target;
	double target; /* drawn as a dashed line */
};

struct qc_block {
	enum qc_block_kind kind;
	int level;    /* headings */
	char *text;   /* heading, paragraph, note; a chart's caption */
	char **cells; /* table: rows × cols, row-major */
	size_t rows, cols;
	struct qc_chart *chart;
};

struct qc_doc {
	char *kind; /* "progress", "assessment", "report" */
	char *title;
	char *number;     /* 文号, NULL while a draft */
	char *recipients; /* 主送: "各成员单位：", or NULL */
	char *issuer;     /* 发文机关署名 */
	char *date;       /* 成文日期, "2026年11月30日" */
	char *lang;       /* written in: BCP 47, "zh-CN" or "en" */
	struct qc_block *v;
	size_t n, alloc;
};

/* Documents and blocks. Text is copied. A new document is in the
 * language qc_i18n_init chose (its lang); the writers mark it so. */
struct qc_doc *qc_doc_new(const char *kind, const char *title);
void qc_doc_free(struct qc_doc *d);
void qc_doc_heading(struct qc_doc *d, int level, const char *text);
void qc_doc_para(struct qc_doc *d, const char *text);
void qc_doc_paraf(struct qc_doc *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void qc_doc_note(struct qc_doc *d, const char *text);
/* A table of rows × cols cells (the first row the header), copied. */
void qc_doc_table(struct qc_doc *d, size_t rows, size_t cols,
		  const char *const *cells);
/* A chart; the document takes it over. */
void qc_doc_chart(struct qc_doc *d, struct qc_chart *c, const char *caption);
void qc_chart_free(struct qc_chart *c);

/* The document as qcity-doc/1 JSON (docs/documents.md), a string the
 * caller frees; and back, validated (errors name the block and field).
 * *out is a new document on success. */
char *qc_doc_to_json(const struct qc_doc *d);
enum qc_rc qc_doc_from_json(const char *text, size_t len, struct qc_doc **out,
			    struct qc_error *err);
/* The text people edit: one block a paragraph, headings as "# ", "## ",
 * tables as "| a | b |" rows, charts as "[图] caption". */
char *qc_doc_to_text(const struct qc_doc *d);
/* Set the text of block i (a heading, paragraph or note; a chart's
 * caption), insert a paragraph after block i (i = -1: at the start), or
 * remove block i. QC_EINVAL names a block that is not there. */
enum qc_rc qc_doc_set_text(struct qc_doc *d, size_t i, const char *text,
			   struct qc_error *err);
enum qc_rc qc_doc_insert_para(struct qc_doc *d, long after, const char *text,
			      struct qc_error *err);
enum qc_rc qc_doc_remove(struct qc_doc *d, size_t i, struct qc_error *err);

/* ---- writers (append to out; QC_EIO when a library refuses) ------------ */

enum qc_doc_format {
	QC_DOC_DOCX = 0,
	QC_DOC_PDF,
	QC_DOC_HTML,
	QC_DOC_XLSX,
	QC_DOC__FORMATS
};
/* "docx", "pdf", "html", "xlsx"; and back (false if none). */
const char *qc_doc_format_name(enum qc_doc_format f);
bool qc_doc_format_parse(const char *s, enum qc_doc_format *f);
const char *qc_doc_format_mime(enum qc_doc_format f);

enum qc_rc qc_doc_write_docx(const struct qc_doc *d, struct qc_buf *out,
			     struct qc_error *err);
enum qc_rc qc_doc_write_pdf(const struct qc_doc *d, struct qc_buf *out,
			    struct qc_error *err);
enum qc_rc qc_doc_write_html(const struct qc_doc *d, struct qc_buf *out,
			     struct qc_error *err);
/* The annex: every table and every chart's figures, one sheet each. */
enum qc_rc qc_doc_write_xlsx(const struct qc_doc *d, struct qc_buf *out,
			     struct qc_error *err);
enum qc_rc qc_doc_write(const struct qc_doc *d, enum qc_doc_format f,
			struct qc_buf *out, struct qc_error *err);
/* A chart as PNG, width × height pixels. */
enum qc_rc qc_chart_png(const struct qc_chart *c, int width, int height,
			struct qc_buf *out, struct qc_error *err);

/* The fonts standing in for GB/T 9704's (docs/documents.md). */
#define QC_DOC_FONT_TITLE "Noto Serif CJK SC Bold" /* 小标宋 */
#define QC_DOC_FONT_BODY "Noto Serif CJK SC"       /* 仿宋 */
#define QC_DOC_FONT_HEAD1 "Noto Sans CJK SC"       /* 黑体 */
#define QC_DOC_FONT_HEAD2 "Noto Serif CJK SC Bold" /* 楷体 (bold serif) */

/* Release what cairo and fontconfig keep for the whole process (font
 * caches): for the end of a program, after every render has finished,
 * so that leak checkers see only real leaks. */
void qc_doc_cleanup(void);

/* ---- builders (from the data) ------------------------------------------ */

/* The progress 通报 of plan_id for period ("2020-06", "2020-H1" or
 * "2020"): targets by status with their units, units whose reports are
 * late or missing, tasks behind schedule, supervision items open. */
enum qc_rc qc_doc_build_progress(struct qc_store *s, long long plan_id,
				 const char *period, struct qc_doc **out,
				 struct qc_error *err);
/* The 年度考核结果通报 of plan_id for year: ranks, grades, commendation
 * and criticism with reasons. */
enum qc_rc qc_doc_build_assessment(struct qc_store *s, long long plan_id,
				   int year, struct qc_doc **out,
				   struct qc_error *err);
/* The annual quality report (质量发展报告) of plan_id for year: one
 * chapter per domain with targets, trend charts and the region
 * comparison; supervision sampling; seams for complaints and credit. */
enum qc_rc qc_doc_build_report(struct qc_store *s, long long plan_id, int year,
			       struct qc_doc **out, struct qc_error *err);

/* ---- stored documents -------------------------------------------------- */

struct qc_doc_info {
	int64_t id;
	int64_t plan_id;
	char *kind, *period, *title;
	char *status;  /* "draft" or "issued" */
	char *number;  /* 文号 once issued */
	int year, seq; /* the number's year and sequence */
	char *created_at, *created_by, *updated_at;
	char *issued_at, *issued_by;
};

struct qc_doc_list {
	struct qc_doc_info *v;
	size_t n, alloc;
};

/* Keep d as a new draft of plan_id for period; audited. */
enum qc_rc qc_doc_create(struct qc_store *s, long long plan_id,
			 const char *period, const struct qc_doc *d,
			 const char *actor, int64_t *id, struct qc_error *err);
/* A stored document: its record and (doc may be NULL) its blocks. */
enum qc_rc qc_doc_load(struct qc_store *s, int64_t id, struct qc_doc_info *info,
		       struct qc_doc **doc, struct qc_error *err);
/* Replace a draft's blocks; QC_ECONFLICT for an issued document. */
enum qc_rc qc_doc_update(struct qc_store *s, int64_t id, const struct qc_doc *d,
			 const char *actor, struct qc_error *err);
/* Remove a draft; QC_ECONFLICT for an issued document. */
enum qc_rc qc_doc_delete(struct qc_store *s, int64_t id, const char *actor,
			 struct qc_error *err);
/* Issue a draft: number it "<prefix>〔<year>〕<n>号" with n the next of
 * the prefix and year (prefix NULL: "质强办"; year: the issue date's),
 * render every format once and keep the bytes and their SHA-256, in one
 * transaction, audited. *number (may be NULL) receives the 文号 (free). */
enum qc_rc qc_doc_issue(struct qc_store *s, int64_t id, const char *prefix,
			const char *actor, char **number, struct qc_error *err);
/* Documents of plan_id (0: every plan), newest first; issued_only for
 * the issued ones (what the public portal lists). */
enum qc_rc qc_doc_list(struct qc_store *s, long long plan_id, bool issued_only,
		       struct qc_doc_list *out, struct qc_error *err);
/* The bytes of a document in format f: the stored ones for an issued
 * document (sha256 receives their hex digest), rendered now for a draft
 * (sha256 of what was rendered). QC_ENOTFOUND when an issued document has
 * no such format (xlsx is kept for reports only). */
enum qc_rc qc_doc_file(struct qc_store *s, int64_t id, enum qc_doc_format f,
		       struct qc_buf *out, char sha256[65],
		       struct qc_error *err);
void qc_doc_info_release(struct qc_doc_info *i);
void qc_doc_list_release(struct qc_doc_list *l);

#endif
