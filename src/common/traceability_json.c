/* The traceability register as JSON for the command line and the API
 * (traceability_json.h). */
#include "qcity/json.h"
#include "qcity/traceability.h"
#include "traceability_json.h"
#include "banned.h"

json_t *qc_json_trace_row(const struct qc_trace_row *t)
{
	return qc_xjson_pack("{s:I, s:s, s:s, s:s?, s:s?, s:s, s:s, s:s, s:s,"
			     " s:s, s:s, s:I, s:s, s:s, s:s, s:s}",
			     "id", (json_int_t)t->id, "platform", t->platform,
			     "subject_name", t->subject_name, "subject_uscc",
			     t->subject_uscc, "subject_code", t->subject_code,
			     "subject_type", t->type, "subject_type_name",
			     qc_trace_type_name(t->type), "category",
			     t->category, "category_name",
			     qc_trace_category_name(t->category),
			     "category_text", t->category_text, "product",
			     t->product, "products", (json_int_t)t->products,
			     "region", t->region, "enrolled_on", t->enrolled_on,
			     "status", t->status, "status_name",
			     qc_trace_status_name(t->status));
}

json_t *qc_json_trace_figures(const char *region, const char *day,
			      const struct qc_trace_figures *f)
{
	json_t *cats = json_object(), *types = json_object();
	for (size_t k = 0; k < QC_TRACE_CATEGORIES; k++)
		json_object_set_new(cats, qc_trace_categories[k],
				    qc_xjson_pack("{s:I, s:I}", "subjects",
						  (json_int_t)f->cat_subjects[k],
						  "products",
						  (json_int_t)
							  f->cat_products[k]));
	for (size_t k = 0; k < QC_TRACE_TYPES; k++)
		json_object_set_new(types, qc_trace_types[k],
				    json_integer(f->type_subjects[k]));
	/* The rate is null without producers: 0 % would say none of them
	 * enrolled. */
	return qc_xjson_pack("{s:s, s:s, s:I, s:I, s:I, s:o, s:o, s:I,"
			     " s:{s:I, s:I, s:o}}",
			     "region", region, "as_of", day, "subjects",
			     (json_int_t)f->subjects, "lines",
			     (json_int_t)f->lines, "products",
			     (json_int_t)f->products, "by_category", cats,
			     "by_type", types, "cancelled",
			     (json_int_t)f->cancelled, "food_coverage",
			     "producers", (json_int_t)f->producers, "covered",
			     (json_int_t)f->covered, "rate",
			     f->rate < 0 ? json_null() : json_real(f->rate));
}
