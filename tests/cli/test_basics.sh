#!/usr/bin/env bash
# The command line itself: help, versions, usage errors and exit codes.
. "$(dirname "$0")/lib.sh"

run 0 help;                    contains "$out" "plan import" "help lists commands"
run 0 help plan;               contains "$out" "plan show" "help plan lists subcommands"
run 0 help value import;       contains "$out" "GB18030" "help of one command"
run 2 help nosuch;             contains "$errout" "no command" "help of unknown"
run 0 --version;               contains "$out" "qcity " "version"
run 2;                         contains "$errout" "usage:" "no command"
run 2 frobnicate;              contains "$errout" "not a command" "unknown command"
run 2 plan frobnicate;         contains "$errout" "not a command" "unknown subcommand"
run 2 plan show;               contains "$errout" "plan id" "missing argument"
run 2 plan show 1 --bogus;     contains "$errout" "unknown option" "unknown option"
run 2 unit add X;              contains "$errout" "--region" "missing option"
run 5 --db /nonexistent/dir/x.db plan list; contains "$errout" "cannot open" "unopenable db"
run 0 --db "$WORK/a.db" plan list; contains "$out" "no plans" "empty db"
ok "basics"
