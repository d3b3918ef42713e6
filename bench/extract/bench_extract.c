/* Extractor throughput and memory: the seed plans concatenated into a
 * file of MB megabytes, extracted the way `qcity plan extract --format
 * json` does (qc_extract_stream, JSON written as it comes, to /dev/null)
 * in a child process, timed by wall clock and by the child's CPU time
 * (both its threads), best of three; beside it, in the same run on the
 * same file, `grep -cP` with the extractor's main direction words as its
 * peer (issue 20 asks for >= 20 MB/s). Then the peak RSS of the same
 * extraction at MB and at MB2 megabytes and their ratio (flat memory: a
 * ratio near 1), and of the whole-file path (qc_extract_file, then
 * qc_plan_write_json) at MB for comparison. Not a test: it prints
 * figures and asserts nothing.
 *
 * usage: bench_extract [SEED-DIR] [MB] [MB2]   (defaults 20 and 100)
 *        bench_extract --run stream|whole FILE  (one child run) */
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qcity/alloc.h"
#include "qcity/extract.h"
#include "qcity/strbuf.h"
#include "qc_config.h"
#include "banned.h"
#include "bench/clock.h"

static int read_seeds(const char *dir, struct qc_buf *one)
{
	struct dirent **v;
	int n = scandir(dir, &v, NULL, alphasort), k = 0;
	char path[4096];

	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		size_t l = strlen(v[i]->d_name);
		FILE *f;
		char chunk[8192];
		size_t got;

		snprintf(path, sizeof(path), "%s/%s", dir, v[i]->d_name);
		free(v[i]);
		if (l < 5 || strcmp(path + strlen(path) - 4, ".txt") ||
		    !(f = fopen(path, "rb")))
			continue;
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			qc_buf_add(one, chunk, got);
		qc_buf_addch(one, '\n');
		fclose(f);
		k++;
	}
	free(v);
	return k;
}

/* The seeds repeated into a file of at least mb megabytes; its size. */
static size_t write_text(const char *path, const struct qc_buf *one, double mb)
{
	FILE *f = fopen(path, "wb");
	size_t len = 0;

	if (!f)
		return 0;
	while ((double)len < mb * 1e6) {
		if (fwrite(qc_buf_str(one), 1, qc_buf_len(one), f) !=
		    qc_buf_len(one))
			break;
		len += qc_buf_len(one);
	}
	return fclose(f) == 0 ? len : 0;
}

static enum qc_rc add_piece(void *ctx, const struct qc_plan *piece,
			    struct qc_error *err)
{
	return qc_plan_jsonw_add(ctx, piece, err);
}

/* The child: one extraction of path, JSON to /dev/null. */
static int run(const char *how, const char *path)
{
	struct qc_catalog cat;
	struct qc_error err = { 0 };
	struct qc_plan p;
	FILE *null = fopen("/dev/null", "w");
	enum qc_rc rc;

	if (!null)
		return 1;
	if (qc_catalog_load(&cat, QC_SOURCE_DATADIR "/indicators.json", &err)) {
		fprintf(stderr, "bench_extract: %s\n", err.msg);
		fclose(null);
		return 1;
	}
	if (!strcmp(how, "whole")) {
		rc = qc_extract_file(path, &cat, &p, &err);
		if (!rc)
			rc = qc_plan_write_json(&p, null, &err);
	} else {
		struct qc_plan_jsonw w;
		rc = qc_plan_jsonw_init(&w, &err);
		if (!rc)
			rc = qc_extract_stream(path, &cat, 0, add_piece, &w, &p,
					       &err);
		if (!rc)
			rc = qc_plan_jsonw_finish(&w, &p, null, &err);
		qc_plan_jsonw_release(&w);
	}
	if (rc)
		fprintf(stderr, "bench_extract: %s\n", err.msg);
	qc_plan_release(&p);
	qc_catalog_release(&cat);
	fclose(null);
	return rc ? 1 : 0;
}

struct took {
	double wall, cpu;
	long rss_kb;
};

/* Run argv as a child: wall time, its CPU time and peak RSS; false if it
 * failed. */
static bool child(char *const argv[], bool quiet, struct took *t)
{
	double t0 = bench_now();
	struct rusage ru;
	int st = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (quiet) {
			int null = open("/dev/null", O_WRONLY);
			if (null >= 0)
				dup2(null, 1);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) > 1)
		return false;
	t->wall = bench_now() - t0;
	t->cpu = (double)ru.ru_utime.tv_sec +
		 (double)ru.ru_utime.tv_usec / 1e6 +
		 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	t->rss_kb = ru.ru_maxrss;
	return true;
}

/* Best of three of argv over len bytes: MB/s by wall and by CPU, and the
 * largest peak RSS seen. */
static bool best3(char *const argv[], bool quiet, size_t len, double *wall,
		  double *cpu, long *rss_kb)
{
	*wall = *cpu = 0;
	*rss_kb = 0;
	for (int r = 0; r < 3; r++) {
		struct took t;
		if (!child(argv, quiet, &t))
			return false;
		if ((double)len / 1e6 / t.wall > *wall)
			*wall = (double)len / 1e6 / t.wall;
		if (t.cpu > 0 && (double)len / 1e6 / t.cpu > *cpu)
			*cpu = (double)len / 1e6 / t.cpu;
		if (t.rss_kb > *rss_kb)
			*rss_kb = t.rss_kb;
	}
	return true;
}

int main(int argc, char **argv)
{
	const char *dir;
	double mb[2], w, c, gw, gc;
	char paths[2][64] = { "/tmp/bench_extract_a_XXXXXX",
			      "/tmp/bench_extract_b_XXXXXX" };
	size_t len[2];
	long rss[2], whole_rss = 0;
	struct qc_buf one;
	int n, rc = 0;

	if (argc == 4 && !strcmp(argv[1], "--run"))
		return run(argv[2], argv[3]);
	dir = argc > 1 ? argv[1] : QC_SOURCE_ROOT "/../shared/seeds";
	mb[0] = argc > 2 ? atof(argv[2]) : 20;
	mb[1] = argc > 3 ? atof(argv[3]) : 100;
	qc_buf_init(&one, 0);
	if ((n = read_seeds(dir, &one)) <= 0) {
		fprintf(stderr, "bench_extract: no seeds in %s\n", dir);
		return 1;
	}
	for (int i = 0; i < 2; i++) {
		int fd = mkstemp(paths[i]);
		if (fd < 0)
			return 1;
		close(fd);
		if (!(len[i] = write_text(paths[i], &one, mb[i]))) {
			fprintf(stderr, "bench_extract: cannot write %s\n",
				paths[i]);
			rc = 1;
			goto out;
		}
	}
	{
		char *sa[] = { argv[0], "--run", "stream", paths[0], NULL };
		char *sb[] = { argv[0], "--run", "stream", paths[1], NULL };
		char *wa[] = { argv[0], "--run", "whole", paths[0], NULL };
		char *ga[] = {
			"grep", "-cP",
			"达到|以上|以下|控制在|不低于|力争|确保|提高|下降|培育",
			paths[0], NULL
		};
		if (!best3(sa, false, len[0], &w, &c, &rss[0])) {
			fprintf(stderr, "bench_extract: extraction failed\n");
			rc = 1;
			goto out;
		}
		printf("extract: %.1f MB/s wall, %.1f MB/s by CPU time (%d "
		       "seeds to %.1f MB, JSON written as it comes, best of 3; "
		       "the target rules on a second thread)\n",
		       w, c, n, (double)len[0] / 1e6);
		if (best3(ga, true, len[0], &gw, &gc, &(long){ 0 }))
			printf("extract: grep -cP %.1f MB/s wall, %.1f MB/s by "
			       "CPU time on the same file; ratio %.4f wall, "
			       "%.4f CPU\n",
			       gw, gc, w / gw, gc > 0 ? c / gc : 0);
		{
			struct took t;
			if (child(sb, false, &t))
				rss[1] = t.rss_kb;
			else
				rss[1] = 0;
			if (child(wa, false, &t))
				whole_rss = t.rss_kb;
		}
		printf("extract: peak RSS %.1f MB at %.1f MB, %.1f MB at %.1f MB "
		       "of text; ratio %.2f (1 is flat)\n",
		       (double)rss[0] / 1024, (double)len[0] / 1e6,
		       (double)rss[1] / 1024, (double)len[1] / 1e6,
		       rss[0] ? (double)rss[1] / (double)rss[0] : 0);
		if (whole_rss)
			printf("extract: peak RSS %.1f MB at %.1f MB reading the "
			       "whole file (qc_extract_file)\n",
			       (double)whole_rss / 1024, (double)len[0] / 1e6);
	}
out:
	unlink(paths[0]);
	unlink(paths[1]);
	qc_buf_release(&one);
	return rc;
}
