/* qcity calendar load | day | due: working days from the holiday notices
 * (docs/working-days.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qc_config.h"
#include "qcity/json.h"
#include "qcity/workday.h"
#include "src/common/paths.h"
#include "cli.h"
#include "banned.h"

/* The chinese-days holiday file: $QCITY_CALENDAR, the installed copy, or
 * where scripts/install-deps puts the package (src/common/paths.h). */
const char *cli_calendar_file(void)
{
	return qc_path_calendar();
}

int cmd_calendar_load(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct qc_error err = { 0 };
	struct qc_store *s;
	int n, rc, years;

	if ((rc = cli_parse("calendar load", argc, argv, NULL, pos, 1, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_calendar_load(s, n ? pos[0] : cli_calendar_file(), cli->actor,
			     &years, &err))
		return cli_fail(&err);
	return cli_report(cli, qc_xjson_pack("{s:i}", "years", years),
			  _("loaded the holiday arrangements of %d years\n"),
			  years);
}

static struct qc_calendar *open_calendar(struct qc_cli *cli)
{
	struct qc_error err = { 0 };
	struct qc_calendar *c;
	struct qc_store *s = cli_store(cli);

	if (!s)
		return NULL;
	if (qc_calendar_open(s, &c, &err)) {
		cli_fail(&err);
		return NULL;
	}
	return c;
}

int cmd_calendar_day(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *name = NULL;
	struct qc_error err = { 0 };
	struct qc_calendar *c;
	bool on;
	int n, rc;

	if ((rc = cli_parse("calendar day", argc, argv, NULL, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("calendar day", "give a date (YYYY-MM-DD)");
	if (!(c = open_calendar(cli)))
		return EXIT_DB;
	if ((rc = qc_calendar_is_workday(c, pos[0], &on, &name, &err))) {
		qc_calendar_free(c);
		return cli_fail(&err);
	}
	if (cli->json)
		cli_print_json(qc_xjson_pack("{s:s, s:b, s:s?}", "date", pos[0],
					     "workday", on, "name", name));
	else if (!name)
		printf(on ? _("%s: working day\n") : _("%s: day off\n"),
		       pos[0]);
	else
		printf(on ? _("%s: working day (made up for %s)\n") :
			    _("%s: day off (%s holiday)\n"),
		       pos[0], name);
	qc_calendar_free(c);
	return EXIT_OK;
}

static const struct {
	const char *name;
	enum qc_deadline_rule rule;
} rule_names[] = {
	{ "complaint-accept", QC_DL_COMPLAINT_ACCEPT },
	{ "complaint-mediate", QC_DL_COMPLAINT_MEDIATE },
	{ "complaint-notify", QC_DL_COMPLAINT_NOTIFY },
	{ "report-decide", QC_DL_REPORT_DECIDE },
	{ "report-extension", QC_DL_REPORT_EXTENSION },
};

int cmd_calendar_due(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[2], *citation = NULL;
	struct qc_error err = { 0 };
	struct qc_calendar *c;
	int64_t days = 0;
	char out[11];
	int n, rc;

	if ((rc = cli_parse("calendar due", argc, argv, NULL, pos, 2, &n)))
		return rc;
	if (n != 2)
		return cli_usage("calendar due", "give a date and a number of "
						 "working days or a rule");
	for (size_t i = 0; i < sizeof(rule_names) / sizeof(rule_names[0]); i++)
		if (!strcmp(pos[1], rule_names[i].name))
			days = qc_deadline_days(rule_names[i].rule, &citation);
	if (!days && !cli_int("working days", pos[1], 1, 3660, &days))
		return EXIT_USAGE;
	if (!(c = open_calendar(cli)))
		return EXIT_DB;
	rc = qc_calendar_add_workdays(c, pos[0], (int)days, out, &err);
	qc_calendar_free(c);
	if (rc)
		return cli_fail(&err);
	json_t *j = qc_xjson_pack("{s:s, s:i, s:s, s:s?}", "from", pos[0],
				  "workdays", (int)days, "due", out, "rule",
				  citation);
	if (!citation)
		return cli_report(cli, j, _("%s plus %d working days: %s\n"),
				  pos[0], (int)days, out);
	return cli_report(cli, j, _("%s plus %d working days: %s\nbasis: %s\n"),
			  pos[0], (int)days, out, citation);
}
