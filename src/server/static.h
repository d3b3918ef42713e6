/* Static files of the UI (inside src/server only). */
#ifndef QC_STATIC_H
#define QC_STATIC_H

#include <stdbool.h>

#include <microhttpd.h>

/* Answer GET url from web_dir, or /vendor/... from vendor_dir. */
enum MHD_Result qc_static_serve(struct MHD_Connection *c, const char *url,
				const char *method, const char *web_dir,
				const char *vendor_dir);
/* Before serving: whether the server itself runs TLS (HSTS on files). */
void qc_static_init(bool tls);

/* The headers every response carries, API and errors included: the
 * content security policy, no framing, no sniffing, the referrer policy;
 * with tls (the server runs TLS itself), Strict-Transport-Security too. */
void qc_security_headers(struct MHD_Response *r, bool tls);

/* Drop the kept responses (at shutdown, after the daemon stopped). */
void qc_static_release(void);

#endif
