/* qcity doc list: stored documents, newest first. */
#include <stdio.h>
#include <stdlib.h>

#include "qcity/doc.h"
#include "cli.h"
#include "banned.h"

int cmd_doc_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *pos[1];
	bool issued = false;
	const struct cli_opt opts[] = {
		{ .name = "plan", .val = &plan },
		{ .name = "issued", .flag = &issued },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_doc_list l;
	struct qc_store *s;
	int64_t plan_id = 0;
	int n, rc;

	if ((rc = cli_parse("doc list", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (plan && !cli_int("--plan", plan, 1, INT64_MAX, &plan_id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_doc_list(s, plan_id, issued, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_doc_info *d = &l.v[i];
			json_array_append_new(
				a,
				qc_xjson_pack("{s:I, s:I, s:s,"
					      " s:s, s:s, s:s, s:s?, s:s, s:s?}",
					      "id", (json_int_t)d->id, "plan",
					      (json_int_t)d->plan_id, "kind",
					      d->kind, "period", d->period,
					      "title", d->title, "status",
					      d->status, "number", d->number,
					      "updated_at", d->updated_at,
					      "issued_at", d->issued_at));
		}
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_doc_info *d = &l.v[i];
			printf("%-4lld %-6s %-10s %-8s %s%s%s\n",
			       (long long)d->id, qc_label(d->status),
			       qc_label(d->kind), d->period,
			       d->number ? d->number : "", d->number ? " " : "",
			       d->title);
		}
		if (!l.n)
			printf(_("no documents (make one with `qcity doc "
				 "generate`)\n"));
	}
	qc_doc_list_release(&l);
	return EXIT_OK;
}
