/* The awards and brands register (docs/credit.md): 中国质量奖 and its
 * nominations, government quality awards, 名牌产品, 驰名商标, 著名商标,
 * 地理标志 products and marks, regional brands, 首席质量官; counts of it
 * that feed plan targets; the tax paid that reward rules read, and the
 * reward eligibility list those rules give. Structs filled here are
 * released with their _release. */
#ifndef QCITY_AWARD_H
#define QCITY_AWARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

struct qc_award_in {
	const char *kind;  /* quality_award, quality_award_nominee,
			      brand_product, well_known_trademark,
			      famous_trademark, gi_product, gi_trademark,
			      regional_brand, chief_quality_officer */
	const char *level; /* national, provincial, municipal, county */
	const char *holder;
	const char *uscc;   /* may be NULL */
	const char *region; /* code or name; NULL: from the credit code */
	const char *name;   /* product, mark or person; may be NULL */
	int year;
	const char *valid_until, *certificate, *source; /* may be NULL */
};

/* The kind and level a Chinese title names (中国驰名商标 →
 * well_known_trademark/national, 湖南名牌 → brand_product/provincial);
 * false when it names none. level is "" when the title says none. */
bool qc_award_kind_parse(const char *title, const char **kind,
			 const char **level);
/* Chinese label of a kind, NULL for none; of a level (国家级 …), "" for
 * none (static). */
const char *qc_award_kind_label(const char *kind);
const char *qc_award_level_label(const char *level);

/* Add one entry (and a credit event "award" for a known enterprise). */
enum qc_rc qc_award_add(struct qc_store *s, const struct qc_award_in *in,
			const char *actor, int64_t *id, struct qc_error *err);

/* Import a published list (CSV or .xlsx): 获奖单位/企业名称, 类别 (or the
 * kind given), 级别, 年度, and optionally 统一社会信用代码, 地区, 产品/商标,
 * 有效期至, 证书编号. Header synonyms as the sampling importer; all or
 * nothing; an entry already registered is kept (not counted). */
enum qc_rc qc_award_import(struct qc_store *s, const char *data, size_t len,
			   const char *name, const char *kind,
			   const char *actor, size_t *count,
			   struct qc_error *err);

struct qc_award {
	int64_t id;
	char *kind, *level, *holder, *uscc, *region, *name, *valid_until,
		*certificate, *source;
	int year;
};
struct qc_awards {
	struct qc_award *v;
	size_t n, alloc;
};
/* Entries in a region's subtree (NULL: all), of a kind (NULL: all), of a
 * year (0: all), newest first. */
enum qc_rc qc_award_list(struct qc_store *s, const char *region,
			 const char *kind, int year, struct qc_awards *out,
			 struct qc_error *err);
void qc_awards_release(struct qc_awards *a);

/* Holders of a kind (and level, NULL: any) in a region's subtree
 * recognised in years from..to. */
enum qc_rc qc_award_count(struct qc_store *s, const char *region,
			  const char *kind, const char *level, int from, int to,
			  long long *n, struct qc_error *err);

/* Feed the plan's count targets that name a kind of the register
 * (培育中国驰名商标10个): one value per year of the plan's period, counted in
 * the plan's region as the engine reads the series (per year for a count
 * that adds up, the running total for a cumulative one), with source
 * "register:awards". *targets: targets fed. */
enum qc_rc qc_award_feed(struct qc_store *s, int64_t plan_id, const char *actor,
			 size_t *targets, struct qc_error *err);

/* ---- rewards ----------------------------------------------------------- */

/* Import yearly tax paid (CSV or .xlsx): 统一社会信用代码, 年度, 纳税额
 * (元; a header with 万元 means ten thousands), optionally 企业名称. All or
 * nothing; a year already there is replaced. */
enum qc_rc qc_tax_import(struct qc_store *s, const char *data, size_t len,
			 const char *name, const char *actor, size_t *count,
			 struct qc_error *err);

struct qc_reward_row {
	int64_t award_id;
	char *holder, *uscc, *award; /* award: "2023 中国驰名商标 (national)" */
	char *rule, *rule_text; /* tier key and its wording */
	double min_tax, tax;    /* tax < 0: none on file */
	bool eligible;
	char *amount;      /* the tier's amount as the rule states it */
	char *evidence;    /* certificate, tax source */
	char *approved_on; /* NULL until approved */
};
struct qc_rewards {
	char *rules; /* the rule file's "key" */
	char *plan;  /* the plan it belongs to */
	int year;
	struct qc_reward_row *v;
	size_t n, alloc;
};
/* The eligibility list of a year under a rule file (JSON, docs/credit.md):
 * every award of that year a tier names, with the tax paid that year, the
 * tier's threshold, eligible or not, amount and evidence. */
enum qc_rc qc_reward_list(struct qc_store *s, const char *rules, size_t len,
			  int year, struct qc_rewards *out,
			  struct qc_error *err);
void qc_rewards_release(struct qc_rewards *r);
/* Approve an eligible row (the office's decision), audited; QC_ECONFLICT
 * if it is not eligible. */
enum qc_rc qc_reward_approve(struct qc_store *s, const char *rules, size_t len,
			     int year, int64_t award_id, const char *date,
			     const char *actor, struct qc_error *err);

#endif
