#!/usr/bin/env bash
# Restore drill for PostgreSQL (docs/BACKUP.md): dumps a source database with pg_dump, restores it
# into a fresh private PostgreSQL server (initdb in a temporary folder, a free port on 127.0.0.1,
# run as the postgres user), then compares the row count of every table and the dashboards'
# figures (the IndicatorAggregates table, value by value) with the source. Exits 0 when all are
# equal, 1 on any difference, 2 on a usage or setup error. The private server is always removed.
#
#   scripts/restore-drill.sh --host 127.0.0.1 --port 5432 --user postgres --dbname hocvuso
#
# The source must not change during the drill (run it against a standby, a copy, or at a quiet
# time). HOCVUSO_DRILL_AFTER_RESTORE, if set, is run (bash -c) after the restore and before the
# comparison; the tests use it to check that a difference is caught.
set -euo pipefail

host=127.0.0.1 port=5432 user=postgres dbname=
while [[ $# -gt 0 ]]; do
    case "$1" in
        --host) host="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --user) user="$2"; shift 2 ;;
        --dbname) dbname="$2"; shift 2 ;;
        *) echo "usage: $0 --host H --port P --user U --dbname DB" >&2; exit 2 ;;
    esac
done
[[ -n "$dbname" ]] || { echo "error: --dbname is required" >&2; exit 2; }

initdb_path=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n "$initdb_path" ]] || { echo "error: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 2; }
pg_bin=$(dirname "$initdb_path")

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

root=$(mktemp -d /tmp/hocvuso-restore-drill.XXXXXX)
chmod 700 "$root"
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$root"
drill_port=55600
while (echo >"/dev/tcp/127.0.0.1/$drill_port") 2>/dev/null; do drill_port=$((drill_port + 1)); done
cleanup() {
    as_postgres "$pg_bin/pg_ctl" -D "$root/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$root"
}
trap cleanup EXIT

src=(-h "$host" -p "$port" -U "$user")
dst=(-h 127.0.0.1 -p "$drill_port" -U postgres)

echo "==> Dumping $dbname from $host:$port"
"$pg_bin/pg_dump" "${src[@]}" -d "$dbname" -Fc --no-owner --no-privileges -f "$root/source.dump"
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$root/source.dump"

echo "==> Starting a fresh server on 127.0.0.1:$drill_port"
as_postgres "$pg_bin/initdb" -D "$root/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$root/data" -l "$root/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $drill_port -k $root -c fsync=off" start >/dev/null

echo "==> Restoring"
"$pg_bin/psql" "${dst[@]}" -d postgres -qAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE drill ENCODING 'UTF8'" >/dev/null
"$pg_bin/pg_restore" "${dst[@]}" -d drill --no-owner --no-privileges --exit-on-error "$root/source.dump"

if [[ -n "${HOCVUSO_DRILL_AFTER_RESTORE:-}" ]]; then
    bash -c "$HOCVUSO_DRILL_AFTER_RESTORE"
fi

# Row counts of every table in the public schema, one "table count" line each.
counts() {
    local -a conn=("$@")
    local tables
    tables=$("$pg_bin/psql" "${conn[@]}" -qAt -v ON_ERROR_STOP=1 -c \
        "SELECT format('%I', tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    local t
    for t in $tables; do
        printf '%s %s\n' "$t" "$("$pg_bin/psql" "${conn[@]}" -qAt -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM public.$t")"
    done
}

# The dashboards' figures: every pre-aggregated value, in a stable order.
figures() {
    "$pg_bin/psql" "$@" -qAt -v ON_ERROR_STOP=1 -c \
        "SELECT \"UnitCode\", \"Period\", \"Code\", \"Source\", \"Value\" FROM public.\"IndicatorAggregates\" ORDER BY 1, 2, 3, 4, 5"
}

echo "==> Comparing"
counts "${src[@]}" -d "$dbname" >"$root/source.counts"
counts "${dst[@]}" -d drill >"$root/restored.counts"
figures "${src[@]}" -d "$dbname" >"$root/source.figures"
figures "${dst[@]}" -d drill >"$root/restored.figures"

status=0
if ! diff -u "$root/source.counts" "$root/restored.counts"; then
    echo "DIFFERENCE: row counts differ between the source and the restore (above)." >&2
    status=1
fi
if ! cmp -s "$root/source.figures" "$root/restored.figures"; then
    diff -u "$root/source.figures" "$root/restored.figures" | head -n 40 || true
    echo "DIFFERENCE: the dashboards' figures differ between the source and the restore." >&2
    status=1
fi

tables=$(wc -l <"$root/source.counts")
rows=$(awk '{s += $2} END {print s + 0}' "$root/source.counts")
figures_count=$(wc -l <"$root/source.figures")
if [[ $status -eq 0 ]]; then
    echo "Restore drill passed: $tables tables, $rows rows and $figures_count dashboard figures equal."
else
    echo "Restore drill FAILED." >&2
fi
exit $status
