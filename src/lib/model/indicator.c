/* Indicators in the database: the catalogue's copy (each entry linked to
 * itself) beside the series plans name (src/lib/model/series.c).
 * Synonyms resolve to their catalogue entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/catalog.h"
#include "qcity/indicator.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "banned.h"

/* Whether name is already a catalogue entry's name or synonym (a series
 * a plan names is neither). */
static enum qc_rc catalog_named(struct qc_store *s, const char *name,
				int64_t *found, struct qc_error *err)
{
	int64_t one;
	bool yes;
	enum qc_rc rc = qc_store_get_int(s,
					 "SELECT 1 FROM indicators WHERE"
					 " name = ? AND in_catalog = 1 UNION"
					 " ALL SELECT 1 FROM indicator_synonyms"
					 " WHERE synonym = ?",
					 QC_TEXTS(name, name), &one, &yes, err);
	*found = yes;
	return rc;
}

/* A catalogue entry's range and kind: the catalogue's, or what its unit
 * implies. */
static void def_range(const struct qc_indicator_def *d, struct qc_range *r,
		      enum qc_measure_kind *kind)
{
	qc_indicator_default_range(d->name, d->unit, r, kind);
	if (d->has_min || d->has_max) {
		r->has_min = d->has_min;
		r->min = d->min;
		r->has_max = d->has_max;
		r->max = d->max;
	}
	if (d->kind)
		qc_measure_kind_parse(d->kind, kind);
}

static const char *def_direction(const struct qc_indicator_def *d)
{
	return d->direction && !strcmp(d->direction, "lower") ? "lower" :
								"higher";
}

/* A catalogue entry links to itself, with its range and kind. */
static enum qc_rc set_range(struct qc_store *s, int64_t id,
			    const struct qc_indicator_def *d,
			    struct qc_error *err)
{
	struct qc_range r;
	enum qc_measure_kind kind;
	struct qc_stmt *st;
	enum qc_rc rc;

	def_range(d, &r, &kind);
	rc = qc_stmt_prepare(s,
			     "UPDATE indicators SET catalog_id = id,"
			     " link_status = 'confirmed', min_value = ?,"
			     " max_value = ?, kind = ? WHERE id = ?",
			     &st, err);
	if (rc)
		return rc;
	if (r.has_min)
		qc_stmt_bind_double(st, 1, r.min);
	if (r.has_max)
		qc_stmt_bind_double(st, 2, r.max);
	qc_stmt_bind_text(st, 3, qc_measure_kind_name(kind));
	qc_stmt_bind_int(st, 4, id);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

static enum qc_rc upsert_def(struct qc_store *s, struct qc_stmt *ins,
			     const struct qc_indicator_def *d, int64_t *idp,
			     struct qc_error *err)
{
	int64_t id;
	enum qc_rc rc;

	qc_stmt_reset(ins);
	qc_stmt_bind_text(ins, 1, d->name);
	qc_stmt_bind_text(ins, 2, d->unit);
	qc_stmt_bind_text(ins, 3, def_direction(d));
	qc_stmt_bind_text(ins, 4, d->domain);
	if ((rc = qc_stmt_run_id(ins, &id, err)))
		return rc;
	*idp = id;
	return set_range(s, id, d, err);
}

/* The synonyms of d (stored as id), once every entry is stored: a
 * synonym already naming a catalogue entry or given by an earlier one
 * keeps its first owner; the catalogue is the authority on conflicts. */
static enum qc_rc add_synonyms(struct qc_store *s, struct qc_stmt *syn,
			       const struct qc_indicator_def *d, int64_t id,
			       struct qc_error *err)
{
	enum qc_rc rc;

	for (size_t k = 0; k < d->n_synonyms; k++) {
		int64_t other;
		if (!strcmp(d->synonyms[k], d->name))
			continue;
		if ((rc = catalog_named(s, d->synonyms[k], &other, err)))
			return rc;
		if (other)
			continue;
		qc_stmt_reset(syn);
		qc_stmt_bind_text(syn, 1, d->synonyms[k]);
		qc_stmt_bind_int(syn, 2, id);
		if ((rc = qc_stmt_run(syn, err)))
			return rc;
	}
	return QC_OK;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lines_add(char ***v, size_t *n, size_t *alloc, const char *a,
		      const char *b)
{
	size_t len = strlen(a) + strlen(b) + 2;
	char *line = qc_xmalloc(len);
	snprintf(line, len, "%s\t%s", a, b);
	QC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = line;
}

/* Whether every catalogue entry is stored as a sync would leave it
 * (row, link, range, kind) with the synonyms it would give: a sync then
 * changes nothing. The synonyms follow add_synonyms: in catalogue order,
 * one that names a catalogue entry or an earlier synonym is left out. */
static enum qc_rc catalog_same(struct qc_store *s, const struct qc_catalog *c,
			       bool *same, struct qc_error *err)
{
	char **want = NULL, **have = NULL;
	size_t n_want = 0, a_want = 0, n_have = 0, a_have = 0;
	struct qc_stmt *row = NULL, *st = NULL;
	enum qc_rc rc, r = QC_DONE;

	*same = false;
	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT 1 FROM indicators WHERE name = ? AND"
		     " COALESCE(unit, '') = COALESCE(CAST(? AS TEXT), '') AND"
		     " direction = ? AND COALESCE(domain, '') ="
		     " COALESCE(CAST(? AS TEXT), '') AND in_catalog = 1 AND"
		     " catalog_id = id AND link_status = 'confirmed' AND"
		     " COALESCE(min_value, -1e300) ="
		     " COALESCE(CAST(? AS DOUBLE PRECISION), -1e300) AND"
		     " COALESCE(max_value, -1e300) ="
		     " COALESCE(CAST(? AS DOUBLE PRECISION), -1e300) AND"
		     " kind = ?",
		     &row, err)))
		return rc;
	for (size_t i = 0; i < c->n; i++) {
		const struct qc_indicator_def *d = &c->v[i];
		struct qc_range rg;
		enum qc_measure_kind kind;
		def_range(d, &rg, &kind);
		qc_stmt_reset(row);
		qc_stmt_bind_text(row, 1, d->name);
		qc_stmt_bind_text(row, 2, d->unit);
		qc_stmt_bind_text(row, 3, def_direction(d));
		qc_stmt_bind_text(row, 4, d->domain);
		if (rg.has_min)
			qc_stmt_bind_double(row, 5, rg.min);
		else
			qc_stmt_bind_null(row, 5);
		if (rg.has_max)
			qc_stmt_bind_double(row, 6, rg.max);
		else
			qc_stmt_bind_null(row, 6);
		qc_stmt_bind_text(row, 7, qc_measure_kind_name(kind));
		if ((r = qc_stmt_next(row, err)) != QC_ROW)
			goto out;
	}
	/* The catalogue's names: every entry is stored, so these are what
	 * the sync sees too. */
	if ((rc = qc_stmt_prepare(s,
				  "SELECT name FROM indicators WHERE"
				  " in_catalog = 1",
				  &st, err)))
		goto out;
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		lines_add(&have, &n_have, &a_have, qc_stmt_text(st, 0), "");
	qc_stmt_free(st);
	st = NULL;
	if (qc_step_failed(r))
		goto out;
	if (n_have)
		qsort(have, n_have, sizeof(*have), str_cmp);
	for (size_t i = 0; i < c->n; i++) {
		const struct qc_indicator_def *d = &c->v[i];
		for (size_t k = 0; k < d->n_synonyms; k++) {
			const char *y = d->synonyms[k];
			char *key, *named;
			bool taken = false;
			size_t len = strlen(y) + 2;
			if (!strcmp(y, d->name))
				continue;
			key = qc_xmalloc(len);
			snprintf(key, len, "%s\t", y);
			named = key;
			taken = n_have &&
				bsearch(&named, have, n_have, sizeof(*have),
					str_cmp) != NULL;
			for (size_t j = 0; !taken && j < n_want; j++)
				taken = !strncmp(want[j], key, len - 1);
			free(key);
			if (!taken)
				lines_add(&want, &n_want, &a_want, y, d->name);
		}
	}
	for (size_t i = 0; i < n_have; i++)
		free(have[i]);
	n_have = 0;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT y.synonym, i.name FROM"
				  " indicator_synonyms y JOIN indicators i ON"
				  " i.id = y.indicator_id",
				  &st, err)))
		goto out;
	while ((r = qc_stmt_next(st, err)) == QC_ROW)
		lines_add(&have, &n_have, &a_have, qc_stmt_text(st, 0),
			  qc_stmt_text(st, 1));
	if (qc_step_failed(r) || n_have != n_want)
		goto out;
	*same = true;
	if (n_want) {
		qsort(have, n_have, sizeof(*have), str_cmp);
		qsort(want, n_want, sizeof(*want), str_cmp);
	}
	for (size_t i = 0; *same && i < n_want; i++)
		*same = !strcmp(want[i], have[i]);
out:
	if (qc_step_failed(r))
		rc = r;
	qc_stmt_free(row);
	qc_stmt_free(st);
	for (size_t i = 0; i < n_want; i++)
		free(want[i]);
	for (size_t i = 0; i < n_have; i++)
		free(have[i]);
	free(want);
	free(have);
	return rc;
}

enum qc_rc qc_indicator_sync(struct qc_store *s, const struct qc_catalog *c,
			     struct qc_error *err)
{
	struct qc_stmt *ins = NULL, *syn = NULL;
	bool same;
	enum qc_rc rc;

	/* Synced before from the same catalogue (every `qcity init`):
	 * nothing to write, nothing to audit. */
	if ((rc = catalog_same(s, c, &same, err)) || same)
		return rc;
	if ((rc = qc_store_begin(s, err)))
		return rc;
	/* The catalogue is the only source of synonyms: one it no longer
	 * lists (issue 11: 首席专家 is not 首席质量官人数) goes. */
	rc = qc_store_exec(s, "DELETE FROM indicator_synonyms", err);
	if (!rc)
		rc = qc_stmt_prepare(s,
				     "INSERT INTO indicators (name, unit, direction,"
				     " domain, in_catalog) VALUES (?, ?, ?, ?, 1)"
				     " ON CONFLICT (name) DO UPDATE SET"
				     " unit = excluded.unit,"
				     " direction = excluded.direction,"
				     " domain = excluded.domain, in_catalog = 1"
				     " RETURNING id",
				     &ins, err);
	if (!rc)
		rc = qc_stmt_prepare(s,
				     "INSERT INTO indicator_synonyms"
				     " (synonym, indicator_id) VALUES (?, ?)",
				     &syn, err);
	/* Every entry before any synonym, so that which synonyms a sync
	 * keeps does not depend on whether the entries existed before. */
	int64_t *ids = qc_xcalloc(c->n ? c->n : 1, sizeof(*ids));
	for (size_t i = 0; !rc && i < c->n; i++)
		rc = upsert_def(s, ins, &c->v[i], &ids[i], err);
	for (size_t i = 0; !rc && i < c->n; i++)
		rc = add_synonyms(s, syn, &c->v[i], ids[i], err);
	free(ids);
	qc_stmt_free(ins);
	qc_stmt_free(syn);
	if (!rc)
		rc = qc_audit_add(s, "system", "sync", "indicators", NULL, NULL,
				  NULL, err);
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_indicator_find(struct qc_store *s, const char *name, int64_t *id,
			     struct qc_error *err)
{
	bool found;
	enum qc_rc rc = qc_store_get_int(s,
					 "SELECT id FROM indicators WHERE"
					 " name = ? UNION ALL SELECT"
					 " indicator_id FROM indicator_synonyms"
					 " WHERE synonym = ?",
					 QC_TEXTS(name, name), id, &found, err);
	if (!rc && !found)
		rc = qc_error_set(err, QC_ENOTFOUND, "no indicator named '%s'",
				  name);
	return rc;
}

enum qc_rc qc_indicator_ensure(struct qc_store *s, const char *name,
			       const char *unit, bool lower_is_better,
			       int64_t *id, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if (qc_indicator_find(s, name, id, NULL) == QC_OK)
		return QC_OK;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO indicators (name, unit, direction)"
			     " VALUES (?, ?, ?) RETURNING id",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, name);
	qc_stmt_bind_text(st, 2, unit);
	qc_stmt_bind_text(st, 3, lower_is_better ? "lower" : "higher");
	rc = qc_stmt_run_id(st, id, err);
	qc_stmt_free(st);
	return rc;
}
