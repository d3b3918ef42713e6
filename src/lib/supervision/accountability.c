/* Accountability records (约谈, 通报批评, 问责) of a unit and a year, which
 * the annual assessment deducts for (src/lib/engine/assess.c). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/names.h"
#include "qcity/store.h"
#include "qcity/supervision.h"
#include "banned.h"

static const char *const names[QC_ACC__KINDS] = {
	"interview",
	"criticism",
	"accountability",
};
static const char *const labels[QC_ACC__KINDS] = {
	"约谈",
	"通报批评",
	"问责",
};

const char *qc_acc_kind_name(enum qc_acc_kind k)
{
	return (unsigned)k < QC_ACC__KINDS ? names[k] : "?";
}

const char *qc_acc_kind_label(enum qc_acc_kind k)
{
	return (unsigned)k < QC_ACC__KINDS ? labels[k] : "?";
}

bool qc_acc_kind_parse(const char *s, enum qc_acc_kind *out)
{
	int k = QC_NAME_INDEX(names, s);
	if (k < 0)
		k = QC_NAME_INDEX(labels, s);
	if (k >= 0)
		*out = (enum qc_acc_kind)k;
	return k >= 0;
}

/* QC_OK when sql finds a row for ids, QC_ENOTFOUND when it finds none
 * (the caller says what), else the error. */
static enum qc_rc found(struct qc_store *s, const char *sql, const int64_t *ids,
			int n, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	enum qc_rc r = qc_stmt_row_ids(s, sql, ids, n, &st, err);

	qc_stmt_free(st);
	return r == QC_ROW ? QC_OK : r == QC_DONE ? QC_ENOTFOUND : r;
}

enum qc_rc qc_acc_add(struct qc_store *s, int64_t unit_id, int year,
		      enum qc_acc_kind kind, int64_t item_id, const char *note,
		      const char *actor, int64_t *out_id, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char now[32], key[32];
	int64_t id = 0;
	enum qc_rc rc;

	if ((unsigned)kind >= QC_ACC__KINDS)
		return qc_error_set(
			err, QC_EINVAL,
			"kind: interview (约谈), "
			"criticism (通报批评) or accountability (问责)");
	if (year < 1949 || year > 9999)
		return qc_error_set(err, QC_EINVAL, "year: %d is not a year",
				    year);
	if (note && strlen(note) > 8000)
		return qc_error_set(err, QC_EINVAL, "note: at most 8000 bytes");
	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = found(s, "SELECT 1 FROM units WHERE id = ?", QC_IDS(unit_id), err);
	if (rc == QC_ENOTFOUND)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "unit: no unit %lld (see `qcity unit list`)",
				  (long long)unit_id);
	if (!rc && item_id) {
		rc = found(s,
			   "SELECT 1 FROM supervision_items WHERE id = ? AND"
			   " unit_id = ?",
			   QC_IDS(item_id, unit_id), err);
		if (rc == QC_ENOTFOUND)
			rc = qc_error_set(err, QC_ENOTFOUND,
					  "item: no supervision item %lld of "
					  "that unit",
					  (long long)item_id);
	}
	if (rc)
		goto out;
	qc_now_iso(now, sizeof(now));
	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO accountability (unit_id, year,"
				  " kind, item_id, note, recorded_by,"
				  " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
				  " RETURNING id",
				  &st, err)))
		goto out;
	qc_stmt_bind_int(st, 1, unit_id);
	qc_stmt_bind_int(st, 2, year);
	qc_stmt_bind_text(st, 3, names[kind]);
	if (item_id)
		qc_stmt_bind_int(st, 4, item_id);
	else
		qc_stmt_bind_null(st, 4);
	qc_stmt_bind_text(st, 5, note && *note ? note : NULL);
	qc_stmt_bind_text(st, 6, actor);
	qc_stmt_bind_text(st, 7, now);
	if ((rc = qc_stmt_run_id(st, &id, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)id);
	rc = qc_audit_add_json(s, actor, "add", "accountability", key, NULL,
			       qc_xjson_pack("{s:I, s:i, s:s, s:o, s:s?}",
					     "unit", (json_int_t)unit_id,
					     "year", year, "kind", names[kind],
					     "item",
					     item_id ? json_integer(item_id) :
						       json_null(),
					     "note", note),
			       err);
out:
	qc_stmt_free(st);
	if (!rc && out_id)
		*out_id = id;
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_acc_list(struct qc_store *s, int64_t unit_id, int year,
		       struct qc_acc_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT a.id, a.unit_id, a.item_id,"
		     " u.name, u.region_code, a.year, a.kind, a.note, a.recorded_by,"
		     " a.recorded_at FROM accountability a JOIN units u ON u.id ="
		     " a.unit_id WHERE (? = 0 OR a.unit_id = ?) AND (? = 0 OR a.year"
		     " = ?) ORDER BY a.id DESC",
		     &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, unit_id);
	qc_stmt_bind_int(st, 2, unit_id);
	qc_stmt_bind_int(st, 3, year);
	qc_stmt_bind_int(st, 4, year);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_acc_record *a = &out->v[out->n++];
		memset(a, 0, sizeof(*a));
		a->id = qc_stmt_int(st, 0);
		a->unit_id = qc_stmt_int(st, 1);
		a->item_id = qc_stmt_is_null(st, 2) ? 0 : qc_stmt_int(st, 2);
		a->unit = qc_xstrdup(qc_stmt_text(st, 3));
		a->region = qc_xstrdup(qc_stmt_text(st, 4));
		a->year = (int)qc_stmt_int(st, 5);
		qc_acc_kind_parse(qc_stmt_text(st, 6), &a->kind);
		a->note = qc_xstrdup(qc_stmt_text(st, 7));
		a->recorded_by = qc_xstrdup(qc_stmt_text(st, 8));
		a->recorded_at = qc_xstrdup(qc_stmt_text(st, 9));
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(r)))
		qc_acc_list_release(out);
	return rc;
}

void qc_acc_list_release(struct qc_acc_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].unit);
		free(l->v[i].region);
		free(l->v[i].note);
		free(l->v[i].recorded_by);
		free(l->v[i].recorded_at);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

enum qc_rc qc_acc_count(struct qc_store *s, const char *unit, int year,
			int count[QC_ACC__KINDS], struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;

	memset(count, 0, sizeof(int) * QC_ACC__KINDS);
	if ((rc = qc_stmt_prepare(s,
				  "SELECT a.kind, COUNT(*) FROM"
				  " accountability a JOIN units u ON u.id ="
				  " a.unit_id WHERE u.name = ? AND a.year = ?"
				  " GROUP BY a.kind",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, unit);
	qc_stmt_bind_int(st, 2, year);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		enum qc_acc_kind k;
		if (qc_acc_kind_parse(qc_stmt_text(st, 0), &k))
			count[k] = (int)qc_stmt_int(st, 1);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}
