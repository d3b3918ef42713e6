/* Extraction rules found on batch 12 of other places' plans (issue 22,
 * tests/data/plans d94–d101), each a general class written as a small
 * plan with a counter-example: a ceiling written 缩短到 and a duration
 * after a level word (2年以内, 18个月); 部署 after a verb of doing is no
 * statement of the plan's own; a level a change starts from (从目前的
 * 70%提高到90%) is no target, and the level after the change takes the
 * subject before 从; a share of a base (…数量,达到…数的50%) is named by
 * its subject; 批准/核准/命名 lead a count's object; a lone object after
 * 在…领域 is named with them (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void shortened_to_a_duration(void **state)
{
	struct qc_plan p;
	(void)state;
	run("到2020年,国家标准平均制定周期要缩短到2年以内,"
	    "行政许可审批时限压缩至5个工作日,检验周期缩短至18个月以内。\n",
	    &p);
	assert_int_equal(p.n_targets, 3);
	assert_int_equal(find(&p, 2, "年")->op, QC_OP_LE);
	assert_string_equal(find(&p, 2, "年")->indicator,
			    "国家标准平均制定周期");
	assert_int_equal(find(&p, 5, "个工作日")->op, QC_OP_LE);
	assert_int_equal(find(&p, 18, "个月")->op, QC_OP_LE);
	qc_plan_release(&p);
	/* counter-example: a duration with no level word is no target */
	assert_int_equal(n_targets("到2020年,用18个月开展专项整治行动。\n"), 0);
}

static void deploy_after_a_verb(void **state)
{
	(void)state;
	expect_n("建立1个国家级电梯应急处置平台,建设部署50个较大城市电梯应急处置示范应用。\n",
		 2, 50, "个", NULL, QC_OP_GE);
	/* counter-example: what a report 部署 is its own content */
	assert_int_equal(n_targets("质量强链方面,部署开展146项攻关任务。\n"),
			 0);
}

static void from_level_is_no_target(void **state)
{
	struct qc_plan p;
	(void)state;
	run("力争到2020年使重点领域国际标准转化率从目前的70%以上提高到90%以上。\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	assert_int_equal(find(&p, 90, "%")->op, QC_OP_GE);
	assert_string_equal(find(&p, 90, "%")->indicator,
			    "重点领域国际标准转化率");
	assert_int_equal(find(&p, 90, "%")->year, 2020);
	qc_plan_release(&p);
	/* the level of a baseline year is where it starts from too */
	expect_n("到2025年,优良率从2020年的85%提高到90%。\n", 1, 90, "%",
		 "优良率", -1);
	/* counter-example: 从 before a number with no change after it */
	assert_int_equal(n_targets("到2025年,从业人员培训覆盖率达到90%,"
				   "从事检测的机构达到50家。\n"),
			 2);
}

static void share_of_a_base(void **state)
{
	(void)state;
	expect_n("到2020年,中国参与或主导制定的国际标准数量,达到年度国际标准制修订数的50%,"
		 "主要消费品领域与国际标准一致性程度达95%以上。\n",
		 2, 50, "%", "中国参与或主导制定的国际标准数量", QC_OP_GE);
	/* the subject in the same clause */
	expect_target("到2025年,地方标准数量达到全部标准的30%以上。\n", 30, "%",
		      "地方标准数量", -1);
	/* counter-example: a rate of its own after 达到 */
	expect_target("到2025年,服务业增加值占比达到55%。\n", 55, "%",
		      "服务业增加值占比", -1);
}

static void verbs_out_of_names(void **state)
{
	struct qc_plan p;
	(void)state;
	run("批准国家地理标志产品500个,核准专用标志使用企业4000家,"
	    "命名80个全国知名品牌创建示范区。\n",
	    &p);
	assert_int_equal(p.n_targets, 3);
	assert_string_equal(find(&p, 500, "个")->indicator, "国家地理标志产品");
	assert_string_equal(find(&p, 4000, "家")->indicator,
			    "专用标志使用企业");
	assert_string_equal(find(&p, 80, "个")->indicator,
			    "全国知名品牌创建示范区");
	qc_plan_release(&p);
	/* a lone object after 在…等重点领域 is named with them */
	expect_target("到2020年,在消费品安全、节能减排、智能制造和装备升级等重点领域"
		      "制修订标准9000项。\n",
		      9000, "项", "重点领域制修订标准", -1);
	/* counter-example: an object with no place before its verb */
	expect_target("到2020年,制定标准20项。\n", 20, "项", "标准", -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shortened_to_a_duration),
		cmocka_unit_test(deploy_after_a_verb),
		cmocka_unit_test(from_level_is_no_target),
		cmocka_unit_test(share_of_a_base),
		cmocka_unit_test(verbs_out_of_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
