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


# The modules that hold read models (frozen dataclasses for the layers above): each area's
# read_models.py, and the models of the protocol, the plan import and the SIP analysis.
READ_MODEL_MODULES = ("read_models", "protocol_model", "plan_import_model", "analysis_model")


def _frozen_dataclasses() -> tuple[set[str], dict[str, set[str]]]:
    """The read models' names, and module → the frozen dataclasses defined elsewhere."""
    read_models: set[str] = set()
    elsewhere: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / "services").rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.ClassDef) and any(
                "dataclass(frozen=True" in ast.unparse(d) for d in node.decorator_list
            ):
                if path.stem in READ_MODEL_MODULES:
                    read_models.add(node.name)
                else:
                    elsewhere.setdefault(module, set()).add(node.name)
    return read_models, elsewhere


def test_the_layers_above_take_read_models_from_their_modules() -> None:
    """The window, the command line and the documents take the services' dataclasses from a
    read-model module (services/<area>/read_models.py and the like), never through the module
    of a use case that happens to build or re-export them."""
    read_models, elsewhere = _frozen_dataclasses()

    def bypasses(module: str, name: str) -> bool:
        if not module.startswith("naravard_desktop.services."):
            return False
        if module.rsplit(".", 1)[-1] in READ_MODEL_MODULES:
            return False
        return name in read_models or name in elsewhere.get(module, set())

    found: list[str] = []
    for path in _modules():
        if LAYERS[_top(path)] <= LAYERS["services"]:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        modules: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    if bypasses(node.module, alias.name):
                        found.append(f"{path.relative_to(PACKAGE)}: {alias.name}")
                    modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                module = modules.get(node.value.id, "")
                if bypasses(module, node.attr):
                    found.append(f"{path.relative_to(PACKAGE)}: {node.value.id}.{node.attr}")
    assert sorted(set(found)) == []
