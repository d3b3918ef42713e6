/* The certification register as JSON for the command line and the API
 * (certification_json.h). */
#include "qcity/certification.h"
#include "qcity/json.h"
#include "certification_json.h"
#include "banned.h"

json_t *qc_json_certificate(const struct qc_certificate *c)
{
	return qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:s?, s:s, s:s?,"
			     " s:s, s:s, s:s, s:s, s:i}",
			     "id", (json_int_t)c->id, "number", c->number,
			     "body", c->body, "kind", c->kind, "kind_name",
			     qc_certification_kind_name(c->kind), "kind_text",
			     c->kind_text, "scope", c->scope, "holder_name",
			     c->holder_name, "holder_uscc", c->holder_uscc,
			     "region", c->region, "issued_on",
			     c->issued_on[0] ? c->issued_on : NULL,
			     "expires_on", c->expires_on, "status", c->status,
			     "state", c->state, "state_name",
			     qc_certification_state_name(c->state), "days_left",
			     (int)c->days_left);
}

json_t *qc_json_certification_figures(const char *region, const char *day,
				      const struct qc_certification_figures *f)
{
	json_t *kinds = json_object();
	for (size_t k = 0; k < QC_CERT_KINDS; k++)
		json_object_set_new(kinds, qc_certification_kinds[k],
				    json_integer(f->by_kind[k]));
	return qc_xjson_pack("{s:s, s:s, s:I, s:o, s:I, s:{s:I, s:I}, s:{s:I, s:I},"
			     " s:{s:I, s:I}, s:I, s:i, s:I, s:I, s:I}",
			     "region", region, "as_of", day, "certificates",
			     (json_int_t)f->valid, "by_kind", kinds, "holders",
			     (json_int_t)f->holders, "system", "certificates",
			     (json_int_t)f->system, "holders",
			     (json_int_t)f->system_holders, "product",
			     "certificates", (json_int_t)f->product, "holders",
			     (json_int_t)f->product_holders, "agri",
			     "certificates", (json_int_t)f->agri, "holders",
			     (json_int_t)f->agri_holders, "expiring",
			     (json_int_t)f->expiring, "expiring_days",
			     QC_CERT_EXPIRING_DAYS, "suspended",
			     (json_int_t)f->suspended, "expired",
			     (json_int_t)f->expired, "revoked",
			     (json_int_t)f->revoked);
}
