#!/usr/bin/env bash
# The metrology register on the command line (docs/metrology.md): import
# (all or nothing, again without duplicates), verifications with the
# certificate's date or the office's period, the overdue and failed
# lists in Chinese as of a date, the figures of a year, and plan
# indicators bound to 受检率 and kept current.
. "$(dirname "$0")/lib.sh"

shared_db init
export QCITY_NOW=2024-12-31

cat > register.csv <<'CSV'
器具编号,器具名称,规格型号,出厂编号,用途,使用单位,有效期至,器具状态,状态日期
JL001,电子计价秤,ACS-15,1001,贸易结算,某农贸市场,2024-03-01,在用,
JL002,燃油加油机,DJY-2,1002,贸易结算,某加油站,2024/4/1,在用,
JL003,压力表,Y-100,1003,安全防护,某锅炉房,2024年6月1日,报废,2024-05-01
JL004,血压计,XJ11,1004,医疗卫生,某卫生院,2024-07-01,在用,
CSV
run 0 --json metrology import register.csv --region 桃山区
[ "$(printf '%s' "$out" | jq -c '[.added, .updated, .unchanged]')" = "[4,0,0]" ] || fail "added: $out"
run 0 metrology import register.csv --region 桃山区
contains "$out" "4 台件未变" "a second import changes nothing, said in Chinese"
[ "$(db_sql "SELECT COUNT(*) FROM metrology_instruments")" = 4 ] || fail "no duplicates"
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'metrology' AND action = 'insert'")" = 4 ] || fail "each instrument audited once"

# A bad row refuses the whole file, naming its line and field.
printf '器具编号,器具名称,使用单位,有效期至\n9001,电子秤,甲,2025-01-01\n9002,电子秤,乙,明年\n' > bad.csv
before=$(db_digest)
run 3 metrology import bad.csv --region 桃山区
contains "$errout" "第 3 行" "the bad row's line"
contains "$errout" "有效期至" "the bad field"
contains "$errout" "未导入任何内容" "nothing imported"
printf '器具编号,器具名称,使用单位\n' > empty.csv
run 3 metrology import empty.csv --region 桃山区
contains "$errout" "没有数据行" "headings alone import nothing"
[ "$(db_digest)" = "$before" ] || fail "a refused import wrote rows"
run 3 metrology import register.csv --region 七台河市
contains "$errout" "不是县级" "a prefecture keeps no record"
ok "metrology import: all or nothing, idempotent on $DB_BACKEND"

run 0 metrology verify JL001 2024-02-20 --result 合格 --next 2025-03-01 --certificate JD-1
contains "$out" "已记录" "a verification recorded, in Chinese"
run 0 metrology verify JL002 2024-04-15 --result 合格 --next 2025-04-15
run 3 metrology verify JL002 2024-04-10 --result 合格 --next 2025-04-10
contains "$errout" "早于" "a verification before the last one"
# No date and no period for the kind: refused, never assumed.
run 3 metrology verify JL004 2024-12-20 --result 合格
contains "$errout" "血压计" "the kind without a period"
run 0 metrology period 血压计 --months 12 --basis 检定规程（测试）
run 0 --json metrology verify JL004 2024-12-20 --result 合格
[ "$(db_sql "SELECT next_due FROM metrology_instruments WHERE code = 'JL004'")" = 2025-12-20 ] || fail "the office's period gave the date"
run 0 metrology verify JL001 2024-12-30 --result 不合格
run 4 metrology verify NOPE 2024-05-10 --result 合格 --next 2025-05-10
ok "metrology verify on $DB_BACKEND"

run 0 metrology list --failed --region 七台河市
line=$(printf '%s\n' "$out" | grep JL001)
contains "$line" "桃山区" "the county by its name"
contains "$line" "不得使用" "a failed instrument may not be used"
run 0 metrology list --overdue --on 2025-04-16
contains "$out" "JL002" "past its date on the day asked"
contains "$out" "逾期 1 天" "days overdue on that day"
run 0 metrology list --overdue --on 2025-04-15
case "$out" in *JL002*) fail "not overdue on its last valid day: $out";; esac
run 2 metrology list --overdue --on 明天
run 0 --json metrology list
[ "$(printf '%s' "$out" | jq -r '.[0].code')" = JL001 ] || fail "failed first: $out"
[ "$(printf '%s' "$out" | jq -r '.[0].failed')" = true ] || fail "failed in --json: $out"
ok "metrology list --overdue/--failed on $DB_BACKEND"

run 0 --json metrology figures --region 七台河市 --year 2024
[ "$(printf '%s' "$out" | jq -c '[.in_use, .due, .on_time, .verified, .passed, .failed]')" = "[3,3,1,4,3,1]" ] || fail "figures: $out"
awk -v v="$(printf '%s' "$out" | jq .verification_rate)" 'BEGIN { exit !(v > 33.33 && v < 33.34) }' || fail "rate 1/3: $out"
run 0 metrology figures --region 七台河市 --year 2024
contains "$out" "受检率" "figures in Chinese"
ok "metrology figures on $DB_BACKEND"

cat > plan.json <<'JSON'
{"format": "qcity-plan/1", "plan": {"title": "七台河市质量强市实施方案", "region": {"code": "230900", "name": "七台河市"}, "period": {"start": 2024, "end": 2025}, "status": "active"},
 "goals": [{"key": "g1", "domain": "infrastructure", "name": "计量基础"}],
 "targets": [{"goal": "g1", "indicator": "强制检定计量器具受检率", "op": ">=", "value": 95, "unit": "%", "year": 2025, "owners": ["市市场监管局"]}]}
JSON
run 0 plan import plan.json
run 3 metrology bind 强制检定计量器具受检率 --measure speed
run 0 metrology bind 强制检定计量器具受检率 --measure verification_rate
value() {
	db_sql "SELECT value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.name = '$1' AND v.region_code = '$2' AND v.period = '2024'"
}
awk -v v="$(value 强制检定计量器具受检率 230900)" 'BEGIN { exit !(v > 33.33 && v < 33.34) }' || fail "bound rate at the city"
# A new instrument due in October and never verified: the rate follows.
printf '器具编号,器具名称,使用单位,有效期至\nJL005,电子计价秤,某超市,2024-10-01\n' > more.csv
run 0 metrology import more.csv --region 桃山区
awk -v v="$(value 强制检定计量器具受检率 230900)" 'BEGIN { exit !(v + 0 == 25) }' || fail "rate after the import: $(value 强制检定计量器具受检率 230900)"
ok "metrology bind keeps plan indicators current on $DB_BACKEND"
