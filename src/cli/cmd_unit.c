/* qcity unit list | add */
#include <jansson.h>
#include <stdio.h>

#include "qcity/model.h"
#include "src/common/unit_json.h"
#include "cli.h"
#include "banned.h"

int cmd_unit_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_unit_list l;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	int n, rc;

	if ((rc = cli_parse("unit list", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (region && qc_region_resolve(s, region, code, &err))
		return cli_fail(&err);
	if (qc_unit_list(s, region ? code : NULL, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, qc_json_unit(&l.v[i]));
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < l.n; i++) {
			printf("%-5lld ", (long long)l.v[i].id);
			cli_print_cell(stdout,
				       cli_region_name(s, l.v[i].region_code),
				       12);
			cli_print_cell(stdout, qc_label(l.v[i].kind), 10);
			printf(" %s\n", l.v[i].name);
		}
		if (!l.n)
			puts(_("no units"));
	}
	qc_unit_list_release(&l);
	return EXIT_OK;
}

int cmd_unit_add(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *kind = "member", *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ "kind", &kind, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("unit add", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !region)
		return cli_usage("unit add",
				 "give the unit's name and --region");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_region_resolve(s, region, code, &err) ||
	    qc_unit_add(s, code, pos[0], kind, cli->actor, &id, &err))
		return cli_fail(&err);
	return cli_report(cli, qc_xjson_pack("{s:I}", "id", (json_int_t)id),
			  _("added unit %lld: %s (%s)\n"), (long long)id,
			  pos[0], code);
}
