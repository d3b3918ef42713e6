/* Instruments under compulsory verification that may not be used (计量法
 * 第九条): past the date their certificate is valid until, or failed.
 * The reminder scan (src/lib/remind/metrology.c) tells the county's
 * region accounts and the office once per instrument and date, not
 * another county's, nothing before the date and nothing for one overdue
 * longer than QC_REMIND_OVERDUE_DAYS; a verification that passes gives a
 * new date, a new event when that one passes. The plan's alerts
 * (src/lib/engine/alerts.c) carry one metrology_overdue a county, led by
 * the instrument late the longest. */
#include "remind_util.h"
#include "qcity/alerts.h"
#include "qcity/auth.h"
#include "qcity/metrology.h"
#include "qcity/remind.h"

#define PW "amber-kettle-seventy"

/* 桃山区 (230903): M1 valid until 20 May 2025, M2 until 10 July, M3 failed
 * on 1 June; 新兴区 (230902): M4 until 1 March, long overdue. */
static const char register_csv[] =
	"器具编号,器具名称,使用单位,所在区县,有效期至,器具状态\n"
	"M1,电子计价秤,甲市场,230903,2025-05-20,在用\n"
	"M2,燃油加油机,乙加油站,230903,2025-07-10,在用\n"
	"M3,血压计,丙卫生院,230903,2025-09-01,在用\n"
	"M4,水表,丁水务,230902,2025-03-01,在用\n";

static void scan(struct fixture *f, const char *day)
{
	struct qc_error err = { 0 };
	struct qc_remind_report r = { 0 };
	if (qc_remind_scan(f->s, day, &r, &err))
		fail_msg("scan %s: %s", day, err.msg);
}

static void verify(struct fixture *f, const char *code, const char *on,
		   const char *result, const char *next)
{
	struct qc_error err = { 0 };
	struct qc_metrology_verification v = {
		.code = code, .date = on, .result = result, .next = next
	};
	if (qc_metrology_verify(f->s, &v, "t", &err))
		fail_msg("verify %s: %s", code, err.msg);
}

static void setup_register(struct fixture *f, int64_t *county, int64_t *other,
			   int64_t *office)
{
	struct qc_error err = { 0 };
	struct qc_import_counts st;
	char path[300];

	snprintf(path, sizeof(path), "%s/m.csv", f->dir);
	write_file(path, register_csv);
	setenv("QCITY_NOW", "2025-05-01", 1);
	if (qc_metrology_import(f->s, path, NULL, "t", &st, &err))
		fail_msg("import: %s", err.msg);
	assert_int_equal(qc_user_add(f->s, "taoshan", PW, QC_USER_REGION, NULL,
				     "230903", "admin", county, &err),
			 QC_OK);
	assert_int_equal(qc_user_add(f->s, "xinxing", PW, QC_USER_REGION, NULL,
				     "230902", "admin", other, &err),
			 QC_OK);
	assert_int_equal(qc_user_add(f->s, "office", PW, QC_USER_OFFICE, NULL,
				     NULL, "admin", office, &err),
			 QC_OK);
}

static void overdue_once_to_the_county(void **state)
{
	struct fixture *f = *state;
	int64_t county, other, office;

	setup_register(f, &county, &other, &office);
	/* 20 May: M1 is valid through that day; M4 is 80 days past, too
	 * long ago to be news. Nothing. */
	scan(f, "2025-05-20");
	assert_int_equal(events_of(f->s, "metrology_overdue"), 0);
	/* 21 May: M1 overdue, told once to 桃山区 and the office. */
	scan(f, "2025-05-21");
	assert_int_equal(events_of(f->s, "metrology_overdue"), 1);
	assert_int_equal(inbox_of(f->s, county, "metrology_overdue"), 1);
	assert_int_equal(inbox_of(f->s, office, "metrology_overdue"), 1);
	assert_int_equal(inbox_of(f->s, other, "metrology_overdue"), 0);
	scan(f, "2025-05-22");
	assert_int_equal(events_of(f->s, "metrology_overdue"), 1);

	/* M3 fails on 1 June: may not be used, told at once. M1 passes with
	 * a date a year on: nothing more of it until then. */
	setenv("QCITY_NOW", "2025-06-01", 1);
	verify(f, "M3", "2025-06-01", "不合格", NULL);
	verify(f, "M1", "2025-06-01", "合格", "2026-06-01");
	scan(f, "2025-06-02");
	assert_int_equal(events_of(f->s, "metrology_overdue"), 2);
	assert_int_equal(inbox_of(f->s, county, "metrology_overdue"), 2);
	/* M2 is due 10 July: no reminder ahead of the date (the law sets
	 * no time to apply before it), one the day after. */
	scan(f, "2025-07-10");
	assert_int_equal(events_of(f->s, "metrology_overdue"), 2);
	scan(f, "2025-07-11");
	assert_int_equal(events_of(f->s, "metrology_overdue"), 3);
	/* M1's new date passes: a new event for the same instrument. */
	scan(f, "2026-06-02");
	assert_int_equal(events_of(f->s, "metrology_overdue"), 4);
	unsetenv("QCITY_NOW");
}

static const char *plan_json =
	"{\"plan\": {\"title\": \"计量方案\", \"region\": {\"code\": \"230900\"},"
	"  \"period\": {\"start\": 2021, \"end\": 2025}},"
	" \"targets\": ["
	"  {\"indicator\": \"抽查合格率\", \"op\": \">=\", \"value\": 98,"
	"   \"unit\": \"%\", \"year\": 2025, \"owners\": [\"市市场监管局\"]}]}";

static void one_alert_a_county(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_alert_list l;
	int64_t county, other, office;
	const struct qc_alert *taoshan = NULL, *xinxing = NULL;
	long long id;

	setup_register(f, &county, &other, &office);
	id = test_plan_import(f->s, plan_json);
	setenv("QCITY_NOW", "2025-06-01", 1);
	verify(f, "M3", "2025-06-01", "不合格", NULL);
	/* 15 June: 桃山区 has M1 (26 days past) and M3 (failed 14 days
	 * ago); 新兴区 M4 (106 days past). */
	setenv("QCITY_NOW", "2025-06-15", 1);
	if (qc_alerts(f->s, id, &l, &err))
		fail_msg("alerts: %s", err.msg);
	assert_int_equal(l.count[QC_ALERT_METROLOGY_OVERDUE], 2);
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].kind != QC_ALERT_METROLOGY_OVERDUE)
			continue;
		if (!strcmp(l.v[i].region, "230903"))
			taoshan = &l.v[i];
		else if (!strcmp(l.v[i].region, "230902"))
			xinxing = &l.v[i];
	}
	if (!taoshan || !xinxing) {
		fail_msg("no metrology alert of 桃山区 or 新兴区");
		abort(); /* fail_msg does not return; cmocka does not say so */
	}
	/* Led by the longest: M1, 26 days; two instruments. */
	assert_non_null(strstr(taoshan->reason, "2 instrument(s)"));
	assert_non_null(strstr(taoshan->reason, "26 day(s)"));
	assert_non_null(strstr(taoshan->reason, "M1"));
	assert_int_equal(taoshan->severity, 2);
	assert_string_equal(taoshan->period, "2025-06");
	assert_non_null(strstr(xinxing->reason, "106 day(s)"));
	assert_int_equal(xinxing->severity, 3);
	assert_string_equal(qc_alert_kind_name(QC_ALERT_METROLOGY_OVERDUE),
			    "metrology_overdue");
	qc_alert_list_release(&l);
	unsetenv("QCITY_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(overdue_once_to_the_county,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(one_alert_a_county,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
