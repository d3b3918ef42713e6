/* The assessment's scored lines as JSON (src/common/assess_json.h). */
#include "qcity/assess.h"
#include "qcity/json.h"
#include "src/common/assess_json.h"
#include "banned.h"

json_t *qc_json_assess_lines(const struct qc_assess_subject *x)
{
	json_t *lines = json_array();
	for (size_t k = 0; k < x->n_lines; k++) {
		const struct qc_assess_line *l = &x->lines[k];
		json_array_append_new(lines,
				      qc_xjson_pack("{s:s?, s:s?, s:f, s:f,"
						    " s:s?, s:s?}",
						    "item", l->item, "name",
						    l->name, "points",
						    l->points, "max", l->max,
						    "source", l->source,
						    "reason", l->reason));
	}
	return lines;
}
