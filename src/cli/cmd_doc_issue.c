/* qcity doc issue: number a draft (文号) and keep its rendered bytes; from
 * then on the document cannot change. */
#include <stdio.h>
#include <stdlib.h>

#include "qcity/doc.h"
#include "cli.h"
#include "banned.h"

int cmd_doc_issue(struct qc_cli *cli, int argc, char **argv)
{
	const char *prefix = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "prefix", .val = &prefix },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	char *number;
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("doc issue", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("doc issue", "ID is required");
	if (!cli_int("ID", pos[0], 1, INT64_MAX, &id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_doc_issue(s, id, prefix, cli->actor, &number, &err))
		return cli_fail(&err);
	if (cli->json)
		cli_print_json(qc_xjson_pack("{s:I, s:s}", "id", (json_int_t)id,
					     "number", number));
	else
		printf(_("document %lld issued as %s\n"), (long long)id,
		       number);
	free(number);
	return EXIT_OK;
}
