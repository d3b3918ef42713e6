/* Plan edits in memory: fields given as text applied to one element of a
 * struct qc_plan, then the whole plan validated. Writing them is
 * plan_edit_store.c's. */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/plan_edit.h"
#include "banned.h"

static const char *const part_names[QC_PART__COUNT] = {
	"plan", "goal", "target", "task", "owner", "phase", "member", "duty",
	"part",
};

const char *qc_plan_part_name(enum qc_plan_part p)
{
	return (unsigned)p < QC_PART__COUNT ? part_names[p] : "?";
}

bool qc_plan_part_parse(const char *s, enum qc_plan_part *out)
{
	for (int i = 0; s && i < QC_PART__COUNT; i++)
		if (!strcmp(s, part_names[i])) {
			*out = (enum qc_plan_part)i;
			return true;
		}
	return false;
}

/* ---- field values ------------------------------------------------------ */

static const char *blank_null(const char *v)
{
	return v && *v ? v : NULL;
}

static enum qc_rc parse_num(const char *name, const char *v, bool *has,
			    double *out, struct qc_error *err)
{
	char *end;
	double d;

	if (!blank_null(v)) {
		*has = false;
		*out = 0;
		return QC_OK;
	}
	errno = 0;
	d = strtod(v, &end);
	if (end == v || *end || errno || !isfinite(d))
		return qc_error_set(err, QC_EINVAL, "%s: '%s' is not a number",
				    name, v);
	*has = true;
	*out = d;
	return QC_OK;
}

static enum qc_rc parse_int(const char *name, const char *v, int *out,
			    struct qc_error *err)
{
	char *end;
	long n;

	if (!blank_null(v)) {
		*out = 0;
		return QC_OK;
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v || *end || errno || n < 0 || n > 100000)
		return qc_error_set(err, QC_EINVAL, "%s: '%s' is not a whole "
				    "number", name, v);
	*out = (int)n;
	return QC_OK;
}

/* Replace the owners of one role with the units listed in v ("a,b" or
 * "a、b"). */
static void set_owners(struct qc_owner_list *l, enum qc_role role,
		       const char *v)
{
	struct qc_owner_list keep = { 0 };
	char *copy, *cur;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].role != role)
			qc_owner_list_add(&keep, l->v[i].written, l->v[i].unit,
					  l->v[i].role);
	copy = qc_xstrdup(v ? v : "");
	cur = copy;
	while (*cur) {
		char *comma = strchr(cur, ','), *dun = strstr(cur, "、");
		char *end = comma && (!dun || comma < dun) ? comma : dun;
		size_t skip = end == dun && dun ? strlen("、") : 1;
		if (end)
			*end = '\0';
		while (*cur == ' ')
			cur++;
		for (size_t n = strlen(cur); n && cur[n - 1] == ' ';)
			cur[--n] = '\0';
		if (*cur)
			qc_owner_list_add(&keep, cur, cur, role);
		if (!end)
			break;
		cur = end + skip;
	}
	free(copy);
	qc_owner_list_release(l);
	*l = keep;
}

/* A field kept as a string at offset `off` of its element. */
struct str_field {
	const char *name;
	size_t off;
};

static bool set_str_field(const struct str_field *t, size_t n, void *elem,
			  const struct qc_field *f)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].name, f->name)) {
			qc_set_str((char **)((char *)elem + t[i].off),
				   blank_null(f->value));
			return true;
		}
	return false;
}

#define NFIELDS(a) (sizeof(a) / sizeof(a[0]))

static enum qc_rc unknown(const char *part, const struct qc_field *f,
			  const char *known, struct qc_error *err)
{
	return qc_error_set(err, QC_EINVAL, "%s: no field '%s' (fields: %s)",
			    part, f->name, known);
}

static enum qc_rc field_plan(struct qc_plan *p, const struct qc_field *f,
			     struct qc_error *err)
{
	static const struct str_field strs[] = {
		{ "title", offsetof(struct qc_plan, title) },
		{ "doc_number", offsetof(struct qc_plan, doc_number) },
		{ "issuer", offsetof(struct qc_plan, issuer) },
		{ "issue_date", offsetof(struct qc_plan, issue_date) },
		{ "status", offsetof(struct qc_plan, status) },
		{ "group_name", offsetof(struct qc_plan, group.name) },
		{ "group_leader", offsetof(struct qc_plan, group.leader) },
		{ "office_host", offsetof(struct qc_plan, group.office_host) },
	};
	if (set_str_field(strs, NFIELDS(strs), p, f))
		return QC_OK;
	if (!strcmp(f->name, "period_start"))
		return parse_int("period_start", f->value, &p->period_start,
				 err);
	if (!strcmp(f->name, "period_end"))
		return parse_int("period_end", f->value, &p->period_end, err);
	return unknown("plan", f, "title doc_number issuer issue_date "
		       "period_start period_end status group_name "
		       "group_leader office_host", err);
}

static enum qc_rc field_goal(struct qc_goal *g, const struct qc_field *f,
			     struct qc_error *err)
{
	static const struct str_field strs[] = {
		{ "key", offsetof(struct qc_goal, key) },
		{ "name", offsetof(struct qc_goal, name) },
		{ "domain", offsetof(struct qc_goal, domain) },
	};
	if (set_str_field(strs, NFIELDS(strs), g, f))
		return QC_OK;
	return unknown("goal", f, "key name domain", err);
}

static enum qc_rc field_target(struct qc_target *t, const struct qc_field *f,
			       struct qc_error *err)
{
	static const struct str_field strs[] = {
		{ "goal", offsetof(struct qc_target, goal) },
		{ "indicator", offsetof(struct qc_target, indicator) },
		{ "unit", offsetof(struct qc_target, unit) },
		{ "text", offsetof(struct qc_target, text) },
	};
	const char *v = blank_null(f->value);

	if (set_str_field(strs, NFIELDS(strs), t, f)) {
		/* A renamed indicator is another series: its old catalogue
		 * link no longer holds. */
		if (!strcmp(f->name, "indicator"))
			qc_set_str(&t->canonical, NULL);
		return QC_OK;
	}
	if (!strcmp(f->name, "op")) {
		if (!v || !qc_op_parse(v, &t->op))
			return qc_error_set(err, QC_EINVAL, "op: '%s' is not "
					    "one of >= <= = ~ between increase"
					    " decrease annual_growth zero",
					    v ? v : "");
		return QC_OK;
	}
	if (!strcmp(f->name, "value"))
		return parse_num("value", v, &t->has_value, &t->value, err);
	if (!strcmp(f->name, "value_max"))
		return parse_num("value_max", v, &t->has_value_max,
				 &t->value_max, err);
	if (!strcmp(f->name, "year"))
		return parse_int("year", v, &t->year, err);
	if (!strcmp(f->name, "baseline")) {
		t->baseline_previous = v && !strcmp(v, "previous_year");
		if (t->baseline_previous) {
			t->baseline_year = 0;
			return QC_OK;
		}
		return parse_int("baseline", v, &t->baseline_year, err);
	}
	if (!strcmp(f->name, "lead") || !strcmp(f->name, "co")) {
		set_owners(&t->owners, f->name[0] == 'l' ? QC_ROLE_LEAD
			   : QC_ROLE_CO, v);
		return QC_OK;
	}
	return unknown("target", f, "goal indicator op value value_max unit "
		       "year baseline text lead co", err);
}

static enum qc_rc field_task(struct qc_task *t, const struct qc_field *f,
			     struct qc_error *err)
{
	static const struct str_field strs[] = {
		{ "key", offsetof(struct qc_task, key) },
		{ "parent", offsetof(struct qc_task, parent) },
		{ "number", offsetof(struct qc_task, number) },
		{ "title", offsetof(struct qc_task, title) },
		{ "text", offsetof(struct qc_task, text) },
		{ "due", offsetof(struct qc_task, due) },
		{ "phase", offsetof(struct qc_task, phase) },
	};
	if (set_str_field(strs, NFIELDS(strs), t, f))
		return QC_OK;
	if (!strcmp(f->name, "lead") || !strcmp(f->name, "co")) {
		set_owners(&t->owners, f->name[0] == 'l' ? QC_ROLE_LEAD
			   : QC_ROLE_CO, blank_null(f->value));
		return QC_OK;
	}
	return unknown("task", f, "key parent number title text due phase "
		       "lead co", err);
}

static enum qc_rc field_phase(struct qc_phase *ph, const struct qc_field *f,
			      struct qc_error *err)
{
	static const struct str_field strs[] = {
		{ "key", offsetof(struct qc_phase, key) },
		{ "name", offsetof(struct qc_phase, name) },
		{ "start", offsetof(struct qc_phase, start) },
		{ "end", offsetof(struct qc_phase, end) },
	};
	if (set_str_field(strs, NFIELDS(strs), ph, f))
		return QC_OK;
	return unknown("phase", f, "key name start end", err);
}

static enum qc_rc field_duty(struct qc_duty *d, const struct qc_field *f,
			     struct qc_error *err)
{
	const char *v = blank_null(f->value);

	if (!strcmp(f->name, "text")) {
		qc_set_str(&d->text, v);
		return QC_OK;
	}
	if (!strcmp(f->name, "kind")) {
		if (!v || !qc_report_kind_parse(v, &d->kind))
			return qc_error_set(err, QC_EINVAL, "kind: '%s' is not"
					    " monthly, half_year or annual",
					    v ? v : "");
		return QC_OK;
	}
	if (!strcmp(f->name, "grace_days"))
		return parse_int("grace_days", v, &d->grace_days, err);
	return unknown("duty", f, "kind grace_days text", err);
}

/* ---- finding, adding and removing elements ---------------------------- */

static bool parse_number_ref(const char *ref, size_t n, size_t *i)
{
	char *end;
	long k;

	if (!ref || !*ref)
		return false;
	k = strtol(ref, &end, 10);
	if (*end || k < 1 || (size_t)k > n)
		return false;
	*i = (size_t)k - 1;
	return true;
}

#define FIND_KEY(arr, n, ref, out) \
	do { \
		for (size_t k_ = 0; k_ < (n); k_++) \
			if ((arr)[k_].key && (ref) && \
			    !strcmp((arr)[k_].key, (ref))) { \
				*(out) = k_; \
				found = true; \
				break; \
			} \
	} while (0)

static enum qc_rc find(const struct qc_plan *p, enum qc_plan_part part,
		       const char *ref, size_t *i, struct qc_error *err)
{
	bool found = false;

	switch (part) {
	case QC_PART_GOAL: FIND_KEY(p->goals, p->n_goals, ref, i); break;
	case QC_PART_TASK: FIND_KEY(p->tasks, p->n_tasks, ref, i); break;
	case QC_PART_PHASE: FIND_KEY(p->phases, p->n_phases, ref, i); break;
	case QC_PART_TARGET:
		found = parse_number_ref(ref, p->n_targets, i);
		break;
	case QC_PART_DUTY:
		found = parse_number_ref(ref, p->n_duties, i);
		break;
	case QC_PART_MEMBER:
		for (size_t k = 0; ref && k < p->group.n_members; k++)
			if (!strcmp(p->group.members[k], ref)) {
				*i = k;
				found = true;
				break;
			}
		break;
	default:
		break;
	}
	if (found)
		return QC_OK;
	if (part == QC_PART_TARGET || part == QC_PART_DUTY)
		return qc_error_set(err, QC_ENOTFOUND, "%s '%s': the plan has "
				    "%zu; give a number from 1 (see `qcity plan"
				    " show`)", qc_plan_part_name(part),
				    ref ? ref : "", part == QC_PART_TARGET ?
				    p->n_targets : p->n_duties);
	return qc_error_set(err, QC_ENOTFOUND, "%s '%s': the plan has none "
			    "such (see `qcity plan show`)",
			    qc_plan_part_name(part), ref ? ref : "");
}

static void free_goal(struct qc_goal *g)
{
	free(g->key);
	free(g->domain);
	free(g->name);
}

static void free_target(struct qc_target *t)
{
	for (size_t k = 0; k < t->n_parts; k++)
		qc_target_part_release(&t->parts[k]);
	free(t->goal);
	free(t->indicator);
	free(t->canonical);
	free(t->unit);
	free(t->text);
	qc_owner_list_release(&t->owners);
}

static void free_task(struct qc_task *t)
{
	char **strs[] = { &t->key, &t->parent, &t->number, &t->title,
			  &t->text, &t->due, &t->phase };
	for (size_t i = 0; i < NFIELDS(strs); i++)
		free(*strs[i]);
	qc_owner_list_release(&t->owners);
}

static void free_phase(struct qc_phase *ph)
{
	free(ph->key);
	free(ph->name);
	free(ph->start);
	free(ph->end);
}

/* Drop element i of an array of n elements of size sz. */
static void drop(void *arr, size_t *n, size_t i, size_t sz)
{
	char *a = arr;
	memmove(a + i * sz, a + (i + 1) * sz, (*n - i - 1) * sz);
	(*n)--;
}

static void remove_elem(struct qc_plan *p, enum qc_plan_part part, size_t i)
{
	switch (part) {
	case QC_PART_GOAL:
		free_goal(&p->goals[i]);
		drop(p->goals, &p->n_goals, i, sizeof(*p->goals));
		break;
	case QC_PART_TARGET:
		free_target(&p->targets[i]);
		free(p->targets[i].parts);
		drop(p->targets, &p->n_targets, i, sizeof(*p->targets));
		break;
	case QC_PART_TASK:
		free_task(&p->tasks[i]);
		drop(p->tasks, &p->n_tasks, i, sizeof(*p->tasks));
		break;
	case QC_PART_PHASE:
		free_phase(&p->phases[i]);
		drop(p->phases, &p->n_phases, i, sizeof(*p->phases));
		break;
	case QC_PART_DUTY:
		free(p->duties[i].text);
		drop(p->duties, &p->n_duties, i, sizeof(*p->duties));
		break;
	case QC_PART_MEMBER:
		free(p->group.members[i]);
		drop(p->group.members, &p->group.n_members, i,
		     sizeof(*p->group.members));
		break;
	default:
		break;
	}
}

/* A key not used yet: prefix and the first free number. */
static char *fresh_key(const char *prefix, const struct qc_plan *p,
		       enum qc_plan_part part)
{
	char key[32];
	for (int n = 1;; n++) {
		size_t i;
		struct qc_error e;
		snprintf(key, sizeof(key), "%s%d", prefix, n);
		if (find(p, part, key, &i, &e))
			return qc_xstrdup(key);
	}
}

static void *add_elem(struct qc_plan *p, enum qc_plan_part part, size_t *i)
{
	switch (part) {
	case QC_PART_GOAL: {
		char *key = fresh_key("g", p, part);
		struct qc_goal *g = qc_plan_add_goal(p);
		g->key = key;
		g->domain = qc_xstrdup("other");
		*i = p->n_goals - 1;
		return g;
	}
	case QC_PART_TARGET: {
		struct qc_target *t = qc_plan_add_target(p);
		t->op = QC_OP_GE;
		*i = p->n_targets - 1;
		return t;
	}
	case QC_PART_TASK: {
		char *key = fresh_key("t", p, part);
		struct qc_task *t = qc_plan_add_task(p);
		t->key = key;
		*i = p->n_tasks - 1;
		return t;
	}
	case QC_PART_PHASE: {
		char *key = fresh_key("p", p, part);
		struct qc_phase *ph = qc_plan_add_phase(p);
		ph->key = key;
		*i = p->n_phases - 1;
		return ph;
	}
	case QC_PART_DUTY: {
		struct qc_duty *d = qc_plan_add_duty(p);
		d->kind = QC_REPORT_ANNUAL;
		*i = p->n_duties - 1;
		return d;
	}
	default:
		return NULL;
	}
}

/* A renamed key follows into the elements that refer to it. */
static void rename_refs(struct qc_plan *p, enum qc_plan_part part,
			const char *old, const char *key)
{
	if (!old || !key || !strcmp(old, key))
		return;
	for (size_t i = 0; part == QC_PART_GOAL && i < p->n_targets; i++)
		if (p->targets[i].goal && !strcmp(p->targets[i].goal, old))
			qc_set_str(&p->targets[i].goal, key);
	for (size_t i = 0; i < p->n_tasks; i++) {
		char **r = part == QC_PART_TASK ? &p->tasks[i].parent :
			   part == QC_PART_PHASE ? &p->tasks[i].phase : NULL;
		if (r && *r && !strcmp(*r, old))
			qc_set_str(r, key);
	}
}

static enum qc_rc set_fields(struct qc_plan *p, enum qc_plan_part part,
			     size_t i, const struct qc_plan_edit *e,
			     struct qc_error *err)
{
	enum qc_rc rc = QC_OK;
	char *old_key = NULL;

	if (part == QC_PART_GOAL)
		old_key = qc_xstrdup(p->goals[i].key);
	else if (part == QC_PART_TASK)
		old_key = qc_xstrdup(p->tasks[i].key);
	else if (part == QC_PART_PHASE)
		old_key = qc_xstrdup(p->phases[i].key);
	for (size_t k = 0; !rc && k < e->n_fields; k++) {
		const struct qc_field *f = &e->fields[k];
		if (!f->name)
			continue;
		switch (part) {
		case QC_PART_PLAN: rc = field_plan(p, f, err); break;
		case QC_PART_GOAL: rc = field_goal(&p->goals[i], f, err); break;
		case QC_PART_TARGET:
			rc = field_target(&p->targets[i], f, err);
			break;
		case QC_PART_TASK: rc = field_task(&p->tasks[i], f, err); break;
		case QC_PART_PHASE:
			rc = field_phase(&p->phases[i], f, err);
			break;
		case QC_PART_DUTY: rc = field_duty(&p->duties[i], f, err); break;
		case QC_PART_MEMBER:
			if (strcmp(f->name, "name"))
				rc = unknown("member", f, "name", err);
			else if (!blank_null(f->value))
				rc = qc_error_set(err, QC_EINVAL, "name: a "
						  "member needs a unit name");
			else
				qc_set_str(&p->group.members[i], f->value);
			break;
		default:
			break;
		}
	}
	if (!rc && old_key) {
		const char *key = part == QC_PART_GOAL ? p->goals[i].key :
				  part == QC_PART_TASK ? p->tasks[i].key :
				  p->phases[i].key;
		if (!key)
			rc = qc_error_set(err, QC_EINVAL, "key: a %s needs a "
					  "key", qc_plan_part_name(part));
		else
			rename_refs(p, part, old_key, key);
	}
	free(old_key);
	return rc;
}

static const struct qc_field *field_named(const struct qc_plan_edit *e,
					  const char *name)
{
	for (size_t k = 0; k < e->n_fields; k++)
		if (e->fields[k].name && !strcmp(e->fields[k].name, name))
			return &e->fields[k];
	return NULL;
}

/* Owners: ref "target:N" or "task:KEY", the unit named by field unit. */
static enum qc_rc edit_owner(struct qc_plan *p, const struct qc_plan_edit *e,
			     size_t *index, struct qc_error *err)
{
	const struct qc_field *unit = field_named(e, "unit"),
			      *role_f = field_named(e, "role");
	const char *ref = e->ref ? e->ref : "";
	enum qc_plan_part of = !strncmp(ref, "target:", 7) ? QC_PART_TARGET :
			       !strncmp(ref, "task:", 5) ? QC_PART_TASK :
			       QC_PART__COUNT;
	struct qc_owner_list *l;
	enum qc_role role = QC_ROLE_LEAD;
	size_t i, k;
	enum qc_rc rc;

	if (of == QC_PART__COUNT)
		return qc_error_set(err, QC_EINVAL, "owner: say whose, as "
				    "target:N or task:KEY (not '%s')", ref);
	if ((rc = find(p, of, strchr(ref, ':') + 1, &i, err)))
		return rc;
	for (k = 0; k < e->n_fields; k++)
		if (strcmp(e->fields[k].name, "unit") &&
		    strcmp(e->fields[k].name, "role"))
			return unknown("owner", &e->fields[k], "unit role",
				       err);
	if (!unit || !blank_null(unit->value))
		return qc_error_set(err, QC_EINVAL, "unit: name the owning "
				    "unit");
	if (role_f && !qc_role_parse(role_f->value, &role))
		return qc_error_set(err, QC_EINVAL, "role: '%s' is not lead or"
				    " co", role_f->value ? role_f->value : "");
	l = of == QC_PART_TARGET ? &p->targets[i].owners : &p->tasks[i].owners;
	*index = i;
	for (k = 0; k < l->n; k++)
		if (!strcmp(l->v[k].written, unit->value) ||
		    !strcmp(l->v[k].unit, unit->value))
			break;
	if (e->op == QC_EDIT_ADD) {
		if (k < l->n)
			return qc_error_set(err, QC_ECONFLICT, "unit: %s already"
					    " owns %s", unit->value, ref);
		qc_owner_list_add(l, unit->value, unit->value, role);
		return QC_OK;
	}
	if (k == l->n)
		return qc_error_set(err, QC_ENOTFOUND, "unit: %s does not own "
				    "%s", unit->value, ref);
	if (e->op == QC_EDIT_SET) {
		l->v[k].role = role;
		return QC_OK;
	}
	free(l->v[k].written);
	free(l->v[k].unit);
	drop(l->v, &l->n, k, sizeof(*l->v));
	return QC_OK;
}

static enum qc_rc field_part(struct qc_target_part *q,
			     const struct qc_field *f, struct qc_error *err)
{
	const char *v = blank_null(f->value);

	if (!strcmp(f->name, "region")) {
		qc_set_str(&q->region, v);
		qc_set_str(&q->region_name, NULL);
		return QC_OK;
	}
	if (!strcmp(f->name, "op")) {
		if (!v || !qc_op_parse(v, &q->op))
			return qc_error_set(err, QC_EINVAL, "op: '%s' is not "
					    "one of >= <= = ~ between increase"
					    " decrease annual_growth zero",
					    v ? v : "");
		return QC_OK;
	}
	if (!strcmp(f->name, "value"))
		return parse_num("value", v, &q->has_value, &q->value, err);
	if (!strcmp(f->name, "value_max"))
		return parse_num("value_max", v, &q->has_value_max,
				 &q->value_max, err);
	if (!strcmp(f->name, "year"))
		return parse_int("year", v, &q->year, err);
	if (!strcmp(f->name, "lead") || !strcmp(f->name, "co")) {
		set_owners(&q->owners, f->name[0] == 'l' ? QC_ROLE_LEAD
			   : QC_ROLE_CO, v);
		return QC_OK;
	}
	return unknown("part", f, "region op value value_max year lead co",
		       err);
}

/* Parts: ref "target:N" (add) or "target:N/K". */
static enum qc_rc edit_part(struct qc_plan *p, const struct qc_plan_edit *e,
			    size_t *index, struct qc_error *err)
{
	const char *ref = e->ref ? e->ref : "";
	char num[24];
	const char *slash;
	struct qc_target *t;
	size_t i, k = 0;
	enum qc_rc rc;

	if (strncmp(ref, "target:", 7))
		return qc_error_set(err, QC_EINVAL, "part: say whose, as "
				    "target:N (to add) or target:N/K (not "
				    "'%s')", ref);
	slash = strchr(ref + 7, '/');
	snprintf(num, sizeof(num), "%.*s", slash ? (int)(slash - ref - 7) :
		 (int)strlen(ref + 7), ref + 7);
	if ((rc = find(p, QC_PART_TARGET, num, &i, err)))
		return rc;
	t = &p->targets[i];
	*index = i;
	if (e->op == QC_EDIT_ADD) {
		if (slash)
			return qc_error_set(err, QC_EINVAL, "part: add to "
					    "target:N, without /K");
		qc_target_add_part(t);
		k = t->n_parts - 1;
	} else if (!slash || !parse_number_ref(slash + 1, t->n_parts, &k)) {
		return qc_error_set(err, QC_ENOTFOUND, "part '%s': target %s "
				    "has %zu parts; give target:N/K with K "
				    "from 1", ref, num, t->n_parts);
	}
	if (e->op == QC_EDIT_REMOVE) {
		qc_target_part_release(&t->parts[k]);
		drop(t->parts, &t->n_parts, k, sizeof(*t->parts));
		return QC_OK;
	}
	for (size_t f = 0; f < e->n_fields; f++)
		if ((rc = field_part(&t->parts[k], &e->fields[f], err)))
			return rc;
	return QC_OK;
}

enum qc_rc qc_plan_edit_apply(struct qc_plan *p, const struct qc_plan_edit *e,
			      size_t *index, struct qc_error *err)
{
	size_t i = 0;
	enum qc_rc rc;

	if ((unsigned)e->part >= QC_PART__COUNT)
		return qc_error_set(err, QC_EINVAL, "unknown part of a plan");
	if (e->part == QC_PART_OWNER) {
		rc = edit_owner(p, e, &i, err);
	} else if (e->part == QC_PART_PART) {
		rc = edit_part(p, e, &i, err);
	} else if (e->part == QC_PART_PLAN) {
		rc = e->op == QC_EDIT_SET ? set_fields(p, e->part, 0, e, err)
			: qc_error_set(err, QC_EINVAL, "plan: only its fields "
				       "can be set here");
	} else if (e->op == QC_EDIT_ADD && e->part == QC_PART_MEMBER) {
		const struct qc_field *name = field_named(e, "name");
		if (!name || !blank_null(name->value))
			return qc_error_set(err, QC_EINVAL, "name: a member "
					    "needs a unit name");
		if (!find(p, e->part, name->value, &i, NULL))
			return qc_error_set(err, QC_ECONFLICT, "name: %s is "
					    "already a member", name->value);
		qc_group_add_member(&p->group, name->value);
		i = p->group.n_members - 1;
		rc = set_fields(p, e->part, i, e, err);
	} else if (e->op == QC_EDIT_ADD) {
		add_elem(p, e->part, &i);
		rc = set_fields(p, e->part, i, e, err);
	} else if ((rc = find(p, e->part, e->ref, &i, err))) {
		return rc;
	} else if (e->op == QC_EDIT_SET) {
		rc = set_fields(p, e->part, i, e, err);
	} else {
		remove_elem(p, e->part, i);
	}
	if (rc)
		return rc;
	if (index)
		*index = i;
	return qc_plan_validate(p, err);
}
