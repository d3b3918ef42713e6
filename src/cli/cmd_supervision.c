/* qcity supervision open / list / show / answer / close / reopen: 督查事项
 * (docs/supervision.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/auth.h"
#include "qcity/supervision.h"
#include "src/common/supervision_json.h"
#include "cli.h"
#include "banned.h"

int cmd_supervision_open(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *unit = NULL, *pos[1];
	struct qc_sup_in in = { 0 };
	const struct cli_opt opts[] = {
		{ .name = "plan", .val = &plan },
		{ .name = "unit", .val = &unit },
		{ .name = "task", .val = &in.task },
		{ .name = "target", .val = &in.target },
		{ .name = "finding", .val = &in.finding },
		{ .name = "rectify", .val = &in.rectify },
		{ .name = "deadline", .val = &in.deadline },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("supervision open", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!plan || !unit)
		return cli_usage("supervision open", "--plan and --unit are "
						     "required");
	if (!cli_int("--plan", plan, 1, INT64_MAX, &in.plan_id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if ((rc = cli_unit_id(s, unit, &in.unit_id)))
		return rc;
	if (qc_sup_open(s, &in, cli->actor, &id, &err))
		return cli_fail(&err);
	return cli_report(cli, qc_xjson_pack("{s:I}", "id", (json_int_t)id),
			  _("supervision item %lld opened\n"), (long long)id);
}

int cmd_supervision_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *unit = NULL, *state = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "plan", .val = &plan },
		{ .name = "unit", .val = &unit },
		{ .name = "state", .val = &state },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_sup_list l;
	struct qc_store *s;
	int64_t plan_id = 0, unit_id = 0;
	int n, rc;

	if ((rc = cli_parse("supervision list", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (plan && !cli_int("--plan", plan, 1, INT64_MAX, &plan_id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (unit && (rc = cli_unit_id(s, unit, &unit_id)))
		return rc;
	if (qc_sup_list(s, plan_id, unit_id, state, NULL, &l, &err))
		return cli_fail(&err);
	json_t *a = cli->json ? json_array() : NULL;
	if (!a && !l.n)
		printf(_("no supervision items\n"));
	else if (!a) {
		cli_print_cell(stdout, _("No."), 6);
		cli_print_cell(stdout, _("State"), 16);
		cli_print_cell(stdout, _("Deadline"), 12);
		cli_print_cell(stdout, _("Responsible unit"), 20);
		printf("%s\n", _("Finding"));
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_sup_item *x = &l.v[i];
		char state[64];
		if (a) {
			json_array_append_new(a, qc_json_sup_item(x));
			continue;
		}
		snprintf(state, sizeof(state), "%s%s", qc_label(x->state),
			 x->overdue ? _("(overdue)") : "");
		printf("%-6lld", (long long)x->id);
		cli_print_cell(stdout, state, 16);
		cli_print_cell(stdout, x->deadline, 12);
		cli_print_cell(stdout, x->unit, 20);
		printf("%s\n", x->finding);
	}
	if (a)
		cli_print_json(a);
	qc_sup_list_release(&l);
	return EXIT_OK;
}

static int item_arg(const char *cmd, int n, const char **pos, int64_t *id)
{
	if (n != 1)
		return cli_usage(cmd, "name the item by its number");
	return cli_int("item", pos[0], 1, INT64_MAX, id) ? EXIT_OK : EXIT_USAGE;
}

int cmd_supervision_show(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	const struct cli_opt opts[] = { { .name = NULL } };
	struct qc_error err = { 0 };
	struct qc_sup_item x;
	struct qc_store *s;
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("supervision show", argc, argv, opts, pos, 1,
			    &n)) ||
	    (rc = item_arg("supervision show", n, pos, &id)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_sup_get(s, id, NULL, &x, &err)) {
		qc_sup_item_release(&x);
		return cli_fail(&err);
	}
	if (cli->json) {
		cli_print_json(qc_json_sup_item(&x));
	} else {
		printf(_("supervision item %lld (%s%s) of “%s”, unit %s\n"
			 "finding: %s\nrectification: %s\ndeadline: %s\n"),
		       (long long)x.id, qc_label(x.state),
		       x.overdue ? _(", overdue") : "", x.plan, x.unit,
		       x.finding, x.rectify, x.deadline);
		for (size_t i = 0; i < x.n_steps; i++) {
			const struct qc_sup_step *st = &x.steps[i];
			char at[CLI_TIME_SIZE];
			const char *what = !strcmp(st->action, "open") ?
						   _("opened") :
						   qc_label(st->action);
			/* TRANSLATORS: time, who, the step, its text. */
			if (st->text && *st->text)
				printf(_("  %s %s %s: %s\n"),
				       cli_time(st->at, at), st->actor, what,
				       st->text);
			else
				printf("  %s %s %s\n", cli_time(st->at, at),
				       st->actor, what);
		}
	}
	qc_sup_item_release(&x);
	return EXIT_OK;
}

int cmd_supervision_answer(struct qc_cli *cli, int argc, char **argv)
{
	const char *text = NULL, *pos[1], *att[20];
	size_t n_att = 0;
	const struct cli_opt opts[] = {
		{ .name = "text", .val = &text },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t id;
	int n, rc;

	if ((rc = cli_take_repeated("supervision answer", &argc, argv,
				    "attachment", att, 20, &n_att)) ||
	    (rc = cli_parse("supervision answer", argc, argv, opts, pos, 1,
			    &n)) ||
	    (rc = item_arg("supervision answer", n, pos, &id)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_sup_answer(s, id, text, att, n_att, cli->actor, &err))
		return cli_fail(&err);
	if (!cli->json)
		printf(_("supervision item %lld answered\n"), (long long)id);
	return EXIT_OK;
}

static int decide(struct qc_cli *cli, int argc, char **argv, bool close)
{
	const char *cmd = close ? "supervision close" : "supervision reopen";
	const char *text = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = close ? "note" : "reason", .val = &text },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t id;
	int n, rc;

	if ((rc = cli_parse(cmd, argc, argv, opts, pos, 1, &n)) ||
	    (rc = item_arg(cmd, n, pos, &id)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (close ? qc_sup_close(s, id, text, cli->actor, &err) :
		    qc_sup_reopen(s, id, text, cli->actor, &err))
		return cli_fail(&err);
	if (!cli->json)
		printf(close ? _("supervision item %lld closed\n") :
			       _("supervision item %lld reopened\n"),
		       (long long)id);
	return EXIT_OK;
}

int cmd_supervision_close(struct qc_cli *cli, int argc, char **argv)
{
	return decide(cli, argc, argv, true);
}

int cmd_supervision_reopen(struct qc_cli *cli, int argc, char **argv)
{
	return decide(cli, argc, argv, false);
}
