/* Assessment schemes: the scheme file (docs/assessment-scheme.md), its
 * storage per plan and year, and the scores people give step by step. */
#include <jansson.h>
#include "qcity/json.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/assess.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/names.h"
#include "qcity/reporting.h"
#include "qcity/store.h"
#include "engine_int.h"
#include "banned.h"

static const char *const kind_names[QC_ITEM__KINDS] = {
	"target", "task", "reporting",      "manual",
	"bonus",  "veto", "accountability",
};
static const char *const rule_names[QC_RULE__COUNT] = {
	"all",
	"partial",
	"deduct",
};

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* A number field: absent is dflt; present but not a number is an error. */
static bool num(json_t *o, const char *k, double dflt, double *out)
{
	json_t *v = json_object_get(o, k);
	*out = dflt;
	if (!v)
		return true;
	if (!json_is_number(v))
		return false;
	*out = json_number_value(v);
	return isfinite(*out);
}

static enum qc_rc parse_item(struct qc_scheme *s, json_t *o, size_t i,
			     struct qc_error *err)
{
	struct qc_scheme_item *it;
	const char *kind = str(o, "kind"), *applies = str(o, "applies");
	int k = QC_NAME_INDEX(kind_names, kind), r;

	if (!json_is_object(o))
		return qc_error_set(err, QC_EINVAL, "items[%zu]: not an object",
				    i);
	if (!str(o, "key"))
		return qc_error_set(err, QC_EINVAL, "items[%zu].key: missing",
				    i);
	if (k < 0)
		return qc_error_set(err, QC_EINVAL,
				    "items[%zu].kind: '%s' is "
				    "not target, task, reporting, manual, bonus,"
				    " veto or accountability",
				    i, kind ? kind : "");
	r = str(o, "rule")         ? QC_NAME_INDEX(rule_names, str(o, "rule")) :
	    k == QC_ITEM_REPORTING ? QC_RULE_DEDUCT :
				     QC_RULE_ALL;
	if (r < 0)
		return qc_error_set(err, QC_EINVAL,
				    "items[%zu].rule: '%s' is "
				    "not all, partial or deduct",
				    i, str(o, "rule"));
	QC_GROW(s->items, s->n_items + 1, s->alloc_items);
	it = &s->items[s->n_items++];
	memset(it, 0, sizeof(*it));
	it->key = qc_xstrdup(str(o, "key"));
	it->name = qc_xstrdup(str(o, "name") ? str(o, "name") : it->key);
	it->kind = (enum qc_item_kind)k;
	it->rule = (enum qc_item_rule)r;
	it->target = qc_xstrdup(str(o, "target"));
	it->task = qc_xstrdup(str(o, "task"));
	if (!num(o, "points", 0, &it->points) || it->points < 0 ||
	    !num(o, "full_at", 0, &it->full_at) ||
	    !num(o, "zero_at", 0, &it->zero_at) ||
	    !num(o, "per_late", 0, &it->per_late) ||
	    !num(o, "per_missing", 0, &it->per_missing) ||
	    !num(o, "per_count", 1, &it->per_count) ||
	    !num(o, "per_interview", 1, &it->per_acc[0]) ||
	    !num(o, "per_criticism", 2, &it->per_acc[1]) ||
	    !num(o, "per_accountability", 5, &it->per_acc[2]))
		return qc_error_set(err, QC_EINVAL,
				    "items[%zu] (%s): points, "
				    "full_at, zero_at, per_late, per_missing, "
				    "per_count, per_interview, per_criticism "
				    "and per_accountability are numbers, points"
				    " ≥ 0",
				    i, it->key);
	if ((k == QC_ITEM_TARGET || k == QC_ITEM_BONUS || k == QC_ITEM_VETO) &&
	    !it->target)
		return qc_error_set(err, QC_EINVAL,
				    "items[%zu].target: a %s "
				    "item names the plan's indicator",
				    i, kind);
	if (k == QC_ITEM_TASK && !it->task)
		return qc_error_set(err, QC_EINVAL,
				    "items[%zu].task: a task "
				    "item names the task's key",
				    i);
	if (r == QC_RULE_PARTIAL && it->full_at == it->zero_at)
		return qc_error_set(err, QC_EINVAL,
				    "items[%zu] (%s): partial "
				    "needs full_at and zero_at apart",
				    i, it->key);
	bool per_unit = k == QC_ITEM_TASK || k == QC_ITEM_REPORTING ||
			k == QC_ITEM_MANUAL || k == QC_ITEM_ACCOUNTABILITY;
	it->units = !applies ? true : strcmp(applies, "regions") != 0;
	it->regions = !applies ? !per_unit : strcmp(applies, "units") != 0;
	return QC_OK;
}

enum qc_rc qc_scheme_from_json(struct qc_scheme *s, const char *text,
			       size_t len, struct qc_error *err)
{
	json_error_t je;
	json_t *root, *items, *grades;
	enum qc_rc rc = QC_OK;
	double bottom;

	memset(s, 0, sizeof(*s));
	root = json_loadb(text, len, 0, &je);
	if (!root)
		return qc_error_set(err, QC_EINVAL, "line %d, column %d: %s",
				    je.line, je.column, je.text);
	if (!str(root, "format") ||
	    strcmp(str(root, "format"), "qcity-scheme/1")) {
		rc = qc_error_set(err, QC_EINVAL,
				  "format: expected "
				  "\"qcity-scheme/1\"");
		goto out;
	}
	s->title = qc_xstrdup(str(root, "title") ? str(root, "title") :
						   "scheme");
	s->year = (int)json_integer_value(json_object_get(root, "year"));
	if (s->year < 1949 || s->year > 2200) {
		rc = qc_error_set(err, QC_EINVAL, "year: a year is required");
		goto out;
	}
	if (!num(root, "criticise_bottom", 3, &bottom)) {
		rc = qc_error_set(err, QC_EINVAL, "criticise_bottom: a number");
		goto out;
	}
	s->bottom = (int)bottom;
	grades = json_object_get(root, "grades");
	for (size_t i = 0; i < json_array_size(grades) && i < 8; i++) {
		json_t *g = json_array_get(grades, i);
		if (!str(g, "grade") || !num(g, "min", 0, &s->grades[i].min)) {
			rc = qc_error_set(err, QC_EINVAL,
					  "grades[%zu]: needs "
					  "grade and min",
					  i);
			goto out;
		}
		snprintf(s->grades[i].name, sizeof(s->grades[i].name), "%s",
			 str(g, "grade"));
		s->n_grades++;
	}
	if (!s->n_grades) {
		static const struct qc_grade dflt[] = {
			{ "A", 90 }, { "B", 80 }, { "C", 60 }, { "D", 0 }
		};
		memcpy(s->grades, dflt, sizeof(dflt));
		s->n_grades = 4;
	}
	items = json_object_get(root, "items");
	if (!json_array_size(items)) {
		rc = qc_error_set(err, QC_EINVAL, "items: the scheme has none");
		goto out;
	}
	for (size_t i = 0; !rc && i < json_array_size(items); i++)
		rc = parse_item(s, json_array_get(items, i), i, err);
out:
	json_decref(root);
	return rc;
}

void qc_scheme_release(struct qc_scheme *s)
{
	for (size_t i = 0; i < s->n_items; i++) {
		free(s->items[i].key);
		free(s->items[i].name);
		free(s->items[i].target);
		free(s->items[i].task);
	}
	free(s->items);
	free(s->title);
	memset(s, 0, sizeof(*s));
}

const char *qc_scheme_grade(const struct qc_scheme *s, double score)
{
	for (size_t i = 0; i < s->n_grades; i++)
		if (score >= s->grades[i].min - 1e-9)
			return s->grades[i].name;
	return s->n_grades ? s->grades[s->n_grades - 1].name : "D";
}

/* The stored scheme of (plan, year): its id in *id and, when body is not
 * NULL, its text in *body (the caller frees it); 0 and NULL when there is
 * none. A failed read is an error, not "no scheme". */
static enum qc_rc scheme_row(struct qc_store *s, long long plan, int year,
			     int64_t *id, char **body, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	*id = 0;
	if (body)
		*body = NULL;
	rc = qc_stmt_row_ids(s,
			     "SELECT id, body FROM assessment_schemes WHERE"
			     " plan_id = ? AND year = ?",
			     QC_IDS(plan, year), &st, err);
	if (rc == QC_ROW && st) { /* st: for gcc -fanalyzer, as in store.c */
		*id = qc_stmt_int(st, 0);
		if (body)
			*body = qc_xstrdup(qc_stmt_text(st, 1));
	}
	qc_stmt_free(st);
	return rc == QC_ROW || rc == QC_DONE ? QC_OK : rc;
}

enum qc_rc qc_scheme_store(struct qc_store *s, long long plan_id,
			   const char *text, size_t len, const char *actor,
			   struct qc_error *err)
{
	struct qc_scheme sc;
	struct qc_stmt *st = NULL;
	char now[32], key[48], *before = NULL, *body = NULL;
	int64_t old;
	enum qc_rc rc;

	if ((rc = qc_scheme_from_json(&sc, text, len, err))) {
		qc_scheme_release(&sc);
		return rc;
	}
	body = qc_xstrndup(text, len);
	if ((rc = qc_store_begin(s, err)))
		goto done;
	if ((rc = scheme_row(s, plan_id, sc.year, &old, &before, err)))
		goto rollback;
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(s,
			     "INSERT INTO assessment_schemes (plan_id, year,"
			     " body, loaded_at) VALUES (?, ?, ?, ?)"
			     " ON CONFLICT (plan_id, year) DO UPDATE SET"
			     " body = excluded.body,"
			     " loaded_at = excluded.loaded_at",
			     &st, err);
	if (!rc) {
		qc_stmt_bind_int(st, 1, plan_id);
		qc_stmt_bind_int(st, 2, sc.year);
		qc_stmt_bind_text(st, 3, body);
		qc_stmt_bind_text(st, 4, now);
		rc = qc_stmt_run(st, err);
	}
	if (rc == QC_ECONFLICT)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no plan %lld (see `qcity "
				  "plan list`)",
				  plan_id);
	snprintf(key, sizeof(key), "%lld/%d", plan_id, sc.year);
	if (!rc)
		rc = qc_audit_add(s, actor, before ? "update" : "create",
				  "assessment_scheme", key, before, body, err);
rollback:
	if (rc)
		qc_store_rollback(s);
	else
		rc = qc_store_commit(s, err);
done:
	qc_stmt_free(st);
	free(before);
	free(body);
	qc_scheme_release(&sc);
	return rc;
}

/* The stored score as JSON for the audit log in *out (NULL when there is
 * none; the caller owns it). */
static enum qc_rc score_row(struct qc_store *s, int64_t scheme,
			    const char *item, const char *subject,
			    const char *step, json_t **out,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	*out = NULL;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT points, evidence, reason, actor, at"
				  " FROM assessment_scores WHERE scheme_id = ?"
				  " AND item_key = ? AND subject = ? AND"
				  " step = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, scheme);
	qc_stmt_bind_text(st, 2, item);
	qc_stmt_bind_text(st, 3, subject);
	qc_stmt_bind_text(st, 4, step);
	rc = qc_stmt_next(st, err);
	if (rc == QC_ROW)
		*out = qc_xjson_pack("{s:f, s:s?, s:s?, s:s?, s:s?}", "points",
				     qc_stmt_double(st, 0), "evidence",
				     qc_stmt_text(st, 1), "reason",
				     qc_stmt_text(st, 2), "actor",
				     qc_stmt_text(st, 3), "at",
				     qc_stmt_text(st, 4));
	qc_stmt_free(st);
	return rc == QC_ROW || rc == QC_DONE ? QC_OK : rc;
}

enum qc_rc qc_assess_record(struct qc_store *s, long long plan_id, int year,
			    const char *item, const char *subject,
			    const char *step, double points,
			    const char *evidence, const char *reason,
			    const char *actor, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char now[32], key[512];
	json_t *before = NULL;
	int64_t scheme;
	enum qc_rc rc;

	if (!step || (strcmp(step, "self") && strcmp(step, "verified") &&
		      strcmp(step, "final")))
		return qc_error_set(err, QC_EINVAL,
				    "step: '%s' is not self, "
				    "verified or final",
				    step ? step : "");
	if (!isfinite(points) || points < 0)
		return qc_error_set(err, QC_EINVAL, "points: not a number ≥ 0");
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = scheme_row(s, plan_id, year, &scheme, NULL, err)))
		goto out;
	if (!scheme) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "plan %lld has no scheme "
				  "for %d: load one with `qcity assess load "
				  "FILE --plan %lld`",
				  plan_id, year, plan_id);
		goto out;
	}
	if ((rc = score_row(s, scheme, item, subject, step, &before, err)))
		goto out;
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(s,
			     "INSERT INTO assessment_scores (scheme_id,"
			     " item_key, subject, step, points, evidence,"
			     " reason, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?,"
			     " ?, ?) ON CONFLICT (scheme_id, item_key, subject,"
			     " step) DO UPDATE SET points = excluded.points,"
			     " evidence = excluded.evidence,"
			     " reason = excluded.reason,"
			     " actor = excluded.actor, at = excluded.at",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_int(st, 1, scheme);
	qc_stmt_bind_text(st, 2, item);
	qc_stmt_bind_text(st, 3, subject);
	qc_stmt_bind_text(st, 4, step);
	qc_stmt_bind_double(st, 5, points);
	qc_stmt_bind_text(st, 6, evidence);
	qc_stmt_bind_text(st, 7, reason);
	qc_stmt_bind_text(st, 8, actor);
	qc_stmt_bind_text(st, 9, now);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	json_t *after = qc_xjson_pack("{s:s, s:s, s:s, s:f, s:s?, s:s?}",
				      "item", item, "subject", subject, "step",
				      step, "points", points, "evidence",
				      evidence, "reason", reason);
	snprintf(key, sizeof(key), "%lld/%s/%s/%s", (long long)scheme, item,
		 subject, step);
	rc = qc_audit_add_json(s, actor, before ? "update" : "score",
			       "assessment_score", key, before, after, err);
	before = NULL; /* taken over by the audit */
out:
	json_decref(before);
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}

static struct qc_scheme_item *add_item(struct qc_scheme *s, const char *key,
				       const char *name, enum qc_item_kind kind,
				       double points)
{
	QC_GROW(s->items, s->n_items + 1, s->alloc_items);
	struct qc_scheme_item *it = &s->items[s->n_items++];
	memset(it, 0, sizeof(*it));
	it->key = qc_xstrdup(key);
	it->name = qc_xstrdup(name);
	it->kind = kind;
	it->points = points;
	it->per_count = 1;
	it->units = true;
	it->regions = kind == QC_ITEM_TARGET || kind == QC_ITEM_VETO;
	return it;
}

void qc_eng_scheme_default(struct qc_scheme *s, const struct qc_plan_data *d,
			   int year, const struct qc_task_list *tasks)
{
	static const struct qc_grade grades[] = {
		{ "A", 90 }, { "B", 80 }, { "C", 60 }, { "D", 0 }
	};
	size_t n_targets = 0, n_tasks = 0;
	char key[32];

	memset(s, 0, sizeof(*s));
	s->year = year;
	s->title = qc_xstrdup("default");
	memcpy(s->grades, grades, sizeof(grades));
	s->n_grades = 4;
	s->bottom = 3;
	for (size_t i = 0; i < d->n_targets; i++)
		n_targets += d->targets[i].t.op != QC_OP_ZERO;
	for (size_t i = 0; i < tasks->n; i++)
		n_tasks += tasks->v[i].unit &&
			   (i == 0 ||
			    strcmp(tasks->v[i].key, tasks->v[i - 1].key));
	double for_tasks = n_tasks ? 20 : 0;
	for (size_t i = 0; i < d->n_targets; i++) {
		const struct eng_target *e = &d->targets[i];
		snprintf(key, sizeof(key), "%s%zu",
			 e->t.op == QC_OP_ZERO ? "V" : "T", i + 1);
		struct qc_scheme_item *it =
			add_item(s, key, e->t.indicator,
				 e->t.op == QC_OP_ZERO ? QC_ITEM_VETO :
							 QC_ITEM_TARGET,
				 e->t.op == QC_OP_ZERO ?
					 0 :
					 (80 - for_tasks) / (double)n_targets);
		it->target = qc_xstrdup(e->t.indicator);
	}
	struct qc_scheme_item *r = add_item(s, "R", "按时报送工作推进情况",
					    QC_ITEM_REPORTING, 20);
	r->rule = QC_RULE_DEDUCT;
	r->per_late = 0.5;
	r->per_missing = 1;
	for (size_t i = 0; i < tasks->n; i++) {
		const struct qc_task_status *t = &tasks->v[i];
		if (!t->unit || (i && !strcmp(t->key, tasks->v[i - 1].key)))
			continue;
		snprintf(key, sizeof(key), "K%zu", i + 1);
		struct qc_scheme_item *it =
			add_item(s, key, t->title ? t->title : t->key,
				 QC_ITEM_TASK, for_tasks / n_tasks);
		it->task = qc_xstrdup(t->key);
	}
	/* Accountability records deduct from the score: 1 per 约谈, 2 per
	 * 通报批评, 5 per 问责, at most 10 (a line only for units that have
	 * records, so the default's other figures do not move). */
	struct qc_scheme_item *a = add_item(s, "A", "问责扣分",
					    QC_ITEM_ACCOUNTABILITY, 10);
	a->regions = false;
	a->per_acc[0] = 1;
	a->per_acc[1] = 2;
	a->per_acc[2] = 5;
}
