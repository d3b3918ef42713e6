/* Bulk loads of rows already checked by the library (COPY on PostgreSQL),
 * for importers that stage a table and then write it set-based. */
#include <stdio.h>
#include <string.h>

#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "store_int.h"
#include "banned.h"

bool qc_store_can_copy(struct qc_store *s)
{
	const struct qc_store_ops *ops = qc_store_ops_of(s);
	return ops->bulk_begin && ops->bulk_data && ops->bulk_end;
}

enum qc_rc qc_store_copy_in(struct qc_store *s, const char *table,
			    const char *const *cols, int ncols,
			    const char *data, size_t len, struct qc_error *err)
{
	const struct qc_store_ops *ops = qc_store_ops_of(s);
	void *conn = qc_store_conn_of(s);
	enum qc_rc rc, end;

	if (!qc_store_can_copy(s))
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "bulk load: the %s driver has none",
				    ops->name);
	if ((rc = ops->bulk_begin(conn, table, (char *const *)cols, ncols,
				  err)))
		return rc;
	rc = ops->bulk_data(conn, data, len, err);
	/* The COPY is ended either way, so the connection is usable (the
	 * transaction is then rolled back by the caller). */
	end = ops->bulk_end(conn, rc ? NULL : err);
	return rc ? rc : end;
}

void qc_copy_field(struct qc_buf *b, const char *v, bool first, bool last)
{
	if (!first)
		qc_buf_addch(b, '\t');
	if (!v) {
		qc_buf_add(b, "\\N", 2);
	} else {
		const char *p = v;
		while (*p) {
			size_t run = strcspn(p, "\\\t\n\r");
			qc_buf_add(b, p, run);
			p += run;
			if (!*p)
				break;
			qc_buf_add(b,
				   *p == '\\' ? "\\\\" :
				   *p == '\t' ? "\\t" :
				   *p == '\n' ? "\\n" :
						"\\r",
				   2);
			p++;
		}
	}
	if (last)
		qc_buf_addch(b, '\n');
}
