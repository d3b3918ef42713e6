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
		rm -rf "$d"
	done
	rm -rf "$WORK"
}
trap cleanup EXIT

# pgctl DIR start|stop ...: the cluster with its options of cluster().
pgctl() { (cd / && as_owner "$bin/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 -o "$(cat "$1/opts")" "${@:2}" >/dev/null); }
# cluster NAME: start a cluster with logical replication; sets
# dir_NAME and uri_NAME (database qc).
cluster() {
	local d port
	d=$(mktemp -d /tmp/qcity-pg-XXXXXX)
	clusters+=("$d")
	[ "$(id -u)" -ne 0 ] || chown postgres: "$d"
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	cd /
	as_owner "$bin/initdb" -D "$d/data" -U postgres -A trust -E UTF8 \
		--locale=C --no-sync >"$d/initdb.log" 2>&1 || fail "initdb: $(cat "$d/initdb.log")"
	echo "-c listen_addresses=127.0.0.1 -p $port -k $d -c fsync=off \
	      -c synchronous_commit=off -c full_page_writes=off \
	      -c wal_level=logical -c max_replication_slots=10 \
	      -c max_wal_senders=10 -c max_logical_replication_workers=8 \
	      -c max_worker_processes=16 -c max_connections=50" >"$d/opts"
	pgctl "$d" start || fail "pg_ctl start: $(cat "$d/server.log")"
	psql "postgres://postgres@127.0.0.1:$port/postgres" -XqAt -v ON_ERROR_STOP=1 \
		-c "CREATE DATABASE qc" >/dev/null || fail "cannot create database qc"
	cd "$WORK"
	eval "dir_$1=$d; uri_$1=postgres://postgres@127.0.0.1:$port/qc"
}
sql() { psql "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2"; }

tables="indicator_values sampling_results sampling_counts sampling_followups complaints credit_events audit_log sampling_enterprise_years enterprises credit_listings complaint_events"
none="0 0 0 0 0 0 0 0 0 0 0"
# counts URI PROVINCE: the province's rows per table, one line
# (enterprises: those its server holds, whatever their registration).
counts() {
	local q="" t c
	for t in $tables; do
		c=province_code; [ "$t" = enterprises ] && c=held_by
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
	rm -rf "$d/data"
	(cd / && as_owner "$bin/initdb" -D "$d/data" -U postgres -A trust -E UTF8 \
		--locale=C --no-sync >"$d/initdb.log" 2>&1) || fail "initdb: $(cat "$d/initdb.log")"
	pgctl "$d" start || fail "pg_ctl start: $(cat "$d/server.log")"
	eval "psql \"\${uri_$1%/qc}/postgres\" -XqAt -v ON_ERROR_STOP=1 -c 'CREATE DATABASE qc'" >/dev/null ||
		fail "cannot create database qc again"
}
