/* Extraction rules found on batch 18 of other places' plans (issue 22,
 * tests/data/plans d151–r160), each a general class written as a small
 * plan with a counter-example: the work a speech sets out for the year to
 * come (在部署今年工作时强调:…培育…40个) commits, although 今年 alone
 * reports; a count of places that is the subject of its clause (力争88个
 * 贫困县新增地标90件) tells where the count after the verb is to be
 * reached, it is no target of its own (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void work_set_out_for_the_year(void **state)
{
	struct qc_plan p;
	(void)state;
	run("市长在总结过去一年的工作时指出,14家企业通过省质量信用等级评价,"
	    "新增省名牌产品4个。21家单位创成国家标准化良好行为企业!"
	    "在部署今年工作时强调:全面启动质量强镇试点工作,"
	    "培育质量强镇示范点2-3个、质量强企示范点40个。"
	    "新创中国驰名商标1-2件。\n",
	    &p);
	assert_int_equal(p.n_targets, 3);
	assert_string_equal(find(&p, 40, "个")->indicator, "质量强企示范点");
	assert_int_equal(find(&p, 1, "件")->op, QC_OP_BETWEEN);
	qc_plan_release(&p);
	/* 部署明年, 部署下一步 likewise */
	expect_n("会议部署下一步工作,培育质量强企示范点40个。\n", 1, 40, "个",
		 "质量强企示范点", QC_OP_GE);
	/* counter-examples: 今年 alone reports, and so does the year
	 * reviewed before the work is set out */
	assert_int_equal(n_targets("今年全市新增省名牌产品4个。\n"), 0);
	assert_int_equal(n_targets("在总结过去一年的工作时指出,"
				   "新增省名牌产品4个。\n"),
			 0);
}

static void places_as_the_subject(void **state)
{
	struct qc_plan p;
	(void)state;
	run("到2020年,力争88个贫困县新增地标90件;创建地标驰名商标5件。\n", &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(find(&p, 90, "件")->indicator, "地标");
	qc_plan_release(&p);
	expect_n("2020年 四川88个贫困县将新增地理标志商标90件\n", 1, 90, "件",
		 "地理标志商标", QC_OP_GE);
	expect_n("到2025年,全省10个县实现农产品合格率达到98%以上。\n", 1, 98,
		 "%", NULL, QC_OP_GE);
	/* counter-examples: places to make are the count, with no verb
	 * after them, with no count after the verb, or with the next
	 * count in a clause of its own */
	expect_n("到2020年,培育5个示范县。\n", 1, 5, "个", "示范县", QC_OP_GE);
	expect_n("到2020年,创建3个示范县实现全覆盖。\n", 1, 3, "个", NULL,
		 QC_OP_GE);
	assert_int_equal(n_targets("到2020年,建成10个示范县,"
				   "新增企业20家。\n"),
			 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(work_set_out_for_the_year),
		cmocka_unit_test(places_as_the_subject),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
