#!/usr/bin/env bash
# Whether two qcity binaries extract alike: same_output.sh with each (the
# JSON, text and catalogue report of the seeds, the development set and
# their concatenations: 79 documents), then the JSON and the text of the
# seeds concatenated into MB megabytes (default 20, as bench_extract
# builds it). Prints "identical" and exits 0, or the differences and 1.
# A speed-up must leave them identical (issue 20 part 5).
# Usage: bench/extract/compare_output.sh OLD-QCITY NEW-QCITY [MB] [SEED-DIR]
set -eu
old=$(realpath "$1")
new=$(realpath "$2")
mb=${3:-20}
here=$(dirname "$0")
seeds=${4:-$here/../../../shared/seeds}
src=$(cd "$here/../.." && pwd)
export QCITY_DATA="$src/data"
tmp=$(mktemp -d /tmp/compare_output_XXXXXX)
trap 'rm -rf "$tmp"' EXIT
bash "$here/same_output.sh" "$old" "$tmp/old" "$seeds" >/dev/null
bash "$here/same_output.sh" "$new" "$tmp/new" "$seeds" >/dev/null
for s in "$seeds"/*.txt; do cat "$s"; echo; done >"$tmp/one.txt"
: >"$tmp/big.txt"
while [ "$(stat -c %s "$tmp/big.txt")" -lt $((mb * 1000000)) ]; do
	cat "$tmp/one.txt" >>"$tmp/big.txt"
done
for v in old new; do
	q=$old
	[ $v = new ] && q=$new
	"$q" plan extract "$tmp/big.txt" --format json >"$tmp/$v/big.json" 2>"$tmp/$v/big.json.err"
	"$q" plan extract "$tmp/big.txt" --format text >"$tmp/$v/big.text" 2>"$tmp/$v/big.text.err"
done
sed -i "s|$tmp/big.txt|BIG|g" "$tmp"/old/big.* "$tmp"/new/big.*
n=$(ls "$tmp/old" | wc -l)
if diff -r "$tmp/old" "$tmp/new" >"$tmp/diff"; then
	echo "identical: $n files ($(ls "$tmp/old" | grep -c '\.json$') JSON documents, ${mb} MB included)"
else
	head -50 "$tmp/diff"
	exit 1
fi
