/* Benchmark: recompute every target status (each target × region ×
 * monthly period) of a generated plan — by default 200 regions × 100
 * targets × 60 months — and show how the cost grows with each dimension.
 * The data are generated here into a temporary SQLite database. Prints
 * figures only: timing depends on the machine.
 *
 *   bench_status [REGIONS TARGETS PERIODS]   (one run, no scaling table) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/status.h"
#include "qcity/store.h"
#include "banned.h"
#include "bench/clock.h"

static unsigned long long rng_state = 88172645463325252ULL;
static double uniform(double lo, double hi)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return lo + (hi - lo) * (double)(rng_state >> 11) / 9007199254740992.0;
}

static void die(const struct qc_error *err, const char *what)
{
	fprintf(stderr, "bench_status: %s: %s\n", what, err->msg);
	exit(1);
}

/* Region codes under the province 990000: 99PPCC. */
static void region_code(int i, char out[16])
{
	snprintf(out, 16, "99%02d%02d", (i / 99 + 1) % 100, i % 99 + 1);
}

static void make_regions(struct qc_store *s, int n)
{
	struct qc_error err = { 0 };
	struct qc_stmt *st;
	char code[16], parent[16];

	if (qc_store_exec(s,
			  "INSERT INTO regions VALUES ('990000', '基准省',"
			  " 1, NULL)",
			  &err))
		die(&err, "regions");
	for (int p = 0; p <= n / 99; p++) {
		snprintf(code, sizeof(code), "99%02d00", (p + 1) % 100);
		if (qc_stmt_prepare(s,
				    "INSERT INTO regions VALUES (?, ?, 2,"
				    " '990000')",
				    &st, &err))
			die(&err, "regions");
		qc_stmt_bind_text(st, 1, code);
		qc_stmt_bind_text(st, 2, code);
		if (qc_stmt_run(st, &err))
			die(&err, "regions");
		qc_stmt_free(st);
	}
	if (qc_stmt_prepare(s, "INSERT INTO regions VALUES (?, ?, 3, ?)", &st,
			    &err))
		die(&err, "regions");
	for (int i = 0; i < n; i++) {
		region_code(i, code);
		snprintf(parent, sizeof(parent), "%.4s00", code);
		qc_stmt_reset(st);
		qc_stmt_bind_text(st, 1, code);
		qc_stmt_bind_text(st, 2, code);
		qc_stmt_bind_text(st, 3, parent);
		if (qc_stmt_run(st, &err))
			die(&err, "regions");
	}
	qc_stmt_free(st);
}

/* A plan whose targets mix every kind the method handles. */
static long long make_plan(struct qc_store *s, int n)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	long long id;
	char name[32];

	qc_plan_init(&p);
	qc_set_str(&p.title, "基准方案");
	qc_set_str(&p.region_code, "990000");
	p.period_start = 2016;
	p.period_end = 2020;
	for (int i = 0; i < n; i++) {
		struct qc_target *t = qc_plan_add_target(&p);
		snprintf(name, sizeof(name), "指标%03d", i);
		qc_set_str(&t->indicator, name);
		t->year = 2020;
		t->has_value = true;
		switch (i % 10) {
		case 0:
			t->op = QC_OP_LE;
			t->value = 40;
			qc_set_str(&t->unit, "μg/m3");
			break;
		case 1:
			t->op = QC_OP_GE;
			t->value = 24;
			qc_set_str(&t->unit, "个");
			break;
		case 2:
			t->op = QC_OP_INCREASE;
			t->value = 2;
			t->baseline_previous = true;
			qc_set_str(&t->unit, "pp");
			break;
		case 3:
			t->op = i % 20 == 3 ? QC_OP_ZERO : QC_OP_ANNUAL_GROWTH;
			t->has_value = t->op != QC_OP_ZERO;
			t->value = 8;
			qc_set_str(&t->unit, t->op == QC_OP_ZERO ? "次" : "%");
			break;
		default:
			t->op = QC_OP_GE;
			t->value = 98;
			qc_set_str(&t->unit, "%");
		}
	}
	if (qc_plan_import(s, &p, false, "bench", &id, &err))
		die(&err, "plan");
	qc_plan_release(&p);
	return id;
}

static void make_values(struct qc_store *s, long long plan, int regions,
			int periods)
{
	struct qc_error err = { 0 };
	struct qc_stmt *ind, *ins;
	char code[16], period[16], province[QC_REGION_CODE_SIZE];

	if (qc_stmt_prepare(s,
			    "SELECT t.indicator_id, t.op, t.unit FROM targets t"
			    " WHERE t.plan_id = ? ORDER BY t.seq",
			    &ind, &err) ||
	    qc_stmt_prepare(s,
			    "INSERT INTO indicator_values (indicator_id,"
			    " region_code, period, value, submitted_at,"
			    " province_code) VALUES (?, ?, ?, ?,"
			    " '2021-01-01T00:00:00Z', ?)",
			    &ins, &err))
		die(&err, "values");
	qc_stmt_bind_int(ind, 1, plan);
	if (qc_store_begin(s, &err))
		die(&err, "begin");
	while (qc_stmt_next(ind, &err) == QC_ROW) {
		int64_t id = qc_stmt_int(ind, 0);
		const char *op = qc_stmt_text(ind, 1);
		const char *unit = qc_stmt_text(ind, 2);
		bool zero = !strcmp(op, "zero"),
		     count = unit && !strcmp(unit, "个");
		for (int r = 0; r < regions; r++) {
			double level = uniform(80, 96),
			       pace = uniform(-0.05, 0.3);
			region_code(r, code);
			qc_region_province(code, province);
			for (int m = 0; m < periods; m++) {
				int y = 2016 + m / 12;
				snprintf(period, sizeof(period), "%04d-%02d",
					 y % 10000, m % 12 + 1);
				double v = zero  ? uniform(0, 1) < 0.01 :
					   count ? (double)(int)uniform(0, 2) :
						   level + pace * m +
							   uniform(-0.5, 0.5);
				qc_stmt_reset(ins);
				qc_stmt_bind_int(ins, 1, id);
				qc_stmt_bind_text(ins, 2, code);
				qc_stmt_bind_text(ins, 3, period);
				qc_stmt_bind_double(ins, 4, v);
				qc_stmt_bind_text(ins, 5, province);
				if (qc_stmt_run(ins, &err))
					die(&err, "values");
			}
		}
	}
	qc_stmt_free(ind);
	qc_stmt_free(ins);
	if (qc_store_commit(s, &err))
		die(&err, "commit");
}

struct result {
	double gen, load, compute;
	size_t evaluations, series;
	size_t count[QC_PROGRESS__COUNT];
};

/* --db URI: run against that database (emptied first) instead of a
 * temporary SQLite file, e.g. a PostgreSQL server. */
static const char *db_uri;

static void run(int regions, int targets, int periods, struct result *res)
{
	struct qc_error err = { 0 };
	struct qc_store *s;
	struct qc_plan_data *d;
	struct qc_status_counts c;
	char dir[] = "/tmp/qcity-bench-XXXXXX", db[64], cmd[96];
	double t0, t1, t2;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(db, sizeof(db), "%s/b.db", dir);
	if (db_uri && qc_store_reset(db_uri, &err))
		die(&err, "reset");
	if (qc_store_open(db_uri ? db_uri : db, &s, &err))
		die(&err, "open");
	t0 = bench_now();
	make_regions(s, regions);
	long long plan = make_plan(s, targets);
	make_values(s, plan, regions, periods);
	t1 = bench_now();
	if (qc_plan_data_load(s, plan, NULL, &d, &err))
		die(&err, "load");
	t2 = bench_now();
	qc_status_recompute(d, &c);
	res->compute = bench_now() - t2;
	res->load = t2 - t1;
	res->gen = t1 - t0;
	res->evaluations = c.evaluations;
	res->series = c.series;
	memcpy(res->count, c.count, sizeof(c.count));
	qc_plan_data_free(d);
	qc_store_close(s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_status: could not remove %s\n", dir);
}

static void line(int r, int t, int p)
{
	struct result res;
	run(r, t, p, &res);
	printf("%7d %7d %7d %10zu %8.3f %8.3f %8.3f %9.2f\n", r, t, p,
	       res.evaluations, res.load, res.compute, res.load + res.compute,
	       (res.load + res.compute) * 1e6 / (double)res.evaluations);
}

int main(int argc, char **argv)
{
	int r = 200, t = 100, p = 60;
	struct result res;

	if (argc >= 3 && !strcmp(argv[1], "--db")) {
		db_uri = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc == 4) {
		r = atoi(argv[1]), t = atoi(argv[2]), p = atoi(argv[3]);
		if (r < 1 || r > 9000 || t < 1 || t > 10000 || p < 1 ||
		    p > 600) {
			fprintf(stderr, "usage: bench_status [--db URI] "
					"[REGIONS TARGETS PERIODS]\n");
			return 2;
		}
	}
	run(r, t, p, &res);
	printf("recompute every status: %d regions × %d targets × %d monthly "
	       "periods (%s)\n",
	       r, t, p, db_uri ? "PostgreSQL" : "SQLite");
	printf("  data generated in %.2f s (not timed below)\n", res.gen);
	printf("  %zu series, %zu statuses (one per target × region × "
	       "period)\n",
	       res.series, res.evaluations);
	printf("  load (one query) %.3f s, compute %.3f s, total %.3f s\n",
	       res.load, res.compute, res.load + res.compute);
	printf("  at the last period:");
	for (int k = 0; k < QC_PROGRESS__COUNT; k++)
		printf(" %zu %s", res.count[k], qc_progress_name(k));
	printf("\n");
	if (argc == 4)
		return 0;
	printf("\nhow the cost grows (seconds; µs per status)\n");
	printf("%7s %7s %7s %10s %8s %8s %8s %9s\n", "regions", "targets",
	       "periods", "statuses", "load", "compute", "total", "µs/status");
	line(50, 100, 60);
	line(100, 100, 60);
	line(200, 100, 60);
	line(200, 25, 60);
	line(200, 50, 60);
	line(200, 100, 15);
	line(200, 100, 30);
	return 0;
}
