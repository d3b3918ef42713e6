/* Storage: migrations, nested transactions, bound parameters, errors. */
#include <sqlite3.h>

#include "testutil.h"

static void migrations_recorded_once(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_store *again;

	assert_string_equal(qc_store_driver(f->s), test_driver());
	assert_true(qc_store_schema_version(f->s) >= 1);
	long long n = count_rows(f->s, "schema_migrations");
	assert_int_equal(n, qc_store_schema_version(f->s));
	/* Opening again applies nothing new. */
	assert_int_equal(qc_store_open(f->db, &again, &err), QC_OK);
	assert_int_equal(count_rows(again, "schema_migrations"), n);
	qc_store_close(again);
}

static void nested_rollback_poisons_outer_commit(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	int64_t id;

	long long before = count_rows(f->s, "units");
	assert_int_equal(qc_store_begin(f->s, &err), QC_OK);
	assert_int_equal(qc_unit_add(f->s, "230900", "市统计局", NULL, "t", &id,
				     &err),
			 QC_OK);
	assert_int_equal(qc_store_begin(f->s, &err), QC_OK);
	qc_store_rollback(f->s); /* an inner step failed */
	assert_int_not_equal(qc_store_commit(f->s, &err), QC_OK);
	assert_int_equal(count_rows(f->s, "units"), before);
}

static void text_is_bound_not_spliced(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	const char *evil = "x'); DROP TABLE units; --";
	int64_t id;

	assert_int_equal(qc_unit_add(f->s, "230900", evil, NULL, "t", &id,
				     &err),
			 QC_OK);
	struct qc_unit_list l;
	assert_int_equal(qc_unit_list(f->s, "230900", &l, &err), QC_OK);
	bool found = false;
	for (size_t i = 0; i < l.n; i++)
		found |= !strcmp(l.v[i].name, evil);
	assert_true(found);
	qc_unit_list_release(&l);
}

/* A text bound with its length, and a statement rewound: on SQLite the
 * bindings stay for the next run (the importer binds every parameter
 * again and skips the clearing); elsewhere rewind is a reset. */
static void rewind_keeps_bindings(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_stmt *st;
	const char text[] = "abc\0def";

	assert_int_equal(qc_stmt_prepare(f->s, "SELECT ?, ?", &st, &err),
			 QC_OK);
	qc_stmt_bind_text_static_n(st, 1, text, 3);
	qc_stmt_bind_int(st, 2, 7);
	assert_int_equal(qc_stmt_next(st, &err), QC_ROW);
	assert_string_equal(qc_stmt_text(st, 0), "abc");
	qc_stmt_rewind(st);
	if (!strcmp(qc_store_driver(f->s), "sqlite")) {
		assert_int_equal(qc_stmt_next(st, &err), QC_ROW);
		assert_string_equal(qc_stmt_text(st, 0), "abc");
		assert_int_equal(qc_stmt_int(st, 1), 7);
		qc_stmt_rewind(st);
	}
	qc_stmt_bind_text_static_n(st, 1, text + 4, 3);
	qc_stmt_bind_int(st, 2, 8);
	assert_int_equal(qc_stmt_next(st, &err), QC_ROW);
	assert_string_equal(qc_stmt_text(st, 0), "def");
	assert_int_equal(qc_stmt_int(st, 1), 8);
	qc_stmt_free(st);
}

static void constraint_is_conflict(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_stmt *st;

	assert_int_equal(qc_stmt_prepare(f->s,
					 "INSERT INTO regions (code, name,"
					 " level) VALUES (?, ?, ?)",
					 &st, &err),
			 QC_OK);
	qc_stmt_bind_text(st, 1, "230900"); /* exists already */
	qc_stmt_bind_text(st, 2, "dup");
	qc_stmt_bind_int(st, 3, 2);
	assert_int_equal(qc_stmt_run(st, &err), QC_ECONFLICT);
	qc_stmt_free(st);
	/* A bad level breaks a CHECK: also a conflict, and nothing stored. */
	assert_int_equal(qc_stmt_prepare(f->s,
					 "INSERT INTO regions (code, name,"
					 " level) VALUES (?, ?, ?)",
					 &st, &err),
			 QC_OK);
	qc_stmt_bind_text(st, 1, "999999");
	qc_stmt_bind_text(st, 2, "bad");
	qc_stmt_bind_int(st, 3, 9);
	assert_int_equal(qc_stmt_run(st, &err), QC_ECONFLICT);
	qc_stmt_free(st);
}

/* A step returns its code itself: a constraint failure reads as a
 * conflict with no struct qc_error to carry it. */
static void step_code_without_err(void **state)
{
	struct fixture *f = *state;
	struct qc_stmt *st;

	assert_int_equal(qc_stmt_prepare(f->s,
					 "INSERT INTO regions (code, name,"
					 " level) VALUES ('230900', 'dup', 2)",
					 &st, NULL),
			 QC_OK);
	assert_int_equal(qc_stmt_next(st, NULL), QC_ECONFLICT);
	qc_stmt_free(st);
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT code FROM regions WHERE"
					 " code = '230900'",
					 &st, NULL),
			 QC_OK);
	assert_int_equal(qc_stmt_next(st, NULL), QC_ROW);
	assert_int_equal(qc_stmt_next(st, NULL), QC_DONE);
	qc_stmt_free(st);
	assert_true(qc_step_failed(QC_ECONFLICT));
	assert_false(qc_step_failed(QC_ROW) || qc_step_failed(QC_DONE));
	assert_int_equal(qc_step_rc(QC_DONE), QC_OK);
	assert_int_equal(qc_step_rc(QC_EBUSY), QC_EBUSY);
}

/* One-row lookups: a row, no row (QC_OK, nothing found), NULL bound as
 * NULL, and an error's own code. */
static void one_row_lookups(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_stmt *st;
	int64_t n = -1;
	bool found = true;
	char *name = NULL;

	assert_int_equal(qc_store_get_int(f->s,
					  "SELECT level FROM regions"
					  " WHERE code = ?",
					  QC_TEXTS("230900"), &n, &found, &err),
			 QC_OK);
	assert_true(found);
	assert_int_equal(n, 2);
	n = -1;
	assert_int_equal(qc_store_get_int(f->s,
					  "SELECT level FROM regions"
					  " WHERE code = ?",
					  QC_TEXTS("000000"), &n, &found, &err),
			 QC_OK);
	assert_false(found);
	assert_int_equal(n, -1);
	assert_int_equal(qc_store_get_text(f->s,
					   "SELECT name FROM regions"
					   " WHERE code = ? AND"
					   " CAST(? AS TEXT) IS NULL",
					   QC_TEXTS("230900", NULL), &name,
					   &err),
			 QC_OK);
	assert_non_null(name);
	free(name);
	assert_int_equal(qc_store_get_text(f->s,
					   "SELECT name FROM regions"
					   " WHERE code = ?",
					   QC_TEXTS("x"), &name, &err),
			 QC_OK);
	assert_null(name);
	assert_int_equal(qc_stmt_row(f->s,
				     "SELECT code, name FROM regions"
				     " WHERE code = ? OR code = ? ORDER BY code",
				     QC_TEXTS("230900", "230902"), &st, &err),
			 QC_ROW);
	assert_string_equal(qc_stmt_text(st, 0), "230900");
	qc_stmt_free(st);
	assert_int_equal(qc_stmt_row(f->s,
				     "INSERT INTO regions (code, name,"
				     " level) VALUES (?, 'dup', 2) RETURNING"
				     " code",
				     QC_TEXTS("230900"), &st, NULL),
			 QC_ECONFLICT);
	assert_null(st);
	/* By ids, bound as integers: a row, no row, an error. */
	assert_int_equal(qc_stmt_row_ids(f->s,
					 "SELECT level, ? FROM regions"
					 " WHERE code = '230900'",
					 QC_IDS(INT64_C(1) << 40), &st, &err),
			 QC_ROW);
	assert_int_equal(qc_stmt_int(st, 0), 2);
	assert_int_equal(qc_stmt_int(st, 1), INT64_C(1) << 40);
	qc_stmt_free(st);
	assert_int_equal(qc_stmt_row_ids(f->s,
					 "SELECT code FROM regions WHERE"
					 " level = ? AND level = ?",
					 QC_IDS(2, 3), &st, &err),
			 QC_DONE);
	assert_null(st);
	assert_int_not_equal(qc_stmt_row_ids(f->s, "SELECT nonsense FROM",
					     QC_IDS(1), &st, NULL),
			     QC_ROW);
	assert_null(st);
}

/* qc_store_copy: awkward text (COPY's escapes, quotes, NUL-free UTF-8),
 * doubles to the last bit and NULLs arrive unchanged, ids included; a
 * second copy onto the filled target is refused. */
static void copy_keeps_every_value(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_store *to;
	struct qc_copy_report r;
	struct qc_stmt *st;
	char uri[256], pgname[64];
	const char *name = "tab\there\nline \\N back\\slash 七台河 'q' \"d\"\r";
	const double v = 0.1 + 0.2, tiny = 1e-300;
	int64_t unit, ind;

	assert_int_equal(qc_unit_add(f->s, "230900", name, NULL, "t", &unit,
				     &err),
			 QC_OK);
	assert_int_equal(qc_stmt_prepare(f->s,
					 "INSERT INTO indicators (name)"
					 " VALUES (?) RETURNING id",
					 &st, &err),
			 QC_OK);
	qc_stmt_bind_text(st, 1, "copy test");
	assert_int_equal(qc_stmt_run_id(st, &ind, &err), QC_OK);
	qc_stmt_free(st);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(
			qc_stmt_prepare(
				f->s,
				"INSERT INTO"
				" indicator_values (indicator_id, region_code, period,"
				" value, unit_id, submitted_at, note, province_code)"
				" VALUES (?, '230900', ?, ?, ?, 'now', NULL, '230000')",
				&st, &err),
			QC_OK);
		qc_stmt_bind_int(st, 1, ind);
		qc_stmt_bind_text(st, 2, i ? "2020" : "2019");
		qc_stmt_bind_double(st, 3, i ? tiny : v);
		qc_stmt_bind_int(st, 4, unit);
		assert_int_equal(qc_stmt_run(st, &err), QC_OK);
		qc_stmt_free(st);
	}

	assert_int_equal(test_new_db(f->dir, "copy.db", uri, sizeof(uri),
				     pgname),
			 0);
	assert_int_equal(qc_store_open(uri, &to, &err), QC_OK);
	assert_int_equal(qc_store_copy(f->s, to, &r, &err), QC_OK);
	assert_true(r.rows >= count_rows(f->s, "regions") + 3);
	qc_copy_report_release(&r);

	assert_int_equal(qc_stmt_prepare(to,
					 "SELECT v.value, v.note, u.id"
					 " FROM indicator_values v JOIN units u ON u.id = v.unit_id"
					 " WHERE u.name = ? ORDER BY v.period",
					 &st, &err),
			 QC_OK);
	qc_stmt_bind_text(st, 1, name);
	assert_int_equal(qc_stmt_next(st, &err), QC_ROW);
	assert_true(qc_stmt_double(st, 0) == v);
	assert_true(qc_stmt_is_null(st, 1));
	assert_int_equal(qc_stmt_int(st, 2), unit);
	assert_int_equal(qc_stmt_next(st, &err), QC_ROW);
	assert_true(qc_stmt_double(st, 0) == tiny);
	qc_stmt_free(st);

	assert_int_equal(qc_store_copy(f->s, to, &r, &err), QC_ECONFLICT);
	assert_non_null(strstr(err.msg, "holds rows"));
	qc_copy_report_release(&r);
	qc_store_close(to);
	test_drop_db(pgname);
}

/* PostgreSQL: a session the server ended (a restart, a failover) is
 * opened again for the next statement, prepared statements included. */
static void lost_session_comes_back(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_stmt *st;

	if (!test_pg())
		skip();
	/* Twice, so the count is a prepared statement of the old session. */
	long long n = count_rows(f->s, "regions");
	assert_int_equal(count_rows(f->s, "regions"), n);
	assert_int_equal(qc_stmt_prepare(f->s,
					 "SELECT pg_terminate_backend("
					 "pg_backend_pid())",
					 &st, &err),
			 QC_OK);
	assert_int_equal(qc_stmt_next(st, &err), QC_EDB);
	assert_int_equal(err.code, QC_EDB);
	qc_stmt_free(st);
	assert_int_equal(count_rows(f->s, "regions"), n);
	/* Writes too: a transaction on the new session. */
	int64_t id;
	assert_int_equal(qc_unit_add(f->s, "230900", "重连后", NULL, "t", &id,
				     &err),
			 QC_OK);
}

/* A statement that fails inside a transaction fails the transaction,
 * even when its caller carries on: on SQLite the half that worked would
 * otherwise be committed, on PostgreSQL COMMIT would quietly roll back. */
static void failed_statement_fails_transaction(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_stmt *st;
	int64_t id;

	long long before = count_rows(f->s, "units");
	assert_int_equal(qc_store_begin(f->s, &err), QC_OK);
	assert_int_equal(qc_unit_add(f->s, "230900", "半途", NULL, "t", &id,
				     &err),
			 QC_OK);
	assert_int_equal(qc_stmt_prepare(f->s,
					 "INSERT INTO regions (code, name,"
					 " level) VALUES ('230900', 'dup', 2)",
					 &st, &err),
			 QC_OK);
	assert_int_equal(qc_stmt_run(st, &err), QC_ECONFLICT);
	qc_stmt_free(st);
	/* The caller ignores the failure and commits. */
	assert_int_not_equal(qc_store_commit(f->s, &err), QC_OK);
	assert_non_null(strstr(err.msg, "nothing was written"));
	assert_int_equal(count_rows(f->s, "units"), before);
	/* The store is usable afterwards. */
	assert_int_equal(qc_unit_add(f->s, "230900", "之后", NULL, "t", &id,
				     &err),
			 QC_OK);
	assert_int_equal(count_rows(f->s, "units"), before + 1);
}

/* A writer that waits out the lock timeout is told the database is busy
 * (QC_EBUSY, "try again"), and its session works afterwards: on
 * PostgreSQL the failed lock used to leave it in an aborted transaction. */
static void lock_timeout_is_busy_and_recovers(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_store *b = NULL;
	int64_t id;

	setenv("QCITY_LOCK_TIMEOUT", "0.3", 1);
	assert_int_equal(qc_store_open(f->db, &b, &err), QC_OK);
	assert_int_equal(qc_store_begin(f->s, &err), QC_OK); /* holds it */
	assert_int_equal(qc_store_begin(b, &err), QC_EBUSY);
	assert_non_null(strstr(err.msg, "busy"));
	assert_non_null(strstr(err.msg, "try again"));
	assert_non_null(strstr(err.msg, "0.3 s"));
	unsetenv("QCITY_LOCK_TIMEOUT");
	/* Reads go on meanwhile, and writes once the lock is free. */
	assert_true(count_rows(b, "regions") > 0);
	assert_int_equal(qc_store_commit(f->s, &err), QC_OK);
	assert_true(count_rows(b, "regions") > 0);
	assert_int_equal(qc_unit_add(b, "230900", "等过锁", NULL, "t", &id,
				     &err),
			 QC_OK);
	qc_store_close(b);
}

/* PostgreSQL: a session found in an aborted transaction nobody here
 * opened (a multi-statement text that failed half-way) is rolled back
 * before its next statement. */
static void aborted_session_is_reset(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	int64_t id;

	if (!test_pg())
		skip();
	assert_int_not_equal(qc_store_exec(f->s,
					   "SELECT 1; BEGIN; SELECT 1 / 0",
					   &err),
			     QC_OK);
	assert_true(count_rows(f->s, "regions") > 0);
	assert_int_equal(qc_unit_add(f->s, "230900", "重置后", NULL, "t", &id,
				     &err),
			 QC_OK);
}

/* An unreachable server is a database error that names the server. */
static void unreachable_server_is_clear(void **state)
{
	(void)state;
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;
	assert_int_equal(qc_store_open("postgres://127.0.0.1:1/x?"
				       "connect_timeout=2",
				       &s, &err),
			 QC_EDB);
	assert_null(s);
	assert_non_null(strstr(err.msg, "cannot open database"));
	assert_non_null(strstr(err.msg, "127.0.0.1"));
}

/* SQLite: a database qcity creates has pages of 16 KiB (store_sqlite.c);
 * one made before, with SQLite's 4 KiB, keeps its own when qcity opens
 * and migrates it. */
static void new_database_pages(void **state)
{
	struct fixture *f = *state;
	struct qc_error err = { 0 };
	struct qc_store *old;
	char path[300];
	sqlite3 *db;

	if (test_pg())
		skip();
	assert_int_equal(query_int(f->s, "PRAGMA page_size"), 16384);
	snprintf(path, sizeof(path), "%s/old.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "PRAGMA page_size=4096;"
				      " CREATE TABLE kept (a)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(qc_store_open(path, &old, &err), QC_OK);
	assert_true(qc_store_schema_version(old) >= 1);
	assert_int_equal(query_int(old, "PRAGMA page_size"), 4096);
	assert_int_equal(query_int(old, "SELECT COUNT(*) FROM kept"), 0);
	qc_store_close(old);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(migrations_recorded_once,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(nested_rollback_poisons_outer_commit,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(text_is_bound_not_spliced,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(rewind_keeps_bindings,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(constraint_is_conflict,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(step_code_without_err,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(one_row_lookups, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(copy_keeps_every_value,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(lost_session_comes_back,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(failed_statement_fails_transaction,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(lock_timeout_is_busy_and_recovers,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(aborted_session_is_reset,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test(unreachable_server_is_clear),
		cmocka_unit_test_setup_teardown(new_database_pages,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
