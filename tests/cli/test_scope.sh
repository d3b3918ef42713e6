#!/usr/bin/env bash
# Write scope on the command line (qcity/scope.h): a value given with
# --reporter, a value import with --reporter and a progress report are
# held to the unit's own targets and tasks, refused whole and changing
# nothing otherwise; and numbers on the command line are read strictly.
. "$(dirname "$0")/lib.sh"

shared_db init
run 0 plan import "$SRC/data/demo/qitaihe.plan.json"

# The repro of issue 12: 市市场监管局 leads no 森林覆盖率 target (市林业局 does).
before=$(db_digest)
run 1 value set 森林覆盖率 230900 2018 3 --reporter 市市场监管局
contains "$errout" "不牵头也不配合指标“森林覆盖率”的任何目标" "foreign indicator named"
[ "$(db_digest)" = "$before" ] || fail "a refused value changed the database"
run 0 value set 森林覆盖率 230900 2018 47.1 --reporter 市林业局
run 0 value set 产品质量监督抽查合格率 七台河市 2019 97.2 --reporter 市市场监管局
# Without --reporter the operator writes anything (as the office would).
run 0 value set 森林覆盖率 230900 2017 46.5
ok "value set --reporter: only the unit's own targets"

cat > mixed.csv <<'CSV'
指标,地区,期间,数值
产品质量监督抽查合格率,230900,2020,97.9
森林覆盖率,230900,2020,3
CSV
before=$(db_digest)
run 1 value import mixed.csv --reporter 市市场监管局
contains "$errout" "第 3 行" "the foreign row's line"
contains "$errout" "森林覆盖率" "the foreign row's indicator"
contains "$errout" "未导入任何内容" "all or nothing said"
[ "$(db_digest)" = "$before" ] || fail "a refused import changed the database"
printf '指标,地区,期间,数值,报送单位\n产品质量监督抽查合格率,230900,2020,97.9,市林业局\n' > other.csv
run 1 value import other.csv --reporter 230900/市市场监管局
contains "$errout" "第 2 行，“reporter”列" "a row for another reporter"
head -2 mixed.csv > own.csv
run 0 value import own.csv --reporter 230900/市市场监管局
contains "$out" "导入 1 个数值" "own rows import"
run 0 audit --entity value --json
contains "$out" '"unit_id\":' "the reporter is recorded"
run 4 value import own.csv --reporter 市不存在局
ok "value import --reporter: each row checked, one foreign row refuses the file"

before=$(db_digest)
run 1 progress add --plan 1 --task '二.(二)' --unit 市市场监管局 --period 2018-H1 --status done
contains "$errout" "不是 市市场监管局 的任务" "foreign task"
[ "$(db_digest)" = "$before" ] || fail "a refused progress report changed the database"
run 0 progress add --plan 1 --task '三.(三)' --unit 市市场监管局 --period 2018-H1 --status in_progress
run 4 progress add --plan 1 --task '九' --unit 市市场监管局 --period 2018-H1 --status done
ok "progress add: only the unit's own (lead or co) tasks"

run 2 progress add --plan "1 OR 1=1" --task '三.(三)' --unit 市市场监管局 --period 2018-H1 --status done
contains "$errout" "--plan：“1 OR 1=1”不是 1 至" "strict --plan"
run 2 sampling list --year "' OR 1=1--"
contains "$errout" "--year" "strict --year"
run 2 sampling list --limit 10abc
run 2 audit --limit 0x10
run 2 tasks --plan 1 --year 20x0
run 2 assess --plan abc --year 2020
ok "numbers on the command line are whole strings in range"

# An office bound to a lower region (a county's office) is made with
# user add --region; admin and viewer are never bound to one.
pw='Zq7#vlm2Rk9!xw'
printf '%s\n' "$pw" | "$QCITY" user add qth-office --role office --region 七台河市 --password-stdin >/dev/null 2>"$WORK/err" || fail "office with a region: $(cat "$WORK/err")"
run 0 --json user list
[ "$(printf '%s' "$out" | jq -r '.[] | select(.name == "qth-office") | .region')" = 230900 ] || fail "the office's region: $out"
printf '%s\n' "$pw" | "$QCITY" user add any-office --role office --password-stdin >/dev/null || fail "an office without a region"
run 0 --json user list
[ "$(printf '%s' "$out" | jq -r '.[] | select(.name == "any-office") | .region')" = null ] || fail "an office without a region got one: $out"
before=$(db_digest)
printf '%s\n' "$pw" | "$QCITY" user add a-viewer --role viewer --region 七台河市 --password-stdin >/dev/null 2>"$WORK/err"
[ $? -eq 3 ] || fail "a viewer with --region was not refused as bad input"
contains "$(cat "$WORK/err")" "--region" "the refusal names the option"
[ "$(db_digest)" = "$before" ] || fail "a refused user add changed the database"
ok "user add: offices bound to a region, viewers never"
