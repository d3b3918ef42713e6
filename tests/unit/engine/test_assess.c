/* The worked example of docs/assessment-scheme.md, point by point, and
 * the reporting record it stands on. */
#include "testutil.h"
#include <math.h>
#include "qcity/assess.h"
#include "qcity/audit.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/reporting.h"
#include "qcity/review.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-6)

static const char *plan_json =
	"{\"plan\": {\"title\": \"示例方案\", \"region\": {\"code\": \"230900\"},"
	"  \"period\": {\"start\": 2019, \"end\": 2020}},"
	" \"targets\": ["
	"  {\"indicator\": \"抽查合格率\", \"op\": \">=\", \"value\": 98, \"unit\": \"%\","
	"   \"year\": 2020, \"owners\": [\"市市场监管局\"]},"
	"  {\"indicator\": \"森林覆盖率\", \"op\": \">=\", \"value\": 48, \"unit\": \"%\","
	"   \"year\": 2020, \"owners\": [\"市林业局\"]},"
	"  {\"indicator\": \"名牌产品\", \"op\": \">=\", \"value\": 10, \"unit\": \"个\","
	"   \"year\": 2020, \"owners\": [\"市市场监管局\"]},"
	"  {\"indicator\": \"重大森林火灾\", \"op\": \"zero\", \"unit\": \"次\","
	"   \"owners\": [\"市林业局\"]}],"
	" \"tasks\": ["
	"  {\"key\": \"一\", \"title\": \"质量提升\", \"due\": \"2020-12-31\","
	"   \"owners\": [\"市市场监管局\"]},"
	"  {\"key\": \"二\", \"title\": \"林业工程\", \"due\": \"2020-12-31\","
	"   \"owners\": [\"市林业局\"]}],"
	" \"reporting\": [{\"kind\": \"half_year\", \"grace_days\": 15}]}";

static const char *scheme_json =
	"{\"format\": \"qcity-scheme/1\", \"title\": \"示例细则\", \"year\": 2020,"
	" \"items\": ["
	"  {\"key\": \"T1\", \"kind\": \"target\", \"target\": \"抽查合格率\","
	"   \"rule\": \"partial\", \"points\": 40, \"full_at\": 98, \"zero_at\": 94},"
	"  {\"key\": \"T2\", \"kind\": \"target\", \"target\": \"森林覆盖率\", \"points\": 40},"
	"  {\"key\": \"R\", \"kind\": \"reporting\", \"points\": 20, \"per_late\": 2,"
	"   \"per_missing\": 5},"
	"  {\"key\": \"K1\", \"kind\": \"task\", \"task\": \"一\", \"points\": 10},"
	"  {\"key\": \"K2\", \"kind\": \"task\", \"task\": \"二\", \"points\": 10},"
	"  {\"key\": \"M1\", \"kind\": \"manual\", \"points\": 10},"
	"  {\"key\": \"B1\", \"kind\": \"bonus\", \"target\": \"名牌产品\","
	"   \"per_count\": 1, \"points\": 3},"
	"  {\"key\": \"V1\", \"kind\": \"veto\", \"target\": \"重大森林火灾\"}]}";

static void set(struct qc_store *s, const char *ind, const char *region,
		const char *period, double v)
{
	struct qc_error err = { 0 };
	struct qc_value_in in = {
		.indicator = ind, .region = region, .period = period, .value = v
	};
	assert_int_equal(qc_value_set(s, &in, "t", &err), QC_OK);
}

/* A progress report submitted on `date` (QCITY_NOW fixes the clock). */
static void report(struct qc_store *s, long long plan, const char *task,
		   const char *unit, const char *period, const char *status,
		   const char *date)
{
	struct qc_error err = { 0 };
	setenv("QCITY_NOW", date, 1);
	assert_int_equal(qc_task_report_add(s, plan, task, unit, period, status,
					    NULL, "t", &err),
			 QC_OK);
}

static long long setup_example(struct qc_store *s)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id;

	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(s, &p, false, "t", &id, &err), QC_OK);
	qc_plan_release(&p);
	set(s, "抽查合格率", "230900", "2019", 95);
	set(s, "抽查合格率", "230900", "2020", 96.5);
	set(s, "森林覆盖率", "230900", "2020", 48.2);
	set(s, "名牌产品", "230900", "2020", 2);
	set(s, "重大森林火灾", "230900", "2020", 0);
	set(s, "抽查合格率", "230902", "2020", 99);
	set(s, "森林覆盖率", "230902", "2020", 48.5);
	set(s, "名牌产品", "230902", "2020", 5);
	set(s, "抽查合格率", "230903", "2020", 93);
	set(s, "森林覆盖率", "230903", "2020", 49);
	set(s, "重大森林火灾", "230903", "2020", 1);
	/* 2020-H1 is due 2020-07-15, 2020-H2 on 2021-01-15. */
	report(s, id, "一", "市市场监管局", "2020-H1", "in_progress",
	       "2020-07-10");
	report(s, id, "一", "市市场监管局", "2020-H2", "done", "2021-01-20");
	report(s, id, "二", "市林业局", "2020-H1", "in_progress", "2020-07-15");
	setenv("QCITY_NOW", "2021-02-01", 1);
	assert_int_equal(qc_scheme_store(s, id, scheme_json,
					 strlen(scheme_json), "t", &err),
			 QC_OK);
	assert_int_equal(qc_assess_record(s, id, 2020, "M1", "市市场监管局",
					  "self", 8, "宣传材料", NULL,
					  "市市场监管局", &err),
			 QC_OK);
	assert_int_equal(qc_assess_record(s, id, 2020, "M1", "市市场监管局",
					  "verified", 7, NULL,
					  "材料不全, 核减1分", "office", &err),
			 QC_OK);
	assert_int_equal(qc_assess_record(s, id, 2020, "M1", "市林业局", "self",
					  9, "总结报告", NULL, "市林业局",
					  &err),
			 QC_OK);
	return id;
}

static void reporting(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_reporting r;
	struct qc_task_list t;
	long long id = setup_example(f->s);
	char dl[16];

	assert_true(qc_report_deadline("2020-H1", 15, dl, sizeof(dl)));
	assert_string_equal(dl, "2020-07-15");
	assert_true(qc_report_deadline("2020-02", 10, dl, sizeof(dl)));
	assert_string_equal(dl, "2020-03-10");
	char ps[12][12];
	assert_int_equal(qc_report_periods(QC_REPORT_MONTHLY, 2020, ps), 12);
	assert_string_equal(ps[11], "2020-12");
	assert_int_equal(qc_report_periods(QC_REPORT_HALF_YEAR, 2020, ps), 2);
	assert_string_equal(ps[1], "2020-H2");
	assert_int_equal(qc_report_periods(QC_REPORT_ANNUAL, 2020, ps), 1);
	assert_string_equal(ps[0], "2020");
	assert_int_equal(qc_reporting_compute(f->s, id, 2020, &r, &err), QC_OK);
	assert_int_equal(r.n_units, 2);
	assert_string_equal(r.units[0].unit, "市市场监管局");
	assert_int_equal(r.units[0].count[QC_REPORT_ON_TIME], 1);
	assert_int_equal(r.units[0].count[QC_REPORT_LATE], 1);
	NEAR(r.units[0].rate, 1);
	NEAR(r.units[0].timeliness, 0.5);
	assert_string_equal(r.units[0].late, "2020-H2 +5d");
	assert_string_equal(r.units[1].unit, "市林业局");
	assert_int_equal(r.units[1].count[QC_REPORT_MISSING], 1);
	assert_string_equal(r.units[1].missing, "2020-H2");
	NEAR(r.units[1].rate, 0.5);
	assert_int_equal(r.n_periods, 2);
	qc_reporting_release(&r);
	assert_int_equal(qc_task_status_list(f->s, id, &t, &err), QC_OK);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.v[0].state, QC_TASK_DONE);
	assert_int_equal(t.v[1].state, QC_TASK_LATE);
	qc_task_list_release(&t);
}

static const struct qc_assess_subject *find(const struct qc_assessment *a,
					    const char *name)
{
	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->v[i].name, name))
			return &a->v[i];
	fail_msg("no subject %s", name);
	/* fail_msg jumps out, but cmocka does not declare it noreturn: say
	 * so to the analyzer (and never return a NULL to dereference). */
	abort();
}

static double line(const struct qc_assess_subject *s, const char *item)
{
	for (size_t i = 0; i < s->n_lines; i++)
		if (!strcmp(s->lines[i].item, item))
			return s->lines[i].points;
	return -1; /* the item does not apply */
}

static void example(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_assessment a;
	long long id = setup_example(f->s);
	const struct qc_assess_subject *s;

	assert_int_equal(qc_assess(f->s, id, 2020, NULL, &a, &err), QC_OK);
	assert_false(a.default_scheme);
	assert_int_equal(a.n_units, 2);
	assert_int_equal(a.n, 4);
	s = find(&a, "市市场监管局");
	NEAR(line(s, "T1"), 25); /* (96.5 − 94) / 4 × 40 */
	NEAR(line(s, "T2"), -1); /* not its target */
	NEAR(line(s, "R"), 18);  /* 20 − 2 × 1 late */
	NEAR(line(s, "K1"), 10);
	NEAR(line(s, "M1"), 7); /* the verified score */
	NEAR(line(s, "B1"), 2);
	NEAR(s->earned, 60);
	NEAR(s->possible, 80);
	NEAR(s->score, 77); /* 100 × 60 / 80 + 2 */
	assert_string_equal(s->grade, "C");
	assert_int_equal(s->rank, 2);
	s = find(&a, "市林业局");
	NEAR(line(s, "T2"), 40);
	NEAR(line(s, "R"), 15); /* 20 − 5 × 1 missing */
	NEAR(line(s, "K2"), 0); /* late */
	NEAR(line(s, "M1"), 9); /* self-score, unverified */
	NEAR(s->score, 80);     /* 100 × 64 / 80 */
	assert_string_equal(s->grade, "B");
	assert_false(s->vetoed);
	assert_int_equal(s->rank, 1);
	s = find(&a, "新兴区");
	NEAR(s->possible, 80);
	NEAR(s->score, 103); /* 100 + bonus 3 (5, capped) */
	assert_string_equal(s->grade, "A");
	s = find(&a, "桃山区");
	NEAR(line(s, "T1"), 0);
	NEAR(s->score, 50);
	assert_true(s->vetoed);
	assert_string_equal(s->grade, "D");
	assert_int_equal(a.n_commend, 1);
	assert_string_equal(a.v[a.commend[0]].name, "新兴区");
	assert_int_equal(a.n_criticise, 1);
	assert_string_equal(a.v[a.criticise[0]].name, "桃山区");
	qc_assessment_release(&a);
}

static void default_scheme_and_errors(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_assessment a;
	struct qc_scheme sc;
	long long id = setup_example(f->s);

	/* No scheme for 2019: the default one. Three targets share 60
	 * points, two tasks 20, reporting 20; 市市场监管局 leads two of the
	 * targets and one task. */
	assert_int_equal(qc_assess(f->s, id, 2019, NULL, &a, &err), QC_OK);
	assert_true(a.default_scheme);
	assert_string_equal(a.v[0].name, "市市场监管局");
	NEAR(a.v[0].possible, 2 * 20 + 20 + 10);
	qc_assessment_release(&a);
	const char *bad =
		"{\"format\": \"qcity-scheme/1\", \"year\": 2020,"
		" \"items\": [{\"key\": \"X\", \"kind\": \"target\"}]}";
	assert_int_equal(qc_scheme_from_json(&sc, bad, strlen(bad), &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "items[0].target"));
	qc_scheme_release(&sc);
	assert_int_equal(qc_assess_record(f->s, id, 2019, "M1", "市林业局",
					  "self", 1, NULL, NULL, "t", &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_assess_record(f->s, id, 2020, "M1", "市林业局",
					  "guess", 1, NULL, NULL, "t", &err),
			 QC_EINVAL);
}

/* Every score is audited with the row before it: a second score of the
 * same item, subject and step is an update that keeps the first points;
 * the scheme loaded again is an update that keeps the first text. */
static void scores_and_schemes_audited(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_audit_list l;
	long long id = setup_example(f->s);

	assert_int_equal(qc_assess_record(f->s, id, 2020, "M1", "市林业局",
					  "self", 6, NULL, "复核后", "市林业局",
					  &err),
			 QC_OK);
	assert_int_equal(qc_audit_list(f->s, "assessment_score", 5, &l, &err),
			 QC_OK);
	assert_true(l.n >= 2);
	assert_string_equal(l.v[0].action, "update");
	assert_non_null(strstr(l.v[0].before, "\"points\":9"));
	assert_non_null(strstr(l.v[0].before, "总结报告"));
	assert_non_null(strstr(l.v[0].after, "\"points\":6"));
	assert_non_null(strstr(l.v[0].after, "复核后"));
	assert_string_equal(l.v[1].action, "score"); /* 市林业局's first */
	assert_null(l.v[1].before);
	qc_audit_list_release(&l);
	assert_int_equal(qc_scheme_store(f->s, id, scheme_json,
					 strlen(scheme_json), "t2", &err),
			 QC_OK);
	assert_int_equal(qc_audit_list(f->s, "assessment_scheme", 5, &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].action, "update");
	assert_string_equal(l.v[0].actor, "t2");
	assert_non_null(strstr(l.v[0].before, "示例细则"));
	assert_string_equal(l.v[1].action, "create");
	assert_null(l.v[1].before);
	qc_audit_list_release(&l);
}

/* A target without a level is fulfilled by at least moderate growth:
 * 森林覆盖率 提高, 40 (2018) → 41 (2020) is +1.24 % a year. */
static void trend_only_target(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_assessment a;
	struct qc_plan p;
	long long id;
	const char *json =
		"{\"plan\": {\"title\": \"P\", \"region\": {\"code\": \"230900\"},"
		"  \"period\": {\"start\": 2019, \"end\": 2020}},"
		" \"targets\": [{\"indicator\": \"森林覆盖率\", \"op\": \"increase\","
		"   \"unit\": \"%\", \"owners\": [\"市林业局\"]}]}";

	assert_int_equal(qc_plan_from_json(&p, json, strlen(json), &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &id, &err),
			 QC_OK);
	qc_plan_release(&p);
	set(f->s, "森林覆盖率", "230900", "2018", 40);
	set(f->s, "森林覆盖率", "230900", "2020", 41);
	assert_int_equal(qc_assess(f->s, id, 2020, NULL, &a, &err), QC_OK);
	assert_string_equal(a.v[0].name, "市林业局");
	size_t targets = 0;
	for (size_t i = 0; i < a.v[0].n_lines; i++)
		if (a.v[0].lines[i].kind == QC_ITEM_TARGET) {
			targets++;
			NEAR(a.v[0].lines[i].points, a.v[0].lines[i].max);
			/* The status by its label (the msgid: no catalogue
			 * is loaded in unit tests). */
			assert_non_null(strstr(a.v[0].lines[i].reason,
					       "acceleration needed"));
		}
	assert_int_equal(targets, 1);
	qc_assessment_release(&a);
	/* +0.12 % a year is limited progress: no points. */
	set(f->s, "森林覆盖率", "230900", "2020", 40.1);
	assert_int_equal(qc_assess(f->s, id, 2020, NULL, &a, &err), QC_OK);
	assert_string_equal(a.v[0].name, "市林业局");
	const struct qc_assess_subject *s = &a.v[0];
	for (size_t i = 0; i < s->n_lines; i++)
		if (s->lines[i].kind == QC_ITEM_TARGET)
			NEAR(s->lines[i].points, 0);
	qc_assessment_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reporting, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(example, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(trend_only_target,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(scores_and_schemes_audited,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(default_scheme_and_errors,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
