#!/usr/bin/env bash
# Builds a stand-in for the Windows bundle (dist\naravard-desktop\ as PyInstaller makes it on
# Windows): naravard-desktop.exe and naravard-cli.exe are tiny 64-bit programs (stand_in.nsi),
# _internal\ holds a few files and a nested folder, one of them naming the version. The
# installers are built and tested against it on Linux.
#
#   packaging/windows/stand_in_bundle.sh OUT_DIR VERSION [EXTRA_FILE_IN__internal]
set -euo pipefail

OUT=${1:?usage: stand_in_bundle.sh OUT_DIR VERSION [EXTRA_FILE]}
VERSION=${2:?usage: stand_in_bundle.sh OUT_DIR VERSION [EXTRA_FILE]}
EXTRA=${3:-}
HERE=$(cd "$(dirname "$0")" && pwd)

rm -rf "$OUT"
mkdir -p "$OUT/_internal/naravard_desktop/resources"
OUT=$(cd "$OUT" && pwd)
makensis -V1 -DOUT_FILE="$OUT/naravard-desktop.exe" "$HERE/stand_in.nsi"
cp "$OUT/naravard-desktop.exe" "$OUT/naravard-cli.exe"
printf 'naravard-desktop %s (stand-in bundle)\n' "$VERSION" >"$OUT/_internal/VERSION.txt"
printf 'stand-in for the resources folder\n' >"$OUT/_internal/naravard_desktop/resources/README.txt"
head -c 65536 /dev/zero >"$OUT/_internal/base_library.zip"
if [ -n "$EXTRA" ]; then
	printf 'only in this version\n' >"$OUT/_internal/$EXTRA"
fi
