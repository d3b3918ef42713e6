/* qcity index: a quality index defined as data (docs/quality-index.md)
 * computed per region and year, with contributions and the ±20 %
 * sensitivity of the ranks. */
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "qcity/qindex.h"
#include "cli.h"
#include "banned.h"

/* Neither a file nor a name under data/index/: say which names are. */
static int no_definition(const struct qc_cli *cli, const char *what,
			 const char *path)
{
	DIR *d;
	struct dirent *e;
	int n = 0;

	fprintf(stderr, _("qcity: no index definition named “%s” (%s)"), what,
		path);
	d = opendir(cli_data_path(cli, "index"));
	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len <= 5 || strcmp(e->d_name + len - 5, ".json"))
			continue;
		fprintf(stderr, "%s%.*s", n++ ? _(", ") : _("; defined: "),
			(int)(len - 5), e->d_name);
	}
	if (d)
		closedir(d);
	fputc('\n', stderr);
	return EXIT_IO;
}

/* A definition: a file path, or a name under data/index/. */
int cli_index_def(const struct qc_cli *cli, const char *what,
		  struct qc_qindex_def **out)
{
	struct qc_error err = { 0 };
	struct stat sb;
	char name[256], full[4096];
	const char *path = what;

	if (stat(what, &sb) || !S_ISREG(sb.st_mode)) {
		snprintf(name, sizeof(name), "index/%s.json", what);
		path = cli_data_path(cli, name);
		snprintf(full, sizeof(full), "%s", path);
		if (stat(full, &sb))
			return no_definition(cli, what, full);
	}
	if (qc_qindex_load(path, out, &err))
		return cli_fail(&err);
	return EXIT_OK;
}

/* An indicator as people read it: its name, else its key. */
static const char *ind_name(const struct qc_qindex_ind *v)
{
	return v->name && *v->name ? v->name : v->key;
}

/* A method's code (minmax, geometric, reweight …) as people read it;
 * target, a part of a plan elsewhere (qc_label), is the normalisation
 * here. */
static const char *method_label(const char *code)
{
	return strcmp(code, "target") ? qc_label(code) :
					_("normalised to the target");
}

static void print_result(const struct qc_qindex_def *d,
			 const struct qc_qindex_input *in,
			 const struct qc_qindex_result *res,
			 const struct qc_qindex_sens *sens)
{
	printf(_("%s — %d (%s, %s, %s)\n"), d->title, in->year,
	       method_label(qc_qindex_norm_name(d->norm)),
	       method_label(qc_qindex_agg_name(d->agg)),
	       method_label(qc_qindex_missing_name(d->missing)));
	for (int rank = 1; rank <= (int)in->n_regions; rank++)
		for (size_t r = 0; r < in->n_regions; r++) {
			const struct qc_qindex_region *rr = &res->r[r];
			size_t best = 0;
			if (rr->rank != rank)
				continue;
			for (size_t i = 1; i < d->n; i++)
				if (!isnan(rr->contrib[i]) &&
				    (isnan(rr->contrib[best]) ||
				     rr->contrib[i] > rr->contrib[best]))
					best = i;
			printf("%2d  ", rank);
			cli_print_cell(stdout,
				       in->name[r] ? in->name[r] : in->code[r],
				       12);
			printf(rr->n_missing ?
				       _(" %s  %8.2f  largest contribution %s "
					 "%.2f  (values missing)\n") :
				       _(" %s  %8.2f  largest contribution %s "
					 "%.2f\n"),
			       in->code[r], rr->index, ind_name(&d->v[best]),
			       rr->contrib[best]);
		}
	for (size_t r = 0; r < in->n_regions; r++)
		if (!res->r[r].has_index)
			printf(_(" -  %s %s: no index (no data or excluded)\n"),
			       in->code[r], in->name[r] ? in->name[r] : "");
	if (!sens)
		return;
	printf(_("sensitivity: each weight ×%.1f and ×%.1f: %zu of %zu cases "
		 "change a rank (largest shift %d)\n"),
	       1 - sens->delta, 1 + sens->delta, sens->n_changed, sens->n,
	       sens->max_shift);
	for (size_t c = 0; c < sens->n; c++) {
		const struct qc_qindex_case *k = &sens->v[c];
		if (!k->n)
			continue;
		printf("  %s ×%.1f:", ind_name(&d->v[k->ind]), k->factor);
		for (size_t j = 0; j < k->n; j++)
			printf(" %s %d→%d", in->code[k->v[j].region],
			       k->v[j].from, k->v[j].to);
		printf("\n");
	}
}

static int compute_year(struct qc_cli *cli, const struct qc_qindex_def *d,
			int year, const char *parent, json_t *all)
{
	struct qc_qindex_input in;
	struct qc_qindex_result res = { 0 };
	struct qc_qindex_sens sens = { 0 };
	struct qc_error err = { 0 };
	int rc = EXIT_OK;

	if (qc_qindex_gather(cli->store, d, year, parent, &in, &err))
		return cli_fail(&err);
	if (qc_qindex_compute(d, &in, NULL, &res, &err) ||
	    qc_qindex_sensitivity(d, &in, &res, 0.2, &sens, &err)) {
		rc = cli_fail(&err);
	} else if (all) {
		json_array_append_new(all, qc_qindex_json(d, &in, &res, &sens));
	} else {
		print_result(d, &in, &res, &sens);
	}
	qc_qindex_sens_release(&sens);
	qc_qindex_result_release(&res);
	qc_qindex_input_release(&in);
	return rc;
}

int cmd_index(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *year_s = NULL, *parent = NULL;
	const struct cli_opt opts[] = {
		{ "year", &year_s, NULL },
		{ "parent", &parent, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_qindex_def *d = NULL;
	struct qc_error err = { 0 };
	json_t *all = NULL;
	int *years = NULL;
	size_t n_years = 0;
	int64_t year = 0;
	int n, rc;

	if ((rc = cli_parse("index", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("index", "name a definition (data/index/NAME"
					  ".json or a file)");
	if (year_s && !cli_int("--year", year_s, 1949, 2100, &year))
		return EXIT_USAGE;
	if ((rc = cli_index_def(cli, pos[0], &d)))
		return rc;
	if (!cli_store(cli)) {
		qc_qindex_def_free(d);
		return EXIT_DB;
	}
	if (year) {
		years = malloc(sizeof(int));
		if (years) {
			years[0] = (int)year;
			n_years = 1;
		}
	} else if (qc_qindex_years(cli->store, d, parent, &years, &n_years,
				   &err)) {
		qc_qindex_def_free(d);
		return cli_fail(&err);
	}
	if (cli->json)
		all = json_array();
	for (size_t i = 0; i < n_years && !rc; i++) {
		if (i && !all)
			printf("\n");
		rc = compute_year(cli, d, years[i], parent, all);
	}
	if (!n_years && !all)
		printf(_("%s: no stored values of its series\n"), d->id);
	if (all && !rc)
		cli_print_json(all);
	else
		json_decref(all);
	free(years);
	qc_qindex_def_free(d);
	return rc;
}
