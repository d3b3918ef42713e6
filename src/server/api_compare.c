/* The county comparison of a target: its status in each region directly
 * below the plan's region (a city plan's counties), for the dashboard's
 * ranked bars and county map. The plan's values are loaded once for every
 * region; each region's row is the status table's, or the row's part for
 * that region when the plan breaks the target down (分解) with its own
 * requirement there. */
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/model.h"
#include "qcity/scope.h"
#include "qcity/status.h"
#include "src/server/http.h"
#include "banned.h"

static json_t *num(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

/* The target's row in t (NULL: none). */
static const struct qc_status_row *row_of(const struct qc_status_table *t,
					  int64_t tid)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].target_id == tid)
			return &t->v[i];
	return NULL;
}

static json_t *region_json(const struct qc_region *g,
			   const struct qc_status_row *w)
{
	const struct qc_progress_result *p = &w->p;
	const char *requirement = w->requirement;

	for (size_t k = 0; k < w->n_parts; k++)
		if (!strcmp(w->parts[k].region, g->code)) {
			p = &w->parts[k].p;
			requirement = w->parts[k].requirement;
			break;
		}
	return qc_xjson_pack("{s:s, s:s, s:i, s:s, s:s, s:o, s:s?, s:o, s:o,"
			     " s:o, s:s}",
			     "region", g->code, "name", g->name, "level",
			     g->level, "requirement", requirement, "status",
			     qc_progress_name(p->status), "current",
			     num(p->has_current, p->current), "latest_period",
			     *w->latest_period ? w->latest_period : NULL,
			     "required", num(p->has_required, p->required),
			     "projected", num(p->has_projection, p->projected),
			     "ratio", num(p->has_ratio, p->ratio), "reason",
			     p->reason);
}

void qc_api_target_regions(struct qc_req *r)
{
	struct qc_region_list kids = { 0 };
	struct qc_plan_data *d = NULL;
	struct qc_error err = { 0 };
	struct qc_status_table t;
	int64_t id, tid;
	bool known;
	json_t *a;

	if (!qc_param_id(r, 0, &id) || !qc_param_id(r, 1, &tid) ||
	    !qc_plan_visible(r, id))
		return;
	if (qc_plan_data_load(r->store, id, NULL, &d, &err) ||
	    qc_status_table_from(r->store, d, NULL, &t, &err)) {
		qc_plan_data_free(d);
		qc_reply_fail(r, &err);
		return;
	}
	known = row_of(&t, tid) != NULL;
	qc_status_table_release(&t);
	if (!known) {
		qc_plan_data_free(d);
		qc_reply_error(r, MHD_HTTP_NOT_FOUND,
			       "plan %lld has no target "
			       "%lld",
			       (long long)id, (long long)tid);
		return;
	}
	if (qc_region_children(r->store, qc_plan_data_region(d), &kids, &err)) {
		qc_plan_data_free(d);
		qc_reply_fail(r, &err);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < kids.n; i++) {
		const struct qc_region *g = &kids.v[i];
		const struct qc_status_row *w;
		if (!strcmp(g->code, qc_plan_data_region(d)) ||
		    !qc_scope_can_read_region(&r->user, g->code))
			continue; /* the plan's own region; outside the user's */
		if (qc_status_table_from(r->store, d, g->code, &t, NULL) ==
			    QC_OK &&
		    (w = row_of(&t, tid)))
			json_array_append_new(a, region_json(g, w));
		qc_status_table_release(&t);
	}
	qc_plan_data_free(d);
	qc_region_list_release(&kids);
	qc_reply(r, MHD_HTTP_OK, a);
}
