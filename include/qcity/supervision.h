/* 督查 and accountability (docs/supervision.md): the office opens a
 * supervision item (督查事项) on a task, a target or a unit of a plan —
 * the finding, what must be rectified, a deadline; the unit answers; the
 * office closes or reopens it. Accountability records (约谈, 通报批评, 问责)
 * attach to a unit and a year; the assessment deducts for them.
 *
 * Every write is audited in its own transaction. Structs filled here are
 * released with the matching _release, also after an error. */
#ifndef QCITY_SUPERVISION_H
#define QCITY_SUPERVISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

/* What the office opens an item with. unit_id is the unit that must
 * answer; task (a task key) and target (the indicator as the plan names
 * it) are optional and must be the plan's; deadline is an ISO date. */
struct qc_sup_in {
	int64_t plan_id;
	int64_t unit_id;
	const char *task;
	const char *target;
	const char *finding;
	const char *rectify;
	const char *deadline;
};

/* Open an item; *id (may be NULL) receives its id. QC_EINVAL names the
 * field that is missing or wrong, QC_ENOTFOUND the plan, unit, task or
 * target that does not exist. */
enum qc_rc qc_sup_open(struct qc_store *s, const struct qc_sup_in *in,
		       const char *actor, int64_t *id, struct qc_error *err);

/* The unit's answer (text required). Attachments: n ids of the
 * attachment store, stored with the answer as given; each must be a file
 * of the item's unit or one filed for no unit (qc_attach_check_unit):
 * another unit's is QC_EPERM, an unknown id QC_ENOTFOUND, text that is not
 * an id QC_EINVAL, and then nothing is written (over HTTP a unit
 * reporter gets one 404 for another unit's file and none). An open or answered item
 * can be answered (again); a closed one is QC_ECONFLICT. */
enum qc_rc qc_sup_answer(struct qc_store *s, int64_t id, const char *text,
			 const char *const *attachments, size_t n,
			 const char *actor, struct qc_error *err);
/* The office closes an item (note optional) or reopens a closed or
 * answered one (reason required); QC_ECONFLICT from the wrong state. */
enum qc_rc qc_sup_close(struct qc_store *s, int64_t id, const char *note,
			const char *actor, struct qc_error *err);
enum qc_rc qc_sup_reopen(struct qc_store *s, int64_t id, const char *reason,
			 const char *actor, struct qc_error *err);

struct qc_sup_step {
	int64_t id;
	char *action; /* open, answer, close, reopen */
	char *text;
	char *actor, *at;
	char **attachments;
	size_t n_attachments;
};

struct qc_sup_item {
	int64_t id, plan_id, unit_id;
	char *plan;          /* the plan's title */
	char *unit, *region; /* the unit's name and region code */
	char *task, *target; /* NULL when not about one */
	char *finding, *rectify;
	char deadline[11];
	char state[10]; /* open, answered, closed */
	bool overdue;   /* not closed and past its deadline */
	char *opened_by, *opened_at, *closed_at;
	struct qc_sup_step *steps; /* filled by qc_sup_get only */
	size_t n_steps, alloc_steps;
};
void qc_sup_item_release(struct qc_sup_item *x);

struct qc_sup_list {
	struct qc_sup_item *v;
	size_t n, alloc;
};
void qc_sup_list_release(struct qc_sup_list *l);

/* Items, newest first: of plan_id (0: every plan), of unit_id (0: every
 * unit), in state (NULL: any; "overdue": not closed and past the
 * deadline). Overdue is judged on today_iso (NULL: qc_today). */
enum qc_rc qc_sup_list(struct qc_store *s, int64_t plan_id, int64_t unit_id,
		       const char *state, const char *today_iso,
		       struct qc_sup_list *out, struct qc_error *err);
/* One item with its steps. QC_ENOTFOUND if there is none. */
enum qc_rc qc_sup_get(struct qc_store *s, int64_t id, const char *today_iso,
		      struct qc_sup_item *out, struct qc_error *err);

/* ---- accountability ------------------------------------------------------ */

enum qc_acc_kind {
	QC_ACC_INTERVIEW = 0,  /* 约谈 */
	QC_ACC_CRITICISM,      /* 通报批评 */
	QC_ACC_ACCOUNTABILITY, /* 问责 */
	QC_ACC__KINDS
};
/* "interview", "criticism", "accountability"; the Chinese names 约谈,
 * 通报批评, 问责 parse too. */
const char *qc_acc_kind_name(enum qc_acc_kind k);
const char *qc_acc_kind_label(enum qc_acc_kind k); /* 约谈 … */
bool qc_acc_kind_parse(const char *s, enum qc_acc_kind *out);

/* Record one against unit_id for year, maybe arising from a supervision
 * item (item_id 0: none). Audited. */
enum qc_rc qc_acc_add(struct qc_store *s, int64_t unit_id, int year,
		      enum qc_acc_kind kind, int64_t item_id, const char *note,
		      const char *actor, int64_t *id, struct qc_error *err);

struct qc_acc_record {
	int64_t id, unit_id, item_id;
	char *unit, *region;
	int year;
	enum qc_acc_kind kind;
	char *note, *recorded_by, *recorded_at;
};
struct qc_acc_list {
	struct qc_acc_record *v;
	size_t n, alloc;
};
void qc_acc_list_release(struct qc_acc_list *l);
/* Records of unit_id (0: all) in year (0: all), newest first. */
enum qc_rc qc_acc_list(struct qc_store *s, int64_t unit_id, int year,
		       struct qc_acc_list *out, struct qc_error *err);
/* How many of each kind the unit named `unit` has in year (for the
 * assessment, which knows units by name). */
enum qc_rc qc_acc_count(struct qc_store *s, const char *unit, int year,
			int count[QC_ACC__KINDS], struct qc_error *err);

#endif
