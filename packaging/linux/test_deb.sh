#!/usr/bin/env bash
# Checks the .deb: lintian (no errors; the overrides in packaging/linux/lintian-overrides say
# why each remaining tag is expected of a self-contained bundle in /opt), appstreamcli on its
# AppStream metadata, the launchers and desktop file, then unpacks it (dpkg -x) into a
# temporary root and runs the smoke test on the bundle from there.
#
#   packaging/linux/test_deb.sh dist/naravard-desktop_0.1.0_amd64.deb [python-with-pypdf]
set -euo pipefail

DEB=$(realpath "${1:?usage: test_deb.sh DEB [PYTHON]}")
PYTHON=${2:-python3}
HERE=$(cd "$(dirname "$0")" && pwd)
APP_ID=se.naravard.desktop
ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT

step() { printf '\n== %s\n' "$*"; }
fail() {
	printf 'DEB TEST FAILED: %s\n' "$*" >&2
	exit 1
}

step "lintian $(basename "$DEB")"
# Tags: E errors fail the check; W warnings and I info are printed for the record.
lintian --fail-on error "$DEB" || fail "lintian reports errors"

step "unpacked into $ROOT (dpkg -x)"
dpkg -x "$DEB" "$ROOT"
dpkg-deb --field "$DEB" Package Version Installed-Size Depends | head -n 3
[ "$(readlink "$ROOT/usr/bin/naravard-desktop")" = /opt/naravard-desktop/naravard-desktop ] \
	|| fail "/usr/bin/naravard-desktop does not point into /opt/naravard-desktop"
[ "$(readlink "$ROOT/usr/bin/naravard-cli")" = /opt/naravard-desktop/naravard-cli ] \
	|| fail "/usr/bin/naravard-cli does not point into /opt/naravard-desktop"
[ -x "$ROOT/opt/naravard-desktop/naravard-desktop" ] || fail "no executable in /opt/naravard-desktop"
DESKTOP="$ROOT/usr/share/applications/$APP_ID.desktop"
grep -qx 'Exec=naravard-desktop' "$DESKTOP" || fail "the desktop file does not start naravard-desktop"
grep -qx "Icon=$APP_ID" "$DESKTOP" || fail "the desktop file names another icon"
[ -f "$ROOT/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg" ] || fail "no icon"
echo "launchers, desktop file and icon in place"

step "appstreamcli validate (AppStream metadata)"
METAINFO="$ROOT/usr/share/metainfo/$APP_ID.metainfo.xml"
appstreamcli validate --no-net --pedantic "$METAINFO" || fail "AppStream metadata not valid"
grep -q "<release version=\"$(dpkg-deb --field "$DEB" Version)\"" "$METAINFO" \
	|| fail "the AppStream release is not the package's version"

step "smoke test of the unpacked bundle"
"$HERE/../smoke_test.sh" "$ROOT/opt/naravard-desktop" "$PYTHON"

step "portable mode of the built program (portable.txt beside it)"
BUNDLE="$ROOT/opt/naravard-desktop"
touch "$BUNDLE/portable.txt"
NARAVARD_DATA_DIR="$ROOT/not-here" QT_QPA_PLATFORM=offscreen "$BUNDLE/naravard-cli" groups list
[ -f "$BUNDLE/data/naravard.sqlite" ] || fail "portable.txt: no database in data/ beside the program"
[ -f "$BUNDLE/data/naravard.log" ] || fail "portable.txt: no log in data/ beside the program"
[ ! -e "$ROOT/not-here" ] || fail "portable.txt: the user data folder was written to"
echo "database and log in $BUNDLE/data"

printf '\nDEB TEST PASSED: %s\n' "$(basename "$DEB")"
