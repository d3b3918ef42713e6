/* The special-equipment register (特种设备; docs/equipment.md): units
 * registered for use by a county's regulator, their periodic inspections
 * and the accidents, and the figures plans set targets on: 定期检验率,
 * 万台特种设备事故起数 and 万台特种设备事故死亡人数. Every write is
 * audited, in the writer's transaction; bound plan indicators are
 * rewritten in the same transaction. */
#ifndef QCITY_EQUIPMENT_H
#define QCITY_EQUIPMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/import_from.h"
#include "qcity/region_code.h"

struct qc_store;

/* A class of the 《特种设备目录》 from its Chinese name (锅炉, 电梯,
 * 场(厂)内专用机动车辆 ...) or its code (boiler, elevator, vehicle ...);
 * NULL if neither. The code is a static string. */
const char *qc_equipment_category(const char *name);
/* The name of a category (as the 目录 writes it) or of a status (in the
 * reader's language); the code itself if unknown. Static strings. */
const char *qc_equipment_category_name(const char *code);
const char *qc_equipment_status_name(const char *code);
/* An inspection's conclusion from 合格 / 不合格 / 复检合格 or its code
 * (pass, fail, pass_on_recheck); NULL if neither. */
const char *qc_equipment_result(const char *name);

/* What an import did. */
/* Import a register (CSV in UTF-8 or GB18030, or .xlsx; headings by name,
 * docs/equipment.md "Import"). county: the county-level region of rows
 * without a region column (may be NULL when every row names one). All
 * rows or none: a bad row fails the import with its line and field. A
 * code registered already (by an earlier import, or earlier in the file)
 * is updated, never duplicated. Audited per unit (before and after). */
enum qc_rc qc_equipment_import(struct qc_store *s, const char *path,
			       const char *county, const char *actor,
			       struct qc_import_counts *out,
			       struct qc_error *err);
/* The same from src (an uploaded file: the name the audit log records,
 * and the region the importing account may change: a row outside it
 * fails the import with its line, nothing written). */
enum qc_rc qc_equipment_import_from(struct qc_store *s,
				    const struct qc_import_from *src,
				    const char *actor,
				    struct qc_import_counts *out,
				    struct qc_error *err);

/* Record a periodic inspection of the unit `code` on `date` (not in the
 * future, not before the last one): result a code of
 * qc_equipment_result; next the next due date the report gives (after
 * date; required when it passed, optional when it failed). The
 * inspection answers the unit's due date as it stood. */
enum qc_rc qc_equipment_inspect(struct qc_store *s, const char *code,
				const char *date, const char *result,
				const char *next, const char *actor,
				struct qc_error *err);

/* What an accident carries; strings borrowed for the call. region: a
 * county (code or name); may be NULL when code names the unit, whose
 * county it then is. category: a class, or NULL (the unit's). */
struct qc_equipment_accident {
	const char *date, *region, *code, *category;
	int deaths, injuries;
};
enum qc_rc qc_equipment_accident(struct qc_store *s,
				 const struct qc_equipment_accident *a,
				 const char *actor, int64_t *id,
				 struct qc_error *err);

/* One unit as listed. */
struct qc_equipment {
	char *code, *category, *user_name, *user_uscc, *status;
	char region[QC_REGION_CODE_SIZE];
	char registered_on[11], next_due[11], last_result[20];
	long days_overdue; /* > 0: due date past (or failed) that many days */
	bool overdue;      /* due date past, or failed and not re-inspected */
};
struct qc_equipment_list {
	struct qc_equipment *v;
	size_t n, alloc;
};
/* The units of a region's subtree (NULL: all), overdue first (most days
 * first), then due within a month (earliest first), then the rest by code
 * (the order of qc_equipment_page, one page of all); overdue_only keeps
 * the overdue units in use. `today` in days since 1970 (qc_today_days).
 * Release with qc_equipment_list_release. */
enum qc_rc qc_equipment_list(struct qc_store *s, const char *region,
			     bool overdue_only, long today,
			     struct qc_equipment_list *out,
			     struct qc_error *err);
void qc_equipment_list_release(struct qc_equipment_list *l);

/* The figures of a region's subtree for a year, on `today` (days since
 * 1970): dues up to today are counted, later ones are not due yet. */
struct qc_equipment_figures {
	long in_use;    /* units in use at the end of the year */
	long due;       /* periodic inspections due in the year */
	long on_time;   /* of those, done on or before their due date */
	long overdue;   /* units in use overdue today (or failed) */
	long accidents; /* accidents in the year */
	long deaths, injuries;
};
enum qc_rc qc_equipment_figures(struct qc_store *s, const char *region,
				int year, long today,
				struct qc_equipment_figures *out,
				struct qc_error *err);
/* A measure of the figures: inspection_rate (on_time / due × 100),
 * accidents_per_10k and deaths_per_10k (per 10 000 units in use).
 * false when it has no value (no dues; no units in use). */
bool qc_equipment_measure(const struct qc_equipment_figures *f,
			  const char *measure, double *value);

/* Make a plan indicator computed from the register: its values are
 * written for every county with units, its prefecture and province, for
 * each year with dues or accidents and the current year; then kept
 * current by every import, inspection and accident. Audited. */
enum qc_rc qc_equipment_bind(struct qc_store *s, const char *indicator,
			     const char *measure, const char *actor,
			     struct qc_error *err);

#endif
