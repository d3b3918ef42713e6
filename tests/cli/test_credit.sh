#!/usr/bin/env bash
# Quality credit through the real binary (issue 19): the scheme, a black
# listing and the sanctions check before and after its removal, a food
# penalty that cannot be repaired before a year, lists exported with their
# "as of" date, the awards register feeding the demo plan's 驰名商标
# target, the 岳阳 reward tiers, and the enterprise credit report.
. "$(dirname "$0")/lib.sh"

A=91350100M000100Y43
B=914403001922038216
export QCITY_NOW=2022-03-01
run 0 init
run 0 plan import "$SRC/data/demo/qitaihe.plan.json"
cat > reg.csv <<CSV
统一社会信用代码,企业名称,地区
$A,甲电缆有限公司,桃山区
$B,乙食品有限公司,新兴区
CSV
run 0 enterprise import reg.csv

# No scheme: the check says what to do.
run 4 credit check $A --purpose procurement
contains "$errout" "credit scheme" "no scheme"
run 0 credit scheme
run 0 --json credit scheme;  contains "$out" '"version": "2026-1"' "scheme again"

run 0 --json credit add black $A --ground "《市场监督管理严重违法失信名单管理办法》第九条" --date 2022-03-01 --decision "七市监列严〔2022〕1号"
id=$(printf '%s' "$out" | sed -n 's/.*"id": \([0-9]*\).*/\1/p')
[ -n "$id" ] || fail "no listing id in $out"
run 0 --json credit list black --as-of 2025-02-28
contains "$out" '"public_until": "2025-03-01"' "three years"
contains "$out" '"repair_from": "2023-03-01"' "repair after a year"
run 0 --json credit list black --as-of 2025-03-01;  contains "$out" '"rows": []' "off the list after three years"

run 0 --json credit check $A --purpose procurement --as-of 2022-06-01
contains "$out" '"result": "restricted"' "restricted"
contains "$out" "2022-03-01" "listing date"
contains "$out" "政府采购" "rule"
run 0 --json credit check $B --purpose subsidy --as-of 2022-06-01
contains "$out" '"result": "allowed"' "allowed"
run 3 credit check $A --purpose lunch
[ "$(db_sql 'SELECT COUNT(*) FROM credit_checks')" = 2 ] || fail "checks not logged"

before=$(db_digest)
run 3 credit repair apply "$id" --date 2023-02-28
[ "$(db_digest)" = "$before" ] || fail "refused repair changed the database"
contains "$errout" "2023-03-01" "refused before a year"
run 0 credit repair apply "$id" --date 2023-03-01
run 0 credit repair approve "$id" --date 2023-03-10
run 0 --json credit check $A --purpose procurement --as-of 2023-03-10
contains "$out" '"result": "allowed"' "allowed after removal"
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'credit_listing'")" = 3 ] || fail "listing steps not audited"

# A food penalty from a published list: no repair before a year.
cat > pen.csv <<CSV
行政处罚决定书文号,当事人名称,统一社会信用代码,处罚日期,违法行为,领域
新市监罚〔2022〕5号,乙食品有限公司,$B,2022年3月1日,生产不符合食品安全标准的食品,食品
CSV
run 0 --json credit penalties pen.csv;  contains "$out" '"imported": 1' "penalty import"
run 0 --json credit list penalty --as-of 2022-06-01
contains "$out" '"repair_from": "2023-03-01"' "food: one year"
pid=$(printf '%s' "$out" | sed -n 's/.*"id": \([0-9]*\).*/\1/p' | head -1)
run 3 credit repair apply "$pid" --date 2022-09-01
contains "$errout" "2023-03-01" "food penalty not repaired at six months"
run 0 --json credit grade $B --as-of 2022-06-01
contains "$out" '"grade": "C"' "penalty lowers the grade"
contains "$out" '"rule":' "grade shows its rules"

# Exports carry their "as of" date.
run 0 credit list penalty --as-of 2022-06-01 --out pen-out.csv
grep -q "乙食品有限公司" pen-out.csv || fail "CSV export"
run 0 credit list penalty --as-of 2022-06-01 --out pen-out.xlsx
unzip -p pen-out.xlsx 'xl/sharedStrings.xml' | grep -q "截至 2022-06-01" || fail "XLSX as-of date"
run 0 credit report $B --as-of 2022-06-01 --out report.html
grep -q "企业质量信用报告" report.html || fail "report title"
grep -q "新市监罚" report.html || fail "report listing"
run 2 credit report $B --out report.csv
contains "$errout" "qcity credit report:" "a wrong --out names the report's usage"
contains "$errout" ".pdf、.docx 或 .html" "the report's own formats"
run 0 credit report $B --as-of 2022-06-01 --out report.pdf
[ "$(head -c 4 report.pdf)" = "%PDF" ] || fail "report PDF"

# The awards register feeds the plan's 驰名商标 count target.
cat > tm.csv <<CSV
注册人,统一社会信用代码,商标,年度,地区
甲电缆有限公司,$A,甲牌,2018,桃山区
某某乳业有限公司,,乳牌,2019,七台河市
外地公司,,外牌,2019,广东省
CSV
run 0 --json award import tm.csv --kind 驰名商标;  contains "$out" '"imported": 3' "awards"
run 0 --json award import tm.csv --kind 驰名商标;  contains "$out" '"imported": 0' "re-import adds none"
run 0 --json award feed --plan 1;  contains "$out" '"targets":' "feed"
[ "$(db_sql "SELECT COUNT(*) FROM indicator_values v JOIN targets t ON t.indicator_id = v.indicator_id WHERE t.indicator_text = '中国驰名商标' AND v.source = 'register:awards'")" -ge 2 ] || fail "target not fed"
[ "$(db_sql "SELECT SUM(v.value) FROM indicator_values v JOIN targets t ON t.indicator_id = v.indicator_id WHERE t.indicator_text = '中国驰名商标' AND v.source = 'register:awards'")" = 2.0 ] ||
  [ "$(db_sql "SELECT SUM(v.value) FROM indicator_values v JOIN targets t ON t.indicator_id = v.indicator_id WHERE t.indicator_text = '中国驰名商标' AND v.source = 'register:awards'")" = 2 ] || fail "two holders in 七台河市"

# 岳阳 tiers on a hand-made register and tax file.
cat > yy.csv <<CSV
获奖单位,统一社会信用代码,类别,年度,地区
甲电缆有限公司,$A,湖南名牌,2021,桃山区
乙食品有限公司,$B,湖南省质量管理奖,2021,新兴区
CSV
run 0 award import yy.csv
cat > tax.csv <<CSV
统一社会信用代码,年度,纳税额(万元)
$A,2021,55
$B,2021,95
CSV
run 0 award tax tax.csv
run 0 --json award rewards --year 2021
contains "$out" '"rule": "provincial_brand"' "brand tier"
[ "$(printf '%s' "$out" | grep -c '"eligible": true')" = 1 ] || fail "one eligible: $out"

# People read Chinese: the human output and the errors of the commands.
english() {
	printf '%s' "$1" | python3 -c '
import re, sys
allow = {l.strip() for l in open(sys.argv[1], encoding="utf-8")
         if l.strip() and not l.startswith("#")}
text = re.sub(r"`[^`]*`|--[a-z-]+|qcity( [a-z]+){1,3}|\b[a-z_]+=", " ", sys.stdin.read())
bad = sorted({w for w in re.findall(r"(?<![A-Za-z0-9_.-])[A-Za-z]{2,}(?![A-Za-z0-9_])", text) if w not in allow})
print(" ".join(bad))
sys.exit(1 if bad else 0)' "$SRC/tests/i18n-allow.txt" >"$WORK/bad" || fail "$2 reads English: $(cat "$WORK/bad")"
}
for cmd in "credit grade $B --as-of 2022-06-01" "credit list penalty --as-of 2022-06-01" \
	   "credit check $A --purpose award --as-of 2022-06-01" "award list" "award rewards --year 2021" \
	   "credit candidates --region 七台河市"; do
	# shellcheck disable=SC2086
	run 0 $cmd
	english "$out$errout" "qcity $cmd"
done
run 3 credit repair apply "$pid" --date 2022-09-01;  english "$errout" "repair refused"
run 3 credit check $A --purpose 午餐;  english "$errout" "bad purpose"
run 0 credit check $A --purpose award --as-of 2022-06-01
contains "$out" "$A：" "the verdict after a Chinese colon"
run 3 credit grade $A --as-of 2022-13-01
contains "$errout" "截至日期：" "a bad --as-of: the field by its name"
run 0 award list
contains "$out" " 桃山区 " "award list names the region"
case "$out" in *" 23"[0-9][0-9][0-9][0-9]*) fail "award list shows a region code: $out";; esac
ok "credit commands speak Chinese"

# The demo: the 七台河 plan's 中国驰名商标 target reads the register.
run 0 demo --force
fed=$(db_sql "SELECT COUNT(*), SUM(CASE WHEN v.source = 'register:awards' THEN 1 ELSE 0 END) FROM indicator_values v JOIN targets t ON t.indicator_id = v.indicator_id JOIN plans p ON p.id = t.plan_id WHERE p.id = 1 AND t.indicator_text = '中国驰名商标' AND v.region_code = p.region_code")
[ "${fed%|*}" -ge 3 ] && [ "${fed%|*}" = "${fed#*|}" ] || fail "demo 驰名商标 values not all from the register: $fed"
run 0 --json award list --kind well_known_trademark
contains "$out" '"kind": "well_known_trademark"' "demo register"
ok "the demo's 驰名商标 target reads its values from the awards register"
