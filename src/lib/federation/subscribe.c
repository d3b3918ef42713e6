/* The national server's subscriptions to the provinces: add, remove,
 * status (federation.h). CREATE and DROP SUBSCRIPTION cannot run inside
 * a transaction, so each runs alone and the bookkeeping row and its audit
 * entry follow in one transaction (undone by hand when that fails). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/audit.h"
#include "qcity/federation.h"
#include "qcity/region_code.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "federation_int.h"
#include "banned.h"

/* The part of a URI after '@' (host:port/db), so a password is never
 * stored or shown. */
static const char *shown(const char *uri)
{
	const char *at = strrchr(uri, '@');
	return at ? at + 1 : uri;
}

/* The catalogue's ids must be the same on both servers: replicated rows
 * refer to indicators and product categories by id. */
static const char catalogue_sql[] =
	"SELECT COALESCE(md5(string_agg(CAST(id AS TEXT) || ':' || name, ','"
	" ORDER BY id)), '') FROM indicators WHERE in_catalog = 1";

static enum qc_rc province_of(const char *uri, struct qc_store *nation,
			      char province[7], struct qc_error *err)
{
	struct qc_store *p = NULL;
	char *code = NULL, *a = NULL, *b = NULL;
	enum qc_rc rc;

	/* Opened as it is (migration 1 is there already), never migrated
	 * from here: a province at another schema is refused below. */
	if ((rc = qc_store_open_at(uri, 1, &p, err))) {
		qc_error_prefix(err, "cannot reach the province server");
		return rc;
	}
	if ((rc = qc_fed_need_pg(p, err)))
		goto out;
	if ((rc = qc_store_get_text(p,
				    "SELECT substr(pubname, 7) FROM"
				    " pg_publication WHERE pubname LIKE"
				    " 'qcity\\_%' ORDER BY pubname LIMIT 1",
				    NULL, 0, &code, err)))
		goto out;
	if (!code || !qc_province_code_ok(code)) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "%s publishes no province: run `qcity "
				  "federation publish --province CODE` there",
				  shown(uri));
		goto out;
	}
	if (qc_store_schema_version(p) != qc_store_schema_version(nation)) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "the province is at schema %d and the nation "
				  "at %d: migrate both to one qcity first",
				  qc_store_schema_version(p),
				  qc_store_schema_version(nation));
		goto out;
	}
	if ((rc = qc_store_get_text(p, catalogue_sql, NULL, 0, &a, err)) ||
	    (rc = qc_store_get_text(nation, catalogue_sql, NULL, 0, &b, err)))
		goto out;
	if (!a || !b || strcmp(a, b)) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "the indicator catalogue's ids differ between "
				  "the province and the nation: run `qcity init` "
				  "of one qcity on both");
		goto out;
	}
	snprintf(province, 7, "%s", code);
out:
	free(code);
	free(a);
	free(b);
	qc_store_close(p);
	return rc;
}

/* A slot of ours left behind on the province by a removal while it was
 * down. Called only when this nation follows no such province, so the
 * slot is nobody's here; an active one is being read by someone else. */
static enum qc_rc drop_left_slot(const char *uri, const char *province,
				 struct qc_error *err)
{
	struct qc_store *p = NULL;
	int64_t n = 0;
	bool found = false;
	enum qc_rc rc;

	if ((rc = qc_store_open_at(uri, 1, &p, err)))
		return rc;
	rc = qc_store_get_int(p,
			      "SELECT COUNT(*) FROM pg_replication_slots WHERE"
			      " slot_name = 'qcity_' || ? AND active",
			      QC_TEXTS(province), &n, &found, err);
	if (!rc && n > 0)
		rc = qc_error_set(err, QC_ECONFLICT,
				  "province %s is being read by another "
				  "subscriber (its slot qcity_%s is active)",
				  province, province);
	if (!rc)
		rc = qc_store_get_int(p,
				      "SELECT COUNT(pg_drop_replication_slot("
				      "slot_name)) FROM pg_replication_slots"
				      " WHERE slot_name = 'qcity_' || ?",
				      QC_TEXTS(province), &n, &found, err);
	qc_store_close(p);
	return rc;
}

enum qc_rc qc_fed_add(struct qc_store *s, const char *uri, const char *actor,
		      char province[7], struct qc_error *err)
{
	struct qc_buf sql = QC_BUF_INIT;
	char after[160];
	int64_t n = 0;
	bool found = false;
	enum qc_rc rc;

	province[0] = '\0';
	if ((rc = qc_fed_need_pg(s, err)))
		return rc;
	if (!qc_store_national(s))
		return qc_error_set(err, QC_ECONFLICT,
				    "this is not a national server: run `qcity "
				    "db init --national` on it first");
	if (!qc_store_uri_is_pg(uri) || strchr(uri, '\''))
		return qc_error_set(err, QC_EINVAL,
				    "give the province server as a postgres:// "
				    "URI the national server can reach");
	if ((rc = province_of(uri, s, province, err)))
		return rc;
	if ((rc = qc_store_get_int(s,
				   "SELECT COUNT(*) FROM federation_provinces"
				   " WHERE province_code = ?",
				   QC_TEXTS(province), &n, &found, err)))
		return rc;
	if (n > 0)
		return qc_error_set(err, QC_ECONFLICT,
				    "province %s is followed already (qcity "
				    "federation status)",
				    province);
	/* A nation made by an older qcity lacks the provinces' names of
	 * categories and series (their initial copy would fail and hold the
	 * whole province). */
	if ((rc = qc_fed_mirrors_missing(s, &n, err)))
		return rc;
	if (n > 0)
		return qc_error_set(err, QC_ECONFLICT,
				    "this national server lacks the tables of "
				    "the provinces' names (federation_"
				    "categories, federation_indicators): run "
				    "`qcity db init --national` on it again "
				    "first");
	if ((rc = drop_left_slot(uri, province, err)))
		return rc;
	qc_buf_addf(&sql,
		    "CREATE SUBSCRIPTION qcity_%s CONNECTION '%s' PUBLICATION"
		    " qcity_%s WITH (copy_data = true)",
		    province, uri, province);
	rc = qc_store_exec(s, qc_buf_str(&sql), err);
	qc_buf_release(&sql);
	if (rc) {
		qc_error_prefix(err, "cannot subscribe to province %s",
				province);
		return rc;
	}
	snprintf(after, sizeof(after),
		 "{\"province\":\"%s\",\"server\":\"%.100s\"}", province,
		 shown(uri));
	if ((rc = qc_store_begin(s, err)))
		goto undo;
	struct qc_stmt *st = NULL;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO federation_provinces (province_code,"
			     " server, added_at, added_by) VALUES (?, ?,"
			     " to_char(now() AT TIME ZONE 'UTC',"
			     " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ?)",
			     &st, err);
	if (!rc) {
		qc_stmt_bind_text(st, 1, province);
		qc_stmt_bind_text(st, 2, shown(uri));
		qc_stmt_bind_text(st, 3, actor);
		rc = qc_stmt_run(st, err);
		qc_stmt_free(st);
	}
	if (!rc)
		rc = qc_audit_add(s, actor, "add_province", "federation",
				  province, NULL, after, err);
	if (!(rc = qc_store_end(s, rc, err)))
		return QC_OK;
undo:
	qc_buf_addf(&sql, "DROP SUBSCRIPTION IF EXISTS qcity_%s", province);
	qc_store_exec(s, qc_buf_str(&sql), NULL);
	qc_buf_release(&sql);
	return rc;
}

enum qc_rc qc_fed_remove(struct qc_store *s, const char *province,
			 bool keep_rows, const char *actor,
			 struct qc_error *err)
{
	struct qc_buf sql = QC_BUF_INIT;
	char after[96];
	int64_t n = 0;
	bool found = false, slot_left = false;
	enum qc_rc rc;

	if ((rc = qc_fed_need_pg(s, err)))
		return rc;
	if (!qc_province_code_ok(province))
		return qc_error_set(err, QC_EINVAL,
				    "province '%s': give a province code, six "
				    "digits ending in 0000 (230000)",
				    province ? province : "");
	if ((rc = qc_store_get_int(s,
				   "SELECT COUNT(*) FROM federation_provinces"
				   " WHERE province_code = ?",
				   QC_TEXTS(province), &n, &found, err)))
		return rc;
	if (n == 0)
		return qc_error_set(err, QC_ENOTFOUND,
				    "province %s is not followed here (qcity "
				    "federation status)",
				    province);
	qc_buf_addf(&sql, "DROP SUBSCRIPTION IF EXISTS qcity_%s", province);
	if (qc_store_exec(s, qc_buf_str(&sql), NULL)) {
		/* The province cannot be reached to drop its slot: drop the
		 * subscription alone; the slot stays there (and keeps WAL)
		 * until someone drops it. */
		slot_left = true;
		qc_buf_reset(&sql);
		qc_buf_addf(&sql,
			    "ALTER SUBSCRIPTION qcity_%s DISABLE;"
			    " ALTER SUBSCRIPTION qcity_%s SET (slot_name ="
			    " NONE)",
			    province, province);
		if (!(rc = qc_store_exec(s, qc_buf_str(&sql), err))) {
			qc_buf_reset(&sql);
			qc_buf_addf(&sql, "DROP SUBSCRIPTION qcity_%s",
				    province);
			rc = qc_store_exec(s, qc_buf_str(&sql), err);
		}
		if (rc)
			goto out;
	}
	qc_buf_reset(&sql);
	/* The national server's guard (qcity_province_readonly) does not
	 * fire in replica mode, as for replication itself. */
	qc_buf_adds(&sql, "SET LOCAL session_replication_role = replica;\n");
	for (const struct qc_fed_table *t = qc_fed_tables; t->name; t++)
		qc_buf_addf(&sql, "DELETE FROM %s WHERE %s = '%s';\n", t->name,
			    qc_fed_prov(t), province);
	for (size_t i = 0; i < QC_FED_N_MIRRORS; i++)
		qc_buf_addf(&sql,
			    "DO $d$ BEGIN IF to_regclass('%s') IS NOT NULL THEN"
			    " DELETE FROM %s WHERE province_code = '%s'; END"
			    " IF; END $d$;\n",
			    qc_fed_mirrors[i].mirror, qc_fed_mirrors[i].mirror,
			    province);
	snprintf(after, sizeof(after),
		 "{\"province\":\"%s\",\"rows_kept\":%s,\"slot_left\":%s}",
		 province, keep_rows ? "true" : "false",
		 slot_left ? "true" : "false");
	if ((rc = qc_store_begin(s, err)))
		goto out;
	if (!keep_rows)
		rc = qc_store_exec(s, qc_buf_str(&sql), err);
	if (!rc) {
		struct qc_stmt *st = NULL;
		rc = qc_stmt_prepare(s,
				     "DELETE FROM federation_provinces WHERE"
				     " province_code = ?",
				     &st, err);
		if (!rc) {
			qc_stmt_bind_text(st, 1, province);
			rc = qc_stmt_run(st, err);
			qc_stmt_free(st);
		}
	}
	if (!rc)
		rc = qc_audit_add(s, actor, "remove_province", "federation",
				  province, NULL, after, err);
	rc = qc_store_end(s, rc, err);
out:
	qc_buf_release(&sql);
	if (rc)
		qc_error_prefix(err, "cannot remove province %s", province);
	return rc;
}

enum qc_rc qc_fed_status(struct qc_store *s, struct qc_fed_status *out,
			 struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	struct qc_buf rows = QC_BUF_INIT;
	enum qc_rc rc, r = QC_OK;
	size_t alloc = 0;
	char **conninfo = NULL;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_fed_need_pg(s, err)))
		return rc;
	if (!qc_store_national(s))
		return qc_error_set(err, QC_ECONFLICT,
				    "this is not a national server (qcity db "
				    "init --national)");
	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT f.province_code, f.server, st.pid IS NOT NULL,"
		     " CAST(st.received_lsn AS TEXT),"
		     " to_char(st.last_msg_receipt_time AT TIME ZONE 'UTC',"
		     " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), sub.subconninfo,"
		     " r.name FROM federation_provinces f"
		     " LEFT JOIN regions r ON r.code = f.province_code"
		     " LEFT JOIN pg_subscription sub ON sub.subname ="
		     " 'qcity_' || f.province_code"
		     " LEFT JOIN pg_stat_subscription st ON st.subid = sub.oid"
		     " AND st.relid IS NULL ORDER BY f.province_code",
		     &st, err)))
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		if (out->n == alloc) {
			alloc = alloc ? 2 * alloc : 8;
			out->v = qc_xreallocarray(out->v, alloc,
						  sizeof(*out->v));
			conninfo = qc_xreallocarray(conninfo, alloc,
						    sizeof(*conninfo));
		}
		conninfo[out->n] = qc_xstrdup(qc_stmt_text(st, 5));
		struct qc_fed_province *p = &out->v[out->n++];
		memset(p, 0, sizeof(*p));
		snprintf(p->code, sizeof(p->code), "%s", qc_stmt_text(st, 0));
		p->server = qc_xstrdup(qc_stmt_text(st, 1));
		p->streaming = qc_stmt_int(st, 2) != 0;
		p->received_lsn = qc_xstrdup(qc_stmt_text(st, 3));
		p->last_receipt = qc_xstrdup(qc_stmt_text(st, 4));
		p->name = qc_xstrdup(qc_stmt_text(st, 6));
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(r)))
		goto out;
	/* Every province at once: one timeout in all, not one each. */
	qc_fed_probe(out->v, conninfo, out->n, QC_FED_CONNECT_TIMEOUT);
	qc_buf_adds(&rows, "SELECT ");
	for (const struct qc_fed_table *t = qc_fed_tables; t->name; t++)
		qc_buf_addf(&rows, "%s(SELECT COUNT(*) FROM %s WHERE %s = ?)",
			    t == qc_fed_tables ? "" : " + ", t->name,
			    qc_fed_prov(t));
	for (size_t i = 0; i < out->n; i++) {
		struct qc_fed_province *p = &out->v[i];
		if ((rc = qc_store_get_text(s,
					    "SELECT MAX(at) FROM audit_log WHERE"
					    " province_code = ?",
					    QC_TEXTS(p->code), &p->as_of, err)))
			goto out;
		if ((rc = qc_stmt_prepare(s, qc_buf_str(&rows), &st, err)))
			goto out;
		int k = 1;
		for (const struct qc_fed_table *t = qc_fed_tables; t->name; t++)
			qc_stmt_bind_text(st, k++, p->code);
		r = qc_stmt_next(st, err);
		if (r == QC_ROW)
			p->rows = qc_stmt_int(st, 0);
		qc_stmt_free(st);
		if ((rc = qc_step_rc(r)))
			goto out;
	}
out:
	for (size_t i = 0; conninfo && i < out->n; i++)
		free(conninfo[i]);
	free(conninfo);
	qc_buf_release(&rows);
	if (rc)
		qc_fed_status_release(out);
	return rc;
}

void qc_fed_status_release(struct qc_fed_status *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->v[i].name);
		free(st->v[i].server);
		free(st->v[i].received_lsn);
		free(st->v[i].last_receipt);
		free(st->v[i].as_of);
	}
	free(st->v);
	st->v = NULL;
	st->n = 0;
}
