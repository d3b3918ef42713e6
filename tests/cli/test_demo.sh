#!/usr/bin/env bash
# The demo builds a filled database in one step, reproducibly.
. "$(dirname "$0")/lib.sh"

run 0 demo;  contains "$out" "demo database ready" "demo"
run 2 demo;  contains "$errout" "--force" "demo refuses to overwrite"
a=$(sqlite3 "$QCITY_DB" "SELECT group_concat(value) FROM (SELECT value FROM indicator_values ORDER BY indicator_id, region_code, period)")
run 0 demo --force
b=$(sqlite3 "$QCITY_DB" "SELECT group_concat(value) FROM (SELECT value FROM indicator_values ORDER BY indicator_id, region_code, period)")
[ -n "$a" ] && [ "$a" = "$b" ] || fail "demo values are not reproducible"
run 0 status
contains "$out" "met" "status has verdicts"
n=$(sqlite3 "$QCITY_DB" "SELECT COUNT(DISTINCT region_code) FROM indicator_values")
[ "$n" -ge 3 ] || fail "demo values cover only $n regions"
n=$(sqlite3 "$QCITY_DB" "SELECT COUNT(*) FROM progress_reports")
[ "$n" -gt 0 ] || fail "no demo progress reports"
ok "demo"
