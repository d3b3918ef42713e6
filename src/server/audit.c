/* Account events in the audit log: sign-ins, failed sign-ins, API tokens
 * made or revoked, and permission refusals, each with the client's address
 * and the user, so that an administrator can see who tried what from
 * where (GET /api/audit?entity=account). */
#include <microhttpd.h>

#include "qcity/model.h"
#include "qcity/store.h"
#include "src/server/http.h"
#include "banned.h"

void qc_audit_account(struct qc_req *r, const char *action, const char *name,
		      json_t *detail)
{
	struct qc_error err = { 0 };
	const char *who = name ? name : r->signed_in ? r->user.name : "";
	json_t *after;

	if (!r->store) {
		json_decref(detail);
		return;
	}
	after = qc_xjson_pack("{s:s, s:s, s:s, s:s}", "addr", r->addr, "user",
			      who, "method", r->method, "path", r->path);
	if (after && detail)
		json_object_update(after, detail);
	json_decref(detail);
	if (qc_store_begin(r->store, &err)) {
		json_decref(after);
		return;
	}
	(void)qc_store_end(r->store,
			   qc_audit_add_json(r->store,
					     r->signed_in ? r->actor :
							    "web:anonymous",
					     action, "account", who, NULL,
					     after, &err),
			   &err);
}
