/* Imports over HTTP: a plan as JSON, a plan document extracted (and
 * imported if asked), values from CSV; each held to the writer's scope. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/catalog.h"
#include "qcity/extract.h"
#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/scope.h"
#include "src/common/paths.h"
#include "src/server/http.h"
#include "banned.h"

/* A plan's import within the user's scope: the plan's region (its code,
 * else its name resolved). */
static enum qc_rc plan_scope(struct qc_req *r, const struct qc_plan *p,
			     struct qc_error *err)
{
	const char *where = p->region_code ? p->region_code : p->region_name;
	char code[QC_REGION_CODE_SIZE];
	if (where && !qc_region_resolve(r->store, where, code, NULL))
		return qc_scope_can_write_region(&r->user, code, err);
	return qc_scope_can_write_region(&r->user, NULL, err);
}

void qc_api_plan_import(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id;
	int64_t replace;

	if (!qc_query_int(r, "replace", 0, 1, 0, &replace))
		return;
	if (qc_plan_from_json(&p, qc_buf_str(&r->body), qc_buf_len(&r->body),
			      &err) ||
	    plan_scope(r, &p, &err) ||
	    qc_plan_import(r->store, &p, replace, r->actor, &id, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED,
			 qc_xjson_pack("{s:I, s:i, s:i}", "id", (json_int_t)id,
				       "targets", (int)p.n_targets, "tasks",
				       (int)p.n_tasks));
	qc_plan_release(&p);
}

void qc_api_plan_extract(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_catalog cat;
	struct qc_plan p;
	const char *text, *name = NULL;
	json_t *body;
	long long id = 0;
	bool have_cat = false;

	if (!qc_body_object(r, &body))
		return;
	if (!qc_get_str(r, body, "text", true, &text) ||
	    !qc_get_str(r, body, "name", false, &name))
		goto out;
	/* The catalogue links targets to canonical indicators; without it
	 * the extraction still stands, unlinked. */
	char path[4096];
	snprintf(path, sizeof(path), "%s/indicators.json", qc_path_data());
	have_cat = qc_catalog_load(&cat, path, NULL) == QC_OK;
	if (qc_extract_buffer(text, strlen(text), name ? name : "plan.txt",
			      have_cat ? &cat : NULL, &p, &err) ||
	    (json_is_true(json_object_get(body, "import")) &&
	     (plan_scope(r, &p, &err) ||
	      qc_plan_import(r->store, &p, false, r->actor, &id, &err)))) {
		qc_reply_fail(r, &err);
	} else {
		char *js = qc_plan_to_json(&p);
		json_t *plan = json_loads(js, 0, NULL);
		free(js);
		qc_reply(r, id ? MHD_HTTP_CREATED : MHD_HTTP_OK,
			 qc_xjson_pack("{s:o, s:o}", "id",
				       id ? json_integer(id) : json_null(),
				       "plan", plan ? plan : json_null()));
	}
	qc_plan_release(&p);
	if (have_cat)
		qc_catalog_release(&cat);
out:
	json_decref(body);
}

void qc_api_values_import(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *csv;
	json_t *body;
	size_t count;

	if (!qc_body_object(r, &body))
		return;
	if (qc_get_str(r, body, "csv", true, &csv)) {
		if (qc_value_import_as(r->store, csv, strlen(csv), &r->user,
				       r->actor, &count, &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:i}", "imported",
					       (int)count));
	}
	json_decref(body);
}
