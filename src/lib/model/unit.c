/* Units: the member departments of a region's leading group. */
#include <jansson.h>
#include "qcity/json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "banned.h"

enum qc_rc qc_unit_find(struct qc_store *s, const char *region_code,
			const char *name, int64_t *id, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;

	rc = qc_stmt_prepare(s, "SELECT id FROM units WHERE region_code = ?"
			     " AND name = ?", &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, region_code);
	qc_stmt_bind_text(st, 2, name);
	r = qc_stmt_step(st, err);
	if (r == QC_STEP_ROW)
		*id = qc_stmt_int(st, 0);
	else if (r == QC_STEP_DONE)
		rc = qc_error_set(err, QC_ENOTFOUND, "no unit '%s' in region "
				  "%s (add it with `qcity unit add`)", name,
				  region_code);
	else
		rc = err ? err->code : QC_EDB;
	qc_stmt_free(st);
	return rc;
}

static bool valid_kind(const char *kind)
{
	return !strcmp(kind, "member") || !strcmp(kind, "office") ||
	       !strcmp(kind, "government");
}

enum qc_rc qc_unit_add(struct qc_store *s, const char *region_code,
		       const char *name, const char *kind, const char *actor,
		       int64_t *id, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	int64_t uid = 0, dummy;
	char now[32], key[32];
	enum qc_rc rc;

	if (!kind)
		kind = "member";
	if (!name || !*name || strlen(name) > 200)
		return qc_error_set(err, QC_EINVAL, "unit name: must be 1 to "
				    "200 bytes");
	if (!valid_kind(kind))
		return qc_error_set(err, QC_EINVAL, "unit kind: '%s' is not "
				    "member, office or government", kind);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if (qc_unit_find(s, region_code, name, &dummy, NULL) == QC_OK) {
		rc = qc_error_set(err, QC_ECONFLICT, "unit '%s' already exists "
				  "in region %s", name, region_code);
		goto out;
	}
	rc = qc_stmt_prepare(s, "INSERT INTO units (region_code, name, kind,"
			     " created_at) VALUES (?, ?, ?, ?) RETURNING id",
			     &st, err);
	if (rc)
		goto out;
	qc_now_iso(now, sizeof(now));
	qc_stmt_bind_text(st, 1, region_code);
	qc_stmt_bind_text(st, 2, name);
	qc_stmt_bind_text(st, 3, kind);
	qc_stmt_bind_text(st, 4, now);
	if ((rc = qc_stmt_run_id(st, &uid, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)uid);
	rc = qc_audit_add_json(s, actor, "create", "unit", key, NULL,
			       qc_xjson_pack("{s:I, s:s, s:s, s:s}", "id",
					 (json_int_t)uid, "region", region_code,
					 "name", name, "kind", kind), err);
out:
	qc_stmt_free(st);
	if (rc) {
		qc_store_rollback(s);
		if (rc == QC_ECONFLICT && err && !strstr(err->msg, "already"))
			qc_error_prefix(err, "unit '%s'", name);
		return rc;
	}
	if (id)
		*id = uid;
	return qc_store_commit(s, err);
}

enum qc_rc qc_unit_ensure(struct qc_store *s, const char *region_code,
			  const char *name, const char *actor, int64_t *id,
			  struct qc_error *err)
{
	if (qc_unit_find(s, region_code, name, id, NULL) == QC_OK)
		return QC_OK;
	return qc_unit_add(s, region_code, name, "member", actor, id, err);
}

enum qc_rc qc_unit_list(struct qc_store *s, const char *region_code,
			struct qc_unit_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_prepare(s, "SELECT id, region_code, name, kind FROM units"
			     " WHERE (CAST(? AS TEXT) IS NULL OR region_code = ?)"
			     " ORDER BY region_code, kind DESC, id", &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, region_code);
	qc_stmt_bind_text(st, 2, region_code);
	while ((r = qc_stmt_step(st, err)) == QC_STEP_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_unit *u = &out->v[out->n++];
		u->id = qc_stmt_int(st, 0);
		snprintf(u->region_code, sizeof(u->region_code), "%s",
			 qc_stmt_text(st, 1));
		u->name = qc_xstrdup(qc_stmt_text(st, 2));
		u->kind = qc_xstrdup(qc_stmt_text(st, 3));
	}
	qc_stmt_free(st);
	return r == QC_STEP_DONE ? QC_OK : (err ? err->code : QC_EDB);
}

void qc_unit_list_release(struct qc_unit_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].kind);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
