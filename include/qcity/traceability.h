/* The traceability register (追溯; docs/traceability.md): the subjects
 * (生产经营主体) enrolled on a traceability platform and their product
 * lines, one row each as the platform exports them, and the figures plans
 * set targets on: subjects and products enrolled by category (新增1000家
 * 生产经营主体、1800个产品入驻省级追溯平台) and the coverage of the
 * above-scale food producers (规模以上食品生产企业全部建立追溯体系).
 * Every write is audited in the writer's transaction; bound plan
 * indicators are rewritten in the same transaction. */
#ifndef QCITY_TRACEABILITY_H
#define QCITY_TRACEABILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/import_from.h"
#include "qcity/region_code.h"

struct qc_store;

/* The categories (行业类别; docs/traceability.md "Catalogues"), in this
 * order: edible_agri, food, drug, agri_input, special_equipment,
 * hazardous, rare_earth, other — the seven kinds of 重要产品 that
 * 国办发〔2015〕95号 names, and other. */
#define QC_TRACE_CATEGORIES 8
extern const char *const qc_trace_categories[QC_TRACE_CATEGORIES];
/* The category's code from its name as the platforms write it (食用农产品,
 * 食品, 药品, 农资 ...; spaces do not matter) or from its code; NULL when
 * the catalogue has none. Static. */
const char *qc_trace_category(const char *name);
/* The category's name in the reader's language; the code if unknown. */
const char *qc_trace_category_name(const char *code);
/* The subject types (主体类型): producer, trader, slaughter, catering,
 * other. */
#define QC_TRACE_TYPES 5
extern const char *const qc_trace_types[QC_TRACE_TYPES];
/* The type's code from its name (生产, 经营, 屠宰, 餐饮 ...) or code;
 * NULL if none. Static. */
const char *qc_trace_type(const char *name);
/* A type's, a status's (active, cancelled) name in the reader's
 * language; the code if unknown. */
const char *qc_trace_type_name(const char *code);
const char *qc_trace_status_name(const char *code);

/* Import a platform's export (CSV in UTF-8 or GB18030, or .xlsx; headings
 * by name, docs/traceability.md "Import"). county: the county of rows
 * whose subject is not an enterprise registered in a county and that name
 * no county (may be NULL). All rows or none: a bad row fails the import
 * with its line and field. A row on record (the same platform, subject
 * and product) is updated, never duplicated. Audited per row. */
enum qc_rc qc_trace_import(struct qc_store *s, const char *path,
			   const char *county, const char *actor,
			   struct qc_import_counts *out, struct qc_error *err);
/* The same from src (the web's upload): a row whose county lies outside
 * src->within fails the import with its line. */
enum qc_rc qc_trace_import_from(struct qc_store *s,
				const struct qc_import_from *src,
				const char *actor, struct qc_import_counts *out,
				struct qc_error *err);

/* One row of the register as listed. */
struct qc_trace_row {
	int64_t id;
	char *platform, *subject_name, *subject_uscc, *subject_code; /* uscc,
							code may be NULL */
	char *category_text, *product; /* product "" for the subject alone */
	char type[16], category[24], status[12];
	char region[QC_REGION_CODE_SIZE];
	char enrolled_on[11];
	long products;
};
struct qc_trace_list {
	struct qc_trace_row *v;
	size_t n, alloc;
};

/* A page of the rows of a region's subtree enrolled by `on` (days since
 * 1970): active first, then cancelled, each by enrolment date, then
 * platform, subject and product. region NULL: all. category: NULL or a
 * code or name of the catalogue; state: NULL or "" (all), "active" or
 * "cancelled". after: NULL or the `next` of the page before; limit 0:
 * every row. *total (may be NULL): the rows the filters keep; next (may
 * be NULL): "" after the last page. QC_EINVAL names the field. Release
 * with qc_trace_list_release. */
#define QC_TRACE_CURSOR_SIZE 800
struct qc_trace_query {
	const char *region, *category, *state, *after;
	size_t limit;
};
enum qc_rc qc_trace_page(struct qc_store *s, const struct qc_trace_query *q,
			 long on, struct qc_trace_list *out, size_t *total,
			 char next[QC_TRACE_CURSOR_SIZE], struct qc_error *err);
void qc_trace_list_release(struct qc_trace_list *l);

/* The figures of a region's subtree on a day (days since 1970), of the
 * active rows enrolled by then. A subject is its credit code, else its
 * name as written. */
struct qc_trace_figures {
	long subjects, lines, products; /* products: the 追溯产品数 summed */
	long cat_subjects[QC_TRACE_CATEGORIES]; /* by category */
	long cat_products[QC_TRACE_CATEGORIES];
	long type_subjects[QC_TRACE_TYPES]; /* by subject type */
	long cancelled;                     /* rows cancelled */
	/* The above-scale food producers of the enterprises table (above_scale
	 * 1, a food manufacturing industry) in the region, and those of them
	 * with an active food or edible-agricultural row by the day; rate =
	 * 100 * covered / producers (never over 100), -1 with no producer. */
	long producers, covered;
	double rate;
};
enum qc_rc qc_trace_figures(struct qc_store *s, const char *region, long on,
			    struct qc_trace_figures *out, struct qc_error *err);
/* A measure of the figures (subjects, products, food_subjects,
 * food_products, agri_subjects, agri_products, food_coverage) into value;
 * false for an unknown measure, or food_coverage without producers. */
bool qc_trace_measure(const struct qc_trace_figures *f, const char *measure,
		      double *value);

/* Make a plan indicator computed from the register: its values are
 * written for every county with rows, its prefecture and province, for
 * each year from the county's first enrolment to this one (as of 31
 * December; this year as of today); then kept current by every import.
 * Audited. */
enum qc_rc qc_trace_bind(struct qc_store *s, const char *indicator,
			 const char *measure, const char *actor,
			 struct qc_error *err);

#endif
