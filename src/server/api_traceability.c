/* The traceability register over HTTP (docs/traceability.md "API and
 * page"): a page of enrolments as they stand on a day, and the figures
 * of a region. The office and admin see every region, a region account
 * only its subtree, unit reporters not at all (the route table). The
 * import is api_register_import.c's. */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/traceability.h"
#include "src/common/traceability_json.h"
#include "src/server/http.h"
#include "banned.h"

/* GET /api/traceability?region&state&category&as_of&after&limit */
void qc_api_traceability_list(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_trace_list l;
	char code[QC_REGION_CODE_SIZE], next[QC_TRACE_CURSOR_SIZE];
	int64_t limit;
	size_t total;
	long on;

	if (!qc_req_read_region(r, false, code) || !qc_query_as_of(r, &on) ||
	    !qc_query_int(r, "limit", 1, 1000, 50, &limit))
		return;
	struct qc_trace_query q = {
		.region = code[0] ? code : NULL,
		.state = qc_query(r, "state"),
		.category = qc_query(r, "category"),
		.after = qc_query(r, "after"),
		.limit = (size_t)limit,
	};
	if (qc_trace_page(r->store, &q, on, &l, &total, next, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a, qc_json_trace_row(&l.v[i]));
	qc_trace_list_release(&l);
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:o, s:I, s:s?}", "items", a, "total",
			       (json_int_t)total, "next",
			       next[0] ? next : NULL));
}

/* GET /api/traceability/figures?region&as_of: as `qcity traceability
 * figures --json`. */
void qc_api_traceability_figures(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_trace_figures f;
	char code[QC_REGION_CODE_SIZE], day[11];
	long on;

	if (!qc_req_read_region(r, true, code) || !qc_query_as_of(r, &on))
		return;
	if (qc_trace_figures(r->store, code, on, &f, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	qc_date_from_days(on, day);
	qc_reply(r, MHD_HTTP_OK, qc_json_trace_figures(code, day, &f));
}
