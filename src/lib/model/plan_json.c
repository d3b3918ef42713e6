/* Plan JSON (docs/plan-format.md) to and from struct qc_plan. JSON stays
 * at this edge: the rest of libqcity sees only the C structs. */
#include <jansson.h>
#include "qcity/json.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/plan.h"
#include "plan_json_int.h"
#include "qcity/text.h"
#include "banned.h"

#define FORMAT_NAME "qcity-plan/1"

/* ---- reading ---------------------------------------------------------- */

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
	enum qc_rc rc;
	if ((rc = get_str(o, "key", &t->key, path, err)) ||
	    (rc = get_str(o, "parent", &t->parent, path, err)) ||
	    (rc = get_str(o, "number", &t->number, path, err)) ||
	    (rc = get_str(o, "title", &t->title, path, err)) ||
	    (rc = get_str(o, "text", &t->text, path, err)) ||
	    (rc = get_str(o, "due", &t->due, path, err)) ||
	    (rc = get_str(o, "phase", &t->phase, path, err)) ||
	    (rc = get_int(o, "line", &t->line, path, err)))
		return rc;
	return read_owners(o, &t->owners, path, err);
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

/* ---- writing ---------------------------------------------------------- */

static void set_str(json_t *o, const char *key, const char *v)
{
	json_object_set_new(o, key, v ? json_string(v) : json_null());
}

static void set_int0(json_t *o, const char *key, int v)
{
	json_object_set_new(o, key, v ? json_integer(v) : json_null());
}

/* Integral values print as integers (98, not 98.0). */
static json_t *number(double v)
{
	if (fabs(v) < 1e15 && v == (double)(long long)v)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static void write_owners(json_t *o, const struct qc_owner_list *l)
{
	json_t *lead = json_array(), *co = json_array(), *det = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct qc_owner *w = &l->v[i];
		json_array_append_new(w->role == QC_ROLE_CO ? co : lead,
				      json_string(w->written));
		json_array_append_new(det,
				      qc_xjson_pack("{s:s, s:s, s:s}",
						    "written", w->written,
						    "unit",
						    w->unit ? w->unit :
							      w->written,
						    "role",
						    qc_role_name(w->role)));
	}
	json_object_set_new(o, "owners", lead);
	if (json_array_size(co))
		json_object_set_new(o, "co_owners", co);
	else
		json_decref(co);
	json_object_set_new(o, "owners_detail", det);
}

static json_t *write_target(const struct qc_target *t)
{
	json_t *o = json_object();
	set_str(o, "key", t->key);
	set_str(o, "goal", t->goal);
	json_object_set_new(o, "line", json_integer(t->line));
	set_str(o, "indicator", t->indicator);
	set_str(o, "canonical", t->canonical);
	set_str(o, "op", qc_op_name(t->op));
	json_object_set_new(o, "value",
			    t->has_value ? number(t->value) : json_null());
	if (t->has_value_max)
		json_object_set_new(o, "value_max", number(t->value_max));
	set_str(o, "unit", t->unit);
	if (t->baseline_previous)
		json_object_set_new(o, "baseline",
				    qc_xjson_pack("{s:s}", "ref",
						  "previous_year"));
	else if (t->baseline_year)
		json_object_set_new(o, "baseline",
				    qc_xjson_pack("{s:i}", "year",
						  t->baseline_year));
	set_int0(o, "year", t->year);
	write_owners(o, &t->owners);
	set_str(o, "text", t->text);
	if (t->n_parts) {
		json_t *a = json_array();
		for (size_t i = 0; i < t->n_parts; i++) {
			const struct qc_target_part *q = &t->parts[i];
			json_t *po = json_object();
			set_str(po, "region", q->region);
			if (q->region_name)
				set_str(po, "region_name", q->region_name);
			set_str(po, "op", qc_op_name(q->op));
			json_object_set_new(po, "value",
					    q->has_value ? number(q->value) :
							   json_null());
			if (q->has_value_max)
				json_object_set_new(po, "value_max",
						    number(q->value_max));
			set_int0(po, "year", q->year);
			write_owners(po, &q->owners);
			json_array_append_new(a, po);
		}
		json_object_set_new(o, "parts", a);
	}
	return o;
}

static json_t *write_task(const struct qc_task *t)
{
	json_t *o = json_object();
	set_str(o, "key", t->key);
	set_str(o, "parent", t->parent);
	set_str(o, "number", t->number);
	json_object_set_new(o, "line", json_integer(t->line));
	set_str(o, "title", t->title);
	set_str(o, "text", t->text);
	set_str(o, "due", t->due);
	set_str(o, "phase", t->phase);
	write_owners(o, &t->owners);
	return o;
}

static json_t *write_head(const struct qc_plan *p)
{
	json_t *o = json_object(), *region = json_object(), *period;
	set_str(o, "title", p->title);
	set_str(o, "doc_number", p->doc_number);
	set_str(o, "issuer", p->issuer);
	set_str(o, "issue_date", p->issue_date);
	set_str(region, "code", p->region_code);
	set_str(region, "name", p->region_name);
	json_object_set_new(o, "region", region);
	period = json_object();
	set_int0(period, "start", p->period_start);
	set_int0(period, "end", p->period_end);
	json_object_set_new(o, "period", period);
	set_str(o, "parent", p->parent);
	set_str(o, "status", p->status ? p->status : "draft");
	set_str(o, "source", p->source);
	return o;
}

/* One value written to f at the given depth of the document, then freed:
 * the document is never held whole (qc_plan_write_json). */
static void put(FILE *f, json_t *v)
{
	if (v)
		json_dumpf(v, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
	else
		fputs("null", f);
	json_decref(v);
}

/* Element i of array k of p ("goals", "targets" … "assessment"). */
static const char *const array_name[A__COUNT] = {
	"goals", "targets", "tasks", "phases", "reporting", "assessment",
};

static size_t array_len(const struct qc_plan *p, int k)
{
	const size_t n[A__COUNT] = { p->n_goals,  p->n_targets, p->n_tasks,
				     p->n_phases, p->n_duties,  p->n_rules };
	return n[k];
}

static json_t *array_item(const struct qc_plan *p, int k, size_t i)
{
	switch (k) {
	case A_GOALS:
		return qc_xjson_pack("{s:s?, s:s?, s:s?, s:i}", "key",
				     p->goals[i].key, "domain",
				     p->goals[i].domain, "name",
				     p->goals[i].name, "line",
				     p->goals[i].line);
	case A_TARGETS: return write_target(&p->targets[i]);
	case A_TASKS: return write_task(&p->tasks[i]);
	case A_PHASES:
		return qc_xjson_pack("{s:s?, s:s?, s:s?, s:s?, s:i}", "key",
				     p->phases[i].key, "name",
				     p->phases[i].name, "start",
				     p->phases[i].start, "end",
				     p->phases[i].end, "line",
				     p->phases[i].line);
	case A_DUTIES:
		return qc_xjson_pack("{s:s, s:i, s:s?, s:i}", "kind",
				     qc_report_kind_name(p->duties[i].kind),
				     "grace_days", p->duties[i].grace_days,
				     "text", p->duties[i].text, "line",
				     p->duties[i].line);
	default:
		return qc_xjson_pack("{s:s?, s:i}", "text", p->rules[i].text,
				     "line", p->rules[i].line);
	}
}

/* Item i of array k to f, after sep: as text directly, or through
 * jansson when the direct writer declines it. b is scratch. */
static void put_item(FILE *f, struct qc_buf *b, const char *sep,
		     const struct qc_plan *p, int k, size_t i)
{
	qc_buf_reset(b);
	qc_buf_adds(b, sep);
	if (qc_plan_json_item(b, p, k, i)) {
		fwrite(qc_buf_str(b), 1, qc_buf_len(b), f);
		return;
	}
	fputs(sep, f);
	put(f, array_item(p, k, i));
}

static json_t *write_group(const struct qc_plan *p)
{
	json_t *g = json_object(), *members = json_array();

	set_str(g, "name", p->group.name);
	set_str(g, "leader", p->group.leader);
	set_str(g, "office_host", p->group.office_host);
	for (size_t i = 0; i < p->group.n_members; i++)
		json_array_append_new(members,
				      json_string(p->group.members[i]));
	json_object_set_new(g, "members", members);
	json_object_set_new(g, "line", json_integer(p->group.line));
	return g;
}

char *qc_plan_to_json(const struct qc_plan *p)
{
	json_t *root = json_object();
	char *out, *copy;

	json_object_set_new(root, "format", json_string(FORMAT_NAME));
	json_object_set_new(root, "plan", write_head(p));
	for (int k = 0; k < A__COUNT; k++) {
		json_t *a = json_array();
		size_t n = array_len(p, k);
		if (k == A_DUTIES) /* the group stands before the reporting */
			json_object_set_new(root, "group", write_group(p));
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, array_item(p, k, i));
		json_object_set_new(root, array_name[k], a);
	}
	out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	/* Hand back memory from our allocator so callers simply free(). */
	copy = qc_xstrdup(out ? out : "{}");
	free(out);
	return copy;
}

/* The document around its arrays; body(k) writes array k's items. */
static void write_doc(const struct qc_plan *p, FILE *f,
		      void (*body)(void *ctx, int k, FILE *f), void *ctx)
{
	fprintf(f, "{\"format\":\"%s\",\n\"plan\":", FORMAT_NAME);
	put(f, write_head(p));
	for (int k = 0; k < A__COUNT; k++) {
		const char *sep = k ? "]," : ",";
		if (k == A_DUTIES) {
			fputs("],\n\"group\":", f);
			put(f, write_group(p));
			sep = ",";
		}
		fprintf(f, "%s\n\"%s\":[", sep, array_name[k]);
		body(ctx, k, f);
	}
	fputs("]}\n", f);
}

static void whole_body(void *ctx, int k, FILE *f)
{
	const struct qc_plan *p = ctx;
	struct qc_buf b;

	qc_buf_init(&b, 0);
	for (size_t i = 0; i < array_len(p, k); i++)
		put_item(f, &b, i ? ",\n" : "\n", p, k, i);
	qc_buf_release(&b);
}

static enum qc_rc write_end(FILE *f, struct qc_error *err)
{
	if (fflush(f) != 0 || ferror(f))
		return qc_error_set(err, QC_EIO,
				    "could not write the plan JSON: the output "
				    "failed (disk full, or closed early?)");
	return QC_OK;
}

enum qc_rc qc_plan_write_json(const struct qc_plan *p, FILE *f,
			      struct qc_error *err)
{
	write_doc(p, f, whole_body, (void *)p);
	return write_end(f, err);
}

/* The parts writer: each array's items go to a temporary file as they
 * come, and are copied into the document once the head is known. */
enum qc_rc qc_plan_jsonw_init(struct qc_plan_jsonw *w, struct qc_error *err)
{
	memset(w, 0, sizeof(*w));
	for (int k = 0; k < A__COUNT; k++)
		if (!(w->part[k] = tmpfile())) {
			qc_plan_jsonw_release(w);
			return qc_error_set(err, QC_EIO,
					    "could not open a temporary file "
					    "for the plan JSON: is TMPDIR "
					    "writable?");
		}
	return QC_OK;
}

enum qc_rc qc_plan_jsonw_add(struct qc_plan_jsonw *w, const struct qc_plan *p,
			     struct qc_error *err)
{
	struct qc_buf b;
	enum qc_rc rc = QC_OK;

	qc_buf_init(&b, 0);
	for (int k = 0; k < A__COUNT && !rc; k++) {
		for (size_t i = 0; i < array_len(p, k); i++)
			put_item(w->part[k], &b, w->n[k]++ ? ",\n" : "\n", p, k,
				 i);
		if (ferror(w->part[k]))
			rc = qc_error_set(err, QC_EIO,
					  "could not write the plan JSON to "
					  "a temporary file (disk full?)");
	}
	qc_buf_release(&b);
	return rc;
}

static void parts_body(void *ctx, int k, FILE *f)
{
	struct qc_plan_jsonw *w = ctx;

	if (!qc_text_copy_file(w->part[k], f))
		w->failed = true;
}

enum qc_rc qc_plan_jsonw_finish(struct qc_plan_jsonw *w,
				const struct qc_plan *head, FILE *f,
				struct qc_error *err)
{
	enum qc_rc rc = qc_plan_jsonw_add(w, head, err);

	if (rc)
		return rc;
	for (int k = 0; k < A__COUNT; k++)
		if (fflush(w->part[k]) != 0)
			w->failed = true;
	write_doc(head, f, parts_body, w);
	if (w->failed)
		return qc_error_set(err, QC_EIO,
				    "could not read back the plan JSON from "
				    "a temporary file");
	return write_end(f, err);
}

void qc_plan_jsonw_release(struct qc_plan_jsonw *w)
{
	for (int k = 0; k < A__COUNT; k++)
		if (w->part[k])
			fclose(w->part[k]);
	memset(w, 0, sizeof(*w));
}
