/* The traceability register's catalogues (docs/traceability.md
 * "Catalogues"): the categories of 国办发〔2015〕95号 and the subject
 * types, their names, and a row as the audit log keeps it. */
#include <stdio.h>
#include <string.h>

#include "qcity/i18n.h"
#include "qcity/json.h"
#include "traceability_int.h"
#include "banned.h"

const char *const qc_trace_categories[QC_TRACE_CATEGORIES] = {
	"edible_agri",       "food",      "drug",       "agri_input",
	"special_equipment", "hazardous", "rare_earth", "other",
};
const char *const qc_trace_types[QC_TRACE_TYPES] = {
	"producer", "trader", "slaughter", "catering", "other",
};

/* Each entry's name for the reader and the names the platforms write it
 * by (spaces do not count); the first is the one refusals name. */
#define NAMES 8
struct entry {
	const char *code, *label;
	const char *names[NAMES];
};

static const struct entry categories[QC_TRACE_CATEGORIES] = {
	{ "edible_agri",
	  N_("edible agricultural products"),
	  { "食用农产品", "农产品", "肉类", "蔬菜", "畜禽产品", "水产品",
	    NULL } },
	{ "food", N_("food"), { "食品", "食品生产", "食品加工", NULL } },
	{ "drug", N_("drugs"), { "药品", "疫苗", NULL } },
	{ "agri_input",
	  N_("agricultural inputs"),
	  { "农业生产资料", "农资", "种子", "农药", "肥料", "兽药", "饲料",
	    NULL } },
	{ "special_equipment", N_("special equipment"), { "特种设备", NULL } },
	{ "hazardous",
	  N_("hazardous goods"),
	  { "危险品", "危险化学品", "民用爆炸物品", "烟花爆竹", NULL } },
	{ "rare_earth",
	  N_("rare-earth products"),
	  { "稀土产品", "稀土", NULL } },
	{ "other", N_("other"), { "其他", "其它", NULL } },
};

static const struct entry types[QC_TRACE_TYPES] = {
	{ "producer",
	  N_("producer"),
	  { "生产", "生产者", "生产企业", "生产主体", "生产经营", "种植",
	    "养殖", "生产加工" } },
	{ "trader",
	  N_("trader"),
	  { "经营", "经营者", "经营企业", "经营主体", "流通", "销售", "批发",
	    "零售" } },
	{ "slaughter",
	  N_("slaughterhouse"),
	  { "屠宰", "屠宰企业", "屠宰厂", "屠宰场", NULL } },
	{ "catering", N_("catering"), { "餐饮", "餐饮服务", NULL } },
	{ "other", N_("other"), { "其他", "其它", NULL } },
};

/* name without spaces (ASCII and U+3000) into out; false when it does not
 * fit. */
static bool norm(const char *name, char *out, size_t n)
{
	size_t k = 0;

	for (const char *p = name; *p; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (!strncmp(p, "\xe3\x80\x80", 3)) { /* U+3000 */
			p += 2;
			continue;
		}
		if (k + 1 >= n)
			return false;
		out[k++] = *p;
	}
	out[k] = 0;
	return true;
}

static const char *find(const struct entry *v, size_t n, const char *name)
{
	char want[256];

	if (!name || !norm(name, want, sizeof(want)) || !*want)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(want, v[i].code))
			return v[i].code;
		for (size_t k = 0; k < NAMES && v[i].names[k]; k++)
			if (!strcmp(want, v[i].names[k]))
				return v[i].code;
	}
	return NULL;
}

static const char *label(const struct entry *v, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(code, v[i].code))
			return _(v[i].label);
	return code ? code : "";
}

/* Every name of every entry, as a refusal lists them: the readers of the
 * platform's export see which words are taken. */
static void names(const struct entry *v, size_t n, char *out, size_t size)
{
	size_t k = 0;

	out[0] = 0;
	for (size_t i = 0; i < n && k < size; i++)
		k += (size_t)snprintf(out + k, size - k, "%s%s", i ? "、" : "",
				      v[i].names[0]);
}

const char *qc_trace_category(const char *name)
{
	return find(categories, QC_TRACE_CATEGORIES, name);
}

const char *qc_trace_category_name(const char *code)
{
	return label(categories, QC_TRACE_CATEGORIES, code);
}

const char *qc_trace_type(const char *name)
{
	return find(types, QC_TRACE_TYPES, name);
}

const char *qc_trace_type_name(const char *code)
{
	return label(types, QC_TRACE_TYPES, code);
}

const char *qc_trace_status_name(const char *code)
{
	if (!code)
		return "";
	if (!strcmp(code, "active"))
		return _("active on the platform");
	if (!strcmp(code, "cancelled"))
		return _("deregistered");
	return code;
}

void qc_trace_category_names(char *out, size_t n)
{
	names(categories, QC_TRACE_CATEGORIES, out, n);
}

void qc_trace_type_names(char *out, size_t n)
{
	names(types, QC_TRACE_TYPES, out, n);
}

enum qc_rc qc_trace_json(struct qc_store *s, const char *platform,
			 const char *key, const char *product, json_t **out,
			 struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	*out = NULL;
	rc = qc_stmt_row(s,
			 "SELECT subject_name, subject_uscc, subject_code,"
			 " subject_type, category, category_text, products,"
			 " region_code, enrolled_on, status FROM"
			 " trace_enrolments WHERE platform = ? AND"
			 " subject_key = ? AND product = ?",
			 QC_TEXTS(platform, key, product), &st, err);
	if (rc != QC_ROW)
		return rc == QC_DONE ? QC_OK : rc;
	*out = qc_xjson_pack("{s:s, s:s, s:s?, s:s?, s:s, s:s, s:s, s:s, s:I,"
			     " s:s, s:s, s:s}",
			     "platform", platform, "subject_name",
			     qc_stmt_text(st, 0), "subject_uscc",
			     qc_stmt_text(st, 1), "subject_code",
			     qc_stmt_text(st, 2), "subject_type",
			     qc_stmt_text(st, 3), "category",
			     qc_stmt_text(st, 4), "category_text",
			     qc_stmt_text(st, 5), "product", product,
			     "products", (json_int_t)qc_stmt_int(st, 6),
			     "region", qc_stmt_text(st, 7), "enrolled_on",
			     qc_stmt_text(st, 8), "status",
			     qc_stmt_text(st, 9));
	qc_stmt_free(st);
	return QC_OK;
}
