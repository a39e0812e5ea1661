"""Build hook: compile the gettext catalogs and copy resources/ into the package.

The source tree keeps `translations/` and `resources/` at the top level (where translators and
designers look for them); an installed package must carry them inside itself, compiled.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "naravard_desktop"
        compile_catalogs(ROOT / "translations", target / "locale")
        resources = target / "resources"
        if resources.exists():
            shutil.rmtree(resources)
        shutil.copytree(ROOT / "resources", resources)


def compile_catalogs(source: Path, target: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        lang = po_path.parent.parent.name
        out = target / lang / "LC_MESSAGES" / (po_path.stem + ".mo")
        out.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=lang)
        with out.open("wb") as mo_file:
            write_mo(mo_file, catalog)


# setuptools runs this file as __main__; packaging/naravard-desktop.spec imports it for
# compile_catalogs only.
if __name__ == "__main__":
    setup(cmdclass={"build_py": BuildWithData})
