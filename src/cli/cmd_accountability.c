/* qcity accountability add / list: 约谈, 通报批评, 问责 of a unit in a year,
 * which the assessment deducts for (docs/supervision.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "qcity/auth.h"
#include "qcity/supervision.h"
#include "cli.h"
#include "banned.h"

int cmd_accountability_add(struct qc_cli *cli, int argc, char **argv)
{
	const char *unit = NULL, *year = NULL, *kind = NULL, *item = NULL,
		   *note = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "unit", .val = &unit },
		{ .name = "year", .val = &year },
		{ .name = "kind", .val = &kind },
		{ .name = "item", .val = &item },
		{ .name = "note", .val = &note },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	enum qc_acc_kind k;
	int64_t unit_id = 0, y, item_id = 0, id;
	int n, rc;

	if ((rc = cli_parse("accountability add", argc, argv, opts, pos, 0,
			    &n)))
		return rc;
	if (!unit || !year || !kind)
		return cli_usage("accountability add", "--unit, --year and "
						       "--kind are required");
	if (!qc_acc_kind_parse(kind, &k))
		return cli_usage("accountability add",
				 "--kind: interview "
				 "(约谈), criticism (通报批评) or accountability "
				 "(问责)");
	if (!cli_int("--year", year, 1949, 9999, &y) ||
	    (item && !cli_int("--item", item, 1, INT64_MAX, &item_id)))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if ((rc = cli_unit_id(s, unit, &unit_id)))
		return rc;
	if (qc_acc_add(s, unit_id, (int)y, k, item_id, note, cli->actor, &id,
		       &err))
		return cli_fail(&err);
	return cli_report(cli, qc_xjson_pack("{s:I}", "id", (json_int_t)id),
			  _("recorded: %s, %lld: %s\n"), unit, (long long)y,
			  qc_acc_kind_label(k));
}

int cmd_accountability_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *unit = NULL, *year = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "unit", .val = &unit },
		{ .name = "year", .val = &year },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_acc_list l;
	struct qc_store *s;
	int64_t unit_id = 0, y = 0;
	int n, rc;

	if ((rc = cli_parse("accountability list", argc, argv, opts, pos, 0,
			    &n)))
		return rc;
	if (year && !cli_int("--year", year, 1949, 9999, &y))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (unit && (rc = cli_unit_id(s, unit, &unit_id)))
		return rc;
	if (qc_acc_list(s, unit_id, (int)y, &l, &err))
		return cli_fail(&err);
	json_t *a = cli->json ? json_array() : NULL;
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_acc_record *r = &l.v[i];
		if (a)
			json_array_append_new(
				a,
				qc_xjson_pack("{s:I, s:s, s:s,"
					      " s:i, s:s, s:o, s:s?, s:s, s:s}",
					      "id", (json_int_t)r->id, "unit",
					      r->unit, "region", r->region,
					      "year", r->year, "kind",
					      qc_acc_kind_name(r->kind), "item",
					      r->item_id ?
						      json_integer(r->item_id) :
						      json_null(),
					      "note", r->note, "recorded_by",
					      r->recorded_by, "recorded_at",
					      r->recorded_at));
		else
			printf("%lld\t%d\t%s\t%s\t%s\n", (long long)r->id,
			       r->year, r->unit, qc_acc_kind_label(r->kind),
			       r->note ? r->note : "");
	}
	if (a)
		cli_print_json(a);
	qc_acc_list_release(&l);
	return EXIT_OK;
}
