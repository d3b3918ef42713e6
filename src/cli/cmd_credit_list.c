/* qcity credit list | add | repair | publish | candidates | report: the
 * black list, penalty disclosures and the red list with their legal
 * clocks, exported with their "as of" date, and the enterprise credit
 * report (docs/credit.md). */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/credit.h"
#include "qcity/doc.h"
#include "qcity/json.h"
#include "qcity/store.h"
#include "src/common/credit_json.h"
#include "cli.h"
#include "banned.h"

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n > t && !strcmp(s + n - t, tail);
}

static int write_out(const char *path, const struct qc_buf *b)
{
	struct qc_error err = { 0 };
	FILE *fp = fopen(path, "wb");
	bool ok = fp != NULL;
	if (fp) {
		ok = fwrite(qc_buf_str(b), 1, qc_buf_len(b), fp) ==
		     qc_buf_len(b);
		if (fclose(fp))
			ok = false;
	}
	if (!ok) {
		qc_error_set(&err, QC_EIO, "%s: %s", path, strerror(errno));
		return cli_fail(&err);
	}
	return EXIT_OK;
}

/* A document to a file by the file's extension: .csv (its table),
 * .xlsx, .pdf, .docx or .html; a usage error names CMD's own form. */
static int export_doc(struct qc_cli *cli, const char *cmd,
		      const struct qc_doc *d, const char *path)
{
	struct qc_error err = { 0 };
	struct qc_buf b = QC_BUF_INIT;
	const char *dot = strrchr(path, '.');
	enum qc_doc_format f;
	int rc;

	if (dot && !strcmp(dot, ".csv")) {
		qc_credit_table_csv(d, &b);
	} else if (!dot || !qc_doc_format_parse(dot + 1, &f)) {
		return cli_usage(cmd,
				 "--out '%s' must end in .csv, .xlsx,"
				 " .pdf, .docx or .html",
				 path);
	} else if (qc_doc_write(d, f, &b, &err)) {
		qc_buf_release(&b);
		return cli_fail(&err);
	}
	rc = write_out(path, &b);
	if (!rc && !cli->json)
		printf(_("wrote %s (%zu bytes)\n"), path, qc_buf_len(&b));
	else if (!rc)
		cli_print_json(qc_xjson_pack("{s:s, s:I}", "file", path,
					     "bytes",
					     (json_int_t)qc_buf_len(&b)));
	qc_buf_release(&b);
	return rc;
}

int cmd_credit_list(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *region = NULL, *as_of = NULL, *out = NULL;
	bool all = false;
	const struct cli_opt opts[] = {
		{ "region", &region, NULL }, { "as-of", &as_of, NULL },
		{ "out", &out, NULL },       { "all", NULL, &all },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_listings l;
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("credit list", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("credit list", "give black, penalty or red");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_credit_listings(s, pos[0], region, NULL, as_of, all, &l, &err))
		return cli_fail(&err);
	if (out) {
		struct qc_doc *d = qc_credit_list_doc(&l, pos[0]);
		rc = export_doc(cli, "credit list", d, out);
		qc_doc_free(d);
	} else if (cli->json) {
		cli_print_json(qc_json_listings(&l, true));
	} else {
		printf(_("%s as of %s: %zu\n"), qc_credit_list_label(pos[0]),
		       l.as_of, l.n);
		for (size_t i = 0; i < l.n; i++)
			printf("  #%lld %s %s %s → %s%s %s\n",
			       (long long)l.v[i].id, l.v[i].decided_on,
			       l.v[i].uscc, l.v[i].name,
			       l.v[i].public_until[0] ? l.v[i].public_until :
							"—",
			       l.v[i].active ? "" : _(" (not public)"),
			       l.v[i].ground);
	}
	qc_listings_release(&l);
	return rc;
}

int cmd_credit_add(struct qc_cli *cli, int argc, char **argv)
{
	struct qc_listing_in in = { 0 };
	const char *pos[2];
	const struct cli_opt opts[] = {
		{ "ground", &in.ground, NULL },
		{ "date", &in.decided_on, NULL },
		{ "decision", &in.decision_no, NULL },
		{ "authority", &in.authority, NULL },
		{ "category", &in.category, NULL },
		{ "penalty-kind", &in.penalty_kind, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("credit add", argc, argv, opts, pos, 2, &n)))
		return rc;
	if (n != 2 || !in.ground || !in.decided_on)
		return cli_usage("credit add",
				 "give black|penalty|red, a credit code,"
				 " --ground and --date");
	in.list = pos[0];
	in.uscc = pos[1];
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_credit_list_add(s, &in, cli->actor, &id, &err))
		return cli_fail(&err);
	return cli_report(cli, qc_xjson_pack("{s:I}", "id", (json_int_t)id),
			  _("listing %lld entered\n"), (long long)id);
}

int cmd_credit_repair(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[2], *date = NULL;
	const struct cli_opt opts[] = {
		{ "date", &date, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("credit repair", argc, argv, opts, pos, 2, &n)))
		return rc;
	if (n != 2 || (strcmp(pos[0], "apply") && strcmp(pos[0], "approve")))
		return cli_usage("credit repair", "give apply|approve and a"
						  " listing ID");
	if (!cli_int("ID", pos[1], 1, INT64_MAX, &id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	rc = !strcmp(pos[0], "apply") ?
		     qc_credit_repair_apply(s, id, date, cli->actor, &err) :
		     qc_credit_repair_approve(s, id, date, cli->actor, &err);
	if (rc)
		return cli_fail(&err);
	return cli_report(cli,
			  qc_xjson_pack("{s:I, s:s}", "id", (json_int_t)id,
					"step", pos[0]),
			  !strcmp(pos[0], "apply") ?
				  _("listing %lld: repair applied for\n") :
				  _("listing %lld: repair approved, removed\n"),
			  (long long)id);
}

int cmd_credit_publish(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *date = NULL;
	const struct cli_opt opts[] = {
		{ "date", &date, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_store *s;
	int64_t id;
	int n, rc;

	if ((rc = cli_parse("credit publish", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("credit publish", "give a listing ID");
	if (!cli_int("ID", pos[0], 1, INT64_MAX, &id))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_credit_publish(s, id, date, cli->actor, &err))
		return cli_fail(&err);
	if (!cli->json)
		printf(_("listing %lld published\n"), (long long)id);
	else
		cli_print_json(qc_xjson_pack("{s:I}", "id", (json_int_t)id));
	return EXIT_OK;
}

int cmd_credit_candidates(struct qc_cli *cli, int argc, char **argv)
{
	const char *region = NULL, *as_of = NULL;
	const struct cli_opt opts[] = {
		{ "region", &region, NULL },
		{ "as-of", &as_of, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_listings l;
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("credit candidates", argc, argv, opts, NULL, 0,
			    &n)))
		return rc;
	if (!region)
		return cli_usage("credit candidates", "give --region");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_credit_red_candidates(s, region, as_of, &l, &err))
		return cli_fail(&err);
	if (cli->json) {
		cli_print_json(qc_json_listings(&l, false));
	} else {
		printf(_("red-list candidates as of %s: %zu\n"), l.as_of, l.n);
		/* At the nation each holder's record is its own. */
		bool nat = qc_store_national(s);
		for (size_t i = 0; i < l.n; i++)
			printf("  %s %s%s%s\n", l.v[i].uscc, l.v[i].name,
			       nat ? "  " : "", nat ? l.v[i].province : "");
	}
	qc_listings_release(&l);
	return EXIT_OK;
}

int cmd_credit_report(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1], *as_of = NULL, *out = NULL, *province = NULL;
	const struct cli_opt opts[] = {
		{ "as-of", &as_of, NULL },
		{ "out", &out, NULL },
		{ "province", &province, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_doc *d;
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("credit report", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1 || !out)
		return cli_usage("credit report",
				 "give a credit code and --out FILE"
				 " (.pdf, .docx or .html)");
	/* The report is a page, not a table: said before any work. */
	if (!ends_with(out, ".pdf") && !ends_with(out, ".docx") &&
	    !ends_with(out, ".html"))
		return cli_usage("credit report",
				 "--out '%s' must end in .pdf, .docx or .html",
				 out);
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	/* --province: the holder, at the nation (0026). */
	if (qc_credit_report_doc(s, pos[0], province, as_of, &d, &err))
		return cli_fail(&err);
	rc = export_doc(cli, "credit report", d, out);
	qc_doc_free(d);
	return rc;
}
