/* Task kinds (docs/extraction.md, task kinds): the outline headings that
 * are no work item — the catalogue of non-work headings and everything
 * below them, and pure group headings — are sections; the rest items. */
#include "extract_test.h"

/* The kind of the task with key, failing when there is none. */
static enum qc_task_kind kind_of(const struct qc_plan *p, const char *key)
{
	for (size_t i = 0; i < p->n_tasks; i++)
		if (!strcmp(p->tasks[i].key, key))
			return p->tasks[i].kind;
	fail_msg("no task '%s'", key);
	return QC_TASK_ITEM;
}

static size_t count_kind(const struct qc_plan *p, enum qc_task_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_tasks; i++)
		n += p->tasks[i].kind == k;
	return n;
}

/* Seed 002 (西安): 32 headings, 16 of them work items. */
static void check_xian(const struct qc_plan *p)
{
	static const char *const sections[] = {
		"一",        "二",        "二.(一)",   "二.(二)",
		"二.(二).1", "二.(二).2", "二.(二).3", "二.(二).4",
		"二.(二).5", "三",        "四",        "四.(一)",
		"四.(二)",   "四.(三)",   "四.(四)",   "五",
	};
	assert_int_equal(p->n_tasks, 32);
	for (size_t i = 0; i < sizeof(sections) / sizeof(*sections); i++)
		if (kind_of(p, sections[i]) != QC_TASK_SECTION)
			fail_msg("%s should be a section", sections[i]);
	assert_int_equal(count_kind(p, QC_TASK_SECTION), 16);
	assert_int_equal(count_kind(p, QC_TASK_ITEM), 16);
	/* The work: 三's ten tasks and 五's six measures. */
	assert_int_equal(kind_of(p, "三.(一)"), QC_TASK_ITEM);
	assert_int_equal(kind_of(p, "三.(十)"), QC_TASK_ITEM);
	assert_int_equal(kind_of(p, "五.(一)"), QC_TASK_ITEM);
	assert_int_equal(kind_of(p, "五.(六)"), QC_TASK_ITEM);
}

static void seed_002(void **state)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	char path[4096];
	(void)state;
	snprintf(path, sizeof(path), "%s/seeds/002_c01f17d03d4ebd28.txt",
		 getenv("QCITY_DATA"));
	assert_int_equal(qc_extract_file(path, NULL, &p, &err), QC_OK);
	check_xian(&p);
	qc_plan_release(&p);
}

/* Traditional script, joined catalogue words, a contents line, and
 * headings that merely contain a catalogue word. */
static void catalogue(void **state)
{
	struct qc_plan p;
	(void)state;
	run("一、總體要求\n(一)指導思想\n以質量為核心。\n"
	    "二、指导思想、基本原则和发展目标\n"
	    "三、实施步骤和时间安排........12\n"
	    "四、明确质量发展六大目标\n"
	    "五、加强目标责任督查。各部门定期报送。\n"
	    "六、总体要求和目标任务\n",
	    &p);
	assert_int_equal(kind_of(&p, "一"), QC_TASK_SECTION);
	assert_int_equal(kind_of(&p, "一.(一)"), QC_TASK_SECTION);
	assert_int_equal(kind_of(&p, "二"), QC_TASK_SECTION);
	assert_int_equal(kind_of(&p, "三"), QC_TASK_SECTION);
	assert_int_equal(kind_of(&p, "四"), QC_TASK_ITEM);
	assert_int_equal(kind_of(&p, "五"), QC_TASK_ITEM);
	assert_int_equal(kind_of(&p, "六"), QC_TASK_ITEM);
	qc_plan_release(&p);
}

/* A group heading is a section only with nothing of its own: text after
 * its title, owners or a due date keep it an item; a heading without
 * children is an item however bare. */
static void groups(void **state)
{
	struct qc_plan p;
	(void)state;
	run("一、工作任务\n(一)开展质量提升行动\n"
	    "二、提升工程质量。加强监督检查。\n(一)开展质量通病治理\n"
	    "三、加强标准化(市市场监管局负责)\n(一)制定地方标准\n"
	    "四、完善检测平台,2019年底前完成\n(一)建设检测中心\n"
	    "五、加强宣传\n",
	    &p);
	assert_int_equal(kind_of(&p, "一"), QC_TASK_SECTION);
	assert_int_equal(kind_of(&p, "一.(一)"), QC_TASK_ITEM);
	assert_int_equal(kind_of(&p, "二"), QC_TASK_ITEM);
	assert_int_equal(kind_of(&p, "三"), QC_TASK_ITEM);
	assert_int_equal(kind_of(&p, "四"), QC_TASK_ITEM);
	assert_int_equal(kind_of(&p, "五"), QC_TASK_ITEM);
	qc_plan_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seed_002),
		cmocka_unit_test(catalogue),
		cmocka_unit_test(groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
