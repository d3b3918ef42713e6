/* The metrology register (强制检定的计量器具): 受检率 and 检定合格率
 * against hand-computed values (a due verified late is not on time; an
 * instrument scrapped before its due date is not due, one stopped after
 * it still is; never above 100), overdue and failed instruments as of a
 * date, the office's period for a kind and no period assumed, an import
 * refused whole with its line and field, a re-import that updates and
 * never duplicates, audit rows, and bound indicators kept current. */
#include <math.h>

#include "../testutil.h"
#include "qcity/audit.h"
#include "qcity/clock.h"
#include "qcity/indicator.h"
#include "qcity/metrology.h"

/* Six instruments: M1 due 1 Mar, verified before it; M2 due 1 Apr,
 * verified 15 Apr (late); M3 scrapped 1 May before its due of 1 Jun; M4
 * due 1 Jul, never verified; M5 not due until 2025; M6 due 1 Aug, stopped
 * 1 Sep without a verification. */
static const char register_csv[] =
	"器具编号,器具名称,规格型号,出厂编号,用途,使用单位,统一社会信用代码,"
	"所在区县,有效期至,器具状态,状态日期\n"
	"JL-M1,电子计价秤,ACS-15,1001,贸易结算,某农贸市场,,桃山区,"
	"2024-03-01,在用,\n"
	"JL-M2,燃油加油机,DJY-2,1002,贸易结算,某加油站,,桃山区,2024/4/1,"
	"在用,\n"
	"JL-M3,压力表,Y-100,1003,安全防护,某锅炉房,,230902,2024年6月1日,"
	"报废,2024-05-01\n"
	"JL-M4,血压计,XJ11,1004,医疗卫生,某卫生院,,230902,2024-07-01,在用,"
	"\n"
	"JL-M5,水表,DN20,1005,贸易结算,某水务公司,,桃山区,2025-06-01,在用,"
	"\n"
	"JL-M6,烟尘采样器,YC-1,1006,环境监测,某监测站,,230902,2024-08-01,"
	"停用,2024-09-01\n";

static void write_csv(struct fixture *f, const char *name, const char *text,
		      char *path, size_t n)
{
	snprintf(path, n, "%s/%s", f->dir, name);
	write_file(path, text);
}

static void import_ok(struct fixture *f, const char *text,
		      struct qc_import_counts *st)
{
	struct qc_error err = { 0 };
	char path[300];
	write_csv(f, "register.csv", text, path, sizeof(path));
	if (qc_metrology_import(f->s, path, NULL, "t", st, &err)) {
		fail_msg("import: %s", err.msg);
		abort();
	}
}

static enum qc_rc verify(struct fixture *f, const char *code, const char *on,
			 const char *result, const char *next,
			 struct qc_error *err)
{
	struct qc_metrology_verification v = { .code = code,
					       .date = on,
					       .result = result,
					       .next = next,
					       .certificate = "JD2024-001" };
	return qc_metrology_verify(f->s, &v, "t", err);
}

static void verify_ok(struct fixture *f, const char *code, const char *on,
		      const char *result, const char *next)
{
	struct qc_error err = { 0 };
	if (verify(f, code, on, result, next, &err)) {
		fail_msg("verify %s: %s", code, err.msg);
		abort();
	}
}

static long today(void)
{
	return qc_today_days();
}

static void the_year_2024(struct fixture *f)
{
	struct qc_import_counts st;
	setenv("QCITY_NOW", "2024-12-31", 1);
	import_ok(f, register_csv, &st);
	assert_int_equal(st.added, 6);
	verify_ok(f, "JL-M1", "2024-02-20", "合格", "2025-03-01");
	verify_ok(f, "JL-M2", "2024-04-15", "合格", "2025-04-15");
	verify_ok(f, "JL-M5", "2024-12-01", "不合格", NULL);
}

static void figures_by_hand(void **state)
{
	struct fixture *f = *state;
	struct qc_metrology_figures fig;
	struct qc_error err = { 0 };
	double v;

	the_year_2024(f);
	assert_int_equal(qc_metrology_figures(f->s, "230900", 2024, today(),
					      &fig, &err),
			 QC_OK);
	/* In use: M1, M2, M4, M5. Due: M1, M2, M4, M6 (M3 scrapped first,
	 * M5 in 2025); on time: M1. Overdue now: M4, and M5 failed. */
	assert_int_equal(fig.in_use, 4);
	assert_int_equal(fig.due, 4);
	assert_int_equal(fig.on_time, 1);
	assert_int_equal(fig.overdue, 2);
	assert_int_equal(fig.failed, 1);
	assert_int_equal(fig.verified, 3);
	assert_int_equal(fig.passed, 2);
	assert_true(qc_metrology_measure(&fig, "verification_rate", &v));
	assert_true(v == 25.0);
	assert_true(qc_metrology_measure(&fig, "pass_rate", &v));
	assert_true(fabs(v - 200.0 / 3.0) < 1e-9);
	assert_false(qc_metrology_measure(&fig, "speed", &v));

	/* 桃山区 alone: M1 and M2 due, M1 on time. */
	assert_int_equal(qc_metrology_figures(f->s, "230903", 2024, today(),
					      &fig, &err),
			 QC_OK);
	assert_int_equal(fig.due, 2);
	assert_int_equal(fig.on_time, 1);
	/* A second verification of M1 answers its 2025 due, not 2024's:
	 * the rate stays at or below 100. */
	verify_ok(f, "JL-M1", "2024-12-30", "合格", "2025-12-30");
	assert_int_equal(qc_metrology_figures(f->s, "230903", 2024, today(),
					      &fig, &err),
			 QC_OK);
	assert_int_equal(fig.due, 2);
	assert_int_equal(fig.on_time, 1);
	assert_true(qc_metrology_measure(&fig, "verification_rate", &v) &&
		    v <= 100.0);
	/* Halfway through the year the later dues are not due yet. */
	assert_int_equal(qc_metrology_figures(f->s, "230900", 2024,
					      today() - 200, &fig, &err),
			 QC_OK);
	assert_int_equal(fig.due, 2); /* M1 and M2, before 15 June */
	/* No instruments: no rate. */
	assert_int_equal(qc_metrology_figures(f->s, "640502", 2024, today(),
					      &fig, &err),
			 QC_OK);
	assert_false(qc_metrology_measure(&fig, "verification_rate", &v));
	assert_false(qc_metrology_measure(&fig, "pass_rate", &v));
	unsetenv("QCITY_NOW");
}

static void lists_as_of_a_date(void **state)
{
	struct fixture *f = *state;
	struct qc_metrology_list l;
	struct qc_error err = { 0 };
	long later;

	the_year_2024(f);
	assert_int_equal(qc_metrology_list(f->s, "230900", QC_MTR_OVERDUE,
					   today(), &l, &err),
			 QC_OK);
	/* M4 is 183 days past 1 July; M5 failed 30 days ago; M3 scrapped
	 * and M6 stopped are not listed. */
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].code, "JL-M4");
	assert_int_equal(l.v[0].days_overdue, 183);
	assert_false(l.v[0].failed);
	assert_string_equal(l.v[1].code, "JL-M5");
	assert_true(l.v[1].failed);
	assert_int_equal(l.v[1].days_overdue, 30);
	qc_metrology_list_release(&l);
	assert_int_equal(qc_metrology_list(f->s, NULL, QC_MTR_FAILED, today(),
					   &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].code, "JL-M5");
	qc_metrology_list_release(&l);
	/* On 2 March 2025, M1 (valid until 1 March) is overdue too. */
	assert_true(qc_date_days("2025-03-02", &later));
	assert_int_equal(qc_metrology_list(f->s, NULL, QC_MTR_OVERDUE, later,
					   &l, &err),
			 QC_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2].code, "JL-M1");
	assert_int_equal(l.v[2].days_overdue, 1);
	qc_metrology_list_release(&l);
	assert_int_equal(qc_metrology_list(f->s, NULL, QC_MTR_ALL, today(), &l,
					   &err),
			 QC_OK);
	assert_int_equal(l.n, 6);
	assert_string_equal(l.v[0].purpose, "medical");
	qc_metrology_list_release(&l);
	unsetenv("QCITY_NOW");
}

static void verifications_checked(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	char due[16] = "";

	the_year_2024(f);
	/* A failure has no next date; a pass needs one, or the office's
	 * period for the kind: none is assumed. */
	assert_int_equal(verify(f, "JL-M5", "2024-12-20", "不合格",
				"2025-01-01", &err),
			 QC_EINVAL);
	assert_int_equal(verify(f, "JL-M5", "2024-12-20", "合格", NULL, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "水表"));
	assert_int_equal(verify(f, "JL-M5", "2024-12-20", "也许", "2025-12-20",
				&err),
			 QC_EINVAL);
	assert_int_equal(verify(f, "JL-M2", "2024-04-10", "合格", "2025-04-10",
				&err),
			 QC_EINVAL); /* before the last one */
	assert_int_equal(verify(f, "JL-M2", "2025-04-10", "合格", "2026-04-10",
				&err),
			 QC_EINVAL); /* in the future */
	assert_int_equal(verify(f, "NOPE", "2024-12-20", "合格", "2025-01-01",
				&err),
			 QC_ENOTFOUND);
	assert_int_equal(verify(f, "JL-M3", "2024-12-20", "合格", "2025-01-01",
				&err),
			 QC_ECONFLICT);
	assert_int_equal(qc_metrology_period_set(f->s, "水表", 0, "规程", "t",
						 &err),
			 QC_EINVAL);
	assert_int_equal(qc_metrology_period_set(f->s, "水表", 12, "", "t",
						 &err),
			 QC_EINVAL);
	assert_int_equal(qc_metrology_period_set(f->s, "水表", 12,
						 "检定规程（测试）", "t", &err),
			 QC_OK);
	/* 31 December plus 2 months is the end of February. */
	assert_int_equal(qc_metrology_period_set(f->s, "水表", 2,
						 "检定规程（测试）", "t", &err),
			 QC_OK);
	verify_ok(f, "JL-M5", "2024-12-31", "合格", NULL);
	query_text(f->s,
		   "SELECT next_due FROM metrology_instruments WHERE code ="
		   " 'JL-M5'",
		   due, sizeof(due));
	assert_string_equal(due, "2025-02-28");
	assert_int_equal(count_where(f->s,
				     "SELECT COUNT(*) FROM audit_log"
				     " WHERE entity = 'metrology_period'"),
			 2);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'metrology' AND"
					   " action = 'verify' AND after_json"
					   " LIKE '%JD2024-001%'"),
			 4);
	unsetenv("QCITY_NOW");
}

static void import_refused_whole(void **state)
{
	struct fixture *f = *state;
	struct qc_import_counts st;
	struct qc_error err = { 0 };
	char path[300];
	long long audits = count_rows(f->s, "audit_log");

	write_csv(f, "bad.csv",
		  "器具编号,器具名称,用途,使用单位,有效期至\n"
		  "X1,电子秤,贸易结算,甲,2025-01-01\n"
		  "X2,电子秤,好玩,乙,2025-01-01\n",
		  path, sizeof(path));
	assert_int_equal(qc_metrology_import(f->s, path, "桃山区", "t", &st,
					     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "用途"));
	write_csv(f, "bad2.csv",
		  "备案编号,计量器具名称,使用单位名称,下次检定日期\n"
		  "X1,电子秤,甲,2025-13-01\n",
		  path, sizeof(path));
	assert_int_equal(qc_metrology_import(f->s, path, "桃山区", "t", &st,
					     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2"));
	assert_non_null(strstr(err.msg, "有效期至"));
	write_csv(f, "bad3.csv", "器具编号,使用单位\nX1,甲\n", path,
		  sizeof(path));
	assert_int_equal(qc_metrology_import(f->s, path, "桃山区", "t", &st,
					     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "器具名称"));
	/* A prefecture keeps no record: the county is asked for. */
	write_csv(f, "bad4.csv", "器具编号,器具名称,使用单位\nX1,电子秤,甲\n",
		  path, sizeof(path));
	assert_int_equal(qc_metrology_import(f->s, path, "七台河市", "t", &st,
					     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2"));
	/* Headings and no rows: nothing imported, and said so. */
	write_csv(f, "empty.csv", "器具编号,器具名称,使用单位\n\n", path,
		  sizeof(path));
	assert_int_equal(qc_metrology_import(f->s, path, "桃山区", "t", &st,
					     &err),
			 QC_EINVAL);
	assert_int_equal(count_rows(f->s, "metrology_instruments"), 0);
	assert_int_equal(count_rows(f->s, "audit_log"), audits);
}

/* An upload by an account held to a region: a row outside it fails the
 * whole file with its line (the rows before it, inside, are undone too);
 * the audit log names the uploaded file, not the temporary path. */
static void import_held_to_region(void **state)
{
	struct fixture *f = *state;
	struct qc_import_counts st;
	struct qc_error err = { 0 };
	char path[300];
	long long audits = count_rows(f->s, "audit_log");
	struct qc_import_from src = { .within = "230902", .name = "台账.csv" };

	write_csv(f, "held.csv",
		  "器具编号,器具名称,使用单位,所在区县,有效期至\n"
		  "Y1,电子秤,甲,230902,2026-01-01\n"
		  "Y2,电子秤,乙,230903,2026-01-01\n",
		  path, sizeof(path));
	src.path = path;
	assert_int_equal(qc_metrology_import_from(f->s, &src, "t", &st, &err),
			 QC_EPERM);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "230903"));
	assert_int_equal(count_rows(f->s, "metrology_instruments"), 0);
	assert_int_equal(count_rows(f->s, "audit_log"), audits);
	/* The city holds both counties. */
	src.within = "230900";
	assert_int_equal(qc_metrology_import_from(f->s, &src, "t", &st, &err),
			 QC_OK);
	assert_int_equal(st.added, 2);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE action = 'import' AND"
					   " entity_key = '台账.csv'"),
			 1);
}

static void reimport_updates(void **state)
{
	struct fixture *f = *state;
	struct qc_import_counts st;
	struct qc_metrology_figures fig;
	struct qc_error err = { 0 };

	the_year_2024(f);
	import_ok(f, register_csv, &st);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.updated, 0);
	assert_int_equal(st.unchanged, 6);
	assert_int_equal(count_rows(f->s, "metrology_instruments"), 6);
	/* M4 scrapped before its due: updated, audited before and after. */
	import_ok(f,
		  "器具编号,器具名称,使用单位,所在区县,有效期至,器具状态,"
		  "报废日期\n"
		  "JL-M4,血压计,某卫生院,230902,2024-07-01,报废,2024-06-15\n",
		  &st);
	assert_int_equal(st.updated, 1);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'metrology' AND"
					   " action = 'update' AND entity_key ="
					   " 'JL-M4' AND before_json LIKE"
					   " '%in_use%' AND after_json LIKE"
					   " '%scrapped%'"),
			 1);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'metrology' AND"
					   " action = 'insert'"),
			 6);
	assert_int_equal(qc_metrology_figures(f->s, "230900", 2024, today(),
					      &fig, &err),
			 QC_OK);
	assert_int_equal(fig.due, 3);     /* M1, M2, M6 */
	assert_int_equal(fig.overdue, 1); /* M5, failed */
	/* An older export moves no verified due date back. */
	char due[16] = "";
	import_ok(f,
		  "器具编号,器具名称,规格型号,出厂编号,用途,使用单位,所在区县,"
		  "有效期至\n"
		  "JL-M1,电子计价秤,ACS-15,1001,贸易结算,某农贸市场,桃山区,"
		  "2024-03-01\n",
		  &st);
	assert_int_equal(st.unchanged, 1);
	query_text(f->s,
		   "SELECT next_due FROM metrology_instruments WHERE code ="
		   " 'JL-M1'",
		   due, sizeof(due));
	assert_string_equal(due, "2025-03-01");
	unsetenv("QCITY_NOW");
}

static double stored(struct fixture *f, int64_t ind, const char *region)
{
	struct qc_stmt *st;
	double v = -1;
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT value FROM indicator_values"
					 " WHERE indicator_id = ? AND"
					 " region_code = ? AND period = '2024'",
					 &st, NULL),
			 QC_OK);
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_text(st, 2, region);
	if (qc_stmt_next(st, NULL) == QC_ROW)
		v = qc_stmt_double(st, 0);
	qc_stmt_free(st);
	return v;
}

static void bound_indicators_kept_current(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	int64_t rate, pass;

	the_year_2024(f);
	assert_int_equal(qc_indicator_ensure(f->s, "强制检定计量器具受检率",
					     "%", false, &rate, &err),
			 QC_OK);
	assert_int_equal(qc_indicator_ensure(f->s, "强制检定计量器具检定合格率",
					     "%", false, &pass, &err),
			 QC_OK);
	assert_int_equal(qc_metrology_bind(f->s, "强制检定计量器具受检率",
					   "verification_rate", "t", &err),
			 QC_OK);
	assert_int_equal(qc_metrology_bind(f->s, "强制检定计量器具检定合格率",
					   "pass_rate", "t", &err),
			 QC_OK);
	assert_int_equal(qc_metrology_bind(f->s, "强制检定计量器具受检率",
					   "speed", "t", &err),
			 QC_EINVAL);
	assert_int_equal(qc_metrology_bind(f->s, "没有这个指标", "pass_rate",
					   "t", &err),
			 QC_ENOTFOUND);
	assert_true(stored(f, rate, "230900") == 25.0);
	assert_true(stored(f, rate, "230903") == 50.0);
	assert_true(stored(f, rate, "230902") == 0.0);
	assert_true(fabs(stored(f, pass, "230900") - 200.0 / 3.0) < 1e-9);
	/* A verification rewrites them: M4 done late, and passed. */
	verify_ok(f, "JL-M4", "2024-12-30", "合格", "2025-12-30");
	assert_true(stored(f, rate, "230902") == 0.0);
	assert_true(stored(f, pass, "230900") == 75.0);
	/* An import too: M7 in 桃山区, due 1 October, never verified. */
	struct qc_import_counts st;
	import_ok(f,
		  "器具编号,器具名称,使用单位,所在区县,有效期至\n"
		  "JL-M7,电子计价秤,某超市,桃山区,2024-10-01\n",
		  &st);
	assert_int_equal(st.added, 1);
	assert_true(fabs(stored(f, rate, "230903") - 100.0 / 3.0) < 1e-9);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM audit_log"
					   " WHERE entity = 'indicator' AND"
					   " action = 'bind'"),
			 2);
	unsetenv("QCITY_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(figures_by_hand, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(lists_as_of_a_date,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(verifications_checked,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(import_refused_whole,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(import_held_to_region,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(reimport_updates, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(bound_indicators_kept_current,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
