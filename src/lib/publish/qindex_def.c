/* Quality index definitions: the JSON files under data/index/ read into
 * struct qc_qindex_def, with the tree of groups flattened into one
 * effective weight per indicator (docs/quality-index.md §1). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/names.h"
#include "qcity/qindex.h"
#include "banned.h"

#define MAX_DEPTH 4
#define MAX_INDICATORS 200
#define DEF_MAX (1024 * 1024)

static const char *const norm_names[] = { "minmax", "target", "zscore" };
static const char *const agg_names[] = { "arithmetic", "geometric" };
static const char *const missing_names[] = { "reweight", "mean", "zero",
					     "exclude" };

const char *qc_qindex_norm_name(enum qc_qindex_norm n)
{
	return norm_names[n];
}

const char *qc_qindex_agg_name(enum qc_qindex_agg a)
{
	return agg_names[a];
}

const char *qc_qindex_missing_name(enum qc_qindex_missing m)
{
	return missing_names[m];
}

static enum qc_rc method(json_t *root, const char *key, const char *dflt,
			 const char *const *names, int n, int *out,
			 struct qc_error *err)
{
	json_t *v = json_object_get(root, key);
	const char *s = v ? json_string_value(v) : dflt;

	*out = qc_name_index(names, (size_t)n, s);
	if (*out >= 0)
		return QC_OK;
	return qc_error_set(err, QC_EINVAL, "%s: expected one of %s, %s%s%s",
			    key, names[0], names[1], n > 2 ? ", " : "",
			    n > 2 ? names[2] : "");
}

/* A weight: absent is 1; otherwise a finite number above 0. */
static bool weight_of(json_t *o, double *w)
{
	json_t *v = json_object_get(o, "weight");
	*w = 1;
	if (!v)
		return true;
	if (!json_is_number(v))
		return false;
	*w = json_number_value(v);
	return isfinite(*w) && *w > 0;
}

static enum qc_rc add_indicator(struct qc_qindex_def *d, json_t *o,
				const char *group, double path_w,
				const char *where, struct qc_error *err)
{
	const char *key = json_string_value(json_object_get(o, "key"));
	const char *name = json_string_value(json_object_get(o, "name"));
	const char *series = json_string_value(json_object_get(o, "series"));
	const char *dir = json_string_value(json_object_get(o, "direction"));
	json_t *target = json_object_get(o, "target");
	struct qc_qindex_ind *ind;
	double w;

	if (!json_is_object(o))
		return qc_error_set(err, QC_EINVAL, "%s: not an object", where);
	if (!key || !*key || strlen(key) > 32 ||
	    strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			"0123456789_") != strlen(key))
		return qc_error_set(err, QC_EINVAL,
				    "%s.key: 1-32 letters, "
				    "digits or _ (a stable code)",
				    where);
	if (!name || !*name)
		return qc_error_set(err, QC_EINVAL, "%s.name: missing", where);
	if (!dir || (strcmp(dir, "higher") && strcmp(dir, "lower")))
		return qc_error_set(err, QC_EINVAL,
				    "%s.direction: \"higher\" "
				    "or \"lower\"",
				    where);
	if (!weight_of(o, &w))
		return qc_error_set(err, QC_EINVAL,
				    "%s.weight: a number above "
				    "0",
				    where);
	if (target &&
	    (!json_is_number(target) || !isfinite(json_number_value(target)) ||
	     json_number_value(target) <= 0))
		return qc_error_set(err, QC_EINVAL,
				    "%s.target: a number above "
				    "0",
				    where);
	if (d->norm == QC_QINDEX_TARGET && !target)
		return qc_error_set(err, QC_EINVAL,
				    "%s.target: needed for the "
				    "distance-to-target normalisation",
				    where);
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].key, key))
			return qc_error_set(err, QC_EINVAL,
					    "%s.key: '%s' twice", where, key);
	if (d->n >= MAX_INDICATORS)
		return qc_error_set(err, QC_EINVAL, "more than %d indicators",
				    MAX_INDICATORS);
	d->v = qc_xreallocarray(d->v, d->n + 1, sizeof(*d->v));
	ind = &d->v[d->n++];
	memset(ind, 0, sizeof(*ind));
	ind->key = qc_xstrdup(key);
	ind->name = qc_xstrdup(name);
	ind->series = qc_xstrdup(series ? series : name);
	ind->group = qc_xstrdup(group);
	ind->higher = !strcmp(dir, "higher");
	ind->own_weight = w;
	ind->weight = path_w * w;
	ind->has_target = target != NULL;
	ind->target = target ? json_number_value(target) : 0;
	return QC_OK;
}

static enum qc_rc walk(struct qc_qindex_def *d, json_t *node, const char *group,
		       double path_w, int depth, const char *where,
		       struct qc_error *err)
{
	json_t *groups = json_object_get(node, "groups");
	json_t *inds = json_object_get(node, "indicators");
	char sub[160], path[512];
	enum qc_rc rc = QC_OK;
	double sum = 0;
	size_t i;
	json_t *g;

	if (depth > MAX_DEPTH)
		return qc_error_set(err, QC_EINVAL,
				    "%s: groups nest deeper "
				    "than %d",
				    where, MAX_DEPTH);
	if ((groups && !json_is_array(groups)) ||
	    (inds && !json_is_array(inds)))
		return qc_error_set(err, QC_EINVAL,
				    "%s: groups and indicators "
				    "are arrays",
				    where);
	/* Weights are shares among siblings (groups and indicators of one
	 * node together): each child gets path_w × w / Σ siblings' w. */
	json_array_foreach(groups, i, g)
	{
		double w;
		if (weight_of(g, &w))
			sum += w;
	}
	json_array_foreach(inds, i, g)
	{
		double w;
		if (weight_of(g, &w))
			sum += w;
	}
	if (sum > 0)
		path_w /= sum;
	json_array_foreach(groups, i, g)
	{
		const char *name = json_string_value(
			json_object_get(g, "name"));
		double w;
		snprintf(sub, sizeof(sub), "%s.groups[%zu]", where, i);
		if (!json_is_object(g) || !name || !*name)
			return qc_error_set(err, QC_EINVAL, "%s.name: missing",
					    sub);
		if (!weight_of(g, &w))
			return qc_error_set(err, QC_EINVAL,
					    "%s.weight: a "
					    "number above 0",
					    sub);
		snprintf(path, sizeof(path), "%s%s%s", group, *group ? "/" : "",
			 name);
		if ((rc = walk(d, g, path, path_w * w, depth + 1, sub, err)))
			return rc;
	}
	json_array_foreach(inds, i, g)
	{
		snprintf(sub, sizeof(sub), "%s.indicators[%zu]", where, i);
		if ((rc = add_indicator(d, g, group, path_w, sub, err)))
			return rc;
	}
	return rc;
}

static enum qc_rc regions_of(struct qc_qindex_def *d, json_t *v,
			     struct qc_error *err)
{
	size_t i;
	json_t *e;

	if (!v)
		return QC_OK;
	if (json_is_object(v)) {
		const char *p = json_string_value(json_object_get(v, "parent"));
		if (!p || strlen(p) != 6)
			return qc_error_set(err, QC_EINVAL,
					    "regions.parent: a "
					    "six-digit GB/T 2260 code");
		d->parent = qc_xstrdup(p);
		return QC_OK;
	}
	if (!json_is_array(v))
		return qc_error_set(err, QC_EINVAL,
				    "regions: {\"parent\": "
				    "CODE} or a list of codes");
	d->regions = qc_xcalloc(json_array_size(v) + 1, sizeof(char *));
	json_array_foreach(v, i, e)
	{
		const char *c = json_string_value(e);
		if (!c || strlen(c) != 6)
			return qc_error_set(err, QC_EINVAL,
					    "regions[%zu]: a "
					    "six-digit GB/T 2260 code",
					    i);
		d->regions[d->n_regions++] = qc_xstrdup(c);
	}
	return QC_OK;
}

enum qc_rc qc_qindex_parse(const char *text, size_t len,
			   struct qc_qindex_def **out, struct qc_error *err)
{
	struct qc_qindex_def *d = qc_xcalloc(1, sizeof(*d));
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	const char *id, *title;
	enum qc_rc rc;
	int n, a, m;
	double sum = 0;

	*out = NULL;
	if (!root || !json_is_object(root)) {
		rc = qc_error_set(err, QC_EINVAL, "line %d, column %d: %s",
				  je.line, je.column,
				  root ? "not a JSON "
					 "object" :
					 je.text);
		goto out;
	}
	id = json_string_value(json_object_get(root, "id"));
	title = json_string_value(json_object_get(root, "title"));
	if (!id || !*id || strlen(id) > 40 ||
	    strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_") !=
		    strlen(id)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "id: 1-40 lower-case letters,"
				  " digits, - or _");
		goto out;
	}
	if (!title || !*title) {
		rc = qc_error_set(err, QC_EINVAL, "title: missing");
		goto out;
	}
	if ((rc = method(root, "normalisation", "minmax", norm_names, 3, &n,
			 err)) ||
	    (rc = method(root, "aggregation", "arithmetic", agg_names, 2, &a,
			 err)) ||
	    (rc = method(root, "missing", "reweight", missing_names, 4, &m,
			 err)))
		goto out;
	d->id = qc_xstrdup(id);
	d->title = qc_xstrdup(title);
	d->note = qc_xstrdup(json_string_value(json_object_get(root, "note")));
	d->norm = (enum qc_qindex_norm)n;
	d->agg = (enum qc_qindex_agg)a;
	d->missing = (enum qc_qindex_missing)m;
	if (d->agg == QC_QINDEX_GEOMETRIC && d->norm == QC_QINDEX_ZSCORE) {
		rc = qc_error_set(err, QC_EINVAL,
				  "aggregation: a geometric "
				  "mean needs positive scores; z-scores are "
				  "not (use minmax or target)");
		goto out;
	}
	if ((rc = regions_of(d, json_object_get(root, "regions"), err)) ||
	    (rc = walk(d, root, "", 1, 0, "index", err)))
		goto out;
	if (!d->n) {
		rc = qc_error_set(err, QC_EINVAL, "indicators: none");
		goto out;
	}
	for (size_t i = 0; i < d->n; i++)
		sum += d->v[i].weight;
	for (size_t i = 0; i < d->n; i++)
		d->v[i].weight /= sum;
	*out = d;
	d = NULL;
out:
	json_decref(root);
	qc_qindex_def_free(d);
	return rc;
}

enum qc_rc qc_qindex_load(const char *path, struct qc_qindex_def **out,
			  struct qc_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t len;
	enum qc_rc rc;

	*out = NULL;
	if (!f)
		return qc_error_set(err, QC_EIO, "%s: cannot open", path);
	buf = qc_xmalloc(DEF_MAX + 1);
	len = fread(buf, 1, DEF_MAX + 1, f);
	fclose(f);
	if (len > DEF_MAX) {
		free(buf);
		return qc_error_set(err, QC_EINVAL, "%s: over %d KiB", path,
				    DEF_MAX / 1024);
	}
	rc = qc_qindex_parse(buf, len, out, err);
	free(buf);
	if (rc)
		qc_error_prefix(err, "%s", path);
	return rc;
}

void qc_qindex_def_free(struct qc_qindex_def *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].key);
		free(d->v[i].name);
		free(d->v[i].series);
		free(d->v[i].group);
	}
	for (size_t i = 0; i < d->n_regions; i++)
		free(d->regions[i]);
	free(d->regions);
	free(d->v);
	free(d->id);
	free(d->title);
	free(d->note);
	free(d->parent);
	free(d);
}
