/* The complaint register: the legal steps, their deadlines in working days
 * across the 2024 Spring Festival (real holiday data, $QCITY_CALENDAR),
 * transfer, extension, idempotent platform numbers and masked personal
 * data. */
#include "../testutil.h"
#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/workday.h"

struct ctx {
	struct fixture *f;
	struct qc_calendar *cal;
};

static struct qc_calendar *calendar(struct fixture *f)
{
	struct qc_error err = { 0 };
	struct qc_calendar *c;
	const char *p = getenv("QCITY_CALENDAR");
	int years;

	if (!p || qc_calendar_load(f->s, p, "t", &years, &err) ||
	    qc_calendar_open(f->s, &c, &err)) {
		fail_msg("calendar: %s", err.msg);
		abort();
	}
	return c;
}

static long day(const char *iso)
{
	long d = 0;
	assert_true(qc_date_days(iso, &d));
	return d;
}

static int64_t add(struct fixture *f, enum qc_complaint_kind kind,
		   const char *region, const char *on, const char *no)
{
	struct qc_error err = { 0 };
	struct qc_complaint_new in = {
		.kind = kind,
		.channel = "12315",
		.platform_no = no,
		.received_on = on,
		.region = region,
		.respondent = "某超市",
		.text = "购买的电热水壶漏电",
		.person_name = "张三丰",
		.person_phone = "13812341234",
		.person_id = "230903199001011234",
		.amount = 129.5,
	};
	int64_t id = 0;
	if (qc_complaint_add(f->s, &in, "t", &id, &err)) {
		fail_msg("add: %s", err.msg);
		abort();
	}
	return id;
}

static void get(struct fixture *f, struct qc_calendar *cal, int64_t id,
		const char *today, struct qc_complaint *c)
{
	struct qc_error err = { 0 };
	assert_int_equal(qc_complaint_get(f->s, cal, id, day(today), c, &err),
			 QC_OK);
}

static void complaint_through_its_steps(void **state)
{
	struct fixture *f = *state;
	struct qc_calendar *cal = calendar(f);
	struct qc_error err = { 0 };
	struct qc_complaint c;
	char want[11];
	int64_t id = add(f, QC_COMPLAINT, "桃山区", "2024-02-08", NULL);

	/* Acceptance is due on the 7th working day: Friday 23 Feb. */
	get(f, cal, id, "2024-02-21", &c);
	assert_string_equal(c.awaiting, "accept");
	assert_string_equal(c.due, "2024-02-23");
	assert_int_equal(c.workdays_left, 2);
	assert_true(c.due_soon);
	assert_false(c.overdue);
	assert_non_null(strstr(c.rule, "第十四条"));
	qc_complaint_release(&c);
	get(f, cal, id, "2024-02-27", &c);
	assert_true(c.overdue);
	assert_int_equal(c.workdays_left, -2);
	qc_complaint_release(&c);

	/* An item that is not there, read or moved. */
	assert_int_equal(qc_complaint_get(f->s, cal, id + 100,
					  day("2024-02-21"), &c, &err),
			 QC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no complaint or report"));
	assert_int_equal(qc_complaint_move(f->s, id + 100, "accepted",
					   "2024-02-20", NULL, "t", &err),
			 QC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no complaint or report"));

	/* Mediation cannot come before acceptance. */
	assert_int_equal(qc_complaint_move(f->s, id, "mediating", "2024-02-20",
					   NULL, "t", &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "accepted"));
	/* Not before the day it was received. */
	assert_int_equal(qc_complaint_move(f->s, id, "accepted", "2024-02-07",
					   NULL, "t", &err),
			 QC_EINVAL);
	assert_int_equal(qc_complaint_move(f->s, id, "accepted", "2024-02-20",
					   NULL, "t", &err),
			 QC_OK);
	get(f, cal, id, "2024-02-21", &c);
	assert_string_equal(c.awaiting, "mediate");
	assert_int_equal(qc_calendar_add_workdays(cal, "2024-02-20", 45, want,
						  &err),
			 QC_OK);
	assert_string_equal(c.due, want);
	qc_complaint_release(&c);

	assert_int_equal(qc_complaint_move(f->s, id, "mediating", "2024-02-21",
					   NULL, "t", &err),
			 QC_OK);
	/* Ending mediation needs its reason. */
	assert_int_equal(qc_complaint_move(f->s, id, "mediation_ended",
					   "2024-03-01", NULL, "t", &err),
			 QC_EINVAL);
	assert_int_equal(qc_complaint_move(f->s, id, "mediation_ended",
					   "2024-03-01", "被投诉人拒绝调解",
					   "t", &err),
			 QC_OK);
	get(f, cal, id, "2024-03-01", &c);
	assert_string_equal(c.awaiting, "notify");
	assert_string_equal(c.due, "2024-03-12");
	qc_complaint_release(&c);
	assert_int_equal(qc_complaint_move(f->s, id, "closed", "2024-03-05",
					   NULL, "t", &err),
			 QC_OK);
	get(f, cal, id, "2024-03-05", &c);
	assert_null(c.awaiting);
	assert_string_equal(c.due, "");
	qc_complaint_release(&c);
	assert_int_equal(qc_complaint_move(f->s, id, "accepted", "2024-03-06",
					   NULL, "t", &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "(none: closed)"));
	assert_int_equal(count_rows(f->s, "complaint_events"), 5);
	qc_calendar_free(cal);
}

static void report_extension_and_transfer(void **state)
{
	struct fixture *f = *state;
	struct qc_calendar *cal = calendar(f);
	struct qc_error err = { 0 };
	struct qc_complaint c;
	int64_t id = add(f, QC_REPORT, "230902", "2024-09-30", NULL);

	get(f, cal, id, "2024-10-08", &c);
	assert_string_equal(c.awaiting, "decide");
	assert_string_equal(c.due, "2024-10-25");
	qc_complaint_release(&c);

	/* Sent to 沙坡头区's regulator on 14 Oct: its clock starts there. */
	assert_int_equal(qc_complaint_transfer(f->s, id, "沙坡头区",
					       "2024-10-14", "t", &err),
			 QC_OK);
	get(f, cal, id, "2024-10-14", &c);
	assert_string_equal(c.region, "640502");
	assert_string_equal(c.received_on, "2024-10-14");
	assert_string_equal(c.due, "2024-11-04");
	qc_complaint_release(&c);
	/* A prefecture is not a handling regulator. */
	assert_int_equal(qc_complaint_transfer(f->s, id, "七台河市",
					       "2024-10-15", "t", &err),
			 QC_EINVAL);

	assert_int_equal(qc_complaint_extend(f->s, id, NULL, "2024-10-20", "t",
					     &err),
			 QC_EINVAL);
	assert_int_equal(qc_complaint_extend(f->s, id, "李局长", "2024-10-20",
					     "t", &err),
			 QC_OK);
	get(f, cal, id, "2024-10-21", &c);
	assert_true(c.extended);
	assert_string_equal(c.due, "2024-11-25");
	qc_complaint_release(&c);
	assert_int_equal(qc_complaint_extend(f->s, id, "李局长", "2024-10-21",
					     "t", &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_complaint_move(f->s, id, "checked", "2024-10-22",
					   NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_transfer(f->s, id, "桃山区", "2024-10-23",
					       "t", &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_complaint_move(f->s, id, "not_opened", "2024-10-23",
					   NULL, "t", &err),
			 QC_EINVAL);
	assert_int_equal(qc_complaint_move(f->s, id, "case_opened",
					   "2024-10-23", NULL, "t", &err),
			 QC_OK);
	qc_calendar_free(cal);
}

static void platform_numbers_and_bad_input(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_complaint_new in = {
		.kind = QC_COMPLAINT,
		.channel = "12315",
		.platform_no = "1234567",
		.received_on = "2024-05-06",
		.region = "桃山区",
		.respondent = "某商店",
		.text = "以次充好",
		.amount = -1,
	};
	int64_t id;

	add(f, QC_COMPLAINT, "桃山区", "2024-05-06", "1234567");
	long long before = count_rows(f->s, "complaints");
	long long audit = count_rows(f->s, "audit_log");
	assert_int_equal(qc_complaint_add(f->s, &in, "t", &id, &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "1234567"));
	in.platform_no = NULL;
	in.channel = "fax";
	assert_int_equal(qc_complaint_add(f->s, &in, "t", &id, &err),
			 QC_EINVAL);
	in.channel = "web";
	in.received_on = "2999-01-01";
	assert_int_equal(qc_complaint_add(f->s, &in, "t", &id, &err),
			 QC_EINVAL);
	in.received_on = "2024-05-06";
	in.region = "七台河市";
	assert_int_equal(qc_complaint_add(f->s, &in, "t", &id, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "not a county"));
	in.region = "桃山区";
	in.respondent_uscc = "91230900MA1234567X";
	assert_int_equal(qc_complaint_add(f->s, &in, "t", &id, &err),
			 QC_EINVAL);
	assert_int_equal(count_rows(f->s, "complaints"), before);
	assert_int_equal(count_rows(f->s, "audit_log"), audit);
}

static void board_most_urgent_first(void **state)
{
	struct fixture *f = *state;
	struct qc_calendar *cal = calendar(f);
	struct qc_error err = { 0 };
	struct qc_complaint_list l;
	int64_t late = add(f, QC_COMPLAINT, "桃山区", "2024-02-01", NULL);
	int64_t soon = add(f, QC_COMPLAINT, "230902", "2024-02-08", NULL);
	int64_t calm = add(f, QC_REPORT, "沙坡头区", "2024-02-20", NULL);

	assert_int_equal(qc_complaint_open(f->s, cal, NULL, day("2024-02-21"),
					   false, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[0].id, late);
	assert_true(l.v[0].overdue);
	assert_int_equal(l.v[1].id, soon);
	assert_int_equal(l.v[2].id, calm);
	qc_complaint_list_release(&l);
	assert_int_equal(qc_complaint_open(f->s, cal, NULL, day("2024-02-21"),
					   true, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 2);
	qc_complaint_list_release(&l);
	/* The city's subtree holds its two districts' items only. */
	assert_int_equal(qc_complaint_open(f->s, cal, "230900",
					   day("2024-02-21"), false, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 2);
	qc_complaint_list_release(&l);
	qc_calendar_free(cal);
}

/* The overdue board in pages: every overdue item once, by deadline then
 * id, the same set as the whole board's overdue items; the cursor read
 * back gives the same page again. */
static void overdue_board_in_pages(void **state)
{
	struct fixture *f = *state;
	struct qc_calendar *cal = calendar(f);
	struct qc_error err = { 0 };
	struct qc_complaint_list l, all;
	static const char *const days[] = { "2024-01-02", "2024-01-02",
					    "2024-01-15", "2024-02-01",
					    "2024-02-08", "2024-02-08",
					    "2024-02-19", "2024-03-01",
					    "2024-03-20", "2024-03-28" };
	const char *regions[] = { "桃山区", "230902", "沙坡头区" };
	char after[QC_COMPLAINT_CURSOR_SIZE] = "",
	     next[QC_COMPLAINT_CURSOR_SIZE], again[QC_COMPLAINT_CURSOR_SIZE],
	     page2[QC_COMPLAINT_CURSOR_SIZE] = "";
	int64_t seen[64], page2_first = 0;
	size_t nseen = 0, total = 0, overdue = 0, pages = 0, t;
	long today = day("2024-04-01");

	for (size_t i = 0; i < 30; i++) {
		enum qc_complaint_kind k = i % 3 == 2 ? QC_REPORT :
							QC_COMPLAINT;
		int64_t id = add(f, k, regions[i % 3], days[(i * 7) % 10],
				 NULL);
		/* Some accepted (the 45-day clock), one closed, one report
		 * extended: each deadline rule on the board. */
		if (k == QC_COMPLAINT && i % 4 == 1 &&
		    strcmp(days[(i * 7) % 10], "2024-03-28") < 0)
			assert_int_equal(qc_complaint_move(f->s, id, "accepted",
							   "2024-03-29", NULL,
							   "t", &err),
					 QC_OK);
		if (i == 5)
			assert_int_equal(qc_complaint_extend(f->s, id, "李局长",
							     "2024-03-29", "t",
							     &err),
					 QC_OK);
	}
	assert_int_equal(qc_complaint_open(f->s, cal, NULL, today, false, &all,
					   &err),
			 QC_OK);
	for (size_t i = 0; i < all.n; i++)
		overdue += all.v[i].overdue;
	assert_true(overdue > 8 && overdue < all.n);

	char last_due[11] = "";
	int64_t last_id = 0;
	do {
		assert_int_equal(qc_complaint_overdue(f->s, cal, NULL, today,
						      after, 4, &l, &total,
						      next, &err),
				 QC_OK);
		assert_int_equal(total, overdue);
		assert_true(l.n >= 1 && l.n <= 4);
		for (size_t i = 0; i < l.n; i++) {
			int c = strcmp(l.v[i].due, last_due);
			assert_true(l.v[i].overdue);
			assert_true(c > 0 || (c == 0 && l.v[i].id > last_id));
			snprintf(last_due, sizeof(last_due), "%s", l.v[i].due);
			last_id = l.v[i].id;
			assert_true(nseen < 64);
			seen[nseen++] = l.v[i].id;
		}
		if (pages++ == 1) {
			snprintf(page2, sizeof(page2), "%s", after);
			page2_first = l.v[0].id;
		}
		assert_true(next[0] ? l.n == 4 : true);
		qc_complaint_list_release(&l);
		snprintf(after, sizeof(after), "%s", next);
	} while (after[0]);
	assert_int_equal(pages, (overdue + 3) / 4);
	assert_int_equal(nseen, overdue);
	/* The same set as the whole board's overdue items, each once. */
	for (size_t i = 0; i < all.n; i++) {
		size_t hits = 0;
		for (size_t j = 0; j < nseen; j++)
			hits += seen[j] == all.v[i].id;
		assert_int_equal(hits, all.v[i].overdue ? 1 : 0);
	}
	qc_complaint_list_release(&all);
	/* The cursor read back: the second page again. */
	assert_int_equal(qc_complaint_overdue(f->s, cal, NULL, today, page2, 4,
					      &l, &t, again, &err),
			 QC_OK);
	assert_int_equal(l.v[0].id, page2_first);
	assert_int_equal(l.v[0].id, seen[4]);
	qc_complaint_list_release(&l);
	/* A county's subtree: its own overdue items only. */
	assert_int_equal(qc_complaint_overdue(f->s, cal, "640502", today, NULL,
					      1000, &l, &t, next, &err),
			 QC_OK);
	assert_true(t >= 1 && t < overdue && l.n == t && !next[0]);
	for (size_t i = 0; i < l.n; i++)
		assert_string_equal(l.v[i].region, "640502");
	qc_complaint_list_release(&l);
	/* Bad cursors and page sizes name what to give. */
	assert_int_equal(qc_complaint_overdue(f->s, cal, NULL, today,
					      "2024-02-30.1", 4, &l, &t, next,
					      &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "YYYY-MM-DD.ID"));
	assert_int_equal(qc_complaint_overdue(f->s, cal, NULL, today,
					      "2024-02-01.x", 4, &l, &t, next,
					      &err),
			 QC_EINVAL);
	assert_int_equal(qc_complaint_overdue(f->s, cal, NULL, today, NULL, 0,
					      &l, &t, next, &err),
			 QC_EINVAL);
	/* Past the last item: an empty page. */
	assert_int_equal(qc_complaint_overdue(f->s, cal, NULL, today,
					      "2099-01-01.1", 4, &l, &t, next,
					      &err),
			 QC_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(t, overdue);
	assert_string_equal(next, "");
	qc_complaint_list_release(&l);
	qc_calendar_free(cal);
}

static void personal_data_masked(void **state)
{
	struct fixture *f = *state;
	char out[64];
	struct qc_stmt *st;

	qc_mask_phone("13812341234", out, sizeof(out));
	assert_string_equal(out, "138****1234");
	qc_mask_name("张三丰", out, sizeof(out));
	assert_string_equal(out, "张**");
	qc_mask_id("230903199001011234", out, sizeof(out));
	assert_string_equal(out, "230903********1234");
	qc_mask_phone("12", out, sizeof(out));
	assert_string_equal(out, "****");
	qc_mask_name(NULL, out, sizeof(out));
	assert_string_equal(out, "");
	/* The audit log keeps the masked forms only. */
	add(f, QC_COMPLAINT, "桃山区", "2024-05-06", NULL);
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT after_json FROM audit_log"
					 " WHERE entity = 'complaint'",
					 &st, NULL),
			 QC_OK);
	assert_int_equal(qc_stmt_next(st, NULL), QC_ROW);
	assert_null(strstr(qc_stmt_text(st, 0), "13812341234"));
	assert_non_null(strstr(qc_stmt_text(st, 0), "138****1234"));
	assert_null(strstr(qc_stmt_text(st, 0), "张三丰"));
	qc_stmt_free(st);
}


static double stored(struct fixture *f, int64_t ind, const char *region,
		     const char *period)
{
	struct qc_stmt *st;
	double v = -1;
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT value FROM"
					 " indicator_values WHERE indicator_id = ?"
					 " AND region_code = ? AND period = ?",
					 &st, NULL),
			 QC_OK);
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_text(st, 2, region);
	qc_stmt_bind_text(st, 3, period);
	if (qc_stmt_next(st, NULL) == QC_ROW)
		v = qc_stmt_double(st, 0);
	qc_stmt_free(st);
	return v;
}

static void figures_feed_bound_indicators(void **state)
{
	struct fixture *f = *state;
	struct qc_calendar *cal = calendar(f);
	struct qc_error err = { 0 };
	struct qc_complaint_figures fig;
	double v;
	long base;
	int64_t ind;

	/* Accepted on the 7th working day (on time) and on the 8th (late). */
	int64_t a = add(f, QC_COMPLAINT, "桃山区", "2024-02-08", NULL);
	int64_t b = add(f, QC_COMPLAINT, "230902", "2024-02-08", NULL);
	assert_int_equal(qc_complaint_move(f->s, a, "accepted", "2024-02-23",
					   NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_move(f->s, b, "accepted", "2024-02-26",
					   NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_indicator_ensure(f->s, "投诉受理及时率", "%", false,
					     &ind, &err),
			 QC_OK);
	assert_int_equal(qc_complaint_bind(f->s, "投诉受理及时率",
					   "accept_on_time", "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_bind(f->s, "投诉受理及时率", "speed", "t",
					   &err),
			 QC_EINVAL);
	/* The city holds both (1 of 2 on time), each district its own. */
	assert_true(stored(f, ind, "230900", "2024") == 50.0);
	assert_true(stored(f, ind, "230903", "2024") == 100.0);
	assert_true(stored(f, ind, "230902", "2024") == 0.0);

	/* Kept current by the next step: mediation agreed for a, ended for b. */
	assert_int_equal(qc_complaint_move(f->s, a, "mediating", "2024-02-26",
					   NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_move(f->s, a, "agreed", "2024-03-01",
					   NULL, "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_move(f->s, b, "mediation_ended",
					   "2024-03-01", "拒绝调解", "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_outcome(f->s, a, 5, 129.5, "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_outcome(f->s, b, 2, -1, "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_outcome(f->s, b, 9, -1, "t", &err),
			 QC_EINVAL);
	assert_int_equal(qc_complaint_figures(f->s, cal, "230900", 2024, &fig,
					      &err),
			 QC_OK);
	assert_int_equal(fig.items, 2);
	assert_int_equal(fig.decided, 2);
	assert_int_equal(fig.decided_on_time, 1);
	assert_int_equal(fig.concluded, 2);
	assert_int_equal(fig.agreed, 1);
	assert_int_equal(fig.handled_on_time, 2);
	assert_int_equal(fig.rated, 2);
	assert_int_equal(fig.satisfied, 1);
	assert_true(fig.recovered == 129.5);
	assert_true(qc_complaint_measure(&fig, "mediation_success", &v, &base));
	assert_true(v == 50.0 && base == 2);
	/* A year without items has no rate. */
	assert_int_equal(qc_complaint_figures(f->s, cal, "230900", 2023, &fig,
					      &err),
			 QC_OK);
	assert_false(qc_complaint_measure(&fig, "accept_on_time", &v, &base));

	/* A transfer moves the item's share from one county to the other. */
	int64_t c = add(f, QC_COMPLAINT, "桃山区", "2024-03-04", NULL);
	assert_int_equal(qc_complaint_transfer(f->s, c, "230902", "2024-03-05",
					       "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_figures(f->s, cal, "230903", 2024, &fig,
					      &err),
			 QC_OK);
	assert_int_equal(fig.items, 1);
	assert_int_equal(qc_complaint_figures(f->s, cal, "230902", 2024, &fig,
					      &err),
			 QC_OK);
	assert_int_equal(fig.items, 2);

	/* Complaints per 10 000 registered enterprises, from the series the
	 * regulator's register statistics are imported into: none recorded
	 * for 桃山区, 6 000 for the city. */
	int64_t ent, per;
	assert_int_equal(qc_indicator_ensure(f->s, QC_COMPLAINT_ENTERPRISES,
					     "户", false, &ent, &err),
			 QC_OK);
	struct qc_value_in n = { .indicator_id = ent,
				 .region = "230900",
				 .period = "2024",
				 .value = 6000,
				 .source = "七台河市市场主体统计" };
	assert_int_equal(qc_value_set(f->s, &n, "t", &err), QC_OK);
	assert_int_equal(qc_indicator_ensure(f->s, "每万户企业投诉量", "件",
					     true, &per, &err),
			 QC_OK);
	assert_int_equal(qc_complaint_bind(f->s, "每万户企业投诉量",
					   "per_10k_enterprises", "t", &err),
			 QC_OK);
	assert_true(stored(f, per, "230900", "2024") == 5.0);
	assert_true(stored(f, per, "230903", "2024") == -1);
	assert_int_equal(qc_complaint_figures(f->s, cal, "230900", 2024, &fig,
					      &err),
			 QC_OK);
	assert_true(fig.enterprises == 6000);
	assert_true(
		qc_complaint_measure(&fig, "per_10k_enterprises", &v, &base));
	assert_true(v == 5.0 && base == 3);
	/* The next step rewrites it: the city has 4 complaints now. */
	add(f, QC_COMPLAINT, "桃山区", "2024-03-06", NULL);
	assert_true(stored(f, per, "230900", "2024") == 10000.0 * 4 / 6000);

	/* The counts kept step by step are those counted afresh (bind
	 * rebuilds them from the items). */
	struct qc_complaint_figures kept, fresh;
	assert_int_equal(qc_complaint_figures(f->s, cal, "230900", 2024, &kept,
					      &err),
			 QC_OK);
	assert_int_equal(qc_complaint_bind(f->s, "投诉受理及时率",
					   "accept_on_time", "t", &err),
			 QC_OK);
	assert_int_equal(qc_complaint_figures(f->s, cal, "230900", 2024, &fresh,
					      &err),
			 QC_OK);
	assert_memory_equal(&kept, &fresh, sizeof(kept));
	assert_int_equal(kept.items, 4);
	qc_calendar_free(cal);
}


/* Complaints per 10 000 registered enterprises: the enterprises are the
 * imported series 登记在册企业数 of the region and year, never guessed. */
static void per_10k_enterprises_figure(void **state)
{
	struct fixture *f = *state;
	struct qc_calendar *cal = calendar(f);
	struct qc_error err = { 0 };
	struct qc_complaint_figures fig;
	double v;
	long base;
	int64_t ent;

	add(f, QC_COMPLAINT, "桃山区", "2024-02-08", NULL);
	add(f, QC_COMPLAINT, "230902", "2024-03-08", NULL);
	add(f, QC_REPORT, "230902", "2024-03-08", NULL);
	assert_int_equal(qc_complaint_figures(f->s, cal, "230900", 2024, &fig,
					      &err),
			 QC_OK);
	assert_true(fig.enterprises == 0);
	assert_false(
		qc_complaint_measure(&fig, "per_10k_enterprises", &v, &base));
	assert_int_equal(qc_indicator_ensure(f->s, QC_COMPLAINT_ENTERPRISES,
					     "户", false, &ent, &err),
			 QC_OK);
	struct qc_value_in n = { .indicator_id = ent,
				 .region = "230900",
				 .period = "2024",
				 .value = 4000,
				 .source = "七台河市市场主体统计" };
	assert_int_equal(qc_value_set(f->s, &n, "t", &err), QC_OK);
	assert_int_equal(qc_complaint_figures(f->s, cal, "230900", 2024, &fig,
					      &err),
			 QC_OK);
	assert_true(fig.enterprises == 4000);
	/* Two complaints (the report is not one) in 4 000 enterprises. */
	assert_true(
		qc_complaint_measure(&fig, "per_10k_enterprises", &v, &base));
	assert_true(v == 5.0 && base == 2);
	/* Another year, another region: not recorded, no figure. */
	assert_int_equal(qc_complaint_figures(f->s, cal, "230903", 2024, &fig,
					      &err),
			 QC_OK);
	assert_false(
		qc_complaint_measure(&fig, "per_10k_enterprises", &v, &base));
	/* The series itself is imported, never computed. */
	assert_int_equal(qc_complaint_bind(f->s, QC_COMPLAINT_ENTERPRISES,
					   "items", "t", &err),
			 QC_EINVAL);
	qc_calendar_free(cal);
}

static void hotspots_against_own_history(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_hotspot_list l;
	char on[11];

	/* 桃山区: one item a month for a year, then six in March 2024. */
	for (int m = 0; m < 12; m++) {
		int mo = 3 + m; /* March 2023 to February 2024 */
		snprintf(on, sizeof(on), "%04d-%02d-10", mo > 12 ? 2024 : 2023,
			 mo > 12 ? mo - 12 : mo);
		add(f, QC_COMPLAINT, "桃山区", on, NULL);
	}
	for (int i = 0; i < 6; i++)
		add(f, QC_COMPLAINT, "桃山区", "2024-03-05", NULL);
	/* 新兴区: nothing before, three in March. 沙坡头区: two. */
	for (int i = 0; i < 3; i++)
		add(f, QC_COMPLAINT, "230902", "2024-03-06", NULL);
	for (int i = 0; i < 2; i++)
		add(f, QC_COMPLAINT, "沙坡头区", "2024-03-06", NULL);

	assert_int_equal(qc_complaint_hotspots(f->s, NULL, "2024-03", &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].region, "230902"); /* least probable */
	assert_int_equal(l.v[0].count, 3);
	assert_string_equal(l.v[1].region, "230903");
	assert_int_equal(l.v[1].count, 6);
	assert_true(l.v[1].expected == 1.0);
	assert_true(l.v[1].p < 0.001 && l.v[1].p > 0.0005);
	assert_string_equal(l.v[1].category, "未分类");
	qc_hotspot_list_release(&l);
	/* The month before: 桃山区's one item is its usual. */
	assert_int_equal(qc_complaint_hotspots(f->s, NULL, "2024-02", &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 0);
	qc_hotspot_list_release(&l);
	assert_int_equal(qc_complaint_hotspots(f->s, "640000", "2024-03", &l,
					       &err),
			 QC_OK);
	assert_int_equal(l.n, 0);
	qc_hotspot_list_release(&l);
	assert_int_equal(qc_complaint_hotspots(f->s, NULL, "2024-13", &l, &err),
			 QC_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(complaint_through_its_steps,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(report_extension_and_transfer,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(platform_numbers_and_bad_input,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(board_most_urgent_first,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(figures_feed_bound_indicators,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(per_10k_enterprises_figure,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(hotspots_against_own_history,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(overdue_board_in_pages,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(personal_data_masked,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
