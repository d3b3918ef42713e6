/* Extractor throughput: the seed plans concatenated until the text is
 * large, extracted on one core; prints MB/s, and beside it, in the same
 * run on the same text, `grep -cP` with the extractor's main direction
 * words as its peer (issue 20 asks for >= 20 MB/s). Not a test: it prints
 * figures and asserts nothing about them.
 *
 * usage: bench_extract [SEED-DIR] [MEGABYTES] */
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
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		FILE *f;
		char chunk[8192];
		size_t k;

		if (l < 5 || strcmp(e->d_name + l - 4, ".txt"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (!(f = fopen(path, "rb")))
			continue;
		while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
			qc_buf_add(one, chunk, k);
		qc_buf_addch(one, '\n');
		fclose(f);
		n++;
	}
	closedir(d);
	return n;
}

/* grep -cP over the same text written to a file: MB/s (wall, and by
 * CPU time in *cpu), or 0. */
static double grep_peer(const struct qc_buf *all, double *cpu)
{
	char path[] = "/tmp/bench_extract_XXXXXX";
	int fd = mkstemp(path);
	double best = 0;

	if (fd < 0)
		return 0;
	if (write(fd, all->buf, all->len) != (ssize_t)all->len) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	*cpu = 0;
	for (int r = 0; r < 3; r++) {
		double t0 = bench_now(), c0 = bench_child_cpu(), dt, dc;
		pid_t pid = fork();
		int st = 0;
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			if (null >= 0)
				dup2(null, 1);
			execlp("grep", "grep", "-cP",
			       "达到|以上|以下|控制在|不低于|力争|确保|提高|下降|培育",
			       path, (char *)NULL);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) ||
		    WEXITSTATUS(st) > 1)
			break;
		dt = bench_now() - t0;
		dc = bench_child_cpu() - c0;
		if ((double)all->len / 1e6 / dt > best)
			best = (double)all->len / 1e6 / dt;
		if (dc > 0 && (double)all->len / 1e6 / dc > *cpu)
			*cpu = (double)all->len / 1e6 / dc;
	}
	unlink(path);
	return best;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] :
				     QC_SOURCE_ROOT "/../shared/seeds";
	double mb = argc > 2 ? atof(argv[2]) : 16, best = 0, best_cpu = 0;
	struct qc_buf one, all;
	struct qc_catalog cat;
	struct qc_error err = { 0 };
	int n, rc = 0;

	qc_buf_init(&one, 0);
	qc_buf_init(&all, 0);
	if ((n = read_seeds(dir, &one)) <= 0) {
		fprintf(stderr, "bench_extract: no seeds in %s\n", dir);
		return 1;
	}
	if (qc_catalog_load(&cat, QC_SOURCE_DATADIR "/indicators.json", &err)) {
		fprintf(stderr, "bench_extract: %s\n", err.msg);
		return 1;
	}
	while ((double)all.len < mb * 1e6)
		qc_buf_add(&all, one.buf, one.len);
	/* Best of three: the first run also pays for OpenCC and PCRE2 setup. */
	for (int r = 0; r < 3; r++) {
		struct qc_plan p;
		double t0 = bench_now(), c0 = bench_cpu(), dt, dc;
		if (qc_extract_buffer(all.buf, all.len, "bench.txt", &cat, &p,
				      &err)) {
			fprintf(stderr, "bench_extract: %s\n", err.msg);
			rc = 1;
		}
		dt = bench_now() - t0;
		dc = bench_cpu() - c0;
		if (r == 0)
			printf("extract: %zu targets, %zu tasks from %.1f MB\n",
			       p.n_targets, p.n_tasks, (double)all.len / 1e6);
		qc_plan_release(&p);
		if ((double)all.len / 1e6 / dt > best)
			best = (double)all.len / 1e6 / dt;
		if ((double)all.len / 1e6 / dc > best_cpu)
			best_cpu = (double)all.len / 1e6 / dc;
	}
	printf("extract: %.1f MB/s wall, %.1f MB/s by CPU time (%d seeds, "
	       "best of 3, one core)\n",
	       best, best_cpu, n);
	{
		double gc, g = grep_peer(&all, &gc);
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		if (g > 0)
			printf("extract: grep -cP %.1f MB/s wall, %.1f MB/s by "
			       "CPU time on the same text; ratio %.4f wall, "
			       "%.4f CPU\n",
			       g, gc, best / g, gc > 0 ? best_cpu / gc : 0);
		printf("extract: peak RSS %ld MB for %.1f MB of text\n",
		       ru.ru_maxrss / 1024, (double)all.len / 1e6);
	}
	qc_catalog_release(&cat);
	qc_buf_release(&one);
	qc_buf_release(&all);
	return rc;
}
