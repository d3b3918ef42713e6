/* qcity sampling import | rates | bind */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/sampling.h"
#include "cli.h"
#include "banned.h"

#define TABLE_MAX ((size_t)1 << 30)
#define MAX_MAP 16

int cmd_sampling_import(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *map[MAX_MAP], *rejects = NULL;
	size_t n_map = 0;
	struct qc_sampling_import_opts o = { 0 };
	bool skip = false, unverified = false;
	const struct cli_opt opts[] = {
		{ "level", &o.level, NULL },
		{ "region", &o.region, NULL },
		{ "date", &o.date, NULL },
		{ "plan", &o.sampling_plan, NULL },
		{ "batch", &o.batch, NULL },
		{ "skip-bad", NULL, &skip },
		{ "rejects", &rejects, NULL },
		{ "unverified", NULL, &unverified },
		{ NULL, NULL, NULL },
	};
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_store *s;
	char *data;
	size_t len;
	int n, rc;

	if ((rc = cli_take_repeated("sampling import", &argc, argv, "map", map,
				    MAX_MAP, &n_map)) ||
	    (rc = cli_parse("sampling import", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("sampling import", "give one CSV or .xlsx file");
	o.map = map;
	o.n_map = n_map;
	o.skip_bad = skip;
	o.allow_unverified = unverified;
	o.source = pos[0];
	if (cli_read_file(pos[0], TABLE_MAX, &data, &len, &err))
		return cli_fail(&err);
	if (!(s = cli_store(cli))) {
		free(data);
		return EXIT_DB;
	}
	rc = qc_sampling_import(s, data, len, pos[0], &o, cli->actor, &rep,
				&err);
	free(data);
	if (!cli->json)
		fputs(qc_buf_str(&rep.mapping), stderr);
	if (rc) {
		qc_error_prefix(&err, "%s", pos[0]);
		rc = cli_fail(&err);
		fprintf(stderr, "qcity: nothing was imported\n");
		qc_sampling_report_release(&rep);
		return rc;
	}
	if (rep.rejected) {
		FILE *f = rejects ? fopen(rejects, "w") : stderr;
		if (f) {
			fputs("line,reason,row...\n", f);
			fputs(qc_buf_str(&rep.rejects), f);
			if (rejects)
				fclose(f);
		}
	}
	if (cli->json)
		cli_print_json(json_pack("{s:i, s:i, s:i}", "rows",
			       (int)rep.rows, "imported", (int)rep.imported,
			       "rejected", (int)rep.rejected));
	else
		printf("imported %zu of %zu results from %s%s%s\n",
		       rep.imported, rep.rows, pos[0],
		       rep.rejected ? "; rejected rows with reasons in " : "",
		       rep.rejected ? (rejects ? rejects : "stderr") : "");
	qc_sampling_report_release(&rep);
	return EXIT_OK;
}

int cmd_sampling_rates(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *region = NULL, *year = NULL, *levels = "",
		   *category = NULL;
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ "year", &year, NULL },
		{ "levels", &levels, NULL },
		{ "category", &category, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	long long samples, passed;
	int n, rc, y, m, d;

	if ((rc = cli_parse("sampling rates", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!region)
		return cli_usage("sampling rates", "give --region");
	qc_today(&y, &m, &d);
	if (year)
		y = atoi(year);
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_sampling_rate(s, region, y, levels, category, &samples, &passed,
			     &err))
		return cli_fail(&err);
	if (cli->json)
		cli_print_json(json_pack("{s:s, s:i, s:I, s:I, s:o}", "region",
			       region, "year", y, "samples",
			       (json_int_t)samples, "passed",
			       (json_int_t)passed, "rate", samples ?
			       json_real(100.0 * (double)passed /
					 (double)samples) : json_null()));
	else if (samples)
		printf("%s %d: %.2f%% passed (%lld of %lld samples)\n", region,
		       y, 100.0 * (double)passed / (double)samples, passed,
		       samples);
	else
		printf("%s %d: no sampling results\n", region, y);
	return EXIT_OK;
}

int cmd_sampling_bind(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *levels = "", *category = NULL;
	const struct cli_opt opts[] = {
		{ "levels", &levels, NULL },
		{ "category", &category, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("sampling bind", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("sampling bind", "give the indicator");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_sampling_bind(s, pos[0], levels, category, cli->actor, &err))
		return cli_fail(&err);
	if (!cli->json)
		printf("%s is now the pass rate of %s sampling results\n",
		       pos[0], *levels ? levels : "all");
	return EXIT_OK;
}
