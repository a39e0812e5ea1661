"""Names in Swedish alphabetical order on every database: Å, Ä and Ö after Z (SQLite, a
PostgreSQL cluster in the C locale and Python's code points all put Ä before Å)."""

from __future__ import annotations

from naravard_desktop.i18n import sort_key
from naravard_desktop.services.group import groups, members
from naravard_desktop.services.group.read_models import GroupInput, MemberInput
from naravard_desktop.services.system.database import Database

IN_ORDER = ["ahl", "Ebba", "Éric", "Erik", "Mylla", "Müller", "Zorn", "Åberg", "Ärla", "Öst"]


def test_the_key_sorts_as_a_swedish_dictionary_does() -> None:
    assert sorted(reversed(IN_ORDER), key=sort_key) == IN_ORDER
    assert sort_key("ÅSA") == sort_key("åsa")


def test_members_and_groups_are_listed_in_swedish_order(db: Database) -> None:
    for name in ("Örjan i Öst", "Ärla Berg", "Åsa Lind", "Zorn Nilsson", "anna Ek"):
        groups.create_group(db, GroupInput(name=f"Samverkan {name.split()[-1]}"))
    group = groups.create_group(db, GroupInput(name="Samverkan Bergsjö"))
    for name in ("Örjan Öst", "Ärla Berg", "Åsa Lind", "Zorn Nilsson", "anna Ek"):
        members.add_member(db, group.id, MemberInput(name=name))

    assert [m.name for m in members.list_members(db, group.id)] == [
        "anna Ek", "Zorn Nilsson", "Åsa Lind", "Ärla Berg", "Örjan Öst"
    ]  # fmt: skip
    assert [g.name for g in groups.list_groups(db)] == [
        "Samverkan Berg", "Samverkan Bergsjö", "Samverkan Ek", "Samverkan Lind",
        "Samverkan Nilsson", "Samverkan Öst",
    ]  # fmt: skip
