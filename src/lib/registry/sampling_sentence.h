/* One sentence of a failure, read (sampling_sentence.c) for the table
 * of them sampling_sentences.c makes. */
#ifndef QCITY_SAMPLING_SENTENCE_H
#define QCITY_SAMPLING_SENTENCE_H

#include <stdbool.h>
#include <stddef.h>

#define QC_SENTENCE_PRODUCTS 16
#define QC_SENTENCE_PARTS 16

/* What a sentence names; the strings point into the sentence read,
 * except joined, which the part owns (qc_sentence_release). */
struct sentence {
	char *unit, *address, *producer, *items, *lab, *date;
	char *product[QC_SENTENCE_PRODUCTS];
	/* Its spec and lot in a bracket of labelled fields after it
	 * (纸杯(规格228mL×50只 批号20240302)), or NULL; a lot of several
	 * batches names each (2015/8/21、2015/9/26). */
	char *spec[QC_SENTENCE_PRODUCTS], *lot[QC_SENTENCE_PRODUCTS];
	char *made; /* a date before 生产的 (…公司2017年5月12日生产的) */
	int copies[QC_SENTENCE_PRODUCTS]; /* 餐具碗(2批次): two samples */
	size_t n_products;
	const char *why; /* NULL if read */
	bool cut;        /* it names more than the arrays above hold */
	/* The failure said of the product as found, no item named (被检测
	 * 出消毒餐具不合格, 南昌 2019). */
	bool said;
	bool seller_after; /* the unit named after the failure (受检单位为) */
	char *joined;      /* items of several clauses, joined by 、 */
};

/* s without the number it opens with (1、 1. (一) 一、), *numbered
 * whether it had one; a pointer into s. */
char *qc_sentence_unnumbered(char *s, bool *numbered);
/* Whether s is a sentence of a failure: a role (…销售的, …生产的, 在…
 * 抽检的) and a failure (不符合, 超标, 不合格); headings and notes name no
 * role. */
bool qc_sentence_like(char *s);
/* Whether s names a role (…销售的, …生产的) whose unit is no tally
 * (134家企业生产的…), failure or not. */
bool qc_sentence_names_role(char *s);
/* The sentences line s holds parted by ; (each a sentence of a failure,
 * else s is one), cut in place into out (at most max); their number. */
size_t qc_sentence_split(char *s, char *out[], size_t max);
/* Read sentence s (without its number), cut in place, into parts: one a
 * seller or producer it names (…摊销售的荷兰豆,…摊销售的食荚豌豆,多菌灵
 * 不符合…: two), the items, laboratory and date shared; *n the parts;
 * x[0].why (a msgid) if any cannot be read. The strings point into s;
 * x starts zeroed and is released with qc_sentence_release. */
void qc_sentence_read(struct sentence x[QC_SENTENCE_PARTS], size_t *n, char *s);
/* Whether a row of cells (a table's line cut at its commas) is a
 * sentence of a failure (qc_sentence_like), not a table's row. */
bool qc_sentence_cells(char *const *cells, size_t n);
/* s without the quotes around it (标称“…有限公司”生产的), unless a quote
 * inside is the name's own (“乙”牌书桌). */
void qc_sentence_unquote(char **s);
/* Spaces and tabs off both ends of *s, in place. */
void qc_sentence_trim(char **s);
/* A unit named by its keeper or in quotes after its place (…蔬菜行
 * “潘忠开”, 高新区“…水产行”, …8号蒙安遂): the name its unit, the place
 * its address (sampling_sentence_unit.c). */
void qc_sentence_keeper(struct sentence *x);
/* Whether s is a unit, its batches in brackets, and its producer in a
 * clause of its own (…商店(2批次),不合格产品标称生产企业均为…公司。). */
bool qc_sentence_batches_like(const char *s);
/* Such a sentence's clauses c read into x (one part of as many rows as
 * its batches, no product: the title's or --product's); false if they
 * are none. */
bool qc_sentence_batches(struct sentence *x, char *const *c, size_t n);
/* Frees what the parts of x own (the items they joined). */
void qc_sentence_release(struct sentence x[QC_SENTENCE_PARTS]);

#endif
