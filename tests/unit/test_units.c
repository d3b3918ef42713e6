/* The unit registry: aliases (市交通局 = 市交通运输局, 质监局 = 市场监管局,
 * traditional = simplified), and collective phrases that never become a
 * unit, over the five seed plans extracted and imported (docs/units.md). */
#include "testutil.h"
#include "qcity/catalog.h"
#include "qcity/extract.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"

static const char *data_path(const char *name)
{
	static char p[512];
	const char *d = getenv("QCITY_DATA");
	snprintf(p, sizeof(p), "%s/%s", d ? d : "data", name);
	return p;
}

static void load_aliases(struct fixture *f)
{
	struct qc_error err = { 0 };
	size_t added = 0;
	assert_int_equal(qc_unit_alias_load(f->s,
					    data_path("unit-aliases.json"), "t",
					    &added, &err),
			 QC_OK);
	assert_true(added >= 3);
	/* Loading again adds nothing. */
	assert_int_equal(qc_unit_alias_load(f->s,
					    data_path("unit-aliases.json"), "t",
					    &added, &err),
			 QC_OK);
	assert_int_equal(added, 0);
}

static int64_t ensure(struct fixture *f, const char *region, const char *name)
{
	struct qc_error err = { 0 };
	int64_t id = -1;
	assert_int_equal(qc_unit_ensure(f->s, region, name, "t", &id, &err),
			 QC_OK);
	return id;
}

static void aliases_resolve(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	int64_t a, id;
	char *canon;

	load_aliases(f);
	a = ensure(f, "230900", "市交通运输局");
	assert_true(a > 0);
	assert_int_equal(ensure(f, "230900", "市交通局"), a);
	assert_int_equal(ensure(f, "230900", "市交通運輸局"), a);
	/* Found by its other name too. */
	assert_int_equal(qc_unit_find(f->s, "230900", "市交通局", &id, &err),
			 QC_OK);
	assert_int_equal(id, a);
	/* 質監局 (traditional, before the 2018 merger) is the 市场监管局. */
	a = ensure(f, "230900", "市質監局");
	assert_int_equal(ensure(f, "230900", "市市场监管局"), a);
	assert_int_equal(qc_unit_canonical(f->s, "230900", "市質監局", &canon,
					   &err),
			 QC_OK);
	assert_string_equal(canon, "市市场监管局");
	free(canon);
	/* A name without its prefix is the region's prefixed unit. */
	assert_int_equal(ensure(f, "230900", "交通局"),
			 ensure(f, "230900", "市交通运输局"));
	/* Units are per region: the same name elsewhere is another unit. */
	assert_true(ensure(f, "640502", "区交通局") !=
		    ensure(f, "230900", "市交通局"));
	assert_int_equal(count_rows(f->s, "units"), 3);
}

static void alias_per_region_and_audited(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_unit_alias_list l;
	long long audit = count_rows(f->s, "audit_log");
	char *canon;

	assert_int_equal(qc_unit_alias_set(f->s, "230900", "外侨办",
					   "外侨旅游局", "renamed 2016", "t",
					   &err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "audit_log"), audit + 1);
	assert_int_equal(qc_unit_canonical(f->s, "230900", "市外侨办", &canon,
					   &err),
			 QC_OK);
	assert_string_equal(canon, "市外侨旅游局");
	free(canon);
	/* Only in its region. */
	assert_int_equal(qc_unit_canonical(f->s, "640502", "区外侨办", &canon,
					   &err),
			 QC_OK);
	assert_string_equal(canon, "区外侨办");
	free(canon);
	assert_int_equal(qc_unit_alias_list(f->s, "230900", &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "外侨旅游局");
	qc_unit_alias_list_release(&l);
	/* Refused: a collective phrase, or an alias of itself. */
	assert_int_equal(qc_unit_alias_set(f->s, "", "各有关部门", "市场监管局",
					   NULL, "t", &err),
			 QC_EINVAL);
	assert_int_equal(qc_unit_alias_set(f->s, "", "市交通局", "区交通局",
					   NULL, "t", &err),
			 QC_EINVAL);
	assert_int_equal(qc_unit_alias_remove(f->s, "230900", "外侨办", "t",
					      &err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "audit_log"), audit + 2);
	assert_int_equal(qc_unit_alias_remove(f->s, "230900", "外侨办", "t",
					      &err),
			 QC_ENOTFOUND);
	assert_int_equal(count_rows(f->s, "unit_aliases"), 0);
}

static void collective_phrases(void **state)
{
	struct fixture *f = *state;
	static const char *const many[] = {
		"各成员单位",
		"领导小组各成员单位",
		"各有关部门",
		"各乡镇",
		"各县区",
		"各县(区)",
		"省政府有关部门参加",
		"省政府有關部門參加",
		"区质量强区工作领导小组成员单位",
		"市直各部门",
		"相关县(市、区)政府",
		"有关乡镇",
	};
	static const char *const one[] = {
		"市交通运输局", "市市场监管局", "区乡村振兴局",
		"团市委",       "省质监局",     "市人民银行",
	};

	for (size_t i = 0; i < sizeof(many) / sizeof(*many); i++) {
		assert_int_not_equal(qc_unit_collective(many[i]), QC_UNIT_ONE);
		assert_int_equal(ensure(f, "230900", many[i]), 0);
	}
	assert_int_equal(qc_unit_collective("各成员单位"), QC_UNIT_MEMBERS);
	assert_int_equal(qc_unit_collective("各乡镇"), QC_UNIT_LOWER);
	assert_int_equal(qc_unit_collective("各有关部门"), QC_UNIT_OTHER);
	assert_int_equal(qc_unit_collective("相关县(市、区)政府"),
			 QC_UNIT_OTHER);
	for (size_t i = 0; i < sizeof(one) / sizeof(*one); i++)
		assert_int_equal(qc_unit_collective(one[i]), QC_UNIT_ONE);
	assert_int_equal(count_rows(f->s, "units"), 0);
}

/* The five seed regions, for the seed plans below. */
static void add_seed_regions(struct fixture *f)
{
	add_divisions(
		f, "seed",
		"[{\"code\":\"23\",\"name\":\"黑龙江省\"},"
		"{\"code\":\"43\",\"name\":\"湖南省\"},"
		"{\"code\":\"61\",\"name\":\"陕西省\"},"
		"{\"code\":\"63\",\"name\":\"青海省\"},"
		"{\"code\":\"64\",\"name\":\"宁夏回族自治区\"}]",
		"[{\"code\":\"2309\",\"name\":\"七台河市\",\"provinceCode\":\"23\"},"
		"{\"code\":\"4306\",\"name\":\"岳阳市\",\"provinceCode\":\"43\"},"
		"{\"code\":\"6101\",\"name\":\"西安市\",\"provinceCode\":\"61\"},"
		"{\"code\":\"6405\",\"name\":\"中卫市\",\"provinceCode\":\"64\"}]",
		"[{\"code\":\"640502\",\"name\":\"沙坡头区\",\"cityCode\":\"6405\",\"provinceCode\":\"64\"}]");
}

/* Rows of sql (a query from the test itself) whose first column is a
 * collective phrase. */
static int collective_rows(struct qc_store *s, const char *sql)
{
	struct qc_stmt *st;
	int n = 0;
	assert_int_equal(qc_stmt_prepare(s, sql, &st, NULL), QC_OK);
	while (qc_stmt_next(st, NULL) == QC_ROW)
		n += qc_unit_collective(qc_stmt_text(st, 0)) != QC_UNIT_ONE;
	qc_stmt_free(st);
	return n;
}

static long long scalar(struct qc_store *s, const char *sql)
{
	struct qc_stmt *st;
	long long n = -1;
	assert_int_equal(qc_stmt_prepare(s, sql, &st, NULL), QC_OK);
	if (qc_stmt_next(st, NULL) == QC_ROW)
		n = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return n;
}

static void seeds_have_no_collective_unit(void **state)
{
	static const char *const seeds[] = {
		"000_da3f1a9ac43ee785", "001_ca82d0a5fedf39b1",
		"002_c01f17d03d4ebd28", "003_e5cd013c20a0bd93",
		"004_73ddd48312034934",
	};
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_catalog cat;

	add_seed_regions(f);
	load_aliases(f);
	assert_int_equal(qc_catalog_load(&cat, data_path("indicators.json"),
					 &err),
			 QC_OK);
	for (size_t i = 0; i < sizeof(seeds) / sizeof(*seeds); i++) {
		char path[1024];
		struct qc_plan p;
		long long id;
		snprintf(path, sizeof(path), "%s/%s.txt", data_path("seeds"),
			 seeds[i]);
		assert_int_equal(qc_extract_file(path, &cat, &p, &err), QC_OK);
		if (qc_plan_import(f->s, &p, false, "t", &id, &err))
			fail_msg("%s: %s", seeds[i], err.msg);
		qc_plan_release(&p);
	}
	qc_catalog_release(&cat);
	assert_int_equal(scalar(f->s, "SELECT COUNT(*) FROM plans"), 5);
	/* No unit is a collective phrase, and no owner row that names one
	 * links a unit. */
	assert_true(count_rows(f->s, "units") > 50);
	assert_int_equal(collective_rows(f->s, "SELECT name FROM units"), 0);
	assert_int_equal(
		collective_rows(
			f->s,
			"SELECT unit_name FROM"
			" target_owners WHERE unit_id IS NOT NULL UNION ALL SELECT"
			" unit_name FROM task_owners WHERE unit_id IS NOT NULL"),
		0);
	/* The phrases are there, as text: 各乡镇 (004), 省政府有關部門參加
	 * (001), the group's members (004). */
	assert_true(collective_rows(f->s, "SELECT unit_name FROM task_owners"
					  " WHERE unit_id IS NULL") >= 3);
	assert_true(
		scalar(f->s,
		       "SELECT COUNT(*) FROM task_owners WHERE"
		       " unit_name = '省政府有關部門參加' AND unit_id IS NULL") ==
		1);
	/* 市交通局 (L25) and 市交通运输局 (L21) of 七台河 are one unit. */
	assert_int_equal(scalar(f->s,
				"SELECT COUNT(*) FROM units WHERE"
				" region_code = '230900' AND name LIKE '%交通%'"),
			 1);
	assert_int_equal(
		scalar(f->s,
		       "SELECT COUNT(DISTINCT o.unit_id) FROM"
		       " target_owners o JOIN targets t ON t.id = o.target_id WHERE"
		       " o.written LIKE '%交通%' AND t.plan_id = (SELECT id FROM plans"
		       " WHERE region_code = '230900')"),
		1);
	/* 省質監局 of 青海 (2014) is the 省市场监管局. */
	assert_int_equal(
		scalar(f->s,
		       "SELECT COUNT(*) FROM units WHERE"
		       " region_code = '630000' AND name = '省市场监管局'"),
		1);
	assert_int_equal(scalar(f->s,
				"SELECT COUNT(*) FROM units WHERE"
				" name LIKE '%質%' OR name LIKE '%质监%'"),
			 0);
}

/* Owners the extractor reads from a plan's text (a label met mid-sentence,
 * lead and co-owners, a unit's old or traditional name) are linked on
 * import to the registry's units by their aliases; the written text is
 * kept, and the lower regions concerned stay text. */
static void extracted_owners_resolve(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id;
	int64_t transport, market, agri;
	const char *text =
		"七台河市质量提升行动实施方案\n二、主要目标\n"
		"到2020年,全市公路优良路率达到85%以上。责任单位:市交通局、市質監局,"
		"相关县(市、区)政府;协助单位:市农业局。\n";

	add_seed_regions(f);
	load_aliases(f);
	transport = ensure(f, "230900", "市交通运输局");
	market = ensure(f, "230900", "市市场监管局");
	agri = ensure(f, "230900", "市农业局");
	assert_int_equal(qc_extract_buffer(text, strlen(text), "t.txt", NULL,
					   &p, &err),
			 QC_OK);
	assert_int_equal(p.n_targets, 1);
	/* The extractor keeps the text and the roles. */
	assert_int_equal(p.targets[0].owners.n, 4);
	assert_string_equal(p.targets[0].owners.v[0].written, "市交通局");
	assert_int_equal(p.targets[0].owners.v[0].role, QC_ROLE_LEAD);
	assert_string_equal(p.targets[0].owners.v[2].written,
			    "相关县(市、区)政府");
	assert_int_equal(p.targets[0].owners.v[3].role, QC_ROLE_CO);
	if (!p.region_code)
		qc_set_str(&p.region_code, "230900");
	if (qc_plan_import(f->s, &p, false, "t", &id, &err))
		fail_msg("%s", err.msg);
	qc_plan_release(&p);
	assert_int_equal(scalar(f->s, "SELECT COUNT(*) FROM target_owners"), 4);
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM target_owners WHERE role = 'lead' AND"
		 " ((written = '市交通局' AND unit_id = %lld) OR"
		 " (written = '市質監局' AND unit_id = %lld))",
		 (long long)transport, (long long)market);
	assert_int_equal(scalar(f->s, sql), 2);
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM target_owners WHERE role = 'co' AND"
		 " written = '市农业局' AND unit_id = %lld",
		 (long long)agri);
	assert_int_equal(scalar(f->s, sql), 1);
	assert_int_equal(scalar(f->s,
				"SELECT COUNT(*) FROM target_owners WHERE"
				" written = '相关县(市、区)政府' AND role = 'lead'"
				" AND unit_id IS NULL"),
			 1);
	/* No unit was made for an alias or a phrase. */
	assert_int_equal(count_rows(f->s, "units"), 3);
}

/* 各成员单位 on a target stands for the leading group's members. */
static void members_phrase_expands(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id;
	const char *json =
		"{\"plan\": {\"title\": \"P\", \"region\": {\"code\": \"230900\"},"
		"  \"period\": {\"start\": 2017, \"end\": 2020}},"
		" \"group\": {\"name\": \"领导小组\", \"members\": [\"市发改委\", \"市质监局\"]},"
		" \"targets\": ["
		"  {\"indicator\": \"抽查合格率\", \"op\": \">=\", \"value\": 98, \"unit\": \"%\","
		"   \"owners\": [\"领导小组各成员单位\"]},"
		"  {\"indicator\": \"覆盖率\", \"op\": \">=\", \"value\": 90, \"unit\": \"%\","
		"   \"owners\": [\"各县区\"]}]}";

	load_aliases(f);
	assert_int_equal(qc_plan_from_json(&p, json, strlen(json), &err),
			 QC_OK);
	if (qc_plan_import(f->s, &p, false, "t", &id, &err))
		fail_msg("%s", err.msg);
	qc_plan_release(&p);
	assert_int_equal(count_rows(f->s, "units"), 2);
	assert_int_equal(
		scalar(f->s,
		       "SELECT COUNT(*) FROM target_owners o"
		       " JOIN units u ON u.id = o.unit_id WHERE o.written ="
		       " '领导小组各成员单位' AND u.name IN ('市发改委', '市市场监管局')"),
		2);
	assert_int_equal(scalar(f->s,
				"SELECT COUNT(*) FROM target_owners"
				" WHERE unit_name = '各县区' AND unit_id IS NULL"),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(aliases_resolve, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(alias_per_region_and_audited,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(collective_phrases,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(extracted_owners_resolve,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(seeds_have_no_collective_unit,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(members_phrase_expands,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
