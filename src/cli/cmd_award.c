/* qcity award import | add | list | feed | tax | rewards | approve: the
 * awards and brands register, the count targets it feeds, the tax paid
 * and the reward eligibility list (docs/credit.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/award.h"
#include "qcity/json.h"
#include "src/common/credit_json.h"
#include "cli.h"
#include "banned.h"

#define LIST_MAX ((size_t)256 << 20)

typedef enum qc_rc (*import_fn)(struct qc_store *s, const char *data,
				size_t len, const char *name, const char *kind,
				const char *actor, size_t *count,
				struct qc_error *err);

static enum qc_rc tax_import(struct qc_store *s, const char *data, size_t len,
			     const char *name, const char *kind,
			     const char *actor, size_t *count,
			     struct qc_error *err)
{
	(void)kind;
	return qc_tax_import(s, data, len, name, actor, count, err);
}

static int import(struct qc_cli *cli, const char *cmd, int argc, char **argv,
		  import_fn fn, bool with_kind)
{
	const char *pos[1], *kind = NULL;
	const struct cli_opt opts[] = {
		{ "kind", &kind, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	char *data;
	size_t len, count;
	int n, rc;

	if ((rc = cli_parse(cmd, argc, argv, with_kind ? opts : NULL, pos, 1,
			    &n)))
		return rc;
	if (n != 1)
		return cli_usage(cmd, "give one file");
	if (cli_read_file(pos[0], LIST_MAX, &data, &len, &err))
		return cli_fail(&err);
	if (!(s = cli_store(cli))) {
		free(data);
		return EXIT_DB;
	}
	rc = fn(s, data, len, pos[0], kind, cli->actor, &count, &err);
	free(data);
	if (rc) {
		return cli_import_failed(&err, pos[0]);
	}
	return cli_report(cli,
			  qc_xjson_pack("{s:I}", "imported", (json_int_t)count),
			  _("imported %zu rows from %s\n"), count, pos[0]);
}

int cmd_award_import(struct qc_cli *cli, int argc, char **argv)
{
	return import(cli, "award import", argc, argv, qc_award_import, true);
}

int cmd_award_tax(struct qc_cli *cli, int argc, char **argv)
{
	return import(cli, "award tax", argc, argv, tax_import, false);
}

int cmd_award_add(struct qc_cli *cli, int argc, char **argv)
{
	struct qc_award_in in = { 0 };
	const char *year = NULL;
	const struct cli_opt opts[] = {
		{ "kind", &in.kind, NULL },
		{ "level", &in.level, NULL },
		{ "holder", &in.holder, NULL },
		{ "year", &year, NULL },
		{ "uscc", &in.uscc, NULL },
		{ "region", &in.region, NULL },
		{ "name", &in.name, NULL },
		{ "valid-until", &in.valid_until, NULL },
		{ "certificate", &in.certificate, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t id, y;
	int n, rc;

	if ((rc = cli_parse("award add", argc, argv, opts, NULL, 0, &n)))
		return rc;
	if (!in.kind || !in.level || !in.holder || !year)
		return cli_usage("award add",
				 "give --kind, --level, --holder and --year");
	if (!cli_int("--year", year, 1980, 2100, &y))
		return EXIT_USAGE;
	in.year = (int)y;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_award_add(s, &in, cli->actor, &id, &err))
		return cli_fail(&err);
	if (cli->json)
		cli_print_json(qc_xjson_pack("{s:I}", "id", (json_int_t)id));
	else if (id)
		printf(_("award %lld registered\n"), (long long)id);
	else
		printf(_("already registered\n"));
	return EXIT_OK;
}

int cmd_award_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *kind = NULL, *year = NULL;
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ "kind", &kind, NULL },
		{ "year", &year, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_awards a;
	struct qc_store *s;
	int64_t y = 0;
	int n, rc;

	if ((rc = cli_parse("award list", argc, argv, opts, NULL, 0, &n)))
		return rc;
	if (year && !cli_int("--year", year, 1980, 2100, &y))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_award_list(s, region, kind, (int)y, &a, &err))
		return cli_fail(&err);
	if (cli->json) {
		cli_print_json(qc_json_awards(&a));
	} else {
		/* The place by its name; a brand's name when it is not the
		 * holder's own (a well-known mark is the company's). */
		for (size_t i = 0; i < a.n; i++) {
			const struct qc_award *w = &a.v[i];
			bool named = w->name && *w->name &&
				     strcmp(w->name, w->holder);
			printf("#%lld %d %s %s（%s）%s%s%s\n", (long long)w->id,
			       w->year,
			       w->region ? cli_region_name(s, w->region) : "",
			       qc_award_kind_label(w->kind),
			       qc_award_level_label(w->level), w->holder,
			       named ? " " : "", named ? w->name : "");
		}
		printf(_("%zu entries\n"), a.n);
	}
	qc_awards_release(&a);
	return EXIT_OK;
}

int cmd_award_feed(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL;
	const struct cli_opt opts[] = {
		{ "plan", &plan, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t id;
	size_t fed;
	int n, rc;

	if ((rc = cli_parse("award feed", argc, argv, opts, NULL, 0, &n)))
		return rc;
	if (!plan)
		return cli_usage("award feed", "give --plan ID");
	if (!cli_int("--plan", plan, 1, INT64_MAX, &id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_award_feed(s, id, cli->actor, &fed, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:I}", "targets", (json_int_t)fed),
			  _("%zu count targets of plan %lld fed from the "
			    "register\n"),
			  fed, (long long)id);
}

static int read_rules(struct qc_cli *cli, const char *path, char **text,
		      size_t *len)
{
	struct qc_error err = { 0 };
	if (cli_read_file(path ? path :
				 cli_data_path(cli,
					       "credit/rewards/yueyang.json"),
			  1 << 20, text, len, &err))
		return cli_fail(&err);
	return EXIT_OK;
}

int cmd_award_rewards(struct qc_cli *cli, int argc, char **argv)
{
	const char *rules = NULL, *year = NULL;
	const struct cli_opt opts[] = {
		{ "rules", &rules, NULL },
		{ "year", &year, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_rewards r;
	struct qc_store *s;
	char *text;
	size_t len;
	int64_t y;
	int n, rc;

	if ((rc = cli_parse("award rewards", argc, argv, opts, NULL, 0, &n)))
		return rc;
	if (!year)
		return cli_usage("award rewards", "give --year");
	if (!cli_int("--year", year, 1980, 2100, &y))
		return EXIT_USAGE;
	if ((rc = read_rules(cli, rules, &text, &len)))
		return rc;
	if (!(s = cli_store(cli))) {
		free(text);
		return EXIT_DB;
	}
	rc = qc_reward_list(s, text, len, (int)y, &r, &err);
	free(text);
	if (rc)
		return cli_fail(&err);
	if (cli->json) {
		cli_print_json(qc_json_rewards(&r));
	} else {
		printf(_("%s, %d: %zu awards\n"), r.plan ? r.plan : r.rules,
		       r.year, r.n);
		for (size_t i = 0; i < r.n; i++) {
			printf("  #%lld %s %s — %s", (long long)r.v[i].award_id,
			       r.v[i].eligible ? _("eligible") :
						 _("not eligible"),
			       r.v[i].holder, r.v[i].award);
			if (r.v[i].tax >= 0)
				printf(_("; tax %.0f yuan, threshold %.0f"),
				       r.v[i].tax, r.v[i].min_tax);
			else
				printf(_("; no tax on file, threshold %.0f"),
				       r.v[i].min_tax);
			printf("%s%s\n", r.v[i].approved_on ? " ✓ " : "",
			       r.v[i].approved_on ? r.v[i].approved_on : "");
		}
	}
	qc_rewards_release(&r);
	return EXIT_OK;
}

int cmd_award_approve(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *rules = NULL, *year = NULL, *date = NULL;
	const struct cli_opt opts[] = {
		{ "rules", &rules, NULL },
		{ "year", &year, NULL },
		{ "date", &date, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	char *text;
	size_t len;
	int64_t y, id;
	int n, rc;

	if ((rc = cli_parse("award approve", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !year)
		return cli_usage("award approve",
				 "give an award ID and --year");
	if (!cli_int("ID", pos[0], 1, INT64_MAX, &id) ||
	    !cli_int("--year", year, 1980, 2100, &y))
		return EXIT_USAGE;
	if ((rc = read_rules(cli, rules, &text, &len)))
		return rc;
	if (!(s = cli_store(cli))) {
		free(text);
		return EXIT_DB;
	}
	rc = qc_reward_approve(s, text, len, (int)y, id, date, cli->actor,
			       &err);
	free(text);
	if (rc)
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:I}", "approved", (json_int_t)id),
			  _("reward for award %lld approved\n"), (long long)id);
}
