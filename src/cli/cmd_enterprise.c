/* qcity enterprise check | show | import */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "qcity/enterprise.h"
#include "qcity/model.h"
#include "qcity/uscc.h"
#include "src/common/registry_json.h"
#include "cli.h"
#include "banned.h"

#define REGISTER_MAX ((size_t)256 << 20)

int cmd_enterprise_check(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct qc_error err = { 0 };
	char code[QC_USCC_LEN + 1], region[QC_REGION_CODE_SIZE];
	int n, rc;

	if ((rc = cli_parse("enterprise check", argc, argv, NULL, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("enterprise check", "give one credit code");
	if (!qc_uscc_normalize(pos[0], code))
		snprintf(code, sizeof(code), "%.18s", pos[0]);
	if (qc_uscc_check(code, &err))
		return cli_fail(&err);
	qc_uscc_region(code, region);
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:b, s:s}", "uscc", code,
					"valid", 1, "division", region),
			  _("%s is a valid unified social credit code (division "
			    "%s)\n"),
			  code, region);
}

int cmd_enterprise_show(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *province = NULL;
	const struct cli_opt opts[] = {
		{ "province", &province, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_enterprise e;
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("enterprise show", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("enterprise show", "give one credit code");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	/* --province: the holder, at the nation (0026). */
	if (qc_enterprise_get_at(s, pos[0], province, &e, &err))
		return cli_fail(&err);
	if (cli->json)
		cli_print_json(qc_json_enterprise(&e));
	else
		/* The address after the place, when it is known. */
		printf(_("%s %s%s\n  region %s%s%s\n  sampling: %lld results, "
			 "%lld failed\n"),
		       e.uscc, e.name,
		       e.verified ? "" : _(" (unverified code)"),
		       e.region_code ? cli_region_name(s, e.region_code) : "-",
		       e.address && *e.address ? " · " : "",
		       e.address ? e.address : "", e.samples, e.failed);
	qc_enterprise_release(&e);
	return EXIT_OK;
}

int cmd_enterprise_import(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	bool unverified = false;
	const struct cli_opt opts[] = {
		{ "unverified", NULL, &unverified },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	char *data;
	size_t len, count;
	int n, rc;

	if ((rc = cli_parse("enterprise import", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("enterprise import", "give one file");
	if (cli_read_file(pos[0], REGISTER_MAX, &data, &len, &err))
		return cli_fail(&err);
	if (!(s = cli_store(cli))) {
		free(data);
		return EXIT_DB;
	}
	rc = qc_enterprise_import(s, data, len, pos[0], unverified, cli->actor,
				  &count, &err);
	free(data);
	if (rc) {
		return cli_import_failed(&err, pos[0]);
	}
	return cli_report(cli, qc_xjson_pack("{s:i}", "imported", (int)count),
			  _("imported %zu enterprises from %s\n"), count,
			  pos[0]);
}
