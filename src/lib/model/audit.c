/* The audit log: who changed what, when, with the row before and after. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "banned.h"

enum qc_rc qc_audit_add(struct qc_store *s, const char *actor,
			const char *action, const char *entity, const char *key,
			const char *before, const char *after,
			struct qc_error *err)
{
	struct qc_stmt *st;
	char now[32];
	enum qc_rc rc;

	rc = qc_stmt_prepare(s,
			     "INSERT INTO audit_log (at, actor, action,"
			     " entity, entity_key, before_json, after_json)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?)",
			     &st, err);
	if (rc)
		return rc;
	qc_now_iso(now, sizeof(now));
	qc_stmt_bind_text(st, 1, now);
	qc_stmt_bind_text(st, 2, actor && *actor ? actor : "unknown");
	qc_stmt_bind_text(st, 3, action);
	qc_stmt_bind_text(st, 4, entity);
	qc_stmt_bind_text(st, 5, key);
	qc_stmt_bind_text(st, 6, before);
	qc_stmt_bind_text(st, 7, after);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_audit_add_json(struct qc_store *s, const char *actor,
			     const char *action, const char *entity,
			     const char *key, json_t *before, json_t *after,
			     struct qc_error *err)
{
	char *b = before ? json_dumps(before, JSON_COMPACT) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT) : NULL;
	enum qc_rc rc = qc_audit_add(s, actor, action, entity, key, b, a, err);
	free(b);
	free(a);
	json_decref(before);
	json_decref(after);
	return rc;
}

enum qc_rc qc_audit_list(struct qc_store *s, const char *entity, int limit,
			 struct qc_audit_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_prepare(
		s,
		"SELECT id, at, actor, action, entity,"
		" entity_key, before_json, after_json"
		" FROM audit_log WHERE (CAST(? AS TEXT) IS NULL OR entity = ?)"
		" ORDER BY id DESC LIMIT ?",
		&st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, entity);
	qc_stmt_bind_text(st, 2, entity);
	qc_stmt_bind_int(st, 3, limit > 0 ? limit : 50);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_audit_entry *e = &out->v[out->n++];
		e->id = qc_stmt_int(st, 0);
		e->at = qc_xstrdup(qc_stmt_text(st, 1));
		e->actor = qc_xstrdup(qc_stmt_text(st, 2));
		e->action = qc_xstrdup(qc_stmt_text(st, 3));
		e->entity = qc_xstrdup(qc_stmt_text(st, 4));
		e->key = qc_xstrdup(qc_stmt_text(st, 5));
		e->before = qc_xstrdup(qc_stmt_text(st, 6));
		e->after = qc_xstrdup(qc_stmt_text(st, 7));
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

void qc_audit_list_release(struct qc_audit_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct qc_audit_entry *e = &l->v[i];
		free(e->at);
		free(e->actor);
		free(e->action);
		free(e->entity);
		free(e->key);
		free(e->before);
		free(e->after);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
