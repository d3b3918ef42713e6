/* Internals shared by the sampling importer's files. The cell parsers are
 * public (qcity/sampling_parse.h). */
#ifndef QCITY_SAMPLING_INT_H
#define QCITY_SAMPLING_INT_H

#include <stdint.h>

#include "qcity/error.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/sampling_parse.h"
#include "qcity/strbuf.h"
#include "qcity/table.h"

/* What the importer learns while reading a table as published
 * (sampling_read.c); zeroed before use, released with
 * qc_sampling_rd_release. */
#define RD_SLOTS 4096

struct sampling_reader {
	const char *level; /* of rows without a level column */
	char *joined;      /* a ragged row's surplus cells joined again */
	char *grouped;     /* a group's cells written apart, joined */
	char *items_part; /* items parted by spaces, parted again (spaced_items) */
	char home[QC_REGION_CODE_SIZE]; /* province of --region, or "" */
	struct qc_region_list provinces, prefectures; /* on first need */
	struct rd_slot {
		uint64_t hash;                  /* of an address or a name */
		char code[QC_REGION_CODE_SIZE]; /* "" if it names none */
		bool used;
	} * seen; /* RD_SLOTS, on first need */
	bool have_prefectures, have_home;
	struct qc_region_list counties; /* of the home province, on need */
	bool have_counties;
	/* the prefecture qc_sampling_rd_opening last looked in, and its
	 * counties' run in its province's list */
	char open_pref[QC_REGION_CODE_SIZE];
	char open_stem[8]; /* its name's first two characters */
	size_t open_lo, open_hi;
	/* the counties of other provinces, by the code's first two digits,
	 * each read on its first need (county_of) */
	struct qc_region_list other[100];
	bool have_other[100];
	bool in_notes; /* past a 注/备注 row under the table */
	char when[64]; /* the period the title names (2011年第三季度), or
			  the year the file name gives, or "" */
	char title_product[64]; /* the product a title names (…陶瓷砖产品质量…),
				  for a row whose product cell is empty */
	const char *file;           /* the file's name or path, or NULL */
	const char *date_from;      /* column, option, title or file_name */
	char *simple[QC_SF__COUNT]; /* a row's traditional cells in simplified */
	/* The last row's cells by column, for a merged cell written once
	 * and left empty below (sampling_shape.c). */
	char *above[QC_SAMPLING_COLS];
	bool all_failed; /* --all-failed */
	size_t placed;   /* rows short of a cell placed by kind */
	char *product;   /* a product cell without its verdict */
	int product_verdict; /* what the product cell said (0#车用柴油不合格):
				0, 1, or -1 nothing */
	char *named[QC_SF__COUNT]; /* a name or address as meant
				      (qc_sampling_names) */
	size_t lost; /* rows that lost their leading merged cells, placed
			right and carried down (sampling_shape.c) */
	/* The last caption of a second list under no header that set the
	 * verdict of the rows under it (部分质量较差的…名单), and that
	 * verdict; NULL if none (sampling_skip.c). */
	char *relisted;
	int relisted_as;
	char *group; /* the category the last numbered group row named
			(一、食用农产品), for the rows under it without
			one; NULL outside a group */
	/* The failed item the row after a record continues it with (its
	 * first cell), for that record's check; and whether that row is
	 * still to be left out (sampling.c skip_row). */
	char *more_items;
	bool more_pending, continued;
};

/* What a column holds (qc_sampling_map.holds), for placing the cells of
 * a short row by their kind. */
enum {
	QC_HOLDS_ANY = 0,
	QC_HOLDS_SEQ,
	QC_HOLDS_TEXT,
	QC_HOLDS_NAME,
	QC_HOLDS_ADDRESS,
	QC_HOLDS_CODE,
	QC_HOLDS_DATE,
	QC_HOLDS_VERDICT,
	QC_HOLDS_RESULT, /* a verdict, or what was measured (检验结果) */
	QC_HOLDS_ITEMS,
	QC_HOLDS_LAB,
	QC_HOLDS_VALUE,
	QC_HOLDS_LIMIT,
	QC_HOLDS_STANDARD,
	QC_HOLDS_PLACE,
	QC_HOLDS_SPEC,
};
/* What a cell looks like (several may hold): qc_sampling_kind. */
enum {
	K_BLANK = 1 << 0,
	K_SEQ = 1 << 1,
	K_DATE = 1 << 2,
	K_CODE = 1 << 3,
	K_VERDICT = 1 << 4,
	K_VALUE = 1 << 5, /* a measured value: 0.0166g/kg, 检出 */
	K_LIMIT = 1 << 6, /* a limit: ≤0.05mg/kg, 不得检出 */
	K_STANDARD = 1 << 7,
	K_ORG = 1 << 8, /* ends as an organisation's or a shop's name */
	K_LAB = 1 << 9, /* a laboratory */
	K_ADDRESS = 1 << 10,
	K_ITEMS = 1 << 11, /* failed items */
	K_SPEC = 1 << 12,
};

unsigned qc_sampling_kind(const char *s);
/* Does s[0, n) end as an organisation's name does (…公司, …店, …馆,
 * …(个体工商户))? */
bool qc_sampling_org_end(const char *s, size_t n);

/* A table with no header (a caption, then rows of a product, a shop and
 * a verdict or failed item): its columns named by the kind of their
 * cells in rows[0 .. n_rows) (each rows[i] of n[i] cells, in
 * simplified characters): the one column of names (a shop's, a
 * company's) the enterprise, the first column of plain text the
 * product, a column of verdicts alone the result, one of failed items
 * (亚硝酸盐超标) the failed items. True, col[] filled (-1 for the
 * others), when every row has a product and an enterprise so read and
 * no other column could be the enterprise. A column of brands or
 * trademarks (双联牌, or short names its producer's name holds: 美乐) is
 * no product: *brand is it (else -1), the product the next column of
 * text, or none (col -1, true: the title must name it). */
bool qc_sampling_bare(char **const *rows, const size_t *n, size_t n_rows,
		      int col[QC_SF__COUNT], int *brand);
/* A record wrapped over two lines (质检总局 2007: 厦门金大和眼镜有限公司
 * on a line of its own, 太阳镜 and 新姿NEWSTE on the next): row a writes
 * one cell, first, a name (no list's title), and row b two cells or
 * more from its first, none a name. */
bool qc_sampling_wrapped(char *const *a, size_t na, char *const *b, size_t nb);
/* The one row a and b make (qc_sampling_wrapped): a's name, then b's
 * written cells, into out (at most max); their number. */
size_t qc_sampling_join_wrapped(char *const *a, char *const *b, size_t nb,
				char **out, size_t max);
/* The product a title names (…陶瓷砖产品质量…), in out, or false
 * (sampling_read.c). */
bool qc_sampling_title_product(const char *title, char out[64]);
/* Headings a page cut short (its second line dropped), named by the
 * kind of the cells under them (rows[0 .. n_rows), simplified): a
 * heading written again over addresses (标称生产企业 twice: 名称 and
 * 地址) is the address of the unit its left neighbour names; 不合格
 * over no verdicts is the failed items; 生产 over dates the lot. Only
 * columns no field has. */
void qc_sampling_headings_by_kind(char *const *heading, size_t n_head,
				  char **const *rows, const size_t *n,
				  size_t n_rows, int col[QC_SF__COUNT]);

/* Names as meant, in f[] (pointing into rd->named): a name without a
 * note in brackets after it ((标称), (超市制作生产)); of a cell naming a
 * distributor and a producer (经销者:…;生产者:…), the producer, and of
 * their addresses the producer's. */
void qc_sampling_names(const struct qc_sampling_map *m,
		       struct sampling_reader *rd, const char **f);

/* label folded as headings are compared (NFKC; spaces, brackets and
 * varying punctuation dropped); never NULL; the caller frees. */
char *qc_sampling_fold(const char *label);
/* The field a folded label names (sampling_labels.c's catalogue): an
 * exact synonym, else the longest one it contains if no other field
 * ties; -1 if none. */
int qc_sampling_field_of(const char *folded);
/* Whether s begins with w. */
bool qc_sampling_starts(const char *s, const char *w);
/* Whether s ends with w. */
bool qc_sampling_ends(const char *s, const char *w);
/* s past any of the n prefixes in w, as often as they follow. */
const char *qc_sampling_past(const char *s, const char *const *w, size_t n);
/* Whether label, folded, is one of words[0 .. n) (is_one), or holds one
 * of them (else). */
bool qc_sampling_label_is(const char *label, const char *const *words,
			  size_t n);
bool qc_sampling_label_has(const char *label, const char *const *words,
			   size_t n);
/* The field of which a folded label is a synonym as it stands, or -1. */
int qc_sampling_field_exact(const char *folded);
/* Does a heading name field by its role word, the synonym it ends
 * with (样品名称), not one it holds before another (产品等级)? */
bool qc_sampling_names_role(const char *label, int field);
/* The result column moved off a measured value (检验结果) to a whole
 * verdict's heading beside it (判定结论; never a part's: 标识判定,
 * 复检结论), items heading or not, when the cells under 检验结果 in the
 * rows below (below[0 .. n_below), nn[] cells each; none after a second
 * header) are no verdicts; and with no
 * column of failed items, a heading of the items tested (检验项目,
 * 检测项目, 项目名称; alone or as 检验项目║检验结果║标准值) among
 * label[0 .. n) made the failed items in m (and m->items_tested set
 * when only a failing row's count), the result column moved off it. */
void qc_sampling_items_column(struct qc_sampling_map *m, char *const *label,
			      size_t n, char **const *below, const size_t *nn,
			      size_t n_below);
/* What a title says of every row: 0 failures (不合格产品名单, 未通过…
 * 名单), 1 passes (合格企业名录, 通过质量抽检名单, 所检项目符合…的产品),
 * -1 nothing or both. */
int qc_sampling_title_verdict(const char *title);
/* The level a title names (国家/省级/市级/县级 监督抽查), or NULL. */
const char *qc_sampling_title_level(const char *title);
/* Is a heading a quality grade (质量等级: 合格品, 优等品), never a result? */
bool qc_sampling_grade_heading(const char *label);
/* What a column read as `field` (-1: none) under `label` (folded) holds. */
unsigned char qc_sampling_holds(int field, const char *label);

/* A cell of a row as placed: read, missing (the page dropped it: a
 * merged cell may fill it), or unsure (empty in some best placing). */
enum { QC_CELL_READ, QC_CELL_MISSING, QC_CELL_UNSURE };
/* The cells of a row by column (the header's n_cols, at most
 * QC_SAMPLING_COLS), into cells[] (pointing into row, or ""). A row
 * short of cells whose cells do not fit their columns (a date under
 * 商标, a laboratory under 检验结果) is placed by the kind of its
 * cells when one placing fits best and every field agrees; else
 * QC_EINVAL naming the cell. */
enum qc_rc qc_sampling_shape(const struct qc_sampling_map *m,
			     struct sampling_reader *rd,
			     const struct qc_table_row *row,
			     const char *cells[QC_SAMPLING_COLS],
			     unsigned char state[QC_SAMPLING_COLS],
			     struct qc_error *err);
/* Merged cells: an empty cell of the failed items in a list of
 * failures; of the laboratory, the region ... past the row's written
 * cells (state MISSING) or beside another merged cell; of the product,
 * the sampled unit, the date beside another merged cell; of the
 * producer where the row names no sampled unit of its own, is the one
 * above (a product without its verdict); cells[] may then point into
 * rd. */
void qc_sampling_carry(const struct qc_sampling_map *m,
		       struct sampling_reader *rd, const char **cells,
		       const unsigned char *state);
/* A product cell ending in its verdict (0#车用柴油不合格): 0 or 1 and the
 * product in *rest (the caller frees); else (a verdict alone, 不合格, is
 * none) -1 and NULL. */
int qc_sampling_product_verdict(const char *product, char **rest);

/* A row inside a table that is no result (sampling_skip.c): a totals
 * row (合计,,,,3批次), an end mark (以下空白, （完）) or a group row
 * naming a section (一、生产领域, 生产环节：) or, numbered, a category
 * (一、食用农产品: QC_ROW_CATEGORY), its other cells blank, counts or
 * the same text; else 0. */
enum { QC_ROW_TOTALS = 1, QC_ROW_END, QC_ROW_GROUP, QC_ROW_CATEGORY };
int qc_sampling_not_result(const struct qc_sampling_map *m,
			   const struct qc_table_row *r);
/* Does a row holding the product's heading in its place repeat the
 * header (a table split over pages: each heading written the same, or
 * naming the same field, 生产企业 under 生产企业名称), rather than head a
 * second table (不合格项目 where 检验项目 was)? */
bool qc_sampling_header_repeated(const struct qc_sampling_map *m,
				 const struct qc_table_row *r);
/* Whether the importer's feed keeps row (SAMPLING_KEEP, sampling_feed.h)
 * or leaves it out: a repeated or second table's header, a note under
 * the table, a totals, end or group row (a category's sets rd->group);
 * SAMPLING_PEEK asks for the row after it, SAMPLING_ABSORB takes next's
 * failed item into the record (sampling_skip.c). */
int qc_sampling_skip_row(struct qc_sampling_map *map,
			 struct sampling_reader *rd,
			 const struct qc_table_row *r,
			 const struct qc_table_row *next);
/* The category a group row of QC_ROW_CATEGORY names after its number
 * (一、食用农产品: 食用农产品); the caller frees. */
char *qc_sampling_group_category(const struct qc_table_row *r);
/* The width of the failed items' columns: the items and the value,
 * limit or standard columns right after them (不合格项目, 检验结果,
 * 标准值); 0 with no items column, 1 with none after it. */
size_t qc_sampling_items_width(const struct qc_sampling_map *m);
/* Whether r is a failed item continued on a row of its own (a record's
 * second item, its value and its limit, the record's other cells
 * merged over both rows): as many cells as the items' columns, at
 * least two, fewer than half the header's, none empty, the first no
 * number (sampling_skip.c). */
bool qc_sampling_continues_items(const struct qc_sampling_map *m,
				 const struct qc_table_row *r);

/* s in simplified characters (OpenCC t2s; a copy when it is ASCII or
 * OpenCC cannot be opened); never NULL; the caller frees. */
char *qc_sampling_rd_simplify(const char *s);

/* After the header is mapped: a table without a result column must be
 * a list the title or the failed items explain, or --all-failed; the
 * level of rows without a level column is --level, else the title's,
 * else --region's (province: provincial ...); the sampling date of a
 * table without a date column or --date is the period its title names
 * (2017年, 二〇一一年第三季度), else the year its file name gives
 * (rd->file: 2021年第3批抽查结果.csv); each said in `say`. Without a level,
 * QC_EINVAL asks for --level. */
enum qc_rc qc_sampling_rd_settle(struct qc_store *s,
				 const struct qc_sampling_import_opts *o,
				 const struct qc_sampling_map *m,
				 struct sampling_reader *rd, struct qc_buf *say,
				 struct qc_error *err);
/* The cells of a row as the table means them. A row with more cells than
 * the header: its surplus (non-empty cells past the last heading)
 * continues the last column when that column is free text (failed
 * items, remarks), and f[] gets the cells joined again with ","; else
 * QC_EINVAL. A producer cell left blank ("/": food made where it is
 * sold) makes the sampled unit the enterprise. The cells of a table
 * in traditional characters (m->traditional) are read in simplified. */
enum qc_rc qc_sampling_rd_cells(const struct qc_sampling_map *m,
				struct sampling_reader *rd,
				const struct qc_table_row *row, const char **f,
				struct qc_error *err);
/* 1 passed, 0 failed, -1 (err set) unreadable: from the result cell,
 * or as the list's kind or --all-failed say. In a list whose title says
 * every row failed (passed), a result cell that holds no verdict (a
 * measured value, a laboratory) follows the title; one that contradicts
 * it is an error. */
int qc_sampling_rd_verdict(const struct qc_sampling_map *m,
			   const struct qc_sampling_import_opts *o,
			   const struct sampling_reader *rd, const char **f,
			   struct qc_error *err);
/* Whether text begins with a street's word: a place's name before it is
 * a street named after the place (西藏中路, 宁夏路, 芙蓉南路), not the
 * place. */
bool qc_sampling_street_at(const char *text);
/* Whether the 市 ending name (of n bytes) at text begins a word of its
 * own (兴城市政: 兴城 and 市政, municipal works; 市场, 市民, 市容): then
 * the name is not written there. */
bool qc_sampling_shi_word_at(const char *name, size_t n, const char *text);
/* Does text name region `name` in full, or without the 省/市/区/县 of a
 * name of more than three characters (黑龙江省 → 黑龙江)? A name of
 * three characters only by its first two opening the text (宝鸡阜丰…),
 * and that only if `stems`: for a province or a prefecture, and for a
 * county right after its province's name (山东惠民…); never a county by
 * them alone (长安福特… is not 长安区's, 和平食品… no 和平区's). */
bool qc_sampling_place_named(const char *text, const char *name, bool stems);
/* The first place at or after `from` where text writes name, not as the
 * start of a 市 word (兴城市政, 市场); NULL if none. */
const char *qc_sampling_place_written(const char *from, const char *name);
/* The region an address (or an enterprise's name) names: a prefecture or
 * county of the home province, a province, or any prefecture named
 * alone; true and out filled when exactly one is named. */
bool qc_sampling_rd_region(struct qc_store *s, struct sampling_reader *rd,
			   const char *text, char out[QC_REGION_CODE_SIZE]);
/* A region read from a column as a province or prefecture (曲靖, a
 * producer's province) made precise by what text (the producer's address
 * or name: 曲靖市麒麟区…) names within it; true if region changed. */
bool qc_sampling_rd_within(struct qc_store *s, struct sampling_reader *rd,
			   const char *text, char region[QC_REGION_CODE_SIZE]);
/* A county of prefecture `region` whose name's first two characters
 * open text (蒙阴… under 临沂市: 蒙阴县; 章丘市… under 济南市: 章丘区), the
 * prefecture being the second signal a short name needs; true and region
 * set to the county if exactly one; never within a province. */
bool qc_sampling_rd_opening(struct qc_store *s, struct sampling_reader *rd,
			    const char *text, char region[QC_REGION_CODE_SIZE]);
/* Whether name is only a division's name, whole or with its 省, 市, 县
 * or 区 (辽阳, 辽阳市): a place, no enterprise. */
bool qc_sampling_place_only(struct qc_store *s, const char *name);
/* The division a word in an enterprise name's brackets names (星联钢网
 * (深圳)有限公司 → 深圳市), a name of the division list only; true and out
 * filled when exactly one is named. */
bool qc_sampling_rd_bracketed(struct qc_store *s, struct sampling_reader *rd,
			      const char *name, char out[QC_REGION_CODE_SIZE]);
void qc_sampling_rd_release(struct sampling_reader *rd);

/* s (NULL: empty) as one quoted CSV cell, a line break a space, appended
 * to b (sampling_report.c). */
void qc_sampling_csv_cell(struct qc_buf *b, const char *s);
/* sampling_report.c: one rejected row appended to the rejects CSV (line,
 * reason, then its cells; whole rows only, one line saying the list is
 * cut past b's cap), and the header's mapping said in `out`, a line a
 * field ("column 2 '产品名称' → product (--map product=COLUMN)"). */
void qc_sampling_add_reject(struct qc_buf *b, const struct qc_table_row *row,
			    const char *reason);
void qc_sampling_describe_map(const struct qc_sampling_map *m,
			      struct qc_buf *out);

/* Who issued an import's announcement (sampling_issuer.c): the province
 * of the authority region names ("national" for the nation), else that
 * of the authority the title names (said in say), else ""; *from is
 * "region", "title" or NULL. */
void qc_sampling_issuer_of(struct qc_store *s, const char *region,
			   const char *title, char issuer[16],
			   const char **from, struct qc_buf *say);
/* One importer per announcement, on a server publishing as holder (NULL:
 * none): a national row of another province's region, or a row of
 * another province's announcement, is QC_EINVAL; *out is the row's
 * issuer ("national", issuer, or NULL when "" is unsaid). */
enum qc_rc qc_sampling_issuer_check(const char *holder, const char *level,
				    const char *region, const char *issuer,
				    const char *from, const char **out,
				    struct qc_error *err);
/* The report's warning of rows a publishing server recorded without an
 * issuer (none: nothing said). */
void qc_sampling_issuer_unsaid(struct qc_buf *say, size_t rows);

/* Whether a row past the header is a header again (a second table under
 * the first: its labels name the product, a unit and more, most cells a
 * field); if so, and it names other columns, m is mapped again from it
 * for the rows below; either way each row's verdict is settled again
 * (its caption, its result column) and the merged cells carried down
 * (rd->above) end there (sampling_map.c). */
bool qc_sampling_map_again(struct qc_sampling_map *m,
			   struct sampling_reader *rd,
			   const struct qc_table_row *row);
/* Whether next is such a header: a single cell (row) over it is its
 * table's caption, not a row, and says what that table lists
 * (m->listed: 不合格产品名单, 合格产品名单, or nothing). */
bool qc_sampling_caption(struct qc_sampling_map *m,
			 const struct qc_table_row *row,
			 const struct qc_table_row *next);
/* A table that is records, one field a line ("1 生产企业名称:…",
 * "产品名称:…", …), under a table of figures or none: 1 and the records
 * as a CSV table appended to csv (a row a record, on the line where it
 * begins; the single cells above them its caption), 0 if t holds no such
 * records, -1 and the first one's *line if it holds numbered records
 * that name no product or no maker (sampling_records.c); the labels
 * no field keeps (整改情况) quoted into unknown ('a', 'b'). t is
 * rewound. */
int qc_sampling_records(struct qc_table *t, struct qc_buf *csv, int *line,
			struct qc_buf *unknown);
/* A table that is failures written as sentences ("1、X销售的Y,其中Z不符合
 * 食品安全国家标准规定。", sampling_sentences.c): 1 and a failing row a
 * product they name, as a CSV table appended to csv (the lines above the
 * first sentence its caption), 0 if t holds no such sentences, -1 if it
 * holds some but none could be read. Those that say a failure but cannot
 * be read are counted in *unread, the first's line and reason (a msgid,
 * "it names no product") in *line and *why, and each added to rejects
 * with its reason. t is rewound. */
int qc_sampling_sentences(struct qc_table *t, struct qc_buf *csv,
			  struct qc_buf *rejects, size_t *unread, int *line,
			  const char **why);
/* Whether m's headings are a sentence of a failure (a heading names a
 * unit and its role, 李记瓜籽厂生产的南瓜子, and one a failure), not a
 * header. */
bool qc_sampling_sentence_heads(const struct qc_sampling_map *m);

#endif
