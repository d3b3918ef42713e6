/* qcity progress add */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "qcity/auth.h"
#include "qcity/model.h"
#include "qcity/review.h"
#include "qcity/scope.h"
#include "cli.h"
#include "banned.h"

int cmd_progress_add(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *task = NULL, *unit = NULL, *period = NULL,
		   *status = NULL, *text = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "plan", &plan, NULL },     { "task", &task, NULL },
		{ "unit", &unit, NULL },     { "period", &period, NULL },
		{ "status", &status, NULL }, { "text", &text, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_user who;
	struct qc_store *s;
	char region[QC_REGION_CODE_SIZE];
	int64_t plan_id;
	int n, rc;

	if ((rc = cli_parse("progress add", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!plan || !task || !unit || !period || !status)
		return cli_usage("progress add",
				 "--plan, --task, --unit, "
				 "--period and --status are required");
	if (!cli_int("--plan", plan, 1, INT64_MAX, &plan_id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	/* --unit reports as that unit's reporter would: only on a task the
	 * unit leads or co-owns (qcity/scope.h). */
	if ((rc = cli_plan_region(s, plan_id, region, &err)))
		return cli_fail(&err);
	rc = cli_reporter(s, unit, *region ? region : NULL, &who, &err);
	if (!rc)
		rc = qc_scope_can_write_progress(s, &who, plan_id, task, &err);
	qc_user_release(&who);
	if (rc)
		return cli_fail(&err);
	if (qc_task_report_add(s, plan_id, task, unit, period, status, text,
			       cli->actor, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:s, s:s, s:s, s:s}", "plan",
					plan, "task", task, "unit", unit,
					"period", period, "status", status),
			  _("recorded %s for task %s of plan %s (%s, %s)\n"),
			  status, task, plan, unit, period);
}
