/* Libraries loaded on first use (docs/architecture.md, "Start-up"): the
 * qcity binary does not link PostgreSQL's client, curl, cairo/pango,
 * libxlsxwriter, libmicrohttpd, libxml2, libzip or OpenCC. lazy_gen.c
 * (written at build time by scripts/gen-lazy, src/lazy/meson.build)
 * defines each function it calls with the library's
 * prototype; the first call loads the library with dlopen and every call
 * goes through the resolved pointer. The tests and benchmarks link the
 * libraries as usual. Not part of libqcity. */
#ifndef QCITY_LAZY_H
#define QCITY_LAZY_H

#include <stdbool.h>

struct qc_lazy_lib {
	const char *soname;  /* "libpq.so.5" */
	const char *package; /* the Debian package that installs it */
	void *handle;        /* set once loaded */
};

/* Every stubbed function with its library, up to { NULL, NULL }. */
struct qc_lazy_sym {
	struct qc_lazy_lib *lib;
	const char *name;
};
extern const struct qc_lazy_sym qc_lazy_syms[];
/* The libraries whose stubs lazy.c writes by hand. */
extern struct qc_lazy_lib qc_lazy_curl, qc_lazy_microhttpd, qc_lazy_xml2;

/* The function name of lib, cached in *slot. Loads lib on the first
 * call; if it cannot be loaded or lacks the function, says on stderr
 * which package to install and exits with status 127, as the dynamic
 * loader would have at start. Thread-safe. */
void *qc_lazy_fn(struct qc_lazy_lib *lib, void **slot, const char *name);
/* The same, but NULL (and nothing loaded) while lib is not loaded: for
 * the clean-up calls made at exit. */
void *qc_lazy_loaded(struct qc_lazy_lib *lib, void **slot, const char *name);
/* In a stub with `static void *slot`: the function name of lib, typed. */
#define QC_LAZY(lib, name) ((__typeof__(&name))qc_lazy_fn(&(lib), &slot, #name))
#define QC_LAZY_LOADED(lib, name) \
	((__typeof__(&name))qc_lazy_loaded(&(lib), &slot, #name))

/* Load every library and resolve every stub now; false (with the reason
 * on stderr) if one fails. The test lazy_libs runs it. */
bool qc_lazy_check(void);

#endif
