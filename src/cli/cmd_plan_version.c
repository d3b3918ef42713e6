/* qcity plan version | versions | diff: a plan's versions and what
 * changed between two of them. */
#include <limits.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/plan_edit.h"
#include "cli.h"
#include "qcity/num.h"
#include "banned.h"

/* Plan ids and version numbers: whole, positive (qc_parse_int64). */
static bool parse_num(const char *s, long long *out)
{
	int64_t v = 0;
	bool ok = s && qc_parse_int64(s, 1, INT_MAX, &v);
	*out = (long long)v;
	return ok;
}

int cmd_plan_version(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *note = NULL;
	const struct cli_opt opts[] = {
		{ "note", &note, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	long long id;
	int n, rc, number = 0;

	if ((rc = cli_parse("plan version", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !parse_num(pos[0], &id))
		return cli_usage("plan version", "give a plan id");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_plan_version_add(s, id, note, cli->actor, &number, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:I, s:i}", "plan", (json_int_t)id,
					"version", number),
			  _("plan %lld: version %d recorded\n"), id, number);
}

int cmd_plan_versions(struct qc_cli *cli, int argc, char **argv)
{
	struct qc_plan_version_list l;
	struct qc_error err = { 0 };
	struct qc_store *s;
	const char *pos[1];
	long long id;
	int n, rc;

	if ((rc = cli_parse("plan versions", argc, argv, NULL, pos, 1, &n)))
		return rc;
	if (n != 1 || !parse_num(pos[0], &id))
		return cli_usage("plan versions", "give a plan id");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_plan_versions(s, id, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a,
					      qc_xjson_pack("{s:i, s:s, s:s, s:s?}",
							    "version",
							    l.v[i].number, "at",
							    l.v[i].at, "actor",
							    l.v[i].actor,
							    "note",
							    l.v[i].note));
		cli_print_json(a);
	} else if (!l.n) {
		printf(_("plan %lld has no versions yet: one is recorded at each"
			 " edit and by `qcity plan version`\n"),
		       id);
	} else {
		for (size_t i = 0; i < l.n; i++) {
			char at[CLI_TIME_SIZE];
			printf("%3d  %s  %s  %s\n", l.v[i].number,
			       cli_time(l.v[i].at, at), l.v[i].actor,
			       l.v[i].note ? qc_label(l.v[i].note) : "");
		}
	}
	qc_plan_version_list_release(&l);
	return EXIT_OK;
}

static void print_change(const struct qc_plan_change *c)
{
	/* Parts and fields are codes (--json keeps them); people read
	 * their names. */
	if (!strcmp(c->change, "changed"))
		printf(_("~ %s %s: %s %s → %s\n"), qc_label(c->part), c->what,
		       qc_label(c->field), c->before ? c->before : _("(none)"),
		       c->after ? c->after : _("(none)"));
	else if (!strcmp(c->change, "added"))
		printf("+ %s %s%s%s\n", qc_label(c->part), c->what,
		       c->after ? _(": ") : "", c->after ? c->after : "");
	else
		printf("- %s %s%s%s\n", qc_label(c->part), c->what,
		       c->before ? _(": ") : "", c->before ? c->before : "");
}

int cmd_plan_diff(struct qc_cli *cli, int argc, char **argv)
{
	struct qc_plan a, b;
	struct qc_plan_diff d = { 0 };
	struct qc_error err = { 0 };
	struct qc_store *s;
	const char *pos[3];
	long long id, v1, v2;
	int n, rc;

	if ((rc = cli_parse("plan diff", argc, argv, NULL, pos, 3, &n)))
		return rc;
	if (n != 3 || !parse_num(pos[0], &id) || !parse_num(pos[1], &v1) ||
	    !parse_num(pos[2], &v2))
		return cli_usage("plan diff",
				 "give a plan id and two version "
				 "numbers (see `qcity plan versions`)");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	qc_plan_init(&b);
	if (qc_plan_version_load(s, id, (int)v1, &a, &err) ||
	    qc_plan_version_load(s, id, (int)v2, &b, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	qc_plan_diff(&a, &b, &d);
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < d.n; i++)
			json_array_append_new(arr,
					      qc_xjson_pack("{s:s, s:s, s:s, "
							    "s:s?, s:s?, s:s?}",
							    "part", d.v[i].part,
							    "change",
							    d.v[i].change,
							    "what", d.v[i].what,
							    "field",
							    d.v[i].field,
							    "before",
							    d.v[i].before,
							    "after",
							    d.v[i].after));
		cli_print_json(qc_xjson_pack("{s:I, s:i, s:i, s:o}", "plan",
					     (json_int_t)id, "from", (int)v1,
					     "to", (int)v2, "changes", arr));
	} else {
		printf(_("plan %lld, version %lld → %lld: %zu change(s)\n"), id,
		       v1, v2, d.n);
		for (size_t i = 0; i < d.n; i++)
			print_change(&d.v[i]);
	}
	rc = EXIT_OK;
out:
	qc_plan_diff_release(&d);
	qc_plan_release(&a);
	qc_plan_release(&b);
	return rc;
}
