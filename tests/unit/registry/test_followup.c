/* Follow-up deadlines of unqualified results, computed by hand from the
 * rules: objection 15 days, correction 60, re-inspection 75, publication
 * 15, second re-inspection 60-90 days. */
#include "testutil.h"
#include "qcity/clock.h"
#include "qcity/followup.h"
#include "qcity/sampling.h"

static long D(const char *iso)
{
	long d;
	assert_true(qc_date_days(iso, &d));
	return d;
}

static struct qc_followup fresh(const char *notified)
{
	struct qc_followup f;
	memset(&f, 0, sizeof(f));
	snprintf(f.notified_on, sizeof(f.notified_on), "%s", notified);
	f.objection_upheld = f.reinspect_passed = f.second_passed = -1;
	return f;
}

static void dates(void **state)
{
	(void)state;
	char out[11];
	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("2024-03-01") - D("2024-02-28"), 2); /* leap */
	assert_int_equal(D("2023-03-01") - D("2023-02-28"), 1);
	qc_date_from_days(D("2023-05-12") + 75, out);
	assert_string_equal(out, "2023-07-26");
	long d;
	assert_false(qc_date_days("2023-02-29", &d));
	assert_false(qc_date_days("2023-5-1", &d));
}

static void the_steps(void **state)
{
	(void)state;
	struct qc_followup f = fresh("2023-05-10");

	/* Notice on 05-10: the order is due when the window closes, 05-25. */
	qc_followup_evaluate(&f, D("2023-05-20"));
	assert_string_equal(f.awaiting, "order");
	assert_string_equal(f.due, "2023-05-25");
	assert_int_equal(f.days_left, 5);
	assert_false(f.overdue);
	qc_followup_evaluate(&f, D("2023-05-26"));
	assert_true(f.overdue);

	/* Ordered 06-01: re-inspection by 06-01 + 75 = 08-15; correction
	 * by 06-01 + 60 = 07-31. */
	snprintf(f.ordered_on, 11, "2023-06-01");
	qc_followup_evaluate(&f, D("2023-08-01"));
	assert_string_equal(f.awaiting, "re-inspection");
	assert_string_equal(f.due, "2023-08-15");
	assert_true(f.correction_overdue);
	assert_false(f.overdue);
	snprintf(f.corrected_on, 11, "2023-07-20");
	qc_followup_evaluate(&f, D("2023-08-01"));
	assert_false(f.correction_overdue);

	/* Failed re-inspection 08-10: publish by 08-25; published 08-20:
	 * second re-inspection between 10-19 and 11-18. */
	snprintf(f.reinspected_on, 11, "2023-08-10");
	f.reinspect_passed = 0;
	qc_followup_evaluate(&f, D("2023-08-11"));
	assert_string_equal(f.awaiting, "publication");
	assert_string_equal(f.due, "2023-08-25");
	snprintf(f.published_on, 11, "2023-08-20");
	qc_followup_evaluate(&f, D("2023-09-01"));
	assert_string_equal(f.awaiting, "second re-inspection");
	assert_string_equal(f.due_from, "2023-10-19");
	assert_string_equal(f.due, "2023-11-18");
	snprintf(f.second_on, 11, "2023-11-01");
	f.second_passed = 1;
	qc_followup_evaluate(&f, D("2023-11-02"));
	assert_null(f.awaiting);
	assert_string_equal(f.outcome, "corrected");

	struct qc_followup g = fresh("2023-05-10");
	snprintf(g.objection_on, 11, "2023-05-15");
	g.objection_upheld = 1;
	qc_followup_evaluate(&g, D("2023-09-01"));
	assert_null(g.awaiting);
	assert_string_equal(g.outcome, "overturned");
}

static void board_and_recording(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "桃山区" };
	struct qc_followup_list l;
	const char *csv = "产品名称,生产企业名称,抽样日期,检验结论\n"
			  "水泥,甲厂,2023-05-10,不合格\n"
			  "水泥,乙厂,2023-05-10,合格\n";

	setenv("QCITY_NOW", "2023-06-01", 1);
	assert_int_equal(qc_sampling_import(f->s, csv, strlen(csv), "f.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(f->s, "sampling_followups"), 1);
	assert_int_equal(qc_followup_board(f->s, "七台河市", true, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1); /* the order was due 05-25 */
	int64_t id = l.v[0].result_id;
	assert_string_equal(l.v[0].enterprise, "甲厂");
	qc_followup_list_release(&l);
	assert_int_equal(qc_followup_board(f->s, "广东省", false, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 0);
	qc_followup_list_release(&l);

	/* Out of order and backwards dates are refused. */
	assert_int_equal(qc_followup_record(f->s, id, "reinspected",
					    "2023-06-01", 1, "t", &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "ordered_on"));
	assert_int_equal(qc_followup_record(f->s, id, "ordered", "2023-05-01",
					    -1, "t", &err),
			 QC_EINVAL);
	assert_int_equal(qc_followup_record(f->s, id, "ordered", "2023-05-26",
					    -1, "office", &err),
			 QC_OK);
	assert_int_equal(qc_followup_board(f->s, NULL, false, &l, &err), QC_OK);
	assert_string_equal(l.v[0].awaiting, "re-inspection");
	assert_string_equal(l.v[0].due, "2023-08-09");
	qc_followup_list_release(&l);
	assert_int_equal(qc_followup_record(f->s, id, "reinspected",
					    "2023-07-01", 1, "office", &err),
			 QC_OK);
	assert_int_equal(qc_followup_board(f->s, NULL, false, &l, &err), QC_OK);
	assert_int_equal(l.n, 0); /* closed */
	qc_followup_list_release(&l);
	struct qc_audit_list a;
	assert_int_equal(qc_audit_list(f->s, "sampling", 5, &a, &err), QC_OK);
	assert_string_equal(a.v[0].action, "followup");
	assert_string_equal(a.v[0].actor, "office");
	qc_audit_list_release(&a);
	unsetenv("QCITY_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates),
		cmocka_unit_test(the_steps),
		cmocka_unit_test_setup_teardown(board_and_recording,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
