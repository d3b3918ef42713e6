/* Enterprises held by one province and registered in another (migration
 * 0026, docs/scaling.md "Which tables are national"): every row kept and
 * held by its registration province at first, on both engines; a
 * province's publication makes it the holder of every enterprise it has
 * (its credit events and listings follow) and filters on held_by; the
 * nation keys and partitions enterprises by (held_by, id), also a nation
 * made before 0026; and the follow-up board at the nation pages by due
 * day, id and province. The replication itself runs between real
 * clusters in tests/cli/test_federation.sh. */
#include "testutil.h"
#include "qcity/federation.h"
#include "qcity/followup.h"
#include "qcity/sampling.h"

static const char *const tables[] = { "enterprises", "credit_events",
				      "credit_listings", "sampling_results",
				      "credit_grades" };
#define NT (sizeof(tables) / sizeof(tables[0]))

/* A database at schema 25 (before 0026): 甲厂 registered in 230000, 乙厂
 * in 430000, a result of 230000 whose enterprise is 乙厂 (made in Hunan,
 * sampled in Heilongjiang), credit events and listings of both. */
static void schema25_database(const char *uri)
{
	struct qc_store *c = old_two_enterprises(uri, 25);

	exec_ok(c, "INSERT INTO credit_events (enterprise_id, kind,"
		   " occurred_on, title, created_at, province_code) VALUES"
		   " (1, 'award', '2024-01-02', 'a', 'x', '230000'),"
		   " (2, 'penalty', '2024-01-03', 'b', 'x', '430000')");
	exec_ok(c, "INSERT INTO credit_listings (enterprise_id, list, ground,"
		   " decided_on, event_id, created_at, province_code) VALUES"
		   " (2, 'penalty', 'g', '2024-01-03', 2, 'x', '430000'),"
		   " (1, 'red', 'g', '2024-01-05', NULL, 'x', '230000')");
	exec_ok(c, "INSERT INTO credit_grades (enterprise_id, grade, score,"
		   " scheme_version, as_of, basis, computed_at) VALUES"
		   " (2, 'B', 70, 'v', 'x', '{}', 'x')");
	exec_ok(c, "INSERT INTO sampling_results (province_code, region_code,"
		   " level, enterprise_id, enterprise_name, product,"
		   " sampled_on, passed, imported_at) VALUES ('230000',"
		   " '230900', 'county', 2, '乙厂', 'p', '2024-01-02', 0,"
		   " 'x')");
	qc_store_close(c);
}

/* 0026 from today's schema: every row kept, each enterprise held by its
 * registration province (what its province published until now), its
 * credit rows with it; a row inserted without held_by takes its
 * registration province; on PostgreSQL (held_by, id) is the primary key
 * the credit rows refer to, and a holder's change carries them along,
 * a registration's does not. */
static void migration_0026_held_by(void **state)
{
	struct test_db d;
	struct qc_store *s = NULL;
	bool is_pg = !strcmp(test_driver(), "postgres");

	(void)state;
	s = test_db_old(&d, "m25.db", schema25_database, 25);
	s = test_migrate_keeps(s, d.uri, 0, tables, NT);
	assert_true(qc_store_schema_version(s) >= 26);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM enterprises"
					" WHERE held_by IS NULL OR held_by <>"
					" province_code"),
			 0);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM credit_events c"
					" JOIN enterprises e ON e.id ="
					" c.enterprise_id WHERE c.province_code"
					" <> e.held_by"),
			 0);
	/* Inserted without held_by (every writer of enterprises but
	 * replication and copies): held by its registration province. */
	exec_ok(s, "INSERT INTO enterprises (uscc, name, province_code,"
		   " region_code, created_at) VALUES ('91430100MA00000003',"
		   " '丙厂', '430000', '430100', 'x')");
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM enterprises"
					" WHERE name = '丙厂' AND held_by ="
					" '430000'"),
			 1);
	if (is_pg) {
		assert_int_equal(
			count_where(s, "SELECT COUNT(*) FROM pg_index i JOIN"
				       " pg_attribute a ON a.attrelid ="
				       " i.indrelid AND a.attnum = i.indkey[0]"
				       " WHERE i.indisprimary AND a.attname ="
				       " 'held_by' AND i.indrelid ="
				       " 'enterprises'::regclass"),
			1);
		/* A credit event of another province than its enterprise's
		 * holder refers to no enterprise. */
		assert_int_not_equal(
			qc_store_exec(s,
				      "INSERT INTO credit_events (enterprise_id,"
				      " kind, occurred_on, title, created_at,"
				      " province_code) VALUES (2, 'award',"
				      " '2024-01-02', 'a', 'x', '230000')",
				      NULL),
			QC_OK);
		/* Held by 230000 (its server publishes it): its credit rows
		 * follow. */
		exec_ok(s, "UPDATE enterprises SET held_by = '230000' WHERE"
			   " id = 2");
		assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
						" credit_events WHERE"
						" enterprise_id = 2 AND"
						" province_code = '230000'"),
				 1);
		assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
						" credit_listings WHERE"
						" enterprise_id = 2 AND"
						" province_code = '230000'"),
				 1);
		/* Registered anew elsewhere: still held here, rows stay. */
		exec_ok(s, "UPDATE enterprises SET province_code = '110000'"
			   " WHERE id = 2");
		assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
						" credit_events WHERE"
						" enterprise_id = 2 AND"
						" province_code = '230000'"),
				 1);
		/* The tables that stay on the province keep the id. */
		exec_ok(s, "INSERT INTO credit_grades (enterprise_id, grade,"
			   " score, scheme_version, as_of, basis, computed_at)"
			   " VALUES (3, 'A', 90, 'v', 'y', '{}', 'x')");
	} else {
		assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
						" sqlite_master WHERE name ="
						" 'enterprises_held_by_id'"),
				 1);
		assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
						" sqlite_master WHERE name ="
						" 'enterprises_province_id'"),
				 0);
	}
	qc_store_close(s);
	test_db_done(&d);
}

/* PostgreSQL: 0026 on a province that publishes already: every
 * enterprise there is held by it, its credit rows with it, and the
 * publication filters enterprises on held_by (filtered on the
 * registration province, which the new key leaves out of the replica
 * identity, every update of an enterprise would be refused). */
static void migration_0026_publishing(void **state)
{
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;

	(void)state;
	test_need_pg();
	s = test_db_old(&d, "p25.db", schema25_database, 25);
	exec_ok(s, "CREATE PUBLICATION qcity_230000 FOR TABLE enterprises"
		   " WHERE (province_code = '230000'), TABLE credit_events"
		   " WHERE (province_code = '230000')");
	qc_store_close(s);
	assert_int_equal(qc_store_open(d.uri, &s, &err), QC_OK);
	assert_true(qc_store_schema_version(s) >= 26);
	assert_int_equal(count_rows(s, "enterprises"), 2);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM enterprises"
					" WHERE held_by = '230000'"),
			 2);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM credit_events"
					" WHERE province_code = '230000'"),
			 2);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" pg_publication_tables WHERE pubname ="
					" 'qcity_230000' AND tablename ="
					" 'enterprises' AND rowfilter LIKE"
					" '%held_by%'"),
			 1);
	exec_ok(s, "UPDATE enterprises SET name = '乙厂有限公司' WHERE id = 2");
	exec_ok(s, "INSERT INTO enterprises (uscc, name, province_code,"
		   " region_code, created_at) VALUES ('91430100MA00000005',"
		   " '戊厂', '430000', '430100', 'x')");
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM enterprises"
					" WHERE name = '戊厂' AND held_by ="
					" '230000'"),
			 1);
	qc_store_close(s);
	test_db_done(&d);
}

/* PostgreSQL: a national server made before 0026 (enterprises
 * partitioned by province_code) migrates with every row, held by the
 * province that sent it; db init --national, run again as for every
 * upgrade, partitions enterprises by held_by, where one id may be held
 * by two provinces. */
static void nation_before_0026(void **state)
{
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *n = NULL;

	(void)state;
	test_need_pg();
	n = test_db_old(&d, "n25.db", schema25_database, 25);
	/* enterprises as `db init --national` partitioned it before 0026. */
	exec_ok(n, "ALTER TABLE enterprises RENAME TO e_old;"
		   " CREATE TABLE enterprises (LIKE e_old INCLUDING DEFAULTS"
		   " INCLUDING CONSTRAINTS) PARTITION BY LIST (province_code);"
		   " CREATE TABLE enterprises_p230000 PARTITION OF enterprises"
		   " FOR VALUES IN ('230000'); CREATE TABLE"
		   " enterprises_p430000 PARTITION OF enterprises FOR VALUES"
		   " IN ('430000'); CREATE TABLE enterprises_pother PARTITION"
		   " OF enterprises DEFAULT; INSERT INTO enterprises SELECT *"
		   " FROM e_old; CREATE SEQUENCE enterprises_nat_id_seq OWNED"
		   " BY enterprises.id; SELECT setval('enterprises_nat_id_seq',"
		   " 3, false); ALTER TABLE enterprises ALTER COLUMN id SET"
		   " DEFAULT nextval('enterprises_nat_id_seq'); DROP TABLE"
		   " e_old CASCADE; ALTER TABLE enterprises ADD PRIMARY KEY"
		   " (province_code, id); CREATE INDEX enterprises_name ON"
		   " enterprises (name)");
	qc_store_close(n);
	assert_int_equal(qc_store_open(d.uri, &n, &err), QC_OK);
	assert_true(qc_store_schema_version(n) >= 26);
	assert_int_equal(count_rows(n, "enterprises"), 2);
	assert_int_equal(count_where(n, "SELECT COUNT(*) FROM enterprises"
					" WHERE held_by = province_code"),
			 2);
	assert_int_equal(count_where(n, "SELECT COUNT(*) FROM pg_class WHERE"
					" relname = 'enterprises' AND relkind ="
					" 'r'"),
			 1);
	assert_int_equal(qc_fed_national_init(n, 2024, 2025, "t", &err), QC_OK);
	assert_true(qc_store_national(n));
	assert_int_equal(count_where(n, "SELECT COUNT(*) FROM"
					" pg_partitioned_table p JOIN"
					" pg_attribute a ON a.attrelid ="
					" p.partrelid AND a.attnum ="
					" p.partattrs[0] WHERE p.partrelid ="
					" 'enterprises'::regclass AND a.attname"
					" = 'held_by'"),
			 1);
	assert_int_equal(count_rows(n, "enterprises_p430000"), 1);
	/* The index on the name came along. */
	assert_int_equal(count_where(n, "SELECT COUNT(*) FROM pg_indexes WHERE"
					" tablename = 'enterprises' AND"
					" indexdef LIKE '%(name)%'"),
			 1);
	/* 乙厂 (registered in 430000) held by 230000 too, as 230000 sends
	 * it: a second row, in 230000's partition. */
	exec_ok(n, "BEGIN; SET LOCAL session_replication_role = replica;"
		   " INSERT INTO enterprises (id, uscc, name, province_code,"
		   " region_code, created_at, held_by) VALUES (2,"
		   " '91430100MA00000002', '乙厂', '430000', '430100', 'x',"
		   " '230000'); INSERT INTO sampling_counts (province_code,"
		   " region_code, level, category_id, year, samples, passed)"
		   " VALUES ('230000', '230900', 'county', 0, 2024, 1, 0);"
		   " COMMIT");
	assert_int_equal(count_where(n, "SELECT COUNT(*) FROM enterprises"
					" WHERE id = 2"),
			 2);
	assert_int_equal(count_rows(n, "enterprises_p230000"), 2);
	/* The nation's black list of 230000 finds its result's enterprise
	 * as 230000 holds it, registered in 430000. */
	struct qc_sample_list l;
	struct qc_sample_query q = { .region = "230000", .limit = 10 };
	assert_int_equal(qc_sampling_list_page(n, &q, &l, &err), QC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].enterprise, "乙厂");
	assert_string_equal(l.v[0].uscc, "91430100MA00000002");
	qc_sample_list_release(&l);
	qc_store_close(n);
	test_db_done(&d);
}

/* PostgreSQL: publishing makes the province the holder of every
 * enterprise it has, whatever its registration, with its credit rows;
 * the publication filters enterprises on held_by, and one filtered on
 * the registration province (before 0026) is published again. */
static void publish_holds_every_enterprise(void **state)
{
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;

	(void)state;
	test_need_pg();
	s = test_db_old(&d, "p.db", schema25_database, 0);
	assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM enterprises"
					" WHERE held_by = '230000'"),
			 2);
	/* Registration unchanged: 乙厂 is still of 430000. */
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM enterprises"
					" WHERE province_code = '430000'"),
			 1);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM credit_events"
					" WHERE province_code = '230000'"),
			 2);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM credit_listings"
					" WHERE province_code = '230000'"),
			 2);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" pg_publication_tables WHERE pubname ="
					" 'qcity_230000' AND tablename ="
					" 'enterprises' AND rowfilter LIKE"
					" '%held_by%'"),
			 1);
	/* A new enterprise, registered elsewhere, is held here. */
	exec_ok(s, "INSERT INTO enterprises (uscc, name, province_code,"
		   " region_code, created_at) VALUES ('91430100MA00000004',"
		   " '丁厂', '430000', '430100', 'x')");
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM enterprises"
					" WHERE name = '丁厂' AND held_by ="
					" '230000'"),
			 1);
	long long audits = count_rows(s, "audit_log");
	assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	assert_int_equal(count_rows(s, "audit_log"), audits);
	/* A publication of before 0026 (enterprises filtered on the
	 * registration province) is repaired. */
	exec_ok(s, "ALTER PUBLICATION qcity_230000 DROP TABLE enterprises;"
		   " ALTER PUBLICATION qcity_230000 ADD TABLE enterprises"
		   " WHERE (province_code = '230000')");
	if (qc_fed_publish(s, "230000", "t", &err)) {
		fail_msg("publish: %s", err.msg);
		abort();
	}
	assert_int_equal(count_rows(s, "audit_log"), audits + 1);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" pg_publication_tables WHERE pubname ="
					" 'qcity_230000' AND tablename ="
					" 'enterprises' AND rowfilter LIKE"
					" '%held_by%'"),
			 1);
	qc_store_close(s);
	test_db_done(&d);
}

/* PostgreSQL: the follow-up board at the nation, where two provinces'
 * follow-ups can share a due day and a result id: each row carries its
 * province, they come in province order after the id, and a page at a
 * time with the cursor DUE,ID,PROVINCE gives each once. */
static void followup_cursor_at_nation(void **state)
{
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;
	struct qc_followup_list fl;
	char date[11];

	(void)state;
	test_need_pg();
	test_db_new(&d, "n.db");
	assert_int_equal(qc_store_open(d.uri, &s, &err), QC_OK);
	assert_int_equal(qc_fed_national_init(s, 2024, 2025, "t", &err), QC_OK);
	exec_ok(s, "BEGIN; SET LOCAL session_replication_role = replica;"
		   " INSERT INTO sampling_results (id, province_code,"
		   " region_code, level, enterprise_name, product, sampled_on,"
		   " passed, imported_at, held_by) VALUES"
		   " (1, '430000', '430100', 'county', '湘一', 'p',"
		   " '2024-01-02', 0, 'x', '430000'), (1, '230000', '230900',"
		   " 'county', '黑一', 'p', '2024-01-02', 0, 'x', '230000'),"
		   " (2, '230000', '230900', 'county', '黑二', 'p',"
		   " '2024-01-02', 0, 'x', '230000');"
		   " INSERT INTO sampling_followups (result_id, province_code,"
		   " region_code, notified_on, due_on, alarm_on, updated_at,"
		   " held_by) VALUES (1, '430000', '430100', '2024-01-05',"
		   " '2024-01-20', '2024-01-20', 'x', '430000'), (1, '230000',"
		   " '230900', '2024-01-05', '2024-01-20', '2024-01-20', 'x',"
		   " '230000'), (2, '230000', '230900', '2024-01-05',"
		   " '2024-01-20', '2024-01-20', 'x', '230000'); COMMIT");
	struct qc_followup_query all = { 0 };
	assert_int_equal(qc_followup_page(s, &all, &fl, &err), QC_OK);
	assert_int_equal(fl.n, 3);
	const char *want[][2] = { { "230000", "黑一" },
				  { "430000", "湘一" },
				  { "230000", "黑二" } };
	const int64_t ids[] = { 1, 1, 2 };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(fl.v[i].result_id, ids[i]);
		assert_string_equal(fl.v[i].province, want[i][0]);
		assert_string_equal(fl.v[i].enterprise, want[i][1]);
	}
	qc_followup_list_release(&fl);
	/* A page at a time: each cursor the last row's due day, id and
	 * province; the next row each time, then none. */
	const char *cursors[] = { "2024-01-20,1,230000", "2024-01-20,1,430000",
				  "2024-01-20,2,230000" };
	for (size_t i = 0; i < 3; i++) {
		struct qc_sample_query cur = { 0 };
		assert_true(qc_sample_cursor_parse(cursors[i], date, &cur));
		struct qc_followup_query q = {
			.limit = 1,
			.after_due = cur.before_date,
			.after_id = cur.before_id,
			.after_province = cur.before_province
		};
		assert_int_equal(qc_followup_page(s, &q, &fl, &err), QC_OK);
		if (i == 2) {
			assert_int_equal(fl.n, 0);
		} else {
			assert_int_equal(fl.n, 1);
			assert_int_equal(fl.v[0].result_id, ids[i + 1]);
			assert_string_equal(fl.v[0].province, want[i + 1][0]);
		}
		qc_followup_list_release(&fl);
	}
	/* A cursor without the province goes past every province's
	 * follow-up of that id. */
	struct qc_followup_query q = { .after_due = "2024-01-20",
				       .after_id = 1 };
	assert_int_equal(qc_followup_page(s, &q, &fl, &err), QC_OK);
	assert_int_equal(fl.n, 1);
	assert_int_equal(fl.v[0].result_id, 2);
	qc_followup_list_release(&fl);
	qc_store_close(s);
	test_db_done(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migration_0026_held_by),
		cmocka_unit_test(migration_0026_publishing),
		cmocka_unit_test(nation_before_0026),
		cmocka_unit_test(publish_holds_every_enterprise),
		cmocka_unit_test(followup_cursor_at_nation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
