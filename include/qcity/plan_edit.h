/* Plans edited inside qcity, without JSON (issue 11, part 4): add, change
 * and remove goals, targets, tasks, owners, phases, group members and
 * reporting duties of a stored plan, and its versions.
 *
 * An edit names a part, which element of it (ref) and fields as text
 * (name=value), the way the command line and the API receive them. Every
 * edit is validated on the whole plan (the error names the field), written
 * in one transaction with an audit row holding the element before and
 * after, and recorded as a new version of the plan (a plan JSON snapshot,
 * docs/plan-format.md). */
#ifndef QCITY_PLAN_EDIT_H
#define QCITY_PLAN_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/error.h"
#include "qcity/plan.h"

struct qc_store;

enum qc_plan_part {
	QC_PART_PLAN = 0, /* the plan's head and its group's names */
	QC_PART_GOAL,     /* ref: goal key */
	QC_PART_TARGET,   /* ref: target number, 1-based */
	QC_PART_TASK,     /* ref: task key */
	QC_PART_OWNER,    /* ref: "target:N" or "task:KEY" */
	QC_PART_PHASE,    /* ref: phase key */
	QC_PART_MEMBER,   /* ref: the member unit as written */
	QC_PART_DUTY,     /* ref: duty number, 1-based */
	QC_PART_PART,     /* a target's part (分解): ref "target:N" to
			       add, "target:N/K" (K from 1) otherwise */
	QC_PART__COUNT
};

const char *qc_plan_part_name(enum qc_plan_part p); /* "goal", ... */
bool qc_plan_part_parse(const char *s, enum qc_plan_part *out);

enum qc_edit_op { QC_EDIT_ADD = 0, QC_EDIT_SET, QC_EDIT_REMOVE };

/* One field as text; value NULL or "" clears it. The fields each part
 * takes (anything else is QC_EINVAL naming the field):
 *   plan    title doc_number issuer issue_date period_start period_end
 *           status group_name group_leader office_host
 *   goal    key name domain
 *   target  goal indicator op value value_max unit year baseline
 *           (a year, "previous_year" or "") text lead co
 *   task    key parent number title text due phase lead co
 *   owner   unit role (lead, co)
 *   phase   key name start end
 *   member  name
 *   duty    kind (monthly, half_year, annual) grace_days text
 *   part    region (code or name; "" for a yearly milestone of the
 *           plan's region) op value value_max year lead co
 * lead and co are lists of units separated by "," or "、" that replace
 * the element's owners of that role. */
struct qc_field {
	const char *name;
	const char *value;
};

struct qc_plan_edit {
	enum qc_edit_op op;
	enum qc_plan_part part;
	const char *ref; /* NULL for QC_EDIT_ADD (and plan) */
	const struct qc_field *fields;
	size_t n_fields;
	const char *note; /* the version's note, may be NULL */
};

/* Apply e to p in memory and validate the result. *index (may be NULL)
 * receives the element's position in its list after the edit (before
 * it, for a removal). On error p may be partly changed: release it. */
enum qc_rc qc_plan_edit_apply(struct qc_plan *p, const struct qc_plan_edit *e,
			      size_t *index, struct qc_error *err);

/* Apply e to stored plan `plan_id` in one transaction: write the plan in
 * place (task ids, and so progress reports, are kept; targets are written
 * anew), audit the element before and after, and record a version.
 * *version (may be NULL) receives its number. Nothing is written on
 * error. */
enum qc_rc qc_plan_edit(struct qc_store *s, long long plan_id,
			const struct qc_plan_edit *e, const char *actor,
			int *version, struct qc_error *err);

/* ---- versions ---------------------------------------------------------- */

struct qc_plan_version {
	int number;
	char *at, *actor, *note;
};

struct qc_plan_version_list {
	struct qc_plan_version *v;
	size_t n, alloc;
};

/* Record the stored plan as a new version with note (may be NULL),
 * audited. *number (may be NULL) receives its number. */
enum qc_rc qc_plan_version_add(struct qc_store *s, long long plan_id,
			       const char *note, const char *actor, int *number,
			       struct qc_error *err);

/* The plan's versions, oldest first. Release with
 * qc_plan_version_list_release. */
enum qc_rc qc_plan_versions(struct qc_store *s, long long plan_id,
			    struct qc_plan_version_list *out,
			    struct qc_error *err);
void qc_plan_version_list_release(struct qc_plan_version_list *l);

/* Load version `number` of the plan into p (initialised by the call;
 * release it even on error). p->id is the plan's id. */
enum qc_rc qc_plan_version_load(struct qc_store *s, long long plan_id,
				int number, struct qc_plan *p,
				struct qc_error *err);

/* One difference between two versions. */
struct qc_plan_change {
	char *part;   /* "plan", "goal", "target", "task", "phase",
			    "member", "duty" */
	char *change; /* "added", "removed", "changed" */
	char *what;   /* the element: indicator, key, unit, ... */
	char *field;  /* for "changed": "requirement", "year", "lead" ...;
			    NULL otherwise */
	char *before, *after; /* readable values; NULL when none */
};

struct qc_plan_diff {
	struct qc_plan_change *v;
	size_t n, alloc;
};

/* The changes from a to b, in plan order: targets are matched by their
 * key (versions before keys: by indicator, the k-th target of an
 * indicator with the k-th), tasks, goals
 * and phases by key, members by name, duties by position. Release with
 * qc_plan_diff_release. */
void qc_plan_diff(const struct qc_plan *a, const struct qc_plan *b,
		  struct qc_plan_diff *out);
void qc_plan_diff_release(struct qc_plan_diff *d);

#endif
