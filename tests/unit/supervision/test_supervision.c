/* 督查 items (src/lib/supervision/supervision.c): open with checked
 * fields, answer with attachments (the unit's own files only), close, reopen, the states that
 * refuse a step, the overdue list and alert; accountability records and
 * the assessment's deduction for them (accountability.c, engine/assess.c). */
#include <math.h>

#include "testutil.h"
#include "qcity/alerts.h"
#include "qcity/assess.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/supervision.h"

static const char *plan_json =
	"{\"plan\": {\"title\": \"督查方案\", \"region\": {\"code\": \"230900\"},"
	"  \"period\": {\"start\": 2019, \"end\": 2020}, \"status\": \"active\"},"
	" \"targets\": [{\"indicator\": \"抽查合格率\", \"op\": \">=\", \"value\": 98,"
	"   \"unit\": \"%\", \"year\": 2020, \"owners\": [\"市市场监管局\"]}],"
	" \"tasks\": [{\"key\": \"一\", \"title\": \"质量提升\", \"due\": \"2020-12-31\","
	"   \"owners\": [\"市市场监管局\"]},"
	"  {\"key\": \"二\", \"title\": \"造林\", \"due\": \"2020-12-31\","
	"   \"owners\": [\"市林业局\"]}],"
	" \"reporting\": [{\"kind\": \"half_year\", \"grace_days\": 15}]}";

static long long setup(struct qc_store *s, int64_t *unit, int64_t *other)
{
	struct qc_error err = { 0 };
	long long id;
	id = test_plan_import(s, plan_json);
	assert_int_equal(qc_unit_find(s, "230900", "市市场监管局", unit, &err),
			 QC_OK);
	assert_int_equal(qc_unit_find(s, "230900", "市林业局", other, &err),
			 QC_OK);
	return id;
}

static long long audit_rows(struct qc_store *s, const char *entity)
{
	struct qc_stmt *st;
	long long n = -1;
	assert_int_equal(qc_stmt_prepare(s,
					 "SELECT COUNT(*) FROM audit_log"
					 " WHERE entity = ?",
					 &st, NULL),
			 QC_OK);
	qc_stmt_bind_text(st, 1, entity);
	if (qc_stmt_next(st, NULL) == QC_ROW)
		n = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return n;
}

/* A stored file's row (no content: the check reads the row), of unit or,
 * with 0, of no unit; its id as text in buf. */
static const char *add_file(struct qc_store *s, int64_t unit, char *buf,
			    size_t size)
{
	struct qc_stmt *st;
	int64_t id = 0;
	assert_int_equal(qc_stmt_prepare(s,
					 "INSERT INTO attachments (sha256, size,"
					 " mime, name, unit_id, uploaded_by,"
					 " uploaded_at) VALUES (?, 1,"
					 " 'application/pdf', '整改报告.pdf', ?,"
					 " 'unit', '2020-05-01T00:00:00Z')"
					 " RETURNING id",
					 &st, NULL),
			 QC_OK);
	qc_stmt_bind_text(st, 1,
			  "0000000000000000000000000000000000000000000000000000"
			  "000000000000");
	if (unit)
		qc_stmt_bind_int(st, 2, unit);
	else
		qc_stmt_bind_null(st, 2);
	assert_int_equal(qc_stmt_run_id(st, &id, NULL), QC_OK);
	qc_stmt_free(st);
	snprintf(buf, size, "%lld", (long long)id);
	return buf;
}

static void open_answer_close_reopen(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sup_item x;
	struct qc_sup_list l;
	int64_t unit, other, id;
	long long plan = setup(f->s, &unit, &other);
	struct qc_sup_in in = { .plan_id = plan,
				.unit_id = unit,
				.task = "一",
				.finding = "抽查发现问题未整改",
				.rectify = "月底前完成整改",
				.deadline = "2020-06-30" };

	/* Each field is checked, and nothing is written on a refusal. */
	struct qc_sup_in bad = in;
	bad.deadline = "2020-13-01";
	assert_int_equal(qc_sup_open(f->s, &bad, "office", &id, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "deadline"));
	bad = in;
	bad.finding = "";
	assert_int_equal(qc_sup_open(f->s, &bad, "office", &id, &err),
			 QC_EINVAL);
	bad = in;
	bad.task = "九";
	assert_int_equal(qc_sup_open(f->s, &bad, "office", &id, &err),
			 QC_ENOTFOUND);
	bad = in;
	bad.target = "不存在的指标";
	assert_int_equal(qc_sup_open(f->s, &bad, "office", &id, &err),
			 QC_ENOTFOUND);
	bad = in;
	bad.unit_id = 999999;
	assert_int_equal(qc_sup_open(f->s, &bad, "office", &id, &err),
			 QC_ENOTFOUND);
	assert_int_equal(count_rows(f->s, "supervision_items"), 0);

	assert_int_equal(qc_sup_open(f->s, &in, "office", &id, &err), QC_OK);
	assert_int_equal(audit_rows(f->s, "supervision_item"), 1);
	/* Only an answered or closed item can be reopened. */
	assert_int_equal(qc_sup_reopen(f->s, id, "再查", "office", &err),
			 QC_ECONFLICT);
	char own[24], none[24], theirs[24];
	const char *att[] = { add_file(f->s, unit, own, sizeof(own)),
			      add_file(f->s, 0, none, sizeof(none)) };
	assert_int_equal(qc_sup_answer(f->s, id, "", att, 2, "unit", &err),
			 QC_EINVAL);
	/* Only the unit's own files (or ones of no unit), by their ids;
	 * a refused answer writes nothing. */
	const struct {
		const char *ref;
		enum qc_rc want;
	} bad_att[] = {
		{ add_file(f->s, other, theirs, sizeof(theirs)), QC_EPERM },
		{ "999999", QC_ENOTFOUND },
		{ "sha256:ab12", QC_EINVAL },
		{ "+1", QC_EINVAL },
	};
	for (size_t i = 0; i < 4; i++) {
		const char *one[] = { own, bad_att[i].ref };
		assert_int_equal(qc_sup_answer(f->s, id, "已整改", one, 2,
					       "unit", &err),
				 bad_att[i].want);
		assert_non_null(strstr(err.msg, "attachment"));
	}
	assert_int_equal(audit_rows(f->s, "supervision"), 1);
	assert_int_equal(qc_sup_answer(f->s, id, "已整改，附整改报告", att, 2,
				       "unit", &err),
			 QC_OK);
	assert_int_equal(qc_sup_close(f->s, id, "整改到位", "office", &err),
			 QC_OK);
	assert_int_equal(qc_sup_answer(f->s, id, "再答", NULL, 0, "unit", &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_sup_close(f->s, id, NULL, "office", &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_sup_reopen(f->s, id, "", "office", &err),
			 QC_EINVAL);
	assert_int_equal(qc_sup_reopen(f->s, id, "整改不实", "office", &err),
			 QC_OK);

	assert_int_equal(qc_sup_get(f->s, id, "2020-05-01", &x, &err), QC_OK);
	assert_string_equal(x.state, "open");
	assert_string_equal(x.unit, "市市场监管局");
	assert_string_equal(x.task, "一");
	assert_null(x.target);
	assert_false(x.overdue);
	assert_int_equal(x.n_steps, 4);
	assert_string_equal(x.steps[0].action, "open");
	assert_string_equal(x.steps[1].action, "answer");
	assert_int_equal(x.steps[1].n_attachments, 2);
	assert_string_equal(x.steps[1].attachments[0], own);
	assert_string_equal(x.steps[1].attachments[1], none);
	assert_string_equal(x.steps[2].action, "close");
	assert_string_equal(x.steps[3].text, "整改不实");
	qc_sup_item_release(&x);
	assert_int_equal(audit_rows(f->s, "supervision"), 4);
	/* Each step's audit row holds the state before and after it. */
	struct qc_stmt *st;
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT action, before_json, after_json"
					 " FROM audit_log WHERE entity ="
					 " 'supervision' ORDER BY id",
					 &st, &err),
			 QC_OK);
	const char *states[][2] = {
		{ NULL, "\"state\":\"open\"" },
		{ "{\"state\":\"open\"}", "\"state\":\"answered\"" },
		{ "{\"state\":\"answered\"}", "\"state\":\"closed\"" },
		{ "{\"state\":\"closed\"}", "\"state\":\"open\"" },
	};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(qc_stmt_next(st, &err), QC_ROW);
		const char *before = qc_stmt_text(st, 1);
		if (states[i][0])
			assert_true(before && strstr(before, states[i][0]));
		else
			assert_true(qc_stmt_is_null(st, 1));
		assert_non_null(strstr(qc_stmt_text(st, 2), states[i][1]));
	}
	qc_stmt_free(st);
	assert_int_equal(qc_sup_get(f->s, id + 100, NULL, &x, &err),
			 QC_ENOTFOUND);
	qc_sup_item_release(&x);

	/* Lists: by unit, and overdue as of a day. */
	assert_int_equal(qc_sup_list(f->s, plan, other, NULL, NULL, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 0);
	qc_sup_list_release(&l);
	assert_int_equal(qc_sup_list(f->s, 0, unit, "overdue", "2020-06-30", &l,
				     &err),
			 QC_OK);
	assert_int_equal(l.n, 0);
	qc_sup_list_release(&l);
	assert_int_equal(qc_sup_list(f->s, 0, unit, "overdue", "2020-07-01", &l,
				     &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_true(l.v[0].overdue);
	qc_sup_list_release(&l);
	assert_int_equal(qc_sup_list(f->s, 0, 0, "late", NULL, &l, &err),
			 QC_EINVAL);
	qc_sup_list_release(&l);
}

static void overdue_items_raise_alerts(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_alert_list l;
	int64_t unit, other, id, id2;
	long long plan = setup(f->s, &unit, &other);
	struct qc_sup_in in = { .plan_id = plan,
				.unit_id = other,
				.target = "抽查合格率",
				.finding = "造林进度滞后",
				.rectify = "加快进度",
				.deadline = "2020-03-31" };

	setenv("QCITY_NOW", "2020-05-15", 1);
	assert_int_equal(qc_sup_open(f->s, &in, "office", &id, &err), QC_OK);
	in.deadline = "2020-12-31";
	assert_int_equal(qc_sup_open(f->s, &in, "office", &id2, &err), QC_OK);
	assert_int_equal(qc_alerts(f->s, plan, &l, &err), QC_OK);
	assert_int_equal(l.count[QC_ALERT_SUPERVISION_OVERDUE], 1);
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].kind != QC_ALERT_SUPERVISION_OVERDUE)
			continue;
		assert_string_equal(l.v[i].period, "2020-03-31");
		assert_non_null(strstr(l.v[i].people, "市林业局"));
		/* The message id: unit tests load no catalogue. */
		assert_non_null(strstr(l.v[i].reason, "passed 45 day(s) ago"));
		assert_non_null(strstr(l.v[i].reason, "not answered yet"));
		assert_int_equal(l.v[i].severity, 3);
	}
	qc_alert_list_release(&l);
	assert_string_equal(qc_alert_kind_name(QC_ALERT_SUPERVISION_OVERDUE),
			    "supervision_overdue");
	/* Closed, it is no longer an alert. */
	assert_int_equal(qc_sup_close(f->s, id, NULL, "office", &err), QC_OK);
	assert_int_equal(qc_alerts(f->s, plan, &l, &err), QC_OK);
	assert_int_equal(l.count[QC_ALERT_SUPERVISION_OVERDUE], 0);
	qc_alert_list_release(&l);
	unsetenv("QCITY_NOW");
}

static const struct qc_assess_subject *subject(const struct qc_assessment *a,
					       const char *name)
{
	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->v[i].name, name))
			return &a->v[i];
	fail_msg("no subject %s", name);
	abort();
}

static void accountability_deducts(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_assessment a, b;
	struct qc_acc_list l;
	enum qc_acc_kind k;
	int64_t unit, other, id;
	long long plan = setup(f->s, &unit, &other);
	int cnt[QC_ACC__KINDS];

	assert_true(qc_acc_kind_parse("通报批评", &k));
	assert_int_equal(k, QC_ACC_CRITICISM);
	assert_true(qc_acc_kind_parse("accountability", &k));
	assert_false(qc_acc_kind_parse("罚款", &k));
	assert_int_equal(qc_assess(f->s, plan, 2020, NULL, &a, &err), QC_OK);
	assert_int_equal(qc_acc_add(f->s, unit, 2020, QC_ACC__KINDS, 0, NULL,
				    "office", &id, &err),
			 QC_EINVAL);
	assert_int_equal(qc_acc_add(f->s, unit, 2020, QC_ACC_INTERVIEW, 424242,
				    NULL, "office", &id, &err),
			 QC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no supervision item 424242"));
	assert_int_equal(qc_acc_add(f->s, 424242, 2020, QC_ACC_INTERVIEW, 0,
				    NULL, "office", &id, &err),
			 QC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no unit 424242"));
	assert_int_equal(qc_acc_add(f->s, unit, 2020, QC_ACC_INTERVIEW, 0,
				    "约谈主要负责人", "office", &id, &err),
			 QC_OK);
	assert_int_equal(qc_acc_add(f->s, unit, 2020, QC_ACC_CRITICISM, 0, NULL,
				    "office", &id, &err),
			 QC_OK);
	/* Another year does not count for 2020. */
	assert_int_equal(qc_acc_add(f->s, unit, 2019, QC_ACC_ACCOUNTABILITY, 0,
				    NULL, "office", &id, &err),
			 QC_OK);
	assert_int_equal(audit_rows(f->s, "accountability"), 3);
	assert_int_equal(qc_acc_count(f->s, "市市场监管局", 2020, cnt, &err),
			 QC_OK);
	assert_int_equal(cnt[QC_ACC_INTERVIEW], 1);
	assert_int_equal(cnt[QC_ACC_CRITICISM], 1);
	assert_int_equal(cnt[QC_ACC_ACCOUNTABILITY], 0);
	assert_int_equal(qc_acc_list(f->s, unit, 0, &l, &err), QC_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[0].year, 2019); /* newest first */
	qc_acc_list_release(&l);

	/* The default scheme takes 1 per 约谈 and 2 per 通报批评 off the
	 * score; the unit without records keeps its score. */
	assert_int_equal(qc_assess(f->s, plan, 2020, NULL, &b, &err), QC_OK);
	const struct qc_assess_subject *u0 = subject(&a, "市市场监管局");
	const struct qc_assess_subject *u1 = subject(&b, "市市场监管局");
	assert_true(fabs(u0->deduction) < 1e-9);
	assert_true(fabs(u1->deduction - 3) < 1e-9);
	assert_true(fabs(u0->score - 3 - u1->score) < 1e-9);
	assert_true(fabs(subject(&a, "市林业局")->score -
			 subject(&b, "市林业局")->score) < 1e-9);
	const struct qc_assess_line *line = &u1->lines[u1->n_lines - 1];
	assert_int_equal(line->kind, QC_ITEM_ACCOUNTABILITY);
	assert_true(fabs(line->points + 3) < 1e-9);
	assert_non_null(strstr(line->reason, "约谈 1 次"));
	assert_int_equal(u0->n_lines + 1, u1->n_lines);
	qc_assessment_release(&a);
	qc_assessment_release(&b);

	/* A scheme file sets its own rates and cap. */
	static const char *scheme =
		"{\"format\": \"qcity-scheme/1\", \"year\": 2020, \"items\": ["
		" {\"key\": \"T\", \"kind\": \"target\", \"target\": \"抽查合格率\","
		"  \"points\": 10},"
		" {\"key\": \"A\", \"kind\": \"accountability\", \"points\": 4,"
		"  \"per_interview\": 3, \"per_criticism\": 3}]}";
	struct qc_scheme sc;
	assert_int_equal(qc_scheme_from_json(&sc, scheme, strlen(scheme), &err),
			 QC_OK);
	assert_int_equal(qc_assess(f->s, plan, 2020, &sc, &a, &err), QC_OK);
	assert_true(fabs(subject(&a, "市市场监管局")->deduction - 4) < 1e-9);
	qc_assessment_release(&a);
	qc_scheme_release(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(open_answer_close_reopen,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(overdue_items_raise_alerts,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(accountability_deducts,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
