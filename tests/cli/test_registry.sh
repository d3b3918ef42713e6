#!/usr/bin/env bash
# Enterprises and sampling results through the real binary: credit codes,
# a published table, bad rows, and a pass-rate target that changes status
# as results arrive.
. "$(dirname "$0")/lib.sh"

run 0 enterprise check 91350100M000100Y43;  contains "$out" "是有效的统一社会信用代码" "real code"
run 0 enterprise check '９１３５０１００Ｍ０００１００Ｙ４３'
run 3 enterprise check 91350100M000100Y44;  contains "$errout" "按代码应为“3”" "check char"
run 3 enterprise check 91350100M000100X43;  contains "$errout" "GB 11714" "org code"

shared_db init
run 0 plan import "$SRC/data/demo/qitaihe.plan.json"

cat > reg.csv <<'CSV'
统一社会信用代码,企业名称,地址,规模,首席质量官
91350100M000100Y43,某某电缆有限公司,桃山区某路1号,规模以上,张三
914403001922038216,某某通信技术有限公司,/,规模以上,/
91330100799655058B,某某网络有限公司,/,中型,/
CSV
before=$(db_digest)
run 3 enterprise import reg.csv;  contains "$errout" "第 4 行" "bad scale line"
contains "$errout" "规模" "bad scale field"
[ "$(db_digest)" = "$before" ] || fail "bad register changed the database"
sed -i 's/中型/规模以下/' reg.csv
run 0 enterprise import reg.csv;  contains "$out" "导入 3 家企业" "register"
run 0 enterprise show 91350100M000100Y43;  contains "$out" "某某电缆有限公司" "show"

# Last year's results first, so the target has a series.
{ echo "产品名称,生产企业名称,抽样日期,检验结论"
  for i in $(seq 1 95); do echo "电线电缆,甲电缆厂,2019-05-01,合格"; done
  for i in 1 2 3 4 5; do echo "电线电缆,乙电缆厂,2019-05-01,不合格"; done; } > q0.csv
run 0 sampling import q0.csv --region 七台河市
# A table as published, with a title row; region from --region.
{ echo "2020年产品质量监督抽查结果,,,,,"
  echo "序号,产品名称,(标称)生产企业名称,抽样日期,检验结论,不合格项目"
  for i in $(seq 1 97); do echo "$i,电线电缆,甲电缆厂,2020-06-01,合格,/"; done
  for i in 98 99 100; do echo "$i,电线电缆,乙电缆厂,2020-06-02,不合格,导体电阻"; done
} > q.csv
run 0 sampling bind 产品质量监督抽查合格率
run 0 sampling import q.csv --region 七台河市 --level 市
contains "$out" "已导入 100 条结果（共 100 条）" "published table"
contains "$errout" "→ 生产企业（--map enterprise=列）" "mapping is shown"
run 0 sampling rates --region 七台河市 --year 2020;  contains "$out" "97.00%" "rate"
# The bound value says where it came from, in Chinese.
[ "$(db_sql "SELECT note FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.name = '产品质量监督抽查合格率' AND v.period = '2020' AND v.region_code = '230900'")" = "抽检结果：100 批次，合格 97 批次" ] || fail "the bound value's note"
run 0 sampling rates --region 230900 --year 2020;  contains "$out" "七台河市 2020" "rates name the place"
QCITY_NOW=2031-06-01 run 0 sampling rates --region 230900
contains "$out" "--year" "no results this year: how to see another"
status_of() {
	"$QCITY" status --plan 1 --json | python3 -c '
import json, sys
rows = json.load(sys.stdin)[0]["targets"]
print([r for r in rows if r["indicator"] == "产品质量监督抽查合格率"][0]["verdict"])'
}
[ "$(status_of)" = "not met" ] || fail "97% should not meet ≥ 98%: $(status_of)"
# More results arrive: 197 of 200 passed is 98.5%.
{ echo "产品名称,生产企业名称,抽样日期,检验结论"
  for i in $(seq 1 100); do echo "电线电缆,甲电缆厂,2020-09-01,合格"; done; } > q2.csv
run 0 sampling import q2.csv --region 七台河市
[ "$(status_of)" = "met" ] || fail "98.5% should meet ≥ 98%: $(status_of)"
sqlite3 "$QCITY_DB" "SELECT note FROM indicator_values WHERE region_code='230900' AND period='2020' AND source='sampling'" | grep -q "抽检结果：200 批次，合格 197 批次" || fail "samples behind the value"

# Bad rows: nothing without --skip-bad; with it, good rows and a rejects file.
{ echo "产品名称,生产企业名称,抽样日期,检验结论"
  echo "水泥,丙厂,2021-03-01,合格"
  echo "水泥,丁厂,2021-13-01,合格"
  echo "水泥,戊厂,2021-03-02,待定"; } > bad.csv
before=$(db_digest)
run 3 sampling import bad.csv --region 七台河市;  contains "$errout" "第 3 行" "bad date line"
[ "$(db_digest)" = "$before" ] || fail "bad sampling table changed the database"
run 0 sampling import bad.csv --region 七台河市 --skip-bad --rejects rej.csv
contains "$out" "已导入 1 条结果（共 3 条）" "skip bad"
grep -q '"3","字段“抽样日期”' rej.csv || fail "rejects file lacks line 3: $(cat rej.csv)"
grep -q '"4","字段“检验结论”' rej.csv || fail "rejects file lacks line 4"
# Unknown headers ask for a mapping; --map gives it.
printf '货品,厂家,判定\n水泥,己厂,合格\n' > odd.csv
run 3 sampling import odd.csv --region 七台河市 --date 2021-05-01;  contains "$errout" "--map" "asks for map"
run 0 sampling import odd.csv --region 七台河市 --date 2021-05-01 --map product=货品 --map enterprise=厂家 --map result=3
# Follow-up of the unqualified results and the list rows.
export QCITY_NOW=2020-07-01
run 0 sampling followup --region 七台河市 --overdue --json
n=$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" -eq 8 ] || fail "expected 8 overdue follow-ups (5 of 2019, 3 of 2020), got $n"
id=$(printf '%s' "$out" | python3 -c 'import json,sys; print([r for r in json.load(sys.stdin) if r["sampled_on"] == "2020-06-02"][0]["result"])')
run 0 sampling record "$id" ordered 2020-06-20
contains "$out" "责令整改（2020-06-20）" "the step recorded, by its name"
case "$out" in *ordered*) fail "sampling record shows the step code: $out";; esac
run 0 sampling followup --json
printf '%s' "$out" | python3 -c "
import json, sys
r = [x for x in json.load(sys.stdin) if x['result'] == $id][0]
assert r['awaiting'] == 're-inspection' and r['due'] == '2020-09-03', r" || fail "deadline after order"
# The board a page at a time: pages put together are the board.
run 0 sampling followup --limit 0 --json
all=$(printf '%s' "$out" | python3 -c 'import json,sys; print(" ".join(str(r["result"]) for r in json.load(sys.stdin)))')
run 0 sampling followup --limit 3
contains "$out" "--after" "a full page says how to get the next"
after=$(printf '%s' "$out" | sed -n 's/.*--after \([0-9-]*,[0-9]*\).*/\1/p')
run 0 sampling followup --limit 3 --json
first=$(printf '%s' "$out" | python3 -c 'import json,sys; print(" ".join(str(r["result"]) for r in json.load(sys.stdin)))')
run 0 sampling followup --limit 0 --after "$after" --json
rest=$(printf '%s' "$out" | python3 -c 'import json,sys; print(" ".join(str(r["result"]) for r in json.load(sys.stdin)))')
[ "$first $rest" = "$all" ] || fail "follow-up pages ($first | $rest) differ from the board ($all)"
# Days late whole (逾期 777 天, not 逾期 777…).
QCITY_NOW=2021-07-01 run 0 sampling followup --limit 3
contains "$out" "逾期 777 天" "days late shown whole"
case "$out" in *"…"*) fail "a cell of the board cut: $out";; esac
# Places by their names, as staff know them.
run 0 sampling list --limit 3
contains "$out" "七台河市" "sampling list names the region"
run 2 sampling followup --after 2020-07-01
run 3 sampling record "$id" reinspected 2020-08-01;  contains "$errout" "需要结果" "outcome needed"
run 0 sampling record "$id" reinspected 2020-08-01 --passed yes
unset QCITY_NOW
run 0 sampling lists --region 七台河市 --year 2020 --years 1
contains "$out" "黑榜 2020" "black list"
contains "$out" "家）" "the count in Chinese brackets"
contains "$out" "个不合格：" "the products failed after a Chinese colon"
contains "$out" "乙电缆厂" "black row"
run 0 sampling lists --region 七台河市 --year 2020 --years 1 --limit 1
contains "$out" "--red-after" "a full red page says how to get the next"
run 2 sampling lists --region 七台河市 --year 2020 --black-after 3
# Tables as published: nothing to write is an error that writes nothing
# (no audit row either); a list of failures; the level said; a --map to
# no column; a missing file named once.
printf '产品名称,生产企业名称,检验结论\n' > empty.csv
before=$(db_digest)
run 3 sampling import empty.csv --region 七台河市 --level 市 --date 2020-07-01;  contains "$errout" "没有结果行" "header only"
printf '产品名称,生产企业名称,抽样日期\n水泥,庚厂,2020-07-01\n' > fails.csv
run 3 sampling import fails.csv --region 七台河市 --level 市 --date 2020-07-01;  contains "$errout" "--all-failed" "asks for --all-failed"
run 3 sampling import fails.csv --region 七台河市 --level 市 --all-failed --map date=20;  contains "$errout" "没有第 20 列" "map to no column"
[ "$(db_digest)" = "$before" ] || fail "a refused sampling import changed the database"
run 0 sampling import fails.csv --region 七台河市 --all-failed
contains "$errout" "每一行都是不合格" "all failed said"
contains "$errout" "抽查级别：市级" "level inferred and said"
run 6 sampling import nothere.csv --region 七台河市
[ "$(printf '%s' "$errout" | grep -o nothere.csv | wc -l)" -eq 1 ] || fail "the path is printed more than once: $errout"
ok "registry"

# Remarks (migration 0030): a 备注 column goes to remarks, shown by
# `sampling list` after the failed items and under --json's "remarks".
printf '产品名称,生产企业名称,抽样日期,检验结论,不合格项目,备注\n插座,辛厂,2022-04-01,不合格,标志,已责令整改\n插头,壬厂,2022-04-02,合格,,\n' > rem.csv
run 0 sampling import rem.csv --region 七台河市 --level 市
contains "$errout" "“备注”→ 备注（--map remarks=列）" "the remarks column is said"
run 0 sampling list --year 2022
contains "$out" "辛厂 · 标志 · 备注：已责令整改" "remarks after the failed items"
run 0 --json sampling list --year 2022
printf '%s' "$out" | jq -e 'map({(.product): .remarks}) | add == {"插座": "已责令整改", "插头": null}' >/dev/null ||
	fail "sampling list --json remarks: $out"
run 0 help sampling
contains "$out" "附不合格项目和备注" "help names the remarks"
ok "remarks"
