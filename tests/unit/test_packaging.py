"""Version and MSI source of the installers (issue 17): one version from pyproject.toml
everywhere, and an MSI whose components keep their GUIDs from one version to the next (else
Windows Installer leaves old files behind or removes new ones on an update)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

from naravard_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_installers_and_the_app_report_pyproject_version() -> None:
    version = load(ROOT / "packaging" / "project_version.py").project_version()
    with (ROOT / "pyproject.toml").open("rb") as file:
        assert version == tomllib.load(file)["project"]["version"]
    assert __version__ == version  # what --version and the About dialog show


def bundle(folder: Path, *extra: str) -> Path:
    for name in ("naravard-desktop.exe", "naravard-cli.exe", "_internal/base_library.zip", *extra):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"x")
    return folder


def wxs(folder: Path, out: Path, version: str) -> str:
    script = ROOT / "packaging" / "windows" / "make_wxs.py"
    subprocess.run(
        [sys.executable, str(script), str(folder), str(out), "--version", version], check=True
    )
    return out.read_text(encoding="utf-8")


def components(text: str) -> dict[str, str]:
    """Installed file name -> component GUID."""
    pattern = r'<Component Id="[^"]+" Guid="([^"]+)"[^>]*>\s*<File Id="[^"]+" Name="([^"]+)"'
    return {name: guid for guid, name in re.findall(pattern, text)}


def test_msi_update_keeps_component_guids_and_upgrade_code(tmp_path: Path) -> None:
    old = wxs(bundle(tmp_path / "old", "_internal/stale.txt"), tmp_path / "o" / "a.wxs", "0.0.1")
    new = wxs(bundle(tmp_path / "new"), tmp_path / "n" / "a.wxs", "0.2.0")

    assert 'Version="0.0.1"' in old and 'Version="0.2.0"' in new
    upgrade = re.compile(r'UpgradeCode="([^"]+)"')
    assert upgrade.findall(old) == upgrade.findall(new) != []
    old_components, new_components = components(old), components(new)
    assert set(new_components) == {"naravard-desktop.exe", "naravard-cli.exe", "base_library.zip"}
    assert "stale.txt" in old_components
    for name, guid in new_components.items():
        assert old_components[name] == guid
    assert "CustomAction" not in new
    assert 'InstallScope="perMachine"' in new
