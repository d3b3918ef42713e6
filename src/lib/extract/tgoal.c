/* Goals sections of a plan: where they start and end, the goal areas
 * their sub-headings name, and review sections (发展基础 …) whose figures
 * are reports, not targets (docs/extraction.md). */
#include <stdio.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/text.h"
#include "xtctx.h"
#include "banned.h"

#define N(a) (sizeof(a) / sizeof(*(a)))

/* Goal areas: the heading of the part of the goals section a line is in. */
static const char *goal_domain(const char *b, const char *e)
{
	static const struct {
		const char *w, *d;
	} map[] = {
		{ "食品", "food" },           { "农", "agriculture" },
		{ "产品", "product" },        { "工程", "engineering" },
		{ "服务", "service" },        { "环境", "environment" },
		{ "生态", "environment" },    { "经济", "economy" },
		{ "品牌", "brand" },          { "标准", "infrastructure" },
		{ "基础", "infrastructure" }, { "产业", "economy" },
	};
	for (size_t i = 0; i < N(map); i++)
		if (qc_xfind(b, e, map[i].w))
			return map[i].d;
	return "other";
}

/* A goal is created when its first target is: headings such as 指导思想
 * in a goals section set no goal of their own. */
static void goal_label(struct xctx *c, size_t b, size_t e)
{
	c->goal_line = c->ln;
	c->goal_b = b;
	c->goal_e = e;
	c->goal_key = NULL;
}

void qc_xgoal_open(struct xctx *c)
{
	const struct xline *l = c->goal_line;
	char key[16];
	struct qc_goal *g;

	if (!l)
		return;
	snprintf(key, sizeof(key), "g%zu", c->goals_gone + c->p->n_goals + 1);
	g = qc_plan_add_goal(c->p);
	qc_set_str(&g->key, key);
	qc_set_str(&g->domain,
		   goal_domain(l->norm + c->goal_b, l->norm + c->goal_e));
	g->name = qc_xline_slice(l, c->goal_b, c->goal_e);
	g->line = l->no;
	c->goal_key = g->key;
	c->goal_line = NULL;
}

/* Update the section state at a line: top headings reset the year; a
 * goals section's sub-headings (or "产品质量方面。" labels) open goals. */
void qc_xsection(struct xctx *c)
{
	const char *s = c->ln->norm, *e = s + c->ln->norm_len, *dot;
	size_t k = 0;
	enum xhead h = qc_xhead_parse(s, c->ln->norm_len, &k);
	size_t tb = k, te;

	dot = qc_xfind(s + k, e, "。");
	te = dot ? (size_t)(dot - s) : c->ln->norm_len;
	if (h != XH_NONE) {
		/* 一、发展基础 … (一)现实基础: a review of the past runs to the
		 * next heading of its level or above. */
		/* the heading's title ends at its first comma too: "2.
		 * 精心组织申报工作,根据发展现状…" is an item, no review */
		const char *comma = memchr(s + k, ',', te - k);
		if (qc_xreview_heading(s + k, comma ? comma : s + te)) {
			c->review = true;
			c->review_h = h;
		} else if (c->review && h <= c->review_h) {
			c->review = false;
		}
		if (h == XH_CN || h == XH_PCN)
			c->last_tense = XT_NONE;
	}
	if (h == XH_CN) {
		c->section_year = 0;
		c->goal_section = qc_xfind(s, s + te, "目标") != NULL;
		c->goal_key = NULL;
		c->goal_line = NULL;
		return;
	}
	if (h != XH_NONE && qc_xfind(s, s + te, "目标") &&
	    (qc_xfind(s, s + te, "主要目标") ||
	     qc_xfind(s, s + te, "具体目标") ||
	     qc_xfind(s, s + te, "总体目标") ||
	     qc_xfind(s, s + te, "发展目标") ||
	     qc_xfind(s, s + te, "工作目标"))) {
		c->goal_section = true;
		c->goal_key = NULL;
		c->goal_line = NULL;
		return;
	}
	if (!c->goal_section)
		return;
	/* A short first sentence names the area: "(一)产品质量目标。",
	 * "产品质量方面。", "1.产品质量显著提升。". */
	if (dot && qc_utf8_count(s + tb, te - tb) <= 14 && te > tb)
		goal_label(c, tb, te);
	else if (h != XH_NONE && !dot && c->ln->norm_len - tb <= 14 * 3)
		goal_label(c, tb, c->ln->norm_len);
}
