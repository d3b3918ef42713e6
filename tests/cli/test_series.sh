#!/usr/bin/env bash
# Each target its own series (issue 11), through the command line: the
# 七台河 seed extracted and imported, catalogue matches reported, values
# set on one target's series only, ranges refused, links reviewed.
. "$(dirname "$0")/lib.sh"

seed="$SRC/data/seeds/000_da3f1a9ac43ee785.txt"
shared_db init
run 0 plan extract "$seed" --import
contains "$errout" "产品质量监督抽查合格率：完全匹配 → 产品质量监督抽查合格率" "exact match reported"
contains "$errout" "铁路客运、公路长途客运正点率：同义词匹配 → 客运正点率" "synonym match reported"
contains "$errout" "县公路优良路率：目录中没有，作为新指标待办公室确认" "no match reported"
contains "$errout" "指标目录：完全匹配 14 个，同义词匹配 28 个，未匹配 12 个" "match counts"
run 0 --json plan extract "$seed"
printf '%s' "$errout" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read().strip().splitlines()[-1])
assert r["counts"] == {"exact": 14, "synonym": 28, "none": 12}, r["counts"]
m = {x["indicator"]: x for x in r["catalog"]}
assert m["县公路优良路率"]["match"] == "none" and m["县公路优良路率"]["catalog"] is None
assert m["省级名牌服务企业"]["catalog"] == "名牌服务企业数"' || fail "plan extract --json report"

# No two targets of the plan on one series unless they name one indicator.
shared=$(db_sql "SELECT COUNT(*) FROM (SELECT indicator_id FROM targets
  GROUP BY indicator_id HAVING COUNT(DISTINCT indicator_text) > 1) x")
[ "$shared" = 0 ] || fail "$shared series shared by differently named targets"
ok "the 七台河 seed: 54 targets, no series shared"

run 0 value set 县公路优良路率 七台河市 2020 60
run 0 status --plan 1 --json
printf '%s' "$out" | python3 -c '
import json, sys
t = {r["indicator"]: r for r in json.load(sys.stdin)[0]["targets"]}
assert t["县公路优良路率"]["current"] == 60, t["县公路优良路率"]
for other in ("乡公路优良路率", "干线公路优良路率", "高速公路平均优等路率"):
    assert t[other]["current"] is None, (other, t[other])' || fail "one value, one target"
ok "setting 县公路优良路率 leaves 乡/干线/高速"

run 3 value set 县公路优良路率 七台河市 2020 -1e308
contains "$errout" "超出该指标的取值范围 [0, 100]" "rate below 0"
run 3 value set 省级名牌服务企业 七台河市 2020 -2
contains "$errout" "取值范围 [0, +∞]" "negative count"
printf 'indicator,region,period,value\n县公路优良路率,七台河市,2018,58\n乡公路优良路率,七台河市,2018,101\n' > v.csv
run 3 value import v.csv
contains "$errout" "第 3 行" "import names the line"
contains "$errout" "101 超出" "import names the value"

run 0 indicator list --unconfirmed
contains "$out" "县公路优良路率" "unlinked series listed to confirm"
# Columns line up under their headings: the name last, whole.
python3 - "$out" <<'PY' || fail "indicator list: columns not under their headings: $out"
import re, sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = sys.argv[1].splitlines()
col = w(lines[0][:lines[0].index("序列")])
for l in lines[1:]:
    pos = re.match(r"(\S+\s+){5}", l).end()
    assert w(l[:pos]) == col, (l, w(l[:pos]), col)
PY
run 0 indicator link 县公路优良路率 公路优良路率
run 0 indicator list --unconfirmed --json
printf '%s' "$out" | python3 -c '
import json, sys
assert all(x["name"] != "县公路优良路率" for x in json.load(sys.stdin))' || fail "confirmed link still listed"
run 4 indicator link 县公路优良路率 没有这个指标
run 3 indicator unlink 公路优良路率
run 0 audit --entity indicator --json
contains "$out" '"action": "link"' "link audited"
run 0 indicator unlink 县公路优良路率
run 0 indicator list --json
printf '%s' "$out" | python3 -c '
import json, sys
x = {r["name"]: r for r in json.load(sys.stdin)}["县公路优良路率"]
assert x["catalog"] is None and x["max"] == 100 and x["kind"] == "level", x' || fail "unlinked"
ok "links listed, confirmed, refused, cleared, audited"
