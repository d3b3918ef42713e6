# Shared by the three-cluster tests of the nation (docs/scaling.md,
# "Federation"): source it after lib.sh. Defines cluster NAME (a
# PostgreSQL cluster with logical replication on loopback, database qc;
# sets dir_NAME and uri_NAME), pgctl DIR start|stop, sql URI SQL, and
# counts / digest / same to compare a province's rows with the nation's
# (uri_n). Every wait is a bounded poll; the clusters go on exit.
if [ "$DB_BACKEND" = postgres ]; then
	ok "skipped in the PostgreSQL pass: this test runs its own clusters"
	exit 0
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || fail "PostgreSQL is not installed (make deps)"
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

clusters=()
cleanup() {
	local st=$?
	[ -z "${spid:-}" ] || kill "$spid" 2>/dev/null
	for d in "${clusters[@]}"; do
		[ "$st" = 0 ] || { echo "--- $d/server.log" >&2; tail -n 25 "$d/server.log" >&2; }
		as_owner "$bin/pg_ctl" -D "$d/data" -m immediate stop >/dev/null 2>&1
		rm_behind "$d"
	done
	rm_behind "$WORK"
}
trap cleanup EXIT

# pgctl DIR start|stop ...: the cluster with its options of cluster().
pgctl() { (cd / && as_owner "$bin/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 -o "$(cat "$1/opts")" "${@:2}" >/dev/null); }
# cluster NAME [init|demo|national]: start a cluster with logical
# replication; sets dir_NAME and uri_NAME (database qc, empty, or as
# `qcity init`, `qcity demo` or `qcity db init --national --years
# 2018-2026` leave it). Its data directory is a copy of a stopped
# template cluster made once (cluster_template): the files initdb,
# CREATE DATABASE qc and init or the demo would make, without making
# them again for every cluster of every test (the two demos under ASan
# were a quarter of cli_federation).
cluster() {
	local d port
	cluster_template "${2:-empty}"
	d=$(mktemp -d /tmp/qcity-pg-XXXXXX)
	clusters+=("$d")
	[ "$(id -u)" -ne 0 ] || chown postgres: "$d"
	cp -a "$tpl/data" "$d/data" || fail "cannot copy the template cluster $tpl"
	cluster_opts "$d"
	pgctl "$d" start || fail "pg_ctl start: $(cat "$d/server.log")"
	port=$(cat "$d/port")
	eval "dir_$1=$d; uri_$1=postgres://postgres@127.0.0.1:$port/qc"
}
# cluster_template WHAT (empty, init, demo or national): sets tpl to a
# directory whose data/ is a stopped cluster with database qc, empty or
# as `qcity WHAT` leaves it (national: `qcity db init --national --years
# 2018-2026`, some 8 s under ASan: every partition of every province and
# year; cli_federation runs it from nothing itself, its subject). Made once a pass in QCITY_TEST_CLI_CACHE
# (scripts/run-tests; the first test to come makes it under a lock, as
# shared_db in lib.sh), else once in this test: both provinces of a test
# then hold the same demo, as they did when each ran it (the demo writes
# the same rows each time, timestamps aside; cli_federation relies on the
# two holding the same).
cluster_template() {
	local cache=${QCITY_TEST_CLI_CACHE:-$WORK}
	tpl=$cache/fed-$1
	(
		flock 9
		[ -e "$tpl.ready" ] && exit 0
		rm -rf "$tpl"
		# Built where the server's owner can reach it (the cache
		# directory is root's alone), then moved into the cache.
		t=$(mktemp -d /tmp/qcity-pg-XXXXXX)
		trap '(cd / && as_owner "$bin/pg_ctl" -D "$t/data" -m immediate stop >/dev/null 2>&1); rm_behind "$t"' EXIT
		[ "$(id -u)" -ne 0 ] || chown postgres: "$t"
		cd /
		as_owner "$bin/initdb" -D "$t/data" -U postgres -A trust -E UTF8 \
			--locale=C --no-sync >"$t/initdb.log" 2>&1 || { cat "$t/initdb.log"; exit 1; }
		cluster_opts "$t"
		pgctl "$t" start || { cat "$t/server.log"; exit 1; }
		u=postgres://postgres@127.0.0.1:$(cat "$t/port")
		psql "$u/postgres" -XqAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE qc" >/dev/null || exit 1
		case $1 in
		empty) what=() ;;
		national) what=(db init --national --years 2018-2026) ;;
		*) what=("$1") ;;
		esac
		if [ ${#what[@]} -gt 0 ]; then
			cd "$WORK" && "$QCITY" --db "$u/qc" "${what[@]}" >"$t/$1.out" 2>&1 || { cat "$t/$1.out"; exit 1; }
			cd /
		fi
		pgctl "$t" -m fast stop || exit 1
		mkdir "$tpl" && cp -a "$t/data" "$tpl/data" || exit 1
		touch "$tpl.ready"
	) 9>"$tpl.lock" >"$WORK/template.err" 2>&1 ||
		fail "the template cluster ($1): $(tail -n 25 "$WORK/template.err")"
	cd "$WORK"
}
# cluster_opts DIR: a free loopback port (DIR/port) and the server's
# options (DIR/opts) for the cluster in DIR.
cluster_opts() {
	local d=$1 port
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	echo "$port" >"$d/port"
	# wal_retrieve_retry_interval: the nation starts a subscription's
	# worker (again, after its province was down) at most this often; at
	# the default 5 s, every wait after adding the second province or a
	# restart waited 5 s for it (test_federation_issuer's initial copy of
	# 430000: 5.5 s before, 0.8 s after).
	echo "-c listen_addresses=127.0.0.1 -p $port -k $d -c fsync=off \
	      -c synchronous_commit=off -c full_page_writes=off \
	      -c wal_level=logical -c max_replication_slots=10 \
	      -c max_wal_senders=10 -c max_logical_replication_workers=8 \
	      -c max_worker_processes=16 -c max_connections=50 \
	      -c max_locks_per_transaction=256 \
	      -c wal_retrieve_retry_interval=100ms" >"$d/opts"
}
sql() { psql "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2"; }

tables="indicator_values sampling_results sampling_counts sampling_followups complaints credit_events audit_log sampling_enterprise_years enterprises credit_listings complaint_events equipment equipment_inspections equipment_accidents metrology_instruments metrology_verifications certificates trace_enrolments"
none="0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"
# counts URI PROVINCE: the province's rows per table, one line
# (enterprises and the sampling tables: those its server holds, whatever
# their registration or region; 0026, 0027).
counts() {
	local q="" t c
	for t in $tables; do
		c=province_code; case $t in enterprises|sampling_*) c=held_by;; esac
		q="$q${q:+ || ' ' || }(SELECT COUNT(*) FROM $t WHERE $c = '$2')"
	done
	sql "$1" "SELECT $q"
}
# digest URI PROVINCE: every indicator value of the province, as text.
digest() {
	sql "$1" "SELECT md5(COALESCE(string_agg(CONCAT_WS('|', id, indicator_id, region_code, period, value, submitted_at), ',' ORDER BY id), '')) FROM indicator_values WHERE province_code = '$2'"
}
# same URI PROVINCE WHAT: poll (at most 180 s) until the nation holds
# exactly the province's rows.
same() {
	local want got
	for _ in $(seq 1 360); do
		want="$(counts "$1" "$2") $(digest "$1" "$2")"
		got="$(counts "$uri_n" "$2" 2>/dev/null) $(digest "$uri_n" "$2" 2>/dev/null)"
		[ "$want" = "$got" ] && { ok "$3: $2 has the same rows at the nation ($(counts "$1" "$2"))"; return 0; }
		sleep 0.5
	done
	fail "$3: province $2 has '$want', the nation '$got'"
}

# recluster NAME: the cluster lost and made afresh on the same port and
# options, with an empty database qc (a server rebuilt from nothing).
recluster() {
	local d
	eval "d=\$dir_$1"
	(cd / && as_owner "$bin/pg_ctl" -D "$d/data" -m immediate stop >/dev/null 2>&1)
	# Out of the way at once, removed in the background (rm_behind).
	mv "$d/data" "$(mktemp -d "$d/lost-XXXXXX")/" || fail "cannot move $d/data away"
	rm_behind "$d"/lost-*
	(cd / && as_owner "$bin/initdb" -D "$d/data" -U postgres -A trust -E UTF8 \
		--locale=C --no-sync >"$d/initdb.log" 2>&1) || fail "initdb: $(cat "$d/initdb.log")"
	pgctl "$d" start || fail "pg_ctl start: $(cat "$d/server.log")"
	eval "psql \"\${uri_$1%/qc}/postgres\" -XqAt -v ON_ERROR_STOP=1 -c 'CREATE DATABASE qc'" >/dev/null ||
		fail "cannot create database qc again"
}

# The nation's sampling figures are every holder's (0027, docs/scaling.md
# "Held by, made in"): a region's pass rate sums the counts of every
# province that sampled there, and its results are each holder's rows.
# rates_sum ARGS...: `sampling rates ARGS` at the nation has the samples
# and passed of both provinces' (uri_a, uri_b) summed.
rates_sum() {
	local a b
	QCITY_DB=$uri_a run 0 --json sampling rates "$@"; a=$out
	QCITY_DB=$uri_b run 0 --json sampling rates "$@"; b=$out
	QCITY_DB=$uri_n run 0 --json sampling rates "$@"
	jq -e -n --argjson a "$a" --argjson b "$b" --argjson n "$out" \
		'$n.samples == $a.samples + $b.samples and $n.passed == $a.passed + $b.passed' >/dev/null ||
		fail "sampling rates $* at the nation: $out; 230000: $a; 430000: $b"
}
# list_union ARGS...: `sampling list ARGS --limit 100000` at the nation
# is 230000's rows and 430000's, each with its holder as province, newest
# first (then id, then holder, descending); sets want to that list.
list_union() {
	QCITY_DB=$uri_a run 0 --json sampling list "$@" --limit 100000
	printf '%s' "$out" >"$WORK/list_a"
	QCITY_DB=$uri_b run 0 --json sampling list "$@" --limit 100000
	printf '%s' "$out" >"$WORK/list_b"
	want=$(jq -cS -n --slurpfile a "$WORK/list_a" --slurpfile b "$WORK/list_b" \
		'[($a[0][] | .province = "230000"), ($b[0][] | .province = "430000")] | sort_by(.sampled_on, .id, .province) | reverse')
	printf '%s' "$want" >"$WORK/list_want"
	QCITY_DB=$uri_n run 0 --json sampling list "$@" --limit 100000
	printf '%s' "$out" | jq -cS . >"$WORK/list_n"
	[ -n "$want" ] && [ "$(cat "$WORK/list_n")" = "$want" ] ||
		fail "sampling list $* at the nation is not the two provinces' rows: $(jq -c -n --slurpfile w "$WORK/list_want" --slurpfile n "$WORK/list_n" \
			'$w[0] as $w | $n[0] as $n | [($n | length), ($w | length), first(range(0; [($n | length), ($w | length)] | min) as $i | select($n[$i] != $w[$i]) | [$i, $n[$i], $w[$i]])]' | head -c 1500)"
}
# lists_union OWN ARGS...: `sampling lists ARGS --limit 0` at the nation:
# its black list is 230000's rows and 430000's, each with its holder as
# province (most failures first, then id, then holder, descending; a
# maker's failure found by another province is on its province's black
# list there), its red list the region's own province's (OWN: that
# province's uri), as its server lists it; a black page of 2 and the
# next one (cursor FAILED,ID,PROVINCE) are that list's rows. Sets out to
# the nation's lists.
lists_union() {
	local own=$1 a b o n
	shift
	QCITY_DB=$uri_a run 0 --json sampling lists "$@" --limit 0; a=$out
	QCITY_DB=$uri_b run 0 --json sampling lists "$@" --limit 0; b=$out
	QCITY_DB=$own run 0 --json sampling lists "$@" --limit 0; o=$out
	QCITY_DB=$uri_n run 0 --json sampling lists "$@" --limit 2
	n=$(printf '%s' "$out" | jq -c '.black')
	local cur
	cur=$(printf '%s' "$out" | jq -r '.black[-1] | "\(.failed),\(.enterprise_id),\(.province)"')
	if [ "$(printf '%s' "$n" | jq length)" = 2 ]; then
		QCITY_DB=$uri_n run 0 --json sampling lists "$@" --limit 2 --black-after "$cur"
		n=$(printf '%s\n%s' "$n" "$(printf '%s' "$out" | jq -c '.black')" | jq -s -c 'add')
	fi
	QCITY_DB=$uri_n run 0 --json sampling lists "$@" --limit 0
	jq -e -n --argjson a "$a" --argjson b "$b" --argjson o "$o" --argjson n "$out" --argjson p "$n" '
		([($a.black[] | .province = "230000"), ($b.black[] | .province = "430000")]
		 | sort_by(.failed, .enterprise_id, .province) | reverse) as $w
		| $n.black == $w and $n.red == $o.red and $p == $w[0:4]' >/dev/null ||
		fail "sampling lists $* at the nation: $out; 230000: $a; 430000: $b; pages: $n"
}
