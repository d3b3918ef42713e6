/* Task kinds (docs/plan-format.md `tasks`): a section is stored, loaded,
 * exported and edited with its kind; it is in the task list for the tree
 * but counted nowhere — no state, no lateness alert, no reporting unit —
 * and progress on it is refused. */
#include "testutil.h"
#include "qcity/alerts.h"
#include "qcity/plan.h"
#include "qcity/plan_edit.h"
#include "qcity/plan_store.h"
#include "qcity/reporting.h"
#include "qcity/review.h"

/* 一 a heading, with a lead unit and a due date long past that must not
 * make it late or make 市发改委 a reporter; 二 a group heading; two work
 * items under it, late. */
static const char *plan_json =
	"{\"plan\": {\"title\": \"分类方案\", \"region\": {\"code\": \"230900\"},"
	"  \"period\": {\"start\": 2015, \"end\": 2020}},"
	" \"tasks\": ["
	"  {\"key\": \"一\", \"title\": \"指导思想\", \"kind\": \"section\","
	"   \"due\": \"2016-06-30\", \"owners\": [\"市发改委\"]},"
	"  {\"key\": \"二\", \"title\": \"工作任务\", \"kind\": \"section\"},"
	"  {\"key\": \"二.(一)\", \"parent\": \"二\", \"title\": \"质量提升\","
	"   \"kind\": \"item\", \"due\": \"2016-06-30\","
	"   \"owners\": [\"市市场监管局\"]},"
	"  {\"key\": \"二.(二)\", \"parent\": \"二\", \"title\": \"林业工程\","
	"   \"due\": \"2016-06-30\", \"owners\": [\"市林业局\"]}],"
	" \"reporting\": [{\"kind\": \"half_year\", \"grace_days\": 15}]}";

static const struct qc_task *task(const struct qc_plan *p, const char *key)
{
	for (size_t i = 0; i < p->n_tasks; i++)
		if (!strcmp(p->tasks[i].key, key))
			return &p->tasks[i];
	fail_msg("no task %s", key);
	abort();
}

static void stored_and_exported(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan p, q;
	long long id = test_plan_import(f->s, plan_json);
	char *json;

	assert_int_equal(qc_plan_load(f->s, id, &p, &err), QC_OK);
	assert_int_equal(task(&p, "一")->kind, QC_TASK_SECTION);
	assert_int_equal(task(&p, "二")->kind, QC_TASK_SECTION);
	assert_int_equal(task(&p, "二.(一)")->kind, QC_TASK_ITEM);
	assert_int_equal(task(&p, "二.(二)")->kind, QC_TASK_ITEM);
	/* Export writes every kind, and reads back the same. */
	json = qc_plan_to_json(&p);
	assert_non_null(strstr(json, "\"kind\": \"section\""));
	assert_int_equal(qc_plan_from_json(&q, json, strlen(json), &err),
			 QC_OK);
	assert_int_equal(task(&q, "一")->kind, QC_TASK_SECTION);
	assert_int_equal(task(&q, "二.(二)")->kind, QC_TASK_ITEM);
	qc_plan_release(&q);
	free(json);
	qc_plan_release(&p);

	/* The office turns a heading into an item and back; audited. */
	long long audits = count_rows(f->s, "audit_log");
	struct qc_field fl = { "kind", "item" };
	struct qc_plan_edit e = { .op = QC_EDIT_SET,
				  .part = QC_PART_TASK,
				  .ref = "一",
				  .fields = &fl,
				  .n_fields = 1 };
	assert_int_equal(qc_plan_edit(f->s, id, &e, "office", NULL, &err),
			 QC_OK);
	assert_true(count_rows(f->s, "audit_log") > audits);
	assert_int_equal(qc_plan_load(f->s, id, &p, &err), QC_OK);
	assert_int_equal(task(&p, "一")->kind, QC_TASK_ITEM);
	qc_plan_release(&p);
	fl.value = "heading";
	assert_int_equal(qc_plan_edit(f->s, id, &e, "office", NULL, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "item or section"));
	/* A bad kind in a file is refused by element. */
	json = "{\"plan\": {\"title\": \"x\"}, \"tasks\": [{\"key\":"
	       " \"一\", \"kind\": \"heading\"}]}";
	assert_int_equal(qc_plan_from_json(&q, json, strlen(json), &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "tasks[0].kind"));
	qc_plan_release(&q);
}

/* A file written before kinds: every task an item. */
static void old_file(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id =
		test_plan_import(f->s,
				 "{\"plan\": {\"title\": \"旧方案\", \"region\":"
				 " {\"code\": \"230900\"}}, \"tasks\": ["
				 " {\"key\": \"一\", \"title\": \"指导思想\"},"
				 " {\"key\": \"二\", \"title\": \"工作任务\"}]}");
	assert_int_equal(qc_plan_load(f->s, id, &p, &err), QC_OK);
	assert_int_equal(p.n_tasks, 2);
	assert_int_equal(task(&p, "一")->kind, QC_TASK_ITEM);
	assert_int_equal(task(&p, "二")->kind, QC_TASK_ITEM);
	qc_plan_release(&p);
}

static void counted_nowhere(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_task_list l;
	struct qc_reporting r;
	struct qc_alert_list a;
	long long id = test_plan_import(f->s, plan_json);

	assert_int_equal(qc_task_status_list(f->s, id, &l, &err), QC_OK);
	assert_int_equal(l.n, 4); /* the tree stays whole */
	assert_int_equal(l.n_items, 2);
	assert_true(l.v[0].section && l.v[1].section);
	assert_null(l.v[0].unit); /* a heading names no reporter */
	assert_int_equal(l.count[QC_TASK_LATE], 2);
	assert_int_equal(l.count[QC_TASK_DONE] + l.count[QC_TASK_ON_TIME] +
				 l.count[QC_TASK_LATE] +
				 l.count[QC_TASK_NOT_REPORTED],
			 2);
	qc_task_list_release(&l);

	assert_int_equal(qc_alerts(f->s, id, &a, &err), QC_OK);
	assert_int_equal(a.count[QC_ALERT_TASK_LATE], 2);
	for (size_t i = 0; i < a.n; i++)
		assert_false(a.v[i].kind == QC_ALERT_TASK_LATE &&
			     !strcmp(a.v[i].subject, "一"));
	qc_alert_list_release(&a);

	assert_int_equal(qc_reporting_compute(f->s, id, 2016, &r, &err), QC_OK);
	for (size_t i = 0; i < r.n_units; i++)
		assert_string_not_equal(r.units[i].unit, "市发改委");
	assert_int_equal(r.n_units, 2);
	qc_reporting_release(&r);

	/* Progress on a heading is refused; on an item it is taken. */
	assert_int_equal(qc_task_report_add(f->s, id, "一", "市发改委",
					    "2016-H1", "in_progress", "x", "t",
					    &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "outline heading"));
	assert_int_equal(count_rows(f->s, "progress_reports"), 0);
	assert_int_equal(qc_task_report_add(f->s, id, "二.(一)", "市市场监管局",
					    "2016-H1", "in_progress", "x", "t",
					    &err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "progress_reports"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(stored_and_exported,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(old_file, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(counted_nowhere, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
