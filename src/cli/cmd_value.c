/* qcity value set | import */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "qcity/alloc.h"
#include "qcity/auth.h"
#include "qcity/model.h"
#include "qcity/scope.h"
#include "cli.h"
#include "banned.h"

#define CSV_FILE_MAX ((size_t)64 << 20)

/* A value given for a unit is held to that unit's targets, as its
 * reporter on the web would be (qcity/scope.h). */
static enum qc_rc reporter_scope(struct qc_store *s, struct qc_value_in *v,
				 int line, void *arg, struct qc_error *err)
{
	struct qc_user who;
	enum qc_rc rc;

	(void)line;
	(void)arg;
	rc = cli_reporter(s, v->reporter, v->region, &who, err);
	if (!rc)
		rc = qc_scope_can_write_value(s, &who, v->indicator, v->region,
					      err);
	qc_user_release(&who);
	return rc;
}

/* The unit a value of series `name` in `region` is written with ("" when
 * none or not found): the confirmation shows 48.2%, not 48.2. Owned by
 * the caller. */
static char *series_unit(struct qc_store *s, const char *name,
			 const char *region)
{
	struct qc_error err = { 0 };
	struct qc_indicator_list l;
	char code[QC_REGION_CODE_SIZE];
	char *unit = NULL;
	int64_t id;

	if (qc_region_resolve(s, region, code, &err) ||
	    qc_indicator_resolve(s, name, code, &id, &err) ||
	    qc_indicator_list(s, true, false, &l, &err))
		return qc_xstrdup("");
	for (size_t i = 0; i < l.n && !unit; i++)
		if (l.v[i].id == id)
			unit = qc_xstrdup(qc_value_unit(l.v[i].unit));
	qc_indicator_list_release(&l);
	return unit ? unit : qc_xstrdup("");
}

int cmd_value_set(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[4], *unit = NULL, *reporter = NULL, *note = NULL,
			    *source = NULL;
	const struct cli_opt opts[] = {
		{ "unit", &unit, NULL }, { "reporter", &reporter, NULL },
		{ "note", &note, NULL }, { "source", &source, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	char *end;
	int n, rc;

	if ((rc = cli_parse("value set", argc, argv, opts, pos, 4, &n)))
		return rc;
	if (n != 4)
		return cli_usage("value set", "give INDICATOR REGION PERIOD "
					      "VALUE");
	struct qc_value_in v = {
		.indicator = pos[0],
		.region = pos[1],
		.period = pos[2],
		.value = strtod(pos[3], &end),
		.unit = unit,
		.reporter = reporter,
		.note = note,
		.source = source,
	};
	if (end == pos[3] || *end) {
		fprintf(stderr, _("qcity: value: '%s' is not a number\n"),
			pos[3]);
		return EXIT_DATA;
	}
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	/* The library refuses a province's value at the nation before
	 * reporter_scope reads the reporter's units. */
	if (qc_value_set_checked(s, &v, reporter ? reporter_scope : NULL, NULL,
				 cli->actor, &err))
		return cli_fail(&err);
	char *u = unit ? qc_xstrdup(qc_value_unit(unit)) :
			 series_unit(s, v.indicator, v.region);
	rc = cli_report(cli,
			qc_xjson_pack("{s:s, s:s, s:s, s:f}", "indicator",
				      v.indicator, "region", v.region, "period",
				      v.period, "value", v.value),
			/* TRANSLATORS: series, place, period, value, unit. */
			_("set %s %s %s = %.12g%s\n"), v.indicator,
			cli_region_name(s, v.region), v.period, v.value, u);
	free(u);
	return rc;
}

int cmd_value_import(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *reporter = NULL;
	const struct cli_opt opts[] = {
		{ "reporter", &reporter, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_user who = { 0 };
	struct qc_store *s;
	char *data;
	size_t len, count;
	int n, rc;

	if ((rc = cli_parse("value import", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("value import", "give one CSV file");
	if (cli_read_file(pos[0], CSV_FILE_MAX, &data, &len, &err))
		return cli_fail(&err);
	if (!(s = cli_store(cli))) {
		free(data);
		return EXIT_DB;
	}
	/* With --reporter every row is that unit's, each row checked. */
	if ((reporter && cli_reporter(s, reporter, NULL, &who, &err)) ||
	    qc_value_import_as(s, data, len, reporter ? &who : NULL, cli->actor,
			       &count, &err)) {
		qc_user_release(&who);
		free(data);
		return cli_import_failed(&err, pos[0]);
	}
	qc_user_release(&who);
	free(data);
	return cli_report(cli, qc_xjson_pack("{s:i}", "imported", (int)count),
			  _("imported %zu values from %s\n"), count, pos[0]);
}
