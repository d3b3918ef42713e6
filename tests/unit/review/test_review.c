/* The review workflow: submit, accept (locks value and progress writes),
 * return with a reason, reopen; the data-entry form and a target's
 * series. */
#include "testutil.h"

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
	"   \"due\": \"2018-03-31\", \"owners\": [\"市市场监管局\"]}]}";

/* The migrations must have made the table: a missing one is a failure
 * of the schema, not a reason to skip. */
static void require_tables(struct qc_store *s)
{
	struct qc_stmt *st;
	struct qc_error err = { 0 };
	if (qc_stmt_prepare(s, "SELECT COUNT(*) FROM submissions", &st, &err)) {
		fail_msg("table submissions missing after migrations: %s",
			 err.msg);
		return;
	}
	qc_stmt_free(st);
}

static long long load_plan(struct qc_store *s, int64_t *unit)
{
	struct qc_error err = { 0 };
	long long id = test_plan_import(s, plan_json);
	assert_int_equal(qc_unit_find(s, "230900", "市市场监管局", unit, &err),
			 QC_OK);
	return id;
}

static enum qc_rc set(struct qc_store *s, const char *period, double v,
		      struct qc_error *err)
{
	struct qc_value_in in = { .indicator = "产品质量监督抽查合格率",
				  .region = "230900",
				  .period = period,
				  .value = v,
				  .reporter = "市市场监管局" };
	return qc_value_set(s, &in, "web:unit", err);
}

static void accept_locks_until_reopened(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_submission x;
	struct qc_submission_list l;
	int64_t unit, id, again;
	long long plan;

	require_tables(f->s);
	plan = load_plan(f->s, &unit);
	assert_int_equal(set(f->s, "2019", 96.5, &err), QC_OK);
	assert_int_equal(qc_task_report_add(f->s, plan, "一", "市市场监管局",
					    "2019", "in_progress", "推进中",
					    "web:unit", &err),
			 QC_OK);
	assert_int_equal(qc_review_submit(f->s, unit, "2019", "web:unit", &id,
					  &err),
			 QC_OK);
	assert_int_equal(qc_review_get(f->s, id, &x, &err), QC_OK);
	assert_string_equal(x.state, "submitted");
	assert_int_equal(x.n_values, 1);
	assert_int_equal(x.n_reports, 1);
	qc_submission_release(&x);
	/* Only a submitted period can be accepted or returned. */
	assert_int_equal(qc_review_reopen(f->s, id, NULL, "web:office", &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_review_return(f->s, id, "", "web:office", &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "reason"));

	assert_int_equal(qc_review_accept(f->s, id, "web:office", &err), QC_OK);
	assert_int_equal(set(f->s, "2019", 97, &err), QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "locked"));
	assert_int_equal(qc_task_report_add(f->s, plan, "一", "市市场监管局",
					    "2019", "done", NULL, "web:unit",
					    &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_review_submit(f->s, unit, "2019", "web:unit", NULL,
					  &err),
			 QC_ECONFLICT);
	/* Nor can a write without a reporter overwrite the accepted value. */
	struct qc_value_in anon = { .indicator = "产品质量监督抽查合格率",
				    .region = "230900",
				    .period = "2019",
				    .value = 50 };
	assert_int_equal(qc_value_set(f->s, &anon, "cli:x", &err),
			 QC_ECONFLICT);
	/* Other periods stay open. */
	assert_int_equal(set(f->s, "2020", 98.2, &err), QC_OK);

	assert_int_equal(qc_review_reopen(f->s, id, "更正", "web:office", &err),
			 QC_OK);
	assert_int_equal(set(f->s, "2019", 97, &err), QC_OK);
	assert_int_equal(qc_review_submit(f->s, unit, "2019", "web:unit",
					  &again, &err),
			 QC_OK);
	assert_int_equal(again, id); /* one row per unit and period */
	assert_int_equal(qc_review_return(f->s, id, "与统计年鉴不符",
					  "web:office", &err),
			 QC_OK);
	assert_int_equal(qc_review_list(f->s, "returned", 0, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].reason, "与统计年鉴不符");
	assert_string_equal(l.v[0].reviewed_by, "web:office");
	qc_submission_list_release(&l);
	assert_int_equal(count_rows(f->s, "audit_log WHERE entity = "
					  "'submission'"),
			 5);
}

static void entry_form_and_series(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_entry_form form;
	struct qc_series x;
	int64_t unit;
	long long plan;

	require_tables(f->s);
	plan = load_plan(f->s, &unit);
	assert_int_equal(set(f->s, "2018", 95, &err), QC_OK);
	assert_int_equal(set(f->s, "2019", 96.5, &err), QC_OK);
	assert_int_equal(qc_entry_form(f->s, plan, unit, "2019", &form, &err),
			 QC_OK);
	assert_string_equal(form.unit, "市市场监管局");
	assert_string_equal(form.region, "230900");
	assert_null(form.state);
	assert_int_equal(form.n, 1);
	assert_string_equal(form.v[0].indicator, "产品质量监督抽查合格率");
	assert_string_equal(form.v[0].goal, "产品质量目标");
	assert_non_null(strstr(form.v[0].requirement, "98"));
	assert_true(form.v[0].has_value && form.v[0].value == 96.5);
	assert_int_equal(qc_target_series(f->s, form.v[0].target_id, NULL, &x,
					  &err),
			 QC_OK);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.v[0].period, "2018");
	qc_series_release(&x);
	qc_entry_form_release(&form);
	assert_int_equal(qc_entry_form(f->s, plan, unit, "2019年", &form, &err),
			 QC_EINVAL);
	qc_entry_form_release(&form);
	assert_int_equal(qc_entry_form(f->s, plan + 100, unit, "2019", &form,
				       &err),
			 QC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no plan"));
	qc_entry_form_release(&form);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(accept_locks_until_reopened,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(entry_form_and_series,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
