#!/usr/bin/env bash
# One language for users (issue 16): the human output of the main
# commands, and their errors, is Simplified Chinese whatever LANG says;
# --lang en / QCITY_LANG=en switch to English; --json keeps the codes.
# A word of 2+ ASCII letters outside tests/i18n-allow.txt is untranslated
# English and fails the test.
. "$(dirname "$0")/lib.sh"
export LANG=en_US.UTF-8 LC_ALL=
unset QCITY_LANG
# The actor is data the audit and versions show: a name people use.
export QCITY_USER=测试员

# english TEXT WHAT: fail naming every ASCII word not allowed in TEXT.
english() {
	printf '%s' "$1" | python3 -c '
import re, sys
allow = {l.strip() for l in open(sys.argv[1], encoding="utf-8")
         if l.strip() and not l.startswith("#")}
text = sys.stdin.read()
# What people type stays ASCII: commands, options, KEY=VALUE settings.
text = re.sub(r"`[^`]*`|--[a-z-]+|qcity( [a-z]+){1,3}|\b[a-z]+:[A-Z]+|\b[a-z_]+=", " ", text)
# Words only: a code with digits (a credit code, 2019-H1) is data.
bad = sorted({w for w in re.findall(r"(?<![A-Za-z0-9_.-])[A-Za-z]{2,}(?![A-Za-z0-9_])", text)
              if w not in allow})
for w in bad:
    line = next(l for l in text.splitlines() if re.search(r"\b%s\b" % w, l) or w in l)
    print("%s  in: %s" % (w, line.strip()[:160]))
sys.exit(1 if bad else 0)' "$SRC/tests/i18n-allow.txt" >"$WORK/bad" ||
		fail "$2 reads English: $(cat "$WORK/bad")"
}

run 0 demo --force
# The human output of the commands the office uses every week and year.
for cmd in "status" "status --plan 1 --regions" "tasks --plan 1 --year 2020" \
	   "alerts --plan 1 --all" "assess --plan 1 --year 2020" "plan list" \
	   "plan show 1" "plan versions 1" "plan thresholds 1" "unit list" \
	   "indicator list" "sampling rates --region 230900" \
	   "sampling followup" "sampling lists --region 640502" \
	   "enterprise check 91350100M000100Y43" \
	   "index qitaihe-quality --year 2019" "doc list" \
	   "doc generate progress --plan 1 --period 2020-H1" "doc list" \
	   "doc show 1" "supervision list" "publish list" "remind config" \
	   "remind log" "award list" "credit list black" "credit list red --all" \
	   "user token list" "complaint list" "complaint hotspots 2020-06" \
	   "accountability list" "region list 230900" "calendar day 2020-10-01"; do
	# shellcheck disable=SC2086
	run 0 $cmd
	english "$out$errout" "qcity $cmd"
done
# Periods in the reasons as people say them (2020年10月), not as codes.
run 0 alerts --plan 1 --all
missing=$(printf '%s\n' "$out" | grep "仍未报送" | head -1)
contains "$missing" "年" "missing reports named by month"
! printf '%s\n' "$out" | grep "仍未报送" | grep -Eq '[0-9]{4}-(H|Q)?[0-9]{1,2}、' || fail "a period code in a reason: $missing"
# plan extract writes the plan (JSON) out and its report to people.
run 0 plan extract "$SRC/tests/data/plans/d05_jiujiang_2024.txt"
contains "$errout" "目录中没有" "plan extract reports in zh"
english "$errout" "qcity plan extract (report)"
run 0 sampling bind 产品质量监督抽查合格率
english "$out" "qcity sampling bind"
# The special-equipment register (docs/equipment.md): import, an
# inspection, the lists and the figures, and an import refused.
printf '注册代码,设备类别,使用单位,下次检验日期\n3110230903001,电梯,某物业,2020-01-01\n2110230903002,锅炉,某厂,2030-01-01\n' > 设备登记.CSV
run 0 equipment import 设备登记.CSV --region 桃山区
english "$out" "qcity equipment import"
for cmd in "equipment list --overdue" "equipment list --region 七台河市" \
	   "equipment figures --region 七台河市 --year 2020"; do
	# shellcheck disable=SC2086
	run 0 $cmd
	english "$out$errout" "qcity $cmd"
done
run 0 equipment inspect 3110230903001 2020-01-05 --result 合格 --next 2021-01-05
english "$out" "qcity equipment inspect"
run 0 equipment accident 2020-02-02 --region 桃山区 --deaths 0 --injuries 1
english "$out" "qcity equipment accident"
run 0 equipment bind 特种设备万台死亡率 --measure deaths_per_10k
english "$out" "qcity equipment bind"
printf '注册代码,设备类别,使用单位\n9,拖拉机,某厂\n' > 坏的.CSV
run 3 equipment import 坏的.CSV --region 桃山区
english "$errout" "qcity equipment import (refused)"
run 3 equipment inspect 2110230903002 2020-01-05 --result 合格
english "$errout" "qcity equipment inspect (no next date)"
# The metrology register (docs/metrology.md): the same, and a refusal.
printf '器具编号,器具名称,用途,使用单位,有效期至\nJL1,电子计价秤,贸易结算,某市场,2020-01-01\nJL2,血压计,医疗卫生,某医院,2030-01-01\n' > 计量器具.CSV
run 0 metrology import 计量器具.CSV --region 桃山区
english "$out" "qcity metrology import"
run 0 metrology verify JL2 2020-01-05 --result 不合格
english "$out" "qcity metrology verify"
run 0 metrology period 电子计价秤 --months 12 --basis 检定规程
english "$out" "qcity metrology period"
for cmd in "metrology list --overdue" "metrology list --failed" \
	   "metrology list --region 七台河市" \
	   "metrology figures --region 七台河市 --year 2020"; do
	# shellcheck disable=SC2086
	run 0 $cmd
	english "$out$errout" "qcity $cmd"
done
run 0 metrology bind 计量器具强制检定率 --measure verification_rate
english "$out" "qcity metrology bind"
printf '器具编号,器具名称,使用单位,用途\n9,电子秤,某厂,好玩\n' > 坏的计量.CSV
run 3 metrology import 坏的计量.CSV --region 桃山区
english "$errout" "qcity metrology import (refused)"
run 3 metrology verify JL1 2020-01-05 --result 合格 --next 2019-01-01
english "$errout" "qcity metrology verify (date before)"
# user list: the first column is the demo's account names (data).
run 0 user list
english "$(printf '%s\n' "$out" | cut -c14-)" "qcity user list"
# Help: the synopses are what people type; the descriptions are Chinese.
run 0 help
contains "$out" "用法：qcity" "help in zh"
contains "$out" "创建或升级数据库" "command descriptions in zh"
contains "$out" "退出码" "exit codes in zh"
run 0 alerts --plan 1
contains "$out" "（领导小组办公室）" "alerts name the office in Chinese brackets"
# A long target name whole, the row continued under its columns.
run 0 plan show 1
contains "$out" "县(区)政府具备有机产品认证示范区省级创建条件" "plan show: a long name not cut"
run 0 status --plan 5
contains "$out" "重点领域消费品与国家、国际标准一致性程度" "status: a long name not cut"
run 0 assess --plan 1 --year 1999
contains "$errout" "1999 年不在计划 1 的期限（2017–2020 年）内" "assess outside the plan's period says so"
english "$errout" "qcity assess --plan 1 --year 1999"
ok "the main commands print Chinese"

# Errors people meet, from the library, the command line and the store.
for c in "3 value set 产品质量监督抽查合格率 230900 2020 130" \
	 "4 value set 不存在的指标 230900 2019 1" \
	 "3 value set 森林覆盖率 230900 2019-13 1" \
	 "3 value set 森林覆盖率 230900 2019 九十" \
	 "4 plan show 99" "3 enterprise check 91350100M000100Y44" \
	 "2 计划" "2 plan show 1 --bogus" "2 status --plan x" \
	 "1 progress add --plan 1 --task 二.(一).2 --unit 市市场监管局 --period 2020 --status done" \
	 "3 progress add --plan 1 --task 二.(一).1 --unit 市市场监管局 --period 2020年 --status done" \
	 "3 progress add --plan 1 --task 一 --unit 市市场监管局 --period 2020 --status done"; do
	# shellcheck disable=SC2086
	run $c
	[ -n "$errout" ] || fail "qcity ${c#* } said nothing"
	english "$errout" "qcity ${c#* }"
done
# The registries' errors name their fields, not the API's codes.
code=$(db_sql "SELECT uscc FROM enterprises ORDER BY uscc LIMIT 1")
for c in "3 complaint add 某店 过期食品 --region 七台河市 --received 2020-01-02" \
	 "3 complaint add 某店 过期食品 --region 新兴区 --received 2020-13-02" \
	 "3 credit grade $code --as-of 2020-13-01" "4 supervision show 99" \
	 "3 supervision list --state 待办" "2 credit report $code --out r.txt" \
	 "3 complaint hotspots 2020-13"; do
	# shellcheck disable=SC2086
	run $c
	english "$errout" "qcity ${c#* }"
done
run 0 enterprise show "$code"
english "$out" "qcity enterprise show"
ok "errors are Chinese"

# The status column in zh; the codes stay in --json, with the label beside.
run 0 status --plan 1
contains "$out" "进展有限" "status column in zh"
case "$out" in *limited_progress*) fail "a status code in the table";; esac
run 0 --json status --plan 1
printf '%s' "$out" | python3 -c '
import json, sys
rows = json.load(sys.stdin)[0]["targets"]
labels = {"met": "已达标", "on_track": "进展顺利", "acceleration_needed": "需加快推进",
          "limited_progress": "进展有限", "deteriorating": "出现倒退", "no_data": "暂无数据"}
for r in rows:
    assert r["status"] in labels, r
    assert r["status_label"] == labels[r["status"]], r
    assert r["reason_code"] in ("ratio", "met", "no_value", "one_value", "no_base",
        "trend", "base_at_required", "due_at_base_trend", "no_event", "events",
        "trend_one_value", "trend_crosses_zero", "due_at_base_crosses_zero"), r
assert any(r["reason_code"] == "ratio" and r["reason"].startswith("实际增速为所需增速的 ") and "倍（R）：" in r["reason"] and "年均" in r["reason"] for r in rows)
# Periods in reasons as people read them (2020年), not codes (2020).
import re
for r in rows:
    assert not re.search(r"（\d{4}(-\d\d)?）", r["reason"]), r["reason"]
assert any(re.search(r"（\d{4}年(\d{1,2}月)?）", r["reason"]) for r in rows)
' || fail "status --json: codes and labels"
ok "status names in zh, codes in --json"

# English on request, by option or environment; an unknown language is a
# usage error rather than a silent fallback.
run 0 --lang en status --plan 1
contains "$out" "limited progress" "--lang en"
contains "$out" "indicator" "--lang en headings"
QCITY_LANG=en run 0 status --plan 1
contains "$out" "limited progress" "QCITY_LANG=en"
QCITY_LANG=en run 3 value set 产品质量监督抽查合格率 230900 2020 130
contains "$errout" "is out of the indicator's range" "QCITY_LANG=en errors"
LANG=zh_CN.UTF-8 LANGUAGE=en run 0 status --plan 1
contains "$out" "进展有限" "zh_CN whatever LANGUAGE says"
run 2 --lang xx plan list
contains "$errout" "zh_CN or en" "unknown language"
ok "--lang en and QCITY_LANG=en give English"
