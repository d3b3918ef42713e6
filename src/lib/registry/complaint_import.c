/* Import of complaint and report lists as the national platform (全国
 * 12315 平台) and hotlines export them: CSV or .xlsx, headings read
 * through synonyms, all rows or none; rows whose platform number is
 * already registered are skipped, so the same export can be imported
 * again (docs/complaints.md "Import"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/complaint.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/table.h"
#include "complaint_int.h"
#include "nation_int.h"
#include "reg_import.h"
#include "banned.h"

enum field {
	F_NO,
	F_KIND,
	F_CHANNEL,
	F_DATE,
	F_REGION,
	F_RESPONDENT,
	F_USCC,
	F_ADDRESS,
	F_CATEGORY,
	F_AMOUNT,
	F_TEXT,
	F_NAME,
	F_PHONE,
	F_ID,
	F__COUNT
};

/* Headings by field: exact names first; the first match wins. */
static const char *const headings[F__COUNT][8] = {
	[F_NO] = { "登记编号", "工单编号", "投诉编号", "举报编号", "编号",
		   "工单号", NULL },
	[F_KIND] = { "类型", "诉求类型", "件类型", "登记类型", NULL },
	[F_CHANNEL] = { "渠道", "来源渠道", "登记渠道", "来源", NULL },
	[F_DATE] = { "登记时间", "登记日期", "收到时间", "收到日期", "接收时间",
		     "受理登记时间", NULL },
	[F_REGION] = { "承办地区", "处理地区", "区县", "所属区县", "承办区县",
		       NULL },
	[F_RESPONDENT] = { "被投诉人", "被举报人", "被投诉方", "被投诉单位",
			   "经营者名称", "被投诉举报对象", NULL },
	[F_USCC] = { "统一社会信用代码", "信用代码", NULL },
	[F_ADDRESS] = { "经营地址", "被投诉方地址", "被投诉人地址", "地址",
			NULL },
	[F_CATEGORY] = { "商品类别", "产品类别", "类别", NULL },
	[F_AMOUNT] = { "涉及金额", "争议金额", "金额", "涉案金额", NULL },
	[F_TEXT] = { "诉求内容", "投诉内容", "举报内容", "内容", "问题描述",
		     NULL },
	[F_NAME] = { "投诉人", "举报人", "投诉人姓名", "姓名", "联系人", NULL },
	[F_PHONE] = { "联系电话", "电话", "手机号码", NULL },
	[F_ID] = { "证件号码", "身份证号", "身份证号码", NULL },
};

static const struct {
	const char *in, *out;
} channel_words[] = {
	{ "12315", "12315" }, { "电话", "12315" }, { "热线", "12315" },
	{ "12345", "12345" }, { "互联网", "web" }, { "网站", "web" },
	{ "网络", "web" },    { "web", "web" },    { "app", "app" },
	{ "APP", "app" },     { "小程序", "app" }, { "信件", "letter" },
	{ "来信", "letter" }, { "来访", "visit" }, { "走访", "visit" },
	{ "现场", "visit" },
};

static const char *channel_of(const char *v)
{
	for (size_t i = 0;
	     v && i < sizeof(channel_words) / sizeof(channel_words[0]); i++)
		if (strstr(v, channel_words[i].in))
			return channel_words[i].out;
	return NULL;
}

/* "2024-02-08", "2024/2/8", "2024年2月8日", each possibly with a time. */
static bool read_date(const char *v, char out[11])
{
	int y, m, d;
	char sep1[4], sep2[4];
	if (!v)
		return false;
	if (sscanf(v, "%4d%3[-/.]%2d%3[-/.]%2d", &y, sep1, &m, sep2, &d) != 5 &&
	    sscanf(v, "%4d年%2d月%2d日", &y, &m, &d) != 3)
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return true;
}

static int find_columns(const struct qc_table_row *h, int col[F__COUNT])
{
	return qc_reg_columns(h, &headings[0][0], 8, F__COUNT, col);
}

static const char *cell(const struct qc_table_row *r, const int col[],
			enum field f)
{
	return qc_reg_cell(r, col, (int)f);
}

/* What an import keeps across rows: the statements, prepared once, and
 * in-memory answers to the lookups rows repeat (a county named a
 * thousand times is resolved once), and the counties and years whose
 * bound figures are refreshed once at the end. */
struct lookup {
	char *name;
	char code[QC_REGION_CODE_SIZE];
	int64_t id;
	long complaints, reports; /* touched: the items added */
};
/* Receipts per county, category and month, added up in memory and
 * written when the table fills and at the end. */
#define MONTHS 4096
struct month_cell {
	char county[QC_REGION_CODE_SIZE], month[8];
	int64_t cat;
	long n;
};

struct importer {
	struct qc_store *s;
	struct qc_cpl_writer w;
	struct qc_stmt *seen;
	struct month_cell *months; /* MONTHS slots, n 0 when free */
	size_t n_months;
	struct lookup *regions, *cats, *touched; /* touched: county + year */
	size_t n_regions, a_regions, n_cats, a_cats, n_touched, a_touched;
	int64_t first, last;
};

static struct lookup *find(struct lookup *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

static struct lookup *remember(struct lookup **v, size_t *n, size_t *alloc,
			       const char *name)
{
	QC_GROW(*v, *n + 1, *alloc);
	struct lookup *l = &(*v)[(*n)++];
	memset(l, 0, sizeof(*l));
	l->name = qc_xstrdup(name);
	return l;
}

static void forget(struct lookup *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/* The county's code, resolved once per distinct name; an unknown one
 * fails the import, so it needs no caching. */
static enum qc_rc county_of(struct importer *im, const char *name,
			    char code[QC_REGION_CODE_SIZE],
			    struct qc_error *err)
{
	struct lookup *l = name ? find(im->regions, im->n_regions, name) : NULL;
	enum qc_rc rc;
	if (!l) {
		if ((rc = qc_cpl_county(im->s, name, code, err)))
			return rc;
		l = remember(&im->regions, &im->n_regions, &im->a_regions,
			     name);
		snprintf(l->code, sizeof(l->code), "%s", code);
	}
	snprintf(code, QC_REGION_CODE_SIZE, "%s", l->code);
	return QC_OK;
}

static enum qc_rc category_of(struct importer *im, const char *name,
			      int64_t *id, struct qc_error *err)
{
	struct lookup *l;
	enum qc_rc rc;
	*id = 0;
	if (!name || !*name)
		return QC_OK;
	if (!(l = find(im->cats, im->n_cats, name))) {
		if ((rc = qc_cpl_category(im->s, name, id, err)))
			return rc;
		l = remember(&im->cats, &im->n_cats, &im->a_cats, name);
		l->id = *id;
	}
	*id = l->id;
	return QC_OK;
}

static enum qc_rc registered(struct importer *im, const char *no, bool *seen,
			     struct qc_error *err)
{
	enum qc_rc r;

	if (im->seen)
		qc_stmt_reset(im->seen);
	else if ((r = qc_stmt_prepare(im->s,
				      "SELECT 1 FROM complaints WHERE"
				      " platform_no = ?",
				      &im->seen, err)))
		return r;
	qc_stmt_bind_text(im->seen, 1, no);
	r = qc_stmt_next(im->seen, err);
	*seen = r == QC_ROW;
	return qc_step_rc(r);
}

/* Count an item under its county and year, for the counts and the
 * refresh at the end. */
static void touch(struct importer *im, const char *code, const char *on,
		  enum qc_complaint_kind kind)
{
	char key[QC_REGION_CODE_SIZE + 8];
	struct lookup *l;
	snprintf(key, sizeof(key), "%s %.4s", code, on);
	if (!(l = find(im->touched, im->n_touched, key)))
		l = remember(&im->touched, &im->n_touched, &im->a_touched, key);
	if (kind == QC_REPORT)
		l->reports++;
	else
		l->complaints++;
}

static enum qc_rc flush_months(struct importer *im, struct qc_error *err)
{
	enum qc_rc rc = QC_OK;
	for (size_t i = 0; !rc && i < MONTHS; i++) {
		struct month_cell *m = &im->months[i];
		if (m->n)
			rc = qc_cpl_months_add(im->s, m->county, m->cat,
					       m->month, m->n, err);
	}
	memset(im->months, 0, MONTHS * sizeof(*im->months));
	im->n_months = 0;
	return rc;
}

static enum qc_rc count_month(struct importer *im, const char *county,
			      int64_t cat, const char *date,
			      struct qc_error *err)
{
	unsigned h = (unsigned)cat * 2654435761u;
	enum qc_rc rc;

	for (const char *p = county; *p; p++)
		h = h * 131u + (unsigned char)*p;
	for (int k = 0; k < 7 && date[k]; k++)
		h = h * 131u + (unsigned char)date[k];
	for (unsigned k = 0;; k++) {
		struct month_cell *m = &im->months[(h + k) % MONTHS];
		if (m->n && m->cat == cat && !strcmp(m->county, county) &&
		    !strncmp(m->month, date, 7)) {
			m->n++;
			return QC_OK;
		}
		if (m->n)
			continue;
		if (im->n_months >= MONTHS * 3 / 4) {
			if ((rc = flush_months(im, err)))
				return rc;
			return count_month(im, county, cat, date, err);
		}
		snprintf(m->county, sizeof(m->county), "%s", county);
		snprintf(m->month, sizeof(m->month), "%.7s", date);
		m->cat = cat;
		m->n = 1;
		im->n_months++;
		return QC_OK;
	}
}

static enum qc_rc import_row(struct importer *im, const struct qc_table_row *r,
			     const int col[], const char *region,
			     const char *actor, struct qc_complaint_import *st,
			     struct qc_error *err)
{
	struct qc_complaint_new in = { .amount = -1 };
	const char *kind = cell(r, col, F_KIND),
		   *amount = cell(r, col, F_AMOUNT);
	char date[11], code[QC_REGION_CODE_SIZE];
	int64_t id, cat;
	enum qc_rc rc;

	in.kind = kind && strstr(kind, "举报") ? QC_REPORT : QC_COMPLAINT;
	in.channel = cell(r, col, F_CHANNEL) ?
			     channel_of(cell(r, col, F_CHANNEL)) :
			     "12315";
	if (!in.channel)
		return qc_error_set(err, QC_EINVAL,
				    "line %d, channel: \"%s\" is not "
				    "recognised",
				    r->line, cell(r, col, F_CHANNEL));
	if (!read_date(cell(r, col, F_DATE), date))
		return qc_error_set(err, QC_EINVAL,
				    "line %d, date received: \"%s\" is "
				    "not a date",
				    r->line,
				    cell(r, col, F_DATE) ?
					    cell(r, col, F_DATE) :
					    "");
	if (amount) {
		char *end;
		in.amount = strtod(amount, &end);
		if (end == amount || *end || in.amount < 0)
			return qc_error_set(err, QC_EINVAL,
					    "line %d, amount: \"%s\" is not "
					    "an amount",
					    r->line, amount);
	}
	in.platform_no = cell(r, col, F_NO);
	in.received_on = date;
	in.region = cell(r, col, F_REGION) ? cell(r, col, F_REGION) : region;
	in.respondent = cell(r, col, F_RESPONDENT);
	in.respondent_uscc = cell(r, col, F_USCC);
	in.respondent_address = cell(r, col, F_ADDRESS);
	in.category = cell(r, col, F_CATEGORY);
	in.text = cell(r, col, F_TEXT);
	in.person_name = cell(r, col, F_NAME);
	in.person_phone = cell(r, col, F_PHONE);
	in.person_id = cell(r, col, F_ID);
	/* Checked before adding: a refused insert would roll the whole
	 * import back (transactions nest). */
	if (in.platform_no) {
		bool seen;
		if ((rc = registered(im, in.platform_no, &seen, err)))
			return rc;
		if (seen) {
			st->skipped++;
			return QC_OK;
		}
	}
	if ((rc = qc_cpl_check(&in, err)) ||
	    (rc = county_of(im, in.region, code, err)) ||
	    (rc = category_of(im, in.category, &cat, err)) ||
	    (rc = qc_cpl_insert(&im->w, &in, code, cat, actor, &id, err)) ||
	    (rc = count_month(im, code, cat, date, err))) {
		qc_error_prefix(err, "line %d", r->line);
		return rc;
	}
	if (!im->first)
		im->first = id;
	im->last = id;
	touch(im, code, date, in.kind);
	st->added++;
	return QC_OK;
}

/* After the rows: the bound figures of every county and year touched,
 * once, and one audit row for the file (each item keeps its own
 * "received" event with the actor; no personal data in either). */
static enum qc_rc finish(struct importer *im, const char *path,
			 const char *actor,
			 const struct qc_complaint_import *st,
			 struct qc_error *err)
{
	enum qc_rc rc = flush_months(im, err);
	for (size_t i = 0; !rc && i < im->n_touched; i++) {
		char county[QC_REGION_CODE_SIZE], on[11];
		const char *k = im->touched[i].name, *sp = strchr(k, ' ');
		snprintf(county, sizeof(county), "%.*s", (int)(sp - k), k);
		snprintf(on, sizeof(on), "%s-01-01", sp + 1);
		/* A new item counts as an item of its kind, nothing more. */
		struct qc_complaint_figures d = {
			.complaints = im->touched[i].complaints,
			.reports = im->touched[i].reports,
			.items = im->touched[i].complaints +
				 im->touched[i].reports,
		};
		if (!(rc = qc_cpl_counts_add(im->s, county, atoi(sp + 1), &d, 1,
					     err)))
			rc = qc_complaint_refresh(im->s, county, on, actor,
						  err);
	}
	if (rc)
		return rc;
	return qc_audit_add_json(im->s, actor, "import", "complaint", path,
				 NULL,
				 qc_xjson_pack("{s:I, s:I, s:I, s:I}", "added",
					       (json_int_t)st->added, "skipped",
					       (json_int_t)st->skipped,
					       "first_id",
					       (json_int_t)im->first, "last_id",
					       (json_int_t)im->last),
				 err);
}

enum qc_rc qc_complaint_import(struct qc_store *s, const char *path,
			       const char *region, const char *actor,
			       struct qc_complaint_import *out,
			       struct qc_error *err)
{
	struct qc_table *t;
	struct qc_table_row *row;
	struct importer im = { .s = s };
	int col[F__COUNT], r;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_table_open_file(path, &t, err)))
		return rc;
	if ((r = qc_table_next(t, &row, err)) != 1) {
		qc_table_close(t);
		return r < 0 ? QC_EINVAL :
			       qc_error_set(err, QC_EINVAL,
					    "%s: the file is empty", path);
	}
	find_columns(row, col);
	for (int f = F_DATE; f <= F_TEXT; f++)
		if (col[f] < 0 && (f == F_DATE || f == F_RESPONDENT ||
				   f == F_TEXT || (f == F_REGION && !region))) {
			qc_table_close(t);
			return qc_error_set(err, QC_EINVAL,
					    "%s: no column \"%s\" (or one of "
					    "its other names)%s",
					    path, headings[f][0],
					    f == F_REGION ?
						    _("; or give the handling "
						      "region with --region") :
						    "");
		}
	if ((rc = qc_store_begin(s, err))) {
		qc_table_close(t);
		return rc;
	}
	qc_cpl_writer_init(&im.w, s);
	im.months = qc_xcalloc(MONTHS, sizeof(*im.months));
	{
		/* Built before the rows go in, so they are counted once. */
		struct qc_calendar *cal;
		rc = qc_cpl_counts_ready(s, &cal, false, err);
		qc_calendar_free(cal);
	}
	while (!rc && (r = qc_table_next(t, &row, err)) == 1) {
		bool blank = true;
		for (size_t c = 0; c < row->n; c++)
			blank &= !*row->cells[c];
		if (!blank)
			rc = import_row(&im, row, col, region, actor, out, err);
	}
	if (!rc && r < 0)
		rc = QC_EINVAL;
	if (!rc && !out->added && !out->skipped)
		rc = qc_error_set(err, QC_EINVAL, "%s: no data rows", path);
	if (!rc)
		rc = finish(&im, path, actor, out, err);
	qc_table_close(t);
	qc_cpl_writer_release(&im.w);
	qc_stmt_free(im.seen);
	forget(im.regions, im.n_regions);
	forget(im.cats, im.n_cats);
	forget(im.touched, im.n_touched);
	free(im.months);
	return qc_store_end(s, rc, err);
}
