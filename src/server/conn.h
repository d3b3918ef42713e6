/* Connection limits of qcity serve (inside src/server only): an absolute
 * deadline per request that trickled bytes cannot extend. The limit of
 * connections per client address is libmicrohttpd's
 * (MHD_OPTION_PER_IP_CONNECTION_LIMIT, set in server.c). */
#ifndef QC_CONN_H
#define QC_CONN_H

#include <stdarg.h>
#include <stdbool.h>

#include <microhttpd.h>

/* A request's headers and body must be in within this many seconds of
 * the connection opening (or of the previous answer plus
 * QC_CONN_IDLE_SECS on a kept-alive connection); else the connection is
 * closed. QC_CONN_IDLE_SECS is also libmicrohttpd's idle timeout. */
#define QC_CONN_REQUEST_SECS 10
#define QC_CONN_IDLE_SECS 10
/* Connections one client address may hold at once, and in all. */
#define QC_CONN_PER_ADDR 128
#define QC_CONN_MAX 1000

/* For MHD_OPTION_NOTIFY_CONNECTION. */
void qc_conn_notify(void *cls, struct MHD_Connection *c, void **ctx,
		    enum MHD_ConnectionNotificationCode code);
/* The request on c is in (a response is being made): its deadline no
 * longer applies. */
void qc_conn_answered(struct MHD_Connection *c);
/* The response on c was sent: the next request's deadline starts. */
void qc_conn_done(struct MHD_Connection *c);
/* For MHD_OPTION_EXTERNAL_LOGGER: at most a message a second. */
void qc_conn_log(void *cls, const char *fmt, va_list ap);
/* Start and stop the thread that closes connections past their
 * deadline. qc_conn_start returns false if the thread cannot start. */
bool qc_conn_start(void);
void qc_conn_stop(void);

#endif
