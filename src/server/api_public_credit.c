/* /api/public/credit/{list}: the published black list, penalty
 * disclosures and red list for the public portal (web/public/credit.js).
 * Only what the office published and what is public on the day: a
 * listing decided but not published, removed, or past its legal term is
 * not shown; no repair steps, no staff notes. */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

#include "qcity/credit.h"
#include "src/common/credit_json.h"
#include "src/server/http.h"
#include "banned.h"

void qc_api_public_credit(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_listings l;
	const char *list = r->param[0];

	if (strcmp(list, "black") && strcmp(list, "penalty") &&
	    strcmp(list, "red")) {
		qc_reply_error(r, MHD_HTTP_NOT_FOUND,
			       "no public list '%s' (black, penalty or red)",
			       list);
		return;
	}
	if (qc_credit_listings_public(r->store, list, NULL, &l, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *o = qc_json_listings(&l, false);
	json_object_set_new(o, "list", json_string(list));
	json_object_set_new(o, "title",
			    json_string(qc_credit_list_label(list)));
	/* Staff-only: the internal id and the "public" flag (all are). */
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(o, "rows"), i, row)
	{
		json_object_del(row, "id");
		json_object_del(row, "public");
	}
	qc_reply(r, MHD_HTTP_OK, o);
	qc_listings_release(&l);
}
