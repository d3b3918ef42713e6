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
#include "qcity/names.h"
#include "qcity/plan_edit.h"
#include "plan_edit_int.h"
#include "banned.h"

static const char *const part_names[QC_PART__COUNT] = {
	"plan",  "goal",   "target", "task", "owner",
	"phase", "member", "duty",   "part",
};

const char *qc_plan_part_name(enum qc_plan_part p)
{
	return (unsigned)p < QC_PART__COUNT ? part_names[p] : "?";
}

bool qc_plan_part_parse(const char *s, enum qc_plan_part *out)
{
	int i = QC_NAME_INDEX(part_names, s);
	if (i >= 0)
		*out = (enum qc_plan_part)i;
	return i >= 0;
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

#define FIND_KEY(arr, n, ref, out)                           \
	do {                                                 \
		for (size_t k_ = 0; k_ < (n); k_++)          \
			if ((arr)[k_].key && (ref) &&        \
			    !strcmp((arr)[k_].key, (ref))) { \
				*(out) = k_;                 \
				found = true;                \
				break;                       \
			}                                    \
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
	case QC_PART_DUTY: found = parse_number_ref(ref, p->n_duties, i); break;
	case QC_PART_MEMBER:
		for (size_t k = 0; ref && k < p->group.n_members; k++)
			if (!strcmp(p->group.members[k], ref)) {
				*i = k;
				found = true;
				break;
			}
		break;
	default: break;
	}
	if (found)
		return QC_OK;
	if (part == QC_PART_TARGET || part == QC_PART_DUTY)
		return qc_error_set(err, QC_ENOTFOUND,
				    "%s '%s': the plan has "
				    "%zu; give a number from 1 (see `qcity plan"
				    " show`)",
				    qc_plan_part_name(part), ref ? ref : "",
				    part == QC_PART_TARGET ? p->n_targets :
							     p->n_duties);
	return qc_error_set(err, QC_ENOTFOUND,
			    "%s '%s': the plan has none "
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
	free(t->key);
	free(t->goal);
	free(t->indicator);
	free(t->canonical);
	free(t->unit);
	free(t->text);
	qc_owner_list_release(&t->owners);
}

static void free_task(struct qc_task *t)
{
	char **strs[] = { &t->key,  &t->parent, &t->number, &t->title,
			  &t->text, &t->due,    &t->phase };
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
	default: break;
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
	default: return NULL;
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
		char **r = part == QC_PART_TASK  ? &p->tasks[i].parent :
			   part == QC_PART_PHASE ? &p->tasks[i].phase :
						   NULL;
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
		case QC_PART_PLAN: rc = qc_pe_field_plan(p, f, err); break;
		case QC_PART_GOAL:
			rc = qc_pe_field_goal(&p->goals[i], f, err);
			break;
		case QC_PART_TARGET:
			rc = qc_pe_field_target(&p->targets[i], f, err);
			break;
		case QC_PART_TASK:
			rc = qc_pe_field_task(&p->tasks[i], f, err);
			break;
		case QC_PART_PHASE:
			rc = qc_pe_field_phase(&p->phases[i], f, err);
			break;
		case QC_PART_DUTY:
			rc = qc_pe_field_duty(&p->duties[i], f, err);
			break;
		case QC_PART_MEMBER:
			if (strcmp(f->name, "name"))
				rc = qc_pe_unknown("member", f, "name", err);
			else if (!qc_pe_blank_null(f->value))
				rc = qc_error_set(err, QC_EINVAL,
						  "name: a "
						  "member needs a unit name");
			else
				qc_set_str(&p->group.members[i], f->value);
			break;
		default: break;
		}
	}
	if (!rc && old_key) {
		const char *key = part == QC_PART_GOAL ? p->goals[i].key :
				  part == QC_PART_TASK ? p->tasks[i].key :
							 p->phases[i].key;
		if (!key)
			rc = qc_error_set(err, QC_EINVAL,
					  "key: a %s needs a "
					  "key",
					  qc_plan_part_name(part));
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
			       !strncmp(ref, "task:", 5)   ? QC_PART_TASK :
							     QC_PART__COUNT;
	struct qc_owner_list *l;
	enum qc_role role = QC_ROLE_LEAD;
	size_t i, k;
	enum qc_rc rc;

	if (of == QC_PART__COUNT)
		return qc_error_set(err, QC_EINVAL,
				    "owner: say whose, as "
				    "target:N or task:KEY (not '%s')",
				    ref);
	if ((rc = find(p, of, strchr(ref, ':') + 1, &i, err)))
		return rc;
	for (k = 0; k < e->n_fields; k++)
		if (strcmp(e->fields[k].name, "unit") &&
		    strcmp(e->fields[k].name, "role"))
			return qc_pe_unknown("owner", &e->fields[k],
					     "unit role", err);
	if (!unit || !qc_pe_blank_null(unit->value))
		return qc_error_set(err, QC_EINVAL,
				    "unit: name the owning "
				    "unit");
	if (role_f && !qc_role_parse(role_f->value, &role))
		return qc_error_set(err, QC_EINVAL,
				    "role: '%s' is not lead or"
				    " co",
				    role_f->value ? role_f->value : "");
	l = of == QC_PART_TARGET ? &p->targets[i].owners : &p->tasks[i].owners;
	*index = i;
	for (k = 0; k < l->n; k++)
		if (!strcmp(l->v[k].written, unit->value) ||
		    !strcmp(l->v[k].unit, unit->value))
			break;
	if (e->op == QC_EDIT_ADD) {
		if (k < l->n)
			return qc_error_set(err, QC_ECONFLICT,
					    "unit: %s already"
					    " owns %s",
					    unit->value, ref);
		qc_owner_list_add(l, unit->value, unit->value, role);
		return QC_OK;
	}
	if (k == l->n)
		return qc_error_set(err, QC_ENOTFOUND,
				    "unit: %s does not own "
				    "%s",
				    unit->value, ref);
	if (e->op == QC_EDIT_SET) {
		l->v[k].role = role;
		return QC_OK;
	}
	free(l->v[k].written);
	free(l->v[k].unit);
	drop(l->v, &l->n, k, sizeof(*l->v));
	return QC_OK;
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
		return qc_error_set(err, QC_EINVAL,
				    "part: say whose, as "
				    "target:N (to add) or target:N/K (not "
				    "'%s')",
				    ref);
	slash = strchr(ref + 7, '/');
	snprintf(num, sizeof(num), "%.*s",
		 slash ? (int)(slash - ref - 7) : (int)strlen(ref + 7),
		 ref + 7);
	if ((rc = find(p, QC_PART_TARGET, num, &i, err)))
		return rc;
	t = &p->targets[i];
	*index = i;
	if (e->op == QC_EDIT_ADD) {
		if (slash)
			return qc_error_set(err, QC_EINVAL,
					    "part: add to "
					    "target:N, without /K");
		qc_target_add_part(t);
		k = t->n_parts - 1;
	} else if (!slash || !parse_number_ref(slash + 1, t->n_parts, &k)) {
		return qc_error_set(err, QC_ENOTFOUND,
				    "part '%s': target %s "
				    "has %zu parts; give target:N/K with K "
				    "from 1",
				    ref, num, t->n_parts);
	}
	if (e->op == QC_EDIT_REMOVE) {
		qc_target_part_release(&t->parts[k]);
		drop(t->parts, &t->n_parts, k, sizeof(*t->parts));
		return QC_OK;
	}
	for (size_t f = 0; f < e->n_fields; f++)
		if ((rc = qc_pe_field_part(&t->parts[k], &e->fields[f], err)))
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
		rc = e->op == QC_EDIT_SET ?
			     set_fields(p, e->part, 0, e, err) :
			     qc_error_set(err, QC_EINVAL,
					  "plan: only its fields "
					  "can be set here");
	} else if (e->op == QC_EDIT_ADD && e->part == QC_PART_MEMBER) {
		const struct qc_field *name = field_named(e, "name");
		if (!name || !qc_pe_blank_null(name->value))
			return qc_error_set(err, QC_EINVAL,
					    "name: a member "
					    "needs a unit name");
		if (!find(p, e->part, name->value, &i, NULL))
			return qc_error_set(err, QC_ECONFLICT,
					    "name: %s is "
					    "already a member",
					    name->value);
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
