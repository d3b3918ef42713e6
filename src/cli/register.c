/* What the register commands (equipment, metrology) share: the
 * --region/--year pair of their figures, the measures printed beside
 * them and binding a plan indicator to a measure. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/import_from.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "cli.h"
#include "banned.h"

int cli_register_scope(struct qc_cli *cli, const char *cmd, int argc,
		       char **argv, struct qc_store **s, char *code, int *year)
{
	const char *region = NULL, *ys = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ "year", &ys, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	int64_t y;
	int n, rc;

	if ((rc = cli_parse(cmd, argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!ys || !region)
		return cli_usage(cmd, "give --region and --year");
	if (!cli_int("--year", ys, 1990, 2100, &y))
		return EXIT_USAGE;
	if (!(*s = cli_store(cli)))
		return EXIT_DB;
	if (qc_region_resolve(*s, region, code, &err))
		return cli_fail(&err);
	*year = (int)y;
	return EXIT_OK;
}

int cli_print_measures(struct qc_cli *cli, json_t *o,
		       const char *const names[][2], size_t n,
		       cli_measure_fn measure, const void *figures)
{
	for (size_t i = 0; i < n; i++) {
		double v;
		bool has = measure(figures, names[i][0], &v);
		if (cli->json)
			json_object_set_new(o, names[i][0],
					    has ? json_real(v) : json_null());
		else if (has)
			printf(_("%s: %.2f\n"), _(names[i][1]), v);
		else
			printf(_("%s: — (nothing to compute it from)\n"),
			       _(names[i][1]));
	}
	if (cli->json)
		cli_print_json(o);
	else
		json_decref(o);
	return EXIT_OK;
}

int cli_register_import(struct qc_cli *cli, const char *cmd, int argc,
			char **argv, cli_import_fn import, const char *done)
{
	const char *region = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_import_counts c;
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse(cmd, argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage(cmd, "give the file");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (import(s, pos[0], region, cli->actor, &c, &err))
		return cli_import_failed(&err, pos[0]);
	return cli_report(cli,
			  qc_xjson_pack("{s:I, s:I, s:I}", "added",
					(json_int_t)c.added, "updated",
					(json_int_t)c.updated, "unchanged",
					(json_int_t)c.unchanged),
			  done, c.added, c.updated, c.unchanged);
}

bool cli_as_of(const char *cmd, const char *v, long *day)
{
	*day = qc_today_days();
	if (v && (strlen(v) != 10 || !qc_date_days(v, day))) {
		cli_usage(cmd, "--as-of: \"%s\" is not a date (YYYY-MM-DD)", v);
		return false;
	}
	return true;
}

int cli_register_bind(struct qc_cli *cli, const char *cmd, int argc,
		      char **argv, cli_bind_fn bind, const char *done)
{
	const char *measure = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "measure", &measure, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse(cmd, argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !measure)
		return cli_usage(cmd, "give the indicator and --measure");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (bind(s, pos[0], measure, cli->actor, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:s}", "indicator", pos[0],
					"measure", measure),
			  done, pos[0], measure);
}
