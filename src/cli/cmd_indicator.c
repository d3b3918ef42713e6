/* qcity indicator list | link | unlink: the series plans measure and their
 * reviewable links to the catalogue (include/qcity/indicator.h). */
#include <jansson.h>
#include <stdio.h>

#include "qcity/indicator.h"
#include "cli.h"
#include "banned.h"

static void fmt_range(char *buf, size_t n, const struct qc_range *r)
{
	char lo[24] = "", hi[24] = "";
	if (r->has_min)
		snprintf(lo, sizeof(lo), "%.12g", r->min);
	if (r->has_max)
		snprintf(hi, sizeof(hi), "%.12g", r->max);
	if (!r->has_min && !r->has_max)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%s..%s", lo, hi);
}

int cmd_indicator_list(struct qc_cli *cli, int argc, char **argv)
{
	bool unconfirmed = false, all = false;
	const char *pos[1];
	const struct cli_opt opts[] = {
		{ "unconfirmed", NULL, &unconfirmed },
		{ "all", NULL, &all },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_indicator_list l;
	struct qc_store *s;
	char range[64];
	int n, rc;

	if ((rc = cli_parse("indicator list", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_indicator_list(s, all, unconfirmed, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_indicator_row *e = &l.v[i];
			json_array_append_new(
				a,
				qc_xjson_pack(
					"{s:I, s:s, s:s?,"
					" s:s?, s:s?, s:b, s:o, s:o, s:s, s:i}",
					"id", (json_int_t)e->id, "name",
					e->name, "unit", e->unit, "catalog",
					e->catalog, "link", e->link,
					"in_catalog", e->in_catalog, "min",
					e->range.has_min ?
						json_real(e->range.min) :
						json_null(),
					"max",
					e->range.has_max ?
						json_real(e->range.max) :
						json_null(),
					"kind", qc_measure_kind_name(e->kind),
					"targets", e->n_targets));
		}
		cli_print_json(a);
	} else {
		/* The series' name last, whole: a name of 40 characters
		 * is common and no column could hold it. */
		if (l.n) {
			cli_print_cell(stdout, _("No."), 6);
			cli_print_cell(stdout, _("Unit of measure"), 10);
			cli_print_cell(stdout, _("Range"), 11);
			cli_print_cell(stdout, _("Kind"), 9);
			cli_print_cell(stdout, _("Targets"), 7);
			printf("%s\n", _("Series → catalogue"));
		}
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_indicator_row *e = &l.v[i];
			fmt_range(range, sizeof(range), &e->range);
			printf("%-5lld ", (long long)e->id);
			cli_print_cell(stdout,
				       e->unit ? qc_label(e->unit) : "-", 10);
			cli_print_cell(stdout, range, 11);
			cli_print_cell(stdout,
				       qc_label(qc_measure_kind_name(e->kind)),
				       9);
			printf("%5d  %s → %s%s%s\n", e->n_targets, e->name,
			       e->in_catalog ? _("catalogue") :
			       e->catalog    ? e->catalog :
					       _("unlinked: to confirm"),
			       e->catalog && !e->in_catalog ? " — " : "",
			       e->catalog && !e->in_catalog ?
				       qc_label(e->link) :
				       "");
		}
		if (!l.n)
			puts(unconfirmed ? _("every series is confirmed") :
					   _("no series"));
	}
	qc_indicator_list_release(&l);
	return EXIT_OK;
}

int cmd_indicator_link(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[2];
	const struct cli_opt opts[] = { { NULL, NULL, NULL } };
	struct qc_error err = { 0 };
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("indicator link", argc, argv, opts, pos, 2, &n)))
		return rc;
	if (n != 2)
		return cli_usage("indicator link", "give the series' name and "
						   "the catalogue entry's");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_indicator_link(s, pos[0], pos[1], cli->actor, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:s, s:s}", "name", pos[0],
					"catalog", pos[1], "link", "confirmed"),
			  _("linked %s → %s (confirmed)\n"), pos[0], pos[1]);
}

int cmd_indicator_unlink(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	const struct cli_opt opts[] = { { NULL, NULL, NULL } };
	struct qc_error err = { 0 };
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("indicator unlink", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("indicator unlink", "give the series' name");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_indicator_unlink(s, pos[0], cli->actor, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:s, s:n}", "name", pos[0],
					"catalog"),
			  _("unlinked %s from the catalogue\n"), pos[0]);
}
