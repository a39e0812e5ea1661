#!/usr/bin/env bash
# Smoke test of a built bundle (`make package` and the CI workflows run it): the headless
# commands on a demo database, every document writer, and an offscreen start of the window.
# Runs the bundle with a private data, config and working folder, so nothing in the source
# tree or the user's own folders can be found by accident.
#
#   packaging/smoke_test.sh dist/naravard-desktop [python-with-pypdf]
#   packaging/smoke_test.sh dist/naravard-desktop.app/Contents/MacOS python3      (macOS)
#   bash packaging/smoke_test.sh dist/naravard-desktop python                     (Git Bash)
#
# The same script runs on Windows under Git Bash: the .exe suffix is found, CR of CRLF output
# is dropped, and paths handed to the bundle are Windows paths (cygpath -m).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BUNDLE=$(cd "${1:?usage: smoke_test.sh BUNDLE_DIR [PYTHON]}" && pwd)
PYTHON=${2:-python3}
case $PYTHON in */*) PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")" ;; esac
EXE=""
[ -f "$BUNDLE/naravard-desktop.exe" ] && EXE=".exe"
CLI="$BUNDLE/naravard-cli$EXE"
GUI="$BUNDLE/naravard-desktop$EXE"
[ -x "$CLI" ] || CLI="$GUI"  # a bundle without the console twin
WINDOW_WAIT=${SMOKE_WINDOW_WAIT:-60}  # seconds; a loaded CI machine starts slowly

WORK=$(mktemp -d)
if command -v cygpath >/dev/null 2>&1; then WORK=$(cygpath -m "$WORK"); fi
GUI_PID=""
cleanup() {
	if [ -n "$GUI_PID" ]; then kill "$GUI_PID" 2>/dev/null || true; fi
	rm -rf "$WORK"
}
trap cleanup EXIT
export NARAVARD_DATA_DIR="$WORK/data" XDG_CONFIG_HOME="$WORK/config" HOME="$WORK/home"
export QT_QPA_PLATFORM=offscreen
unset NARAVARD_DATABASE
mkdir -p "$HOME"
cd "$WORK"
DB="$WORK/demo.sqlite"

step() { printf '\n== %s\n' "$*"; }
fail() {
	printf 'SMOKE TEST FAILED: %s\n' "$*" >&2
	if [ -f "$NARAVARD_DATA_DIR/naravard.log" ]; then tail -n 30 "$NARAVARD_DATA_DIR/naravard.log" >&2; fi
	exit 1
}

cli() { "$CLI" "$@" | tr -d '\r'; }

step "version (pyproject.toml's)"
VERSION=$(cli --version)
echo "$VERSION"
EXPECTED=$("$PYTHON" "$HERE/project_version.py" 2>/dev/null || true)
if [ -n "$EXPECTED" ] && [ "$VERSION" != "naravard-desktop $EXPECTED" ]; then
	fail "--version says '$VERSION', pyproject.toml says $EXPECTED"
fi

step "demo database (runs every migration from the bundled folder)"
"$CLI" demo --database "$DB"

step "check"
"$CLI" check --database "$DB" | tail -n 3

step "meetings list"
cli meetings list --database "$DB"
APPROVED=$(cli meetings list --database "$DB" | awk -F'\t' '$3 == "justerat" {print $1; exit}')
DRAFT=$(cli meetings list --database "$DB" | awk -F'\t' '$3 == "utkast" {print $1; exit}')
[ -n "$APPROVED" ] && [ -n "$DRAFT" ] || fail "the demo has no approved and draft meeting"
PLAN=$(cli plans list --database "$DB" --json | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')

step "documents (ReportLab fonts, pikepdf PDF/A data, python-docx templates, openpyxl)"
"$CLI" export protocol --database "$DB" --meeting "$APPROVED" --out protocol.pdf
"$CLI" export protocol --database "$DB" --meeting "$APPROVED" --out protocol.docx
"$CLI" export kallelse --database "$DB" --meeting "$DRAFT" --out kallelse.pdf
"$CLI" export plan --database "$DB" --plan "$PLAN" --out plan.pdf
"$CLI" export plan --database "$DB" --plan "$PLAN" --out plan.xlsx
YEAR=$(date +%Y)
"$CLI" export sip --database "$DB" --year "$YEAR" --out sip.pdf
"$CLI" export sip --database "$DB" --year "$YEAR" --out sip.csv

step "verify the protocol against the approved revision"
"$CLI" verify --database "$DB" protocol.pdf

step "read the PDFs back (Swedish text, PDF/A marker)"
"$PYTHON" - protocol.pdf kallelse.pdf plan.pdf sip.pdf <<'EOF'
import sys
from pypdf import PdfReader

for name in sys.argv[1:]:
    reader = PdfReader(name)
    text = "".join(page.extract_text() or "" for page in reader.pages)
    if "Sida 1 av" not in text:
        sys.exit(f"{name}: no 'Sida 1 av' footer in the extracted text")
    print(f"{name}: {len(reader.pages)} pages, {len(text)} characters of text")
metadata = PdfReader("protocol.pdf").xmp_metadata
if metadata is None or "pdfaid" not in str(metadata.rdf_root.toxml()):
    sys.exit("protocol.pdf: no PDF/A identification in the XMP metadata")
print("protocol.pdf: PDF/A identification present")
EOF

step "window starts offscreen and stays up (daily backup written = main window shown)"
"$GUI" --database "$DB" >gui.out 2>&1 &
GUI_PID=$!
waited=0
until ls "$WORK"/backups/demo-*-auto.sqlite >/dev/null 2>&1; do
	kill -0 "$GUI_PID" 2>/dev/null || { cat gui.out >&2; fail "the window process exited after $waited s"; }
	[ "$waited" -lt "$WINDOW_WAIT" ] || fail "no daily backup after $WINDOW_WAIT s: the main window did not open"
	sleep 1
	waited=$((waited + 1))
done
sleep 2  # still up a moment after the window opened
kill -0 "$GUI_PID" 2>/dev/null || { cat gui.out >&2; fail "the window process exited after opening"; }
kill "$GUI_PID"
wait "$GUI_PID" 2>/dev/null || true
GUI_PID=""
if grep -E 'Traceback|Error' gui.out >&2; then fail "the window printed an error"; fi
if grep -E ' (ERROR|CRITICAL) |Traceback' "$NARAVARD_DATA_DIR/naravard.log" >&2; then
	fail "errors in the log file"
fi
echo "window up after $waited s, backup: $(basename "$WORK"/backups/demo-*-auto.sqlite)"

printf '\nSMOKE TEST PASSED: %s\n' "$BUNDLE"
