/* One instrument of the metrology register with its verifications and
 * the office's period for its kind (qcity/metrology_read.h), for the
 * page and the API. Judged as the list judges it (metrology_list.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/metrology_read.h"
#include "qcity/num.h"
#include "qcity/store.h"
#include "qcity/text.h"
#include "metrology_int.h"
#include "banned.h"

/* The instrument's own fields by number on record, else by id. */
static enum qc_rc lookup(struct qc_store *s, const char *ref,
			 struct qc_metrology_instrument *u, int64_t *id,
			 char **code, char prov[QC_REGION_CODE_SIZE],
			 struct qc_error *err)
{
	static const char *const by[] = {
		"SELECT id, code, model, serial_no, status_on, province_code"
		" FROM metrology_instruments WHERE code = ?",
		"SELECT id, code, model, serial_no, status_on, province_code"
		" FROM metrology_instruments WHERE id = ?",
	};
	struct qc_stmt *st;
	int64_t n;
	enum qc_rc rc = QC_DONE;

	*id = 0;
	for (int i = 0; i < 2 && rc == QC_DONE; i++) {
		if (i == 0)
			rc = qc_stmt_row(s, by[0], QC_TEXTS(ref), &st, err);
		else if (qc_parse_int64(ref, 1, INT64_MAX, &n))
			rc = qc_stmt_row_ids(s, by[1], QC_IDS(n), &st, err);
	}
	if (rc == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND,
				    "instrument %s: not on record", ref);
	if (rc != QC_ROW)
		return rc;
	*id = qc_stmt_int(st, 0);
	*code = qc_xstrdup(qc_stmt_text(st, 1));
	u->model = qc_xstrdup(qc_stmt_text(st, 2));
	u->serial_no = qc_xstrdup(qc_stmt_text(st, 3));
	qc_utf8_copy(u->status_on, sizeof(u->status_on), qc_stmt_text(st, 4));
	qc_utf8_copy(prov, QC_REGION_CODE_SIZE, qc_stmt_text(st, 5));
	qc_stmt_free(st);
	return QC_OK;
}

static enum qc_rc period(struct qc_store *s, struct qc_metrology_instrument *u,
			 struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc = qc_stmt_row(s,
				    "SELECT months, basis FROM"
				    " metrology_periods WHERE kind = ?",
				    QC_TEXTS(u->m.kind), &st, err);
	if (rc != QC_ROW)
		return rc == QC_DONE ? QC_OK : rc;
	u->period_months = (int)qc_stmt_int(st, 0);
	u->period_basis = qc_xstrdup(qc_stmt_text(st, 1));
	qc_stmt_free(st);
	return QC_OK;
}

static enum qc_rc history(struct qc_store *s, const char *prov, int64_t id,
			  struct qc_metrology_instrument *u,
			  struct qc_error *err)
{
	struct qc_stmt *st;
	size_t alloc = 0;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT verified_on, due_on, next_due,"
				  " result, certificate, actor, recorded_at"
				  " FROM metrology_verifications WHERE"
				  " instrument_id = ? AND province_code = ?"
				  " ORDER BY verified_on DESC, id DESC",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	qc_stmt_bind_text(st, 2, prov);
	while ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(u->checks, u->n_checks + 1, alloc);
		struct qc_metrology_check *x = &u->checks[u->n_checks++];
		qc_utf8_copy(x->verified_on, sizeof(x->verified_on),
			     qc_stmt_text(st, 0));
		qc_utf8_copy(x->due_on, sizeof(x->due_on), qc_stmt_text(st, 1));
		qc_utf8_copy(x->next_due, sizeof(x->next_due),
			     qc_stmt_text(st, 2));
		qc_utf8_copy(x->result, sizeof(x->result), qc_stmt_text(st, 3));
		x->certificate = qc_xstrdup(qc_stmt_text(st, 4));
		x->actor = qc_xstrdup(qc_stmt_text(st, 5));
		x->recorded_at = qc_xstrdup(qc_stmt_text(st, 6));
	}
	qc_stmt_free(st);
	return qc_step_rc(rc);
}

enum qc_rc qc_metrology_get(struct qc_store *s, const char *ref, long on,
			    struct qc_metrology_instrument *out,
			    struct qc_error *err)
{
	struct qc_metrology_list l = { 0 };
	char *code = NULL, prov[QC_REGION_CODE_SIZE] = "";
	int64_t id;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = lookup(s, ref, out, &id, &code, prov, err)) ||
	    (rc = qc_mtr_listed(s, code, on, &l, err)))
		goto done;
	if (!l.n) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "instrument %s: not on record", ref);
		goto done;
	}
	out->m = l.v[0];
	l.n = 0; /* the row is out's now */
	if (!(rc = period(s, out, err)))
		rc = history(s, prov, id, out, err);
done:
	free(code);
	qc_metrology_list_release(&l);
	return rc;
}

void qc_metrology_instrument_release(struct qc_metrology_instrument *u)
{
	/* The listed row's strings, freed as the list frees them. */
	struct qc_metrology_list one = { 0 };
	if (u->m.code) {
		QC_GROW(one.v, 1, one.alloc);
		one.v[0] = u->m;
		one.n = 1;
	}
	qc_metrology_list_release(&one);
	for (size_t i = 0; i < u->n_checks; i++) {
		free(u->checks[i].certificate);
		free(u->checks[i].actor);
		free(u->checks[i].recorded_at);
	}
	free(u->checks);
	free(u->model);
	free(u->serial_no);
	free(u->period_basis);
	memset(u, 0, sizeof(*u));
}
