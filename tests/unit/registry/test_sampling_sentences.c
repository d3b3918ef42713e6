/* Lists of failures written as sentences, and headerless lists whose
 * second cell is a brand, made by hand in the forms published lists take
 * (docs/registry.md "Failures written as sentences; brands"): each
 * product a sentence names a failing row, its seller, producer, failed
 * items and laboratory in their fields; a sentence that cannot be read
 * said with its line, never guessed; a column of brands no product. */
#include "testutil.h"
#include "sampling_util.h"

static const struct qc_sampling_import_opts o_county = { .region = "七台河市",
							 .level = "市",
							 .date = "2024-03-01" };

static const char *const fields =
	"enterprise_name || '|' || COALESCE(sampled_unit, '') || '|' || "
	"COALESCE(sampled_address, '') || '|' || failed_items || '|' || "
	"COALESCE(testing_body, '') || '|' || passed";

/* The forms of sentence: numbered 1、 (一) 2. or not at all, under
 * headings (一、农药残留超标问题) that are no rows; a seller (销售的,
 * 经销的, 使用的) or a producer (生产的, 标称…生产的) or both; a person
 * with the market in brackets; two products of one sentence; the items
 * after 其中, 检验项目, 不合格项目为, or before 项目不符合; the
 * laboratory after 检验机构为; a sentence split by the page's commas
 * into cells. */
static void sentences_read_as_failing_rows(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv =
		"七台河市市场监督管理局关于不合格食品的通告\n"
		"一、农药残留超标问题\n"
		"1、七台河市甲超市销售的豇豆,经抽样检验,克百威项目不符合食品安全"
		"国家标准规定,检验结论为不合格。\n"
		"(二)张三(七台河市孚玉镇某市场12号)经销的韭菜,腐霉利不符合食品安全"
		"国家标准规定。\n"
		"二、食品添加剂问题\n"
		"3.七台河市乙商行销售的、标称七台河市丙食品有限公司生产的"
		"酸枣糕(原味)、酸枣糕(甜味),其中山梨酸及其钾盐(以山梨酸计)"
		"检验值不符合食品安全国家标准规定。\n"
		"标称七台河市丁饮用水厂生产的桶装饮用水,检验项目铜绿假单胞菌不"
		"符合食品安全国家标准规定。检验机构为七台河市食品检验中心。\n"
		"七台河市戊饭店使用的复用餐饮具(碗),不合格项目为大肠菌群,"
		"检验机构为七台河市食品检验中心。\n"
		"对上述抽检中发现的不合格产品,当地市场监管部门已依法处置。\n";

	assert_int_equal(import_as(f, csv, &o_county, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 6);
	assert_int_equal(rep.rejected, 0);
	assert_non_null(strstr(qc_buf_str(&rep.mapping), "sentences"));
	qc_sampling_report_release(&rep);
	field_is(f, fields, "product = '豇豆'",
		 "七台河市甲超市|七台河市甲超市||克百威||0");
	field_is(f, fields, "product = '韭菜'",
		 "张三|张三|七台河市孚玉镇某市场12号|腐霉利||0");
	field_is(f, fields, "product = '酸枣糕(原味)'",
		 "七台河市丙食品有限公司|七台河市乙商行||"
		 "山梨酸及其钾盐(以山梨酸计)||0");
	field_is(f, fields, "product = '酸枣糕(甜味)'",
		 "七台河市丙食品有限公司|七台河市乙商行||"
		 "山梨酸及其钾盐(以山梨酸计)||0");
	field_is(f, fields, "product = '桶装饮用水'",
		 "七台河市丁饮用水厂|||铜绿假单胞菌|七台河市食品检验中心|0");
	field_is(f, fields, "product = '复用餐饮具(碗)'",
		 "七台河市戊饭店|七台河市戊饭店||大肠菌群|七台河市食品检验中心|0");
	/* Headings and notes are no rows. */
	field_is(f, "COUNT(*)",
		 "product LIKE '%问题%' OR product LIKE '%上述%'", "0");
}

/* The forms 西藏 and 宁夏 write: the items after the product and 中
 * (食用农产品红鸡蛋中氟苯尼考超标), 样品名称为…的 category, the sampled
 * unit after 在 (在…抽检的), a count of samples (2批次), two sellers in a
 * sentence (海南), and the date the sample was taken. */
static void sentences_of_other_forms(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const struct qc_sampling_import_opts o = { .region = "七台河市",
						   .level = "市" };
	const char *csv =
		"1.七台河市甲超市销售的食用农产品红鸡蛋中氟苯尼考超标,"
		"2024年3月5日抽样。\n"
		"2.七台河市乙蛋糕店生产的样品名称为桃酥的餐饮食品中铝的残留量"
		"(干样品,以Al计)超标,2024年3月6日抽样。\n"
		"3.在七台河市丙饭店抽检的餐具碗(2批次)不合格,不合格项目为"
		"大肠菌群,2024年3月7日抽样。\n"
		"4.七台河市丁蔬菜摊销售的荷兰豆,七台河市戊蔬菜摊销售的食荚豌豆,"
		"多菌灵不符合食品安全国家标准规定,2024年3月8日抽样。\n";

	assert_int_equal(import_as(f, csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 6);
	qc_sampling_report_release(&rep);
	field_is(f, fields, "product = '红鸡蛋'",
		 "七台河市甲超市|七台河市甲超市||氟苯尼考||0");
	field_is(f, fields, "product = '桃酥'",
		 "七台河市乙蛋糕店|||铝的残留量(干样品,以Al计)||0");
	field_is(f, "COUNT(*) || '|' || MIN(failed_items)",
		 "product = '餐具碗'", "2|大肠菌群");
	field_is(f, "sampled_on || '|' || date_precision", "product = '桃酥'",
		 "2024-03-06|day");
	/* Two sellers of one sentence: a row each, the items shared. */
	field_is(f, fields, "product = '荷兰豆'",
		 "七台河市丁蔬菜摊|七台河市丁蔬菜摊||多菌灵||0");
	field_is(f, fields, "product = '食荚豌豆'",
		 "七台河市戊蔬菜摊|七台河市戊蔬菜摊||多菌灵||0");
}

/* A sentence that says a failure but cannot be read (its items run into
 * the product's specification; no product) is said with its line and
 * why, and nothing is written; with --skip-bad the others are, and it is
 * rejected with its reason. */
static void sentence_not_read_is_said(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	char buf[64];
	struct qc_sampling_import_opts o = o_county;
	const char *csv =
		"1.七台河市甲超市销售的豇豆,其中克百威不符合食品安全国家标准规定。\n"
		"2.七台河市乙商行销售的由七台河市丙酒业有限公司生产的样品名称白酒、"
		"规格为500ml/瓶,40%vol的其他酒酒精度不符合产品明示质量要求。\n"
		"3.七台河市丁商店销售的,其中铅不符合食品安全国家标准规定。\n";

	assert_int_equal(import_as(f, csv, &o, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "line 2"));
	assert_non_null(strstr(err.msg, "specification"));
	assert_non_null(strstr(err.msg, "2 such sentences"));
	assert_non_null(strstr(err.msg, "--skip-bad"));
	qc_sampling_report_release(&rep);
	field_of(f, "COUNT(*)", "1 = 1", buf, sizeof(buf));
	assert_string_equal(buf, "0");

	o.skip_bad = true;
	assert_int_equal(import_as(f, csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 1);
	assert_int_equal(rep.rejected, 2);
	assert_int_equal(rep.rows, 3);
	assert_non_null(strstr(qc_buf_str(&rep.rejects), "\"2\",\""));
	assert_non_null(strstr(qc_buf_str(&rep.rejects), "names no product"));
	qc_sampling_report_release(&rep);
	field_is(f, "product || '|' || failed_items", "1 = 1", "豇豆|克百威");
}

/* One sentence, unnumbered, its cells (split at the page's commas) read
 * as a header with the note below it: a sentence, not headings. */
static void sentence_read_as_headings_is_a_sentence(void **state)
{
	struct fixture *f = *state;
	const char *csv =
		"二、不合格产品情况如下:\n"
		"七台河市甲瓜籽厂生产的南瓜子,不合格项目为大肠菌群,检验机构为"
		"七台河市食品检验中心。\n"
		"三、对上述抽检中发现的不合格产品,生产企业所在地监管部门已责令"
		"企业查清产品流向,召回不合格产品,并依法予以查处。\n";

	import_ok(f, csv, &o_county);
	field_is(f, fields, "product = '南瓜子'",
		 "七台河市甲瓜籽厂|||大肠菌群|七台河市食品检验中心|0");
	field_is(f, "COUNT(*)", "1 = 1", "1");
}

/* A headerless list of producer and brand (双联牌, or a short name the
 * producer's name holds: 美乐) under a title naming the product: the
 * rows are of that product, not of their brands. */
static void brand_column_is_no_product(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *csv =
		"2008年复混肥料产品质量国家监督抽查合格产品及其企业名单:\n"
		"江苏美乐肥料有限公司,美乐\n"
		"石家庄双联复合肥有限责任公司,双联牌\n"
		"七台河市甲化工有限公司,振风\n"
		"河南省中原大化集团有限责任公司,中原\n";

	assert_int_equal(import_as(f, csv, &o_county, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 4);
	assert_non_null(strstr(qc_buf_str(&rep.mapping),
			       "column 2 holds brands or trademarks (美乐 …)"));
	qc_sampling_report_release(&rep);
	field_is(f, "COUNT(*) || '|' || MIN(product) || '|' || SUM(passed)",
		 "product = '复混肥料'", "4|复混肥料|4");
}

/* Producer, brand and product with no header, a producer's brand
 * repeated over its products: the product is the product's column. */
static void brand_beside_the_product(void **state)
{
	struct fixture *f = *state;
	const char *csv = "2023年监督抽查合格产品名单\n"
			  "七台河市甲食品有限公司,甲牌,黄豆酱\n"
			  "七台河市甲食品有限公司,甲牌,辣椒酱\n"
			  "七台河市乙调味品厂,乙家,食醋\n"
			  "七台河市丙酿造有限公司,丙泉,酱油\n";

	import_ok(f, csv, &o_county);
	field_is(f, "COUNT(*)",
		 "enterprise_name = '七台河市甲食品有限公司' AND "
		 "product IN ('黄豆酱', '辣椒酱')",
		 "2");
	field_is(f, "product", "enterprise_name = '七台河市乙调味品厂'",
		 "食醋");
	field_is(f, "product", "enterprise_name = '七台河市丙酿造有限公司'",
		 "酱油");
}

/* Brands with no product anywhere: refused, the brands named and what
 * to do said, nothing written; --product gives it. */
static void brands_without_a_product_are_said(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	char buf[64];
	const char *csv = "2008年抽查合格产品及其企业名单:\n"
			  "江苏美乐肥料有限公司,美乐\n"
			  "石家庄双联复合肥有限责任公司,双联牌\n"
			  "七台河市甲化工有限公司,振风\n";

	assert_int_equal(import_as(f, csv, &o_county, &rep, &err), QC_EINVAL);
	assert_non_null(strstr(err.msg, "column 2 holds brands"));
	assert_non_null(strstr(err.msg, "美乐"));
	assert_non_null(strstr(err.msg, "--product"));
	qc_sampling_report_release(&rep);
	field_of(f, "COUNT(*)", "1 = 1", buf, sizeof(buf));
	assert_string_equal(buf, "0");

	/* --product names it: every row of it. */
	struct qc_sampling_import_opts o = o_county;
	o.product = "复混肥料";
	assert_int_equal(import_as(f, csv, &o, &rep, &err), QC_OK);
	assert_int_equal(rep.imported, 3);
	qc_sampling_report_release(&rep);
	field_is(f, "COUNT(*)", "product = '复混肥料'", "3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sentences_read_as_failing_rows,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(sentences_of_other_forms,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(sentence_not_read_is_said,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(
			sentence_read_as_headings_is_a_sentence, fixture_setup,
			fixture_teardown),
		cmocka_unit_test_setup_teardown(brand_column_is_no_product,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(brand_beside_the_product,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(brands_without_a_product_are_said,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
