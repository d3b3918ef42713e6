/* Reminders (src/lib/remind): the scan derives each event once from the
 * database state (reports coming due and overdue from the plan's
 * reporting calendar, returned submissions, 督查 items, the weekly
 * digest, complaint deadlines) into the inboxes of the users concerned and the mail queue;
 * the delivery retries a failed mail with backoff and gives up at last;
 * settings never give the password back. Sending to a real SMTP server
 * (python3-aiosmtpd) is tests/cli/test_remind.sh. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "remind_util.h"
#include "qcity/clock.h"
#include "qcity/alerts.h"
#include "qcity/auth.h"
#include "qcity/complaint.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/remind.h"
#include "qcity/review.h"
#include "qcity/supervision.h"
#include "qcity/workday.h"

static const char *plan_json =
	"{\"plan\": {\"title\": \"提醒方案\", \"region\": {\"code\": \"230900\"},"
	"  \"period\": {\"start\": 2019, \"end\": 2021}, \"status\": \"active\"},"
	" \"targets\": [{\"indicator\": \"抽查合格率\", \"op\": \">=\", \"value\": 98,"
	"   \"unit\": \"%\", \"year\": 2020, \"owners\": [\"市市场监管局\"]}],"
	" \"tasks\": [{\"key\": \"一\", \"title\": \"质量提升\", \"due\": \"2020-12-31\","
	"   \"owners\": [\"市市场监管局\"]},"
	"  {\"key\": \"二\", \"title\": \"造林\", \"due\": \"2020-12-31\","
	"   \"owners\": [\"市林业局\"]}],"
	" \"reporting\": [{\"kind\": \"half_year\", \"grace_days\": 15}]}";

#define PW "amber-kettle-seventy"

struct world {
	long long plan;
	int64_t unit, forest, unit_user, office;
};

static void setup(struct qc_store *s, struct world *w)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	struct qc_user u;
	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(s, &p, false, "t", &w->plan, &err),
			 QC_OK);
	qc_plan_release(&p);
	assert_int_equal(qc_unit_find(s, "230900", "市市场监管局", &w->unit,
				      &err),
			 QC_OK);
	assert_int_equal(qc_unit_find(s, "230900", "市林业局", &w->forest,
				      &err),
			 QC_OK);
	assert_int_equal(qc_user_add(s, "zhang", PW, QC_USER_UNIT,
				     "七台河市/市市场监管局", NULL, "admin",
				     &w->unit_user, &err),
			 QC_OK);
	assert_int_equal(qc_user_add(s, "office", PW, QC_USER_OFFICE, NULL,
				     NULL, "admin", &w->office, &err),
			 QC_OK);
	assert_int_equal(qc_user_set_email(s, "zhang", "zhang@example.org",
					   "admin", &err),
			 QC_OK);
	assert_int_equal(qc_user_set_email(s, "nobody", "a@b.org", "admin",
					   &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_user_set_email(s, "zhang", "x@y.org\r\nBcc: z@w",
					   "admin", &err),
			 QC_EINVAL);
	assert_int_equal(qc_user_get(s, "zhang", &u, &err), QC_OK);
	qc_user_release(&u);
}

/* A TCP port on which nobody listens: bound once, then closed. */
static int closed_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t n = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &n), 0);
	close(fd);
	return ntohs(a.sin_port);
}

static const struct qc_inbox_item *find(const struct qc_inbox *b,
					const char *kind)
{
	for (size_t i = 0; i < b->n; i++)
		if (!strcmp(b->v[i].kind, kind))
			return &b->v[i];
	fail_msg("no %s in the inbox", kind);
	abort();
}

static void scan_once_per_event(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_remind_report r = { 0 };
	struct qc_inbox b;
	struct world w;
	int64_t sub, n;

	setup(f->s, &w);
	/* 2020-H1 is due on 07-15; 3 days before, both lead units are
	 * reminded, unless one has reported. No SMTP server: inbox only. */
	assert_int_equal(qc_task_report_add(f->s, w.plan, "二", "市林业局",
					    "2020-H1", "in_progress", NULL, "t",
					    &err),
			 QC_OK);
	assert_int_equal(qc_review_submit(f->s, w.unit, "2020-H1", "zhang",
					  &sub, &err),
			 QC_OK);
	assert_int_equal(qc_review_return(f->s, sub, "缺少数据来源", "office",
					  &err),
			 QC_OK);
	struct qc_sup_in in = { .plan_id = w.plan,
				.unit_id = w.unit,
				.finding = "抽查问题未整改",
				.rectify = "限期整改",
				.deadline = "2020-07-31" };
	int64_t item;
	assert_int_equal(qc_sup_open(f->s, &in, "office", &item, &err), QC_OK);

	assert_int_equal(qc_remind_scan(f->s, "2020-07-12", &r, &err), QC_OK);
	/* due ×1 (市市场监管局; 市林业局 has reported), returned, 督查, digest */
	assert_int_equal(r.events, 4);
	assert_int_equal(r.inbox, 4); /* 3 for zhang, the digest for office */
	assert_int_equal(r.queued, 0);
	assert_int_equal(qc_inbox_list(f->s, w.unit_user, false, 0, &b, &err),
			 QC_OK);
	assert_int_equal(b.n, 3);
	assert_int_equal(b.unread, 3);
	assert_non_null(strstr(find(&b, "report_due")->title, "2020-H1"));
	assert_non_null(strstr(find(&b, "report_due")->body, "2020-07-15"));
	assert_non_null(strstr(find(&b, "returned")->body, "缺少数据来源"));
	assert_non_null(strstr(find(&b, "supervision")->body, "限期整改"));
	int64_t first = b.v[0].id;
	qc_inbox_release(&b);
	assert_int_equal(qc_inbox_list(f->s, w.office, false, 0, &b, &err),
			 QC_OK);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.v[0].kind, "digest");
	assert_non_null(strstr(b.v[0].body, "退回待改 1 份"));
	/* One user cannot mark another's item. */
	assert_int_equal(qc_inbox_mark_read(f->s, w.office, first, "office",
					    &err),
			 QC_ENOTFOUND);
	qc_inbox_release(&b);

	/* The same state scanned again: nothing new. */
	memset(&r, 0, sizeof(r));
	assert_int_equal(qc_remind_scan(f->s, "2020-07-12T20:00:00Z", &r, &err),
			 QC_OK);
	assert_int_equal(r.events, 0);
	assert_int_equal(count_rows(f->s, "inbox"), 4);

	/* Past the deadline: overdue, once; returned again: a new event. */
	assert_int_equal(qc_review_submit(f->s, w.unit, "2020-H1", "zhang",
					  &sub, &err),
			 QC_OK);
	setenv("QCITY_NOW", "2020-07-20T10:00:00Z", 1);
	assert_int_equal(qc_review_return(f->s, sub, "数据有误", "office",
					  &err),
			 QC_OK);
	unsetenv("QCITY_NOW");
	memset(&r, 0, sizeof(r));
	assert_int_equal(qc_remind_scan(f->s, "2020-07-20", &r, &err), QC_OK);
	assert_int_equal(r.events, 3); /* overdue, returned, next digest */
	assert_int_equal(qc_inbox_unread(f->s, w.unit_user, &n, &err), QC_OK);
	assert_int_equal(n, 5);
	assert_int_equal(qc_inbox_mark_read(f->s, w.unit_user, first, "zhang",
					    &err),
			 QC_OK);
	assert_int_equal(qc_inbox_unread(f->s, w.unit_user, &n, &err), QC_OK);
	assert_int_equal(n, 4);
	assert_int_equal(qc_inbox_mark_read(f->s, w.unit_user, 0, "zhang",
					    &err),
			 QC_OK);
	assert_int_equal(qc_inbox_unread(f->s, w.unit_user, &n, &err), QC_OK);
	assert_int_equal(n, 0);
	memset(&r, 0, sizeof(r));
	assert_int_equal(qc_remind_scan(f->s, "2020-07-21", &r, &err), QC_OK);
	assert_int_equal(r.events, 0);
	/* A 督查 item reopened is news again, once per reopening. */
	assert_int_equal(qc_sup_answer(f->s, item, "已整改", NULL, 0, "zhang",
				       &err),
			 QC_OK);
	assert_int_equal(qc_sup_reopen(f->s, item, "整改不实", "office", &err),
			 QC_OK);
	memset(&r, 0, sizeof(r));
	assert_int_equal(qc_remind_scan(f->s, "2020-07-21", &r, &err), QC_OK);
	assert_int_equal(r.events, 1);
	assert_int_equal(qc_inbox_list(f->s, w.unit_user, true, 0, &b, &err),
			 QC_OK);
	assert_int_equal(b.n, 1);
	assert_non_null(strstr(b.v[0].body, "整改不实"));
	qc_inbox_release(&b);
	memset(&r, 0, sizeof(r));
	assert_int_equal(qc_remind_scan(f->s, "2020-07-22", &r, &err), QC_OK);
	assert_int_equal(r.events, 0);
	assert_int_equal(qc_remind_scan(f->s, "yesterday", &r, &err),
			 QC_EINVAL);
}

static void settings_keep_the_password(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_remind_settings x;
	struct qc_remind_settings_in in = { .smtp_host = "smtp.example.org",
					    .smtp_port = 465,
					    .smtp_tls = "ssl",
					    .smtp_user = "qcity",
					    .smtp_password = "s3cret-Pa55",
					    .mail_from = "qcity@example.org",
					    .due_days = 5 };
	struct qc_stmt *st;

	assert_int_equal(qc_remind_settings_get(f->s, &x, &err), QC_OK);
	assert_null(x.smtp_host);
	assert_false(x.has_password);
	assert_int_equal(x.due_days, 3);
	qc_remind_settings_release(&x);
	assert_int_equal(qc_remind_settings_set(f->s, &in, "admin", &err),
			 QC_OK);
	struct qc_remind_settings_in keep = { .due_days = -1, .smtp_port = 0 };
	keep.smtp_user = "qcity2";
	assert_int_equal(qc_remind_settings_set(f->s, &keep, "admin", &err),
			 QC_OK);
	assert_int_equal(qc_remind_settings_get(f->s, &x, &err), QC_OK);
	assert_string_equal(x.smtp_host, "smtp.example.org");
	assert_int_equal(x.smtp_port, 465);
	assert_string_equal(x.smtp_tls, "ssl");
	assert_string_equal(x.smtp_user, "qcity2");
	assert_true(x.has_password);
	assert_int_equal(x.due_days, 5);
	qc_remind_settings_release(&x);
	struct qc_remind_settings_in bad = { .due_days = -1,
					     .smtp_tls = "tls1" };
	assert_int_equal(qc_remind_settings_set(f->s, &bad, "admin", &err),
			 QC_EINVAL);
	bad.smtp_tls = NULL;
	bad.mail_from = "not an address";
	assert_int_equal(qc_remind_settings_set(f->s, &bad, "admin", &err),
			 QC_EINVAL);
	/* The audit log says a password is set, never which. */
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT COUNT(*) FROM audit_log"
					 " WHERE entity = 'remind_settings' AND"
					 " (after_json LIKE '%s3cret%' OR"
					 " before_json LIKE '%s3cret%')",
					 &st, &err),
			 QC_OK);
	assert_int_equal(qc_stmt_next(st, &err), QC_ROW);
	assert_int_equal(qc_stmt_int(st, 0), 0);
	qc_stmt_free(st);
	assert_int_equal(count_rows(f->s, "audit_log") > 1, 1);
	/* Cleared: no password. */
	struct qc_remind_settings_in clear = { .due_days = -1,
					       .smtp_password = "" };
	assert_int_equal(qc_remind_settings_set(f->s, &clear, "admin", &err),
			 QC_OK);
	assert_int_equal(qc_remind_settings_get(f->s, &x, &err), QC_OK);
	assert_false(x.has_password);
	qc_remind_settings_release(&x);
}

static char *mail_field(struct qc_store *s, const char *col)
{
	char sql[96];
	struct qc_stmt *st;
	char *v = NULL;
	snprintf(sql, sizeof(sql), "SELECT %s FROM remind_mail", col);
	assert_int_equal(qc_stmt_prepare(s, sql, &st, NULL), QC_OK);
	if (qc_stmt_next(st, NULL) == QC_ROW && qc_stmt_text(st, 0))
		v = strdup(qc_stmt_text(st, 0));
	qc_stmt_free(st);
	return v;
}

/* seconds since 1970 → "2020-03-02T08:00:00Z" */
static void iso_of(long long t, char out[21])
{
	char day[11];
	int rest = (int)(t % 86400);
	qc_date_from_days((long)(t / 86400), day);
	char buf[64];
	snprintf(buf, sizeof(buf), "%.10sT%02u:%02u:%02uZ", day,
		 (unsigned)(rest / 3600) % 24u, (unsigned)(rest / 60) % 60u,
		 (unsigned)rest % 60u);
	memcpy(out, buf, 20);
	out[20] = 0;
}

static void failed_mail_is_retried(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_remind_report r = { 0 };
	struct world w;
	struct qc_remind_settings_in in = { .smtp_host = "127.0.0.1",
					    .smtp_port = closed_port(),
					    .smtp_tls = "none",
					    .mail_from = "qcity@example.org",
					    .due_days = -1 };
	char *v;

	setup(f->s, &w);
	assert_int_equal(qc_remind_settings_set(f->s, &in, "admin", &err),
			 QC_OK);
	/* One event for zhang (the only user with an address): a 督查 item. */
	struct qc_sup_in item = { .plan_id = w.plan,
				  .unit_id = w.unit,
				  .finding = "问题",
				  .rectify = "整改",
				  .deadline = "2030-01-01" };
	assert_int_equal(qc_sup_open(f->s, &item, "office", NULL, &err), QC_OK);
	assert_int_equal(qc_remind_scan(f->s, "2020-03-02T08:00:00Z", &r, &err),
			 QC_OK);
	assert_int_equal(r.queued, 1);
	assert_int_equal(count_rows(f->s, "remind_mail"), 1);

	/* Refused: logged with curl's reason, tried again in 1, 2, 4 …
	 * minutes, and not before. */
	long long t = 1583136000LL; /* 2020-03-02T08:00:00Z */
	char now[21];
	for (int i = 0; i < QC_REMIND_TRIES; i++) {
		memset(&r, 0, sizeof(r));
		iso_of(t, now);
		assert_int_equal(qc_remind_deliver(f->s, now, &r, &err), QC_OK);
		if (i < QC_REMIND_TRIES - 1) {
			assert_int_equal(r.failed, 1);
			assert_int_equal(r.waiting, 1);
		} else {
			assert_int_equal(r.given_up, 1);
			assert_int_equal(r.waiting, 0);
		}
		assert_int_equal(r.sent, 0);
		/* Too early for the next try: nothing is attempted. */
		memset(&r, 0, sizeof(r));
		iso_of(t + 30, now);
		assert_int_equal(qc_remind_deliver(f->s, now, &r, &err), QC_OK);
		assert_int_equal(r.failed + r.sent + r.given_up, 0);
		t += 60LL << i;
	}
	v = mail_field(f->s, "state");
	assert_string_equal(v, "failed");
	free(v);
	v = mail_field(f->s, "attempts");
	assert_string_equal(v, "8");
	free(v);
	v = mail_field(f->s, "last_error");
	assert_non_null(v);
	assert_true(strlen(v) > 0);
	free(v);
	struct qc_mail_log l;
	assert_int_equal(qc_remind_mail_log(f->s, 10, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].to, "zhang@example.org");
	assert_string_equal(l.v[0].kind, "supervision");
	qc_mail_log_release(&l);
}

static int64_t data_version(struct qc_store *s)
{
	int64_t n = 0;
	assert_int_equal(qc_store_data_version(s, &n, NULL), QC_OK);
	return n;
}

/* A complaint received in 桃山区 on 8 Feb 2024 must be decided by 23 Feb
 * (7 working days across the Spring Festival, from the real holiday
 * data): the county's staff and the office hear of it once when it comes
 * within 2 working days, once when it is overdue, by inbox and mail; the
 * plan of 七台河 lists the overdue alert with the county and its people.
 * A scan that finds nothing new leaves the data version alone. */
static void complaint_deadlines(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_remind_report r = { 0 };
	struct qc_remind_settings_in set = { .smtp_host = "127.0.0.1",
					     .mail_from = "qcity@example.org",
					     .due_days = -1 };
	struct qc_complaint_new in = {
		.kind = QC_COMPLAINT,
		.channel = "12315",
		.received_on = "2024-02-08",
		.region = "桃山区",
		.respondent = "某电器商行",
		.text = "电热水壶漏电",
		.person_phone = "13812341234",
		.amount = -1,
	};
	struct qc_alert_list l;
	struct qc_inbox b;
	struct world w;
	int64_t id, county_user, v;
	int years;

	setup(f->s, &w);
	assert_int_equal(qc_calendar_load(f->s, getenv("QCITY_CALENDAR"), "t",
					  &years, &err),
			 QC_OK);
	assert_int_equal(qc_user_add(f->s, "taoshan", PW, QC_USER_REGION, NULL,
				     "桃山区", "admin", &county_user, &err),
			 QC_OK);
	assert_int_equal(qc_user_set_email(f->s, "taoshan", "ts@example.org",
					   "admin", &err),
			 QC_OK);
	assert_int_equal(qc_remind_settings_set(f->s, &set, "admin", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_add(f->s, &in, "t", &id, &err), QC_OK);

	/* 20 Feb: three working days left, nothing yet. */
	assert_int_equal(qc_remind_scan(f->s, "2024-02-20", &r, &err), QC_OK);
	assert_int_equal(events_of(f->s, "complaint_due"), 0);
	/* 21 Feb: two left; the county and the office, not the city's
	 * market regulator (zhang), which does not handle it. */
	memset(&r, 0, sizeof(r));
	assert_int_equal(qc_remind_scan(f->s, "2024-02-21", &r, &err), QC_OK);
	assert_int_equal(events_of(f->s, "complaint_due"), 1);
	assert_int_equal(qc_inbox_list(f->s, county_user, false, 50, &b, &err),
			 QC_OK);
	assert_string_equal(b.v[0].kind, "complaint_due");
	assert_non_null(strstr(b.v[0].title, "2024-02-23"));
	qc_inbox_release(&b);
	assert_int_equal(qc_inbox_list(f->s, w.office, false, 50, &b, &err),
			 QC_OK);
	assert_non_null(find(&b, "complaint_due"));
	qc_inbox_release(&b);
	assert_int_equal(qc_inbox_list(f->s, w.unit_user, false, 50, &b, &err),
			 QC_OK);
	for (size_t i = 0; i < b.n; i++)
		assert_null(strstr(b.v[i].kind, "complaint"));
	qc_inbox_release(&b);
	assert_int_equal(count_rows(f->s, "remind_mail"), 1); /* ts@ only */
	/* The same day again: nothing new, and nothing written. */
	v = data_version(f->s);
	memset(&r, 0, sizeof(r));
	assert_int_equal(qc_remind_scan(f->s, "2024-02-21", &r, &err), QC_OK);
	assert_int_equal(r.events, 0);
	assert_int_equal(data_version(f->s), v);
	/* 26 Feb: one working day late, told once. */
	assert_int_equal(qc_remind_scan(f->s, "2024-02-26", &r, &err), QC_OK);
	assert_int_equal(qc_remind_scan(f->s, "2024-02-27", &r, &err), QC_OK);
	assert_int_equal(events_of(f->s, "complaint_overdue"), 1);
	assert_int_equal(events_of(f->s, "complaint_due"), 1);

	/* The alert of the plan of 七台河, on the same clock. */
	setenv("QCITY_NOW", "2024-02-26", 1);
	assert_int_equal(qc_alerts(f->s, w.plan, &l, &err), QC_OK);
	assert_int_equal(l.count[QC_ALERT_COMPLAINT_OVERDUE], 1);
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].kind != QC_ALERT_COMPLAINT_OVERDUE)
			continue;
		assert_string_equal(l.v[i].region, "230903");
		assert_string_equal(l.v[i].period, "2024-02-23");
		assert_non_null(strstr(l.v[i].reason, "某电器商行"));
		assert_non_null(strstr(l.v[i].people, "桃山区"));
	}
	qc_alert_list_release(&l);
	/* Decided: no alert left. */
	assert_int_equal(qc_complaint_move(f->s, id, "accepted", "2024-02-26",
					   NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_alerts(f->s, w.plan, &l, &err), QC_OK);
	assert_int_equal(l.count[QC_ALERT_COMPLAINT_OVERDUE], 0);
	assert_int_equal(l.count[QC_ALERT_COMPLAINT_DUE], 0);
	qc_alert_list_release(&l);
	unsetenv("QCITY_NOW");
}

int main(void)
{
	setenv("QCITY_PWHASH_FAST", "1", 1);
	test_lang("zh_CN");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(scan_once_per_event,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(settings_keep_the_password,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(failed_mail_is_retried,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(complaint_deadlines,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
