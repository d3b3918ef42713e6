/* The certification register (认证; docs/certification.md): the
 * certificates the enterprises of a county hold, as the certification
 * bodies and the national platform (全国认证认可信息公共服务平台) list
 * them, judged valid or not as of a day from each certificate's own
 * expiry (有效期至), and the figures plans set targets on (认证数量,
 * 获证企业数). Every write is audited in the writer's transaction; bound
 * plan indicators are rewritten in the same transaction. */
#ifndef QCITY_CERTIFICATION_H
#define QCITY_CERTIFICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/import_from.h"
#include "qcity/region_code.h"

struct qc_store;

/* The catalogue of kinds (docs/certification.md "Kinds"), in this order:
 * ccc, iso9001, iso14001, iso45001, food_safety, organic, green_food,
 * pollution_free, service, other. */
#define QC_CERT_KINDS 10
extern const char *const qc_certification_kinds[QC_CERT_KINDS];
/* The kind's code from its name as the platform and the bodies write it
 * (强制性产品认证, CCC, 质量管理体系认证, ISO 9001, HACCP, 绿色食品 ...;
 * spaces, letter case and a trailing 认证 do not matter) or from its
 * code; NULL when the catalogue has no such kind. Static. */
const char *qc_certification_kind(const char *name);
/* The kind's name in the reader's language; the code if unknown. */
const char *qc_certification_kind_name(const char *code);
/* The kind's group: "system" (management systems), "product" (CCC),
 * "agri" (有机, 绿色食品, 无公害农产品), or NULL (service, other). */
const char *qc_certification_group(const char *code);
/* A state's name in the reader's language (valid, expired, suspended,
 * revoked, cancelled); the code if unknown. */
const char *qc_certification_state_name(const char *state);

/* What an import did. */
/* Import a list of certificates (CSV in UTF-8 or GB18030, or .xlsx;
 * headings by name as the national platform's export writes them,
 * docs/certification.md "Import"). county: the county of rows whose
 * holder is not a registered enterprise of a county and that name no
 * county (may be NULL). All rows or none: a bad row fails the import
 * with its line and field. A certificate on record already (the same
 * body and number) is updated, never duplicated. Audited per
 * certificate (before and after). */
enum qc_rc qc_certification_import(struct qc_store *s, const char *path,
				   const char *county, const char *actor,
				   struct qc_import_counts *out,
				   struct qc_error *err);

/* One certificate as listed on a day. */
struct qc_certificate {
	int64_t id;
	char *number, *body, *kind, *kind_text, *scope; /* scope may be NULL */
	char *holder_name, *holder_uscc; /* holder_uscc may be NULL */
	char region[QC_REGION_CODE_SIZE];
	char issued_on[11]; /* "" when the list gave none */
	char expires_on[11];
	char status[12]; /* as recorded: valid, suspended, revoked, cancelled */
	char state[12];  /* on the day: valid, expired, suspended, revoked,
			    cancelled */
	long days_left;  /* valid: days to its expiry (0 on its last day) */
};
struct qc_certificate_list {
	struct qc_certificate *v;
	size_t n, alloc;
};

/* A page of the certificates of a region's subtree issued by `on` (days
 * since 1970; one with no issue date is taken as issued), judged on that
 * day: valid first (the soonest expiry first), then suspended, expired,
 * revoked and cancelled, each by expiry, then number and body.
 * region NULL: all. kind: NULL or a code or name of the catalogue.
 * state: NULL or "" (all), or one of the states. after: NULL or the
 * `next` of the page before; limit 0: every row. *total (may be NULL):
 * the certificates the filters keep; next (may be NULL): "" after the
 * last page. QC_EINVAL names the field (kind, state, after). Release
 * with qc_certificate_list_release. */
#define QC_CERTIFICATION_CURSOR_SIZE 600
struct qc_certification_query {
	const char *region, *kind, *state, *after;
	size_t limit;
};
enum qc_rc qc_certification_page(struct qc_store *s,
				 const struct qc_certification_query *q,
				 long on, struct qc_certificate_list *out,
				 size_t *total,
				 char next[QC_CERTIFICATION_CURSOR_SIZE],
				 struct qc_error *err);
void qc_certificate_list_release(struct qc_certificate_list *l);

/* The figures of a region's subtree on a day (days since 1970), of the
 * certificates issued by then. A holder is an enterprise: its credit
 * code, else its name as written. */
#define QC_CERT_EXPIRING_DAYS 90
struct qc_certification_figures {
	long valid;                  /* valid certificates */
	long by_kind[QC_CERT_KINDS]; /* of those, by kind (catalogue order) */
	long system, product, agri;  /* of those, by group */
	long holders;                /* enterprises with one valid or more */
	long system_holders, product_holders, agri_holders; /* by group */
	long expiring; /* valid, expiring within QC_CERT_EXPIRING_DAYS */
	long suspended, expired, revoked; /* revoked: and cancelled */
};
enum qc_rc qc_certification_figures(struct qc_store *s, const char *region,
				    long on,
				    struct qc_certification_figures *out,
				    struct qc_error *err);
/* A measure of the figures (certificates, holders, and each group's:
 * system_certificates, system_holders, product_…, agri_…) into value;
 * false for an unknown measure. */
bool qc_certification_measure(const struct qc_certification_figures *f,
			      const char *measure, double *value);

/* Make a plan indicator computed from the register: its values are
 * written for every county with certificates, its prefecture and
 * province, for each year certificates were issued or expire there up
 * to this one (as of 31 December; this year as of today); then kept
 * current by every import. Audited. */
enum qc_rc qc_certification_bind(struct qc_store *s, const char *indicator,
				 const char *measure, const char *actor,
				 struct qc_error *err);

#endif
