/* Extraction rules found on batch 10 of other places' plans (issue 22,
 * tests/data/plans d79–r85), each a general class written as a small
 * plan with a counter-example: the year a report runs to (截至2024年底)
 * is no due year (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void as_of_year_is_no_due_year(void **state)
{
	struct qc_plan p;
	(void)state;
	/* 截至2024年底 reports; a later paragraph dated 2024年 reports too,
	 * and so do the sentences after it */
	run("截至2024年底,制造业产品质量合格率达到93.93%。\n"
	    "2024年,重点开展质量强企行动。质量强企方面,累计支持组建质量技术创新联合体889个,"
	    "全国实施质量强链项目952个。\n",
	    &p);
	assert_int_equal(p.n_targets, 0);
	qc_plan_release(&p);
	/* counter-example: 到2025年 elsewhere still makes a headline's
	 * 2025年 due (batch 8) */
	run("2025年全市强检计量器具检定覆盖率达到92%\n"
	    "到2025年,全市强检计量器具检定覆盖率达到92%。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(p.targets[0].line, 1);
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(as_of_year_is_no_due_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
