/* The nation's keys and schema (issue 21; qcity/federation.h): migration
 * 0023 keeps every row and gives credit events their enterprise's
 * province, on both engines; on PostgreSQL a province publishes its rows
 * and a national schema is partitioned by province with its rows kept and
 * province rows read-only. Replication itself runs between real clusters
 * in tests/cli/test_federation.sh. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "testutil.h"
#include "qcity/federation.h"
#include "qcity/followup.h"
#include "qcity/sampling.h"

static const char *const tables[] = { "regions", "enterprises", "credit_events",
				      "indicator_values", "audit_log" };
#define NT (sizeof(tables) / sizeof(tables[0]))

/* A database at schema 21 (before 0022 and 0023) with rows of two
 * provinces. */
static void schema21_database(const char *uri)
{
	struct qc_store *c = old_two_enterprises(uri, 21);

	exec_ok(c, "INSERT INTO indicators (name, unit, direction, in_catalog)"
		   " VALUES ('森林覆盖率', '%', 'higher', 1)");
	exec_ok(c, "INSERT INTO credit_events (enterprise_id, kind,"
		   " occurred_on, title, created_at) VALUES"
		   " (1, 'award', '2024-01-02', 'a', 'x'),"
		   " (2, 'penalty', '2024-01-03', 'b', 'x'),"
		   " (2, 'award', '2024-01-04', 'c', 'x')");
	exec_ok(c, "INSERT INTO indicator_values (indicator_id, region_code,"
		   " period, value, submitted_at, province_code) VALUES"
		   " (1, '230900', '2020', 47.9, 'x', '230000'),"
		   " (1, '430100', '2020', 60, 'x', '430000')");
	exec_ok(c, "INSERT INTO audit_log (at, actor, action, entity) VALUES"
		   " ('2024-01-02T00:00:00Z', 't', 'set', 'value'),"
		   " ('2024-01-03T00:00:00Z', 't', 'set', 'value')");
	qc_store_close(c);
}

static void migration_0023_keeps_rows(void **state)
{
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;

	(void)state;
	s = test_db_old(&d, "m21.db", schema21_database, 21);
	s = test_migrate_keeps(s, d.uri, 0, tables, NT);
	assert_true(qc_store_schema_version(s) >= 23);
	/* Each credit event has its enterprise's province. */
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM credit_events c"
					" JOIN enterprises e ON e.id ="
					" c.enterprise_id WHERE c.province_code"
					" = e.province_code"),
			 3);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM credit_events"
					" WHERE province_code = '430000'"),
			 2);
	/* The audit log's province is the server's: publish fills it. */
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM audit_log WHERE"
					" province_code IS NULL"),
			 2);
	/* (province_code, id) is a key: the same pair is a conflict; on
	 * PostgreSQL, where it is the primary key, the same id in another
	 * province is another row (SQLite's id stays unique alone). */
	static const char dup[] =
		"INSERT INTO indicator_values (id, indicator_id, region_code,"
		" period, value, submitted_at, province_code) VALUES (1, 1,"
		" '230900', '2021', 1, 'x', '230000')";
	assert_int_equal(qc_store_exec(s, dup, NULL), QC_ECONFLICT);
	if (!strcmp(test_driver(), "postgres"))
		exec_ok(s, "INSERT INTO indicator_values (id, indicator_id,"
			   " region_code, period, value, submitted_at,"
			   " province_code) VALUES (1, 1, '430100', '2021', 1,"
			   " 'x', '430000')");
	if (strcmp(test_driver(), "postgres")) {
		/* Federation is PostgreSQL's logical replication. */
		assert_int_equal(qc_fed_publish(s, "230000", "t", &err),
				 QC_EUNSUPPORTED);
		assert_false(qc_store_national(s));
	}
	qc_store_close(s);
	test_db_done(&d);
}

/* A database at schema 23 (before 0024) with complaints, credit events
 * and sampling results of two provinces, each with a row referring to
 * it. */
static void schema23_database(const char *uri)
{
	struct qc_store *c = old_two_enterprises(uri, 23);

	exec_ok(c, "INSERT INTO complaints (province_code, region_code, kind,"
		   " channel, received_on, state, respondent, text,"
		   " last_step_on, created_at) VALUES"
		   " ('230000', '230900', 'complaint', '12315', '2024-01-02',"
		   " 'received', '甲厂', 't', '2024-01-02', 'x'),"
		   " ('430000', '430100', 'report', 'web', '2024-01-03',"
		   " 'received', '乙厂', 't', '2024-01-03', 'x')");
	exec_ok(c, "INSERT INTO complaint_events (complaint_id, happened_on,"
		   " to_state, region_code, actor, recorded_at) VALUES"
		   " (1, '2024-01-02', 'received', '230900', 't', 'x'),"
		   " (2, '2024-01-03', 'received', '430100', 't', 'x'),"
		   " (2, '2024-01-04', 'received', '430100', 't', 'x')");
	/* A credit event written between 0023 and 0024 without a province. */
	exec_ok(c, "INSERT INTO credit_events (enterprise_id, kind,"
		   " occurred_on, title, created_at) VALUES"
		   " (2, 'penalty', '2024-01-03', 'b', 'x')");
	exec_ok(c, "INSERT INTO credit_listings (enterprise_id, list, ground,"
		   " decided_on, event_id, created_at) VALUES"
		   " (2, 'penalty', 'g', '2024-01-03', 1, 'x'),"
		   " (1, 'red', 'g', '2024-01-05', NULL, 'x')");
	exec_ok(c, "INSERT INTO sampling_results (province_code, region_code,"
		   " level, enterprise_name, product, sampled_on, passed,"
		   " imported_at) VALUES ('230000', '230900', 'county', '甲厂',"
		   " 'p', '2024-01-02', 0, 'x'), ('430000', '430100',"
		   " 'county', '乙厂', 'p', '2024-01-02', 0, 'x')");
	exec_ok(c,
		"INSERT INTO sampling_followups (result_id, province_code,"
		" notified_on, updated_at) VALUES (1, '230000', '2024-01-05',"
		" 'x'), (2, '430000', '2024-01-05', 'x')");
	qc_store_close(c);
}

/* 0024: every row kept; the rows referring to complaints and credit
 * events carry their parent's province; on PostgreSQL the parents' keys
 * lead with the province and the foreign keys include it. */
static void migration_0024_child_keys(void **state)
{
	static const char *const t24[] = {
		"complaints",      "complaint_events", "credit_events",
		"credit_listings", "sampling_results", "sampling_followups"
	};
	struct test_db d;
	struct qc_store *s = NULL;
	bool is_pg = !strcmp(test_driver(), "postgres");

	(void)state;
	s = test_db_old(&d, "m23.db", schema23_database, 0);
	assert_true(qc_store_schema_version(s) >= 24);
	static const long long n24[] = { 2, 3, 1, 2, 2, 2 };
	for (size_t i = 0; i < sizeof(t24) / sizeof(t24[0]); i++)
		assert_int_equal(count_rows(s, t24[i]), n24[i]);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM complaint_events"
					" WHERE province_code = '430000'"),
			 2);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM complaint_events"
					" v JOIN complaints c ON c.id ="
					" v.complaint_id WHERE c.province_code"
					" = v.province_code"),
			 3);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM credit_events"
					" WHERE province_code = '430000'"),
			 1);
	/* From the event, else from the enterprise. */
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM credit_listings"
					" WHERE (id = 1 AND province_code ="
					" '430000') OR (id = 2 AND"
					" province_code = '230000')"),
			 2);
	static const char other_province_event[] =
		"INSERT INTO complaint_events (complaint_id, happened_on,"
		" to_state, region_code, actor, recorded_at, province_code)"
		" VALUES (1, '2024-01-06', 'received', '230900', 't', 'x',"
		" '430000')";
	if (is_pg) {
		/* Primary keys led by the province, foreign keys with it. */
		assert_int_equal(
			count_where(s, "SELECT COUNT(*) FROM pg_index i JOIN"
				       " pg_attribute a ON a.attrelid ="
				       " i.indrelid AND a.attnum = i.indkey[0]"
				       " WHERE i.indisprimary AND a.attname ="
				       " 'province_code' AND i.indrelid IN"
				       " ('complaints'::regclass,"
				       " 'credit_events'::regclass)"),
			2);
		assert_int_equal(
			count_where(s,
				    "SELECT COUNT(*) FROM pg_constraint WHERE"
				    " contype = 'f' AND array_length(conkey,"
				    " 1) = 2 AND conrelid IN"
				    " ('complaint_events'::regclass,"
				    " 'credit_listings'::regclass,"
				    " 'sampling_followups'::regclass)"),
			4); /* credit_listings → its event and (0025) its
			     * enterprise */
		/* An event of complaint 1 said to be in another province
		 * refers to no complaint. */
		assert_int_not_equal(qc_store_exec(s, other_province_event,
						   NULL),
				     QC_OK);
		assert_int_not_equal(qc_store_exec(s,
						   "UPDATE sampling_followups SET"
						   " province_code = '430000' WHERE"
						   " result_id = 1",
						   NULL),
				     QC_OK);
		/* The same id in another province is another complaint. */
		exec_ok(s,
			"INSERT INTO complaints (id, province_code,"
			" region_code, kind, channel, received_on, state,"
			" respondent, text, last_step_on, created_at) VALUES"
			" (1, '430000', '430100', 'complaint', '12315',"
			" '2024-01-02', 'received', '乙厂', 't', '2024-01-02',"
			" 'x')");
	} else {
		/* SQLite: the id stays the key, (province_code, id) unique. */
		assert_int_equal(
			qc_store_exec(s,
				      "INSERT INTO complaints (id, province_code,"
				      " region_code, kind, channel, received_on,"
				      " state, respondent, text, last_step_on,"
				      " created_at) VALUES (1, '430000',"
				      " '430100', 'complaint', '12315',"
				      " '2024-01-02', 'received', '乙厂', 't',"
				      " '2024-01-02', 'x')",
				      NULL),
			QC_ECONFLICT);
	}
	qc_store_close(s);
	test_db_done(&d);
}

/* A loopback socket on a free port: listening (it accepts and never
 * answers, a hung server) or only bound (a connection is refused). */
static int loopback(bool listening, int *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*port = ntohs(a.sin_port);
	if (listening)
		assert_int_equal(listen(fd, 8), 0);
	return fd;
}

/* Follow province code at uri without connecting (as a restore leaves a
 * subscription): enough for the status to ask it. */
static void follow(struct qc_store *s, const char *code, const char *uri)
{
	char sql[512];

	snprintf(sql, sizeof(sql),
		 "CREATE SUBSCRIPTION qcity_%s CONNECTION '%s' PUBLICATION"
		 " qcity_%s WITH (connect = false, slot_name = NONE)",
		 code, uri, code);
	exec_ok(s, sql);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO federation_provinces VALUES ('%s', 'x', 'x',"
		 " 't')",
		 code);
	exec_ok(s, sql);
}

/* The status asks every province at once: two that hang and one that
 * refuses are unreachable, and the one that answers (this server, which
 * holds no slot for it) is reachable all the same. */
static void status_of_many(struct qc_store *s, const char *self)
{
	struct qc_error err = { 0 };
	struct qc_fed_status st;
	char uri[96];
	int port, fd[3];
	const char *codes[] = { "610000", "620000", "630000", "650000" };

	fd[0] = loopback(true, &port);
	snprintf(uri, sizeof(uri), "postgres://x@127.0.0.1:%d/qc", port);
	follow(s, codes[0], uri);
	fd[1] = loopback(true, &port);
	snprintf(uri, sizeof(uri), "postgres://x@127.0.0.1:%d/qc", port);
	follow(s, codes[1], uri);
	fd[2] = loopback(false, &port);
	snprintf(uri, sizeof(uri), "postgres://x@127.0.0.1:%d/qc", port);
	follow(s, codes[2], uri);
	follow(s, codes[3], self);
	assert_int_equal(qc_fed_status(s, &st, &err), QC_OK);
	assert_int_equal(st.n, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(st.v[i].code, codes[i]);
		assert_int_equal(st.v[i].reachable, i == 3);
		assert_int_equal(st.v[i].lag_bytes, -1);
		assert_false(st.v[i].streaming);
	}
	qc_fed_status_release(&st);
	for (size_t i = 0; i < 3; i++)
		close(fd[i]);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(qc_fed_remove(s, codes[i], false, "t", &err),
				 QC_OK);
	assert_int_equal(qc_fed_status(s, &st, &err), QC_OK);
	assert_int_equal(st.n, 0);
	qc_fed_status_release(&st);
}

/* At the nation result ids repeat across provinces: the list carries
 * each row's province and pages by (date, id, province); a follow-up by
 * result id alone is refused rather than written on the wrong row. */
static void list_at_nation(struct qc_store *s)
{
	struct qc_error err = { 0 };
	struct qc_sample_list l;
	struct qc_sample_query q = { .limit = 100 };
	char date[11];
	/* Results 1 and 2 of 430000 and 1 of 230000, of one day, as two
	 * provinces send them (each with its holder, 0027); enterprise 1
	 * is in both provinces too. */
	exec_ok(s, "BEGIN; SET LOCAL session_replication_role = replica;"
		   " INSERT INTO sampling_results (id, province_code,"
		   " region_code, level, enterprise_id, enterprise_name,"
		   " product, sampled_on, passed, imported_at, held_by) VALUES"
		   " (1, '430000', '430100', 'county', 1, '丙厂', 'p',"
		   " '2024-01-02', 1, 'x', '430000'), (2, '430000', '430100',"
		   " 'county', NULL, '乙厂', 'p', '2024-01-02', 0, 'x',"
		   " '430000'), (1, '230000', '230900', 'county', 1, '甲厂',"
		   " 'p', '2024-01-02', 0, 'x', '230000');"
		   " INSERT INTO sampling_counts (province_code, region_code,"
		   " level, category_id, year, samples, passed, held_by) VALUES"
		   " ('230000', '230900', 'county', 0, 2024, 1, 0, '230000'),"
		   " ('430000', '430100', 'county', 0, 2024, 2, 1, '430000');"
		   " COMMIT");
	assert_int_equal(qc_sampling_list_page(s, &q, &l, &err), QC_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[0].id, 2);
	assert_string_equal(l.v[0].province, "430000");
	assert_int_equal(l.v[1].id, 1);
	assert_string_equal(l.v[1].province, "430000");
	assert_string_equal(l.v[1].enterprise, "丙厂");
	/* Its enterprise is the one of its own province. */
	assert_string_equal(l.v[1].uscc, "91430100MA00000003");
	assert_int_equal(l.v[2].id, 1);
	assert_string_equal(l.v[2].province, "230000");
	assert_string_equal(l.v[2].enterprise, "甲厂");
	qc_sample_list_release(&l);
	/* A page at a time, each cursor the last row's date, id and
	 * province: the same three, none twice. */
	const char *cursors[] = { "2024-01-02,2,430000", "2024-01-02,1,430000",
				  "2024-01-02,1,230000" };
	const char *want[] = { "430000", "230000", NULL };
	for (size_t i = 0; i < 3; i++) {
		struct qc_sample_query p = { .limit = 1 };
		assert_true(qc_sample_cursor_parse(cursors[i], date, &p));
		assert_int_equal(qc_sampling_list_page(s, &p, &l, &err), QC_OK);
		if (!want[i]) {
			assert_int_equal(l.n, 0);
		} else {
			assert_int_equal(l.n, 1);
			assert_int_equal(l.v[0].id, 1);
			assert_string_equal(l.v[0].province, want[i]);
		}
		qc_sample_list_release(&l);
	}
	struct qc_sample_query bad = { 0 };
	assert_false(qc_sample_cursor_parse("2024-01-02,1,23", date, &bad));
	assert_false(qc_sample_cursor_parse("2024-01-02,1,", date, &bad));
	assert_int_equal(qc_followup_record(s, 1, "ordered", "2024-02-01", -1,
					    "t", &err),
			 QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "national server"));
	/* The follow-up board joins each follow-up to its own province's
	 * result: one row, not one per province holding the id. */
	exec_ok(s, "BEGIN; SET LOCAL session_replication_role = replica;"
		   " DELETE FROM sampling_followups; INSERT INTO"
		   " sampling_followups (result_id, province_code, region_code,"
		   " notified_on, due_on, alarm_on, updated_at, held_by)"
		   " VALUES (1, '230000', '230900', '2024-01-05', '2024-01-20',"
		   " '2024-01-20', 'x', '230000'); COMMIT");
	struct qc_followup_query fq = { 0 };
	struct qc_followup_list fl;
	assert_int_equal(qc_followup_page(s, &fq, &fl, &err), QC_OK);
	assert_int_equal(fl.n, 1);
	assert_int_equal(fl.v[0].result_id, 1);
	assert_string_equal(fl.v[0].enterprise, "甲厂");
	qc_followup_list_release(&fl);
	/* Category ids are each province's: a category is found by the
	 * name each province gives its id (federation_categories), so
	 * "食品" is id 7 in 430000 and id 9, which 430000 calls otherwise,
	 * in 230000. */
	long long n = 0, ok = 0;
	assert_int_equal(qc_sampling_rate(s, "430000", 2024, "", "食品", &n,
					  &ok, &err),
			 QC_ENOTFOUND);
	exec_ok(s, "BEGIN; SET LOCAL session_replication_role = replica;"
		   " INSERT INTO federation_categories VALUES ('430000', 7,"
		   " '食品'), ('430000', 9, '玩具'), ('230000', 9, '食品');"
		   " INSERT INTO sampling_counts (province_code, region_code,"
		   " level, category_id, year, samples, passed, held_by)"
		   " VALUES ('230000', '230900', 'county', 9, 2024, 5, 4,"
		   " '230000'), ('430000', '430100', 'county', 7, 2024, 3, 3,"
		   " '430000'), ('430000', '430100', 'county', 9, 2024, 6, 1,"
		   " '430000'); COMMIT");
	assert_int_equal(qc_sampling_rate(s, "430000", 2024, "", "食品", &n,
					  &ok, &err),
			 QC_OK);
	assert_true(n == 3 && ok == 3);
	assert_int_equal(qc_sampling_rate(s, "230000", 2024, "", "食品", &n,
					  &ok, &err),
			 QC_OK);
	assert_true(n == 5 && ok == 4);
	exec_ok(s,
		"BEGIN; SET LOCAL session_replication_role = replica;"
		" DELETE FROM sampling_counts WHERE category_id <> 0; COMMIT");
	assert_int_equal(qc_sampling_rate(s, "430000", 2024, "", NULL, &n, &ok,
					  &err),
			 QC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ok, 1);
}

/* PostgreSQL: publish on a province, the national schema on another
 * database. */
static void publish_and_national(void **state)
{
	struct test_db d;
	struct test_db nd;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;

	(void)state;
	test_need_pg();
	s = test_db_old(&d, "p.db", schema21_database, 0);
	assert_int_equal(qc_fed_publish(s, "2300", "t", &err), QC_EINVAL);
	assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	assert_int_equal(qc_fed_publish(s, "430000", "t", &err), QC_ECONFLICT);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM audit_log WHERE"
					" province_code IS DISTINCT FROM"
					" '230000'"),
			 0);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" pg_publication_tables WHERE pubname"
					" = 'qcity_230000'"),
			 20);
	/* The province's names of its category and series ids travel
	 * beside them, kept level by a trigger (docs/scaling.md "Names at
	 * the nation"). */
	exec_ok(s, "INSERT INTO product_categories (name) VALUES ('镜像类')");
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" federation_categories f JOIN"
					" product_categories k ON k.id = f.id"
					" AND k.name = f.name WHERE"
					" f.province_code = '230000'"),
			 count_rows(s, "product_categories"));
	exec_ok(s, "UPDATE product_categories SET name = '镜像类二' WHERE"
		   " name = '镜像类'");
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" federation_categories WHERE name ="
					" '镜像类二'"),
			 1);
	exec_ok(s, "DELETE FROM product_categories WHERE name = '镜像类二'");
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" federation_categories WHERE name LIKE"
					" '镜像类%'"),
			 0);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" federation_indicators f JOIN"
					" indicators i ON i.id = f.id AND"
					" i.name = f.name"),
			 count_rows(s, "indicators"));
	/* A trigger gone with its table (a migration that re-creates it):
	 * publish puts it back, and the mirror level again. */
	exec_ok(s, "DROP TRIGGER indicators_fed ON indicators");
	exec_ok(s, "UPDATE indicators SET name = name || '·' WHERE id ="
		   " (SELECT MIN(id) FROM indicators)");
	assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM pg_trigger WHERE"
					" tgname = 'indicators_fed'"),
			 1);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" federation_indicators f JOIN"
					" indicators i ON i.id = f.id AND"
					" i.name = f.name"),
			 count_rows(s, "indicators"));
	/* A table out of the publication (a restore re-creates them) is
	 * published again by publish; a complete publication is left. */
	exec_ok(s, "ALTER PUBLICATION qcity_230000 DROP TABLE complaints");
	long long audits = count_rows(s, "audit_log");
	assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" pg_publication_tables WHERE pubname"
					" = 'qcity_230000' AND tablename ="
					" 'complaints'"),
			 1);
	assert_int_equal(count_rows(s, "audit_log"), audits + 1);
	char prov[7];
	assert_int_equal(qc_fed_republish(s, "t", prov, &err), QC_OK);
	assert_string_equal(prov, "230000");
	assert_int_equal(count_rows(s, "audit_log"), audits + 1);
	/* Updates carry the province-led key. */
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM pg_class WHERE"
					" relname IN ('sampling_results',"
					" 'audit_log') AND relreplident = 'i'"),
			 2);
	/* complaints and credit events: 0024 made the province-led key
	 * their primary key, the replica identity as it is. */
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM pg_class WHERE"
					" relname IN ('complaints',"
					" 'credit_events') AND relreplident ="
					" 'd'"),
			 2);
	/* indicator_values: 0023 made the key its primary key, which is
	 * the replica identity as it is. */
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM pg_index i JOIN"
					" pg_attribute a ON a.attrelid ="
					" i.indrelid AND a.attnum = i.indkey[0]"
					" WHERE i.indrelid ="
					" 'indicator_values'::regclass AND"
					" i.indisprimary AND a.attname ="
					" 'province_code'"),
			 1);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM pg_class WHERE"
					" relname = 'indicator_values' AND"
					" relreplident = 'd'"),
			 1);
	qc_store_close(s);

	test_db_also(&d, &nd, "n.db");
	schema21_database(nd.uri);
	assert_int_equal(qc_store_open(nd.uri, &s, &err), QC_OK);
	assert_int_equal(qc_fed_national_init(s, 2020, 2019, "t", &err),
			 QC_EINVAL);
	assert_int_equal(qc_fed_national_init(s, 2024, 2025, "t", &err), QC_OK);
	assert_true(qc_store_national(s));
	assert_int_equal(qc_fed_national_init(s, 2024, 2025, "t", &err), QC_OK);
	/* Rows kept, in their provinces' partitions. */
	assert_int_equal(count_rows(s, "indicator_values"), 2);
	assert_int_equal(count_rows(s, "indicator_values_p430000"), 1);
	assert_int_equal(count_rows(s, "credit_events_p430000"), 2);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM audit_log WHERE"
					" province_code = '000000'"),
			 3); /* two old entries and national_init's */
	assert_int_equal(count_rows(s, "audit_log_p000000_y2024"), 2);
	/* Province rows are read-only here; the nation's own are not. */
	assert_int_equal(qc_store_exec(s,
				       "UPDATE indicator_values SET value = 1"
				       " WHERE province_code = '230000'",
				       &err),
			 QC_EDB);
	assert_non_null(strstr(err.msg, "read-only on the national server"));
	exec_ok(s, "INSERT INTO audit_log (at, actor, action, entity) VALUES"
		   " ('2025-01-01T00:00:00Z', 't', 'x', 'y')");
	/* The id sequence goes on after the rows kept. */
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM audit_log WHERE"
					" id = 4"),
			 1);
	assert_int_equal(qc_fed_add(s, "postgres://x@127.0.0.1:1/none", "t",
				    prov, &err),
			 QC_EDB);
	/* A province whose catalogue ids differ from the nation's is
	 * refused before anything is subscribed. */
	exec_ok(s, "INSERT INTO indicators (name, unit, direction, in_catalog)"
		   " VALUES ('公路优良路率', '%', 'higher', 1)");
	assert_int_equal(qc_fed_add(s, d.uri, "t", prov, &err), QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "catalogue"));
	assert_int_equal(count_where(s,
				     "SELECT COUNT(*) FROM"
				     " pg_subscription WHERE subdbid = (SELECT"
				     " oid FROM pg_database WHERE datname ="
				     " current_database())"),
			 0);
	/* Enterprises (0025) are national: the same id in two provinces is
	 * two enterprises here, as replication writes them. */
	assert_int_equal(count_rows(s, "enterprises_p430000"), 1);
	exec_ok(s, "BEGIN; SET LOCAL session_replication_role = replica;"
		   " INSERT INTO enterprises (id, uscc, name, province_code,"
		   " region_code, created_at, held_by) VALUES (1,"
		   " '91430100MA00000003', '丙厂', '430000', '430100', 'x',"
		   " '430000'); COMMIT");
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM enterprises"
					" WHERE id = 1"),
			 2);
	/* A national server is backed up with pg_dump, never copied table
	 * by table (its partitions would be read beside their parents). */
	{
		char copy[300];
		struct qc_store *c = NULL;
		struct qc_copy_report r = { 0 };
		snprintf(copy, sizeof(copy), "%s/copy.db", d.dir);
		assert_int_equal(qc_store_open(copy, &c, &err), QC_OK);
		assert_int_equal(qc_store_copy(s, c, &r, &err),
				 QC_EUNSUPPORTED);
		assert_non_null(strstr(err.msg, "pg_dump"));
		assert_int_equal(qc_store_copy(c, s, &r, &err),
				 QC_EUNSUPPORTED);
		assert_int_equal(count_rows(c, "regions"), 0);
		qc_store_close(c);
		assert_int_equal(qc_store_restore(copy, nd.uri, &r, &err),
				 QC_EUNSUPPORTED);
		assert_non_null(strstr(err.msg, "pg_restore"));
		assert_true(qc_store_national(s));
	}
	struct qc_fed_status st;
	assert_int_equal(qc_fed_status(s, &st, &err), QC_OK);
	assert_int_equal(st.n, 0);
	qc_fed_status_release(&st);
	assert_int_equal(qc_fed_remove(s, "230000", false, "t", &err),
			 QC_ENOTFOUND);
	status_of_many(s, nd.uri);
	list_at_nation(s);
	qc_store_close(s);
	test_db_done(&nd);
	test_db_done(&d);
}

/* 0025: enterprises, credit listings and complaint events keyed by
 * province, every row kept; the rows referring to an enterprise take its
 * province (here a credit event whose province had drifted); on
 * PostgreSQL their foreign keys include it and follow a move. */
static void migration_0025_enterprise_keys(void **state)
{
	static const char *const t[] = { "enterprises", "credit_events",
					 "credit_listings", "complaint_events",
					 "sampling_results" };
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;
	bool is_pg = !strcmp(test_driver(), "postgres");

	(void)state;
	s = test_db_old(&d, "m24.db", schema23_database, 24);
	exec_ok(s, "UPDATE credit_events SET province_code = '230000' WHERE"
		   " enterprise_id = 2");
	/* At 25: 0026 moves enterprises' key to its holder (its own test,
	 * test_federation_held.c). */
	s = test_migrate_keeps(s, d.uri, 25, t, 5);
	assert_true(qc_store_schema_version(s) >= 25);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM credit_events c"
					" JOIN enterprises e ON e.id ="
					" c.enterprise_id WHERE c.province_code"
					" <> e.province_code"),
			 0);
	if (is_pg) {
		assert_int_equal(
			count_where(s, "SELECT COUNT(*) FROM pg_index i JOIN"
				       " pg_attribute a ON a.attrelid ="
				       " i.indrelid AND a.attnum = i.indkey[0]"
				       " WHERE i.indisprimary AND a.attname ="
				       " 'province_code' AND i.indrelid IN"
				       " ('enterprises'::regclass,"
				       " 'credit_listings'::regclass,"
				       " 'complaint_events'::regclass)"),
			3);
		/* A credit event said to be of another province than its
		 * enterprise refers to no enterprise. */
		assert_int_not_equal(
			qc_store_exec(s,
				      "INSERT INTO credit_events (enterprise_id,"
				      " kind, occurred_on, title, created_at,"
				      " province_code) VALUES (1, 'award',"
				      " '2024-01-02', 'a', 'x', '430000')",
				      NULL),
			QC_OK);
		/* An enterprise moved takes its events and listings. */
		exec_ok(s, "UPDATE enterprises SET province_code = '430000'"
			   " WHERE id = 1");
		assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
						" credit_listings WHERE"
						" enterprise_id = 1 AND"
						" province_code = '430000'"),
				 1);
		/* The tables that stay on the province keep theirs on the
		 * id, unique here. */
		exec_ok(s, "INSERT INTO credit_grades (enterprise_id, grade,"
			   " score, scheme_version, as_of, basis, computed_at)"
			   " VALUES (1, 'A', 90, 'v', 'x', '{}', 'x')");
		/* A national server made before 0025 migrates too: its
		 * partitioned tables hold rows whose enterprises are on the
		 * provinces, and get no foreign keys. */
		struct test_db nd;
		struct qc_store *n = NULL;
		test_db_also(&d, &nd, "n24.db");
		schema23_database(nd.uri);
		n = old_database(nd.uri, 24);
		assert_int_equal(qc_fed_national_init(n, 2024, 2025, "t", &err),
				 QC_OK);
		exec_ok(n, "BEGIN; SET LOCAL session_replication_role ="
			   " replica; INSERT INTO sampling_results"
			   " (province_code, region_code, level,"
			   " enterprise_id, enterprise_name, product,"
			   " sampled_on, passed, imported_at) VALUES"
			   " ('430000', '430100', 'county', 99, '戊厂', 'p',"
			   " '2024-03-01', 1, 'x'); INSERT INTO credit_events"
			   " (enterprise_id, kind, occurred_on, title,"
			   " created_at, province_code) VALUES (99, 'award',"
			   " '2024-01-02', 'a', 'x', '430000'); COMMIT");
		long long nres = count_rows(n, "sampling_results");
		long long nev = count_rows(n, "credit_events");
		qc_store_close(n);
		assert_int_equal(qc_store_open(nd.uri, &n, &err), QC_OK);
		assert_true(qc_store_schema_version(n) >= 25);
		assert_true(qc_store_national(n));
		assert_int_equal(count_rows(n, "sampling_results"), nres);
		assert_int_equal(count_rows(n, "credit_events"), nev);
		qc_store_close(n);
		test_db_done(&nd);
	} else {
		assert_int_equal(count_where(s,
					     "SELECT COUNT(*) FROM"
					     " sqlite_master WHERE name IN"
					     " ('enterprises_province_id',"
					     " 'credit_listings_province_id',"
					     " 'complaint_events_province_id')"),
				 3);
	}
	qc_store_close(s);
	test_db_done(&d);
}

/* A database at schema 32 with the special-equipment and metrology
 * registers of two provinces whose ids collide (each server numbers its
 * own): unit 1 in 230000 (two inspections), unit 2 in 430000 (one, and an
 * accident); instrument 1 in 230000 (one verification), 2 in 430000 (two). */
static void schema32_database(const char *uri)
{
	struct qc_store *c = old_database(uri, 32);

	two_provinces(c);
	exec_ok(c, "INSERT INTO equipment (province_code, code, category,"
		   " region_code, user_name, next_due, status, created_at,"
		   " updated_at) VALUES ('230000', 'E1', 'elevator', '230900',"
		   " '甲', '2025-01-01', 'in_use', 'x', 'x'), ('430000', 'E2',"
		   " 'boiler', '430100', '乙', '2025-02-01', 'in_use', 'x',"
		   " 'x')");
	exec_ok(c,
		"INSERT INTO equipment_inspections (equipment_id,"
		" inspected_on, due_on, result, next_due, actor, recorded_at)"
		" VALUES (1, '2023-01-01', NULL, 'pass', '2024-01-01', 't',"
		" 'x'), (1, '2024-01-01', '2024-01-01', 'pass', '2025-01-01',"
		" 't', 'x'), (2, '2024-02-01', NULL, 'pass', '2025-02-01',"
		" 't', 'x')");
	exec_ok(c, "INSERT INTO equipment_accidents (province_code,"
		   " region_code, happened_on, equipment_id, category, deaths,"
		   " injuries, actor, recorded_at) VALUES ('430000', '430100',"
		   " '2024-03-01', 2, 'boiler', 0, 1, 't', 'x')");
	exec_ok(c,
		"INSERT INTO metrology_instruments (province_code, code,"
		" kind, region_code, owner_name, next_due, status,"
		" created_at, updated_at) VALUES ('230000', 'M1', '电子计价秤',"
		" '230900', '甲', '2025-01-01', 'in_use', 'x', 'x'),"
		" ('430000', 'M2', '压力表', '430100', '乙', '2025-01-01',"
		" 'in_use', 'x', 'x')");
	exec_ok(c, "INSERT INTO metrology_verifications (instrument_id,"
		   " verified_on, due_on, result, next_due, actor, recorded_at)"
		   " VALUES (1, '2024-01-01', NULL, 'pass', '2025-01-01', 't',"
		   " 'x'), (2, '2023-01-01', NULL, 'pass', '2024-01-01', 't',"
		   " 'x'), (2, '2024-01-01', '2024-01-01', 'fail', NULL, 't',"
		   " 'x')");
	qc_store_close(c);
}

/* 0033: the registers travel to the nation (docs/scaling.md "Which tables
 * are national"). Every row kept; the inspections and verifications take
 * their unit's (instrument's) province; keys as 0024/0025 made them: on
 * PostgreSQL (province_code, id) primary keys and the checks' foreign
 * keys on the province, following a moved unit; on SQLite the ids stay
 * the primary keys with a unique (province_code, id) beside them. A
 * published province publishes them, also when its publication is of a
 * qcity before 0033 (publish run again after the upgrade). */
static void migration_0033_registers(void **state)
{
	static const char *const t[] = { "equipment", "equipment_inspections",
					 "equipment_accidents",
					 "metrology_instruments",
					 "metrology_verifications" };
	struct test_db d;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;
	bool is_pg = !strcmp(test_driver(), "postgres");

	(void)state;
	s = test_db_old(&d, "m32.db", schema32_database, 32);
	/* All the way: publishing below publishes the tables of later
	 * migrations too (0034's certificates). */
	s = test_migrate_keeps(s, d.uri, 0, t, 5);
	assert_true(qc_store_schema_version(s) >= 33);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" equipment_inspections i JOIN"
					" equipment e ON e.id = i.equipment_id"
					" AND e.province_code ="
					" i.province_code"),
			 3);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" equipment_inspections WHERE"
					" province_code = '430000'"),
			 1);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" metrology_verifications v JOIN"
					" metrology_instruments m ON m.id ="
					" v.instrument_id AND m.province_code"
					" = v.province_code"),
			 3);
	assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
					" metrology_verifications WHERE"
					" province_code = '430000'"),
			 2);
	if (is_pg) {
		assert_int_equal(
			count_where(s, "SELECT COUNT(*) FROM pg_index i JOIN"
				       " pg_attribute a ON a.attrelid ="
				       " i.indrelid AND a.attnum = i.indkey[0]"
				       " WHERE i.indisprimary AND a.attname ="
				       " 'province_code' AND i.indrelid IN"
				       " ('equipment'::regclass,"
				       " 'equipment_inspections'::regclass,"
				       " 'equipment_accidents'::regclass,"
				       " 'metrology_instruments'::regclass,"
				       " 'metrology_verifications'::regclass)"),
			5);
		/* An inspection said to be of another province than its
		 * unit refers to no unit. */
		assert_int_not_equal(
			qc_store_exec(s,
				      "INSERT INTO equipment_inspections"
				      " (equipment_id, inspected_on, result,"
				      " actor, recorded_at, province_code)"
				      " VALUES (1, '2024-05-01', 'pass', 't',"
				      " 'x', '430000')",
				      NULL),
			QC_OK);
		/* A unit moved takes its inspections, an instrument its
		 * verifications. */
		exec_ok(s, "UPDATE equipment SET province_code = '430000'"
			   " WHERE id = 1");
		assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
						" equipment_inspections WHERE"
						" equipment_id = 1 AND"
						" province_code = '430000'"),
				 2);
		exec_ok(s, "UPDATE metrology_instruments SET province_code ="
			   " '230000' WHERE id = 2");
		assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
						" metrology_verifications WHERE"
						" province_code = '230000'"),
				 3);
		exec_ok(s, "UPDATE equipment SET province_code = '230000'"
			   " WHERE id = 1");
		exec_ok(s, "UPDATE metrology_instruments SET province_code ="
			   " '430000' WHERE id = 2");
		/* Published with the rest; a publication of before 0033
		 * (without them) is completed by publishing again. */
		assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
		static const char pub[] =
			"SELECT COUNT(*) FROM pg_publication_tables WHERE"
			" pubname = 'qcity_230000' AND tablename IN"
			" ('equipment', 'equipment_inspections',"
			" 'equipment_accidents', 'metrology_instruments',"
			" 'metrology_verifications') AND rowfilter LIKE"
			" '%province_code%230000%'";
		assert_int_equal(count_where(s, pub), 5);
		exec_ok(s, "ALTER PUBLICATION qcity_230000 DROP TABLE"
			   " equipment, equipment_inspections,"
			   " equipment_accidents, metrology_instruments,"
			   " metrology_verifications");
		assert_int_equal(count_where(s, pub), 0);
		assert_int_equal(qc_fed_publish(s, "230000", "t", &err), QC_OK);
		assert_int_equal(count_where(s, pub), 5);
		assert_int_equal(count_where(s, "SELECT COUNT(*) FROM"
						" audit_log WHERE action ="
						" 'publish' AND after_json LIKE"
						" '%repaired%'"),
				 1);
	} else {
		assert_int_equal(
			count_where(s,
				    "SELECT COUNT(*) FROM"
				    " sqlite_master WHERE name IN"
				    " ('equipment_province_id',"
				    " 'equipment_inspections_province_id',"
				    " 'equipment_accidents_province_id',"
				    " 'metrology_instruments_province_id',"
				    " 'metrology_verifications_province_id')"),
			5);
	}
	qc_store_close(s);
	test_db_done(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migration_0023_keeps_rows),
		cmocka_unit_test(publish_and_national),
		cmocka_unit_test(migration_0024_child_keys),
		cmocka_unit_test(migration_0025_enterprise_keys),
		cmocka_unit_test(migration_0033_registers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
