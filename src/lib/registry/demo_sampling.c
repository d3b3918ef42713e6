/* Demo sampling results: a published-style table per region and year,
 * imported through the real importer, so the demo's pass-rate targets are
 * computed the way real ones are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/demo.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/strbuf.h"
#include "qcity/uscc.h"
#include "banned.h"

#define ENTERPRISES_PER_REGION 25

static const struct { const char *product, *spec, *failed; } products[] = {
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

static unsigned long next(unsigned long long *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(*s >> 33);
}

enum qc_rc qc_demo_sampling(struct qc_store *s, const char *const *regions,
			    size_t n_regions, int first_year, int last_year,
			    int per_year, unsigned long seed, const char *actor,
			    size_t *count, struct qc_error *err)
{
	unsigned long long rng = seed * 2654435761ULL + 3;
	struct qc_buf csv;
	enum qc_rc rc = QC_OK;
	int seq = 0;

	*count = 0;
	qc_buf_init(&csv, 0);
	qc_buf_adds(&csv, "序号,产品名称,规格型号,生产日期或批号,（标称）生产企业名称,"
		    "统一社会信用代码,所在地,抽查时间,检验结论,不合格项目,承检机构\n");
	for (size_t g = 0; g < n_regions; g++) {
		struct qc_region reg;
		if ((rc = qc_region_get(s, regions[g], &reg, err)))
			goto out;
		/* Each region improves at its own pace from its own start. */
		double pass = 0.86 + (double)(next(&rng) % 80) / 1000.0;
		double gain = (double)(next(&rng) % 25) / 1000.0;
		for (int y = first_year; y <= last_year; y++) {
			for (int i = 0; i < per_year; i++) {
				unsigned long e = next(&rng) % ENTERPRISES_PER_REGION;
				size_t p = next(&rng) % N_PRODUCTS;
				bool ok = (double)(next(&rng) % 1000) / 1000.0 <
					  pass;
				char code[QC_USCC_LEN + 1];
				qc_uscc_make(reg.code, (unsigned long)g * 1000 + e + 1,
					     code);
				qc_buf_addf(&csv, "%d,%s,%s,%d-%02lu,%s%s%s有限公司,%s,"
					    "%s,%d-%02lu-%02lu,%s,%s,%s质量检验所\n",
					    ++seq, products[p].product,
					    products[p].spec, y, 1 + next(&rng) % 6,
					    reg.name, trade[e % 10], kind[e % 10],
					    code, reg.code, y, 3 + next(&rng) % 9,
					    1 + next(&rng) % 28,
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
out:
	qc_buf_release(&csv);
	return rc;
}
