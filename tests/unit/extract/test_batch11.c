/* Extraction rules found on batch 11 of other places' plans (issue 22,
 * tests/data/plans d86–r93), each a general class written as a small
 * plan with a counter-example: a baseline year (比2015年底) is no due
 * year, 提出了 sets out a plan's content, a document's own parts (共分3个
 * 部分25条), the unit 个次 and 累计 out of names; and the two classes
 * batch 10 left: an Arabic count of levels (实现3个100%) and a name cut
 * by a line break after a comma, tested with batch 10's own cases in
 * test_batch10.c (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void baseline_year_is_no_due_year(void **state)
{
	struct qc_plan p;
	(void)state;
	/* 比2015年底 is the baseline of a report that runs to 截至2016年底;
	 * the list after it (其中:) reports too */
	assert_int_equal(
		n_targets(
			"截至2016年底,全国特种设备总量达1197.02万台,比2015年底上升8.81%。"
			"其中:客运索道1008条、大型游乐设施2.23万台。\n"),
		0);
	/* counter-example: a baseline inside a commitment stays a target,
	 * due by the year the plan sets */
	run("到2025年,制造业产品质量合格率较2020年底提高2个百分点。\n", &p);
	assert_int_equal(p.n_targets, 1);
	assert_int_equal(find(&p, 2, "pp")->year, 2025);
	qc_plan_release(&p);
	/* 到2023年底 heads its sentence's list as 到2023年 does */
	run("到2023年底,全省新增地理标志保护产品5个以上;培育15个地理标志优势产业。\n",
	    &p);
	assert_int_equal(find(&p, 15, "个")->year, 2023);
	qc_plan_release(&p);
}

static void set_out_is_no_report(void **state)
{
	struct qc_plan p;
	(void)state;
	/* a news report of a plan: what the plan 提出了 is its content */
	run("根据规划,计量发展的目标是,到2020年,计量科技基础更加坚实。\n"
	    "规划提出了八个方面的量化指标:国家一级标准物质数量增长100%,"
	    "国家重点管理计量器具受检率达到95%以上。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(find(&p, 100, "%")->op, QC_OP_INCREASE);
	/* 目标是,到2020年 heads what follows, as after a colon */
	assert_int_equal(find(&p, 95, "%")->year, 2020);
	qc_plan_release(&p);
	/* counter-example: 了 after another verb still reports */
	assert_int_equal(n_targets("全市新建了质量提升示范区12个。\n"), 0);
}

static void own_parts_and_units(void **state)
{
	struct qc_plan p;
	(void)state;
	/* 共分3个部分25条: the document's own parts */
	assert_int_equal(
		n_targets(
			"文件稿共分3个部分25条,提出到2027年的三年工作目标。\n"),
		0);
	/* 个次 is a unit; 累计 says how a count is counted, not what */
	run("到2025年,政府质量奖(含提名奖)累计40个次,全国质量标杆累计18个,"
	    "新增3个示范区25家企业。\n",
	    &p);
	assert_int_equal(p.n_targets, 4);
	assert_string_equal(find(&p, 40, "个次")->indicator,
			    "政府质量奖(含提名奖)");
	assert_string_equal(find(&p, 18, "个")->indicator, "全国质量标杆");
	/* counter-example: two counts after a verb are both targets */
	assert_int_equal(find(&p, 25, "家")->op, QC_OP_GE);
	qc_plan_release(&p);
}

static void arabic_count_of_levels(void **state)
{
	(void)state;
	/* 实现3个100% is a label like 三个100%: tested with it in
	 * test_batch10.c. Counter-example: a count with a comma before a
	 * rate */
	expect_n("到2020年,建成3个示范区,覆盖率达到100%。\n", 2, 3, "个", NULL,
		 QC_OP_GE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(baseline_year_is_no_due_year),
		cmocka_unit_test(set_out_is_no_report),
		cmocka_unit_test(own_parts_and_units),
		cmocka_unit_test(arabic_count_of_levels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
