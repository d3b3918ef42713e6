/* Plans in the database: one transaction per import, read back whole. */
#include <jansson.h>
#include "qcity/json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/indicator.h"
#include "qcity/model.h"
#include "qcity/plan_store.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "plan_store_int.h"
#include "banned.h"

void qc_pst_keymap_put(struct keymap *m, const char *key, int64_t id)
{
	QC_GROW(m->key, m->n + 1, m->alloc_k);
	QC_GROW(m->id, m->n + 1, m->alloc_i);
	m->key[m->n] = key;
	m->id[m->n++] = id;
}

int64_t qc_pst_keymap_get(const struct keymap *m, const char *key)
{
	for (size_t i = 0; key && i < m->n; i++)
		if (!strcmp(m->key[i], key))
			return m->id[i];
	return 0;
}

void qc_pst_keymap_release(struct keymap *m)
{
	free(m->key);
	free(m->id);
	memset(m, 0, sizeof(*m));
}

void qc_pst_bind_int0(struct qc_stmt *st, int i, int64_t v)
{
	if (v)
		qc_stmt_bind_int(st, i, v);
	else
		qc_stmt_bind_null(st, i);
}

static enum qc_rc find_existing(struct import *im, int64_t *id)
{
	const struct qc_plan *p = im->p;
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	*id = 0;
	if (p->doc_number) {
		rc = qc_stmt_prepare(im->s,
				     "SELECT id FROM plans WHERE"
				     " doc_number = ?",
				     &st, im->err);
		if (rc)
			return rc;
		qc_stmt_bind_text(st, 1, p->doc_number);
	} else {
		rc = qc_stmt_prepare(im->s,
				     "SELECT id FROM plans WHERE"
				     " title = ? AND doc_number IS NULL AND"
				     " (region_code = ? OR (region_code IS NULL"
				     " AND CAST(? AS TEXT) IS NULL))",
				     &st, im->err);
		if (rc)
			return rc;
		qc_stmt_bind_text(st, 1, p->title);
		qc_stmt_bind_text(st, 2, im->region);
		qc_stmt_bind_text(st, 3, im->region);
	}
	r = qc_stmt_next(st, im->err);
	if (r == QC_ROW)
		*id = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static enum qc_rc insert_head(struct import *im)
{
	const struct qc_plan *p = im->p;
	struct qc_stmt *st;
	int64_t parent = 0;
	char now[32];
	enum qc_rc rc;

	if (p->parent) {
		rc = qc_stmt_prepare(im->s,
				     "SELECT id FROM plans WHERE"
				     " doc_number = ? OR title = ?",
				     &st, im->err);
		if (rc)
			return rc;
		qc_stmt_bind_text(st, 1, p->parent);
		qc_stmt_bind_text(st, 2, p->parent);
		if (qc_stmt_next(st, NULL) == QC_ROW)
			parent = qc_stmt_int(st, 0);
		qc_stmt_free(st);
	}
	rc = qc_stmt_prepare(im->s,
			     "INSERT INTO plans (title, doc_number,"
			     " issuer, issue_date, region_code, region_name,"
			     " period_start, period_end, parent_id, parent_ref,"
			     " status, source, group_name, group_leader,"
			     " office_host, group_line, created_at) VALUES"
			     " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
			     " RETURNING id",
			     &st, im->err);
	if (rc)
		return rc;
	qc_now_iso(now, sizeof(now));
	qc_stmt_bind_text(st, 1, p->title);
	qc_stmt_bind_text(st, 2, p->doc_number);
	qc_stmt_bind_text(st, 3, p->issuer);
	qc_stmt_bind_text(st, 4, p->issue_date);
	qc_stmt_bind_text(st, 5, im->region);
	qc_stmt_bind_text(st, 6, p->region_name);
	qc_pst_bind_int0(st, 7, p->period_start);
	qc_pst_bind_int0(st, 8, p->period_end);
	qc_pst_bind_int0(st, 9, parent);
	qc_stmt_bind_text(st, 10, p->parent);
	qc_stmt_bind_text(st, 11, p->status ? p->status : "draft");
	qc_stmt_bind_text(st, 12, p->source);
	qc_stmt_bind_text(st, 13, p->group.name);
	qc_stmt_bind_text(st, 14, p->group.leader);
	qc_stmt_bind_text(st, 15, p->group.office_host);
	qc_pst_bind_int0(st, 16, p->group.line);
	qc_stmt_bind_text(st, 17, now);
	rc = qc_stmt_run_id(st, &im->plan_id, im->err);
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_pst_insert_owners(struct import *im, const char *sql,
				int64_t owner_of, const struct qc_owner_list *l)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if (!l->n)
		return QC_OK;
	if ((rc = qc_stmt_prepare(im->s, sql, &st, im->err)))
		return rc;
	int64_t seq = 0;
	for (size_t i = 0; !rc && i < l->n; i++) {
		const struct qc_owner *o = &l->v[i];
		/* 各成员单位 stands for the group's members; other collective
		 * phrases stay text on the row, with no unit (docs/units.md). */
		bool members = qc_unit_collective(o->unit) == QC_UNIT_MEMBERS &&
			       im->p->group.n_members;
		size_t n = members ? im->p->group.n_members : 1;
		for (size_t k = 0; !rc && k < n; k++) {
			const char *name = members ? im->p->group.members[k] :
						     o->unit;
			char *canon = NULL;
			int64_t unit = 0;
			if (members && qc_unit_collective(name))
				continue;
			if (im->region)
				rc = qc_unit_ensure_named(im->s, im->region,
							  name, im->actor,
							  &unit, &canon,
							  im->err);
			if (rc)
				break;
			qc_stmt_reset(st);
			qc_stmt_bind_int(st, 1, owner_of);
			qc_stmt_bind_int(st, 2, ++seq);
			qc_stmt_bind_text(st, 3, o->written);
			qc_stmt_bind_text(st, 4, canon ? canon : name);
			qc_pst_bind_int0(st, 5, unit);
			qc_stmt_bind_text(st, 6, qc_role_name(o->role));
			rc = qc_stmt_run(st, im->err);
			free(canon);
		}
	}
	qc_stmt_free(st);
	return rc;
}

/* Units of one role joined with 、 (NULL if none; caller frees). */
static char *join_role(const struct qc_owner_list *l, enum qc_role role)
{
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_init(&b, 0);
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].role == role) {
			if (b.len)
				qc_buf_adds(&b, "、");
			qc_buf_adds(&b, l->v[i].written);
		}
	if (!b.len)
		return NULL;
	return qc_buf_detach(&b, NULL);
}

enum qc_rc qc_pst_insert_parts(struct import *im, int64_t target_id,
			       const struct qc_target *t)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if (!t->n_parts)
		return QC_OK;
	rc = qc_stmt_prepare(im->s,
			     "INSERT INTO target_parts (target_id, seq,"
			     " region_code, op, value, value_max, due_year,"
			     " lead, co) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     &st, im->err);
	for (size_t k = 0; !rc && k < t->n_parts; k++) {
		const struct qc_target_part *q = &t->parts[k];
		char code[QC_REGION_CODE_SIZE], *lead, *co;
		if (q->region &&
		    (rc = qc_region_resolve(im->s, q->region, code, im->err))) {
			qc_error_prefix(im->err, "parts[%zu].region", k);
			break;
		}
		lead = join_role(&q->owners, QC_ROLE_LEAD);
		co = join_role(&q->owners, QC_ROLE_CO);
		qc_stmt_reset(st);
		qc_stmt_bind_int(st, 1, target_id);
		qc_stmt_bind_int(st, 2, (int64_t)k);
		qc_stmt_bind_text(st, 3, q->region ? code : NULL);
		qc_stmt_bind_text(st, 4, qc_op_name(q->op));
		if (q->has_value)
			qc_stmt_bind_double(st, 5, q->value);
		if (q->has_value_max)
			qc_stmt_bind_double(st, 6, q->value_max);
		qc_pst_bind_int0(st, 7, q->year);
		qc_stmt_bind_text(st, 8, lead);
		qc_stmt_bind_text(st, 9, co);
		rc = qc_stmt_run(st, im->err);
		free(lead);
		free(co);
	}
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_pst_target_series(struct import *im, const struct qc_target *t,
				int64_t *id)
{
	bool lower = t->op == QC_OP_LE || t->op == QC_OP_DECREASE ||
		     t->op == QC_OP_ZERO;
	/* The series is the indicator as the plan names it; the catalogue
	 * entry is only its link (issue 11). "+5%" is a change, not the
	 * series' unit. */
	return qc_indicator_series(im->s, t->indicator,
				   qc_target_series_unit(t->op, t->unit), lower,
				   t->canonical, im->actor, id, im->err);
}

enum qc_rc qc_pst_insert_rest(struct import *im)
{
	const struct qc_plan *p = im->p;
	struct qc_stmt *st;
	enum qc_rc rc;

	rc = qc_stmt_prepare(im->s,
			     "INSERT INTO report_duties (plan_id, kind,"
			     " grace_days, text, line, seq) VALUES"
			     " (?, ?, ?, ?, ?, ?)",
			     &st, im->err);
	for (size_t i = 0; !rc && i < p->n_duties; i++) {
		qc_stmt_reset(st);
		qc_stmt_bind_int(st, 1, im->plan_id);
		qc_stmt_bind_text(st, 2,
				  qc_report_kind_name(p->duties[i].kind));
		qc_stmt_bind_int(st, 3, p->duties[i].grace_days);
		qc_stmt_bind_text(st, 4, p->duties[i].text);
		qc_pst_bind_int0(st, 5, p->duties[i].line);
		qc_stmt_bind_int(st, 6, (int64_t)i);
		rc = qc_stmt_run(st, im->err);
	}
	qc_stmt_free(st);
	if (rc)
		return rc;
	rc = qc_stmt_prepare(im->s,
			     "INSERT INTO assessment_rules (plan_id,"
			     " text, line, seq) VALUES (?, ?, ?, ?)",
			     &st, im->err);
	for (size_t i = 0; !rc && i < p->n_rules; i++) {
		qc_stmt_reset(st);
		qc_stmt_bind_int(st, 1, im->plan_id);
		qc_stmt_bind_text(st, 2, p->rules[i].text);
		qc_pst_bind_int0(st, 3, p->rules[i].line);
		qc_stmt_bind_int(st, 4, (int64_t)i);
		rc = qc_stmt_run(st, im->err);
	}
	qc_stmt_free(st);
	if (rc)
		return rc;
	rc = qc_stmt_prepare(im->s,
			     "INSERT INTO plan_members (plan_id, seq,"
			     " written, unit_id) VALUES (?, ?, ?, ?)",
			     &st, im->err);
	for (size_t i = 0; !rc && i < p->group.n_members; i++) {
		int64_t unit = 0;
		if (im->region)
			rc = qc_unit_ensure(im->s, im->region,
					    p->group.members[i], im->actor,
					    &unit, im->err);
		if (rc)
			break;
		qc_stmt_reset(st);
		qc_stmt_bind_int(st, 1, im->plan_id);
		qc_stmt_bind_int(st, 2, (int64_t)i);
		qc_stmt_bind_text(st, 3, p->group.members[i]);
		qc_pst_bind_int0(st, 4, unit);
		rc = qc_stmt_run(st, im->err);
	}
	qc_stmt_free(st);
	return rc;
}

static enum qc_rc audit_import(struct import *im, int64_t replaced)
{
	char key[32];

	snprintf(key, sizeof(key), "%lld", (long long)im->plan_id);
	return qc_audit_add_json(im->s, im->actor,
				 replaced ? "replace" : "create", "plan", key,
				 NULL,
				 qc_xjson_pack("{s:s, s:s?, s:s?, s:i, s:i, s:i}",
					       "title", im->p->title,
					       "doc_number", im->p->doc_number,
					       "region", im->region, "targets",
					       (int)im->p->n_targets, "tasks",
					       (int)im->p->n_tasks, "replaced",
					       (int)replaced),
				 im->err);
}

static enum qc_rc resolve_region(struct qc_store *s, const struct qc_plan *p,
				 char code[QC_REGION_CODE_SIZE],
				 struct qc_error *err)
{
	enum qc_rc rc;
	if (p->region_code)
		rc = qc_region_resolve(s, p->region_code, code, err);
	else if (p->region_name)
		rc = qc_region_resolve(s, p->region_name, code, err);
	else
		return QC_ENOTFOUND;
	if (rc)
		qc_error_prefix(err, "plan.region");
	return rc;
}

enum qc_rc qc_plan_import(struct qc_store *s, const struct qc_plan *p,
			  bool replace, const char *actor, long long *id,
			  struct qc_error *err)
{
	struct import im = { .s = s, .p = p, .actor = actor, .err = err };
	char code[QC_REGION_CODE_SIZE];
	int64_t old = 0;
	enum qc_rc rc;

	if ((rc = qc_plan_validate(p, err)))
		return rc;
	rc = resolve_region(s, p, code, err);
	if (rc && rc != QC_ENOTFOUND)
		return rc;
	if (rc == QC_ENOTFOUND && (p->region_code || p->region_name))
		return rc;
	im.region = rc ? NULL : code;
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = find_existing(&im, &old)))
		goto out;
	if (old && !replace) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "a plan %s is already "
				  "stored as plan %lld; use --replace to "
				  "replace it",
				  p->doc_number ? p->doc_number : p->title,
				  (long long)old);
		goto out;
	}
	/* A plan imported again is written over in place (plan_upsert.c):
	 * its id and those of its goals, targets and tasks stay, and with
	 * them values, decomposition, progress reports and acknowledgements.
	 * Versions before the first re-import keep how it stood. */
	if (old) {
		struct qc_plan was;
		im.plan_id = old;
		qc_plan_init(&was);
		if (!(rc = qc_plan_load(s, old, &was, err)))
			rc = qc_pst_version_first(s, old, &was, actor, err);
		qc_plan_release(&was);
		if (rc)
			goto out;
	} else if ((rc = insert_head(&im))) {
		goto out;
	}
	if ((rc = qc_pst_rewrite(&im, true)) || (rc = audit_import(&im, old)))
		goto out;
	/* The plan as stored (targets keyed, regions as codes) is its next
	 * version (1 when new). */
	{
		struct qc_plan stored;
		qc_plan_init(&stored);
		if (!(rc = qc_plan_load(s, im.plan_id, &stored, err)))
			rc = qc_pst_version_record(s, im.plan_id, &stored,
						   "imported", actor, NULL,
						   err);
		qc_plan_release(&stored);
	}
out:
	if (rc) {
		qc_store_rollback(s);
		return rc;
	}
	if ((rc = qc_store_commit(s, err)))
		return rc;
	if (id)
		*id = im.plan_id;
	return QC_OK;
}
