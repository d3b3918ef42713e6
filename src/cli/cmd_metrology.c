/* qcity metrology import | verify | period | list | figures | bind: the
 * register of compulsorily verified measuring instruments (强制检定的计量
 * 器具, docs/metrology.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/metrology.h"
#include "qcity/region.h"
#include "src/common/metrology_json.h"
#include "cli.h"
#include "banned.h"

int cmd_metrology_import(struct qc_cli *cli, int argc, char **argv)
{
	return cli_register_import(cli, "metrology import", argc, argv,
				   qc_metrology_import,
				   _("recorded %ld instruments, updated %ld, %ld "
				     "unchanged\n"));
}

int cmd_metrology_verify(struct qc_cli *cli, int argc, char **argv)
{
	const char *result = NULL, *next = NULL, *cert = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "result", &result, NULL },
		{ "next", &next, NULL },
		{ "certificate", &cert, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_metrology_verification v = { 0 };
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("metrology verify", argc, argv, opts, pos, 2, &n)))
		return rc;
	if (n != 2 || !result)
		return cli_usage("metrology verify",
				 "give the instrument's number, the date and "
				 "--result");
	v.code = pos[0];
	v.date = pos[1];
	v.result = result;
	v.next = next;
	v.certificate = cert;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_metrology_verify(s, &v, cli->actor, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:s, s:s}", "code", pos[0],
					"date", pos[1], "result",
					qc_metrology_result(result)),
			  _("verification of %s on %s recorded\n"), pos[0],
			  pos[1]);
}

int cmd_metrology_period(struct qc_cli *cli, int argc, char **argv)
{
	const char *months = NULL, *basis = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "months", &months, NULL },
		{ "basis", &basis, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t m;
	int n, rc;

	if ((rc = cli_parse("metrology period", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !months || !basis)
		return cli_usage("metrology period",
				 "give the kind, --months and --basis");
	if (!cli_int("--months", months, 1, 120, &m))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_metrology_period_set(s, pos[0], (int)m, basis, cli->actor, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:i, s:s}", "kind", pos[0],
					"months", (int)m, "basis", basis),
			  _("verification period of %s: %d months (%s)\n"),
			  pos[0], (int)m, basis);
}

static void print_instrument(struct qc_store *s, const struct qc_metrology *m)
{
	char late[64] = "";

	if (m->failed)
		snprintf(late, sizeof(late),
			 _("failed verification, may not be used (%ld days)"),
			 m->days_overdue);
	else if (m->overdue)
		snprintf(late, sizeof(late), _("overdue %ld days"),
			 m->days_overdue);
	cli_print_cell(stdout, m->code, 18);
	cli_print_cell(stdout, m->kind, 18);
	cli_print_cell(stdout, cli_region_name(s, m->region), 12);
	cli_print_cell(stdout, m->owner_name, 30);
	cli_print_cell(stdout, qc_metrology_status_name(m->status), 6);
	cli_print_cell(stdout, m->next_due[0] ? m->next_due : "—", 12);
	printf("%s\n", late);
}

int cmd_metrology_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *on = NULL, *pos[1];
	bool overdue = false, failed = false;
	const struct cli_opt opts[] = {
		{ "region", &region, NULL }, { "overdue", NULL, &overdue },
		{ "failed", NULL, &failed }, { "on", &on, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_metrology_list l;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	long day = qc_today_days();
	int n, rc;

	if ((rc = cli_parse("metrology list", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (overdue && failed)
		return cli_usage("metrology list",
				 "give --overdue or --failed, not both");
	if (on && (strlen(on) != 10 || !qc_date_days(on, &day)))
		return cli_usage("metrology list",
				 "--on: \"%s\" is not a date (YYYY-MM-DD)", on);
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if ((region && qc_region_resolve(s, region, code, &err)) ||
	    qc_metrology_list(s, region ? code : NULL,
			      overdue ? QC_MTR_OVERDUE :
			      failed  ? QC_MTR_FAILED :
					QC_MTR_ALL,
			      day, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, qc_json_metrology(&l.v[i]));
		cli_print_json(a);
	} else if (!l.n) {
		printf(overdue ? _("no overdue instruments\n") :
		       failed  ? _("no failed instruments in use\n") :
				 _("no instruments\n"));
	} else {
		cli_print_cell(stdout, _("number"), 18);
		cli_print_cell(stdout, _("instrument"), 18);
		cli_print_cell(stdout, _("on record in"), 12);
		cli_print_cell(stdout, _("owner"), 30);
		cli_print_cell(stdout, _("status"), 6);
		cli_print_cell(stdout, _("valid until"), 12);
		printf("\n");
		for (size_t i = 0; i < l.n; i++)
			print_instrument(s, &l.v[i]);
	}
	qc_metrology_list_release(&l);
	return EXIT_OK;
}

/* qc_metrology_measure as the shared printer calls it. */
static bool measure(const void *f, const char *name, double *v)
{
	return qc_metrology_measure(f, name, v);
}

int cmd_metrology_figures(struct qc_cli *cli, int argc, char **argv)
{
	static const char *const names[][2] = {
		{ "verification_rate", N_("compulsory verification rate (%)") },
		{ "pass_rate", N_("verification pass rate (%)") },
	};
	struct qc_error err = { 0 };
	struct qc_metrology_figures f;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	int y, rc;

	if ((rc = cli_register_scope(cli, "metrology figures", argc, argv, &s,
				     code, &y)))
		return rc;
	if (qc_metrology_figures(s, code, y, qc_today_days(), &f, &err))
		return cli_fail(&err);
	json_t *o = qc_json_metrology_figures(code, y, &f);
	if (!cli->json)
		printf(_("%s, %d: %ld instruments in use; %ld verifications "
			 "due, %ld on time; %ld verified, %ld passed; %ld "
			 "overdue now, of which %ld failed\n"),
		       cli_region_name(s, code), y, f.in_use, f.due, f.on_time,
		       f.verified, f.passed, f.overdue, f.failed);
	return cli_print_measures(cli, o, names,
				  sizeof(names) / sizeof(names[0]), measure,
				  &f);
}

int cmd_metrology_bind(struct qc_cli *cli, int argc, char **argv)
{
	return cli_register_bind(cli, "metrology bind", argc, argv,
				 qc_metrology_bind,
				 _("%s is now computed from the metrology register "
				   "(%s)\n"));
}
