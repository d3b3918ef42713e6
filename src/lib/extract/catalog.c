/* The indicator catalogue (data/indicators.json) and the match from an
 * indicator as a plan writes it to its canonical entry. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "qcity/alloc.h"
#include "qcity/catalog.h"
#include "qcity/strbuf.h"
#include "qcity/text.h"
#include "extract_int.h"
#include "banned.h"

static enum qc_rc get_str(json_t *o, const char *key, bool required,
			  char **out, size_t i, struct qc_error *err)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v)) {
		if (required)
			return qc_error_set(err, QC_EINVAL,
					    "indicators[%zu].%s: missing", i, key);
		return QC_OK;
	}
	if (!json_is_string(v))
		return qc_error_set(err, QC_EINVAL,
				    "indicators[%zu].%s: not a string", i, key);
	*out = qc_xstrdup(json_string_value(v));
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
		return qc_error_set(err, QC_EINVAL, "indicators[%zu]: not an object", i);
	if ((rc = get_str(o, "name", true, &d->name, i, err)) ||
	    (rc = get_str(o, "unit", false, &d->unit, i, err)) ||
	    (rc = get_str(o, "direction", false, &d->direction, i, err)) ||
	    (rc = get_str(o, "domain", false, &d->domain, i, err)))
		return rc;
	if (d->direction && strcmp(d->direction, "higher") &&
	    strcmp(d->direction, "lower"))
		return qc_error_set(err, QC_EINVAL,
				    "indicators[%zu].direction: '%s' is not higher or lower",
				    i, d->direction);
	syn = json_object_get(o, "synonyms");
	if (!syn || json_is_null(syn))
		return QC_OK;
	if (!json_is_array(syn))
		return qc_error_set(err, QC_EINVAL,
				    "indicators[%zu].synonyms: not an array", i);
	d->synonyms = qc_xcalloc(json_array_size(syn) + 1, sizeof(char *));
	json_array_foreach(syn, k, s) {
		if (!json_is_string(s))
			return qc_error_set(err, QC_EINVAL,
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
		rc = qc_error_set(err, QC_EINVAL, "%s: line %d: %s", path, je.line,
				  je.text);
		goto out;
	}
	arr = json_object_get(root, "indicators");
	if (!json_is_array(arr)) {
		rc = qc_error_set(err, QC_EINVAL, "%s: no \"indicators\" array", path);
		goto out;
	}
	json_array_foreach(arr, i, o) {
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
		for (size_t k = 0; k < d->n_synonyms; k++)
			free(d->synonyms[k]);
		free(d->synonyms);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* How well term t names written w: the whole of it, its tail (城市生产企业
 * 产品质量监督抽查合格率 → 产品质量监督抽查合格率), or a long inner run.
 * Returns a score, 0 for no match. */
static size_t score(const char *w, size_t wl, const char *t)
{
	size_t tl = strlen(t);

	if (tl == 0 || tl > wl)
		return 0;
	if (tl == wl && memcmp(w, t, tl) == 0)
		return 4 * tl + 3;
	if (memcmp(w + wl - tl, t, tl) == 0)
		return 4 * tl + 2;
	if (tl >= 3 * 5 && qc_xfind(w, w + wl, t))
		return 4 * tl;
	return 0;
}

/* Match a name already folded and simplified (the extractor's own text). */
const struct qc_indicator_def *qc_xcatalog_match_norm(const struct qc_catalog *c,
						   const char *w)
{
	static const char *const area[] = { "全市", "全区", "全县", "全省",
					    "全州", "全国", "我市", "我区" };
	size_t wl = strlen(w), best_s = 0;
	const struct qc_indicator_def *best = NULL;

	for (size_t i = 0; i < sizeof(area) / sizeof(*area); i++)
		if (wl > 6 && strncmp(w, area[i], 6) == 0) {
			w += 6;
			wl -= 6;
			break;
		}
	for (size_t i = 0; i < c->n; i++) {
		size_t s = score(w, wl, c->v[i].name);
		for (size_t k = 0; k < c->v[i].n_synonyms; k++) {
			size_t s2 = score(w, wl, c->v[i].synonyms[k]);
			if (s2 > s)
				s = s2;
		}
		if (s > best_s) {
			best_s = s;
			best = &c->v[i];
		}
	}
	return best;
}

const struct qc_indicator_def *qc_catalog_match(const struct qc_catalog *c,
						const char *written)
{
	struct qc_buf f, t;
	const char *w;
	const struct qc_indicator_def *best = NULL;

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
	best = qc_xcatalog_match_norm(c, w);
out:
	qc_buf_release(&f);
	qc_buf_release(&t);
	return best;
}
