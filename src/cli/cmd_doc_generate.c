/* qcity doc generate: a draft 通报 or report from the data, kept in the
 * database to be edited and issued (docs/documents.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/doc.h"
#include "cli.h"
#include "banned.h"

int cmd_doc_generate(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *period = NULL, *year = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "plan", .val = &plan },
		{ .name = "period", .val = &period },
		{ .name = "year", .val = &year },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_doc *d = NULL;
	struct qc_store *s;
	int64_t plan_id, yr = 0, id;
	char ybuf[8];
	int n, rc;
	enum qc_rc lrc;

	if ((rc = cli_parse("doc generate", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !plan)
		return cli_usage("doc generate",
				 "KIND (progress, assessment or "
				 "report) and --plan ID are required");
	if (!cli_int("--plan", plan, 1, INT64_MAX, &plan_id) ||
	    (year && !cli_int("--year", year, 1949, 2100, &yr)))
		return EXIT_USAGE;
	bool progress = !strcmp(pos[0], "progress");
	if (!progress && strcmp(pos[0], "assessment") &&
	    strcmp(pos[0], "report"))
		return cli_usage("doc generate",
				 "KIND '%s' is not progress, "
				 "assessment or report",
				 pos[0]);
	if (progress ? !period : !year)
		return cli_usage("doc generate", "%s needs %s", pos[0],
				 progress ? "--period P (2020, 2020-H1, "
					    "2020-06)" :
					    "--year Y");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (progress)
		lrc = qc_doc_build_progress(s, plan_id, period, &d, &err);
	else if (!strcmp(pos[0], "assessment"))
		lrc = qc_doc_build_assessment(s, plan_id, (int)yr, &d, &err);
	else
		lrc = qc_doc_build_report(s, plan_id, (int)yr, &d, &err);
	snprintf(ybuf, sizeof(ybuf), "%d", (int)yr);
	if (lrc || qc_doc_create(s, plan_id, progress ? period : ybuf, d,
				 cli->actor, &id, &err)) {
		qc_doc_free(d);
		return cli_fail(&err);
	}
	if (cli->json)
		cli_print_json(qc_xjson_pack("{s:I, s:s, s:s, s:i}", "id",
					     (json_int_t)id, "kind", d->kind,
					     "title", d->title, "blocks",
					     (int)d->n));
	else
		printf(_("draft %lld: %s (%zu blocks); edit with `qcity doc "
			 "edit %lld`, issue with `qcity doc issue %lld`\n"),
		       (long long)id, d->title, d->n, (long long)id,
		       (long long)id);
	qc_doc_free(d);
	return EXIT_OK;
}
