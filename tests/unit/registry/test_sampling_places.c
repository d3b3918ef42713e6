/* A producer's county from a word opening its name (sampling_place.c):
 * a county's short name (长安, 和平, 沾化, 兴城) is taken only with a
 * second signal (its province or prefecture written before it, a
 * prefecture-level --region or address holding it); alone it is no
 * place, and 市政/市场/市民 are never a county-level city's 市; a
 * branch is where its own name places it. Hand-made tables. */
#include "testutil.h"
#include "sampling_util.h"

/* Counties whose short names are words (长安, 和平) or open a word
 * (兴城市政), in four provinces; two 和平区, 天津's and 沈阳's. */
static void divisions(struct fixture *f)
{
	add_divisions(
		f, "p",
		"[{\"code\":\"61\",\"name\":\"陕西省\"},"
		"{\"code\":\"12\",\"name\":\"天津市\"},"
		"{\"code\":\"21\",\"name\":\"辽宁省\"},"
		"{\"code\":\"37\",\"name\":\"山东省\"}]",
		"[{\"code\":\"6101\",\"name\":\"西安市\",\"provinceCode\":\"61\"},"
		"{\"code\":\"1201\",\"name\":\"市辖区\",\"provinceCode\":\"12\"},"
		"{\"code\":\"2101\",\"name\":\"沈阳市\",\"provinceCode\":\"21\"},"
		"{\"code\":\"2114\",\"name\":\"葫芦岛市\",\"provinceCode\":\"21\"},"
		"{\"code\":\"3716\",\"name\":\"滨州市\",\"provinceCode\":\"37\"},"
		"{\"code\":\"3713\",\"name\":\"临沂市\",\"provinceCode\":\"37\"}]",
		"[{\"code\":\"610116\",\"name\":\"长安区\",\"cityCode\":\"6101\","
		"\"provinceCode\":\"61\"},"
		"{\"code\":\"120101\",\"name\":\"和平区\",\"cityCode\":\"1201\","
		"\"provinceCode\":\"12\"},"
		"{\"code\":\"210102\",\"name\":\"和平区\",\"cityCode\":\"2101\","
		"\"provinceCode\":\"21\"},"
		"{\"code\":\"211481\",\"name\":\"兴城市\",\"cityCode\":\"2114\","
		"\"provinceCode\":\"21\"},"
		"{\"code\":\"371621\",\"name\":\"惠民县\",\"cityCode\":\"3716\","
		"\"provinceCode\":\"37\"},"
		"{\"code\":\"371603\",\"name\":\"沾化区\",\"cityCode\":\"3716\","
		"\"provinceCode\":\"37\"},"
		"{\"code\":\"371328\",\"name\":\"蒙阴县\",\"cityCode\":\"3713\","
		"\"provinceCode\":\"37\"}]");
}

/* The region each product's row was given, one line per product:
 * "product=code"; every wrong one said before the test fails. */
static void regions_are(struct fixture *f, const char *const *want, size_t n)
{
	int wrong = 0;

	for (size_t i = 0; i < n; i++) {
		char where[128], buf[64];
		const char *eq = strchr(want[i], '=');
		snprintf(where, sizeof(where), "product = '%.*s'",
			 (int)(eq - want[i]), want[i]);
		field_of(f, "region_code", where, buf, sizeof(buf));
		if (strcmp(buf, eq + 1)) {
			print_error("%s: %s, not %s\n", where, buf, eq + 1);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

#define FAILED_LIST                            \
	"不合格产品及企业名单,,,,\n" \
	"企业名称,企业地址,品名,生产日期,不合格项目\n"

/* A county's short name opening a name, and nothing else saying where
 * the producer is: the --region's province (the authority's), never
 * that county. 长安福特… is 重庆's; 和平食品… any 和平's. */
static void short_name_alone_is_no_county(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .level = "省", .date = "2021" };
	static const char *const shaanxi[] = { "轿车=610000" },
				 *const tianjin[] = { "糕点=120000" },
				 *const shandong[] = { "蜜枣=370000" };

	divisions(f);
	o.region = "陕西省";
	import_ok(f, FAILED_LIST "长安福特汽车有限公司,,轿车,2021-03-01,标志\n",
		  &o);
	regions_are(f, shaanxi, 1);
	o.region = "天津市";
	import_ok(f, FAILED_LIST "和平食品有限公司,,糕点,2021-03-02,菌落总数\n",
		  &o);
	regions_are(f, tianjin, 1);
	o.region = "山东省";
	import_ok(f, FAILED_LIST "沾化乙食品有限公司,,蜜枣,2021-03-03,标签\n",
		  &o);
	regions_are(f, shandong, 1);
}

/* 市政, 市场, 市民 are words of their own: 兴城市政… and 兴城市场… name
 * no 兴城市, in a list of another province's or of its own; a
 * county-level city's short name alone (兴城某…) is none either; written
 * in full (兴城市某…) it is. */
static void shi_of_a_word_is_no_city(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "天津市",
					     .level = "省",
					     .date = "2021" };
	static const char *const tianjin[] = { "砖=120000", "围栏=120000",
					       "卡片=120000", "水泥=211481" },
				 *const liaoning[] = { "管材=210000",
						       "井盖=210000",
						       "面粉=210000",
						       "板材=211481" };

	divisions(f);
	import_ok(f,
		  FAILED_LIST "兴城市政建材有限公司,,砖,2021-04-01,强度\n"
			      "兴城市场设施有限公司,,围栏,2021-04-02,尺寸\n"
			      "兴城市民卡服务有限公司,,卡片,2021-04-03,标识\n"
			      "兴城市甲水泥厂,,水泥,2021-04-04,强度\n",
		  &o);
	regions_are(f, tianjin, 4);
	o.region = "辽宁省";
	import_ok(f,
		  FAILED_LIST "兴城市政管道有限公司,,管材,2021-04-05,尺寸\n"
			      "兴城市政设施厂,,井盖,2021-04-06,承载\n"
			      "兴城乙面粉厂,,面粉,2021-04-07,灰分\n"
			      "兴城市丙板材厂,,板材,2021-04-08,甲醛\n",
		  &o);
	regions_are(f, liaoning, 4);
}

/* The short name with a second signal keeps its county: its province
 * (山东惠民…) or prefecture (滨州沾化…, 沈阳和平…) written before it,
 * a prefecture-level --region holding it (蒙阴… under 临沂市, 和平… under
 * 沈阳市), or an address at the prefecture holding it (滨州市…). */
static void short_name_with_a_second_signal(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "山东省",
					     .level = "省",
					     .date = "2021" };
	static const char *const shandong[] = { "香油=371621", "枣=371603",
						"阿胶枣=371603" },
				 *const linyi[] = { "柴油=371328" },
				 *const liaoning[] = { "饼干=210102" },
				 *const shenyang[] = { "月饼=210102" };

	divisions(f);
	import_ok(f,
		  FAILED_LIST "山东惠民甲油脂有限公司,,香油,2021-05-01,酸值\n"
			      "滨州沾化乙食品有限公司,,枣,2021-05-02,标签\n"
			      "沾化丙食品有限公司,滨州市黄河路1号,阿胶枣,"
			      "2021-05-03,霉菌\n",
		  &o);
	regions_are(f, shandong, 3);
	o.region = "临沂市";
	o.level = "市";
	import_ok(f, FAILED_LIST "蒙阴丁加油站,,柴油,2021-05-04,闪点\n", &o);
	regions_are(f, linyi, 1);
	o.region = "辽宁省";
	o.level = "省";
	import_ok(f, FAILED_LIST "沈阳和平戊食品厂,,饼干,2021-05-05,酸价\n",
		  &o);
	regions_are(f, liaoning, 1);
	o.region = "沈阳市";
	o.level = "市";
	import_ok(f, FAILED_LIST "和平己食品厂,,月饼,2021-05-06,过氧化值\n",
		  &o);
	regions_are(f, shenyang, 1);
}

/* A branch (…有限公司宜春购物中心) is where its own name places it, not
 * where its company's is; a branch named by its street (…公司中山路店)
 * or by its number (…第一分公司) is the company's. */
static void branch_placed_by_its_own_name(void **state)
{
	struct fixture *f = *state;
	struct qc_sampling_import_opts o = { .region = "江西省",
					     .level = "省",
					     .date = "2022" };
	static const char *const want[] = { "茄子=360900", "生姜=360100",
					    "大米=360100", "香蕉=360100" };

	add_divisions(
		f, "p",
		"[{\"code\":\"36\",\"name\":\"江西省\"},"
		"{\"code\":\"44\",\"name\":\"广东省\"}]",
		"[{\"code\":\"3601\",\"name\":\"南昌市\",\"provinceCode\":\"36\"},"
		"{\"code\":\"3609\",\"name\":\"宜春市\",\"provinceCode\":\"36\"},"
		"{\"code\":\"4420\",\"name\":\"中山市\",\"provinceCode\":\"44\"}]",
		"[]");
	import_ok(f,
		  FAILED_LIST
		  "南昌市甲商场有限公司宜春购物中心,,茄子,2022-03-01,镉\n"
		  "南昌市乙超市有限公司中山路店,,生姜,2022-03-02,铅\n"
		  "南昌市丙百货有限公司第一分公司,,大米,2022-03-03,镉\n"
		  "南昌市丁果业有限公司,,香蕉,2022-03-04,噻虫胺\n",
		  &o);
	regions_are(f, want, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(short_name_alone_is_no_county,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(shi_of_a_word_is_no_city,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(short_name_with_a_second_signal,
						fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(branch_placed_by_its_own_name,
						fixture_setup,
						fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
