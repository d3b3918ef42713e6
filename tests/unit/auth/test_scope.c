/* Write and read scope (qcity/scope.h): a unit writes only the indicators
 * of targets it leads or co-owns, in its region, and progress on its own
 * tasks; an office held to a region and a region user stay in their
 * subtree; imports are checked row by row; drafts and other regions'
 * plans are hidden from region users, units and viewers. */
#include "testutil.h"

#include "qcity/auth.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/scope.h"

static const char *plan_home =
	"{\"plan\": {\"title\": \"七台河市方案\", \"region\": {\"code\": \"230900\"},"
	"  \"period\": {\"start\": 2017, \"end\": 2020}, \"status\": \"active\"},"
	" \"targets\": ["
	"  {\"indicator\": \"产品质量监督抽查合格率\", \"op\": \">=\", \"value\": 98,"
	"   \"unit\": \"%\", \"year\": 2020, \"owners\": [\"市市场监管局\"]},"
	"  {\"indicator\": \"森林覆盖率\", \"op\": \">=\", \"value\": 50, \"unit\": \"%\","
	"   \"year\": 2020, \"owners_detail\": [{\"written\": \"市林业局\", \"unit\": \"市林业局\", \"role\": \"lead\"},"
	"   {\"written\": \"市发改委\", \"unit\": \"市发改委\", \"role\": \"co\"}]}],"
	" \"tasks\": [{\"key\": \"一\", \"title\": \"建立领导小组\","
	"   \"owners\": [\"市市场监管局\"]},"
	"  {\"key\": \"二\", \"title\": \"植树\", \"owners_detail\": ["
	"   {\"written\": \"市林业局\", \"unit\": \"市林业局\", \"role\": \"lead\"},"
	"   {\"written\": \"市市场监管局\", \"unit\": \"市市场监管局\", \"role\": \"co\"}]}]}";

static const char *plan_away =
	"{\"plan\": {\"title\": \"沙坡头区方案\", \"region\": {\"code\": \"640502\"},"
	"  \"period\": {\"start\": 2017, \"end\": 2020}, \"status\": \"draft\"},"
	" \"targets\": [{\"indicator\": \"产品质量监督抽查合格率\", \"op\": \">=\","
	"   \"value\": 95, \"unit\": \"%\", \"year\": 2020, \"owners\": [\"区市场监管局\"]}],"
	" \"tasks\": [{\"key\": \"一\", \"title\": \"方案\", \"owners\": [\"区市场监管局\"]}]}";

static long long load(struct qc_store *s, const char *json)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id;
	if (qc_plan_from_json(&p, json, strlen(json), &err) ||
	    qc_plan_import(s, &p, false, "t", &id, &err))
		fail_msg("%s", err.msg);
	qc_plan_release(&p);
	return id;
}

static struct qc_user unit_user(struct qc_store *s, const char *region,
				const char *name)
{
	struct qc_user u = { .role = QC_USER_UNIT,
			     .name = (char *)"u",
			     .unit_name = (char *)name };
	assert_int_equal(qc_unit_find(s, region, name, &u.unit_id, NULL),
			 QC_OK);
	snprintf(u.region, sizeof(u.region), "%s", region);
	return u;
}

static struct qc_user role_user(enum qc_user_role role, const char *region)
{
	struct qc_user u = { .role = role, .name = (char *)"x" };
	snprintf(u.region, sizeof(u.region), "%s", region);
	return u;
}

static void unit_writes_its_own_series(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	long long home = load(f->s, plan_home), away = load(f->s, plan_away);
	struct qc_user scj = unit_user(f->s, "230900", "市市场监管局");
	struct qc_user lyj = unit_user(f->s, "230900", "市林业局");
	struct qc_user fgw = unit_user(f->s, "230900", "市发改委");

	assert_int_equal(qc_scope_can_write_value(f->s, &scj,
						  "产品质量监督抽查合格率",
						  "七台河市", &err),
			 QC_OK);
	/* The repro of issue 12: another unit's indicator. */
	assert_int_equal(qc_scope_can_write_value(f->s, &scj, "森林覆盖率",
						  "230900", &err),
			 QC_EPERM);
	assert_non_null(
		strstr(err.msg, "市市场监管局 leads or co-owns no target"));
	assert_int_equal(qc_scope_can_write_value(f->s, &lyj, "森林覆盖率",
						  "230900", &err),
			 QC_OK);
	/* A co-owner reports too. */
	assert_int_equal(qc_scope_can_write_value(f->s, &fgw, "森林覆盖率",
						  "230900", &err),
			 QC_OK);
	/* Its own indicator, but another region or a county below. */
	assert_int_equal(qc_scope_can_write_value(f->s, &scj,
						  "产品质量监督抽查合格率",
						  "640502", &err),
			 QC_EPERM);
	assert_int_equal(qc_scope_can_write_value(f->s, &scj,
						  "产品质量监督抽查合格率",
						  "230902", &err),
			 QC_EPERM);
	assert_int_equal(qc_scope_can_write_value(f->s, &scj, "没有的指标",
						  "230900", &err),
			 QC_ENOTFOUND);

	assert_int_equal(qc_scope_can_write_progress(f->s, &scj, home, "一",
						     &err),
			 QC_OK);
	assert_int_equal(qc_scope_can_write_progress(f->s, &scj, home, "二",
						     &err),
			 QC_OK);
	assert_int_equal(qc_scope_can_write_progress(f->s, &lyj, home, "一",
						     &err),
			 QC_EPERM);
	assert_non_null(strstr(err.msg, "not one of 市林业局's tasks"));
	assert_int_equal(qc_scope_can_write_progress(f->s, &scj, home, "九",
						     &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_scope_can_write_progress(f->s, &scj, away, "一",
						     &err),
			 QC_EPERM);
	assert_int_equal(qc_scope_can_write_progress(f->s, &scj, 999, "一",
						     &err),
			 QC_ENOTFOUND);
}

static void offices_and_regions_stay_in_their_subtree(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	long long home = load(f->s, plan_home), away = load(f->s, plan_away);
	struct qc_user office = role_user(QC_USER_OFFICE, "230900");
	struct qc_user all = role_user(QC_USER_OFFICE, "");
	struct qc_user admin = role_user(QC_USER_ADMIN, "");
	struct qc_user region = role_user(QC_USER_REGION, "230900");
	struct qc_user viewer = role_user(QC_USER_VIEWER, "");

	assert_int_equal(qc_scope_can_write_value(f->s, &office, "森林覆盖率",
						  "230902", &err),
			 QC_OK);
	assert_int_equal(qc_scope_can_write_value(f->s, &office, "森林覆盖率",
						  "640502", &err),
			 QC_EPERM);
	assert_int_equal(qc_scope_can_write_value(f->s, &all, "森林覆盖率",
						  "640502", &err),
			 QC_OK);
	assert_int_equal(qc_scope_can_write_value(f->s, &admin, "森林覆盖率",
						  "640502", &err),
			 QC_OK);
	assert_int_equal(qc_scope_can_write_value(f->s, &region, "森林覆盖率",
						  "230903", &err),
			 QC_OK);
	assert_int_equal(qc_scope_can_write_value(f->s, &region, "森林覆盖率",
						  "640502", &err),
			 QC_EPERM);
	assert_int_equal(qc_scope_can_write_value(f->s, &viewer, "森林覆盖率",
						  "230900", &err),
			 QC_EPERM);
	assert_int_equal(qc_scope_can_write_plan(f->s, &office, home, &err),
			 QC_OK);
	assert_int_equal(qc_scope_can_write_plan(f->s, &office, away, &err),
			 QC_EPERM);
	assert_int_equal(qc_scope_can_write_region(&office, NULL, &err),
			 QC_EPERM);
	assert_int_equal(qc_scope_can_write_region(&all, NULL, &err), QC_OK);
	assert_int_equal(qc_scope_can_write_progress(f->s, &office, away, "一",
						     &err),
			 QC_EPERM);
	assert_int_equal(qc_scope_can_write_progress(f->s, &all, away, "一",
						     &err),
			 QC_OK);
	/* A submission for a unit: its own region's units only. */
	struct qc_user scj = unit_user(f->s, "230900", "市市场监管局");
	struct qc_user far = unit_user(f->s, "640502", "区市场监管局");
	struct qc_user lyj = unit_user(f->s, "230900", "市林业局");
	assert_int_equal(qc_scope_can_write_unit(f->s, &office, scj.unit_id,
						 &err),
			 QC_OK);
	assert_int_equal(qc_scope_can_write_unit(f->s, &office, far.unit_id,
						 &err),
			 QC_EPERM);
	assert_int_equal(qc_scope_can_write_unit(f->s, &scj, scj.unit_id, &err),
			 QC_OK);
	assert_int_equal(qc_scope_can_write_unit(f->s, &scj, lyj.unit_id, &err),
			 QC_EPERM);
	assert_int_equal(qc_scope_can_write_unit(f->s, &all, 99999, &err),
			 QC_ENOTFOUND);
}

static void import_is_checked_row_by_row(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_user office = role_user(QC_USER_OFFICE, "230900");
	struct qc_user scj;
	size_t n = 99;
	const char *mixed = "indicator,region,period,value\n"
			    "森林覆盖率,230900,2018,47\n"
			    "森林覆盖率,640502,2018,12\n"
			    "森林覆盖率,230902,2018,40\n";
	const char *own = "indicator,region,period,value,reporter\n"
			  "产品质量监督抽查合格率,230900,2018,97,\n"
			  "产品质量监督抽查合格率,230900,2019,98,市林业局\n";

	load(f->s, plan_home);
	scj = unit_user(f->s, "230900", "市市场监管局");
	assert_int_equal(qc_value_import_as(f->s, mixed, strlen(mixed), &office,
					    "t", &n, &err),
			 QC_EPERM);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_int_equal(n, 0);
	assert_int_equal(count_rows(f->s, "indicator_values"), 0);
	assert_int_equal(qc_value_import_as(f->s, own, strlen(own), &scj, "t",
					    &n, &err),
			 QC_EPERM);
	assert_non_null(strstr(err.msg, "line 3, column 'reporter'"));
	assert_int_equal(count_rows(f->s, "indicator_values"), 0);
	/* Without a user (the operator's own import): everything goes. */
	assert_int_equal(qc_value_import_as(f->s, mixed, strlen(mixed), NULL,
					    "t", &n, &err),
			 QC_OK);
	assert_int_equal(n, 3);
}

static void readers_see_their_subtree(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	long long home = load(f->s, plan_home), away = load(f->s, plan_away);
	struct qc_user scj = unit_user(f->s, "230900", "市市场监管局");
	struct qc_user region = role_user(QC_USER_REGION, "230900");
	struct qc_user county = role_user(QC_USER_REGION, "230902");
	struct qc_user viewer = role_user(QC_USER_VIEWER, "");
	struct qc_user office = role_user(QC_USER_OFFICE, "");

	assert_int_equal(qc_scope_can_read_plan(f->s, &scj, home, &err), QC_OK);
	assert_int_equal(qc_scope_can_read_plan(f->s, &region, home, &err),
			 QC_OK);
	/* A county user does not read its prefecture's plan. */
	assert_int_equal(qc_scope_can_read_plan(f->s, &county, home, &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_scope_can_read_plan(f->s, &viewer, home, &err),
			 QC_OK);
	/* A draft in another region: office only. */
	assert_int_equal(qc_scope_can_read_plan(f->s, &scj, away, &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_scope_can_read_plan(f->s, &viewer, away, &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_scope_can_read_plan(f->s, &office, away, &err),
			 QC_OK);
	assert_false(qc_scope_plan_visible(&office, "draft", "640502") ==
		     false);
	assert_false(qc_scope_plan_visible(&scj, "draft", "230900"));
	assert_true(qc_scope_plan_visible(&scj, "archived", "230900"));
	assert_false(qc_scope_plan_visible(&region, "archived", "230900"));
	assert_true(qc_scope_can_read_region(&region, "230903"));
	assert_false(qc_scope_can_read_region(&region, "640502"));
	assert_false(qc_scope_can_read_region(&region, NULL));
	assert_true(qc_scope_can_read_region(&viewer, "640502"));
	assert_true(qc_scope_region_covers("230000", "230903"));
	assert_false(qc_scope_region_covers("230900", "230000"));
	assert_false(qc_scope_region_covers("", "230000"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(unit_writes_its_own_series,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(
			offices_and_regions_stay_in_their_subtree,
			fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(import_is_checked_row_by_row,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(readers_see_their_subtree,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
