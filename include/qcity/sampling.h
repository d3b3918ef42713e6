/* Supervision sampling (监督抽查/抽检): results imported from the tables the
 * authorities publish, counted per region, level, category and year, and
 * turned into pass-rate values of the indicators bound to them. */
#ifndef QCITY_SAMPLING_H
#define QCITY_SAMPLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/strbuf.h"

struct qc_store;

/* The fields a sampling table can carry. */
#define QC_SAMPLING_COLS 64
enum qc_sfield {
	QC_SF_SEQ = 0,
	QC_SF_PRODUCT,
	QC_SF_SPEC,
	QC_SF_LOT,
	QC_SF_ENTERPRISE,
	QC_SF_ADDRESS,
	QC_SF_USCC,
	QC_SF_DATE,
	QC_SF_RESULT,
	QC_SF_FAILED,
	QC_SF_BODY,
	QC_SF_REGION,
	QC_SF_CATEGORY,
	QC_SF_SAMPLE_NO,
	QC_SF_LEVEL,
	QC_SF_PLAN,
	QC_SF_BATCH,
	QC_SF_SAMPLED, /* the sampled unit (受检/被抽样/销售单位) */
	QC_SF_SAMPLED_ADDRESS, /* its address */
	QC_SF_REMARKS, /* free text (备注, 整改情况): never an item or verdict */
	QC_SF__COUNT
};

const char *qc_sfield_name(enum qc_sfield f); /* "product", "date" ... */

/* Which column holds which field, as recognised from a header. */
struct qc_sampling_map {
	int col[QC_SF__COUNT];     /* 0-based column, -1 if absent */
	char *label[QC_SF__COUNT]; /* the header text it was read from */
	int header_line;           /* line of the (last) header row */
	int first_data_line;
	int n_cols;  /* columns the header names (up to its last label) */
	int verdict; /* -1: a result column gives each row's result; 0: a
			 failure-only list (不合格产品名单); 1: a list of
			 passes (合格产品名单); 2: no result column, a row
			 with failed items failed, one without passed */
	char *title; /* the rows above the header, joined ("" if none) */
	const char *level_hint; /* a level its title names (国家/省级/市级
				   监督抽查), or NULL */
	bool last_free;         /* the last column is free text (failed items,
			   备注): a row's surplus cells continue it */
	int listed;       /* what the title says of every row, result column or
		       not: 0 failures (不合格产品信息), 1 passes, -1 nothing */
	bool traditional; /* written in traditional characters: headings and
			     cells are read in simplified */
	bool items_tested; /* the failed items are the items tested (检验项目):
			      a failing row's only, and they do not make a
			      row a failure */
	/* What each of the first QC_SAMPLING_COLS columns holds (a code,
	 * a date, a name, a laboratory ...; sampling_int.h), from its field
	 * or its heading: a row short of cells is placed by the kind of
	 * its cells, not left to right (sampling_shape.c). */
	unsigned char holds[QC_SAMPLING_COLS];
	char *heading[QC_SAMPLING_COLS]; /* each column's heading, or NULL */
	int place; /* the sampled unit's place (所属区, 所在旗区, 被抽样单位
		      所在地区), or -1: kept as its address when it has
		      none, and as the enterprise's region where the
		      sampled unit stands for it */
	/* A heading over sub-headings (行政区划 over 市 and 县区) that the
	 * page wrote on a row of their own: column `group` is written as
	 * group_n cells apart in rows that have group_n - 1 cells more
	 * than the header has headings, and as one (merged) in the others;
	 * group_n 0 if none. */
	int group, group_n;
	signed char named[QC_SAMPLING_COLS]; /* the field each column's
						heading names (-1 none) */
	bool uscc_sampled; /* the credit code column is the sampled unit's
			      (企业名称, 统一社会信用代码, 标称生产企业名称):
			      kept only where the unit is the enterprise */
	int brand; /* a column of brands (双联牌) standing where the product
		      would, in a table with no header and no product
		      column (the title or --product names it), or -1 */
	char brand_seen[64]; /* its first brand, to name it */
	bool by_kind; /* no header: the kind of the cells named the columns
			 (a record wrapped over two lines is read as one) */
};

void qc_sampling_map_release(struct qc_sampling_map *m);

/* Recognise a header among the first rows of a table: labels such as
 * 产品名称, (标称)生产企业名称, 生产日期或批号, 检验结论 are matched against a
 * catalogue of synonyms (full-width and bracket variants folded; a word in
 * brackets dropped where the whole names no field as a heading does), a
 * header spread over two rows by merged cells is read as one, as are
 * sub-headings of division levels written on a row of their own under
 * the place column (行政区划 over 市, 县区: m->group), and `overrides`
 * ("field=COLUMN", COLUMN a header text or a 1-based number within the
 * header) win. The producer (生产企业/生产单位) is the enterprise; a
 * sampled unit (受检/被抽样/销售单位) is its own field, and the enterprise
 * only when the table names no producer. A column is the sampling date
 * only when its heading says so (抽样/抽查/抽检 + 日期/时间); a grade
 * (质量等级) is never the result. A title above the header saying
 * 不合格…名单/信息 makes the list failure-only (verdict 0), 合格…名单 a
 * list of passes; without a result column, a column of failed items
 * gives each row's verdict. Missing product or enterprise, or a --map to
 * no column, is QC_EINVAL naming what could not be found and how to map
 * it. */
struct qc_table;
enum qc_rc qc_sampling_map_header(struct qc_table *t,
				  const char *const *overrides,
				  size_t n_overrides, struct qc_sampling_map *m,
				  struct qc_error *err);

struct qc_sampling_import_opts {
	const char *level;   /* national, provincial, municipal, county
				    (国家, 省, 市, 县) when the table has no
				    level column; else the level its title
				    names, else the level of `region`
				    (a province's is provincial ...), said
				    in the report's mapping */
	const char *region;  /* when neither a region column nor the
				    enterprise's credit code tells; its
				    authority's province is the issuer
				    (else the authority the title names) */
	const char *date;    /* when the table has no date column */
	const char *product; /* of the rows whose table names none (a list
				of producers and their brands) */
	const char *sampling_plan, *batch, *source;
	const char *const *map; /* "field=COLUMN" overrides */
	size_t n_map;
	bool skip_bad;         /* import good rows, report the others */
	bool allow_unverified; /* keep invalid credit codes, unverified */
	bool all_failed; /* every row is a failure (不合格产品名单) */
};

struct qc_sampling_report {
	size_t rows, imported, rejected;
	struct qc_buf mapping; /* "column 2 '产品名称' → product\n" ... */
	struct qc_buf rejects; /* CSV: line, reason, then the row */
	/* Where the sampling dates came from: "column", "option" (--date),
	 * "title" or "file_name" (the year a file's name gives), and then
	 * the period read ("2011年第三季度", "2021"); NULL and "" before. */
	const char *date_from;
	char period[64];
};

/* Import a table (CSV in UTF-8/GB18030, or .xlsx). Without skip_bad the
 * first bad row fails the import naming its line and field, and nothing is
 * written; an import that would write no result at all is QC_EINVAL and
 * writes nothing (no audit row either). A row with more cells than the
 * header is an error unless the surplus continues the last column and
 * that column is free text (failed items, remarks): then the cells are
 * joined again with ",". An enterprise's region is the table's region
 * column, else its credit code's division, else the region its own
 * address (or name) names, else `region`; enterprises without a valid
 * credit code are stored unverified. Counts and bound pass-rate values are updated in the same
 * transaction. rep is initialised by the call; release it. */
enum qc_rc qc_sampling_import(struct qc_store *s, const char *data, size_t len,
			      const char *name,
			      const struct qc_sampling_import_opts *o,
			      const char *actor, struct qc_sampling_report *rep,
			      struct qc_error *err);
/* The same from a file, streamed: CSV of any size imports in flat memory
 * (still one transaction). */
enum qc_rc qc_sampling_import_file(struct qc_store *s, const char *path,
				   const struct qc_sampling_import_opts *o,
				   const char *actor,
				   struct qc_sampling_report *rep,
				   struct qc_error *err);
void qc_sampling_report_release(struct qc_sampling_report *r);

struct qc_sample_row {
	int64_t id;
	char *region, *level, *enterprise, *uscc, *product, *category;
	char *sampled_on, *failed_items, *testing_body;
	char *remarks; /* 备注, 整改情况 ... as the table gave them, or NULL */
	bool passed;
	char province[7]; /* the province whose row it is ("" if none):
			   * at the nation ids repeat across provinces */
};

struct qc_sample_list {
	struct qc_sample_row *v;
	size_t n, alloc;
};

/* Results of a region subtree (NULL: all), of a year (0: all), only the
 * unqualified ones if failed_only; newest first, at most limit. */
enum qc_rc qc_sampling_list(struct qc_store *s, const char *region, int year,
			    bool failed_only, int limit,
			    struct qc_sample_list *out, struct qc_error *err);
/* The same, a page at a time (keyset): with before_date set, only the
 * results after (before_date, before_id) in list order, i.e. pass the
 * last row of a page to get the next one. Read from the indexes, region
 * by region, whatever the table's size. */
struct qc_sample_query {
	const char *region;
	int year;
	bool failed_only;
	int limit; /* 0: 100 */
	const char *before_date;
	int64_t before_id;
	/* The last row's province (NULL: none). At the nation a row is
	 * (province, id): give it there for the next page to be right. */
	const char *before_province;
};
enum qc_rc qc_sampling_list_page(struct qc_store *s,
				 const struct qc_sample_query *q,
				 struct qc_sample_list *out,
				 struct qc_error *err);
/* A cursor as the faces take it, "YYYY-MM-DD,ID[,PROVINCE]" (the date,
 * id and, at the nation, province of the last row of the page before):
 * fills q's before_date (pointing into date), before_id and
 * before_province (pointing into text, NULL without); false if text is
 * not one. */
bool qc_sample_cursor_parse(const char *text, char date[11],
			    struct qc_sample_query *q);
void qc_sample_list_release(struct qc_sample_list *l);

/* Load the product category catalogue (JSON: {"categories": [{"name",
 * "synonyms": [...]}]}) into the database; existing entries are kept. */
enum qc_rc qc_category_sync(struct qc_store *s, const char *path, size_t *count,
			    struct qc_error *err);

/* Bind an indicator to the pass rate of sampling results of some levels
 * ("national,provincial", empty for all) and a product category (NULL for
 * all), then compute its values for every region and year with results. */
enum qc_rc qc_sampling_bind(struct qc_store *s, const char *indicator,
			    const char *levels, const char *category,
			    const char *actor, struct qc_error *err);

/* Recompute the bound values of one county-level region and year and of
 * the regions above it. Called by the importer for each cell it changed. */
enum qc_rc qc_sampling_refresh(struct qc_store *s, const char *region, int year,
			       const char *actor, struct qc_error *err);

/* A pass rate: samples and passed of a region subtree, levels (empty:
 * all) and category (NULL: all) for a year. */
enum qc_rc qc_sampling_rate(struct qc_store *s, const char *region, int year,
			    const char *levels, const char *category,
			    long long *samples, long long *passed,
			    struct qc_error *err);

/* The pass rate in % of passed out of samples (as qc_sampling_rate
 * gives them; 0 to 100), unrounded: every reader of a rate (the bound
 * values, the quality index, the report, `sampling rates`, GET
 * /api/sampling/rate) computes it here. NAN when samples is 0. */
double qc_sampling_pass_rate(long long samples, long long passed);

#endif
