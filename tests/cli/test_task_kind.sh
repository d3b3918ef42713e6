#!/usr/bin/env bash
# Task kinds through the command line (docs/plan-format.md `tasks`): the
# 西安 seed's outline headings extracted as sections, counted nowhere by
# `tasks`, refused by `progress add`, carried by export and `plan edit`.
. "$(dirname "$0")/lib.sh"

shared_db init
run 0 plan extract "$SRC/data/seeds/002_c01f17d03d4ebd28.txt" --json
printf '%s' "$out" > p.json
python3 -c '
import json, sys
t = json.load(open("p.json"))["tasks"]
k = {x["key"]: x["kind"] for x in t}
assert len(t) == 32, len(t)
assert sum(v == "section" for v in k.values()) == 16, k
assert k["一"] == k["二.(二).3"] == k["四.(四)"] == k["三"] == "section", k
assert k["三.(一)"] == k["五.(六)"] == "item", k' || fail "extracted kinds"
run 0 plan import p.json
contains "$out" "16 项任务，另有 16 个提纲标题" "the import counts items and headings apart"

# The totals count the 16 work items; the headings stay as lines.
run 0 tasks --plan 1
contains "$out" "16 项：" "tasks counts items only"
contains "$out" "一 指导思想" "a section shown as a heading"
run 0 tasks --plan 1 --json
printf '%s' "$out" | python3 -c '
import json, sys
t = json.load(sys.stdin)["tasks"]
s = [x for x in t if x["kind"] == "section"]
assert len(s) == 16 and all(x["state"] is None for x in s), s
assert all(x["state"] for x in t if x["kind"] == "item")' || fail "tasks json"

# No progress on a heading: exit 3, nothing written.
run 0 unit add 市质监局 --region 西安市
run 3 progress add --plan 1 --task 一 --unit 市质监局 --period 2014-H1 --status done
contains "$errout" "提纲标题" "section refused in Chinese"
[ "$(db_sql 'SELECT COUNT(*) FROM progress_reports')" = 0 ] || fail "report written on a section"

# Export writes the kind; the office makes a heading an item.
run 0 plan export 1 --output e.json
python3 -c '
import json
k = {x["key"]: x["kind"] for x in json.load(open("e.json"))["tasks"]}
assert k["二"] == "section" and k["三.(二)"] == "item", k' || fail "export kinds"
run 0 plan edit 1 task set 五 --kind item
run 0 tasks --plan 1
contains "$out" "17 项：" "an edited heading counted"
run 3 plan edit 1 task set 五 --kind heading
run 0 plan diff 1 1 2
contains "$out" "section → item" "diff names the kind"
ok "task kinds"
