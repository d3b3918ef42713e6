#!/usr/bin/env bash
# The special-equipment register on the command line (docs/equipment.md):
# import (all or nothing, again without duplicates), inspections, the
# overdue list in Chinese with place names, the figures of a year, an
# accident, and a plan indicator bound to a measure and kept current.
. "$(dirname "$0")/lib.sh"

shared_db init
export QCITY_NOW=2024-12-31

cat > register.csv <<'CSV'
注册代码,设备类别,使用单位,统一社会信用代码,使用登记日期,下次检验日期,设备状态,状态日期
3110230903001,电梯,某小区物业服务中心,,2015-03-02,2024-03-01,在用,
2110230903002,锅炉,某热电厂,,2010/5/6,2024-04-01,在用,
4110230903003,起重机械,某机械厂,,2012年1月9日,2024-06-01,报废,2024-05-01
2310230903004,压力容器,某化工厂,,2018-08-08,2024-07-01,在用,
CSV
run 0 --json equipment import register.csv --region 桃山区
[ "$(printf '%s' "$out" | jq -c '[.added, .updated, .unchanged]')" = "[4,0,0]" ] || fail "added: $out"
run 0 --json equipment import register.csv --region 桃山区
[ "$(printf '%s' "$out" | jq -c '[.added, .updated, .unchanged]')" = "[0,0,4]" ] || fail "a second import changes nothing: $out"
[ "$(db_sql "SELECT COUNT(*) FROM equipment")" = 4 ] || fail "no duplicates"
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'equipment' AND action = 'insert'")" = 4 ] || fail "each unit audited once"

# A bad row refuses the whole file, naming its line and field.
printf '注册代码,设备类别,使用单位\n9001,电梯,甲\n9002,拖拉机,乙\n' > bad.csv
before=$(db_digest)
run 3 equipment import bad.csv --region 桃山区
contains "$errout" "第 3 行" "the bad row's line"
contains "$errout" "设备类别" "the bad field"
contains "$errout" "未导入任何内容" "nothing imported"
[ "$(db_digest)" = "$before" ] || fail "a refused import wrote rows"
run 3 equipment import register.csv --region 七台河市
contains "$errout" "不是县级" "a prefecture registers no equipment"
ok "equipment import: all or nothing, idempotent on $DB_BACKEND"

run 0 equipment inspect 3110230903001 2024-02-20 --result 合格 --next 2025-03-01
contains "$out" "已记录" "an inspection recorded, in Chinese"
run 0 equipment inspect 2110230903002 2024-04-15 --result 合格 --next 2025-04-15
run 3 equipment inspect 2110230903002 2024-04-10 --result 合格 --next 2025-04-10
contains "$errout" "早于" "an inspection before the last one"
run 3 equipment inspect 2110230903002 2024-05-10 --result 也许 --next 2025-05-10
run 4 equipment inspect 9999 2024-05-10 --result 合格 --next 2025-05-10

run 0 equipment list --overdue --region 七台河市
line=$(printf '%s\n' "$out" | grep 2310230903004)
contains "$line" "桃山区" "the county by its name"
contains "$line" "压力容器" "the category by its name"
contains "$line" "逾期 183 天" "days overdue"
case "$out" in *3110230903001*|*4110230903003*) fail "only the overdue unit: $out";; esac
run 0 --json equipment list
[ "$(printf '%s' "$out" | jq -r '.[0].code')" = 2310230903004 ] || fail "overdue first: $out"
[ "$(printf '%s' "$out" | jq -r '.[0].category')" = pressure_vessel ] || fail "codes in --json: $out"
ok "equipment list --overdue on $DB_BACKEND"

run 0 --json equipment figures --region 七台河市 --year 2024
[ "$(printf '%s' "$out" | jq -c '[.in_use, .due, .on_time, .overdue]')" = "[3,3,1,1]" ] || fail "figures: $out"
awk -v v="$(printf '%s' "$out" | jq .inspection_rate)" 'BEGIN { exit !(v > 33.33 && v < 33.34) }' || fail "rate 1/3: $out"
run 0 equipment figures --region 七台河市 --year 2024
contains "$out" "定期检验率" "figures in Chinese"
ok "equipment figures on $DB_BACKEND"

cat > plan.json <<'JSON'
{"format": "qcity-plan/1", "plan": {"title": "七台河市质量强市实施方案", "region": {"code": "230900", "name": "七台河市"}, "period": {"start": 2024, "end": 2025}, "status": "active"},
 "goals": [{"key": "g1", "domain": "product", "name": "特种设备安全"}],
 "targets": [{"goal": "g1", "indicator": "特种设备定期检验率", "op": ">=", "value": 98, "unit": "%", "year": 2025, "owners": ["市市场监管局"]},
             {"goal": "g1", "indicator": "万台特种设备事故起数", "op": "<=", "value": 0.2, "unit": "起", "year": 2025, "owners": ["市市场监管局"]}]}
JSON
run 0 plan import plan.json
run 3 equipment bind 特种设备定期检验率 --measure speed
run 0 equipment bind 特种设备定期检验率 --measure inspection_rate
run 0 equipment bind 万台特种设备事故起数 --measure accidents_per_10k
value() {
	db_sql "SELECT value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.name = '$1' AND v.region_code = '$2' AND v.period = '2024'"
}
awk -v v="$(value 特种设备定期检验率 230900)" 'BEGIN { exit !(v > 33.33 && v < 33.34) }' || fail "bound rate at the city"
awk -v v="$(value 万台特种设备事故起数 230903)" 'BEGIN { exit !(v != "" && v + 0 == 0) }' || fail "no accidents yet"
run 0 equipment accident 2024-08-01 --region 桃山区 --code 3110230903001 --deaths 0 --injuries 1
awk -v v="$(value 万台特种设备事故起数 230903)" 'BEGIN { exit !(v + 0 > 3333.33 && v + 0 < 3333.34) }' || fail "kept current by the accident: $(value 万台特种设备事故起数 230903)"
# A unit registered late is re-imported stopped before its due date:
# no longer due, and the bound rate follows.
printf '注册代码,设备类别,使用单位,下次检验日期,设备状态,停用日期\n2310230903004,压力容器,某化工厂,2024-07-01,停用,2024-06-15\n' > stop.csv
run 0 equipment import stop.csv --region 桃山区
contains "$out" "更新 1" "one unit updated"
awk -v v="$(value 特种设备定期检验率 230900)" 'BEGIN { exit !(v + 0 == 50) }' || fail "rate after the stop: $(value 特种设备定期检验率 230900)"
run 0 equipment list --overdue
contains "$out" "没有逾期" "no overdue units left"
ok "equipment bind keeps plan indicators current on $DB_BACKEND"
