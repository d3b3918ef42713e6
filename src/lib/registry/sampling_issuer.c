/* Who issued an announcement (migration 0029, docs/scaling.md "One
 * importer per announcement"): the authority --region names, else the
 * one the table's title names (广西壮族自治区市场监督管理局关于…), and
 * the checks a server that publishes to the nation makes of it. Split
 * from sampling.c. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "qcity/i18n.h"
#include "qcity/region.h"
#include "qcity/store.h"
#include "sampling_int.h"
#include "banned.h"

/* The words after an authority's place in a title. */
static const char *const offices[] = {
	"市场监督管理", "市场监管",         "质量技术监督", "质量监督检验检疫",
	"工商行政管理", "食品药品监督管理", "人民政府",
};

/* "national" for the nation's code, else the province of code. */
static void province_of(const char *code, char issuer[16])
{
	qc_region_province(code, issuer);
	if (qc_region_code_is_nation(issuer))
		snprintf(issuer, 16, "national");
}

/* The region an authority's place (the text before its office) names:
 * the longest tail of it that is a region's name, of two characters or
 * more; into code, its name into name. */
static bool place_of(struct qc_store *s, const char *p, size_t n,
		     char code[QC_REGION_CODE_SIZE], char name[128])
{
	/* The title's rows are joined with spaces: the office's own row. */
	for (size_t i = n; i > 0; i--)
		if (p[i - 1] == ' ') {
			p += i;
			n -= i;
			break;
		}
	if (n >= 6 && !strncmp(p + n - 6, "国家", 6)) {
		snprintf(code, QC_REGION_CODE_SIZE, "000000");
		snprintf(name, 128, "国家");
		return true;
	}
	for (size_t i = n > 127 ? n - 127 : 0; i + 6 <= n; i++) {
		if (((unsigned char)p[i] & 0xC0) == 0x80)
			continue; /* inside a character */
		snprintf(name, 128, "%.*s", (int)(n - i), p + i);
		if (!qc_region_resolve(s, name, code, NULL))
			return true;
	}
	return false;
}

/* The first authority the title names, before its office's words. */
static bool title_authority(struct qc_store *s, const char *title,
			    char code[QC_REGION_CODE_SIZE], char name[128])
{
	const char *first = NULL;
	for (size_t k = 0; title && k < sizeof(offices) / sizeof(*offices);
	     k++) {
		const char *at = strstr(title, offices[k]);
		if (at && (!first || at < first))
			first = at;
	}
	return first && place_of(s, title, (size_t)(first - title), code, name);
}

void qc_sampling_issuer_of(struct qc_store *s, const char *region,
			   const char *title, char issuer[16],
			   const char **from, struct qc_buf *say)
{
	char code[QC_REGION_CODE_SIZE], name[128];

	issuer[0] = '\0';
	*from = NULL;
	if (region) {
		if (!qc_region_resolve(s, region, code, NULL)) {
			province_of(code, issuer);
			*from = "region";
		}
		return;
	}
	if (!title_authority(s, title, code, name))
		return;
	province_of(code, issuer);
	*from = "title";
	qc_buf_addf(say,
		    _("issuer: %s, the authority the title names (%s); give "
		      "--region to name another\n"),
		    issuer, name);
}

enum qc_rc qc_sampling_issuer_check(const char *holder, const char *level,
				    const char *region, const char *issuer,
				    const char *from, const char **out,
				    struct qc_error *err)
{
	/* A server that publishes its province to the nation imports a
	 * national announcement's results of its own regions only; each
	 * other province imports its own, so the nation counts each result
	 * once. */
	if (holder && !strcmp(level, "national") && strncmp(region, holder, 2))
		return qc_error_set(err, QC_EINVAL,
				    "field 'level': a result of a national "
				    "announcement in %s is imported by its own "
				    "province's server, not by %s (the nation "
				    "would count it twice): leave it out "
				    "(--skip-bad)",
				    region, holder);
	/* And another province's own announcement (its authority named by
	 * --region or by the title) is that province's to import (0029). */
	*out = !strcmp(level, "national") ? "national" :
	       issuer[0]                  ? issuer :
					    NULL;
	if (!holder || !*out || !strcmp(*out, "national") ||
	    !strncmp(*out, holder, 2))
		return QC_OK;
	if (from && !strcmp(from, "title"))
		return qc_error_set(err, QC_EINVAL,
				    "field 'level': a result of an "
				    "announcement issued in %s (its title) is "
				    "imported by that province's server, not by "
				    "%s (the nation would count it twice): give "
				    "--region if another authority issued it, "
				    "or leave it out (--skip-bad)",
				    *out, holder);
	return qc_error_set(err, QC_EINVAL,
			    "field 'level': a result of an "
			    "announcement issued in %s (--region) is "
			    "imported by that province's server, not by "
			    "%s (the nation would count it twice): leave "
			    "it out (--skip-bad)",
			    *out, holder);
}

void qc_sampling_issuer_unsaid(struct qc_buf *say, size_t rows)
{
	if (rows)
		qc_buf_addf(say,
			    _("rows recorded without an issuer: %zu; give "
			      "--region, the authority that issued the "
			      "announcement: a server that publishes to the "
			      "nation records who issued each result\n"),
			    rows);
}
