/* qcity plan thresholds: the progress thresholds a plan uses
 * (docs/progress-method.md §2), shown or set. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/status.h"
#include "cli.h"
#include "banned.h"

#define MAX_SET 6

int cmd_plan_thresholds(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *set[MAX_SET], *keys[MAX_SET];
	const struct cli_opt opts[] = { { NULL, NULL, NULL } };
	struct qc_progress_thresholds th;
	struct qc_error err = { 0 };
	struct qc_store *s;
	double values[MAX_SET];
	char names[MAX_SET][16];
	size_t n_set;
	unsigned own;
	long long id;
	char *end;
	int n, rc;

	if ((rc = cli_take_repeated("plan thresholds", &argc, argv, "set", set,
				    MAX_SET, &n_set)) ||
	    (rc = cli_parse("plan thresholds", argc, argv, opts, pos, 1, &n)))
		return rc;
	id = n == 1 ? strtoll(pos[0], &end, 10) : 0;
	if (n != 1 || !*pos[0] || *end || id <= 0)
		return cli_usage("plan thresholds", "give one plan id");
	for (size_t i = 0; i < n_set; i++) {
		const char *eq = strchr(set[i], '=');
		size_t k = eq ? (size_t)(eq - set[i]) : 0;
		if (!eq || !k || k >= sizeof(names[i]))
			return cli_usage("plan thresholds",
					 "--set wants "
					 "KEY=VALUE (or KEY=default), not "
					 "'%s'",
					 set[i]);
		memcpy(names[i], set[i], k);
		names[i][k] = '\0';
		keys[i] = names[i];
		if (!strcmp(eq + 1, "default")) {
			values[i] = NAN;
			continue;
		}
		values[i] = strtod(eq + 1, &end);
		if (!eq[1] || *end || !isfinite(values[i]))
			return cli_usage("plan thresholds",
					 "--set %s: '%s' is "
					 "not a number",
					 names[i], eq + 1);
	}
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (n_set && qc_plan_thresholds_set(s, id, keys, values, n_set,
					    cli->actor, &err))
		return cli_fail(&err);
	if (qc_plan_thresholds_get(s, id, &th, &own, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *o = json_object();
		for (size_t i = 0; qc_progress_threshold_keys[i]; i++)
			json_object_set_new(
				o, qc_progress_threshold_keys[i],
				qc_xjson_pack("{s:f, s:b}", "value",
					      *qc_progress_threshold_field(
						      &th,
						      qc_progress_threshold_keys
							      [i]),
					      "default", !(own >> i & 1)));
		cli_print_json(qc_xjson_pack("{s:I, s:o}", "plan",
					     (json_int_t)id, "thresholds", o));
		return EXIT_OK;
	}
	printf("plan %lld: on the ratio R (a target with a level), and on the "
	       "growth a year (a target without one)\n",
	       id);
	for (size_t i = 0; qc_progress_threshold_keys[i]; i++)
		printf("  %-10s %g%s\n", qc_progress_threshold_keys[i],
		       *qc_progress_threshold_field(&th,
						    qc_progress_threshold_keys
							    [i]),
		       own >> i & 1 ? "" : "  (Open SDG default)");
	return EXIT_OK;
}
