#!/usr/bin/env bash
# Collective phrases (各成员单位, 各乡镇, 各县区, 各区县, 有关部门 …) are
# never a unit that is scored (issue 11 part 3): across the five seeds,
# extracted and imported, no unit bears such a name, each such owner stays
# text on its target or task with no unit, and neither the reporting rates
# nor the annual assessment lists one. A unit cannot be added under one.
. "$(dirname "$0")/lib.sh"

shared_db init
n=0
for seed in "$SRC"/data/seeds/0*.txt; do
	run 0 plan extract "$seed" --import
	n=$((n + 1))
done
[ "$(db_sql "SELECT COUNT(*) FROM plans")" = "$n" ] || fail "five seeds imported"

# What a collective phrase looks like (the test's own reading, simpler
# than the library's: every 各… phrase of these documents is one).
collective='^各|成员单位|有关部门|相关部门|有关单位|各乡镇|各县区|各区县'
units=$(db_sql "SELECT name FROM units")
bad=$(printf '%s\n' "$units" | grep -E "$collective" || true)
[ -z "$bad" ] || fail "collective phrases became units: $bad"
owners=$(db_sql "SELECT written || '|' || COALESCE(CAST(unit_id AS TEXT), '-') FROM target_owners
  UNION ALL SELECT written || '|' || COALESCE(CAST(unit_id AS TEXT), '-') FROM task_owners")
texts=$(printf '%s\n' "$owners" | grep -E "$collective" || true)
[ -n "$texts" ] || fail "the seeds name collective owners (各乡镇 in 沙坡头): none kept"
printf '%s\n' "$texts" | grep -qv -- '|-$' && fail "a collective owner got a unit: $texts"
contains "$texts" "各乡镇|-" "各乡镇 kept as text on 沙坡头's tasks"
ok "five seeds: collective owners stay text, no unit"

for id in $(db_sql "SELECT id FROM plans ORDER BY id"); do
	run 0 --json tasks --plan "$id"
	printf '%s' "$out" | python3 -c '
import json, re, sys
d = json.load(sys.stdin)
# Tasks show their owner as written; the units rated are these.
names = [u.get("name") or u.get("unit") for u in d["reporting"]["units"]]
bad = [n for n in names if n and re.search(sys.argv[1], n)]
assert not bad, bad' "$collective" "$id" || fail "plan $id: a collective phrase is rated"
	run 0 --json assess --plan "$id" --year 2020
	printf '%s' "$out" | python3 -c '
import json, re, sys
text = json.dumps(json.load(sys.stdin), ensure_ascii=False)
names = re.findall(r"\"(?:name|subject)\": \"([^\"]*)\"", text)
bad = [n for n in names if re.search(sys.argv[1], n)]
assert not bad, bad' "$collective" || fail "plan $id: a collective phrase is assessed"
done
ok "no collective phrase in reporting or assessment of any seed"

run 3 unit add 各乡镇 --region 沙坡头区
contains "$errout" "不是一个单位" "各乡镇 refused as a unit"
run 3 unit add 各区县政府 --region 640500
run 3 unit add 领导小组各成员单位 --region 640500
ok "a collective phrase cannot be added as a unit"
