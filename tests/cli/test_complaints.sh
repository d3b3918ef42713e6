#!/usr/bin/env bash
# The complaint register on the command line: intake, the legal steps,
# deadlines across the 2024 Spring Festival on a fixed today, the alerts
# board, transfer, and personal data masked unless --unmask (audited).
. "$(dirname "$0")/lib.sh"

shared_db init
export QCITY_NOW=2024-02-21
run 0 --json complaint add 某超市 "电热水壶漏电" --region 桃山区 --received 2024-02-08 \
	--name 张三丰 --phone 13812341234 --id-number 230903199001011234 --amount 129.5 --platform-no A1
late=$(printf '%s' "$out" | jq -r .id)
run 0 --json complaint add 某药店 "无证经营" --kind report --region 230902 --received 2024-02-20
report=$(printf '%s' "$out" | jq -r .id)
before=$(db_digest)
run 3 complaint add 某超市 "重复" --region 桃山区 --received 2024-02-08 --platform-no A1
contains "$errout" "A1" "a platform number registered twice is named"
run 3 complaint add 某超市 "x" --region 七台河市 --received 2024-02-08
contains "$errout" "县级" "a prefecture is not a handling regulator"
contains "$errout" "qcity：地区：七台河市" "the field by its name, not its code (region)"
[ "$(db_digest)" = "$before" ] || fail "refused intake changed the database"

run 0 --json complaint list --alerts
[ "$(printf '%s' "$out" | jq 'length')" = 1 ] || fail "one item due within 2 working days: $out"
[ "$(printf '%s' "$out" | jq -r '.[0].due')" = 2024-02-23 ] || fail "acceptance due 23 Feb: $out"
[ "$(printf '%s' "$out" | jq -r '.[0].person_phone')" = "138****1234" ] || fail "phone masked in lists: $out"
case "$out" in *13812341234*|*张三丰*|*199001011234*) fail "personal data in a list: $out";; esac

run 0 complaint show "$late"
contains "$out" "138****1234" "show masks by default"
contains "$out" "投诉（全国12315平台）" "show names the channel"
run 0 --json complaint add 某店 "无证经营" --kind report --region 230902 --received 2024-02-20 --channel web
run 0 complaint show "$(printf '%s' "$out" | jq -r .id)"
contains "$out" "举报（网站）" "show names the channel, not its code"
case "$out" in *"投诉人："*" "$'\n'*|*"举报人："*" "$'\n'*) fail "a blank after the complainant's parts: $out";; esac
audits=$(db_sql "SELECT COUNT(*) FROM audit_log WHERE action = 'view_personal_data'")
run 0 complaint show "$late" --unmask
contains "$out" "13812341234" "--unmask shows the phone"
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE action = 'view_personal_data'")" = $((audits + 1)) ] || fail "an unmasked view was not audited"

run 3 complaint move "$late" mediating --date 2024-02-20
contains "$errout" "accepted" "the steps allowed are named"
# The state it is in by its name, the next ones as typed with their names.
contains "$errout" "从 已登记 转到" "the state it is in, by its name"
contains "$errout" "accepted（" "a step allowed, with its name"
run 0 complaint move "$late" accepted --date 2024-02-20
run 3 complaint move "$late" mediation_ended --date 2024-02-21
contains "$errout" "理由" "ending mediation needs a reason"
run 0 complaint extend "$report" --approver 李局长 --date 2024-02-21
run 0 --json complaint show "$report"
[ "$(printf '%s' "$out" | jq -r .due)" = 2024-04-02 ] || fail "a report extended to 30 working days: $out"
run 0 complaint transfer "$report" 沙坡头区 --date 2024-02-21
run 0 --json complaint show "$report"
[ "$(printf '%s' "$out" | jq -r .region)" = 640502 ] || fail "transferred: $out"
[ "$(db_sql "SELECT COUNT(*) FROM complaint_events WHERE complaint_id = $report")" = 3 ] || fail "events of the report"
ok "complaints: intake, steps, deadlines, masking on $DB_BACKEND"

# A deadline past the last year of the holiday notices is not known: the
# list and the item say so and why, in Chinese; states by their names.
last=$(jq -r '.holidays | keys | max' "$QCITY_CALENDAR" | cut -c1-4)
QCITY_NOW=$last-12-21 run 0 --json complaint add 某商场 "退货纠纷" --region 桃山区 --received "$last-12-18"
edge=$(printf '%s' "$out" | jq -r .id)
QCITY_NOW=$last-12-21 run 0 complaint move "$edge" accepted --date "$last-12-21"
contains "$out" "已受理" "a step is said by the state's name"
QCITY_NOW=$last-12-21 run 0 complaint list
line=$(printf '%s\n' "$out" | grep 某商场)
contains "$line" "待调解 期限未定（节假日数据未覆盖" "the list says the deadline is not known and why"
case "$line" in *"剩 0"*) fail "an unknown deadline shown as 0 days left: $line";; esac
QCITY_NOW=$last-12-21 run 0 complaint show "$edge"
contains "$out" "状态：已受理" "show names the state"
contains "$out" "期限未定" "show says the deadline is not known"

# Figures and a bound indicator, kept current by each step.
run 0 complaint move "$late" mediating --date 2024-02-20
run 3 complaint outcome "$late" --satisfaction 5
contains "$errout" "当前：调解中" "not closed yet: the state by its name"
run 3 complaint transfer "$late" 新兴区
case "$errout" in *mediating*) fail "transfer refused with a state code: $errout";; esac
run 3 complaint move "$late" agreed --date 2024-02-19
contains "$errout" "办理日期：" "a step's date: the field by its name"
run 0 complaint move "$late" agreed --date 2024-02-21
run 0 complaint outcome "$late" --satisfaction 5 --recovered 129.5
run 2 complaint outcome "$late" --satisfaction 7
run 0 complaint figures --year 2024 --region 七台河市
contains "$out" "登记件数：" "figures: the count"
case "$out" in *"登记件数："*.00*) fail "a count shown with decimals: $out";; esac
run 0 --json complaint figures --year 2024 --region 七台河市
[ "$(printf '%s' "$out" | jq -r .accept_on_time)" = 100 ] || fail "accepted on day 8? $out"
[ "$(printf '%s' "$out" | jq -r .mediation_success)" = 100 ] || fail "one agreement of one: $out"
[ "$(printf '%s' "$out" | jq -r .recovered)" = 129.5 ] || fail "recovered: $out"
cat > plan.json <<'JSON'
{"format": "qcity-plan/1", "plan": {"title": "七台河市消费维权工作方案", "region": {"code": "230900", "name": "七台河市"}, "period": {"start": 2024, "end": 2025}, "status": "active"},
 "goals": [{"key": "g1", "domain": "service", "name": "消费维权"}],
 "targets": [{"goal": "g1", "indicator": "投诉调解成功率", "op": ">=", "value": 60, "unit": "%", "year": 2025, "owners": ["市市场监管局"]}]}
JSON
run 0 plan import plan.json
run 4 complaint bind 投诉调解成功率x --measure mediation_success
run 3 complaint bind 投诉调解成功率 --measure speed
run 0 complaint bind 投诉调解成功率 --measure mediation_success
v=$(db_sql "SELECT value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.name = '投诉调解成功率' AND v.region_code = '230900' AND v.period = '2024'")
awk -v v="$v" 'BEGIN { exit !(v != "" && v + 0 == 100) }' || fail "the bound indicator at the city: '$v'"
# The office is told, once, that deadlines run past the notices loaded.
QCITY_NOW=$last-12-21 run 0 --json alerts --plan 1
[ "$(printf '%s' "$out" | jq '[.[] | select(.kind == "calendar_gap")] | length')" = 1 ] || fail "one calendar_gap alert: $out"
contains "$(printf '%s' "$out" | jq -r '.[] | select(.kind == "calendar_gap") | .reason')" "1 件未办结的投诉举报" "the gap counts the item"
ok "complaint figures and a bound indicator on $DB_BACKEND"

# An export of the national platform: headings by synonym, a re-import
# skips what is registered, a bad row refuses the whole file.
cat > export.csv <<'CSV'
工单编号,类型,来源渠道,登记时间,承办区县,被投诉方,诉求内容,投诉人姓名,联系电话,涉及金额
W001,投诉,12315热线,2024-02-19 09:12:00,桃山区,某电器行,空调不制冷,李四,13900001111,3200
W002,举报,互联网,2024/2/20,230902,某饭店,无证经营,,,
W002,举报,互联网,2024/2/20,230902,某饭店,无证经营,,,
CSV
run 0 --json complaint import export.csv
[ "$(printf '%s' "$out" | jq -c '[.added, .skipped]')" = "[2,1]" ] || fail "added and skipped: $out"
run 0 --json complaint import export.csv
[ "$(printf '%s' "$out" | jq -c '[.added, .skipped]')" = "[0,3]" ] || fail "a second import adds nothing: $out"
[ "$(db_sql "SELECT kind || ' ' || channel || ' ' || received_on FROM complaints WHERE platform_no = 'W002'")" = "report web 2024-02-20" ] || fail "W002 read"
printf '工单编号,登记时间,承办区县,被投诉方,诉求内容\nW003,2024-02-19,桃山区,甲,乙\nW004,昨天,桃山区,丙,丁\n' > bad.csv
before=$(db_digest)
run 3 complaint import bad.csv
contains "$errout" "第 3 行" "the bad row's line"
[ "$(db_digest)" = "$before" ] || fail "a refused import wrote rows"
printf '编号,内容\n1,x\n' > nocol.csv
run 3 complaint import nocol.csv
contains "$errout" "登记时间" "the missing column is named"
ok "complaint import: synonyms, idempotent, all or nothing on $DB_BACKEND"

run 0 complaint hotspots 2024-02
contains "$out" "没有风险信号" "a quiet month"
run 3 complaint hotspots 2024-2
ok "hotspots on $DB_BACKEND"

# The overdue board a page at a time: following the cursors gives the
# overdue items of the whole board, each once, by deadline then id.
export QCITY_NOW=2024-06-03
run 0 --json complaint list
want=$(printf '%s' "$out" | jq -c '[.[] | select(.overdue)] | sort_by(.due, .id) | map(.id)')
[ "$(printf '%s' "$want" | jq length)" -ge 2 ] || fail "two overdue items at least: $want"
got='[]' after='' pages=0
while :; do
	if [ -n "$after" ]; then run 0 --json complaint list --overdue --limit 1 --after "$after"
	else run 0 --json complaint list --overdue --limit 1; fi
	[ "$(printf '%s' "$out" | jq .total)" = "$(printf '%s' "$want" | jq length)" ] || fail "total: $out"
	got=$(jq -cn --argjson a "$got" --argjson b "$(printf '%s' "$out" | jq -c '.items | map(.id)')" '$a + $b')
	pages=$((pages + 1))
	after=$(printf '%s' "$out" | jq -r '.next // empty')
	[ -n "$after" ] || break
done
[ "$got" = "$want" ] || fail "the pages $got against the board's overdue $want"
[ "$pages" = "$(printf '%s' "$want" | jq length)" ] || fail "one page an item: $pages"
run 0 complaint list --overdue --limit 1
contains "$out" "--after" "the next page's cursor is shown"
run 2 complaint list --after 2024-01-01.1
run 2 complaint list --overdue --limit 0
run 3 complaint list --overdue --after nonsense
contains "$errout" "YYYY-MM-DD" "a bad cursor says what to give"
ok "complaint list --overdue in pages on $DB_BACKEND"
