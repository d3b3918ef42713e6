/* qcity user token create / list / revoke: API tokens for scripts. A
 * token is printed once, when made; the database keeps only its hash. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/auth.h"
#include "cli.h"
#include "banned.h"

#define USAGE "create USER --name NAME [--days N] | list [USER] | revoke ID"

static int create(struct qc_cli *cli, const char *user, const char *name,
		  const char *days_text)
{
	char token[QC_TOKEN_LEN + 1], expires[32];
	struct qc_error err = { 0 };
	struct qc_user u;
	long days = 0;
	char *end;
	int64_t id;

	if (!user || !name)
		return cli_usage("user token", "create USER --name NAME: whose "
					       "token and what it is for");
	if (days_text && ((days = strtol(days_text, &end, 10)) < 1 || *end ||
			  days > QC_TOKEN_DAYS_MAX))
		return cli_usage("user token", "--days takes 1 to %d",
				 QC_TOKEN_DAYS_MAX);
	if (!cli_store(cli))
		return EXIT_DB;
	if (qc_user_get(cli->store, user, &u, &err))
		return cli_fail(&err);
	if (qc_auth_token_new(cli->store, u.id, name, (int)days, cli->actor,
			      NULL, token, &id, expires, &err)) {
		qc_user_release(&u);
		return cli_fail(&err);
	}
	qc_user_release(&u);
	if (cli->json)
		cli_print_json(qc_xjson_pack("{s:I, s:s, s:s, s:s}", "id",
					     (json_int_t)id, "name", name,
					     "token", token, "expires_at",
					     expires));
	else
		printf(_("%s\ntoken %lld for %s, expires %s; it is shown only "
			 "now: send it as Authorization: Bearer TOKEN\n"),
		       token, (long long)id, user, expires);
	sodium_memzero(token, sizeof(token));
	return EXIT_OK;
}

static int list(struct qc_cli *cli, const char *user)
{
	struct qc_error err = { 0 };
	struct qc_token_list l;
	struct qc_user u = { 0 };
	json_t *a;

	if (!cli_store(cli))
		return EXIT_DB;
	if (user && qc_user_get(cli->store, user, &u, &err))
		return cli_fail(&err);
	if (qc_auth_token_list(cli->store, u.id, &l, &err)) {
		qc_user_release(&u);
		return cli_fail(&err);
	}
	qc_user_release(&u);
	a = cli->json ? json_array() : NULL;
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_token *t = &l.v[i];
		if (a)
			json_array_append_new(a,
					      qc_xjson_pack("{s:I, s:s, s:s, s:s,"
							    " s:s, s:s?, s:s?}",
							    "id",
							    (json_int_t)t->id,
							    "user", t->user,
							    "name", t->name,
							    "created_at",
							    t->created_at,
							    "expires_at",
							    t->expires_at,
							    "last_used_at",
							    t->last_used_at,
							    "revoked_at",
							    t->revoked_at));
		else {
			char e[CLI_TIME_SIZE], u[CLI_TIME_SIZE],
				r[CLI_TIME_SIZE];
			printf(_("%-5lld %-12s %-20s expires %s  used %s%s%s\n"),
			       (long long)t->id, t->user, t->name,
			       cli_time(t->expires_at, e),
			       t->last_used_at ? cli_time(t->last_used_at, u) :
						 _("never"),
			       t->revoked_at ? _("  revoked ") : "",
			       t->revoked_at ? cli_time(t->revoked_at, r) : "");
		}
	}
	if (a)
		cli_print_json(a);
	else if (!l.n)
		printf(_("no API tokens (qcity user token create USER --name "
			 "NAME)\n"));
	qc_token_list_release(&l);
	return EXIT_OK;
}

static int revoke(struct qc_cli *cli, const char *id_text)
{
	struct qc_error err = { 0 };
	long long id;
	char *end;

	if (!id_text || (id = strtoll(id_text, &end, 10)) < 1 || *end)
		return cli_usage("user token",
				 "revoke ID: the token's number "
				 "(`qcity user token list` shows it)");
	if (!cli_store(cli))
		return EXIT_DB;
	if (qc_auth_token_revoke(cli->store, id, 0, cli->actor, NULL, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:I, s:b}", "id", (json_int_t)id,
					"revoked", 1),
			  _("token %lld revoked\n"), id);
}

int cmd_user_token(struct qc_cli *cli, int argc, char **argv)
{
	const char *name = NULL, *days = NULL, *pos[2] = { NULL, NULL };
	const struct cli_opt opts[] = {
		{ "name", &name, NULL },
		{ "days", &days, NULL },
		{ NULL, NULL, NULL },
	};
	int n, rc;

	if ((rc = cli_parse("user token", argc, argv, opts, pos, 2, &n)))
		return rc;
	if (n >= 1 && !strcmp(pos[0], "create"))
		return create(cli, pos[1], name, days);
	if (n >= 1 && !strcmp(pos[0], "list"))
		return list(cli, pos[1]);
	if (n >= 1 && !strcmp(pos[0], "revoke"))
		return revoke(cli, pos[1]);
	return cli_usage("user token", "%s", USAGE);
}
