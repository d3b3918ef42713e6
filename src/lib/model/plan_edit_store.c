/* Plan edits written: the stored plan loaded, the edit applied in memory,
 * the plan rewritten in place (same plan id; tasks keep their ids and so
 * their progress reports), the element audited before and after, and a
 * version recorded, all in one transaction. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/json.h"
#include "qcity/alloc.h"
#include "qcity/model.h"
#include "qcity/plan_edit.h"
#include "qcity/plan_store.h"
#include "qcity/store.h"
#include "plan_store_int.h"
#include "banned.h"

/* Write p over stored plan p->id (plan_upsert.c). Inside the caller's
 * transaction. */
static enum qc_rc rewrite(struct qc_store *s, const struct qc_plan *p,
			  const char *actor, struct qc_error *err)
{
	struct import im = {
		.s = s, .p = p, .actor = actor, .err = err, .plan_id = p->id
	};
	char code[QC_REGION_CODE_SIZE];

	if (p->region_code && !qc_region_resolve(s, p->region_code, code, NULL))
		im.region = code;
	return qc_pst_rewrite(&im, false);
}

/* The element's JSON as plan JSON writes it (NULL if none). */
static json_t *element(const struct qc_plan *p, enum qc_plan_part part,
		       size_t i, const char *ref)
{
	static const char *const list[QC_PART__COUNT] = {
		[QC_PART_GOAL] = "goals",     [QC_PART_TARGET] = "targets",
		[QC_PART_TASK] = "tasks",     [QC_PART_PHASE] = "phases",
		[QC_PART_DUTY] = "reporting",
	};
	char *text = qc_plan_to_json(p);
	json_t *root = json_loads(text, 0, NULL), *out = NULL;

	free(text);
	if (!root)
		return NULL;
	if (part == QC_PART_PLAN) {
		out = json_object_get(root, "plan");
		json_object_set(out, "group", json_object_get(root, "group"));
	} else if (part == QC_PART_MEMBER) {
		json_t *m =
			json_array_get(json_object_get(json_object_get(root,
								       "group"),
						       "members"),
				       i);
		out = m ? qc_xjson_pack("{s:O}", "name", m) : NULL;
		json_decref(root);
		return out;
	} else if (part == QC_PART_OWNER || part == QC_PART_PART) {
		out = json_array_get(json_object_get(root,
						     ref && !strncmp(ref,
								     "task:",
								     5) ?
							     "tasks" :
							     "targets"),
				     i);
	} else {
		out = json_array_get(json_object_get(root, list[part]), i);
	}
	json_incref(out);
	json_decref(root);
	return out;
}

static const char *const actions[] = { "add", "update", "remove" };

enum qc_rc qc_plan_edit(struct qc_store *s, long long plan_id,
			const struct qc_plan_edit *e, const char *actor,
			int *version, struct qc_error *err)
{
	struct qc_plan before, after;
	json_t *was = NULL, *now = NULL;
	char entity[32], key[160];
	size_t i = 0;
	enum qc_rc rc;

	qc_plan_init(&before);
	qc_plan_init(&after);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_plan_load(s, plan_id, &before, err)) ||
	    (rc = qc_plan_load(s, plan_id, &after, err)))
		goto out;
	if ((rc = qc_plan_edit_apply(&after, e, &i, err))) {
		qc_error_prefix(err, "%s %s", qc_plan_part_name(e->part),
				e->op == QC_EDIT_ADD ? "add" :
				e->ref               ? e->ref :
						       "");
		goto out;
	}
	/* A plan edited for the first time keeps how it stood as version 1. */
	if ((rc = qc_pst_version_first(s, plan_id, &before, actor, err)) ||
	    (rc = rewrite(s, &after, actor, err)))
		goto out;
	/* Audit and version what is stored (regions resolved to codes). */
	qc_plan_release(&after);
	if ((rc = qc_plan_load(s, plan_id, &after, err)))
		goto out;
	/* An owner or part edit changes its target or task: both sides
	 * exist. */
	bool whole = e->part == QC_PART_OWNER || e->part == QC_PART_PART;
	if (e->op != QC_EDIT_ADD || whole)
		was = element(&before, e->part, i, e->ref);
	if (e->op != QC_EDIT_REMOVE || whole)
		now = element(&after, e->part, i, e->ref);
	snprintf(entity, sizeof(entity), "plan_%s", qc_plan_part_name(e->part));
	snprintf(key, sizeof(key), "%lld:%s", plan_id,
		 e->op == QC_EDIT_ADD && e->part != QC_PART_OWNER &&
				 e->part != QC_PART_PART ?
			 "new" :
		 e->ref ? e->ref :
			  "");
	rc = qc_audit_add_json(s, actor, actions[e->op], entity, key, was, now,
			       err);
	if (!rc)
		rc = qc_pst_version_record(s, plan_id, &after, e->note, actor,
					   version, err);
out:
	qc_plan_release(&before);
	qc_plan_release(&after);
	return qc_store_end(s, rc, err);
}
