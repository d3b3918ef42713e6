/* Reminders of special equipment (src/lib/remind/equipment.c): 《特种设备
 * 安全法》第四十条 asks the user to request the periodic inspection a
 * calendar month before the due date, so a unit is told of once on its
 * request-by day (the same day of the month before; the month's last day
 * when there is none), and once when it is overdue; to the county's
 * region accounts and the office, not another county's. A new due date
 * after an inspection is a new event. */
#include "remind_util.h"
#include "qcity/auth.h"
#include "qcity/equipment.h"
#include "qcity/equipment_read.h"
#include "qcity/remind.h"

#define PW "amber-kettle-seventy"

static void request_by_a_calendar_month(void **state)
{
	static const char *const cases[][2] = {
		{ "2025-07-10", "2025-06-10" }, { "2025-01-15", "2024-12-15" },
		{ "2025-03-31", "2025-02-28" }, { "2024-03-31", "2024-02-29" },
		{ "2025-05-31", "2025-04-30" }, { "2025-03-01", "2025-02-01" },
	};
	char out[11];
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(qc_equipment_request_by(cases[i][0], out));
		assert_string_equal(out, cases[i][1]);
	}
	assert_false(qc_equipment_request_by("2025-02-30", out));
	assert_false(qc_equipment_request_by(NULL, out));
}

static void scan(struct fixture *f, const char *day, size_t events)
{
	struct qc_error err = { 0 };
	struct qc_remind_report r = { 0 };
	if (qc_remind_scan(f->s, day, &r, &err))
		fail_msg("scan %s: %s", day, err.msg);
	assert_int_equal(r.events, events);
}

/* A due 10 July 2025 (request by 10 June); B due 20 May, overdue. */
static void due_and_overdue_once(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_import_counts st;
	int64_t county, other, office;
	char path[300];

	snprintf(path, sizeof(path), "%s/eq.csv", f->dir);
	write_file(path, "注册代码,设备类别,使用单位,所在区县,下次检验日期\n"
			 "A1,电梯,甲物业,230903,2025-07-10\n"
			 "B1,锅炉,乙热力,230903,2025-05-20\n");
	setenv("QCITY_NOW", "2025-06-01", 1);
	assert_int_equal(qc_equipment_import(f->s, path, NULL, "t", &st, &err),
			 QC_OK);
	assert_int_equal(qc_user_add(f->s, "taoshan", PW, QC_USER_REGION, NULL,
				     "230903", "admin", &county, &err),
			 QC_OK);
	assert_int_equal(qc_user_add(f->s, "xinxing", PW, QC_USER_REGION, NULL,
				     "230902", "admin", &other, &err),
			 QC_OK);
	assert_int_equal(qc_user_add(f->s, "office", PW, QC_USER_OFFICE, NULL,
				     NULL, "admin", &office, &err),
			 QC_OK);

	/* 9 June: B overdue 20 days; A's request-by day is tomorrow. The
	 * digest is the scan's other event. */
	scan(f, "2025-06-09", 2);
	assert_int_equal(events_of(f->s, "equipment_overdue"), 1);
	assert_int_equal(events_of(f->s, "equipment_due"), 0);
	/* 10 June: a calendar month before 10 July, A is told of. */
	scan(f, "2025-06-10", 1);
	assert_int_equal(events_of(f->s, "equipment_due"), 1);
	assert_int_equal(inbox_of(f->s, county, "equipment_due"), 1);
	assert_int_equal(inbox_of(f->s, county, "equipment_overdue"), 1);
	assert_int_equal(inbox_of(f->s, office, "equipment_due"), 1);
	assert_int_equal(inbox_of(f->s, other, "equipment_due"), 0);
	assert_int_equal(inbox_of(f->s, other, "equipment_overdue"), 0);
	/* Again: nothing new. */
	scan(f, "2025-06-10", 0);
	scan(f, "2025-06-15", 0); /* the same ISO week: no digest */

	/* A inspected with its next due date a year on: nothing until a
	 * month before that, then a new event. */
	setenv("QCITY_NOW", "2025-06-20", 1);
	assert_int_equal(qc_equipment_inspect(f->s, "A1", "2025-06-20", "合格",
					      "2026-06-20", "t", &err),
			 QC_OK);
	scan(f, "2026-05-19", 1); /* the week's digest */
	assert_int_equal(events_of(f->s, "equipment_due"), 1);
	scan(f, "2026-05-20", 1);
	assert_int_equal(events_of(f->s, "equipment_due"), 2);
	/* B overdue for more than 30 days by then: not told again. */
	assert_int_equal(events_of(f->s, "equipment_overdue"), 1);
	unsetenv("QCITY_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(request_by_a_calendar_month),
		cmocka_unit_test_setup_teardown(due_and_overdue_once,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
