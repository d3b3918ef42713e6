/* The metrology register as JSON for the command line and the API
 * (metrology_json.h). */
#include "qcity/json.h"
#include "qcity/metrology.h"
#include "metrology_json.h"
#include "banned.h"

json_t *qc_json_metrology(const struct qc_metrology *m)
{
	return qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s,"
			     " s:s, s:s?, s:b, s:b, s:i}",
			     "id", (json_int_t)m->id, "code", m->code, "kind",
			     m->kind, "region", m->region, "owner_name",
			     m->owner_name, "owner_uscc", m->owner_uscc,
			     "purpose", m->purpose, "next_due",
			     m->next_due[0] ? m->next_due : NULL, "status",
			     m->status, "status_name",
			     qc_metrology_status_name(m->status), "last_result",
			     m->last_result[0] ? m->last_result : NULL,
			     "overdue", m->overdue, "failed", m->failed,
			     "days_overdue", (int)m->days_overdue);
}

json_t *qc_json_metrology_figures(const char *region, int year,
				  const struct qc_metrology_figures *f)
{
	return qc_xjson_pack("{s:s, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
			     "region", region, "year", year, "in_use",
			     (json_int_t)f->in_use, "due", (json_int_t)f->due,
			     "on_time", (json_int_t)f->on_time, "overdue",
			     (json_int_t)f->overdue, "failed",
			     (json_int_t)f->failed, "verified",
			     (json_int_t)f->verified, "passed",
			     (json_int_t)f->passed);
}
