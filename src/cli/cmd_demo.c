/* qcity demo: a database filled with demo plans, units, values and
 * progress; starts nothing. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcity/demo.h"
#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/store.h"
#include "cli.h"
#include "banned.h"

#define DEMO_SEED 2017

/* Plans shipped as plan JSON, with the regions their values are made for
 * (the plan's own region first). */
static const struct demo_plan {
	const char *file;
	const char *regions[6];
} demo_plans[] = {
	{ "demo/qitaihe.plan.json",
	  { "230900", "230902", "230903", "230904", "230921", NULL } },
};

static int remove_db(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[4096];
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		if (unlink(p) && errno != ENOENT) {
			fprintf(stderr, "qcity: cannot remove %s: %s\n", p,
				strerror(errno));
			return EXIT_IO;
		}
	}
	return EXIT_OK;
}

static int load_plan(struct qc_cli *cli, const struct demo_plan *d,
		     size_t *n_values, size_t *n_reports)
{
	struct qc_error err = { 0 };
	struct qc_plan plan;
	char *data;
	size_t len, nreg = 0;
	long long id;
	int rc = EXIT_OK;

	if (cli_read_file(cli_data_path(cli, d->file), 32 << 20, &data, &len,
			  &err))
		return cli_fail(&err);
	if (qc_plan_from_json(&plan, data, len, &err) ||
	    qc_plan_import(cli->store, &plan, true, cli->actor, &id, &err)) {
		qc_error_prefix(&err, "%s", d->file);
		rc = cli_fail(&err);
		goto out;
	}
	while (nreg < 6 && d->regions[nreg])
		nreg++;
	int first = plan.period_start ? plan.period_start : 2017;
	int last = plan.period_end ? plan.period_end : first + 3;
	if (qc_demo_values(cli->store, id, d->regions, nreg, first, last,
			   DEMO_SEED, cli->actor, n_values, &err) ||
	    qc_demo_progress(cli->store, id, first, last, DEMO_SEED,
			     cli->actor, n_reports, &err) ||
	    qc_unit_ensure(cli->store, d->regions[0], "质量强市工作领导小组办公室",
			   cli->actor, &(int64_t){ 0 }, &err))
		rc = cli_fail(&err);
	else if (!cli->json)
		printf("demo plan %lld: %s, %zu targets, %zu values, %zu "
		       "progress reports\n", id, plan.title, plan.n_targets,
		       *n_values, *n_reports);
out:
	qc_plan_release(&plan);
	free(data);
	return rc;
}

int cmd_demo(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	bool force = false;
	const struct cli_opt opts[] = {
		{ "force", NULL, &force }, { NULL, NULL, NULL },
	};
	size_t values = 0, reports = 0;
	int n, rc;

	if ((rc = cli_parse("demo", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!access(cli->db_path, F_OK)) {
		if (!force) {
			fprintf(stderr, "qcity: %s exists; `qcity demo --force` "
				"replaces it with the demo\n", cli->db_path);
			return EXIT_USAGE;
		}
		if ((rc = remove_db(cli->db_path)))
			return rc;
	}
	if ((rc = cli_init_db(cli, cli->json)))
		return rc;
	for (size_t i = 0; i < sizeof(demo_plans) / sizeof(demo_plans[0]); i++)
		if ((rc = load_plan(cli, &demo_plans[i], &values, &reports)))
			return rc;
	if (cli->json)
		cli_print_json(json_pack("{s:s, s:i, s:i}", "db", cli->db_path,
			       "values", (int)values, "reports", (int)reports));
	else
		printf("demo database ready: %s\n", cli->db_path);
	return EXIT_OK;
}
