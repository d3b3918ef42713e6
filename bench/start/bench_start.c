/* Start-up benchmark (issue 20, part 6): how long a CLI call that needs
 * no database and no HTTP takes (`qcity --version`, `qcity help`, `qcity
 * plan extract` of a one-line text plan), as a mean over N runs, wall and
 * CPU time, beside /bin/true (the cost of a fork and exec alone) in the
 * same run. Most of it was the dynamic loader mapping and relocating the
 * shared libraries the binary linked (docs/architecture.md, "Start-up");
 * LD_DEBUG=statistics qcity --version shows the split.
 *
 * usage: bench_start [N] [QCITY]   (default 50 runs, the built qcity) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "bench/clock.h"

#ifndef QCITY_BIN
#define QCITY_BIN "qcity"
#endif

/* Mean wall and CPU milliseconds of n runs of argv, output discarded. */
static void run(char *const argv[], int n, double *wall, double *cpu)
{
	double t0 = bench_now(), c0 = bench_child_cpu();
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			exit(1);
		}
		if (pid == 0) {
			if (!freopen("/dev/null", "w", stdout) ||
			    !freopen("/dev/null", "w", stderr))
				_exit(127);
			execv(argv[0], argv);
			_exit(127);
		}
		int status;
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			fprintf(stderr, "bench_start: %s failed\n", argv[0]);
			exit(1);
		}
	}
	*wall = (bench_now() - t0) * 1000.0 / n;
	*cpu = (bench_child_cpu() - c0) * 1000.0 / n;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 50;
	char *bin = argc > 2 ? argv[2] : (char *)QCITY_BIN;
	char *version[] = { bin, "--version", NULL };
	char *help[] = { bin, "help", NULL };
	char plan[] = "/tmp/bench_start_XXXXXX.txt";
	char *extract[] = { bin, "plan", "extract", plan, NULL };
	char *truth[] = { "/bin/true", NULL };
	double w_true, c_true, w_ver, c_ver, w_help, c_help, w_ext, c_ext;
	int fd = mkstemps(plan, 4);
	static const char text[] = "到2025年,产品质量合格率达到95%以上。\n";

	if (fd < 0 || write(fd, text, sizeof(text) - 1) < 0) {
		perror("bench_start: a plan in /tmp");
		return 1;
	}
	close(fd);
	if (n < 1)
		n = 1;
	run(truth, n, &w_true, &c_true);
	run(version, n, &w_ver, &c_ver);
	run(help, n, &w_help, &c_help);
	run(extract, n, &w_ext, &c_ext);
	unlink(plan);
	printf("start-up, mean of %d runs (aim: under 10 ms)\n", n);
	printf("  qcity --version:      %7.2f ms (CPU %.2f ms)\n", w_ver,
	       c_ver);
	printf("  qcity help:           %7.2f ms (CPU %.2f ms)\n", w_help,
	       c_help);
	printf("  qcity plan extract:   %7.2f ms (CPU %.2f ms), a one-line "
	       "text\n",
	       w_ext, c_ext);
	printf("  /bin/true:            %7.2f ms (CPU %.2f ms)\n", w_true,
	       c_true);
	printf("  ratio true/qcity:     %.2f (wall), %.2f (CPU) for "
	       "--version; %.2f, %.2f for plan extract\n",
	       w_true / w_ver, c_true / c_ver, w_true / w_ext, c_true / c_ext);
	return 0;
}
