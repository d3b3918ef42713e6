/* Plans edited in qcity: each kind of edit round-trips through the
 * database and is audited; bad fields are named and write nothing; task
 * progress survives edits; versions, their diff, and statuses as of an
 * older version. */
#include "testutil.h"
#include "qcity/plan.h"
#include "qcity/plan_edit.h"
#include "qcity/plan_store.h"
#include "qcity/review.h"
#include "qcity/status.h"

static const char *plan_json =
	"{\"plan\": {\"title\": \"七台河市质量强市方案\", \"doc_number\": \"七政办规〔2018〕1号\","
	"  \"region\": {\"name\": \"七台河\"}, \"period\": {\"start\": 2017, \"end\": 2020},"
	"  \"status\": \"active\"},"
	" \"goals\": [{\"key\": \"g1\", \"domain\": \"product\", \"name\": \"产品质量目标\"}],"
	" \"targets\": ["
	"  {\"goal\": \"g1\", \"indicator\": \"产品质量监督抽查合格率\","
	"   \"op\": \">=\", \"value\": 98, \"unit\": \"%\", \"year\": 2020,"
	"   \"owners\": [\"市市场监管局\"]},"
	"  {\"indicator\": \"PM2.5年均浓度\", \"op\": \"<=\", \"value\": 52,"
	"   \"unit\": \"μg/m3\", \"owners\": [\"市环保局\"]}],"
	" \"tasks\": [{\"key\": \"三\", \"number\": \"三、\", \"title\": \"工作措施\"},"
	"  {\"key\": \"三.(一)\", \"parent\": \"三\", \"title\": \"建立领导小组\","
	"   \"due\": \"2018-03-31\", \"owners\": [\"市市场监管局\"]}],"
	" \"phases\": [{\"key\": \"p1\", \"name\": \"动员部署\"}],"
	" \"group\": {\"leader\": \"副市长\", \"members\": [\"市市场监管局\", \"市统计局\"]},"
	" \"reporting\": [{\"kind\": \"monthly\", \"text\": \"每月报送\"}]}";

static long long import_plan(struct fixture *f)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id;

	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &id, &err),
			 QC_OK);
	qc_plan_release(&p);
	return id;
}

/* One edit with up to four fields given as name, value pairs. */
static enum qc_rc edit(struct fixture *f, long long id, enum qc_edit_op op,
		       enum qc_plan_part part, const char *ref,
		       struct qc_error *err, const char *n1, const char *v1,
		       const char *n2, const char *v2)
{
	struct qc_field fl[2] = { { n1, v1 }, { n2, v2 } };
	struct qc_plan_edit e = { .op = op,
				  .part = part,
				  .ref = ref,
				  .fields = fl,
				  .n_fields = n2 ? 2 :
					      n1 ? 1 :
						   0 };
	memset(err, 0, sizeof(*err));
	return qc_plan_edit(f->s, id, &e, "office:wang", NULL, err);
}

static void load(struct fixture *f, long long id, struct qc_plan *p)
{
	struct qc_error err = { 0 };
	assert_int_equal(qc_plan_load(f->s, id, p, &err), QC_OK);
}

/* The newest audit row of entity has action, and before/after contain
 * the given texts (NULL: the row has none). */
static void audited(struct fixture *f, const char *entity, const char *action,
		    const char *before, const char *after)
{
	struct qc_error err = { 0 };
	struct qc_audit_list l;

	assert_int_equal(qc_audit_list(f->s, entity, 1, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].action, action);
	assert_string_equal(l.v[0].actor, "office:wang");
	if (before)
		assert_non_null(strstr(l.v[0].before, before));
	else
		assert_null(l.v[0].before);
	if (after)
		assert_non_null(strstr(l.v[0].after, after));
	else
		assert_null(l.v[0].after);
	qc_audit_list_release(&l);
}

static void targets_round_trip(void **state)
{
	struct fixture *f = *state;
	struct qc_error err;
	struct qc_plan p;
	long long id = import_plan(f);

	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_TARGET, NULL, &err,
			      "indicator", "县公路优良路率", "value", "65"),
			 QC_OK);
	audited(f, "plan_target", "add", NULL, "县公路优良路率");
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TARGET, "3", &err,
			      "year", "2020", "lead", "市交通运输局、市公路局"),
			 QC_OK);
	audited(f, "plan_target", "update", "\"year\":null", "\"year\":2020");
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TARGET, "1", &err,
			      "value", "99", "baseline", "2016"),
			 QC_OK);
	audited(f, "plan_target", "update", "\"value\":98", "\"value\":99");
	load(f, id, &p);
	assert_int_equal(p.n_targets, 3);
	assert_string_equal(p.targets[2].indicator, "县公路优良路率");
	assert_int_equal(p.targets[2].op, QC_OP_GE);
	assert_true(p.targets[2].value == 65);
	assert_int_equal(p.targets[2].year, 2020);
	assert_int_equal(p.targets[2].owners.n, 2);
	assert_string_equal(p.targets[2].owners.v[1].written, "市公路局");
	assert_true(p.targets[0].value == 99);
	assert_int_equal(p.targets[0].baseline_year, 2016);
	assert_string_equal(p.targets[0].goal, "g1");
	qc_plan_release(&p);
	/* The new target has its own series. */
	int64_t ind;
	assert_int_equal(qc_indicator_find(f->s, "县公路优良路率", &ind, &err),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_REMOVE, QC_PART_TARGET, "2", &err,
			      NULL, NULL, NULL, NULL),
			 QC_OK);
	audited(f, "plan_target", "remove", "PM2.5", NULL);
	load(f, id, &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(p.targets[1].indicator, "县公路优良路率");
	qc_plan_release(&p);
}

static void owners_goals_tasks_phases_members_duties(void **state)
{
	struct fixture *f = *state;
	struct qc_error err;
	struct qc_plan p;
	long long id = import_plan(f);

	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_OWNER, "target:1",
			      &err, "unit", "市统计局", "role", "co"),
			 QC_OK);
	audited(f, "plan_owner", "add", "市市场监管局", "市统计局");
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_OWNER, "task:三.(一)",
			      &err, "unit", "市市场监管局", "role", "co"),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_REMOVE, QC_PART_OWNER, "target:2",
			      &err, "unit", "市环保局", NULL, NULL),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_GOAL, NULL, &err,
			      "name", "工程质量目标", "domain", "engineering"),
			 QC_OK);
	audited(f, "plan_goal", "add", NULL, "工程质量目标");
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_GOAL, "g1", &err,
			      "key", "product", NULL, NULL),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_PHASE, NULL, &err,
			      "name", "总结验收", "start", "2020-01-01"),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_TASK, NULL, &err,
			      "title", "开展质量提升行动", "phase", "p2"),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TASK, "三.(一)", &err,
			      "due", "2018-06-30", NULL, NULL),
			 QC_OK);
	audited(f, "plan_task", "update", "2018-03-31", "2018-06-30");
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_MEMBER, NULL, &err,
			      "name", "市交通运输局", NULL, NULL),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_REMOVE, QC_PART_MEMBER, "市统计局",
			      &err, NULL, NULL, NULL, NULL),
			 QC_OK);
	audited(f, "plan_member", "remove", "市统计局", NULL);
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_DUTY, "1", &err,
			      "kind", "half_year", "grace_days", "10"),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_DUTY, NULL, &err,
			      "text", "年度总结", NULL, NULL),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_PLAN, NULL, &err,
			      "title", "七台河市质量强市方案（修订）", NULL,
			      NULL),
			 QC_OK);
	load(f, id, &p);
	assert_int_equal(p.targets[0].owners.n, 2);
	assert_int_equal(p.targets[0].owners.v[1].role, QC_ROLE_CO);
	assert_int_equal(p.targets[1].owners.n, 0);
	assert_int_equal(p.tasks[1].owners.v[0].role, QC_ROLE_CO);
	assert_string_equal(p.tasks[1].due, "2018-06-30");
	assert_int_equal(p.n_goals, 2);
	/* A renamed goal key follows into its targets. */
	assert_string_equal(p.goals[0].key, "product");
	assert_string_equal(p.targets[0].goal, "product");
	assert_string_equal(p.goals[1].key, "g2");
	assert_int_equal(p.n_phases, 2);
	assert_int_equal(p.n_tasks, 3);
	assert_string_equal(p.tasks[2].key, "t1");
	assert_string_equal(p.tasks[2].phase, "p2");
	assert_int_equal(p.group.n_members, 2);
	assert_string_equal(p.group.members[1], "市交通运输局");
	assert_int_equal(p.n_duties, 2);
	assert_int_equal(p.duties[0].kind, QC_REPORT_HALF_YEAR);
	assert_int_equal(p.duties[0].grace_days, 10);
	assert_int_equal(p.duties[1].kind, QC_REPORT_ANNUAL);
	assert_string_equal(p.title, "七台河市质量强市方案（修订）");
	qc_plan_release(&p);
}

static void bad_edits_name_the_field_and_write_nothing(void **state)
{
	struct fixture *f = *state;
	struct qc_error err;
	long long id = import_plan(f);
	long long audit = count_rows(f->s, "audit_log");
	long long versions = count_rows(f->s, "plan_versions");

	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TARGET, "1", &err,
			      "value", "九十八", NULL, NULL),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "value: '九十八' is not a number"));
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TARGET, "1", &err,
			      "colour", "red", NULL, NULL),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "no field 'colour'"));
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TARGET, "9", &err,
			      "value", "1", NULL, NULL),
			 QC_ENOTFOUND);
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TARGET, "1", &err,
			      "op", "between", NULL, NULL),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "value_max"));
	/* A goal its targets still name cannot go. */
	assert_int_equal(edit(f, id, QC_EDIT_REMOVE, QC_PART_GOAL, "g1", &err,
			      NULL, NULL, NULL, NULL),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "goal"));
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TASK, "三.(一)", &err,
			      "due", "2018-13-45", NULL, NULL),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "due"));
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_OWNER, "target:1",
			      &err, "unit", "市市场监管局", NULL, NULL),
			 QC_ECONFLICT);
	assert_int_equal(count_rows(f->s, "audit_log"), audit);
	assert_int_equal(count_rows(f->s, "plan_versions"), versions);
}

static void progress_survives_edits(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	long long id = import_plan(f);

	assert_int_equal(qc_task_report_add(f->s, id, "三.(一)", "市市场监管局",
					    "2018-03", "done", "成立", "t",
					    &err),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TASK, "三.(一)", &err,
			      "title", "建立质量强市领导小组", NULL, NULL),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TARGET, "1", &err,
			      "value", "97", NULL, NULL),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "progress_reports"), 1);
	assert_int_equal(edit(f, id, QC_EDIT_REMOVE, QC_PART_TASK, "三.(一)",
			      &err, NULL, NULL, NULL, NULL),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "progress_reports"), 0);
}

static void versions_and_diff(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan_version_list l;
	struct qc_plan a, b;
	struct qc_plan_diff d;
	long long id = import_plan(f);
	int n = 0;
	bool value = false, added = false;

	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TARGET, "1", &err,
			      "value", "99", NULL, NULL),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_TARGET, NULL, &err,
			      "indicator", "乡公路优良路率", "value", "55"),
			 QC_OK);
	assert_int_equal(qc_plan_version_add(f->s, id, "2021年工作要点",
					     "office:wang", &n, &err),
			 QC_OK);
	assert_int_equal(n, 4);
	assert_int_equal(qc_plan_versions(f->s, id, &l, &err), QC_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].note, "imported");
	assert_string_equal(l.v[3].note, "2021年工作要点");
	assert_string_equal(l.v[3].actor, "office:wang");
	qc_plan_version_list_release(&l);
	assert_int_equal(qc_plan_version_load(f->s, id, 1, &a, &err), QC_OK);
	assert_int_equal(qc_plan_version_load(f->s, id, 4, &b, &err), QC_OK);
	qc_plan_diff(&a, &b, &d);
	for (size_t i = 0; i < d.n; i++) {
		const struct qc_plan_change *c = &d.v[i];
		if (!strcmp(c->part, "target") &&
		    !strcmp(c->change, "changed") &&
		    !strcmp(c->field, "requirement")) {
			assert_string_equal(c->what, "产品质量监督抽查合格率");
			assert_string_equal(c->before, "≥ 98% by 2020");
			assert_string_equal(c->after, "≥ 99% by 2020");
			value = true;
		}
		if (!strcmp(c->change, "added"))
			added = !strcmp(c->what, "乡公路优良路率");
	}
	assert_true(value);
	assert_true(added);
	assert_int_equal(d.n, 2);
	qc_plan_diff_release(&d);
	qc_plan_release(&a);
	qc_plan_release(&b);
	assert_int_equal(qc_plan_version_load(f->s, id, 9, &a, &err),
			 QC_ENOTFOUND);
	qc_plan_release(&a);

	/* Targets are matched by key: a renamed indicator is one change of
	 * that target, not a removal and an addition. */
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TARGET, "2", &err,
			      "indicator", "细颗粒物年均浓度", NULL, NULL),
			 QC_OK);
	assert_int_equal(qc_plan_version_load(f->s, id, 4, &a, &err), QC_OK);
	assert_int_equal(qc_plan_version_load(f->s, id, 5, &b, &err), QC_OK);
	assert_string_equal(a.targets[1].key, "t2");
	qc_plan_diff(&a, &b, &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].change, "changed");
	assert_string_equal(d.v[0].field, "indicator");
	assert_string_equal(d.v[0].before, "PM2.5年均浓度");
	assert_string_equal(d.v[0].after, "细颗粒物年均浓度");
	qc_plan_diff_release(&d);
	qc_plan_release(&a);
	qc_plan_release(&b);
}

static void status_as_of_an_older_version(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_value_in in = { .indicator = "产品质量监督抽查合格率",
				  .region = "230900",
				  .period = "2019",
				  .value = 98.5 };
	struct qc_plan_data *d;
	struct qc_status_table t;
	long long id = import_plan(f);

	assert_int_equal(qc_value_set(f->s, &in, "t", &err), QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TARGET, "1", &err,
			      "value", "99", NULL, NULL),
			 QC_OK);
	/* Now: ≥ 99 is not met by 98.5. */
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	assert_int_not_equal(t.v[0].p.status, QC_PROGRESS_MET);
	assert_string_equal(t.v[0].requirement, "≥ 99%");
	qc_status_table_release(&t);
	/* As of version 1 (≥ 98): met. */
	assert_int_equal(qc_plan_data_load_version(f->s, id, 1, NULL, &d, &err),
			 QC_OK);
	assert_int_equal(qc_status_table_from(f->s, d, NULL, &t, &err), QC_OK);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.v[0].requirement, "≥ 98%");
	assert_int_equal(t.v[0].p.status, QC_PROGRESS_MET);
	assert_string_equal(t.v[0].owners, "市市场监管局");
	qc_status_table_release(&t);
	qc_plan_data_free(d);
	assert_int_equal(qc_plan_data_load_version(f->s, id, 7, NULL, &d, &err),
			 QC_ENOTFOUND);
}

static const char *parts_json =
	"{\"plan\": {\"title\": \"七台河市公路质量方案\", \"region\": {\"code\": \"230900\"},"
	"  \"period\": {\"start\": 2017, \"end\": 2020}},"
	" \"targets\": [{\"indicator\": \"县公路优良路率\", \"op\": \">=\", \"value\": 65,"
	"   \"unit\": \"%\", \"year\": 2020, \"owners\": [\"市交通运输局\"],"
	"   \"parts\": [{\"region\": \"230902\", \"value\": 70, \"owners\": [\"新兴区交通局\"]},"
	"     {\"region\": \"230903\", \"value\": 60, \"co_owners\": [\"桃山区财政局\"]},"
	"     {\"year\": 2019, \"value\": 62}]}]}";

static void decomposition_round_trips(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan in, out, again;
	long long id, id2;
	char *a, *b;

	assert_int_equal(qc_plan_from_json(&in, parts_json, strlen(parts_json),
					   &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(f->s, &in, false, "t", &id, &err),
			 QC_OK);
	load(f, id, &out);
	assert_int_equal(out.targets[0].n_parts, 3);
	assert_string_equal(out.targets[0].parts[0].region, "230902");
	assert_string_equal(out.targets[0].parts[0].region_name, "新兴区");
	assert_string_equal(out.targets[0].parts[0].owners.v[0].written,
			    "新兴区交通局");
	assert_int_equal(out.targets[0].parts[1].owners.v[0].role, QC_ROLE_CO);
	assert_null(out.targets[0].parts[2].region);
	assert_int_equal(out.targets[0].parts[2].year, 2019);
	assert_true(out.targets[0].parts[2].value == 62);
	/* The part named by a name was resolved to its code. */
	assert_string_equal(out.targets[0].parts[1].region, "230903");
	/* Export, import the export as a replacement: the same parts. */
	a = qc_plan_to_json(&out);
	assert_int_equal(qc_plan_from_json(&again, a, strlen(a), &err), QC_OK);
	assert_int_equal(qc_plan_import(f->s, &again, true, "t", &id2, &err),
			 QC_OK);
	qc_plan_release(&out);
	load(f, id2, &out);
	b = qc_plan_to_json(&out);
	assert_string_equal(a, b);
	free(a);
	free(b);
	qc_plan_release(&in);
	qc_plan_release(&out);
	qc_plan_release(&again);
	/* A file without parts (qcity-plan/1 as before) still imports. */
	assert_int_equal(count_rows(f->s, "target_parts"), 3);
	/* A part needs a region or a year, and a region that exists. */
	assert_int_equal(edit(f, id2, QC_EDIT_ADD, QC_PART_PART, "target:1",
			      &err, "value", "50", NULL, NULL),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "name a region or a year"));
	assert_int_equal(edit(f, id2, QC_EDIT_ADD, QC_PART_PART, "target:1",
			      &err, "region", "没有区", "value", "50"),
			 QC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "parts[3].region"));
	assert_int_equal(count_rows(f->s, "target_parts"), 3);
}

static void parent_rolls_up_its_parts(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_status_table t;
	const struct qc_status_row *r;
	long long id = import_plan(f);

	/* Split target 1 (≥ 98%) into two counties, then a milestone. */
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_PART, "target:1",
			      &err, "region", "230902", "value", "98"),
			 QC_OK);
	audited(f, "plan_part", "add", "产品质量监督抽查合格率",
		"\"region\":\"230902\"");
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_PART, "target:1",
			      &err, "region", "桃山区", "value", "97"),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_PART, "target:1/2",
			      &err, "lead", "桃山区市场监管局", NULL, NULL),
			 QC_OK);
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	r = test_status_row(&t, "产品质量监督抽查合格率");
	assert_int_equal(r->n_parts, 2);
	assert_int_equal(r->parts_met, 0);
	assert_int_equal(r->parts_no_data, 2);
	assert_int_equal(r->weakest, -1);
	assert_string_equal(r->parts[1].label, "桃山区");
	assert_string_equal(r->parts[1].owners, "桃山区市场监管局");
	qc_status_table_release(&t);

	/* A value for 新兴区 meets its part: one of two met. */
	struct qc_value_in in = { .indicator = "产品质量监督抽查合格率",
				  .region = "230902",
				  .period = "2019",
				  .value = 98.6 };
	assert_int_equal(qc_value_set(f->s, &in, "t", &err), QC_OK);
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	r = test_status_row(&t, "产品质量监督抽查合格率");
	assert_int_equal(r->parts_met, 1);
	assert_int_equal(r->parts_no_data, 1);
	assert_int_equal(r->weakest, 0);
	assert_int_equal(r->parts[0].p.status, QC_PROGRESS_MET);
	qc_status_table_release(&t);

	/* 桃山区 far below and falling: it is now the weakest. */
	in.region = "桃山区";
	in.period = "2018";
	in.value = 93;
	assert_int_equal(qc_value_set(f->s, &in, "t", &err), QC_OK);
	in.period = "2019";
	in.value = 90;
	assert_int_equal(qc_value_set(f->s, &in, "t", &err), QC_OK);
	/* The table for the city alone still reads the counties' series. */
	assert_int_equal(qc_status_table(f->s, id, "230900", &t, &err), QC_OK);
	r = test_status_row(&t, "产品质量监督抽查合格率");
	assert_int_equal(r->parts_met, 1);
	assert_int_equal(r->parts_no_data, 0);
	assert_int_equal(r->weakest, 1);
	assert_int_equal(r->parts[1].p.status, QC_PROGRESS_DETERIORATING);
	qc_status_table_release(&t);

	assert_int_equal(edit(f, id, QC_EDIT_REMOVE, QC_PART_PART, "target:1/1",
			      &err, NULL, NULL, NULL, NULL),
			 QC_OK);
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	r = test_status_row(&t, "产品质量监督抽查合格率");
	assert_int_equal(r->n_parts, 1);
	assert_int_equal(r->parts_met, 0);
	qc_status_table_release(&t);
}

/* A district adds its townships; a target of its plan is split to one,
 * and a value reported for that township meets the part. */
static void township_part_reported(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_status_table t;
	const struct qc_status_row *r;
	struct qc_plan p;
	char code[QC_REGION_CODE_SIZE];
	long long id;
	size_t n;

	assert_int_equal(qc_region_import_townships(f->s, f->dir, "640502", "t",
						    &n, &err),
			 QC_OK);
	assert_int_equal(n, 2);
	/* Townships load under a county, never under a prefecture. */
	assert_int_equal(qc_region_import_townships(f->s, f->dir, "640500", "t",
						    &n, &err),
			 QC_EINVAL);
	assert_int_equal(qc_region_resolve(f->s, "滨河镇", code, &err), QC_OK);
	assert_string_equal(code, "640502100");
	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	qc_set_str(&p.region_name, "沙坡头区");
	qc_set_str(&p.doc_number, "卫沙政办发〔2018〕1号");
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &id, &err),
			 QC_OK);
	qc_plan_release(&p);

	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_PART, "target:1",
			      &err, "region", "滨河镇", "value", "98"),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_PART, "target:1",
			      &err, "region", "640502101", "value", "97"),
			 QC_OK);
	struct qc_value_in in = { .indicator = "产品质量监督抽查合格率",
				  .region = "640502100",
				  .period = "2019",
				  .value = 98.5 };
	assert_int_equal(qc_value_set(f->s, &in, "t", &err), QC_OK);
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	r = test_status_row(&t, "产品质量监督抽查合格率");
	assert_int_equal(r->n_parts, 2);
	assert_int_equal(r->parts_met, 1);
	assert_int_equal(r->parts_no_data, 1);
	assert_string_equal(r->parts[0].label, "滨河镇");
	assert_int_equal(r->parts[0].p.status, QC_PROGRESS_MET);
	qc_status_table_release(&t);
	/* The district's own table reads its township's series too. */
	assert_int_equal(qc_status_table(f->s, id, "640502", &t, &err), QC_OK);
	r = test_status_row(&t, "产品质量监督抽查合格率");
	assert_int_equal(r->parts_met, 1);
	qc_status_table_release(&t);
}

/* The stored ids of a plan's targets and tasks, in order, as text. */
static void ids(struct fixture *f, long long plan, char *out, size_t size)
{
	struct qc_stmt *st;
	size_t len = 0;
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT 'T', id, key FROM"
					 " targets WHERE plan_id = ? UNION ALL"
					 " SELECT 'K', id, key FROM tasks WHERE"
					 " plan_id = ? ORDER BY 1, 2",
					 &st, NULL),
			 QC_OK);
	qc_stmt_bind_int(st, 1, plan);
	qc_stmt_bind_int(st, 2, plan);
	out[0] = '\0';
	while (qc_stmt_next(st, NULL) == QC_ROW && len + 64 < size)
		len += (size_t)snprintf(out + len, size - len, "%s%lld=%s ",
					qc_stmt_text(st, 0),
					(long long)qc_stmt_int(st, 1),
					qc_stmt_text(st, 2));
	qc_stmt_free(st);
}

/* An edit and a re-import update targets, goals and tasks in place by
 * their key: ids, parts, values and progress survive. */
static void ids_survive_edit_and_reimport(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan p;
	char before[512], after[512];
	long long id = import_plan(f), id2;

	ids(f, id, before, sizeof(before));
	assert_non_null(strstr(before, "=t1 "));
	assert_non_null(strstr(before, "=t2 "));
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_PART, "target:1",
			      &err, "region", "230902", "value", "98"),
			 QC_OK);
	struct qc_value_in in = { .indicator = "产品质量监督抽查合格率",
				  .region = "230902",
				  .period = "2019",
				  .value = 98.6 };
	assert_int_equal(qc_value_set(f->s, &in, "t", &err), QC_OK);
	assert_int_equal(qc_task_report_add(f->s, id, "三.(一)", "市市场监管局",
					    "2018-03", "done", "成立", "t",
					    &err),
			 QC_OK);
	long long goal = count_rows(f->s, "goals");
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_TARGET, "1", &err,
			      "value", "97", "indicator",
			      "产品质量监督抽查合格率"),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_SET, QC_PART_GOAL, "g1", &err,
			      "name", "产品质量", NULL, NULL),
			 QC_OK);
	/* A target added and removed again leaves the others alone. */
	assert_int_equal(edit(f, id, QC_EDIT_ADD, QC_PART_TARGET, NULL, &err,
			      "indicator", "新指标", "value", "1"),
			 QC_OK);
	assert_int_equal(edit(f, id, QC_EDIT_REMOVE, QC_PART_TARGET, "3", &err,
			      NULL, NULL, NULL, NULL),
			 QC_OK);
	ids(f, id, after, sizeof(after));
	assert_string_equal(before, after);
	assert_int_equal(count_rows(f->s, "goals"), goal);

	/* Re-imported from the document (no keys, no parts): same ids, the
	 * part and value stay, the progress report too. */
	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(f->s, &p, true, "t", &id2, &err),
			 QC_OK);
	qc_plan_release(&p);
	assert_int_equal(id2, id);
	ids(f, id, after, sizeof(after));
	assert_string_equal(before, after);
	assert_int_equal(count_rows(f->s, "target_parts"), 1);
	assert_int_equal(count_rows(f->s, "indicator_values"), 1);
	assert_int_equal(count_rows(f->s, "progress_reports"), 1);
	load(f, id, &p);
	assert_string_equal(p.targets[0].key, "t1");
	assert_true(p.targets[0].value == 98); /* the document's again */
	assert_int_equal(p.targets[0].n_parts, 1);
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(targets_round_trip,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(
			owners_goals_tasks_phases_members_duties, fixture_setup,
			fixture_teardown),
		cmocka_unit_test_setup_teardown(
			bad_edits_name_the_field_and_write_nothing,
			fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(progress_survives_edits,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(versions_and_diff,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(status_as_of_an_older_version,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(decomposition_round_trips,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(parent_rolls_up_its_parts,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(township_part_reported,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(ids_survive_edit_and_reimport,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
