/* Extraction rules found on batch 15 of other places' plans (issue 22,
 * tests/data/plans d121–r130), each a general class written as a small
 * plan with a counter-example: 20多个 / 10余家 (more than a count); 争取
 * leads a count's object as 力争 does; 分别 shares out counts of
 * different measure words (345件和100个); a level word that opens a
 * compound's first part (省级…和…分别) reaches the later parts; a second
 * verb joined to a count's verb (培育和发展) is no part of its object;
 * 其中1个为X names X; a verb inside the object of the count before, across
 * the list's 、, is not the next count's. And the plan's head: a document
 * number in brackets, the issuer that opens the title, the quoted plan a
 * notice says it made, 关于印发X的通知, a five-year plan's period, a
 * page's time stamp after a headline (docs/extraction.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "extract_test.h"

static void more_than_a_count(void **state)
{
	(void)state;
	expect_n("到2020年,创建20多个国家标准化示范试点项目、"
		 "50个省级标准化示范试点项目。\n",
		 2, 20, "个", "国家标准化示范试点项目", QC_OP_GE);
	expect_n("到2020年,培育10余家龙头企业。\n", 1, 10, "家", "龙头企业",
		 QC_OP_GE);
	/* counter-examples: 多 after the measure word is the name's; 余 or 多
	 * before no measure word is no count */
	expect_n("到2020年,建设20个多功能服务中心。\n", 1, 20, "个",
		 "多功能服务中心", QC_OP_GE);
	assert_int_equal(n_targets("到2020年,经过10余年努力,建成质量强市。\n"),
			 0);
}

static void strive_leads_a_count(void **state)
{
	(void)state;
	expect_n("到2010年,服务业争取5家以上老字号企业获得认证。\n", 1, 5, "家",
		 "老字号企业获得认证", QC_OP_GE);
	/* counter-example: a level word governs the number */
	expect_n("到2010年,产品合格率争取达到95%。\n", 1, 95, "%", "产品合格率",
		 QC_OP_GE);
}

/* Nothing after the verb nor after the number: the subject before the
 * verb names the target (力争 likewise; before: "%"). */
static void strive_with_no_object(void **state)
{
	(void)state;
	expect_n("到2020年,产品质量合格率争取95%以上。\n", 1, 95, "%",
		 "产品质量合格率", QC_OP_GE);
	expect_n("到2020年,产品质量合格率力争95%以上。\n", 1, 95, "%",
		 "产品质量合格率", QC_OP_GE);
	/* counter-example: an object after the number names it */
	expect_n("到2020年,力争10个知名品牌。\n", 1, 10, "个", "知名品牌",
		 QC_OP_GE);
}

static void shared_out_across_measure_words(void **state)
{
	(void)state;
	expect_n("到2010年,市知名商标和市名牌产品分别达345件和100个。\n", 2,
		 345, "件", "市知名商标", QC_OP_GE);
	expect_n("到2010年,市知名商标和市名牌产品分别达345件和100个。\n", 2,
		 100, "个", "市名牌产品", QC_OP_GE);
	/* counter-example: without 分别 each count keeps its own object */
	expect_n("到2010年,培育10个品牌、5家企业。\n", 2, 5, "家", "企业",
		 QC_OP_GE);
}

static void level_reaches_later_parts(void **state)
{
	(void)state;
	expect_n("到2010年,省级著名商标和名牌产品分别达到320个、210个。\n", 2,
		 210, "个", "省级名牌产品", QC_OP_GE);
	expect_n("到2010年,县级以上龙头企业和合作社分别达到320个、210个。\n", 2,
		 210, "个", "县级以上合作社", QC_OP_GE);
	/* counter-examples: a part with its own level or place, and a first
	 * part with no level word */
	expect_n("到2010年,省级著名商标和市名牌产品分别达到320个、210个。\n", 2,
		 210, "个", "市名牌产品", QC_OP_GE);
	expect_n("到2010年,中国驰名商标和名牌产品分别达到25个、45个。\n", 2, 45,
		 "个", "名牌产品", QC_OP_GE);
}

static void verb_pair_before_an_object(void **state)
{
	(void)state;
	expect_n("到2010年,培育和发展农业名牌产品80个。\n", 1, 80, "个",
		 "农业名牌产品", QC_OP_GE);
	expect_n("到2010年,培育和建设5个区域品牌。\n", 1, 5, "个", "区域品牌",
		 QC_OP_GE);
	/* counter-example: the pair inside a name no count's verb opens */
	expect_n("到2010年,建设和发展指数达到90。\n", 1, 90, "",
		 "建设和发展指数", QC_OP_GE);
}

static void copula_of_a_part(void **state)
{
	(void)state;
	expect_n("到2010年,培育5个区域品牌,其中1个为著名区域品牌。\n", 2, 1,
		 "个", "著名区域品牌", QC_OP_GE);
	/* counter-example: 为 that opens a name (为民) */
	expect_n("到2010年,建成5个为民服务站。\n", 1, 5, "个", "为民服务站",
		 QC_OP_GE);
}

static void verb_of_the_count_before(void **state)
{
	(void)state;
	expect_n("到2020年,形成1000个名牌产品、15个国家名牌创建示范区、"
		 "30个地理标志产品。\n",
		 3, 30, "个", "地理标志产品", QC_OP_GE);
	/* counter-example: the verb that opens the next count's own item */
	expect_n("到2020年,培育10个品牌、创建5个示范区。\n", 2, 5, "个",
		 "示范区", QC_OP_GE);
}

/* The plan's head (not scored by the set's gold; read by eye) */
static void head_number_in_brackets_and_title_issuer(void **state)
{
	struct qc_plan p;
	(void)state;
	run("镇江市人民政府关于加快推进品牌战略的实施意见\n"
	    "(镇政发〔2007〕81号)\n各辖市、区人民政府:\n",
	    &p);
	assert_string_equal(p.doc_number, "镇政发〔2007〕81号");
	assert_string_equal(p.issuer, "镇江市人民政府");
	qc_plan_release(&p);
	/* counter-example: an issuer on a line of its own comes first */
	run("扬州市人民政府办公室关于深化质量强市建设的实施意见\n"
	    "扬州市质量强市工作领导小组\n2023年8月1日\n",
	    &p);
	assert_string_equal(p.issuer, "扬州市质量强市工作领导小组");
	qc_plan_release(&p);
}

static void head_issued_quote(void **state)
{
	struct qc_plan p;
	(void)state;
	run("各街道办事处:\n为贯彻落实《质量强国建设纲要》等精神,结合我区实际,"
	    "制定《关于深入贯彻〈质量强国建设纲要〉加快建设质量强区的实施方案》,"
	    "现印发给你们,请认真贯彻落实。\n",
	    &p);
	assert_string_equal(p.title, "关于深入贯彻〈质量强国建设纲要〉"
				     "加快建设质量强区的实施方案");
	qc_plan_release(&p);
	/* counter-example: a list of plans issued together names the first */
	run("各县区人民政府:\n《开封市推动制造业高质量发展实施方案》"
	    "《开封市制造业高质量发展若干财政支持措施》已经市政府同意,"
	    "现印发给你们。\n",
	    &p);
	assert_string_equal(p.title, "开封市推动制造业高质量发展实施方案");
	qc_plan_release(&p);
}

static void head_notice_title_and_period(void **state)
{
	struct qc_plan p;
	(void)state;
	run("关于印发城阳区质量强区建设发展规划(2016-2020年)的通知\n", &p);
	assert_string_equal(p.title, "城阳区质量强区建设发展规划(2016-2020年)");
	assert_int_equal(p.period_start, 2016);
	assert_int_equal(p.period_end, 2020);
	qc_plan_release(&p);
	run("瑞安市质量强市“十四五”规划\n", &p);
	assert_int_equal(p.period_start, 2021);
	assert_int_equal(p.period_end, 2025);
	qc_plan_release(&p);
	/* counter-example: a five-year period that names no plan's own */
	run("关于“十四五”时期质量工作的实施意见\n", &p);
	assert_int_equal(p.period_end, 0);
	qc_plan_release(&p);
}

static void head_time_stamp_after_a_headline(void **state)
{
	struct qc_plan p;
	(void)state;
	run("陕西榆林出台意见推进名牌战略发展2010-1-10 11:34:43 |\n", &p);
	assert_string_equal(p.title, "陕西榆林出台意见推进名牌战略发展");
	qc_plan_release(&p);
	/* counter-example: a period in the title stays */
	run("城阳区质量强区建设发展规划(2016-2020年)\n", &p);
	assert_string_equal(p.title, "城阳区质量强区建设发展规划(2016-2020年)");
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(more_than_a_count),
		cmocka_unit_test(strive_leads_a_count),
		cmocka_unit_test(strive_with_no_object),
		cmocka_unit_test(shared_out_across_measure_words),
		cmocka_unit_test(level_reaches_later_parts),
		cmocka_unit_test(verb_pair_before_an_object),
		cmocka_unit_test(copula_of_a_part),
		cmocka_unit_test(verb_of_the_count_before),
		cmocka_unit_test(head_number_in_brackets_and_title_issuer),
		cmocka_unit_test(head_issued_quote),
		cmocka_unit_test(head_notice_title_and_period),
		cmocka_unit_test(head_time_stamp_after_a_headline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
