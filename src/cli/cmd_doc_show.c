/* qcity doc show: a document as numbered blocks (the text people edit),
 * or as qcity-doc/1 JSON with --json. */
#include <stdio.h>
#include <stdlib.h>

#include "qcity/doc.h"
#include "cli.h"
#include "banned.h"

int cmd_doc_show(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct qc_error err = { 0 };
	struct qc_doc_info info;
	struct qc_doc *d;
	struct qc_store *s;
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("doc show", argc, argv, NULL, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("doc show", "ID is required");
	if (!cli_int("ID", pos[0], 1, INT64_MAX, &id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_doc_load(s, id, &info, &d, &err))
		return cli_fail(&err);
	char *text = cli->json ? qc_doc_to_json(d) : qc_doc_to_text(d);
	if (!cli->json)
		printf(info.number ? _("document %lld, %s, %s\n\n") :
				     _("document %lld, %s\n\n"),
		       (long long)id, qc_label(info.status),
		       info.number ? info.number : "");
	printf("%s\n", text);
	free(text);
	qc_doc_free(d);
	qc_doc_info_release(&info);
	return EXIT_OK;
}
