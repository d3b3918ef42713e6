/* Extraction rules found on batch 14 of other places' plans (issue 22,
 * tests/data/plans d111–d120), each a general class written as a small
 * plan with a counter-example: a sentence that opens with a document
 * setting out its content (《实施方案》明确,…) states the plan's own
 * targets, whatever the paragraph before it reported; 新增 is no part of
 * a name; a count's subject that a verb of making opens (主导和参与制定
 * 国际标准超过70项) is named by its object; 到“十二五”末 at the head of
 * a sentence heads the section as 到2015年 does (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

/* a news paragraph that reports, then the plan's content */
#define REPORT "这为全省质量工作指明了方向和路径。\n"

static void document_sets_out_after_a_report(void **state)
{
	(void)state;
	expect_n("到2020年,主要服务业顾客满意率达到90%以上。\n" REPORT
		 "《实施方案》明确,重点培育100个国际国内知名品牌;"
		 "建设10个省级产业计量测试中心。\n",
		 3, 100, "个", "国际国内知名品牌", QC_OP_GE);
	expect_n(REPORT "方案明确提出,培育100个知名品牌。\n", 1, 100, "个",
		 "知名品牌", QC_OP_GE);
	expect_n(REPORT "《意见》提出:培育100个知名品牌。\n", 1, 100, "个",
		 "知名品牌", QC_OP_GE);
	/* counter-examples: no document sets it out, or the sentence
	 * reports of its own (以来, 已) */
	assert_int_equal(n_targets(REPORT "会议明确,新建10个检测中心。\n"), 0);
	assert_int_equal(n_targets(REPORT
				   "《方案》印发以来,全市已新增企业10家。\n"),
			 0);
}

static void new_out_of_names(void **state)
{
	(void)state;
	expect_n("到2027年,新增贯彻实施先进质量管理体系标准企业10万家,"
		 "新增质量管理能力达到检验级企业10000家。\n",
		 2, 10000, "家", "质量管理能力达到检验级企业", QC_OP_GE);
	/* counter-example: 新增 inside a name stays */
	expect_target("到2025年,城镇新增就业人数达到10万人。\n", 10, "万人",
		      "城镇新增就业人数", QC_OP_GE);
}

static void making_verb_before_a_count(void **state)
{
	(void)state;
	expect_target("到2020年,主导和参与制定国际标准超过70项。\n", 70, "项",
		      "国际标准", QC_OP_GE);
	expect_target("到2020年,参与制定修订国际、国家标准突破100项。\n", 100,
		      "项", "国际、国家标准", QC_OP_GE);
	/* counter-examples: other words before the verb, and a rate */
	expect_target("到2020年,规模以上工业企业制定标准超过100项。\n", 100,
		      "项", "规模以上工业企业制定标准", QC_OP_GE);
	expect_target("到2020年,制定标准覆盖率达到90%。\n", 90, "%",
		      "制定标准覆盖率", QC_OP_GE);
}

static void five_year_end_heads_the_section(void **state)
{
	struct qc_plan p;
	(void)state;
	run("二、工作目标\n  到“十二五”末,全面构建起质量强市的体制机制。\n"
	    "  (一)产品质量目标。主要农产品质量安全抽检合格率保持在96%以上。\n",
	    &p);
	assert_int_equal(find(&p, 96, "%")->year, 2015);
	qc_plan_release(&p);
	run("二、主要目标\n“十三五”时期的主要目标是:\n"
	    "(一)标准化技术委员会达到4个。\n",
	    &p);
	assert_int_equal(find(&p, 4, "个")->year, 2020);
	qc_plan_release(&p);
	/* counter-example: a period deep in a sentence holds for it only */
	run("一、工作目标\n全面完成“十二五”末的各项任务。\n"
	    "(一)主要农产品质量安全抽检合格率保持在96%以上。\n",
	    &p);
	assert_int_equal(find(&p, 96, "%")->year, 0);
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(document_sets_out_after_a_report),
		cmocka_unit_test(new_out_of_names),
		cmocka_unit_test(making_verb_before_a_count),
		cmocka_unit_test(five_year_end_heads_the_section),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
