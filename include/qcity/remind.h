/* Reminders (docs/reminders.md): an inbox per user and e-mail over SMTP
 * (libcurl) for reports coming due and overdue, returned submissions, new
 * and overdue 督查 items, and a weekly digest for the office.
 *
 * Reminders are derived by a scan of the database state, so the features
 * they speak of need no hooks: each event has a unique key, is stored
 * once, goes to the inbox of each user it concerns and, when the SMTP
 * server is configured and the user has an address, to a mail queue. The
 * delivery sends what is due in the queue and retries a failure later
 * (1, 2, 4 … minutes, at most QC_REMIND_TRIES attempts), so nothing is
 * sent twice. "now" is given (ISO date or date-time, UTC; NULL: the
 * clock, which QCITY_NOW fixes), so runs can be replayed.
 *
 * Structs filled here are released with the matching _release, also
 * after an error. Every write is audited. */
#ifndef QCITY_REMIND_H
#define QCITY_REMIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

#define QC_REMIND_TRIES 8
/* Overdue reports are reminded of while their deadline is at most this
 * many days past (a scan started late does not mail years of them). */
#define QC_REMIND_OVERDUE_DAYS 30

/* ---- settings (admin) ---------------------------------------------------- */

struct qc_remind_settings {
	char *smtp_host; /* NULL: no mail, the inbox only */
	int smtp_port;
	char smtp_tls[10]; /* none, starttls, ssl */
	char *smtp_user;
	bool has_password; /* the password itself is never read out */
	char *mail_from;
	int due_days; /* remind this many days before a deadline */
	char *updated_by, *updated_at;
};
void qc_remind_settings_release(struct qc_remind_settings *x);
enum qc_rc qc_remind_settings_get(struct qc_store *s,
				  struct qc_remind_settings *out,
				  struct qc_error *err);

/* What to change: NULL (port 0, due_days -1) keeps a field; "" clears a
 * text field (a host cleared stops the mail). */
struct qc_remind_settings_in {
	const char *smtp_host;
	int smtp_port;
	const char *smtp_tls;
	const char *smtp_user;
	const char *smtp_password;
	const char *mail_from;
	int due_days;
};
enum qc_rc qc_remind_settings_set(struct qc_store *s,
				  const struct qc_remind_settings_in *in,
				  const char *actor, struct qc_error *err);

/* A user's e-mail address ("" or NULL removes it). QC_EINVAL for an
 * address that is not one. Audited. */
enum qc_rc qc_user_set_email(struct qc_store *s, const char *user,
			     const char *email, const char *actor,
			     struct qc_error *err);

/* ---- the scan and the delivery ------------------------------------------- */

struct qc_remind_report {
	size_t events;       /* new events */
	size_t inbox;        /* inbox items made */
	size_t queued;       /* mails queued */
	size_t sent, failed; /* delivery: sent now, failed now */
	size_t given_up;     /* failed for the last time */
	size_t waiting;      /* still queued, to try later */
};

/* Derive the events as of now and store the new ones (one transaction). */
enum qc_rc qc_remind_scan(struct qc_store *s, const char *now,
			  struct qc_remind_report *rep, struct qc_error *err);
/* Send the queued mail whose time has come. A mail that fails is
 * counted, logged with its error and tried again later; only a database
 * error is returned. */
enum qc_rc qc_remind_deliver(struct qc_store *s, const char *now,
			     struct qc_remind_report *rep,
			     struct qc_error *err);
/* Scan, then deliver. */
enum qc_rc qc_remind_run(struct qc_store *s, const char *now,
			 struct qc_remind_report *rep, struct qc_error *err);

/* The mail log, newest first (at most limit rows). */
struct qc_mail_row {
	int64_t id;
	char *event_key, *kind, *title, *to;
	char state[10]; /* pending, sent, failed */
	int attempts;
	char *next_at, *last_error, *sent_at, *created_at;
};
struct qc_mail_log {
	struct qc_mail_row *v;
	size_t n, alloc;
};
void qc_mail_log_release(struct qc_mail_log *l);
enum qc_rc qc_remind_mail_log(struct qc_store *s, int limit,
			      struct qc_mail_log *out, struct qc_error *err);

/* ---- the inbox ----------------------------------------------------------- */

struct qc_inbox_item {
	int64_t id;
	char *kind; /* report_due, report_overdue, returned,
				     supervision, supervision_overdue,
				     digest */
	char *title, *body, *link;
	char *created_at, *read_at; /* read_at NULL: unread */
};
struct qc_inbox {
	struct qc_inbox_item *v;
	size_t n, alloc;
	size_t unread; /* of all the user's items */
};
void qc_inbox_release(struct qc_inbox *b);
/* The user's items, newest first (at most limit; unread_only). */
enum qc_rc qc_inbox_list(struct qc_store *s, int64_t user_id, bool unread_only,
			 int limit, struct qc_inbox *out, struct qc_error *err);
enum qc_rc qc_inbox_unread(struct qc_store *s, int64_t user_id, int64_t *n,
			   struct qc_error *err);
/* Mark one item (id) or all (id 0) of the user's read. QC_ENOTFOUND
 * when id is not the user's. Audited. */
enum qc_rc qc_inbox_mark_read(struct qc_store *s, int64_t user_id, int64_t id,
			      const char *actor, struct qc_error *err);

#endif
