/* The state the target rules keep while reading a document line by
 * line: shared by targets.c and the goals sections (tgoal.c). Internal
 * to the extractor. */
#ifndef QCITY_XTCTX_H
#define QCITY_XTCTX_H

#include "xtgt.h"

struct xctx {
	const struct xdoc *d;
	const struct xline *ln;
	const struct qc_catalog *cat;
	struct qc_plan *p;
	int section_year;
	bool goal_section;
	const char *goal_key;
	size_t goal_b, goal_e; /* pending goal label on goal_line */
	const struct xline *goal_line;
	/* The owners of the sentence being read: the lists own[0..n_own)
	 * put together into `owners` only when a target takes them
	 * (qc_xtargets_owners), as most sentences set none. */
	struct qc_owner_list owners;
	const struct qc_owner_list *own[64];
	size_t n_own;
	bool own_ready;
	int goal_year; /* first year a goals section set */
	/* The tense of the last sentence that had one (XT_NONE: none
	 * since the section began). */
	enum xtense last_tense;
	bool review; /* inside a review section (发展基础, 现状 …) */
	enum xhead review_h; /* the level of its heading */
	/* The last subject named in a sentence (sentence start subj_sb on
	 * line number subj_no): what a bare 合格率 after it measures. */
	int subj_no;
	size_t subj_sb, subj_b, subj_e;
	/* A level a change starts from (从目前的70%提高到90%), on line
	 * from_no: the subject [from_b, from_e) names the level after it,
	 * the group that starts at from_end. */
	int from_no;
	size_t from_end, from_b, from_e;
	/* Streaming (xstream.c): goals already handed on, and the goal
	 * line kept when the window of lines it was in moves on. */
	size_t goals_gone;
	struct {
		struct xline l;
		char *orig, *norm;
	} goal_copy;
	/* An indicator table being read (xtable.c), NULL before the
	 * first header word. */
	struct xtable *tab;
};

/* Indicator tables (xtable.c): does line i of c->d belong to a table
 * (its header or a row, read and emitted there)? Then the sentence
 * rules skip it. qc_xtable_free at the end of the document. */
bool qc_xtable_line(struct xctx *c, size_t i);
void qc_xtable_free(struct xctx *c);

/* The target rules over lines [from, to) of c->d, carrying c on; then
 * once at the end of the document (frees what c holds, sets the period
 * from the goals' year). */
void qc_xtargets_lines(struct xctx *c, size_t from, size_t to);
void qc_xtargets_finish(struct xctx *c);
/* Before the lines of c->d move: keep a copy of a pending goal line. */
void qc_xtargets_keep(struct xctx *c);

/* Open the goal pending on a goals-section label (a goal is created
 * when its first target is). */
void qc_xgoal_open(struct xctx *c);
/* Update the section state at c->ln: headings reset the year, open or
 * close a review or a goals section, label goals. */
void qc_xsection(struct xctx *c);

#endif
