/* Unit tests for the extraction rules (qcity/extract.h) on small plans
 * written for the purpose: ops, units, years, owners, what is not a
 * target, and the plan's head and organisation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "qcity/extract.h"

static struct qc_catalog cat;

static int load_catalog(void **state)
{
	char path[1024];
	const char *dir = getenv("QCITY_DATA");
	struct qc_error err = { 0 };

	(void)state;
	snprintf(path, sizeof(path), "%s/indicators.json", dir ? dir : "data");
	return qc_catalog_load(&cat, path, &err) == QC_OK ? 0 : -1;
}

static int free_catalog(void **state)
{
	(void)state;
	qc_catalog_release(&cat);
	return 0;
}

static void run(const char *text, struct qc_plan *p)
{
	struct qc_error err = { 0 };
	assert_int_equal(qc_extract_buffer(text, strlen(text), "t.txt", &cat, p,
					   &err),
			 QC_OK);
}

/* The n-th target with this value and unit. */
static const struct qc_target *find(const struct qc_plan *p, double v,
				    const char *unit, int nth)
{
	for (size_t i = 0; i < p->n_targets; i++)
		if (p->targets[i].value == v &&
		    !strcmp(p->targets[i].unit, unit) && nth-- == 0)
			return &p->targets[i];
	fail_msg("no target %g %s", v, unit);
	/* fail_msg jumps out, but cmocka does not declare it noreturn: say
	 * so to the analyzer (and never return a NULL to dereference). */
	abort();
}

static void ops_from_direction_words(void **state)
{
	struct qc_plan p;
	(void)state;
	run("二、工作目标\n到2020年,产品质量监督抽查合格率达到98%以上,有害生物成灾率控制在2.7‰以下,"
	    "五大主导产业占GDP比重达到53%左右,城镇居民人均可支配收入与农村居民人均收入控制在2.6∶1以内。"
	    "食品抽检合格率要在上年度的基础上提高2个百分点,生产总值年均增长11%以上,"
	    "单位国内生产总值能耗较2010年下降13%,培育2-3个省级名牌服务企业。"
	    "细颗粒物(PM2.5)年均浓度达到52微克/立方米。\n",
	    &p);
	assert_int_equal(p.n_targets, 9);
	assert_int_equal(find(&p, 98, "%", 0)->op, QC_OP_GE);
	assert_int_equal(find(&p, 2.7, "‰", 0)->op, QC_OP_LE);
	assert_int_equal(find(&p, 53, "%", 0)->op, QC_OP_ABOUT);
	assert_int_equal(find(&p, 2.6, "ratio", 0)->op, QC_OP_LE);
	assert_int_equal(find(&p, 2, "pp", 0)->op, QC_OP_INCREASE);
	assert_true(find(&p, 2, "pp", 0)->baseline_previous);
	assert_int_equal(find(&p, 11, "%", 0)->op, QC_OP_ANNUAL_GROWTH);
	assert_int_equal(find(&p, 13, "%", 0)->op, QC_OP_DECREASE);
	assert_int_equal(find(&p, 13, "%", 0)->baseline_year, 2010);
	assert_int_equal(find(&p, 2, "个", 0)->op, QC_OP_BETWEEN);
	assert_true(find(&p, 2, "个", 0)->value_max == 3);
	assert_int_equal(find(&p, 52, "μg/m3", 0)->op, QC_OP_LE);
	assert_string_equal(find(&p, 52, "μg/m3", 0)->canonical,
			    "PM2.5年均浓度");
	assert_int_equal(find(&p, 98, "%", 0)->year, 2020);
	assert_string_equal(find(&p, 98, "%", 0)->canonical,
			    "产品质量监督抽查合格率");
	qc_plan_release(&p);
}

static void distributive_and_levels(void **state)
{
	struct qc_plan p;
	(void)state;
	run("县、乡公路优良路率分别达到65%和55%,造林成活率和保存率分别提高到85%和80%以上。"
	    "能耗和排放较2010年均下降13%。出口企业产品100%达到国际标准。"
	    "畜禽进点屠宰率:乡镇达到95%、县级100%。\n",
	    &p);
	assert_string_equal(find(&p, 65, "%", 0)->indicator, "县公路优良路率");
	assert_string_equal(find(&p, 55, "%", 0)->indicator, "乡公路优良路率");
	assert_string_equal(find(&p, 80, "%", 0)->indicator, "造林保存率");
	assert_int_equal(find(&p, 80, "%", 0)->op, QC_OP_GE);
	assert_string_equal(find(&p, 13, "%", 1)->indicator, "排放");
	assert_int_equal(find(&p, 100, "%", 0)->op, QC_OP_EQ);
	assert_int_equal(find(&p, 100, "%", 1)->op, QC_OP_GE);
	assert_string_equal(find(&p, 100, "%", 1)->indicator,
			    "县级畜禽进点屠宰率");
	qc_plan_release(&p);
}

static void counts_and_non_targets(void **state)
{
	struct qc_plan p;
	(void)state;
	run("培育中国驰名商标10个、地理标志保护产品1种,建设基地面积90万亩,培育一个示范县。"
	    "拨打12315热线,结合“3·15”活动,依照国务院令第503号,"
	    "纳税200万元以上的企业给予奖励,第一阶段共4个月,PM2.5监测,3C认证,"
	    "分四个阶段进行,每半年报送一次工作总结。\n",
	    &p);
	assert_int_equal(p.n_targets, 4);
	assert_int_equal(find(&p, 10, "个", 0)->op, QC_OP_GE);
	assert_string_equal(find(&p, 10, "个", 0)->indicator, "中国驰名商标");
	assert_int_equal(find(&p, 90, "万亩", 0)->op, QC_OP_GE);
	assert_int_equal(find(&p, 1, "个", 0)->op, QC_OP_GE);
	qc_plan_release(&p);
}

static void owners_with_shared_prefix(void **state)
{
	struct qc_plan p;
	const struct qc_task *t;
	(void)state;
	run("一、重点任务\n(一)开展质量提升行动。推进工作。(责任单位:区发改局、科技局,区市场监督管理分局,各乡镇)\n"
	    "(二)加强计量。森林覆盖率达到20%。(市林业局牵头,市财政局、市科技局配合)\n"
	    "(三)服务。正点率达到85%以上。(市外侨旅游局、交通局、卫计委等部门负责)\n",
	    &p);
	assert_int_equal(p.n_tasks, 4);
	t = &p.tasks[1];
	assert_string_equal(t->key, "一.(一)");
	assert_string_equal(t->parent, "一");
	assert_string_equal(t->title, "开展质量提升行动");
	assert_int_equal(t->owners.n, 4);
	assert_string_equal(t->owners.v[1].written, "科技局");
	assert_string_equal(t->owners.v[1].unit, "区科技局");
	assert_string_equal(t->owners.v[3].unit, "各乡镇");
	t = &p.tasks[2];
	assert_int_equal(t->owners.n, 3);
	assert_int_equal(t->owners.v[0].role, QC_ROLE_LEAD);
	assert_int_equal(t->owners.v[2].role, QC_ROLE_CO);
	assert_int_equal(find(&p, 20, "%", 0)->owners.n, 3);
	assert_string_equal(find(&p, 85, "%", 0)->owners.v[2].written,
			    "卫计委");
	qc_plan_release(&p);
}

/* Owners belong to the clause that names them (docs/units.md); a clause
 * without its own takes the next annotation on the line. */
static void owners_per_clause(void **state)
{
	struct qc_plan p;
	const struct qc_target *t;
	(void)state;
	run("一、主要目标\n到2020年,产品质量监督抽查合格率达到98%以上(市质监局负责);"
	    "铁路客运正点率达到85%以上,公路客运正点率达到90%以上(市交通局负责)。\n"
	    "二、具体目标\n森林覆盖率达到48%,造林成活率达到85%以上。(市林业局负责)\n",
	    &p);
	t = find(&p, 98, "%", 0);
	assert_int_equal(t->owners.n, 1);
	assert_string_equal(t->owners.v[0].unit, "市质监局");
	t = find(&p, 85, "%", 0);
	assert_int_equal(t->owners.n, 1);
	assert_string_equal(t->owners.v[0].unit, "市交通局");
	assert_string_equal(find(&p, 90, "%", 0)->owners.v[0].unit, "市交通局");
	/* One closing list: every target of the paragraph, as before. */
	assert_string_equal(find(&p, 48, "%", 0)->owners.v[0].unit, "市林业局");
	assert_string_equal(find(&p, 85, "%", 1)->owners.v[0].unit, "市林业局");
	/* The annotation's text is no part of a target. */
	assert_null(strstr(find(&p, 98, "%", 0)->text, "负责"));
	qc_plan_release(&p);
}

static void head_group_phases_duties(void **state)
{
	struct qc_plan p;
	(void)state;
	run("七政办规〔2018〕1号\n某市人民政府办公室关于印发《某市质量强市(2017年—2020年)活动实施方案》的通知\n"
	    "某市人民政府办公室\n2018年1月2日\n一、工作步骤\n"
	    "(一)制定方案(2014年2月—5月,共4个月)。\n(二)全面创建(2014年6月—2015年6月)。\n"
	    "二、保障措施\n成立某市质量强市工作领导小组,由市长任组长,市质监局、市财政局等单位负责人为成员,"
	    "领导小组办公室设在市质监局。各成员单位每月报送工作推进情况,每半年报送一次工作总结。"
	    "对年度考核优秀的单位予以通报表彰,对工作不力的单位予以通报批评。\n",
	    &p);
	assert_string_equal(p.doc_number, "七政办规〔2018〕1号");
	assert_string_equal(p.title, "某市质量强市(2017年—2020年)活动实施方案");
	assert_string_equal(p.issuer, "某市人民政府办公室");
	assert_string_equal(p.issue_date, "2018-01-02");
	assert_string_equal(p.region_name, "某市");
	assert_int_equal(p.period_start, 2017);
	assert_int_equal(p.period_end, 2020);
	assert_int_equal(p.n_phases, 2);
	assert_string_equal(p.phases[0].start, "2014-02-01");
	assert_string_equal(p.phases[0].end, "2014-05-31");
	assert_string_equal(p.phases[1].end, "2015-06-30");
	assert_string_equal(p.group.name, "某市质量强市工作领导小组");
	assert_string_equal(p.group.leader, "市长");
	assert_string_equal(p.group.office_host, "市质监局");
	assert_int_equal(p.group.n_members, 2);
	assert_int_equal(p.n_duties, 2);
	assert_int_equal(p.duties[0].kind, QC_REPORT_MONTHLY);
	assert_int_equal(p.duties[1].kind, QC_REPORT_HALF_YEAR);
	assert_int_equal(p.n_rules, 1);
	assert_int_equal(p.n_targets, 0);
	qc_plan_release(&p);
}

static void traditional_keeps_written_text(void **state)
{
	struct qc_plan p;
	(void)state;
	run("產品質量監督抽查合格率達到98%以上,培育省級名牌產品5個。(省質監局負責)\n",
	    &p);
	assert_int_equal(p.n_targets, 2);
	assert_string_equal(p.targets[0].indicator, "產品質量監督抽查合格率");
	assert_string_equal(p.targets[0].canonical, "产品质量监督抽查合格率");
	assert_string_equal(p.targets[1].unit, "个");
	assert_string_equal(p.targets[0].owners.v[0].written, "省質監局");
	qc_plan_release(&p);
}

static void hostile_input(void **state)
{
	struct qc_plan p;
	struct qc_error err = { 0 };
	static const char *const bad[] = {
		"(((((((((((((((((((",
		"到2020年",
		"1.",
		"(一)",
		"一、",
		"达到%",
		"2-",
		"9999999999999999999999999999999%",
		"\xE4\xB8",
		":1",
		"、、、",
		"(责任单位:)",
		"成立领导小组",
		"组 长:",
		"(2014年13月—0月)",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		enum qc_rc rc = qc_extract_buffer(bad[i], strlen(bad[i]), NULL,
						  &cat, &p, &err);
		assert_true(rc == QC_OK || rc == QC_EUNSUPPORTED);
		qc_plan_release(&p);
	}
	assert_int_equal(qc_extract_file("/nonexistent/plan.txt", &cat, &p,
					 &err),
			 QC_EIO);
	qc_plan_release(&p);
}

/* The plan's region is the place the head of its title names, never the
 * programme after it (…深化质量强市…, …品牌强省…), in simplified characters,
 * whole (泉州市, not 泉州), after the notice's 关于印发 and any quote mark. */
static void region_from_the_titles_head(void **state)
{
	static const char *const cases[][2] = {
		{ "九江市深化质量强市建设实施方案\n", "九江市" },
		{ "九江市深化質量強市建設實施方案\n", "九江市" },
		{ "泉州市质量强市建设实施方案\n", "泉州市" },
		{ "關于印發四川省深入推進農產品質量安全省建設行動方案的通知\n",
		  "四川省" },
		{ "关于征求《广州市质量强市建设实施方案》意见的通知\n",
		  "广州市" },
		{ "磐安县2018年质量强县工作行动计划\n", "磐安县" },
		{ "浙江省品牌强省建设规划\n", "浙江省" },
		{ "台州市椒江区品牌强区建设规划\n", "椒江区" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct qc_plan p;
		run(cases[i][0], &p);
		if (!p.region_name || strcmp(p.region_name, cases[i][1]))
			fail_msg("%s: region %s, not %s", cases[i][0],
				 p.region_name ? p.region_name : "(none)",
				 cases[i][1]);
		qc_plan_release(&p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ops_from_direction_words),
		cmocka_unit_test(distributive_and_levels),
		cmocka_unit_test(counts_and_non_targets),
		cmocka_unit_test(owners_with_shared_prefix),
		cmocka_unit_test(head_group_phases_duties),
		cmocka_unit_test(traditional_keeps_written_text),
		cmocka_unit_test(hostile_input),
		cmocka_unit_test(owners_per_clause),
		cmocka_unit_test(region_from_the_titles_head),
	};
	return cmocka_run_group_tests(tests, load_catalog, free_catalog);
}
