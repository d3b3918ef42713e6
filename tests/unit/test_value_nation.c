/* Values at the national server: a province's row is refused up front,
 * and each row is checked once (at the nation the check resolves the
 * region, one query), a single value as well, also with a face's check. Linked with -Wl,--wrap=qc_region_resolve, which
 * counts the library's calls of it. PostgreSQL only (the national
 * schema). */
#include "testutil.h"
#include "qcity/federation.h"
#include "qcity/region.h"
#include "qcity/value.h"

enum qc_rc __real_qc_region_resolve(struct qc_store *s, const char *what,
				    char code[QC_REGION_CODE_SIZE],
				    struct qc_error *err);
enum qc_rc __wrap_qc_region_resolve(struct qc_store *s, const char *what,
				    char code[QC_REGION_CODE_SIZE],
				    struct qc_error *err);

static int resolves;

enum qc_rc __wrap_qc_region_resolve(struct qc_store *s, const char *what,
				    char code[QC_REGION_CODE_SIZE],
				    struct qc_error *err)
{
	resolves++;
	return __real_qc_region_resolve(s, what, code, err);
}

/* A face's check (its scope): counts its calls. */
static int checks;
static enum qc_rc count_check(struct qc_store *s, struct qc_value_in *v,
			      int line, void *arg, struct qc_error *err)
{
	(void)s, (void)v, (void)line, (void)arg, (void)err;
	checks++;
	return QC_OK;
}

/* The resolves of an import of rows (text of the body, n rows). */
static int import_resolves(struct qc_store *s, const char *rows,
			   enum qc_rc want, struct qc_error *err)
{
	size_t n = 0;
	resolves = 0;
	assert_int_equal(qc_value_import_csv(s, rows, strlen(rows), "t", &n,
					     err),
			 want);
	return resolves;
}

/* The nation's own rows go in with one check each: an import of three
 * rows resolves two regions more than one of a single row does for each
 * row added (the check, then the write), not three. A province's row is
 * refused with its line, nothing written. */
static void checked_once_per_row(void **state)
{
	struct test_db db;
	struct qc_error err = { 0 };
	struct qc_store *s;

	(void)state;
	if (!test_pg())
		skip();
	test_db_new(&db, "n.db");
	assert_int_equal(qc_store_open(db.uri, &s, &err), QC_OK);
	exec_ok(s, "INSERT INTO regions (code, name, level, parent_code)"
		   " VALUES ('100000', '全国', 1, NULL);"
		   " INSERT INTO indicators (name, unit) VALUES ('抽查合格率',"
		   " '%')");
	assert_int_equal(qc_fed_national_init(s, 2024, 2025, "t", &err), QC_OK);
	assert_true(qc_store_national(s));

	int one = import_resolves(s,
				  "indicator,region,period,value\n"
				  "抽查合格率,100000,2024,91\n",
				  QC_OK, &err);
	int three = import_resolves(s,
				    "indicator,region,period,value\n"
				    "抽查合格率,100000,2024,91\n"
				    "抽查合格率,100000,2025,92\n"
				    "抽查合格率,全国,2024-H1,93\n",
				    QC_OK, &err);
	assert_int_equal(three - one, 2 * 2);
	assert_int_equal(count_rows(s, "indicator_values"), 3);

	/* A single value: checked once as well. */
	struct qc_value_in v = { .indicator = "抽查合格率",
				 .region = "100000",
				 .period = "2025-Q1",
				 .value = 90 };
	resolves = 0;
	assert_int_equal(qc_value_set(s, &v, "t", &err), QC_OK);
	assert_int_equal(resolves, one);
	/* And as the faces write one (the command line's `value set`, the
	 * web's entry form): the nation asked once with their scope check
	 * in between, where they asked it themselves before and the write
	 * again (one + 1). */
	v.period = "2025-Q2";
	resolves = checks = 0;
	assert_int_equal(qc_value_set_checked(s, &v, count_check, NULL, "t",
					      &err),
			 QC_OK);
	assert_int_equal(resolves, one);
	assert_int_equal(checks, 1);
	/* A province's value is refused before the face's check. */
	struct qc_value_in prov = v;
	prov.region = "230903";
	resolves = checks = 0;
	assert_int_equal(qc_value_set_checked(s, &prov, count_check, NULL, "t",
					      &err),
			 QC_ECONFLICT);
	assert_int_equal(resolves, 1);
	assert_int_equal(checks, 0);

	assert_int_equal(import_resolves(s,
					 "indicator,region,period,value\n"
					 "抽查合格率,100000,2024,91\n"
					 "抽查合格率,230903,2024,92\n",
					 QC_ECONFLICT, &err),
			 one + 1);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "national server"));
	assert_int_equal(count_rows(s, "indicator_values"), 5);
	qc_store_close(s);
	test_db_done(&db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(checked_once_per_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
