/* Static files of the UI (inside src/server only). */
#ifndef QC_STATIC_H
#define QC_STATIC_H

#include <microhttpd.h>

/* Answer GET url from web_dir, or /vendor/... from vendor_dir. */
enum MHD_Result qc_static_serve(struct MHD_Connection *c, const char *url,
				const char *method, const char *web_dir,
				const char *vendor_dir);

/* Drop the kept responses (at shutdown, after the daemon stopped). */
void qc_static_release(void);

#endif
