/* qcity plan import | export | list | show */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/strbuf.h"
#include "qcity/num.h"
#include "cli.h"
#include "banned.h"

#define PLAN_FILE_MAX ((size_t)32 << 20)

static bool parse_id(const char *s, long long *id)
{
	int64_t v;
	if (!qc_parse_int64(s, 1, INT64_MAX, &v))
		return false;
	*id = v;
	return true;
}

int cmd_plan_import(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	bool replace = false, activate = false;
	const struct cli_opt opts[] = {
		{ "replace", NULL, &replace },
		{ "activate", NULL, &activate },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_plan plan;
	struct qc_store *s;
	char *data = NULL;
	size_t len;
	long long id = 0;
	int n, rc;

	if ((rc = cli_parse("plan import", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("plan import", "give one plan JSON file");
	if (cli_read_file(pos[0], PLAN_FILE_MAX, &data, &len, &err))
		return cli_fail(&err);
	if (qc_plan_from_json(&plan, data, len, &err)) {
		qc_error_prefix(&err, "%s", pos[0]);
		rc = cli_fail(&err);
		goto out;
	}
	if (activate)
		qc_set_str(&plan.status, "active");
	if (!(s = cli_store(cli))) {
		rc = EXIT_DB;
		goto out;
	}
	if (qc_plan_import(s, &plan, replace, cli->actor, &id, &err)) {
		qc_error_prefix(&err, "%s", pos[0]);
		rc = cli_fail(&err);
		goto out;
	}
	if (cli->json)
		cli_print_json(qc_xjson_pack("{s:I, s:i, s:i, s:i}", "id",
					     (json_int_t)id, "targets",
					     (int)plan.n_targets, "tasks",
					     (int)plan.n_tasks, "items",
					     (int)qc_plan_items(&plan)));
	else
		/* TRANSLATORS: tasks are the work items; headings the
		 * outline's other headings (指导思想, 工作目标 …). */
		printf(_("imported plan %lld: %s (%zu targets, %zu tasks, %zu "
			 "outline headings)\n"),
		       id, plan.title, plan.n_targets, qc_plan_items(&plan),
		       plan.n_tasks - qc_plan_items(&plan));
	rc = EXIT_OK;
out:
	qc_plan_release(&plan);
	free(data);
	return rc;
}

int cmd_plan_export(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *output = NULL;
	const struct cli_opt opts[] = {
		{ "output", &output, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_plan plan;
	struct qc_store *s;
	long long id;
	int n, rc;

	if ((rc = cli_parse("plan export", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !parse_id(pos[0], &id))
		return cli_usage("plan export", "give a plan id");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_plan_load(s, id, &plan, &err)) {
		qc_plan_release(&plan);
		return cli_fail(&err);
	}
	char *js = qc_plan_to_json(&plan);
	FILE *f = output ? fopen(output, "w") : stdout;
	rc = EXIT_OK;
	if (!f) {
		perror(output);
		rc = EXIT_IO;
	} else {
		fprintf(f, "%s\n", js);
		if (output && fclose(f)) {
			perror(output);
			rc = EXIT_IO;
		}
	}
	free(js);
	qc_plan_release(&plan);
	return rc;
}

/* A plan's period as written in a table: 2017-2020, or "-" where the
 * document gave none (stored as 0), never 0-0. buf holds 24 bytes. */
static const char *period_text(char *buf, int start, int end)
{
	if (!start && !end)
		return "-";
	if (!start || !end)
		snprintf(buf, 24, "%d", start ? start : end);
	else
		snprintf(buf, 24, "%d-%d", start, end);
	return buf;
}

int cmd_plan_list(struct qc_cli *cli, int argc, char **argv)
{
	struct qc_plan_summary_list l;
	struct qc_error err = { 0 };
	struct qc_store *s;
	const char *pos[1];
	int n, rc;

	if ((rc = cli_parse("plan list", argc, argv, NULL, pos, 0, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_plan_list(s, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_plan_summary *e = &l.v[i];
			json_array_append_new(
				a,
				qc_xjson_pack("{s:I, s:s, s:s?, s:s?, s:s?, s:s, s:i, s:i,"
					      " s:i, s:i}",
					      "id", (json_int_t)e->id, "title",
					      e->title, "doc_number",
					      e->doc_number, "region",
					      e->region_code, "region_name",
					      e->region_name, "status",
					      e->status, "period_start",
					      e->period_start, "period_end",
					      e->period_end, "targets",
					      e->n_targets, "tasks",
					      e->n_tasks));
		}
		cli_print_json(a);
	} else if (!l.n) {
		puts(_("no plans yet: import one with `qcity plan import FILE`"));
	} else {
		static const char *const head[] = { N_("id"), N_("region"),
						    N_("period"), N_("targets"),
						    N_("status") };
		static const int width[] = { 4, 12, 9, 7, 7 };
		for (size_t k = 0; k < 5; k++) {
			cli_print_cell(stdout, _(head[k]), width[k]);
			printf(" ");
		}
		printf("%s\n", _("title"));
	}
	for (size_t i = 0; !cli->json && i < l.n; i++) {
		const struct qc_plan_summary *e = &l.v[i];
		char period[24];
		printf("%-4lld ", e->id);
		cli_print_cell(stdout,
			       e->region_name ? e->region_name :
			       e->region_code ? e->region_code :
						"-",
			       12);
		printf(" %-9s %-7d ",
		       period_text(period, e->period_start, e->period_end),
		       e->n_targets);
		cli_print_cell(stdout, qc_label(e->status), 7);
		printf(" %s\n", e->title);
	}
	qc_plan_summary_list_release(&l);
	return EXIT_OK;
}

static void print_owners(const struct qc_owner_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		printf("%s%s%s", i ? "、" : "", l->v[i].unit,
		       l->v[i].role == QC_ROLE_CO ? _("(co-owner)") : "");
}

static void show_targets(const struct qc_plan *p, const char *goal)
{
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_init(&b, 0);
	for (size_t i = 0; i < p->n_targets; i++) {
		const struct qc_target *t = &p->targets[i];
		if (goal ? !t->goal || strcmp(t->goal, goal) : t->goal != NULL)
			continue;
		qc_buf_reset(&b);
		qc_target_describe(t, &b);
		printf("    L%-4d ", t->line);
		cli_print_name(stdout, t->indicator, 34, 10);
		printf(" ");
		cli_print_cell(stdout, qc_buf_str(&b), 14);
		if (t->year)
			printf(_(" by %d "), t->year);
		else
			printf("         ");
		print_owners(&t->owners);
		putchar('\n');
	}
	qc_buf_release(&b);
}

static void show_plan(const struct qc_plan *p)
{
	printf(_("Plan %lld: %s\n"), p->id, p->title);
	printf("  %s · %s · %s\n",
	       p->doc_number ? p->doc_number : _("(no number)"),
	       p->issuer ? p->issuer : _("(issuer unknown)"),
	       p->issue_date ? p->issue_date : _("(undated)"));
	char period[24];
	printf(_("  region %s (%s) · period %s · %s\n"),
	       p->region_name ? p->region_name : "-",
	       p->region_code ? p->region_code : "-",
	       period_text(period, p->period_start, p->period_end),
	       qc_label(p->status ? p->status : "draft"));

	printf(_("\nGoals and targets (%zu)\n"), p->n_targets);
	for (size_t g = 0; g < p->n_goals; g++) {
		printf("  %s\n", p->goals[g].name);
		show_targets(p, p->goals[g].key);
	}
	show_targets(p, NULL);

	printf(_("\nTasks (%zu)\n"), p->n_tasks);
	for (size_t i = 0; i < p->n_tasks; i++) {
		const struct qc_task *t = &p->tasks[i];
		int depth = 0;
		for (const char *c = t->key; *c; c++)
			depth += *c == '.';
		printf("  %*s%s %s", depth * 2, "", t->number ? t->number : "",
		       t->title ? t->title : "");
		if (t->owners.n) {
			printf("  [");
			print_owners(&t->owners);
			printf("]");
		}
		if (t->due)
			printf(_("  due %s"), t->due);
		if (t->kind == QC_TASK_SECTION)
			fputs(/* TRANSLATORS: after an outline heading that
			       * is not a work item (task kind section). */
			      _("  (heading, not reported on)"), stdout);
		putchar('\n');
	}
	if (p->n_phases)
		printf(_("\nPhases\n"));
	for (size_t i = 0; i < p->n_phases; i++)
		printf("  %s  %s – %s\n", p->phases[i].name,
		       p->phases[i].start ? p->phases[i].start : "?",
		       p->phases[i].end ? p->phases[i].end : "?");
	if (p->group.leader || p->group.office_host || p->group.n_members) {
		printf(_("\nLeading group: %s\n"),
		       p->group.name ? p->group.name : "");
		if (p->group.leader)
			printf(_("  leader: %s\n"), p->group.leader);
		if (p->group.office_host)
			printf(_("  office at: %s\n"), p->group.office_host);
		printf(_("  members (%zu):"), p->group.n_members);
		for (size_t i = 0; i < p->group.n_members; i++)
			printf("%s%s", i ? "、" : " ", p->group.members[i]);
		putchar('\n');
	}
	if (p->n_duties)
		printf(_("\nReporting\n"));
	for (size_t i = 0; i < p->n_duties; i++)
		printf(_("  %s within %d days: %s\n"),
		       qc_label(qc_report_kind_name(p->duties[i].kind)),
		       p->duties[i].grace_days,
		       p->duties[i].text ? p->duties[i].text : "");
	if (p->n_rules)
		printf(_("\nAssessment\n"));
	for (size_t i = 0; i < p->n_rules; i++)
		printf("  L%d %s\n", p->rules[i].line, p->rules[i].text);
}

int cmd_plan_show(struct qc_cli *cli, int argc, char **argv)
{
	struct qc_error err = { 0 };
	struct qc_plan plan;
	struct qc_store *s;
	const char *pos[1];
	long long id;
	int n, rc;

	if ((rc = cli_parse("plan show", argc, argv, NULL, pos, 1, &n)))
		return rc;
	if (n != 1 || !parse_id(pos[0], &id))
		return cli_usage("plan show", "give a plan id (see `qcity plan "
					      "list`)");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_plan_load(s, id, &plan, &err)) {
		qc_plan_release(&plan);
		return cli_fail(&err);
	}
	if (cli->json) {
		char *js = qc_plan_to_json(&plan);
		puts(js);
		free(js);
	} else {
		show_plan(&plan);
	}
	qc_plan_release(&plan);
	return EXIT_OK;
}

int cmd_plan_compare(struct qc_cli *cli, int argc, char **argv)
{
	struct qc_error err = { 0 };
	struct qc_compare c;
	struct qc_store *s;
	struct qc_buf b = QC_BUF_INIT;
	const char *pos[1];
	int n, rc;

	if ((rc = cli_parse("plan compare", argc, argv, NULL, pos, 0, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_plan_compare(s, &c, &err))
		return cli_fail(&err);
	qc_buf_init(&b, 0);
	json_t *all = cli->json ? json_array() : NULL;
	for (size_t i = 0; i < c.n; i++) {
		const struct qc_compare_row *row = &c.v[i];
		json_t *plans = all ? json_array() : NULL;
		if (!all)
			printf("%s\n", row->indicator);
		for (size_t k = 0; k < row->n; k++) {
			const struct qc_compare_entry *e = &row->v[k];
			qc_buf_reset(&b);
			qc_target_describe(&e->target, &b);
			if (plans) {
				json_array_append_new(
					plans,
					qc_xjson_pack(
						"{s:I, s:s?, s:s, s:s, s:s, s:o}",
						"plan", (json_int_t)e->plan_id,
						"region", e->region,
						"indicator",
						e->target.indicator, "op",
						qc_op_name(e->target.op),
						"requirement", qc_buf_str(&b),
						"year",
						e->target.year ?
							json_integer(
								e->target.year) :
							json_null()));
				continue;
			}
			printf("  ");
			cli_print_cell(stdout, e->region ? e->region : "-", 12);
			printf(" ");
			cli_print_cell(stdout, qc_buf_str(&b), 16);
			if (e->target.year)
				printf(_(" by %d"), e->target.year);
			else
				printf("        ");
			printf("  %s\n", e->target.indicator);
		}
		if (all)
			json_array_append_new(all,
					      qc_xjson_pack("{s:s, s:o}",
							    "indicator",
							    row->indicator,
							    "plans", plans));
	}
	if (all)
		cli_print_json(all);
	else if (!c.n)
		puts(_("no plan sets a target for a catalogue indicator yet"));
	qc_buf_release(&b);
	qc_compare_release(&c);
	return EXIT_OK;
}
