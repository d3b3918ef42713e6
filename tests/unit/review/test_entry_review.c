/* Entry checks and review with the data in view (src/lib/review/check.c,
 * report.c, detail.c): the reporting calendar, the previous period, the
 * jump that needs a note, progress reports with attachments (of their own
 * unit only), a submission's items with previous value, target and change,
 * per-item decisions that return the submission with the reason, and each
 * item's history; on both engines (QCITY_TEST_PG). */
#include "testutil.h"

#include "qcity/attach.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/review.h"

static const char *plan_json =
	"{\"plan\": {\"title\": \"七台河市质量强市方案\", \"region\": {\"name\": \"七台河\"},"
	"  \"period\": {\"start\": 2017, \"end\": 2020}, \"status\": \"active\"},"
	" \"goals\": [{\"key\": \"g1\", \"domain\": \"product\", \"name\": \"产品质量目标\"}],"
	" \"targets\": [{\"goal\": \"g1\", \"indicator\": \"产品质量监督抽查合格率\","
	"   \"op\": \">=\", \"value\": 98, \"unit\": \"%\", \"year\": 2020,"
	"   \"owners\": [\"市市场监管局\"]}],"
	" \"tasks\": [{\"key\": \"一\", \"title\": \"建立领导小组\","
	"   \"due\": \"2018-03-31\", \"owners\": [\"市市场监管局\"]}],"
	" \"reporting\": [{\"kind\": \"monthly\", \"grace_days\": 10},"
	"   {\"kind\": \"half_year\", \"grace_days\": 15}]}";

static long long load_plan(struct qc_store *s, int64_t *unit)
{
	struct qc_error err = { 0 };
	long long id = test_plan_import(s, plan_json);
	assert_int_equal(qc_unit_find(s, "230900", "市市场监管局", unit, &err),
			 QC_OK);
	return id;
}

static enum qc_rc entry_set(struct qc_store *s, const char *period, double v,
			    const char *note, struct qc_entry_check *c,
			    struct qc_error *err)
{
	struct qc_value_in in = { .indicator = "产品质量监督抽查合格率",
				  .region = "230900",
				  .period = period,
				  .value = v,
				  .note = note,
				  .reporter = "市市场监管局" };
	return qc_entry_value_set(s, &in, NULL, NULL, "web:unit", c, err);
}

static void previous_periods(void **state)
{
	static const char *const cases[][2] = {
		{ "2019", "2018" },       { "2019-H1", "2018-H2" },
		{ "2019-H2", "2019-H1" }, { "2019-Q1", "2018-Q4" },
		{ "2019-Q3", "2019-Q2" }, { "2019-01", "2018-12" },
		{ "2019-10", "2019-09" },
	};
	char out[12];
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(qc_period_previous(cases[i][0], out));
		assert_string_equal(out, cases[i][1]);
	}
	assert_false(qc_period_previous("2020年", out));
	assert_false(qc_period_previous("2019-13", out));
}

/* Whether the calendar has period with that kind and deadline. */
static bool cal_is(const struct qc_calendar *c, const char *period,
		   const char *kind, const char *deadline)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct qc_calendar_period *p = c->v + i;
		if (!strcmp(p->period, period))
			return !strcmp(p->kind, kind) &&
			       !strcmp(p->deadline, deadline);
	}
	return false;
}

static void calendar_and_form(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_entry_form form;
	int64_t unit;
	long long plan = load_plan(f->s, &unit);
	bool h1 = false, m03 = false;

	setenv("QCITY_NOW", "2021-03-01", 1);
	assert_int_equal(entry_set(f->s, "2019", 90, NULL, NULL, &err), QC_OK);
	assert_int_equal(entry_set(f->s, "2020", 95, NULL, NULL, &err), QC_OK);
	/* No period: the newest year that has ended. */
	assert_int_equal(qc_entry_form(f->s, plan, unit, NULL, &form, &err),
			 QC_OK);
	assert_string_equal(form.period, "2020");
	assert_int_equal(form.n, 1);
	assert_true(form.v[0].has_value);
	assert_true(form.v[0].has_previous);
	assert_string_equal(form.v[0].previous_period, "2019");
	assert_true(form.v[0].previous == 90);
	assert_true(form.v[0].has_max && form.v[0].max == 100);
	assert_true(form.jump_factor == QC_ENTRY_JUMP_DEFAULT);
	/* Years from the base year 2016 to the end 2020, their halves and
	 * months; nothing after the plan's end. */
	assert_string_equal(form.calendar.v[0].period, "2020");
	for (size_t i = 0; i < form.calendar.n; i++) {
		int y = atoi(form.calendar.v[i].period);
		assert_true(y >= 2016 && y <= 2020);
	}
	h1 = cal_is(&form.calendar, "2019-H1", "half_year", "2019-07-15");
	m03 = cal_is(&form.calendar, "2019-03", "monthly", "2019-04-10");
	assert_true(h1);
	assert_true(m03);
	assert_int_equal(form.calendar.n, 5 + 2 * 5 + 12 * 5);
	qc_entry_form_release(&form);
	assert_int_equal(qc_entry_form(f->s, plan, unit, "2020年", &form, &err),
			 QC_EINVAL);
	qc_entry_form_release(&form);
	unsetenv("QCITY_NOW");
}

static void jump_needs_a_note(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_entry_check c;
	int64_t unit;
	long long plan = load_plan(f->s, &unit), audit;

	assert_int_equal(entry_set(f->s, "2019", 80, NULL, &c, &err), QC_OK);
	assert_false(c.has_previous);
	/* +25 % is within the default 50 %. */
	assert_int_equal(entry_set(f->s, "2020", 100, NULL, &c, &err), QC_OK);
	assert_true(c.has_previous && c.previous == 80);
	assert_false(c.jump);
	/* A plan's own factor of 10 %: the same move now needs a note. */
	audit = count_rows(f->s, "audit_log");
	assert_int_equal(qc_entry_jump_set(f->s, plan, 0.1, "web:office", &err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "audit_log"), audit + 1);
	assert_int_equal(qc_entry_jump_set(f->s, plan, 0, "x", &err),
			 QC_EINVAL);
	assert_int_equal(entry_set(f->s, "2020", 99, NULL, &c, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "say why in the note"));
	assert_non_null(strstr(err.msg, "2019"));
	assert_true(c.jump);
	audit = count_rows(f->s, "audit_log");
	/* Refused: nothing written. */
	struct qc_entry_form form;
	assert_int_equal(qc_entry_form(f->s, plan, unit, "2020", &form, &err),
			 QC_OK);
	assert_true(form.v[0].value == 100);
	qc_entry_form_release(&form);
	assert_int_equal(entry_set(f->s, "2020", 99, "新口径", &c, &err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "audit_log"), audit + 1);
	/* The range stands before any of it. */
	assert_int_equal(entry_set(f->s, "2020", 101, "x", &c, &err),
			 QC_EINVAL);
}

/* An attachment of unit_id (0: the office's), content pdf. */
static int64_t attach(struct fixture *f, int64_t unit_id)
{
	static const char pdf[] = "%PDF-1.4\n%%EOF\n";
	struct qc_attach_upload *u;
	struct qc_error err = { 0 };
	struct qc_attachment a;
	char dir[128];
	int64_t id;

	snprintf(dir, sizeof(dir), "%s/files", f->dir);
	assert_int_equal(qc_attach_open(dir, 0, &u, &err), QC_OK);
	assert_int_equal(qc_attach_write(u, pdf, strlen(pdf), &err), QC_OK);
	assert_int_equal(qc_attach_save(f->s, u, "半年总结.pdf", unit_id, "t",
					&a, &err),
			 QC_OK);
	qc_attach_free(u);
	id = a.id;
	qc_attachment_release(&a);
	return id;
}

static void reports_review_and_history(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_review_detail d;
	struct qc_report_list rl;
	int64_t unit, other, rid, sid, ids[2];
	long long plan = load_plan(f->s, &unit);
	struct qc_report_in in = { .plan_id = plan,
				   .task = "一",
				   .unit = "市市场监管局",
				   .period = "2020-H1",
				   .status = "in_progress",
				   .text = "上半年推进情况" };

	assert_int_equal(qc_unit_add(f->s, "230900", "市林业局", NULL, "t",
				     &other, &err),
			 QC_OK);
	assert_int_equal(entry_set(f->s, "2019-H2", 80, NULL, NULL, &err),
			 QC_OK);
	assert_int_equal(entry_set(f->s, "2020-H1", 85, NULL, NULL, &err),
			 QC_OK);
	assert_int_equal(entry_set(f->s, "2020-H1", 88, "新增企业", NULL, &err),
			 QC_OK);
	ids[0] = attach(f, unit);
	ids[1] = attach(f, other);
	/* Another unit's file cannot be attached: nothing is kept. */
	in.attachments = ids;
	in.n_attachments = 2;
	assert_int_equal(qc_report_save(f->s, &in, "web:unit", &rid, &err),
			 QC_EPERM);
	assert_int_equal(count_rows(f->s, "progress_reports"), 0);
	assert_int_equal(count_rows(f->s, "attachment_links"), 0);
	in.n_attachments = 1;
	assert_int_equal(qc_report_save(f->s, &in, "web:unit", &rid, &err),
			 QC_OK);
	assert_int_equal(qc_report_list(f->s, plan, unit, "2020-H1", &rl, &err),
			 QC_OK);
	assert_int_equal(rl.n, 1);
	assert_int_equal(rl.v[0].id, rid);
	assert_int_equal(rl.v[0].attachments.n, 1);
	assert_string_equal(rl.v[0].attachments.v[0].name, "半年总结.pdf");
	qc_report_list_release(&rl);

	assert_int_equal(qc_review_submit(f->s, unit, "2020-H1", "web:unit",
					  &sid, &err),
			 QC_OK);
	assert_int_equal(qc_review_detail(f->s, sid, &d, &err), QC_OK);
	assert_string_equal(d.person, "unit");
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].kind, "value");
	assert_true(d.v[0].value == 88 && d.v[0].previous == 80);
	assert_string_equal(d.v[0].previous_period, "2019-H2");
	assert_true(d.v[0].has_change && d.v[0].change == 8);
	assert_true(d.v[0].change_share == 0.1);
	assert_string_equal(d.v[0].note, "新增企业");
	assert_non_null(strstr(d.v[0].requirement, "98"));
	assert_int_equal(d.v[0].n_history, 2); /* entered twice */
	assert_string_equal(d.v[1].kind, "report");
	assert_int_equal(d.v[1].attachments.n, 1);
	assert_null(d.v[1].decision);
	int64_t vid = d.v[0].id;
	qc_review_detail_release(&d);

	/* Decide per item: a return needs a reason and returns the whole. */
	assert_int_equal(qc_review_item_decide(f->s, sid, "report", rid,
					       "accepted", NULL, "web:office",
					       &err),
			 QC_OK);
	assert_int_equal(qc_review_item_decide(f->s, sid, "value", vid,
					       "returned", "", "web:office",
					       &err),
			 QC_EINVAL);
	assert_int_equal(qc_review_item_decide(f->s, sid, "value", rid + vid,
					       "returned", "x", "web:office",
					       &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_review_item_decide(f->s, sid, "value", vid,
					       "returned", "与年鉴不符",
					       "web:office", &err),
			 QC_OK);
	assert_int_equal(qc_review_item_decide(f->s, sid, "report", rid,
					       "returned", "缺少附件说明",
					       "web:office", &err),
			 QC_OK);
	assert_int_equal(qc_review_detail(f->s, sid, &d, &err), QC_OK);
	assert_string_equal(d.sub.state, "returned");
	assert_non_null(
		strstr(d.sub.reason, "产品质量监督抽查合格率：与年鉴不符"));
	assert_non_null(strstr(d.sub.reason, "建立领导小组：缺少附件说明"));
	assert_string_equal(d.v[0].decision, "returned");
	assert_string_equal(d.v[0].reason, "与年鉴不符");
	assert_string_equal(d.v[1].decision, "returned");
	assert_int_equal(d.v[1].n_history, 2); /* accepted, then returned */
	assert_string_equal(d.v[1].history[0].what, "accepted");
	qc_review_detail_release(&d);
	assert_int_equal(count_rows(f->s, "review_items"), 3);
	/* Accepted whole: no more item decisions. */
	assert_int_equal(qc_review_submit(f->s, unit, "2020-H1", "web:unit",
					  &sid, &err),
			 QC_OK);
	assert_int_equal(qc_review_detail(f->s, sid, &d, &err), QC_OK);
	assert_null(d.v[0].decision); /* decisions before the new submit */
	qc_review_detail_release(&d);
	assert_int_equal(qc_review_accept(f->s, sid, "web:office", &err),
			 QC_OK);
	assert_int_equal(qc_review_item_decide(f->s, sid, "value", vid,
					       "accepted", NULL, "web:office",
					       &err),
			 QC_ECONFLICT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(previous_periods),
		cmocka_unit_test_setup_teardown(calendar_and_form,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(jump_needs_a_note,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(reports_review_and_history,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
