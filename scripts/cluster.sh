#!/usr/bin/env bash
# A private, test-only HocVuSo cluster on loopback, from Debian's packages and the files in deploy/:
# a PostgreSQL primary and a hot standby (streaming replication through a slot), PgBouncer in
# transaction mode, two web instances of the published Release build, and nginx in front (TLS
# with a self-signed certificate made here). Nothing of the machine's own nginx, PgBouncer or
# PostgreSQL services or configuration is touched: every server runs as the unprivileged
# `postgres` account (or the calling user) from a temporary folder, on free ports.
#
#   scripts/cluster.sh up     stand it up and print its addresses (demo data, password Demo@2026!)
#   scripts/cluster.sh down   stop everything and remove the folder
#   scripts/cluster.sh test   up, run the failure drills, down; prints "cluster: N passed, N failed"
#
# The drills (scripts/cluster_drills.py): a session started on one instance continues on the
# other; kill -9 of an instance under load (no GET fails, no write lost or doubled); the standby
# promoted after the primary stops (writes again within the stated time, nothing lost); the
# per-address limit at nginx. Environment: HOCVUSO_CLUSTER_PUBLISH=DIR uses a published build
# instead of publishing; HOCVUSO_CLUSTER_KEEP=1 keeps the folder after `test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$(pwd)
CURRENT="$REPO/.artifacts/cluster/current"
PASSWORD='Demo@2026!'
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'cluster: %s\n' "$*" >&2; exit 1; }

# Servers run unprivileged: as `postgres` when called as root (PostgreSQL refuses root), else as the caller.
if [[ $(id -u) -eq 0 ]]; then
    RUN_USER=postgres
    as_user() { runuser -u "$RUN_USER" -- "$@"; }
else
    RUN_USER=$(id -un)
    as_user() { "$@"; }
fi

ensure_packages() {
    local missing=()
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
    command -v pgbouncer >/dev/null || [[ -x /usr/sbin/pgbouncer ]] || missing+=(pgbouncer)
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    if [[ ${#missing[@]} -gt 0 ]]; then
        [[ $(id -u) -eq 0 ]] || die "missing Debian packages: ${missing[*]} (apt-get install ${missing[*]})"
        log "Installing ${missing[*]} (Debian packages)"
        apt-get update -q >/dev/null
        # The packages' own services are not wanted here: policy-rc.d keeps them from starting.
        local policy=/usr/sbin/policy-rc.d created_policy=0
        if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; created_policy=1; fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
        [[ $created_policy -eq 1 ]] && rm -f "$policy"
    fi
}

free_port() {
    local port=$1
    while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || grep -qx "$port" "$ROOT/ports" 2>/dev/null; do port=$((port + 1)); done
    echo "$port" >>"$ROOT/ports"
    echo "$port"
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
    local seconds=$1 what=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        [[ $SECONDS -lt $deadline ]] || { log "timed out waiting for $what"; return 1; }
        sleep 0.5
    done
}

publish() {
    if [[ -n "${HOCVUSO_CLUSTER_PUBLISH:-}" ]]; then
        APP="$HOCVUSO_CLUSTER_PUBLISH"
        [[ -f "$APP/hocvuso.dll" ]] || die "HOCVUSO_CLUSTER_PUBLISH=$APP holds no hocvuso.dll"
        return
    fi
    APP="$REPO/.artifacts/cluster/publish"
    log "Publishing src/HocVuSo.Web (Release) to .artifacts/cluster/publish"
    dotnet publish src/HocVuSo.Web -c Release -o "$APP" -v q -nologo >"$REPO/.artifacts/cluster/publish.log" 2>&1 \
        || { tail -n 30 "$REPO/.artifacts/cluster/publish.log" >&2; die "dotnet publish failed"; }
}

pg() { # pg PORT SQL: one statement as the superuser, unaligned output
    as_user "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U postgres -d "${3:-postgres}" -XAtqc "$2"
}

write_state() {
    cat >"$ROOT/state.env" <<EOF
ROOT='$ROOT'
APP='$APP'
PG_BIN='$PG_BIN'
PG_PRIMARY=$PG_PRIMARY
PG_STANDBY=$PG_STANDBY
PGB_PORT=$PGB_PORT
APP_PORTS='${APP_PORTS[*]}'
NGINX_HTTPS=$NGINX_HTTPS
NGINX_HTTP=$NGINX_HTTP
CA='$ROOT/tls/cert.pem'
RUN_USER=$RUN_USER
PASSWORD='$PASSWORD'
EOF
}

make_secrets() {
    mkdir -p "$ROOT/tls" "$ROOT/keys"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$ROOT/tls/key.pem" -out "$ROOT/tls/cert.pem" >/dev/null 2>&1
    # The data-protection key ring is stored encrypted with this certificate (DataProtection__Certificate__Path).
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=HocVuSo data protection (cluster test)" \
        -keyout "$ROOT/keys/dp-key.pem" -out "$ROOT/keys/dp-cert.pem" >/dev/null 2>&1
    openssl pkcs12 -export -inkey "$ROOT/keys/dp-key.pem" -in "$ROOT/keys/dp-cert.pem" \
        -out "$ROOT/keys/dataprotection.pfx" -passout pass:cluster-test >/dev/null 2>&1
    rm -f "$ROOT/keys/dp-key.pem"
}

# The configuration every instance shares, in the format of /etc/hocvuso/hocvuso.env.
write_environment() {
    local direct="Host=127.0.0.1;Port=$PG_PRIMARY;Database=hocvuso;Username=hocvuso"
    cat >"$ROOT/hocvuso.env" <<EOF
ASPNETCORE_ENVIRONMENT=Production
Database__Provider=Postgres
ConnectionStrings__Default='Host=127.0.0.1;Port=$PGB_PORT;Database=hocvuso;Username=hocvuso;No Reset On Close=true;Max Auto Prepare=0'
ConnectionStrings__Migrate='$direct'
PersonalData__Keys__k1=$(openssl rand -base64 32)
PersonalData__ActiveKeyId=k1
PersonalData__HashKey=$(openssl rand -base64 32)
Certificates__SigningKey=$(openssl rand -base64 32)
DataProtection__Certificate__Path=$ROOT/keys/dataprotection.pfx
DataProtection__Certificate__Password=cluster-test
Security__SecureCookies=Always
Certificates__PublicBaseUrl=https://localhost:$NGINX_HTTPS
Logging__LogLevel__Default=Warning
EOF
}

start_postgres() {
    PG_BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
    PG_PRIMARY=$(free_port 56432)
    PG_STANDBY=$(free_port $((PG_PRIMARY + 1)))
    log "PostgreSQL primary on 127.0.0.1:$PG_PRIMARY"
    as_user "$PG_BIN/initdb" -D "$ROOT/pg-primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$ROOT/initdb.log"
    cp deploy/postgresql/primary.conf "$ROOT/pg-primary/hocvuso.conf"
    printf "include 'hocvuso.conf'\nport = %s\nunix_socket_directories = '%s'\nfsync = off\n" "$PG_PRIMARY" "$ROOT/run" >>"$ROOT/pg-primary/postgresql.conf"
    # Test cluster on loopback only: trust (deploy/postgresql/pg_hba.conf uses scram-sha-256).
    printf 'host replication all 127.0.0.1/32 trust\n' >>"$ROOT/pg-primary/pg_hba.conf"
    chown "$RUN_USER" "$ROOT/pg-primary/hocvuso.conf"
    as_user "$PG_BIN/pg_ctl" -D "$ROOT/pg-primary" -l "$ROOT/pg-primary.log" -w start >/dev/null
    # No standby is attached yet: the roles and database are created before commits wait for one.
    pg "$PG_PRIMARY" "ALTER SYSTEM SET synchronous_standby_names = ''" && pg "$PG_PRIMARY" "SELECT pg_reload_conf()" >/dev/null
    pg "$PG_PRIMARY" "CREATE ROLE hocvuso LOGIN"
    pg "$PG_PRIMARY" "CREATE DATABASE hocvuso OWNER hocvuso ENCODING 'UTF8'"

    log "Hot standby on 127.0.0.1:$PG_STANDBY (pg_basebackup -R, slot hocvuso_standby1)"
    as_user "$PG_BIN/pg_basebackup" -d "host=127.0.0.1 port=$PG_PRIMARY user=postgres application_name=hocvuso_standby1" \
        -D "$ROOT/pg-standby" -R -X stream -C -S hocvuso_standby1 -c fast >/dev/null
    cp deploy/postgresql/standby.conf "$ROOT/pg-standby/hocvuso.conf"
    chown "$RUN_USER" "$ROOT/pg-standby/hocvuso.conf"
    sed -i "s/^port = .*/port = $PG_STANDBY/" "$ROOT/pg-standby/postgresql.conf"
    as_user "$PG_BIN/pg_ctl" -D "$ROOT/pg-standby" -l "$ROOT/pg-standby.log" -w start >/dev/null
    # Now the primary's own setting (deploy/postgresql/primary.conf): commits wait for the standby.
    pg "$PG_PRIMARY" "ALTER SYSTEM RESET synchronous_standby_names" && pg "$PG_PRIMARY" "SELECT pg_reload_conf()" >/dev/null
    local state="" tries
    for tries in $(seq 1 60); do
        state=$(pg "$PG_PRIMARY" "SELECT application_name || ' ' || state || ' ' || sync_state FROM pg_stat_replication")
        [[ "$state" == *" streaming quorum" || "$state" == *" streaming sync" ]] && break
        sleep 0.5
    done
    [[ "$state" == "hocvuso_standby1 streaming"* ]] || die "the standby does not stream: '$state'"
    log "Replication: $state"
}

start_pgbouncer() {
    PGB_PORT=$(free_port 56532)
    mkdir -p "$ROOT/pgbouncer"
    sed -e "s|^hocvuso = host=127.0.0.1 port=5432 .*|hocvuso = host=127.0.0.1 port=$PG_PRIMARY dbname=hocvuso|" \
        -e "s|^listen_port = .*|listen_port = $PGB_PORT|" \
        -e "s|^unix_socket_dir = .*|unix_socket_dir = $ROOT/run|" \
        -e "s|^auth_type = .*|auth_type = trust|" \
        -e "s|^auth_file = .*|auth_file = $ROOT/pgbouncer/userlist.txt|" \
        -e "s|^logfile = .*|logfile = $ROOT/pgbouncer/pgbouncer.log|" \
        -e "s|^pidfile = .*|pidfile = $ROOT/pgbouncer/pgbouncer.pid|" \
        deploy/pgbouncer/pgbouncer.ini >"$ROOT/pgbouncer/pgbouncer.ini"
    printf '"hocvuso" ""\n"pgbouncer" ""\n' >"$ROOT/pgbouncer/userlist.txt"
    chown -R "$RUN_USER" "$ROOT/pgbouncer"
    log "PgBouncer (transaction pooling) on 127.0.0.1:$PGB_PORT"
    as_user /usr/sbin/pgbouncer -d "$ROOT/pgbouncer/pgbouncer.ini"
    wait_for 15 "PgBouncer" as_user "$PG_BIN/psql" -h 127.0.0.1 -p "$PGB_PORT" -U hocvuso -d hocvuso -XAtqc "select 1"
}

# hocvuso VERB...: the published platform with the cluster's configuration, as the unprivileged user.
hocvuso() {
    as_user env -C "$ROOT/work" bash -c 'set -a; . "$1"; set +a; shift; exec dotnet "$@"' _ "$ROOT/hocvuso.env" "$APP/hocvuso.dll" "$@"
}

start_instance() { # start_instance N PORT
    local n=$1 port=$2
    as_user env -C "$ROOT/work" bash -c 'set -a; . "$1"; set +a; echo $$ >"$2"; exec dotnet "$3" serve --urls "http://127.0.0.1:$4" >"$5" 2>&1' \
        _ "$ROOT/hocvuso.env" "$ROOT/instance$n.pid" "$APP/hocvuso.dll" "$port" "$ROOT/instance$n.log" &
    disown
}

start_instances() {
    mkdir -p "$ROOT/work"
    chown "$RUN_USER" "$ROOT/work"
    log "hocvuso migrate + seed-demo (directly on the primary)"
    # Migrations take a session of their own: straight to the primary, never through PgBouncer.
    hocvuso seed-demo --password "$PASSWORD" --ConnectionStrings:Default="Host=127.0.0.1;Port=$PG_PRIMARY;Database=hocvuso;Username=hocvuso" \
        >"$ROOT/seed.log" 2>&1 || { tail -n 30 "$ROOT/seed.log" >&2; die "seed-demo failed"; }
    APP_PORTS=()
    local n port
    for n in 1 2; do
        port=$(free_port $((56600 + n)))
        APP_PORTS+=("$port")
        start_instance "$n" "$port"
    done
    for n in 1 2; do
        port=${APP_PORTS[$((n - 1))]}
        wait_for 180 "instance $n to be ready" curl -fsS "http://127.0.0.1:$port/health/ready" \
            || { tail -n 30 "$ROOT/instance$n.log" >&2; die "instance $n is not ready"; }
        log "Instance $n on 127.0.0.1:$port (pid $(cat "$ROOT/instance$n.pid")): ready"
    done
}

start_nginx() {
    mkdir -p "$ROOT/nginx/temp" "$ROOT/nginx/cache" "$ROOT/nginx/logs"
    local servers="" port
    for port in "${APP_PORTS[@]}"; do servers+="    server 127.0.0.1:$port max_fails=2 fail_timeout=10s;\\n"; done
    # The site file of deploy/, with the cluster's addresses, ports and paths; the load of one
    # client address is the drill's, so the per-address site rate is raised for it (sign-in stays as deployed).
    sed -e "/# cluster: upstream/d" \
        -e "s|^upstream hocvuso {|upstream hocvuso {\\n$servers|" \
        -e "s|rate=50r/s;    # cluster: site rate|rate=5000r/s;|" \
        -e "s|burst=100 nodelay;   # cluster: site burst|burst=5000 nodelay;|" \
        -e "s|/var/cache/nginx/hocvuso |$ROOT/nginx/cache |" \
        -e "s|listen 80; .*|listen 127.0.0.1:$NGINX_HTTP;|" \
        -e "s|listen 443 ssl http2; .*|listen 127.0.0.1:$NGINX_HTTPS ssl http2;|" \
        -e "s|server_name hocvuso.example.vn;|server_name localhost;|" \
        -e "s|/etc/ssl/hocvuso/fullchain.pem; .*|$ROOT/tls/cert.pem;|" \
        -e "s|/etc/ssl/hocvuso/privkey.pem; .*|$ROOT/tls/key.pem;|" \
        deploy/nginx/hocvuso.conf >"$ROOT/nginx/hocvuso.conf"
    cat >"$ROOT/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $ROOT/nginx/nginx.pid;
error_log $ROOT/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $ROOT/nginx/logs/access.log;
    client_body_temp_path $ROOT/nginx/temp/body;
    proxy_temp_path $ROOT/nginx/temp/proxy;
    fastcgi_temp_path $ROOT/nginx/temp/fastcgi;
    uwsgi_temp_path $ROOT/nginx/temp/uwsgi;
    scgi_temp_path $ROOT/nginx/temp/scgi;
    include $ROOT/nginx/hocvuso.conf;
}
EOF
    chown -R "$RUN_USER" "$ROOT/nginx"
    as_user /usr/sbin/nginx -e "$ROOT/nginx/logs/error.log" -p "$ROOT/nginx" -c "$ROOT/nginx/nginx.conf" -t >/dev/null 2>&1 \
        || { as_user /usr/sbin/nginx -e "$ROOT/nginx/logs/error.log" -p "$ROOT/nginx" -c "$ROOT/nginx/nginx.conf" -t; die "nginx configuration refused"; }
    as_user /usr/sbin/nginx -e "$ROOT/nginx/logs/error.log" -p "$ROOT/nginx" -c "$ROOT/nginx/nginx.conf"
    wait_for 15 "nginx" curl -fsS --cacert "$ROOT/tls/cert.pem" "https://localhost:$NGINX_HTTPS/api/v1/units?level=1"
    log "nginx: https://localhost:$NGINX_HTTPS/ (certificate $ROOT/tls/cert.pem)"
}

up() {
    [[ ! -f "$CURRENT" ]] || die "a cluster is up already ($(cat "$CURRENT")); scripts/cluster.sh down first"
    ensure_packages
    mkdir -p "$REPO/.artifacts/cluster"
    publish
    ROOT=$(mktemp -d /tmp/hocvuso-cluster.XXXXXX)
    chmod 755 "$ROOT"
    echo "$ROOT" >"$CURRENT"
    mkdir -p "$ROOT/run"
    chown "$RUN_USER" "$ROOT" "$ROOT/run"
    : >"$ROOT/ports"
    make_secrets
    start_postgres
    start_pgbouncer
    NGINX_HTTPS=$(free_port 56443)
    NGINX_HTTP=$(free_port 56480)
    write_environment
    chown -R "$RUN_USER" "$ROOT/keys" "$ROOT/tls" "$ROOT/hocvuso.env"
    chmod 600 "$ROOT/hocvuso.env"
    start_instances
    start_nginx
    write_state
    echo "Cluster up in $ROOT: https://localhost:$NGINX_HTTPS/ (sign in as officer.eatrang, password $PASSWORD)"
}

stop_pid_file() {
    local file=$1 pid
    [[ -f "$file" ]] || return 0
    pid=$(cat "$file")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
}

down() {
    [[ -f "$CURRENT" ]] || { log "no cluster is up"; return 0; }
    ROOT=$(cat "$CURRENT")
    if [[ -f "$ROOT/state.env" ]]; then . "$ROOT/state.env"; fi
    log "Stopping the cluster in $ROOT"
    stop_pid_file "$ROOT/nginx/nginx.pid"
    for file in "$ROOT"/instance*.pid; do stop_pid_file "$file"; done
    stop_pid_file "$ROOT/pgbouncer/pgbouncer.pid"
    local bin
    bin=${PG_BIN:-$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")}
    for data in "$ROOT/pg-standby" "$ROOT/pg-primary"; do
        [[ -f "$data/postmaster.pid" ]] && as_user "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    done
    if [[ "${HOCVUSO_CLUSTER_KEEP:-}" == 1 ]]; then
        log "Kept $ROOT (HOCVUSO_CLUSTER_KEEP=1)"
    else
        rm -rf "$ROOT"
    fi
    rm -f "$CURRENT"
}

run_tests() {
    local started=$SECONDS
    trap 'down' EXIT
    up
    # state.env holds APP_PORTS as one string; sourced over the array it would become element 0.
    unset APP_PORTS
    . "$ROOT/state.env"
    export ROOT APP PG_BIN PG_PRIMARY PG_STANDBY PGB_PORT NGINX_HTTPS CA RUN_USER PASSWORD
    local status=0
    # APP_PORTS was an array in up(), and bash does not export arrays: it is passed as a string.
    env APP_PORTS="$APP_PORTS" python3 scripts/cluster_drills.py || status=$?
    echo "cluster test took $((SECONDS - started)) s"
    return $status
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    test) run_tests ;;
    *) echo "usage: scripts/cluster.sh up|down|test" >&2; exit 2 ;;
esac
