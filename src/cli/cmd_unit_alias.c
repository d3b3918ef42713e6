/* qcity unit alias list | set | remove | load: the other names of units
 * (docs/units.md). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "qcity/model.h"
#include "cli.h"
#include "banned.h"

/* --region R resolved to its code in code; "" without --region. */
static int region_code(struct qc_cli *cli, const char *region, char *code,
		       struct qc_store **s)
{
	struct qc_error err = { 0 };

	if (!(*s = cli_store(cli)))
		return EXIT_DB;
	code[0] = '\0';
	if (region && qc_region_resolve(*s, region, code, &err))
		return cli_fail(&err);
	return EXIT_OK;
}

static int alias_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_unit_alias_list l;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	int n, rc;

	if ((rc = cli_parse("unit alias", argc, argv, opts, pos, 0, &n)) ||
	    (rc = region_code(cli, region, code, &s)))
		return rc;
	if (qc_unit_alias_list(s, region ? code : NULL, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a,
					      qc_xjson_pack("{s:s, s:s, s:s, "
							    "s:s?, s:s}",
							    "region",
							    l.v[i].region_code,
							    "alias",
							    l.v[i].alias,
							    "name", l.v[i].name,
							    "note", l.v[i].note,
							    "source",
							    l.v[i].source));
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < l.n; i++) {
			/* The place by its name; "everywhere" for an alias
			 * of no region. */
			cli_print_cell(stdout,
				       *l.v[i].region_code ?
					       cli_region_name(s,
							       l.v[i].region_code) :
					       _("everywhere"),
				       12);
			cli_print_cell(stdout, l.v[i].alias, 18);
			printf(" → ");
			cli_print_cell(stdout, l.v[i].name, 14);
			printf("  %s",
			       !strcmp(l.v[i].source, "file") ?
				       _("from data/unit-aliases.json") :
			       !strcmp(l.v[i].source, "cli") ?
				       _("set by hand") :
				       l.v[i].source);
			if (l.v[i].note)
				printf(_(": %s"), l.v[i].note);
			putchar('\n');
		}
		if (!l.n)
			puts(_("no unit aliases (`qcity init` loads "
			       "data/unit-aliases.json)"));
	}
	qc_unit_alias_list_release(&l);
	return EXIT_OK;
}

static int alias_set(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *note = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ "note", &note, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	int n, rc;

	if ((rc = cli_parse("unit alias", argc, argv, opts, pos, 2, &n)))
		return rc;
	if (n != 2)
		return cli_usage("unit alias", "give ALIAS and the unit's "
					       "NAME (市交通局 市交通运输局)");
	if ((rc = region_code(cli, region, code, &s)))
		return rc;
	if (qc_unit_alias_set(s, code, pos[0], pos[1], note, cli->actor, &err))
		return cli_fail(&err);
	/* Aliases may come before the plan that makes the unit, so a
	 * name without a unit is kept, but said: it may be a typo. */
	if (*code) {
		bool found = true;
		struct qc_error ferr = { 0 };
		if (!qc_unit_alias_names_unit(s, code, pos[1], &found, &ferr) &&
		    !found)
			fprintf(stderr,
				_("qcity: note: %s has no unit named '%s' yet; "
				  "the alias applies once it exists (qcity "
				  "unit list, qcity unit add)\n"),
				cli_region_name(s, code), pos[1]);
	}
	if (*code)
		return cli_report(cli,
				  qc_xjson_pack("{s:s, s:s, s:s}", "region",
						code, "alias", pos[0], "name",
						pos[1]),
				  _("%s is %s in %s\n"), pos[0], pos[1],
				  cli_region_name(s, code));
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:s, s:s}", "region", code,
					"alias", pos[0], "name", pos[1]),
			  _("%s is %s in every region\n"), pos[0], pos[1]);
}

static int alias_remove(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	int n, rc;

	if ((rc = cli_parse("unit alias", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("unit alias", "give one ALIAS");
	if ((rc = region_code(cli, region, code, &s)))
		return rc;
	if (qc_unit_alias_remove(s, code, pos[0], cli->actor, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:s}", "region", code, "removed",
					pos[0]),
			  _("removed alias %s\n"), pos[0]);
}

static int alias_load(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct qc_error err = { 0 };
	struct qc_store *s;
	size_t added;
	int n, rc;

	if ((rc = cli_parse("unit alias", argc, argv, NULL, pos, 1, &n)))
		return rc;
	if (n > 1)
		return cli_usage("unit alias", "give at most one FILE");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_unit_alias_load(s,
			       n ? pos[0] :
				   cli_data_path(cli, "unit-aliases.json"),
			       cli->actor, &added, &err))
		return cli_fail(&err);
	return cli_report(cli, qc_xjson_pack("{s:i}", "added", (int)added),
			  _("%zu unit aliases added\n"), added);
}

/* "unit alias VERB ...": the table in main.c takes two words. */
int cmd_unit_alias(struct qc_cli *cli, int argc, char **argv)
{
	static const struct {
		const char *verb;
		int (*fn)(struct qc_cli *, int, char **);
	} verbs[] = {
		{ "list", alias_list },
		{ "set", alias_set },
		{ "remove", alias_remove },
		{ "load", alias_load },
	};

	for (size_t i = 0; argc >= 1 && i < sizeof(verbs) / sizeof(*verbs); i++)
		if (!strcmp(argv[0], verbs[i].verb))
			return verbs[i].fn(cli, argc - 1, argv + 1);
	return cli_usage("unit alias", "give list, set, remove or load");
}
