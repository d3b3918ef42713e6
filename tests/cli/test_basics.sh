#!/usr/bin/env bash
# The command line itself: help, versions, usage errors and exit codes.
. "$(dirname "$0")/lib.sh"

run 0 help;                    contains "$out" "plan import" "help lists commands"
run 0 help plan;               contains "$out" "plan show" "help plan lists subcommands"
run 0 help value import;       contains "$out" "GB18030" "help of one command"
run 2 help nosuch;             contains "$errout" "没有命令" "help of unknown"
run 0 --version;               contains "$out" "qcity " "version"
run 2;                         contains "$errout" "用法：" "no command"
run 2 frobnicate;              contains "$errout" "不是命令" "unknown command"
run 2 plan frobnicate;         contains "$errout" "不是命令" "unknown subcommand"
run 2 plan show;               contains "$errout" "请给出计划编号" "missing argument"
run 2 plan show 1 --bogus;     contains "$errout" "未知选项 --bogus" "unknown option"
run 2 unit add X;              contains "$errout" "--region" "missing option"
run 5 --db /nonexistent/dir/x.db plan list; contains "$errout" "无法打开数据库" "unopenable db"
run 0 --db "$WORK/a.db" plan list; contains "$out" "还没有计划" "empty db"
ok "basics"
