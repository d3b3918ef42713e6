/* The nation's view of its provinces over HTTP (GET
 * /api/federation/provinces, office and admin): what `qcity federation
 * status` shows, read-only. A server that is not national (SQLite, or
 * PostgreSQL without `qcity db init --national`) answers an empty list
 * with national false. */
#include <microhttpd.h>

#include "qcity/federation.h"
#include "qcity/store.h"
#include "src/common/registry_json.h"
#include "src/server/http.h"
#include "banned.h"

void qc_api_fed_provinces(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_fed_status st;
	json_t *a;

	if (!qc_store_national(r->store)) {
		qc_reply(r, MHD_HTTP_OK,
			 qc_xjson_pack("{s:b, s:[]}", "national", 0,
				       "provinces"));
		return;
	}
	if (qc_fed_status(r->store, &st, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	a = qc_json_fed_provinces(&st);
	qc_fed_status_release(&st);
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:b, s:o}", "national", 1, "provinces", a));
}
