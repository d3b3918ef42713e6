/* The certification register over HTTP (docs/certification.md "Web and
 * API"): a page of certificates as they stand on a day, and the figures
 * of a region. Read only; the office and admin see every region, a
 * region account only its subtree, unit reporters not at all (the route
 * table). */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

#include "qcity/certification.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "src/common/certification_json.h"
#include "src/server/http.h"
#include "banned.h"

/* GET /api/certification?region&state&kind&as_of&after&limit */
void qc_api_certification_list(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_certificate_list l;
	char code[QC_REGION_CODE_SIZE], next[QC_CERTIFICATION_CURSOR_SIZE];
	int64_t limit;
	size_t total;
	long on;

	if (!qc_req_read_region(r, false, code) || !qc_query_as_of(r, &on) ||
	    !qc_query_int(r, "limit", 1, 1000, 50, &limit))
		return;
	struct qc_certification_query q = {
		.region = code[0] ? code : NULL,
		.state = qc_query(r, "state"),
		.kind = qc_query(r, "kind"),
		.after = qc_query(r, "after"),
		.limit = (size_t)limit,
	};
	if (qc_certification_page(r->store, &q, on, &l, &total, next, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a, qc_json_certificate(&l.v[i]));
	qc_certificate_list_release(&l);
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:o, s:I, s:s?}", "items", a, "total",
			       (json_int_t)total, "next",
			       next[0] ? next : NULL));
}

/* GET /api/certification/figures?region&as_of: as `qcity certification
 * figures --json`. */
void qc_api_certification_figures(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_certification_figures f;
	char code[QC_REGION_CODE_SIZE], day[11];
	long on;

	if (!qc_req_read_region(r, true, code) || !qc_query_as_of(r, &on))
		return;
	if (qc_certification_figures(r->store, code, on, &f, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	qc_date_from_days(on, day);
	qc_reply(r, MHD_HTTP_OK, qc_json_certification_figures(code, day, &f));
}
