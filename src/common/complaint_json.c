/* A complaint register item as JSON for both faces, personal data masked
 * unless the caller may show it (and has audited that it does). */
#include <stdio.h>

#include "qcity/complaint.h"
#include "src/common/complaint_json.h"
#include "banned.h"

json_t *qc_json_complaint(const struct qc_complaint *c, bool unmask)
{
	char name[64], phone[32], idno[32];
	if (unmask) {
		snprintf(name, sizeof(name), "%s",
			 c->person_name ? c->person_name : "");
		snprintf(phone, sizeof(phone), "%s",
			 c->person_phone ? c->person_phone : "");
		snprintf(idno, sizeof(idno), "%s",
			 c->person_id ? c->person_id : "");
	} else {
		qc_mask_name(c->person_name, name, sizeof(name));
		qc_mask_phone(c->person_phone, phone, sizeof(phone));
		qc_mask_id(c->person_id, idno, sizeof(idno));
	}
	return qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s?, s:s, s:s, s:s, s:s?,"
			     " s:s?, s:s, s:s, s:s, s:s?, s:s?, s:i, s:b, s:b,"
			     " s:s?, s:s?}",
			     "id", (json_int_t)c->id, "kind",
			     c->kind == QC_REPORT ? "report" : "complaint",
			     "region", c->region, "channel", c->channel,
			     "platform_no", c->platform_no, "state", c->state,
			     "received_on", c->received_on, "respondent",
			     c->respondent, "category", c->category, "text",
			     c->text, "person_name", name, "person_phone",
			     phone, "person_id", idno, "awaiting", c->awaiting,
			     "due", c->due[0] ? c->due : NULL, "workdays_left",
			     c->workdays_left, "overdue", c->overdue,
			     "due_soon", c->due_soon, "rule", c->rule,
			     "province", c->province[0] ? c->province : NULL);
}

json_t *qc_json_complaints(const struct qc_complaint_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, qc_json_complaint(&l->v[i], false));
	return a;
}
