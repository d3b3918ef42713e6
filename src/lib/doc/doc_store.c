/* Stored documents: drafts kept as qcity-doc/1 JSON and edited; issuing
 * numbers a draft (文号, a sequence per prefix and year), renders every
 * format once and keeps the bytes (base64) with their SHA-256; an issued
 * document refuses every change. All writes audited. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/clock.h"
#include "qcity/doc.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "doc_int.h"
#include "banned.h"

/* Rendered documents are bounded (a report with every chart is a few
 * MB). */
#define DOC_FILE_MAX ((size_t)64 << 20)
/* A name (质量强市工作领导小组办公室, shortened), not a message: numbers
 * count per prefix, whatever the language. */
#define DEFAULT_PREFIX "质强办"

static void hex_sha256(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

enum qc_rc qc_doc_create(struct qc_store *s, long long plan_id,
			 const char *period, const struct qc_doc *d,
			 const char *actor, int64_t *id, struct qc_error *err)
{
	struct qc_stmt *st;
	char now[32], key[24];
	char *body = qc_doc_to_json(d);
	enum qc_rc rc;

	qc_now_iso(now, sizeof(now));
	if ((rc = qc_store_begin(s, err))) {
		free(body);
		return rc;
	}
	if (!(rc = qc_stmt_prepare(
		      s,
		      "INSERT INTO documents (plan_id, kind, "
		      "period, title, status, body, created_at, created_by, "
		      "updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?) "
		      "RETURNING id",
		      &st, err))) {
		qc_stmt_bind_int(st, 1, plan_id);
		qc_stmt_bind_text(st, 2, d->kind);
		qc_stmt_bind_text(st, 3, period);
		qc_stmt_bind_text(st, 4, d->title);
		qc_stmt_bind_text(st, 5, body);
		qc_stmt_bind_text(st, 6, now);
		qc_stmt_bind_text(st, 7, actor);
		qc_stmt_bind_text(st, 8, now);
		rc = qc_stmt_run_id(st, id, err);
		qc_stmt_free(st);
	}
	if (!rc) {
		snprintf(key, sizeof(key), "%lld", (long long)*id);
		rc = qc_audit_add_json(s, actor, "create", "document", key,
				       NULL,
				       qc_xjson_pack("{s:s, s:s, s:s, s:I}",
						     "kind", d->kind, "period",
						     period, "title", d->title,
						     "plan",
						     (json_int_t)plan_id),
				       err);
	}
	free(body);
	return qc_store_end(s, rc, err);
}

static void info_from(struct qc_stmt *st, struct qc_doc_info *i)
{
	memset(i, 0, sizeof(*i));
	i->id = qc_stmt_int(st, 0);
	i->plan_id = qc_stmt_is_null(st, 1) ? 0 : qc_stmt_int(st, 1);
	i->kind = qc_xstrdup(qc_stmt_text(st, 2));
	i->period = qc_xstrdup(qc_stmt_text(st, 3));
	i->title = qc_xstrdup(qc_stmt_text(st, 4));
	i->status = qc_xstrdup(qc_stmt_text(st, 5));
	i->number = qc_xstrdup(qc_stmt_text(st, 6));
	i->year = qc_stmt_is_null(st, 7) ? 0 : (int)qc_stmt_int(st, 7);
	i->seq = qc_stmt_is_null(st, 8) ? 0 : (int)qc_stmt_int(st, 8);
	i->created_at = qc_xstrdup(qc_stmt_text(st, 9));
	i->created_by = qc_xstrdup(qc_stmt_text(st, 10));
	i->updated_at = qc_xstrdup(qc_stmt_text(st, 11));
	i->issued_at = qc_xstrdup(qc_stmt_text(st, 12));
	i->issued_by = qc_xstrdup(qc_stmt_text(st, 13));
}

#define INFO_COLS                                                       \
	"id, plan_id, kind, period, title, status, number, "            \
	"number_year, number_seq, created_at, created_by, updated_at, " \
	"issued_at, issued_by"

void qc_doc_info_release(struct qc_doc_info *i)
{
	free(i->kind);
	free(i->period);
	free(i->title);
	free(i->status);
	free(i->number);
	free(i->created_at);
	free(i->created_by);
	free(i->updated_at);
	free(i->issued_at);
	free(i->issued_by);
	memset(i, 0, sizeof(*i));
}

void qc_doc_list_release(struct qc_doc_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		qc_doc_info_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

enum qc_rc qc_doc_load(struct qc_store *s, int64_t id, struct qc_doc_info *info,
		       struct qc_doc **doc, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(info, 0, sizeof(*info));
	if (doc)
		*doc = NULL;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT " INFO_COLS ", body FROM "
				  "documents WHERE id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	r = qc_stmt_next(st, err);
	if (r == QC_DONE)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no document %lld (see "
				  "`qcity doc list`)",
				  (long long)id);
	else if (qc_step_failed(r))
		rc = qc_step_rc(r);
	else {
		info_from(st, info);
		const char *body = qc_stmt_text(st, 14);
		if (doc &&
		    (rc = qc_doc_from_json(body, strlen(body), doc, err)))
			qc_error_prefix(err, "document %lld", (long long)id);
	}
	qc_stmt_free(st);
	return rc;
}

/* Within a transaction: QC_ECONFLICT if document id is issued. */
static enum qc_rc must_be_draft(struct qc_store *s, int64_t id, char **body,
				struct qc_error *err)
{
	struct qc_doc_info i;
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT " INFO_COLS ", body FROM "
				  "documents WHERE id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	r = qc_stmt_next(st, err);
	if (r == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no document %lld (see "
				  "`qcity doc list`)",
				  (long long)id);
	} else if (qc_step_failed(r)) {
		rc = qc_step_rc(r);
	} else {
		info_from(st, &i);
		if (!i.status || strcmp(i.status, "draft"))
			rc = qc_error_set(err, QC_ECONFLICT,
					  "document %lld was "
					  "issued as %s on %s and cannot be changed; "
					  "generate a new draft instead",
					  (long long)id,
					  i.number ? i.number : "?",
					  i.issued_at ? i.issued_at : "?");
		else if (body)
			*body = qc_xstrdup(qc_stmt_text(st, 14));
		qc_doc_info_release(&i);
	}
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_doc_update(struct qc_store *s, int64_t id, const struct qc_doc *d,
			 const char *actor, struct qc_error *err)
{
	struct qc_stmt *st;
	char now[32], key[24], *before = NULL, *after = qc_doc_to_json(d);
	enum qc_rc rc;

	qc_now_iso(now, sizeof(now));
	snprintf(key, sizeof(key), "%lld", (long long)id);
	if ((rc = qc_store_begin(s, err))) {
		free(after);
		return rc;
	}
	if (!(rc = must_be_draft(s, id, &before, err)) &&
	    !(rc = qc_stmt_prepare(s,
				   "UPDATE documents SET body = ?, title = "
				   "?, updated_at = ? WHERE id = ? AND status = "
				   "'draft'",
				   &st, err))) {
		qc_stmt_bind_text(st, 1, after);
		qc_stmt_bind_text(st, 2, d->title);
		qc_stmt_bind_text(st, 3, now);
		qc_stmt_bind_int(st, 4, id);
		rc = qc_stmt_run(st, err);
		qc_stmt_free(st);
	}
	if (!rc)
		rc = qc_audit_add(s, actor, "update", "document", key, before,
				  after, err);
	free(before);
	free(after);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_doc_delete(struct qc_store *s, int64_t id, const char *actor,
			 struct qc_error *err)
{
	struct qc_stmt *st;
	char key[24], *before = NULL;
	enum qc_rc rc;

	snprintf(key, sizeof(key), "%lld", (long long)id);
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if (!(rc = must_be_draft(s, id, &before, err)) &&
	    !(rc = qc_stmt_prepare(s,
				   "DELETE FROM documents WHERE id = ? AND "
				   "status = 'draft'",
				   &st, err))) {
		qc_stmt_bind_int(st, 1, id);
		rc = qc_stmt_run(st, err);
		qc_stmt_free(st);
	}
	if (!rc)
		rc = qc_audit_add(s, actor, "delete", "document", key, before,
				  NULL, err);
	free(before);
	return qc_store_end(s, rc, err);
}

static enum qc_rc keep_file(struct qc_store *s, int64_t id,
			    enum qc_doc_format f, const struct qc_buf *bytes,
			    json_t *hashes, struct qc_error *err)
{
	struct qc_stmt *st;
	char sha[65];
	size_t n = sodium_base64_encoded_len(qc_buf_len(bytes),
					     sodium_base64_VARIANT_ORIGINAL);
	char *b64 = qc_xmalloc(n);
	enum qc_rc rc;

	sodium_bin2base64(b64, n, (const unsigned char *)qc_buf_str(bytes),
			  qc_buf_len(bytes), sodium_base64_VARIANT_ORIGINAL);
	hex_sha256(qc_buf_str(bytes), qc_buf_len(bytes), sha);
	json_object_set_new(hashes, qc_doc_format_name(f), json_string(sha));
	if (!(rc = qc_stmt_prepare(s,
				   "INSERT INTO document_files (document_id,"
				   " format, content, bytes, sha256) VALUES (?,"
				   " ?, ?, ?, ?)",
				   &st, err))) {
		qc_stmt_bind_int(st, 1, id);
		qc_stmt_bind_text(st, 2, qc_doc_format_name(f));
		qc_stmt_bind_text(st, 3, b64);
		qc_stmt_bind_int(st, 4, (int64_t)qc_buf_len(bytes));
		qc_stmt_bind_text(st, 5, sha);
		rc = qc_stmt_run(st, err);
		qc_stmt_free(st);
	}
	free(b64);
	return rc;
}

static enum qc_rc next_seq(struct qc_store *s, const char *prefix, int year,
			   int *seq, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT COALESCE(MAX(number_seq), 0) FROM"
				  " documents WHERE number_prefix = ? AND "
				  "number_year = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, prefix);
	qc_stmt_bind_int(st, 2, year);
	r = qc_stmt_next(st, err);
	*seq = r == QC_ROW ? (int)qc_stmt_int(st, 0) + 1 : 1;
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_doc_issue(struct qc_store *s, int64_t id, const char *prefix,
			const char *actor, char **number, struct qc_error *err)
{
	struct qc_doc *d = NULL;
	struct qc_stmt *st;
	struct qc_buf num = QC_BUF_INIT;
	char now[32], key[24], date[40], *before = NULL, *body = NULL;
	json_t *hashes;
	int y, m, day, seq = 0;
	enum qc_rc rc;

	if (number)
		*number = NULL;
	if (sodium_init() < 0)
		return qc_error_set(err, QC_EIO, "libsodium did not start");
	if (!prefix || !*prefix)
		prefix = DEFAULT_PREFIX;
	if (strlen(prefix) > 60)
		return qc_error_set(err, QC_EINVAL,
				    "the number's prefix '%s' "
				    "is too long (60 bytes at most)",
				    prefix);
	hashes = json_object();
	qc_now_iso(now, sizeof(now));
	qc_today(&y, &m, &day);
	qc_doc_date(date, sizeof(date), y, m, day);
	snprintf(key, sizeof(key), "%lld", (long long)id);
	if ((rc = qc_store_begin(s, err))) {
		json_decref(hashes);
		return rc;
	}
	if ((rc = must_be_draft(s, id, &before, err)))
		goto out;
	if (!before) {
		rc = qc_error_set(err, QC_EDB, "document %lld has no body",
				  (long long)id);
		goto out;
	}
	if ((rc = qc_doc_from_json(before, strlen(before), &d, err)) ||
	    (rc = next_seq(s, prefix, y, &seq, err)))
		goto out;
	/* TRANSLATORS: 发文字号: the prefix, the year, the number. */
	qc_buf_addf(&num, _("%s [%d] No. %d"), prefix, y, seq);
	free(d->number);
	d->number = qc_xstrdup(qc_buf_str(&num));
	free(d->date);
	d->date = qc_xstrdup(date);
	for (int f = 0; f < QC_DOC__FORMATS && !rc; f++) {
		struct qc_buf bytes;
		if (f == QC_DOC_XLSX && strcmp(d->kind, "report"))
			continue; /* the annex belongs to the report */
		qc_buf_init(&bytes, DOC_FILE_MAX);
		if (!(rc = qc_doc_write(d, (enum qc_doc_format)f, &bytes, err)))
			rc = keep_file(s, id, (enum qc_doc_format)f, &bytes,
				       hashes, err);
		qc_buf_release(&bytes);
	}
	if (rc)
		goto out;
	body = qc_doc_to_json(d);
	if ((rc = qc_stmt_prepare(
		     s,
		     "UPDATE documents SET status = 'issued', "
		     "body = ?, number = ?, number_prefix = ?, number_year = ?,"
		     " number_seq = ?, issued_at = ?, issued_by = ?, "
		     "updated_at = ? WHERE id = ? AND status = 'draft'",
		     &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, body);
	qc_stmt_bind_text(st, 2, qc_buf_str(&num));
	qc_stmt_bind_text(st, 3, prefix);
	qc_stmt_bind_int(st, 4, y);
	qc_stmt_bind_int(st, 5, seq);
	qc_stmt_bind_text(st, 6, now);
	qc_stmt_bind_text(st, 7, actor);
	qc_stmt_bind_text(st, 8, now);
	qc_stmt_bind_int(st, 9, id);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	if (!rc) {
		rc = qc_audit_add_json(s, actor, "issue", "document", key,
				       qc_xjson_pack("{s:s}", "status",
						     "draft"),
				       qc_xjson_pack("{s:s, s:s, s:O}",
						     "status", "issued",
						     "number", qc_buf_str(&num),
						     "sha256", hashes),
				       err);
	}
out:
	json_decref(hashes);
	rc = qc_store_end(s, rc, err);
	if (!rc && number)
		*number = qc_buf_detach(&num, NULL);
	qc_buf_release(&num);
	qc_doc_free(d);
	free(before);
	free(body);
	return rc;
}

enum qc_rc qc_doc_list(struct qc_store *s, long long plan_id, bool issued_only,
		       struct qc_doc_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT " INFO_COLS " FROM documents "
				  "WHERE (? = 0 OR plan_id = ?) AND (? = 0 OR status = "
				  "'issued') ORDER BY id DESC",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	qc_stmt_bind_int(st, 2, plan_id);
	qc_stmt_bind_int(st, 3, issued_only);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		info_from(st, &out->v[out->n++]);
	}
	qc_stmt_free(st);
	if (qc_step_failed(r))
		qc_doc_list_release(out);
	return qc_step_rc(r);
}

enum qc_rc qc_doc_file(struct qc_store *s, int64_t id, enum qc_doc_format f,
		       struct qc_buf *out, char sha256[65],
		       struct qc_error *err)
{
	struct qc_doc_info info;
	struct qc_doc *d = NULL;
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	if (sodium_init() < 0)
		return qc_error_set(err, QC_EIO, "libsodium did not start");
	if ((rc = qc_doc_load(s, id, &info, &d, err)))
		return rc;
	if (!info.status || strcmp(info.status, "issued")) { /* a draft */
		size_t start = qc_buf_len(out);
		if (!(rc = qc_doc_write(d, f, out, err)))
			hex_sha256(qc_buf_str(out) + start,
				   qc_buf_len(out) - start, sha256);
		goto out;
	}
	if ((rc = qc_stmt_prepare(s,
				  "SELECT content, sha256 FROM "
				  "document_files WHERE document_id = ? AND "
				  "format = ?",
				  &st, err)))
		goto out;
	qc_stmt_bind_int(st, 1, id);
	qc_stmt_bind_text(st, 2, qc_doc_format_name(f));
	r = qc_stmt_next(st, err);
	if (r == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "document %lld (%s) was not "
				  "issued as %s",
				  (long long)id, info.number,
				  qc_doc_format_name(f));
	} else if (qc_step_failed(r)) {
		rc = qc_step_rc(r);
	} else {
		const char *b64 = qc_stmt_text(st, 0);
		size_t cap = strlen(b64) / 4 * 3 + 3, len = 0;
		unsigned char *bin = qc_xmalloc(cap);
		if (sodium_base642bin(bin, cap, b64, strlen(b64), NULL, &len,
				      NULL, sodium_base64_VARIANT_ORIGINAL))
			rc = qc_error_set(err, QC_ECORRUPT,
					  "document %lld: the "
					  "stored %s is not base64",
					  (long long)id, qc_doc_format_name(f));
		else if (!qc_buf_add(out, bin, len))
			rc = qc_error_set(err, QC_EIO,
					  "document %lld: the %s "
					  "does not fit the buffer",
					  (long long)id, qc_doc_format_name(f));
		else
			snprintf(sha256, 65, "%s", qc_stmt_text(st, 1));
		free(bin);
	}
	qc_stmt_free(st);
out:
	qc_doc_info_release(&info);
	qc_doc_free(d);
	return rc;
}
