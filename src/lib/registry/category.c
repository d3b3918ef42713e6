/* The product category catalogue (data/product-categories.json) in the
 * database: categories with the product names that belong to them, loaded
 * (qc_category_sync) and read (qcity/category.h). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/category.h"
#include "qcity/sampling.h"
#include "qcity/store.h"
#include "qcity/text.h"
#include "banned.h"

static enum qc_rc add_synonym(struct qc_store *s, int64_t id, const char *syn,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	/* A name another category already claims keeps its first owner. */
	enum qc_rc rc = qc_stmt_prepare(
		s,
		"INSERT INTO product_category_synonyms"
		" (synonym, category_id) VALUES (?, ?) ON CONFLICT (synonym)"
		" DO NOTHING",
		&st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, syn);
	qc_stmt_bind_int(st, 2, id);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_category_sync(struct qc_store *s, const char *path, size_t *count,
			    struct qc_error *err)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr), *cats, *c, *syn, *v;
	struct qc_stmt *st = NULL;
	size_t i, k;
	enum qc_rc rc;

	*count = 0;
	if (!root)
		return qc_error_set(err, QC_EIO, "%s: line %d: %s", path,
				    jerr.line, jerr.text);
	cats = json_object_get(root, "categories");
	if (!json_is_array(cats)) {
		json_decref(root);
		return qc_error_set(err, QC_EINVAL,
				    "%s: expected "
				    "{\"categories\": [...]}",
				    path);
	}
	if ((rc = qc_store_begin(s, err)))
		goto out;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO product_categories (name) VALUES (?)"
			     " ON CONFLICT (name) DO UPDATE SET name = excluded.name"
			     " RETURNING id",
			     &st, err);
	json_array_foreach(cats, i, c)
	{
		const char *name = json_string_value(
			json_object_get(c, "name"));
		int64_t id;
		if (rc)
			break;
		if (!name || !*name) {
			rc = qc_error_set(err, QC_EINVAL,
					  "%s: categories[%zu]."
					  "name: missing",
					  path, i);
			break;
		}
		qc_stmt_reset(st);
		qc_stmt_bind_text(st, 1, name);
		if ((rc = qc_stmt_run_id(st, &id, err)))
			break;
		syn = json_object_get(c, "synonyms");
		json_array_foreach(syn, k, v) if (!rc && json_is_string(v))
			rc = add_synonym(s, id, json_string_value(v), err);
		(*count)++;
	}
	qc_stmt_free(st);
	if (rc)
		qc_store_rollback(s);
	else
		rc = qc_store_commit(s, err);
out:
	json_decref(root);
	return rc;
}

enum qc_rc qc_category_list(struct qc_store *s, struct qc_category_list *out,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc, r = QC_OK;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT id, name FROM product_categories"
				  " ORDER BY id",
				  &st, err)))
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n].id = qc_stmt_int(st, 0);
		out->v[out->n++].name = qc_xstrdup(qc_stmt_text(st, 1));
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

void qc_category_list_release(struct qc_category_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

enum qc_rc qc_category_name(struct qc_store *s, int64_t id, char **name,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc r;

	*name = NULL;
	r = qc_stmt_row_ids(s,
			    "SELECT name FROM product_categories WHERE id = ?",
			    QC_IDS(id), &st, err);
	if (r == QC_ROW) {
		*name = qc_xstrdup(qc_stmt_text(st, 0));
		qc_stmt_free(st);
		return QC_OK;
	}
	if (r == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND,
				    "no product category %lld", (long long)id);
	return r;
}

enum qc_rc qc_category_heads_load(struct qc_store *s,
				  struct qc_category_heads *out,
				  struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc, r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT name, id FROM product_categories"
				  " UNION ALL SELECT synonym, category_id FROM"
				  " product_category_synonyms",
				  &st, err)))
		return rc;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *name = qc_stmt_text(st, 0);
		if (!name || !*name)
			continue;
		QC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n].name = qc_xstrdup(name);
		out->v[out->n].len = strlen(name);
		out->v[out->n++].id = qc_stmt_int(st, 1);
	}
	qc_stmt_free(st);
	out->loaded = true;
	return qc_step_rc(r);
}

/* The length of product without the notes in brackets that close it
 * (烧结多孔砖(页岩), 复用餐饮具（碗）), a grade written after it (车用柴油
 * 0#, 车用汽油93#) and the spaces before them; the first note's place in
 * *note (NULL if none). */
static size_t without_notes(const char *p, size_t n, const char **note)
{
	*note = NULL;
	for (int round = 0; round < 3; round++) {
		size_t at = n;
		if ((n = qc_text_without_note(p, n)) < at)
			*note = p + n;
		while (n) {
			if (strchr("0123456789#- ", p[n - 1]))
				n--;
			else if (n > 3 && !memcmp(p + n - 3, "号", 3) &&
				 p[n - 4] >= '0' && p[n - 4] <= '9')
				n -= 3;
			else
				break;
		}
		if (n == at || !n)
			break;
	}
	return n;
}

/* The longest catalogue name p[0, n) ends with: its category, 0 if none
 * or a tie between two. */
static int64_t head_of(const struct qc_category_heads *h, const char *p,
		       size_t n)
{
	size_t best = 0;
	int64_t id = 0;

	for (size_t i = 0; i < h->n; i++) {
		const struct qc_category_head *c = &h->v[i];
		if (c->len > n || c->len < best ||
		    memcmp(p + n - c->len, c->name, c->len))
			continue;
		if (c->len > best)
			best = c->len, id = c->id;
		else if (id != c->id)
			id = 0; /* two categories, equally long: neither */
	}
	return id;
}

int64_t qc_category_by_head(const struct qc_category_heads *h,
			    const char *product)
{
	const char *note;
	size_t n, len;
	int64_t id;

	if (!product)
		return 0;
	len = strlen(product);
	n = without_notes(product, len, &note);
	if ((id = head_of(h, product, n)) || !note)
		return id;
	/* The note names the kind where the name does not (黑鸭味鸭小腿
	 * (酱卤肉制品), 聚乙烯薄膜(农用地膜)). */
	const char *in = note + (*note == '(' ? 1 : 3);
	const char *end = memchr(in, ')', (size_t)(product + len - in));
	const char *wide = strstr(in, "）");
	if (!end || (wide && wide < end))
		end = wide;
	return end && end > in ? head_of(h, in, (size_t)(end - in)) : 0;
}

void qc_category_heads_release(struct qc_category_heads *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].name);
	free(h->v);
	memset(h, 0, sizeof(*h));
}
