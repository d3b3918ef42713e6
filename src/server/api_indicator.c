/* /api/indicators: the series plans measure and their catalogue links
 * (include/qcity/indicator.h); the office confirms, sets or clears a
 * link, audited. */
#include <jansson.h>
#include <microhttpd.h>

#include "qcity/indicator.h"
#include "http.h"
#include "banned.h"

static json_t *num_or_null(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

void qc_api_indicators(struct qc_req *r)
{
	const char *u = qc_query(r, "unconfirmed");
	struct qc_error err = { 0 };
	struct qc_indicator_list l;
	json_t *a;

	if (qc_indicator_list(r->store, false, u && *u && *u != '0', &l,
			      &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_indicator_row *e = &l.v[i];
		json_array_append_new(a,
				      qc_xjson_pack("{s:I, s:s, s:s?, s:s?, s:s?,"
						    " s:b, s:o, s:o, s:s, s:i}",
						    "id", (json_int_t)e->id,
						    "name", e->name, "unit",
						    e->unit, "catalog",
						    e->catalog, "link", e->link,
						    "in_catalog", e->in_catalog,
						    "min",
						    num_or_null(e->range.has_min,
								e->range.min),
						    "max",
						    num_or_null(e->range.has_max,
								e->range.max),
						    "kind",
						    qc_measure_kind_name(
							    e->kind),
						    "targets", e->n_targets));
	}
	qc_indicator_list_release(&l);
	qc_reply(r, MHD_HTTP_OK, qc_xjson_pack("{s:o}", "indicators", a));
}

/* {"name": series, "catalog": entry} links (confirmed); "catalog": null
 * or absent clears the link. */
void qc_api_indicator_link(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *name, *catalog = NULL;
	json_t *body;

	if (!qc_body_object(r, &body))
		return;
	if (qc_get_str(r, body, "name", true, &name) &&
	    qc_get_str(r, body, "catalog", false, &catalog)) {
		enum qc_rc rc = catalog && *catalog ?
					qc_indicator_link(r->store, name,
							  catalog, r->actor,
							  &err) :
					qc_indicator_unlink(r->store, name,
							    r->actor, &err);
		if (rc)
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:s, s:s?, s:s?}", "name",
					       name, "catalog",
					       catalog && *catalog ? catalog :
								     NULL,
					       "link",
					       catalog && *catalog ?
						       "confirmed" :
						       NULL));
	}
	json_decref(body);
}
