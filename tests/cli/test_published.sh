#!/usr/bin/env bash
# The development set (tests/data/published/index.tsv): real published
# sampling tables and lists of failures, transcribed as read. Each is
# imported with --region and --level only; the rows, passes, failures and
# enterprises must be those the table shows. A table that needs more
# (its help column) must be refused without it, writing nothing, and
# import right with it. The share imported right with no help is printed.
. "$(dirname "$0")/lib.sh"

DIR="$SRC/tests/data/published"
run 0 init
total=0 unaided=0
while IFS=$'\t' read -r file region level rows passes fails ents help _; do
	case "$file" in '#'*|'') continue ;; esac
	total=$((total + 1))
	path="$DIR/$file"
	# A national table has no region of its own: each row's is its
	# enterprise's (a 所在地 column, its address or name).
	where=(--region "$region")
	[ "$region" = "-" ] && where=()
	if [ "$help" != "-" ]; then
		before=$(db_digest)
		run 3 sampling import "$path" "${where[@]}" --level "$level"
		contains "$errout" "${help%% *}" "$file says what it needs"
		[ "$(db_digest)" = "$before" ] || fail "$file: a refused import changed the database"
		# shellcheck disable=SC2086 # help is an option and its value
		run 0 sampling import "$path" "${where[@]}" --level "$level" $help
	else
		run 0 sampling import "$path" "${where[@]}" --level "$level"
		unaided=$((unaided + 1))
	fi
	got=$(db_sql "SELECT COUNT(*), COALESCE(SUM(passed), 0), COUNT(*) - COALESCE(SUM(passed), 0), COUNT(DISTINCT enterprise_id) FROM sampling_results WHERE source = '$path'")
	[ "$got" = "$rows|$passes|$fails|$ents" ] || fail "$file: rows|passes|failures|enterprises $got, expected $rows|$passes|$fails|$ents"
done < "$DIR/index.tsv"
[ "$total" -ge 30 ] || fail "the development set has $total tables"
ok "published tables: $unaided of $total imported right with no help beyond --region and --level; all $total with the help their index names"
