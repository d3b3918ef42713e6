/* Units: the member departments of a region's leading group, the
 * names plans give them (aliases) and the collective phrases that are
 * no unit (docs/units.md). Writes are audited. */
#ifndef QCITY_UNIT_H
#define QCITY_UNIT_H

#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/region_code.h"

struct qc_store;

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
/* Whether a unit of the region has this name, compared as aliases are
 * stored (simplified, without 市/区/县…): 外侨旅游局 finds 市外侨旅游局. */
enum qc_rc qc_unit_alias_names_unit(struct qc_store *s, const char *region_code,
				    const char *name, bool *found,
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

#endif
