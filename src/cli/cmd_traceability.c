/* qcity traceability import | list | figures | bind: the register of the
 * subjects and products enrolled on traceability platforms (追溯,
 * docs/traceability.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "qcity/traceability.h"
#include "src/common/traceability_json.h"
#include "cli.h"
#include "banned.h"

int cmd_traceability_import(struct qc_cli *cli, int argc, char **argv)
{
	return cli_register_import(cli, "traceability import", argc, argv,
				   qc_trace_import,
				   _("recorded %ld enrolments, updated %ld, %ld "
				     "unchanged\n"));
}

static void print_row(struct qc_store *s, const struct qc_trace_row *t)
{
	cli_print_cell(stdout, t->subject_name, 28);
	cli_print_cell(stdout, qc_trace_category_name(t->category), 14);
	cli_print_cell(stdout, *t->product ? t->product : "-", 16);
	cli_print_cell(stdout, t->platform, 28);
	cli_print_cell(stdout, cli_region_name(s, t->region), 12);
	cli_print_cell(stdout, t->enrolled_on, 12);
	printf("%s\n", qc_trace_status_name(t->status));
}

int cmd_traceability_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *on = NULL, *pos[1];
	struct qc_trace_query q = { 0 };
	const struct cli_opt opts[] = {
		{ "region", &region, NULL }, { "category", &q.category, NULL },
		{ "state", &q.state, NULL }, { "as-of", &on, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_trace_list l;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	long day;
	int n, rc;

	if ((rc = cli_parse("traceability list", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!cli_as_of("traceability list", on, &day))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (region && qc_region_resolve(s, region, code, &err))
		return cli_fail(&err);
	q.region = region ? code : NULL;
	/* Every page at once: the same order as one page after another. */
	if (qc_trace_page(s, &q, day, &l, NULL, NULL, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, qc_json_trace_row(&l.v[i]));
		cli_print_json(a);
	} else if (!l.n) {
		printf(_("no enrolments\n"));
	} else {
		cli_print_cell(stdout, _("subject"), 28);
		cli_print_cell(stdout, _("trade category"), 14);
		cli_print_cell(stdout, _("product"), 16);
		cli_print_cell(stdout, _("platform"), 28);
		cli_print_cell(stdout, _("region"), 12);
		cli_print_cell(stdout, _("enrolled"), 12);
		printf("%s\n", _("status"));
		for (size_t i = 0; i < l.n; i++)
			print_row(s, &l.v[i]);
	}
	qc_trace_list_release(&l);
	return EXIT_OK;
}

static void print_figures(struct qc_store *s, const char *code, const char *day,
			  const struct qc_trace_figures *f)
{
	printf(_("%s on %s: %ld subjects enrolled, %ld product lines, %ld "
		 "products; %ld rows deregistered\n"),
	       cli_region_name(s, code), day, f->subjects, f->lines,
	       f->products, f->cancelled);
	for (size_t k = 0; k < QC_TRACE_CATEGORIES; k++)
		if (f->cat_subjects[k])
			printf(_("  %s: %ld subjects, %ld products\n"),
			       qc_trace_category_name(qc_trace_categories[k]),
			       f->cat_subjects[k], f->cat_products[k]);
	if (f->rate < 0)
		printf(_("above-scale food producers: none on record\n"));
	else
		printf(_("above-scale food producers enrolled: %ld/%ld "
			 "(%.1f%%)\n"),
		       f->covered, f->producers, f->rate);
}

int cmd_traceability_figures(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *on = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ "as-of", &on, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_trace_figures f;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE], day[11];
	long d;
	int n, rc;

	if ((rc = cli_parse("traceability figures", argc, argv, opts, pos, 0,
			    &n)))
		return rc;
	if (!region)
		return cli_usage("traceability figures", "give --region");
	if (!cli_as_of("traceability figures", on, &d))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_region_resolve(s, region, code, &err) ||
	    qc_trace_figures(s, code, d, &f, &err))
		return cli_fail(&err);
	qc_date_from_days(d, day);
	if (!cli->json) {
		print_figures(s, code, day, &f);
		return EXIT_OK;
	}
	cli_print_json(qc_json_trace_figures(code, day, &f));
	return EXIT_OK;
}

int cmd_traceability_bind(struct qc_cli *cli, int argc, char **argv)
{
	return cli_register_bind(cli, "traceability bind", argc, argv,
				 qc_trace_bind,
				 _("%s is now computed from the traceability "
				   "register (%s)\n"));
}
