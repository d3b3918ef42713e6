# Sourced by scripts/run-tests and tests/cli/lib.sh: python3 and psql
# (and pg_dump) called directly, not through the wrappers in front of
# them, which cost more than many calls themselves (the tests make
# thousands): a version manager's shim (pyenv runs several shell scripts
# before each python3: 0.8 s of CPU a call against 0.17 s on a loaded
# 2-core machine) and Debian's /usr/bin/psql, pg_wrapper, a Perl script
# reading the cluster configuration at every call. psql and pg_dump are
# the newest PostgreSQL's, the one scripts/pg-test-server and
# tests/cli/fed_lib.sh start servers with.
pybin=$(python3 -c 'import os, sys; print(os.path.dirname(sys.executable))' 2>/dev/null)
[ -z "$pybin" ] || [ ! -x "$pybin/python3" ] || PATH=$pybin:$PATH
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -z "$pgbin" ] || [ ! -x "$pgbin/psql" ] || PATH=$pgbin:$PATH
export PATH
