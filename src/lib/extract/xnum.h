/* Quantities and direction words: see xnum.c. Internal to the extractor. */
#ifndef QCITY_XNUM_H
#define QCITY_XNUM_H

#include "extract_int.h"

enum xunit_kind { XU_RATE, XU_CONC, XU_RATIO, XU_COUNT, XU_MONEY, XU_NONE };

struct xunit {
	const char *w; /* as written (folded) */
	const char
		*unit; /* as the plan format writes it; NULL for a bare index */
	enum xunit_kind kind;
};

enum { XC_VO = 1, XC_NEAR = 2, XC_REACH = 4, XC_MONEY = 8, XC_CN = 16 };

struct xcue {
	const char *w;
	enum qc_op op;
	unsigned flags;
};

/* A number found at norm byte b of its line. */
struct xnum {
	size_t b, ue, e; /* start; end of the unit; end after 以上/左右 */
	double v, vmax;
	bool range, cn;
	int suffix_op; /* enum qc_op of 以上/以下/左右, or -1 */
	const struct xunit *unit;
	/* a unit per something (507公里/万平方公里): the whole unit as the
	 * plan format writes it, else "" */
	char per[48];
};

/* A level word; change: it moves a level (提高到, 降至), so a number
 * before it with 从 is where the level starts (qc_xfrom_level). */
struct qc_xlevel_word {
	const char *w;
	bool change;
};
extern const struct qc_xlevel_word qc_xlevel_words[];
extern const size_t qc_xn_level_words;

/* A quantity starting at p (s is the line start, end its end)? */
bool qc_xnum_at(const char *s, const char *p, const char *end, struct xnum *n);

/* The same for a table cell (xtable.c), whose column makes it a value:
 * a number needs no level word before it to stand with no unit (86,
 * 98以上) or to take 年, 岁, 个月; a range needs no unit (2-3). */
bool qc_xnum_cell(const char *s, const char *p, const char *end,
		  struct xnum *n);

/* The direction word in [b, e) that ends nearest e; *at gets its start. */
const struct xcue *qc_xcue_find(const char *b, const char *e, const char **at);

#endif
