#!/usr/bin/env bash
# Writes SHA256SUMS beside the release files in a folder (dist/ locally, the release job in
# CI): one line per installer or package, in the format `sha256sum --check` reads and
# PowerShell's Get-FileHash can be compared with (README: "Kontrollera filen").
#
#   packaging/checksums.sh dist
set -euo pipefail

cd "${1:?usage: checksums.sh FOLDER}"
shopt -s nullglob
files=(*.deb *.exe *.msi *.dmg *.zip *.tar.gz)
if [ ${#files[@]} -eq 0 ]; then
	echo "checksums.sh: no installers or packages in $(pwd)" >&2
	exit 1
fi
sha256sum -- "${files[@]}" >SHA256SUMS
sha256sum --check --quiet SHA256SUMS
cat SHA256SUMS
