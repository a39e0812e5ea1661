#!/usr/bin/env bash
# Pictures of the NSIS setup's pages as a Swedish Windows user sees them, under Wine in Xvfb:
# welcome, install folder, and the refusal while the app runs. For looking, not part of
# `make package` (needs xvfb and xdotool: apt-get install -y xvfb xdotool).
#
#   packaging/windows/screenshots_wine.sh SETUP.exe OUT_DIR [PYTHON-with-Pillow]
set -euo pipefail

if [ -z "${DISPLAY:-}" ]; then exec xvfb-run -a -s "-screen 0 800x600x24" "$0" "$@"; fi
SETUP=$(realpath "${1:?usage: screenshots_wine.sh SETUP.exe OUT_DIR [PYTHON]}")
OUT=$(mkdir -p "${2:?}" && cd "$2" && pwd)
PYTHON=${3:-python3}
WINEPREFIX=$(mktemp -d /tmp/naravard-wine-look.XXXXXX)
export WINEPREFIX WINEDEBUG=-all WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
trap 'wineserver -k 2>/dev/null || true; rm -rf "$WINEPREFIX"' EXIT
wine() { LC_ALL=sv_SE.UTF-8 command wine "$@"; }
grab() {
	"$PYTHON" -c 'import os, sys; from PIL import ImageGrab
ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).save(sys.argv[1])' "$OUT/$1"
	echo "$OUT/$1"
}

LC_ALL=sv_SE.UTF-8 wineboot -i >/dev/null 2>&1
wineserver -w
wine "$SETUP" /S >/dev/null 2>&1
wineserver -w
LOCAL=$(wine cmd /c echo %LOCALAPPDATA% 2>/dev/null | tr -d '\r')
wine "$LOCAL\Programs\naravard-desktop\naravard-desktop.exe" /sleep=60000 >/dev/null 2>&1 &
sleep 2
wine "$SETUP" >/dev/null 2>&1 &
sleep 10
grab 1-welcome.png
xdotool key Return
sleep 3
grab 2-folder.png
xdotool key Return
sleep 5
grab 3-app-running.png
