#!/usr/bin/env bash
# Runs the per-user NSIS installer under Wine, in a throwaway prefix, the way an IT
# department's script or a user would: silent install (/S), an update over an older version
# (refused while the app runs, then done), the Start-menu shortcut and the HKCU uninstall
# entry, no .sqlite file association, and a silent uninstall that keeps the user's data.
#
#   packaging/windows/test_nsis_wine.sh OLD_SETUP.exe OLD_VERSION NEW_SETUP.exe NEW_VERSION
#
# The setups are built against stand-in bundles (stand_in_bundle.sh); OLD's bundle has
# _internal\stale-OLD_VERSION.txt, which the update must remove. The language is checked
# through the shortcut's description (Swedish under sv_SE, English under en_US). What Wine
# cannot show: the installer's pages on screen, Windows' own file locking and SmartScreen,
# the shortcut's look, and a real PyInstaller .exe starting (see packaging/README.md).
set -euo pipefail

OLD_SETUP=$(realpath "${1:?usage: test_nsis_wine.sh OLD_SETUP OLD_VERSION NEW_SETUP NEW_VERSION}")
OLD_VERSION=${2:?}
NEW_SETUP=$(realpath "${3:?}")
NEW_VERSION=${4:?}

WINEPREFIX=$(mktemp -d /tmp/naravard-wine.XXXXXX)
export WINEPREFIX WINEDEBUG=-all WINEARCH=win64
# A Swedish Windows (the installer's language follows the user's UI language); only for
# Wine, which reads the name itself: the host need not have the locale.
WINE_LOCALE=sv_SE.UTF-8
wine() { LC_ALL="$WINE_LOCALE" command wine "$@"; }
wineboot() { LC_ALL="$WINE_LOCALE" command wineboot "$@"; }
# No menu entries on the host, no Mono or Gecko download prompts.
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
cleanup() {
	wineserver -k 2>/dev/null || true
	rm -rf "$WINEPREFIX"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
fail() {
	printf 'WINE INSTALLER TEST FAILED: %s\n' "$*" >&2
	exit 1
}
win() { wine "$@" 2>/dev/null | tr -d '\r'; }
unix_path() { winepath -u "$1" 2>/dev/null | tr -d '\r'; }
reg_value() {  # KEY NAME -> the value, or nothing
	win reg query "$1" /v "$2" | awk -v name="$2" '$1 == name {sub(/^[ \t]*[^ \t]+[ \t]+[^ \t]+[ \t]+/, ""); print}'
}
shortcut_says() {  # TEXT: the shortcut's description (UTF-16 in the .lnk) contains TEXT
	python3 -c 'import sys; sys.exit(sys.argv[2].encode("utf-16-le") not in open(sys.argv[1], "rb").read())' "$SHORTCUT" "$1"
}
run_setup() {  # SETUP ARGS... -> exit code of the installer
	local code=0
	wine "$@" >/dev/null 2>&1 || code=$?
	wineserver -w
	echo "$code"
}

UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\naravard-desktop'

step "throwaway Wine prefix $WINEPREFIX"
wineboot -i >/dev/null 2>&1
wineserver -w
LOCALAPPDATA=$(unix_path "$(win cmd /c echo %LOCALAPPDATA%)")
APPDATA=$(unix_path "$(win cmd /c echo %APPDATA%)")
INSTDIR="$LOCALAPPDATA/Programs/naravard-desktop"
SHORTCUT="$APPDATA/Microsoft/Windows/Start Menu/Programs/naravard-desktop.lnk"
DATA="$LOCALAPPDATA/naravard/naravard-desktop"
echo "install folder: $INSTDIR"

step "silent install of $OLD_VERSION, no administrator rights asked for"
code=$(run_setup "$OLD_SETUP" /S)
[ "$code" = 0 ] || fail "installer $OLD_VERSION exited with $code"
[ -f "$INSTDIR/naravard-desktop.exe" ] || fail "naravard-desktop.exe not installed"
[ -f "$INSTDIR/_internal/stale-$OLD_VERSION.txt" ] || fail "old bundle's file missing"
[ "$(reg_value "$UNINSTALL_KEY" DisplayVersion)" = "$OLD_VERSION" ] || fail "DisplayVersion is not $OLD_VERSION"

step "the user's data (as the app writes it to %LOCALAPPDATA%\\naravard\\naravard-desktop)"
mkdir -p "$DATA/backups"
printf 'the group database\n' >"$DATA/naravard.sqlite"
printf 'a backup\n' >"$DATA/backups/naravard-2026-01-01-auto.sqlite"
printf '[General]\nlanguage=sv\n' >"$DATA/settings.ini"

step "update to $NEW_VERSION while the app runs: refused (exit 2), old version left whole"
wine "$INSTDIR/naravard-desktop.exe" /sleep=60000 >/dev/null 2>&1 &
APP=$!
sleep 2
code=$(wine "$NEW_SETUP" /S >/dev/null 2>&1; echo $?) || true
[ "$code" = 2 ] || fail "update while running exited with $code, expected 2"
[ -f "$INSTDIR/_internal/stale-$OLD_VERSION.txt" ] || fail "refused update still changed _internal"
[ -f "$INSTDIR/naravard-desktop.exe" ] || fail "refused update removed naravard-desktop.exe"
[ "$(reg_value "$UNINSTALL_KEY" DisplayVersion)" = "$OLD_VERSION" ] || fail "refused update changed DisplayVersion"
echo "refused with exit code 2, $OLD_VERSION still installed"
win taskkill /f /im naravard-desktop.exe >/dev/null || true
wait "$APP" 2>/dev/null || true
wineserver -w

step "update to $NEW_VERSION with the app closed"
code=$(run_setup "$NEW_SETUP" /S)
[ "$code" = 0 ] || fail "installer $NEW_VERSION exited with $code"
[ ! -e "$INSTDIR/_internal/stale-$OLD_VERSION.txt" ] || fail "a file of $OLD_VERSION lingers in _internal"
grep -q "naravard-desktop $NEW_VERSION" "$INSTDIR/_internal/VERSION.txt" || fail "_internal is not $NEW_VERSION's"
for f in naravard-desktop.exe naravard-cli.exe naravard.ico uninstall.exe _internal/naravard_desktop/resources/README.txt; do
	[ -f "$INSTDIR/$f" ] || fail "$f not installed"
done
[ -f "$SHORTCUT" ] || fail "no Start-menu shortcut at $SHORTCUT"
grep -aq 'naravard-desktop.exe' "$SHORTCUT" || fail "the shortcut does not point at naravard-desktop.exe"
shortcut_says 'SIP-uppföljning' || fail "a Swedish Windows did not get the Swedish installer texts"
for name in DisplayName Publisher InstallLocation UninstallString QuietUninstallString; do
	[ -n "$(reg_value "$UNINSTALL_KEY" "$name")" ] || fail "uninstall entry has no $name"
done
[ "$(reg_value "$UNINSTALL_KEY" DisplayVersion)" = "$NEW_VERSION" ] || fail "DisplayVersion is not $NEW_VERSION"
reg_value "$UNINSTALL_KEY" QuietUninstallString
if win reg query 'HKCU\Software\Classes\.sqlite' >/dev/null 2>&1 \
	|| win reg query 'HKCR\.sqlite' >/dev/null 2>&1; then
	fail "the installer registered itself for .sqlite files"
fi
if grep -aqi 'naravard' "$WINEPREFIX/system.reg"; then
	fail "the per-user installer wrote to the machine's registry (HKLM)"
fi
[ -f "$DATA/naravard.sqlite" ] || fail "the update touched the user's data"
echo "installed $NEW_VERSION: files, shortcut, HKCU entry; nothing in HKLM; .sqlite not taken"

step "silent uninstall keeps the user's data"
code=$(run_setup "$INSTDIR/uninstall.exe" /S)
[ "$code" = 0 ] || fail "uninstaller exited with $code"
sleep 1
wineserver -w
[ ! -e "$INSTDIR" ] || { find "$INSTDIR" >&2; fail "files left in $INSTDIR"; }
[ ! -e "$SHORTCUT" ] || fail "the Start-menu shortcut is still there"
if win reg query "$UNINSTALL_KEY" >/dev/null 2>&1; then fail "uninstall entry still in HKCU"; fi
grep -q 'the group database' "$DATA/naravard.sqlite" || fail "the database was removed"
[ -f "$DATA/backups/naravard-2026-01-01-auto.sqlite" ] || fail "the backups were removed"
[ -f "$DATA/settings.ini" ] || fail "the settings were removed"
echo "program removed; database, backups and settings kept in $DATA"

step "an English Windows gets the English texts"
code=$(WINE_LOCALE=en_US.UTF-8 run_setup "$NEW_SETUP" /S)
[ "$code" = 0 ] || fail "installer under an English locale exited with $code"
shortcut_says 'SIP follow-up' || fail "an English Windows did not get the English installer texts"
code=$(run_setup "$INSTDIR/uninstall.exe" /S)
[ "$code" = 0 ] || fail "second uninstall exited with $code"
echo "Swedish texts on a Swedish Windows, English on an English one (shortcut description)"

printf '\nWINE INSTALLER TEST PASSED: %s then %s\n' "$(basename "$OLD_SETUP")" "$(basename "$NEW_SETUP")"
