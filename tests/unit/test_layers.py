"""The layers of DESIGN.md hold: imports point down only, and Qt stays in the window.

From the top: the front doors (`app`, `ui`, `cli`) → the documents (`documents`: every
byte that goes into a file) → the use cases (`services`) → the models (`db`) → the base
every layer may use (`errors`, `i18n`, `paths`, …). A module may import its own layer or any
layer below it. Where a service needs bytes rendered (the protocol stored at approval, a
signature's stamp), the documents layer passes its writer in as a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "naravard_desktop"

LAYERS = {
    "__main__": 5,
    "app": 5,
    "ui": 5,
    "cli": 5,
    "documents": 4,
    "services": 3,
    "db": 2,
    "errors": 1,
    "i18n": 1,
    "paths": 1,
    "logging_setup": 1,
    "licences": 1,
    "instance_lock": 1,
    "atomic_files": 1,
    "__init__": 1,
}
QT_ALLOWED = {"ui", "app"}


def _top(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imports(tree: ast.AST) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            if node.module == "naravard_desktop":  # from naravard_desktop import documents
                found.extend(f"naravard_desktop.{alias.name}" for alias in node.names)
    return found


def _modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts]


def test_every_module_belongs_to_a_layer() -> None:
    assert sorted({_top(p) for p in _modules()} - set(LAYERS)) == []


def test_imports_point_down_only() -> None:
    upward: set[tuple[str, str]] = set()
    for path in _modules():
        here = _top(path)
        for name in _imports(ast.parse(path.read_text("utf-8"))):
            parts = name.split(".")
            if parts[0] != "naravard_desktop" or len(parts) < 2:
                continue
            target = parts[1]
            if target != here and LAYERS.get(target, 0) > LAYERS[here]:
                upward.add((str(path.relative_to(PACKAGE)), target))
    assert sorted(upward) == [], "imports that point up a layer"


def test_qt_is_imported_only_by_the_window() -> None:
    outside = [
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if _top(path) not in QT_ALLOWED
        and any(
            name.split(".")[0] in {"PySide6", "shiboken6"}
            for name in _imports(ast.parse(path.read_text("utf-8")))
        )
    ]
    assert outside == []
