#!/usr/bin/env bash
# Builds the .deb from the PyInstaller bundle: the bundle in /opt/naravard-desktop, launchers
# naravard-desktop and naravard-cli in /usr/bin, the desktop file, icon and AppStream
# metadata, copyright and changelog. Version and maintainer come from pyproject.toml.
#
#   packaging/linux/build_deb.sh dist/naravard-desktop dist/
#
# Prints the path of the .deb. Checked by packaging/linux/test_deb.sh (lintian, appstreamcli,
# the smoke test from an unpacked copy).
set -euo pipefail

BUNDLE=$(cd "${1:?usage: build_deb.sh BUNDLE_DIR OUT_DIR}" && pwd)
OUT=${2:?usage: build_deb.sh BUNDLE_DIR OUT_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
[ -x "$BUNDLE/naravard-desktop" ] || { echo "$BUNDLE/naravard-desktop missing" >&2; exit 1; }

VERSION=$(python3 "$ROOT/packaging/project_version.py")
MAINTAINER=$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["tool"]["naravard-packaging"]["deb-maintainer"])' "$ROOT/pyproject.toml")
ARCH=$(dpkg --print-architecture)
# The release date: the last commit's, so two builds of one commit are the same.
DATE=$(git -C "$ROOT" log -1 --format=%cs 2>/dev/null || date -u +%F)
APP_ID=se.naravard.desktop

mkdir -p "$OUT"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
P="$STAGE/naravard-desktop_${VERSION}_$ARCH"
umask 022
mkdir -p "$P/DEBIAN" "$P/opt" "$P/usr/bin" "$P/usr/share/applications" \
	"$P/usr/share/icons/hicolor/scalable/apps" "$P/usr/share/metainfo" \
	"$P/usr/share/doc/naravard-desktop" "$P/usr/share/lintian/overrides"

cp -a "$BUNDLE" "$P/opt/naravard-desktop"
# Files as root installs them: readable by all, executables and folders 0755.
find "$P/opt" -type d -exec chmod 0755 {} +
find "$P/opt" -type f -exec chmod u+rw,go+r,go-w {} +
# Shared libraries need no execute bit (lintian: shared-library-is-executable).
find "$P/opt/naravard-desktop/_internal" -type f -name '*.so*' -exec chmod 0644 {} +
ln -s /opt/naravard-desktop/naravard-desktop "$P/usr/bin/naravard-desktop"
ln -s /opt/naravard-desktop/naravard-cli "$P/usr/bin/naravard-cli"

install -m 0644 "$HERE/$APP_ID.desktop" "$P/usr/share/applications/$APP_ID.desktop"
install -m 0644 "$ROOT/resources/icons/naravard.svg" "$P/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$DATE/" "$HERE/$APP_ID.metainfo.xml.in" \
	>"$P/usr/share/metainfo/$APP_ID.metainfo.xml"
chmod 0644 "$P/usr/share/metainfo/$APP_ID.metainfo.xml"
install -m 0644 "$HERE/copyright" "$P/usr/share/doc/naravard-desktop/copyright"
install -m 0644 "$HERE/lintian-overrides" "$P/usr/share/lintian/overrides/naravard-desktop"
{
	printf 'naravard-desktop (%s) unstable; urgency=medium\n\n' "$VERSION"
	printf '  * Release %s; see the project'"'"'s git history for the changes.\n\n' "$VERSION"
	printf ' -- %s  %s\n' "$MAINTAINER" "$(date -u -R -d "$DATE 12:00")"
} | gzip -9n >"$P/usr/share/doc/naravard-desktop/changelog.gz"
chmod 0644 "$P/usr/share/doc/naravard-desktop/changelog.gz"

cat >"$P/DEBIAN/control" <<CONTROL
Package: naravard-desktop
Version: $VERSION
Section: misc
Priority: optional
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $(du -sk --exclude=DEBIAN "$P" | cut -f1)
Depends: libc6, libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0, libxcb-image0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-randr0, libxcb-xkb1, libx11-xcb1, libxkbcommon-x11-0, libxkbcommon0, libegl1, libgl1, libopengl0, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0
Description: local plan, SIP follow-up, meetings and protocols
 A desktop application for the local collaboration groups of Swedish
 municipalities and regions working on good and close care (God och nära
 vård): the local plan, SIP follow-up counts, meeting notes and PDF/A
 protocols, offline, in one database file.
 .
 The program is a self-contained bundle in /opt/naravard-desktop;
 naravard-cli is its command-line twin.
CONTROL

DEB="$OUT/naravard-desktop_${VERSION}_$ARCH.deb"
fakeroot dpkg-deb --build -Zxz "$P" "$DEB" >/dev/null
echo "$DEB"
