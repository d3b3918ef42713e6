/* A target's parts and their roll-up as JSON (src/common/parts_json.h). */
#include "src/common/parts_json.h"

#include "qcity/json.h"
#include "qcity/status.h"
#include "banned.h"

static json_t *part_json(const struct qc_part_status *q)
{
	return qc_xjson_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:o}", "label",
			     q->label, "region", q->region, "year",
			     q->year ? json_integer(q->year) : json_null(),
			     "requirement", q->requirement, "owners",
			     q->owners ? q->owners : "", "status",
			     qc_progress_name(q->p.status), "current",
			     q->p.has_current ? json_real(q->p.current) :
						json_null());
}

json_t *qc_json_parts(const struct qc_status_row *row)
{
	json_t *items;

	if (!row->n_parts)
		return NULL;
	items = json_array();
	for (size_t k = 0; k < row->n_parts; k++)
		json_array_append_new(items, part_json(&row->parts[k]));
	return qc_xjson_pack("{s:I, s:I, s:I, s:o, s:o}", "n",
			     (json_int_t)row->n_parts, "met",
			     (json_int_t)row->parts_met, "no_data",
			     (json_int_t)row->parts_no_data, "weakest",
			     row->weakest >= 0 ?
				     part_json(&row->parts[row->weakest]) :
				     json_null(),
			     "items", items);
}
