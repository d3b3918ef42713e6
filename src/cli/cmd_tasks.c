/* qcity tasks: each work item's state for its lead units (sections as
 * the outline's headings, with no state), and each unit's
 * reporting rate and timeliness under the plan's reporting duties. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "qcity/reporting.h"
#include "cli.h"
#include "banned.h"

static json_t *reporting_json(const struct qc_reporting *r)
{
	json_t *units = json_array(), *periods = json_array();
	for (size_t i = 0; i < r->n_units; i++) {
		const struct qc_unit_reporting *u = &r->units[i];
		json_array_append_new(
			units,
			qc_xjson_pack("{s:s, s:s, s:i, s:i,"
				      " s:i, s:i, s:i, s:f, s:f, s:s?, s:s?}",
				      "unit", u->unit, "kind",
				      qc_report_kind_name(u->kind),
				      "grace_days", u->grace_days, "due",
				      u->due, "on_time",
				      u->count[QC_REPORT_ON_TIME], "late",
				      u->count[QC_REPORT_LATE], "missing",
				      u->count[QC_REPORT_MISSING], "rate",
				      u->rate, "timeliness", u->timeliness,
				      "missing_periods", u->missing,
				      "late_periods", u->late));
	}
	for (size_t i = 0; i < r->n_periods; i++) {
		const struct qc_period_reporting *p = &r->periods[i];
		json_array_append_new(periods,
				      qc_xjson_pack("{s:s, s:s, s:s, s:i,"
						    " s:i, s:i}",
						    "kind",
						    qc_report_kind_name(p->kind),
						    "period", p->period,
						    "deadline", p->deadline,
						    "on_time",
						    p->count[QC_REPORT_ON_TIME],
						    "late",
						    p->count[QC_REPORT_LATE],
						    "missing",
						    p->count[QC_REPORT_MISSING]));
	}
	return qc_xjson_pack("{s:s, s:o, s:o}", "as_of", r->as_of, "units",
			     units, "periods", periods);
}

static void print_reporting(const struct qc_reporting *r)
{
	printf(_("Reporting as of %s%s\n"), r->as_of,
	       r->year ? "" : _(" (every year of the plan)"));
	cli_print_cell(stdout, _("unit"), 22);
	/* Headings as wide as the columns below, whatever the language. */
	static const char *const head[][2] = {
		{ N_("duty"), "10" },   { N_("due (reports)"), "4" },
		{ N_("on time"), "7" }, { N_("late"), "5" },
		{ N_("missing"), "7" }, { N_("rate"), "6" },
		{ N_("on-time%"), "8" }
	};
	for (size_t k = 0; k < sizeof(head) / sizeof(head[0]); k++) {
		int w = atoi(head[k][1]), tw = cli_text_width(_(head[k][0]));
		printf(" %*s%s", k ? (w > tw ? w - tw : 0) : 0, "",
		       _(head[k][0]));
		if (!k)
			printf("%*s", w > tw ? w - tw : 0, "");
	}
	printf("\n");
	for (size_t i = 0; i < r->n_units; i++) {
		const struct qc_unit_reporting *u = &r->units[i];
		cli_print_cell(stdout, u->unit, 22);
		printf(" ");
		cli_print_cell(stdout, qc_label(qc_report_kind_name(u->kind)),
			       10);
		printf(" %4d %7d %5d %7d %5.0f%% %7.0f%%\n", u->due,
		       u->count[QC_REPORT_ON_TIME], u->count[QC_REPORT_LATE],
		       u->count[QC_REPORT_MISSING], u->rate * 100,
		       u->timeliness * 100);
	}
	printf("\n");
}

static void print_tasks(const struct qc_task_list *l)
{
	printf("%s\n", _("Tasks"));
	for (size_t i = 0; i < l->n; i++) {
		const struct qc_task_status *t = &l->v[i];
		char title[80];
		/* An outline heading: the tree's line, with no unit or state
		 * (nobody reports on it). */
		if (t->section) {
			printf("%s %s\n", t->key, t->title ? t->title : "");
			continue;
		}
		snprintf(title, sizeof(title), "  %s %s", t->key,
			 t->title ? t->title : "");
		cli_print_cell(stdout, title, 40);
		printf(" ");
		cli_print_cell(stdout, t->unit ? t->unit : "-", 16);
		printf(" ");
		cli_print_cell(stdout, qc_label(qc_task_state_name(t->state)),
			       12);
		printf(_(" due %-10s last %s %s\n"), t->due ? t->due : "-",
		       t->last_period ? t->last_period : "-",
		       t->last_status ? qc_label(t->last_status) : "");
	}
	printf(_("%zu: %zu done, %zu on time, %zu late, %zu not reported\n"),
	       l->n_items, l->count[QC_TASK_DONE], l->count[QC_TASK_ON_TIME],
	       l->count[QC_TASK_LATE], l->count[QC_TASK_NOT_REPORTED]);
}

int cmd_tasks(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *year = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "plan", .val = &plan },
		{ .name = "year", .val = &year },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_reporting rep;
	struct qc_task_list tasks;
	struct qc_store *s;
	int64_t plan_id, yr = 0;
	int n, rc;

	if ((rc = cli_parse("tasks", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!plan)
		return cli_usage("tasks", "--plan ID is required");
	if (!cli_int("--plan", plan, 1, INT64_MAX, &plan_id) ||
	    (year && !cli_int("--year", year, 1949, 2100, &yr)))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_reporting_compute(s, plan_id, (int)yr, &rep, &err))
		return cli_fail(&err);
	if (qc_task_status_list(s, plan_id, &tasks, &err)) {
		qc_reporting_release(&rep);
		return cli_fail(&err);
	}
	if (cli->json) {
		json_t *tl = json_array();
		for (size_t i = 0; i < tasks.n; i++) {
			const struct qc_task_status *t = &tasks.v[i];
			json_array_append_new(
				tl,
				qc_xjson_pack("{s:s, s:s, s:s?, s:s?,"
					      " s:s?, s:s?, s:s?, s:s?, s:s?}",
					      "key", t->key, "kind",
					      t->section ? "section" : "item",
					      "title", t->title, "unit",
					      t->unit, "due", t->due, "state",
					      t->section ? NULL :
							   qc_task_state_name(
								   t->state),
					      "last_period", t->last_period,
					      "last_status", t->last_status,
					      "last_submitted",
					      t->last_submitted));
		}
		cli_print_json(qc_xjson_pack("{s:o, s:o}", "reporting",
					     reporting_json(&rep), "tasks",
					     tl));
	} else {
		print_reporting(&rep);
		print_tasks(&tasks);
	}
	qc_reporting_release(&rep);
	qc_task_list_release(&tasks);
	return EXIT_OK;
}
