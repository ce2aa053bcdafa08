#!/usr/bin/env bash
# Builds the Debian package (scripts/package-deb.sh), installs it on this machine, and checks the
# install as an IT officer would after following docs/DEPLOYMENT.md: the system user and the
# files are in place, `hocvuso migrate` (as the service account, with the package's environment
# file) prepares a fresh PostgreSQL database, and `hocvuso serve` answers /health/ready with 200
# and the home page. Then it purges the package. Needs root (dpkg) and a PostgreSQL server:
# HOCVUSO_TEST_PG (as .ci/run sets it), where it creates and drops its own database and role.
# Prints "package: N passed, N failed" and fails on any failure.
#   scripts/package-check.sh [DEB]     DEB: an already built package (else one is built)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[[ $(id -u) -eq 0 ]] || { echo "package-check: needs root (dpkg -i)" >&2; exit 2; }
[[ -n "${HOCVUSO_TEST_PG:-}" ]] || { echo "package-check: HOCVUSO_TEST_PG must name a PostgreSQL server (Host=...;Port=...;Username=...)" >&2; exit 2; }

passed=0
failed=0
check() { # check NAME COMMAND...: runs the command, counts and prints the outcome
    local name=$1
    shift
    if "$@"; then passed=$((passed + 1)); echo "  ok    $name"; else failed=$((failed + 1)); echo "  FAIL  $name" >&2; fi
}

pg_value() { sed -n "s/.*$1=\([^;]*\).*/\1/p" <<<"$HOCVUSO_TEST_PG"; }
pg_host=$(pg_value Host)
pg_port=$(pg_value Port)
pg_user=$(pg_value Username)
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "${pg_port:-5432}" -U "${pg_user:-postgres}" -d postgres "$@"; }

deb=${1:-}
if [[ -z "$deb" ]]; then
    echo "==> Building the package" >&2
    deb=$(scripts/package-deb.sh | tail -n 1)
fi
[[ -f "$deb" ]] || { echo "package-check: no package at '$deb'" >&2; exit 1; }

work=$(mktemp -d /tmp/hocvuso-package-check.XXXXXX)
server_pid=
database="hocvuso_pkg_$$"
role="hocvuso_pkg_$$"
# The server runs under runuser in a subshell: stop every process of the service account.
stop_server() {
    [[ -n "$server_pid" ]] || return 0
    pkill -TERM -u hocvuso 2>/dev/null || true
    for _ in $(seq 1 40); do pgrep -u hocvuso >/dev/null || break; sleep 0.25; done
    pkill -KILL -u hocvuso 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
}
cleanup() {
    stop_server
    dpkg --purge hocvuso >/dev/null 2>&1 || true
    rm -rf /var/lib/hocvuso
    psql_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "==> Installing $(basename "$deb")" >&2
# Never on a machine that runs the platform: an installed package (or its data folder) is only
# replaced when asked (CI's disposable machine, where an interrupted check may have left one).
if dpkg -s hocvuso >/dev/null 2>&1 || [[ -e /var/lib/hocvuso ]]; then
    [[ "${HOCVUSO_PACKAGE_CHECK_REPLACE:-}" == 1 ]] \
        || { echo "package-check: hocvuso is installed here (or /var/lib/hocvuso exists); set HOCVUSO_PACKAGE_CHECK_REPLACE=1 to replace it" >&2; trap - EXIT; rm -rf "$work"; exit 2; }
    dpkg --purge hocvuso >/dev/null 2>&1 || true
    rm -rf /var/lib/hocvuso
fi
check "dpkg installs the package" dpkg -i "$deb"
check "the service account exists" getent passwd hocvuso
check "the executable is installed" test -x /usr/lib/hocvuso/hocvuso
check "the systemd units are installed" test -f /lib/systemd/system/hocvuso@.service -a -f /lib/systemd/system/hocvuso-migrate.service
check "the environment file is private (640 root:hocvuso)" test "$(stat -c '%a %U:%G' /etc/hocvuso/hocvuso.env)" = "640 root:hocvuso"
check "the data folder belongs to the service account" test "$(stat -c '%U' /var/lib/hocvuso)" = hocvuso

password=$(openssl rand -hex 16)
psql_admin -c "CREATE ROLE $role LOGIN PASSWORD '$password'" -c "CREATE DATABASE $database OWNER $role" >/dev/null
connection="Host=$pg_host;Port=${pg_port:-5432};Database=$database;Username=$role;Password=$password"
port=5391
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

# The systemd units' environment, as a machine without systemd runs them: the package's
# environment file, the officer's settings (a database and keys), then the unit's own lines,
# quoted for the shell that reads them (systemd reads the same quoting).
cat >"$work/env" <<ENV
$(grep -E '^[A-Za-z_]+=' /etc/hocvuso/hocvuso.env | grep -v '^ConnectionStrings__')
ConnectionStrings__Default='$connection'
PersonalData__Keys__k1='$(openssl rand -base64 32)'
PersonalData__ActiveKeyId=k1
PersonalData__HashKey='$(openssl rand -base64 32)'
Certificates__SigningKey='$(openssl rand -base64 32)'
ASPNETCORE_URLS='http://127.0.0.1:$port'
ENV
# Readable by the service account only (the keys never appear on a command line).
chmod 711 "$work"
chgrp hocvuso "$work/env"
chmod 640 "$work/env"
run_as_service() {
    (cd /var/lib/hocvuso && runuser -u hocvuso -- env -i PATH=/usr/bin:/bin HOME=/var/lib/hocvuso \
        /bin/sh -c 'set -a; . "$0"; set +a; exec "$@"' "$work/env" "$@")
}

migrate() { run_as_service /usr/lib/hocvuso/hocvuso migrate >"$work/migrate.log" 2>&1 || { tail -n 20 "$work/migrate.log" >&2; return 1; }; }
check "hocvuso migrate prepares a fresh database" migrate
run_as_service /usr/lib/hocvuso/hocvuso serve >"$work/serve.log" 2>&1 &
server_pid=$!

ready() {
    local deadline=$((SECONDS + 120))
    while ((SECONDS < deadline)); do
        [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" == 200 ]] && return 0
        kill -0 "$server_pid" 2>/dev/null || return 1
        sleep 1
    done
    return 1
}
check "hocvuso serve answers /health/ready with 200" ready || tail -n 30 "$work/serve.log" >&2
check "the home page answers 200 in Vietnamese" bash -c "curl -s -H 'Accept-Language: vi' http://127.0.0.1:$port/ | grep -q 'lang=\"vi\"'"
check "the unit tree lists the 34 provinces" bash -c "test \$(curl -s http://127.0.0.1:$port/api/v1/units | grep -o '\"level\":1' | wc -l) -eq 34"
stop_server

check "dpkg purges the package" dpkg --purge hocvuso
check "the executable is gone" test ! -e /usr/lib/hocvuso/hocvuso
check "the service account is removed" bash -c '! getent passwd hocvuso' 

echo "package: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
