/* Field values given as text, set on the elements of a struct qc_plan:
 * the part of plan edits (plan_edit.c) that reads what people type. */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/plan_edit.h"
#include "plan_edit_int.h"
#include "banned.h"

const char *qc_pe_blank_null(const char *v)
{
	return v && *v ? v : NULL;
}

static enum qc_rc parse_num(const char *name, const char *v, bool *has,
			    double *out, struct qc_error *err)
{
	char *end;
	double d;

	if (!qc_pe_blank_null(v)) {
		*has = false;
		*out = 0;
		return QC_OK;
	}
	errno = 0;
	d = strtod(v, &end);
	if (end == v || *end || errno || !isfinite(d))
		return qc_error_set(err, QC_EINVAL, "%s: '%s' is not a number",
				    qc_label(name), v);
	*has = true;
	*out = d;
	return QC_OK;
}

static enum qc_rc parse_int(const char *name, const char *v, int *out,
			    struct qc_error *err)
{
	char *end;
	long n;

	if (!qc_pe_blank_null(v)) {
		*out = 0;
		return QC_OK;
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v || *end || errno || n < 0 || n > 100000)
		return qc_error_set(err, QC_EINVAL,
				    "%s: '%s' is not a whole "
				    "number",
				    qc_label(name), v);
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
				   qc_pe_blank_null(f->value));
			return true;
		}
	return false;
}


enum qc_rc qc_pe_unknown(const char *part, const struct qc_field *f,
			 const char *known, struct qc_error *err)
{
	return qc_error_set(err, QC_EINVAL, "%s: no field '%s' (fields: %s)",
			    part, f->name, known);
}

enum qc_rc qc_pe_field_plan(struct qc_plan *p, const struct qc_field *f,
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
	return qc_pe_unknown("plan", f,
			     "title doc_number issuer issue_date "
			     "period_start period_end status group_name "
			     "group_leader office_host",
			     err);
}

enum qc_rc qc_pe_field_goal(struct qc_goal *g, const struct qc_field *f,
			    struct qc_error *err)
{
	static const struct str_field strs[] = {
		{ "key", offsetof(struct qc_goal, key) },
		{ "name", offsetof(struct qc_goal, name) },
		{ "domain", offsetof(struct qc_goal, domain) },
	};
	if (set_str_field(strs, NFIELDS(strs), g, f))
		return QC_OK;
	return qc_pe_unknown("goal", f, "key name domain", err);
}

enum qc_rc qc_pe_field_target(struct qc_target *t, const struct qc_field *f,
			      struct qc_error *err)
{
	static const struct str_field strs[] = {
		{ "goal", offsetof(struct qc_target, goal) },
		{ "indicator", offsetof(struct qc_target, indicator) },
		{ "unit", offsetof(struct qc_target, unit) },
		{ "text", offsetof(struct qc_target, text) },
	};
	const char *v = qc_pe_blank_null(f->value);

	if (set_str_field(strs, NFIELDS(strs), t, f)) {
		/* A renamed indicator is another series: its old catalogue
		 * link no longer holds. */
		if (!strcmp(f->name, "indicator"))
			qc_set_str(&t->canonical, NULL);
		return QC_OK;
	}
	if (!strcmp(f->name, "op")) {
		if (!v || !qc_op_parse(v, &t->op))
			return qc_error_set(err, QC_EINVAL,
					    "op: '%s' is not "
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
		set_owners(&t->owners,
			   f->name[0] == 'l' ? QC_ROLE_LEAD : QC_ROLE_CO, v);
		return QC_OK;
	}
	return qc_pe_unknown("target", f,
			     "goal indicator op value value_max unit "
			     "year baseline text lead co",
			     err);
}

enum qc_rc qc_pe_field_task(struct qc_task *t, const struct qc_field *f,
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
		set_owners(&t->owners,
			   f->name[0] == 'l' ? QC_ROLE_LEAD : QC_ROLE_CO,
			   qc_pe_blank_null(f->value));
		return QC_OK;
	}
	if (!strcmp(f->name, "kind")) {
		const char *v = qc_pe_blank_null(f->value);
		if (!v || !qc_task_kind_parse(v, &t->kind))
			return qc_error_set(err, QC_EINVAL,
					    "kind: '%s' is not item or section",
					    v ? v : "");
		return QC_OK;
	}
	return qc_pe_unknown("task", f,
			     "key parent number title text due phase "
			     "kind lead co",
			     err);
}

enum qc_rc qc_pe_field_phase(struct qc_phase *ph, const struct qc_field *f,
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
	return qc_pe_unknown("phase", f, "key name start end", err);
}

enum qc_rc qc_pe_field_duty(struct qc_duty *d, const struct qc_field *f,
			    struct qc_error *err)
{
	const char *v = qc_pe_blank_null(f->value);

	if (!strcmp(f->name, "text")) {
		qc_set_str(&d->text, v);
		return QC_OK;
	}
	if (!strcmp(f->name, "kind")) {
		if (!v || !qc_report_kind_parse(v, &d->kind))
			return qc_error_set(err, QC_EINVAL,
					    "kind: '%s' is not"
					    " monthly, half_year or annual",
					    v ? v : "");
		return QC_OK;
	}
	if (!strcmp(f->name, "grace_days"))
		return parse_int("grace_days", v, &d->grace_days, err);
	return qc_pe_unknown("duty", f, "kind grace_days text", err);
}

enum qc_rc qc_pe_field_part(struct qc_target_part *q, const struct qc_field *f,
			    struct qc_error *err)
{
	const char *v = qc_pe_blank_null(f->value);

	if (!strcmp(f->name, "region")) {
		qc_set_str(&q->region, v);
		qc_set_str(&q->region_name, NULL);
		return QC_OK;
	}
	if (!strcmp(f->name, "op")) {
		if (!v || !qc_op_parse(v, &q->op))
			return qc_error_set(err, QC_EINVAL,
					    "op: '%s' is not "
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
		set_owners(&q->owners,
			   f->name[0] == 'l' ? QC_ROLE_LEAD : QC_ROLE_CO, v);
		return QC_OK;
	}
	return qc_pe_unknown("part", f,
			     "region op value value_max year lead co", err);
}
