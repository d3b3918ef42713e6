/* Loading the libraries of lazy_gen.c on first use (see lazy.h), and the
 * stubs gen-lazy cannot write: variadic functions and a variable. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlwriter.h>
#include <microhttpd.h>

#include "qcity/i18n.h"
#include "lazy.h"
#include "banned.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *load(struct qc_lazy_lib *lib)
{
	void *h = __atomic_load_n(&lib->handle, __ATOMIC_ACQUIRE);

	if (h)
		return h;
	pthread_mutex_lock(&lock);
	if (!(h = lib->handle)) {
		h = dlopen(lib->soname, RTLD_NOW | RTLD_GLOBAL);
		if (h)
			__atomic_store_n(&lib->handle, h, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&lock);
	return h;
}

static void *resolve(struct qc_lazy_lib *lib, void **slot, const char *name,
		     bool quiet)
{
	void *h = load(lib), *f;

	if (!h) {
		if (!quiet)
			fprintf(stderr,
				_("qcity: cannot load %s (%s): install the "
				  "package %s\n"),
				lib->soname, dlerror(), lib->package);
		return NULL;
	}
	if (!(f = dlsym(h, name))) {
		if (!quiet)
			fprintf(stderr,
				_("qcity: %s has no %s: install the version "
				  "of the package %s qcity was built with\n"),
				lib->soname, name, lib->package);
		return NULL;
	}
	__atomic_store_n(slot, f, __ATOMIC_RELEASE);
	return f;
}

void *qc_lazy_fn(struct qc_lazy_lib *lib, void **slot, const char *name)
{
	void *f = __atomic_load_n(slot, __ATOMIC_ACQUIRE);

	if (f)
		return f;
	if (!(f = resolve(lib, slot, name, false)))
		exit(127);
	return f;
}

void *qc_lazy_loaded(struct qc_lazy_lib *lib, void **slot, const char *name)
{
	void *f = __atomic_load_n(slot, __ATOMIC_ACQUIRE), *h;

	if (f)
		return f;
	/* Loaded by us, or as another library's dependency. */
	if (!__atomic_load_n(&lib->handle, __ATOMIC_ACQUIRE)) {
		if (!(h = dlopen(lib->soname, RTLD_NOW | RTLD_NOLOAD)))
			return NULL;
		dlclose(h);
	}
	return resolve(lib, slot, name, true);
}

/* curl_easy_setopt(handle, option, value): the option's number says the
 * value's type (curl.h: long below 10000, an object pointer below 20000,
 * a function pointer below 30000, curl_off_t above). */
CURLcode curl_easy_setopt(CURL *c, CURLoption opt, ...)
{
	static void *slot;
	CURLcode (*f)(CURL *, CURLoption,
		      ...) = (CURLcode(*)(CURL *, CURLoption,
					  ...))qc_lazy_fn(&qc_lazy_curl, &slot,
							  "curl_easy_setopt");
	va_list ap;
	CURLcode rc;

	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = f(c, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		rc = f(c, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		rc = f(c, opt, va_arg(ap, void (*)(void)));
	else
		rc = f(c, opt, va_arg(ap, curl_off_t));
	va_end(ap);
	return rc;
}

/* MHD_start_daemon(…, options, MHD_OPTION_END) is MHD_start_daemon_va. */
struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port,
				    MHD_AcceptPolicyCallback apc, void *apc_cls,
				    MHD_AccessHandlerCallback dh, void *dh_cls,
				    ...)
{
	static void *slot;
	__typeof__(&MHD_start_daemon_va) f = (__typeof__(&MHD_start_daemon_va))
		qc_lazy_fn(&qc_lazy_microhttpd, &slot, "MHD_start_daemon_va");
	struct MHD_Daemon *d;
	va_list ap;

	va_start(ap, dh_cls);
	d = f(flags, port, apc, apc_cls, dh, dh_cls, ap);
	va_end(ap);
	return d;
}

/* libxml2's xmlFree is a variable (the free function it allocates
 * with): ours calls the library's. */
static void xml_free(void *p)
{
	static void *slot;
	xmlFreeFunc *real = (xmlFreeFunc *)qc_lazy_fn(&qc_lazy_xml2, &slot,
						      "xmlFree");
	(*real)(p);
}

xmlFreeFunc xmlFree = xml_free;

bool qc_lazy_check(void)
{
	bool ok = true;

	for (const struct qc_lazy_sym *s = qc_lazy_syms; s->lib; s++) {
		void *slot = NULL;
		ok &= resolve(s->lib, &slot, s->name, false) != NULL;
	}
	return ok;
}

/* The information asked for takes no further argument in libmicrohttpd
 * (the variadic part is reserved), so none is passed on. */
const union MHD_ConnectionInfo *
MHD_get_connection_info(struct MHD_Connection *c,
			enum MHD_ConnectionInfoType type, ...)
{
	static void *slot;
	__typeof__(&MHD_get_connection_info) f =
		(__typeof__(&MHD_get_connection_info))
			qc_lazy_fn(&qc_lazy_microhttpd, &slot,
				   "MHD_get_connection_info");
	return f(c, type);
}

const union MHD_DaemonInfo *
MHD_get_daemon_info(struct MHD_Daemon *d, enum MHD_DaemonInfoType type, ...)
{
	static void *slot;
	__typeof__(&MHD_get_daemon_info) f = (__typeof__(&MHD_get_daemon_info))
		qc_lazy_fn(&qc_lazy_microhttpd, &slot, "MHD_get_daemon_info");
	return f(d, type);
}

/* xmlTextWriterWriteFormatAttribute is xmlTextWriterWriteVFormatAttribute. */
int xmlTextWriterWriteFormatAttribute(xmlTextWriterPtr w, const xmlChar *name,
				      const char *format, ...)
{
	static void *slot;
	__typeof__(&xmlTextWriterWriteVFormatAttribute) f =
		(__typeof__(&xmlTextWriterWriteVFormatAttribute))
			qc_lazy_fn(&qc_lazy_xml2, &slot,
				   "xmlTextWriterWriteVFormatAttribute");
	va_list ap;
	int rc;

	va_start(ap, format);
	rc = f(w, name, format, ap);
	va_end(ap);
	return rc;
}
