/* The register of compulsorily verified measuring instruments (强制检定
 * 的计量器具; docs/metrology.md): instruments a county's office holds on
 * record with their owners, their verifications (检定), and the figures
 * plans set targets on: 强制检定计量器具受检率 and 检定合格率. Every write
 * is audited in the writer's transaction; bound plan indicators are
 * rewritten in the same transaction. */
#ifndef QCITY_METROLOGY_H
#define QCITY_METROLOGY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/import_from.h"
#include "qcity/region_code.h"

struct qc_store;

/* A verification's conclusion from 合格 / 不合格 or its code (pass, fail);
 * NULL if neither. Static. */
const char *qc_metrology_result(const char *name);
/* A purpose of 计量法 第九条 from 贸易结算 / 安全防护 / 医疗卫生 / 环境监测
 * or its code (trade, safety, medical, environment); NULL if neither. */
const char *qc_metrology_purpose(const char *name);
/* A status's name in the reader's language; the code if unknown. */
const char *qc_metrology_status_name(const char *code);

/* What an import did. */
/* Import a register (CSV in UTF-8 or GB18030, or .xlsx; headings by name,
 * docs/metrology.md "Import"). county: the county-level region of rows
 * without a region column (may be NULL when every row names one). All
 * rows or none: a bad row fails the import with its line and field. A
 * code on record already is updated, never duplicated. Audited per
 * instrument (before and after). */
enum qc_rc qc_metrology_import(struct qc_store *s, const char *path,
			       const char *county, const char *actor,
			       struct qc_import_counts *out,
			       struct qc_error *err);
/* The same from src (an uploaded file: the name the audit log records,
 * and the region the importing account may change: a row outside it
 * fails the import with its line, nothing written). */
enum qc_rc qc_metrology_import_from(struct qc_store *s,
				    const struct qc_import_from *src,
				    const char *actor,
				    struct qc_import_counts *out,
				    struct qc_error *err);

/* A verification as the certificate (检定证书) or the notice of failure
 * (检定结果通知书) gives it; strings borrowed for the call. */
struct qc_metrology_verification {
	const char *code;   /* the instrument */
	const char *date;   /* the day verified: not in the future, not
			       before the last one */
	const char *result; /* a code or name of qc_metrology_result */
	const char *next;   /* 有效期至: after date; NULL when it failed, or
			       to take the office's period for the kind */
	const char *certificate; /* its number, may be NULL */
};
/* Record a verification; it answers the instrument's due date as it
 * stood. A pass without `next` takes the office's period for the kind
 * (qc_metrology_period_set); none set: refused, never assumed. */
enum qc_rc qc_metrology_verify(struct qc_store *s,
			       const struct qc_metrology_verification *v,
			       const char *actor, struct qc_error *err);

/* The office's verification period of a kind, in months (1 to 120), and
 * the basis it was set from (the 检定规程, required). Audited. */
enum qc_rc qc_metrology_period_set(struct qc_store *s, const char *kind,
				   int months, const char *basis,
				   const char *actor, struct qc_error *err);

/* One instrument as listed. */
struct qc_metrology {
	int64_t id;
	char *code, *kind, *owner_name, *owner_uscc, *status, *purpose;
	char region[QC_REGION_CODE_SIZE];
	char next_due[11], last_result[8];
	long days_overdue; /* > 0: due date past (or failed) that many days */
	bool overdue;      /* in use, due date past on the day asked */
	bool failed;       /* in use, its last verification failed */
};
struct qc_metrology_list {
	struct qc_metrology *v;
	size_t n, alloc;
};
/* Which instruments a list keeps. */
enum qc_metrology_filter {
	QC_MTR_ALL,
	QC_MTR_OVERDUE, /* in use and overdue or failed on `on` */
	QC_MTR_FAILED,  /* in use and failed (不合格, may not be used) */
};
/* The instruments of a region's subtree (NULL: all) as they stand on
 * `on` (days since 1970): overdue and failed first (most days first),
 * then by code (the order of qc_metrology_page, one page of all).
 * Release with qc_metrology_list_release. */
enum qc_rc qc_metrology_list(struct qc_store *s, const char *region,
			     enum qc_metrology_filter which, long on,
			     struct qc_metrology_list *out,
			     struct qc_error *err);
void qc_metrology_list_release(struct qc_metrology_list *l);

/* The figures of a region's subtree for a year, on `today` (days since
 * 1970): dues up to today are counted, later ones are not due yet. */
struct qc_metrology_figures {
	long in_use;   /* instruments in use today */
	long due;      /* verifications due in the year */
	long on_time;  /* of those, verified on or before the due date */
	long overdue;  /* in use, overdue or failed today */
	long failed;   /* of those, failed (不合格) */
	long verified; /* verifications recorded in the year */
	long passed;   /* of those, 合格 */
};
enum qc_rc qc_metrology_figures(struct qc_store *s, const char *region,
				int year, long today,
				struct qc_metrology_figures *out,
				struct qc_error *err);
/* verification_rate (受检率: on_time / due × 100) or pass_rate (检定
 * 合格率: passed / verified × 100); false when it has no value. Never
 * above 100. */
bool qc_metrology_measure(const struct qc_metrology_figures *f,
			  const char *measure, double *value);

/* Make a plan indicator computed from the register: its values are
 * written for every county with instruments, its prefecture and
 * province, for each year with dues and the current year; then kept
 * current by every import and verification. Audited. */
enum qc_rc qc_metrology_bind(struct qc_store *s, const char *indicator,
			     const char *measure, const char *actor,
			     struct qc_error *err);

#endif
