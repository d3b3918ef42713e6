/* Reminders over HTTP: the signed-in user's inbox (each user sees only
 * their own), and for staff the SMTP settings (admin; the password is
 * never sent back), the mail log and a run of the scan now. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/remind.h"
#include "src/server/http.h"
#include "banned.h"

void qc_api_inbox(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_inbox b;
	int64_t limit;
	const char *unread = qc_query(r, "unread");

	if (!qc_query_int(r, "limit", 1, 1000, 100, &limit))
		return;
	if (qc_inbox_list(r->store, r->user.id, unread && !strcmp(unread, "1"),
			  (int)limit, &b, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < b.n; i++) {
		const struct qc_inbox_item *x = &b.v[i];
		json_array_append_new(a,
				      qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s?,"
						    " s:s, s:s?}",
						    "id", (json_int_t)x->id,
						    "kind", x->kind, "title",
						    x->title, "body", x->body,
						    "link", x->link,
						    "created_at", x->created_at,
						    "read_at", x->read_at));
	}
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:I, s:o}", "unread", (json_int_t)b.unread,
			       "items", a));
	qc_inbox_release(&b);
}

void qc_api_inbox_read(struct qc_req *r)
{
	struct qc_error err = { 0 };
	int64_t id = 0;
	int64_t left;
	json_t *b = NULL;

	if (qc_buf_len(&r->body) && !qc_body_object(r, &b))
		return;
	if (b && !qc_get_id(r, b, "id", false, &id))
		goto out;
	if (qc_inbox_mark_read(r->store, r->user.id, id, r->actor, &err) ||
	    qc_inbox_unread(r->store, r->user.id, &left, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK,
			 qc_xjson_pack("{s:I}", "unread", (json_int_t)left));
out:
	json_decref(b);
}

static json_t *settings_json(const struct qc_remind_settings *x)
{
	return qc_xjson_pack("{s:s?, s:i, s:s, s:s?, s:b, s:s?, s:i, s:s?,"
			     " s:s?}",
			     "host", x->smtp_host, "port", x->smtp_port, "tls",
			     x->smtp_tls, "user", x->smtp_user, "password_set",
			     x->has_password, "from", x->mail_from, "due_days",
			     x->due_days, "updated_by", x->updated_by,
			     "updated_at", x->updated_at);
}

void qc_api_remind_settings(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_remind_settings x;
	if (qc_remind_settings_get(r->store, &x, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK, settings_json(&x));
	qc_remind_settings_release(&x);
}

void qc_api_remind_settings_set(struct qc_req *r)
{
	struct qc_remind_settings_in in = { .due_days = -1 };
	struct qc_error err = { 0 };
	long long port = 0, due = -1;
	json_t *b;

	if (!qc_body_object(r, &b))
		return;
	if (!qc_get_str(r, b, "host", false, &in.smtp_host) ||
	    !qc_get_int(r, b, "port", false, &port) ||
	    !qc_get_str(r, b, "tls", false, &in.smtp_tls) ||
	    !qc_get_str(r, b, "user", false, &in.smtp_user) ||
	    !qc_get_str(r, b, "password", false, &in.smtp_password) ||
	    !qc_get_str(r, b, "from", false, &in.mail_from) ||
	    !qc_get_int(r, b, "due_days", false, &due))
		goto out;
	if (port < 0 || port > 65535 || due < -1 || due > 60) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "port: 1-65535; "
			       "due_days: 0-60");
		goto out;
	}
	in.smtp_port = (int)port;
	in.due_days = (int)due;
	if (qc_remind_settings_set(r->store, &in, r->actor, &err))
		qc_reply_fail(r, &err);
	else
		qc_api_remind_settings(r);
out:
	json_decref(b);
}

void qc_api_remind_log(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_mail_log l;
	int64_t limit;

	if (!qc_query_int(r, "limit", 1, 1000, 100, &limit))
		return;
	if (qc_remind_mail_log(r->store, (int)limit, &l, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_mail_row *m = &l.v[i];
		json_array_append_new(a,
				      qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s,"
						    " s:s, s:i, s:s?, s:s?, s:s?}",
						    "id", (json_int_t)m->id,
						    "event", m->event_key,
						    "kind", m->kind, "title",
						    m->title, "to", m->to,
						    "state", m->state,
						    "attempts", m->attempts,
						    "next_at", m->next_at,
						    "last_error", m->last_error,
						    "sent_at", m->sent_at));
	}
	qc_reply(r, MHD_HTTP_OK, a);
	qc_mail_log_release(&l);
}

void qc_api_remind_run(struct qc_req *r)
{
	struct qc_remind_report rep = { 0 };
	struct qc_error err = { 0 };
	if (qc_remind_run(r->store, NULL, &rep, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK,
			 qc_xjson_pack("{s:I, s:I, s:I, s:I, s:I,"
				       " s:I}",
				       "events", (json_int_t)rep.events,
				       "inbox", (json_int_t)rep.inbox, "queued",
				       (json_int_t)rep.queued, "sent",
				       (json_int_t)rep.sent, "failed",
				       (json_int_t)rep.failed, "waiting",
				       (json_int_t)rep.waiting));
}
