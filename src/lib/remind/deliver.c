/* Delivery of queued reminder mail over SMTP with libcurl: one message
 * per mail row (UTF-8, base64), sent outside any transaction, then its
 * row marked sent, or failed with the error and a later time to retry
 * (1, 2, 4 … minutes), giving up after QC_REMIND_TRIES attempts. */
#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/remind.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "remind_int.h"
#include "banned.h"

#define ACTOR "system:remind"
#define BATCH 100

struct mail {
	int64_t id, event_id;
	int attempts;
	char *to, *title, *body;
};

struct smtp {
	char *host, *user, *password, *from;
	int port;
	char tls[10];
};

static enum qc_rc load_smtp(struct qc_store *s, struct smtp *m,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;
	memset(m, 0, sizeof(*m));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT smtp_host, smtp_port, smtp_tls,"
				  " smtp_user, smtp_password, mail_from FROM"
				  " remind_settings WHERE one = 1",
				  &st, err)))
		return rc;
	r = qc_stmt_next(st, err);
	if (r == QC_ROW) {
		m->host = qc_xstrdup(qc_stmt_text(st, 0));
		m->port = (int)qc_stmt_int(st, 1);
		snprintf(m->tls, sizeof(m->tls), "%.9s", qc_stmt_text(st, 2));
		m->user = qc_xstrdup(qc_stmt_text(st, 3));
		m->password = qc_xstrdup(qc_stmt_text(st, 4));
		m->from = qc_xstrdup(qc_stmt_text(st, 5));
	}
	qc_stmt_free(st);
	/* No row: nothing configured (no host), as with an empty one. */
	return qc_step_rc(r);
}

static void smtp_release(struct smtp *m)
{
	free(m->host);
	free(m->user);
	if (m->password)
		sodium_memzero(m->password, strlen(m->password));
	free(m->password);
	free(m->from);
}

static void add_b64(struct qc_buf *b, const char *s, size_t n, bool lines)
{
	size_t cap = sodium_base64_ENCODED_LEN(n,
					       sodium_base64_VARIANT_ORIGINAL);
	char *enc = qc_xmalloc(cap);
	sodium_bin2base64(enc, cap, (const unsigned char *)s, n,
			  sodium_base64_VARIANT_ORIGINAL);
	size_t len = strlen(enc);
	for (size_t i = 0; i < len; i += 76) {
		qc_buf_add(b, enc + i, len - i < 76 ? len - i : 76);
		if (lines)
			qc_buf_adds(b, "\r\n");
	}
	free(enc);
}

/* The message: headers (the subject RFC 2047-encoded) and a base64
 * UTF-8 body. The caller frees it. */
static char *message(const struct smtp *m, const struct mail *x,
		     const char *now)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr",
					   "May", "Jun", "Jul", "Aug",
					   "Sep", "Oct", "Nov", "Dec" };
	struct qc_buf b;
	int y, mo, d, h, mi, s;

	qc_buf_init(&b, 256 * 1024);
	if (sscanf(now, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) !=
		    6 ||
	    mo < 1 || mo > 12)
		y = 1970, mo = 1, d = 1, h = mi = s = 0;
	qc_buf_addf(&b, "Date: %d %s %04d %02d:%02d:%02d +0000\r\n", d,
		    mon[mo - 1], y, h, mi, s);
	qc_buf_addf(&b, "From: <%s>\r\nTo: <%s>\r\n", m->from, x->to);
	qc_buf_addf(&b, "Message-ID: <qcity.%lld.%lld@%s>\r\n",
		    (long long)x->event_id, (long long)x->id, m->host);
	qc_buf_adds(&b, "Subject: =?UTF-8?B?");
	add_b64(&b, x->title, strlen(x->title), false);
	qc_buf_adds(&b,
		    "?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain;"
		    " charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n"
		    "\r\n");
	add_b64(&b, x->body, strlen(x->body), true);
	return qc_buf_detach(&b, NULL);
}

struct upload {
	const char *p;
	size_t left;
};

static size_t read_cb(char *buf, size_t size, size_t n, void *arg)
{
	struct upload *u = arg;
	size_t want = size * n < u->left ? size * n : u->left;
	memcpy(buf, u->p, want);
	u->p += want;
	u->left -= want;
	return want;
}

/* Send one mail; false with the reason in why. */
static bool send_one(const struct smtp *m, const struct mail *x,
		     const char *now, char *why, size_t n)
{
	char url[320], from[300], to[300], ebuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *rcpt = NULL;
	char *msg = message(m, x, now);
	struct upload up = { msg, strlen(msg) };
	CURL *c = curl_easy_init();
	CURLcode cc = CURLE_FAILED_INIT;

	if (!c)
		goto out;
	snprintf(url, sizeof(url), "%s://%s:%d",
		 strcmp(m->tls, "ssl") ? "smtp" : "smtps", m->host, m->port);
	snprintf(from, sizeof(from), "<%s>", m->from);
	snprintf(to, sizeof(to), "<%s>", x->to);
	rcpt = curl_slist_append(NULL, to);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_USE_SSL,
			 (long)(!strcmp(m->tls, "starttls") ? CURLUSESSL_ALL :
							      CURLUSESSL_NONE));
	if (m->user && *m->user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, m->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD,
				 m->password ? m->password : "");
	}
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	cc = curl_easy_perform(c);
out:
	if (cc != CURLE_OK)
		snprintf(why, n, "%s", *ebuf ? ebuf : curl_easy_strerror(cc));
	curl_slist_free_all(rcpt);
	if (c)
		curl_easy_cleanup(c);
	free(msg);
	return cc == CURLE_OK;
}

static enum qc_rc record(struct qc_store *s, const struct mail *x, bool ok,
			 const char *why, long long now_secs,
			 struct qc_remind_report *rep, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char now[21], next[21], key[32];
	int tries = x->attempts + 1;
	bool give_up = !ok && tries >= QC_REMIND_TRIES;
	const char *state = ok ? "sent" : give_up ? "failed" : "pending";
	enum qc_rc rc;

	qc_remind_iso(now_secs, now);
	qc_remind_iso(now_secs + 60LL * (1LL << (tries - 1)), next);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_stmt_prepare(s,
				  "UPDATE remind_mail SET state = ?,"
				  " attempts = ?, next_at = ?, last_error = ?,"
				  " sent_at = ? WHERE id = ?",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, state);
	qc_stmt_bind_int(st, 2, tries);
	qc_stmt_bind_text(st, 3, ok || give_up ? now : next);
	qc_stmt_bind_text(st, 4, ok ? NULL : why);
	qc_stmt_bind_text(st, 5, ok ? now : NULL);
	qc_stmt_bind_int(st, 6, x->id);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)x->id);
	rc = qc_audit_add_json(s, ACTOR, ok ? "mail_sent" : "mail_failed",
			       "remind_mail", key, NULL,
			       qc_xjson_pack("{s:s, s:s, s:i, s:s?, s:s?}",
					     "to", x->to, "state", state,
					     "attempts", tries, "error",
					     ok ? NULL : why, "next_at",
					     ok || give_up ? NULL : next),
			       err);
out:
	qc_stmt_free(st);
	if ((rc = qc_store_end(s, rc, err)))
		return rc;
	if (ok)
		rep->sent++;
	else if (give_up)
		rep->given_up++;
	else
		rep->failed++;
	return QC_OK;
}

/* Take a mail for this run: move its next_at 10 minutes on, so that
 * another run (the server's beside the command line's) does not send it
 * too. *mine is false when another run took it first. */
static enum qc_rc claim(struct qc_store *s, int64_t id, const char *now,
			long long secs, bool *mine, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char later[21];
	enum qc_rc rc;
	int r;

	qc_remind_iso(secs + 600, later);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_stmt_prepare(s,
				  "UPDATE remind_mail SET next_at = ? WHERE"
				  " id = ? AND state = 'pending' AND next_at <="
				  " ? RETURNING id",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, later);
	qc_stmt_bind_int(st, 2, id);
	qc_stmt_bind_text(st, 3, now);
	r = qc_stmt_next(st, err);
	*mine = r == QC_ROW;
	if (r == QC_ROW)
		r = qc_stmt_next(st, err);
	rc = qc_step_rc(r);
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_remind_deliver(struct qc_store *s, const char *now,
			     struct qc_remind_report *rep, struct qc_error *err)
{
	struct mail *v = NULL;
	size_t n = 0, alloc = 0;
	struct qc_stmt *st;
	struct smtp m;
	long long secs;
	char iso[21];
	enum qc_rc rc;
	int r;

	if (!qc_remind_now_secs(now, &secs))
		return qc_error_set(err, QC_EINVAL,
				    "now: '%s' is not a date "
				    "or a UTC time",
				    now ? now : "");
	qc_remind_iso(secs, iso);
	if ((rc = load_smtp(s, &m, err)))
		return rc;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT m.id, m.event_id, m.attempts,"
				  " m.to_addr, e.title, e.body FROM remind_mail"
				  " m JOIN remind_events e ON e.id = m.event_id"
				  " WHERE m.state = 'pending' AND m.next_at <= ?"
				  " ORDER BY m.id LIMIT ?",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, iso);
	qc_stmt_bind_int(st, 2, BATCH);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(v, n + 1, alloc);
		v[n].id = qc_stmt_int(st, 0);
		v[n].event_id = qc_stmt_int(st, 1);
		v[n].attempts = (int)qc_stmt_int(st, 2);
		v[n].to = qc_xstrdup(qc_stmt_text(st, 3));
		v[n].title = qc_xstrdup(qc_stmt_text(st, 4));
		v[n].body = qc_xstrdup(qc_stmt_text(st, 5));
		n++;
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(r)))
		goto out;
	for (size_t i = 0; i < n && !rc; i++) {
		char why[CURL_ERROR_SIZE + 64] = "";
		bool ok = false, mine = false;
		if ((rc = claim(s, v[i].id, iso, secs, &mine, err)) || !mine)
			continue;
		if (!m.host || !*m.host || !m.from || !*m.from)
			snprintf(why, sizeof(why),
				 "no SMTP server or sender "
				 "set (qcity remind config)");
		else
			ok = send_one(&m, &v[i], iso, why, sizeof(why));
		rc = record(s, &v[i], ok, why, secs, rep, err);
	}
	if (!rc) {
		int64_t left = 0;
		if ((rc = qc_stmt_prepare(s,
					  "SELECT COUNT(*) FROM remind_mail"
					  " WHERE state = 'pending'",
					  &st, err)))
			goto out;
		if ((r = qc_stmt_next(st, err)) == QC_ROW)
			left = qc_stmt_int(st, 0);
		qc_stmt_free(st);
		if (r != QC_ROW)
			rc = qc_step_rc(r);
		rep->waiting = (size_t)left;
	}
out:
	for (size_t i = 0; i < n; i++) {
		free(v[i].to);
		free(v[i].title);
		free(v[i].body);
	}
	free(v);
	smtp_release(&m);
	return rc;
}
