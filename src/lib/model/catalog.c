/* The indicator catalogue (data/indicators.json) and the match from an
 * indicator as a plan writes it to its canonical entry. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "qcity/alloc.h"
#include "qcity/catalog.h"
#include "qcity/strbuf.h"
#include "qcity/text.h"
#include "banned.h"

static enum qc_rc get_str(json_t *o, const char *key, bool required, char **out,
			  size_t i, struct qc_error *err)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v)) {
		if (required)
			return qc_error_set(err, QC_EINVAL,
					    "indicators[%zu].%s: missing", i,
					    key);
		return QC_OK;
	}
	if (!json_is_string(v))
		return qc_error_set(err, QC_EINVAL,
				    "indicators[%zu].%s: not a string", i, key);
	*out = qc_xstrdup(json_string_value(v));
	return QC_OK;
}

static enum qc_rc get_num(json_t *o, const char *key, bool *has, double *out,
			  size_t i, struct qc_error *err)
{
	json_t *v = json_object_get(o, key);

	*has = false;
	if (!v || json_is_null(v))
		return QC_OK;
	if (!json_is_number(v))
		return qc_error_set(err, QC_EINVAL,
				    "indicators[%zu].%s: not a number", i, key);
	*has = true;
	*out = json_number_value(v);
	return QC_OK;
}

static enum qc_rc load_entry(json_t *o, struct qc_indicator_def *d, size_t i,
			     struct qc_error *err)
{
	enum qc_rc rc;
	json_t *syn;
	size_t k;
	json_t *s;

	if (!json_is_object(o))
		return qc_error_set(err, QC_EINVAL,
				    "indicators[%zu]: not an object", i);
	if ((rc = get_str(o, "name", true, &d->name, i, err)) ||
	    (rc = get_str(o, "unit", false, &d->unit, i, err)) ||
	    (rc = get_str(o, "direction", false, &d->direction, i, err)) ||
	    (rc = get_str(o, "domain", false, &d->domain, i, err)))
		return rc;
	if (d->direction && strcmp(d->direction, "higher") &&
	    strcmp(d->direction, "lower"))
		return qc_error_set(
			err, QC_EINVAL,
			"indicators[%zu].direction: '%s' is not higher or lower",
			i, d->direction);
	if ((rc = get_str(o, "kind", false, &d->kind, i, err)))
		return rc;
	if (d->kind && strcmp(d->kind, "level") &&
	    strcmp(d->kind, "cumulative") && strcmp(d->kind, "flow"))
		return qc_error_set(
			err, QC_EINVAL,
			"indicators[%zu].kind: '%s' is not level, cumulative or flow",
			i, d->kind);
	if ((rc = get_num(o, "min", &d->has_min, &d->min, i, err)) ||
	    (rc = get_num(o, "max", &d->has_max, &d->max, i, err)))
		return rc;
	syn = json_object_get(o, "synonyms");
	if (!syn || json_is_null(syn))
		return QC_OK;
	if (!json_is_array(syn))
		return qc_error_set(err, QC_EINVAL,
				    "indicators[%zu].synonyms: not an array",
				    i);
	d->synonyms = qc_xcalloc(json_array_size(syn) + 1, sizeof(char *));
	json_array_foreach(syn, k, s)
	{
		if (!json_is_string(s))
			return qc_error_set(
				err, QC_EINVAL,
				"indicators[%zu].synonyms[%zu]: not a string",
				i, k);
		d->synonyms[d->n_synonyms++] = qc_xstrdup(json_string_value(s));
	}
	return QC_OK;
}

enum qc_rc qc_catalog_load(struct qc_catalog *c, const char *path,
			   struct qc_error *err)
{
	json_error_t je;
	json_t *root = NULL, *arr, *o;
	enum qc_rc rc = QC_OK;
	size_t i;

	memset(c, 0, sizeof(*c));
	root = json_load_file(path, 0, &je);
	if (!root) {
		rc = qc_error_set(err, QC_EINVAL, "%s: line %d: %s", path,
				  je.line, je.text);
		goto out;
	}
	arr = json_object_get(root, "indicators");
	if (!json_is_array(arr)) {
		rc = qc_error_set(err, QC_EINVAL, "%s: no \"indicators\" array",
				  path);
		goto out;
	}
	json_array_foreach(arr, i, o)
	{
		QC_GROW(c->v, c->n + 1, c->alloc);
		memset(&c->v[c->n], 0, sizeof(c->v[c->n]));
		c->n++;
		rc = load_entry(o, &c->v[c->n - 1], i, err);
		if (rc) {
			qc_error_prefix(err, "%s", path);
			goto out;
		}
	}
out:
	json_decref(root);
	return rc;
}

void qc_catalog_release(struct qc_catalog *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct qc_indicator_def *d = &c->v[i];
		free(d->name);
		free(d->unit);
		free(d->direction);
		free(d->domain);
		free(d->kind);
		for (size_t k = 0; k < d->n_synonyms; k++)
			free(d->synonyms[k]);
		free(d->synonyms);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* Whether t is w[0..wl): compared up to the first difference (most
 * names differ within their first character), without measuring t or
 * a call: this runs for every name and synonym per target. */
static bool same(const char *w, size_t wl, const char *t)
{
	size_t i = 0;

	while (i < wl && t[i] == w[i])
		i++;
	return i == wl && t[i] == '\0';
}

/* Match a name already folded and simplified (the extractor's own text):
 * the catalogue name itself, else a listed synonym, nothing looser
 * (issue 11: 首席专家 is not 首席质量官人数). An area prefix (全市 …)
 * names the plan's own area and is dropped. A name that is one entry and
 * a synonym of another is that entry. */
const struct qc_indicator_def *qc_catalog_match_norm(const struct qc_catalog *c,
						     const char *w,
						     enum qc_catalog_how *how)
{
	static const char *const area[] = { "全市", "全区", "全县", "全省",
					    "全州", "全国", "我市", "我区" };
	size_t wl = strlen(w);
	char *n = NULL;
	const struct qc_indicator_def *best = NULL;

	*how = QC_CATALOG_NONE;
	/* Whitespace inside a name is layout, not meaning. */
	if (strpbrk(w, " \t")) {
		size_t j = 0;
		n = qc_xstrdup(w);
		for (size_t i = 0; n[i]; i++)
			if (n[i] != ' ' && n[i] != '\t')
				n[j++] = n[i];
		n[j] = '\0';
		w = n;
		wl = j;
	}
	for (size_t i = 0; i < sizeof(area) / sizeof(*area); i++)
		if (wl > 6 && strncmp(w, area[i], 6) == 0) {
			w += 6;
			wl -= 6;
			break;
		}
	for (size_t i = 0; i < c->n && !best; i++)
		if (same(w, wl, c->v[i].name)) {
			best = &c->v[i];
			*how = QC_CATALOG_EXACT;
		}
	for (size_t i = 0; i < c->n && !best; i++)
		for (size_t k = 0; k < c->v[i].n_synonyms && !best; k++)
			if (same(w, wl, c->v[i].synonyms[k])) {
				best = &c->v[i];
				*how = QC_CATALOG_SYNONYM;
			}
	free(n);
	return best;
}

const char *qc_catalog_how_name(enum qc_catalog_how how)
{
	return how == QC_CATALOG_EXACT   ? "exact" :
	       how == QC_CATALOG_SYNONYM ? "synonym" :
					   "none";
}

const struct qc_indicator_def *qc_catalog_match(const struct qc_catalog *c,
						const char *written,
						enum qc_catalog_how *how)
{
	enum qc_catalog_how dummy;
	struct qc_buf f, t;
	const char *w;
	const struct qc_indicator_def *best = NULL;

	if (!how)
		how = &dummy;
	*how = QC_CATALOG_NONE;
	if (!c || !written)
		return NULL;
	qc_buf_init(&f, 4096);
	qc_buf_init(&t, 4096);
	qc_text_fold_width(written, strlen(written), &f);
	w = qc_buf_str(&f);
	/* Names are short: convert any non-ASCII name rather than guess
	 * whether it is traditional. One past the cap names nothing. */
	if (qc_buf_failed(&f) || !qc_utf8_valid(w, qc_buf_len(&f)))
		goto out;
	for (size_t i = 0; i < qc_buf_len(&f); i++)
		if ((unsigned char)w[i] >= 0x80) {
			if (qc_text_t2s(w, qc_buf_len(&f), &t, NULL) == QC_OK &&
			    !qc_buf_failed(&t))
				w = qc_buf_str(&t);
			break;
		}
	best = qc_catalog_match_norm(c, w, how);
out:
	qc_buf_release(&f);
	qc_buf_release(&t);
	return best;
}
