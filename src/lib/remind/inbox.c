/* A user's inbox: the reminder events put there by the scan, read and
 * marked read by the user alone. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/remind.h"
#include "qcity/store.h"
#include "banned.h"

void qc_inbox_release(struct qc_inbox *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct qc_inbox_item *x = &b->v[i];
		free(x->kind);
		free(x->title);
		free(x->body);
		free(x->link);
		free(x->created_at);
		free(x->read_at);
	}
	free(b->v);
	memset(b, 0, sizeof(*b));
}

enum qc_rc qc_inbox_unread(struct qc_store *s, int64_t user_id, int64_t *n,
			   struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;
	*n = 0;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT COUNT(*) FROM inbox WHERE user_id"
				  " = ? AND read_at IS NULL",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, user_id);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		*n = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_inbox_list(struct qc_store *s, int64_t user_id, bool unread_only,
			 int limit, struct qc_inbox *out, struct qc_error *err)
{
	struct qc_stmt *st;
	int64_t unread;
	enum qc_rc rc;
	int r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_inbox_unread(s, user_id, &unread, err)))
		return rc;
	out->unread = (size_t)unread;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT i.id, e.kind, e.title, e.body,"
				  " e.link, i.created_at, i.read_at FROM inbox i"
				  " JOIN remind_events e ON e.id = i.event_id"
				  " WHERE i.user_id = ? AND (? = 0 OR i.read_at"
				  " IS NULL) ORDER BY i.id DESC LIMIT ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, user_id);
	qc_stmt_bind_int(st, 2, unread_only);
	qc_stmt_bind_int(st, 3, limit > 0 ? limit : 200);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_inbox_item *x = &out->v[out->n++];
		x->id = qc_stmt_int(st, 0);
		x->kind = qc_xstrdup(qc_stmt_text(st, 1));
		x->title = qc_xstrdup(qc_stmt_text(st, 2));
		x->body = qc_xstrdup(qc_stmt_text(st, 3));
		x->link = qc_xstrdup(qc_stmt_text(st, 4));
		x->created_at = qc_xstrdup(qc_stmt_text(st, 5));
		x->read_at = qc_xstrdup(qc_stmt_text(st, 6));
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(r)))
		qc_inbox_release(out);
	return rc;
}

enum qc_rc qc_inbox_mark_read(struct qc_store *s, int64_t user_id, int64_t id,
			      const char *actor, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char now[32], key[32];
	enum qc_rc rc;
	enum qc_rc r;
	int n = 0;

	if ((rc = qc_store_begin(s, err)))
		return rc;
	if (id) {
		r = qc_stmt_row_ids(s,
				    "SELECT 1 FROM inbox WHERE id = ? AND"
				    " user_id = ?",
				    QC_IDS(id, user_id), &st, err);
		qc_stmt_free(st);
		st = NULL;
		if (r != QC_ROW) {
			rc = r == QC_DONE ?
				     qc_error_set(err, QC_ENOTFOUND,
						  "no inbox item %lld of yours",
						  (long long)id) :
				     r;
			goto out;
		}
	}
	qc_now_iso(now, sizeof(now));
	if ((rc = qc_stmt_prepare(s,
				  "UPDATE inbox SET read_at = ? WHERE"
				  " user_id = ? AND read_at IS NULL AND (? = 0"
				  " OR id = ?) RETURNING id",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, now);
	qc_stmt_bind_int(st, 2, user_id);
	qc_stmt_bind_int(st, 3, id);
	qc_stmt_bind_int(st, 4, id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		n++;
	if ((rc = qc_step_rc(r)))
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)user_id);
	if (n)
		rc = qc_audit_add_json(s, actor, "read", "inbox", key, NULL,
				       qc_xjson_pack("{s:o, s:i}", "item",
						     id ? json_integer(id) :
							  json_string("all"),
						     "marked", n),
				       err);
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}
