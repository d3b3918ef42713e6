/* qcity plan edit PLAN PART add|set|remove [REF] [--FIELD VALUE]...:
 * plans changed without JSON (include/qcity/plan_edit.h). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/plan_edit.h"
#include "cli.h"
#include "banned.h"

#define MAX_FIELDS 32

static const char *const op_words[] = { "add", "set", "remove" };

int cmd_plan_edit(struct qc_cli *cli, int argc, char **argv)
{
	struct qc_field fields[MAX_FIELDS];
	struct qc_plan_edit e = { 0 };
	struct qc_error err = { 0 };
	struct qc_store *s;
	const char *pos[4] = { 0 };
	int64_t id;
	int n_pos = 0, version = 0, op = -1;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '-' && a[1] == '-' && a[2]) {
			if (i + 1 >= argc)
				return cli_usage("plan edit",
						 "%s needs a value "
						 "(\"\" clears the field)",
						 a);
			if (!strcmp(a + 2, "note")) {
				e.note = argv[++i];
				continue;
			}
			if (e.n_fields >= MAX_FIELDS)
				return cli_usage("plan edit",
						 "at most %d fields",
						 MAX_FIELDS);
			fields[e.n_fields].name = a + 2;
			fields[e.n_fields++].value = argv[++i];
			continue;
		}
		if (n_pos >= 4)
			return cli_usage("plan edit",
					 "unexpected argument '%s'", a);
		pos[n_pos++] = a;
	}
	if (n_pos < 3)
		return cli_usage("plan edit",
				 "give PLAN PART add|set|remove [REF]");
	if (!cli_int("PLAN", pos[0], 1, INT64_MAX, &id))
		return EXIT_USAGE;
	if (!qc_plan_part_parse(pos[1], &e.part))
		return cli_usage("plan edit",
				 "'%s' is not plan, goal, target, "
				 "task, owner, phase, member, duty or part",
				 pos[1]);
	for (int k = 0; k < 3; k++)
		if (!strcmp(pos[2], op_words[k]))
			op = k;
	if (op < 0)
		return cli_usage("plan edit", "'%s' is not add, set or remove",
				 pos[2]);
	e.op = (enum qc_edit_op)op;
	e.ref = n_pos > 3 ? pos[3] : NULL;
	if (!e.ref &&
	    (e.op != QC_EDIT_ADD || e.part == QC_PART_OWNER ||
	     e.part == QC_PART_PART) &&
	    e.part != QC_PART_PLAN)
		return cli_usage("plan edit", "say which %s (%s)", pos[1],
				 e.part == QC_PART_TARGET ||
						 e.part == QC_PART_DUTY ?
					 _("its number, from 1") :
				 e.part == QC_PART_OWNER ?
					 _("target:N or task:KEY") :
				 e.part == QC_PART_PART ?
					 _("target:N, or target:N/K for its K-th "
					   "part") :
				 e.part == QC_PART_MEMBER ? _("its name") :
							    _("its key"));
	e.fields = fields;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_plan_edit(s, id, &e, cli->actor, &version, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:I, s:s, s:s, s:s?, s:i}", "plan",
					(json_int_t)id, "part", pos[1], "op",
					pos[2], "ref", e.ref, "version",
					version),
			  _("plan %lld: %s %s%s%s (version %d)\n"),
			  (long long)id, qc_label(pos[1]),
			  op == 0 ? _("added") :
			  op == 1 ? _("changed") :
				    _("removed"),
			  e.ref ? " " : "", e.ref ? e.ref : "", version);
}
