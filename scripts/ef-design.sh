#!/usr/bin/env bash
# Shared by scripts/add-migration.sh and scripts/remove-migration.sh; not meant to be run directly.
# Prepares everything the EF Core tools need here (see docs/MIGRATIONS.md):
#   1. empty stand-in packages for the two dependencies of Microsoft.EntityFrameworkCore.Design
#      that the package registry used by this project does not have, packed into a local feed
#      under .artifacts/ (git-ignored);
#   2. the dotnet-ef local tool (.config/dotnet-tools.json);
#   3. a build of the design-time startup project tools/HocVuSo.DesignTime.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EF_WORK="$REPO_ROOT/.artifacts/ef-design"
EF_FEED="$EF_WORK/feed"
EF_CORE_PROJECT="src/HocVuSo.Core"
EF_STARTUP_PROJECT="tools/HocVuSo.DesignTime"
EF_MIGRATIONS_ROOT="$REPO_ROOT/$EF_CORE_PROJECT/Data/Migrations"

# The providers and their contexts; each writes to Data/Migrations/<provider> in the Core project
# with namespace HocVuSo.Core.Data.Migrations.<provider>. Used by the scripts that source this file.
# shellcheck disable=SC2034
EF_PROVIDERS=(Sqlite Postgres)
declare -A EF_CONTEXT=([Sqlite]=SqliteAppDbContext [Postgres]=PostgresAppDbContext)

# Package id and version of each stand-in, as Microsoft.EntityFrameworkCore.Design 10.0.11 asks.
EF_STANDINS=("Mono.TextTemplating 3.0.0" "Microsoft.VisualStudio.SolutionPersistence 1.0.52")

ef_log() { printf '==> %s\n' "$*"; }

ef_die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

ef_require_dotnet() {
    command -v dotnet >/dev/null 2>&1 || ef_die "the .NET SDK ('dotnet') is not on PATH."
}

# Packs an empty class library under each stand-in's id and version into $EF_FEED, once.
ef_ensure_standins() {
    local src="$EF_WORK/standins"
    mkdir -p "$EF_FEED" "$src"
    # Keep the repository's build settings (analyzers, central package versions) out of the stand-ins.
    printf '<Project />\n' >"$src/Directory.Build.props"
    printf '<Project />\n' >"$src/Directory.Build.targets"
    printf '<Project />\n' >"$src/Directory.Packages.props"

    local entry id version
    for entry in "${EF_STANDINS[@]}"; do
        read -r id version <<<"$entry"
        if [[ -f "$EF_FEED/$id.$version.nupkg" ]]; then
            continue
        fi
        ef_log "Packing empty stand-in $id $version"
        mkdir -p "$src/$id"
        cat >"$src/$id/$id.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <PackageId>$id</PackageId>
    <Version>$version</Version>
    <Authors>HocVuSo design-time stand-in</Authors>
    <Description>Empty stand-in: satisfies a dependency of Microsoft.EntityFrameworkCore.Design that is not in the package registry.</Description>
  </PropertyGroup>
</Project>
XML
        dotnet pack "$src/$id/$id.csproj" --configuration Release --output "$EF_FEED" --nologo --verbosity quiet \
            || ef_die "could not pack the stand-in package $id $version."
        [[ -f "$EF_FEED/$id.$version.nupkg" ]] || ef_die "packing $id did not produce $id.$version.nupkg."
    done
}

ef_ensure_tool() {
    ef_log "Restoring the dotnet-ef local tool"
    (cd "$REPO_ROOT" && dotnet tool restore >/dev/null) \
        || ef_die "'dotnet tool restore' failed; dotnet-ef 10.0.11 must be available from the package registry."
}

ef_build_startup() {
    ef_log "Building $EF_STARTUP_PROJECT"
    (cd "$REPO_ROOT" && dotnet build "$EF_STARTUP_PROJECT" --nologo --verbosity quiet) \
        || ef_die "building $EF_STARTUP_PROJECT failed (see the errors above)."
}

ef_prepare() {
    ef_require_dotnet
    ef_ensure_standins
    ef_ensure_tool
    ef_build_startup
}

# Prints the names (file names without .cs) of a provider's migrations, oldest first.
ef_list_migrations() {
    local dir="$EF_MIGRATIONS_ROOT/$1" file base
    [[ -d "$dir" ]] || return 0
    for file in "$dir"/*.cs; do
        base="$(basename "$file" .cs)"
        if [[ "$base" =~ ^[0-9]{14}_[A-Za-z0-9_]+$ ]]; then
            printf '%s\n' "$base"
        fi
    done | sort
}

# Prints the migration of a provider whose name is NAME (e.g. 20250101000000_NAME), or nothing.
ef_find_migration() {
    ef_list_migrations "$1" | grep -E "^[0-9]{14}_$2\$" || true
}

# Runs 'dotnet ef ARGS... ' for one provider against the already built startup project.
ef_run() {
    local provider="$1"
    shift
    (cd "$REPO_ROOT" && dotnet ef "$@" \
        --project "$EF_CORE_PROJECT" \
        --startup-project "$EF_STARTUP_PROJECT" \
        --context "${EF_CONTEXT[$provider]}" \
        --no-build)
}
