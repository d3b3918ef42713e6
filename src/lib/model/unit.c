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
#include "qcity/strbuf.h"
#include "banned.h"

static enum qc_rc find_exact(struct qc_store *s, const char *region_code,
			     const char *name, int64_t *id,
			     struct qc_error *err)
{
	bool found;
	enum qc_rc rc = qc_store_get_int(s,
					 "SELECT id FROM units WHERE"
					 " region_code = ? AND name = ?",
					 QC_TEXTS(region_code, name), id,
					 &found, err);
	if (!rc && !found)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no unit '%s' in region "
				  "%s (add it with `qcity unit add`)",
				  name, region_code);
	return rc;
}

enum qc_rc qc_unit_find(struct qc_store *s, const char *region_code,
			const char *name, int64_t *id, struct qc_error *err)
{
	char *canon = NULL;
	enum qc_rc rc = find_exact(s, region_code, name, id, err);

	if (rc != QC_ENOTFOUND)
		return rc;
	if ((rc = qc_unit_canonical(s, region_code, name, &canon, err)))
		return rc;
	rc = find_exact(s, region_code, canon, id, err);
	if (rc == QC_ENOTFOUND && strcmp(canon, name))
		qc_error_prefix(err, "'%s' is '%s'", name, canon);
	free(canon);
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
		return qc_error_set(err, QC_EINVAL,
				    "unit name: must be 1 to "
				    "200 bytes");
	if (!valid_kind(kind))
		return qc_error_set(err, QC_EINVAL,
				    "unit kind: '%s' is not "
				    "member, office or government",
				    kind);
	/* 各乡镇, 各成员单位 … name many units or regions, never one to
	 * score (docs/units.md). */
	if (qc_unit_collective(name))
		return qc_error_set(err, QC_EINVAL,
				    "unit name: '%s' names "
				    "many units or the lower regions, not one "
				    "unit; add each unit by its own name",
				    name);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if (find_exact(s, region_code, name, &dummy, NULL) == QC_OK) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "unit '%s' already exists "
				  "in region %s",
				  name, region_code);
		goto out;
	}
	rc = qc_stmt_prepare(s,
			     "INSERT INTO units (region_code, name, kind,"
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
					     (json_int_t)uid, "region",
					     region_code, "name", name, "kind",
					     kind),
			       err);
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

/* The level prefix units of a region carry: 省 for a province, 市 for a
 * prefecture, else 区 or 县 as the region's name ends. */
static const char *region_level(struct qc_store *s, const char *code)
{
	struct qc_region r;
	const char *p = NULL;

	if (strlen(code) != 6)
		return NULL;
	if (!strcmp(code + 2, "0000"))
		return "省";
	if (!strcmp(code + 4, "00"))
		return "市";
	if (qc_region_get(s, code, &r, NULL) == QC_OK) {
		size_t n = strlen(r.name);
		if (n >= 3 && !strcmp(r.name + n - 3, "县"))
			p = "县";
		else if (n >= 3 && !strcmp(r.name + n - 3, "区"))
			p = "区";
		qc_region_release(&r);
	}
	return p;
}

enum qc_rc qc_unit_ensure_named(struct qc_store *s, const char *region_code,
				const char *name, const char *actor,
				int64_t *id, char **unit_name,
				struct qc_error *err)
{
	char *canon = NULL;
	const char *lv;
	enum qc_rc rc;

	*id = 0;
	if (unit_name)
		*unit_name = NULL;
	if (qc_unit_collective(name))
		return QC_OK; /* a phrase, not a unit */
	if ((rc = qc_unit_canonical(s, region_code, name, &canon, err)))
		return rc;
	if (find_exact(s, region_code, canon, id, NULL) == QC_OK)
		goto out;
	/* 人民银行 in a list without prefixes is the 市人民银行 the region
	 * already has. */
	if ((lv = region_level(s, region_code)) &&
	    strncmp(canon, lv, strlen(lv))) {
		struct qc_buf b = QC_BUF_INIT;
		char *full;
		qc_buf_init(&b, 256);
		qc_buf_adds(&b, lv);
		qc_buf_adds(&b, canon);
		full = qc_buf_detach(&b, NULL);
		if (find_exact(s, region_code, full, id, NULL) == QC_OK) {
			free(canon);
			canon = full;
			goto out;
		}
		free(full);
	}
	rc = qc_unit_add(s, region_code, canon, "member", actor, id, err);
out:
	if (!rc && unit_name) {
		*unit_name = canon;
		canon = NULL;
	}
	free(canon);
	return rc;
}

enum qc_rc qc_unit_ensure(struct qc_store *s, const char *region_code,
			  const char *name, const char *actor, int64_t *id,
			  struct qc_error *err)
{
	return qc_unit_ensure_named(s, region_code, name, actor, id, NULL, err);
}

enum qc_rc qc_unit_list(struct qc_store *s, const char *region_code,
			struct qc_unit_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_prepare(s,
			     "SELECT id, region_code, name, kind FROM units"
			     " WHERE (CAST(? AS TEXT) IS NULL OR region_code = ?)"
			     " ORDER BY region_code, kind DESC, id",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, region_code);
	qc_stmt_bind_text(st, 2, region_code);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_unit *u = &out->v[out->n++];
		u->id = qc_stmt_int(st, 0);
		snprintf(u->region_code, sizeof(u->region_code), "%s",
			 qc_stmt_text(st, 1));
		u->name = qc_xstrdup(qc_stmt_text(st, 2));
		u->kind = qc_xstrdup(qc_stmt_text(st, 3));
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
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
