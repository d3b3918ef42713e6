#!/usr/bin/env bash
# The traceability register on the command line (docs/traceability.md):
# import of a platform's export (all or nothing, again without
# duplicates, exit 3 with the line and field, the accepted categories
# listed), the list as of a date with stable codes in --json, the figures
# of a region with the coverage of above-scale food producers, and a plan
# indicator bound to a figure and kept current.
. "$(dirname "$0")/lib.sh"

shared_db init
export QCITY_NOW=2024-06-30

# 甲 and 乙 make food above scale; 丙 sells it (not a producer).
cat > ent.csv <<'CSV'
企业名称,统一社会信用代码,地区,行业,规模
甲食品公司,91230902MA0000015C,新兴区,食品制造业,规模以上
乙肉制品公司,91230903MA0000023M,桃山区,农副食品加工业,规模以上
丙超市,91230903MA0000031G,桃山区,食品销售,规模以上
CSV
run 0 enterprise import ent.csv

cat > trace.csv <<'CSV'
追溯平台,主体名称,统一社会信用代码,主体类型,行业类别,追溯产品,追溯产品数,入驻日期,状态
省食品安全追溯平台,甲食品公司,91230902MA0000015C,生产,食品,月饼,3,2023-03-01,正常
省食品安全追溯平台,甲食品公司,91230902MA0000015C,生产,食品,糕点,2,2024-02-01,正常
省食品安全追溯平台,丙超市,91230903MA0000031G,经营,食品,,10,2023-01-01,正常
国家农产品质量安全追溯管理信息平台,庚合作社,,生产经营,农产品,大米,,2024/4/1,正常
重要产品追溯平台,辛农资店,,经营,农资,,5,2021-01-01,注销
CSV
run 0 --json traceability import trace.csv --region 桃山区
[ "$(printf '%s' "$out" | jq -c '[.added, .updated, .unchanged]')" = "[5,0,0]" ] || fail "added: $out"
run 0 traceability import trace.csv --region 桃山区
contains "$out" "5 条未变" "a second import changes nothing, said in Chinese"
[ "$(db_sql "SELECT COUNT(*) FROM trace_enrolments")" = 5 ] || fail "no duplicates"
[ "$(db_sql "SELECT region_code FROM trace_enrolments WHERE product = '月饼'")" = 230902 ] || fail "the enterprise's county"
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'traceability' AND action = 'insert'")" = 5 ] || fail "each row audited once"

# A bad row refuses the whole file, naming its line and field.
before=$(db_digest)
printf '追溯平台,主体名称,主体类型,行业类别,入驻日期\nP,甲,生产,食品,2024-01-01\nP,乙,生产,食品,上月\n' > bad.csv
run 3 traceability import bad.csv --region 桃山区
contains "$errout" "第 3 行" "the bad row's line"
contains "$errout" "入驻日期" "the bad field"
contains "$errout" "未导入任何内容" "nothing imported"
printf '追溯平台,主体名称,主体类型,行业类别,入驻日期\nP,甲,生产,服装,2024-01-01\n' > cat.csv
run 3 traceability import cat.csv --region 桃山区
contains "$errout" "行业类别" "the unknown category's field"
contains "$errout" "农业生产资料" "the accepted categories listed"
printf '追溯平台,主体名称,主体类型,行业类别,入驻日期\nP,甲,生产,食品,2024-01-01\n' > nocounty.csv
run 3 traceability import nocounty.csv
contains "$errout" "--region" "a subject with no county asks for --region"
[ "$(db_digest)" = "$before" ] || fail "a refused import wrote rows"
ok "traceability import: all or nothing, idempotent on $DB_BACKEND"

run 0 --json traceability list --region 七台河市
[ "$(printf '%s' "$out" | jq -c '[.[].subject_name]')" = '["丙超市","甲食品公司","甲食品公司","庚合作社","辛农资店"]' ] || fail "order: $out"
[ "$(printf '%s' "$out" | jq -c '[.[0].category, .[0].subject_type, .[3].subject_type, .[4].status]')" = '["food","trader","producer","cancelled"]' ] || fail "codes: $out"
run 0 traceability list --state cancelled
contains "$out" "辛农资店" "deregistered"
contains "$out" "已注销" "the status in Chinese"
run 0 --json traceability list --category 食用农产品 --as-of 2024-03-31
[ "$(printf '%s' "$out" | jq -c 'length')" = 0 ] || fail "庚 enrolled in April: $out"
run 2 traceability list --as-of 明天
run 3 traceability list --state paused
run 3 traceability list --category 服装
ok "traceability list on $DB_BACKEND"

run 0 --json traceability figures --region 七台河市
[ "$(printf '%s' "$out" | jq -c '[.subjects, .lines, .products, .by_category.food.subjects, .by_category.edible_agri.products, .cancelled, .food_coverage.producers, .food_coverage.covered, .food_coverage.rate]')" = "[3,4,16,2,1,1,2,1,50]" ] || fail "figures: $out"
run 0 --json traceability figures --region 新兴区
[ "$(printf '%s' "$out" | jq -c '.food_coverage.rate')" = 100 ] || fail "新兴区: $out"
run 0 traceability figures --region 七台河市
contains "$out" "规模以上食品生产企业" "figures in Chinese"
contains "$out" "1/2" "the numerator and denominator"
run 2 traceability figures --as-of 2024-11-01
run 4 traceability figures --region 火星市
ok "traceability figures on $DB_BACKEND"

cat > plan.json <<'JSON'
{"format": "qcity-plan/1", "plan": {"title": "七台河市质量强市实施方案", "region": {"code": "230900", "name": "七台河市"}, "period": {"start": 2024, "end": 2025}, "status": "active"},
 "goals": [{"key": "g1", "domain": "food", "name": "食品安全"}],
 "targets": [{"goal": "g1", "indicator": "规模以上食品生产企业追溯体系覆盖率", "op": ">=", "value": 100, "unit": "%", "year": 2025, "owners": ["市市场监管局"]}]}
JSON
run 0 plan import plan.json
run 3 traceability bind 规模以上食品生产企业追溯体系覆盖率 --measure speed
run 0 traceability bind 规模以上食品生产企业追溯体系覆盖率 --measure food_coverage
contains "$out" "追溯登记" "bound, said in Chinese"
value() {
	db_sql "SELECT value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.name = '$1' AND v.region_code = '$2' AND v.period = '2024'"
}
[ "$(value 规模以上食品生产企业追溯体系覆盖率 230900 | cut -d. -f1)" = 50 ] || fail "bound value: $(value 规模以上食品生产企业追溯体系覆盖率 230900)"
printf '追溯平台,主体名称,统一社会信用代码,主体类型,行业类别,追溯产品,入驻日期\n国家农产品质量安全追溯管理信息平台,乙肉制品公司,91230903MA0000023M,屠宰,食用农产品,猪肉,2024-05-10\n' > more.csv
run 0 traceability import more.csv
[ "$(value 规模以上食品生产企业追溯体系覆盖率 230900 | cut -d. -f1)" = 100 ] || fail "value after the import: $(value 规模以上食品生产企业追溯体系覆盖率 230900)"
ok "traceability bind keeps plan indicators current on $DB_BACKEND"
