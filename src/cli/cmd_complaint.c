/* qcity complaint add | move | extend | transfer | list | show: the
 * complaint and report register (docs/complaints.md). Personal data is
 * printed masked unless --unmask is given, and each unmasked view is
 * audited. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/num.h"
#include "cli.h"
#include "banned.h"

static const char *today_iso(char buf[11])
{
	qc_date_from_days(qc_today_days(), buf);
	return buf;
}

int cmd_complaint_add(struct qc_cli *cli, int argc, char **argv)
{
	const char *kind = "complaint", *channel = "12315", *no = NULL,
		   *on = NULL, *region = NULL, *uscc = NULL, *addr = NULL,
		   *cat = NULL, *name = NULL, *phone = NULL, *idno = NULL,
		   *amount = NULL, *pos[2];
	bool reply = false;
	const struct cli_opt opts[] = {
		{ "kind", &kind, NULL },         { "channel", &channel, NULL },
		{ "platform-no", &no, NULL },    { "received", &on, NULL },
		{ "region", &region, NULL },     { "uscc", &uscc, NULL },
		{ "address", &addr, NULL },      { "category", &cat, NULL },
		{ "name", &name, NULL },         { "phone", &phone, NULL },
		{ "id-number", &idno, NULL },    { "amount", &amount, NULL },
		{ "wants-reply", NULL, &reply }, { NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_complaint_new in = { 0 };
	struct qc_store *s;
	char today[11], *end = NULL;
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("complaint add", argc, argv, opts, pos, 2, &n)))
		return rc;
	if (n != 2)
		return cli_usage("complaint add", "give the respondent and the "
						  "text of the complaint");
	if (strcmp(kind, "complaint") && strcmp(kind, "report"))
		return cli_usage("complaint add",
				 "--kind is complaint or report");
	in.kind = !strcmp(kind, "report") ? QC_REPORT : QC_COMPLAINT;
	in.amount = -1;
	if (amount) {
		in.amount = strtod(amount, &end);
		if (end == amount || *end || in.amount < 0)
			return cli_usage("complaint add",
					 "--amount: '%s' is not "
					 "an amount in yuan",
					 amount);
	}
	in.channel = channel;
	in.platform_no = no;
	in.received_on = on ? on : today_iso(today);
	in.region = region;
	in.respondent = pos[0];
	in.respondent_uscc = uscc;
	in.respondent_address = addr;
	in.category = cat;
	in.text = pos[1];
	in.person_name = name;
	in.person_phone = phone;
	in.person_id = idno;
	in.wants_reply = reply;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_complaint_add(s, &in, cli->actor, &id, &err))
		return cli_fail(&err);
	return cli_report(cli, qc_xjson_pack("{s:I}", "id", (json_int_t)id),
			  in.kind == QC_REPORT ?
				  _("report %lld registered\n") :
				  _("complaint %lld registered\n"),
			  (long long)id);
}

static bool item_id(const char *cmd, const char *s, int64_t *id)
{
	if (qc_parse_int64(s, 1, INT64_MAX, id))
		return true;
	cli_usage(cmd, "'%s' is not an item number", s);
	return false;
}

/* move, extend and transfer: an item, a date (today when not given) and
 * what the step needs. */
enum step_kind { STEP_MOVE, STEP_EXTEND, STEP_TRANSFER };
static const struct {
	const char *cmd, *extra, *usage;
	int npos;
} step_cmds[] = {
	[STEP_MOVE] = { "complaint move", "reason",
			N_("give the item and its new state"), 2 },
	[STEP_EXTEND] = { "complaint extend", "approver", N_("give the item"),
			  1 },
	[STEP_TRANSFER] = { "complaint transfer", NULL,
			    N_("give the item and the region it goes to"), 2 },
};

static int step_cmd(struct qc_cli *cli, enum step_kind k, int argc, char **argv)
{
	const char *cmd = step_cmds[k].cmd, *on = NULL, *extra = NULL,
		   *pos[2] = { NULL, NULL };
	const struct cli_opt opts[] = {
		{ "date", &on, NULL },
		{ step_cmds[k].extra, &extra, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	char today[11];
	int64_t id;
	int n, rc;

	if ((rc = cli_parse(cmd, argc, argv, opts, pos, step_cmds[k].npos, &n)))
		return rc;
	if (n != step_cmds[k].npos)
		return cli_usage(cmd, "%s", _(step_cmds[k].usage));
	if (!item_id(cmd, pos[0], &id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (!on)
		on = today_iso(today);
	rc = k == STEP_MOVE ?
		     qc_complaint_move(s, id, pos[1], on, extra, cli->actor,
				       &err) :
	     k == STEP_EXTEND ?
		     qc_complaint_extend(s, id, extra, on, cli->actor, &err) :
		     qc_complaint_transfer(s, id, pos[1], on, cli->actor, &err);
	if (rc)
		return cli_fail(&err);
	if (k == STEP_MOVE && !cli->json)
		printf(_("item %lld: %s\n"), (long long)id,
		       qc_complaint_state_label(pos[1]));
	return EXIT_OK;
}

int cmd_complaint_move(struct qc_cli *cli, int argc, char **argv)
{
	return step_cmd(cli, STEP_MOVE, argc, argv);
}

int cmd_complaint_extend(struct qc_cli *cli, int argc, char **argv)
{
	return step_cmd(cli, STEP_EXTEND, argc, argv);
}

int cmd_complaint_transfer(struct qc_cli *cli, int argc, char **argv)
{
	return step_cmd(cli, STEP_TRANSFER, argc, argv);
}

int cmd_complaint_outcome(struct qc_cli *cli, int argc, char **argv)
{
	const char *sat = NULL, *rec = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "satisfaction", &sat, NULL },
		{ "recovered", &rec, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	double recovered = -1;
	char *end = NULL;
	int64_t id, score = 0;
	int n, rc;

	if ((rc = cli_parse("complaint outcome", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !item_id("complaint outcome", pos[0], &id))
		return n != 1 ?
			       cli_usage("complaint outcome", "give the item") :
			       EXIT_USAGE;
	if (sat && !cli_int("--satisfaction", sat, 1, 5, &score))
		return EXIT_USAGE;
	if (rec) {
		recovered = strtod(rec, &end);
		if (end == rec || *end || recovered < 0)
			return cli_usage("complaint outcome",
					 "--recovered: '%s' "
					 "is not an amount in yuan",
					 rec);
	}
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_complaint_outcome(s, id, (int)score, recovered, cli->actor,
				 &err))
		return cli_fail(&err);
	return EXIT_OK;
}

int cmd_complaint_bind(struct qc_cli *cli, int argc, char **argv)
{
	const char *measure = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "measure", &measure, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("complaint bind", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("complaint bind", "give the indicator");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_complaint_bind(s, pos[0], measure, cli->actor, &err))
		return cli_fail(&err);
	if (!cli->json)
		printf(_("%s is computed from the complaint register (%s)\n"),
		       pos[0], measure);
	return EXIT_OK;
}

int cmd_complaint_figures(struct qc_cli *cli, int argc, char **argv)
{
	static const char *const names[][2] = {
		{ "accept_on_time", N_("complaints accepted on time (%)") },
		{ "mediation_success", N_("mediation success rate (%)") },
		{ "handled_on_time", N_("items closed on time (%)") },
		{ "satisfaction", N_("satisfied on follow-up (%)") },
		{ "recovered", N_("losses recovered for consumers (yuan)") },
		{ "items", N_("items registered") },
		{ "per_10k_enterprises",
		  N_("complaints per 10,000 registered enterprises") },
	};
	const char *region = NULL, *year = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ "year", &year, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_complaint_figures f;
	struct qc_calendar *cal;
	struct qc_store *s;
	char code[QC_REGION_CODE_SIZE];
	int64_t y;
	int n, rc;

	if ((rc = cli_parse("complaint figures", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!year || !cli_int("--year", year, 1990, 2100, &y))
		return year ? EXIT_USAGE :
			      cli_usage("complaint figures", "give --year");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if ((region && qc_region_resolve(s, region, code, &err)) ||
	    qc_calendar_open(s, &cal, &err))
		return cli_fail(&err);
	rc = qc_complaint_figures(s, cal, region ? code : NULL, (int)y, &f,
				  &err);
	qc_calendar_free(cal);
	if (rc)
		return cli_fail(&err);
	json_t *o = json_object();
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		double v;
		long base;
		bool has = qc_complaint_measure(&f, names[i][0], &v, &base);
		if (cli->json)
			json_object_set_new(o, names[i][0],
					    has ? json_real(v) : json_null());
		else if (has && !strcmp(names[i][0], "items"))
			/* A count: no decimals, no base beside it. */
			printf(_("%s: %ld items\n"), _(names[i][1]), base);
		else if (has)
			printf(_("%s: %.2f (%ld items)\n"), _(names[i][1]), v,
			       base);
		else
			printf(_("%s: — (no items to compute it from)\n"),
			       _(names[i][1]));
	}
	if (cli->json)
		cli_print_json(o);
	else
		json_decref(o);
	return EXIT_OK;
}

int cmd_complaint_import(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_complaint_import st;
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("complaint import", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("complaint import", "give the file");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_complaint_import(s, pos[0], region, cli->actor, &st, &err))
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:i, s:i}", "added", (int)st.added,
					"skipped", (int)st.skipped),
			  _("registered %zu items; skipped %zu registered "
			    "before\n"),
			  st.added, st.skipped);
}
