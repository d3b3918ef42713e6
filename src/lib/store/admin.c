/* Whole databases by URI, without opening them as stores: whether one
 * exists, and emptying one (demo --force, db restore --force). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "qcity/store.h"
#include "store_int.h"
#include "banned.h"

/* PostgreSQL: ask the catalogue, through the driver without migrating. */
static int pg_query_bool(const char *uri, const char *sql, struct qc_error *err)
{
	void *conn = NULL, *st = NULL;
	int v = -1;
	if (qc_pg_ops.open(uri, &conn, err))
		return -1;
	if (!qc_pg_ops.prepare(conn, sql, &st, err)) {
		int r = qc_pg_ops.step(st, err);
		if (r == QC_ROW)
			v = (int)qc_pg_ops.col_int(st, 0);
		else if (r == QC_DONE)
			v = 0;
		qc_pg_ops.finalize(st);
	}
	qc_pg_ops.close(conn);
	return v;
}

bool qc_store_exists(const char *uri)
{
	if (!uri || !*uri)
		return false;
	if (!qc_store_uri_is_pg(uri))
		return access(uri, F_OK) == 0;
	return pg_query_bool(uri,
			     "SELECT to_regclass('schema_migrations')"
			     " IS NOT NULL",
			     NULL) == 1;
}

enum qc_rc qc_store_reset(const char *uri, struct qc_error *err)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[4096];

	/* qcity's tables only: the schema may hold someone else's. */
	if (qc_store_uri_is_pg(uri))
		return qc_store_pg_fresh(uri, err);
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", uri, suffix[i]);
		if (unlink(p) && access(p, F_OK) == 0)
			return qc_error_set(err, QC_EIO, "cannot remove %s", p);
	}
	return QC_OK;
}
