/* Demo sampling results: a published-style table per region and year,
 * imported through the real importer, so the demo's pass-rate targets are
 * computed the way real ones are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/demo.h"
#include "qcity/followup.h"
#include "qcity/model.h"
#include "qcity/rng.h"
#include "qcity/sampling.h"
#include "qcity/strbuf.h"
#include "qcity/uscc.h"
#include "banned.h"

#define ENTERPRISES_PER_REGION 25

static const struct {
	const char *product, *spec, *failed;
} products[] = {
	{ "电线电缆", "BV 2.5mm²", "导体电阻" },
	{ "儿童服装", "110cm", "纤维含量" },
	{ "复合肥料", "40kg", "总养分" },
	{ "燃气灶具", "JZT-2", "热效率" },
	{ "家用电冰箱", "BCD-215", "能效等级" },
	{ "建筑用钢筋", "HRB400 Φ12", "屈服强度" },
	{ "食用植物油", "5L", "酸价" },
	{ "白酒", "500ml 52%vol", "酒精度" },
	{ "电动自行车", "TDT-48V", "制动性能" },
	{ "水泥", "P.O 42.5", "3天抗压强度" },
	{ "塑料管材", "dn110", "纵向回缩率" },
	{ "插头插座", "10A 250V", "防触电保护" },
};
#define N_PRODUCTS (sizeof(products) / sizeof(products[0]))

static const char *const trade[] = { "恒达", "鑫源", "宏发", "金泰", "华宇",
				     "永盛", "天成", "瑞丰", "联合", "兴隆" };
static const char *const kind[] = { "电缆", "服饰", "化肥", "厨具", "电器",
				    "钢铁", "粮油", "酒业", "车业", "建材" };

/* Record a step `after` days (plus up to `spread`) after `from`. */
static enum qc_rc step(struct qc_store *s, int64_t id, const char *name,
		       long *from, long after, long spread, int passed,
		       struct qc_rng *rng, const char *actor,
		       struct qc_error *err)
{
	char date[11];
	*from += after +
		 (long)(qc_rng_next(rng) % (unsigned long long)(spread + 1));
	qc_date_from_days(*from, date);
	return qc_followup_record(s, id, name, date, passed, actor, err);
}

/* Most follow-ups of past results were carried through; some were not,
 * so the board shows what an office really faces. Steps dated in the
 * future are not recorded. */
static enum qc_rc demo_followups(struct qc_store *s, struct qc_rng *rng,
				 const char *actor, struct qc_error *err)
{
	struct qc_followup_list l;
	long today = qc_today_days();
	enum qc_rc rc = qc_followup_board(s, NULL, false, &l, err);

	for (size_t i = 0; !rc && i < l.n; i++) {
		int64_t id = l.v[i].result_id;
		long day;
		qc_date_days(l.v[i].notified_on, &day);
		if (day + 200 > today || qc_rng_next(rng) % 100 >= 92)
			continue;
		if ((rc = step(s, id, "ordered", &day, 16, 8, -1, rng, actor,
			       err)))
			break;
		long ordered = day;
		if (qc_rng_next(rng) % 100 < 90 &&
		    (rc = step(s, id, "corrected", &day, 40, 18, -1, rng, actor,
			       err)))
			break;
		day = ordered;
		bool ok = qc_rng_next(rng) % 100 < 85;
		if ((rc = step(s, id, "reinspected", &day, 60, 14, ok, rng,
			       actor, err)) ||
		    ok)
			continue;
		if ((rc = step(s, id, "published", &day, 5, 9, -1, rng, actor,
			       err)))
			break;
		rc = step(s, id, "second", &day, 60, 25,
			  qc_rng_next(rng) % 100 < 70, rng, actor, err);
	}
	qc_followup_list_release(&l);
	return rc;
}

enum qc_rc qc_demo_sampling(struct qc_store *s, const char *const *regions,
			    size_t n_regions, int first_year, int last_year,
			    int per_year, unsigned long seed, const char *actor,
			    size_t *count, struct qc_error *err)
{
	struct qc_rng rng;
	struct qc_buf csv;
	enum qc_rc rc = QC_OK;
	int seq = 0;

	*count = 0;
	qc_rng_seed(&rng, seed, 3);
	qc_buf_init(&csv, 0);
	qc_buf_adds(
		&csv,
		"序号,产品名称,规格型号,生产日期或批号,（标称）生产企业名称,"
		"统一社会信用代码,所在地,抽查时间,检验结论,不合格项目,承检机构\n");
	for (size_t g = 0; g < n_regions; g++) {
		struct qc_region reg;
		if ((rc = qc_region_get(s, regions[g], &reg, err)))
			goto out;
		/* Each region improves at its own pace from its own start. */
		double pass = qc_rng_uniform(&rng, 0.86, 0.94);
		double gain = qc_rng_uniform(&rng, 0, 0.025);
		for (int y = first_year; y <= last_year; y++) {
			for (int i = 0; i < per_year; i++) {
				unsigned e = (unsigned)(qc_rng_next(&rng) %
							ENTERPRISES_PER_REGION);
				size_t p = qc_rng_next(&rng) % N_PRODUCTS;
				bool ok = qc_rng_uniform(&rng, 0, 1) < pass;
				int lot = 1 + (int)(qc_rng_next(&rng) % 6);
				int month = 3 + (int)(qc_rng_next(&rng) % 9);
				int day = 1 + (int)(qc_rng_next(&rng) % 28);
				char code[QC_USCC_LEN + 1];
				qc_uscc_make(reg.code,
					     (unsigned long)g * 1000 + e + 1,
					     code);
				/* The name follows the enterprise, so one code
				 * keeps one name. */
				qc_buf_addf(&csv,
					    "%d,%s,%s,%d-%02d,%s%s%s有限公司,%s,"
					    "%s,%d-%02d-%02d,%s,%s,%s质量检验所\n",
					    ++seq, products[p].product,
					    products[p].spec, y, lot, reg.name,
					    trade[e % 10],
					    kind[(e / 10 + e * 3) % 10], code,
					    reg.code, y, month, day,
					    ok ? "合格" : "不合格",
					    ok ? "/" : products[p].failed,
					    reg.name);
			}
			pass = pass + gain > 0.995 ? 0.995 : pass + gain;
		}
		qc_region_release(&reg);
	}
	struct qc_sampling_import_opts o = { .level = "municipal",
					     .source = "demo" };
	struct qc_sampling_report rep;
	rc = qc_sampling_import(s, csv.buf, csv.len, "demo-sampling.csv", &o,
				actor, &rep, err);
	*count = rep.imported;
	qc_sampling_report_release(&rep);
	if (!rc)
		rc = demo_followups(s, &rng, actor, err);
out:
	qc_buf_release(&csv);
	return rc;
}
