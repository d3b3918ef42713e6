/* qcity certification import | list | figures | bind: the register of
 * the certificates held by a county's enterprises (认证,
 * docs/certification.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/certification.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "src/common/certification_json.h"
#include "cli.h"
#include "banned.h"

int cmd_certification_import(struct qc_cli *cli, int argc, char **argv)
{
	return cli_register_import(cli, "certification import", argc, argv,
				   qc_certification_import,
				   _("recorded %ld certificates, updated %ld, %ld "
				     "unchanged\n"));
}

static void print_certificate(struct qc_store *s,
			      const struct qc_certificate *c)
{
	cli_print_cell(stdout, c->number, 22);
	cli_print_cell(stdout, qc_certification_kind_name(c->kind), 34);
	cli_print_cell(stdout, c->holder_name, 28);
	cli_print_cell(stdout, cli_region_name(s, c->region), 12);
	cli_print_cell(stdout, c->expires_on, 12);
	printf("%s\n", qc_certification_state_name(c->state));
}

int cmd_certification_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *on = NULL, *pos[1];
	struct qc_certification_query q = { 0 };
	const struct cli_opt opts[] = {
		{ "region", &region, NULL }, { "kind", &q.kind, NULL },
		{ "state", &q.state, NULL }, { "as-of", &on, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_certificate_list l;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	long day;
	int n, rc;

	if ((rc = cli_parse("certification list", argc, argv, opts, pos, 0,
			    &n)))
		return rc;
	if (!cli_as_of("certification list", on, &day))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (region && qc_region_resolve(s, region, code, &err))
		return cli_fail(&err);
	q.region = region ? code : NULL;
	/* Every page at once: the same order as one page after another. */
	if (qc_certification_page(s, &q, day, &l, NULL, NULL, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, qc_json_certificate(&l.v[i]));
		cli_print_json(a);
	} else if (!l.n) {
		printf(_("no certificates\n"));
	} else {
		cli_print_cell(stdout, _("certificate"), 22);
		cli_print_cell(stdout, _("kind"), 34);
		cli_print_cell(stdout, _("holder"), 28);
		cli_print_cell(stdout, _("region"), 12);
		cli_print_cell(stdout, _("valid until"), 12);
		printf("%s\n", _("state"));
		for (size_t i = 0; i < l.n; i++)
			print_certificate(s, &l.v[i]);
	}
	qc_certificate_list_release(&l);
	return EXIT_OK;
}

static void print_figures(struct qc_store *s, const char *code, const char *day,
			  const struct qc_certification_figures *f)
{
	printf(_("%s on %s: %ld valid certificates held by %ld enterprises; "
		 "%ld expiring within %d days; %ld suspended, %ld expired, "
		 "%ld revoked or cancelled\n"),
	       cli_region_name(s, code), day, f->valid, f->holders, f->expiring,
	       QC_CERT_EXPIRING_DAYS, f->suspended, f->expired, f->revoked);
	printf(_("management systems: %ld certificates, %ld enterprises\n"),
	       f->system, f->system_holders);
	printf(_("products (CCC): %ld certificates, %ld enterprises\n"),
	       f->product, f->product_holders);
	printf(_("organic, green and pollution-free agricultural products: "
		 "%ld certificates, %ld enterprises\n"),
	       f->agri, f->agri_holders);
	for (size_t k = 0; k < QC_CERT_KINDS; k++)
		if (f->by_kind[k])
			printf(_("  %s: %ld\n"),
			       qc_certification_kind_name(
				       qc_certification_kinds[k]),
			       f->by_kind[k]);
}

int cmd_certification_figures(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *on = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ "as-of", &on, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_certification_figures f;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE], day[11];
	long d;
	int n, rc;

	if ((rc = cli_parse("certification figures", argc, argv, opts, pos, 0,
			    &n)))
		return rc;
	if (!region)
		return cli_usage("certification figures", "give --region");
	if (!cli_as_of("certification figures", on, &d))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_region_resolve(s, region, code, &err) ||
	    qc_certification_figures(s, code, d, &f, &err))
		return cli_fail(&err);
	qc_date_from_days(d, day);
	if (!cli->json) {
		print_figures(s, code, day, &f);
		return EXIT_OK;
	}
	cli_print_json(qc_json_certification_figures(code, day, &f));
	return EXIT_OK;
}

int cmd_certification_bind(struct qc_cli *cli, int argc, char **argv)
{
	return cli_register_bind(cli, "certification bind", argc, argv,
				 qc_certification_bind,
				 _("%s is now computed from the certification "
				   "register (%s)\n"));
}
