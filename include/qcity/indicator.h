/* Measured series and their catalogue links (issue 11).
 *
 * An indicator row is a series: the indicator as a plan names it (exact
 * name after qc_indicator_norm), measured per region. Two targets share a
 * series only when they name the same indicator. The catalogue entry a
 * series compares with (plan compare, sampling-rate binding) is a separate
 * link with a status (proposed or confirmed) that never merges series.
 * Each series declares its range (a % rate 0–100 unless stated, counts
 * ≥ 0) and its kind: a level, a cumulative (running) total, or a flow
 * reported per period. */
#ifndef QCITY_INDICATOR_H
#define QCITY_INDICATOR_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "qcity/error.h"
#include "qcity/plan.h"

struct qc_store;

/* The range a value may take; a side without has_ is open. */
struct qc_range {
	bool has_min, has_max;
	double min, max;
};

/* v held within r (a derived requirement: +2 pp on 99.5 asks for 100). */
double qc_range_cap(const struct qc_range *r, double v);

enum qc_measure_kind {
	QC_MEASURE_LEVEL,      /* a rate or a stock as it stands */
	QC_MEASURE_CUMULATIVE, /* a running total (累计): the latest is it */
	QC_MEASURE_FLOW,       /* per period: counts add up */
};
const char *qc_measure_kind_name(enum qc_measure_kind k);
/* false if s is not level, cumulative or flow */
bool qc_measure_kind_parse(const char *s, enum qc_measure_kind *k);
/* True for a measure word of things won or built (个, 项, 家 …), whose
 * per-period figures add up. */
bool qc_unit_accumulates(const char *unit);

/* The range and kind a unit and name imply when nothing states them
 * (the rule migration 0008 applied to existing rows): % 0–100 (a growth
 * -100 up, a reduction up to 100), ‰ 0–1000, pp open, other units ≥ 0;
 * counts of things (个, 项 …) flow, a name with 累计 is cumulative. */
void qc_indicator_default_range(const char *name, const char *unit,
				struct qc_range *r, enum qc_measure_kind *kind);

/* Whether a target with op on a measure of this kind reads its values as
 * per-period figures that add up from the plan's start (a flow with a
 * level to reach: 培育名牌产品24个). Charts, "latest" and status all
 * read a count this way. */
bool qc_measure_adds_up(enum qc_measure_kind kind, enum qc_op op);

/* A name as the series key: full-width folded, whitespace dropped. The
 * caller frees the result. */
char *qc_indicator_norm(const char *written);

/* The series a value named `name` in region `region_code` (a resolved
 * code, or NULL) belongs to: the series of that exact name when a plan
 * target uses it or it is no catalogue entry; else, through the
 * catalogue (the name is a catalogue name or a listed synonym), the one
 * series of a plan for that region linked to it. Several: QC_ECONFLICT
 * with the candidates listed; none: QC_ENOTFOUND. */
enum qc_rc qc_indicator_resolve(struct qc_store *s, const char *name,
				const char *region_code, int64_t *id,
				struct qc_error *err);

/* The series named `written` (normalised), created if missing with unit
 * (pp becomes %), direction, and the range and kind its unit implies.
 * catalog (may be NULL) names the catalogue entry a new series links to:
 * confirmed when the name is that entry or a listed synonym of it,
 * proposed otherwise. An existing series keeps its link. Inside the
 * caller's transaction; audited when created. */
enum qc_rc qc_indicator_series(struct qc_store *s, const char *written,
			       const char *unit, bool lower_is_better,
			       const char *catalog, const char *actor,
			       int64_t *id, struct qc_error *err);

/* Link series `name` to catalogue entry `catalog` (confirmed), or clear
 * its link; audited. A catalogue entry's link to itself cannot change. */
enum qc_rc qc_indicator_link(struct qc_store *s, const char *name,
			     const char *catalog, const char *actor,
			     struct qc_error *err);
enum qc_rc qc_indicator_unlink(struct qc_store *s, const char *name,
			       const char *actor, struct qc_error *err);

struct qc_indicator_row {
	int64_t id;
	char *name, *unit, *catalog; /* catalog: linked entry or NULL */
	char *link;                  /* "confirmed", "proposed" or NULL */
	bool in_catalog;
	struct qc_range range;
	enum qc_measure_kind kind;
	int n_targets; /* targets measured on it */
};

struct qc_indicator_list {
	struct qc_indicator_row *v;
	size_t n, alloc;
};

/* Series that plan targets use (all rows with all = true), by name;
 * unconfirmed: only those whose link is missing or proposed. */
enum qc_rc qc_indicator_list(struct qc_store *s, bool all, bool unconfirmed,
			     struct qc_indicator_list *out,
			     struct qc_error *err);
void qc_indicator_list_release(struct qc_indicator_list *l);

/* QC_EINVAL unless v lies within series id's range, naming the range. */
enum qc_rc qc_indicator_check_value(struct qc_store *s, int64_t id, double v,
				    struct qc_error *err);
/* The range and kind of series id. */
enum qc_rc qc_indicator_range(struct qc_store *s, int64_t id,
			      struct qc_range *r, enum qc_measure_kind *kind,
			      struct qc_error *err);

/* ---- the catalogue's rows and lookups by name ---------------------------- */

struct qc_catalog;

/* Copy the catalogue into the database (insert new, update existing),
 * audited. A catalogue already stored as it is writes nothing and
 * audits nothing (`qcity init` runs it each time). */
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

#endif
