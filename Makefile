# naravard-desktop: `make run` starts the app, `make test` runs the whole suite offscreen, on
# SQLite and then (every test of a database, the window's included) on PostgreSQL.
# Both create .venv, install the project and, when run as root on Debian, the system
# libraries Qt needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Test workers for `make test` (pytest-xdist): one per core; TEST_JOBS=0 runs in one process.
# Each worker takes half the tests in order and, once done, half of what the other has left
# (worksteal): a file's tests mostly stay together, so its module fixtures are rarely made
# twice, and no core idles while a long file ends on the other (loadfile lost about a minute).
TEST_JOBS ?= auto
PYTEST := QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n $(TEST_JOBS) --dist worksteal
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# What a fresh Debian lacks for Qt: offscreen (tests) and a real X11/Wayland window (run).
QT_LIBS := libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
	libfreetype6 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
	libxcb-xkb1 libx11-xcb1 fonts-dejavu-core
VENV_PKGS := python3-venv python3-pip
# What the tests need beyond that: SoftHSM2, a PKCS#11 token standing in for a SITHS card
# (tests/unit/test_pkcs11_signing.py is skipped, saying why, when it is missing).
# PostgreSQL 15's server binaries for `make test-postgresql` (a throwaway cluster per run).
TEST_DEBS := softhsm2 postgresql
# What `make package` needs beyond that: NSIS and Wine (Windows installer), msitools and wixl
# (MSI), lintian and appstream (.deb checks), fakeroot (.deb build).
LINUX_PACKAGE_DEBS := lintian appstream fakeroot xz-utils
WINDOWS_PACKAGE_DEBS := nsis wine wine64 wixl msitools
VERSION = $(shell $(PYTHON) packaging/project_version.py)
DEB_ARCH = $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
STAND_IN := build/windows-stand-in
SHELL_SCRIPTS := packaging/*.sh packaging/*/*.sh .ci/run

.DEFAULT_GOAL := help
.PHONY: help run test test-deps test-sqlite test-postgresql test-crash test-attack test-long lint lint-packaging bench screenshots translations compile-translations system-deps package-deps-linux package-deps-windows venv wheel package package-linux package-windows checksums clean

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-22s %s\n", $$1, $$2}'

system-deps: ## Install the Debian libraries Qt needs (only when root and something is missing)
	@missing=""; \
	for p in $(QT_LIBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	$(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$$missing $(VENV_PKGS)"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $$missing >/dev/null; \
	else \
		echo "Note: these Debian packages may be needed:$$missing (install them as root)"; \
	fi

package-deps-linux package-deps-windows: package-deps-%: ## Debian packages for package-linux / package-windows (installed when root)
	@missing=""; \
	for p in $(if $(filter linux,$*),$(LINUX_PACKAGE_DEBS),$(WINDOWS_PACKAGE_DEBS)); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $$missing >/dev/null; \
	else \
		echo "Missing Debian packages:$$missing (install them as root)"; exit 1; \
	fi

$(STAMP): pyproject.toml setup.py
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test,postgresql]"
	@touch $(STAMP)

venv: $(STAMP) ## Create .venv and install the project with its test tools

compile-translations: $(STAMP) ## Compile translations/*.po for running from the source tree
	@$(BIN)/pybabel compile -d translations -D messages >/dev/null

translations: $(STAMP) ## Extract strings, update the sv and en catalogs, list untranslated ones
	$(BIN)/python translations/update.py

run: $(STAMP) compile-translations ## Start the app (embedded SQLite in the user data folder)
	$(BIN)/naravard-desktop $(ARGS)

lint: $(STAMP) lint-packaging ## ruff (style, imports), mypy (types), the CI workflows and shell scripts
	$(BIN)/ruff check naravard_desktop tests benchmarks packaging
	$(BIN)/ruff format --check naravard_desktop tests benchmarks packaging
	$(BIN)/mypy

lint-packaging: $(STAMP) ## actionlint on .github/workflows (with shellcheck on their run: steps), shellcheck on the scripts
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/actionlint
	$(BIN)/shellcheck $(SHELL_SCRIPTS)

test-deps: ## Install SoftHSM2 (PKCS#11 signing test) and PostgreSQL (only when root and missing)
	@missing=""; \
	for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $$missing >/dev/null; \
	else \
		echo "Note: the PKCS#11 signing test is skipped and the PostgreSQL run of make test fails without:$$missing (install as root)"; \
	fi

# `make test` is lint, then the whole suite on SQLite, then every test of a database (the
# `db` fixture: unit, GUI, CLI) once more on PostgreSQL, in one throwaway cluster
# (tests/db_backends.py); tests about the SQLite file itself are marked `sqlite_only`.
# Measured on a clean clone (2 cores; .ci/run: set-up, attacks 49 s, lint, then these two):
# SQLite 6 min 7 s (2439 tests), PostgreSQL 5 min 26 s (630 tests: each window test once, in
# Swedish; the GUI's most of it): 14 min 1 s for all of .ci/run.
# `make test-sqlite` / `make test-postgresql` run one part.
test: $(STAMP) compile-translations lint test-deps ## Lint, the whole suite on SQLite, then the database tests (window included) on PostgreSQL
	$(PYTEST) $(PYTEST_ARGS)
	$(PYTEST) -p no:cacheprovider --database=postgresql $(PYTEST_ARGS)

test-sqlite: $(STAMP) compile-translations test-deps ## Run the whole test suite on SQLite only (no lint)
	$(PYTEST) $(PYTEST_ARGS)

test-postgresql: $(STAMP) compile-translations test-deps ## Run the tests that use a database against a throwaway PostgreSQL cluster
	$(PYTEST) -p no:cacheprovider --database=postgresql $(PYTEST_ARGS)

test-crash: $(STAMP) compile-translations ## Kill a saving worker 100 times and a first start 100 times; print kills, corrupt files, lost transactions
	@mkdir -p build
	NARAVARD_CRASH_KILLS=100 NARAVARD_CRASH_REPORT=build/crash-report.json \
		QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -s -p no:cacheprovider tests/crash
	NARAVARD_FIRST_START_KILLS=100 QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -s \
		-p no:cacheprovider tests/attack/test_first_start.py
	@cat build/crash-report.json

test-attack: $(STAMP) compile-translations ## Re-run the attacks of issue 11 (bad files, read-only and damaged databases, kills), at most 10 minutes
	QT_QPA_PLATFORM=offscreen timeout 600 $(BIN)/pytest -q -p no:cacheprovider tests/attack

test-long: $(STAMP) compile-translations ## The property-based tests (bad input, disclosure control) with many more examples
	HYPOTHESIS_PROFILE=long QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -p no:cacheprovider \
		tests/unit/test_privacy.py tests/unit/test_bad_input.py tests/unit/test_bad_files.py \
		tests/unit/test_suppression.py tests/unit/test_sip_disclosure.py

bench: $(STAMP) compile-translations ## Run the benchmarks, print a table, write benchmarks/results/*.json
	@command -v soffice >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing: libreoffice-writer-nogui (the export benchmark's anchor)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				--no-install-recommends libreoffice-writer-nogui >/dev/null || \
				echo "Note: LibreOffice cannot be had; the export anchors are not measured"; \
		else \
			echo "Note: no LibreOffice (install libreoffice-writer-nogui as root); the export anchors are not measured"; \
		fi; }
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

screenshots: $(STAMP) compile-translations ## Every page of the demo window, light, dark and high contrast, sv and en, into build/screenshots/
	$(BIN)/python packaging/screenshots.py build/screenshots

wheel: $(STAMP) ## Build the wheel into dist/
	$(BIN)/python -m build --wheel --outdir dist .

package: package-linux package-windows checksums ## Linux bundle and .deb (smoke-tested, lintian), NSIS and MSI against a stand-in bundle (Wine, msitools), SHA256SUMS

package-linux: $(STAMP) package-deps-linux ## dist/naravard-desktop/ (PyInstaller) and the .deb, each smoke-tested
	@$(BIN)/python -c 'import PyInstaller' 2>/dev/null || $(BIN)/pip install -q "pyinstaller>=6.22,<7"
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/naravard-desktop.spec
	packaging/smoke_test.sh dist/naravard-desktop $(BIN)/python
	packaging/linux/build_deb.sh dist/naravard-desktop dist
	packaging/linux/test_deb.sh dist/naravard-desktop_$(VERSION)_$(DEB_ARCH).deb $(BIN)/python

package-windows: package-deps-windows ## The NSIS setup and the MSI built against a stand-in bundle, tested under Wine (build/windows-stand-in/)
	packaging/windows/stand_in_bundle.sh $(STAND_IN)/old 0.0.1 stale-0.0.1.txt
	packaging/windows/stand_in_bundle.sh $(STAND_IN)/new $(VERSION)
	cd packaging/windows && makensis -V2 -WX -DVERSION=0.0.1 -DDIST_DIR=../../$(STAND_IN)/old \
		-DOUT_FILE=../../$(STAND_IN)/naravard-desktop-0.0.1-setup.exe naravard-desktop.nsi
	cd packaging/windows && makensis -V2 -WX -DVERSION=$(VERSION) -DDIST_DIR=../../$(STAND_IN)/new \
		-DOUT_FILE=../../$(STAND_IN)/naravard-desktop-$(VERSION)-setup.exe naravard-desktop.nsi
	packaging/windows/test_nsis_wine.sh $(STAND_IN)/naravard-desktop-0.0.1-setup.exe 0.0.1 \
		$(STAND_IN)/naravard-desktop-$(VERSION)-setup.exe $(VERSION)
	$(PYTHON) packaging/windows/make_wxs.py $(STAND_IN)/old $(STAND_IN)/old.wxs --version 0.0.1
	$(PYTHON) packaging/windows/make_wxs.py $(STAND_IN)/new $(STAND_IN)/new.wxs
	cd $(STAND_IN) && wixl -a x64 -o naravard-desktop-0.0.1.msi old.wxs
	cd $(STAND_IN) && wixl -a x64 -o naravard-desktop-$(VERSION).msi new.wxs
	packaging/windows/test_msi.sh $(STAND_IN)/naravard-desktop-0.0.1.msi 0.0.1 \
		$(STAND_IN)/naravard-desktop-$(VERSION).msi $(VERSION) \
		"$$($(PYTHON) -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["tool"]["naravard-packaging"]["msi-upgrade-code"])')" \
		$(STAND_IN)/new

checksums: ## dist/SHA256SUMS for the installers and packages in dist/
	packaging/checksums.sh dist

clean: ## Remove the virtual environment and build output
	rm -rf $(VENV) build dist *.egg-info
