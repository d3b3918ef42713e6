#!/usr/bin/env bash
# The benchmarks in short, bounded form (make test; `make bench` runs them
# in full): they run, and print each figure with its peer and ratio. No
# figure is judged here: timing depends on the machine.
set -eu
out=$("$BENCH_IMPORT" 2000)
for want in "ratio qcity/peer:" "peak memory:" "newest 50:" "ratio peer/qcity:" \
	"next page (keyset):" "follow-up board, all:"; do
	case "$out" in *"$want"*) ;; *) echo "FAIL: bench_import printed no '$want':"; echo "$out"; exit 1;; esac
done
out=$("$BENCH_START" 3)
case "$out" in *"ratio true/qcity:"*) ;; *) echo "FAIL: bench_start: $out"; exit 1;; esac
echo "ok - bench_import 2000 and bench_start 3 ran"
