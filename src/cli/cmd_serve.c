/* qcity serve: the web platform and JSON API (src/server) on the same
 * database as the other commands. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/num.h"
#include "qcity/store.h"
#include "src/server/qc_server_config.h"
#include "src/server/server.h"
#include "src/common/paths.h"
#include "cli.h"
#include "banned.h"

int cmd_serve(struct qc_cli *cli, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *threads = "4", *web = NULL;
	const char *cert = NULL, *key = NULL, *proxy = NULL, *per_addr = NULL;
	const char *files = NULL, *upload_max = NULL;
	char *files_default = NULL;
	const char *pos[1], *remind = "300";
	bool routes = false;
	const struct cli_opt opts[] = {
		{ "listen", &listen, NULL },
		{ "threads", &threads, NULL },
		{ "web", &web, NULL },
		{ "routes", NULL, &routes },
		{ "tls-cert", &cert, NULL },
		{ "tls-key", &key, NULL },
		{ "trusted-proxy", &proxy, NULL },
		{ "per-addr", &per_addr, NULL },
		{ "files", &files, NULL },
		{ "upload-max", &upload_max, NULL },
		{ "remind-every", &remind, NULL },
		{ NULL, NULL, NULL },
	};
	struct qc_server_config cfg = { 0 };
	struct qc_error err = { 0 };
	char addr[64], *cert_pem = NULL, *key_pem = NULL;
	const char *colon;
	int64_t port, n_threads, per = 0, up_mib = 0, every;
	size_t len;
	int n, rc;

	if ((rc = cli_parse("serve", argc, argv, opts, pos, 0, &n)))
		return rc;
	if (routes) {
		qc_server_print_routes(stdout);
		return EXIT_OK;
	}
	colon = strrchr(listen, ':');
	if (!colon || !qc_parse_int64(colon + 1, 0, 65535, &port) ||
	    (size_t)(colon - listen) >= sizeof(addr))
		return cli_usage("serve",
				 "--listen takes ADDRESS:PORT, such as "
				 "127.0.0.1:8080 (port 0: any free port)");
	snprintf(addr, sizeof(addr), "%.*s", (int)(colon - listen), listen);
	if (per_addr && !cli_int("--per-addr", per_addr, 1, 1000, &per))
		return EXIT_USAGE;
	if (upload_max &&
	    !cli_int("--upload-max", upload_max, 1, 1024, &up_mib))
		return EXIT_USAGE;
	if (!cli_int("--remind-every", remind, 0, 86400, &every))
		return EXIT_USAGE;
	if (!cert != !key)
		return cli_usage("serve", "give both --tls-cert FILE and "
					  "--tls-key FILE (PEM), or neither");
	/* Read now: the key file may be readable by this user only. */
	if (cert &&
	    ((rc = cli_read_file(cert, 1 << 20, &cert_pem, &len, &err)) ||
	     (rc = cli_read_file(key, 1 << 20, &key_pem, &len, &err)))) {
		free(cert_pem);
		return cli_fail(&err);
	}
	/* Create or upgrade the schema once, before the workers open it. */
	if (!cli_store(cli))
		return EXIT_DB;
	qc_store_close(cli->store);
	cli->store = NULL;
	cfg.db_path = cli->db_path;
	cfg.addr = addr;
	cfg.port = (uint16_t)port;
	if (!cli_int("--threads", threads, 1, 64, &n_threads))
		return EXIT_USAGE;
	cfg.threads = (unsigned)n_threads;
	cfg.web_dir = web ? web : qc_path_web();
	cfg.vendor_dir = qc_path_vendor();
	cfg.data_dir = cli->datadir;
	cfg.tls_cert = cert_pem;
	cfg.tls_key = key_pem;
	cfg.trusted_proxy = proxy;
	cfg.per_addr = (unsigned)per;
	/* Attachments: --files DIR, else $QCITY_FILES, else beside an
	 * SQLite database file (DB.files); with PostgreSQL and neither,
	 * uploads are refused. */
	if (!files && getenv("QCITY_FILES") && *getenv("QCITY_FILES"))
		files = getenv("QCITY_FILES");
	if (!files && strncmp(cli->db_path, "postgres", 8)) {
		size_t n = strlen(cli->db_path) + 8;
		files_default = qc_xmalloc(n);
		snprintf(files_default, n, "%s.files", cli->db_path);
		files = files_default;
	}
	cfg.files_dir = files;
	cfg.upload_max = (size_t)up_mib << 20;
	cfg.remind_every = (unsigned)every;
	rc = qc_server_run(&cfg, stdout, &err) ? cli_fail(&err) : EXIT_OK;
	free(files_default);
	free(cert_pem);
	if (key_pem)
		sodium_memzero(key_pem, strlen(key_pem));
	free(key_pem);
	return rc;
}
