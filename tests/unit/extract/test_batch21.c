/* Extraction rules found on batch 21 of other places' plans (issue 22,
 * tests/data/plans d171–r180), each a general class written as a small
 * plan with counter-examples: a rate whose % the page dropped (合格率
 * 达到92 ;) is still a percentage; 将用三年时间 commits, whatever 获悉
 * before it says; 在…的努力下 (through the efforts of) is no intent; a
 * page's counter (评论 0 条) is no count of the plan (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void dropped_percent(void **state)
{
	(void)state;
	/* a rate, its level word and a bare number with the page's space
	 * where % stood, or the clause's end right after it */
	expect_n("到2020年,食品监督抽查合格率达到92 ;药品评价性抽验合格率"
		 "达到98 。\n",
		 2, 92, "%", "食品监督抽查合格率", QC_OP_GE);
	expect_n("到2020年,食品监督抽查合格率达到92 ;药品评价性抽验合格率"
		 "达到98 。\n",
		 2, 98, "%", "药品评价性抽验合格率", QC_OP_GE);
	expect_n("到2020年,不合格产品生产企业整改率达到100。\n", 1, 100, "%",
		 "不合格产品生产企业整改率", QC_OP_GE);
	expect_n("到2020年,产品质量监督抽查合格率保持在92 以上。\n", 1, 92, "%",
		 "产品质量监督抽查合格率", QC_OP_GE);
	/* counter-examples: an index or a score has no unit; a rate
	 * above 100 is no percentage; a space after a level that is no
	 * rate is no lost % */
	expect_n("到2025年,制造业质量竞争力指数达到86。\n", 1, 86, "", NULL,
		 QC_OP_GE);
	expect_n("到2025年,公共服务质量满意度达到82以上。\n", 1, 82, "", NULL,
		 QC_OP_GE);
	assert_int_equal(n_targets("到2025年,设备利用率达到120。\n"), 1);
	expect_n("到2025年,设备利用率达到120。\n", 1, 120, "", NULL, -1);
	assert_int_equal(n_targets("到2025年,制造业质量竞争力指数达到86 ;"
				   "服务业质量满意度稳步提升。\n"),
			 0);
}

static void span_commits(void **state)
{
	(void)state;
	/* a news page's 获悉 before a plan's 将用三年左右时间 */
	expect_n("近日,从市质监局获悉,拉萨市将用三年左右时间开展质量兴市"
		 "活动,使产品质量监督抽查合格率保持在92%以上。\n",
		 1, 92, "%", NULL, QC_OP_GE);
	expect_n("据悉,我县将用3年时间,培育名牌产品10个。\n", 1, 10, "个", NULL,
		 QC_OP_GE);
	/* counter-examples: 将用于 spends money, 已用 and 用了 report */
	assert_int_equal(n_targets("据悉,该笔资金将用于检测中心建设,全市"
				   "合格率达到98%。\n"),
			 0);
	assert_int_equal(n_targets("据悉,我县已用三年时间培育名牌产品10个。\n"),
			 0);
}

static void efforts_made(void **state)
{
	(void)state;
	/* 在…的努力下: what the efforts brought, in a dated report */
	assert_int_equal(n_targets("2003年,在该县县委、县政府的努力下,该县"
				   "成为广西3个试点县之一。\n"),
			 0);
	assert_int_equal(n_targets("2016年,在各部门的共同努力下,全市新增"
				   "名牌产品4个。\n"),
			 0);
	/* counter-examples: 努力 with a due year or with intent still
	 * commits; 努力下功夫 is a verb */
	assert_int_equal(n_targets("在各部门共同努力下,力争到2025年培育"
				   "名牌产品10个。\n"),
			 1);
	assert_int_equal(n_targets("2016年,各部门努力下功夫,全市新增名牌"
				   "产品4个。\n"),
			 1);
}

static void page_counter(void **state)
{
	(void)state;
	/* a byline's counters: comments, views, clicks, reads */
	assert_int_equal(n_targets("无忧装饰建材网 2010-11-19 来源: 拉萨晚报 "
				   "评论 0 条\n"),
			 0);
	assert_int_equal(n_targets("发布时间:2022-03-01 浏览次数:195次\n"), 0);
	assert_int_equal(n_targets("来源:市场监管局 点击数:12次 阅读:3次\n"),
			 0);
	/* counter-examples: a plan's count of events to hold */
	assert_int_equal(n_targets("到2025年,开展质量宣传活动20次。\n"), 1);
	assert_int_equal(n_targets("到2025年,组织质量培训评论员200名。\n"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dropped_percent),
		cmocka_unit_test(span_commits),
		cmocka_unit_test(efforts_made),
		cmocka_unit_test(page_counter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
