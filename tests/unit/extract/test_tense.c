/* Unit tests for the rules of issue 22 on small texts written for the
 * purpose (not copies of the development set): reports of the past are
 * not targets, review sections, pinyin page artefacts, indices and
 * scores with no measure word, money, ranges, owners at clause level. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

/* The target with this value on this line; NULL-safe on unit. */
static const struct qc_target *find_on_line(const struct qc_plan *p, int line,
					    double v)
{
	for (size_t i = 0; i < p->n_targets; i++)
		if (p->targets[i].line == line && p->targets[i].value == v)
			return &p->targets[i];
	fail_msg("no target %g on line %d", v, line);
	abort();
}

static void past_figures_are_not_targets(void **state)
{
	struct qc_plan p;
	(void)state;
	run("2019年,全县工业产品抽检合格率达到96.2%,比上年提高了1.1个百分点。\n"
	    "农产品抽检合格率为97.5%;新增省级名牌产品6个。\n"
	    "截至2019年底,累计培育市长质量奖企业12家,排名全市第2位。\n"
	    "二、主要目标\n"
	    "到2022年,工业产品抽检合格率稳定在96%以上,新增省级名牌产品5个。\n",
	    &p);
	/* lines 1-3 report the past; the list on line 2 reads like line 1 */
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(find_on_line(&p, 5, 96)->op, QC_OP_GE);
	assert_int_equal(find_on_line(&p, 5, 96)->year, 2022);
	assert_int_equal(find_on_line(&p, 5, 5)->op, QC_OP_GE);
	qc_plan_release(&p);
}

static void looking_back_is_not_a_target(void **state)
{
	struct qc_plan p;
	(void)state;
	/* the class: 稳定在…以上 in a look-back, with no year */
	run("“十三五”以来,全市主要农产品监测合格率稳定在98%以上,创建示范区4个。\n"
	    "到“十四五”末,主要农产品监测合格率稳定在98.5%以上。\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	assert_int_equal(find_on_line(&p, 2, 98.5)->op, QC_OP_GE);
	qc_plan_release(&p);
}

static void review_section_then_goals(void **state)
{
	struct qc_plan p;
	(void)state;
	run("一、发展现状\n"
	    "(一)主要成就\n"
	    "全区服务业满意度达到85分,工程一次验收合格率保持在100%,建成检验检测平台3个。\n"
	    "二、发展目标\n"
	    "全区服务业满意度达到86分以上,工程一次验收合格率保持在100%。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(find_on_line(&p, 5, 86)->unit, "分");
	assert_int_equal(find_on_line(&p, 5, 100)->op, QC_OP_GE);
	qc_plan_release(&p);
}

static void commitment_wins_over_a_date(void **state)
{
	struct qc_plan p;
	(void)state;
	/* a dated issue line and a plan title with its years are no report */
	run("2021年3月8日\n"
	    "《某县质量提升行动计划(2021-2023年)》已经县政府同意。\n"
	    "一、工作目标\n"
	    "到2023年,产品质量监督抽查合格率达到95%以上。\n"
	    "食品抽检合格率达到98%以上。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_int_equal(find_on_line(&p, 5, 98)->op, QC_OP_GE);
	qc_plan_release(&p);
}

static void pinyin_is_dropped(void **state)
{
	struct qc_plan p;
	(void)state;
	run("到2025年,產(chǎn)品抽檢(jiǎn)合格率達(dá)到95%以上,培育(yù)知名品牌10個(gè)。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(find_on_line(&p, 1, 95)->indicator,
			    "產品抽檢合格率");
	assert_int_equal(find_on_line(&p, 1, 95)->op, QC_OP_GE);
	assert_string_equal(find_on_line(&p, 1, 10)->indicator, "知名品牌");
	qc_plan_release(&p);
}

static void indices_and_bare_numbers(void **state)
{
	struct qc_plan p;
	(void)state;
	run("到2025年,区域质量竞争力指数达到88,重点产品质量损失率控制在0.5以下,"
	    "编制标准2021版,万元产值能耗为0.4。\n",
	    &p);
	/* a number with no unit counts only after a level word */
	assert_int_equal(p.n_targets, 2);
	assert_null(find_on_line(&p, 1, 88)->unit);
	assert_int_equal(find_on_line(&p, 1, 88)->op, QC_OP_GE);
	assert_int_equal(find_on_line(&p, 1, 0.5)->op, QC_OP_LE);
	qc_plan_release(&p);
}

static void money_ranges_and_about(void **state)
{
	struct qc_plan p;
	(void)state;
	run("力争到2025年,全市旅游总收入800亿元,培育年销售收入超过50亿元的龙头企业3—5家,"
	    "创建近20个示范基地,安排专项资金500万元。\n",
	    &p);
	assert_int_equal(p.n_targets, 3);
	assert_string_equal(find_on_line(&p, 1, 800)->indicator, "旅游总收入");
	assert_int_equal(find_on_line(&p, 1, 3)->op, QC_OP_BETWEEN);
	assert_true(find_on_line(&p, 1, 3)->value_max == 5);
	assert_non_null(strstr(find_on_line(&p, 1, 3)->indicator, "龙头企业"));
	assert_int_equal(find_on_line(&p, 1, 20)->op, QC_OP_ABOUT);
	qc_plan_release(&p);
}

static void owners_of_each_clause(void **state)
{
	struct qc_plan p;
	const struct qc_target *t;
	(void)state;
	run("到2025年,药品抽检合格率达到99%(县市场监管局负责),"
	    "农产品监测合格率达到98%(县农业农村局负责)。\n"
	    "建筑工程竣工验收合格率达到100%,县住建局牵头,县水利局、县交通局配合。\n"
	    "食品抽检合格率达到98%以上,由县市场监管局负责。\n",
	    &p);
	assert_int_equal(p.n_targets, 4);
	t = find_on_line(&p, 1, 99);
	assert_int_equal(t->owners.n, 1);
	assert_string_equal(t->owners.v[0].written, "县市场监管局");
	t = find_on_line(&p, 1, 98);
	assert_int_equal(t->owners.n, 1);
	assert_string_equal(t->owners.v[0].written, "县农业农村局");
	t = find_on_line(&p, 2, 100);
	assert_int_equal(t->owners.n, 3);
	assert_string_equal(t->owners.v[0].written, "县住建局");
	assert_int_equal(t->owners.v[0].role, QC_ROLE_LEAD);
	assert_int_equal(t->owners.v[2].role, QC_ROLE_CO);
	t = find_on_line(&p, 3, 98);
	assert_int_equal(t->owners.n, 1);
	assert_string_equal(t->owners.v[0].written, "县市场监管局");
	qc_plan_release(&p);
}

static void names_not_fragments(void **state)
{
	struct qc_plan p;
	(void)state;
	run("到2025年,蔬菜、水果、茶叶等食用农产品中禁用农药的抽检合格率达到100%,"
	    "绿色食品、有机农产品和地理标志农产品(以下简称“绿优农品”)认证数量达到60个。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(find_on_line(&p, 1, 100)->indicator,
			    "食用农产品中禁用农药的抽检合格率");
	assert_string_equal(find_on_line(&p, 1, 60)->indicator,
			    "“绿优农品”认证数量");
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(past_figures_are_not_targets),
		cmocka_unit_test(looking_back_is_not_a_target),
		cmocka_unit_test(review_section_then_goals),
		cmocka_unit_test(commitment_wins_over_a_date),
		cmocka_unit_test(pinyin_is_dropped),
		cmocka_unit_test(indices_and_bare_numbers),
		cmocka_unit_test(money_ranges_and_about),
		cmocka_unit_test(owners_of_each_clause),
		cmocka_unit_test(names_not_fragments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
