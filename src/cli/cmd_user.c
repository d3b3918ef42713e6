/* qcity user add / list / passwd: accounts of the web platform. The
 * password is read from the first line of standard input, never from
 * the command line (where other users could see it in ps). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "qcity/auth.h"
#include "cli.h"
#include "banned.h"

static int read_password(char *buf, size_t n)
{
	if (isatty(0))
		fprintf(stderr,
			_("password (%d to %d characters, not a dictionary"
			  " word): "),
			QC_PASSWORD_MIN, QC_PASSWORD_MAX);
	if (!fgets(buf, (int)n, stdin)) {
		fprintf(stderr,
			_("qcity: give the password on standard input\n"));
		return EXIT_USAGE;
	}
	buf[strcspn(buf, "\r\n")] = 0;
	return EXIT_OK;
}

int cmd_user_add(struct qc_cli *cli, int argc, char **argv)
{
	const char *role = NULL, *unit = NULL, *region = NULL, *pos[1];
	bool stdin_flag = false;
	const struct cli_opt opts[] = {
		{ "role", &role, NULL },
		{ "unit", &unit, NULL },
		{ "region", &region, NULL },
		{ "password-stdin", NULL, &stdin_flag },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	enum qc_user_role r;
	char pw[QC_PASSWORD_MAX + 2];
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("user add", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("user add", "give the user's name");
	if (!qc_user_role_parse(role, &r))
		return cli_usage("user add", "--role is admin, office, unit, "
					     "region or viewer");
	if ((rc = read_password(pw, sizeof(pw))))
		return rc;
	if (!cli_store(cli))
		return EXIT_DB;
	if (qc_user_add(cli->store, pos[0], pw, r, unit, region, cli->actor,
			&id, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:I, s:s, s:s}", "id", (json_int_t)id,
					"name", pos[0], "role", role),
			  _("user %s (%s) added\n"), pos[0], role);
}

int cmd_user_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	const struct cli_opt opts[] = { { NULL, NULL, NULL } };
	struct qc_error err = { 0 };
	struct qc_user_list l;
	int n, rc;

	if ((rc = cli_parse("user list", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!cli_store(cli))
		return EXIT_DB;
	if (qc_user_list(cli->store, &l, &err))
		return cli_fail(&err);
	json_t *a = cli->json ? json_array() : NULL;
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_user *u = &l.v[i];
		if (a)
			json_array_append_new(a,
					      qc_xjson_pack("{s:I, s:s, s:s, s:s?,"
							    " s:s?}",
							    "id",
							    (json_int_t)u->id,
							    "name", u->name,
							    "role",
							    qc_user_role_name(
								    u->role),
							    "unit",
							    u->unit_name,
							    "region",
							    *u->region ?
								    u->region :
								    NULL));
		else {
			/* Role, place by its name, unit: each in its
			 * column. */
			printf("%-12s ", u->name);
			cli_print_cell(stdout,
				       qc_label(qc_user_role_name(u->role)), 8);
			cli_print_cell(stdout,
				       *u->region ? cli_region_name(cli->store,
								    u->region) :
						    "",
				       12);
			printf("%s\n", u->unit_name ? u->unit_name : "");
		}
	}
	if (a)
		cli_print_json(a);
	qc_user_list_release(&l);
	return EXIT_OK;
}

int cmd_user_passwd(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	bool stdin_flag = false;
	const struct cli_opt opts[] = {
		{ "password-stdin", NULL, &stdin_flag },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	char pw[QC_PASSWORD_MAX + 2];
	int n, rc;

	if ((rc = cli_parse("user passwd", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("user passwd", "give the user's name");
	if ((rc = read_password(pw, sizeof(pw))))
		return rc;
	if (!cli_store(cli))
		return EXIT_DB;
	if (qc_user_passwd(cli->store, pos[0], pw, cli->actor, &err))
		return cli_fail(&err);
	if (!cli->json)
		printf(_("password of %s changed; their sessions ended and API "
			 "tokens revoked\n"),
		       pos[0]);
	return EXIT_OK;
}
