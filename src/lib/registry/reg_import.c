/* The registers' import frame (reg_import.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/audit.h"
#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "reg_import.h"
#include "banned.h"

int qc_reg_columns(const struct qc_table_row *h, const char *const *headings,
		   size_t width, int nf, int col[])
{
	int found = 0;
	for (int f = 0; f < nf; f++) {
		const char *const *names = headings + (size_t)f * width;
		col[f] = -1;
		for (size_t k = 0; col[f] < 0 && k < width && names[k]; k++)
			for (size_t c = 0; c < h->n; c++)
				if (!strcmp(h->cells[c], names[k])) {
					col[f] = (int)c;
					found++;
					break;
				}
	}
	return found;
}

const char *qc_reg_cell(const struct qc_table_row *r, const int col[], int f)
{
	if (col[f] < 0 || (size_t)col[f] >= r->n || !*r->cells[col[f]])
		return NULL;
	return r->cells[col[f]];
}

const char *qc_reg_status(const char *v)
{
	if (!v || strstr(v, "在用") || strstr(v, "使用") || !strcmp(v, "正常"))
		return "in_use";
	if (strstr(v, "停用"))
		return "stopped";
	if (strstr(v, "报废") || strstr(v, "注销"))
		return "scrapped";
	return NULL;
}

const char *qc_reg_status_name(const char *code)
{
	if (!code)
		return "";
	if (!strcmp(code, "in_use"))
		return _("in use");
	if (!strcmp(code, "stopped"))
		return _("out of use");
	if (!strcmp(code, "scrapped"))
		return _("scrapped");
	return code;
}

enum qc_rc qc_reg_bad(struct qc_error *err, int line, const char *heading,
		      const char *v, const char *why)
{
	return qc_error_set(err, QC_EINVAL, "line %d, %s: \"%s\" %s", line,
			    heading, v ? v : "", why);
}

/* Remember a county whose bound figures are rewritten at the end. */
static void touch(char (**v)[QC_REGION_CODE_SIZE], size_t *n, size_t *alloc,
		  const char *county)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], county))
			return;
	QC_GROW(*v, *n + 1, *alloc);
	snprintf((*v)[(*n)++], QC_REGION_CODE_SIZE, "%s", county);
}

static enum qc_rc rows(struct qc_store *s, const struct qc_reg_import *spec,
		       struct qc_table *t, const int col[],
		       const struct qc_import_from *src, const char *actor,
		       struct qc_import_counts *out, struct qc_error *err)
{
	char(*touched)[QC_REGION_CODE_SIZE] = NULL;
	char here[QC_REGION_CODE_SIZE];
	size_t n = 0, alloc = 0;
	struct qc_table_row *row;
	enum qc_rc rc = QC_OK;
	int r;

	while (!rc && (r = qc_table_next(t, &row, err)) == 1) {
		bool blank = true;
		for (size_t c = 0; c < row->n; c++)
			blank &= !*row->cells[c];
		if (blank)
			continue;
		if ((rc = spec->row(s, row, col, src->county, actor, out, here,
				    err)))
			break;
		/* The row is written by then: the failure undoes it with the
		 * rest of the import. */
		if (src->within && *src->within &&
		    !qc_region_covers(src->within, here))
			rc = qc_error_set(err, QC_EPERM,
					  "line %d: region %s is outside "
					  "region %s, which this account may "
					  "change",
					  row->line, here, src->within);
		else
			touch(&touched, &n, &alloc, here);
	}
	if (!rc && r < 0)
		rc = QC_EINVAL;
	if (!rc && !(out->added + out->updated + out->unchanged))
		rc = qc_error_set(err, QC_EINVAL, "no data rows");
	for (size_t i = 0; !rc && i < n; i++)
		rc = spec->refresh(s, touched[i], actor, err);
	free(touched);
	return rc;
}

enum qc_rc qc_reg_written(struct qc_store *s, const char *actor,
			  const char *entity, const char *key, json_t *before,
			  json_t *after, struct qc_import_counts *out,
			  struct qc_error *err)
{
	if (before && json_equal(before, after)) {
		out->unchanged++;
		json_decref(before);
		json_decref(after);
		return QC_OK;
	}
	if (before)
		out->updated++;
	else
		out->added++;
	/* The audit log takes both. */
	return qc_audit_add_json(s, actor, before ? "update" : "insert", entity,
				 key, before, after, err);
}

enum qc_rc qc_reg_import_file(struct qc_store *s,
			      const struct qc_reg_import *spec,
			      const char *path, const char *county,
			      const char *actor, struct qc_import_counts *out,
			      struct qc_error *err)
{
	const struct qc_import_from src = { .path = path, .county = county };
	return qc_reg_import_from(s, spec, &src, actor, out, err);
}

enum qc_rc qc_reg_import_from(struct qc_store *s,
			      const struct qc_reg_import *spec,
			      const struct qc_import_from *src,
			      const char *actor, struct qc_import_counts *out,
			      struct qc_error *err)
{
	const char *path = src->path, *county = src->county;
	const char *name = src->name ? src->name : path;
	struct qc_table *t;
	struct qc_table_row *row;
	int col[32], r;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if (spec->nf > 32)
		return qc_error_set(err, QC_EINVAL, "too many fields");
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_table_open_file(path, &t, err)))
		return rc;
	if ((r = qc_table_next(t, &row, err)) != 1) {
		qc_table_close(t);
		return r < 0 ? QC_EINVAL :
			       qc_error_set(err, QC_EINVAL,
					    "%s: the file is empty", name);
	}
	qc_reg_columns(row, spec->headings, spec->width, spec->nf, col);
	for (int f = 0; f < spec->nf; f++)
		if (col[f] < 0 && ((spec->required & (1u << f)) ||
				   (f == spec->region && !county))) {
			qc_table_close(t);
			return qc_error_set(err, QC_EINVAL,
					    "no column \"%s\" (or one of its "
					    "other names)%s",
					    spec->headings[(size_t)f *
							   spec->width],
					    f == spec->region ?
						    _("; or give the county "
						      "with --region") :
						    "");
		}
	if ((rc = qc_store_begin(s, err))) {
		qc_table_close(t);
		return rc;
	}
	rc = rows(s, spec, t, col, src, actor, out, err);
	if (!rc)
		rc = qc_audit_add_json(s, actor, "import", spec->entity, name,
				       NULL,
				       qc_xjson_pack("{s:I, s:I, s:I}", "added",
						     (json_int_t)out->added,
						     "updated",
						     (json_int_t)out->updated,
						     "unchanged",
						     (json_int_t)out->unchanged),
				       err);
	qc_table_close(t);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_reg_store(struct qc_store *s, const char *table, bool update,
			const struct qc_reg_col *cols, size_t n, size_t nkeys,
			struct qc_error *err)
{
	struct qc_buf sql = QC_BUF_INIT;
	struct qc_stmt *st;
	size_t set = n - nkeys, k;
	char now[32];
	enum qc_rc rc;

	/* The names are the registers' own constants, never input. */
	if (update) {
		qc_buf_addf(&sql, "UPDATE %s SET ", table);
		for (k = 0; k < set; k++)
			qc_buf_addf(&sql, "%s = ?, ", cols[k].name);
		qc_buf_adds(&sql, "updated_at = ? WHERE ");
		for (k = set; k < n; k++)
			qc_buf_addf(&sql, "%s%s = ?", k > set ? " AND " : "",
				    cols[k].name);
	} else {
		qc_buf_addf(&sql, "INSERT INTO %s (", table);
		for (k = 0; k < n; k++)
			qc_buf_addf(&sql, "%s, ", cols[k].name);
		qc_buf_adds(&sql, "updated_at, created_at) VALUES (");
		for (k = 0; k < n + 2; k++)
			qc_buf_adds(&sql, k ? ", ?" : "?");
		qc_buf_adds(&sql, ")");
	}
	rc = qc_stmt_prepare(s, qc_buf_str(&sql), &st, err);
	qc_buf_release(&sql);
	if (rc)
		return rc;
	qc_now_iso(now, sizeof(now));
	int i = 1;
	for (k = 0; k < n; k++) {
		if (update && k == set) /* updated_at before the keys */
			qc_stmt_bind_text(st, i++, now);
		if (cols[k].is_num)
			qc_stmt_bind_int(st, i++, cols[k].num);
		else
			qc_stmt_bind_text(st, i++, cols[k].text);
	}
	if (!update) {
		qc_stmt_bind_text(st, i++, now);
		qc_stmt_bind_text(st, i++, now);
	}
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

/* The enterprise registered under uscc, and its county when it is
 * registered in one ("" otherwise). */
static enum qc_rc enterprise_county(struct qc_store *s, const char *uscc,
				    int64_t *enterprise,
				    char county[QC_REGION_CODE_SIZE],
				    struct qc_error *err)
{
	struct qc_stmt *st;
	char *other = NULL, reg[QC_REGION_CODE_SIZE] = "";
	enum qc_rc rc;

	county[0] = 0;
	*enterprise = 0;
	if (!uscc || !uscc[0])
		return QC_OK;
	rc = qc_stmt_row(s,
			 "SELECT id, region_code FROM enterprises WHERE"
			 " uscc = ?",
			 QC_TEXTS(uscc), &st, err);
	if (rc != QC_ROW)
		return rc == QC_DONE ? QC_OK : rc;
	*enterprise = qc_stmt_int(st, 0);
	if (qc_stmt_text(st, 1))
		snprintf(reg, sizeof(reg), "%s", qc_stmt_text(st, 1));
	qc_stmt_free(st);
	if (!reg[0])
		return QC_OK;
	/* Registered in a prefecture or province: not a county's. */
	if ((rc = qc_region_county(s, reg, county, &other, err)))
		return rc;
	if (other)
		county[0] = 0;
	free(other);
	return QC_OK;
}

enum qc_rc qc_reg_holder_county(struct qc_store *s, int line,
				const char *region, const char *opt,
				const char *uscc, const char *who,
				const char *not_county, int64_t *enterprise,
				char county[QC_REGION_CODE_SIZE],
				struct qc_error *err)
{
	char *other = NULL, reg[QC_REGION_CODE_SIZE];
	enum qc_rc rc;

	if ((rc = enterprise_county(s, uscc, enterprise, reg, err)))
		return rc;
	if (!region && reg[0]) {
		snprintf(county, QC_REGION_CODE_SIZE, "%s", reg);
		return QC_OK;
	}
	if (!region)
		region = opt;
	if (!region)
		return qc_error_set(err, QC_EINVAL,
				    "line %d: give the county of %s (--region, "
				    "or a column 所在区县): its credit code is "
				    "not that of an enterprise registered in "
				    "a county",
				    line, who);
	if ((rc = qc_region_county(s, region, county, &other, err))) {
		qc_error_prefix(err, "line %d", line);
		return rc;
	}
	if (!other)
		return QC_OK;
	rc = qc_error_set(err, QC_EINVAL, not_county, line, other);
	free(other);
	return rc;
}
