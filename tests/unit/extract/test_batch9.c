/* Extraction rules found on batch 9 of other places' plans (issue 22,
 * tests/data/plans d73–d78), each a general class written as a small
 * plan with a counter-example: 累计 in a commitment, the spaces a PDF
 * puts around numbers, 均在/分别在 that distribute, samples per head,
 * and a bare 合格率 after its subject's clause (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void cumulative_in_commitment(void **state)
{
	struct qc_plan p;
	(void)state;
	/* after 到2025年, 累计建成… is a cumulative target, and the sentences
	 * after it still commit */
	run("到2025年,质量整体水平进一步提高。\n"
	    "产业质量竞争力持续增强。累计建成高标准农田2300万亩以上。\n"
	    "产品质量水平不断提升。食品安全评价性抽检合格率98%以上。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(find(&p, 2300, "万亩")->year, 2025);
	assert_int_equal(find(&p, 98, "%")->line, 3);
	qc_plan_release(&p);
	/* counter-examples: 累计 with no commitment before it reports, and
	 * so does the list after it; a strong past word still reports */
	run("柳州累计获得自治区主席质量奖的单位数量达到12家。食品抽检合格率98%以上。\n"
	    "到2025年,全市抽检合格率达到99%。已累计培育名牌产品50个。\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	assert_int_equal(find(&p, 99, "%")->line, 2);
	qc_plan_release(&p);
}

static void spaces_around_numbers(void **state)
{
	struct qc_plan p;
	(void)state;
	/* a PDF's layout: 到 2025 年, 达到 80%, 指数达到 89 以上 */
	run("(二)目标愿景。到 2025 年,质量强省建设取得显著成效。\n"
	    "——产业质量竞争力持续增强。主要农 产品加工转化率达到 80%以上。"
	    "先进制造业提质增效,制造业质量竞争力指数达到 89 以上。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(find(&p, 80, "%")->year, 2025);
	assert_int_equal(find(&p, 80, "%")->op, QC_OP_GE);
	assert_int_equal(find(&p, 89, "")->op, QC_OP_GE);
	assert_int_equal(find(&p, 89, "")->year, 2025);
	qc_plan_release(&p);
	/* counter-example: a space between two phrases of a headline, or
	 * beside a letter, still parts them (单位 GDP 能耗 has no number) */
	run("到2025年,培育20个地标知名品牌 加强品牌保护。单位 GDP 能耗持续下降。\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	assert_string_equal(find(&p, 20, "个")->indicator, "地标知名品牌");
	qc_plan_release(&p);
}

static void jun_zai_distributes(void **state)
{
	struct qc_plan p;
	(void)state;
	/* 均在 / 分别在 before the number: one target per indicator */
	run("到2025年,重点工业产品省级监督抽查合格率和药品省级监督抽检合格率均在95%以上。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(p.targets[0].indicator,
			    "重点工业产品省级监督抽查合格率");
	/* a name of its own (over 4 characters) is not completed from the
	 * first's head */
	assert_string_equal(p.targets[1].indicator, "药品省级监督抽检合格率");
	qc_plan_release(&p);
	/* a bare short rate still is (造林成活率和保存率 → 造林保存率) */
	run("到2020年,造林成活率和保存率分别提高到85%和80%以上。\n", &p);
	assert_string_equal(find(&p, 80, "%")->indicator, "造林保存率");
	qc_plan_release(&p);
	/* counter-example: without 均 the compound subject is one target */
	run("到2025年,重点工业产品省级监督抽查合格率和药品省级监督抽检合格率在95%以上。\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	qc_plan_release(&p);
}

static void samples_per_head(void **state)
{
	struct qc_plan p;
	(void)state;
	/* 批次 is a measure word, per head as other units */
	run("到2025年,农产品质量安全监测1.5批次/千人,完成食品抽检2万批次。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(find(&p, 1.5, "批次/千人")->op, QC_OP_GE);
	assert_int_equal(find(&p, 2, "万批次")->year, 2025);
	qc_plan_release(&p);
	/* counter-example: samples counted in a report */
	run("2024年,全市农产品质量安全监测样本已由4256批次增加至10083批次。\n",
	    &p);
	assert_int_equal(p.n_targets, 0);
	qc_plan_release(&p);
}

static void bare_rate_takes_subject(void **state)
{
	struct qc_plan p;
	(void)state;
	/* a bare 合格率 measures what the clause before it named */
	run("到2025年,农产品质量安全监测1.5批次/千人,合格率98%。\n", &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(find(&p, 98, "%")->indicator,
			    "农产品质量安全监测合格率");
	qc_plan_release(&p);
	/* 整体, like 总体, is no part of the name */
	run("到2025年,制造业产品质量合格率整体提升2个百分点以上。\n", &p);
	assert_string_equal(find(&p, 2, "pp")->indicator,
			    "制造业产品质量合格率");
	qc_plan_release(&p);
	/* counter-examples: after a rate it stays bare; a longer name and a
	 * rate in the next sentence keep their own */
	run("到2020年,一次验收合格率达100%,优良率达到60%以上。\n"
	    "到2025年,抽检5万批次。合格率98%,交工验收合格率100%。\n",
	    &p);
	assert_string_equal(find(&p, 60, "%")->indicator, "优良率");
	assert_string_equal(find(&p, 98, "%")->indicator, "合格率");
	assert_string_equal(find(&p, 100, "%")->indicator, "一次验收合格率");
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cumulative_in_commitment),
		cmocka_unit_test(spaces_around_numbers),
		cmocka_unit_test(jun_zai_distributes),
		cmocka_unit_test(samples_per_head),
		cmocka_unit_test(bare_rate_takes_subject),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
