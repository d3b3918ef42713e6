/* Series (issue 11): each target its own series, the catalogue a link,
 * ranges refused and capped, migration 0008 splitting a schema-7
 * database without losing a value. Both engines (QCITY_TEST_PG). */
#include "testutil.h"
#include <math.h>

#include "qcity/alloc.h"
#include "qcity/catalog.h"
#include "qcity/extract.h"
#include "qcity/indicator.h"
#include "qcity/plan_store.h"
#include "qcity/progress.h"
#include "qcity/review.h"
#include "qcity/status.h"

static const char *plan_json =
	"{\"plan\": {\"title\": \"公路方案\", \"region\": {\"name\": \"七台河市\"},"
	"  \"period\": {\"start\": 2017, \"end\": 2020}, \"status\": \"active\"},"
	" \"targets\": ["
	"  {\"indicator\": \"县公路优良路率\", \"canonical\": \"公路优良路率\","
	"   \"op\": \">=\", \"value\": 65, \"unit\": \"%\", \"year\": 2020},"
	"  {\"indicator\": \"乡公路优良路率\", \"canonical\": \"公路优良路率\","
	"   \"op\": \">=\", \"value\": 55, \"unit\": \"%\", \"year\": 2020},"
	"  {\"indicator\": \"食品抽检合格率\", \"canonical\": \"食品抽检合格率\","
	"   \"op\": \"increase\", \"value\": 2, \"unit\": \"pp\","
	"   \"baseline\": {\"ref\": \"previous_year\"}},"
	"  {\"indicator\": \"省级名牌产品\", \"op\": \">=\", \"value\": 24,"
	"   \"unit\": \"个\", \"year\": 2020}]}";

static void load_catalog(struct qc_store *s, struct qc_catalog *cat)
{
	struct qc_error err = { 0 };
	char path[1024];
	const char *dir = getenv("QCITY_DATA");

	snprintf(path, sizeof(path), "%s/indicators.json", dir ? dir : "data");
	assert_int_equal(qc_catalog_load(cat, path, &err), QC_OK);
	assert_int_equal(qc_indicator_sync(s, cat, &err), QC_OK);
}

static long long import_plan(struct fixture *f)
{
	struct qc_error err = { 0 };
	struct qc_catalog cat;
	struct qc_plan p;
	long long id = 0;

	load_catalog(f->s, &cat);
	qc_catalog_release(&cat);
	assert_int_equal(qc_plan_from_json(&p, plan_json, strlen(plan_json),
					   &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &id, &err),
			 QC_OK);
	qc_plan_release(&p);
	return id;
}

static int set(struct qc_store *s, const char *ind, const char *period,
	       double v, struct qc_error *err)
{
	struct qc_value_in in = { .indicator = ind,
				  .region = "七台河市",
				  .period = period,
				  .value = v };
	return qc_value_set(s, &in, "t", err);
}

/* 县公路优良路率 ≥65 and 乡公路优良路率 ≥55, both filed under the
 * catalogue's 公路优良路率: setting one leaves the other. */
static void setting_one_leaves_the_other(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_status_table t;
	long long id = import_plan(f);

	assert_int_equal(set(f->s, "县公路优良路率", "2020", 60, &err), QC_OK);
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	assert_true(test_status_row(&t, "县公路优良路率")->p.has_current);
	assert_true(test_status_row(&t, "县公路优良路率")->p.current == 60);
	assert_false(test_status_row(&t, "乡公路优良路率")->p.has_current);
	qc_status_table_release(&t);
	/* The catalogue name leads to two series: refused, both named. */
	assert_int_equal(set(f->s, "公路优良路率", "2020", 70, &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "县公路优良路率"));
	assert_non_null(strstr(err.msg, "乡公路优良路率"));
	assert_int_equal(count_rows(f->s, "indicator_values"), 1);
	/* Full-width and spaces are the same name. */
	assert_int_equal(set(f->s, " 乡公路优良路率 ", "2020", 54, &err),
			 QC_OK);
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	assert_true(test_status_row(&t, "县公路优良路率")->p.current == 60);
	assert_true(test_status_row(&t, "乡公路优良路率")->p.current == 54);
	qc_status_table_release(&t);
}

/* The link is reviewable: proposed for a name the catalogue does not list,
 * confirmed by the office, cleared; each change audited. */
static void links_are_reviewed_and_audited(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_indicator_list l;
	struct qc_audit_list a;

	import_plan(f);
	assert_int_equal(qc_indicator_list(f->s, false, true, &l, &err), QC_OK);
	/* 县/乡 proposed, 省级名牌产品 unlinked; 食品抽检合格率 is an entry */
	assert_int_equal(l.n, 3);
	for (size_t i = 0; i < l.n; i++)
		if (!strcmp(l.v[i].name, "县公路优良路率"))
			assert_string_equal(l.v[i].link, "proposed");
	qc_indicator_list_release(&l);
	assert_int_equal(qc_indicator_link(f->s, "县公路优良路率",
					   "公路优良路率", "office", &err),
			 QC_OK);
	assert_int_equal(qc_indicator_link(f->s, "县公路优良路率", "没有的指标",
					   "office", &err),
			 QC_ENOTFOUND);
	assert_int_equal(qc_indicator_link(f->s, "公路优良路率", "森林覆盖率",
					   "office", &err),
			 QC_EINVAL);
	assert_int_equal(qc_indicator_unlink(f->s, "省级名牌产品", "office",
					     &err),
			 QC_OK);
	assert_int_equal(qc_indicator_list(f->s, false, true, &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	qc_indicator_list_release(&l);
	assert_int_equal(qc_audit_list(f->s, "indicator", 10, &a, &err), QC_OK);
	assert_true(a.n >= 2);
	assert_string_equal(a.v[0].action, "unlink");
	assert_string_equal(a.v[1].action, "link");
	assert_non_null(strstr(a.v[1].before, "proposed"));
	assert_non_null(strstr(a.v[1].after, "confirmed"));
	qc_audit_list_release(&a);
	/* One linked series now: the catalogue name reaches it. */
	assert_int_equal(set(f->s, "公路优良路率", "2020", 66, &err),
			 QC_ECONFLICT);
	assert_int_equal(qc_indicator_unlink(f->s, "乡公路优良路率", "office",
					     &err),
			 QC_OK);
	assert_int_equal(set(f->s, "公路优良路率", "2020", 66, &err), QC_OK);
	assert_int_equal(count_rows(f->s, "indicator_values"), 1);
}

static void out_of_range_is_refused(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	size_t n;

	import_plan(f);
	assert_int_equal(set(f->s, "县公路优良路率", "2020", -1e308, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "range [0, 100]"));
	assert_int_equal(set(f->s, "县公路优良路率", "2020", 100.5, &err),
			 QC_EINVAL);
	assert_int_equal(set(f->s, "省级名牌产品", "2020", -1, &err),
			 QC_EINVAL);
	assert_int_equal(set(f->s, "县公路优良路率", "2020", 100, &err), QC_OK);
	assert_int_equal(set(f->s, "省级名牌产品", "2020", 3, &err), QC_OK);
	const char *csv = "指标,地区,期间,数值\n"
			  "县公路优良路率,七台河市,2019,61\n"
			  "乡公路优良路率,七台河市,2019,155\n";
	assert_int_equal(qc_value_import_csv(f->s, csv, strlen(csv), "t", &n,
					     &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "155"));
	assert_int_equal(count_rows(f->s, "indicator_values"), 2);
}

/* "+2 pp over the previous year" on 99.5 asks for 100, met at 100. */
static void derived_requirement_is_capped(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_status_table t;
	long long id = import_plan(f);

	assert_int_equal(set(f->s, "食品抽检合格率", "2019", 99.5, &err),
			 QC_OK);
	assert_int_equal(set(f->s, "食品抽检合格率", "2020", 100, &err), QC_OK);
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	const struct qc_status_row *r = test_status_row(&t, "食品抽检合格率");
	assert_true(r->p.has_required);
	assert_true(r->p.required == 100);
	assert_int_equal(r->p.status, QC_PROGRESS_MET);
	qc_status_table_release(&t);

	/* The method itself: uncapped it would ask for 101.5. */
	struct qc_goal_spec spec = { .op = QC_OP_INCREASE,
				     .value = 2,
				     .pp = true,
				     .baseline_previous = true };
	struct qc_point pts[2] = { { 2019, 99.5, 12 }, { 2020, 100, 12 } };
	struct qc_progress_result pr;
	qc_progress_eval(&spec, pts, 2, &pr);
	assert_true(pr.required > 101.4);
	assert_int_not_equal(pr.status, QC_PROGRESS_MET);
	spec.range = (struct qc_range){ true, true, 0, 100 };
	qc_progress_eval(&spec, pts, 2, &pr);
	assert_true(pr.required == 100);
	assert_int_equal(pr.status, QC_PROGRESS_MET);
	struct qc_range pct = { true, true, 0, 100 };
	assert_true(qc_range_cap(&pct, -3) == 0);
}

/* A count's figures add up: the chart's last point is status' latest. */
static void chart_and_latest_read_a_count_alike(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_status_table t;
	struct qc_series x;
	long long id = import_plan(f);
	const double fig[4] = { 3, 4, 2, 1 };
	const char *years[4] = { "2017", "2018", "2019", "2020" };

	for (int i = 0; i < 4; i++)
		assert_int_equal(set(f->s, "省级名牌产品", years[i], fig[i],
				     &err),
				 QC_OK);
	assert_int_equal(qc_status_table(f->s, id, NULL, &t, &err), QC_OK);
	const struct qc_status_row *r = test_status_row(&t, "省级名牌产品");
	assert_true(r->p.current == 10);
	assert_int_equal(qc_target_series(f->s, r->target_id, NULL, &x, &err),
			 QC_OK);
	assert_true(x.running);
	assert_int_equal(x.n, 4);
	assert_true(x.v[3].value == r->p.current);
	assert_true(x.v[3].reported == 1);
	assert_true(x.v[1].value == 7);
	qc_series_release(&x);
	/* A rate is a level: read as reported. */
	r = test_status_row(&t, "县公路优良路率");
	assert_int_equal(qc_target_series(f->s, r->target_id, NULL, &x, &err),
			 QC_OK);
	assert_false(x.running);
	qc_series_release(&x);
	qc_status_table_release(&t);
}

/* The 七台河 seed, extracted and imported: two targets share a series only
 * when the plan names the same indicator. */
static void seed_targets_do_not_share_series(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_catalog cat;
	struct qc_plan p;
	struct qc_stmt *st;
	long long id;
	char path[1024];
	const char *dir = getenv("QCITY_DATA");
	int groups = 0;

	load_catalog(f->s, &cat);
	snprintf(path, sizeof(path), "%s/seeds/000_da3f1a9ac43ee785.txt",
		 dir ? dir : "data");
	assert_int_equal(qc_extract_file(path, &cat, &p, &err), QC_OK);
	assert_int_equal(p.n_targets, 54);
	assert_int_equal(qc_plan_import(f->s, &p, false, "t", &id, &err),
			 QC_OK);
	qc_plan_release(&p);
	qc_catalog_release(&cat);
	/* Every series of several targets is one name written alike. */
	assert_int_equal(
		qc_stmt_prepare(
			f->s,
			"SELECT t.indicator_id,"
			" COUNT(*), MIN(i.name), MAX(i.name), (SELECT COUNT(DISTINCT"
			" REPLACE(u.indicator_text, ' ', '')) FROM targets u WHERE"
			" u.indicator_id = t.indicator_id) FROM targets t JOIN"
			" indicators i ON i.id = t.indicator_id WHERE t.plan_id = ?"
			" GROUP BY t.indicator_id HAVING COUNT(*) > 1",
			&st, &err),
		QC_OK);
	qc_stmt_bind_int(st, 1, id);
	while (qc_stmt_next(st, &err) == QC_ROW) {
		groups++;
		if (qc_stmt_int(st, 4) != 1)
			fail_msg("series %s is shared by differently named "
				 "targets",
				 qc_stmt_text(st, 2));
	}
	qc_stmt_free(st);
	print_message("七台河: %d series measured by several targets of one "
		      "name\n",
		      groups);
	assert_true(count_rows(f->s, "targets") == 54);
	/* The highway rates stand apart. */
	assert_int_equal(set(f->s, "县公路优良路率", "2020", 60, &err), QC_OK);
	assert_int_equal(count_rows(f->s, "indicator_values"), 1);
}

/* ---- migration 0008 on a schema-7 database ---------------------------- */

static void exec7(struct qc_store *c, const char *sql)
{
	struct qc_error err = { 0 };
	if (qc_store_exec(c, sql, &err))
		fail_msg("%s: %s", sql, err.msg);
}

/* Per target of plan 1: count, sum and a period-weighted sum of the
 * values its series holds in every region, written into out. */
static void per_target(struct qc_store *s, double out[][3], int n)
{
	struct qc_stmt *st;
	int k = 0;
	assert_int_equal(
		qc_stmt_prepare(
			s,
			"SELECT t.id, COUNT(v.id),"
			" COALESCE(SUM(v.value), 0), COALESCE(SUM(v.value * CAST("
			"substr(v.period, 1, 4) AS INTEGER)), 0) FROM targets t LEFT"
			" JOIN indicator_values v ON v.indicator_id = t.indicator_id"
			" GROUP BY t.id ORDER BY t.id",
			&st, NULL),
		QC_OK);
	while (qc_stmt_next(st, NULL) == QC_ROW && k < n) {
		out[k][0] = (double)qc_stmt_int(st, 1);
		out[k][1] = qc_stmt_double(st, 2);
		out[k][2] = qc_stmt_double(st, 3);
		k++;
	}
	qc_stmt_free(st);
	assert_int_equal(k, n);
}

static void migration_splits_keeping_values(void **state)
{
	char dir[] = "/tmp/qcity-m8-XXXXXX", uri[256], pg[64], cmd[96];
	struct qc_error err = { 0 };
	struct qc_store *s;
	double before[5][3], after[5][3];
	struct qc_store *c;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(test_new_db(dir, "m7.db", uri, sizeof(uri), pg), 0);
	assert_int_equal(qc_store_open_at(uri, 7, &c, &err), QC_OK);
	assert_int_equal(qc_store_schema_version(c), 7);
	/* What schema 7 stored: targets filed under the catalogue's entry,
	 * values per catalogue indicator. */
	exec7(c, "INSERT INTO regions (code, name, level, parent_code) VALUES"
		 " ('230000', '黑龙江省', 1, NULL);"
		 "INSERT INTO regions (code, name, level, parent_code) VALUES"
		 " ('230900', '七台河市', 2, '230000');"
		 "INSERT INTO regions (code, name, level, parent_code) VALUES"
		 " ('230902', '新兴区', 3, '230900');"
		 "INSERT INTO indicators (name, unit, direction, in_catalog)"
		 " VALUES ('公路优良路率', '%', 'higher', 1);"
		 "INSERT INTO indicators (name, unit, direction, in_catalog)"
		 " VALUES ('森林覆盖率', '%', 'higher', 1);"
		 "INSERT INTO indicators (name, unit, direction, in_catalog)"
		 " VALUES ('城市绿地面积', '万亩', 'higher', 0);"
		 "INSERT INTO indicator_synonyms VALUES ('县公路优良路率', 1);"
		 "INSERT INTO plans (title, region_code, created_at) VALUES"
		 " ('p', '230900', '2020-01-01T00:00:00Z');");
	static const char *const tg[] = {
		"1, '县公路优良路率', '>=', 65, '%', 0",
		"1, '乡公路优良路率', '>=', 55, '%', 1",
		"1, '公路优良路率', '>=', 80, '%', 2",
		"2, '全市 森林覆盖率', '>=', 48, '%', 3",
		"3, '城市绿地面积', '>=', 9, '万亩', 4",
	};
	for (int i = 0; i < 5; i++) {
		char ins[256];
		snprintf(ins, sizeof(ins),
			 "INSERT INTO targets (plan_id,"
			 " indicator_id, indicator_text, op, value, unit, seq)"
			 " VALUES (1, %s)",
			 tg[i]);
		exec7(c, ins);
	}
	exec7(c,
	      "INSERT INTO indicator_values (indicator_id, region_code, period,"
	      " value, submitted_at, province_code) VALUES"
	      " (1, '230900', '2019', 58.5, 'x', '230000'),"
	      " (1, '230900', '2020', 60, 'x', '230000'),"
	      " (1, '230902', '2020', 40, 'x', '230000'),"
	      " (2, '230900', '2020', 47.9, 'x', '230000'),"
	      " (3, '230900', '2020', 8, 'x', '230000');");
	qc_store_close(c);

	/* Opened by this build: 0008 runs. The values per target, before
	 * read through the schema-7 links, must be the same after. */
	struct qc_stmt *st;
	before[0][0] = before[1][0] = before[2][0] = 3;
	before[0][1] = before[1][1] = before[2][1] = 158.5;
	before[0][2] = before[1][2] = before[2][2] = 58.5 * 2019 + 60 * 2020 +
						     40 * 2020;
	before[3][0] = 1, before[3][1] = 47.9, before[3][2] = 47.9 * 2020;
	before[4][0] = 1, before[4][1] = 8, before[4][2] = 8 * 2020;
	assert_int_equal(qc_store_open(uri, &s, &err), QC_OK);
	per_target(s, after, 5);
	for (int i = 0; i < 5; i++)
		for (int k = 0; k < 3; k++)
			if (fabs(before[i][k] - after[i][k]) > 1e-6)
				fail_msg("target %d field %d: %g before, %g "
					 "after",
					 i + 1, k, before[i][k], after[i][k]);
	/* No two targets on one series now. */
	assert_int_equal(qc_stmt_prepare(s,
					 "SELECT COUNT(DISTINCT"
					 " indicator_id) FROM targets",
					 &st, NULL),
			 QC_OK);
	assert_int_equal(qc_stmt_next(st, NULL), QC_ROW);
	assert_int_equal(qc_stmt_int(st, 0), 5);
	qc_stmt_free(st);
	/* Links: a listed synonym confirmed, the loose filing proposed. */
	assert_int_equal(qc_stmt_prepare(s,
					 "SELECT name, catalog_id,"
					 " link_status, min_value, max_value FROM indicators"
					 " ORDER BY id",
					 &st, NULL),
			 QC_OK);
	int seen = 0;
	while (qc_stmt_next(st, NULL) == QC_ROW) {
		const char *name = qc_stmt_text(st, 0);
		if (!strcmp(name, "县公路优良路率"))
			assert_string_equal(qc_stmt_text(st, 2), "confirmed"),
				seen++;
		if (!strcmp(name, "乡公路优良路率"))
			assert_string_equal(qc_stmt_text(st, 2), "proposed"),
				seen++;
		if (!strcmp(name, "全市森林覆盖率")) {
			assert_int_equal(qc_stmt_int(st, 1), 2);
			assert_true(qc_stmt_double(st, 4) == 100);
			seen++;
		}
		if (!strcmp(name, "城市绿地面积"))
			assert_true(qc_stmt_is_null(st, 2) &&
				    qc_stmt_double(st, 3) == 0),
				seen++;
	}
	qc_stmt_free(st);
	assert_int_equal(seen, 4);
	/* The audit log says so: one row per split, with counts. */
	struct qc_audit_list a;
	assert_int_equal(qc_audit_list(s, "indicator", 10, &a, &err), QC_OK);
	assert_int_equal(a.n, 2);
	for (size_t i = 0; i < a.n; i++) {
		assert_string_equal(a.v[i].action, "split");
		assert_string_equal(a.v[i].actor, "migration:0008");
		if (!strcmp(a.v[i].key, "1")) {
			assert_non_null(strstr(a.v[i].after, "\"targets\":2"));
			assert_non_null(strstr(a.v[i].after, "\"values\":3"));
			assert_non_null(strstr(a.v[i].after, "\"copies\":6"));
		}
	}
	qc_audit_list_release(&a);
	/* The value the office enters now reaches one target only. */
	struct qc_value_in v = { .indicator = "乡公路优良路率",
				 .region = "230900",
				 .period = "2021",
				 .value = 56 };
	assert_int_equal(qc_value_set(s, &v, "t", &err), QC_OK);
	per_target(s, after, 5);
	assert_true(after[1][0] == 4 && after[0][0] == 3 && after[2][0] == 3);
	qc_store_close(s);
	test_drop_db(pg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* `qcity init` syncs the catalogue on every run: the same catalogue
 * again writes nothing (no audit row, the data version stays) and keeps
 * the synonyms the first sync gave; a changed entry is written. */
static void catalog_synced_once(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_catalog cat;
	int64_t v0, v1;
	long long synonyms;

	load_catalog(f->s, &cat);
	synonyms = count_rows(f->s, "indicator_synonyms");
	assert_true(synonyms > 0);
	assert_int_equal(count_rows(f->s, "audit_log WHERE entity ="
					  " 'indicators'"),
			 1);
	assert_int_equal(qc_store_data_version(f->s, &v0, &err), QC_OK);
	assert_int_equal(qc_indicator_sync(f->s, &cat, &err), QC_OK);
	assert_int_equal(qc_store_data_version(f->s, &v1, &err), QC_OK);
	assert_int_equal(v1, v0);
	assert_int_equal(count_rows(f->s, "audit_log WHERE entity ="
					  " 'indicators'"),
			 1);
	assert_int_equal(count_rows(f->s, "indicator_synonyms"), synonyms);
	free(cat.v[0].domain);
	cat.v[0].domain = qc_xstrdup("test-domain");
	assert_int_equal(qc_indicator_sync(f->s, &cat, &err), QC_OK);
	assert_int_equal(count_rows(f->s, "audit_log WHERE entity ="
					  " 'indicators'"),
			 2);
	assert_int_equal(count_rows(f->s, "indicators WHERE domain ="
					  " 'test-domain'"),
			 1);
	qc_catalog_release(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(setting_one_leaves_the_other,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(links_are_reviewed_and_audited,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(out_of_range_is_refused,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(derived_requirement_is_capped,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(chart_and_latest_read_a_count_alike,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(seed_targets_do_not_share_series,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(catalog_synced_once,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test(migration_splits_keeping_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
