/* Plans in the database: import, load back, conflicts, all-or-nothing. */
#include "testutil.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"

static const char *plan_json =
	"{\"plan\": {\"title\": \"七台河市质量强市方案\", \"doc_number\": \"七政办规〔2018〕1号\","
	"  \"region\": {\"name\": \"七台河\"}, \"period\": {\"start\": 2017, \"end\": 2020},"
	"  \"status\": \"active\"},"
	" \"goals\": [{\"key\": \"g1\", \"domain\": \"product\", \"name\": \"产品质量目标\"}],"
	" \"targets\": ["
	"  {\"goal\": \"g1\", \"line\": 16, \"indicator\": \"产品质量监督抽查合格率\","
	"   \"op\": \">=\", \"value\": 98, \"unit\": \"%\", \"year\": 2020,"
	"   \"owners\": [\"市市场监管局\"]},"
	"  {\"line\": 27, \"indicator\": \"PM2.5年均浓度\", \"op\": \"<=\", \"value\": 52,"
	"   \"unit\": \"μg/m3\", \"owners\": [\"市环保局\", \"市住建局\"]}],"
	" \"tasks\": [{\"key\": \"三\", \"number\": \"三、\", \"title\": \"工作措施\"},"
	"  {\"key\": \"三.(一)\", \"parent\": \"三\", \"title\": \"建立领导小组\","
	"   \"due\": \"2018-03-31\", \"owners\": [\"市市场监管局\"], \"co_owners\": [\"市统计局\"]}],"
	" \"group\": {\"leader\": \"副市长\", \"office_host\": \"市市场监管局\","
	"   \"members\": [\"市市场监管局\", \"市统计局\", \"市环保局\"]},"
	" \"reporting\": [{\"kind\": \"monthly\", \"text\": \"每月报送\"}],"
	" \"assessment\": [{\"text\": \"通报表彰\", \"line\": 64}]}";

static void import_and_load_back(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan in, out;
	long long id;

	assert_int_equal(qc_plan_from_json(&in, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(f->s, &in, false, "t", &id, &err),
			 QC_OK);
	assert_int_equal(qc_plan_load(f->s, id, &out, &err), QC_OK);
	assert_string_equal(out.region_code, "230900");
	assert_int_equal(out.n_targets, 2);
	assert_string_equal(out.targets[0].goal, "g1");
	assert_true(out.targets[1].value == 52);
	assert_int_equal(out.targets[1].owners.n, 2);
	assert_string_equal(out.targets[1].owners.v[1].written, "市住建局");
	assert_int_equal(out.n_tasks, 2);
	assert_string_equal(out.tasks[1].parent, "三");
	assert_int_equal(out.tasks[1].owners.v[1].role, QC_ROLE_CO);
	assert_int_equal(out.group.n_members, 3);
	assert_int_equal(out.n_duties, 1);
	assert_int_equal(out.n_rules, 1);
	/* Owners and members became units of the plan's region. */
	int64_t uid;
	assert_int_equal(qc_unit_find(f->s, "230900", "市统计局", &uid, &err),
			 QC_OK);
	/* Round trip through JSON keeps the content. */
	char *a = qc_plan_to_json(&in), *b = qc_plan_to_json(&out);
	assert_non_null(strstr(b, "\"PM2.5年均浓度\""));
	free(a);
	free(b);
	qc_plan_release(&in);
	qc_plan_release(&out);
}

static void duplicate_is_refused_unless_replace(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id1, id2;

	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &id1, &err),
			 QC_OK);
	long long targets = count_rows(f->s, "targets");
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &id2, &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "--replace"));
	assert_int_equal(count_rows(f->s, "targets"), targets);
	assert_int_equal(qc_plan_import(f->s, &p, true, "t", &id2, &err),
			 QC_OK);
	assert_int_equal(id1, id2); /* written over in place */
	assert_int_equal(count_rows(f->s, "plans"), 1);
	assert_int_equal(count_rows(f->s, "targets"), targets);
	qc_plan_release(&p);
}

static void unknown_region_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id;

	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	qc_set_str(&p.region_name, NULL);
	qc_set_str(&p.region_code, "110101"); /* not loaded */
	long long audit = count_rows(f->s, "audit_log");
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &id, &err),
			 QC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "plan.region"));
	assert_int_equal(count_rows(f->s, "plans"), 0);
	assert_int_equal(count_rows(f->s, "units"), 0);
	assert_int_equal(count_rows(f->s, "audit_log"), audit);
	qc_plan_release(&p);
}

static void import_is_audited(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_audit_list l;
	struct qc_plan p;
	long long id;

	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(f->s, &p, false, "office:wang", &id,
					&err),
			 QC_OK);
	assert_int_equal(qc_audit_list(f->s, "plan", 10, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].actor, "office:wang");
	assert_string_equal(l.v[0].action, "create");
	assert_non_null(strstr(l.v[0].after, "七政办规"));
	qc_audit_list_release(&l);
	assert_int_equal(qc_plan_set_status(f->s, id, "archived", "office:li",
					    &err),
			 QC_OK);
	assert_int_equal(qc_audit_list(f->s, "plan", 10, &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].before, "{\"status\":\"active\"}");
	assert_string_equal(l.v[0].after, "{\"status\":\"archived\"}");
	qc_audit_list_release(&l);
	qc_plan_release(&p);
}

/* 各县区 owning a target means every county is held to it: the import
 * splits the target into one part per county, keeps the phrase as text
 * on the target with no unit, and makes no unit of it. Imported again,
 * the parts stay as they are. */
static void lower_regions_phrase_becomes_parts(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan p, back;
	long long id;

	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	qc_owner_list_release(&p.targets[1].owners);
	qc_owner_list_add(&p.targets[1].owners, "各县区", "各县区",
			  QC_ROLE_LEAD);
	qc_owner_list_add(&p.targets[1].owners, "市环保局", "市环保局",
			  QC_ROLE_CO);
	for (int round = 0; round < 2; round++) {
		assert_int_equal(qc_plan_import(f->s, &p, round == 1, "t", &id,
						&err),
				 QC_OK);
		assert_int_equal(qc_plan_load(f->s, id, &back, &err), QC_OK);
		assert_int_equal(back.targets[0].n_parts, 0);
		assert_int_equal(back.targets[1].n_parts, 2);
		assert_string_equal(back.targets[1].parts[0].region, "230902");
		assert_string_equal(back.targets[1].parts[1].region, "230903");
		assert_int_equal(back.targets[1].parts[1].op, QC_OP_LE);
		assert_true(back.targets[1].parts[1].value == 52);
		assert_string_equal(back.targets[1].owners.v[0].written,
				    "各县区");
		qc_plan_release(&back);
	}
	assert_int_equal(count_rows(f->s, "target_parts"), 2);
	struct qc_stmt *st;
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT COUNT(*) FROM units WHERE"
					 " name LIKE '%县区%'",
					 &st, NULL),
			 QC_OK);
	assert_int_equal(qc_stmt_next(st, NULL), QC_ROW);
	assert_int_equal(qc_stmt_int(st, 0), 0);
	qc_stmt_free(st);
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT COUNT(*) FROM"
					 " target_owners WHERE written = '各县区'"
					 " AND unit_id IS NULL",
					 &st, NULL),
			 QC_OK);
	assert_int_equal(qc_stmt_next(st, NULL), QC_ROW);
	assert_int_equal(qc_stmt_int(st, 0), 1);
	qc_stmt_free(st);
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(import_and_load_back,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(duplicate_is_refused_unless_replace,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(unknown_region_writes_nothing,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(import_is_audited,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(lower_regions_phrase_becomes_parts,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
