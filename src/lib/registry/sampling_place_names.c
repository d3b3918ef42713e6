/* Whether a text (an enterprise's name or address) writes a region's
 * name: in full, without its 省/市/区/县, by its stem as a name begins,
 * never as a street's (宁夏路) or a word's (市场) part. Text alone: the
 * division list is sampling_place.c's. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "sampling_int.h"
#include "banned.h"

bool qc_sampling_street_at(const char *text)
{
	static const char *const street[] = {
		"路",   "中路", "南路", "北路", "东路", "西路", "街", "大街",
		"中街", "南街", "北街", "东街", "西街", "大道", "巷",
	};
	for (size_t i = 0; i < sizeof(street) / sizeof(street[0]); i++)
		if (!strncmp(text, street[i], strlen(street[i])))
			return true;
	return false;
}

bool qc_sampling_shi_word_at(const char *name, size_t n, const char *text)
{
	static const char *const word[] = { "政", "场", "民", "容",
					    "井", "面", "值", "价" };
	if (n < 3 || strcmp(name + n - 3, "市"))
		return false;
	for (size_t i = 0; i < sizeof(word) / sizeof(word[0]); i++)
		if (!strncmp(text + n, word[i], strlen(word[i])))
			return true;
	return false;
}

const char *qc_sampling_place_written(const char *from, const char *name)
{
	size_t n = strlen(name);
	const char *at = strstr(from, name);

	while (at && qc_sampling_shi_word_at(name, n, at))
		at = strstr(at + 1, name);
	return at;
}

bool qc_sampling_place_named(const char *text, const char *name, bool stems)
{
	size_t n = strlen(name);
	char stem[128];

	/* The short names of the autonomous regions, as a name or an
	 * address begins (宁夏万汇云合消防科技有限公司, 广西某公司); only
	 * there, and not as a street's name (西藏中路, 宁夏路). */
	static const struct {
		const char *full, *short_name;
	} autonomous[] = {
		{ "内蒙古自治区", "内蒙古" },   { "广西壮族自治区", "广西" },
		{ "西藏自治区", "西藏" },       { "宁夏回族自治区", "宁夏" },
		{ "新疆维吾尔自治区", "新疆" },
	};

	/* A county of two characters (莒县, 单县) only as a name or an
	 * address begins (莒县振民塑业有限公司). */
	if (n == 6)
		return !strncmp(text, name, n);
	if (qc_sampling_place_written(text, name))
		return true;
	for (size_t i = 0; i < sizeof(autonomous) / sizeof(autonomous[0]);
	     i++) {
		size_t k = strlen(autonomous[i].short_name);
		if (strcmp(name, autonomous[i].full) ||
		    strncmp(text, autonomous[i].short_name, k))
			continue;
		return !qc_sampling_street_at(text + k);
	}
	/* An enterprise's name begins with its city or province without
	 * 市 or 省 (宝鸡阜丰生物科技有限公司, 江西太平洋电缆集团有限公司),
	 * or with its county without 县 or 区 (沾化怡可食品有限公司: 沾化区;
	 * after its province, 山东惠民…: 惠民县). */
	/* Not where the stem is the province's written in full (吉林省多彩
	 * 印刷有限公司, 吉林 2022: not 吉林市). */
	if (n == 9 && stems &&
	    (!strcmp(name + 6, "市") || !strcmp(name + 6, "省") ||
	     !strcmp(name + 6, "县") || !strcmp(name + 6, "区")) &&
	    !strncmp(text, name, 6) &&
	    (!strncmp(text + 6, name + 6, 3) || strncmp(text + 6, "省", 3)))
		return true;
	if (n <= 9 || n >= sizeof(stem))
		return false;
	/* A prefecture called a 地区 or 盟 by its name alone (大兴安岭新林区,
	 * 锡林郭勒), an autonomous prefecture by its name and 州 (昌吉州,
	 * 黔东南州): names of three characters or more, or two with 州. */
	static const char *const alone[] = { "地区", "盟" };
	for (size_t i = 0; i < sizeof(alone) / sizeof(alone[0]); i++) {
		size_t k = strlen(alone[i]);
		if (n - k >= 9 && !strcmp(name + n - k, alone[i])) {
			snprintf(stem, sizeof(stem), "%.*s", (int)(n - k),
				 name);
			if (strstr(text, stem))
				return true;
		}
	}
	if (n > strlen("自治州") &&
	    !strcmp(name + n - strlen("自治州"), "自治州"))
		for (int chars = 2; chars <= 3; chars++) {
			snprintf(stem, sizeof(stem), "%.*s州", chars * 3, name);
			if (strstr(text, stem))
				return true;
		}
	snprintf(stem, sizeof(stem), "%.*s", (int)(n - 3), name);
	return strstr(text, stem) != NULL;
}
