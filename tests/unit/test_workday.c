/* Working days and legal deadlines, on the holiday notices of the real
 * chinese-days package ($QCITY_CALENDAR): the 2024 and 2025 Spring
 * Festival and National Day holidays with their 调休 weekend workdays. */
#include "testutil.h"
#include "qcity/workday.h"

static const char *calendar_file(void)
{
	const char *p = getenv("QCITY_CALENDAR");
	if (!p || !*p) {
		fail_msg("QCITY_CALENDAR is not set (tests/unit/meson.build)");
		abort();
	}
	return p;
}

static struct qc_calendar *loaded(struct fixture *f)
{
	struct qc_error err = { 0 };
	struct qc_calendar *c;
	int years;

	if (qc_calendar_load(f->s, calendar_file(), "t", &years, &err)) {
		fail_msg("load: %s", err.msg);
		abort();
	}
	assert_true(years >= 22); /* 2004 to at least 2025 */
	if (qc_calendar_open(f->s, &c, &err)) {
		fail_msg("open: %s", err.msg);
		abort();
	}
	return c;
}

static void workday_is(struct qc_calendar *c, const char *date, bool want)
{
	struct qc_error err = { 0 };
	bool on = !want;
	assert_int_equal(qc_calendar_is_workday(c, date, &on, NULL, &err),
			 QC_OK);
	if (on != want) {
		fail_msg("%s: expected %s", date, want ? "workday" : "day off");
		abort();
	}
}

static void add_is(struct qc_calendar *c, const char *from, int n,
		   const char *want)
{
	struct qc_error err = { 0 };
	char out[11];
	assert_int_equal(qc_calendar_add_workdays(c, from, n, out, &err),
			 QC_OK);
	assert_string_equal(out, want);
}

static void holidays_and_makeup_days(void **state)
{
	struct qc_calendar *c = loaded(*state);
	struct qc_error err = { 0 };
	const char *name = NULL;
	bool on;

	/* 2024 春节: 10–17 Feb off; Sunday 4 Feb and Sunday 18 Feb worked. */
	workday_is(c, "2024-02-09", true);
	workday_is(c, "2024-02-12", false); /* a Monday, off */
	workday_is(c, "2024-02-04", true);  /* a Sunday, worked */
	workday_is(c, "2024-02-18", true);
	workday_is(c, "2024-02-24", false); /* an ordinary Saturday */
	/* 2024 国庆: 1–7 Oct off; Sunday 29 Sep and Saturday 12 Oct worked. */
	workday_is(c, "2024-09-29", true);
	workday_is(c, "2024-10-07", false);
	workday_is(c, "2024-10-12", true);
	/* 2025 春节: 28 Jan–4 Feb off; Sunday 26 Jan and Saturday 8 Feb worked. */
	workday_is(c, "2025-01-26", true);
	workday_is(c, "2025-02-04", false);
	workday_is(c, "2025-02-08", true);
	/* 2025 国庆 and 中秋: 1–8 Oct off; 28 Sep and 11 Oct worked. */
	workday_is(c, "2025-10-08", false);
	workday_is(c, "2025-10-11", true);
	assert_int_equal(qc_calendar_is_workday(c, "2025-01-29", &on, &name,
						&err),
			 QC_OK);
	assert_non_null(name);
	assert_string_equal(name, "春节");
	qc_calendar_free(c);
}

static void deadlines_cross_holidays(void **state)
{
	struct qc_calendar *c = loaded(*state);
	struct qc_error err = { 0 };
	char out[11];
	int n;

	/* A complaint received on Thursday 8 Feb 2024: Fri 9th is day 1, the
	 * holiday passes, the make-up Sunday 18th is day 2, Fri 23rd day 7. */
	assert_int_equal(qc_deadline_due(c, QC_DL_COMPLAINT_ACCEPT,
					 "2024-02-08", out, &err),
			 QC_OK);
	assert_string_equal(out, "2024-02-23");
	/* Received Friday 26 Sep 2025: Sun 28 (made up) 1, 29, 30, then
	 * 9 Oct 4, 10 Oct 5, Saturday 11 Oct (made up) 6, Monday 13 Oct 7. */
	add_is(c, "2025-09-26", 7, "2025-10-13");
	/* Received on a holiday: counting starts with the next working day. */
	add_is(c, "2025-01-29", 1, "2025-02-05");
	/* A report received Monday 30 Sep 2024: 15 working days. */
	assert_int_equal(qc_deadline_due(c, QC_DL_REPORT_DECIDE, "2024-09-30",
					 out, &err),
			 QC_OK);
	assert_string_equal(out, "2024-10-25");
	assert_int_equal(qc_deadline_days(QC_DL_COMPLAINT_MEDIATE, NULL), 45);
	assert_int_equal(qc_calendar_workdays_between(c, "2024-02-08",
						      "2024-02-23", &n, &err),
			 QC_OK);
	assert_int_equal(n, 7);
	qc_calendar_free(c);
}

static void outside_the_loaded_years_is_an_error(void **state)
{
	struct qc_calendar *c = loaded(*state);
	struct qc_error err = { 0 };
	char out[11];
	int first, last;
	bool on;

	qc_calendar_span(c, &first, &last);
	assert_int_equal(first, 2004);
	assert_int_equal(qc_calendar_is_workday(c, "2003-06-02", &on, NULL,
						&err),
			 QC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "calendar load"));
	/* A deadline that runs past the last loaded year is refused. */
	char late[11];
	snprintf(late, sizeof(late), "%d-12-30", last);
	assert_int_equal(qc_calendar_add_workdays(c, late, 7, out, &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_calendar_add_workdays(c, "2024-02-30", 7, out,
						  &err),
			 QC_EINVAL);
	assert_int_equal(qc_calendar_add_workdays(c, "2024-02-08", 0, out,
						  &err),
			 QC_EINVAL);
	qc_calendar_free(c);
}

static void bad_files_load_nothing(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_calendar *c;
	char p[128];
	int years;

	assert_int_equal(qc_calendar_open(f->s, &c, &err), QC_ENOTFOUND);
	c = loaded(f);
	qc_calendar_free(c);
	long long before = count_rows(f->s, "calendar_days");
	/* A day listed both as holiday and make-up workday. */
	snprintf(p, sizeof(p), "%s/both.json", f->dir);
	write_file(p, "{\"holidays\":{\"2030-01-01\":\"x,元旦,1\"},"
		      "\"workdays\":{\"2030-01-01\":\"x,元旦,1\"}}");
	assert_int_equal(qc_calendar_load(f->s, p, "t", &years, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "2030-01-01"));
	/* A year missing between two others. */
	write_file(p, "{\"holidays\":{\"2030-01-01\":\"x,元旦,1\","
		      "\"2032-01-01\":\"x,元旦,1\"},\"workdays\":{}}");
	assert_int_equal(qc_calendar_load(f->s, p, "t", &years, &err),
			 QC_EINVAL);
	/* Not a date. */
	write_file(p, "{\"holidays\":{\"2030-13-01\":\"x,元旦,1\"},"
		      "\"workdays\":{}}");
	assert_int_equal(qc_calendar_load(f->s, p, "t", &years, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "2030-13-01"));
	write_file(p, "[]");
	assert_int_equal(qc_calendar_load(f->s, p, "t", &years, &err),
			 QC_EINVAL);
	snprintf(p, sizeof(p), "%s/missing.json", f->dir);
	assert_int_equal(qc_calendar_load(f->s, p, "t", &years, &err), QC_EIO);
	assert_int_equal(count_rows(f->s, "calendar_days"), before);
	assert_int_equal(qc_calendar_open(f->s, &c, &err), QC_OK);
	int first, last;
	qc_calendar_span(c, &first, &last);
	assert_int_equal(first, 2004);
	qc_calendar_free(c);
}

/* `qcity init` loads the notices on every run: the same notices again
 * write nothing (no audit row, the data version stays), a changed name
 * reloads them. */
static void same_notices_write_nothing(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	int64_t v0, v1;
	char p[128];
	int years = 0;

	qc_calendar_free(loaded(f));
	assert_int_equal(count_rows(f->s, "audit_log WHERE entity = "
					  "'calendar'"),
			 1);
	assert_int_equal(qc_store_data_version(f->s, &v0, &err), QC_OK);
	assert_int_equal(qc_calendar_load(f->s, calendar_file(), "t", &years,
					  &err),
			 QC_OK);
	assert_true(years >= 22);
	assert_int_equal(qc_store_data_version(f->s, &v1, &err), QC_OK);
	assert_int_equal(v1, v0);
	assert_int_equal(count_rows(f->s, "audit_log WHERE entity = "
					  "'calendar'"),
			 1);
	/* Two small files: the second renames a holiday. */
	snprintf(p, sizeof(p), "%s/one.json", f->dir);
	write_file(p, "{\"holidays\":{\"2030-01-01\":\"x,元旦,1\"},"
		      "\"workdays\":{\"2030-01-05\":\"x,元旦,1\"}}");
	assert_int_equal(qc_calendar_load(f->s, p, "t", &years, &err), QC_OK);
	assert_int_equal(qc_calendar_load(f->s, p, "t", &years, &err), QC_OK);
	assert_int_equal(years, 1);
	assert_int_equal(count_rows(f->s, "audit_log WHERE entity = "
					  "'calendar'"),
			 2);
	write_file(p, "{\"holidays\":{\"2030-01-01\":\"x,新年,1\"},"
		      "\"workdays\":{\"2030-01-05\":\"x,元旦,1\"}}");
	assert_int_equal(qc_calendar_load(f->s, p, "t", &years, &err), QC_OK);
	assert_int_equal(count_rows(f->s, "audit_log WHERE entity = "
					  "'calendar'"),
			 3);
	assert_int_equal(count_rows(f->s, "calendar_days WHERE name = '新年'"),
			 1);
}

/* Every day of the covered years against the chinese-days package's own
 * functions (workday_expect.mjs writes their answers): whether the day is
 * a working day, the 1st, 7th, 15th and 45th working day after it (or an
 * error past the last covered year), and the working days up to 60 days
 * on. Two implementations of one reading of the notices must agree. */
static void agrees_with_the_package_every_day(void **state)
{
	struct qc_calendar *c = loaded(*state);
	static const int ns[] = { 1, 7, 15, 45 };
	const char *path = getenv("QCITY_WORKDAY_EXPECT");
	char line[256];
	int days = 0, first, last;
	FILE *fp;

	if (!path || !(fp = fopen(path, "r"))) {
		fail_msg(
			"QCITY_WORKDAY_EXPECT: no file (tests/unit/meson.build)");
		abort();
	}
	qc_calendar_span(c, &first, &last);
	while (fgets(line, sizeof(line), fp)) {
		char date[11], due[4][11], to[11], out[11];
		struct qc_error err = { 0 };
		int on, between, n = -1;
		bool is_on;

		if (line[0] == '#')
			continue;
		if (sscanf(line, "%10s %d %10s %10s %10s %10s %10s %d", date,
			   &on, due[0], due[1], due[2], due[3], to,
			   &between) < 7) {
			fail_msg("bad line: %s", line);
			abort();
		}
		assert_int_equal(qc_calendar_is_workday(c, date, &is_on, NULL,
							&err),
				 QC_OK);
		if (is_on != (on == 1))
			fail_msg("%s: the package says %s", date,
				 on ? "working day" : "day off");
		for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
			enum qc_rc rc = qc_calendar_add_workdays(c, date, ns[i],
								 out, &err);
			if (due[i][0] == '-') {
				if (rc != QC_ENOTFOUND)
					fail_msg("%s + %d: past %d, got %d",
						 date, ns[i], last, rc);
			} else if (rc != QC_OK || strcmp(out, due[i])) {
				fail_msg("%s + %d: the package says %s, qcity "
					 "%s (%s)",
					 date, ns[i], due[i],
					 rc ? "an error" : out, err.msg);
			}
		}
		if (to[0] != '-') {
			assert_int_equal(qc_calendar_workdays_between(c, date,
								      to, &n,
								      &err),
					 QC_OK);
			if (n != between)
				fail_msg("%s to %s: the package counts %d, "
					 "qcity %d",
					 date, to, between, n);
		}
		days++;
	}
	fclose(fp);
	/* Every day of every covered year was compared. */
	assert_int_equal(days, (last - first + 1) * 365 +
				       (last / 4 - (first - 1) / 4));
	qc_calendar_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(holidays_and_makeup_days,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(deadlines_cross_holidays,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(outside_the_loaded_years_is_an_error,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(bad_files_load_nothing,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(same_notices_write_nothing,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(agrees_with_the_package_every_day,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
