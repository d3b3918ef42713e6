/* Where a sampling result belongs (sampling.c check_place): its region
 * column, else its credit code's division, its address or its name, else
 * the import's --region; regions resolved by text are cached per import.
 * On the connection's thread only: it reads the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/hash.h"
#include "qcity/model.h"
#include "qcity/uscc.h"
#include "sampling_region.h"
#include "banned.h"

/* Regions resolved by text (a region cell, or a credit code's division):
 * a table names few regions, so lookups are cached per import. */
#define REGION_CACHE 4096

struct qc_region_slot {
	char key[64];
	char code[QC_REGION_CODE_SIZE];
	bool used;
};

static struct qc_region_slot *cache_slot(struct qc_region_slot *c,
					 const char *key)
{
	return &c[qc_hash_str(key) % REGION_CACHE];
}

static enum qc_rc resolve_cached(struct sampling_places *pl, const char *what,
				 char out[QC_REGION_CODE_SIZE],
				 struct qc_error *err)
{
	struct qc_region_slot *slot = cache_slot(pl->cache, what);
	enum qc_rc rc;

	if (slot->used && !strcmp(slot->key, what)) {
		memcpy(out, slot->code, QC_REGION_CODE_SIZE);
		return QC_OK;
	}
	if ((rc = qc_region_resolve(pl->s, what, out, err)))
		return rc;
	if (strlen(what) < sizeof(slot->key)) {
		snprintf(slot->key, sizeof(slot->key), "%s", what);
		memcpy(slot->code, out, QC_REGION_CODE_SIZE);
		slot->used = true;
	}
	return QC_OK;
}

/* The known region a division code belongs to: itself, or the
 * prefecture or province above it ("" if none). */
static void division_region(struct sampling_places *pl, const char *division,
			    char out[QC_REGION_CODE_SIZE])
{
	char key[16];
	struct qc_region_slot *slot;

	/* "#%s", truncated to the key (every row). */
	key[0] = '#';
	qc_code_prefix(key + 1, division, sizeof(key) - 2);
	slot = cache_slot(pl->cache, key);
	if (slot->used && !strcmp(slot->key, key)) {
		memcpy(out, slot->code, QC_REGION_CODE_SIZE);
		return;
	}
	qc_region_of_division(pl->s, division, out);
	snprintf(slot->key, sizeof(slot->key), "%s", key);
	memcpy(slot->code, out, QC_REGION_CODE_SIZE);
	slot->used = true;
}

/* A branch is where its own name places it, not its company: the place
 * that opens the name's part after 公司 (南昌市天虹商场有限公司宜春天虹
 * 购物中心: 宜春市), unless that part opens with a street (…公司中山路
 * 店: 中山路 is no 中山市). */
static bool branch_region(struct sampling_places *pl, const char *name,
			  char out[QC_REGION_CODE_SIZE])
{
	const char *co = name ? strstr(name, "公司") : NULL;
	const char *rest = co ? co + strlen("公司") : NULL;
	size_t n = rest ? strlen(rest) : 0;

	if (n < 6 || !(rest[0] & 0x80) || qc_sampling_street_at(rest + 6) ||
	    (n >= 9 && qc_sampling_street_at(rest + 9)))
		return false;
	return qc_sampling_rd_region(pl->s, pl->rd, rest, out);
}

/* The region an enterprise's name gives: a division in its brackets
 * (美迪凯(昆山)…: 昆山市), unless the rest of the name names a place
 * within it; else what the name names (宝鸡阜丰…). It reads the
 * database and the reader's places: on the connection's thread only
 * (check_place), never from check_cells. */
static bool name_region(struct sampling_places *pl, const char *name,
			char out[QC_REGION_CODE_SIZE])
{
	char in[QC_REGION_CODE_SIZE], named[QC_REGION_CODE_SIZE];
	bool has_named;

	if (branch_region(pl, name, out))
		return true;
	has_named = qc_sampling_rd_region(pl->s, pl->rd, name, named);

	if (!qc_sampling_rd_bracketed(pl->s, pl->rd, name, in)) {
		if (has_named)
			memcpy(out, named, QC_REGION_CODE_SIZE);
		return has_named;
	}
	char lo[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1];
	qc_region_span(in, lo, hi);
	memcpy(out, has_named && !strncmp(named, lo, strlen(lo)) ? named : in,
	       QC_REGION_CODE_SIZE);
	return true;
}

/* A prefecture made precise by the county whose first two characters
 * open the address or the producer's name (蒙阴… under 临沂市): the
 * prefecture, whichever cell or option gave it, is the second signal a
 * county's short name needs (sampling_place.c). */
static void opening_county(struct sampling_places *pl, struct sample *x)
{
	if (!qc_sampling_rd_opening(pl->s, pl->rd, x->f[QC_SF_ADDRESS],
				    x->region))
		qc_sampling_rd_opening(pl->s, pl->rd, x->f[QC_SF_ENTERPRISE],
				       x->region);
}

enum qc_rc qc_sampling_pick_region(struct sampling_places *pl, struct sample *x,
				   struct qc_error *err)
{
	char division[QC_REGION_CODE_SIZE], county[QC_REGION_CODE_SIZE];
	enum qc_rc rc;

	if (x->f[QC_SF_REGION]) {
		rc = resolve_cached(pl, x->f[QC_SF_REGION], x->region, err);
		/* A prefecture and its county written together (安阳市殷都区,
		 * 昌吉州昌吉市): the county they name. */
		if (rc == QC_ENOTFOUND &&
		    qc_sampling_rd_region(pl->s, pl->rd, x->f[QC_SF_REGION],
					  x->region)) {
			if (err)
				memset(err, 0, sizeof(*err));
			rc = QC_OK;
		}
		/* 曲靖 beside 曲靖市麒麟区…: the county within it. */
		if (!rc &&
		    !qc_sampling_rd_within(pl->s, pl->rd, x->f[QC_SF_ADDRESS],
					   x->region) &&
		    !qc_sampling_rd_within(pl->s, pl->rd,
					   x->f[QC_SF_ENTERPRISE], x->region))
			opening_county(pl, x);
		return rc;
	}
	x->region[0] = '\0';
	if (x->uscc_ok) {
		qc_uscc_region(x->uscc, division);
		division_region(pl, division, x->region);
	}
	/* The enterprise's own address, else its name: never the sampling
	 * authority's region while the enterprise says where it is. */
	if (!x->region[0] &&
	    !qc_sampling_rd_region(pl->s, pl->rd, x->f[QC_SF_ADDRESS],
				   x->region))
		name_region(pl, x->f[QC_SF_ENTERPRISE], x->region);
	if (!x->region[0] && pl->region &&
	    (rc = resolve_cached(pl, pl->region, x->region, err)))
		return rc;
	if (!x->region[0])
		return qc_error_set(err, QC_EINVAL,
				    "no region: the table has "
				    "no region column and the enterprise no "
				    "credit code with a known division; give "
				    "--region");
	if (!strcmp(x->region + 4, "00") && x->f[QC_SF_ADDRESS] &&
	    qc_region_in_address(pl->s, x->region, x->f[QC_SF_ADDRESS], county))
		memcpy(x->region, county, QC_REGION_CODE_SIZE);
	else
		opening_county(pl, x);
	return QC_OK;
}

struct qc_region_slot *qc_sampling_region_cache(void)
{
	return qc_xcalloc(REGION_CACHE, sizeof(struct qc_region_slot));
}
