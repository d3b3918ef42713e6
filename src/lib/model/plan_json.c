/* Plan JSON (docs/plan-format.md) read into struct qc_plan; written by
 * plan_json_text.c. JSON stays at this edge: the rest of libqcity sees
 * only the C structs. */
#include <jansson.h>
#include "qcity/json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/plan.h"
#include "qcity/text.h"
#include "banned.h"

#define FORMAT_NAME "qcity-plan/1"

/* Copy obj[key] into *out if it is a string; absent or null leaves *out
 * unchanged; any other type is an error naming path.key. */
static enum qc_rc get_str(json_t *obj, const char *key, char **out,
			  const char *path, struct qc_error *err)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return QC_OK;
	if (!json_is_string(v))
		return qc_error_set(err, QC_EINVAL, "%s.%s: expected a string",
				    path, key);
	qc_set_str(out, json_string_value(v));
	return QC_OK;
}

static enum qc_rc get_int(json_t *obj, const char *key, int *out,
			  const char *path, struct qc_error *err)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return QC_OK;
	if (json_is_integer(v) && json_integer_value(v) >= -1000000 &&
	    json_integer_value(v) <= 1000000) {
		*out = (int)json_integer_value(v);
		return QC_OK;
	}
	return qc_error_set(err, QC_EINVAL, "%s.%s: expected an integer", path,
			    key);
}

static enum qc_rc get_num(json_t *obj, const char *key, double *out, bool *has,
			  const char *path, struct qc_error *err)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return QC_OK;
	if (!json_is_number(v))
		return qc_error_set(err, QC_EINVAL, "%s.%s: expected a number",
				    path, key);
	*out = json_number_value(v);
	*has = true;
	return QC_OK;
}

static enum qc_rc get_array(json_t *obj, const char *key, json_t **out,
			    const char *path, struct qc_error *err)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return QC_OK;
	if (!json_is_array(v))
		return qc_error_set(err, QC_EINVAL, "%s%s%s: expected an array",
				    path, *path ? "." : "", key);
	*out = v;
	return QC_OK;
}

static enum qc_rc read_owners(json_t *obj, struct qc_owner_list *l,
			      const char *path, struct qc_error *err)
{
	json_t *detail, *arr, *v;
	size_t i;
	enum qc_rc rc;

	if ((rc = get_array(obj, "owners_detail", &detail, path, err)))
		return rc;
	if (detail) {
		json_array_foreach(detail, i, v)
		{
			const char *w = json_string_value(
				json_object_get(v, "written"));
			const char *u = json_string_value(
				json_object_get(v, "unit"));
			const char *r = json_string_value(
				json_object_get(v, "role"));
			enum qc_role role = QC_ROLE_LEAD;
			if (!json_is_object(v) || !w || !*w)
				return qc_error_set(err, QC_EINVAL,
						    "%s."
						    "owners_detail[%zu].written:"
						    " expected a unit name",
						    path, i);
			if (r && !qc_role_parse(r, &role))
				return qc_error_set(err, QC_EINVAL,
						    "%s."
						    "owners_detail[%zu].role: "
						    "'%s' is not lead or co",
						    path, i, r);
			qc_owner_list_add(l, w, u && *u ? u : w, role);
		}
		return QC_OK;
	}
	static const char *const keys[] = { "owners", "co_owners" };
	for (int k = 0; k < 2; k++) {
		if ((rc = get_array(obj, keys[k], &arr, path, err)))
			return rc;
		if (!arr)
			continue;
		json_array_foreach(arr, i, v)
		{
			if (!json_is_string(v) || !*json_string_value(v))
				return qc_error_set(err, QC_EINVAL,
						    "%s.%s[%zu]:"
						    " expected a unit name",
						    path, keys[k], i);
			qc_owner_list_add(l, json_string_value(v), NULL,
					  k ? QC_ROLE_CO : QC_ROLE_LEAD);
		}
	}
	return QC_OK;
}

/* targets[].parts (qcity-plan/1.1): the decomposition of a target. */
static enum qc_rc read_parts(json_t *o, struct qc_target *t, const char *path,
			     struct qc_error *err)
{
	json_t *arr, *v;
	size_t i;
	enum qc_rc rc;

	if ((rc = get_array(o, "parts", &arr, path, err)) || !arr)
		return rc;
	json_array_foreach(arr, i, v)
	{
		struct qc_target_part *q = qc_target_add_part(t);
		char sub[96], *op = NULL;
		snprintf(sub, sizeof(sub), "%s.parts[%zu]", path, i);
		if (!json_is_object(v))
			return qc_error_set(err, QC_EINVAL,
					    "%s: expected an "
					    "object",
					    sub);
		if ((rc = get_str(v, "region", &q->region, sub, err)) ||
		    (rc = get_str(v, "region_name", &q->region_name, sub,
				  err)) ||
		    (rc = get_int(v, "year", &q->year, sub, err)) ||
		    (rc = get_num(v, "value", &q->value, &q->has_value, sub,
				  err)) ||
		    (rc = get_num(v, "value_max", &q->value_max,
				  &q->has_value_max, sub, err)) ||
		    (rc = get_str(v, "op", &op, sub, err)))
			return rc;
		if (op && !qc_op_parse(op, &q->op))
			rc = qc_error_set(err, QC_EINVAL,
					  "%s.op: '%s' is not "
					  "an op",
					  sub, op);
		free(op);
		if (rc || (rc = read_owners(v, &q->owners, sub, err)))
			return rc;
	}
	return QC_OK;
}

static enum qc_rc read_target(json_t *o, struct qc_target *t, const char *path,
			      struct qc_error *err)
{
	char *op = NULL;
	json_t *base;
	enum qc_rc rc;

	if ((rc = get_str(o, "key", &t->key, path, err)) ||
	    (rc = get_str(o, "goal", &t->goal, path, err)) ||
	    (rc = get_str(o, "indicator", &t->indicator, path, err)) ||
	    (rc = get_str(o, "canonical", &t->canonical, path, err)) ||
	    (rc = get_str(o, "unit", &t->unit, path, err)) ||
	    (rc = get_str(o, "text", &t->text, path, err)) ||
	    (rc = get_int(o, "line", &t->line, path, err)) ||
	    (rc = get_int(o, "year", &t->year, path, err)) ||
	    (rc = get_num(o, "value", &t->value, &t->has_value, path, err)) ||
	    (rc = get_num(o, "value_max", &t->value_max, &t->has_value_max,
			  path, err)) ||
	    (rc = get_str(o, "op", &op, path, err)))
		goto out;
	if (!op) {
		rc = qc_error_set(err, QC_EINVAL, "%s.op: missing", path);
		goto out;
	}
	if (!qc_op_parse(op, &t->op)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "%s.op: '%s' is not one of "
				  ">=, <=, =, ~, between, increase, decrease, "
				  "annual_growth, zero",
				  path, op);
		goto out;
	}
	base = json_object_get(o, "baseline");
	if (base && !json_is_null(base)) {
		json_t *ref = json_object_get(base, "ref");
		if (!json_is_object(base)) {
			rc = qc_error_set(err, QC_EINVAL,
					  "%s.baseline: expected"
					  " an object",
					  path);
			goto out;
		}
		if ((rc = get_int(base, "year", &t->baseline_year, path, err)))
			goto out;
		if (ref &&
		    !(json_is_string(ref) &&
		      !strcmp(json_string_value(ref), "previous_year"))) {
			rc = qc_error_set(err, QC_EINVAL,
					  "%s.baseline.ref: "
					  "only 'previous_year' is known",
					  path);
			goto out;
		}
		t->baseline_previous = ref != NULL;
	}
	if (!(rc = read_owners(o, &t->owners, path, err)))
		rc = read_parts(o, t, path, err);
out:
	free(op);
	return rc;
}

static enum qc_rc read_task(json_t *o, struct qc_task *t, const char *path,
			    struct qc_error *err)
{
	char *kind = NULL;
	enum qc_rc rc;
	if ((rc = get_str(o, "key", &t->key, path, err)) ||
	    (rc = get_str(o, "parent", &t->parent, path, err)) ||
	    (rc = get_str(o, "number", &t->number, path, err)) ||
	    (rc = get_str(o, "title", &t->title, path, err)) ||
	    (rc = get_str(o, "text", &t->text, path, err)) ||
	    (rc = get_str(o, "due", &t->due, path, err)) ||
	    (rc = get_str(o, "phase", &t->phase, path, err)) ||
	    (rc = get_int(o, "line", &t->line, path, err)) ||
	    (rc = get_str(o, "kind", &kind, path, err)))
		goto out;
	/* Absent: an item, so every plan file written before kinds imports
	 * as it did. */
	if (kind && !qc_task_kind_parse(kind, &t->kind)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "%s.kind: expected item or section, got '%s'",
				  path, kind);
		goto out;
	}
	rc = read_owners(o, &t->owners, path, err);
out:
	free(kind);
	return rc;
}

static enum qc_rc read_head(json_t *root, struct qc_plan *p,
			    struct qc_error *err)
{
	json_t *plan = json_object_get(root, "plan"), *v;
	enum qc_rc rc;

	if (!json_is_object(plan))
		return qc_error_set(err, QC_EINVAL,
				    "plan: missing (an object "
				    "with the plan's title, region, period)");
	if ((rc = get_str(plan, "title", &p->title, "plan", err)) ||
	    (rc = get_str(plan, "doc_number", &p->doc_number, "plan", err)) ||
	    (rc = get_str(plan, "issuer", &p->issuer, "plan", err)) ||
	    (rc = get_str(plan, "issue_date", &p->issue_date, "plan", err)) ||
	    (rc = get_str(plan, "parent", &p->parent, "plan", err)) ||
	    (rc = get_str(plan, "status", &p->status, "plan", err)) ||
	    (rc = get_str(plan, "source", &p->source, "plan", err)))
		return rc;
	if ((v = json_object_get(plan, "region")) && !json_is_null(v)) {
		if (!json_is_object(v))
			return qc_error_set(err, QC_EINVAL,
					    "plan.region: "
					    "expected {\"code\", \"name\"}");
		if ((rc = get_str(v, "code", &p->region_code, "plan.region",
				  err)) ||
		    (rc = get_str(v, "name", &p->region_name, "plan.region",
				  err)))
			return rc;
	}
	if ((v = json_object_get(plan, "period")) && !json_is_null(v)) {
		if (!json_is_object(v))
			return qc_error_set(err, QC_EINVAL,
					    "plan.period: "
					    "expected {\"start\", \"end\"}");
		if ((rc = get_int(v, "start", &p->period_start, "plan.period",
				  err)) ||
		    (rc = get_int(v, "end", &p->period_end, "plan.period",
				  err)))
			return rc;
	}
	return QC_OK;
}

static enum qc_rc read_group(json_t *root, struct qc_plan *p,
			     struct qc_error *err)
{
	json_t *g = json_object_get(root, "group"), *arr, *v;
	enum qc_rc rc;
	size_t i;

	if (!g || json_is_null(g))
		return QC_OK;
	if (!json_is_object(g))
		return qc_error_set(err, QC_EINVAL,
				    "group: expected an object");
	if ((rc = get_str(g, "name", &p->group.name, "group", err)) ||
	    (rc = get_str(g, "leader", &p->group.leader, "group", err)) ||
	    (rc = get_str(g, "office_host", &p->group.office_host, "group",
			  err)) ||
	    (rc = get_int(g, "line", &p->group.line, "group", err)) ||
	    (rc = get_array(g, "members", &arr, "group", err)))
		return rc;
	if (arr)
		json_array_foreach(arr, i, v)
		{
			if (!json_is_string(v))
				return qc_error_set(err, QC_EINVAL,
						    "group."
						    "members[%zu]: expected a "
						    "unit name",
						    i);
			qc_group_add_member(&p->group, json_string_value(v));
		}
	return QC_OK;
}

/* Readers of one list element each, driven by read_lists(). */
typedef enum qc_rc (*elem_fn)(json_t *o, struct qc_plan *p, const char *path,
			      struct qc_error *err);

static enum qc_rc elem_goal(json_t *o, struct qc_plan *p, const char *path,
			    struct qc_error *err)
{
	struct qc_goal *g = qc_plan_add_goal(p);
	enum qc_rc rc;
	if ((rc = get_str(o, "key", &g->key, path, err)) ||
	    (rc = get_str(o, "domain", &g->domain, path, err)) ||
	    (rc = get_str(o, "name", &g->name, path, err)) ||
	    (rc = get_int(o, "line", &g->line, path, err)))
		return rc;
	if (!g->domain)
		g->domain = qc_xstrdup("other");
	return QC_OK;
}

static enum qc_rc elem_target(json_t *o, struct qc_plan *p, const char *path,
			      struct qc_error *err)
{
	return read_target(o, qc_plan_add_target(p), path, err);
}

static enum qc_rc elem_task(json_t *o, struct qc_plan *p, const char *path,
			    struct qc_error *err)
{
	return read_task(o, qc_plan_add_task(p), path, err);
}

static enum qc_rc elem_phase(json_t *o, struct qc_plan *p, const char *path,
			     struct qc_error *err)
{
	struct qc_phase *ph = qc_plan_add_phase(p);
	enum qc_rc rc;
	if ((rc = get_str(o, "key", &ph->key, path, err)) ||
	    (rc = get_str(o, "name", &ph->name, path, err)) ||
	    (rc = get_str(o, "start", &ph->start, path, err)) ||
	    (rc = get_str(o, "end", &ph->end, path, err)))
		return rc;
	return get_int(o, "line", &ph->line, path, err);
}

static enum qc_rc elem_duty(json_t *o, struct qc_plan *p, const char *path,
			    struct qc_error *err)
{
	struct qc_duty *d = qc_plan_add_duty(p);
	char *kind = NULL;
	enum qc_rc rc;

	d->grace_days = -1;
	if ((rc = get_str(o, "kind", &kind, path, err)) ||
	    (rc = get_str(o, "text", &d->text, path, err)) ||
	    (rc = get_int(o, "grace_days", &d->grace_days, path, err)) ||
	    (rc = get_int(o, "line", &d->line, path, err)))
		goto out;
	if (!qc_report_kind_parse(kind, &d->kind)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "%s.kind: expected monthly, "
				  "half_year or annual",
				  path);
		goto out;
	}
	if (d->grace_days < 0)
		d->grace_days = d->kind == QC_REPORT_MONTHLY   ? 10 :
				d->kind == QC_REPORT_HALF_YEAR ? 15 :
								 31;
out:
	free(kind);
	return rc;
}

static enum qc_rc elem_rule(json_t *o, struct qc_plan *p, const char *path,
			    struct qc_error *err)
{
	struct qc_rule *r = qc_plan_add_rule(p);
	enum qc_rc rc;
	if ((rc = get_str(o, "text", &r->text, path, err)) ||
	    (rc = get_int(o, "line", &r->line, path, err)))
		return rc;
	if (!r->text)
		return qc_error_set(err, QC_EINVAL, "%s.text: missing", path);
	return QC_OK;
}

static enum qc_rc read_lists(json_t *root, struct qc_plan *p,
			     struct qc_error *err)
{
	static const struct {
		const char *key;
		elem_fn fn;
	} lists[] = {
		{ "goals", elem_goal },     { "phases", elem_phase },
		{ "targets", elem_target }, { "tasks", elem_task },
		{ "reporting", elem_duty }, { "assessment", elem_rule },
	};
	char path[64];
	json_t *arr, *o;
	size_t i;
	enum qc_rc rc;

	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		if ((rc = get_array(root, lists[l].key, &arr, "", err)))
			return rc;
		if (!arr)
			continue;
		json_array_foreach(arr, i, o)
		{
			snprintf(path, sizeof(path), "%s[%zu]", lists[l].key,
				 i);
			if (!json_is_object(o))
				return qc_error_set(err, QC_EINVAL,
						    "%s: "
						    "expected an object",
						    path);
			if ((rc = lists[l].fn(o, p, path, err)))
				return rc;
		}
	}
	return QC_OK;
}

enum qc_rc qc_plan_from_json(struct qc_plan *p, const char *text, size_t len,
			     struct qc_error *err)
{
	json_error_t jerr;
	json_t *root;
	enum qc_rc rc;

	qc_plan_init(p);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return qc_error_set(err, QC_EINVAL, "line %d, column %d: %s",
				    jerr.line, jerr.column, jerr.text);
	if (!json_is_object(root)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "expected a JSON object with "
				  "\"format\": \"" FORMAT_NAME "\"");
		goto out;
	}
	json_t *fmt = json_object_get(root, "format");
	if (fmt && !(json_is_string(fmt) &&
		     !strcmp(json_string_value(fmt), FORMAT_NAME))) {
		rc = qc_error_set(err, QC_EUNSUPPORTED,
				  "format: only '" FORMAT_NAME
				  "' is understood");
		goto out;
	}
	if ((rc = read_head(root, p, err)) || (rc = read_group(root, p, err)) ||
	    (rc = read_lists(root, p, err)))
		goto out;
	rc = qc_plan_validate(p, err);
out:
	json_decref(root);
	return rc;
}
