/* qcity remind run / config / log, and qcity inbox: the reminder scan
 * and mail delivery (docs/reminders.md), the admin's SMTP settings, the
 * mail log, and a user's inbox. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "qcity/auth.h"
#include "qcity/remind.h"
#include "cli.h"
#include "banned.h"

int cmd_remind_run(struct qc_cli *cli, int argc, char **argv)
{
	const char *now = NULL, *pos[1];
	bool scan_only = false;
	const struct cli_opt opts[] = {
		{ .name = "now", .val = &now },
		{ .name = "scan-only", .flag = &scan_only },
		{ .name = NULL },
	};
	struct qc_remind_report rep = { 0 };
	struct qc_error err = { 0 };
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("remind run", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (scan_only ? qc_remind_scan(s, now, &rep, &err) :
			qc_remind_run(s, now, &rep, &err))
		return cli_fail(&err);
	if (cli->json)
		cli_print_json(
			qc_xjson_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
				      "events", (json_int_t)rep.events, "inbox",
				      (json_int_t)rep.inbox, "queued",
				      (json_int_t)rep.queued, "sent",
				      (json_int_t)rep.sent, "failed",
				      (json_int_t)rep.failed, "given_up",
				      (json_int_t)rep.given_up, "waiting",
				      (json_int_t)rep.waiting));
	else
		printf(_("%zu new reminders, %zu to inboxes, %zu mails queued; "
			 "sent %zu, failed %zu (to be retried), gave up %zu; "
			 "%zu still queued\n"),
		       rep.events, rep.inbox, rep.queued, rep.sent, rep.failed,
		       rep.given_up, rep.waiting);
	return EXIT_OK;
}

int cmd_remind_config(struct qc_cli *cli, int argc, char **argv)
{
	const char *host = NULL, *port = NULL, *tls = NULL, *user = NULL,
		   *from = NULL, *due = NULL, *pos[1];
	bool pw_stdin = false, no_pw = false;
	const struct cli_opt opts[] = {
		{ .name = "host", .val = &host },
		{ .name = "port", .val = &port },
		{ .name = "tls", .val = &tls },
		{ .name = "user", .val = &user },
		{ .name = "from", .val = &from },
		{ .name = "due-days", .val = &due },
		{ .name = "password-stdin", .flag = &pw_stdin },
		{ .name = "no-password", .flag = &no_pw },
		{ .name = NULL },
	};
	struct qc_remind_settings_in in = { .due_days = -1 };
	struct qc_remind_settings x;
	struct qc_error err = { 0 };
	struct qc_store *s;
	char pw[300];
	int64_t v;
	int n, rc;

	if ((rc = cli_parse("remind config", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (port) {
		if (!cli_int("--port", port, 1, 65535, &v))
			return EXIT_USAGE;
		in.smtp_port = (int)v;
	}
	if (due) {
		if (!cli_int("--due-days", due, 0, 60, &v))
			return EXIT_USAGE;
		in.due_days = (int)v;
	}
	if (pw_stdin) {
		if (isatty(0))
			fprintf(stderr, "%s", _("SMTP password: "));
		if (!fgets(pw, sizeof(pw), stdin))
			return cli_usage("remind config", "give the password "
							  "on standard input");
		pw[strcspn(pw, "\r\n")] = 0;
		in.smtp_password = pw;
	} else if (no_pw) {
		in.smtp_password = "";
	}
	in.smtp_host = host;
	in.smtp_tls = tls;
	in.smtp_user = user;
	in.mail_from = from;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if ((host || port || tls || user || from || due || pw_stdin || no_pw) &&
	    qc_remind_settings_set(s, &in, cli->actor, &err))
		return cli_fail(&err);
	if (qc_remind_settings_get(s, &x, &err))
		return cli_fail(&err);
	if (cli->json)
		cli_print_json(
			qc_xjson_pack("{s:s?, s:i, s:s, s:s?, s:b, s:s?,"
				      " s:i}",
				      "host", x.smtp_host, "port", x.smtp_port,
				      "tls", x.smtp_tls, "user", x.smtp_user,
				      "password_set", x.has_password, "from",
				      x.mail_from, "due_days", x.due_days));
	else if (!x.smtp_host)
		/* No server: its port and TLS are not anything yet. */
		printf(_("SMTP: not set, inbox only\nsender: %s\nreminders "
			 "%d days before the deadline\n"),
		       x.mail_from ? x.mail_from : _("(not set)"), x.due_days);
	else
		printf(_("SMTP: %s:%d (TLS %s)%s%s%s\nsender: %s\nreminders %d "
			 "days before the deadline\n"),
		       x.smtp_host, x.smtp_port,
		       !strcmp(x.smtp_tls, "none") ? _("none") : x.smtp_tls,
		       x.smtp_user ? _(", user ") : "",
		       x.smtp_user ? x.smtp_user : "",
		       x.has_password ? _(", password set") : "",
		       x.mail_from ? x.mail_from : _("(not set)"), x.due_days);
	qc_remind_settings_release(&x);
	return EXIT_OK;
}

/* A mail's state as people read it (the codes stay in --json). */
static const char *mail_state(const char *state)
{
	static const char *const names[][2] = {
		{ "pending", N_("pending") },
		{ "sent", N_("sent") },
		{ "failed", N_("failed to send") },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(state, names[i][0]))
			return _(names[i][1]);
	return state;
}

int cmd_remind_log(struct qc_cli *cli, int argc, char **argv)
{
	const char *limit = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ .name = "limit", .val = &limit },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_mail_log l;
	struct qc_store *s;
	int64_t lim = 50;
	int n, rc;

	if ((rc = cli_parse("remind log", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (limit && !cli_int("--limit", limit, 1, 10000, &lim))
		return EXIT_USAGE;
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_remind_mail_log(s, (int)lim, &l, &err))
		return cli_fail(&err);
	json_t *a = cli->json ? json_array() : NULL;
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_mail_row *m = &l.v[i];
		if (a)
			json_array_append_new(
				a,
				qc_xjson_pack(
					"{s:I, s:s, s:s,"
					" s:s, s:s, s:s, s:i, s:s?, s:s?, s:s?}",
					"id", (json_int_t)m->id, "event",
					m->event_key, "kind", m->kind, "title",
					m->title, "to", m->to, "state",
					m->state, "attempts", m->attempts,
					"next_at", m->next_at, "last_error",
					m->last_error, "sent_at", m->sent_at));
		else
			printf(_("%lld\t%s\t%s\t%d attempts\t%s\t%s\n"),
			       (long long)m->id, mail_state(m->state), m->to,
			       m->attempts, m->title,
			       m->last_error ? m->last_error :
			       m->sent_at    ? m->sent_at :
					       "");
	}
	if (a)
		cli_print_json(a);
	else if (!l.n)
		printf(_("no reminder mails\n"));
	qc_mail_log_release(&l);
	return EXIT_OK;
}

int cmd_inbox(struct qc_cli *cli, int argc, char **argv)
{
	const char *read = NULL, *pos[1];
	bool unread = false;
	const struct cli_opt opts[] = {
		{ .name = "unread", .flag = &unread },
		{ .name = "read", .val = &read },
		{ .name = NULL },
	};
	struct qc_error err = { 0 };
	struct qc_user u = { 0 };
	struct qc_inbox b;
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("inbox", argc, argv, opts, pos, 1, &n)))
		return rc;
	if (n != 1)
		return cli_usage("inbox", "name the user");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_user_get(s, pos[0], &u, &err))
		return cli_fail(&err);
	if (read) {
		int64_t id = 0;
		if (strcmp(read, "all") &&
		    !cli_int("--read", read, 1, INT64_MAX, &id)) {
			qc_user_release(&u);
			return EXIT_USAGE;
		}
		rc = qc_inbox_mark_read(s, u.id, id, cli->actor, &err) ?
			     cli_fail(&err) :
			     EXIT_OK;
		qc_user_release(&u);
		return rc;
	}
	if (qc_inbox_list(s, u.id, unread, 200, &b, &err)) {
		qc_user_release(&u);
		return cli_fail(&err);
	}
	json_t *a = cli->json ? json_array() : NULL;
	if (!a)
		printf(_("%s: %zu unread\n"), u.name, b.unread);
	for (size_t i = 0; i < b.n; i++) {
		const struct qc_inbox_item *x = &b.v[i];
		if (a)
			json_array_append_new(
				a,
				qc_xjson_pack("{s:I, s:s, s:s,"
					      " s:s, s:s?, s:s, s:s?}",
					      "id", (json_int_t)x->id, "kind",
					      x->kind, "title", x->title,
					      "body", x->body, "link", x->link,
					      "created_at", x->created_at,
					      "read_at", x->read_at));
		else
			printf("%s %lld\t%.10s\t%s\n", x->read_at ? " " : "*",
			       (long long)x->id, x->created_at, x->title);
	}
	if (a)
		cli_print_json(a);
	qc_inbox_release(&b);
	qc_user_release(&u);
	return EXIT_OK;
}

int cmd_user_email(struct qc_cli *cli, int argc, char **argv)
{
	const char *pos[2];
	const struct cli_opt opts[] = { { .name = NULL } };
	struct qc_error err = { 0 };
	struct qc_store *s;
	int n, rc;

	if ((rc = cli_parse("user email", argc, argv, opts, pos, 2, &n)))
		return rc;
	if (n < 1)
		return cli_usage("user email", "name the user (and the address;"
					       " none removes it)");
	if (!(s = cli_store(cli)))
		return EXIT_DB;
	if (qc_user_set_email(s, pos[0], n > 1 ? pos[1] : NULL, cli->actor,
			      &err))
		return cli_fail(&err);
	if (!cli->json)
		printf("%s: %s\n", pos[0], n > 1 ? pos[1] : "(no address)");
	return EXIT_OK;
}
