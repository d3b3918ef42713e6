#!/usr/bin/env bash
# Working days from the holiday notices: init loads them (run again, it
# leaves them as they are), a legal deadline crosses the 2024 Spring
# Festival and its make-up Sunday, a date past the loaded years is
# refused, and a broken file changes nothing.
. "$(dirname "$0")/lib.sh"

run 0 init
contains "$out" "年节假日安排" "init loads the holiday notices"
# init runs again on every upgrade: the same notices are left as they are.
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'calendar'")" = 1 ] ||
	fail "one audited calendar load after init"
loaded=$(db_sql "SELECT MIN(loaded_at) FROM calendar_years")
run 0 init
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'calendar'")" = 1 ] ||
	fail "a second init reloaded (and audited) the unchanged calendar"
[ "$(db_sql "SELECT MIN(loaded_at) FROM calendar_years")" = "$loaded" ] ||
	fail "a second init rewrote calendar_years"
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'regions'")" = 1 ] ||
	fail "a second init reloaded (and audited) the unchanged regions"
[ "$(db_sql "SELECT COUNT(*) FROM audit_log WHERE entity = 'indicators'")" = 1 ] ||
	fail "a second init synced (and audited) the unchanged catalogue"
run 0 calendar due 2024-02-08 complaint-accept
contains "$out" "2024-02-23" "7 working days from Thursday 8 Feb 2024"
contains "$out" "第十四条" "the rule is cited"
run 0 --json calendar due 2024-09-30 report-decide
[ "$(printf '%s' "$out" | jq -r .due)" = 2024-10-25 ] || fail "15 working days from 30 Sep 2024: $out"
run 0 calendar day 2024-02-18
contains "$out" "工作日（春节调休上班）" "a make-up Sunday"
run 0 calendar day 2024-02-12
contains "$out" "休息日（春节放假）" "a Monday of the holiday"
last=$(db_sql "SELECT MAX(year) FROM calendar_years")
run 4 calendar due "$last-12-30" 7
contains "$errout" "calendar load" "a deadline past the loaded years says what to do"
run 2 calendar due 2024-02-08 seven
run 3 calendar due 2024-02-30 7

before=$(db_sql "SELECT COUNT(*) FROM calendar_days")
printf '{"holidays":{"2030-01-01":"x,元旦,1"},"workdays":{"2030-01-01":"x,元旦,1"}}' >bad.json
run 3 calendar load bad.json
contains "$errout" "2030-01-01" "the conflicting day is named"
[ "$(db_sql "SELECT COUNT(*) FROM calendar_days")" = "$before" ] || fail "a refused load changed the calendar"
run 0 calendar due 2024-02-08 7
ok "working days and deadlines on $DB_BACKEND"
