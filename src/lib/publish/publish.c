/* The publications table: publish (a snapshot and its files, replacing an
 * earlier one), unpublish, list and read; every change audited in the
 * same transaction (include/qcity/publish.h). */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/publish.h"
#include "qcity/store.h"
#include "banned.h"

static const char *const kinds[] = { "plan", "index", "document", "list" };

static bool kind_ok(const char *k)
{
	for (size_t i = 0; k && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(k, kinds[i]))
			return true;
	return false;
}

void qc_pub_release(struct qc_pub *p)
{
	free(p->kind);
	free(p->ref);
	free(p->title);
	free(p->published_at);
	free(p->as_of);
	free(p->actor);
	free(p->snapshot);
	memset(p, 0, sizeof(*p));
}

void qc_pub_list_release(struct qc_pub_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		qc_pub_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

#define PUB_COLS                                                   \
	"id, kind, ref, title, region_code, published_at, as_of, " \
	"actor"

static void read_row(struct qc_stmt *st, struct qc_pub *p)
{
	p->id = qc_stmt_int(st, 0);
	p->kind = qc_xstrdup(qc_stmt_text(st, 1));
	p->ref = qc_xstrdup(qc_stmt_text(st, 2));
	p->title = qc_xstrdup(qc_stmt_text(st, 3));
	snprintf(p->region, sizeof(p->region), "%s",
		 qc_stmt_text(st, 4) ? qc_stmt_text(st, 4) : "");
	p->published_at = qc_xstrdup(qc_stmt_text(st, 5));
	p->as_of = qc_xstrdup(qc_stmt_text(st, 6));
	p->actor = qc_xstrdup(qc_stmt_text(st, 7));
}

static json_t *summary(const struct qc_pub *p)
{
	return qc_xjson_pack("{s:s, s:s, s:s, s:s?, s:s, s:s}", "kind", p->kind,
			     "ref", p->ref, "title", p->title, "region",
			     *p->region ? p->region : NULL, "as_of", p->as_of,
			     "published_at", p->published_at);
}

static enum qc_rc check_files(const struct qc_pub_file *f, size_t n,
			      struct qc_error *err)
{
	for (size_t i = 0; i < n; i++) {
		if (!f[i].name || !*f[i].name || strchr(f[i].name, '/') ||
		    strlen(f[i].name) > 200)
			return qc_error_set(err, QC_EINVAL,
					    "file %zu: a name "
					    "without '/' (1-200 bytes)",
					    i + 1);
		if (!f[i].media_type || !*f[i].media_type)
			return qc_error_set(err, QC_EINVAL,
					    "file %s: no media "
					    "type",
					    f[i].name);
		if (f[i].len > QC_PUB_FILE_MAX)
			return qc_error_set(err, QC_EINVAL,
					    "file %s: over %d "
					    "MiB",
					    f[i].name,
					    QC_PUB_FILE_MAX / 1024 / 1024);
	}
	return QC_OK;
}

static enum qc_rc put_file(struct qc_store *s, int64_t id,
			   const struct qc_pub_file *f, struct qc_error *err)
{
	size_t b64 = sodium_base64_ENCODED_LEN(f->len,
					       sodium_base64_VARIANT_ORIGINAL);
	char *text = qc_xmalloc(b64);
	struct qc_stmt *st;
	enum qc_rc rc;

	sodium_bin2base64(text, b64, f->data, f->len,
			  sodium_base64_VARIANT_ORIGINAL);
	rc = qc_stmt_prepare(s,
			     "INSERT INTO publication_files (publication_id,"
			     " name, media_type, size, data) VALUES (?, ?, ?, "
			     "?, ?)",
			     &st, err);
	if (!rc) {
		qc_stmt_bind_int(st, 1, id);
		qc_stmt_bind_text(st, 2, f->name);
		qc_stmt_bind_text(st, 3, f->media_type);
		qc_stmt_bind_int(st, 4, (int64_t)f->len);
		qc_stmt_bind_text(st, 5, text);
		rc = qc_stmt_run(st, err);
		qc_stmt_free(st);
	}
	free(text);
	return rc;
}

/* Delete kind/ref if published; *before receives its summary (NULL if
 * there was none). */
static enum qc_rc drop(struct qc_store *s, const char *kind, const char *ref,
		       json_t **before, struct qc_error *err)
{
	struct qc_pub old = { 0 };
	enum qc_rc rc;

	*before = NULL;
	rc = qc_pub_get(s, kind, ref, &old, err);
	if (rc == QC_ENOTFOUND) {
		if (err)
			memset(err, 0, sizeof(*err)); /* nothing to drop */
		return QC_OK;
	}
	if (rc)
		return rc;
	*before = summary(&old);
	{
		struct qc_stmt *st;
		if (!(rc = qc_stmt_prepare(s,
					   "DELETE FROM publication_files "
					   "WHERE publication_id = ?",
					   &st, err))) {
			qc_stmt_bind_int(st, 1, old.id);
			rc = qc_stmt_run(st, err);
			qc_stmt_free(st);
		}
		if (!rc && !(rc = qc_stmt_prepare(s,
						  "DELETE FROM publications"
						  " WHERE id = ?",
						  &st, err))) {
			qc_stmt_bind_int(st, 1, old.id);
			rc = qc_stmt_run(st, err);
			qc_stmt_free(st);
		}
	}
	qc_pub_release(&old);
	return rc;
}

enum qc_rc qc_pub_put(struct qc_store *s, const char *kind, const char *ref,
		      const char *title, const char *region, const char *as_of,
		      json_t *snapshot, const struct qc_pub_file *files,
		      size_t n_files, const char *actor, int64_t *id,
		      struct qc_error *err)
{
	char now[32], today[11], key[300];
	json_t *before = NULL, *after;
	struct qc_stmt *st = NULL;
	char *text = NULL;
	long days;
	int64_t pid = 0;
	enum qc_rc rc;

	if (!kind_ok(kind))
		rc = qc_error_set(err, QC_EINVAL,
				  "kind: plan, index, document "
				  "or list");
	else if (!ref || !*ref || strlen(ref) > 200)
		rc = qc_error_set(err, QC_EINVAL, "ref: 1-200 bytes");
	else if (!title || !*title)
		rc = qc_error_set(err, QC_EINVAL, "title: missing");
	else if (as_of && !qc_date_days(as_of, &days))
		rc = qc_error_set(err, QC_EINVAL,
				  "as_of: '%s' is not a date "
				  "YYYY-MM-DD",
				  as_of);
	else if (!json_is_object(snapshot))
		rc = qc_error_set(err, QC_EINVAL,
				  "snapshot: not a JSON "
				  "object");
	else
		rc = check_files(files, n_files, err);
	if (rc) {
		json_decref(snapshot);
		return rc;
	}
	qc_now_iso(now, sizeof(now));
	qc_date_from_days(qc_today_days(), today);
	json_object_set_new(snapshot, "as_of",
			    json_string(as_of ? as_of : today));
	text = json_dumps(snapshot, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(snapshot);
	if (!text)
		return qc_error_set(err, QC_EINVAL,
				    "snapshot: cannot be "
				    "written as JSON");
	snprintf(key, sizeof(key), "%s:%s", kind, ref);
	if ((rc = qc_store_begin(s, err))) {
		free(text);
		return rc;
	}
	if ((rc = drop(s, kind, ref, &before, err)))
		goto out;
	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO publications (kind, ref, "
				  "title, region_code, published_at, as_of, actor, "
				  "snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
				  "RETURNING id",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, kind);
	qc_stmt_bind_text(st, 2, ref);
	qc_stmt_bind_text(st, 3, title);
	qc_stmt_bind_text(st, 4, region && *region ? region : NULL);
	qc_stmt_bind_text(st, 5, now);
	qc_stmt_bind_text(st, 6, as_of ? as_of : today);
	qc_stmt_bind_text(st, 7, actor);
	qc_stmt_bind_text(st, 8, text);
	if ((rc = qc_stmt_run_id(st, &pid, err)))
		goto out;
	for (size_t i = 0; i < n_files && !rc; i++)
		rc = put_file(s, pid, &files[i], err);
	if (rc)
		goto out;
	after = qc_xjson_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "kind", kind,
			      "ref", ref, "title", title, "as_of",
			      as_of ? as_of : today, "files",
			      (json_int_t)n_files, "snapshot_bytes",
			      (json_int_t)strlen(text));
	rc = qc_audit_add_json(s, actor, "publish", "publication", key, before,
			       after, err);
	before = NULL;
out:
	json_decref(before);
	qc_stmt_free(st);
	free(text);
	rc = qc_store_end(s, rc, err);
	if (!rc && id)
		*id = pid;
	return rc;
}

enum qc_rc qc_pub_remove(struct qc_store *s, const char *kind, const char *ref,
			 const char *actor, struct qc_error *err)
{
	json_t *before = NULL;
	char key[300];
	enum qc_rc rc;

	if (!kind_ok(kind))
		return qc_error_set(err, QC_EINVAL,
				    "kind: plan, index, "
				    "document or list");
	if (!ref)
		return qc_error_set(err, QC_EINVAL, "ref: missing");
	snprintf(key, sizeof(key), "%s:%s", kind, ref);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = drop(s, kind, ref, &before, err);
	if (!rc && !before)
		rc = qc_error_set(err, QC_ENOTFOUND, "%s %s is not published",
				  kind, ref);
	if (!rc)
		rc = qc_audit_add_json(s, actor, "unpublish", "publication",
				       key, before, NULL, err);
	else
		json_decref(before);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_pub_list(struct qc_store *s, const char *kind,
		       struct qc_pub_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc step;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT " PUB_COLS " FROM publications "
				  "WHERE CAST(? AS TEXT) IS NULL OR kind = ? "
				  "ORDER BY published_at DESC, id DESC",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, kind);
	qc_stmt_bind_text(st, 2, kind);
	while ((step = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		memset(&out->v[out->n], 0, sizeof(out->v[0]));
		read_row(st, &out->v[out->n++]);
	}
	rc = qc_step_rc(step);
	qc_stmt_free(st);
	if (rc)
		qc_pub_list_release(out);
	return rc;
}

enum qc_rc qc_pub_get(struct qc_store *s, const char *kind, const char *ref,
		      struct qc_pub *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc step;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT " PUB_COLS ", snapshot FROM "
				  "publications WHERE kind = ? AND ref = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, kind);
	qc_stmt_bind_text(st, 2, ref);
	step = qc_stmt_next(st, err);
	if (step == QC_ROW) {
		read_row(st, out);
		out->snapshot = qc_xstrdup(qc_stmt_text(st, 8));
	} else if (step == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND, "%s %s is not published",
				  kind, ref);
	} else {
		rc = qc_step_rc(step);
	}
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_pub_file_get(struct qc_store *s, int64_t pub_id, const char *name,
			   char **media_type, char **data, size_t *len,
			   struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc step;

	*media_type = *data = NULL;
	*len = 0;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT media_type, size, data FROM "
				  "publication_files WHERE publication_id = ? "
				  "AND name = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, pub_id);
	qc_stmt_bind_text(st, 2, name);
	step = qc_stmt_next(st, err);
	if (step == QC_ROW) {
		const char *b64 = qc_stmt_text(st, 2) ? qc_stmt_text(st, 2) :
							"";
		size_t size = (size_t)qc_stmt_int(st, 1);
		*data = qc_xmalloc(size + 1);
		if (sodium_base642bin((unsigned char *)*data, size + 1, b64,
				      strlen(b64), NULL, len, NULL,
				      sodium_base64_VARIANT_ORIGINAL) ||
		    *len != size) {
			free(*data);
			*data = NULL;
			rc = qc_error_set(err, QC_ECORRUPT,
					  "file %s: the "
					  "stored copy is damaged",
					  name);
		} else {
			(*data)[*len] = '\0';
			*media_type = qc_xstrdup(qc_stmt_text(st, 0));
		}
	} else if (step == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND, "no file %s", name);
	} else {
		rc = qc_step_rc(step);
	}
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_pub_files(struct qc_store *s, int64_t pub_id, json_t **out,
			struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc step;

	*out = NULL;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT name, media_type, size FROM "
				  "publication_files WHERE publication_id = ? "
				  "ORDER BY name",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, pub_id);
	*out = json_array();
	while ((step = qc_stmt_next(st, err)) == QC_ROW)
		json_array_append_new(*out,
				      qc_xjson_pack("{s:s, s:s, s:I}", "name",
						    qc_stmt_text(st, 0),
						    "media_type",
						    qc_stmt_text(st, 1), "size",
						    (json_int_t)qc_stmt_int(st,
									    2)));
	rc = qc_step_rc(step);
	qc_stmt_free(st);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}
