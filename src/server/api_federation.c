/* The nation's view of its provinces over HTTP (GET
 * /api/federation/provinces, office and admin): what `qcity federation
 * status` shows, read-only. A server that is not national (SQLite, or
 * PostgreSQL without `qcity db init --national`) answers an empty list
 * with national false. */
#include <microhttpd.h>

#include "qcity/federation.h"
#include "qcity/store.h"
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
	a = json_array();
	for (size_t i = 0; i < st.n; i++) {
		const struct qc_fed_province *p = &st.v[i];
		json_array_append_new(
			a,
			qc_xjson_pack("{s:s, s:s?, s:b, s:s, s:s?, s:o, s:s?,"
				      " s:s?, s:I}",
				      "province", p->code, "server", p->server,
				      "streaming", p->streaming, "connection",
				      p->reachable ? "ok" : "unreachable",
				      "received_lsn", p->received_lsn,
				      "lag_bytes",
				      p->lag_bytes < 0 ?
					      json_null() :
					      json_integer(p->lag_bytes),
				      "last_receipt", p->last_receipt, "as_of",
				      p->as_of, "rows", (json_int_t)p->rows));
	}
	qc_fed_status_release(&st);
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:b, s:o}", "national", 1, "provinces", a));
}
