/* Reminder settings (the SMTP server, kept in the database and set by an
 * admin), users' e-mail addresses, the mail log, and the time helpers. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/remind.h"
#include "qcity/store.h"
#include "remind_int.h"
#include "banned.h"

bool qc_remind_now_secs(const char *now, long long *secs)
{
	char buf[32];
	int y, mo, d, h = 0, mi = 0, s = 0, n;
	if (!now) {
		qc_now_iso(buf, sizeof(buf));
		now = buf;
	}
	n = sscanf(now, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s);
	if (n != 3 && n != 6)
		return false;
	char day[11];
	snprintf(day, sizeof(day), "%.10s", now);
	long days;
	if (!qc_date_days(day, &days) || h > 23 || mi > 59 || s > 60 || h < 0 ||
	    mi < 0 || s < 0)
		return false;
	*secs = (long long)days * 86400 + h * 3600 + mi * 60 + s;
	return true;
}

void qc_remind_iso(long long secs, char out[21])
{
	long days = (long)(secs / 86400);
	int rest = (int)(secs % 86400);
	int y, m, d;
	if (rest < 0) {
		rest += 86400;
		days--;
	}
	qc_civil_from_days(days, &y, &m, &d);
	snprintf(out, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ",
		 (unsigned)(y % 10000) % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u, (unsigned)(rest / 3600) % 100u,
		 (unsigned)(rest / 60 % 60) % 100u,
		 (unsigned)(rest % 60) % 100u);
}

void qc_remind_settings_release(struct qc_remind_settings *x)
{
	free(x->smtp_host);
	free(x->smtp_user);
	free(x->mail_from);
	free(x->updated_by);
	free(x->updated_at);
	memset(x, 0, sizeof(*x));
}

enum qc_rc qc_remind_settings_get(struct qc_store *s,
				  struct qc_remind_settings *out,
				  struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT smtp_host, smtp_port, smtp_tls,"
				  " smtp_user, smtp_password IS NOT NULL AND"
				  " smtp_password <> '', mail_from, due_days,"
				  " updated_by, updated_at FROM remind_settings"
				  " WHERE one = 1",
				  &st, err)))
		return rc;
	r = qc_stmt_next(st, err);
	if (r == QC_ROW) {
		out->smtp_host = qc_xstrdup(qc_stmt_text(st, 0));
		out->smtp_port = (int)qc_stmt_int(st, 1);
		snprintf(out->smtp_tls, sizeof(out->smtp_tls), "%.9s",
			 qc_stmt_text(st, 2));
		out->smtp_user = qc_xstrdup(qc_stmt_text(st, 3));
		out->has_password = qc_stmt_int(st, 4) != 0;
		out->mail_from = qc_xstrdup(qc_stmt_text(st, 5));
		out->due_days = (int)qc_stmt_int(st, 6);
		out->updated_by = qc_xstrdup(qc_stmt_text(st, 7));
		out->updated_at = qc_xstrdup(qc_stmt_text(st, 8));
	}
	qc_stmt_free(st);
	if (r == QC_DONE) {
		/* Never set: the defaults of migration 0014. */
		out->smtp_port = 25;
		snprintf(out->smtp_tls, sizeof(out->smtp_tls), "none");
		out->due_days = 3;
		return QC_OK;
	}
	return qc_step_rc(r);
}

/* An address mail can go to: one @, no spaces, no control characters
 * or angle brackets (it goes into a header and an SMTP command). */
static bool address_ok(const char *a)
{
	const char *at = strchr(a, '@');
	if (!at || at == a || !at[1] || strchr(at + 1, '@') || strlen(a) > 254)
		return false;
	for (const unsigned char *p = (const unsigned char *)a; *p; p++)
		if (*p <= ' ' || *p == '<' || *p == '>' || *p == 0x7f ||
		    *p == ',' || *p == ';' || *p == '"')
			return false;
	return true;
}

static bool plain_ok(const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < ' ' || *p == 0x7f)
			return false;
	return strlen(v) <= 255;
}

enum qc_rc qc_remind_settings_set(struct qc_store *s,
				  const struct qc_remind_settings_in *in,
				  const char *actor, struct qc_error *err)
{
	struct qc_remind_settings before, after;
	struct qc_stmt *st = NULL;
	char now[32];
	enum qc_rc rc;

	if (in->smtp_tls && strcmp(in->smtp_tls, "none") &&
	    strcmp(in->smtp_tls, "starttls") && strcmp(in->smtp_tls, "ssl"))
		return qc_error_set(err, QC_EINVAL,
				    "tls: '%s' is not none, "
				    "starttls or ssl",
				    in->smtp_tls);
	if (in->smtp_port && (in->smtp_port < 1 || in->smtp_port > 65535))
		return qc_error_set(err, QC_EINVAL,
				    "port: %d is not a port "
				    "(1-65535)",
				    in->smtp_port);
	if (in->due_days != -1 && (in->due_days < 0 || in->due_days > 60))
		return qc_error_set(err, QC_EINVAL,
				    "due_days: %d is not from "
				    "0 to 60",
				    in->due_days);
	if (in->mail_from && *in->mail_from && !address_ok(in->mail_from))
		return qc_error_set(err, QC_EINVAL,
				    "from: '%s' is not an "
				    "e-mail address",
				    in->mail_from);
	if ((in->smtp_host && !plain_ok(in->smtp_host)) ||
	    (in->smtp_user && !plain_ok(in->smtp_user)) ||
	    (in->smtp_password && !plain_ok(in->smtp_password)))
		return qc_error_set(err, QC_EINVAL,
				    "host, user and password: "
				    "one line of at most 255 bytes");
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_remind_settings_get(s, &before, err)))
		goto out;
	qc_now_iso(now, sizeof(now));
	if ((rc = qc_store_exec(s,
				"INSERT INTO remind_settings (one) VALUES (1)"
				" ON CONFLICT (one) DO NOTHING",
				err)))
		goto out_before;
	/* Each field: keep (NULL), clear (""), or set. */
	if ((rc = qc_stmt_prepare(
		     s,
		     "UPDATE remind_settings SET"
		     " smtp_host = CASE WHEN CAST(? AS TEXT) IS NULL THEN smtp_host"
		     "  ELSE NULLIF(CAST(? AS TEXT), '') END,"
		     " smtp_port = CASE WHEN ? = 0 THEN smtp_port ELSE ? END,"
		     " smtp_tls = COALESCE(CAST(? AS TEXT), smtp_tls),"
		     " smtp_user = CASE WHEN CAST(? AS TEXT) IS NULL THEN smtp_user"
		     "  ELSE NULLIF(CAST(? AS TEXT), '') END,"
		     " smtp_password = CASE WHEN CAST(? AS TEXT) IS NULL THEN"
		     "  smtp_password ELSE NULLIF(CAST(? AS TEXT), '') END,"
		     " mail_from = CASE WHEN CAST(? AS TEXT) IS NULL THEN mail_from"
		     "  ELSE NULLIF(CAST(? AS TEXT), '') END,"
		     " due_days = CASE WHEN ? = -1 THEN due_days ELSE ? END,"
		     " updated_by = ?, updated_at = ? WHERE one = 1",
		     &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, in->smtp_host);
	qc_stmt_bind_text(st, 2, in->smtp_host);
	qc_stmt_bind_int(st, 3, in->smtp_port);
	qc_stmt_bind_int(st, 4, in->smtp_port);
	qc_stmt_bind_text(st, 5, in->smtp_tls);
	qc_stmt_bind_text(st, 6, in->smtp_user);
	qc_stmt_bind_text(st, 7, in->smtp_user);
	qc_stmt_bind_text(st, 8, in->smtp_password);
	qc_stmt_bind_text(st, 9, in->smtp_password);
	qc_stmt_bind_text(st, 10, in->mail_from);
	qc_stmt_bind_text(st, 11, in->mail_from);
	qc_stmt_bind_int(st, 12, in->due_days);
	qc_stmt_bind_int(st, 13, in->due_days);
	qc_stmt_bind_text(st, 14, actor);
	qc_stmt_bind_text(st, 15, now);
	if ((rc = qc_stmt_run(st, err)))
		goto out_before;
	if ((rc = qc_remind_settings_get(s, &after, err)))
		goto out_before;
	/* The audit keeps whether a password is set, never the password. */
	rc = qc_audit_add_json(
		s, actor, "set", "remind_settings", "1",
		qc_xjson_pack("{s:s?, s:i, s:s, s:s?, s:b, s:s?, s:i}", "host",
			      before.smtp_host, "port", before.smtp_port, "tls",
			      before.smtp_tls, "user", before.smtp_user,
			      "password", before.has_password, "from",
			      before.mail_from, "due_days", before.due_days),
		qc_xjson_pack("{s:s?, s:i, s:s, s:s?, s:b, s:s?, s:i}", "host",
			      after.smtp_host, "port", after.smtp_port, "tls",
			      after.smtp_tls, "user", after.smtp_user,
			      "password", after.has_password, "from",
			      after.mail_from, "due_days", after.due_days),
		err);
	qc_remind_settings_release(&after);
out_before:
	qc_remind_settings_release(&before);
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_user_set_email(struct qc_store *s, const char *user,
			     const char *email, const char *actor,
			     struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	enum qc_rc rc;
	int64_t id;

	if (email && *email && !address_ok(email))
		return qc_error_set(err, QC_EINVAL,
				    "email: '%s' is not an "
				    "e-mail address",
				    email);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_stmt_prepare(s,
				  "UPDATE users SET email = ? WHERE name ="
				  " ? RETURNING id",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, email && *email ? email : NULL);
	qc_stmt_bind_text(st, 2, user);
	int r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		id = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	st = NULL;
	if (r != QC_ROW) {
		rc = r == QC_DONE ?
			     qc_error_set(err, QC_ENOTFOUND,
					  "no user '%s' (see `qcity user list`)",
					  user) :
			     qc_step_rc(r);
		goto out;
	}
	(void)id;
	rc = qc_audit_add_json(s, actor, "set_email", "user", user, NULL,
			       qc_xjson_pack("{s:s?}", "email",
					     email && *email ? email : NULL),
			       err);
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}

void qc_mail_log_release(struct qc_mail_log *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct qc_mail_row *m = &l->v[i];
		free(m->event_key);
		free(m->kind);
		free(m->title);
		free(m->to);
		free(m->next_at);
		free(m->last_error);
		free(m->sent_at);
		free(m->created_at);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

enum qc_rc qc_remind_mail_log(struct qc_store *s, int limit,
			      struct qc_mail_log *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT m.id, e.event_key, e.kind,"
				  " e.title, m.to_addr, m.state, m.attempts,"
				  " m.next_at, m.last_error, m.sent_at,"
				  " m.created_at FROM remind_mail m JOIN"
				  " remind_events e ON e.id = m.event_id ORDER"
				  " BY m.id DESC LIMIT ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, limit > 0 ? limit : 100);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_mail_row *m = &out->v[out->n++];
		memset(m, 0, sizeof(*m));
		m->id = qc_stmt_int(st, 0);
		m->event_key = qc_xstrdup(qc_stmt_text(st, 1));
		m->kind = qc_xstrdup(qc_stmt_text(st, 2));
		m->title = qc_xstrdup(qc_stmt_text(st, 3));
		m->to = qc_xstrdup(qc_stmt_text(st, 4));
		snprintf(m->state, sizeof(m->state), "%.9s",
			 qc_stmt_text(st, 5));
		m->attempts = (int)qc_stmt_int(st, 6);
		m->next_at = qc_xstrdup(qc_stmt_text(st, 7));
		m->last_error = qc_xstrdup(qc_stmt_text(st, 8));
		m->sent_at = qc_xstrdup(qc_stmt_text(st, 9));
		m->created_at = qc_xstrdup(qc_stmt_text(st, 10));
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(r)))
		qc_mail_log_release(out);
	return rc;
}
