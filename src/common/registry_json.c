/* Registry values as JSON for the command line and the API alike. */
#include "qcity/json.h"
#include "qcity/enterprise.h"
#include "qcity/federation.h"
#include "qcity/followup.h"
#include "qcity/lists.h"
#include "qcity/sampling.h"
#include "registry_json.h"
#include "banned.h"

json_t *qc_json_enterprise(const struct qc_enterprise *e)
{
	return qc_xjson_pack("{s:s, s:s, s:b, s:s?, s:s?, s:s?, s:s?, s:I, s:I,"
			     " s:s?}",
			     "uscc", e->uscc, "name", e->name, "verified",
			     e->verified, "region", e->region_code, "address",
			     e->address, "industry", e->industry,
			     "chief_quality_officer", e->cqo, "samples",
			     (json_int_t)e->samples, "failed",
			     (json_int_t)e->failed, "held_by",
			     e->held_by[0] ? e->held_by : NULL);
}

json_t *qc_json_followups(const struct qc_followup_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct qc_followup *f = &l->v[i];
		json_array_append_new(
			a,
			qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s?,"
				      " s:s, s:s, s:s, s:s?, s:I, s:b, s:b,"
				      " s:s}",
				      "result", (json_int_t)f->result_id,
				      "enterprise", f->enterprise, "product",
				      f->product, "region", f->region,
				      "failed_items", f->failed_items,
				      "sampled_on", f->sampled_on, "awaiting",
				      f->awaiting, "due", f->due, "due_from",
				      f->due_from[0] ? f->due_from : NULL,
				      "days_left", (json_int_t)f->days_left,
				      "overdue", f->overdue,
				      "correction_overdue",
				      f->correction_overdue, "province",
				      f->province));
	}
	return a;
}

json_t *qc_json_list_rows(const struct qc_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a,
				      qc_xjson_pack("{s:I, s:s?, s:s, s:s?, s:I,"
						    " s:I, s:s?, s:s?}",
						    "enterprise_id",
						    (json_int_t)l->v[i]
							    .enterprise_id,
						    "uscc", l->v[i].uscc,
						    "name", l->v[i].name,
						    "region", l->v[i].region,
						    "samples",
						    (json_int_t)l->v[i].samples,
						    "failed",
						    (json_int_t)l->v[i].failed,
						    "products",
						    l->v[i].products,
						    "province",
						    l->v[i].province));
	return a;
}

json_t *qc_json_samples(const struct qc_sample_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct qc_sample_row *e = &l->v[i];
		json_array_append_new(
			a,
			qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s, s:s?,"
				      " s:s, s:s?, s:s, s:b, s:s?, s:s?, s:s?}",
				      "id", (json_int_t)e->id, "province",
				      e->province, "region", e->region, "level",
				      e->level, "enterprise", e->enterprise,
				      "uscc", e->uscc, "product", e->product,
				      "category", e->category, "sampled_on",
				      e->sampled_on, "passed", e->passed,
				      "failed_items", e->failed_items,
				      "testing_body", e->testing_body,
				      "remarks", e->remarks));
	}
	return a;
}

json_t *qc_json_fed_provinces(const struct qc_fed_status *st)
{
	json_t *a = json_array();
	for (size_t i = 0; i < st->n; i++) {
		const struct qc_fed_province *p = &st->v[i];
		json_array_append_new(
			a,
			qc_xjson_pack("{s:s, s:s?, s:s?, s:b, s:s, s:s?, s:o,"
				      " s:s?, s:s?, s:I}",
				      "province", p->code, "name", p->name,
				      "server", p->server, "streaming",
				      p->streaming, "connection",
				      p->reachable ? "ok" : "unreachable",
				      "received_lsn", p->received_lsn,
				      "lag_bytes",
				      p->lag_bytes < 0 ?
					      json_null() :
					      json_integer(p->lag_bytes),
				      "last_receipt", p->last_receipt, "as_of",
				      p->as_of, "rows", (json_int_t)p->rows));
	}
	return a;
}
