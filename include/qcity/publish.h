/* Publication: what the office shows the public (the portal under
 * /public/ and the open data under /api/public/). Each publication is a
 * kind + reference + snapshot taken when it is published, so the portal
 * never reads live drafts; publishing again replaces the snapshot, and
 * unpublishing removes it. Both are audited (entity "publication", key
 * "KIND:REF"). Files (an issued document's .docx and PDF) may be kept
 * with a publication and are served as they were when published.
 *
 * Kinds: "plan" (REF: the plan id; the plan with each target's status
 * and values in every region), "index" (REF: "INDEX-ID/YEAR"; the
 * quality index with contributions and sensitivity), "document" (REF:
 * the 文号; issued 通报 and reports: the caller builds the snapshot and
 * gives the files), "list" (red and black lists, the same way).
 *
 * Ownership: records and lists are released with their _release; text
 * and bytes handed out are the caller's to free. */
#ifndef QCITY_PUBLISH_H
#define QCITY_PUBLISH_H

#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/region_code.h"

struct qc_store;
struct qc_buf;
struct json_t;
struct qc_qindex_def;

struct qc_pub {
	int64_t id;
	char *kind, *ref, *title;
	char region[QC_REGION_CODE_SIZE]; /* "" when none */
	char *published_at;               /* UTC ISO-8601 time */
	char *as_of; /* the date shown: "as published on" */
	char *actor;
	char *snapshot; /* JSON text (qc_pub_get only) */
};
struct qc_pub_list {
	struct qc_pub *v;
	size_t n, alloc;
};
void qc_pub_release(struct qc_pub *p);
void qc_pub_list_release(struct qc_pub_list *l);

/* A file kept with a publication (data copied). */
struct qc_pub_file {
	const char *name;       /* "通报.pdf": no '/' */
	const char *media_type; /* "application/pdf" */
	const void *data;
	size_t len; /* at most QC_PUB_FILE_MAX */
};
#define QC_PUB_FILE_MAX (32 * 1024 * 1024)

/* Publish snapshot (a JSON object the call takes over) as kind/ref, in one
 * transaction with its audit row, replacing an earlier one of the same
 * kind and ref (files too). as_of NULL: today (qc_clock). region may be
 * NULL. *id (may be NULL) receives the publication's id. QC_EINVAL for an
 * unknown kind, an empty ref or title, a bad file. */
enum qc_rc qc_pub_put(struct qc_store *s, const char *kind, const char *ref,
		      const char *title, const char *region, const char *as_of,
		      struct json_t *snapshot, const struct qc_pub_file *files,
		      size_t n_files, const char *actor, int64_t *id,
		      struct qc_error *err);
/* Unpublish: remove kind/ref and its files (audited with the row before).
 * QC_ENOTFOUND if it is not published. */
enum qc_rc qc_pub_remove(struct qc_store *s, const char *kind, const char *ref,
			 const char *actor, struct qc_error *err);
/* Publications of kind (NULL: all), newest first, without snapshots. */
enum qc_rc qc_pub_list(struct qc_store *s, const char *kind,
		       struct qc_pub_list *out, struct qc_error *err);
/* One publication with its snapshot; QC_ENOTFOUND if none. */
enum qc_rc qc_pub_get(struct qc_store *s, const char *kind, const char *ref,
		      struct qc_pub *out, struct qc_error *err);
/* A publication's file: *media_type and *data (len bytes and a NUL) are
 * the caller's to free. */
enum qc_rc qc_pub_file_get(struct qc_store *s, int64_t pub_id, const char *name,
			   char **media_type, char **data, size_t *len,
			   struct qc_error *err);
/* The names, media types and sizes of a publication's files as a JSON
 * array (new reference). */
enum qc_rc qc_pub_files(struct qc_store *s, int64_t pub_id, struct json_t **out,
			struct qc_error *err);

/* Publish plan_id: its header, goals and every target with its
 * requirement, owners, status and values in the plan's region and every
 * region with values, as computed now (src/lib/publish/pub_plan.c). */
enum qc_rc qc_pub_plan(struct qc_store *s, long long plan_id, const char *as_of,
		       const char *actor, int64_t *id, struct qc_error *err);
/* Publish the index d for year (regions below parent, NULL: the
 * definition's) with contributions and the ±20 % sensitivity report;
 * ref "ID/YEAR". QC_EINVAL when no region has data for year (nothing
 * is published). */
enum qc_rc qc_pub_index(struct qc_store *s, const struct qc_qindex_def *d,
			int year, const char *parent, const char *as_of,
			const char *actor, int64_t *id, struct qc_error *err);

/* Publish the issued document doc_id (include/qcity/doc.h) under its 文号
 * (kind "document", ref the number): its .docx and PDF as kept at issue,
 * and a report's XLSX annex, named "文号.pdf" and so on; the snapshot
 * holds its kind, title, period, plan and the files' SHA-256
 * (src/lib/publish/pub_doc.c). QC_ECONFLICT for a draft, QC_ENOTFOUND for
 * no such document. Unpublish with qc_pub_remove("document", number). */
enum qc_rc qc_pub_document(struct qc_store *s, int64_t doc_id,
			   const char *as_of, const char *actor, int64_t *id,
			   struct qc_error *err);

/* ---- open data (src/lib/publish/export.c) -------------------------------
 * Every observation of the published plans' snapshots: region × series ×
 * period with its value, unit and the target's status as published. */
enum qc_export_format {
	QC_EXPORT_SDMX, /* SDMX-CSV 2.0 */
	QC_EXPORT_CSV,
	QC_EXPORT_JSON,
	QC_EXPORT_XLSX,
	QC_EXPORT_CODES_INDICATORS, /* codelist CSV: CODE, NAME, UNIT */
	QC_EXPORT_CODES_REGIONS     /* codelist CSV: GB/T 2260 CODE, NAME */
};
/* "values.sdmx.csv" → QC_EXPORT_SDMX, ...; false for an unknown name. */
int qc_export_parse(const char *name, enum qc_export_format *out);
const char *qc_export_name(enum qc_export_format f);
const char *qc_export_media_type(enum qc_export_format f);
/* The SDMX dataflow the SDMX-CSV names. */
#define QC_SDMX_DATAFLOW "QCITY:DF_QUALITY_TARGETS(1.0)"
/* Write the published observations in format f to out (text formats) or
 * as the bytes of a workbook (XLSX; out may hold NULs, read qc_buf_len). */
enum qc_rc qc_export(struct qc_store *s, enum qc_export_format f,
		     struct qc_buf *out, struct qc_error *err);

#endif
