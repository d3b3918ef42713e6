/* The grading scheme as versioned data (docs/credit.md): parsed,
 * validated, stored once per version; shared helpers of the credit files. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/sampling_parse.h"
#include "qcity/uscc.h"
#include "credit_int.h"
#include "qcity/table.h"
#include "banned.h"

static const char *const event_kinds[] = {
	"sampling_failure", "penalty", "complaint_upheld",
	"recall",           "award",   "certification",
	"cqo_appointed",    NULL
};
static const char *const purposes[] = { "procurement", "subsidy", "award",
					NULL };

static int index_of(const char *const *v, const char *s)
{
	for (int i = 0; s && v[i]; i++)
		if (!strcmp(v[i], s))
			return i;
	return -1;
}

void qc_credit_scheme_release(struct qc_credit_scheme *sc)
{
	for (size_t i = 0; i < sc->n_rules; i++)
		free(sc->rules[i].text);
	free(sc->red_rule);
	memset(sc, 0, sizeof(*sc));
}

static enum qc_rc parse_grades(json_t *g, struct qc_credit_scheme *out,
			       struct qc_error *err)
{
	if (!json_is_array(g) || json_array_size(g) != 4)
		return qc_error_set(err, QC_EINVAL,
				    "scheme: 'grades' must list A, B, C and D");
	for (size_t i = 0; i < 4; i++) {
		json_t *e = json_array_get(g, i);
		const char *name = json_string_value(
			json_object_get(e, "grade"));
		json_t *min = json_object_get(e, "min");
		if (!name || strlen(name) != 1 || name[0] != "ABCD"[i])
			return qc_error_set(err, QC_EINVAL,
					    "scheme: grades[%zu] must be %c", i,
					    "ABCD"[i]);
		out->grades[i].grade = name[0];
		if (i == 3) {
			out->grades[i].min = -INFINITY;
			continue;
		}
		if (!json_is_number(min) ||
		    (i && json_number_value(min) >= out->grades[i - 1].min))
			return qc_error_set(err, QC_EINVAL,
					    "scheme: grades[%zu].min must be"
					    " a number below the grade above",
					    i);
		out->grades[i].min = json_number_value(min);
	}
	return QC_OK;
}

static enum qc_rc parse_rules(json_t *ev, struct qc_credit_scheme *out,
			      struct qc_error *err)
{
	size_t i;
	json_t *e;

	if (!json_is_array(ev) || json_array_size(ev) > QC_CREDIT_RULES_MAX)
		return qc_error_set(err, QC_EINVAL,
				    "scheme: 'events' must be a list of at"
				    " most %d rules",
				    QC_CREDIT_RULES_MAX);
	json_array_foreach(ev, i, e)
	{
		struct qc_credit_rule *r = &out->rules[out->n_rules];
		const char *kind = json_string_value(
			json_object_get(e, "kind"));
		json_t *p = json_object_get(e, "points");
		json_t *y = json_object_get(e, "years");
		json_t *fy = json_object_get(e, "full_years");
		const char *text = json_string_value(
			json_object_get(e, "rule"));
		if (index_of(event_kinds, kind) < 0)
			return qc_error_set(err, QC_EINVAL,
					    "scheme: events[%zu].kind '%s' is"
					    " not an event kind",
					    i, kind ? kind : "");
		if (!json_is_number(p) || !json_is_integer(y) ||
		    json_integer_value(y) < 1 || json_integer_value(y) > 20 ||
		    (fy && (!json_is_integer(fy) ||
			    json_integer_value(fy) > json_integer_value(y) ||
			    json_integer_value(fy) < 0)))
			return qc_error_set(err, QC_EINVAL,
					    "scheme: events[%zu] needs points,"
					    " years 1..20 and full_years up to"
					    " years",
					    i);
		snprintf(r->kind, sizeof(r->kind), "%s", kind);
		r->points = json_number_value(p);
		r->years = (int)json_integer_value(y);
		r->full_years = fy ? (int)json_integer_value(fy) : r->years;
		r->text = qc_xstrdup(text ? text : kind);
		out->n_rules++;
	}
	return QC_OK;
}

static enum qc_rc parse_sanctions(json_t *sa, struct qc_credit_scheme *out,
				  struct qc_error *err)
{
	const char *key;
	json_t *v;

	if (!json_is_object(sa))
		return qc_error_set(err, QC_EINVAL,
				    "scheme: 'sanctions' must map purposes"
				    " to lists");
	json_object_foreach(sa, key, v)
	{
		int p = index_of(purposes, key);
		size_t i;
		json_t *l;
		if (p < 0 || !json_is_array(v))
			return qc_error_set(err, QC_EINVAL,
					    "scheme: sanctions '%s' is not"
					    " procurement, subsidy or award",
					    key);
		json_array_foreach(v, i, l)
		{
			const char *name = json_string_value(l);
			if (name && !strcmp(name, "black"))
				out->sanctions[p] |= 1;
			else if (name && !strcmp(name, "penalty"))
				out->sanctions[p] |= 2;
			else
				return qc_error_set(err, QC_EINVAL,
						    "scheme: sanctions.%s"
						    " names '%s', not black or"
						    " penalty",
						    key, name ? name : "");
		}
	}
	return QC_OK;
}

enum qc_rc qc_credit_scheme_parse(const char *text, size_t len,
				  struct qc_credit_scheme *out,
				  struct qc_error *err)
{
	json_error_t je;
	json_t *j = json_loadb(text, len, 0, &je);
	enum qc_rc rc = QC_OK;

	memset(out, 0, sizeof(*out));
	if (!j)
		return qc_error_set(err, QC_EINVAL, "scheme: line %d: %s",
				    je.line, je.text);
	const char *version = json_string_value(json_object_get(j, "version"));
	json_t *base = json_object_get(j, "base");
	const char *black = json_string_value(
		json_object_get(j, "black_list_grade"));
	json_t *red = json_object_get(j, "red_list");
	if (!version || !*version || strlen(version) >= sizeof(out->version) ||
	    !json_is_number(base)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "scheme: needs a 'version' (up to 63"
				  " characters) and a number 'base'");
		goto out;
	}
	snprintf(out->version, sizeof(out->version), "%s", version);
	out->base = json_number_value(base);
	if ((rc = parse_grades(json_object_get(j, "grades"), out, err)) ||
	    (rc = parse_rules(json_object_get(j, "events"), out, err)) ||
	    (rc = parse_sanctions(json_object_get(j, "sanctions"), out, err)))
		goto out;
	if (black && (strlen(black) != 1 || !strchr("ABCD", black[0]))) {
		rc = qc_error_set(err, QC_EINVAL,
				  "scheme: black_list_grade '%s' is not A-D",
				  black);
		goto out;
	}
	out->black_grade = black ? black[0] : '\0';
	json_t *ry = json_object_get(red, "sampling_years");
	if (!json_is_integer(ry) || json_integer_value(ry) < 1 ||
	    json_integer_value(ry) > 10) {
		rc = qc_error_set(err, QC_EINVAL,
				  "scheme: red_list.sampling_years must be"
				  " 1..10");
		goto out;
	}
	out->red_years = (int)json_integer_value(ry);
	out->red_award = json_is_true(json_object_get(red, "award_required"));
	const char *rr = json_string_value(json_object_get(red, "rule"));
	out->red_rule = qc_xstrdup(rr ? rr : "red_list");
out:
	json_decref(j);
	if (rc)
		qc_credit_scheme_release(out);
	return rc;
}

enum qc_rc qc_credit_scheme_load(struct qc_store *s, const char *text,
				 size_t len, const char *actor,
				 char version[64], struct qc_error *err)
{
	struct qc_credit_scheme sc;
	struct qc_stmt *st = NULL;
	char now[32], *body = qc_xstrndup(text, len), *old = NULL;
	enum qc_rc rc;

	if ((rc = qc_credit_scheme_parse(text, len, &sc, err))) {
		free(body);
		return rc;
	}
	snprintf(version, 64, "%s", sc.version);
	if ((rc = qc_store_begin(s, err)))
		goto done;
	rc = qc_store_get_text(s,
			       "SELECT body FROM credit_schemes WHERE"
			       " version = ?",
			       QC_TEXTS(sc.version), &old, err);
	if (!rc && old && strcmp(old, body))
		rc = qc_error_set(err, QC_ECONFLICT,
				  "scheme version %s is stored with other"
				  " rules: give the changed scheme a new"
				  " version",
				  sc.version);
	if (rc || old)
		goto out;
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(s,
			     "INSERT INTO credit_schemes (version, body,"
			     " loaded_at, loaded_by) VALUES (?, ?, ?, ?)",
			     &st, err);
	if (!rc) {
		qc_stmt_bind_text(st, 1, sc.version);
		qc_stmt_bind_text(st, 2, body);
		qc_stmt_bind_text(st, 3, now);
		qc_stmt_bind_text(st, 4, actor);
		rc = qc_stmt_run(st, err);
	}
	if (!rc)
		rc = qc_audit_add(s, actor, "load", "credit_scheme", sc.version,
				  NULL, body, err);
out:
	qc_stmt_free(st);
	rc = qc_store_end(s, rc, err);
done:
	free(old);
	free(body);
	qc_credit_scheme_release(&sc);
	return rc;
}

enum qc_rc qc_credit_scheme_current(struct qc_store *s,
				    struct qc_credit_scheme *out,
				    struct qc_error *err)
{
	char *body = NULL;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	rc = qc_store_get_text(s,
			       "SELECT body FROM credit_schemes ORDER BY"
			       " loaded_at DESC, version DESC LIMIT 1",
			       NULL, 0, &body, err);
	if (rc)
		return rc;
	if (!body)
		return qc_error_set(err, QC_ENOTFOUND,
				    "no credit grading scheme is loaded: run"
				    " `qcity credit scheme"
				    " data/credit/scheme.json`");
	rc = qc_credit_scheme_parse(body, strlen(body), out, err);
	free(body);
	return rc;
}

enum qc_rc qc_credit_enterprise(struct qc_store *s, const char *uscc,
				int64_t *id, char code[19],
				struct qc_error *err)
{
	bool found;
	enum qc_rc rc;

	if (!uscc || !qc_uscc_normalize(uscc, code))
		return qc_error_set(err, QC_EINVAL,
				    "'%s' is not an 18-character credit code",
				    uscc ? uscc : "");
	rc = qc_store_get_int(s, "SELECT id FROM enterprises WHERE uscc = ?",
			      QC_TEXTS(code), id, &found, err);
	if (!rc && !found)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no enterprise with credit code %s: import"
				  " the register first (qcity enterprise"
				  " import)",
				  code);
	return rc;
}

enum qc_rc qc_credit_date(const char *date, const char *field, char out[11],
			  struct qc_error *err)
{
	long d;
	if (!date) {
		qc_date_from_days(qc_today_days(), out);
		return QC_OK;
	}
	if (strlen(date) != 10 || !qc_date_days(date, &d))
		return qc_error_set(err, QC_EINVAL,
				    "%s: '%s' is not a date (YYYY-MM-DD)",
				    field, date);
	memcpy(out, date, 11);
	return QC_OK;
}

int qc_credit_header_col(const char *label, const char *const *syn)
{
	utf8proc_uint8_t *n = utf8proc_NFKC((const utf8proc_uint8_t *)label);
	int hit = -1;
	for (int k = 0; n && syn[k] && hit < 0; k++)
		if (!strcmp((const char *)n, syn[k]))
			hit = k;
	free(n);
	return hit;
}

enum qc_rc qc_credit_header(struct qc_table *t, const char *const *syn,
			    size_t width, int n, int *col,
			    struct qc_table_row **row, struct qc_error *err)
{
	int r;

	for (int c = 0; c < n; c++)
		col[c] = -1;
	if ((r = qc_table_next(t, row, err)) != 1)
		return r < 0 ? QC_EINVAL :
			       qc_error_set(err, QC_EINVAL,
					    "the file is empty");
	for (size_t i = 0; i < (*row)->n; i++)
		for (int c = 0; c < n; c++)
			if (col[c] < 0 &&
			    qc_credit_header_col((*row)->cells[i],
						 syn + (size_t)c * width) >= 0)
				col[c] = (int)i;
	return QC_OK;
}

bool qc_credit_cells(const struct qc_table_row *row, const int *col, int n,
		     const char **v)
{
	bool blank = true;
	for (int c = 0; c < n; c++) {
		v[c] = col[c] >= 0 && (size_t)col[c] < row->n &&
				       !qc_sampling_blank(row->cells[col[c]]) ?
			       row->cells[col[c]] :
			       NULL;
		blank = blank && !v[c];
	}
	return blank;
}

enum qc_rc qc_credit_import_end(struct qc_store *s, enum qc_rc rc, int r,
				const char *actor, const char *entity,
				const char *name, const char *what,
				size_t *count, struct qc_error *err)
{
	if (!rc && r < 0)
		rc = QC_EINVAL;
	if (!rc) {
		char after[96];
		snprintf(after, sizeof(after), "{\"%s\": %zu}", what, *count);
		rc = qc_audit_add(s, actor, "import", entity, name, NULL, after,
				  err);
	}
	if (rc)
		*count = 0;
	return qc_store_end(s, rc, err);
}

bool qc_credit_add_months(const char *date, int months, char out[11])
{
	long d;
	int y, m, day;
	if (!date || strlen(date) != 10 || !qc_date_days(date, &d))
		return false;
	qc_civil_from_days(d, &y, &m, &day);
	long mm = (long)y * 12 + (m - 1) + months;
	int ny = (int)(mm / 12), nm = (int)(mm % 12) + 1;
	/* The last day of the target month: the day before the next 1st. */
	long next = nm == 12 ? qc_days_from_civil(ny + 1, 1, 1) :
			       qc_days_from_civil(ny, nm + 1, 1);
	int last;
	qc_civil_from_days(next - 1, &(int){ 0 }, &(int){ 0 }, &last);
	qc_date_from_days(qc_days_from_civil(ny, nm, day > last ? last : day),
			  out);
	return true;
}
