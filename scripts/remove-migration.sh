#!/usr/bin/env bash
# Removes the latest EF Core migration of both database providers (Sqlite and Postgres) and
# restores their model snapshots. With NAME, it only removes a latest migration of that name
# and is safe to re-run. See docs/MIGRATIONS.md.
#
# 'migrations remove' asks the design-time database of each provider (the connection strings in
# src/HocVuSo.Core/Data/DesignTimeFactories.cs, throwaway databases used by no one) whether the
# migration was applied. --force lets it go on when that database cannot be reached (EF then only
# warns), and reverts the migration there if it was applied.
set -euo pipefail

usage() {
    echo "usage: scripts/remove-migration.sh [NAME]" >&2
}

if [[ $# -gt 1 ]]; then
    usage
    exit 2
fi
NAME="${1:-}"

# shellcheck source=scripts/ef-design.sh
source "$(dirname "${BASH_SOURCE[0]}")/ef-design.sh"
ef_prepare

for provider in "${EF_PROVIDERS[@]}"; do
    latest="$(ef_list_migrations "$provider" | tail -n 1)"
    if [[ -z "$latest" ]]; then
        ef_log "$provider: no migrations; skipped"
        continue
    fi
    if [[ -n "$NAME" && "${latest#*_}" != "$NAME" ]]; then
        if [[ -n "$(ef_find_migration "$provider" "$NAME")" ]]; then
            ef_die "$provider: $NAME is not the latest migration (that is $latest); remove the later ones first."
        fi
        ef_log "$provider: no migration $NAME; skipped"
        continue
    fi
    ef_log "$provider: removing migration $latest (${EF_CONTEXT[$provider]})"
    if [[ "$provider" == Postgres ]]; then
        ef_log "(a connection error for the design-time database 'hocvuso_design' is expected and harmless)"
    fi
    ef_run "$provider" migrations remove --force \
        || ef_die "$provider: 'dotnet ef migrations remove' failed (see the output above)."
done

# Rebuild, so that the build output (used with --no-build) matches the remaining migrations.
ef_build_startup
