/* qcity demo: a database filled with demo plans, units, values and
 * progress; starts nothing. */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcity/alloc.h"
#include "qcity/auth.h"
#include "qcity/catalog.h"
#include "qcity/assess.h"
#include "qcity/demo.h"
#include "qcity/engine_demo.h"
#include "qcity/extract.h"
#include "qcity/indicator.h"
#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "qcity/num.h"
#include "cli.h"
#include "banned.h"

#define DEMO_SEED 2017

/* The demo plans are the published plan documents under data/seeds,
 * extracted as a new user would; values are made for each plan's region
 * and up to this many of the regions below it. */
#define DEMO_SUBREGIONS 4
#define DEMO_MAX_YEARS 6
#define DEMO_SAMPLES_PER_YEAR 40
/* The catalogue indicator the demo computes from sampling results. */
#define DEMO_BOUND_INDICATOR "产品质量监督抽查合格率"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Plan documents in dir, sorted; the caller frees the list and names. */
static size_t list_seeds(const char *dir, char ***out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0, alloc = 0;

	*out = NULL;
	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".txt"))
			continue;
		QC_GROW(*out, n + 1, alloc);
		(*out)[n++] = qc_xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	if (n)
		qsort(*out, n, sizeof(**out), by_name);
	return n;
}

/* The years to make values for: the plan period, else from its date to
 * its targets' latest due year, at most DEMO_MAX_YEARS. */
static void demo_years(const struct qc_plan *p, int *first, int *last)
{
	int due = 0, issued = 2017;
	char y4[5];
	for (size_t i = 0; i < p->n_targets; i++)
		if (p->targets[i].year > due)
			due = p->targets[i].year;
	if (p->issue_date) { /* "2017-05-01": its year */
		snprintf(y4, sizeof(y4), "%.4s", p->issue_date);
		qc_parse_int(y4, 1949, 2100, &issued);
	}
	*first = p->period_start ? p->period_start : issued;
	*last = p->period_end ? p->period_end : due ? due : *first + 3;
	if (*last < *first)
		*last = *first;
	if (*last - *first >= DEMO_MAX_YEARS)
		*first = *last - DEMO_MAX_YEARS + 1;
}

/* Assessment schemes written for demo plans, by plan document. */
static const struct {
	const char *seed, *scheme;
	int year;
} demo_schemes[] = {
	{ "000_da3f1a9ac43ee785.txt", "schemes/qitaihe-2020.json", 2020 },
};

/* Store the plan's demo scheme, if it has one, and the self-scores and
 * verifications of its manual items. */
static enum qc_rc demo_scheme(struct qc_cli *cli, const char *path,
			      long long id, struct qc_error *err)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	enum qc_rc rc = QC_OK;

	for (size_t i = 0;
	     !rc && i < sizeof(demo_schemes) / sizeof(demo_schemes[0]); i++) {
		char *text;
		size_t len, n;
		if (strcmp(base, demo_schemes[i].seed))
			continue;
		if ((rc = cli_read_file(cli_data_path(cli,
						      demo_schemes[i].scheme),
					1 << 20, &text, &len, err)))
			return rc;
		rc = qc_scheme_store(cli->store, id, text, len, cli->actor,
				     err);
		free(text);
		if (!rc)
			rc = qc_engine_demo_scores(cli->store, id,
						   demo_schemes[i].year,
						   DEMO_SEED, cli->actor, &n,
						   err);
	}
	return rc;
}

/* Credit content (docs/credit.md) for the plan of the 七台河 demo: its
 * 驰名商标 target then reads its value from the awards register. */
static enum qc_rc demo_credit(struct qc_cli *cli, const char *path,
			      long long id, const char *region, int first,
			      int last, struct qc_error *err)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *text;
	size_t len, n;
	enum qc_rc rc;

	if (!region || strcmp(base, demo_schemes[0].seed))
		return QC_OK;
	if ((rc = cli_read_file(cli_data_path(cli, "credit/scheme.json"),
				1 << 20, &text, &len, err)))
		return rc;
	rc = qc_demo_credit(cli->store, text, len, id, region, first, last,
			    cli->actor, &n, err);
	free(text);
	return rc;
}

static int demo_plan(struct qc_cli *cli, const char *path,
		     const struct qc_catalog *cat, size_t *n_values,
		     size_t *n_reports, size_t *n_samples)
{
	struct qc_error err = { 0 };
	struct qc_region_list kids = { 0 };
	struct qc_plan plan, stored;
	const char *regions[DEMO_SUBREGIONS + 1];
	size_t nreg = 0, values = 0, reports = 0;
	long long id;
	int first, last, rc = EXIT_OK;

	qc_plan_init(&stored);
	if (qc_extract_file(path, cat, &plan, &err)) {
		qc_error_prefix(&err, "%s", path);
		rc = cli_fail(&err);
		goto out;
	}
	qc_set_str(&plan.status, "active");
	/* A plan that states no reporting duties gets the genre's usual two,
	 * so the demo has a reporting record to assess. */
	if (!plan.n_duties) {
		struct qc_duty *d = qc_plan_add_duty(&plan);
		d->kind = QC_REPORT_MONTHLY;
		d->grace_days = 10;
		qc_set_str(&d->text, "每月报送工作推进情况");
		d = qc_plan_add_duty(&plan);
		d->kind = QC_REPORT_HALF_YEAR;
		d->grace_days = 15;
		qc_set_str(&d->text, "每半年报送一次工作总结");
	}
	if (qc_plan_import(cli->store, &plan, true, cli->actor, &id, &err) ||
	    qc_plan_load(cli->store, id, &stored, &err)) {
		qc_error_prefix(&err, "%s", path);
		rc = cli_fail(&err);
		goto out;
	}
	if (stored.region_code) {
		regions[nreg++] = stored.region_code;
		if (qc_region_children(cli->store, stored.region_code, &kids,
				       &err)) {
			rc = cli_fail(&err);
			goto out;
		}
		for (size_t i = 0; i < kids.n && nreg <= DEMO_SUBREGIONS; i++)
			regions[nreg++] = kids.v[i].code;
	}
	demo_years(&plan, &first, &last);
	/* Sampling results in the counties below the plan's region (or in
	 * the region itself when it is a county). */
	size_t samples = 0;
	if (nreg &&
	    qc_demo_sampling(cli->store, nreg > 1 ? regions + 1 : regions,
			     nreg > 1 ? nreg - 1 : 1, first, last,
			     DEMO_SAMPLES_PER_YEAR, DEMO_SEED + id, cli->actor,
			     &samples, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	*n_samples += samples;
	if ((nreg && qc_demo_values(cli->store, id, regions, nreg, first, last,
				    DEMO_SEED, cli->actor, &values, &err)) ||
	    qc_engine_demo_reports(cli->store, id, first, last, DEMO_SEED,
				   cli->actor, &reports, &err) ||
	    demo_scheme(cli, path, id, &err) ||
	    demo_credit(cli, path, id, nreg ? regions[0] : NULL, first, last,
			&err) ||
	    (nreg &&
	     qc_unit_ensure(cli->store, regions[0], "质量工作领导小组办公室",
			    cli->actor, &(int64_t){ 0 }, &err))) {
		rc = cli_fail(&err);
		goto out;
	}
	*n_values += values;
	*n_reports += reports;
	if (!cli->json)
		printf(_("plan %lld: %s — %zu targets, %zu tasks; %zu values for "
			 "%zu regions %d–%d, %zu progress reports, %zu sampling "
			 "results\n"),
		       id, plan.title, plan.n_targets, qc_plan_items(&plan),
		       values, nreg, first, last, reports, samples);
out:
	qc_region_list_release(&kids);
	qc_plan_release(&plan);
	qc_plan_release(&stored);
	return rc;
}

int cmd_demo(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	bool force = false;
	const struct cli_opt opts[] = {
		{ "force", NULL, &force },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_catalog cat;
	char dir[4096], **seeds;
	size_t values = 0, reports = 0, samples = 0, n;
	int npos, rc;

	if ((rc = cli_parse("demo", argc, argv, opts, pos, 0, &npos)))
		return rc;
	if (qc_store_exists(cli->db_path)) {
		if (!force) {
			fprintf(stderr,
				_("qcity: %s exists; `qcity demo --force` "
				  "replaces it with the demo\n"),
				cli->db_path);
			return EXIT_USAGE;
		}
		if (qc_store_reset(cli->db_path, &err))
			return cli_fail(&err);
	}
	if ((rc = cli_init_db(cli, true)))
		return rc;
	if (qc_catalog_load(&cat, cli_data_path(cli, "indicators.json"), &err))
		return cli_fail(&err);
	snprintf(dir, sizeof(dir), "%s", cli_data_path(cli, "seeds"));
	n = list_seeds(dir, &seeds);
	if (!n) {
		fprintf(stderr, _("qcity: no plan documents in %s\n"), dir);
		rc = EXIT_IO;
	}
	for (size_t i = 0; i < n; i++) {
		struct qc_buf path = QC_BUF_INIT;
		qc_buf_init(&path, 0);
		qc_buf_addf(&path, "%s/%s", dir, seeds[i]);
		if (!rc)
			rc = demo_plan(cli, qc_buf_str(&path), &cat, &values,
				       &reports, &samples);
		qc_buf_release(&path);
		free(seeds[i]);
	}
	free(seeds);
	qc_catalog_release(&cat);
	/* The office's review of the catalogue links (issue 11): 西安's
	 * sampling rate of city enterprises is the catalogue's rate. */
	if (!rc && qc_indicator_link(cli->store,
				     "城市生产企业产品质量监督抽查"
				     "合格率",
				     DEMO_BOUND_INDICATOR, cli->actor, &err))
		rc = cli_fail(&err);
	/* The plans' sampling targets follow the sampling results. */
	if (!rc && qc_sampling_bind(cli->store, DEMO_BOUND_INDICATOR, "", NULL,
				    cli->actor, &err))
		rc = cli_fail(&err);
	/* The web platform's demo accounts, one per role (issue 6). */
	if (!rc && qc_demo_users(cli->store, cli->actor, NULL, &err))
		rc = cli_fail(&err);
	if (rc)
		return rc;
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:i, s:i, s:i, s:i}", "db",
					cli->db_path, "plans", (int)n, "values",
					(int)values, "reports", (int)reports,
					"samples", (int)samples),
			  _("demo database ready: %s (%zu plans)\n"),
			  cli->db_path, n);
}
