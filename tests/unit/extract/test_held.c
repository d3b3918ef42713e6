/* Extraction rules found on batch 8 and the misses left from batches
 * 3 and 7 of other places' plans (issue 22, tests/data/plans d43, d61,
 * r64, d65–r72), each a general class written as a small plan with a
 * counter-example: due years a plan sets elsewhere, a due year after a
 * colon, the plan's own lists of indicators and tasks, a place's own
 * count, a batch of places, a numbered item that is no review heading,
 * intent words and a verb before a due year in names, and companies in
 * brackets that are no owners (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void due_year_set_elsewhere(void **state)
{
	struct qc_plan p;
	(void)state;
	/* a headline with the year the body sets with 到: a commitment */
	run("梅州印发质量强市建设实施方案\n"
	    "2025年制造业质量竞争力指数达83\n"
	    "《方案》提出,到2025年,制造业质量竞争力指数达到83。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(p.targets[0].line, 2);
	assert_int_equal(p.targets[0].op, QC_OP_GE);
	qc_plan_release(&p);
	/* counter-example: a dated year the plan never sets as due is a
	 * report, though another year is due */
	run("2014年,全市抽检合格率达到98%。\n"
	    "到2025年,全市抽检合格率达到99%。\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	assert_int_equal(find(&p, 99, "%")->line, 2);
	qc_plan_release(&p);
}

static void due_year_after_colon(void **state)
{
	struct qc_plan p;
	(void)state;
	/* 到2025年 after a colon heads the sentences after it */
	run("《实施意见》确定了今后的发展目标:到2025年,全市测量体系初步建立。"
	    "全市社会公用计量标准达到260项。\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	assert_int_equal(find(&p, 260, "项")->year, 2025);
	qc_plan_release(&p);
	/* counter-example: deep in a sentence, no colon: the year holds for
	 * its own sentence only */
	run("全市计量能力明显增强,测量体系于年底前完成评估后到2025年初步建立。"
	    "全市社会公用计量标准达到260项。\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	assert_int_not_equal(find(&p, 260, "项")->year, 2025);
	qc_plan_release(&p);
}

static void own_lists_places_batches(void **state)
{
	struct qc_plan p;
	(void)state;
	/* the plan's own indicators and tasks; a place's count; a batch of
	 * places to assess */
	run("全市将重点围绕完成质量强市40项量化指标,推进全部146项分解任务的实现进行创建。\n"
	    "汉中市4件地理标志商标品牌总价值超31亿元\n"
	    "今年将完成第二批1个市11个县(市、区)创建试点单位省级考评。\n",
	    &p);
	assert_int_equal(p.n_targets, 0);
	qc_plan_release(&p);
	/* counter-examples: a direction word governs the count; tasks in
	 * 个; pilots in counties; a batch of things */
	run("到2018年底实验室达到600项检测指标,完成近100个知名农产品品牌建设任务。"
	    "在6个县开展试点,推介第二批10个优秀农产品区域公用品牌,全市培育4件地理标志商标。\n",
	    &p);
	assert_int_equal(p.n_targets, 5);
	assert_string_equal(find(&p, 600, "项")->indicator, "实验室");
	assert_int_equal(find(&p, 100, "个")->op, QC_OP_ABOUT);
	find(&p, 6, "个");
	find(&p, 10, "个");
	find(&p, 4, "件");
	qc_plan_release(&p);
}

static void numbered_item_no_review(void **state)
{
	struct qc_plan p;
	(void)state;
	/* a review word after the item's first comma opens no review */
	run("1.按照实施意见确定的2018年各项工作任务推进。\n"
	    "2. 精心组织产品申报工作,根据产业发展现状,完成10个以上产品申报。\n"
	    "3. 到2018年底实验室达到600项检测指标。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	find(&p, 10, "个");
	qc_plan_release(&p);
	/* counter-example: a heading that names the past is a review */
	run("一、发展现状\n全市抽检合格率达到98%。\n二、主要目标\n到2025年,全市抽检合格率达到99%。\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	find(&p, 99, "%");
	qc_plan_release(&p);
}

static void intent_words_and_owners(void **state)
{
	struct qc_plan p;
	(void)state;
	/* 力争 between subject and verb is no part of the name; a company
	 * in brackets is an example, not the unit responsible */
	run("到2025年,制造业产品质量合格率力争达到94%以上,培育龙头企业5家(立白集团)。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(find(&p, 94, "%")->indicator,
			    "制造业产品质量合格率");
	assert_int_equal(find(&p, 5, "家")->owners.n, 0);
	qc_plan_release(&p);
	/* counter-examples: a government unit in brackets, a company that
	 * 负责 */
	run("到2025年,培育龙头企业5家(市工信局)。供电可靠率达到99.9%(国网市供电公司负责)。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(find(&p, 5, "家")->owners.n, 1);
	assert_string_equal(find(&p, 5, "家")->owners.v[0].written, "市工信局");
	assert_int_equal(find(&p, 99.9, "%")->owners.n, 1);
	qc_plan_release(&p);
}

static void object_after_modifier_list(void **state)
{
	struct qc_plan p;
	(void)state;
	/* a list of modifiers closed by 的 after a count: the object is what
	 * follows the 的 */
	run("到2025年,培育10个具有自主知识产权、质量竞争力强、品牌附加值高的世界影响力的品牌。\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	assert_string_equal(find(&p, 10, "个")->indicator, "世界影响力的品牌");
	qc_plan_release(&p);
	/* counter-examples: a list of objects (no 的), a next count */
	run("到2025年,培育10个知名品牌、老字号企业,创建5个示范区、3个产业园。\n",
	    &p);
	assert_int_equal(p.n_targets, 3);
	assert_string_equal(find(&p, 10, "个")->indicator, "知名品牌");
	assert_string_equal(find(&p, 5, "个")->indicator, "示范区");
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(due_year_set_elsewhere),
		cmocka_unit_test(due_year_after_colon),
		cmocka_unit_test(own_lists_places_batches),
		cmocka_unit_test(numbered_item_no_review),
		cmocka_unit_test(intent_words_and_owners),
		cmocka_unit_test(object_after_modifier_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
