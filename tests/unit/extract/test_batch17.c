/* Extraction rules found on batch 17 of other places' plans (issue 22,
 * tests/data/plans d141–r150), each a general class written as a small
 * plan with a counter-example: 努力 beside a time of the past or 了
 * (近年来,…努力在“质量高原”上打造“质量高峰”,提升了…) tells the effort
 * made, not a commitment; 将 before a verb of making (2022年济南将培育…)
 * commits, the dated year notwithstanding; 计划 in a plan's name
 * (质量提升2020年行动计划) commits to nothing; counts in thousands
 * (2千家); a lone verb that leads or makes (每年开发, 推动, 组织) before a
 * count names nothing, nor does a list of examples ending in 等 right
 * before it (组织家用电器、…等22个行业开展…) (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void effort_beside_the_past(void **state)
{
	(void)state;
	assert_int_equal(n_targets(
				 "毛伟明指出,近年来,湖南深入开展质量提升行动,"
				 "努力在“质量高原”上打造“质量高峰”,"
				 "提升了经济竞争力。全省制造业产品质量合格率、"
				 "消费品质量合格率分别达93.81%、92.06%,"
				 "均高于全国平均水平。\n"
				 "力争到2025年,食品抽检合格率达到98%以上。\n"),
			 1);
	/* counter-examples: 努力 with no past commits, and so does a
	 * strong word beside the past */
	expect_n("努力实现制造业产品质量合格率达到94%以上。\n", 1, 94, "%",
		 "制造业产品质量合格率", QC_OP_GE);
	expect_n("近年来质量工作成效明显,力争到2025年,制造业产品质量合格率"
		 "达到94%以上。\n",
		 1, 94, "%", "制造业产品质量合格率", QC_OP_GE);
}

static void will_before_a_verb(void **state)
{
	struct qc_plan p;
	(void)state;
	run("品牌价值总额超6000亿!2022年济南将培育山东省高端产品品牌300个\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	assert_string_equal(find(&p, 300, "个")->indicator,
			    "山东省高端产品品牌");
	qc_plan_release(&p);
	/* counter-example: the dated year with no 将 reports */
	assert_int_equal(n_targets("2022年济南培育山东省高端产品品牌300个。\n"),
			 0);
}

static void plan_named_not_planned(void **state)
{
	(void)state;
	assert_int_equal(n_targets(
				 "市市场监管局制定济南市质量提升2020年行动计划,"
				 "在省政府质量工作评议中,我市被评议为A级,"
				 "59家企业获评山东省高端品牌培育企业。\n"),
			 0);
	/* counter-example: 计划 as a verb commits */
	expect_n("计划到2025年,培育山东省高端品牌培育企业100家。\n", 1, 100,
		 "家", NULL, QC_OP_GE);
}

static void counts_in_thousands(void **state)
{
	(void)state;
	expect_n("到2020年,每年新增质量管理体系认证企业2千家。\n", 1, 2, "千家",
		 NULL, QC_OP_GE);
	/* counter-example: 万家 as before, and 千米 is a length */
	expect_n("到2020年,新增质量管理体系认证企业2万家。\n", 1, 2, "万家",
		 NULL, QC_OP_GE);
	expect_n("到2020年,建成农村公路2千米以上。\n", 1, 2, "千米", NULL,
		 QC_OP_GE);
}

static void lone_verb_before_a_count(void **state)
{
	(void)state;
	expect_n("到2025年,每年开发100个以上省级新产品。\n", 1, 100, "个",
		 "省级新产品", QC_OP_GE);
	expect_n("到2025年,推动3万家企业完成质量管理体系升级换版。\n", 1, 3,
		 "万家", "企业完成质量管理体系升级换版", QC_OP_GE);
	/* counter-example: a verb with its object before the number keeps
	 * the name it had */
	expect_n("到2025年,开发省级新产品100个以上。\n", 1, 100, "个",
		 "开发省级新产品", QC_OP_GE);
}

static void list_of_examples_before_a_count(void **state)
{
	(void)state;
	expect_n("到2020年,山东省将组织家用电器、装备制造、汽车等22个行业"
		 "开展质量提升行动。\n",
		 1, 22, "个", "行业开展质量提升行动", QC_OP_GE);
	/* counter-examples: a list with 等 inside the object before the
	 * number keeps its name */
	expect_n("到2020年,培育家用电器、装备制造等行业知名品牌22个。\n", 1, 22,
		 "个", "家用电器、装备制造等行业知名品牌", QC_OP_GE);
	expect_n("到2020年,建设农产品、食品等检验检测中心5个。\n", 1, 5, "个",
		 "农产品、食品等检验检测中心", QC_OP_GE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(effort_beside_the_past),
		cmocka_unit_test(will_before_a_verb),
		cmocka_unit_test(plan_named_not_planned),
		cmocka_unit_test(counts_in_thousands),
		cmocka_unit_test(lone_verb_before_a_count),
		cmocka_unit_test(list_of_examples_before_a_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
