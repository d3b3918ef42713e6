/* The fields of a write body, every bad one named at once (http.h "bad
 * fields"): the special-equipment and metrology records check a body
 * here, and reply 400 with each field, a stable reason and a message. */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "src/server/http.h"
#include "banned.h"

void qc_field_bad(json_t *errs, const char *field, const char *reason,
		  const char *msg)
{
	json_array_append_new(errs,
			      qc_xjson_pack("{s:s, s:s, s:s}", "field", field,
					    "reason", reason, "message", msg));
}

bool qc_fields_ok(struct qc_req *r, json_t *errs)
{
	char all[QC_ERROR_MSG_MAX] = "";
	size_t i;
	json_t *e;

	if (!json_array_size(errs)) {
		json_decref(errs);
		return true;
	}
	json_array_foreach(errs, i, e)
	{
		size_t n = strlen(all);
		snprintf(all + n, sizeof(all) - n, "%s%s", i ? _("; ") : "",
			 json_string_value(json_object_get(e, "message")));
	}
	qc_reply(r, MHD_HTTP_BAD_REQUEST,
		 qc_xjson_pack("{s:s, s:s, s:o}", "error", all, "code",
			       "bad_request", "errors", errs));
	return false;
}

const char *qc_field_str(json_t *body, const char *key, json_t *errs)
{
	json_t *v = json_object_get(body, key);
	char m[200];
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	snprintf(m, sizeof(m), _("%s: write it as text"), key);
	qc_field_bad(errs, key, "not_text", m);
	return NULL;
}

bool qc_field_day(const char *key, const char *v, bool past, json_t *errs)
{
	char m[240];
	long d;
	if (!v || strlen(v) != 10 || !qc_date_days(v, &d)) {
		snprintf(m, sizeof(m),
			 _("%s: \"%s\" is not a date (YYYY-MM-DD, such as "
			   "2025-03-01)"),
			 key, v ? v : "");
		qc_field_bad(errs, key, "not_a_date", m);
		return false;
	}
	if (past && d > qc_today_days()) {
		snprintf(m, sizeof(m), _("%s: %s is in the future"), key, v);
		qc_field_bad(errs, key, "in_future", m);
		return false;
	}
	return true;
}

void qc_field_required(const char *key, const char *what, json_t *errs)
{
	char m[200];
	snprintf(m, sizeof(m), _("%s: give %s"), key, _(what));
	qc_field_bad(errs, key, "required", m);
}
