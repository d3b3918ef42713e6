/* Static files of the UI: web/ of the source tree, and /vendor/ from the
 * front-end packages copied in at build time. Paths are checked to stay
 * inside those folders; files go out with sendfile. */
#include <fcntl.h>
#include <stdbool.h>
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/server/static.h"
#include "banned.h"

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".json", "application/json" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".txt", "text/plain; charset=utf-8" },
};

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return NULL;
}

static enum MHD_Result plain(struct MHD_Connection *c, unsigned status,
			     const char *msg)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(msg),
			(void *)msg, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Only plain names: letters, digits, '-', '_', '.', '/' and no "..". */
static bool safe_path(const char *p)
{
	if (strstr(p, "..") || strstr(p, "//"))
		return false;
	return strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789-_./") == strlen(p);
}

enum MHD_Result qc_static_serve(struct MHD_Connection *c, const char *url,
				const char *method, const char *web_dir,
				const char *vendor_dir)
{
	char path[4096];
	struct MHD_Response *r;
	const char *type;
	enum MHD_Result ret;
	struct stat sb;
	int fd;

	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return plain(c, MHD_HTTP_METHOD_NOT_ALLOWED, "static files are "
			     "read with GET\n");
	if (!strcmp(url, "/"))
		url = "/index.html";
	if (!safe_path(url) || !(type = type_of(url)))
		return plain(c, MHD_HTTP_NOT_FOUND, "not found\n");
	if (!strncmp(url, "/vendor/", 8))
		snprintf(path, sizeof(path), "%s/%s", vendor_dir, url + 8);
	else
		snprintf(path, sizeof(path), "%s%s", web_dir, url);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		return plain(c, MHD_HTTP_NOT_FOUND, "not found\n");
	}
	r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; style-src 'self' "
				"'unsafe-inline'; img-src 'self' data:");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}
