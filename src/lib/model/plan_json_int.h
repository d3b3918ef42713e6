/* Inside the plan JSON writer: the arrays of a plan document, and their
 * elements written as text directly (plan_json_text.c). Internal. */
#ifndef QCITY_PLAN_JSON_INT_H
#define QCITY_PLAN_JSON_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/plan.h"
#include "qcity/strbuf.h"

enum { A_GOALS, A_TARGETS, A_TASKS, A_PHASES, A_DUTIES, A_RULES, A__COUNT };

/* Append element i of array k of p to b as compact JSON, byte for byte
 * what jansson's compact dump of the object plan_json.c builds for it
 * gives, without building it (the objects cost a third of an
 * extraction). False, with b cut back, when the element holds what only
 * jansson decides (a string that is not UTF-8, a number that is not
 * finite, a NULL where a string must be): write it through jansson. */
bool qc_plan_json_item(struct qc_buf *b, const struct qc_plan *p, int k,
		       size_t i);

#endif
