/* libFuzzer target: the API's JSON bodies. The first byte picks one of
 * the routes that take a body (POST, PATCH), the second the {id} in its path,
 * the rest is the body; the handler runs as it does in the server, for
 * a signed-in administrator, against a real SQLite database (fuzz_db.h),
 * without a socket: MHD's only call the handlers make is stubbed below.
 * A request answered with an error must write nothing. Built by
 * fuzz/run with src/server's request, route and handler files. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcity/alloc.h"
#include "qcity/auth.h"
#include "src/server/http.h"
#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Query strings: none (bodies are what is fuzzed). */
const char *MHD_lookup_connection_value(struct MHD_Connection *c, int kind,
					const char *key);
const char *MHD_lookup_connection_value(struct MHD_Connection *c, int kind,
					const char *key)
{
	(void)c;
	(void)kind;
	(void)key;
	return NULL;
}

static const struct qc_route *posts[64];
static size_t n_posts;
static int64_t admin_id;

static void setup(void)
{
	struct qc_error err = { 0 };
	struct qc_store *s = fuzz_db();

	if (qc_user_add(s, "fuzz", "quartz-meadow-lantern", QC_USER_ADMIN, NULL,
			NULL, "fuzz", &admin_id, &err))
		fuzz_die("user", &err);
	for (size_t i = 0; i < qc_n_routes && n_posts < 64; i++)
		if (!strcmp(qc_routes[i].method, "POST") ||
		    !strcmp(qc_routes[i].method, "PATCH"))
			posts[n_posts++] = &qc_routes[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qc_req r;
	char id[8];
	uint64_t before;

	if (!n_posts)
		setup();
	if (size < 2)
		return 0;
	memset(&r, 0, sizeof(r));
	r.file_fd = -1;
	r.route = posts[data[0] % n_posts];
	r.method = r.route->method;
	r.path = r.route->pattern;
	snprintf(id, sizeof(id), "%u", data[1] % 8);
	r.param[0] = r.param[1] = id;
	qc_buf_init(&r.body, QC_BODY_MAX);
	qc_buf_add(&r.body, data + 2, size - 2);
	snprintf(r.addr, sizeof(r.addr), "127.0.0.1");
	r.store = fuzz_db();
	r.signed_in = true;
	r.user.id = admin_id;
	r.user.name = qc_xstrdup("fuzz");
	r.user.role = QC_USER_ADMIN;
	snprintf(r.actor, sizeof(r.actor), "web:fuzz");
	before = fuzz_db_before();
	r.route->fn(&r);
	/* A refused sign-in is recorded (the audit of failed logins). */
	if (r.route->fn == qc_api_login)
		fuzz_db_after(0, before, "", NULL);
	else
		fuzz_db_after(r.status >= 400, before, r.route->pattern, NULL);
	json_decref(r.out);
	free(r.raw);
	free(r.file_bytes);
	free(r.file_type);
	free(r.file_name);
	if (r.file_fd >= 0)
		close(r.file_fd);
	free(r.set_cookie);
	free(r.param_buf);
	qc_user_release(&r.user);
	qc_buf_release(&r.body);
	return 0;
}
