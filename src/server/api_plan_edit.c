/* Plans edited over HTTP (include/qcity/plan_edit.h): POST adds, PATCH
 * changes and DELETE removes an element of a plan; versions and their
 * differences. The body is an object of fields (strings, numbers, null
 * to clear; lead and co may be arrays of units) and an optional "note". */
#include <jansson.h>
#include <limits.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/plan_edit.h"
#include "qcity/scope.h"
#include "src/server/http.h"
#include "banned.h"

#define MAX_FIELDS 32

/* Field values as text, kept until the edit is done. */
struct fields {
	struct qc_field v[MAX_FIELDS];
	char *text[MAX_FIELDS];
	size_t n;
};

static void fields_release(struct fields *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->text[i]);
}

static bool read_fields(struct qc_req *r, json_t *b, struct fields *f,
			const char **note)
{
	const char *key;
	json_t *v;

	json_object_foreach(b, key, v)
	{
		char buf[64], *text = NULL;
		if (!strcmp(key, "note")) {
			*note = json_string_value(v);
			continue;
		}
		if (f->n >= MAX_FIELDS) {
			qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
				       "at most %d fields", MAX_FIELDS);
			return false;
		}
		if (json_is_string(v)) {
			text = qc_xstrdup(json_string_value(v));
		} else if (json_is_integer(v)) {
			snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
				 json_integer_value(v));
			text = qc_xstrdup(buf);
		} else if (json_is_real(v)) {
			snprintf(buf, sizeof(buf), "%.17g", json_real_value(v));
			text = qc_xstrdup(buf);
		} else if (json_is_array(v)) {
			struct qc_buf s = QC_BUF_INIT;
			size_t i;
			json_t *u;
			qc_buf_init(&s, QC_BODY_MAX);
			json_array_foreach(v, i, u)
			{
				if (!json_is_string(u)) {
					qc_buf_release(&s);
					qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
						       "%s[%zu]: a unit "
						       "name (string)",
						       key, i);
					return false;
				}
				if (i)
					qc_buf_adds(&s, ",");
				qc_buf_adds(&s, json_string_value(u));
			}
			text = qc_buf_detach(&s, NULL);
		} else if (!json_is_null(v)) {
			qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
				       "%s: give a string, a number or "
				       "null",
				       key);
			return false;
		}
		f->text[f->n] = text;
		f->v[f->n].name = key;
		f->v[f->n++].value = text;
	}
	return true;
}

static void edit(struct qc_req *r, enum qc_edit_op op)
{
	struct qc_plan_edit e = { .op = op };
	struct fields f = { .n = 0 };
	struct qc_error err = { 0 };
	json_t *b = NULL;
	int64_t id;
	int version = 0;

	if (!qc_param_id(r, 0, &id) ||
	    !qc_scope_check(r,
			    qc_scope_can_write_plan(r->store, &r->user, id,
						    &err),
			    &err))
		return;
	if (!qc_plan_part_parse(r->param[1], &e.part)) {
		qc_reply_error(r, MHD_HTTP_NOT_FOUND,
			       "no part '%s' of a plan: plan, goal, "
			       "target, task, owner, phase, member, duty or part",
			       r->param[1]);
		return;
	}
	e.ref = r->param[2];
	if (qc_buf_len(&r->body) && !qc_body_object(r, &b))
		return;
	if (b && !read_fields(r, b, &f, &e.note))
		goto out;
	e.fields = f.v;
	e.n_fields = f.n;
	if (qc_plan_edit(r->store, id, &e, r->actor, &version, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, op == QC_EDIT_ADD ? MHD_HTTP_CREATED : MHD_HTTP_OK,
			 qc_xjson_pack("{s:I, s:s, s:s, s:s?, s:i}", "plan",
				       (json_int_t)id, "part", r->param[1],
				       "op",
				       op == QC_EDIT_ADD ? "add" :
				       op == QC_EDIT_SET ? "set" :
							   "remove",
				       "ref", e.ref, "version", version));
out:
	fields_release(&f);
	json_decref(b);
}

void qc_api_plan_edit_add(struct qc_req *r)
{
	edit(r, QC_EDIT_ADD);
}

void qc_api_plan_edit_set(struct qc_req *r)
{
	edit(r, QC_EDIT_SET);
}

void qc_api_plan_edit_remove(struct qc_req *r)
{
	edit(r, QC_EDIT_REMOVE);
}

void qc_api_plan_versions(struct qc_req *r)
{
	struct qc_plan_version_list l;
	struct qc_error err = { 0 };
	int64_t id;

	if (!qc_param_id(r, 0, &id) || !qc_plan_visible(r, id))
		return;
	if (qc_plan_versions(r->store, id, &l, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a, qc_xjson_pack("{s:i, s:s, s:s, s:s?}",
						       "version", l.v[i].number,
						       "at", l.v[i].at, "actor",
						       l.v[i].actor, "note",
						       l.v[i].note));
	qc_plan_version_list_release(&l);
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:I, s:o}", "plan", (json_int_t)id, "versions",
			       a));
}

void qc_api_plan_version_add(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *note = NULL;
	json_t *b = NULL;
	int64_t id;
	int n = 0;

	if (!qc_param_id(r, 0, &id) ||
	    !qc_scope_check(r,
			    qc_scope_can_write_plan(r->store, &r->user, id,
						    &err),
			    &err))
		return;
	if (qc_buf_len(&r->body) && !qc_body_object(r, &b))
		return;
	if (b && !qc_get_str(r, b, "note", false, &note))
		goto out;
	if (qc_plan_version_add(r->store, id, note, r->actor, &n, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED,
			 qc_xjson_pack("{s:I, s:i}", "plan", (json_int_t)id,
				       "version", n));
out:
	json_decref(b);
}

void qc_api_plan_diff(struct qc_req *r)
{
	int64_t from, to;
	struct qc_plan a, b;
	struct qc_plan_diff d = { 0 };
	struct qc_error err = { 0 };
	int64_t id;

	if (!qc_param_id(r, 0, &id) || !qc_plan_visible(r, id))
		return;
	if (!qc_query(r, "from") || !qc_query(r, "to")) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "give ?from=V1&to=V2 (version numbers, "
			       "see /api/plans/%lld/versions)",
			       (long long)id);
		return;
	}
	if (!qc_query_int(r, "from", 1, INT_MAX, 0, &from) ||
	    !qc_query_int(r, "to", 1, INT_MAX, 0, &to))
		return;
	qc_plan_init(&b);
	if (qc_plan_version_load(r->store, id, (int)from, &a, &err) ||
	    qc_plan_version_load(r->store, id, (int)to, &b, &err)) {
		qc_reply_fail(r, &err);
		goto out;
	}
	qc_plan_diff(&a, &b, &d);
	json_t *arr = json_array();
	for (size_t i = 0; i < d.n; i++)
		json_array_append_new(arr,
				      qc_xjson_pack("{s:s, s:s, s:s, s:s?, "
						    "s:s?, s:s?}",
						    "part", d.v[i].part,
						    "change", d.v[i].change,
						    "what", d.v[i].what,
						    "field", d.v[i].field,
						    "before", d.v[i].before,
						    "after", d.v[i].after));
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:I, s:i, s:i, s:o}", "plan", (json_int_t)id,
			       "from", (int)from, "to", (int)to, "changes",
			       arr));
out:
	qc_plan_diff_release(&d);
	qc_plan_release(&a);
	qc_plan_release(&b);
}
