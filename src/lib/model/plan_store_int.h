/* Inside the plan store: the writers qc_plan_import uses, shared with the
 * in-place rewrite of an edited plan (plan_edit.c). */
#ifndef QCITY_PLAN_STORE_INT_H
#define QCITY_PLAN_STORE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "qcity/plan.h"

struct qc_store;
struct qc_stmt;

/* Key → database id, for goals, phases and tasks of one import. */
struct keymap {
	const char **key;
	int64_t *id;
	size_t n, alloc_k, alloc_i;
};

struct import {
	struct qc_store *s;
	const struct qc_plan *p;
	const char *actor;
	const char *region; /* resolved code or NULL */
	int64_t plan_id;
	struct keymap goals, phases, tasks;
	struct qc_error *err;
};

void qc_pst_keymap_put(struct keymap *m, const char *key, int64_t id);
int64_t qc_pst_keymap_get(const struct keymap *m, const char *key);
void qc_pst_keymap_release(struct keymap *m);
/* Bind v, or NULL when v is 0. */
void qc_pst_bind_int0(struct qc_stmt *st, int i, int64_t v);
/* Insert owners with sql (owner id, seq, written, unit, unit id, role). */
enum qc_rc qc_pst_insert_owners(struct import *im, const char *sql,
				int64_t owner_of,
				const struct qc_owner_list *l);
/* Insert im->p's duties, rules and group members under im->plan_id. */
enum qc_rc qc_pst_insert_rest(struct import *im);
/* The series target t is measured on (found or made), into *id. */
enum qc_rc qc_pst_target_series(struct import *im, const struct qc_target *t,
				int64_t *id);
/* Write im->p over stored plan im->plan_id in place (plan_upsert.c):
 * goals, phases, targets and tasks upserted by key, so their ids stay.
 * keep_parts: a target given without parts keeps its stored ones (a
 * re-import); else parts are written as p has them (an edit). Releases
 * im's key maps. Inside the caller's transaction. */
enum qc_rc qc_pst_rewrite(struct import *im, bool keep_parts);
/* Insert target t's parts (regions resolved) under target_id. */
enum qc_rc qc_pst_insert_parts(struct import *im, int64_t target_id,
			       const struct qc_target *t);

/* Versions (plan_version.c), inside the caller's transaction: record p
 * as the next version of plan `plan_id` with note; *number (may be
 * NULL) receives it. _first records p only when the plan has no version
 * yet (a plan stored before versions were kept). */
enum qc_rc qc_pst_version_record(struct qc_store *s, long long plan_id,
				 const struct qc_plan *p, const char *note,
				 const char *actor, int *number,
				 struct qc_error *err);
enum qc_rc qc_pst_version_first(struct qc_store *s, long long plan_id,
				const struct qc_plan *p, const char *actor,
				struct qc_error *err);

#endif
