#!/usr/bin/env bash
# The demo builds a filled database in one step, reproducibly.
. "$(dirname "$0")/lib.sh"

run 0 demo;  contains "$out" "演示数据库已就绪" "demo"
run 2 demo;  contains "$errout" "--force" "demo refuses to overwrite"
a=$(sqlite3 "$QCITY_DB" "SELECT group_concat(value) FROM (SELECT value FROM indicator_values ORDER BY indicator_id, region_code, period)")
run 0 demo --force
b=$(sqlite3 "$QCITY_DB" "SELECT group_concat(value) FROM (SELECT value FROM indicator_values ORDER BY indicator_id, region_code, period)")
[ -n "$a" ] && [ "$a" = "$b" ] || fail "demo values are not reproducible"
run 0 status
contains "$out" "已达标" "status has verdicts"
n=$(sqlite3 "$QCITY_DB" "SELECT COUNT(DISTINCT region_code) FROM indicator_values")
[ "$n" -ge 3 ] || fail "demo values cover only $n regions"
n=$(sqlite3 "$QCITY_DB" "SELECT COUNT(*) FROM progress_reports")
[ "$n" -gt 0 ] || fail "no demo progress reports"
# The five plan documents were extracted and imported.
run 0 plan list --json
n=$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" -eq 5 ] || fail "demo has $n plans, expected the 5 documents"
run 0 plan show 1
contains "$out" "七政办规〔2018〕1号" "extracted document number"
contains "$out" "市市场监管局" "extracted owner"
# plan compare puts the plans' sampling targets side by side.
run 0 plan compare --json
printf '%s' "$out" | python3 -c '
import json, sys
rows = {r["indicator"]: r["plans"] for r in json.load(sys.stdin)}
p = rows["产品质量监督抽查合格率"]
regions = {e["region"] for e in p}
assert {"七台河市", "西安市", "沙坡头区"} <= regions, regions
qth = [e for e in p if e["region"] == "七台河市"][0]
assert qth["requirement"] == "≥ 98%" and qth["year"] == 2020, qth' || fail "plan compare"
run 0 plan compare
contains "$out" "西安市" "plan compare text"
ok "demo"
