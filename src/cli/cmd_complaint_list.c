/* qcity complaint list | show: open items with their running deadlines,
 * most urgent first, and one item. Personal data masked unless
 * --unmask (each unmasked view audited). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/num.h"
#include "src/common/complaint_json.h"
#include "cli.h"
#include "banned.h"

/* What an item awaits, as the deadline lines name it. */
static const char *const awaiting_names[][2] = {
	{ "accept", N_("decision to accept") },
	{ "mediate", N_("mediation") },
	{ "notify", N_("notice of ending mediation") },
	{ "decide", N_("decision to open a case") },
};

static const char *awaiting_label(const char *a)
{
	for (size_t i = 0;
	     a && i < sizeof(awaiting_names) / sizeof(*awaiting_names); i++)
		if (!strcmp(a, awaiting_names[i][0]))
			return _(awaiting_names[i][1]);
	return "—";
}

/* The working days left, or past, the deadline, written into buf. */
static const char *workdays_left(const struct qc_complaint *c, char buf[80])
{
	if (c->overdue)
		snprintf(buf, 80, _("%d working days overdue"),
			 -c->workdays_left);
	else
		snprintf(buf, 80, _("%d working days left"), c->workdays_left);
	return buf;
}

static const char *kind_label(const struct qc_complaint *c)
{
	return c->kind == QC_REPORT ? _("report") : _("complaint");
}

static int open_calendar(struct qc_cli *cli, struct qc_store **s,
			 struct qc_calendar **cal)
{
	struct qc_error err = { 0 };
	if (!(*s = cli_store(cli)))
		return EXIT_DB;
	if (qc_calendar_open(*s, cal, &err))
		return cli_fail(&err);
	return EXIT_OK;
}

static void print_item(struct qc_store *s, const struct qc_complaint *c)
{
	char left[80];
	/* No deadline where the holiday notices end before it: say so, not
	 * "0 working days left". */
	if (!c->due[0] && c->awaiting)
		printf(_("%-5lld %s %s %-8s awaiting %s, due not known (%s) "
			 "%s\n"),
		       (long long)c->id, kind_label(c),
		       cli_region_name(s, c->region), c->received_on,
		       awaiting_label(c->awaiting), c->rule ? c->rule : "—",
		       c->respondent);
	else
		printf(_("%-5lld %s %s %-8s awaiting %s, due %s (%s) %s\n"),
		       (long long)c->id, kind_label(c),
		       cli_region_name(s, c->region), c->received_on,
		       awaiting_label(c->awaiting), c->due[0] ? c->due : "—",
		       workdays_left(c, left), c->respondent);
}

/* complaint list --overdue: one page of the overdue board, by deadline
 * then id, with the cursor of the next page. */
static int list_overdue(struct qc_cli *cli, struct qc_store *s,
			struct qc_calendar *cal, const char *region,
			const char *after, const char *limit)
{
	struct qc_error err = { 0 };
	struct qc_complaint_list l;
	char next[QC_COMPLAINT_CURSOR_SIZE];
	int64_t n = 50;
	size_t total;
	enum qc_rc rc;

	if (limit && !qc_parse_int64(limit, 1, 1000, &n)) {
		qc_calendar_free(cal);
		return cli_usage("complaint list",
				 "--limit: give 1 to 1000 items a page");
	}
	rc = qc_complaint_overdue(s, cal, region, qc_today_days(), after,
				  (size_t)n, &l, &total, next, &err);
	qc_calendar_free(cal);
	if (rc)
		return cli_fail(&err);
	if (cli->json) {
		cli_print_json(qc_xjson_pack("{s:o, s:I, s:s?}", "items",
					     qc_json_complaints(&l), "total",
					     (json_int_t)total, "next",
					     next[0] ? next : NULL));
	} else {
		for (size_t i = 0; i < l.n; i++)
			print_item(s, &l.v[i]);
		if (!total)
			printf("%s\n", _("no overdue items"));
		else if (next[0])
			printf(_("%zu overdue in all; next page: --after %s\n"),
			       total, next);
		else
			printf(_("%zu overdue in all; this is the last page\n"),
			       total);
	}
	qc_complaint_list_release(&l);
	return EXIT_OK;
}

int cmd_complaint_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *after = NULL, *limit = NULL, *pos[1];
	bool alerts = false, overdue = false;
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },   { "alerts", NULL, &alerts },
		{ "overdue", NULL, &overdue }, { "after", &after, NULL },
		{ "limit", &limit, NULL },     { NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_complaint_list l;
	struct qc_calendar *cal;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	int n, rc;

	if ((rc = cli_parse("complaint list", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!overdue && (after || limit))
		return cli_usage("complaint list",
				 "--after and --limit page the --overdue "
				 "board");
	if (overdue && alerts)
		return cli_usage("complaint list",
				 "give --overdue or --alerts, not both");
	if ((rc = open_calendar(cli, &s, &cal)))
		return rc;
	if (region && qc_region_resolve(s, region, code, &err)) {
		qc_calendar_free(cal);
		return cli_fail(&err);
	}
	if (overdue)
		return list_overdue(cli, s, cal, region ? code : NULL, after,
				    limit);
	rc = qc_complaint_open(s, cal, region ? code : NULL, qc_today_days(),
			       alerts, &l, &err);
	qc_calendar_free(cal);
	if (rc)
		return cli_fail(&err);
	if (cli->json) {
		cli_print_json(qc_json_complaints(&l));
	} else {
		for (size_t i = 0; i < l.n; i++)
			print_item(s, &l.v[i]);
		if (!l.n)
			printf("%s\n",
			       alerts ? _("no complaints overdue or near "
					  "their deadline") :
					_("no open complaints"));
	}
	qc_complaint_list_release(&l);
	return EXIT_OK;
}

/* A channel as people read it (the code stays in --json). */
static const char *channel_label(const char *code)
{
	static const char *const names[][2] = {
		{ "12315", N_("12315 platform") },
		{ "web", N_("website") },
		{ "app", N_("mobile app") },
		{ "letter", N_("letter") },
		{ "visit", N_("visit in person") },
		{ "12345", N_("12345 hotline") },
	};
	for (size_t i = 0; code && i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(code, names[i][0]))
			return _(names[i][1]);
	return code ? code : "";
}

int cmd_complaint_show(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *province = NULL;
	bool unmask = false;
	const struct cli_opt opts[] = {
		{ "unmask", NULL, &unmask },
		{ "province", &province, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_complaint c;
	struct qc_calendar *cal;
	struct qc_store *s;
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("complaint show", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !qc_parse_int64(pos[0], 1, INT64_MAX, &id))
		return cli_usage("complaint show", "give an item number");
	if ((rc = open_calendar(cli, &s, &cal)))
		return rc;
	/* At the nation an item is (province, id): ids repeat there. */
	rc = qc_complaint_get_at(s, cal, province, id, qc_today_days(), &c,
				 &err);
	qc_calendar_free(cal);
	if (rc)
		return cli_fail(&err);
	if (unmask &&
	    qc_complaint_audit_view_at(s, province, id, cli->actor, &err)) {
		qc_complaint_release(&c);
		return cli_fail(&err);
	}
	json_t *j = qc_json_complaint(&c, unmask);
	if (cli->json) {
		cli_print_json(j);
	} else {
		char left[80];
		const char *who[3] = {
			json_string_value(json_object_get(j, "person_name")),
			json_string_value(json_object_get(j, "person_phone")),
			json_string_value(json_object_get(j, "person_id")),
		};
		char person[256] = "";
		size_t n = 0;
		/* The parts the complainant gave, no blanks between. */
		for (int k = 0; k < 3; k++)
			if (who[k] && *who[k] && n < sizeof(person))
				n += (size_t)snprintf(person + n,
						      sizeof(person) - n,
						      "%s%s", n ? " " : "",
						      who[k]);
		printf(c.kind == QC_REPORT ? _("report %lld (%s)\n") :
					     _("complaint %lld (%s)\n"),
		       (long long)c.id, channel_label(c.channel));
		printf(_("respondent: %s\ntext: %s\ncomplainant: %s\n"
			 "state: %s\n"),
		       c.respondent, c.text, person,
		       qc_complaint_state_label(c.state));
		if (c.due[0])
			printf(_("awaiting %s, due %s (%s)\nbasis: %s\n"),
			       awaiting_label(c.awaiting), c.due,
			       workdays_left(&c, left), c.rule);
		else if (c.rule)
			printf(_("awaiting %s, due not known (%s)\n"),
			       awaiting_label(c.awaiting), c.rule);
		json_decref(j);
	}
	qc_complaint_release(&c);
	return EXIT_OK;
}

int cmd_complaint_hotspots(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_hotspot_list l;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	int n, rc;

	if ((rc = cli_parse("complaint hotspots", argc, argv, opts, pos, 1,
			    &n)))
		return rc;
	if (n != 1)
		return cli_usage("complaint hotspots",
				 "give the month (YYYY-MM)");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (region && qc_region_resolve(s, region, code, &err))
		return cli_fail(&err);
	if (qc_complaint_hotspots(s, region ? code : NULL, pos[0], &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a,
					      qc_xjson_pack("{s:s, s:s, s:i,"
							    " s:f, s:f}",
							    "region",
							    l.v[i].region,
							    "category",
							    l.v[i].category,
							    "count",
							    (int)l.v[i].count,
							    "expected",
							    l.v[i].expected,
							    "p", l.v[i].p));
		cli_print_json(a);
	} else if (!l.n) {
		printf(_("%s: no risk signals\n"), pos[0]);
	}
	for (size_t i = 0; !cli->json && i < l.n; i++)
		printf(_("risk signal: %s %s %s, %ld items (over the region's "
			 "previous %d months, %.2f a month; probability of "
			 "chance %.2g)\n"),
		       pos[0], l.v[i].region, l.v[i].category, l.v[i].count,
		       QC_HOTSPOT_HISTORY, l.v[i].expected, l.v[i].p);
	qc_hotspot_list_release(&l);
	return EXIT_OK;
}
