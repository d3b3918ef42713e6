#!/usr/bin/env bash
# The extractor's output, byte for byte, on the seeds, the development set
# and every other plan text of tests/data (JSON and text form, and the
# catalogue report on stderr, plain and --json), and on their
# concatenation 3 and 12 times over (the 12 is larger than the 1 MiB
# chunk `plan extract --format json` reads at a time): run it with the
# binary before and after a change and `diff -r` the two DIRs.
# A speed-up must leave them identical (issue 20 part 5).
# Usage: bench/extract/same_output.sh QCITY DIR [SEED-DIR]
set -eu
q=$(realpath "$1")
out=$2
seeds=${3:-$(dirname "$0")/../../../shared/seeds}
src=$(cd "$(dirname "$0")/../.." && pwd)
export QCITY_DATA="$src/data"
mkdir -p "$out"
big=$(mktemp /tmp/same_output_XXXXXX.txt)
big12=$(mktemp /tmp/same_output_XXXXXX.txt)
trap 'rm -f "$big" "$big12"' EXIT
for i in 1 2 3; do cat "$seeds"/*.txt "$src"/tests/data/plans/*.txt; done >"$big"
for i in 1 2 3 4; do cat "$big"; done >"$big12"
n=0
for f in "$seeds"/*.txt "$src"/tests/data/plans/*.txt "$big" "$big12"; do
	b=$(basename "$f" .txt)
	[ "$f" = "$big" ] && b=all3
	[ "$f" = "$big12" ] && b=all12
	"$q" plan extract "$f" --format json >"$out/$b.json" 2>"$out/$b.json.err" || true
	"$q" --json plan extract "$f" --format json >/dev/null 2>"$out/$b.json.jerr" || true
	"$q" plan extract "$f" --format text >"$out/$b.text" 2>"$out/$b.text.err" || true
	n=$((n + 1))
done
sed -i "s|$big12|BIG|g; s|$(basename "$big12")|BIG|g" "$out"/all12.*
sed -i "s|$big|BIG|g; s|$(basename "$big")|BIG|g" "$out"/all3.* 
echo "same_output: $n documents written to $out"
