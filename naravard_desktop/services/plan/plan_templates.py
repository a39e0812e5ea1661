"""Plan templates: data files in resources/plan_templates/*.json, not code.

Each file holds {"key", "order", "name": {"sv", "en"}, "description": {"sv", "en"},
"areas": [{"number", "title", "description"?, "areas": [...]}]}. Area titles are kept in the
language the source documents use (Swedish); only the template's name and description are
shown in the user's language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from naravard_desktop.errors import NotFoundError
from naravard_desktop.i18n import _, current_language
from naravard_desktop.paths import resource_path


@dataclass(frozen=True)
class TemplateArea:
    number: str
    title: str
    description: str = ""
    areas: tuple[TemplateArea, ...] = ()


@dataclass(frozen=True)
class PlanTemplate:
    key: str
    order: int
    names: dict[str, str]
    descriptions: dict[str, str]
    areas: tuple[TemplateArea, ...]

    @property
    def name(self) -> str:
        return self.names.get(current_language()) or self.names["sv"]

    @property
    def description(self) -> str:
        return self.descriptions.get(current_language()) or self.descriptions.get("sv", "")

    def area_count(self) -> int:
        def count(areas: tuple[TemplateArea, ...]) -> int:
            return sum(1 + count(area.areas) for area in areas)

        return count(self.areas)


def _area(data: dict[str, object]) -> TemplateArea:
    children = data.get("areas") or []
    assert isinstance(children, list)
    return TemplateArea(
        number=str(data.get("number", "")),
        title=str(data["title"]),
        description=str(data.get("description", "")),
        areas=tuple(_area(child) for child in children),
    )


@cache
def load_templates() -> tuple[PlanTemplate, ...]:
    """Every template in the resources folder, in their intended order (empty first)."""
    templates = []
    for path in sorted(resource_path("plan_templates").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        templates.append(
            PlanTemplate(
                key=data["key"],
                order=int(data.get("order", 99)),
                names=dict(data["name"]),
                descriptions=dict(data.get("description", {})),
                areas=tuple(_area(area) for area in data.get("areas", [])),
            )
        )
    return tuple(sorted(templates, key=lambda template: (template.order, template.key)))


def get_template(key: str) -> PlanTemplate:
    for template in load_templates():
        if template.key == key:
            return template
    raise NotFoundError(_("There is no plan template called “{key}”.").format(key=key))
