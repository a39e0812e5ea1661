"""The built wheel carries what an installed app needs: compiled catalogs, migrations, fonts.

Builds a real wheel from this checkout, installs it into a private folder and runs it from
there, so nothing is found by accident in the source tree.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIP_INSTALL = (sys.executable, "-m", "pip", "install", "--quiet", "--no-deps")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (path,) = out.glob("naravard_desktop-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [*PIP_INSTALL, "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    return target


def _run(installed: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(installed)
    env["NARAVARD_DATA_DIR"] = str(tmp_path / "data")
    return subprocess.run(
        [sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True
    )


def test_wheel_contains_catalogs_migrations_and_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "naravard_desktop/locale/sv/LC_MESSAGES/messages.mo",
        "naravard_desktop/locale/en/LC_MESSAGES/messages.mo",
        "naravard_desktop/db/migrations/env.py",
        "naravard_desktop/db/migrations/versions/0001_group_and_members.py",
        "naravard_desktop/db/migrations/versions/0002_plan_sip_meetings.py",
        "naravard_desktop/resources/fonts/DejaVuSans.ttf",
        "naravard_desktop/resources/fonts/LICENSE-DejaVu.txt",
        "naravard_desktop/resources/icons/naravard.svg",
        "naravard_desktop/py.typed",
    ):
        assert expected in names


def test_installed_copy_translates_from_its_own_catalog(installed: Path, tmp_path: Path) -> None:
    code = (
        "import naravard_desktop, naravard_desktop.i18n as i, naravard_desktop.paths as p;"
        "i.set_language('sv');"
        "print(naravard_desktop.__file__); print(p.locale_dir()); print(i._('Members'))"
    )
    result = _run(installed, tmp_path, "-c", code)
    assert result.returncode == 0, result.stderr
    package_file, locale_dir, translated = result.stdout.splitlines()
    assert Path(package_file).is_relative_to(installed)
    assert Path(locale_dir) == installed / "naravard_desktop" / "locale"
    assert translated == "Ledamöter"


def test_installed_copy_migrates_and_checks_a_database(installed: Path, tmp_path: Path) -> None:
    database = tmp_path / "installed.sqlite"
    demo = _run(installed, tmp_path, "-m", "naravard_desktop", "demo", "--database", str(database))
    assert demo.returncode == 0, demo.stderr
    assert "Demodata tillagda" in demo.stdout
    check = _run(installed, tmp_path, "-m", "naravard_desktop", "check", f"--database={database}")
    assert check.returncode == 0, check.stderr
    assert "Databasen är felfri." in check.stdout
