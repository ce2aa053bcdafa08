#!/usr/bin/env bash
# Builds the Debian package hocvuso_<version>_amd64.deb (dpkg-deb) into .artifacts/package/:
#   /usr/lib/hocvuso/                     the self-contained linux-x64 publish (no .NET runtime needed)
#   /etc/hocvuso/hocvuso.env              environment file of the services (conffile; secrets, mode 640)
#   /etc/hocvuso/appsettings.Production.json  settings file (conffile), read through a link in /usr/lib/hocvuso
#   /lib/systemd/system/hocvuso@.service, hocvuso-migrate.service   (deploy/systemd)
#   /usr/share/hocvuso/deploy/            nginx site, PgBouncer and PostgreSQL files (deploy/)
#   /usr/share/doc/hocvuso/               DEPLOYMENT.md, SCALING.md, README.md
# postinst creates the system user `hocvuso` and /var/lib/hocvuso; nothing is started (the
# database must be configured and migrated first, docs/DEPLOYMENT.md).
#   scripts/package-deb.sh [VERSION]      VERSION defaults to 0.<commit date>.<commits>, e.g. 0.20261203.412
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

version=${1:-0.$(git log -1 --format=%cd --date=format:%Y%m%d 2>/dev/null || date +%Y%m%d).$(git rev-list --count HEAD 2>/dev/null || echo 0)}
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || { echo "package-deb: '$version' is not a Debian version" >&2; exit 2; }
out=.artifacts/package
stage="$out/hocvuso_${version}_amd64"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/usr/lib/hocvuso" "$stage/etc/hocvuso" "$stage/lib/systemd/system" \
    "$stage/usr/share/hocvuso/deploy" "$stage/usr/share/doc/hocvuso"

echo "==> Publishing src/HocVuSo.Web (Release, linux-x64, self-contained)" >&2
dotnet publish src/HocVuSo.Web -c Release -r linux-x64 --self-contained true -o "$stage/usr/lib/hocvuso" -v q -nologo >"$out/publish.log" 2>&1 \
    || { tail -n 30 "$out/publish.log" >&2; exit 1; }
rm -f "$stage/usr/lib/hocvuso/appsettings.Development.json" "$stage/usr/lib/hocvuso"/*.pdb
ln -s /etc/hocvuso/appsettings.Production.json "$stage/usr/lib/hocvuso/appsettings.Production.json"

cp deploy/systemd/hocvuso@.service deploy/systemd/hocvuso-migrate.service "$stage/lib/systemd/system/"
cp -r deploy/nginx deploy/pgbouncer deploy/postgresql deploy/systemd "$stage/usr/share/hocvuso/deploy/"
for doc in docs/DEPLOYMENT.md docs/SCALING.md README.md; do [[ -f "$doc" ]] && cp "$doc" "$stage/usr/share/doc/hocvuso/"; done

cat >"$stage/etc/hocvuso/hocvuso.env" <<'EOF'
# HocVuSo: environment of the services hocvuso@PORT and hocvuso-migrate (docs/DEPLOYMENT.md).
# Readable by root and the hocvuso group only: it holds the database password and the keys.
ASPNETCORE_ENVIRONMENT=Production
Database__Provider=Postgres
# Through PgBouncer (transaction pooling): keep No Reset On Close and Max Auto Prepare=0.
ConnectionStrings__Default='Host=127.0.0.1;Port=6432;Database=hocvuso;Username=hocvuso;Password=CHANGE-ME;No Reset On Close=true;Max Auto Prepare=0'
# hocvuso migrate connects directly to the primary.
ConnectionStrings__Migrate='Host=127.0.0.1;Port=5432;Database=hocvuso;Username=hocvuso;Password=CHANGE-ME'
# Keys: base64 of 32 random bytes each (openssl rand -base64 32); the same on every instance; back them up.
#PersonalData__Keys__k1=
#PersonalData__ActiveKeyId=k1
#PersonalData__HashKey=
#Certificates__SigningKey=
# The data-protection key ring is kept in the database, encrypted with this certificate (PKCS#12).
#DataProtection__Certificate__Path=/etc/hocvuso/dataprotection.pfx
#DataProtection__Certificate__Password=
DataProtection__KeysPath=/var/lib/hocvuso/keys
Security__SecureCookies=Always
#Certificates__PublicBaseUrl=https://hocvuso.example.vn
EOF
printf '{\n}\n' >"$stage/etc/hocvuso/appsettings.Production.json"

installed_kb=$(du -sk "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<EOF
Package: hocvuso
Version: $version
Architecture: amd64
Maintainer: HocVuSo maintainers <hocvuso@example.vn>
Installed-Size: $installed_kb
Depends: adduser, libc6, libgcc-s1, libstdc++6, libssl3, zlib1g, libicu72
Recommends: nginx, pgbouncer, postgresql
Section: web
Priority: optional
Homepage: https://hocvuso.example.vn
Description: HocVuSo platform of the Digital Popular Education movement
 The web platform (Razor Pages, JSON API, command-line verbs) as a self-contained
 executable, with systemd units for N web instances and the migration step, and the
 nginx, PgBouncer and PostgreSQL configuration files of a provincial deployment.
EOF
printf '/etc/hocvuso/hocvuso.env\n/etc/hocvuso/appsettings.Production.json\n' >"$stage/DEBIAN/conffiles"

cat >"$stage/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    if ! getent passwd hocvuso >/dev/null; then
        adduser --system --group --home /var/lib/hocvuso --no-create-home --shell /usr/sbin/nologin --quiet hocvuso
    fi
    install -d -o hocvuso -g hocvuso -m 750 /var/lib/hocvuso
    chown root:hocvuso /etc/hocvuso /etc/hocvuso/hocvuso.env /etc/hocvuso/appsettings.Production.json
    chmod 750 /etc/hocvuso
    chmod 640 /etc/hocvuso/hocvuso.env /etc/hocvuso/appsettings.Production.json
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload || true
    fi
fi
exit 0
EOF
cat >"$stage/DEBIAN/prerm" <<'EOF'
#!/bin/sh
set -e
if [ -d /run/systemd/system ] && [ "$1" = remove ]; then
    systemctl stop 'hocvuso@*.service' hocvuso-migrate.service >/dev/null 2>&1 || true
fi
exit 0
EOF
cat >"$stage/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = purge ]; then
    # The data folder may hold the embedded database and generated keys: it is kept.
    if getent passwd hocvuso >/dev/null; then deluser --system --quiet hocvuso || true; fi
    if getent group hocvuso >/dev/null; then delgroup --system --quiet hocvuso || true; fi
    [ -d /var/lib/hocvuso ] && echo "hocvuso: /var/lib/hocvuso kept (data and keys); remove it by hand if it is no longer needed."
fi
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
exit 0
EOF
chmod 755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm" "$stage/DEBIAN/postrm"

deb="$out/hocvuso_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
rm -rf "$stage"
echo "$deb"
