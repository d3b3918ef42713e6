/* Static files of the UI: web/ of the source tree, and /vendor/ from the
 * front-end packages copied in at build time. Paths are checked to stay
 * inside those folders. Files up to FILE_KEEP bytes are kept as ready
 * responses while their modification time and size stand (an edited file
 * is read again); larger ones go out with sendfile. */
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "src/server/static.h"
#include "banned.h"

#define FILE_KEEP (2 * 1024 * 1024)
#define KEPT_MAX 64

static struct kept {
	char *path;
	struct timespec mtime;
	off_t size;
	struct MHD_Response *resp;
} kept[KEPT_MAX];
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;

void qc_security_headers(struct MHD_Response *r, bool tls)
{
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; style-src 'self' "
				"'unsafe-inline'; img-src 'self' data:; "
				"object-src 'none'; frame-ancestors 'none'; "
				"base-uri 'none'; form-action 'self'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	if (tls)
		MHD_add_response_header(r, "Strict-Transport-Security",
					"max-age=31536000");
}

/* Set once before the daemon starts. */
static bool kept_https;

void qc_static_init(bool tls)
{
	kept_https = tls;
}

static void headers(struct MHD_Response *r, const char *type)
{
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	qc_security_headers(r, kept_https);
}

static bool same(const struct kept *k, const char *path, const struct stat *sb)
{
	return k->path && !strcmp(k->path, path) && k->size == sb->st_size &&
	       k->mtime.tv_sec == sb->st_mtim.tv_sec &&
	       k->mtime.tv_nsec == sb->st_mtim.tv_nsec;
}

/* The pages are written in Chinese and say so: <html lang="zh-CN">. The
 * server writes its own language there (qc_i18n_lang: "en" becomes
 * lang="en"), so web/i18n.js knows it before the first page draws
 * without asking the API (a page over FILE_KEEP, which none is, would go
 * out as it is). data holds *len bytes and a NUL; the page as served
 * replaces it (freed here) and *len. */
#define PAGE_LANG "<html lang=\"zh-CN\">"

static char *page_lang(char *data, size_t *len)
{
	char tag[48], *at = strstr(data, PAGE_LANG), *out;
	size_t head, tail, n;

	n = (size_t)snprintf(tag, sizeof(tag), "<html lang=\"%s\">",
			     qc_i18n_lang());
	if (!at || n >= sizeof(tag))
		return data;
	for (char *p = tag; *p; p++)
		if (*p == '_')
			*p = '-';
	if (!strcmp(tag, PAGE_LANG))
		return data;
	head = (size_t)(at - data);
	tail = *len - head - strlen(PAGE_LANG);
	out = qc_xmalloc(qc_st_add(qc_st_add(head, n), tail + 1));
	memcpy(out, data, head);
	memcpy(out + head, tag, n);
	memcpy(out + head + n, at + strlen(PAGE_LANG), tail + 1);
	*len = head + n + tail;
	free(data);
	return out;
}

/* Queue the kept response for path, made from fd when there is none or
 * the file changed. Queued under the lock, so that a thread replacing
 * the entry cannot destroy it first (MHD holds its own reference once
 * queued). False if the file is too big to keep. */
static bool serve_kept(struct MHD_Connection *c, const char *path, int fd,
		       const struct stat *sb, const char *type,
		       enum MHD_Result *ret)
{
	struct MHD_Response *r = NULL;
	size_t slot = KEPT_MAX, len;
	char *data;

	if (sb->st_size > FILE_KEEP)
		return false;
	pthread_mutex_lock(&kept_lock);
	for (size_t i = 0; i < KEPT_MAX && !r; i++)
		if (same(&kept[i], path, sb))
			r = kept[i].resp;
	if (r) {
		*ret = MHD_queue_response(c, MHD_HTTP_OK, r);
		pthread_mutex_unlock(&kept_lock);
		return true;
	}
	data = qc_xmalloc((size_t)sb->st_size + 1);
	if (pread(fd, data, (size_t)sb->st_size, 0) != sb->st_size) {
		free(data);
		pthread_mutex_unlock(&kept_lock);
		return false;
	}
	len = (size_t)sb->st_size;
	data[len] = '\0';
	if (!strncmp(type, "text/html", 9))
		data = page_lang(data, &len);
	r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	headers(r, type);
	for (size_t i = 0; i < KEPT_MAX && slot == KEPT_MAX; i++)
		if (!kept[i].path || !strcmp(kept[i].path, path))
			slot = i;
	if (slot < KEPT_MAX) {
		if (kept[slot].resp)
			MHD_destroy_response(kept[slot].resp);
		free(kept[slot].path);
		kept[slot].path = qc_xstrdup(path);
		kept[slot].mtime = sb->st_mtim;
		kept[slot].size = sb->st_size;
		kept[slot].resp = r;
	}
	*ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	if (slot == KEPT_MAX)
		MHD_destroy_response(r); /* table full: used once */
	pthread_mutex_unlock(&kept_lock);
	return true;
}

void qc_static_release(void)
{
	for (size_t i = 0; i < KEPT_MAX; i++) {
		if (kept[i].resp)
			MHD_destroy_response(kept[i].resp);
		free(kept[i].path);
		memset(&kept[i], 0, sizeof(kept[i]));
	}
}

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
	struct MHD_Response *r =
		MHD_create_response_from_buffer(strlen(msg), (void *)msg,
						MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	qc_security_headers(r, kept_https);
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
		return plain(c, MHD_HTTP_METHOD_NOT_ALLOWED,
			     "static files are "
			     "read with GET\n");
	if (!strcmp(url, "/"))
		url = "/index.html";
	else if (!strcmp(url, "/public/") || !strcmp(url, "/public"))
		url = "/public/index.html"; /* the public portal */
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
	if (serve_kept(c, path, fd, &sb, type, &ret)) {
		close(fd);
		return ret;
	}
	r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	headers(r, type);
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}
