/* Extraction rules found on batch 20 of other places' plans (issue 22,
 * tests/data/plans d161–r170), each a general class written as a small
 * plan with a counter-example: a year the page masked (20xx年,) dates a
 * sentence as 2014年, does, so its figures report; the count closing an
 * enumeration the plan works on (围绕A、B等20种重点产品, 将…等11类商品作为
 * …对象) is the size of the list, no target (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void masked_year_dates(void **state)
{
	(void)state;
	/* 20xx年, 201X年, heading a sentence: a report, and the clauses
	 * after the ';' with it */
	assert_int_equal(n_targets("20xx年,全县工业产品抽检综合合格率达92%;"
				   "农产品检验合格率达100%。\n"),
			 0);
	assert_int_equal(n_targets("201X年,全市新增省名牌产品4个。\n"), 0);
	/* counter-examples: a masked due year still commits (到202x年,),
	 * and so does a masked year that does not date the sentence
	 * (202x年成功申报…); a real year is read as ever */
	expect_n("到202x年,全县工业产品抽检综合合格率达到92%。\n", 1, 92, "%",
		 "工业产品抽检综合合格率", QC_OP_GE);
	assert_int_equal(n_targets("202x年成功申报省级示范县,"
				   "培育有机产品认证企业10家。\n"),
			 1);
	assert_int_equal(n_targets("2025年,全县工业产品抽检综合合格率"
				   "达92%。\n"),
			 0);
	/* 20x5年 is no masked year: digits and letters mixed */
	assert_int_equal(n_targets("20x5年,培育有机产品认证企业10家。\n"), 1);
}

static void list_size(void **state)
{
	(void)state;
	/* 围绕 (around) a list, 以及 going on with it, 将…作为…: what the
	 * plan works on, counted */
	assert_int_equal(n_targets("围绕空气净化器、电饭煲、智能手机等20种"
				   "重点产品,以及灯具、家电、服装等结合"
				   "我市产业状况确定的5种重点产品,"
				   "开展质量提升专项行动。\n"),
			 0);
	assert_int_equal(n_targets("将服装鞋帽、家用电器、儿童用品等11类商品"
				   "作为流通领域重点监管对象。\n"),
			 0);
	/* counter-examples: a count to organise or to make after the same
	 * list is a target; 将 with no 作为 is a future, not an object;
	 * a list with one 、 is two items, not an enumeration */
	expect_n("山东省将组织家用电器、装备制造、汽车等22个行业开展"
		 "质量提升行动。\n",
		 1, 22, "个", NULL, QC_OP_GE);
	assert_int_equal(n_targets("培育智能制造、生物医药、新材料等10家"
				   "质量标杆企业。\n"),
			 1);
	assert_int_equal(n_targets("将家用电器、装备制造、汽车等22个行业"
				   "纳入质量提升行动。\n"),
			 1);
	assert_int_equal(n_targets("围绕家电、服装等5种重点产品建成示范区。\n"),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(masked_year_dates),
		cmocka_unit_test(list_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
