/* qcity serve: the HTTP face of libqcity (libmicrohttpd, a thread pool on
 * epoll). Used by src/cli/cmd_serve.c; nothing else of src/server is
 * visible outside it. */
#ifndef QC_SERVER_H
#define QC_SERVER_H

#include <stdint.h>
#include <stdio.h>

#include "qcity/error.h"

struct qc_server_config {
	const char *db_path;
	const char *addr;       /* IPv4 address to listen on */
	uint16_t port;          /* 0: any free port (printed on start) */
	unsigned threads;       /* worker threads, each with its own store */
	const char *web_dir;    /* the UI: share/qcity/web or the source web/ */
	const char *vendor_dir; /* front-end packages copied at build time */
	const char *data_dir;   /* data/ (quality index definitions) */
	const char *tls_cert;   /* PEM text of the certificate (chain) and */
	const char *tls_key;    /* its key: both to serve https, or neither */
	const char *trusted_proxy; /* a proxy's address whose X-Forwarded-For
				      and X-Forwarded-Proto are believed */
	unsigned per_addr;         /* connections per client address; 0: the
				    default (src/server/conn.h) */
	const char *files_dir;     /* the attachment store; NULL: uploads are
				    refused */
	size_t upload_max;     /* bytes per file; 0: QC_ATTACH_MAX_DEFAULT */
	unsigned remind_every; /* seconds between reminder runs; 0: none */
};

/* Serve until SIGTERM or SIGINT, then finish the requests under way and
 * return. Prints one line "qcity: serving http://ADDR:PORT/" (https://
 * with TLS) to out once listening. */
enum qc_rc qc_server_run(const struct qc_server_config *cfg, FILE *out,
			 struct qc_error *err);

/* One line per route: METHOD PATH ROLES SUMMARY (tab-separated). */
void qc_server_print_routes(FILE *f);

#endif
