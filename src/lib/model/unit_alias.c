/* The unit registry's names: one unit under the names plans give it
 * (aliases, traditional or simplified characters), and the collective
 * phrases that are no unit at all (docs/units.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/json.h"
#include "qcity/alloc.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "qcity/text.h"
#include "banned.h"

#define NAME_MAX_BYTES 200

static bool has(const char *s, const char *w)
{
	return strstr(s, w) != NULL;
}

static bool starts(const char *s, const char *w)
{
	return !strncmp(s, w, strlen(w));
}

/* Simplified form of a name, for the tests below and the lookups; the
 * caller frees it. Without OpenCC the name is kept as written. */
static char *simplified(const char *name)
{
	struct qc_buf b = QC_BUF_INIT;
	size_t n = strlen(name);

	qc_buf_init(&b, 4 * n + 16);
	/* Every name, not only those qc_text_has_traditional spots: its
	 * quick test misses 檢驗檢疫局 and 廣電局. */
	if (qc_text_t2s(name, n, &b, NULL) != QC_OK)
		qc_buf_add(&b, name, n);
	return qc_buf_detach(&b, NULL);
}

static enum qc_unit_collective classify(const char *s)
{
	static const char *const lower[] = { "乡镇", "街道", "县", "区",
					     "市州", "地市", "旗" };
	static const char *const any[] = { "有关部门", "有关单位", "相关部门",
					   "相关单位", "各部门",   "各单位",
					   "职能部门", "责任单位" };

	if (has(s, "成员单位"))
		return QC_UNIT_MEMBERS;
	/* 相关县(市、区)政府, 有关乡镇: some lower regions, not named (and
	 * not all of them, so no parts per region) */
	if (starts(s, "相关") || starts(s, "有关"))
		return QC_UNIT_OTHER;
	if (starts(s, "各") || has(s, "所属各")) {
		for (size_t i = 0; i < sizeof(lower) / sizeof(*lower); i++)
			if (has(s, lower[i]) && !has(s, "局") && !has(s, "委"))
				return QC_UNIT_LOWER;
		return QC_UNIT_OTHER;
	}
	for (size_t i = 0; i < sizeof(any) / sizeof(*any); i++)
		if (has(s, any[i]))
			return QC_UNIT_OTHER;
	return QC_UNIT_ONE;
}

enum qc_unit_collective qc_unit_collective(const char *name)
{
	enum qc_unit_collective c;
	char *s;

	if (!name || !*name)
		return QC_UNIT_OTHER;
	s = simplified(name);
	c = classify(s);
	free(s);
	return c;
}

/* The level prefix a unit name starts with (市交通局 → 市), not 市场. */
static size_t level_prefix(const char *s)
{
	static const char *const p[] = { "省", "市", "区", "县", "州", "旗" };
	if (starts(s, "市场"))
		return 0;
	for (size_t i = 0; i < sizeof(p) / sizeof(*p); i++)
		if (starts(s, p[i]))
			return strlen(p[i]);
	return 0;
}

/* The alias row for name in region (its own before the general), or
 * NULL in *out. */
static enum qc_rc lookup(struct qc_store *s, const char *region,
			 const char *name, char **out, struct qc_error *err)
{
	return qc_store_get_text(s,
				 "SELECT name FROM unit_aliases WHERE"
				 " alias = ? AND region_code IN (?, '') ORDER"
				 " BY region_code DESC",
				 QC_TEXTS(name, region ? region : ""), out,
				 err);
}

enum qc_rc qc_unit_canonical(struct qc_store *s, const char *region_code,
			     const char *name, char **out, struct qc_error *err)
{
	char *simple = simplified(name), *to = NULL;
	size_t k = level_prefix(simple);
	enum qc_rc rc;

	*out = NULL;
	if ((rc = lookup(s, region_code, simple, &to, err)))
		goto out;
	if (to) {
		*out = to;
		goto out;
	}
	if (k && (rc = lookup(s, region_code, simple + k, &to, err)))
		goto out;
	if (to) {
		struct qc_buf b = QC_BUF_INIT;
		qc_buf_init(&b, 256);
		qc_buf_add(&b, simple, k);
		qc_buf_adds(&b, to);
		*out = qc_buf_detach(&b, NULL);
		free(to);
		goto out;
	}
	*out = simple;
	simple = NULL;
out:
	free(simple);
	return rc;
}

/* An alias or name as stored: simplified, without its level prefix. */
static char *stored_form(const char *name)
{
	char *s = simplified(name), *r;
	size_t k = level_prefix(s);
	r = qc_xstrdup(s + k);
	free(s);
	return r;
}

static enum qc_rc check_names(const char *alias, const char *name,
			      struct qc_error *err)
{
	if (!alias || !*alias || strlen(alias) > NAME_MAX_BYTES || !name ||
	    !*name || strlen(name) > NAME_MAX_BYTES)
		return qc_error_set(err, QC_EINVAL,
				    "unit alias: alias and "
				    "name must be 1 to %d bytes",
				    NAME_MAX_BYTES);
	if (qc_unit_collective(alias) || qc_unit_collective(name))
		return qc_error_set(err, QC_EINVAL,
				    "unit alias '%s' → '%s': "
				    "a collective phrase (各…, …有关部门, …成员"
				    "单位) is no unit and takes no alias",
				    alias, name);
	return QC_OK;
}

static json_t *alias_json(const char *region, const char *alias,
			  const char *name, const char *note)
{
	return qc_xjson_pack("{s:s, s:s, s:s, s:s?}", "region", region, "alias",
			     alias, "name", name, "note", note);
}

/* Insert or replace one alias inside the caller's transaction. */
static enum qc_rc put(struct qc_store *s, const char *region,
		      const char *alias_in, const char *name_in,
		      const char *note, const char *source, bool replace,
		      const char *actor, bool *added, struct qc_error *err)
{
	char *alias = stored_form(alias_in), *name = stored_form(name_in);
	char *old = NULL, key[256];
	struct qc_stmt *st = NULL;
	enum qc_rc rc;

	*added = false;
	if (!strcmp(alias, name)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "unit alias '%s': names the "
				  "unit itself",
				  alias_in);
		goto out;
	}
	rc = qc_store_get_text(s,
			       "SELECT name FROM unit_aliases WHERE"
			       " region_code = ? AND alias = ?",
			       QC_TEXTS(region, alias), &old, err);
	if (rc || (old && (!replace || !strcmp(old, name))))
		goto out;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO unit_aliases (region_code, alias,"
			     " name, note, source) VALUES (?, ?, ?, ?, ?)"
			     " ON CONFLICT (region_code, alias) DO UPDATE SET"
			     " name = excluded.name, note = excluded.note,"
			     " source = excluded.source",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_text(st, 1, region);
	qc_stmt_bind_text(st, 2, alias);
	qc_stmt_bind_text(st, 3, name);
	qc_stmt_bind_text(st, 4, note);
	qc_stmt_bind_text(st, 5, source);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	snprintf(key, sizeof(key), "%s/%s", region, alias);
	rc = qc_audit_add_json(s, actor, old ? "update" : "create",
			       "unit_alias", key,
			       old ? alias_json(region, alias, old, NULL) :
				     NULL,
			       alias_json(region, alias, name, note), err);
	*added = !rc;
out:
	qc_stmt_free(st);
	free(alias);
	free(name);
	free(old);
	return rc;
}

enum qc_rc qc_unit_alias_set(struct qc_store *s, const char *region_code,
			     const char *alias, const char *name,
			     const char *note, const char *actor,
			     struct qc_error *err)
{
	enum qc_rc rc;
	bool added;

	if ((rc = check_names(alias, name, err)))
		return rc;
	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = put(s, region_code ? region_code : "", alias, name, note, "cli",
		 true, actor, &added, err);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_unit_alias_names_unit(struct qc_store *s, const char *region_code,
				    const char *name, bool *found,
				    struct qc_error *err)
{
	struct qc_unit_list l;
	char *want = stored_form(name ? name : "");
	enum qc_rc rc = qc_unit_list(s, region_code, &l, err);

	*found = false;
	for (size_t i = 0; !rc && !*found && i < l.n; i++) {
		char *have = stored_form(l.v[i].name);
		*found = !strcmp(have, want);
		free(have);
	}
	if (!rc)
		qc_unit_list_release(&l);
	free(want);
	return rc;
}

enum qc_rc qc_unit_alias_remove(struct qc_store *s, const char *region_code,
				const char *alias_in, const char *actor,
				struct qc_error *err)
{
	const char *region = region_code ? region_code : "";
	char *alias = stored_form(alias_in ? alias_in : ""), *old = NULL;
	char key[256];
	enum qc_rc rc;

	if ((rc = qc_store_begin(s, err)))
		goto done;
	rc = qc_store_get_text(s,
			       "DELETE FROM unit_aliases WHERE"
			       " region_code = ? AND alias = ? RETURNING name",
			       QC_TEXTS(region, alias), &old, err);
	if (!rc && !old)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no unit alias '%s'%s%s "
				  "(see `qcity unit alias list`)",
				  alias, *region ? " in region " : "", region);
	if (rc)
		goto out;
	snprintf(key, sizeof(key), "%s/%s", region, alias);
	rc = qc_audit_add_json(s, actor, "delete", "unit_alias", key,
			       alias_json(region, alias, old, NULL), NULL, err);
out:
	rc = qc_store_end(s, rc, err);
done:
	free(alias);
	free(old);
	return rc;
}

enum qc_rc qc_unit_alias_list(struct qc_store *s, const char *region_code,
			      struct qc_unit_alias_list *out,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_prepare(s,
			     "SELECT region_code, alias, name, note, source"
			     " FROM unit_aliases WHERE CAST(? AS TEXT) IS NULL"
			     " OR region_code IN (?, '') ORDER BY region_code,"
			     " name, alias",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, region_code);
	qc_stmt_bind_text(st, 2, region_code);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_unit_alias *a = &out->v[out->n++];
		snprintf(a->region_code, sizeof(a->region_code), "%s",
			 qc_stmt_text(st, 0));
		a->alias = qc_xstrdup(qc_stmt_text(st, 1));
		a->name = qc_xstrdup(qc_stmt_text(st, 2));
		a->note = qc_stmt_text(st, 3) ?
				  qc_xstrdup(qc_stmt_text(st, 3)) :
				  NULL;
		a->source = qc_xstrdup(qc_stmt_text(st, 4));
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

void qc_unit_alias_list_release(struct qc_unit_alias_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].alias);
		free(l->v[i].name);
		free(l->v[i].note);
		free(l->v[i].source);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

enum qc_rc qc_unit_alias_load(struct qc_store *s, const char *path,
			      const char *actor, size_t *added,
			      struct qc_error *err)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je), *list, *e;
	enum qc_rc rc = QC_OK;
	size_t i, n = 0;

	if (added)
		*added = 0;
	if (!root)
		return qc_error_set(err, QC_EIO, "%s: line %d: %s", path,
				    je.line, je.text);
	list = json_object_get(root, "aliases");
	if (!json_is_array(list)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "%s: expected an object with "
				  "an array \"aliases\"",
				  path);
		goto out;
	}
	if ((rc = qc_store_begin(s, err)))
		goto out;
	json_array_foreach(list, i, e)
	{
		const char *alias = json_string_value(
			json_object_get(e, "alias"));
		const char *name = json_string_value(
			json_object_get(e, "name"));
		const char *note = json_string_value(
			json_object_get(e, "note"));
		const char *region = json_string_value(
			json_object_get(e, "region"));
		bool one;
		if ((rc = check_names(alias, name, err)) ||
		    (region && *region && !qc_region_code_valid(region) &&
		     (rc = qc_error_set(err, QC_EINVAL,
					"region: '%s' is not "
					"a six- or nine-digit code",
					region))) ||
		    (rc = put(s, region ? region : "", alias, name, note,
			      "file", false, actor, &one, err))) {
			qc_error_prefix(err, "%s: aliases[%zu]", path, i);
			break;
		}
		n += one;
	}
	rc = qc_store_end(s, rc, err);
	if (!rc && added)
		*added = n;
out:
	json_decref(root);
	return rc;
}
