/* qcity equipment import | inspect | accident | list | figures | bind: the
 * special-equipment register (特种设备, docs/equipment.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/equipment.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "cli.h"
#include "banned.h"

int cmd_equipment_import(struct qc_cli *cli, int argc, char **argv)
{
	return cli_register_import(cli, "equipment import", argc, argv,
				   qc_equipment_import,
				   _("registered %ld units, updated %ld, %ld "
				     "unchanged\n"));
}

int cmd_equipment_inspect(struct qc_cli *cli, int argc, char **argv)
{
	const char *result = NULL, *next = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "result", &result, NULL },
		{ "next", &next, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("equipment inspect", argc, argv, opts, pos, 2, &n)))
		return rc;
	if (n != 2 || !result)
		return cli_usage("equipment inspect",
				 "give the registration code, the date and "
				 "--result");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_equipment_inspect(s, pos[0], pos[1], result, next, cli->actor,
				 &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:s, s:s}", "code", pos[0],
					"date", pos[1], "result",
					qc_equipment_result(result)),
			  _("inspection of %s on %s recorded\n"), pos[0],
			  pos[1]);
}

int cmd_equipment_accident(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *code = NULL, *cat = NULL, *deaths = NULL,
		   *injuries = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },     { "code", &code, NULL },
		{ "category", &cat, NULL },      { "deaths", &deaths, NULL },
		{ "injuries", &injuries, NULL }, { NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_equipment_accident a = { 0 };
	struct qc_store *s;
	int64_t d = 0, inj = 0, id;
	int n, rc;

	if ((rc = cli_parse("equipment accident", argc, argv, opts, pos, 1,
			    &n)))
		return rc;
	if (n != 1 || !deaths || (!region && !code))
		return cli_usage("equipment accident",
				 "give the date, --region (or --code) and "
				 "--deaths");
	if (!cli_int("--deaths", deaths, 0, 100000, &d) ||
	    (injuries && !cli_int("--injuries", injuries, 0, 100000, &inj)))
		return EXIT_USAGE;
	a.date = pos[0];
	a.region = region;
	a.code = code;
	a.category = cat;
	a.deaths = (int)d;
	a.injuries = (int)inj;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_equipment_accident(s, &a, cli->actor, &id, &err))
		return cli_fail(&err);
	return cli_report(cli, qc_xjson_pack("{s:I}", "id", (json_int_t)id),
			  _("accident %lld recorded\n"), (long long)id);
}

static json_t *unit_json(const struct qc_equipment *e)
{
	return qc_xjson_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s,"
			     " s:s?, s:b, s:i}",
			     "code", e->code, "category", e->category, "region",
			     e->region, "user_name", e->user_name, "user_uscc",
			     e->user_uscc, "registered_on",
			     e->registered_on[0] ? e->registered_on : NULL,
			     "next_due", e->next_due[0] ? e->next_due : NULL,
			     "status", e->status, "last_result",
			     e->last_result[0] ? e->last_result : NULL,
			     "overdue", e->overdue, "days_overdue",
			     (int)e->days_overdue);
}

static void print_unit(struct qc_store *s, const struct qc_equipment *e)
{
	char late[64] = "";

	if (e->overdue && !strcmp(e->last_result, "fail"))
		snprintf(late, sizeof(late),
			 _("failed, not re-inspected (%ld days)"),
			 e->days_overdue);
	else if (e->overdue)
		snprintf(late, sizeof(late), _("overdue %ld days"),
			 e->days_overdue);
	cli_print_cell(stdout, e->code, 22);
	cli_print_cell(stdout, qc_equipment_category_name(e->category), 22);
	cli_print_cell(stdout, cli_region_name(s, e->region), 12);
	cli_print_cell(stdout, e->user_name, 30);
	cli_print_cell(stdout, qc_equipment_status_name(e->status), 6);
	cli_print_cell(stdout, e->next_due[0] ? e->next_due : "—", 12);
	printf("%s\n", late);
}

int cmd_equipment_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *pos[1];
	bool overdue = false;
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ "overdue", NULL, &overdue },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_equipment_list l;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	int n, rc;

	if ((rc = cli_parse("equipment list", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if ((region && qc_region_resolve(s, region, code, &err)) ||
	    qc_equipment_list(s, region ? code : NULL, overdue, qc_today_days(),
			      &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, unit_json(&l.v[i]));
		cli_print_json(a);
	} else if (!l.n) {
		printf(overdue ? _("no overdue units\n") : _("no units\n"));
	} else {
		cli_print_cell(stdout, _("registration code"), 22);
		cli_print_cell(stdout, _("equipment class"), 22);
		cli_print_cell(stdout, _("registered in"), 12);
		cli_print_cell(stdout, _("user of the unit"), 30);
		cli_print_cell(stdout, _("status"), 6);
		cli_print_cell(stdout, _("next inspection"), 12);
		printf("\n");
		for (size_t i = 0; i < l.n; i++)
			print_unit(s, &l.v[i]);
	}
	qc_equipment_list_release(&l);
	return EXIT_OK;
}

/* qc_equipment_measure as the shared printer calls it. */
static bool measure(const void *f, const char *name, double *v)
{
	return qc_equipment_measure(f, name, v);
}

int cmd_equipment_figures(struct qc_cli *cli, int argc, char **argv)
{
	static const char *const names[][2] = {
		{ "inspection_rate", N_("periodic inspection rate (%)") },
		{ "accidents_per_10k",
		  N_("accidents per 10,000 units in use") },
		{ "deaths_per_10k", N_("deaths per 10,000 units in use") },
	};
	struct qc_error err = { 0 };
	struct qc_equipment_figures f;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	int y, rc;

	if ((rc = cli_register_scope(cli, "equipment figures", argc, argv, &s,
				     code, &y)))
		return rc;
	if (qc_equipment_figures(s, code, y, qc_today_days(), &f, &err))
		return cli_fail(&err);
	json_t *o =
		qc_xjson_pack("{s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}",
			      "region", code, "year", y, "in_use",
			      (int)f.in_use, "due", (int)f.due, "on_time",
			      (int)f.on_time, "overdue", (int)f.overdue,
			      "accidents", (int)f.accidents, "deaths",
			      (int)f.deaths, "injuries", (int)f.injuries);
	if (!cli->json)
		printf(_("%s, %d: %ld units in use at year end; %ld "
			 "inspections due, %ld on time; %ld units overdue "
			 "now; %ld accidents, %ld deaths, %ld injured\n"),
		       cli_region_name(s, code), y, f.in_use, f.due, f.on_time,
		       f.overdue, f.accidents, f.deaths, f.injuries);
	return cli_print_measures(cli, o, names,
				  sizeof(names) / sizeof(names[0]), measure,
				  &f);
}

int cmd_equipment_bind(struct qc_cli *cli, int argc, char **argv)
{
	return cli_register_bind(cli, "equipment bind", argc, argv,
				 qc_equipment_bind,
				 _("%s is now computed from the special-equipment "
				   "register (%s)\n"));
}
