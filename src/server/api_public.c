/* /api/public/...: what the public portal (web/public/) reads, without
 * signing in. Every answer comes from the publications table
 * (include/qcity/publish.h): snapshots taken when the office published,
 * never live plans or values; each says "as_of". /api/publications:
 * publish and unpublish, for the office and admin, audited. */
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/doc.h"
#include "qcity/num.h"
#include "qcity/publish.h"
#include "qcity/qindex.h"
#include "qcity/strbuf.h"
#include "http.h"
#include "banned.h"

#define EXPORT_MAX (64u * 1024 * 1024)

static const char *data_dir = "data";

void qc_api_public_init(const char *dir)
{
	if (dir && *dir)
		data_dir = dir;
}

static void fail(struct qc_req *r, const struct qc_error *err)
{
	qc_reply_fail(r, err);
}

static json_t *pub_json(struct qc_store *s, const struct qc_pub *p)
{
	json_t *files = NULL;
	json_t *o = qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s?, s:s, s:s}", "id",
				  (json_int_t)p->id, "kind", p->kind, "ref",
				  p->ref, "title", p->title, "region",
				  *p->region ? p->region : NULL, "as_of",
				  p->as_of, "published_at", p->published_at);
	if (!qc_pub_files(s, p->id, &files, NULL))
		json_object_set_new(o, "files", files);
	return o;
}

/* GET /api/public/publications[?kind=K] */
void qc_api_public_list(struct qc_req *r)
{
	const char *kind = qc_query(r, "kind");
	struct qc_error err = { 0 };
	struct qc_pub_list l;
	const char *latest = NULL;
	json_t *a;

	if (kind && !*kind)
		kind = NULL;
	if (qc_pub_list(r->store, kind, &l, &err)) {
		fail(r, &err);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < l.n; i++) {
		json_array_append_new(a, pub_json(r->store, &l.v[i]));
		if (!latest || strcmp(l.v[i].as_of, latest) > 0)
			latest = l.v[i].as_of;
	}
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:s?, s:o}", "as_of", latest, "publications",
			       a));
	qc_pub_list_release(&l);
}

/* A publication's snapshot with its record around it. */
static void reply_pub(struct qc_req *r, const char *kind, const char *ref)
{
	struct qc_error err = { 0 };
	struct qc_pub p;
	json_t *snap, *o;

	if (qc_pub_get(r->store, kind, ref, &p, &err)) {
		/* The same answer whatever was asked: a public 404 neither
		 * echoes the request nor tells drafts from nothing. */
		if (err.code == QC_ENOTFOUND)
			qc_reply_error(r, MHD_HTTP_NOT_FOUND, "not published");
		else
			fail(r, &err);
		return;
	}
	snap = json_loads(p.snapshot, 0, NULL);
	o = pub_json(r->store, &p);
	json_object_set_new(o, "snapshot", snap ? snap : json_null());
	qc_reply(r, MHD_HTTP_OK, o);
	qc_pub_release(&p);
}

/* GET /api/public/plans/{id} */
void qc_api_public_plan(struct qc_req *r)
{
	int64_t id;
	char ref[24];

	if (!qc_param_id(r, 0, &id))
		return;
	snprintf(ref, sizeof(ref), "%lld", (long long)id);
	reply_pub(r, "plan", ref);
}

/* GET /api/public/indexes/{id}/{year} */
void qc_api_public_index(struct qc_req *r)
{
	char ref[160];
	int64_t year;

	if (!qc_param_id(r, 1, &year))
		return;
	if (strlen(r->param[0]) > 100) {
		qc_reply_error(r, MHD_HTTP_NOT_FOUND, "no such index");
		return;
	}
	snprintf(ref, sizeof(ref), "%s/%lld", r->param[0], (long long)year);
	reply_pub(r, "index", ref);
}

/* GET /api/public/documents/{ref} and /api/public/lists/{ref}: the kind
 * is the path's second part (documents → document, lists → list). */
void qc_api_public_doc(struct qc_req *r)
{
	const char *kind = !strncmp(r->path, "/api/public/lists/", 18) ?
				   "list" :
				   "document";
	reply_pub(r, kind, r->param[0]);
}

/* GET /api/public/files/{id}/{name}: a file kept with a publication. */
void qc_api_public_file(struct qc_req *r)
{
	struct qc_error err = { 0 };
	char *media, *data;
	int64_t id;
	size_t len;

	if (!qc_param_id(r, 0, &id))
		return;
	if (qc_pub_file_get(r->store, id, r->param[1], &media, &data, &len,
			    &err)) {
		if (err.code == QC_ENOTFOUND)
			qc_reply_error(r, MHD_HTTP_NOT_FOUND, "not published");
		else
			fail(r, &err);
		return;
	}
	/* Media types come from the office's publication, served as a
	 * download so a browser never renders them in the portal's origin. */
	qc_reply_file(r, data, len, "application/octet-stream", r->param[1]);
	free(media);
}

/* GET /api/public/data/{file}: open data of the published plans. */
void qc_api_public_data(struct qc_req *r)
{
	enum qc_export_format f;
	struct qc_error err = { 0 };
	struct qc_buf b;
	size_t len;
	char *text;

	if (!qc_export_parse(r->param[0], &f)) {
		qc_reply_error(r, MHD_HTTP_NOT_FOUND,
			       "no open-data file %s: "
			       "values.sdmx.csv, values.csv, values.json, "
			       "values.xlsx, codelist-indicators.csv or "
			       "codelist-regions.csv",
			       r->param[0]);
		return;
	}
	qc_buf_init(&b, EXPORT_MAX);
	if (qc_export(r->store, f, &b, &err)) {
		qc_buf_release(&b);
		fail(r, &err);
		return;
	}
	text = qc_buf_detach(&b, &len);
	if (f == QC_EXPORT_XLSX) {
		qc_reply_file(r, text, len, qc_export_media_type(f),
			      qc_export_name(f));
		return;
	}
	qc_reply_raw(r, MHD_HTTP_OK, text);
	r->raw_len = len;
	r->content_type = qc_export_media_type(f);
}

/* An issued document of a plan the caller sees: its files under its 文号. */
static enum qc_rc publish_doc(struct qc_req *r, json_t *body, const char *as_of,
			      int64_t *id, bool *replied, struct qc_error *err)
{
	struct qc_doc_info info = { 0 };
	int64_t doc;
	enum qc_rc rc;

	*replied = true;
	if (!qc_get_id(r, body, "document", true, &doc))
		return QC_EINVAL;
	if ((rc = qc_doc_load(r->store, doc, &info, NULL, err))) {
		*replied = false;
		return rc;
	}
	if (!qc_plan_visible(r, info.plan_id)) {
		qc_doc_info_release(&info);
		return QC_EPERM;
	}
	qc_doc_info_release(&info);
	*replied = false;
	return qc_pub_document(r->store, doc, as_of, r->actor, id, err);
}

/* POST /api/publications {"kind": "plan", "plan": ID}, {"kind": "index",
 * "index": NAME, "year": Y[, "parent": R]} or {"kind": "document",
 * "document": ID} (an issued one), "as_of" optional. */
void qc_api_publish(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *kind, *as_of = NULL, *name, *parent = NULL;
	int64_t plan, year;
	int64_t id = 0;
	json_t *body;
	enum qc_rc rc = QC_OK;

	if (!qc_body_object(r, &body))
		return;
	if (!qc_get_str(r, body, "kind", true, &kind) ||
	    !qc_get_str(r, body, "as_of", false, &as_of))
		goto out;
	if (!strcmp(kind, "plan")) {
		if (!qc_get_id(r, body, "plan", true, &plan) ||
		    !qc_plan_visible(r, plan))
			goto out;
		rc = qc_pub_plan(r->store, plan, as_of, r->actor, &id, &err);
	} else if (!strcmp(kind, "index")) {
		struct qc_qindex_def *d = NULL;
		char path[4096];
		if (!qc_get_str(r, body, "index", true, &name) ||
		    !qc_get_id(r, body, "year", true, &year) ||
		    !qc_get_str(r, body, "parent", false, &parent))
			goto out;
		if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz"
					   "0123456789-_") != strlen(name)) {
			qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
				       "index: the "
				       "name of a definition under data/index/");
			goto out;
		}
		snprintf(path, sizeof(path), "%s/index/%s.json", data_dir,
			 name);
		rc = qc_qindex_load(path, &d, &err);
		if (rc == QC_EIO)
			rc = qc_error_set(&err, QC_ENOTFOUND,
					  "no index "
					  "definition %s",
					  name);
		if (!rc)
			rc = qc_pub_index(r->store, d, (int)year, parent, as_of,
					  r->actor, &id, &err);
		qc_qindex_def_free(d);
	} else if (!strcmp(kind, "document")) {
		bool replied;
		rc = publish_doc(r, body, as_of, &id, &replied, &err);
		if (rc && replied)
			goto out;
	} else {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "kind: plan, index or document (lists are "
			       "published where they are made)");
		goto out;
	}
	if (rc)
		fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED,
			 qc_xjson_pack("{s:I, s:s}", "publication",
				       (json_int_t)id, "kind", kind));
out:
	json_decref(body);
}

/* POST /api/publications/unpublish {"kind": K, "ref": REF} */
void qc_api_unpublish(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *kind, *ref;
	json_t *body;

	if (!qc_body_object(r, &body))
		return;
	if (qc_get_str(r, body, "kind", true, &kind) &&
	    qc_get_str(r, body, "ref", true, &ref)) {
		if (qc_pub_remove(r->store, kind, ref, r->actor, &err))
			fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:s, s:s, "
					       "s:b}",
					       "kind", kind, "ref", ref,
					       "removed", 1));
	}
	json_decref(body);
}
