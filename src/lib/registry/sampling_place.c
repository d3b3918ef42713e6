/* The region an enterprise's own address or name gives (江门市某路,
 * 宝鸡阜丰…, 宁夏…, 瑞安市…, 大兴安岭新林区), read from the division
 * list in memory: provinces and prefectures once, a home province's
 * counties once. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/hash.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "sampling_int.h"
#include "banned.h"

/* Provinces and prefectures, read once: an address is matched against
 * them in memory, and only a named prefecture's counties are queried. */
static void load_regions(struct qc_store *s, struct sampling_reader *rd)
{
	rd->have_prefectures = true;
	if (qc_region_children(s, NULL, &rd->provinces, NULL))
		return;
	for (size_t i = 0; i < rd->provinces.n; i++) {
		struct qc_region_list kids;
		if (qc_region_children(s, rd->provinces.v[i].code, &kids, NULL))
			continue;
		for (size_t k = 0; k < kids.n; k++) {
			QC_GROW(rd->prefectures.v, rd->prefectures.n + 1,
				rd->prefectures.alloc);
			rd->prefectures.v[rd->prefectures.n++] = kids.v[k];
			kids.v[k].name = NULL;
		}
		qc_region_list_release(&kids);
	}
}

/* The one region of list (whose code begins with `within`, if given)
 * that text names (by its first two characters too if `stems`:
 * qc_sampling_place_named()); NULL if none or several. */
static const struct qc_region *named_in(const struct qc_region_list *list,
					const char *within, const char *text,
					bool stems)
{
	const struct qc_region *hit = NULL;
	for (size_t i = 0; i < list->n; i++) {
		const struct qc_region *r = &list->v[i];
		if (!r->name || (within && strncmp(r->code, within, 2)) ||
		    qc_region_is_grouping(r->name) ||
		    !qc_sampling_place_named(text, r->name, stems))
			continue;
		if (hit)
			return NULL;
		hit = r;
	}
	return hit;
}

/* The counties of province `prov` whose names have three characters
 * or more (瑞安市, 青田县, 杭锦旗; not 城区, which other words hold), or
 * two ending in 县 (莒县, 单县: qc_sampling_place_named() takes them
 * only at the start), appended to l. */
static void counties_into(struct qc_store *s, const struct sampling_reader *rd,
			  const char *prov, struct qc_region_list *l)
{
	for (size_t i = 0; i < rd->prefectures.n; i++) {
		struct qc_region_list kids;
		if (strncmp(rd->prefectures.v[i].code, prov, 2) ||
		    qc_region_children(s, rd->prefectures.v[i].code, &kids,
				       NULL))
			continue;
		for (size_t k = 0; k < kids.n; k++) {
			const char *name = kids.v[k].name;
			if (!name ||
			    (strlen(name) < 9 &&
			     (strlen(name) != 6 || strcmp(name + 3, "县"))))
				continue;
			QC_GROW(l->v, l->n + 1, l->alloc);
			l->v[l->n++] = kids.v[k];
			kids.v[k].name = NULL;
		}
		qc_region_list_release(&kids);
	}
}

/* The home province's counties, read once. */
static void load_counties(struct qc_store *s, struct sampling_reader *rd)
{
	rd->have_counties = true;
	counties_into(s, rd, rd->home, &rd->counties);
}

/* The counties of province `prov` as counties_into reads them, each
 * province's once (a national table names a few provinces thousands of
 * times); NULL for a code that is no province's. */
static const struct qc_region_list *
province_counties(struct qc_store *s, struct sampling_reader *rd,
		  const char *prov)
{
	int i;

	if (prov[0] < '0' || prov[0] > '9' || prov[1] < '0' || prov[1] > '9')
		return NULL;
	if (!rd->have_prefectures)
		load_regions(s, rd);
	if (rd->have_home && !strncmp(prov, rd->home, 2)) {
		if (!rd->have_counties)
			load_counties(s, rd);
		return &rd->counties;
	}
	i = (prov[0] - '0') * 10 + (prov[1] - '0');
	if (!rd->have_other[i]) {
		rd->have_other[i] = true;
		counties_into(s, rd, prov, &rd->other[i]);
	}
	return &rd->other[i];
}

/* The one county of province `prov` that text names, by a name of three
 * characters or more (福建省南安市华厦消防装备有限公司 is 南安市's), or
 * by its first two opening text if `stems` (text follows the province's
 * name: 湖北枣阳…). */
static bool county_of(struct qc_store *s, struct sampling_reader *rd,
		      const char *prov, const char *text, bool stems,
		      char out[QC_REGION_CODE_SIZE])
{
	const struct qc_region_list *list = province_counties(s, rd, prov);
	const struct qc_region *hit;

	if (!list || !(hit = named_in(list, NULL, text, stems)))
		return false;
	memcpy(out, hit->code, QC_REGION_CODE_SIZE);
	return true;
}

/* Is `name` a division's name now, a prefecture's or any province's
 * county's? */
static bool name_in_use(struct qc_store *s, struct sampling_reader *rd,
			const char *name)
{
	for (size_t i = 0; i < rd->prefectures.n; i++)
		if (rd->prefectures.v[i].name &&
		    !strcmp(rd->prefectures.v[i].name, name))
			return true;
	for (size_t p = 0; p < rd->provinces.n; p++) {
		const struct qc_region_list *list =
			province_counties(s, rd, rd->provinces.v[p].code);
		for (size_t k = 0; list && k < list->n; k++)
			if (list->v[k].name && !strcmp(list->v[k].name, name))
				return true;
	}
	return false;
}

/* The one county of list whose former name, its first two characters
 * and another of 县, 区, 市, opens text in full (邹平县… for 邹平市 since
 * 2018, 章丘市… for 章丘区): a place's name written whole, not a word
 * (not 章丘市场…); never a name a division bears now (和平县 is 河源's,
 * not 天津's 和平区; 湘潭市 is no 湘潭县). */
static const struct qc_region *former_opening(struct qc_store *s,
					      struct sampling_reader *rd,
					      const struct qc_region_list *list,
					      const char *text)
{
	static const char *const suffix[] = { "县", "区", "市" };
	const struct qc_region *hit = NULL;
	char old[16];

	for (size_t k = 0; k < list->n; k++) {
		const char *name = list->v[k].name;
		if (!name || strlen(name) != 9 || strncmp(text, name, 6))
			continue;
		for (size_t i = 0; i < 3; i++) {
			snprintf(old, sizeof(old), "%.6s%s", name, suffix[i]);
			if (strcmp(old, name) && !strncmp(text, old, 9) &&
			    !qc_sampling_shi_word_at(old, 9, text)) {
				if (hit)
					return NULL;
				hit = &list->v[k];
			}
		}
	}
	if (hit) {
		snprintf(old, sizeof(old), "%.9s", text);
		if (name_in_use(s, rd, old))
			return NULL;
	}
	return hit;
}

/* A county of prefecture `pref` named as it was before it became a
 * district or a city (西宁市湟中县…: 湟中区 since 2019): the division
 * list holds the current names only, so the county whose name of three
 * characters, its last a 县, 区 or 市, text writes with another of them
 * (a name no division of it bears now: not 湘潭市 for 湘潭县); true and
 * out filled if exactly one. */
static bool renamed_in(struct qc_store *s, const char *pref,
		       const char *pref_name, const char *text,
		       char out[QC_REGION_CODE_SIZE])
{
	static const char *const suffix[] = { "县", "区", "市" };
	struct qc_region_list kids;
	const struct qc_region *hit = NULL;
	int found = 0;

	if (qc_region_children(s, pref, &kids, NULL))
		return false;
	for (size_t k = 0; k < kids.n; k++) {
		const char *name = kids.v[k].name;
		char old[16];
		bool county = false;
		for (size_t i = 0; name && strlen(name) == 9 && i < 3; i++)
			county |= !strcmp(name + 6, suffix[i]);
		if (!county)
			continue;
		for (size_t i = 0; i < 3; i++) {
			if (!strcmp(name + 6, suffix[i]))
				continue;
			snprintf(old, sizeof(old), "%.6s%s", name, suffix[i]);
			/* Not a name in use: 湘潭县 is not 湘潭市 renamed. */
			bool in_use = !strcmp(old, pref_name);
			for (size_t j = 0; j < kids.n && !in_use; j++)
				in_use = kids.v[j].name &&
					 !strcmp(old, kids.v[j].name);
			if (!in_use && strstr(text, old)) {
				hit = &kids.v[k];
				found++;
			}
		}
	}
	if (found == 1)
		memcpy(out, hit->code, QC_REGION_CODE_SIZE);
	qc_region_list_release(&kids);
	return found == 1;
}

/* A county written without its 区, 县 or 市 right after its prefecture
 * (临沂市河东九曲街道: 河东区, 贵阳乌当…: 乌当区), not a street named
 * after it (新华路); true
 * and out filled if exactly one county of `pref` is so written. */
static bool bare_county_in(struct qc_store *s, const char *pref,
			   const char *pref_name, const char *text,
			   char out[QC_REGION_CODE_SIZE])
{
	static const char *const suffix[] = { "县", "区", "市" };
	const char *p = strstr(text, pref_name);
	size_t skip = strlen(pref_name);
	struct qc_region_list kids;
	int found = 0;

	/* Or after the prefecture's name without its 市, as a name
	 * begins (贵阳乌当某酒厂: 乌当区). */
	if (!p && skip == 9 && !strcmp(pref_name + 6, "市") &&
	    !strncmp(text, pref_name, 6)) {
		p = text;
		skip = 6;
	}
	if (!p || qc_region_children(s, pref, &kids, NULL))
		return false;
	p += skip;
	for (size_t k = 0; k < kids.n; k++) {
		const char *name = kids.v[k].name;
		bool county = false, is_street = false;
		for (size_t i = 0; name && strlen(name) == 9 && i < 3; i++)
			county |= !strcmp(name + 6, suffix[i]);
		if (!county || strncmp(p, name, 6))
			continue;
		is_street = qc_sampling_street_at(p + 6);
		for (size_t i = 0; i < 3; i++)
			is_street |= !strncmp(p + 6, suffix[i], 3);
		if (is_street)
			continue;
		if (!found++)
			memcpy(out, kids.v[k].code, QC_REGION_CODE_SIZE);
	}
	qc_region_list_release(&kids);
	return found == 1;
}

/* Does the text before `at` end with a region's name of list, in full
 * or without its last character (辽宁, 鞍山)? */
static bool ends_with_region(const char *text, const char *at,
			     const struct qc_region_list *list)
{
	size_t before = (size_t)(at - text);

	for (size_t i = 0; i < list->n; i++) {
		const char *name = list->v[i].name;
		size_t k = name ? strlen(name) : 0;
		for (int cut = 0; cut < 2 && k >= 6; cut++, k -= 3)
			if (k <= before && !strncmp(at - k, name, k))
				return true;
	}
	return false;
}

/* Is the county's name at `at` where a name writes its place: first,
 * in brackets, or after its province's or prefecture's name (辽宁海城市…,
 * （海城市）…), not inside a word (沿海城市燃气: no 海城市)? */
static bool county_where_placed(const struct sampling_reader *rd,
				const char *text, const char *at)
{
	static const char *const open[] = { "(", "（", "[", "【" };

	if (at == text)
		return true;
	for (size_t i = 0; i < sizeof(open) / sizeof(open[0]); i++) {
		size_t k = strlen(open[i]);
		if ((size_t)(at - text) >= k && !strncmp(at - k, open[i], k))
			return true;
	}
	return ends_with_region(text, at, &rd->provinces) ||
	       ends_with_region(text, at, &rd->prefectures);
}

/* Where text writes a county's name (county_where_placed), or else the
 * 县 it was before it became a district or a city (潮安县…: 潮安区
 * since 2013) when no county bears that name now; NULL if neither. */
static const char *county_written(struct qc_store *s,
				  struct sampling_reader *rd, const char *text,
				  const char *name)
{
	char old[16];
	const char *at = qc_sampling_place_written(text, name);

	while (at && !county_where_placed(rd, text, at))
		at = qc_sampling_place_written(at + 1, name);
	if (at || strlen(name) != 9 ||
	    (strcmp(name + 6, "区") && strcmp(name + 6, "市")))
		return at;
	snprintf(old, sizeof(old), "%.6s县", name);
	at = strstr(text, old);
	while (at && !county_where_placed(rd, text, at))
		at = strstr(at + 1, old);
	return at && !name_in_use(s, rd, old) ? at : NULL;
}

/* A national list (no home province): the county a name writes in full
 * (灌南县汤沟美酒厂) where a name writes its place (county_where_placed),
 * if no other county of the nation's is so written in it; never by the
 * shorter forms a home province's counties are read in (东方红… is not
 * 东方市's). */
static bool nation_county(struct qc_store *s, struct sampling_reader *rd,
			  const char *text, bool cities_only,
			  char out[QC_REGION_CODE_SIZE])
{
	const struct qc_region *hit = NULL;

	for (size_t p = 0; p < rd->provinces.n; p++) {
		const struct qc_region_list *list =
			province_counties(s, rd, rd->provinces.v[p].code);
		for (size_t k = 0; list && k < list->n; k++) {
			const struct qc_region *r = &list->v[k];
			size_t n = r->name ? strlen(r->name) : 0;
			/* Under a --region a city or a district (潮安区…);
			 * a 县 or a 旗 only where the name opens with it in
			 * full (高唐县笑盈盈食品厂 in 福建's list: 山东's
			 * 高唐县, not 福建). */
			if (n < 9 ||
			    (cities_only && strcmp(r->name + n - 3, "市") &&
			     strcmp(r->name + n - 3, "区") &&
			     strncmp(text, r->name, n)))
				continue;
			/* Not 兴城市 in 兴城市政…: a 市 word's (written). */
			if (!county_written(s, rd, text, r->name))
				continue;
			if (hit && strcmp(hit->code, r->code))
				return false;
			hit = r;
		}
	}
	if (hit)
		memcpy(out, hit->code, QC_REGION_CODE_SIZE);
	return hit != NULL;
}

/* The length of an autonomous region's short name (广西 of 广西壮族自治
 * 区, 内蒙古, 宁夏, 新疆, 西藏), 0 for a province's. */
static size_t autonomous(const char *name)
{
	static const char *const people[] = { "壮族", "回族", "维吾尔",
					      "自治区" };
	if (!qc_sampling_ends(name, "自治区"))
		return 0;
	for (size_t i = 0; i < sizeof(people) / sizeof(*people); i++) {
		const char *p = strstr(name, people[i]);
		if (p && p > name)
			return (size_t)(p - name);
	}
	return 0;
}

static bool region_named(struct qc_store *s, struct sampling_reader *rd,
			 const char *text, char out[QC_REGION_CODE_SIZE])
{
	const struct qc_region *hit = NULL, *prov;

	if (!rd->have_prefectures)
		load_regions(s, rd);
	/* A prefecture of the home province, a named province's, or any
	 * prefecture named alone (江门市某路). */
	if (rd->have_home)
		hit = named_in(&rd->prefectures, rd->home, text, true);
	if (!hit && (prov = named_in(&rd->provinces, NULL, text, true))) {
		hit = named_in(&rd->prefectures, prov->code, text, true);
		/* A prefecture by its name alone after the province's
		 * (江苏徐州大屯工业园区, 山东济宁…), as a name begins. */
		size_t k = strlen(prov->name), a = autonomous(prov->name);
		const char *after = !strncmp(text, prov->name, k) ?
					    text + k :
				    k > 6 && !strncmp(text, prov->name, k - 3) ?
					    text + k - 3 :
				    a && !strncmp(text, prov->name, a) ?
					    text + a :
					    NULL;
		if (!hit && after && *after)
			hit = named_in(&rd->prefectures, prov->code, after,
				       true);
		if (!hit) {
			/* 新疆…昌吉市, 福建省南安市…: the named province's
			 * county, if one is named, not the province; or
			 * one written right after the province's name,
			 * where a name begins (河北省青县…), by its first
			 * two characters too (湖北枣阳…, 山东惠民…: the
			 * province is the second signal). */
			const char *rest = after && *after ? after : NULL;
			if (!county_of(s, rd, prov->code, text, false, out) &&
			    !(rest &&
			      county_of(s, rd, prov->code, rest, true, out)))
				memcpy(out, prov->code, QC_REGION_CODE_SIZE);
			return true;
		}
	}
	/* A county of the home province named alone, in full (瑞安市蓝精
	 * 灵鞋业有限公司, 晋江市某鞋服有限公司); not by its first two
	 * characters alone (长安福特…, 和平食品…: qc_sampling_rd_opening
	 * takes them within a prefecture only). */
	if (!hit && rd->have_home) {
		const struct qc_region *county;
		if (!rd->have_counties)
			load_counties(s, rd);
		if ((county = named_in(&rd->counties, NULL, text, false)) ||
		    (county = former_opening(s, rd, &rd->counties, text))) {
			memcpy(out, county->code, QC_REGION_CODE_SIZE);
			return true;
		}
	}
	if (!hit)
		hit = named_in(&rd->prefectures, NULL, text, true);
	/* Else, in a national list, a county of any province written in
	 * full; under a --region (the authority's, not the producer's), a
	 * county-level city or a district so written (定州市… in a list of
	 * 天津's, 潮安区… in 上海's), not a 县 of another province
	 * (城口县…: test_sampling_names). */
	if (!hit)
		return nation_county(s, rd, text, rd->have_home, out);
	if (!hit)
		return false;
	if (!qc_region_in_address(s, hit->code, text, out) &&
	    !renamed_in(s, hit->code, hit->name, text, out) &&
	    !bare_county_in(s, hit->code, hit->name, text, out))
		memcpy(out, hit->code, QC_REGION_CODE_SIZE);
	return true;
}

/* The counties of prefecture `pref` in its province's list, a run of it
 * (counties_into reads them prefecture by prefecture): [*lo, *hi),
 * remembered for the next row of the same prefecture. */
static const struct qc_region_list *
prefecture_counties(struct qc_store *s, struct sampling_reader *rd,
		    const char *pref, size_t *lo, size_t *hi)
{
	const struct qc_region_list *list = province_counties(s, rd, pref);

	if (!list)
		return NULL;
	if (strcmp(rd->open_pref, pref)) {
		size_t k = 0;
		while (k < list->n && strncmp(list->v[k].code, pref, 4))
			k++;
		rd->open_lo = k;
		while (k < list->n && !strncmp(list->v[k].code, pref, 4))
			k++;
		rd->open_hi = k;
		snprintf(rd->open_pref, sizeof(rd->open_pref), "%s", pref);
		rd->open_stem[0] = '\0';
		for (k = 0; k < rd->prefectures.n; k++)
			if (!strcmp(rd->prefectures.v[k].code, pref) &&
			    rd->prefectures.v[k].name)
				snprintf(rd->open_stem, sizeof(rd->open_stem),
					 "%.6s", rd->prefectures.v[k].name);
	}
	*lo = rd->open_lo;
	*hi = rd->open_hi;
	return list;
}

bool qc_sampling_rd_opening(struct qc_store *s, struct sampling_reader *rd,
			    const char *text, char region[QC_REGION_CODE_SIZE])
{
	const struct qc_region_list *list;
	const struct qc_region *hit = NULL;
	size_t lo, hi;

	/* A prefecture only: within a province (天津市, 陕西省) a county's
	 * short name is a word as often as a place (和平, 长安). Nor the
	 * prefecture's own name (湘潭龙凤园…, 黄山市…, 铁岭市新城区…: not
	 * 湘潭县, 黄山区, 铁岭县). */
	if (!text || strlen(region) != 6 || strcmp(region + 4, "00") ||
	    !strcmp(region + 2, "0000") ||
	    !(list = prefecture_counties(s, rd, region, &lo, &hi)) ||
	    (rd->open_stem[0] &&
	     !strncmp(text, rd->open_stem, strlen(rd->open_stem))))
		return false;
	for (size_t k = lo; k < hi; k++) {
		const char *name = list->v[k].name;
		if (!name || strlen(name) != 9 || strncmp(text, name, 6) ||
		    qc_sampling_street_at(text + 6))
			continue;
		if (hit)
			return false;
		hit = &list->v[k];
	}
	if (!hit)
		return false;
	memcpy(region, hit->code, QC_REGION_CODE_SIZE);
	return true;
}

/* A finder's answer for text, remembered under key: tables repeat an
 * enterprise's name and address. */
static bool remembered(struct qc_store *s, struct sampling_reader *rd,
		       uint64_t key, const char *text,
		       bool (*find)(struct qc_store *, struct sampling_reader *,
				    const char *, char *),
		       char out[QC_REGION_CODE_SIZE])
{
	if (!rd->seen)
		rd->seen = qc_xcalloc(RD_SLOTS, sizeof(*rd->seen));
	struct rd_slot *slot = &rd->seen[key % RD_SLOTS];
	if (slot->used && slot->hash == key) {
		memcpy(out, slot->code, QC_REGION_CODE_SIZE);
		return slot->code[0] != '\0';
	}
	char code[QC_REGION_CODE_SIZE] = "";
	bool found = find(s, rd, text, code);
	slot->used = true;
	slot->hash = key;
	memcpy(slot->code, code, QC_REGION_CODE_SIZE);
	if (found)
		memcpy(out, code, QC_REGION_CODE_SIZE);
	return found;
}

bool qc_sampling_rd_region(struct qc_store *s, struct sampling_reader *rd,
			   const char *text, char out[QC_REGION_CODE_SIZE])
{
	if (!text || !*text)
		return false;
	return remembered(s, rd, qc_hash_str(text), text, region_named, out);
}

/* The division a word in brackets names, whole or with its 省, 市, 县 or
 * 区 (深圳 → 深圳市, 昆山 → 昆山市): only a name of the division list,
 * one at its level, never another word (中国, 集团, 普通合伙). */
static bool division_word(struct qc_store *s, const char *word,
			  char out[QC_REGION_CODE_SIZE])
{
	static const char *const suffix[] = { "", "省", "市", "县", "区" };
	struct qc_region r;
	char code[QC_REGION_CODE_SIZE];
	bool ok = false;

	if (qc_region_resolve(s, word, code, NULL) ||
	    qc_region_get(s, code, &r, NULL))
		return false;
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++)
		ok |= strlen(r.name) == strlen(word) + strlen(suffix[i]) &&
		      !strncmp(r.name, word, strlen(word)) &&
		      !strcmp(r.name + strlen(word), suffix[i]);
	ok &= r.level <= 3 && !qc_region_is_grouping(r.name);
	if (ok)
		memcpy(out, r.code, QC_REGION_CODE_SIZE);
	qc_region_release(&r);
	return ok;
}

bool qc_sampling_place_only(struct qc_store *s, const char *name)
{
	char code[QC_REGION_CODE_SIZE];
	/* Four characters at most (辽阳, 辽阳市, 湖南省): an enterprise's
	 * name is longer; the test asks the division list. */
	return name && strlen(name) <= 12 && strlen(name) >= 6 &&
	       division_word(s, name, code);
}

/* The one division named in a name's brackets (星联钢网(深圳)有限公司,
 * 美迪凯（昆山）无纺布制品有限公司); false if none or two. */
static bool bracket_named(struct qc_store *s, struct sampling_reader *rd,
			  const char *name, char out[QC_REGION_CODE_SIZE])
{
	static const char *const open[] = { "(", "（" }, *const close[] = {
		")", "）"
	};
	int found = 0;

	(void)rd;
	for (const char *p = name; *p; p++)
		for (size_t i = 0; i < 2; i++) {
			size_t k = strlen(open[i]);
			const char *end;
			char word[64], code[QC_REGION_CODE_SIZE];
			if (strncmp(p, open[i], k) ||
			    !(end = strstr(p + k, close[i])) ||
			    (size_t)(end - p - k) < 6 ||
			    (size_t)(end - p - k) >= sizeof(word))
				continue;
			snprintf(word, sizeof(word), "%.*s", (int)(end - p - k),
				 p + k);
			if (!division_word(s, word, code))
				continue;
			if (found++ && strcmp(code, out))
				return false;
			memcpy(out, code, QC_REGION_CODE_SIZE);
		}
	return found > 0;
}

bool qc_sampling_rd_bracketed(struct qc_store *s, struct sampling_reader *rd,
			      const char *name, char out[QC_REGION_CODE_SIZE])
{
	if (!name || (!strchr(name, '(') && !strstr(name, "（")))
		return false;
	/* Another key than the name's own region (remembered apart). */
	return remembered(s, rd, qc_hash_str(name) ^ 0x9e3779b97f4a7c15ull,
			  name, bracket_named, out);
}

bool qc_sampling_rd_within(struct qc_store *s, struct sampling_reader *rd,
			   const char *text, char region[QC_REGION_CODE_SIZE])
{
	char code[QC_REGION_CODE_SIZE];
	/* Within a province its first two digits, a prefecture four. */
	size_t keep = strcmp(region + 2, "0000") ? 4 : 2;

	if (strlen(region) != 6 || strcmp(region + 4, "00") ||
	    !qc_sampling_rd_region(s, rd, text, code) ||
	    !strcmp(code, region) || strncmp(code, region, keep))
		return false;
	memcpy(region, code, QC_REGION_CODE_SIZE);
	return true;
}
