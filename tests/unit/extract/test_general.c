/* Extraction rules found on the second and third batches of other
 * places' plans (issue 22, tests/data/plans d28–d46), each a general
 * class written as a small plan: per-head units, counts of the plan's
 * own content, a clause that reports inside a commitment, results
 * against targets, batches, and zero targets only where the zero is
 * written (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void per_head_units(void **state)
{
	struct qc_plan p;
	(void)state;
	run("二、主要目标\n到2025年,研发投入强度达到3.3%,全员劳动生产率达到22万元/人,"
	    "规上制造业全员劳动生产率达27万元/人。\n",
	    &p);
	assert_int_equal(p.n_targets, 3);
	assert_int_equal(find(&p, 22, "万元/人")->op, QC_OP_GE);
	assert_string_equal(find(&p, 27, "万元/人")->indicator,
			    "规上制造业全员劳动生产率");
	qc_plan_release(&p);
	/* densities, years and ages after a level word, a spaced unit,
	 * 缩小到 */
	run("到2025年,铁路网密度达到507公里/万平方公里,平均受教育年限达到11.5年,"
	    "人均期望寿命达到79岁,差距缩小到1.2∶1,力争新创中国驰名商标 1 件。"
	    "2020年前60岁以上人员参训。\n",
	    &p);
	assert_int_equal(p.n_targets, 5);
	assert_int_equal(find(&p, 507, "公里/万平方公里")->op, QC_OP_GE);
	assert_int_equal(find(&p, 11.5, "年")->year, 2025);
	assert_int_equal(find(&p, 79, "岁")->op, QC_OP_GE);
	assert_int_equal(find(&p, 1.2, "ratio")->op, QC_OP_LE);
	assert_string_equal(find(&p, 1.2, "ratio")->indicator, "差距");
	assert_string_equal(find(&p, 1, "件")->indicator, "中国驰名商标");
	qc_plan_release(&p);
}

static void plan_own_content(void **state)
{
	struct qc_plan p;
	(void)state;
	/* the plan's programmes and tasks are not targets */
	run("四川建设农产品质量安全省行动方案出炉 5项工程全面提升农产品质量安全水平\n"
	    "近日,省政府办公厅印发《通知》,提出实施5项工程、19项建设任务,全省农业标准化覆盖率达50%以上。"
	    "《实施方案》明确了14项重点任务。\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	assert_int_equal(find(&p, 50, "%")->op, QC_OP_GE);
	qc_plan_release(&p);
	/* counter-example: tasks to complete are a target */
	run("力争到2025年,完成近100个知名农产品品牌建设任务。\n", &p);
	assert_int_equal(p.n_targets, 1);
	assert_int_equal(find(&p, 100, "个")->op, QC_OP_ABOUT);
	qc_plan_release(&p);
}

static void reports_inside_commitments(void **state)
{
	struct qc_plan p;
	(void)state;
	run("每月10日前报送,抽检合格率达到98%以上。\n"
	    "加大扶持力度,充分发挥好我市荣获国字号产业基地称号的34个产业集群优势,"
	    "力争培育区域名牌10个。\n"
	    "年度目标完成情况: 1.大中型工程一次验收合格率达100%。 2.工程质量监督覆盖率达100%。\n"
	    "至此,我市共创建省级农产品质量安全县11个。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(find(&p, 98, "%")->op, QC_OP_GE);
	assert_int_equal(find(&p, 10, "个")->op, QC_OP_GE);
	qc_plan_release(&p);
}

static void batch_is_no_name(void **state)
{
	struct qc_plan p;
	(void)state;
	run("今年将向社会公开推介第二批10个优秀农产品区域公用品牌。\n", &p);
	assert_int_equal(p.n_targets, 1);
	assert_string_equal(find(&p, 10, "个")->indicator,
			    "优秀农产品区域公用品牌");
	qc_plan_release(&p);
	/* a space between Chinese words ends a name (a headline's two
	 * phrases), not one before a code */
	run("到明年底河南将培育20个地标知名品牌 加强地理标志运用促进工作\n"
	    "到2010年,50%以上的规模工业企业根据 ISO9000 标准建立质量管理体系。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(find(&p, 20, "个")->indicator, "地标知名品牌");
	assert_non_null(strstr(find(&p, 50, "%")->indicator, "ISO9000 标准"));
	qc_plan_release(&p);
}

static void zero_targets_where_written(void **state)
{
	struct qc_plan p;
	const struct qc_target *t;
	(void)state;
	run("二、主要目标\n到2025年,实现重大食品安全事故零发生,重大质量安全事故发生率控制在0以下,"
	    "全年实现特种设备安全零事故、零死亡,重大质量安全事故为零。\n",
	    &p);
	assert_int_equal(p.n_targets, 5);
	t = named(&p, "重大食品安全事故");
	assert_int_equal(t->op, QC_OP_ZERO);
	assert_true(t->has_value && t->value == 0);
	assert_null(t->unit);
	assert_int_equal(t->year, 2025);
	/* 控制在0以下 is a number like any other */
	assert_int_equal(named(&p, "重大质量安全事故发生率")->op, QC_OP_LE);
	assert_int_equal(named(&p, "特种设备安全事故")->op, QC_OP_ZERO);
	assert_int_equal(named(&p, "特种设备安全死亡")->op, QC_OP_ZERO);
	assert_int_equal(named(&p, "重大质量安全事故")->op, QC_OP_ZERO);
	qc_plan_release(&p);
	/* Counter-examples: no zero written (the seeds' gold skips
	 * 不发生), a first success, an attitude, a word with 零, a report. */
	run("“十三五”期间,力争实现年内不发生重大食品安全事故,确保不发生区域性、系统性质量安全事件。"
	    "力争实现国家优质产业基地零的突破,坚持对质量违法行为零容忍,扩大零售企业和零部件企业覆盖面。\n"
	    "全市特种设备安全连续四年实现零事故、零死亡。\n",
	    &p);
	assert_int_equal(p.n_targets, 0);
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(per_head_units),
		cmocka_unit_test(plan_own_content),
		cmocka_unit_test(reports_inside_commitments),
		cmocka_unit_test(batch_is_no_name),
		cmocka_unit_test(zero_targets_where_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
