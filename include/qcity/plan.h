/* The plan as a C value: what a plan document says, what plan JSON
 * carries (docs/plan-format.md), and what is stored in the database.
 *
 * Ownership: a struct qc_plan owns every string and array it points to;
 * qc_plan_release() frees them all. Strings are UTF-8. Setters copy. */
#ifndef QCITY_PLAN_H
#define QCITY_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "qcity/error.h"

/* How a target compares the measured value with its number(s). */
enum qc_op {
	QC_OP_GE = 0,  /* ">="  达到 / 以上 / 不低于 / 超过 / 力争 */
	QC_OP_LE,      /* "<="  以下 / 以内 / 不超过 / 控制在 */
	QC_OP_EQ,      /* "="   an exact count or level, no direction */
	QC_OP_ABOUT,   /* "~"   左右 / 约 */
	QC_OP_BETWEEN, /* "between" value..value_max */
	QC_OP_INCREASE,      /* "increase" by value over a baseline */
	QC_OP_DECREASE,      /* "decrease" by value against a baseline */
	QC_OP_ANNUAL_GROWTH, /* "annual_growth" compound growth per year */
	QC_OP_ZERO, /* "zero"  no such event (不发生重大…事故) */
	QC_OP__COUNT
};

const char *qc_op_name(enum qc_op op);            /* ">=", "between" ... */
bool qc_op_parse(const char *s, enum qc_op *out); /* false if unknown */

enum qc_role { QC_ROLE_LEAD = 0, QC_ROLE_CO };
const char *qc_role_name(enum qc_role r); /* "lead" / "co" */
bool qc_role_parse(const char *s, enum qc_role *out);

/* A responsible unit as the document writes it ("科技局") and its
 * canonical name with the shared prefix applied ("区科技局"). */
struct qc_owner {
	char *written;
	char *unit; /* canonical; equals written when no prefix */
	enum qc_role role;
};

struct qc_owner_list {
	struct qc_owner *v;
	size_t n, alloc;
};

void qc_owner_list_add(struct qc_owner_list *l, const char *written,
		       const char *unit, enum qc_role role);
void qc_owner_list_release(struct qc_owner_list *l);

/* Goal areas a plan groups its targets by. */
struct qc_goal {
	char *key;    /* unique within the plan: "g1", ... */
	char *domain; /* product, engineering, service, environment,
				economy, infrastructure, brand, food,
				agriculture, other */
	char *name;   /* as written: "产品质量目标" */
	int line;     /* 1-based source line, 0 if none */
};

/* A part of a target (分解): the same measure in a lower region (a
 * county/district or township/street), or a yearly milestone (年度目标)
 * of the target itself, with its own requirement and owners. Its series
 * is the target's indicator in the part's region. */
struct qc_target_part {
	char *region;      /* code or name of the region; NULL: the plan's
				own (a milestone) */
	char *region_name; /* when loaded from the database, else NULL */
	enum qc_op op;
	bool has_value;
	double value;
	bool has_value_max;
	double value_max;
	int year; /* due year; 0: the target's */
	struct qc_owner_list owners;
};

struct qc_target {
	char *key;       /* stable within the plan ("t1", ...): an edit
				or re-import updates the stored target of
				that key in place; NULL: given when stored */
	char *goal;      /* goal key or NULL */
	char *indicator; /* as the document names it */
	char *canonical; /* catalogue name, NULL if no match */
	int match;       /* the extractor's enum qc_catalog_how (0: none
				or not extracted); not in plan JSON */
	enum qc_op op;
	bool has_value; /* false only for QC_OP_ZERO */
	double value;
	bool has_value_max; /* only for QC_OP_BETWEEN */
	double value_max;
	char *unit;             /* "%", "‰", "pp", "μg/m3", "ratio", or a
				measure word: 个, 项, 家 ... */
	int baseline_year;      /* 0: none */
	bool baseline_previous; /* 在上年度的基础上 */
	int year;               /* due year, 0 if none */
	struct qc_owner_list owners;
	int line;   /* 1-based line of the number */
	char *text; /* the sentence or clause it was read from */
	struct qc_target_part *parts; /* decomposition, in order */
	size_t n_parts, alloc_parts;
};

/* Append a zeroed part (op copied from t) and return it; t owns it. */
struct qc_target_part *qc_target_add_part(struct qc_target *t);
/* Free what part holds (not part itself). */
void qc_target_part_release(struct qc_target_part *part);

/* What a task is (docs/plan-format.md `tasks`): a work item, reported
 * on and counted, or an outline heading kept only for the tree and its
 * numbering (指导思想, 工作目标, a pure group heading), never reported on,
 * never late, counted nowhere. Zero is item, so a task read from a file
 * that says nothing is one. */
enum qc_task_kind { QC_TASK_ITEM = 0, QC_TASK_SECTION };
const char *qc_task_kind_name(enum qc_task_kind k);
/* How many of a plan's tasks are work items (not sections). */
struct qc_plan;
size_t qc_plan_items(const struct qc_plan *p);
bool qc_task_kind_parse(const char *s, enum qc_task_kind *out);
/* The refusal of progress on section `key` of plan_id (QC_EINVAL, the
 * one message the scope check and the report entry both give). */
enum qc_rc qc_task_section_refused(long long plan_id, const char *key,
				   struct qc_error *err);

struct qc_task {
	char *key;    /* unique within the plan: outline number path,
				e.g. "三.(一)" */
	char *parent; /* key of the parent task or NULL */
	char *number; /* as written: "(一)" */
	char *title;
	char *text;
	char *due;   /* ISO date YYYY-MM-DD or NULL */
	char *phase; /* phase key or NULL */
	struct qc_owner_list owners;
	int line;
	enum qc_task_kind kind;
};

struct qc_phase {
	char *key;
	char *name;
	char *start; /* ISO date or NULL */
	char *end;
	int line;
};

enum qc_report_kind {
	QC_REPORT_MONTHLY = 0,
	QC_REPORT_HALF_YEAR,
	QC_REPORT_ANNUAL,
	QC_REPORT__COUNT
};
const char *qc_report_kind_name(enum qc_report_kind k);
bool qc_report_kind_parse(const char *s, enum qc_report_kind *out);

/* A reporting duty: who reports what how often to the office. */
struct qc_duty {
	enum qc_report_kind kind;
	int grace_days; /* days after the period ends that count as on time */
	char *text;
	int line;
};

/* A rule of the annual assessment as the plan states it. */
struct qc_rule {
	char *text;
	int line;
};

struct qc_group {
	char *name;        /* 领导小组 as written */
	char *leader;      /* 组长 */
	char *office_host; /* the unit hosting the office */
	char **members;    /* member units as written */
	size_t n_members, alloc_members;
	int line;
};

struct qc_plan {
	long long id; /* database id, 0 when not stored */
	char *title;
	char *doc_number; /* 七政办规〔2018〕1号 */
	char *issuer;
	char *issue_date;  /* ISO date */
	char *region_code; /* GB/T 2260, 6 digits */
	char *region_name;
	int period_start, period_end; /* years, 0 if unknown */
	char *parent; /* doc_number or title of the parent plan */
	char *status; /* "draft" or "active" */
	char *source; /* file it came from */

	struct qc_goal *goals;
	size_t n_goals, alloc_goals;
	struct qc_target *targets;
	size_t n_targets, alloc_targets;
	struct qc_task *tasks;
	size_t n_tasks, alloc_tasks;
	struct qc_phase *phases;
	size_t n_phases, alloc_phases;
	struct qc_duty *duties;
	size_t n_duties, alloc_duties;
	struct qc_rule *rules;
	size_t n_rules, alloc_rules;
	struct qc_group group;
};

void qc_plan_init(struct qc_plan *p);
void qc_plan_release(struct qc_plan *p);

/* Append a zeroed element and return it; the plan owns it. */
struct qc_goal *qc_plan_add_goal(struct qc_plan *p);
struct qc_target *qc_plan_add_target(struct qc_plan *p);
struct qc_task *qc_plan_add_task(struct qc_plan *p);
struct qc_phase *qc_plan_add_phase(struct qc_plan *p);
struct qc_duty *qc_plan_add_duty(struct qc_plan *p);
struct qc_rule *qc_plan_add_rule(struct qc_plan *p);
void qc_group_add_member(struct qc_group *g, const char *unit);

/* Replace *field with a copy of s (s may be NULL). */
void qc_set_str(char **field, const char *s);

/* Check the plan's own consistency (op/value pairs, keys that refer to
 * goals, tasks and phases that exist, dates, years). Names the element
 * ("targets[3].value_max") and the reason. */
enum qc_rc qc_plan_validate(const struct qc_plan *p, struct qc_error *err);

struct qc_buf;
/* Append a short reading of a target's requirement to out: "≥ 98%",
 * "≤ 2.7‰", "2–3 个", "≈ 100 人",
 * "+2 percentage points over the previous year",
 * "−13% against 2010", "annual growth ≥ 11%", "no such event". */
void qc_target_describe(const struct qc_target *t, struct qc_buf *out);
/* The unit a target's values are written with: its own, but % for a
 * change in percentage points (pp, 提高2个百分点: the values are the
 * rate) and none for a ratio (1:1.5 is written 1.5); "" for NULL. */
const char *qc_value_unit(const char *unit);
/* The unit a target's values are stored with: its own, but % for a
 * change in percentage points (the values are the rate); NULL stays
 * NULL. Unlike qc_value_unit it keeps "ratio", a stored code. */
const char *qc_stored_unit(const char *unit);
/* The unit of the series a target with operator op and unit measures:
 * none for a change or growth given in % (生产总值年均增长11%: its values
 * are 亿元, which the plan does not say; 能耗降低13%: tonnes per 10 000
 * yuan), else qc_stored_unit's. */
const char *qc_target_series_unit(enum qc_op op, const char *unit);

/* Plan JSON (docs/plan-format.md).
 * qc_plan_from_json parses text of len bytes into p (initialised by the
 * call; release it even on error). qc_plan_to_json returns a string the
 * caller frees (indented as jansson's JSON_INDENT(2); a string that is
 * not UTF-8 or a number that is not finite is written null). */
enum qc_rc qc_plan_from_json(struct qc_plan *p, const char *text, size_t len,
			     struct qc_error *err);
char *qc_plan_to_json(const struct qc_plan *p);
/* The same document written to f piece by piece (one target, one task at
 * a time), so memory does not grow with the output: what the CLI uses for
 * large documents. QC_EIO if f fails. */
enum qc_rc qc_plan_write_json(const struct qc_plan *p, FILE *f,
			      struct qc_error *err);
/* The same document for a plan that comes in pieces (the extractor's
 * qc_extract_stream): _add writes the elements of each piece to
 * temporary files, in order; _finish adds head's own elements, then
 * writes the document with head's fields and group to f, byte for byte
 * what qc_plan_write_json writes for the whole plan. Memory does not grow
 * with the plan (the files do). _add with p NULL forgets what was added
 * (qc_extract_stream starting over). _release closes (and so deletes)
 * the files; call it after _init even on error. */
struct qc_plan_jsonw {
	FILE *part[6];
	size_t n[6];
	bool failed;
};
enum qc_rc qc_plan_jsonw_init(struct qc_plan_jsonw *w, struct qc_error *err);
enum qc_rc qc_plan_jsonw_add(struct qc_plan_jsonw *w, const struct qc_plan *p,
			     struct qc_error *err);
enum qc_rc qc_plan_jsonw_finish(struct qc_plan_jsonw *w,
				const struct qc_plan *head, FILE *f,
				struct qc_error *err);
void qc_plan_jsonw_release(struct qc_plan_jsonw *w);

#endif
