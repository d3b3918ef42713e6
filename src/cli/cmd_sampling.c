/* qcity sampling import | rates | bind */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/followup.h"
#include "qcity/lists.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "src/common/registry_json.h"
#include "cli.h"
#include "banned.h"

/* --year as a strict whole number (1949 to 2100) into *y. */
static bool cli_int_year(const char *year, int *y)
{
	int64_t v;
	if (!cli_int("--year", year, 1949, 2100, &v))
		return false;
	*y = (int)v;
	return true;
}

#define MAX_MAP 16

int cmd_sampling_import(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *map[MAX_MAP], *rejects = NULL;
	size_t n_map = 0;
	struct qc_sampling_import_opts o = { 0 };
	bool skip = false, unverified = false, all_failed = false;
	const struct cli_opt opts[] = {
		{ "level", &o.level, NULL },
		{ "region", &o.region, NULL },
		{ "date", &o.date, NULL },
		{ "product", &o.product, NULL },
		{ "plan", &o.sampling_plan, NULL },
		{ "batch", &o.batch, NULL },
		{ "skip-bad", NULL, &skip },
		{ "rejects", &rejects, NULL },
		{ "unverified", NULL, &unverified },
		{ "all-failed", NULL, &all_failed },
		{ NULL, NULL, NULL },
	};
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_take_repeated("sampling import", &argc, argv, "map", map,
				    MAX_MAP, &n_map)) ||
	    (rc = cli_parse("sampling import", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("sampling import",
				 "give one CSV or .xlsx file");
	o.map = map;
	o.n_map = n_map;
	o.skip_bad = skip;
	o.allow_unverified = unverified;
	o.all_failed = all_failed;
	o.source = pos[0];
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	rc = qc_sampling_import_file(s, pos[0], &o, cli->actor, &rep, &err);
	if (!cli->json)
		fputs(qc_buf_str(&rep.mapping), stderr);
	if (rc) {
		/* File-level errors name the path already. */
		if (strncmp(err.msg, pos[0], strlen(pos[0])))
			qc_error_prefix(&err, "%s", pos[0]);
		rc = cli_fail(&err);
		fprintf(stderr, _("qcity: nothing was imported\n"));
		/* A bad row stopped it: say how to write the others. */
		if (!skip && rep.rows > 0 && err.code == QC_EINVAL)
			fprintf(stderr,
				_("qcity: to import the other rows, give "
				  "--skip-bad (and --rejects FILE to keep the "
				  "bad ones)\n"));
		qc_sampling_report_release(&rep);
		return rc;
	}
	if (rep.rejected) {
		FILE *f = rejects ? fopen(rejects, "w") : NULL;
		FILE *to = rejects ? f : stderr;
		if (to) {
			fputs(_("line,reason,row...\n"), to);
			fputs(qc_buf_str(&rep.rejects), to);
		}
		if (f)
			fclose(f);
	}
	if (cli->json)
		cli_print_json(qc_xjson_pack("{s:i, s:i, s:i, s:s?, s:s}",
					     "rows", (int)rep.rows, "imported",
					     (int)rep.imported, "rejected",
					     (int)rep.rejected, "date_from",
					     rep.date_from, "period",
					     rep.period));
	else if (rep.rejected)
		printf(_("imported %zu of %zu results from %s; the rejected "
			 "rows, with their reasons, are in %s\n"),
		       rep.imported, rep.rows, pos[0],
		       rejects ? rejects : _("standard error"));
	else
		printf(_("imported %zu of %zu results from %s\n"), rep.imported,
		       rep.rows, pos[0]);
	qc_sampling_report_release(&rep);
	return EXIT_OK;
}

int cmd_sampling_rates(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *region = NULL, *year = NULL, *levels = "",
			    *category = NULL;
	const struct cli_opt opts[] = {
		{ "region", &region, NULL }, { "year", &year, NULL },
		{ "levels", &levels, NULL }, { "category", &category, NULL },
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
	if (year && !cli_int_year(year, &y))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_sampling_rate(s, region, y, levels, category, &samples, &passed,
			     &err))
		return cli_fail(&err);
	if (cli->json)
		cli_print_json(qc_xjson_pack(
			"{s:s, s:i, s:I, s:I, s:o}", "region", region, "year",
			y, "samples", (json_int_t)samples, "passed",
			(json_int_t)passed, "rate",
			samples ? json_real(qc_sampling_pass_rate(samples,
								  passed)) :
				  json_null()));
	else if (samples)
		printf(_("%s %d: %.2f%% passed (%lld of %lld samples)\n"),
		       cli_region_name(s, region), y,
		       qc_sampling_pass_rate(samples, passed), passed, samples);
	else if (!year)
		/* This year, by default: results are often of years past. */
		printf(_("%s %d: no sampling results (--year Y for another "
			 "year)\n"),
		       cli_region_name(s, region), y);
	else
		printf(_("%s %d: no sampling results\n"),
		       cli_region_name(s, region), y);
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
	if (!cli->json && *levels)
		printf(_("%s is now the pass rate of %s sampling results\n"),
		       pos[0], levels);
	else if (!cli->json)
		printf(_("%s is now the pass rate of all sampling results\n"),
		       pos[0]);
	return EXIT_OK;
}

int cmd_sampling_followup(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *region = NULL, *limit = "50", *after = NULL;
	bool overdue = false;
	const struct cli_opt opts[] = {
		{ "region", &region, NULL }, { "overdue", NULL, &overdue },
		{ "limit", &limit, NULL },   { "after", &after, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_followup_list l;
	struct qc_error err = { 0 };
	struct qc_store *s;
	struct qc_sample_query cur = { 0 };
	char date[11];
	int64_t max;
	int n, rc;

	if ((rc = cli_parse("sampling followup", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!cli_int("--limit", limit, 0, 100000, &max))
		return EXIT_USAGE;
	if (after && !qc_sample_cursor_parse(after, date, &cur))
		return cli_usage("sampling followup",
				 "--after takes DATE,ID[,PROVINCE]: the due "
				 "date, result and (at the nation) province of "
				 "the last follow-up of the page before");
	struct qc_followup_query q = { .region = region,
				       .only_overdue = overdue,
				       .limit = (int)max,
				       .after_due = cur.before_date,
				       .after_id = cur.before_id,
				       .after_province = cur.before_province };
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_followup_page(s, &q, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		cli_print_json(qc_json_followups(&l));
	} else {
		/* Columns of 6, 22, 10 and 14 (逾期 1178 天 whole), a space
		 * after each, in the heading as in the rows. */
		cli_print_cell(stdout, _("result no."), 6);
		putchar(' ');
		cli_print_cell(stdout, _("awaiting"), 22);
		putchar(' ');
		cli_print_cell(stdout, _("due"), 10);
		putchar(' ');
		cli_print_cell(stdout, "", 14);
		printf(" %s\n", _("enterprise · product"));
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_followup *f = &l.v[i];
			char left[32];
			snprintf(left, sizeof(left),
				 f->overdue ? _("%ld d late") : _("%ld d left"),
				 f->overdue ? -f->days_left : f->days_left);
			printf("%-6lld ", (long long)f->result_id);
			cli_print_cell(stdout, qc_label(f->awaiting), 22);
			printf(" %-10s ", f->due);
			cli_print_cell(stdout, left, 14);
			printf(" %s · %s%s\n", f->enterprise, f->product,
			       f->correction_overdue ?
				       _(" (correction overdue)") :
				       "");
		}
		printf(_("%zu open follow-ups\n"), l.n);
		/* At the nation the cursor names the province too (ids
		 * repeat across provinces there). */
		const struct qc_followup *last = max > 0 && l.n == (size_t)max ?
							 &l.v[l.n - 1] :
							 NULL;
		if (last && qc_store_national(s))
			printf(_("next page: --after %s,%lld,%s\n"), last->due,
			       (long long)last->result_id, last->province);
		else if (last)
			printf(_("next page: --after %s,%lld\n"), last->due,
			       (long long)last->result_id);
	}
	qc_followup_list_release(&l);
	return EXIT_OK;
}

int cmd_sampling_record(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[3], *passed = NULL;
	const struct cli_opt opts[] = {
		{ "passed", &passed, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t id;
	int n, rc, ok = -1;

	if ((rc = cli_parse("sampling record", argc, argv, opts, pos, 3, &n)))
		return rc;
	if (n != 3)
		return cli_usage("sampling record", "give RESULT STEP DATE");
	if (passed) {
		if (!strcmp(passed, "yes"))
			ok = 1;
		else if (!strcmp(passed, "no"))
			ok = 0;
		else
			return cli_usage("sampling record",
					 "--passed takes yes "
					 "or no");
	}
	if (!cli_int("result id", pos[0], 1, INT64_MAX, &id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_followup_record(s, id, pos[1], pos[2], ok, cli->actor, &err))
		return cli_fail(&err);
	if (!cli->json)
		printf(_("recorded %s on %s for result %s\n"), qc_label(pos[1]),
		       pos[2], pos[0]);
	return EXIT_OK;
}

static void print_rows(const char *title, const struct qc_list *l)
{
	/* TRANSLATORS: a list's title, then its number of enterprises. */
	printf(_("%s (%zu)\n"), title, l->n);
	for (size_t i = 0; i < l->n; i++) {
		printf(_("  %-18s %s  %lld samples, %lld failed"),
		       l->v[i].uscc ? l->v[i].uscc : "-", l->v[i].name,
		       l->v[i].samples, l->v[i].failed);
		/* TRANSLATORS: the products that failed. */
		if (l->v[i].products && *l->v[i].products)
			printf(_(": %s"), l->v[i].products);
		putchar('\n');
	}
}

/* "FAILED,ID" (black; at the nation "FAILED,ID,PROVINCE", the row's
 * holder) or "ID" (red): the last row of the page before. */
static bool list_cursor(const char *text, bool black, long long *failed,
			int64_t *id, char province[QC_REGION_CODE_SIZE])
{
	char *end;
	long long a = strtoll(text, &end, 10), b = 0;
	if (end == text || a < 1)
		return false;
	if (black) {
		if (*end != ',')
			return false;
		const char *p = end + 1;
		b = strtoll(p, &end, 10);
		if (end == p || b < 1)
			return false;
		if (*end == ',' && strlen(end + 1) == 6 &&
		    strspn(end + 1, "0123456789") == 6) {
			snprintf(province, QC_REGION_CODE_SIZE, "%s", end + 1);
			end += 7;
		}
	}
	if (*end)
		return false;
	*failed = black ? a : 0;
	*id = black ? b : a;
	return true;
}

int cmd_sampling_lists(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *region = NULL, *year = NULL, *years = "3";
	const char *limit = "50", *black_after = NULL, *red_after = NULL;
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ "year", &year, NULL },
		{ "years", &years, NULL },
		{ "limit", &limit, NULL },
		{ "black-after", &black_after, NULL },
		{ "red-after", &red_after, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_list red, black;
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t span, max;
	int n, rc, y, m, d;

	if ((rc = cli_parse("sampling lists", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!region)
		return cli_usage("sampling lists", "give --region");
	qc_today(&y, &m, &d);
	y = y - 1;
	if ((year && !cli_int_year(year, &y)) ||
	    !cli_int("--years", years, 1, 50, &span) ||
	    !cli_int("--limit", limit, 0, 100000, &max))
		return EXIT_USAGE;
	struct qc_list_query bq = { .region = region,
				    .year = y,
				    .limit = (int)max };
	struct qc_list_query rq = bq;
	char holder[QC_REGION_CODE_SIZE] = "", unused[QC_REGION_CODE_SIZE];
	rq.years = (int)span;
	if ((black_after && !list_cursor(black_after, true, &bq.after_failed,
					 &bq.after_id, holder)) ||
	    (red_after && !list_cursor(red_after, false, &rq.after_failed,
				       &rq.after_id, unused)))
		return cli_usage("sampling lists",
				 "--black-after takes FAILED,ID and "
				 "--red-after ID, from the last row of the "
				 "page before");
	if (holder[0])
		bq.after_province = holder;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_black_page(s, &bq, &black, &err))
		return cli_fail(&err);
	if (qc_red_page(s, &rq, &red, &err)) {
		qc_list_release(&black);
		return cli_fail(&err);
	}
	if (cli->json) {
		cli_print_json(qc_xjson_pack("{s:s, s:i, s:o, s:o}", "region",
					     region, "year", y, "black",
					     qc_json_list_rows(&black), "red",
					     qc_json_list_rows(&red)));
	} else {
		char title[96];
		snprintf(title, sizeof(title),
			 _("黑榜 %d: unqualified results"), y);
		print_rows(title, &black);
		const struct qc_list_row *last = black.n ?
							 &black.v[black.n - 1] :
							 NULL;
		if (last && max > 0 && black.n == (size_t)max && last->province)
			printf(_("next page: --black-after %lld,%lld,%s\n"),
			       last->failed, (long long)last->enterprise_id,
			       last->province);
		else if (last && max > 0 && black.n == (size_t)max)
			printf(_("next page: --black-after %lld,%lld\n"),
			       last->failed, (long long)last->enterprise_id);
		snprintf(title, sizeof(title),
			 _("红榜 %d–%d: only qualified results"),
			 y - (int)span + 1, y);
		print_rows(title, &red);
		if (max > 0 && red.n == (size_t)max)
			printf(_("next page: --red-after %lld\n"),
			       (long long)red.v[red.n - 1].enterprise_id);
	}
	qc_list_release(&black);
	qc_list_release(&red);
	return EXIT_OK;
}

int cmd_sampling_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *region = NULL, *year = NULL, *limit = "50";
	const char *before = NULL;
	char date[11];
	bool failed = false;
	const struct cli_opt opts[] = {
		{ "region", &region, NULL }, { "year", &year, NULL },
		{ "limit", &limit, NULL },   { "failed", NULL, &failed },
		{ "before", &before, NULL }, { NULL, NULL, NULL },
	};
	struct qc_sample_list l;
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t max;
	int n, rc, y = 0;

	if ((rc = cli_parse("sampling list", argc, argv, opts, pos, 0, &n)))
		return rc;
	if ((year && !cli_int_year(year, &y)) ||
	    !cli_int("--limit", limit, 1, 100000, &max))
		return EXIT_USAGE;
	struct qc_sample_query q = { .region = region,
				     .year = y,
				     .failed_only = failed,
				     .limit = (int)max };
	if (before && !qc_sample_cursor_parse(before, date, &q))
		return cli_usage("sampling list",
				 "--before takes DATE,ID: the date and id of "
				 "the last result of the page before");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_sampling_list_page(s, &q, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		cli_print_json(qc_json_samples(&l));
	} else {
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_sample_row *e = &l.v[i];
			printf("%-6lld %s ", (long long)e->id, e->sampled_on);
			cli_print_cell(stdout, cli_region_name(s, e->region),
				       10);
			printf(" %-6s ", e->passed ? _("passed") : _("failed"));
			cli_print_cell(stdout, e->product, 12);
			printf(" %s%s%s", e->enterprise,
			       e->failed_items ? " · " : "",
			       e->failed_items ? e->failed_items : "");
			/* After the failed items, never in their place. */
			if (e->remarks) {
				fputs(" · ", stdout);
				printf(_("remarks: %s"), e->remarks);
			}
			putchar('\n');
		}
		printf(_("%zu results\n"), l.n);
	}
	qc_sample_list_release(&l);
	return EXIT_OK;
}
