#!/usr/bin/env bash
# Checks the per-machine MSI as an IT department would deploy it: its tables with msiinfo
# (msitools), then a silent install, an update over an older MSI and a silent uninstall with
# Wine's msiexec in a throwaway prefix.
#
#   packaging/windows/test_msi.sh OLD.msi OLD_VERSION NEW.msi NEW_VERSION UPGRADE_CODE BUNDLE_DIR
#
# BUNDLE_DIR is the (stand-in) bundle NEW.msi was built from: every file of it must be in the
# MSI. OLD's bundle has _internal\stale-OLD_VERSION.txt, which the update must remove.
set -euo pipefail

OLD=$(realpath "${1:?usage: test_msi.sh OLD.msi OLD_VERSION NEW.msi NEW_VERSION UPGRADE_CODE BUNDLE}")
OLD_VERSION=${2:?}
NEW=$(realpath "${3:?}")
NEW_VERSION=${4:?}
UPGRADE_CODE=${5:?}
BUNDLE=${6:?}

step() { printf '\n== %s\n' "$*"; }
fail() {
	printf 'MSI TEST FAILED: %s\n' "$*" >&2
	exit 1
}
property() { msiinfo export "$NEW" Property | tr -d '\r' | awk -F'\t' -v p="$1" '$1 == p {print $2}'; }
rows() { msiinfo export "$NEW" "$1" | tr -d '\r' | tail -n +4; }

step "tables of $(basename "$NEW") (msiinfo)"
[ "$(property ProductVersion)" = "$NEW_VERSION" ] || fail "ProductVersion is not $NEW_VERSION"
[ "$(property UpgradeCode)" = "{$UPGRADE_CODE}" ] || fail "UpgradeCode is not pyproject.toml's"
[ "$(property ALLUSERS)" = 1 ] || fail "not a per-machine package (ALLUSERS is not 1)"
msiinfo suminfo "$NEW" | grep -q '^Template: x64;' || fail "not a 64-bit package"
[ -z "$(rows CustomAction)" ] || fail "custom actions: $(rows CustomAction)"
for table in Extension ProgId Verb MIME TypeLib Class ServiceInstall; do
	if msiinfo tables "$NEW" | grep -qx "$table" && [ -n "$(rows "$table")" ]; then
		fail "the MSI registers something in $table"
	fi
done
if rows Registry | grep -qi -E 'sqlite|Classes'; then fail "the MSI touches file associations"; fi
rows Upgrade | grep -q "{$UPGRADE_CODE}" || fail "no MajorUpgrade row for the upgrade code"
rows Shortcut | awk -F'\t' '$2 == "ProgramMenuFolder" && $5 ~ /naravard-desktop\.exe$/' | grep -q . \
	|| fail "no Start-menu shortcut to naravard-desktop.exe"
expected=$(find "$BUNDLE" -type f | wc -l)
packed=$(rows File | wc -l)
[ "$expected" = "$packed" ] || fail "$packed files in the MSI, $expected in the bundle"
rows File | awk -F'\t' '{print $3}' | grep -qx 'naravard-desktop.exe' || fail "no naravard-desktop.exe"
echo "version $NEW_VERSION, upgrade code, per-machine x64, $packed files, shortcut, no custom actions"

WINEPREFIX=$(mktemp -d /tmp/naravard-msi.XXXXXX)
export WINEPREFIX WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
cleanup() {
	wineserver -k 2>/dev/null || true
	rm -rf "$WINEPREFIX"
}
trap cleanup EXIT
msiexec() {
	local code=0
	wine msiexec "$@" >/dev/null 2>&1 || code=$?
	wineserver -w
	return "$code"
}
products() {  # DisplayVersion of every installed naravard-desktop, one a line
	wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null \
		| tr -d '\r' | awk '/DisplayName.*naravard-desktop/ {found = 1} found && /DisplayVersion/ {print $3; found = 0}'
}

step "silent install of $OLD_VERSION with Wine's msiexec (/qn)"
wineboot -i >/dev/null 2>&1
wineserver -w
PROGRAMS="$WINEPREFIX/drive_c/Program Files/naravard-desktop"
msiexec /i "$(winepath -w "$OLD")" /qn || fail "msiexec /i $OLD_VERSION failed"
[ -f "$PROGRAMS/naravard-desktop.exe" ] || fail "not installed into Program Files"
[ -f "$PROGRAMS/_internal/stale-$OLD_VERSION.txt" ] || fail "old bundle's file missing"
[ "$(products)" = "$OLD_VERSION" ] || fail "Add/Remove Programs lists: $(products)"

step "update to $NEW_VERSION (MajorUpgrade removes $OLD_VERSION)"
msiexec /i "$(winepath -w "$NEW")" /qn || fail "msiexec /i $NEW_VERSION failed"
[ ! -e "$PROGRAMS/_internal/stale-$OLD_VERSION.txt" ] || fail "a file of $OLD_VERSION lingers"
grep -q "naravard-desktop $NEW_VERSION" "$PROGRAMS/_internal/VERSION.txt" || fail "_internal is not $NEW_VERSION's"
[ "$(products)" = "$NEW_VERSION" ] || fail "Add/Remove Programs lists: $(products | tr '\n' ' ')"
find "$WINEPREFIX/drive_c" -name 'naravard-desktop.lnk' | grep -q . || fail "no shortcut created"
echo "one product installed: $NEW_VERSION"

step "silent uninstall (msiexec /x … /qn)"
msiexec /x "$(winepath -w "$NEW")" /qn || fail "msiexec /x failed"
[ ! -e "$PROGRAMS" ] || { find "$PROGRAMS" >&2; fail "files left in Program Files"; }
[ -z "$(products)" ] || fail "still listed in Add/Remove Programs"
if find "$WINEPREFIX/drive_c" -name 'naravard-desktop.lnk' | grep -q .; then fail "shortcut left"; fi

printf '\nMSI TEST PASSED: %s\n' "$(basename "$NEW")"
