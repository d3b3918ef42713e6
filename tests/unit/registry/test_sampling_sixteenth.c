/* Published lists of failures written as sentences in the forms the
 * sixteenth held-out batch showed, made by hand for each class it left
 * (docs/registry.md "Sixteenth held-out batch"): records joined by 、
 * with their items in brackets, several sentences on a line; a failure
 * said by what was found or measured (检出…, 检验结果为…, 经检验…); a
 * unit's tableware with no verb; the items after the product's note, and
 * its dates as batches; the maker named as 生产销售的 or after a brand's
 * owner (…出品、…生产的), a count before the items, the first
 * laboratory of a re-inspection. */
#include "testutil.h"
#include "sampling_util.h"

static const struct qc_sampling_import_opts o_county = { .region = "七台河市",
							 .level = "市",
							 .date = "2024-03-01" };

static const char *const fields =
	"enterprise_name || '|' || COALESCE(sampled_unit, '') || '|' || "
	"failed_items || '|' || COALESCE(testing_body, '') || '|' || passed";

/* 乌鲁木齐 2025: records joined by 、, each its seller and its items in
 * brackets after the product, a group closed by 不符合…,检验机构均为…;
 * and groups parted by ; on one line, each with its laboratory. */
static void records_joined_with_items_in_brackets(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv =
		"七台河市市场监督管理局食品安全监督抽检信息的公告\n"
		"\"七台河市甲商店销售的香蕉(噻虫嗪)、七台河市乙蔬菜店销售的生姜"
		"(吡虫啉)、七台河市丙果蔬店销售的葱(噻虫胺、噻虫嗪)不符合食品安全"
		"国家标准规定,检验机构均为七台河市甲检测公司;七台河市丁直销点"
		"(个体工商户)销售的姜(噻虫胺)不符合食品安全国家标准规定,检验机构为"
		"七台河市乙检测公司。\"\n";

	assert_int_equal(import_as(f, csv, &o_county, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 4);
	qc_sampling_report_release(&rep);
	field_is(f, fields, "product = '香蕉'",
		 "七台河市甲商店|七台河市甲商店|噻虫嗪|七台河市甲检测公司|0");
	field_is(f, fields, "product = '生姜'",
		 "七台河市乙蔬菜店|七台河市乙蔬菜店|吡虫啉|七台河市甲检测公司|0");
	field_is(f, fields, "product = '葱'",
		 "七台河市丙果蔬店|七台河市丙果蔬店|噻虫胺、噻虫嗪|"
		 "七台河市甲检测公司|0");
	field_is(f, fields, "product = '姜'",
		 "七台河市丁直销点(个体工商户)|七台河市丁直销点(个体工商户)|"
		 "噻虫胺|七台河市乙检测公司|0");
	/* A product with its bracket and the items written after it stays
	 * whole (test_sampling_sentences: 复用餐饮具(碗)). */
	import_ok(f,
		  "1.七台河市戊饭店使用的复用餐饮具(碗),其中大肠菌群不符合食品安全"
		  "国家标准规定。\n",
		  &o_county);
	field_is(f, "failed_items", "product = '复用餐饮具(碗)'", "大肠菌群");
}

/* 灞桥区 2024: 经检验,检出大肠菌群,标准值为不得检出; 汨罗市 2024:
 * 经检验噻虫胺项目检测不合格; 阎良区 2025: …检测结果为检出, an item
 * measured against its limit (腐霉利检验结果为11.9mg/kg,标准规定≤5mg/kg),
 * two such joined, 要求不得检出. */
static void failure_said_by_what_was_found(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"一、不合格产品情况\n"
		"七台河市甲餐厅消毒的小碗,经检验,检出大肠菌群,标准值为不得检出。"
		"检验机构为七台河市检验院。\n"
		"1、在七台河市乙水果店抽检的香蕉,经检验噻虫胺项目检测不合格;\n"
		"2.七台河市丙商贸有限公司销售的生姜(鲜)二氧化硫残留量检测结果为"
		"检出,标准规定不得检出,检验机构为七台河市检验院。\n"
		"3.七台河市丁蔬菜店销售的韭菜,腐霉利检验结果为11.9mg/kg,标准规定"
		"≤5mg/kg,毒死蜱检验结果为0.1mg/kg,标准规定≤0.02mg/kg,检验机构为"
		"七台河市检验院。\n";

	import_ok(f, csv, &o_county);
	field_is(f, fields, "product = '小碗'",
		 "七台河市甲餐厅|七台河市甲餐厅|大肠菌群|七台河市检验院|0");
	field_is(f, fields, "product = '香蕉'",
		 "七台河市乙水果店|七台河市乙水果店|噻虫胺||0");
	field_is(f, fields, "product = '生姜(鲜)'",
		 "七台河市丙商贸有限公司|七台河市丙商贸有限公司|二氧化硫残留量|"
		 "七台河市检验院|0");
	field_is(f, fields, "product = '韭菜'",
		 "七台河市丁蔬菜店|七台河市丁蔬菜店|腐霉利、毒死蜱|七台河市检验院|0");
}

/* 阎良区 2025: a restaurant's tableware with no verb (…泡馍馆的筷子,
 * …面馆(个体工商户)的小汤碗), the item before 要求不得检出. */
static void tableware_of_a_unit_without_a_verb(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"二、不合格产品情况\n"
		"1.七台河市甲泡馍馆的筷子,阴离子合成洗涤剂(以十二烷基苯磺酸钠计)"
		"要求不得检出,检测结果为检出,检验机构为七台河市检验院。\n"
		"2.七台河市乙面馆(个体工商户)的小汤碗,大肠菌群要求不得检出 ,"
		"检测结果为检出,检验机构为七台河市检验院。\n";

	import_ok(f, csv, &o_county);
	field_is(f, fields, "product = '筷子'",
		 "七台河市甲泡馍馆|七台河市甲泡馍馆|"
		 "阴离子合成洗涤剂(以十二烷基苯磺酸钠计)|七台河市检验院|0");
	field_is(f, fields, "product = '小汤碗'",
		 "七台河市乙面馆(个体工商户)|七台河市乙面馆(个体工商户)|大肠菌群|"
		 "七台河市检验院|0");
}

/* 安徽 2016: the items right after the product's note (…马铃薯淀粉(生产
 * 日期/批号:2015/6/25)标签不合格); a note of two production dates, two
 * batches. */
static void items_after_the_products_note(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"一、不合格样品所涉及的标称生产经营单位、产品和不合格指标具体信息"
		"如下:\n"
		"1.七台河市甲食品有限公司生产的马铃薯淀粉(生产日期/批号:2015/6/25)"
		"标签不合格;\n"
		"2.七台河市乙食品有限责任公司生产的精制生粉(生产日期/批号:"
		"2015/8/21、2015/9/26)标签不合格;\n"
		"3.七台河市丙超市经销的七台河市丁食品有限公司生产的白砂糖(生产日期/"
		"批号:2015/7/8)色值超标。\n";

	import_ok(f, csv, &o_county);
	field_is(f, "enterprise_name || '|' || failed_items",
		 "product = '马铃薯淀粉'", "七台河市甲食品有限公司|标签");
	field_is(f, "COUNT(*) || '|' || MIN(failed_items)",
		 "product = '精制生粉'", "2|标签");
	field_is(f, fields, "product = '白砂糖'",
		 "七台河市丁食品有限公司|七台河市丙超市|色值||0");
}

/* 江西 2022: 由…生产销售的, the unit made what it sold; 陕西 2023: 1批次
 * before the items, 标称A出品、B生产的 (B made it), and the first
 * laboratory of a re-inspection (初检机构为). */
static void makers_named_in_other_words(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"监督抽检不合格食品具体情况如下:\n"
		"(一)由七台河市甲食品有限公司生产销售的阿胶糕,铅不符合食品安全"
		"国家标准规定。\n"
		"二、七台河市乙购物中心销售的标称七台河市丙农业科技有限公司出品、"
		"七台河市丁蜂业合作社生产的百花蜜,1批次呋喃西林代谢物不符合农业"
		"农村部公告第250号规定。初检机构为七台河市检验院,七台河市丁蜂业"
		"合作社对检验结果提出异议,并申请复检,经七台河市复检院复检后,维持"
		"初检结论。\n";

	import_ok(f, csv, &o_county);
	field_is(f, fields, "product = '阿胶糕'",
		 "七台河市甲食品有限公司|七台河市甲食品有限公司|铅||0");
	field_is(f, fields, "product = '百花蜜'",
		 "七台河市丁蜂业合作社|七台河市乙购物中心|呋喃西林代谢物|"
		 "七台河市检验院|0");
}

/* Many items measured in one sentence, joined longer than any fixed
 * buffer would hold (270 bytes): every one kept, none cut in the middle
 * of a character. A sentence of more clauses than are read is refused
 * with its reason, not read without its last (the laboratory, items). */
static void many_measured_items_kept_whole(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	struct qc_buf longer = QC_BUF_INIT;
	const char *csv =
		"1.七台河市丁蔬菜店销售的韭菜,"
		"腐霉利检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"毒死蜱检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"克百威检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"氧乐果检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"甲拌磷检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"水胺硫磷检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"灭线磷检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"啶虫脒检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"吡虫啉检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"噻虫嗪检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"噻虫胺检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"多菌灵检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"阿维菌素检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"氯氟氰菊酯和高效氯氟氰菊酯检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"联苯菊酯检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"乙酰甲胺磷检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"甲氨基阿维菌素苯甲酸盐检验结果为0.1mg/kg,标准规定≤0.02mg/kg,"
		"检验机构为七台河市检验院。\n";

	import_ok(f, csv, &o_county);
	field_is(f, "failed_items", "product = '韭菜'",
		 "腐霉利、毒死蜱、克百威、氧乐果、甲拌磷、水胺硫磷"
		 "、灭线磷、啶虫脒、吡虫啉、噻虫嗪、噻虫胺"
		 "、多菌灵、阿维菌素、氯氟氰菊酯和高效氯氟氰菊酯"
		 "、联苯菊酯、乙酰甲胺磷、甲氨基阿维菌素苯甲酸盐");

	qc_buf_init(&longer, 0);
	qc_buf_adds(&longer, "1.七台河市戊蔬菜店销售的芹菜");
	for (int i = 0; i < 40; i++)
		qc_buf_addf(&longer,
			    ",农药%d检验结果为0.1mg/kg,标准规定≤0.02mg/kg", i);
	qc_buf_adds(&longer, ",检验机构为七台河市检验院。\n");
	assert_int_equal(import_as(f, qc_buf_str(&longer), &o_county, &rep,
				   &err),
			 QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 1"));
	assert_non_null(strstr(err.msg, "more clauses"));
	qc_sampling_report_release(&rep);
	/* 17 products of one seller, and 17 sellers joined by 、: more than
	 * a sentence is read with (16), refused, not read as 16. */
	for (int sellers = 0; sellers < 2; sellers++) {
		qc_buf_reset(&longer);
		qc_buf_adds(&longer,
			    sellers ? "1." : "1.七台河市戊蔬菜店销售的");
		for (int i = 0; i < 17; i++) {
			qc_buf_adds(&longer, i ? "、" : "");
			if (sellers)
				qc_buf_addf(&longer, "七台河市%d号店销售的", i);
			qc_buf_addf(&longer, "芹菜%d", i);
		}
		qc_buf_adds(&longer, ",其中铅不符合食品安全国家标准规定。\n");
		assert_int_equal(import_as(f, qc_buf_str(&longer), &o_county,
					   &rep, &err),
				 QC_EINVAL);
		assert_non_null(strstr(err.msg, "more products or sellers"));
		qc_sampling_report_release(&rep);
	}
	qc_buf_release(&longer);
	field_is(f, "COUNT(*)", "product LIKE '芹菜%'", "0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			records_joined_with_items_in_brackets, fixture_setup,
			fixture_teardown),
		cmocka_unit_test_setup_teardown(failure_said_by_what_was_found,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(tableware_of_a_unit_without_a_verb,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(items_after_the_products_note,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(makers_named_in_other_words,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(many_measured_items_kept_whole,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
