/* Series: an indicator as a plan names it, in a region, with its range,
 * its kind of measure and an optional, reviewable catalogue link
 * (include/qcity/indicator.h). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/json.h"
#include "qcity/alloc.h"
#include "qcity/indicator.h"
#include "qcity/model.h"
#include "qcity/names.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "qcity/text.h"
#include "banned.h"

double qc_range_cap(const struct qc_range *r, double v)
{
	if (r && r->has_max && v > r->max)
		return r->max;
	if (r && r->has_min && v < r->min)
		return r->min;
	return v;
}

static const char *const kinds[] = { "level", "cumulative", "flow" };

const char *qc_measure_kind_name(enum qc_measure_kind k)
{
	return (unsigned)k < sizeof(kinds) / sizeof(kinds[0]) ? kinds[k] :
								"level";
}

bool qc_measure_kind_parse(const char *s, enum qc_measure_kind *k)
{
	int i = QC_NAME_INDEX(kinds, s);
	if (i >= 0)
		*k = (enum qc_measure_kind)i;
	return i >= 0;
}

bool qc_unit_accumulates(const char *unit)
{
	/* Measure words that name things won or built; areas (亩), people
	 * and events (次) are levels or events, not counts that add up. */
	static const char *const words[] = { "个", "项", "家", "种", "名", "件",
					     "座", "所", "批", "枚", "处" };
	for (size_t i = 0; unit && i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(unit, words[i]))
			return true;
	return false;
}

bool qc_measure_adds_up(enum qc_measure_kind kind, enum qc_op op)
{
	return kind == QC_MEASURE_FLOW &&
	       (op == QC_OP_GE || op == QC_OP_EQ || op == QC_OP_ABOUT ||
		op == QC_OP_BETWEEN);
}

char *qc_indicator_norm(const char *written)
{
	struct qc_buf f;
	size_t j = 0;
	char *s;

	qc_buf_init(&f, 4096);
	qc_text_fold_width(written ? written : "",
			   written ? strlen(written) : 0, &f);
	s = qc_buf_detach(&f, NULL);
	for (size_t i = 0; s[i]; i++)
		if (!strchr(" \t\r\n", s[i]))
			s[j++] = s[i];
	s[j] = '\0';
	return s;
}

void qc_indicator_default_range(const char *name, const char *unit,
				struct qc_range *r, enum qc_measure_kind *kind)
{
	memset(r, 0, sizeof(*r));
	*kind = strstr(name, "累计")      ? QC_MEASURE_CUMULATIVE :
		qc_unit_accumulates(unit) ? QC_MEASURE_FLOW :
					    QC_MEASURE_LEVEL;
	if (!unit)
		return;
	if (!strcmp(unit, "%")) {
		if (strstr(name, "增速") || strstr(name, "增长") ||
		    strstr(name, "增幅"))
			*r = (struct qc_range){ true, false, -100, 0 };
		else if (strstr(name, "降低") || strstr(name, "下降"))
			*r = (struct qc_range){ false, true, 0, 100 };
		else
			*r = (struct qc_range){ true, true, 0, 100 };
	} else if (!strcmp(unit, "‰")) {
		*r = (struct qc_range){ true, true, 0, 1000 };
	} else if (strcmp(unit, "pp")) {
		*r = (struct qc_range){ true, false, 0, 0 };
	}
}

/* id of the row named exactly name (0 if none), whether it is a
 * catalogue entry and how many targets use it. */
static enum qc_rc by_name(struct qc_store *s, const char *name, int64_t *id,
			  bool *in_catalog, int *n_targets,
			  struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	*id = 0;
	rc = qc_stmt_prepare(s,
			     "SELECT i.id, i.in_catalog, (SELECT COUNT(*)"
			     " FROM targets t WHERE t.indicator_id = i.id)"
			     " FROM indicators i WHERE i.name = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, name);
	if ((r = qc_stmt_next(st, err)) == QC_ROW) {
		*id = qc_stmt_int(st, 0);
		if (in_catalog)
			*in_catalog = qc_stmt_int(st, 1) != 0;
		if (n_targets)
			*n_targets = (int)qc_stmt_int(st, 2);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* The catalogue entry a name is, or lists as a synonym (0 if none). */
static enum qc_rc catalog_of(struct qc_store *s, const char *name, int64_t *id,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	*id = 0;
	rc = qc_stmt_prepare(s,
			     "SELECT id FROM indicators WHERE name = ? AND"
			     " in_catalog = 1 UNION ALL SELECT indicator_id"
			     " FROM indicator_synonyms WHERE synonym = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, name);
	qc_stmt_bind_text(st, 2, name);
	if ((r = qc_stmt_next(st, err)) == QC_ROW)
		*id = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_indicator_resolve(struct qc_store *s, const char *name,
				const char *region_code, int64_t *id,
				struct qc_error *err)
{
	char *n = qc_indicator_norm(name);
	struct qc_stmt *st = NULL;
	struct qc_buf list;
	int64_t exact, cat;
	bool in_cat = false;
	int users = 0, found = 0, r;
	char prov[QC_REGION_CODE_SIZE] = "", pref[QC_REGION_CODE_SIZE] = "";
	enum qc_rc rc;

	qc_buf_init(&list, 4096);
	if ((rc = by_name(s, n, &exact, &in_cat, &users, err)))
		goto out;
	/* The exact series, unless it is a catalogue entry no target
	 * measures while plans' own series link to it. */
	if (exact && (users || !in_cat)) {
		*id = exact;
		goto out;
	}
	if ((rc = catalog_of(s, n, &cat, err)))
		goto out;
	if (!cat && !exact) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no indicator named '%s' "
				  "(see `qcity indicator list`)",
				  name);
		goto out;
	}
	if (region_code) {
		qc_region_province(region_code, prov);
		snprintf(pref, sizeof(pref), "%.4s00", region_code);
	}
	rc = qc_stmt_prepare(s,
			     "SELECT DISTINCT i.id, i.name FROM indicators i"
			     " JOIN targets t ON t.indicator_id = i.id"
			     " JOIN plans p ON p.id = t.plan_id"
			     " WHERE i.catalog_id = ? AND (CAST(? AS TEXT) IS"
			     " NULL OR p.region_code IS NULL OR p.region_code"
			     " IN (?, ?, ?)) ORDER BY i.name",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_int(st, 1, cat ? cat : exact);
	qc_stmt_bind_text(st, 2, region_code);
	qc_stmt_bind_text(st, 3, region_code);
	qc_stmt_bind_text(st, 4, pref);
	qc_stmt_bind_text(st, 5, prov);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		if (found++ == 0)
			*id = qc_stmt_int(st, 0);
		qc_buf_addf(&list, "%s%s", found > 1 ? "、" : "",
			    qc_stmt_text(st, 1));
	}
	if ((rc = qc_step_rc(r)))
		goto out;
	if (found == 0 && exact)
		*id = exact;
	else if (found == 0)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no series of '%s' in a "
				  "plan for this region: name the indicator "
				  "as the plan does (see `qcity indicator "
				  "list`)",
				  name);
	else if (found > 1)
		rc = qc_error_set(err, QC_ECONFLICT,
				  "'%s' is ambiguous: the "
				  "plans measure %d series linked to it (%s); "
				  "name one of them",
				  name, found, qc_buf_str(&list));
out:
	qc_stmt_free(st);
	qc_buf_release(&list);
	free(n);
	return rc;
}

static enum qc_rc audit_series(struct qc_store *s, const char *actor,
			       const char *action, int64_t id, json_t *before,
			       json_t *after, struct qc_error *err)
{
	char key[32];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	return qc_audit_add_json(s, actor, action, "indicator", key, before,
				 after, err);
}

enum qc_rc qc_indicator_series(struct qc_store *s, const char *written,
			       const char *unit, bool lower_is_better,
			       const char *catalog, const char *actor,
			       int64_t *id, struct qc_error *err)
{
	char *n = qc_indicator_norm(written);
	struct qc_stmt *st = NULL;
	struct qc_range rg;
	enum qc_measure_kind kind;
	int64_t cat = 0, syn = 0;
	const char *link = NULL;
	enum qc_rc rc;

	if (!*n) {
		rc = qc_error_set(err, QC_EINVAL, "indicator: empty name");
		goto out;
	}
	if ((rc = by_name(s, n, id, NULL, NULL, err)) || *id)
		goto out;
	unit = qc_stored_unit(unit);
	if (catalog) {
		char *c = qc_indicator_norm(catalog);
		bool in_cat = false;
		rc = by_name(s, c, &cat, &in_cat, NULL, err);
		if (!rc && cat && !in_cat)
			cat = 0;
		free(c);
		if (!rc && cat)
			rc = catalog_of(s, n, &syn, err);
		if (rc)
			goto out;
		link = cat ? (syn == cat ? "confirmed" : "proposed") : NULL;
	}
	qc_indicator_default_range(n, unit, &rg, &kind);
	rc = qc_stmt_prepare(s,
			     "INSERT INTO indicators (name, unit, direction,"
			     " catalog_id, link_status, min_value, max_value,"
			     " kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
			     " RETURNING id",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_text(st, 1, n);
	qc_stmt_bind_text(st, 2, unit);
	qc_stmt_bind_text(st, 3, lower_is_better ? "lower" : "higher");
	if (cat)
		qc_stmt_bind_int(st, 4, cat);
	qc_stmt_bind_text(st, 5, link);
	if (rg.has_min)
		qc_stmt_bind_double(st, 6, rg.min);
	if (rg.has_max)
		qc_stmt_bind_double(st, 7, rg.max);
	qc_stmt_bind_text(st, 8, qc_measure_kind_name(kind));
	if ((rc = qc_stmt_run_id(st, id, err)))
		goto out;
	rc = audit_series(s, actor, "create", *id, NULL,
			  qc_xjson_pack("{s:s, s:s?, s:s?, s:s?}", "name", n,
					"unit", unit, "catalog",
					cat ? catalog : NULL, "link", link),
			  err);
out:
	qc_stmt_free(st);
	free(n);
	return rc;
}

/* Set series name's link to catalogue entry cat (0: none). */
static enum qc_rc set_link(struct qc_store *s, const char *name,
			   const char *catalog, const char *actor,
			   struct qc_error *err)
{
	char *n = qc_indicator_norm(name), *c = NULL;
	struct qc_stmt *st = NULL;
	int64_t id, cat = 0;
	bool in_cat = false, cat_in = false;
	json_t *before = NULL;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_store_begin(s, err)))
		goto out;
	if ((rc = by_name(s, n, &id, &in_cat, NULL, err)))
		goto end;
	if (!id) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no indicator named '%s' "
				  "(see `qcity indicator list`)",
				  name);
		goto end;
	}
	if (in_cat) {
		rc = qc_error_set(err, QC_EINVAL,
				  "'%s' is a catalogue entry: "
				  "it stands for itself",
				  name);
		goto end;
	}
	if (catalog) {
		c = qc_indicator_norm(catalog);
		if ((rc = by_name(s, c, &cat, &cat_in, NULL, err)))
			goto end;
		if (!cat || !cat_in) {
			rc = qc_error_set(err, QC_ENOTFOUND,
					  "'%s' is not in "
					  "the catalogue (data/indicators."
					  "json)",
					  catalog);
			goto end;
		}
	}
	rc = qc_stmt_prepare(s,
			     "SELECT c.name, i.link_status FROM indicators"
			     " i LEFT JOIN indicators c ON c.id = i.catalog_id"
			     " WHERE i.id = ?",
			     &st, err);
	if (rc)
		goto end;
	qc_stmt_bind_int(st, 1, id);
	if ((r = qc_stmt_next(st, err)) == QC_ROW)
		before = qc_xjson_pack("{s:s?, s:s?}", "catalog",
				       qc_stmt_text(st, 0), "link",
				       qc_stmt_text(st, 1));
	qc_stmt_free(st);
	st = NULL;
	if ((rc = qc_step_rc(r)))
		goto end;
	rc = qc_stmt_prepare(s,
			     "UPDATE indicators SET catalog_id = ?,"
			     " link_status = ? WHERE id = ?",
			     &st, err);
	if (rc)
		goto end;
	if (cat)
		qc_stmt_bind_int(st, 1, cat);
	qc_stmt_bind_text(st, 2, cat ? "confirmed" : NULL);
	qc_stmt_bind_int(st, 3, id);
	if ((rc = qc_stmt_run(st, err)))
		goto end;
	rc = audit_series(s, actor, cat ? "link" : "unlink", id, before,
			  qc_xjson_pack("{s:s, s:s?, s:s?}", "name", n,
					"catalog", cat ? c : NULL, "link",
					cat ? "confirmed" : NULL),
			  err);
	before = NULL;
end:
	json_decref(before);
	rc = qc_store_end(s, rc, err);
out:
	qc_stmt_free(st);
	free(n);
	free(c);
	return rc;
}

enum qc_rc qc_indicator_link(struct qc_store *s, const char *name,
			     const char *catalog, const char *actor,
			     struct qc_error *err)
{
	if (!catalog || !*catalog)
		return qc_error_set(err, QC_EINVAL, "catalog: missing");
	return set_link(s, name, catalog, actor, err);
}

enum qc_rc qc_indicator_unlink(struct qc_store *s, const char *name,
			       const char *actor, struct qc_error *err)
{
	return set_link(s, name, NULL, actor, err);
}

static char *dup_text(struct qc_stmt *st, int col)
{
	const char *t = qc_stmt_text(st, col);
	return t ? qc_xstrdup(t) : NULL;
}

enum qc_rc qc_indicator_list(struct qc_store *s, bool all, bool unconfirmed,
			     struct qc_indicator_list *out,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_prepare(s,
			     "SELECT i.id, i.name, i.unit, c.name,"
			     " i.link_status, i.in_catalog, i.min_value,"
			     " i.max_value, i.kind, (SELECT COUNT(*) FROM"
			     " targets t WHERE t.indicator_id = i.id) AS n"
			     " FROM indicators i LEFT JOIN indicators c ON"
			     " c.id = i.catalog_id ORDER BY i.name",
			     &st, err);
	if (rc)
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		bool in_cat = qc_stmt_int(st, 5) != 0;
		const char *link = qc_stmt_text(st, 4);
		int n = (int)qc_stmt_int(st, 9);
		if ((!all && !n) ||
		    (unconfirmed &&
		     (in_cat || (link && !strcmp(link, "confirmed")))))
			continue;
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_indicator_row *e = &out->v[out->n++];
		memset(e, 0, sizeof(*e));
		e->id = qc_stmt_int(st, 0);
		e->name = dup_text(st, 1);
		e->unit = dup_text(st, 2);
		e->catalog = dup_text(st, 3);
		e->link = dup_text(st, 4);
		e->in_catalog = in_cat;
		if ((e->range.has_min = !qc_stmt_is_null(st, 6)))
			e->range.min = qc_stmt_double(st, 6);
		if ((e->range.has_max = !qc_stmt_is_null(st, 7)))
			e->range.max = qc_stmt_double(st, 7);
		qc_measure_kind_parse(qc_stmt_text(st, 8), &e->kind);
		e->n_targets = n;
	}
	qc_stmt_free(st);
	if (r != QC_DONE) {
		qc_indicator_list_release(out);
		return r;
	}
	return QC_OK;
}

void qc_indicator_list_release(struct qc_indicator_list *l)
{
	for (size_t i = 0; l && i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].unit);
		free(l->v[i].catalog);
		free(l->v[i].link);
	}
	if (l) {
		free(l->v);
		memset(l, 0, sizeof(*l));
	}
}

enum qc_rc qc_indicator_range(struct qc_store *s, int64_t id,
			      struct qc_range *rg, enum qc_measure_kind *kind,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(rg, 0, sizeof(*rg));
	if (kind)
		*kind = QC_MEASURE_LEVEL;
	rc = qc_stmt_prepare(s,
			     "SELECT min_value, max_value, kind FROM"
			     " indicators WHERE id = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, id);
	if ((r = qc_stmt_next(st, err)) == QC_ROW) {
		if ((rg->has_min = !qc_stmt_is_null(st, 0)))
			rg->min = qc_stmt_double(st, 0);
		if ((rg->has_max = !qc_stmt_is_null(st, 1)))
			rg->max = qc_stmt_double(st, 1);
		if (kind)
			qc_measure_kind_parse(qc_stmt_text(st, 2), kind);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_indicator_check_value(struct qc_store *s, int64_t id, double v,
				    struct qc_error *err)
{
	struct qc_range rg;
	enum qc_rc rc;

	if ((rc = qc_indicator_range(s, id, &rg, NULL, err)))
		return rc;
	if ((rg.has_min && v < rg.min) || (rg.has_max && v > rg.max)) {
		char lo[32] = "-∞", hi[32] = "+∞";
		if (rg.has_min)
			snprintf(lo, sizeof(lo), "%.12g", rg.min);
		if (rg.has_max)
			snprintf(hi, sizeof(hi), "%.12g", rg.max);
		return qc_error_set(err, QC_EINVAL,
				    "value: %.12g is out of the "
				    "indicator's range [%s, %s]",
				    v, lo, hi);
	}
	return QC_OK;
}
