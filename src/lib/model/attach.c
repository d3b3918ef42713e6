/* The attachment store (include/qcity/attach.h): streamed uploads hashed
 * with libsodium's sha256, typed by their content, kept once by hash. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qcity/alloc.h"
#include "qcity/attach.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "qcity/zipfile.h"
#include "banned.h"

#define MIME_DOCX                                        \
	"application/vnd.openxmlformats-officedocument." \
	"wordprocessingml.document"
#define MIME_XLSX                                        \
	"application/vnd.openxmlformats-officedocument." \
	"spreadsheetml.sheet"

struct qc_attach_upload {
	char *dir;
	char *tmp; /* the temporary file; NULL once moved */
	int fd;
	size_t size, cap;
	bool spoilt;
	crypto_hash_sha256_state h;
};

void qc_attachment_release(struct qc_attachment *a)
{
	if (!a)
		return;
	free(a->mime);
	free(a->name);
	free(a->uploaded_by);
	free(a->uploaded_at);
	memset(a, 0, sizeof(*a));
}

void qc_attachment_list_release(struct qc_attachment_list *l)
{
	for (size_t i = 0; l && i < l->n; i++)
		qc_attachment_release(&l->v[i]);
	if (l) {
		free(l->v);
		memset(l, 0, sizeof(*l));
	}
}

static char *join(const char *a, const char *b)
{
	size_t n = qc_st_add(qc_st_add(strlen(a), strlen(b)), 2);
	char *p = qc_xmalloc(n);
	snprintf(p, n, "%s/%s", a, b);
	return p;
}

static enum qc_rc make_dir(const char *path, struct qc_error *err)
{
	if (mkdir(path, 0750) && errno != EEXIST)
		return qc_error_set(err, QC_EIO,
				    "cannot make the attachment "
				    "directory %s: %s",
				    path, strerror(errno));
	return QC_OK;
}

enum qc_rc qc_attach_open(const char *dir, size_t cap,
			  struct qc_attach_upload **out, struct qc_error *err)
{
	struct qc_attach_upload *u;
	char *tmpdir;
	enum qc_rc rc;

	*out = NULL;
	if (!dir || !*dir)
		return qc_error_set(err, QC_EINVAL,
				    "no attachment directory "
				    "is set (qcity serve --files DIR)");
	if (sodium_init() < 0)
		return qc_error_set(err, QC_EIO, "libsodium could not start");
	if ((rc = make_dir(dir, err)))
		return rc;
	tmpdir = join(dir, "tmp");
	rc = make_dir(tmpdir, err);
	if (rc) {
		free(tmpdir);
		return rc;
	}
	u = qc_xcalloc(1, sizeof(*u));
	u->dir = qc_xstrdup(dir);
	u->tmp = join(tmpdir, "upload-XXXXXX");
	free(tmpdir);
	u->cap = cap ? cap : QC_ATTACH_MAX_DEFAULT;
	u->fd = mkstemp(u->tmp);
	if (u->fd < 0) {
		rc = qc_error_set(err, QC_EIO,
				  "cannot make a temporary file in "
				  "%s: %s",
				  dir, strerror(errno));
		free(u->tmp);
		u->tmp = NULL;
		qc_attach_free(u);
		return rc;
	}
	crypto_hash_sha256_init(&u->h);
	*out = u;
	return QC_OK;
}

enum qc_rc qc_attach_write(struct qc_attach_upload *u, const void *data,
			   size_t n, struct qc_error *err)
{
	const char *p = data;
	size_t total;

	if (u->spoilt || u->fd < 0)
		return qc_error_set(err, QC_EINVAL,
				    "the upload was already "
				    "refused");
	if (!qc_add_ok(u->size, n, &total) || total > u->cap) {
		u->spoilt = true;
		return qc_error_set(err, QC_EINVAL,
				    "the file is larger than the %zu MB limit",
				    u->cap >> 20);
	}
	crypto_hash_sha256_update(&u->h, data, n);
	while (n) {
		ssize_t w = write(u->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			u->spoilt = true;
			return qc_error_set(err,
					    errno == ENOSPC ? QC_ENOSPC :
							      QC_EIO,
					    "cannot write the upload: %s",
					    strerror(errno));
		}
		p += w;
		n -= (size_t)w;
	}
	u->size = total;
	return QC_OK;
}

size_t qc_attach_size(const struct qc_attach_upload *u)
{
	return u ? u->size : 0;
}

const char *qc_attach_tmp_path(const struct qc_attach_upload *u)
{
	return u ? u->tmp : NULL;
}

void qc_attach_free(struct qc_attach_upload *u)
{
	if (!u)
		return;
	if (u->fd >= 0)
		close(u->fd);
	if (u->tmp)
		unlink(u->tmp);
	free(u->tmp);
	free(u->dir);
	free(u);
}

/* The extension of name, lower-cased into buf ("" if none). */
static void extension(const char *name, char *buf, size_t n)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	size_t i = 0;
	buf[0] = 0;
	if (!dot)
		return;
	for (dot++; *dot && i + 1 < n; dot++)
		buf[i++] = (char)(*dot >= 'A' && *dot <= 'Z' ? *dot + 32 :
							       *dot);
	buf[i] = 0;
}

/* A zip: a .docx or .xlsx by the members it holds. */
static const char *sniff_zip(const char *path, struct qc_error *err)
{
	const char *mime = NULL;
	struct qc_zip *z = NULL;
	struct stat sb;
	char *data = NULL;
	FILE *f = fopen(path, "rb");

	if (!f || fstat(fileno(f), &sb) || sb.st_size <= 0)
		goto out;
	data = qc_xmalloc((size_t)sb.st_size);
	if (fread(data, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size)
		goto out;
	if (qc_zip_open(data, (size_t)sb.st_size, "Office 文件", &z, NULL))
		goto out;
	if (qc_zip_has(z, "[Content_Types].xml")) {
		if (qc_zip_has(z, "word/document.xml"))
			mime = MIME_DOCX;
		else if (qc_zip_has(z, "xl/workbook.xml"))
			mime = MIME_XLSX;
	}
out:
	if (z)
		qc_zip_close(z);
	free(data);
	if (f)
		fclose(f);
	if (!mime)
		qc_error_set(err, QC_EUNSUPPORTED,
			     "this zip file is not a Word (.docx) or Excel "
			     "(.xlsx) document; only PDF, Word (.docx), Excel "
			     "(.xlsx) and images (PNG, JPEG) are accepted");
	return mime;
}

const char *qc_attach_sniff(const char *path, const char *name,
			    struct qc_error *err)
{
	static const struct {
		const char *ext, *mime;
	} exts[] = {
		{ "pdf", "application/pdf" }, { "png", "image/png" },
		{ "jpg", "image/jpeg" },      { "jpeg", "image/jpeg" },
		{ "docx", MIME_DOCX },        { "xlsx", MIME_XLSX },
	};
	unsigned char head[8] = { 0 };
	const char *mime = NULL;
	char ext[8];
	size_t n = 0;
	FILE *f = fopen(path, "rb");

	if (f) {
		n = fread(head, 1, sizeof(head), f);
		fclose(f);
	}
	if (!n) {
		qc_error_set(err, QC_EUNSUPPORTED, "the file is empty");
		return NULL;
	}
	if (n >= 5 && !memcmp(head, "%PDF-", 5))
		mime = "application/pdf";
	else if (n >= 8 && !memcmp(head, "\x89PNG\r\n\x1a\n", 8))
		mime = "image/png";
	else if (n >= 3 && !memcmp(head, "\xff\xd8\xff", 3))
		mime = "image/jpeg";
	else if (n >= 4 && !memcmp(head, "PK\x03\x04", 4))
		mime = sniff_zip(path, err);
	else
		qc_error_set(err, QC_EUNSUPPORTED,
			     "unknown file type; only PDF, Word (.docx), Excel "
			     "(.xlsx) and images (PNG, JPEG) are accepted");
	if (!mime)
		return NULL;
	extension(name, ext, sizeof(ext));
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (!strcmp(ext, exts[i].ext)) {
			if (strcmp(exts[i].mime, mime)) {
				qc_error_set(err, QC_EUNSUPPORTED,
					     "the file name ends in .%s but "
					     "the content is not of that type",
					     ext);
				return NULL;
			}
			return mime;
		}
	qc_error_set(err, QC_EUNSUPPORTED,
		     "the file name must end in .pdf, .docx, .xlsx, .png"
		     " or .jpg");
	return NULL;
}

char *qc_attach_path(const char *dir, const char *sha256)
{
	size_t n = qc_st_add(strlen(dir), 72);
	char *p = qc_xmalloc(n);
	snprintf(p, n, "%s/%.2s/%.64s", dir, sha256, sha256);
	return p;
}

/* The name without a directory part; NULL if nothing is left. */
static const char *base_name(const char *name)
{
	const char *a = name ? strrchr(name, '/') : NULL;
	const char *b = name ? strrchr(name, '\\') : NULL;
	const char *p = a > b ? a + 1 : b ? b + 1 : name;
	return p && *p ? p : NULL;
}

/* Move the finished file to its place by hash. */
static enum qc_rc place(struct qc_attach_upload *u, const char *hex,
			struct qc_error *err)
{
	char sub[3], *subdir, *path;
	struct stat sb;
	enum qc_rc rc = QC_OK;

	snprintf(sub, sizeof(sub), "%.2s", hex);
	subdir = join(u->dir, sub);
	path = qc_attach_path(u->dir, hex);
	if (fsync(u->fd))
		rc = qc_error_set(err, QC_EIO, "cannot write the upload: %s",
				  strerror(errno));
	else if (!(rc = make_dir(subdir, err)) && stat(path, &sb)) {
		if (rename(u->tmp, path))
			rc = qc_error_set(err, QC_EIO,
					  "cannot store the upload"
					  " as %s: %s",
					  path, strerror(errno));
		else {
			free(u->tmp);
			u->tmp = NULL;
		}
	}
	free(subdir);
	free(path);
	return rc;
}

enum qc_rc qc_attach_save(struct qc_store *s, struct qc_attach_upload *u,
			  const char *name, int64_t unit_id, const char *actor,
			  struct qc_attachment *out, struct qc_error *err)
{
	unsigned char sum[crypto_hash_sha256_BYTES];
	char hex[65], now[32], key[32];
	struct qc_stmt *st = NULL;
	const char *mime, *base = base_name(name);
	int64_t id = 0;
	enum qc_rc rc;

	if (out)
		memset(out, 0, sizeof(*out));
	if (u->spoilt || u->fd < 0)
		return qc_error_set(err, QC_EINVAL, "the upload was refused");
	if (!base)
		return qc_error_set(err, QC_EINVAL, "name: give the file name");
	if (strlen(base) > QC_ATTACH_NAME_MAX)
		return qc_error_set(err, QC_EINVAL,
				    "name: the file name is too long (at most "
				    "%d bytes)",
				    QC_ATTACH_NAME_MAX);
	if (!(mime = qc_attach_sniff(u->tmp, base, err)))
		return QC_EUNSUPPORTED; /* its only failure (attach.h) */
	crypto_hash_sha256_final(&u->h, sum);
	sodium_bin2hex(hex, sizeof(hex), sum, sizeof(sum));
	if ((rc = place(u, hex, err)))
		return rc;
	qc_now_iso(now, sizeof(now));
	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO attachments (sha256, size, mime,"
			     " name, unit_id, uploaded_by, uploaded_at) VALUES"
			     " (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_text(st, 1, hex);
	qc_stmt_bind_int(st, 2, (int64_t)u->size);
	qc_stmt_bind_text(st, 3, mime);
	qc_stmt_bind_text(st, 4, base);
	if (unit_id)
		qc_stmt_bind_int(st, 5, unit_id);
	qc_stmt_bind_text(st, 6, actor);
	qc_stmt_bind_text(st, 7, now);
	if ((rc = qc_stmt_run_id(st, &id, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)id);
	rc = qc_audit_add_json(s, actor, "upload", "attachment", key, NULL,
			       qc_xjson_pack("{s:s, s:I, s:s, s:s, s:I}",
					     "sha256", hex, "size",
					     (json_int_t)u->size, "mime", mime,
					     "name", base, "unit",
					     (json_int_t)unit_id),
			       err);
out:
	qc_stmt_free(st);
	if ((rc = qc_store_end(s, rc, err)))
		return rc;
	return out ? qc_attach_get(s, id, out, err) : QC_OK;
}

#define ATT_SELECT                                       \
	"SELECT a.id, a.sha256, a.size, a.mime, a.name," \
	" a.unit_id, a.uploaded_by, a.uploaded_at FROM attachments a"

static void from_row(struct qc_stmt *st, struct qc_attachment *a)
{
	memset(a, 0, sizeof(*a));
	a->id = qc_stmt_int(st, 0);
	snprintf(a->sha256, sizeof(a->sha256), "%s", qc_stmt_text(st, 1));
	a->size = qc_stmt_int(st, 2);
	a->mime = qc_xstrdup(qc_stmt_text(st, 3));
	a->name = qc_xstrdup(qc_stmt_text(st, 4));
	a->unit_id = qc_stmt_is_null(st, 5) ? 0 : qc_stmt_int(st, 5);
	a->uploaded_by = qc_xstrdup(qc_stmt_text(st, 6));
	a->uploaded_at = qc_xstrdup(qc_stmt_text(st, 7));
}

enum qc_rc qc_attach_get(struct qc_store *s, int64_t id,
			 struct qc_attachment *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc r = qc_stmt_row_ids(s, ATT_SELECT " WHERE a.id = ?",
				       QC_IDS(id), &st, err);

	memset(out, 0, sizeof(*out));
	if (r == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND, "no attachment %lld",
				    (long long)id);
	if (r != QC_ROW || !st) /* !st: as in qc_store_get_int */
		return r;
	from_row(st, out);
	qc_stmt_free(st);
	return QC_OK;
}

enum qc_rc qc_attach_check_unit(struct qc_store *s, int64_t id, int64_t unit_id,
				struct qc_error *err)
{
	struct qc_attachment a;
	enum qc_rc rc = qc_attach_get(s, id, &a, err);

	if (!rc && a.unit_id && a.unit_id != unit_id)
		rc = qc_error_set(err, QC_EPERM,
				  "attachment %lld was uploaded by "
				  "another unit",
				  (long long)a.id);
	qc_attachment_release(&a);
	return rc;
}

enum qc_rc qc_attach_link(struct qc_store *s, int64_t id, const char *entity,
			  int64_t entity_id, const char *actor,
			  struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char key[96];
	int64_t link = 0;
	enum qc_rc rc;
	enum qc_rc r;

	if (!entity || !*entity || strlen(entity) > 32)
		return qc_error_set(err, QC_EINVAL, "entity: a short name");
	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO attachment_links (attachment_id,"
			     " entity, entity_id) VALUES (?, ?, ?) ON CONFLICT"
			     " (attachment_id, entity, entity_id) DO NOTHING"
			     " RETURNING id",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_int(st, 1, id);
	qc_stmt_bind_text(st, 2, entity);
	qc_stmt_bind_int(st, 3, entity_id);
	r = qc_stmt_next(st, err);
	if (qc_step_failed(r)) {
		rc = r;
		goto out;
	}
	if (r == QC_ROW)
		link = qc_stmt_int(st, 0);
	if (!link)
		goto out; /* linked before */
	snprintf(key, sizeof(key), "%lld", (long long)id);
	rc = qc_audit_add_json(s, actor, "link", "attachment", key, NULL,
			       qc_xjson_pack("{s:s, s:I}", "entity", entity,
					     "entity_id",
					     (json_int_t)entity_id),
			       err);
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}

/* Every row of st (ATT_SELECT's columns) into out; st freed. */
static enum qc_rc list_rows(struct qc_stmt *st, struct qc_attachment_list *out,
			    struct qc_error *err)
{
	enum qc_rc r;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		from_row(st, &out->v[out->n++]);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_attach_list(struct qc_store *s, const char *entity,
			  int64_t entity_id, struct qc_attachment_list *out,
			  struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  ATT_SELECT
				  " JOIN attachment_links l ON"
				  " l.attachment_id = a.id WHERE l.entity = ? AND"
				  " l.entity_id = ? ORDER BY a.id",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, entity);
	qc_stmt_bind_int(st, 2, entity_id);
	return list_rows(st, out, err);
}

enum qc_rc qc_attach_of_unit(struct qc_store *s, int64_t unit_id, size_t limit,
			     struct qc_attachment_list *out,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  ATT_SELECT " WHERE a.unit_id = ? ORDER BY"
					     " a.id DESC LIMIT ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, unit_id);
	qc_stmt_bind_int(st, 2, (int64_t)limit);
	return list_rows(st, out, err);
}
