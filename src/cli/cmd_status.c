/* qcity status: each target with its latest value and a verdict. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "qcity/plan_store.h"
#include "qcity/status.h"
#include "qcity/strbuf.h"
#include "cli.h"
#include "banned.h"

static json_t *row_json(const struct qc_status_row *r)
{
	struct qc_buf b = QC_BUF_INIT;
	struct qc_target t = { .op = r->op, .value = r->value,
			       .value_max = r->value_max, .unit = r->unit };
	qc_buf_init(&b, 0);
	qc_target_describe(&t, &b);
	json_t *o = json_pack("{s:I, s:s?, s:s, s:s, s:s, s:o, s:s?, s:s?,"
			      " s:o, s:i, s:s}",
		"target", (json_int_t)r->target_id, "goal", r->goal,
		"indicator", r->indicator, "op", qc_op_name(r->op),
		"requirement", qc_buf_str(&b),
		"year", r->year ? json_integer(r->year) : json_null(),
		"owners", r->owners, "latest_period", r->latest_period,
		"latest_value", r->has_latest ? json_real(r->latest_value) :
		json_null(), "values", r->n_values,
		"verdict", qc_verdict_name(r->verdict));
	qc_buf_release(&b);
	return o;
}

static void print_table(const struct qc_status_table *t, const char *title)
{
	struct qc_buf b = QC_BUF_INIT;
	char latest[64];
	int counts[4] = { 0 };

	qc_buf_init(&b, 0);
	printf("%s — %s (%s)\n", title, t->region_name ? t->region_name : "",
	       t->region);
	cli_print_cell(stdout, "indicator", 36);
	cli_print_cell(stdout, " target", 16);
	cli_print_cell(stdout, " latest", 18);
	printf(" status\n");
	for (size_t i = 0; i < t->n; i++) {
		const struct qc_status_row *r = &t->v[i];
		struct qc_target tg = { .op = r->op, .value = r->value,
					.value_max = r->value_max,
					.unit = r->unit };
		qc_buf_reset(&b);
		qc_target_describe(&tg, &b);
		if (r->has_latest)
			snprintf(latest, sizeof(latest), "%g (%s)",
				 r->latest_value, r->latest_period);
		else
			snprintf(latest, sizeof(latest), "-");
		cli_print_cell(stdout, r->indicator, 36);
		printf(" ");
		cli_print_cell(stdout, qc_buf_str(&b), 15);
		printf(" ");
		cli_print_cell(stdout, latest, 17);
		printf(" %s\n", qc_verdict_name(r->verdict));
		counts[r->verdict]++;
	}
	printf("%zu targets: %d met, %d not met, %d unknown, %d no data\n\n",
	       t->n, counts[QC_VERDICT_MET], counts[QC_VERDICT_NOT_MET],
	       counts[QC_VERDICT_UNKNOWN], counts[QC_VERDICT_NO_DATA]);
	qc_buf_release(&b);
}

int cmd_status(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *region = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "plan", &plan, NULL }, { "region", &region, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_plan_summary_list plans;
	struct qc_error err = { 0 };
	struct qc_store *s;
	json_t *all = NULL;
	int n, rc = EXIT_OK;
	size_t shown = 0;

	if ((rc = cli_parse("status", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_plan_list(s, &plans, &err))
		return cli_fail(&err);
	if (cli->json)
		all = json_array();
	for (size_t i = 0; i < plans.n && !rc; i++) {
		const struct qc_plan_summary *p = &plans.v[i];
		struct qc_status_table t;
		if (plan ? p->id != atoll(plan) :
		    (!p->region_code && !region))
			continue;
		if (qc_status_table(s, p->id, region, &t, &err)) {
			rc = cli_fail(&err);
			break;
		}
		shown++;
		if (cli->json) {
			json_t *rows = json_array();
			for (size_t k = 0; k < t.n; k++)
				json_array_append_new(rows, row_json(&t.v[k]));
			json_array_append_new(all, json_pack("{s:I, s:s, s:s,"
				" s:o}", "plan", (json_int_t)p->id, "title",
				p->title, "region", t.region, "targets", rows));
		} else {
			print_table(&t, p->title);
		}
		qc_status_table_release(&t);
	}
	if (all)
		cli_print_json(all);
	if (!rc && !shown && plan) {
		fprintf(stderr, "qcity: no plan %s (see `qcity plan list`)\n",
			plan);
		rc = EXIT_NOTFOUND;
	} else if (!rc && !shown && !cli->json) {
		puts("no plans with a region yet: import one with `qcity plan "
		     "import FILE` or build the demo with `qcity demo`");
	}
	qc_plan_summary_list_release(&plans);
	return rc;
}
