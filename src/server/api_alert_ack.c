/* Acknowledging an alert over HTTP (POST /api/plans/{id}/alerts/ack):
 * a writer of the plan, within its region. */
#include <microhttpd.h>

#include "qcity/alerts.h"
#include "qcity/scope.h"
#include "src/server/http.h"
#include "banned.h"

void qc_api_alert_ack(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *kind, *subject, *region = NULL, *period = NULL,
				    *note = NULL;
	json_t *body;
	int64_t id;

	if (!qc_param_id(r, 0, &id) ||
	    !qc_scope_check(r,
			    qc_scope_can_write_plan(r->store, &r->user, id,
						    &err),
			    &err) ||
	    !qc_body_object(r, &body))
		return;
	if (qc_get_str(r, body, "kind", true, &kind) &&
	    qc_get_str(r, body, "subject", true, &subject) &&
	    qc_get_str(r, body, "region", false, &region) &&
	    qc_get_str(r, body, "period", false, &period) &&
	    qc_get_str(r, body, "note", false, &note) &&
	    (!region || qc_req_write_region(r, region))) {
		if (qc_alert_ack(r->store, id, kind, subject, region, period,
				 note, r->actor, &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:s, s:s}", "kind", kind,
					       "subject", subject));
	}
	json_decref(body);
}
