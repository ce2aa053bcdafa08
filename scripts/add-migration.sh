#!/usr/bin/env bash
# Generates an EF Core migration named NAME for both database providers:
#   SqliteAppDbContext   -> src/HocVuSo.Core/Data/Migrations/Sqlite
#   PostgresAppDbContext -> src/HocVuSo.Core/Data/Migrations/Postgres
# Works from a fresh clone (it prepares the design-time tooling itself) and is safe to re-run:
# a provider that already has a migration named NAME is left alone. See docs/MIGRATIONS.md.
set -euo pipefail

usage() {
    echo "usage: scripts/add-migration.sh NAME" >&2
    echo "  NAME: a C# identifier in PascalCase, e.g. AddSchoolTables" >&2
}

if [[ $# -ne 1 ]]; then
    usage
    exit 2
fi
NAME="$1"
if [[ ! "$NAME" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    echo "error: '$NAME' is not a valid migration name (letters, digits and _; not starting with a digit)." >&2
    usage
    exit 2
fi

# shellcheck source=scripts/ef-design.sh
source "$(dirname "${BASH_SOURCE[0]}")/ef-design.sh"
ef_prepare

# With --namespace, EF derives the folder of a *new* model snapshot from the whole namespace
# (src/HocVuSo.Core/HocVuSo/Core/Data/Migrations/...); later migrations update the snapshot
# wherever it is. Move a misplaced snapshot next to its migrations, unchanged.
ef_place_snapshot() {
    local provider="$1" snapshot target misplaced dir
    snapshot="${EF_CONTEXT[$provider]}ModelSnapshot.cs"
    target="$EF_MIGRATIONS_ROOT/$provider/$snapshot"
    [[ -f "$target" ]] && return 0
    misplaced="$(find "$REPO_ROOT/$EF_CORE_PROJECT" -name "$snapshot" -not -path '*/bin/*' -not -path '*/obj/*' | head -n 1)"
    [[ -n "$misplaced" ]] || ef_die "$provider: EF did not write $snapshot."
    mv "$misplaced" "$target"
    ef_log "$provider: moved $snapshot next to its migrations"
    # Remove the folders EF created for it, as far up as they are empty.
    dir="$(dirname "$misplaced")"
    while [[ "$dir" != "$REPO_ROOT/$EF_CORE_PROJECT" ]] && rmdir "$dir" 2>/dev/null; do
        dir="$(dirname "$dir")"
    done
}

added=()
for provider in "${EF_PROVIDERS[@]}"; do
    existing="$(ef_find_migration "$provider" "$NAME")"
    if [[ -n "$existing" ]]; then
        ef_log "$provider: migration $NAME already exists ($existing); skipped"
        continue
    fi
    ef_log "$provider: adding migration $NAME (${EF_CONTEXT[$provider]})"
    ef_run "$provider" migrations add "$NAME" \
        --output-dir "Data/Migrations/$provider" \
        --namespace "HocVuSo.Core.Data.Migrations.$provider" \
        || ef_die "$provider: 'dotnet ef migrations add $NAME' failed (see the output above)."
    ef_place_snapshot "$provider"
    added+=("$provider")
done

if [[ ${#added[@]} -gt 0 ]]; then
    # Rebuild so that the check below sees the new migrations.
    ef_build_startup
fi

for provider in "${EF_PROVIDERS[@]}"; do
    ef_log "$provider: checking that the migrations cover the model"
    if ! ef_run "$provider" migrations has-pending-model-changes; then
        ef_die "$provider: the model has changes that no migration covers. If migration $NAME is" \
            "out of date, run scripts/remove-migration.sh $NAME and then this script again."
    fi
done

if [[ ${#added[@]} -gt 0 ]]; then
    ef_log "Added migration $NAME for: ${added[*]}. Review and commit src/HocVuSo.Core/Data/Migrations."
else
    ef_log "Nothing to add: migration $NAME already exists for every provider."
fi
