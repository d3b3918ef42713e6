/* Enterprises (市场主体): identified by their unified social credit code,
 * or, for records explicitly imported unverified, by name and region. */
#ifndef QCITY_ENTERPRISE_H
#define QCITY_ENTERPRISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

struct qc_enterprise {
	int64_t id;
	char *uscc; /* NULL when unknown */
	bool verified;
	char *name, *region_code, *address, *industry, *cqo;
	int above_scale;           /* 1 规模以上, 0 not, -1 unknown */
	long long samples, failed; /* sampling results on record */
	/* The province whose server holds the row (0026): at the nation a
	 * credit code may be held by several, each its own record. */
	char held_by[7];
};

/* The enterprise with this credit code (normalised first). */
enum qc_rc qc_enterprise_get(struct qc_store *s, const char *uscc,
			     struct qc_enterprise *out, struct qc_error *err);
/* The same, held by province held_by (NULL or "": whichever holds it).
 * At the nation its results are those of its holder's province (ids
 * repeat across provinces there); a code held by several provinces
 * needs held_by (QC_EINVAL names them). */
enum qc_rc qc_enterprise_get_at(struct qc_store *s, const char *uscc,
				const char *held_by, struct qc_enterprise *out,
				struct qc_error *err);
/* The same as a reader of region within sees it (NULL: every region;
 * the faces pass qc_scope_read_root): a record registered outside within
 * is as if it did not exist, so at the nation a refusal names only the
 * holders whose record lies within, and with within QC_ENOTFOUND says
 * "no enterprise CODE in region WITHIN" whether the code exists or not. */
enum qc_rc qc_enterprise_get_within(struct qc_store *s, const char *uscc,
				    const char *held_by, const char *within,
				    struct qc_enterprise *out,
				    struct qc_error *err);
void qc_enterprise_release(struct qc_enterprise *e);

/* Import a register (CSV or .xlsx) with the columns 统一社会信用代码,
 * 企业名称 and optionally 地址, 行业, 规模 (规模以上/规模以下), 首席质量官 and
 * 地区. Codes are checked (GB 32100 and GB 11714); an invalid code fails
 * the import naming the line, unless allow_unverified keeps the record
 * marked unverified. The region comes from the 地区 column, else from the
 * code. Existing enterprises (same code) are updated. All or nothing. */
enum qc_rc qc_enterprise_import(struct qc_store *s, const char *data,
				size_t len, const char *name,
				bool allow_unverified, const char *actor,
				size_t *count, struct qc_error *err);

#endif
