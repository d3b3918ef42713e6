/* Indicators in the database: the catalogue's copy (each entry linked to
 * itself) beside the series plans name (src/lib/model/series.c).
 * Synonyms resolve to their catalogue entry. */
#include <stdlib.h>
#include <string.h>

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

/* A catalogue entry links to itself; its range and kind are the
 * catalogue's, or what its unit implies. */
static enum qc_rc set_range(struct qc_store *s, int64_t id,
			    const struct qc_indicator_def *d,
			    struct qc_error *err)
{
	struct qc_range r;
	enum qc_measure_kind kind;
	struct qc_stmt *st;
	enum qc_rc rc;

	qc_indicator_default_range(d->name, d->unit, &r, &kind);
	if (d->has_min || d->has_max) {
		r.has_min = d->has_min;
		r.min = d->min;
		r.has_max = d->has_max;
		r.max = d->max;
	}
	if (d->kind)
		qc_measure_kind_parse(d->kind, &kind);
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
			     struct qc_stmt *syn,
			     const struct qc_indicator_def *d,
			     struct qc_error *err)
{
	int64_t id;
	enum qc_rc rc;

	qc_stmt_reset(ins);
	qc_stmt_bind_text(ins, 1, d->name);
	qc_stmt_bind_text(ins, 2, d->unit);
	qc_stmt_bind_text(ins, 3,
			  d->direction && !strcmp(d->direction, "lower") ?
				  "lower" :
				  "higher");
	qc_stmt_bind_text(ins, 4, d->domain);
	if ((rc = qc_stmt_run_id(ins, &id, err)))
		return rc;
	if ((rc = set_range(s, id, d, err)))
		return rc;
	for (size_t k = 0; k < d->n_synonyms; k++) {
		int64_t other;
		/* A synonym already naming another indicator keeps its first
		 * owner; the catalogue is the authority on conflicts. */
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

enum qc_rc qc_indicator_sync(struct qc_store *s, const struct qc_catalog *c,
			     struct qc_error *err)
{
	struct qc_stmt *ins = NULL, *syn = NULL;
	enum qc_rc rc;

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
	for (size_t i = 0; !rc && i < c->n; i++)
		rc = upsert_def(s, ins, syn, &c->v[i], err);
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
