/* Extraction rules found on batch 10 of other places' plans (issue 22,
 * tests/data/plans d79–r85), each a general class written as a small
 * plan with a counter-example: the year a report runs to (截至2024年底)
 * is no due year, a count of levels (实现三个100%) labels the targets
 * after it, and a name the page's layout cut (a line break, a PDF's
 * space) is written whole (docs/extraction.md). */
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

static void count_of_levels_is_a_label(void **state)
{
	static const char *const counts[] = { "三", "3" };
	struct qc_plan p;
	(void)state;
	/* 实现三个100% names how many 100% targets follow; so does an
	 * Arabic count, 实现3个100% (batch 11) */
	for (size_t i = 0; i < sizeof(counts) / sizeof(*counts); i++) {
		runf(&p,
		     "到2020年,实现%s个100%%确保工程质量安全。建筑工程项目一次竣工验收合格率达到100%%,"
		     "交通工程质量监督覆盖率达到100%%。\n",
		     counts[i]);
		assert_int_equal(p.n_targets, 2);
		assert_string_equal(p.targets[0].indicator,
				    "建筑工程项目一次竣工验收合格率");
		qc_plan_release(&p);
	}
	/* counter-examples: a count of things, and a rate after a subject
	 * with 个 but no numeral (每个乡镇) */
	run("到2020年,培育3个示范企业,每个乡镇覆盖率达到100%。\n", &p);
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(find(&p, 100, "%")->year, 2020);
	qc_plan_release(&p);
}

static void name_across_line_break(void **state)
{
	static const char *const stops[] = { "。", "," };
	struct qc_plan p;
	(void)state;
	/* the line before ends inside a sentence: the name starts after
	 * its last stop, or after a comma when what follows it is a noun
	 * phrase (batch 11); the target stays on the line of its number */
	for (size_t i = 0; i < sizeof(stops) / sizeof(*stops); i++) {
		runf(&p,
		     "二、工作目标\n(一)农产品质量安全水平保持高位稳定%s主要农产品质量\n"
		     "安全监测合格率稳定在98%%以上,不发生重大农产品质量安全事件。\n",
		     stops[i]);
		assert_int_equal(p.n_targets, 1);
		assert_string_equal(p.targets[0].indicator,
				    "主要农产品质量安全监测合格率");
		assert_int_equal(p.targets[0].line, 3);
		qc_plan_release(&p);
	}
	/* counter-examples: a clause after a comma that lacks its 。, and a
	 * line that ends its sentence, are not part of the name */
	run("到2025年,质量强市建设取得显著成效\n"
	    "食品抽检合格率达到98%以上。\n"
	    "(二)主要目标。质量整体水平进一步提高。\n"
	    "制造业产品质量合格率达到94%以上。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(find(&p, 98, "%")->indicator, "食品抽检合格率");
	assert_string_equal(find(&p, 94, "%")->indicator,
			    "制造业产品质量合格率");
	qc_plan_release(&p);
}

static void layout_spaces_out_of_names(void **state)
{
	struct qc_plan p;
	(void)state;
	/* a PDF's space between two characters of a name is not kept */
	run("到2025年,主要农 产品加工转化率达到 80%以上,地产农产品禁用药物监测合格 率达到 100%。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(find(&p, 80, "%")->indicator,
			    "主要农产品加工转化率");
	assert_string_equal(find(&p, 100, "%")->indicator,
			    "地产农产品禁用药物监测合格率");
	qc_plan_release(&p);
	/* counter-example: spaces beside Latin letters or digits stay */
	expect_n("到2025年,根据 ISO9000 标准建立质量管理体系的企业达到50%。\n",
		 1, 50, "%", "根据 ISO9000 标准建立质量管理体系的企业", -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(as_of_year_is_no_due_year),
		cmocka_unit_test(count_of_levels_is_a_label),
		cmocka_unit_test(name_across_line_break),
		cmocka_unit_test(layout_spaces_out_of_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
