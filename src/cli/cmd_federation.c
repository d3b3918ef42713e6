/* qcity federation publish | add-province | remove-province | status:
 * province servers replicate into a national PostgreSQL (docs/scaling.md,
 * "Federation"; qcity/federation.h). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "qcity/federation.h"
#include "qcity/json.h"
#include "qcity/store.h"
#include "src/common/registry_json.h"
#include "cli.h"
#include "banned.h"

static int fed_publish(struct qc_cli *cli, int argc, char **argv)
{
	const char *province = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "province", &province, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_fed_importer_rows ir;
	struct qc_store *s;
	int64_t bad;
	int n, rc;

	if ((rc = cli_parse("federation publish", argc, argv, opts, pos, 0,
			    &n)))
		return rc;
	if (!province)
		return cli_usage("federation publish",
				 "give --province CODE (this server's "
				 "province, e.g. 230000)");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_fed_publish(s, province, cli->actor, &err))
		return cli_fail(&err);
	/* Rows held before against one importer per announcement: published
	 * all the same, said with what lists them (docs/scaling.md). The
	 * publication stands whatever the count does, so a failed count is
	 * a warning, not a failure. */
	if (qc_fed_importer_rows(s, province, &ir, &err)) {
		fprintf(stderr,
			_("qcity: warning: the sampling results held against "
			  "one importer per announcement were not counted: "
			  "%s\n"),
			err.msg);
		memset(&ir, 0, sizeof(ir));
	}
	bad = ir.national_elsewhere + ir.other_issuer;
	if (cli->json) {
		json_t *o = qc_xjson_pack("{s:s}", "province", province);
		if (bad)
			json_object_set_new(
				o, "warning",
				qc_xjson_pack("{s:s, s:I, s:I, s:I, s:s}",
					      "code", "other_importers_rows",
					      "rows", (json_int_t)bad,
					      "national_elsewhere",
					      (json_int_t)ir.national_elsewhere,
					      "other_issuer",
					      (json_int_t)ir.other_issuer,
					      "query", ir.query));
		cli_print_json(o);
		return EXIT_OK;
	}
	printf(_("province %s is published as qcity_%s: add it on the "
		 "national server with `qcity federation add-province "
		 "URI`\n"),
	       province, province);
	if (bad)
		fprintf(stderr,
			_("qcity: warning: %lld sampling results here are "
			  "another server's to import (%lld of a national "
			  "announcement in another province's region, %lld "
			  "of another province's announcement): the nation "
			  "counts them here too, and counts them twice if "
			  "their own province imports them as well; "
			  "published all the same. List them with: %s\n"),
			(long long)bad, (long long)ir.national_elsewhere,
			(long long)ir.other_issuer, ir.query);
	return EXIT_OK;
}

static int fed_add(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	const struct cli_opt opts[] = { { NULL, NULL, NULL } };
	struct qc_error err = { 0 };
	struct qc_store *s;
	char province[7];
	int n, rc;

	if ((rc = cli_parse("federation add-province", argc, argv, opts, pos, 1,
			    &n)))
		return rc;
	if (n != 1)
		return cli_usage("federation add-province",
				 "give the province server's postgres:// URI");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_fed_add(s, pos[0], cli->actor, province, &err))
		return cli_fail(&err);
	if (cli->json)
		cli_print_json(qc_xjson_pack("{s:s}", "province", province));
	else
		printf(_("province %s added: its rows are being copied, then "
			 "streamed (qcity federation status)\n"),
		       province);
	return EXIT_OK;
}

static int fed_remove(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	bool keep = false;
	const struct cli_opt opts[] = {
		{ "keep-rows", NULL, &keep },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("federation remove-province", argc, argv, opts, pos,
			    1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("federation remove-province",
				 "give the province code (230000)");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_fed_remove(s, pos[0], keep, cli->actor, &err))
		return cli_fail(&err);
	if (!cli->json)
		printf(keep ? _("province %s removed; its rows stay here\n") :
			      _("province %s removed with its rows\n"),
		       pos[0]);
	return EXIT_OK;
}

static int fed_status(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	const struct cli_opt opts[] = { { NULL, NULL, NULL } };
	struct qc_error err = { 0 };
	struct qc_fed_status st;
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("federation status", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_fed_status(s, &st, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = qc_json_fed_provinces(&st);
		cli_print_json(qc_xjson_pack("{s:o}", "provinces", a));
	} else {
		if (!st.n)
			printf(_("no province is followed: qcity federation "
				 "add-province URI\n"));
		for (size_t i = 0; i < st.n; i++) {
			const struct qc_fed_province *p = &st.v[i];
			char lag[32];
			if (!p->reachable)
				snprintf(lag, sizeof(lag), "%s",
					 _("unreachable"));
			else if (p->lag_bytes < 0)
				snprintf(lag, sizeof(lag), "—");
			else
				snprintf(lag, sizeof(lag), "%lld B",
					 (long long)p->lag_bytes);
			char heard[CLI_TIME_SIZE], asof[CLI_TIME_SIZE];
			printf(_("%s (%s)  %s  %s  lag %s  last message %s  "
				 "as of %s  %lld rows\n"),
			       p->name ? p->name : p->code, p->code,
			       p->server ? p->server : "—",
			       p->streaming ? _("streaming") : _("stopped"),
			       lag,
			       p->last_receipt ?
				       cli_time(p->last_receipt, heard) :
				       "—",
			       p->as_of ? cli_time(p->as_of, asof) : "—",
			       (long long)p->rows);
		}
	}
	qc_fed_status_release(&st);
	return EXIT_OK;
}

static const struct {
	const char *name;
	int (*fn)(struct qc_cli *cli, int argc, char **argv);
} subs[] = {
	{ "publish", fed_publish },
	{ "add-province", fed_add },
	{ "remove-province", fed_remove },
	{ "status", fed_status },
};

int cmd_federation(struct qc_cli *cli, int argc, char **argv)
{
	for (size_t i = 0; argc > 0 && i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[0], subs[i].name))
			return subs[i].fn(cli, argc - 1, argv + 1);
	return cli_usage("federation", "give publish, add-province, "
				       "remove-province or status");
}
