/* Stable codes (progress status, alert kinds, report and task states,
 * roles ...) as people read them: one table, so that every face shows
 * the same words (--json keeps the codes and adds these beside them). */
#include <string.h>

#include "qcity/i18n.h"
#include "banned.h"

static const struct {
	const char *code, *label;
} labels[] = {
	/* progress status (qc_progress_name) */
	{ "met", N_("met") },
	{ "on_track", N_("on track") },
	{ "acceleration_needed", N_("acceleration needed") },
	{ "limited_progress", N_("limited progress") },
	{ "deteriorating", N_("deteriorating") },
	{ "no_data", N_("no data") },
	/* alert kinds (qc_alert_kind_name) */
	{ "off_track", N_("off track") },
	{ "report_overdue", N_("report overdue") },
	{ "task_late", N_("task late") },
	{ "value_range", N_("value out of range") },
	{ "value_unit", N_("unit differs") },
	{ "value_jump", N_("sudden jump") },
	{ "complaint_overdue", N_("complaint overdue") },
	{ "complaint_due", N_("complaint due soon") },
	{ "calendar_gap", N_("holiday notices not loaded") },
	{ "equipment_overdue", N_("special equipment overdue") },
	{ "equipment_due", N_("special equipment due") },
	{ "metrology_overdue", N_("measuring instruments overdue") },
	/* report and task states (qc_report_state_name, qc_task_state_name) */
	{ "on_time", N_("on time") },
	{ "late", N_("late") },
	{ "missing", N_("missing") },
	{ "not_due", N_("not due") },
	{ "done", N_("done") },
	{ "not_reported", N_("not reported") },
	/* progress reports (qcity progress add) */
	{ "not_started", N_("not started") },
	{ "in_progress", N_("in progress") },
	{ "blocked", N_("blocked") },
	/* report kinds (qc_report_kind_name) */
	{ "monthly", N_("monthly") },
	{ "half_year", N_("half-year") },
	{ "annual", N_("annual") },
	/* owners and users (qc_role_name, qc_user_role_name) */
	{ "lead", N_("lead") },
	{ "co", N_("co-owner") },
	{ "admin", N_("administrator") },
	{ "office", N_("office") },
	{ "unit", N_("unit") },
	{ "region", N_("region") },
	{ "viewer", N_("viewer") },
	/* unit kinds (qcity unit add --kind) */
	{ "member", N_("member unit") },
	{ "government", N_("government") },
	/* parts of a plan (qc_plan_part_name) */
	{ "plan", N_("plan") },
	{ "goal", N_("goal") },
	{ "target", N_("target") },
	{ "task", N_("task") },
	{ "owner", N_("owner") },
	{ "phase", N_("phase") },
	{ "duty", N_("reporting duty") },
	{ "part", N_("part") },
	/* fields of a plan's parts (qcity plan diff) */
	{ "requirement", N_("requirement") },
	{ "parts", N_("parts") },
	{ "title", N_("title") },
	{ "text", N_("text") },
	{ "due", N_("due") },
	{ "parent", N_("parent task") },
	{ "name", N_("name") },
	{ "domain", N_("domain") },
	{ "start", N_("start") },
	{ "end", N_("end") },
	{ "kind", N_("kind") },
	/* fields of plan edits (plan_edit_fields.c) */
	{ "value", N_("target value") },
	{ "value_max", N_("upper target value") },
	{ "year", N_("target year") },
	{ "baseline", N_("base year") },
	{ "period_start", N_("first year of the plan") },
	{ "period_end", N_("last year of the plan") },
	{ "grace_days", N_("days of grace") },
	/* sampling follow-up (qc_followup: awaiting, steps, outcome) */
	{ "order", N_("rectification order") },
	{ "re-inspection", N_("re-inspection") },
	{ "publication", N_("publication") },
	{ "second re-inspection", N_("second re-inspection") },
	{ "notified", N_("notified") },
	{ "objection", N_("objection") },
	{ "ordered", N_("ordered to rectify") },
	{ "corrected", N_("corrected") },
	{ "reinspected", N_("re-inspected") },
	{ "published", N_("published") },
	{ "second", N_("second re-inspection") },
	{ "overturned", N_("overturned") },
	/* supervision items (qc_sup_item states and steps) */
	{ "open", N_("awaiting rectification") },
	{ "answered", N_("answered") },
	{ "closed", N_("closed") },
	{ "answer", N_("answer") },
	{ "close", N_("close") },
	{ "reopen", N_("reopen") },
	/* catalogue links (qcity indicator list) */
	{ "proposed", N_("proposed") },
	{ "confirmed", N_("confirmed") },
	/* series kinds (qc_measure_kind_name) */
	{ "level", N_("level") },
	{ "cumulative", N_("cumulative") },
	{ "flow", N_("flow") },
	/* the unit of a ratio target (1:1.5) */
	{ "ratio", N_("ratio") },
	/* review (qc_submission states) */
	{ "draft", N_("draft") },
	{ "submitted", N_("submitted") },
	{ "accepted", N_("accepted") },
	{ "returned", N_("returned") },
	{ "reopened", N_("reopened") },
	{ "active", N_("active") },
	{ "archived", N_("archived") },
	/* the note of a plan's first version (qc_plan_import) */
	{ "imported", N_("imported") },
	/* documents: their states and kinds (qc_doc_info) */
	{ "issued", N_("issued") },
	{ "progress", N_("progress bulletin") },
	{ "assessment", N_("assessment bulletin") },
	{ "report", N_("quality report") },
	/* quality index methods (qc_qindex_norm_name, _agg_name,
	 * _missing_name) */
	{ "minmax", N_("min-max normalised") },
	{ "zscore", N_("z-scores") },
	{ "arithmetic", N_("arithmetic mean") },
	{ "geometric", N_("geometric mean") },
	{ "reweight", N_("missing values: weights shared out") },
	{ "mean", N_("missing values: the mean") },
	{ "zero", N_("missing values: zero") },
	{ "exclude", N_("missing values: region left out") },
};

const char *qc_label(const char *code)
{
	for (size_t i = 0; code && i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(code, labels[i].code))
			return _(labels[i].label);
	return code ? code : "";
}
