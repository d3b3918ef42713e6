/* qcity db copy | backup | restore: whole databases between SQLite files
 * and PostgreSQL, every copy verified row by row (qc_store_copy). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "qcity/federation.h"
#include "qcity/store.h"
#include "cli.h"
#include "banned.h"

/* A URI for messages: the part after '@', so a password is never shown. */
static const char *shown(const char *uri)
{
	const char *at = qc_store_uri_is_pg(uri) ? strrchr(uri, '@') : NULL;
	return at ? at + 1 : uri;
}

static void report(const struct qc_cli *cli, const char *what, const char *from,
		   const char *to, const struct qc_copy_report *r, double secs)
{
	if (cli->json) {
		json_t *t = json_object();
		for (size_t i = 0; i < r->n; i++)
			json_object_set_new(t, r->v[i].name,
					    json_integer(r->v[i].rows));
		cli_print_json(
			qc_xjson_pack("{s:s, s:s, s:s, s:I, s:o, s:f,"
				      " s:I}",
				      "action", what, "from", shown(from), "to",
				      shown(to), "rows", (json_int_t)r->rows,
				      "tables", t, "seconds", secs, "settled",
				      (json_int_t)r->settled));
		return;
	}
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].rows)
			printf("  %-28s %10lld\n", r->v[i].name,
			       (long long)r->v[i].rows);
	printf(_("%s: %lld rows in %zu tables from %s to %s in %.1f s, "
		 "verified row by row\n"),
	       _(what), (long long)r->rows, r->n, shown(from), shown(to), secs);
	if (r->settled)
		printf(_("%lld rows held by another province's server are now "
			 "held as this server holds its own (held_by; counts "
			 "and enterprise years of one key summed)\n"),
		       (long long)r->settled);
}

static double since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Check the source (qc_store_check), then open source and target, copy,
 * verify, report. The target must be new or empty; a source that does not
 * exist is not created. A copy that becomes a server (settle) gets the
 * holder that server has (qc_store_copy_settled); a backup is the source
 * as it is (a restore settles it). */
static int copy(struct qc_cli *cli, const char *what, const char *from,
		const char *to, bool settle)
{
	struct qc_error err = { 0 };
	struct qc_store *a = NULL, *b = NULL;
	struct qc_copy_report r = { 0 };
	struct timespec t0;
	int rc = EXIT_OK, version;

	if (qc_store_check(from, &r, &version, &err))
		return cli_fail(&err);
	qc_copy_report_release(&r);
	/* Only a file we create is removed again on failure: a PostgreSQL
	 * database may hold tables that are not ours. */
	bool created = !qc_store_uri_is_pg(to) && !qc_store_exists(to);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (qc_store_open(from, &a, &err) || qc_store_open(to, &b, &err) ||
	    (settle ? qc_store_copy_settled(a, b, &r, &err) :
		      qc_store_copy(a, b, &r, &err))) {
		rc = cli_fail(&err);
		/* Leave no half copy behind that looks like a database. */
		qc_store_close(b);
		b = NULL;
		if (created)
			qc_store_reset(to, NULL);
		goto out;
	}
	report(cli, what, from, to, &r, since(&t0));
out:
	qc_copy_report_release(&r);
	qc_store_close(a);
	qc_store_close(b);
	return rc;
}

static int db_copy(struct qc_cli *cli, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "from", &from, NULL },
		{ "to", &to, NULL },
		{ NULL, NULL, NULL },
	};
	int n, rc;

	if ((rc = cli_parse("db copy", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!from || !to)
		return cli_usage("db copy", "give --from and --to (a file path "
					    "or a postgres:// URI)");
	return copy(cli, N_("copied"), from, to, true);
}

static int db_backup(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	const struct cli_opt opts[] = { { NULL, NULL, NULL } };
	int n, rc;

	if ((rc = cli_parse("db backup", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("db backup",
				 "give the backup file (a new "
				 "SQLite file, or an empty postgres:// database)");
	if (!qc_store_uri_is_pg(pos[0]) && qc_store_exists(pos[0])) {
		fprintf(stderr,
			_("qcity: %s exists; back up into a new file\n"),
			pos[0]);
		return EXIT_USAGE;
	}
	return copy(cli, N_("backed up"), cli->db_path, pos[0], false);
}

static int db_restore(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[1];
	bool force = false;
	const struct cli_opt opts[] = {
		{ "force", NULL, &force },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	struct qc_copy_report r = { 0 };
	struct timespec t0;
	int n, rc;

	if ((rc = cli_parse("db restore", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("db restore", "give the backup to restore");
	if (qc_store_exists(cli->db_path) && !force) {
		fprintf(stderr,
			_("qcity: %s holds a database; `qcity db "
			  "restore --force` replaces it with the backup\n"),
			shown(cli->db_path));
		return EXIT_USAGE;
	}
	/* Checked, copied beside the live database and swapped in: a
	 * failure leaves the live database as it was. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (qc_store_restore(pos[0], cli->db_path, &r, &err)) {
		qc_error_prefix(&err, "nothing was restored, %s is as it was",
				shown(cli->db_path));
		return cli_fail(&err);
	}
	report(cli, N_("restored"), pos[0], cli->db_path, &r, since(&t0));
	qc_copy_report_release(&r);
	/* The restore re-created the tables, which takes them out of a
	 * province's publication (docs/scaling.md, "Federation"). */
	if (qc_store_uri_is_pg(cli->db_path)) {
		struct qc_store *s = cli_store(cli);
		char prov[7];
		if (!s)
			return EXIT_DB;
		if (qc_fed_republish(s, cli->actor, prov, &err)) {
			qc_error_prefix(&err, "restored, but not published "
					      "again (run `qcity federation "
					      "publish`)");
			return cli_fail(&err);
		}
		if (prov[0] && !cli->json)
			printf(_("province %s is published again: re-sync it "
				 "on the national server (`qcity federation "
				 "remove-province %s`, then `add-province "
				 "URI`)\n"),
			       prov, prov);
	}
	return EXIT_OK;
}

/* db init [--national [--years FIRST-LAST]]: the schema, regions and
 * catalogue as `qcity init` makes them; --national then partitions the
 * replicated tables by province and year (qcity/federation.h). */
static int db_init(struct qc_cli *cli, int argc, char **argv)
{
	const char *years = NULL, *pos[1];
	bool national = false;
	const struct cli_opt opts[] = {
		{ "national", NULL, &national },
		{ "years", &years, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_error err = { 0 };
	int64_t y0 = 2015, y1 = 2030;
	int n, rc;

	if ((rc = cli_parse("db init", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (years) {
		char a[8] = "", b[8] = "";
		const char *dash = strchr(years, '-');
		if (!dash || dash - years >= (long)sizeof(a) ||
		    strlen(dash + 1) >= sizeof(b))
			return cli_usage("db init", "--years: give FIRST-LAST "
						    "(2015-2030)");
		memcpy(a, years, (size_t)(dash - years));
		snprintf(b, sizeof(b), "%s", dash + 1);
		if (!cli_int("--years", a, 1949, 2200, &y0) ||
		    !cli_int("--years", b, 1949, 2200, &y1))
			return EXIT_USAGE;
	}
	if ((rc = cli_init_db(cli, true)))
		return rc;
	if (national && qc_fed_national_init(cli->store, (int)y0, (int)y1,
					     cli->actor, &err))
		return cli_fail(&err);
	if (cli->json)
		cli_print_json(qc_xjson_pack("{s:b}", "national", national));
	else if (national)
		printf(_("national schema ready: province rows are partitioned "
			 "by province (and by year %d-%d); add provinces with "
			 "`qcity federation add-province URI`\n"),
		       (int)y0, (int)y1);
	else
		printf(_("database ready\n"));
	return EXIT_OK;
}

static const struct {
	const char *name;
	int (*fn)(struct qc_cli *cli, int argc, char **argv);
} subs[] = {
	{ "copy", db_copy },
	{ "backup", db_backup },
	{ "restore", db_restore },
	{ "init", db_init },
};

int cmd_db(struct qc_cli *cli, int argc, char **argv)
{
	for (size_t i = 0; argc > 0 && i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[0], subs[i].name))
			return subs[i].fn(cli, argc - 1, argv + 1);
	return cli_usage("db", "give copy, backup, restore or init");
}
