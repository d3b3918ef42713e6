/* Open data: the observations of the published plans' snapshots (never
 * live data) as SDMX-CSV 2.0, CSV, JSON and XLSX, and the codelists of
 * indicators and regions (GB/T 2260). docs/quality-index.md §6. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "qcity/alloc.h"
#include "qcity/json.h"
#include "qcity/publish.h"
#include "qcity/strbuf.h"
#include "banned.h"

static const struct {
	const char *name, *media;
} formats[] = {
	[QC_EXPORT_SDMX] = { "values.sdmx.csv", "text/csv; charset=utf-8" },
	[QC_EXPORT_CSV] = { "values.csv", "text/csv; charset=utf-8" },
	[QC_EXPORT_JSON] = { "values.json", "application/json; charset=utf-8" },
	[QC_EXPORT_XLSX] = { "values.xlsx",
			     "application/vnd.openxmlformats-"
			     "officedocument.spreadsheetml.sheet" },
	[QC_EXPORT_CODES_INDICATORS] = { "codelist-indicators.csv",
					 "text/csv; charset=utf-8" },
	[QC_EXPORT_CODES_REGIONS] = { "codelist-regions.csv",
				      "text/csv; charset=utf-8" },
};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

int qc_export_parse(const char *name, enum qc_export_format *out)
{
	for (size_t i = 0; name && i < N_FORMATS; i++)
		if (!strcmp(name, formats[i].name)) {
			*out = (enum qc_export_format)i;
			return 1;
		}
	return 0;
}

const char *qc_export_name(enum qc_export_format f)
{
	return formats[f].name;
}

const char *qc_export_media_type(enum qc_export_format f)
{
	return formats[f].media;
}

struct obs {
	const char *region, *region_name, *name, *unit, *period, *status,
		*as_of;
	char code[24];
	double value;
};
struct obs_set {
	json_t *snaps; /* owns every string the rows point to */
	struct obs *v;
	size_t n, alloc;
};

static const char *region_name(json_t *snap, const char *code)
{
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(snap, "regions"), i, r) if (
		!strcmp(json_string_value(json_object_get(r, "code")) ?
				json_string_value(json_object_get(r, "code")) :
				"",
			code)) return json_string_value(json_object_get(r,
									"name"));
	return NULL;
}

/* The status of series in region, as published. */
static const char *status_of(json_t *snap, json_int_t series, const char *code)
{
	size_t i, k;
	json_t *r, *t;
	json_array_foreach(json_object_get(snap, "regions"), i, r)
	{
		const char *c = json_string_value(json_object_get(r, "code"));
		if (!c || strcmp(c, code))
			continue;
		json_array_foreach(json_object_get(r, "targets"), k, t) if (
			json_integer_value(json_object_get(t, "series")) ==
			series) return json_string_value(json_object_get(t,
									 "status"));
	}
	return NULL;
}

static enum qc_rc gather(struct qc_store *s, struct obs_set *set,
			 struct qc_error *err)
{
	struct qc_pub_list l;
	enum qc_rc rc;

	memset(set, 0, sizeof(*set));
	set->snaps = json_array();
	if ((rc = qc_pub_list(s, "plan", &l, err)))
		return rc;
	for (size_t p = 0; p < l.n && !rc; p++) {
		struct qc_pub full;
		json_t *snap, *v;
		size_t i;
		if ((rc = qc_pub_get(s, "plan", l.v[p].ref, &full, err)))
			break;
		snap = json_loads(full.snapshot, 0, NULL);
		qc_pub_release(&full);
		if (!snap) {
			rc = qc_error_set(err, QC_ECORRUPT,
					  "publication plan "
					  "%s: the snapshot is not JSON",
					  l.v[p].ref);
			break;
		}
		json_array_append_new(set->snaps, snap);
		json_array_foreach(json_object_get(snap, "values"), i, v)
		{
			struct obs *o;
			json_int_t series = json_integer_value(
				json_object_get(v, "series"));
			QC_GROW(set->v, set->n + 1, set->alloc);
			o = &set->v[set->n++];
			memset(o, 0, sizeof(*o));
			snprintf(o->code, sizeof(o->code), "S%lld",
				 (long long)series);
			o->region = json_string_value(
				json_object_get(v, "region"));
			o->region_name = region_name(snap, o->region);
			o->name = json_string_value(json_object_get(v, "name"));
			o->unit = json_string_value(json_object_get(v, "unit"));
			o->period = json_string_value(
				json_object_get(v, "period"));
			o->value = json_number_value(
				json_object_get(v, "value"));
			o->status = status_of(snap, series, o->region);
			o->as_of = json_string_value(
				json_object_get(snap, "as_of"));
		}
	}
	qc_pub_list_release(&l);
	return rc;
}

static void obs_release(struct obs_set *set)
{
	free(set->v);
	json_decref(set->snaps);
	memset(set, 0, sizeof(*set));
}

/* The shortest text that reads back as the same double. */
static void fmt_num(double v, char *buf, size_t n)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

/* A CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break. */
static void field(struct qc_buf *b, const char *s, bool last)
{
	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n")) {
		qc_buf_addch(b, '"');
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				qc_buf_addch(b, '"');
			qc_buf_addch(b, *p);
		}
		qc_buf_addch(b, '"');
	} else {
		qc_buf_adds(b, s);
	}
	qc_buf_adds(b, last ? "\r\n" : ",");
}

/* SDMX periods: a half year is "2019-S1"; years, quarters and months
 * are written as qcity stores them. */
static void sdmx_period(const char *p, char *out, size_t n)
{
	snprintf(out, n, "%s", p ? p : "");
	if (strlen(out) == 7 && out[5] == 'H')
		out[5] = 'S';
}

static void write_sdmx(const struct obs_set *set, struct qc_buf *b)
{
	static const char *const head[] = { "STRUCTURE",     "STRUCTURE_ID",
					    "ACTION",        "REF_AREA",
					    "INDICATOR",     "TIME_PERIOD",
					    "OBS_VALUE",     "UNIT_MEASURE",
					    "TARGET_STATUS", "PUBLISHED" };
	char num[40], per[16];

	for (size_t i = 0; i < 10; i++)
		field(b, head[i], i == 9);
	for (size_t i = 0; i < set->n; i++) {
		const struct obs *o = &set->v[i];
		fmt_num(o->value, num, sizeof(num));
		sdmx_period(o->period, per, sizeof(per));
		field(b, "dataflow", false);
		field(b, QC_SDMX_DATAFLOW, false);
		field(b, "I", false);
		field(b, o->region, false);
		field(b, o->code, false);
		field(b, per, false);
		field(b, num, false);
		field(b, o->unit, false);
		field(b, o->status, false);
		field(b, o->as_of, true);
	}
}

static const char *const plain_head[] = {
	"region_code", "region", "indicator_code", "indicator", "period",
	"value",       "unit",   "status",         "as_of"
};

static void write_csv(const struct obs_set *set, struct qc_buf *b)
{
	char num[40];

	for (size_t i = 0; i < 9; i++)
		field(b, plain_head[i], i == 8);
	for (size_t i = 0; i < set->n; i++) {
		const struct obs *o = &set->v[i];
		fmt_num(o->value, num, sizeof(num));
		field(b, o->region, false);
		field(b, o->region_name, false);
		field(b, o->code, false);
		field(b, o->name, false);
		field(b, o->period, false);
		field(b, num, false);
		field(b, o->unit, false);
		field(b, o->status, false);
		field(b, o->as_of, true);
	}
}

static void write_json(const struct obs_set *set, struct qc_buf *b)
{
	json_t *rows = json_array(), *root;
	char *text;

	for (size_t i = 0; i < set->n; i++) {
		const struct obs *o = &set->v[i];
		json_array_append_new(
			rows,
			qc_xjson_pack(
				"{s:s?, s:s?, s:s, s:s?, s:s?, s:f, s:s?, s:s?, s:s?}",
				"region_code", o->region, "region",
				o->region_name, "indicator_code", o->code,
				"indicator", o->name, "period", o->period,
				"value", o->value, "unit", o->unit, "status",
				o->status, "as_of", o->as_of));
	}
	root = qc_xjson_pack("{s:s, s:o}", "dataflow", QC_SDMX_DATAFLOW,
			     "observations", rows);
	text = json_dumps(root, JSON_INDENT(1) | JSON_REAL_PRECISION(17));
	json_decref(root);
	qc_buf_adds(b, text ? text : "");
	free(text);
}

/* Codelists: every code once, in first-seen order. */
static void write_codes(const struct obs_set *set, bool regions,
			struct qc_buf *b)
{
	json_t *seen = json_object();

	if (regions) {
		field(b, "CODE", false);
		field(b, "NAME", true);
	} else {
		field(b, "CODE", false);
		field(b, "NAME", false);
		field(b, "UNIT", true);
	}
	for (size_t i = 0; i < set->n; i++) {
		const struct obs *o = &set->v[i];
		const char *k = regions ? o->region : o->code;
		if (!k || json_object_get(seen, k))
			continue;
		json_object_set_new(seen, k, json_true());
		field(b, k, false);
		if (regions) {
			field(b, o->region_name, true);
		} else {
			field(b, o->name, false);
			field(b, o->unit, true);
		}
	}
	json_decref(seen);
}

static enum qc_rc write_xlsx(const struct obs_set *set, struct qc_buf *b,
			     struct qc_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	FILE *f;
	char chunk[65536];
	size_t got;
	int fd;
	enum qc_rc rc = QC_OK;

	snprintf(path, sizeof(path), "%s/qcity-export-XXXXXX.xlsx",
		 tmp && *tmp ? tmp : "/tmp");
	fd = mkstemps(path, 5);
	if (fd < 0)
		return qc_error_set(err, QC_EIO,
				    "%s: cannot make a temporary "
				    "file for the workbook",
				    path);
	close(fd);
	wb = workbook_new(path);
	ws = wb ? workbook_add_worksheet(wb, "values") : NULL;
	if (!ws) {
		if (wb)
			workbook_close(wb);
		unlink(path);
		return qc_error_set(err, QC_EIO,
				    "%s: cannot write the "
				    "workbook",
				    path);
	}
	for (lxw_col_t c = 0; c < 9; c++)
		worksheet_write_string(ws, 0, c, plain_head[c], NULL);
	for (size_t i = 0; i < set->n; i++) {
		const struct obs *o = &set->v[i];
		lxw_row_t r = (lxw_row_t)(i + 1);
		const char *cells[9] = { o->region, o->region_name, o->code,
					 o->name,   o->period,      NULL,
					 o->unit,   o->status,      o->as_of };
		for (lxw_col_t c = 0; c < 9; c++)
			if (c == 5)
				worksheet_write_number(ws, r, c, o->value,
						       NULL);
			else if (cells[c])
				worksheet_write_string(ws, r, c, cells[c],
						       NULL);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		rc = qc_error_set(err, QC_EIO, "%s: cannot write the workbook",
				  path);
	if (!rc && !(f = fopen(path, "rb")))
		rc = qc_error_set(err, QC_EIO,
				  "%s: cannot read the workbook "
				  "back",
				  path);
	if (!rc) {
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			qc_buf_add(b, chunk, got);
		fclose(f);
	}
	unlink(path);
	return rc;
}

enum qc_rc qc_export(struct qc_store *s, enum qc_export_format f,
		     struct qc_buf *out, struct qc_error *err)
{
	struct obs_set set;
	enum qc_rc rc = gather(s, &set, err);

	if (!rc) {
		switch (f) {
		case QC_EXPORT_SDMX: write_sdmx(&set, out); break;
		case QC_EXPORT_CSV: write_csv(&set, out); break;
		case QC_EXPORT_JSON: write_json(&set, out); break;
		case QC_EXPORT_XLSX: rc = write_xlsx(&set, out, err); break;
		case QC_EXPORT_CODES_INDICATORS:
		case QC_EXPORT_CODES_REGIONS:
			write_codes(&set, f == QC_EXPORT_CODES_REGIONS, out);
			break;
		}
	}
	obs_release(&set);
	if (!rc && qc_buf_failed(out))
		rc = qc_error_set(err, QC_EINVAL,
				  "the export is larger than "
				  "the buffer allows (%zu bytes)",
				  qc_buf_len(out));
	return rc;
}
