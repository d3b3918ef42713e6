/* Extraction rules found on batch 16 of other places' plans (issue 22,
 * tests/data/plans d131–r140), each a general class written as a small
 * plan with a counter-example: a year that opens a sentence (2023年,…)
 * inside the plan's own period (2023-2027年) is its first stage, not a
 * report; a count that refers back (上述4类) qualifies the noun after
 * it; verbs alone before a count (巩固和发展) name nothing; a level a
 * change reaches in a dated year (上升到2024年的36家) sets no due date;
 * an amount in dollars (15亿美元) is money.
 * And the plan's head: a notice's verb before the place (关于制定鹿城区…),
 * a quoted title with its period in brackets (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void stage_year_in_the_period(void **state)
{
	struct qc_plan p;
	(void)state;
	run("河北省质量强省建设行动方案\n(2023-2027年)\n一、行动目标\n"
	    "2023年,质量强省建设稳步推进。制造业产品质量合格率稳定在92%以上。"
	    "新增省地方标准120项以上。\n"
	    "到2025年,质量强省建设稳步提升。制造业产品质量合格率达到94%。\n",
	    &p);
	assert_int_equal(p.n_targets, 3);
	assert_int_equal(find(&p, 92, "%")->year, 2023);
	assert_int_equal(find(&p, 120, "项")->year, 2023);
	assert_int_equal(find(&p, 94, "%")->year, 2025);
	qc_plan_release(&p);
	/* counter-examples: a year before the period reports, and so does a
	 * year inside a period the text only cites (《…(2023-2027年)》) */
	assert_int_equal(n_targets("质量强市规划(2021-2025年)\n"
				   "2020年,全市产品质量合格率达到92%。\n"),
			 0);
	assert_int_equal(n_targets("根据《质量强省建设行动方案(2023-2027年)》,"
				   "制定本方案。\n"
				   "2023年,全市产品质量合格率达到92%。\n"),
			 0);
	/* nor does a year deep in a sentence open a stage */
	assert_int_equal(n_targets("质量强市规划(2021-2025年)\n"
				   "全市2022年产品质量合格率达到92%。\n"),
			 0);
}

static void count_that_refers_back(void **state)
{
	(void)state;
	expect_n("力争到2010年全省发展30个中国名牌产品、40个国家免检产品,"
		 "上述2类品牌产品销售收入实现2000亿元。\n",
		 3, 2000, "亿元", "品牌产品销售收入", QC_OP_GE);
	/* counter-example: a count of kinds to make is a target */
	expect_n("到2010年,培育2类特色品牌产品。\n", 1, 2, "类", "特色品牌产品",
		 QC_OP_GE);
}

static void verbs_alone_before_a_count(void **state)
{
	(void)state;
	expect_n("力争到2010年全省巩固和发展30个中国名牌产品。\n", 1, 30, "个",
		 "中国名牌产品", QC_OP_GE);
	expect_n("力争到2010年全省巩固和扩大20个区域品牌。\n", 1, 20, "个",
		 "区域品牌", QC_OP_GE);
	/* counter-example: a noun between verb and number names it */
	expect_n("到2010年,巩固和发展龙头企业30家。\n", 1, 30, "家", "龙头企业",
		 QC_OP_GE);
}

static void level_reached_in_a_dated_year(void **state)
{
	(void)state;
	assert_int_equal(n_targets("实施项目以来,全省质量工作成效明显。"
				   "上榜企业和品牌总价值分别从2021年的17家、"
				   "2216亿元上升到2024年的36家、3283亿元。\n"),
			 0);
	/* counter-example: in a plan's goals the level after the change is
	 * a target (the start level is not) */
	expect_n("到2025年,全省质量总体水平明显提升。农业标准化生产普及率"
		 "从2020年的60%提高到2025年的70%。\n",
		 1, 70, "%", NULL, QC_OP_GE);
}

static void amounts_in_dollars(void **state)
{
	(void)state;
	expect_n("到2010年,品牌产品出口额达到15亿美元。\n", 1, 15, "亿美元",
		 "品牌产品出口额", QC_OP_GE);
	/* counter-example: an amount in 元 as before */
	expect_n("到2010年,品牌产品销售收入达到2000亿元。\n", 1, 2000, "亿元",
		 "品牌产品销售收入", QC_OP_GE);
}

/* The plan's head (not scored by the set's gold; read by eye) */
static void head_region_after_a_verb(void **state)
{
	struct qc_plan p;
	(void)state;
	run("中共温州市鹿城区委关于制定鹿城区国民经济和社会发展"
	    "第十四个五年规划的建议\n",
	    &p);
	assert_string_equal(p.region_name, "鹿城区");
	qc_plan_release(&p);
	/* counter-example: the place that opens the title */
	run("九江市深化质量强市建设实施方案\n", &p);
	assert_string_equal(p.region_name, "九江市");
	qc_plan_release(&p);
}

static void head_quoted_title_with_period(void **state)
{
	struct qc_plan p;
	(void)state;
	run("各市人民政府:\n《河北省质量强省建设行动方案(2023-2027年)》"
	    "已经省政府同意,现印发给你们。\n",
	    &p);
	assert_string_equal(p.title, "河北省质量强省建设行动方案(2023-2027年)");
	assert_int_equal(p.period_start, 2023);
	assert_int_equal(p.period_end, 2027);
	qc_plan_release(&p);
	/* counter-example: a bracket that is no period stays out */
	run("各市人民政府:\n《质量强省建设行动方案》(试行)已经省政府同意,"
	    "现印发给你们。\n",
	    &p);
	assert_string_equal(p.title, "质量强省建设行动方案");
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stage_year_in_the_period),
		cmocka_unit_test(count_that_refers_back),
		cmocka_unit_test(verbs_alone_before_a_count),
		cmocka_unit_test(level_reached_in_a_dated_year),
		cmocka_unit_test(amounts_in_dollars),
		cmocka_unit_test(head_region_after_a_verb),
		cmocka_unit_test(head_quoted_title_with_period),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
