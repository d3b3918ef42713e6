/* Closed sets of codes kept as tables of names whose index is the code
 * (op_names[QC_OP_GE] is ">="): the one lookup every _parse shares. */
#ifndef QCITY_NAMES_H
#define QCITY_NAMES_H

#include <stddef.h>

/* The index of s in names[0..n-1] (compared exactly), or -1 when s is
 * NULL or none of them. */
int qc_name_index(const char *const *names, size_t n, const char *s);

/* The same over a whole array: QC_NAME_INDEX(op_names, s). */
#define QC_NAME_INDEX(names, s) \
	qc_name_index((names), sizeof(names) / sizeof((names)[0]), (s))

#endif
