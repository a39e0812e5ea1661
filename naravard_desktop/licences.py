"""What the app bundles and under which licences, for the About dialog and the installer."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from naravard_desktop.i18n import _
from naravard_desktop.paths import resource_path

# Distribution names of the runtime libraries shipped with the app.
BUNDLED_LIBRARIES = (
    "PySide6",
    "shiboken6",
    "SQLAlchemy",
    "alembic",
    "Mako",
    "reportlab",
    "babel",
    "platformdirs",
    "openpyxl",
    "python-docx",
    "pikepdf",
    "python-stdnum",
    "pyHanko",
    "pyhanko-certvalidator",
    "asn1crypto",
    "cryptography",
    "python-pkcs11",
    "fonttools",
    "uharfbuzz",
)


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def _licence(meta: metadata.PackageMetadata) -> str:
    expression = meta["License-Expression"]
    if expression:
        return str(expression)
    text = str(meta["License"] or "").strip()
    if text and len(text) < 80 and "\n" not in text:
        return text
    classifiers = [c for c in (meta.get_all("Classifier") or []) if c.startswith("License ::")]
    if classifiers:
        return str(classifiers[0]).split("::")[-1].strip()
    return text.splitlines()[0] if text else "?"


def bundled_libraries() -> list[Component]:
    found = []
    for name in BUNDLED_LIBRARIES:
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        found.append(Component(str(meta["Name"]), str(meta["Version"]), _licence(meta)))
    return found


def bundled_fonts() -> list[Component]:
    return [
        Component(
            "DejaVu Sans",
            "2.37",
            _("Bitstream Vera License; DejaVu changes are in the public domain"),
        )
    ]


def bundled_icons() -> list[Component]:
    return [
        Component("Lucide", "1.62.0", _("ISC License; icons from Feather under the MIT License"))
    ]


def icon_licence_text() -> str:
    return resource_path("icons", "lucide", "LICENSE.txt").read_text(encoding="utf-8")


def font_licence_text() -> str:
    return resource_path("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
