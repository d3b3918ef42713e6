/* The libraries the qcity binary loads on first use (src/lazy): every
 * stubbed function resolves in the library it is looked up in, a stub
 * loads its library only when called, and a library that is missing
 * ends the call with a message naming the package to install. Linked
 * with the stubs and none of the libraries, as qcity is. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <xlsxwriter.h>

#include "../../src/lazy/lazy.h"

extern struct qc_lazy_lib qc_lazy_xlsxwriter;

static void not_loaded_until_called(void **state)
{
	(void)state;
	/* Nothing here has called libxlsxwriter yet. */
	assert_null(dlopen("libxlsxwriter.so.4", RTLD_NOW | RTLD_NOLOAD));
	assert_null(qc_lazy_xlsxwriter.handle);
	/* the first call loads it */
	assert_string_equal(lxw_strerror(LXW_NO_ERROR), "No error.");
	assert_non_null(qc_lazy_xlsxwriter.handle);
	assert_non_null(dlopen("libxlsxwriter.so.4", RTLD_NOW | RTLD_NOLOAD));
}

static void every_stub_resolves(void **state)
{
	(void)state;
	assert_true(qc_lazy_check());
	for (const struct qc_lazy_sym *s = qc_lazy_syms; s->lib; s++)
		assert_non_null(s->lib->handle);
}

/* A missing library: exit status 127 and the package named on stderr. */
static void missing_library_names_its_package(void **state)
{
	static struct qc_lazy_lib gone = { "libqcity-missing.so.9",
					   "libqcity-missing9", NULL };
	char path[] = "/tmp/test_lazy_XXXXXX", msg[512] = "";
	int fd = mkstemp(path), st = 0;
	pid_t pid;
	ssize_t n;

	(void)state;
	assert_true(fd >= 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static void *slot;
		dup2(fd, 2);
		qc_lazy_fn(&gone, &slot, "anything");
		_exit(0);
	}
	assert_true(waitpid(pid, &st, 0) == pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 127);
	n = pread(fd, msg, sizeof(msg) - 1, 0);
	assert_true(n > 0);
	msg[n] = '\0';
	assert_non_null(strstr(msg, "install the package libqcity-missing9"));
	close(fd);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(not_loaded_until_called),
		cmocka_unit_test(every_stub_resolves),
		cmocka_unit_test(missing_library_names_its_package),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
