/* What the registers' importers share (special equipment, metrology):
 * headings read through synonyms, the file opened and its required
 * columns checked, every row in one transaction (all or none), blank rows
 * skipped, the bound figures of the counties touched rewritten once at
 * the end, and the import itself audited with its counts. */
#ifndef QC_REGISTRY_REG_IMPORT_H
#define QC_REGISTRY_REG_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "qcity/error.h"
#include "qcity/import_from.h"
#include "qcity/region_code.h"
#include "qcity/table.h"

struct qc_store;

/* The columns of the heading row h: col[f] is the first cell named one
 * of headings[f * width + k] (NULL-ended, at most width), tried in
 * order; -1 if none. Returns how many fields were found. */
int qc_reg_columns(const struct qc_table_row *h, const char *const *headings,
		   size_t width, int nf, int col[]);
/* The cell of field f in r; NULL when absent or empty. */
const char *qc_reg_cell(const struct qc_table_row *r, const int col[], int f);

/* A unit's status from the file's words: in_use (empty, 在用, 使用中,
 * 正常), stopped (停用), scrapped (报废, 注销); NULL if none of these. */
const char *qc_reg_status(const char *v);
/* A status's name in the reader's language; the code if unknown. */
const char *qc_reg_status_name(const char *code);
/* A bad cell: "line N, HEADING: \"v\" why", QC_EINVAL. */
enum qc_rc qc_reg_bad(struct qc_error *err, int line, const char *heading,
		      const char *v, const char *why);

struct qc_reg_import {
	const char *const *headings; /* as qc_reg_columns */
	size_t width;
	int nf;
	unsigned required;  /* bit f: field f's column must be there */
	int region;         /* the county field: required without --region; -1:
		       never required (the rows find their county) */
	const char *entity; /* the audit log's entity of the import */
	/* Read and write one row (not blank), counting it into c; the county
	 * it is in into county. county_opt: the --region given, or NULL. */
	enum qc_rc (*row)(struct qc_store *s, const struct qc_table_row *r,
			  const int col[], const char *county_opt,
			  const char *actor, struct qc_import_counts *c,
			  char county[QC_REGION_CODE_SIZE],
			  struct qc_error *err);
	/* Rewrite the bound figures of a county touched. */
	enum qc_rc (*refresh)(struct qc_store *s, const char *county,
			      const char *actor, struct qc_error *err);
};

/* The county of a row whose holder has a credit code (certification,
 * traceability): the row's own county (region, a name or code; NULL
 * when it gives none), else that of the enterprise registered under uscc
 * when it is registered in a county, else opt (--region). *enterprise is
 * that enterprise's id, 0 when uscc is empty or not registered. who
 * names the holder in the error; not_county (an untranslated format with
 * the line and the region) says why a region that is not a county is
 * refused. */
enum qc_rc qc_reg_holder_county(struct qc_store *s, int line,
				const char *region, const char *opt,
				const char *uscc, const char *who,
				const char *not_county, int64_t *enterprise,
				char county[QC_REGION_CODE_SIZE],
				struct qc_error *err);

/* A column of a register's row and its value: text (NULL: SQL NULL),
 * or num when is_num. */
struct qc_reg_col {
	const char *name;
	const char *text;
	int64_t num;
	bool is_num;
};

/* Write a register's row into table: updated when update (the row is
 * there), else inserted. cols[0..n) are set; their last nkeys are the
 * row's key (the WHERE of the update). updated_at is now, and so is
 * created_at of a new row. */
enum qc_rc qc_reg_store(struct qc_store *s, const char *table, bool update,
			const struct qc_reg_col *cols, size_t n, size_t nkeys,
			struct qc_error *err);

/* A row written, as each register's row callback ends: unchanged when
 * before (NULL: a new row) equals after; else counted as updated or
 * added and audited under entity and key with both. Takes before and
 * after (either may be NULL). */
enum qc_rc qc_reg_written(struct qc_store *s, const char *actor,
			  const char *entity, const char *key, json_t *before,
			  json_t *after, struct qc_import_counts *out,
			  struct qc_error *err);

/* Import path (CSV or .xlsx) as spec says: all rows or none; "no data
 * rows" when it has none (nothing written). Refused on a national
 * server. */
enum qc_rc qc_reg_import_file(struct qc_store *s,
			      const struct qc_reg_import *spec,
			      const char *path, const char *county,
			      const char *actor, struct qc_import_counts *out,
			      struct qc_error *err);
/* The same from src: a row whose county lies outside src->within fails
 * the import with its line (nothing written); the audit log names
 * src->name. */
enum qc_rc qc_reg_import_from(struct qc_store *s,
			      const struct qc_reg_import *spec,
			      const struct qc_import_from *src,
			      const char *actor, struct qc_import_counts *out,
			      struct qc_error *err);

#endif
