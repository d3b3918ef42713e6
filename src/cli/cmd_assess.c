/* qcity assess: the annual assessment of a plan's units and lower
 * regions (docs/assessment-scheme.md); `assess load` stores a scheme,
 * `assess score` records a self-score, a verification or a final score. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "qcity/alloc.h"
#include "qcity/assess.h"
#include "qcity/plan_store.h"
#include "src/common/assess_json.h"
#include "cli.h"
#include "banned.h"

static json_t *subject_json(const struct qc_assess_subject *sub)
{
	json_t *lines = qc_json_assess_lines(sub);
	return qc_xjson_pack("{s:s, s:s, s:s?, s:f, s:f, s:f, s:f, s:f, s:s, s:b,"
			     " s:i, s:o}",
			     "kind", sub->is_region ? "region" : "unit", "name",
			     sub->name, "code",
			     sub->is_region ? sub->code : NULL, "score",
			     sub->score, "earned", sub->earned, "possible",
			     sub->possible, "bonus", sub->bonus, "deduction",
			     sub->deduction, "grade", sub->grade, "vetoed",
			     sub->vetoed, "rank", sub->rank, "items", lines);
}

static void print_list(const struct qc_assessment *a, const char *title,
		       const size_t *ix, size_t n)
{
	printf("%s:", title);
	for (size_t i = 0; i < n; i++)
		printf("%s%s (%.1f, %s)", i ? "、" : " ", a->v[ix[i]].name,
		       a->v[ix[i]].score, a->v[ix[i]].grade);
	printf("%s\n", n ? "" : _(" none"));
}

static void print_assessment(const struct qc_assessment *a)
{
	printf(_("Assessment %d of plan %lld under the %s scheme\n\n"), a->year,
	       a->plan_id, a->default_scheme ? _("default") : a->scheme);
	/* Best first within each group; ranks are computed by the library,
	 * the order here is only for reading. */
	size_t *ix = qc_xmallocarray(qc_st_add(a->n, 1), sizeof(*ix)), m = 0;
	for (int group = 0; group < 2; group++)
		for (int rank = 1; rank <= (int)a->n; rank++)
			for (size_t i = group ? a->n_units : 0;
			     i < (group ? a->n : a->n_units); i++)
				if (a->v[i].rank == rank)
					ix[m++] = i;
	for (size_t j = 0; j < m; j++) {
		size_t i = ix[j];
		const struct qc_assess_subject *sub = &a->v[i];
		if (j == 0 || (i >= a->n_units && ix[j - 1] < a->n_units))
			printf("%s\n", i < a->n_units ? _("== Units") :
							_("== Lower regions"));
		printf(_("#%d %s%s%s: %.1f, grade %s%s (%.2f of %.2f%s)\n"),
		       sub->rank, sub->name, sub->is_region ? " " : "",
		       sub->is_region ? sub->code : "", sub->score, sub->grade,
		       sub->vetoed ? _(" (one-vote veto)") : "", sub->earned,
		       sub->possible, sub->bonus > 0 ? _(", plus bonus") : "");
		for (size_t k = 0; k < sub->n_lines; k++) {
			const struct qc_assess_line *l = &sub->lines[k];
			printf("    %-4s %6.2f/%-6.2g %s\n", l->item, l->points,
			       l->max, l->reason);
		}
	}
	free(ix);
	printf("\n");
	print_list(a, _("Commendation (通报表彰)"), a->commend, a->n_commend);
	print_list(a, _("Criticism (通报批评)"), a->criticise, a->n_criticise);
}

/* A year outside the plan's period is assessed (the scheme may say so),
 * but people asked for 1999 of a 2017–2020 plan by mistake more often
 * than not: say so before the table of zeros. */
static void warn_outside_period(struct qc_store *s, int64_t plan_id, int year)
{
	struct qc_plan_summary_list l = { 0 };
	struct qc_error err = { 0 };

	if (qc_plan_list(s, &l, &err))
		return;
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].id == plan_id && l.v[i].period_start &&
		    l.v[i].period_end &&
		    (year < l.v[i].period_start || year > l.v[i].period_end))
			fprintf(stderr,
				_("qcity: note: %d is outside plan %lld's "
				  "period (%d–%d)\n"),
				year, (long long)plan_id, l.v[i].period_start,
				l.v[i].period_end);
	qc_plan_summary_list_release(&l);
}

int cmd_assess(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *year = NULL, *file = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "plan", .val = &plan },
		{ .name = "year", .val = &year },
		{ .name = "scheme", .val = &file },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_assessment a;
	struct qc_scheme sc = { 0 };
	struct qc_store *s;
	char *text = NULL;
	size_t len;
	int64_t plan_id, yr;
	int n, rc;

	if ((rc = cli_parse("assess", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!plan || !year)
		return cli_usage("assess",
				 "--plan ID and --year Y are required");
	if (!cli_int("--plan", plan, 1, INT64_MAX, &plan_id) ||
	    !cli_int("--year", year, 1949, 2100, &yr))
		return EXIT_USAGE;
	if (file && (cli_read_file(file, 4 << 20, &text, &len, &err) ||
		     qc_scheme_from_json(&sc, text, len, &err))) {
		qc_error_prefix(&err, "%s", file);
		rc = cli_fail(&err);
		goto out;
	}
	if (!(s = cli_store(cli))) {
		rc = EXIT_DB;
		goto out;
	}
	if (qc_assess(s, plan_id, (int)yr, file ? &sc : NULL, &a, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (cli->json) {
		json_t *subs = json_array(), *com = json_array(),
		       *crit = json_array();
		for (size_t i = 0; i < a.n; i++)
			json_array_append_new(subs, subject_json(&a.v[i]));
		for (size_t i = 0; i < a.n_commend; i++)
			json_array_append_new(com,
					      json_string(
						      a.v[a.commend[i]].name));
		for (size_t i = 0; i < a.n_criticise; i++)
			json_array_append_new(crit,
					      json_string(
						      a.v[a.criticise[i]].name));
		cli_print_json(
			qc_xjson_pack("{s:I, s:i, s:s, s:b, s:o, s:o, s:o}",
				      "plan", (json_int_t)a.plan_id, "year",
				      a.year, "scheme", a.scheme,
				      "default_scheme", a.default_scheme,
				      "subjects", subs, "commendation", com,
				      "criticism", crit));
	} else {
		warn_outside_period(s, plan_id, (int)yr);
		print_assessment(&a);
	}
	qc_assessment_release(&a);
out:
	qc_scheme_release(&sc);
	free(text);
	return rc;
}

int cmd_assess_load(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "plan", .val = &plan },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	char *text;
	size_t len;
	int64_t plan_id;
	int n, rc;

	if ((rc = cli_parse("assess load", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !plan)
		return cli_usage("assess load", "FILE and --plan ID are "
						"required");
	if (!cli_int("--plan", plan, 1, INT64_MAX, &plan_id))
		return EXIT_USAGE;
	if (cli_read_file(pos[0], 4 << 20, &text, &len, &err))
		return cli_fail(&err);
	if (!(s = cli_store(cli))) {
		free(text);
		return EXIT_DB;
	}
	if (qc_scheme_store(s, plan_id, text, len, cli->actor, &err)) {
		qc_error_prefix(&err, "%s", pos[0]);
		rc = cli_fail(&err);
	} else if (!cli->json) {
		printf(_("scheme %s stored for plan %s\n"), pos[0], plan);
	}
	free(text);
	return rc;
}

int cmd_assess_score(struct qc_cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *year = NULL, *item = NULL, *subject = NULL,
		   *step = NULL, *points = NULL, *evidence = NULL,
		   *reason = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "plan", .val = &plan },
		{ .name = "year", .val = &year },
		{ .name = "item", .val = &item },
		{ .name = "subject", .val = &subject },
		{ .name = "step", .val = &step },
		{ .name = "points", .val = &points },
		{ .name = "evidence", .val = &evidence },
		{ .name = "reason", .val = &reason },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	char *end;
	int64_t plan_id, yr;
	int n, rc;

	if ((rc = cli_parse("assess score", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!plan || !year || !item || !subject || !step || !points)
		return cli_usage("assess score",
				 "--plan, --year, --item, "
				 "--subject, --step and --points are required");
	if (!cli_int("--plan", plan, 1, INT64_MAX, &plan_id) ||
	    !cli_int("--year", year, 1949, 2100, &yr))
		return EXIT_USAGE;
	double p = strtod(points, &end);
	if (*end || end == points)
		return cli_usage("assess score",
				 "--points: '%s' is not a "
				 "number",
				 points);
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_assess_record(s, plan_id, (int)yr, item, subject, step, p,
			     evidence, reason, cli->actor, &err))
		return cli_fail(&err);
	if (!cli->json)
		printf(_("%s: %s %s = %.12g recorded\n"), subject, item, step,
		       p);
	return EXIT_OK;
}
