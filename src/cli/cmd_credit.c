/* qcity credit scheme | event | penalties | grade | regrade | check:
 * the credit record, its grade and the sanctions check (docs/credit.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/credit.h"
#include "qcity/json.h"
#include "src/common/credit_json.h"
#include "cli.h"
#include "banned.h"

#define LIST_MAX ((size_t)256 << 20)

int cmd_credit_scheme_load(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *path;
	struct qc_error err = { 0 };
	struct qc_store *s;
	char *text, version[64];
	size_t len;
	int n, rc;

	if ((rc = cli_parse("credit scheme", argc, argv, NULL, pos, 1, &n)))
		return rc;
	path = n ? pos[0] : cli_data_path(cli, "credit/scheme.json");
	if (cli_read_file(path, 1 << 20, &text, &len, &err))
		return cli_fail(&err);
	if (!(s = cli_store(cli))) {
		free(text);
		return EXIT_DB;
	}
	rc = qc_credit_scheme_load(s, text, len, cli->actor, version, &err);
	free(text);
	if (rc) {
		qc_error_prefix(&err, "%s", path);
		return cli_fail(&err);
	}
	return cli_report(cli, qc_xjson_pack("{s:s}", "version", version),
			  _("credit scheme %s loaded from %s\n"), version,
			  path);
}

int cmd_credit_event(struct qc_cli *cli, int argc, char **argv)
{
	struct qc_credit_event_in in = { 0 };
	const char *pos[1];
	const struct cli_opt opts[] = {
		{ "kind", &in.kind, NULL },
		{ "date", &in.occurred_on, NULL },
		{ "title", &in.title, NULL },
		{ "source", &in.source, NULL },
		{ "authority", &in.authority, NULL },
		{ "evidence", &in.evidence, NULL },
		{ "category", &in.category, NULL },
		{ "penalty-kind", &in.penalty_kind, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("credit event", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !in.kind || !in.occurred_on || !in.title)
		return cli_usage("credit event",
				 "give a credit code, --kind, --date and"
				 " --title");
	in.uscc = pos[0];
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_credit_event_add(s, &in, cli->actor, &id, &err))
		return cli_fail(&err);
	return cli_report(cli, qc_xjson_pack("{s:I}", "id", (json_int_t)id),
			  _("credit event %lld recorded\n"), (long long)id);
}

int cmd_credit_penalties(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	struct qc_error err = { 0 };
	struct qc_store *s;
	char *data;
	size_t len, count;
	int n, rc;

	if ((rc = cli_parse("credit penalties", argc, argv, NULL, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("credit penalties", "give one file");
	if (cli_read_file(pos[0], LIST_MAX, &data, &len, &err))
		return cli_fail(&err);
	if (!(s = cli_store(cli))) {
		free(data);
		return EXIT_DB;
	}
	rc = qc_credit_penalty_import(s, data, len, pos[0], cli->actor, &count,
				      &err);
	free(data);
	if (rc) {
		return cli_import_failed(&err, pos[0]);
	}
	return cli_report(cli,
			  qc_xjson_pack("{s:I}", "imported", (json_int_t)count),
			  _("imported %zu penalties from %s\n"), count, pos[0]);
}

int cmd_credit_grade(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *as_of = NULL, *province = NULL;
	const struct cli_opt opts[] = {
		{ "as-of", &as_of, NULL },
		{ "province", &province, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_credit_grade g;
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("credit grade", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("credit grade", "give one credit code");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	/* --province: the holder, at the nation (0026). */
	if (qc_credit_grade_at(s, pos[0], province, as_of, &g, &err))
		return cli_fail(&err);
	if (cli->json) {
		cli_print_json(qc_json_credit_grade(&g));
	} else {
		printf(_("grade %s (score %.2f, scheme %s, as of %s)\n"),
		       g.grade, g.score, g.scheme_version, g.as_of);
		if (g.override)
			printf("  %s\n", g.override);
		for (size_t i = 0; i < g.n; i++)
			printf("  %s %+7.2f  %s — %s\n", g.v[i].date,
			       g.v[i].points, g.v[i].title, g.v[i].rule);
	}
	qc_credit_grade_release(&g);
	return EXIT_OK;
}

int cmd_credit_regrade(struct qc_cli *cli, int argc, char **argv)
{
	const char *as_of = NULL;
	const struct cli_opt opts[] = {
		{ "as-of", &as_of, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	size_t changed, expired, upheld;
	int n, rc;

	if ((rc = cli_parse("credit regrade", argc, argv, opts, NULL, 0, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_credit_sync_complaints(s, cli->actor, &upheld, &err) ||
	    qc_credit_expire(s, as_of, cli->actor, &expired, &err) ||
	    qc_credit_regrade(s, as_of, cli->actor, &changed, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:I, s:I, s:I}", "upheld",
					(json_int_t)upheld, "expired",
					(json_int_t)expired, "changed",
					(json_int_t)changed),
			  _("%zu upheld reports recorded, %zu listings expired, "
			    "%zu grades changed\n"),
			  upheld, expired, changed);
}

int cmd_credit_check(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *purpose = NULL, *as_of = NULL, *province = NULL;
	const struct cli_opt opts[] = {
		{ "purpose", &purpose, NULL },
		{ "as-of", &as_of, NULL },
		{ "province", &province, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_credit_verdict v;
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("credit check", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !purpose)
		return cli_usage("credit check",
				 "give a credit code and --purpose"
				 " procurement|subsidy|award");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	/* --province: the holder, at the nation (0026). */
	if (qc_credit_check_at(s, pos[0], province, purpose, as_of, cli->actor,
			       &v, &err))
		return cli_fail(&err);
	if (cli->json) {
		cli_print_json(qc_json_credit_verdict(&v, pos[0], purpose));
	} else {
		/* TRANSLATORS: credit code, then restricted or allowed. */
		printf(_("%s: %s\n"), pos[0],
		       v.restricted ? _("restricted") : _("allowed"));
		printf("  %s\n", v.rule);
		if (v.listing)
			printf("  %s\n", v.listing);
	}
	qc_credit_verdict_release(&v);
	return EXIT_OK;
}
