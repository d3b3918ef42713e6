/* qcity alerts: what needs attention now, with reasons and the people
 * concerned. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "qcity/alerts.h"
#include "qcity/plan_store.h"
#include "cli.h"
#include "banned.h"

/* The plan named by --plan (plan_id), else every plan with a region. */
static bool wanted(const struct qc_plan_summary *p, int64_t plan_id)
{
	return plan_id ? p->id == plan_id : p->region_code != NULL;
}

int cmd_alerts(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *pos[1];
	bool show_acked = false;
	const struct cli_opt opts[] = {
		{ .name = "plan", .val = &plan },
		{ .name = "all", .flag = &show_acked },
		{ .name = NULL },
	};
	struct qc_plan_summary_list plans;
	struct qc_error err = { 0 };
	struct qc_store *s;
	json_t *all = cli->json ? json_array() : NULL;
	int64_t plan_id = 0;
	int n, rc;
	size_t shown = 0;

	if ((rc = cli_parse("alerts", argc, argv, opts, pos, 0, &n)))
		goto done;
	if (plan && !cli_int("--plan", plan, 1, INT64_MAX, &plan_id)) {
		rc = EXIT_USAGE;
		goto done;
	}
	if (!(s = cli_store(cli))) {
		rc = EXIT_DB;
		goto done;
	}
	if (qc_plan_list(s, &plans, &err)) {
		rc = cli_fail(&err);
		goto done;
	}
	for (size_t i = 0; i < plans.n && !rc; i++) {
		struct qc_alert_list l;
		size_t hidden = 0;
		if (!wanted(&plans.v[i], plan_id))
			continue;
		shown++;
		if (qc_alerts(s, plans.v[i].id, &l, &err)) {
			rc = cli_fail(&err);
			break;
		}
		if (!all)
			printf("%s: %zu alerts\n", plans.v[i].title, l.n);
		for (size_t k = 0; k < l.n; k++) {
			const struct qc_alert *a = &l.v[k];
			if (all) {
				json_array_append_new(
					all,
					qc_xjson_pack("{s:I, s:s,"
						      " s:i, s:s, s:s, s:s, s:s, s:s, s:s?,"
						      " s:s?}",
						      "plan",
						      (json_int_t)plans.v[i].id,
						      "kind",
						      qc_alert_kind_name(
							      a->kind),
						      "severity", a->severity,
						      "subject", a->subject,
						      "region", a->region,
						      "period", a->period,
						      "reason", a->reason,
						      "people", a->people,
						      "acked_by", a->acked_by,
						      "ack_note", a->ack_note));
				continue;
			}
			/* What the office has acknowledged stays out of the
			 * way unless asked for. */
			if (a->acked_by && !show_acked) {
				hidden++;
				continue;
			}
			if (a->acked_by)
				printf("   (acknowledged by %s: %s)\n",
				       a->acked_by,
				       a->ack_note ? a->ack_note : "");
			printf("%s [%s] %s%s%s%s%s\n    %s\n    → %s\n",
			       a->severity >= 3 ? "!!" :
			       a->severity == 2 ? "! " :
						  "  ",
			       qc_alert_kind_name(a->kind), a->subject,
			       *a->region ? " " : "", a->region,
			       *a->period ? " " : "", a->period, a->reason,
			       a->people);
		}
		if (!all && hidden)
			printf("(%zu acknowledged alerts not shown; --all shows "
			       "them)\n",
			       hidden);
		if (!all)
			printf("\n");
		qc_alert_list_release(&l);
	}
	qc_plan_summary_list_release(&plans);
	if (!rc && !shown && plan) {
		fprintf(stderr, "qcity: no plan %s (see `qcity plan list`)\n",
			plan);
		rc = EXIT_NOTFOUND;
	}
done:
	if (all && !rc)
		cli_print_json(all);
	else if (all)
		json_decref(all);
	return rc;
}

int cmd_alerts_ack(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *kind = NULL, *subject = NULL, *region = NULL,
		   *period = NULL, *note = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "plan", .val = &plan },
		{ .name = "kind", .val = &kind },
		{ .name = "subject", .val = &subject },
		{ .name = "region", .val = &region },
		{ .name = "period", .val = &period },
		{ .name = "note", .val = &note },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t plan_id;
	int n, rc;

	if ((rc = cli_parse("alerts ack", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!plan || !kind || !subject)
		return cli_usage("alerts ack",
				 "--plan, --kind and --subject "
				 "name the alert (as `qcity alerts --json` "
				 "gives them)");
	if (!cli_int("--plan", plan, 1, INT64_MAX, &plan_id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_alert_ack(s, plan_id, kind, subject, region, period, note,
			 cli->actor, &err))
		return cli_fail(&err);
	if (!cli->json)
		printf("acknowledged: %s %s%s%s\n", kind, subject,
		       period ? " " : "", period ? period : "");
	return EXIT_OK;
}
