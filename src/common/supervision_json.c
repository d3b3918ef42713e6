/* A 督查 item as JSON (supervision_json.h). */
#include <jansson.h>

#include "qcity/json.h"
#include "qcity/supervision.h"
#include "src/common/supervision_json.h"
#include "banned.h"

json_t *qc_json_sup_item(const struct qc_sup_item *x)
{
	json_t *steps = json_array();
	for (size_t i = 0; i < x->n_steps; i++) {
		const struct qc_sup_step *p = &x->steps[i];
		json_t *att = json_array();
		for (size_t k = 0; k < p->n_attachments; k++)
			json_array_append_new(att,
					      json_string(p->attachments[k]));
		json_array_append_new(steps,
				      qc_xjson_pack("{s:s, s:s?, s:s, s:s,"
						    " s:o}",
						    "action", p->action, "text",
						    p->text, "actor", p->actor,
						    "at", p->at, "attachments",
						    att));
	}
	return qc_xjson_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s?, s:s?, s:s,"
			     " s:s, s:s, s:s, s:b, s:s, s:s, s:s?, s:o}",
			     "id", (json_int_t)x->id, "plan_id",
			     (json_int_t)x->plan_id, "plan", x->plan, "unit_id",
			     (json_int_t)x->unit_id, "unit", x->unit, "region",
			     x->region, "task", x->task, "target", x->target,
			     "finding", x->finding, "rectify", x->rectify,
			     "deadline", x->deadline, "state", x->state,
			     "overdue", x->overdue, "opened_by", x->opened_by,
			     "opened_at", x->opened_at, "closed_at",
			     x->closed_at, "steps", steps);
}
