/* Reported values of indicators per region and period, one by one or from
 * CSV, always audited and always all-or-nothing. */
#include <jansson.h>
#include "qcity/json.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/indicator.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "qcity/table.h"
#include "qcity/text.h"
#include "banned.h"

bool qc_period_valid(const char *p)
{
	int y, n = 0;
	char tail[8];

	if (!p || sscanf(p, "%4d%n", &y, &n) != 1 || n != 4 || y < 1949 ||
	    y > 2200 || strspn(p, "0123456789") < 4)
		return false;
	if (!p[4])
		return true;
	if (p[4] != '-' || strlen(p + 5) > 3)
		return false;
	snprintf(tail, sizeof(tail), "%s", p + 5);
	if ((tail[0] == 'H' && (tail[1] == '1' || tail[1] == '2')) ||
	    (tail[0] == 'Q' && tail[1] >= '1' && tail[1] <= '4'))
		return tail[2] == '\0';
	if (strlen(tail) == 2 && strspn(tail, "0123456789") == 2) {
		int m = atoi(tail);
		return m >= 1 && m <= 12;
	}
	return false;
}

const char *qc_period_label(const char *p, char *buf, size_t n)
{
	if (!qc_period_valid(p)) {
		snprintf(buf, n, "%s", p ? p : "");
		return buf;
	}
	int y = atoi(p);
	if (!p[4])
		snprintf(buf, n, _("%d"), y);
	else if (p[5] == 'H')
		snprintf(buf, n, p[6] == '1' ? _("%d H1") : _("%d H2"), y);
	else if (p[5] == 'Q')
		snprintf(buf, n, _("%d Q%d"), y, p[6] - '0');
	else
		snprintf(buf, n, _("%d-%02d"), y, atoi(p + 5));
	return buf;
}

const char *qc_period_list_label(const char *list, char *buf, size_t n)
{
	static const char sep[] = "、";
	size_t used = 0;

	buf[0] = '\0';
	while (list && *list && used + 1 < n) {
		const char *end = strstr(list, sep);
		size_t len = end ? (size_t)(end - list) : strlen(list);
		char one[16], label[64];
		snprintf(one, sizeof(one), "%.*s", (int)(len < 15 ? len : 15),
			 list);
		qc_period_label(one, label, sizeof(label));
		used += (size_t)snprintf(buf + used, n - used, "%s%s",
					 used ? sep : "", label);
		if (used >= n)
			break;
		list = end ? end + strlen(sep) : NULL;
	}
	return buf;
}

/* The stored row of (ind, region, period) as JSON for the audit log, in
 * *out (NULL when there is none; the caller owns it). A failed read is
 * an error, not "no row": the audit would call an update a creation. */
static enum qc_rc value_row(struct qc_store *s, int64_t ind, const char *region,
			    const char *period, json_t **out,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	*out = NULL;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT value, unit, unit_id, submitted_at,"
				  " note FROM indicator_values WHERE"
				  " indicator_id = ? AND region_code = ? AND"
				  " period = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_text(st, 2, region);
	qc_stmt_bind_text(st, 3, period);
	rc = qc_stmt_next(st, err);
	if (rc == QC_ROW)
		*out = qc_xjson_pack("{s:f, s:s?, s:I, s:s?, s:s?}", "value",
				     qc_stmt_double(st, 0), "unit",
				     qc_stmt_text(st, 1), "unit_id",
				     (json_int_t)qc_stmt_int(st, 2),
				     "submitted_at", qc_stmt_text(st, 3),
				     "note", qc_stmt_text(st, 4));
	qc_stmt_free(st);
	return rc == QC_ROW || rc == QC_DONE ? QC_OK : rc;
}

enum qc_rc qc_value_refuse_at_nation(struct qc_store *s, const char *region,
				     struct qc_error *err)
{
	char code[QC_REGION_CODE_SIZE], prov[QC_REGION_CODE_SIZE];

	if (!qc_store_national(s) || !region)
		return QC_OK;
	/* A code the nation's regions lack is still a province's. */
	if (qc_region_resolve(s, region, code, NULL)) {
		if (strlen(region) != 6 || strspn(region, "0123456789") != 6)
			return QC_OK;
		snprintf(code, sizeof(code), "%s", region);
	}
	qc_region_province(code, prov);
	if (qc_region_code_is_nation(prov))
		return QC_OK;
	return qc_store_refuse_national_write(s, err);
}

/* Set one value inside the caller's transaction. The caller has asked
 * qc_value_refuse_at_nation of the row (once: at the nation it resolves
 * the region). */
static enum qc_rc set_one(struct qc_store *s, const struct qc_value_in *v,
			  const char *actor, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char region[QC_REGION_CODE_SIZE], province[QC_REGION_CODE_SIZE];
	char now[32], key[128];
	int64_t ind, unit = 0;
	json_t *before = NULL, *after = NULL;
	enum qc_rc rc;

	if (!v->indicator_id && (!v->indicator || !*v->indicator))
		return qc_error_set(err, QC_EINVAL, "indicator: missing");
	if (!qc_period_valid(v->period))
		return qc_error_set(err, QC_EINVAL,
				    "period: '%s' is not a "
				    "period (2019, 2019-H1, 2019-Q2, 2019-03)",
				    v->period ? v->period : "");
	if (!isfinite(v->value))
		return qc_error_set(err, QC_EINVAL,
				    "value: not a finite "
				    "number");
	if ((rc = qc_region_resolve(s, v->region, region, err)))
		return qc_error_prefix(err, "region"), rc;
	/* The series as the plan names it; the catalogue only when that
	 * leads to one series (include/qcity/indicator.h). */
	ind = v->indicator_id;
	if (!ind &&
	    (rc = qc_indicator_resolve(s, v->indicator, region, &ind, err)))
		return qc_error_prefix(err, "indicator"), rc;
	if ((rc = qc_indicator_check_value(s, ind, v->value, err)))
		return rc;
	if (v->reporter && *v->reporter &&
	    (rc = qc_unit_find(s, region, v->reporter, &unit, err)))
		return qc_error_prefix(err, "reporter"), rc;
	/* Review workflow (include/qcity/review.h): a unit's accepted
	 * period is locked until the office reopens it. */
	if ((rc = qc_value_check_lock(s, ind, region, v->period, unit, err)))
		return rc;

	if ((rc = value_row(s, ind, region, v->period, &before, err)))
		return rc;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO indicator_values (indicator_id,"
			     " region_code, period, value, unit, unit_id,"
			     " submitted_at, note, source, province_code) VALUES"
			     " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
			     " ON CONFLICT (province_code, indicator_id,"
			     " region_code, period)"
			     " DO UPDATE SET value = excluded.value,"
			     " unit = excluded.unit, unit_id = excluded.unit_id,"
			     " submitted_at = excluded.submitted_at,"
			     " note = excluded.note, source = excluded.source",
			     &st, err);
	if (rc)
		goto out;
	qc_now_iso(now, sizeof(now));
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_text(st, 2, region);
	qc_stmt_bind_text(st, 3, v->period);
	qc_stmt_bind_double(st, 4, v->value);
	qc_stmt_bind_text(st, 5, v->unit);
	if (unit)
		qc_stmt_bind_int(st, 6, unit);
	qc_stmt_bind_text(st, 7, now);
	qc_stmt_bind_text(st, 8, v->note);
	qc_stmt_bind_text(st, 9, v->source);
	qc_region_province(region, province);
	qc_stmt_bind_text(st, 10, province);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	if ((rc = value_row(s, ind, region, v->period, &after, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld/%s/%s", (long long)ind, region,
		 v->period);
	rc = qc_audit_add_json(s, actor, before ? "update" : "create", "value",
			       key, before, after, err);
	before = after = NULL; /* taken over by the audit */
out:
	qc_stmt_free(st);
	json_decref(before);
	json_decref(after);
	return rc;
}

enum qc_rc qc_value_set_checked(struct qc_store *s, struct qc_value_in *v,
				qc_value_row_check check, void *arg,
				const char *actor, struct qc_error *err)
{
	enum qc_rc rc;

	if ((rc = qc_store_begin(s, err)))
		return rc;
	/* At the nation a province's values are its own server's: refused
	 * before the check, which may read the province's targets. */
	if (!(rc = qc_value_refuse_at_nation(s, v->region, err)) && check)
		rc = check(s, v, 0, arg, err);
	if (!rc)
		rc = set_one(s, v, actor, err);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_value_set(struct qc_store *s, const struct qc_value_in *v,
			const char *actor, struct qc_error *err)
{
	struct qc_value_in copy = *v;
	return qc_value_set_checked(s, &copy, NULL, NULL, actor, err);
}

/* ---- CSV import --------------------------------------------------------- */

enum col {
	C_INDICATOR,
	C_REGION,
	C_PERIOD,
	C_VALUE,
	C_UNIT,
	C_REPORTER,
	C_NOTE,
	C_SOURCE,
	C__COUNT
};

static const struct {
	const char *en, *zh, *zh2;
	bool required;
} columns[C__COUNT] = {
	[C_INDICATOR] = { "indicator", "指标", "指标名称", true },
	[C_REGION] = { "region", "地区", "行政区划", true },
	[C_PERIOD] = { "period", "期间", "统计期", true },
	[C_VALUE] = { "value", "数值", "值", true },
	[C_UNIT] = { "unit", "单位", "计量单位", false },
	[C_REPORTER] = { "reporter", "报送单位", "填报单位", false },
	[C_NOTE] = { "note", "备注", "说明", false },
	[C_SOURCE] = { "source", "来源", "数据来源", false },
};

static enum qc_rc map_header(const struct qc_table_row *h, int map[C__COUNT],
			     struct qc_error *err)
{
	for (int c = 0; c < C__COUNT; c++)
		map[c] = -1;
	for (size_t i = 0; i < h->n; i++) {
		const char *name = h->cells[i];
		while (*name == ' ')
			name++;
		int hit = -1;
		for (int c = 0; c < C__COUNT && hit < 0; c++)
			if (!strcmp(name, columns[c].en) ||
			    !strcmp(name, columns[c].zh) ||
			    !strcmp(name, columns[c].zh2))
				hit = c;
		if (hit < 0)
			return qc_error_set(err, QC_EINVAL,
					    "line %d, column %zu:"
					    " unknown header '%s' (expected "
					    "indicator, region, period, value, "
					    "unit, reporter, note, source)",
					    h->line, i + 1, h->cells[i]);
		if (map[hit] >= 0)
			return qc_error_set(err, QC_EINVAL,
					    "line %d: column "
					    "'%s' appears twice",
					    h->line, columns[hit].en);
		map[hit] = (int)i;
	}
	for (int c = 0; c < C__COUNT; c++)
		if (columns[c].required && map[c] < 0)
			return qc_error_set(err, QC_EINVAL,
					    "line %d: the "
					    "header has no '%s' (%s) column",
					    h->line, columns[c].en,
					    columns[c].zh);
	return QC_OK;
}

/* A number as offices write it: full-width digits folded, a trailing %
 * allowed (the unit says what it is), nothing else. */
static bool parse_number(const char *s, double *out)
{
	struct qc_buf b = QC_BUF_INIT;
	char *end;
	bool ok;

	qc_buf_init(&b, 128);
	qc_text_fold_width(s, strlen(s), &b);
	/* Longer than any number: refused whole, never read in part. */
	if (qc_buf_failed(&b)) {
		qc_buf_release(&b);
		return false;
	}
	while (qc_buf_len(&b) &&
	       (qc_buf_last(&b) == ' ' || qc_buf_last(&b) == '%'))
		qc_buf_setlen(&b, qc_buf_len(&b) - 1);
	const char *t = qc_buf_str(&b);
	while (*t == ' ')
		t++;
	size_t n = strlen(t);
	*out = strtod(t, &end);
	ok = n && end == t + n && isfinite(*out);
	qc_buf_release(&b);
	return ok;
}

static const char *field(const struct qc_table_row *r, int col)
{
	if (col < 0 || (size_t)col >= r->n || !*r->cells[col])
		return NULL;
	return r->cells[col];
}

enum qc_rc qc_value_import_csv(struct qc_store *s, const char *data, size_t len,
			       const char *actor, size_t *count,
			       struct qc_error *err)
{
	return qc_value_import_checked(s, data, len, NULL, NULL, actor, count,
				       err);
}

enum qc_rc qc_value_import_checked(struct qc_store *s, const char *data,
				   size_t len, qc_value_row_check check,
				   void *arg, const char *actor, size_t *count,
				   struct qc_error *err)
{
	struct qc_table *t = NULL;
	struct qc_table_row *row;
	int map[C__COUNT], r;
	enum qc_rc rc;

	*count = 0;
	/* The table reader decodes UTF-8 or GB18030 (and reads a workbook
	 * as well as CSV). */
	if ((rc = qc_table_open(data, len, NULL, &t, err)))
		return rc;
	r = qc_table_next(t, &row, err);
	if (r <= 0) {
		rc = r < 0 ? QC_EINVAL :
			     qc_error_set(
				     err, QC_EINVAL,
				     "the file is empty: expected a header row");
		goto done;
	}
	if ((rc = map_header(row, map, err)) || (rc = qc_store_begin(s, err)))
		goto done;
	while ((r = qc_table_next(t, &row, err)) == 1) {
		struct qc_value_in v = {
			.indicator = field(row, map[C_INDICATOR]),
			.region = field(row, map[C_REGION]),
			.period = field(row, map[C_PERIOD]),
			.unit = field(row, map[C_UNIT]),
			.reporter = field(row, map[C_REPORTER]),
			.note = field(row, map[C_NOTE]),
			.source = field(row, map[C_SOURCE]),
		};
		const char *num = field(row, map[C_VALUE]);
		if (row->n != 1 && row->n < (size_t)map[C_VALUE] + 1) {
			rc = qc_error_set(err, QC_EINVAL,
					  "line %d: %zu fields,"
					  " the header has more",
					  row->line, row->n);
			break;
		}
		if (!num || !parse_number(num, &v.value)) {
			rc = qc_error_set(err, QC_EINVAL,
					  "line %d, column "
					  "'value': '%s' is not a number",
					  row->line, num ? num : "");
			break;
		}
		/* One row the check refuses refuses the file; at the
		 * nation, first, a row of a province's value. */
		if ((rc = qc_value_refuse_at_nation(s, v.region, err))) {
			qc_error_prefix(err, "line %d", row->line);
			break;
		}
		if (check && (rc = check(s, &v, row->line, arg, err)))
			break;
		if ((rc = set_one(s, &v, actor, err))) {
			qc_error_prefix(err, "line %d", row->line);
			break;
		}
		(*count)++;
	}
	if (!rc && r < 0)
		rc = QC_EINVAL;
	if (rc)
		*count = 0;
	rc = qc_store_end(s, rc, err);
done:
	qc_table_close(t);
	return rc;
}
