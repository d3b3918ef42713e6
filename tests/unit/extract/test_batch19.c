/* Indicator tables (batch 19, docs/extraction.md "Indicator tables"): a
 * table of main indicators copied from a web page, one cell a line or a
 * row a line (cells parted by tabs, runs of spaces or '|'), gives one
 * target per row: the name (a unit in brackets goes to the unit), the
 * value of the target-year column (never the base year's), that year;
 * a value with no direction is `=`, ≥98 is `>=`; a row with no number
 * (—, 翻一番) gives nothing. Counter-example: a numbered list with no
 * header is no table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void cell_a_line(void **state)
{
	struct qc_plan p;
	const struct qc_target *t;
	(void)state;
	run("专栏1  质量强区建设主要发展指标\n"
	    "序号\n指标名称\n2025年\n属性\n"
	    "1\n每万人高价值发明专利拥有量(件)\n15\n预期性\n"
	    "2\n制造业产品质量合格率(%)\n≥94\n预期性\n"
	    "3\n农产品质量安全例行监测合格率(%)\n>98%\n约束性\n"
	    "4\n质量强县\n—\n预期性\n"
	    "5\n品牌价值\n翻一番\n预期性\n",
	    &p);
	assert_int_equal(p.n_targets, 3);
	t = named(&p, "每万人高价值发明专利拥有量");
	assert_int_equal(t->op, QC_OP_EQ);
	assert_true(t->value == 15);
	assert_string_equal(t->unit, "件");
	assert_int_equal(t->year, 2025);
	assert_int_equal(t->line, 8);
	t = named(&p, "制造业产品质量合格率");
	assert_int_equal(t->op, QC_OP_GE);
	assert_true(t->value == 94);
	assert_string_equal(t->unit, "%");
	assert_int_equal(t->line, 12);
	t = named(&p, "农产品质量安全例行监测合格率");
	assert_int_equal(t->op, QC_OP_GE);
	assert_true(t->value == 98);
	qc_plan_release(&p);
}

static void cell_a_line_with_base_and_unit(void **state)
{
	struct qc_plan p;
	const struct qc_target *t;
	(void)state;
	run("表1 “十四五”质量发展主要指标\n"
	    "序号\n指标\n单位\n2020年(基期)\n2025年(目标)\n属性\n"
	    "1\n制造业质量竞争力指数\n—\n84\n86\n预期性\n"
	    "2\n食品抽检合格率\n%\n97.6\n98以上\n约束性\n"
	    "3\n地理标志商标\n件\n30\n45\n预期性\n"
	    "二、主要任务\n",
	    &p);
	assert_int_equal(p.n_targets, 3);
	t = named(&p, "制造业质量竞争力指数");
	assert_true(t->value == 86);
	assert_null(t->unit);
	assert_int_equal(t->year, 2025);
	t = named(&p, "食品抽检合格率");
	assert_true(t->value == 98);
	assert_int_equal(t->op, QC_OP_GE);
	assert_string_equal(t->unit, "%");
	t = named(&p, "地理标志商标");
	assert_true(t->value == 45);
	assert_string_equal(t->unit, "件");
	/* never the base year's 84, 97.6, 30 */
	for (size_t i = 0; i < p.n_targets; i++)
		assert_true(p.targets[i].value != 84 &&
			    p.targets[i].value != 97.6 &&
			    p.targets[i].value != 30);
	qc_plan_release(&p);
}

static void a_row_a_line(void **state)
{
	struct qc_plan p;
	const struct qc_target *t;
	(void)state;
	/* tabs, with a unit column and an unmarked earlier year */
	run("主要指标\n"
	    "序号\t指标名称\t单位\t2020年\t2025年\t属性\n"
	    "1\t制造业产品质量合格率\t%\t93.5\t≥94\t预期性\n"
	    "2\t中国质量奖\t个\t—\t—\t预期性\n"
	    "3\t每万人口高价值发明专利拥有量\t件\t5.2\t8\t预期性\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	t = named(&p, "制造业产品质量合格率");
	assert_true(t->value == 94);
	assert_int_equal(t->op, QC_OP_GE);
	assert_int_equal(t->line, 3);
	assert_int_equal(t->year, 2025);
	t = named(&p, "每万人口高价值发明专利拥有量");
	assert_true(t->value == 8);
	assert_int_equal(t->op, QC_OP_EQ);
	qc_plan_release(&p);
	/* runs of spaces, no unit column: the unit from the bracket */
	run("指标名称        2022年(现状)    2025年    属性\n"
	    "规上工业企业质量管理体系认证率(%)    80    90    预期性\n"
	    "质量强企示范企业(家)    12    20以上    预期性\n"
	    "到2025年,全市质量总体水平显著提升。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	t = named(&p, "规上工业企业质量管理体系认证率");
	assert_true(t->value == 90);
	assert_string_equal(t->unit, "%");
	t = named(&p, "质量强企示范企业");
	assert_true(t->value == 20);
	assert_string_equal(t->unit, "家");
	assert_int_equal(t->op, QC_OP_GE);
	qc_plan_release(&p);
	/* '|' with a group row between */
	run("| 指标 | 单位 | 目标值 | 属性 |\n"
	    "| 质量效益 |\n"
	    "| 服务业质量满意度 | 分 | 82 | 预期性 |\n",
	    &p);
	assert_int_equal(p.n_targets, 1);
	t = named(&p, "服务业质量满意度");
	assert_true(t->value == 82);
	assert_string_equal(t->unit, "分");
	qc_plan_release(&p);
}

/* A cell is read as a sentence's quantity: the same direction words
 * (稳定在), units (件/万人, pp) and ranges; a measure word the units
 * table lacks gives no target there as in a sentence. */
static void cell_as_sentence(void **state)
{
	struct qc_plan p;
	const struct qc_target *t;
	(void)state;
	run("主要指标\n"
	    "序号\t指标名称\t单位\t2020年\t2025年\t属性\n"
	    "1\t农产品抽检合格率\t—\t97\t稳定在98%\t约束性\n"
	    "2\t发明专利拥有量\t—\t1.8\t2.5件/万人\t预期性\n"
	    "3\t品牌企业\t个\t1\t2-3\t预期性\n"
	    "4\t单位能耗\t—\t1\t下降3个百分点\t约束性\n"
	    "5\t新能源装机\t—\t3\t5万千瓦\t预期性\n",
	    &p);
	assert_int_equal(p.n_targets, 4);
	t = named(&p, "农产品抽检合格率");
	assert_int_equal(t->op, QC_OP_GE);
	assert_string_equal(t->unit, "%");
	t = named(&p, "发明专利拥有量");
	assert_int_equal(t->op, QC_OP_EQ);
	assert_string_equal(t->unit, "件/万人");
	t = named(&p, "品牌企业");
	assert_int_equal(t->op, QC_OP_BETWEEN);
	assert_true(t->value == 2 && t->value_max == 3);
	assert_string_equal(t->unit, "个");
	t = named(&p, "单位能耗");
	assert_int_equal(t->op, QC_OP_DECREASE);
	assert_string_equal(t->unit, "pp");
	for (size_t i = 0; i < p.n_targets; i++)
		assert_true(p.targets[i].value != 5);
	qc_plan_release(&p);
	/* the same words in a sentence: 稳定在 is ≥ there too */
	run("到2025年,农产品抽检合格率稳定在98%。\n", &p);
	assert_int_equal(p.n_targets, 1);
	assert_int_equal(p.targets[0].op, QC_OP_GE);
	qc_plan_release(&p);
}

static void no_table(void **state)
{
	struct qc_plan p;
	(void)state;
	/* a numbered list one item a line, with numbers: no header, no
	 * table; the sentences are read as ever */
	run("到2025年,主要目标如下:\n"
	    "1\n"
	    "培育省级质量标杆企业10家。\n"
	    "2\n"
	    "15\n"
	    "新增地理标志商标5件。\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_non_null(find(&p, 10, "家"));
	assert_non_null(find(&p, 5, "件"));
	qc_plan_release(&p);
	/* a header word alone followed by prose: no table */
	assert_int_equal(n_targets(
				 "主要指标\n"
				 "到2025年,制造业产品质量合格率达到94%以上。\n"),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cell_a_line),
		cmocka_unit_test(cell_a_line_with_base_and_unit),
		cmocka_unit_test(a_row_a_line),
		cmocka_unit_test(cell_as_sentence),
		cmocka_unit_test(no_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
